//! Image stream encoders for fixture PDFs: every filter and colour-space
//! combination a scanner or converter is known to write, so that the PDF
//! source can be tested against each.

use super::ccitt::{self, Coding};
use super::pattern::dither;
use image::codecs::jpeg::{JpegEncoder, PixelDensity};
use image::{ExtendedColorType, GrayImage};
use std::io::Write;

/// How an image is stored in the PDF.
#[derive(Clone, Debug, PartialEq)]
pub enum Encoding {
    /// `/DCTDecode`, DeviceGray.
    DctGray,
    /// `/DCTDecode`, DeviceRGB (lightly tinted).
    DctRgb,
    /// `/DCTDecode`, DeviceCMYK with an Adobe APP14 marker, samples stored
    /// inverted as Photoshop writes them, `/Decode [1 0 1 0 1 0 1 0]` as Acrobat embeds them.
    DctCmykAdobe,
    /// `/FlateDecode`, 8-bit DeviceGray, no predictor.
    Flate,
    /// `/FlateDecode` with PNG predictors (`/Predictor 15`), row filters cycling
    /// through None, Sub, Up, Average and Paeth.
    FlatePng,
    /// `/FlateDecode` with the TIFF predictor (`/Predictor 2`).
    FlateTiff,
    /// `/FlateDecode`, 1-bit DeviceGray (dithered).
    Flate1Bit,
    /// `/FlateDecode`, 16-bit DeviceGray.
    Flate16,
    /// `/FlateDecode`, `/Indexed /DeviceRGB` palette, stored in reverse order
    /// so that ignoring the palette inverts the page.
    Indexed,
    /// `/FlateDecode`, `/ICCBased` grey profile with `/Alternate /DeviceGray`.
    IccGray,
    /// `/FlateDecode`, DeviceGray with inverted samples and `/Decode [1 0]`.
    DecodeInverted,
    /// `/ImageMask true` stencil painted black (dithered).
    ImageMask,
    /// `/CCITTFaxDecode` with the given coding, `/BlackIs1` and `/EncodedByteAlign`.
    Ccitt {
        /// Coding scheme (`/K`).
        coding: Coding,
        /// `/BlackIs1`.
        black_is_1: bool,
        /// `/EncodedByteAlign`.
        byte_align: bool,
    },
    /// `/JBIG2Decode`: one immediate generic region coded with MMR, plus a
    /// `/JBIG2Globals` stream holding a comment extension segment.
    Jbig2,
    /// `/JPXDecode` with the given JPEG 2000 codestream or JP2 file (made
    /// outside; no pure-Rust encoder exists).
    Jpx(Vec<u8>),
}

/// A value in `/DecodeParms`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Parm {
    /// An integer.
    Int(i32),
    /// A boolean.
    Bool(bool),
}

/// The colour space of an image stream.
#[derive(Clone, Debug, PartialEq)]
pub enum Space {
    /// `/DeviceGray`.
    Gray,
    /// `/DeviceRGB`.
    Rgb,
    /// `/DeviceCMYK`.
    Cmyk,
    /// `[/Indexed /DeviceRGB hival <lookup>]`.
    Indexed(Vec<u8>),
    /// `[/ICCBased stream]` with this grey profile.
    IccGray(Vec<u8>),
    /// None: a stencil mask or a JPX stream (colour space from the codestream).
    None,
}

/// An encoded image stream with everything its dictionary needs.
#[derive(Clone, Debug, PartialEq)]
pub struct ImageStream {
    /// The stream bytes.
    pub data: Vec<u8>,
    /// Width in samples.
    pub width: u32,
    /// Height in samples.
    pub height: u32,
    /// Filter names, outermost first (e.g. `FlateDecode`).
    pub filters: Vec<&'static str>,
    /// `/DecodeParms` entries for the (single) filter.
    pub parms: Vec<(&'static str, Parm)>,
    /// Colour space.
    pub space: Space,
    /// `/BitsPerComponent`, absent for JPX.
    pub bpc: Option<u8>,
    /// `/Decode` array, if any.
    pub decode: Option<Vec<f32>>,
    /// `/ImageMask true`.
    pub image_mask: bool,
    /// Contents of the `/JBIG2Globals` stream.
    pub jbig2_globals: Option<Vec<u8>>,
}

/// Why an image could not be encoded (only fixture-generation bugs).
#[derive(Debug, thiserror::Error)]
#[error("cannot encode fixture image: {0}")]
pub struct EncodeError(pub String);

fn err(e: impl std::fmt::Display) -> EncodeError {
    EncodeError(e.to_string())
}

impl ImageStream {
    fn new(data: Vec<u8>, img: &GrayImage, filter: &'static str, space: Space, bpc: u8) -> Self {
        ImageStream {
            data,
            width: img.width(),
            height: img.height(),
            filters: vec![filter],
            parms: Vec::new(),
            space,
            bpc: Some(bpc),
            decode: None,
            image_mask: false,
            jbig2_globals: None,
        }
    }
}

/// Zlib-compresses `data` (best compression, deterministic).
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing into a Vec cannot fail.
    let _ = z.write_all(data);
    z.finish().unwrap_or_default()
}

/// Encodes `img` (a grey page, 0 = black) as `enc`.
pub fn encode(img: &GrayImage, enc: &Encoding) -> Result<ImageStream, EncodeError> {
    let (w, h) = img.dimensions();
    let raw = img.as_raw();
    Ok(match enc {
        Encoding::DctGray => {
            ImageStream::new(jpeg(img.as_raw(), w, h, ExtendedColorType::L8, 80)?, img, "DCTDecode", Space::Gray, 8)
        }
        Encoding::DctRgb => {
            let rgb = tinted_rgb(img);
            ImageStream::new(jpeg(&rgb, w, h, ExtendedColorType::Rgb8, 80)?, img, "DCTDecode", Space::Rgb, 8)
        }
        Encoding::DctCmykAdobe => {
            // Inverted Adobe CMYK needs /Decode [1 0 ...] in a PDF, as Acrobat writes it.
            let mut s = ImageStream::new(cmyk_adobe_jpeg(img)?, img, "DCTDecode", Space::Cmyk, 8);
            s.decode = Some([1.0, 0.0].repeat(4));
            s
        }
        Encoding::Flate => ImageStream::new(deflate(raw), img, "FlateDecode", Space::Gray, 8),
        Encoding::FlatePng => {
            let mut s = ImageStream::new(deflate(&png_predict(raw, w as usize)), img, "FlateDecode", Space::Gray, 8);
            s.parms = vec![("Predictor", Parm::Int(15)), ("Colors", Parm::Int(1)), ("Columns", Parm::Int(w as i32))];
            s
        }
        Encoding::FlateTiff => {
            let mut diff = raw.clone();
            for row in diff.chunks_mut(w as usize) {
                for x in (1..row.len()).rev() {
                    row[x] = row[x].wrapping_sub(row[x - 1]);
                }
            }
            let mut s = ImageStream::new(deflate(&diff), img, "FlateDecode", Space::Gray, 8);
            s.parms = vec![("Predictor", Parm::Int(2)), ("Colors", Parm::Int(1)), ("Columns", Parm::Int(w as i32))];
            s
        }
        Encoding::Flate1Bit => {
            let packed = dither(img).pack(false);
            ImageStream::new(deflate(&packed), img, "FlateDecode", Space::Gray, 1)
        }
        Encoding::Flate16 => {
            let wide: Vec<u8> = raw.iter().flat_map(|&v| (v as u16 * 257).to_be_bytes()).collect();
            ImageStream::new(deflate(&wide), img, "FlateDecode", Space::Gray, 16)
        }
        Encoding::Indexed => {
            let lookup: Vec<u8> = (0..=255u8).flat_map(|i| [255 - i, 255 - i, 255 - i]).collect();
            let idx: Vec<u8> = raw.iter().map(|v| 255 - v).collect();
            ImageStream::new(deflate(&idx), img, "FlateDecode", Space::Indexed(lookup), 8)
        }
        Encoding::IccGray => ImageStream::new(deflate(raw), img, "FlateDecode", Space::IccGray(gray_icc_profile()), 8),
        Encoding::DecodeInverted => {
            let inv: Vec<u8> = raw.iter().map(|v| 255 - v).collect();
            let mut s = ImageStream::new(deflate(&inv), img, "FlateDecode", Space::Gray, 8);
            s.decode = Some(vec![1.0, 0.0]);
            s
        }
        Encoding::ImageMask => {
            // Sample 0 paints (default /Decode [0 1]): black pixels are 0.
            let mut s = ImageStream::new(deflate(&dither(img).pack(false)), img, "FlateDecode", Space::None, 1);
            s.image_mask = true;
            s
        }
        Encoding::Ccitt { coding, black_is_1, byte_align } => {
            let bits = dither(img);
            // With /BlackIs1 true the decoder turns coded black into 1 = white in
            // DeviceGray, so the runs are coded from the inverted bitmap.
            let coded = if *black_is_1 { bits.inverted() } else { bits };
            let mut s =
                ImageStream::new(ccitt::encode(&coded, *coding, *byte_align), img, "CCITTFaxDecode", Space::Gray, 1);
            s.parms = vec![
                ("K", Parm::Int(coding.k())),
                ("Columns", Parm::Int(w as i32)),
                ("Rows", Parm::Int(h as i32)),
                ("BlackIs1", Parm::Bool(*black_is_1)),
                ("EncodedByteAlign", Parm::Bool(*byte_align)),
            ];
            s
        }
        Encoding::Jbig2 => {
            let mut s = ImageStream::new(jbig2_mmr_page(img), img, "JBIG2Decode", Space::Gray, 1);
            s.jbig2_globals = Some(jbig2_comment_globals());
            s
        }
        Encoding::Jpx(bytes) => {
            let mut s = ImageStream::new(bytes.clone(), img, "JPXDecode", Space::None, 8);
            s.bpc = None;
            s
        }
    })
}

/// Encodes pixels as a baseline JFIF JPEG with the given quality.
pub fn jpeg(data: &[u8], w: u32, h: u32, color: ExtendedColorType, quality: u8) -> Result<Vec<u8>, EncodeError> {
    jpeg_with_density(data, w, h, color, quality, None)
}

/// Like [`jpeg`], with a JFIF density in dots per inch.
pub fn jpeg_with_density(
    data: &[u8],
    w: u32,
    h: u32,
    color: ExtendedColorType,
    quality: u8,
    dpi: Option<u16>,
) -> Result<Vec<u8>, EncodeError> {
    let mut out = Vec::new();
    let mut enc = JpegEncoder::new_with_quality(&mut out, quality);
    if let Some(d) = dpi {
        enc.set_pixel_density(PixelDensity::dpi(d));
    }
    enc.encode(data, w, h, color).map_err(err)?;
    Ok(out)
}

fn tinted_rgb(img: &GrayImage) -> Vec<u8> {
    img.as_raw().iter().flat_map(|&g| [g, g, 255 - (255 - g) / 2]).collect()
}

/// A JPEG marker segment: marker byte and payload (without the length).
pub type Segment = (u8, Vec<u8>);

/// A JPEG's marker segments up to and including SOS, and the entropy-coded
/// data after it (without EOI).
pub fn jpeg_segments(jpeg: &[u8]) -> Result<(Vec<Segment>, Vec<u8>), EncodeError> {
    if !jpeg.starts_with(&[0xFF, 0xD8]) {
        return Err(err("not a JPEG"));
    }
    let mut i = 2;
    let mut segs = Vec::new();
    loop {
        let (m, hi, lo) = match (jpeg.get(i + 1), jpeg.get(i + 2), jpeg.get(i + 3)) {
            (Some(&m), Some(&hi), Some(&lo)) => (m, hi, lo),
            _ => return Err(err("JPEG ends inside a marker")),
        };
        let len = u16::from_be_bytes([hi, lo]) as usize;
        let payload = jpeg.get(i + 4..i + 2 + len).ok_or_else(|| err("JPEG segment past the end"))?;
        segs.push((m, payload.to_vec()));
        i += 2 + len;
        if m == 0xDA {
            let end = jpeg.len().saturating_sub(2);
            return Ok((segs, jpeg.get(i..end).ok_or_else(|| err("no scan data"))?.to_vec()));
        }
    }
}

/// Writes a JPEG from segments (up to and including SOS) and entropy data.
fn write_jpeg(out: &mut Vec<u8>, segs: &[(u8, Vec<u8>)]) {
    for (m, p) in segs {
        out.extend_from_slice(&[0xFF, *m]);
        out.extend_from_slice(&((p.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(p);
    }
}

/// Inserts an extra segment (e.g. EXIF APP1) right after the JFIF APP0.
pub fn jpeg_insert_segment(jpeg: &[u8], marker: u8, payload: &[u8]) -> Result<Vec<u8>, EncodeError> {
    let (mut segs, scan) = jpeg_segments(jpeg)?;
    let at = segs.iter().position(|(m, _)| *m == 0xE0).map_or(0, |i| i + 1);
    segs.insert(at, (marker, payload.to_vec()));
    let mut out = vec![0xFF, 0xD8];
    write_jpeg(&mut out, &segs);
    out.extend_from_slice(&scan);
    out.extend_from_slice(&[0xFF, 0xD9]);
    Ok(out)
}

/// A four-component baseline JPEG, one non-interleaved scan per component,
/// with an Adobe APP14 marker (transform 0) and inverted samples: built by
/// encoding each ink channel as a grey JPEG and splicing the scans.
fn cmyk_adobe_jpeg(img: &GrayImage) -> Result<Vec<u8>, EncodeError> {
    let (w, h) = img.dimensions();
    // Ink: K carries the page; a little cyan in the marker. Adobe stores 255 - ink.
    let channels: [Vec<u8>; 4] = [
        img.as_raw().iter().map(|&g| if g < 40 { 215 } else { 255 }).collect(),
        vec![255; img.as_raw().len()],
        vec![255; img.as_raw().len()],
        img.as_raw().clone(),
    ];
    let mut parts = Vec::new();
    for c in &channels {
        parts.push(jpeg_segments(&jpeg(c, w, h, ExtendedColorType::L8, 85)?)?);
    }
    let (first, _) = &parts[0];
    let tables: Vec<&(u8, Vec<u8>)> = first.iter().filter(|(m, _)| *m == 0xDB || *m == 0xC4).collect();
    for (segs, _) in &parts[1..] {
        let t: Vec<&(u8, Vec<u8>)> = segs.iter().filter(|(m, _)| *m == 0xDB || *m == 0xC4).collect();
        if t != tables {
            return Err(err("grey JPEG tables differ between channels"));
        }
    }
    let mut out = vec![0xFF, 0xD8];
    let app14 = b"Adobe\x00\x64\x00\x00\x00\x00\x00".to_vec();
    let mut sof = vec![8];
    sof.extend_from_slice(&(h as u16).to_be_bytes());
    sof.extend_from_slice(&(w as u16).to_be_bytes());
    sof.push(4);
    for id in 1..=4u8 {
        sof.extend_from_slice(&[id, 0x11, 0]);
    }
    let mut head = vec![(0xEE, app14)];
    head.extend(tables.iter().filter(|(m, _)| *m == 0xDB).map(|s| (*s).clone()));
    head.push((0xC0, sof));
    head.extend(tables.iter().filter(|(m, _)| *m == 0xC4).map(|s| (*s).clone()));
    write_jpeg(&mut out, &head);
    for (id, (_, scan)) in parts.iter().enumerate() {
        write_jpeg(&mut out, &[(0xDA, vec![1, id as u8 + 1, 0x00, 0, 63, 0])]);
        out.extend_from_slice(scan);
    }
    out.extend_from_slice(&[0xFF, 0xD9]);
    Ok(out)
}

/// PNG-predicted rows (PDF `/Predictor 15`): a filter-type byte per row,
/// cycling through all five filters.
fn png_predict(raw: &[u8], w: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() + raw.len() / w.max(1));
    let zero = vec![0u8; w];
    for (y, row) in raw.chunks(w).enumerate() {
        let up = if y == 0 { &zero[..] } else { &raw[(y - 1) * w..y * w] };
        let ft = (y % 5) as u8;
        out.push(ft);
        for x in 0..w {
            let a = if x > 0 { row[x - 1] } else { 0 };
            let b = up[x];
            let c = if x > 0 { up[x - 1] } else { 0 };
            let pred = match ft {
                0 => 0,
                1 => a,
                2 => b,
                3 => ((a as u16 + b as u16) / 2) as u8,
                _ => paeth(a, b, c),
            };
            out.push(row[x].wrapping_sub(pred));
        }
    }
    out
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = a as i16 + b as i16 - c as i16;
    let (pa, pb, pc) = ((p - a as i16).abs(), (p - b as i16).abs(), (p - c as i16).abs());
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

fn jbig2_segment(out: &mut Vec<u8>, number: u32, seg_type: u8, page: u8, data: &[u8]) {
    out.extend_from_slice(&number.to_be_bytes());
    out.push(seg_type);
    out.push(0); // no referred-to segments
    out.push(page);
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(data);
}

/// A JBIG2 page in the embedded organisation (PDF 7.4.7): page information
/// and one immediate lossless generic region coded with MMR (= T.6 data).
fn jbig2_mmr_page(img: &GrayImage) -> Vec<u8> {
    let (w, h) = img.dimensions();
    let mut out = Vec::new();
    let mut info = Vec::new();
    info.extend_from_slice(&w.to_be_bytes());
    info.extend_from_slice(&h.to_be_bytes());
    info.extend_from_slice(&[0; 8]); // resolution unknown
    info.push(0); // flags: default pixel 0, OR
    info.extend_from_slice(&[0, 0]); // no striping
    jbig2_segment(&mut out, 1, 48, 1, &info);
    let mut region = Vec::new();
    region.extend_from_slice(&w.to_be_bytes());
    region.extend_from_slice(&h.to_be_bytes());
    region.extend_from_slice(&[0; 8]); // x, y
    region.push(0); // combination operator OR
    region.push(0x01); // MMR
    region.extend_from_slice(&ccitt::encode(&dither(img), Coding::G4, false));
    jbig2_segment(&mut out, 2, 39, 1, &region);
    out
}

/// A `/JBIG2Globals` stream: one ASCII comment extension segment (7.4.15),
/// which a decoder must read and may ignore.
fn jbig2_comment_globals() -> Vec<u8> {
    let mut data = 0x2000_0000u32.to_be_bytes().to_vec();
    data.extend_from_slice(b"Creator\0ausweisscan fixture\0\0");
    let mut out = Vec::new();
    jbig2_segment(&mut out, 0, 62, 0, &data);
    out
}

/// A minimal ICC v2 monochrome display profile (gamma 2.2, D50 white).
pub fn gray_icc_profile() -> Vec<u8> {
    fn s15(v: f64) -> [u8; 4] {
        ((v * 65536.0).round() as i32).to_be_bytes()
    }
    let mut desc = b"desc\0\0\0\0".to_vec();
    let text = b"ausweisscan grey\0";
    desc.extend_from_slice(&(text.len() as u32).to_be_bytes());
    desc.extend_from_slice(text);
    desc.extend_from_slice(&[0; 8]); // unicode: language, count 0
    desc.extend_from_slice(&[0; 3]); // scriptcode: code, count 0
    desc.extend_from_slice(&[0; 67]);
    let mut wtpt = b"XYZ \0\0\0\0".to_vec();
    for v in [0.9642, 1.0, 0.8249] {
        wtpt.extend_from_slice(&s15(v));
    }
    let ktrc = b"curv\0\0\0\0\0\0\0\x01\x02\x33".to_vec();
    let cprt = b"text\0\0\0\0No copyright, fixture\0".to_vec();
    let tags: [(&[u8; 4], Vec<u8>); 4] = [(b"desc", desc), (b"wtpt", wtpt), (b"kTRC", ktrc), (b"cprt", cprt)];
    let mut body = Vec::new();
    let mut table = (tags.len() as u32).to_be_bytes().to_vec();
    let mut offset = 128 + 4 + 12 * tags.len();
    for (sig, data) in &tags {
        table.extend_from_slice(*sig);
        table.extend_from_slice(&(offset as u32).to_be_bytes());
        table.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut d = data.clone();
        d.resize(data.len().div_ceil(4) * 4, 0);
        offset += d.len();
        body.extend_from_slice(&d);
    }
    let size = 128 + table.len() + body.len();
    let mut out = Vec::with_capacity(size);
    out.extend_from_slice(&(size as u32).to_be_bytes());
    out.extend_from_slice(&[0; 4]); // CMM
    out.extend_from_slice(&[2, 0x10, 0, 0]); // version 2.1
    out.extend_from_slice(b"mntrGRAYXYZ ");
    out.extend_from_slice(&[0; 12]); // date
    out.extend_from_slice(b"acsp");
    out.extend_from_slice(&[0; 24]); // platform, flags, manufacturer, model, attributes
    out.extend_from_slice(&[0; 4]); // rendering intent
    for v in [0.9642, 1.0, 0.8249] {
        out.extend_from_slice(&s15(v));
    }
    out.extend_from_slice(&[0; 48]); // creator, id, reserved
    out.extend_from_slice(&table);
    out.extend_from_slice(&body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::test_page;

    #[test]
    fn png_predictor_rows_undo_to_the_original() {
        let img = test_page(37, 11);
        let pred = png_predict(img.as_raw(), 37);
        let mut prev = vec![0u8; 37];
        for (y, row) in pred.chunks(38).enumerate() {
            let ft = row[0];
            let mut cur = vec![0u8; 37];
            for x in 0..37 {
                let a = if x > 0 { cur[x - 1] } else { 0 };
                let c = if x > 0 { prev[x - 1] } else { 0 };
                let p = match ft {
                    0 => 0,
                    1 => a,
                    2 => prev[x],
                    3 => ((a as u16 + prev[x] as u16) / 2) as u8,
                    _ => paeth(a, prev[x], c),
                };
                cur[x] = row[x + 1].wrapping_add(p);
            }
            assert_eq!(&cur[..], &img.as_raw()[y * 37..(y + 1) * 37], "row {y} filter {ft}");
            prev = cur;
        }
    }

    #[test]
    fn cmyk_jpeg_decodes_to_four_components() {
        let img = test_page(64, 48);
        let data = cmyk_adobe_jpeg(&img).unwrap();
        let mut d = zune_jpeg::JpegDecoder::new(zune_jpeg::zune_core::bytestream::ZCursor::new(&data));
        d.decode_headers().unwrap();
        assert_eq!(d.info().unwrap().components, 4);
        let px = d.decode().unwrap();
        assert!(!px.is_empty());
    }

    #[test]
    fn icc_profile_sizes_add_up() {
        let p = gray_icc_profile();
        assert_eq!(u32::from_be_bytes([p[0], p[1], p[2], p[3]]) as usize, p.len());
        assert_eq!(&p[36..40], b"acsp");
        assert_eq!(p.len() % 4, 0);
    }

    #[test]
    fn exif_segment_is_inserted_after_app0() {
        let j = jpeg(test_page(16, 16).as_raw(), 16, 16, ExtendedColorType::L8, 80).unwrap();
        let k = jpeg_insert_segment(&j, 0xE1, b"Exif\0\0").unwrap();
        let (segs, _) = jpeg_segments(&k).unwrap();
        assert_eq!(segs[0].0, 0xE0);
        assert_eq!(segs[1], (0xE1, b"Exif\0\0".to_vec()));
        assert_eq!(k.len(), j.len() + 10);
    }
}
