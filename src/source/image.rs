//! Single-image sources: JPEG (EXIF orientation honoured, decoded straight
//! to grey by zune-jpeg) and PNG (any bit depth, palette; alpha flattened on
//! white). The file is read when its page is loaded, not when it is opened.
//!
//! Dimensions are read from the header and checked against
//! [`Limits::max_image_pixels`] before anything is decoded.

use super::{OpenOptions, PageContent, PageSource, Raster, luma};
use crate::discover::FileKind;
use crate::error::{FileError, PageError};
use crate::limits::Limits;
use ::image::metadata::Orientation;
use ::image::{DynamicImage, GrayImage, ImageDecoder};
use std::io::Cursor;
use std::path::{Path, PathBuf};

/// Opens a single-page image file.
pub fn open(path: &Path, kind: FileKind, opts: &OpenOptions) -> Result<Box<dyn PageSource>, FileError> {
    std::fs::File::open(path).map_err(|e| FileError::Io(e.to_string()))?;
    Ok(Box::new(ImageFile { path: path.to_path_buf(), kind, limits: opts.limits.clone() }))
}

struct ImageFile {
    path: PathBuf,
    kind: FileKind,
    limits: Limits,
}

impl PageSource for ImageFile {
    fn page_count(&self) -> usize {
        1
    }

    fn load_page(&self, index: usize) -> PageContent {
        let raster = if index != 0 {
            Err(PageError::Corrupt(format!("an image file has one page, not page {}", index + 1)))
        } else {
            std::fs::read(&self.path)
                .map_err(|e| PageError::Decode(format!("cannot read the file: {e}")))
                .and_then(|bytes| decode(&bytes, self.kind, &self.limits))
                .map(Some)
        };
        PageContent { raster, text: Ok(None) }
    }
}

/// Decodes a JPEG or PNG file's bytes to an upright grey raster.
pub fn decode(bytes: &[u8], kind: FileKind, limits: &Limits) -> Result<Raster, PageError> {
    match kind {
        FileKind::Jpeg => decode_jpeg(bytes, limits),
        FileKind::Png => decode_png(bytes, limits),
        other => Err(PageError::Decode(format!("{} is not a single-image format", other.name()))),
    }
}

/// Fails with [`PageError::Limit`] when `w` x `h` exceeds the pixel cap.
pub fn check_pixels(w: u32, h: u32, limits: &Limits) -> Result<(), PageError> {
    let px = w as u64 * h as u64;
    if px > limits.max_image_pixels {
        return Err(PageError::Limit(format!(
            "the image is {w} x {h} pixels, more than the limit of {} pixels",
            limits.max_image_pixels
        )));
    }
    if px == 0 {
        return Err(PageError::Decode("the image has no pixels".into()));
    }
    Ok(())
}

/// The resolution to assume for an image of `w` x `h` pixels whose file
/// states `stated` dpi. Returns (dpi, known). Stated values below 100 dpi
/// (72 is what phones write) or above 2400 are not believed; then a page
/// with the proportions of A4 (1.36 to 1.47, any A size; not 4:3 photos) is taken to be
/// A4, anything else 300 dpi.
pub fn resolve_dpi(w: u32, h: u32, stated: Option<f32>) -> (f32, bool) {
    if let Some(d) = stated
        && (100.0..=2400.0).contains(&d)
    {
        return (d, true);
    }
    let (long, short) = (w.max(h) as f32, w.min(h).max(1) as f32);
    let aspect = long / short;
    if (1.36..=1.47).contains(&aspect) { ((long / 11.69).max(1.0), false) } else { (300.0, false) }
}

/// What a JPEG's marker segments say before the scan: JFIF density (dpi),
/// EXIF orientation and frame size.
#[derive(Debug, Default, PartialEq)]
pub struct JpegHeader {
    /// Horizontal density in dots per inch, if stated in dpi or dpcm.
    pub dpi: Option<f32>,
    /// EXIF orientation, if present and valid.
    pub orientation: Option<Orientation>,
    /// Width and height from the frame header.
    pub size: Option<(u32, u32)>,
    /// An Adobe APP14 marker is present (four-component data is inverted).
    pub adobe: bool,
    /// Offset of the first start-of-scan marker.
    pub scan_start: Option<usize>,
}

/// Reads the marker segments of a JPEG up to its first scan.
pub fn jpeg_header(bytes: &[u8]) -> JpegHeader {
    let mut h = JpegHeader::default();
    let mut i = 2;
    while i + 4 <= bytes.len() && bytes[i] == 0xFF {
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
        let Some(p) = bytes.get(i + 4..i + 2 + len.max(2)) else { break };
        match marker {
            0xE0 if p.starts_with(b"JFIF\0") && p.len() >= 12 => {
                let x = u16::from_be_bytes([p[8], p[9]]) as f32;
                h.dpi = match p[7] {
                    1 => Some(x),
                    2 => Some((x * 25.4).round() / 10.0),
                    _ => None,
                };
            }
            0xE1 if p.starts_with(b"Exif\0\0") => h.orientation = Orientation::from_exif_chunk(&p[6..]),
            0xEE if p.starts_with(b"Adobe") => h.adobe = true,
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) && p.len() >= 5 => {
                let hh = u16::from_be_bytes([p[1], p[2]]) as u32;
                let ww = u16::from_be_bytes([p[3], p[4]]) as u32;
                h.size = Some((ww, hh));
            }
            0xDA => {
                h.scan_start = Some(i);
                break;
            }
            _ => {}
        }
        i += 2 + len;
    }
    h
}

/// Applies an EXIF/TIFF orientation so the image shows upright.
pub fn orient(img: GrayImage, o: Option<Orientation>) -> GrayImage {
    match o {
        None | Some(Orientation::NoTransforms) => img,
        Some(o) => {
            let mut d = DynamicImage::ImageLuma8(img);
            d.apply_orientation(o);
            d.into_luma8()
        }
    }
}

/// Decodes a JPEG to an upright grey raster.
pub fn decode_jpeg(bytes: &[u8], limits: &Limits) -> Result<Raster, PageError> {
    use zune_jpeg::zune_core::bytestream::ZCursor;
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    use zune_jpeg::zune_core::options::DecoderOptions;
    let header = jpeg_header(bytes);
    let (w, h) = header.size.ok_or_else(|| PageError::Decode("the JPEG has no frame header".into()))?;
    check_pixels(w, h, limits)?;
    // zune-jpeg fills a scan that ends early with grey and reports no error;
    // a JPEG without an end marker after its first scan is truncated. Data
    // after the end marker (phone "motion photos" append a video) is fine;
    // stuffing keeps FF D9 out of the entropy-coded data.
    let scans = header.scan_start.and_then(|s| bytes.get(s..)).unwrap_or(&[]);
    if !scans.windows(2).any(|w| w == [0xFF, 0xD9]) {
        return Err(PageError::Decode("the JPEG data ends early (truncated file)".into()));
    }
    let bad = |e: zune_jpeg::errors::DecodeErrors| PageError::Decode(format!("bad JPEG data: {e:?}"));
    let opts = DecoderOptions::default().set_max_width(w as usize).set_max_height(h as usize);
    let mut d = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), opts);
    d.decode_headers().map_err(bad)?;
    // zune-jpeg maps YCbCr, RGB and grey straight to luma, but not four-component files.
    let input = d.input_colorspace().unwrap_or(ColorSpace::YCbCr);
    let out = match input {
        ColorSpace::CMYK => ColorSpace::CMYK,
        ColorSpace::YCCK => ColorSpace::RGB,
        _ => ColorSpace::Luma,
    };
    d.set_options(opts.jpeg_set_out_colorspace(out));
    let px = d.decode().map_err(bad)?;
    let px = match out {
        ColorSpace::CMYK => cmyk_to_luma(&px, header.adobe),
        ColorSpace::RGB => px.chunks(3).map(|p| luma(p[0], p[1], p[2])).collect(),
        _ => px,
    };
    let (dw, dh) = d.dimensions().map(|(a, b)| (a as u32, b as u32)).unwrap_or((w, h));
    let img = GrayImage::from_raw(dw, dh, px)
        .ok_or_else(|| PageError::Decode("the JPEG decoded to fewer pixels than its size".into()))?;
    let img = orient(img, header.orientation);
    let (dpi, dpi_known) = resolve_dpi(img.width(), img.height(), header.dpi);
    Ok(Raster { image: img, dpi, dpi_known })
}

/// Four-component JPEG samples to grey. Files with an Adobe APP14 marker
/// store CMYK inverted (Photoshop's convention), others store ink amounts.
fn cmyk_to_luma(px: &[u8], adobe: bool) -> Vec<u8> {
    px.chunks(4)
        .map(|p| {
            let [c, m, y, k] =
                if adobe { [p[0], p[1], p[2], p[3]] } else { [255 - p[0], 255 - p[1], 255 - p[2], 255 - p[3]] };
            let f = |v: u8| (v as u32 * k as u32 / 255) as u8;
            luma(f(c), f(m), f(y))
        })
        .collect()
}

/// Density from a PNG `pHYs` chunk, in dots per inch.
pub fn png_dpi(bytes: &[u8]) -> Option<f32> {
    let mut i = 8;
    while i + 8 <= bytes.len() {
        let len = u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]) as usize;
        let kind = &bytes[i + 4..i + 8];
        if kind == b"IDAT" {
            return None;
        }
        if kind == b"pHYs" && len == 9 {
            let p = bytes.get(i + 8..i + 17)?;
            let x = u32::from_be_bytes([p[0], p[1], p[2], p[3]]) as f32;
            // Pixels per metre are whole numbers: 3937 is 99.9998 dpi, meant as 100.
            return (p[8] == 1).then_some((x * 0.254).round() / 10.0);
        }
        i = i.checked_add(12 + len)?;
    }
    None
}

/// Compressed metadata chunks before the image data (`iCCP` colour
/// profile, `zTXt`, `iTXt`) are inflated by the PNG decoder without a limit
/// of their own: each is inflated here first, counted but not kept, and one
/// that inflates past `cap` bytes refuses the file.
pub fn png_chunks_within(bytes: &[u8], cap: u64) -> Result<(), PageError> {
    use std::io::Read;
    let mut i = 8;
    while i + 8 <= bytes.len() {
        let len = u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]) as usize;
        let kind = &bytes[i + 4..i + 8];
        if kind == b"IDAT" {
            return Ok(());
        }
        let data = bytes.get(i + 8..(i + 8).saturating_add(len)).unwrap_or(&[]);
        let compressed = match kind {
            b"iCCP" | b"zTXt" => data.iter().position(|&b| b == 0).and_then(|z| data.get(z + 2..)),
            // keyword \0 flag method language \0 translated \0 text
            b"iTXt" => {
                let z = data.iter().position(|&b| b == 0);
                match z.and_then(|z| data.get(z + 1..z + 3)) {
                    Some([1, _]) => {
                        let rest = &data[z.unwrap_or(0) + 3..];
                        let mut parts = rest.splitn(3, |&b| b == 0);
                        let (_, _, text) = (parts.next(), parts.next(), parts.next());
                        text
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        if let Some(c) = compressed {
            let mut dec = flate2::read::ZlibDecoder::new(c).take(cap + 1);
            let n = std::io::copy(&mut dec, &mut std::io::sink()).unwrap_or(0);
            if n > cap {
                let name = String::from_utf8_lossy(kind);
                return Err(PageError::Limit(format!("the PNG's {name} chunk inflates past {cap} bytes")));
            }
        }
        i = i.checked_add(12 + len).ok_or_else(|| PageError::Decode("bad PNG chunk length".into()))?;
    }
    Ok(())
}

/// Flattens any alpha on white and converts to grey (colour by the one
/// `source::luma` rule of every page source, not by the `image` crate's own
/// weights).
pub fn flatten_to_gray(img: DynamicImage) -> GrayImage {
    if img.color().has_color() {
        let rgba = img.into_rgba8();
        return GrayImage::from_fn(rgba.width(), rgba.height(), |x, y| {
            let [r, g, b, a] = rgba.get_pixel(x, y).0;
            let l = luma(r, g, b) as u32;
            ::image::Luma([((l * a as u32 + 255 * (255 - a as u32) + 127) / 255) as u8])
        });
    }
    if !img.color().has_alpha() {
        return img.into_luma8();
    }
    let la = img.to_luma_alpha8();
    GrayImage::from_fn(la.width(), la.height(), |x, y| {
        let [l, a] = la.get_pixel(x, y).0;
        let v = (l as u32 * a as u32 + 255 * (255 - a as u32) + 127) / 255;
        ::image::Luma([v as u8])
    })
}

/// Decodes a PNG to a grey raster.
pub fn decode_png(bytes: &[u8], limits: &Limits) -> Result<Raster, PageError> {
    let bad = |e: ::image::ImageError| match e {
        ::image::ImageError::Limits(l) => PageError::Limit(format!("the PNG needs too much memory: {l}")),
        e => PageError::Decode(format!("bad PNG data: {e}")),
    };
    png_chunks_within(bytes, limits.max_content_bytes)?;
    let mut image_limits = ::image::Limits::default();
    image_limits.max_alloc = Some(limits.max_stream_bytes);
    let dec = ::image::codecs::png::PngDecoder::with_limits(Cursor::new(bytes), image_limits).map_err(bad)?;
    let (w, h) = dec.dimensions();
    check_pixels(w, h, limits)?;
    let img = DynamicImage::from_decoder(dec).map_err(bad)?;
    let img = flatten_to_gray(img);
    let (dpi, dpi_known) = resolve_dpi(w, h, png_dpi(bytes));
    Ok(Raster { image: img, dpi, dpi_known })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::image::ExtendedColorType;
    use ausweisscan_synth::encode::jpeg_with_density;
    use ausweisscan_synth::files::jpeg_with_orientation;
    use ausweisscan_synth::pattern::{expected_marker, find_marker, test_page};

    #[test]
    fn dpi_is_believed_only_when_plausible() {
        let cases = [
            ((2480, 3508), Some(300.0), (300.0, true)),
            ((2480, 3508), Some(72.0), (3508.0 / 11.69, false)),
            ((2480, 3508), None, (3508.0 / 11.69, false)),
            ((4000, 3000), Some(72.0), (300.0, false)),
            ((1000, 1000), Some(5000.0), (300.0, false)),
            ((1000, 1000), Some(100.0), (100.0, true)),
        ];
        for ((w, h), stated, (dpi, known)) in cases {
            let (d, k) = resolve_dpi(w, h, stated);
            assert!((d - dpi).abs() < 0.01 && k == known, "{w}x{h} {stated:?}: {d} {k}");
        }
    }

    #[test]
    fn pixel_cap_is_checked_before_decoding() {
        let limits = Limits { max_image_pixels: 1000, ..Limits::default() };
        assert!(matches!(check_pixels(100, 11, &limits), Err(PageError::Limit(_))));
        assert!(check_pixels(100, 10, &limits).is_ok());
        let page = test_page(64, 64);
        let j = jpeg_with_density(page.as_raw(), 64, 64, ExtendedColorType::L8, 80, None).unwrap();
        let limits = Limits { max_image_pixels: 4095, ..Limits::default() };
        assert!(matches!(decode_jpeg(&j, &limits), Err(PageError::Limit(_))));
    }

    #[test]
    fn every_exif_orientation_comes_out_upright() {
        let page = test_page(90, 130);
        let (ex, ey) = expected_marker(90, 130);
        // Stored image = upright page with the inverse of the display transform applied.
        for o in 1..=8u8 {
            let orientation = Orientation::from_exif(o).unwrap();
            let mut stored = DynamicImage::ImageLuma8(page.clone());
            // Applying these eight to the upright page produces each stored form.
            let inverse = match o {
                6 => Orientation::Rotate270,
                8 => Orientation::Rotate90,
                _ => orientation,
            };
            stored.apply_orientation(inverse);
            let s = stored.into_luma8();
            let j = jpeg_with_density(s.as_raw(), s.width(), s.height(), ExtendedColorType::L8, 90, Some(300)).unwrap();
            let j = jpeg_with_orientation(&j, o as u16).unwrap();
            assert_eq!(jpeg_header(&j).orientation, Some(orientation));
            let r = decode_jpeg(&j, &Limits::default()).unwrap();
            assert_eq!(r.image.dimensions(), (90, 130), "orientation {o}");
            let (fx, fy) = find_marker(&r.image).unwrap();
            assert!((fx - ex).abs() < 0.03 && (fy - ey).abs() < 0.03, "orientation {o}: {fx},{fy}");
            assert!(r.dpi_known && (r.dpi - 300.0).abs() < 0.01);
        }
    }

    #[test]
    fn truncated_jpeg_is_a_decode_error() {
        let page = test_page(64, 64);
        let j = jpeg_with_density(page.as_raw(), 64, 64, ExtendedColorType::L8, 80, None).unwrap();
        for cut in [j.len() / 2, j.len() - 2, 10] {
            assert!(matches!(decode_jpeg(&j[..cut], &Limits::default()), Err(PageError::Decode(_))), "cut {cut}");
        }
        let mut padded = j.clone();
        padded.extend_from_slice(&[0, 0, 0]);
        assert!(decode_jpeg(&padded, &Limits::default()).is_ok());
        let mut motion_photo = j.clone();
        motion_photo.extend_from_slice(b"\0\0\0\x18ftypmp42 appended video");
        assert!(decode_jpeg(&motion_photo, &Limits::default()).is_ok());
    }

    #[test]
    fn adobe_cmyk_jpegs_come_out_as_grey() {
        let page = test_page(64, 48);
        let s = ausweisscan_synth::encode::encode(&page, &ausweisscan_synth::encode::Encoding::DctCmykAdobe).unwrap();
        assert!(jpeg_header(&s.data).adobe);
        let r = decode_jpeg(&s.data, &Limits::default()).unwrap();
        // The marker covers 4..12 on a 64 x 48 page.
        assert!(r.image.get_pixel(8, 8).0[0] < 60, "marker {}", r.image.get_pixel(8, 8).0[0]);
        assert!(r.image.get_pixel(60, 40).0[0] > 200, "background {}", r.image.get_pixel(60, 40).0[0]);
        assert_eq!(cmyk_to_luma(&[0, 0, 0, 0], false), vec![255]);
        assert_eq!(cmyk_to_luma(&[0, 0, 0, 0], true), vec![0]);
    }

    #[test]
    fn alpha_is_flattened_on_white() {
        let img = DynamicImage::ImageLumaA8(::image::ImageBuffer::from_fn(2, 1, |x, _| {
            ::image::LumaA([0, if x == 0 { 255 } else { 0 }])
        }));
        assert_eq!(flatten_to_gray(img).as_raw(), &vec![0, 255]);
    }

    #[test]
    fn colour_turns_grey_by_the_one_luma_rule_of_every_source() {
        // A PNG's colours give the grey a JPEG's or a PDF image's give
        // (BT.601, rounded), half-transparent ones flattened on white.
        let px = [[255, 0, 0, 255], [0, 255, 0, 255], [10, 20, 200, 255], [0, 0, 0, 128]];
        let img = DynamicImage::ImageRgba8(::image::ImageBuffer::from_fn(4, 1, |x, _| ::image::Rgba(px[x as usize])));
        let want: Vec<u8> = vec![luma(255, 0, 0), luma(0, 255, 0), luma(10, 20, 200), 127];
        assert_eq!(flatten_to_gray(img).as_raw(), &want);
        assert_eq!(want[..2], [76, 150]);
        let rgb = DynamicImage::ImageRgb8(::image::ImageBuffer::from_fn(1, 1, |_, _| ::image::Rgb([255, 0, 0])));
        assert_eq!(flatten_to_gray(rgb).as_raw(), &vec![76]);
    }
}
