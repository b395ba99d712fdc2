//! Multi-page TIFF source (G4, LZW, uncompressed...; 1/8/16 bit; grey, RGB,
//! palette): each image file directory (IFD) is a page. Opening counts the
//! IFDs; loading page `i` seeks to IFD `i` and decodes only that one.

use super::image::{check_pixels, orient, resolve_dpi};
use super::{OpenOptions, PageContent, PageSource, Raster};
use crate::error::{FileError, PageError};
use crate::i18n::detail::{self, Detail};
use crate::limits::Limits;
use ::image::GrayImage;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use tiff::ColorType;
use tiff::decoder::{Decoder, DecodingResult, ifd::Value};
use tiff::tags::Tag;

/// Most IFDs counted in one file: a chain longer than this is a loop or an
/// attack, not a scan.
pub const MAX_TIFF_PAGES: usize = 10_000;

type Dec = Decoder<BufReader<File>>;

fn decoder(path: &Path, limits: &Limits) -> Result<Dec, String> {
    let f = File::open(path).map_err(|e| e.to_string())?;
    let mut tl = tiff::decoder::Limits::default();
    let cap = usize::try_from(limits.max_stream_bytes).unwrap_or(usize::MAX);
    tl.decoding_buffer_size = cap;
    tl.intermediate_buffer_size = cap;
    Decoder::new(BufReader::new(f)).map(|d| d.with_limits(tl)).map_err(|e| e.to_string())
}

/// Opens a TIFF file; each frame is a page.
pub fn open(path: &Path, opts: &OpenOptions) -> Result<Box<dyn PageSource>, FileError> {
    let mut d = decoder(path, &opts.limits).map_err(|e| FileError::Corrupt(format!("not a readable TIFF: {e}")))?;
    let mut pages = 1;
    let mut warning = None;
    while d.more_images() {
        if pages >= MAX_TIFF_PAGES {
            warning = Some(detail::tiff_page_cap(MAX_TIFF_PAGES));
            break;
        }
        if let Err(e) = d.next_image() {
            warning = Some(detail::tiff_rest_unreadable(pages, &e.to_string()));
            break;
        }
        pages += 1;
    }
    Ok(Box::new(TiffFile { path: path.to_path_buf(), pages, limits: opts.limits.clone(), warning }))
}

struct TiffFile {
    path: PathBuf,
    pages: usize,
    limits: Limits,
    warning: Option<Detail>,
}

impl PageSource for TiffFile {
    fn page_count(&self) -> usize {
        self.pages
    }

    fn load_page(&self, index: usize) -> PageContent {
        let raster = if index >= self.pages {
            Err(PageError::Corrupt(format!("the file has {} pages, not page {}", self.pages, index + 1)))
        } else {
            decoder(&self.path, &self.limits)
                .map_err(|e| PageError::Decode(format!("cannot read the TIFF: {e}")))
                .and_then(|mut d| load(&mut d, index, &self.limits))
                .map(Some)
        };
        PageContent { raster, text: Ok(None) }
    }

    fn warning(&self) -> Option<Detail> {
        self.warning.clone()
    }
}

fn rational(v: Value) -> Option<f32> {
    match v {
        Value::Rational(n, d) if d != 0 => Some(n as f32 / d as f32),
        Value::Short(n) => Some(n as f32),
        Value::Unsigned(n) => Some(n as f32),
        Value::List(mut l) if !l.is_empty() => rational(l.swap_remove(0)),
        _ => None,
    }
}

fn stated_dpi(d: &mut Dec) -> Option<f32> {
    let x = rational(d.find_tag(Tag::XResolution).ok()??)?;
    let unit = d.find_tag(Tag::ResolutionUnit).ok().flatten().and_then(|v| v.into_u16().ok()).unwrap_or(2);
    match unit {
        2 => Some(x),
        3 => Some(x * 2.54),
        _ => None,
    }
}

/// Decodes IFD `index` of `d` to a grey raster.
fn load(d: &mut Dec, index: usize, limits: &Limits) -> Result<Raster, PageError> {
    let bad = |e: tiff::TiffError| match e {
        tiff::TiffError::LimitsExceeded => PageError::Limit("the TIFF page needs more memory than allowed".into()),
        e => PageError::Decode(format!("bad TIFF data: {e}")),
    };
    d.seek_to_image(index).map_err(bad)?;
    let (w, h) = d.dimensions().map_err(bad)?;
    check_pixels(w, h, limits)?;
    let color = d.colortype().map_err(bad)?;
    let data = d.read_image().map_err(bad)?;
    let image = to_gray(w, h, color, &data)?;
    let orientation = d
        .find_tag(Tag::Orientation)
        .ok()
        .flatten()
        .and_then(|v| v.into_u16().ok())
        .and_then(|v| ::image::metadata::Orientation::from_exif(v as u8));
    let image = orient(image, orientation);
    let (dpi, dpi_known) = resolve_dpi(image.width(), image.height(), stated_dpi(d));
    Ok(Raster { image, dpi, dpi_known })
}

/// Converts decoded samples to grey (0 = black). The `tiff` crate has
/// already applied WhiteIsZero, so samples are BlackIsZero here.
fn to_gray(w: u32, h: u32, color: ColorType, data: &DecodingResult) -> Result<GrayImage, PageError> {
    let n = w as usize * h as usize;
    let short = || PageError::Decode("the TIFF strip holds fewer samples than the image size".into());
    let luma = |r: u32, g: u32, b: u32| ((r * 299 + g * 587 + b * 114) / 1000) as u8;
    let px: Vec<u8> = match (color, data) {
        (ColorType::Gray(1), DecodingResult::U8(v)) => {
            let stride = (w as usize).div_ceil(8);
            if v.len() < stride * h as usize {
                return Err(short());
            }
            (0..n)
                .map(|i| {
                    let (x, y) = (i % w as usize, i / w as usize);
                    if v[y * stride + x / 8] & (0x80 >> (x % 8)) != 0 { 255 } else { 0 }
                })
                .collect()
        }
        (ColorType::Gray(8), DecodingResult::U8(v)) => v.get(..n).ok_or_else(short)?.to_vec(),
        (ColorType::Gray(16), DecodingResult::U16(v)) => {
            v.get(..n).ok_or_else(short)?.iter().map(|s| (s >> 8) as u8).collect()
        }
        (ColorType::GrayA(8), DecodingResult::U8(v)) => {
            v.get(..2 * n).ok_or_else(short)?.chunks(2).map(|p| flatten(p[0] as u32, p[1] as u32)).collect()
        }
        (ColorType::RGB(8), DecodingResult::U8(v)) => {
            v.get(..3 * n).ok_or_else(short)?.chunks(3).map(|p| luma(p[0] as u32, p[1] as u32, p[2] as u32)).collect()
        }
        (ColorType::RGB(16), DecodingResult::U16(v)) => v
            .get(..3 * n)
            .ok_or_else(short)?
            .chunks(3)
            .map(|p| luma(p[0] as u32 >> 8, p[1] as u32 >> 8, p[2] as u32 >> 8))
            .collect(),
        (ColorType::RGBA(8), DecodingResult::U8(v)) => v
            .get(..4 * n)
            .ok_or_else(short)?
            .chunks(4)
            .map(|p| flatten(luma(p[0] as u32, p[1] as u32, p[2] as u32) as u32, p[3] as u32))
            .collect(),
        (ColorType::CMYK(8), DecodingResult::U8(v)) => v
            .get(..4 * n)
            .ok_or_else(short)?
            .chunks(4)
            .map(|p| {
                let k = 255 - p[3] as u32;
                luma((255 - p[0] as u32) * k / 255, (255 - p[1] as u32) * k / 255, (255 - p[2] as u32) * k / 255)
            })
            .collect(),
        (c, _) => return Err(PageError::Decode(format!("unsupported TIFF sample layout {c:?}"))),
    };
    GrayImage::from_raw(w, h, px).ok_or_else(short)
}

fn flatten(l: u32, a: u32) -> u8 {
    ((l * a + 255 * (255 - a) + 127) / 255) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::image::Luma;

    #[test]
    fn one_bit_rows_are_unpacked_msb_first_with_padding() {
        let img = to_gray(9, 2, ColorType::Gray(1), &DecodingResult::U8(vec![0x80, 0x80, 0x7F, 0x00])).unwrap();
        assert_eq!(img.get_pixel(0, 0), &Luma([255]));
        assert_eq!(img.get_pixel(1, 0), &Luma([0]));
        assert_eq!(img.get_pixel(8, 0), &Luma([255]));
        assert_eq!(img.get_pixel(0, 1), &Luma([0]));
        assert_eq!(img.get_pixel(7, 1), &Luma([255]));
    }

    #[test]
    fn sixteen_bit_and_colour_samples_become_grey() {
        let g = to_gray(2, 1, ColorType::Gray(16), &DecodingResult::U16(vec![0, 65535])).unwrap();
        assert_eq!(g.as_raw(), &vec![0, 255]);
        let c = to_gray(1, 1, ColorType::RGB(8), &DecodingResult::U8(vec![255, 255, 255])).unwrap();
        assert_eq!(c.as_raw(), &vec![255]);
        let a = to_gray(1, 1, ColorType::RGBA(8), &DecodingResult::U8(vec![0, 0, 0, 0])).unwrap();
        assert_eq!(a.as_raw(), &vec![255]);
    }

    #[test]
    fn stream_limit_trips_as_a_limit_error() {
        let page = crate::synth::pattern::test_page(200, 100);
        let bytes = crate::synth::files::tiff_lzw_gray(&page, 300).unwrap();
        let dir = std::env::temp_dir().join(format!("ausweisscan-tiff-limit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.tif");
        std::fs::write(&path, bytes).unwrap();
        let opts =
            OpenOptions { limits: Limits { max_stream_bytes: 10_000, ..Limits::default() }, ..Default::default() };
        let src = open(&path, &opts).unwrap();
        let r = src.load_page(0).raster;
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(matches!(r, Err(PageError::Limit(_))), "{r:?}");
    }

    #[test]
    fn short_strips_are_decode_errors() {
        assert!(matches!(
            to_gray(4, 4, ColorType::Gray(8), &DecodingResult::U8(vec![0; 3])),
            Err(PageError::Decode(_))
        ));
    }
}
