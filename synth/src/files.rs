//! Writers for loose image fixtures: JPEG with an EXIF orientation, PNG in
//! any bit depth / palette / alpha with a density chunk, and multi-page TIFF
//! (uncompressed, CCITT G4, LZW) with a resolution. Written by hand where the
//! `image` encoders cannot express the case.

use super::encode::{EncodeError, deflate, jpeg_insert_segment};
use std::io::Cursor;

/// The EXIF APP1 payload holding only an Orientation tag (1..=8).
pub fn exif_orientation(orientation: u16) -> Vec<u8> {
    let mut p = b"Exif\0\0II\x2A\0\x08\0\0\0".to_vec();
    p.extend_from_slice(&1u16.to_le_bytes()); // one entry
    p.extend_from_slice(&0x0112u16.to_le_bytes());
    p.extend_from_slice(&3u16.to_le_bytes()); // SHORT
    p.extend_from_slice(&1u32.to_le_bytes());
    p.extend_from_slice(&(orientation as u32).to_le_bytes());
    p.extend_from_slice(&0u32.to_le_bytes()); // no next IFD
    p
}

/// Adds an EXIF Orientation to a JFIF JPEG.
pub fn jpeg_with_orientation(jpeg: &[u8], orientation: u16) -> Result<Vec<u8>, EncodeError> {
    jpeg_insert_segment(jpeg, 0xE1, &exif_orientation(orientation))
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A PNG image description for [`png`].
#[derive(Clone, Debug, Default)]
pub struct PngSpec {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Bits per sample: 1, 2, 4, 8 or 16.
    pub bit_depth: u8,
    /// PNG colour type: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA.
    pub color_type: u8,
    /// Rows already packed (big-endian samples, each row padded to a byte), no filter bytes.
    pub rows: Vec<u8>,
    /// `PLTE` contents for colour type 3.
    pub palette: Option<Vec<u8>>,
    /// Density for a `pHYs` chunk, in dots per inch.
    pub dpi: Option<f32>,
}

/// Writes a PNG (filter type 0 on every row).
pub fn png(spec: &PngSpec) -> Vec<u8> {
    let channels = match spec.color_type {
        2 => 3,
        4 => 2,
        6 => 4,
        _ => 1,
    };
    let stride = (spec.width as usize * channels * spec.bit_depth as usize).div_ceil(8);
    let mut raw = Vec::with_capacity((stride + 1) * spec.height as usize);
    for row in spec.rows.chunks(stride.max(1)) {
        raw.push(0);
        raw.extend_from_slice(row);
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&spec.width.to_be_bytes());
    ihdr.extend_from_slice(&spec.height.to_be_bytes());
    ihdr.extend_from_slice(&[spec.bit_depth, spec.color_type, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    if let Some(dpi) = spec.dpi {
        let ppm = (dpi / 0.0254).round() as u32;
        let mut phys = Vec::new();
        phys.extend_from_slice(&ppm.to_be_bytes());
        phys.extend_from_slice(&ppm.to_be_bytes());
        phys.push(1); // metre
        chunk(&mut out, b"pHYs", &phys);
    }
    if let Some(p) = &spec.palette {
        chunk(&mut out, b"PLTE", p);
    }
    chunk(&mut out, b"IDAT", &deflate(&raw));
    chunk(&mut out, b"IEND", &[]);
    out
}

/// One TIFF page (IFD) for [`tiff()`].
#[derive(Clone, Debug)]
pub struct TiffPage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// 1, 8 or 16.
    pub bits_per_sample: u16,
    /// TIFF Compression: 1 none, 4 CCITT G4.
    pub compression: u16,
    /// PhotometricInterpretation: 0 WhiteIsZero, 1 BlackIsZero.
    pub photometric: u16,
    /// The single strip, already compressed; 16-bit samples little-endian.
    pub data: Vec<u8>,
    /// X and Y resolution in dots per inch.
    pub dpi: Option<u32>,
    /// TIFF Orientation tag (1..=8, same meaning as in EXIF).
    pub orientation: Option<u16>,
}

/// Writes a little-endian, multi-page TIFF, one strip per page.
pub fn tiff(pages: &[TiffPage]) -> Vec<u8> {
    let mut out = b"II\x2A\0\0\0\0\0".to_vec();
    let mut link_at = 4usize; // where the offset of the next IFD goes
    for p in pages {
        let data_at = out.len() as u32;
        out.extend_from_slice(&p.data);
        if out.len() % 2 == 1 {
            out.push(0);
        }
        let res_at = out.len() as u32;
        if let Some(d) = p.dpi {
            for _ in 0..2 {
                out.extend_from_slice(&d.to_le_bytes());
                out.extend_from_slice(&1u32.to_le_bytes());
            }
        }
        // (tag, type, value): type 3 SHORT, 4 LONG, 5 RATIONAL (value = offset).
        let mut e: Vec<(u16, u16, u32)> = vec![
            (256, 4, p.width),
            (257, 4, p.height),
            (258, 3, p.bits_per_sample as u32),
            (259, 3, p.compression as u32),
            (262, 3, p.photometric as u32),
        ];
        if let Some(o) = p.orientation {
            e.push((274, 3, o as u32));
        }
        e.extend([(273, 4, data_at), (277, 3, 1), (278, 4, p.height), (279, 4, p.data.len() as u32)]);
        if p.dpi.is_some() {
            e.push((282, 5, res_at));
            e.push((283, 5, res_at + 8));
        }
        if p.compression == 4 {
            e.push((293, 4, 0));
        }
        if p.dpi.is_some() {
            e.push((296, 3, 2));
        }
        let ifd_at = out.len() as u32;
        out[link_at..link_at + 4].copy_from_slice(&ifd_at.to_le_bytes());
        out.extend_from_slice(&(e.len() as u16).to_le_bytes());
        for (tag, ty, v) in e {
            out.extend_from_slice(&tag.to_le_bytes());
            out.extend_from_slice(&ty.to_le_bytes());
            out.extend_from_slice(&1u32.to_le_bytes());
            if ty == 3 {
                out.extend_from_slice(&(v as u16).to_le_bytes());
                out.extend_from_slice(&[0, 0]);
            } else {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        link_at = out.len();
        out.extend_from_slice(&0u32.to_le_bytes());
    }
    out
}

/// A single-page 8-bit grey TIFF compressed with LZW (by the `tiff` crate).
pub fn tiff_lzw_gray(img: &image::GrayImage, dpi: u32) -> Result<Vec<u8>, EncodeError> {
    use tiff::encoder::{Rational, TiffEncoder, colortype};
    let e = |e: tiff::TiffError| EncodeError(e.to_string());
    let mut cur = Cursor::new(Vec::new());
    {
        let mut enc = TiffEncoder::new(&mut cur).map_err(e)?.with_compression(tiff::encoder::Compression::Lzw);
        let mut im = enc.new_image::<colortype::Gray8>(img.width(), img.height()).map_err(e)?;
        im.resolution(tiff::tags::ResolutionUnit::Inch, Rational { n: dpi, d: 1 });
        im.write_data(img.as_raw()).map_err(e)?;
    }
    Ok(cur.into_inner())
}

/// A single-page 8-bit RGB TIFF compressed with LZW (by the `tiff` crate).
pub fn tiff_lzw_rgb(rgb: &image::RgbImage, dpi: u32) -> Result<Vec<u8>, EncodeError> {
    use tiff::encoder::{Rational, TiffEncoder, colortype};
    let e = |e: tiff::TiffError| EncodeError(e.to_string());
    let mut cur = Cursor::new(Vec::new());
    {
        let mut enc = TiffEncoder::new(&mut cur).map_err(e)?.with_compression(tiff::encoder::Compression::Lzw);
        let mut im = enc.new_image::<colortype::RGB8>(rgb.width(), rgb.height()).map_err(e)?;
        im.resolution(tiff::tags::ResolutionUnit::Centimeter, Rational { n: dpi * 100, d: 254 });
        im.write_data(rgb.as_raw()).map_err(e)?;
    }
    Ok(cur.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::test_page;

    #[test]
    fn png_round_trips_through_the_image_crate() {
        let img = test_page(30, 20);
        let bytes = png(&PngSpec {
            width: 30,
            height: 20,
            bit_depth: 8,
            color_type: 0,
            rows: img.as_raw().clone(),
            dpi: Some(300.0),
            ..Default::default()
        });
        let back = image::load_from_memory(&bytes).unwrap().to_luma8();
        assert_eq!(back, img);
    }

    #[test]
    fn crc_matches_the_png_reference_value() {
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
    }

    #[test]
    fn tiff_pages_are_read_back_by_the_tiff_crate() {
        let img = test_page(24, 10);
        let page = |ph| TiffPage {
            width: 24,
            height: 10,
            bits_per_sample: 8,
            compression: 1,
            photometric: ph,
            data: img.as_raw().clone(),
            dpi: Some(200),
            orientation: None,
        };
        let bytes = tiff(&[page(1), page(0)]);
        let mut d = tiff::decoder::Decoder::new(Cursor::new(bytes)).unwrap();
        assert_eq!(d.dimensions().unwrap(), (24, 10));
        d.next_image().unwrap();
        assert_eq!(d.dimensions().unwrap(), (24, 10));
        assert!(!d.more_images());
    }

    #[test]
    fn exif_payload_has_the_orientation_tag() {
        let p = exif_orientation(6);
        assert_eq!(&p[..6], b"Exif\0\0");
        assert_eq!(p.len(), 6 + 8 + 2 + 12 + 4);
        assert_eq!(p[6 + 8 + 2 + 8], 6);
    }
}
