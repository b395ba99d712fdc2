//! Object streams and cross-reference streams are inflated by hayro (while
//! it opens the file or resolves an object) and by lopdf (while it loads the
//! text layer), both without a limit, before any page is checked. So the
//! raw bytes are scanned first: every stream whose dictionary says
//! `/ObjStm` or `/XRef` and whose filters are Flate only is inflated here,
//! counted but not kept, under the content cap. One over the cap refuses the
//! whole file.

use super::filters::{self, Problem};

/// How far before a `/Type` entry the object header may be, and how far
/// after it the `stream` keyword.
const DICT_WINDOW: usize = 4096;

/// `Err` names the first structural stream over `cap` bytes decoded.
pub(crate) fn check(bytes: &[u8], cap: u64) -> Result<(), String> {
    for needle in [&b"/ObjStm"[..], b"/XRef"] {
        let mut from = 0;
        while let Some(p) = find(&bytes[from..], needle) {
            let at = from + p;
            from = at + needle.len();
            let Some((dict, data)) = stream_after(bytes, at) else { continue };
            if let Err(Problem::TooLarge(c)) = measure(dict, data, cap) {
                let what = if needle == b"/ObjStm" { "an object stream" } else { "a cross-reference stream" };
                return Err(format!("{what} at byte {at} inflates to more than {c} bytes"));
            }
        }
    }
    Ok(())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The dictionary text around `at` and the stream data after it.
fn stream_after(bytes: &[u8], at: usize) -> Option<(&[u8], &[u8])> {
    let lo = at.saturating_sub(DICT_WINDOW);
    let start = lo + bytes[lo..at].windows(3).rposition(|w| w == b"obj")?;
    let hi = (at + DICT_WINDOW).min(bytes.len());
    let kw = at + find(&bytes[at..hi], b"stream")?;
    if bytes[..kw].ends_with(b"end") {
        return None;
    }
    let mut d = kw + b"stream".len();
    if bytes.get(d) == Some(&b'\r') {
        d += 1;
    }
    if bytes.get(d) == Some(&b'\n') {
        d += 1;
    }
    let dict = &bytes[start..kw];
    let end = length(dict)
        .and_then(|n| d.checked_add(n))
        .filter(|&e| e <= bytes.len())
        .or_else(|| find(&bytes[d..], b"endstream").map(|e| d + e))
        .unwrap_or(bytes.len());
    Some((dict, &bytes[d..end]))
}

/// A direct `/Length n` (not `n 0 R`).
fn length(dict: &[u8]) -> Option<usize> {
    let p = find(dict, b"/Length")? + b"/Length".len();
    let text = std::str::from_utf8(&dict[p..dict.len().min(p + 40)]).ok()?;
    let mut words = text.split(|c: char| c.is_whitespace() || c == '/' || c == '>').filter(|w| !w.is_empty());
    let n = words.next()?.parse().ok()?;
    match (words.next(), words.next()) {
        (Some(_), Some("R")) => None,
        _ => Some(n),
    }
}

/// Inflates a chain of Flate filters, counting the last step; other filters
/// are left to the decoders (their expansion is bounded by their kind).
fn measure(dict: &[u8], data: &[u8], cap: u64) -> Result<u64, Problem> {
    let flates = dict.windows(12).filter(|w| w == b"/FlateDecode").count();
    let others =
        [&b"/LZW"[..], b"/ASCII", b"/A85", b"/AHx", b"/RunLength", b"/RL"].iter().any(|n| find(dict, n).is_some());
    if flates == 0 || others {
        return Ok(data.len() as u64);
    }
    let mut cur = data.to_vec();
    for i in 0..flates {
        let last = i + 1 == flates;
        let names: [&[u8]; 1] = [b"FlateDecode"];
        if last {
            return filters::count_named(&names, &cur, cap);
        }
        cur = filters::decode_named(&names, &cur, cap)?;
    }
    Ok(cur.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::pdf::filters::zlib;

    #[test]
    fn object_stream_bombs_are_found_in_the_raw_bytes() {
        let bomb = zlib(&vec![0u8; 3_000_000]);
        let mut pdf = b"%PDF-1.7\n5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ".to_vec();
        pdf.extend_from_slice(format!("{} >>\nstream\n", bomb.len()).as_bytes());
        pdf.extend_from_slice(&bomb);
        pdf.extend_from_slice(b"\nendstream\nendobj\n");
        assert!(check(&pdf, 1_000_000).is_err());
        assert!(check(&pdf, 4_000_000).is_ok());
        // Doubly compressed, length by reference.
        let double = zlib(&bomb);
        let mut pdf2 =
            b"%PDF-1.7\n5 0 obj\n<< /Type /XRef /Filter [/FlateDecode /FlateDecode] /Length 6 0 R >>\nstream\n"
                .to_vec();
        pdf2.extend_from_slice(&double);
        pdf2.extend_from_slice(b"\nendstream\nendobj\n");
        assert!(check(&pdf2, 1_000_000).is_err());
        assert_eq!(length(b"<< /Length 12 0 R >>"), None);
        assert_eq!(length(b"<< /Length 12/Filter"), Some(12));
    }
}
