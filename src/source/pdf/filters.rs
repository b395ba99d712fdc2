//! Stream filter chains decoded under a byte cap, before hayro sees them.
//!
//! hayro decodes every filter leniently and without a size limit: a cut-off
//! Flate stream gives what it has, an unknown filter name is silently left
//! out, a 2 KB stream may inflate to a gigabyte. Here the chain is decoded
//! with our own decoders that stop at `cap` bytes and say whether the data
//! ended early, so a page is refused or marked incomplete *before* hayro
//! decodes it. Image codecs (DCT, JPX, JBIG2, CCITT) are not run here: the
//! bytes handed to them are returned for cheap header checks.

use hayro::hayro_syntax::object::{Dict, Name, Object, Stream};
use std::borrow::Cow;
use std::io::Read;

/// A filter of the chain, named as in the PDF (abbreviations resolved).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Filter {
    AsciiHex,
    Ascii85,
    Lzw,
    Flate,
    RunLength,
    Crypt,
    /// An image codec; the chain must end with it.
    Image(ImageCodec),
}

/// Image codecs hayro decodes itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ImageCodec {
    Dct,
    Jpx,
    Jbig2,
    Ccitt,
}

/// Why a stream cannot be decoded whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    /// The data is damaged, cut off or uses something unsupported.
    Damaged(String),
    /// Decoding would exceed the cap.
    TooLarge(u64),
}

/// The filters and their parameters of a stream; `Err` names an unknown filter.
pub(crate) fn chain<'a>(dict: &Dict<'a>) -> Result<Vec<(Filter, Option<Dict<'a>>)>, Problem> {
    let filter_obj = dict.get::<Object<'_>>(b"Filter").or_else(|| dict.get::<Object<'_>>(b"F"));
    let params_obj = dict.get::<Object<'_>>(b"DecodeParms").or_else(|| dict.get::<Object<'_>>(b"DP"));
    let names: Vec<Object<'a>> = match filter_obj {
        None | Some(Object::Null(_)) => return Ok(Vec::new()),
        Some(Object::Name(n)) => vec![Object::Name(n)],
        Some(Object::Array(a)) => a.iter::<Object<'_>>().collect(),
        Some(Object::String(_) | Object::Dict(_)) => {
            return Err(Problem::Damaged("the stream's data is in an external file".into()));
        }
        Some(other) => return Err(Problem::Damaged(format!("the stream's filter is not a name: {other:?}"))),
    };
    let params: Vec<Option<Dict<'a>>> = match params_obj {
        Some(Object::Dict(d)) => vec![Some(d)],
        Some(Object::Array(a)) => a.iter::<Object<'_>>().map(|o| o.into_dict()).collect(),
        _ => Vec::new(),
    };
    let mut out = Vec::with_capacity(names.len());
    for (i, n) in names.into_iter().enumerate() {
        let Object::Name(n) = n else {
            return Err(Problem::Damaged("a filter of the stream is not a name".into()));
        };
        let f = filter(&n).ok_or_else(|| Problem::Damaged(format!("unknown filter /{}", n.as_str())))?;
        if out.iter().any(|(f, _)| matches!(f, Filter::Image(_))) {
            return Err(Problem::Damaged("a filter follows an image codec".into()));
        }
        out.push((f, params.get(i).cloned().flatten()));
    }
    Ok(out)
}

fn filter(n: &Name<'_>) -> Option<Filter> {
    Some(match n.as_ref() {
        b"ASCIIHexDecode" | b"AHx" => Filter::AsciiHex,
        b"ASCII85Decode" | b"A85" => Filter::Ascii85,
        b"LZWDecode" | b"LZW" => Filter::Lzw,
        b"FlateDecode" | b"Fl" => Filter::Flate,
        b"RunLengthDecode" | b"RL" => Filter::RunLength,
        b"Crypt" => Filter::Crypt,
        b"DCTDecode" | b"DCT" => Filter::Image(ImageCodec::Dct),
        b"JPXDecode" => Filter::Image(ImageCodec::Jpx),
        b"JBIG2Decode" => Filter::Image(ImageCodec::Jbig2),
        b"CCITTFaxDecode" | b"CCF" => Filter::Image(ImageCodec::Ccitt),
        _ => return None,
    })
}

/// What decoding a stream's chain up to its image codec gave.
pub(crate) struct Decoded<'a> {
    /// Bytes after the general filters; empty when `count_only` was asked
    /// and the last general filter was only counted.
    pub data: Cow<'a, [u8]>,
    /// Length of the decoded data (also when only counted).
    pub len: u64,
    /// The image codec the data goes to, if any, and its parameters.
    pub codec: Option<(ImageCodec, Option<Dict<'a>>)>,
    /// Parameters of the last general filter (predictors).
    pub last_params: Option<Dict<'a>>,
    /// The last general filter.
    pub last: Option<Filter>,
}

/// Decodes `stream`'s general filters with at most `cap` bytes out of each
/// step. With `count_only`, the last step is measured, not kept (when no
/// image codec follows it).
pub(crate) fn decode<'a>(stream: &Stream<'a>, cap: u64, count_only: bool) -> Result<Decoded<'a>, Problem> {
    let steps = chain(stream.dict())?;
    let mut data: Cow<'a, [u8]> = stream.raw_data();
    let general: Vec<_> = steps.iter().filter(|(f, _)| !matches!(f, Filter::Image(_))).cloned().collect();
    let codec = steps.iter().find_map(|(f, p)| match f {
        Filter::Image(c) => Some((*c, p.clone())),
        _ => None,
    });
    let mut len = data.len() as u64;
    let (mut last, mut last_params) = (None, None);
    for (i, (f, params)) in general.iter().enumerate() {
        let final_step = i + 1 == general.len() && codec.is_none();
        if *f == Filter::Crypt {
            continue;
        }
        last = Some(*f);
        last_params = params.clone();
        let mut sink = if count_only && final_step { Sink::Count(0) } else { Sink::Keep(Vec::new()) };
        run(*f, &data, cap, &mut sink)?;
        len = sink.len();
        data = match sink {
            Sink::Keep(v) => Cow::Owned(v),
            Sink::Count(_) => Cow::Borrowed(&[]),
        };
    }
    Ok(Decoded { data, len, codec, last_params, last })
}

enum Sink {
    Keep(Vec<u8>),
    Count(u64),
}

impl Sink {
    fn len(&self) -> u64 {
        match self {
            Sink::Keep(v) => v.len() as u64,
            Sink::Count(n) => *n,
        }
    }

    fn put(&mut self, bytes: &[u8], cap: u64) -> Result<(), Problem> {
        if self.len() + bytes.len() as u64 > cap {
            return Err(Problem::TooLarge(cap));
        }
        match self {
            Sink::Keep(v) => v.extend_from_slice(bytes),
            Sink::Count(n) => *n += bytes.len() as u64,
        }
        Ok(())
    }
}

fn run(f: Filter, data: &[u8], cap: u64, sink: &mut Sink) -> Result<(), Problem> {
    match f {
        Filter::Flate => flate(data, cap, sink),
        Filter::Lzw => lzw(data, cap, sink),
        Filter::AsciiHex => ascii_hex(data, cap, sink),
        Filter::Ascii85 => ascii85(data, cap, sink),
        Filter::RunLength => run_length(data, cap, sink),
        Filter::Crypt | Filter::Image(_) => Ok(()),
    }
}

/// Zlib data is read as raw deflate after its two-byte header, so a wrong
/// Adler checksum (common, harmless) does not count as damage; a deflate
/// stream that ends before its final block does.
fn flate(data: &[u8], cap: u64, sink: &mut Sink) -> Result<(), Problem> {
    let zlib_header =
        data.len() >= 2 && data[0] & 0x0F == 8 && (u16::from(data[0]) << 8 | u16::from(data[1])) % 31 == 0;
    let body = if zlib_header { &data[2..] } else { data };
    let mut dec = flate2::read::DeflateDecoder::new(body);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match dec.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => sink.put(&buf[..n], cap)?,
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                return Err(Problem::Damaged(format!(
                    "the compressed data is cut off after {} decoded bytes",
                    sink.len()
                )));
            }
            Err(e) => return Err(Problem::Damaged(format!("the compressed data is damaged: {e}"))),
        }
    }
}

/// PDF LZW: MSB first, 8-bit symbols, early change by default.
fn lzw(data: &[u8], cap: u64, sink: &mut Sink) -> Result<(), Problem> {
    let mut dec = weezl::decode::Decoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
    let mut buf = vec![0u8; 64 * 1024];
    let mut input = data;
    loop {
        let r = dec.decode_bytes(input, &mut buf);
        input = &input[r.consumed_in..];
        sink.put(&buf[..r.consumed_out], cap)?;
        match r.status {
            Ok(weezl::LzwStatus::Done) => return Ok(()),
            Ok(weezl::LzwStatus::Ok) => {}
            // Input ran out without an end-of-data code: many writers omit it.
            Ok(weezl::LzwStatus::NoProgress) => return Ok(()),
            Err(e) => return Err(Problem::Damaged(format!("the LZW data is damaged: {e}"))),
        }
    }
}

fn ascii_hex(data: &[u8], cap: u64, sink: &mut Sink) -> Result<(), Problem> {
    let mut out = Vec::with_capacity(data.len() / 2 + 1);
    let mut high: Option<u8> = None;
    for &b in data {
        let v = match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            b'A'..=b'F' => b - b'A' + 10,
            b'>' => break,
            b if b.is_ascii_whitespace() || b == 0 => continue,
            _ => return Err(Problem::Damaged("invalid character in ASCIIHex data".into())),
        };
        match high.take() {
            Some(h) => out.push(h << 4 | v),
            None => high = Some(v),
        }
    }
    if let Some(h) = high {
        out.push(h << 4);
    }
    sink.put(&out, cap)
}

fn ascii85(data: &[u8], cap: u64, sink: &mut Sink) -> Result<(), Problem> {
    let data = data.strip_prefix(b"<~").unwrap_or(data);
    let mut out = Vec::with_capacity(data.len() * 4 / 5 + 4);
    let (mut group, mut n) = (0u64, 0usize);
    for &b in data {
        match b {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group = group * 85 + u64::from(b - b'!');
                n += 1;
                if n == 5 {
                    if group > u64::from(u32::MAX) {
                        return Err(Problem::Damaged("invalid ASCII85 group".into()));
                    }
                    out.extend_from_slice(&(group as u32).to_be_bytes());
                    (group, n) = (0, 0);
                }
            }
            b if b.is_ascii_whitespace() || b == 0 => {}
            _ => return Err(Problem::Damaged("invalid character in ASCII85 data".into())),
        }
    }
    if n > 1 {
        for _ in n..5 {
            group = group * 85 + 84;
        }
        let bytes = (group.min(u64::from(u32::MAX)) as u32).to_be_bytes();
        out.extend_from_slice(&bytes[..n - 1]);
    }
    sink.put(&out, cap)
}

fn run_length(data: &[u8], cap: u64, sink: &mut Sink) -> Result<(), Problem> {
    let mut i = 0;
    while i < data.len() {
        let l = data[i];
        i += 1;
        match l {
            128 => return Ok(()),
            0..=127 => {
                let n = l as usize + 1;
                let run = data.get(i..i + n).ok_or_else(|| Problem::Damaged("RunLength data cut off".into()))?;
                sink.put(run, cap)?;
                i += n;
            }
            _ => {
                let b = *data.get(i).ok_or_else(|| Problem::Damaged("RunLength data cut off".into()))?;
                sink.put(&vec![b; 257 - l as usize], cap)?;
                i += 1;
            }
        }
    }
    Ok(())
}

/// Like [`decode_named`], but the last filter's output is only counted.
pub(crate) fn count_named(names: &[&[u8]], data: &[u8], cap: u64) -> Result<u64, Problem> {
    let Some((last, first)) = names.split_last() else { return Ok(data.len() as u64) };
    let cur = decode_named(first, data, cap)?;
    let f = filter(&Name::new_unescaped(last))
        .filter(|f| !matches!(f, Filter::Image(_)))
        .ok_or_else(|| Problem::Damaged(format!("unsupported filter /{}", String::from_utf8_lossy(last))))?;
    let mut sink = Sink::Count(0);
    run(f, &cur, cap, &mut sink)?;
    Ok(sink.len())
}

/// The bytes a Flate or LZW stream must decode to before its predictor is
/// undone: rows of `colors * bpc * columns` bits, plus one tag byte per row
/// for PNG predictors.
pub(crate) fn predicted_len(params: Option<&Dict<'_>>, row_bytes: u64, rows: u64) -> u64 {
    let Some(p) = params else { return row_bytes * rows };
    let predictor = p.get::<i64>(b"Predictor").unwrap_or(1);
    if predictor < 10 {
        return row_bytes * rows;
    }
    let colors = p.get::<i64>(b"Colors").unwrap_or(1).clamp(1, 64) as u64;
    let bpc = p.get::<i64>(b"BitsPerComponent").unwrap_or(8).clamp(1, 16) as u64;
    let columns = p.get::<i64>(b"Columns").unwrap_or(1).clamp(1, 1 << 24) as u64;
    let row = (colors * bpc * columns).div_ceil(8);
    let rows = if row == 0 { 0 } else { (row_bytes * rows).div_ceil(row) };
    (row + 1) * rows
}

/// Decodes `data` through the filters `names` (general filters only; an
/// image codec or unknown name is a problem), keeping at most `cap` bytes.
/// Used for streams read with lopdf (the text layer's character maps).
pub(crate) fn decode_named(names: &[&[u8]], data: &[u8], cap: u64) -> Result<Vec<u8>, Problem> {
    let mut cur = data.to_vec();
    for n in names {
        let f = filter(&Name::new_unescaped(n))
            .ok_or_else(|| Problem::Damaged(format!("unknown filter /{}", String::from_utf8_lossy(n))))?;
        if matches!(f, Filter::Image(_)) {
            return Err(Problem::Damaged("an image codec on a non-image stream".into()));
        }
        let mut sink = Sink::Keep(Vec::new());
        run(f, &cur, cap, &mut sink)?;
        if let Sink::Keep(v) = sink {
            cur = v;
        }
    }
    if cur.len() as u64 > cap {
        return Err(Problem::TooLarge(cap));
    }
    Ok(cur)
}

/// `data` zlib-compressed (Flate), for the tests of the filters and the prescan.
#[cfg(test)]
pub(super) fn zlib(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flate_is_capped_while_inflating_and_cut_data_is_damage() {
        let z = zlib(&vec![0u8; 1_000_000]);
        let mut s = Sink::Count(0);
        assert_eq!(flate(&z, 10_000, &mut s), Err(Problem::TooLarge(10_000)));
        let mut s = Sink::Count(0);
        flate(&z, 2_000_000, &mut s).unwrap();
        assert_eq!(s.len(), 1_000_000);
        let mut s = Sink::Count(0);
        assert!(matches!(flate(&z[..z.len() / 2], 2_000_000, &mut s), Err(Problem::Damaged(_))));
        // A wrong Adler checksum is tolerated.
        let mut bad = z.clone();
        let n = bad.len();
        bad[n - 1] ^= 1;
        assert!(flate(&bad, 2_000_000, &mut Sink::Count(0)).is_ok());
    }

    #[test]
    fn simple_filters_decode() {
        let mut s = Sink::Keep(Vec::new());
        ascii_hex(b"48 65 6c6C6f>", 100, &mut s).unwrap();
        assert!(matches!(&s, Sink::Keep(v) if v == b"Hello"));
        let mut s = Sink::Keep(Vec::new());
        ascii85(b"<~87cURDZ~>", 100, &mut s).unwrap();
        assert!(matches!(&s, Sink::Keep(v) if v == b"Hello"));
        let mut s = Sink::Keep(Vec::new());
        run_length(&[2, b'a', b'b', b'c', 254, b'x', 128], 100, &mut s).unwrap();
        assert!(matches!(&s, Sink::Keep(v) if v == b"abcxxx"));
        assert!(run_length(&[5, b'a'], 100, &mut Sink::Count(0)).is_err());
        assert_eq!(run_length(&[129, b'a'], 10, &mut Sink::Count(0)), Err(Problem::TooLarge(10)));
    }

    #[test]
    fn png_predictor_rows_carry_a_tag_byte() {
        assert_eq!(predicted_len(None, 100, 10), 1000);
    }
}
