//! Multi-page TIFF and BigTIFF source (G4, LZW, uncompressed...; 1/8/16
//! bit; grey, RGB, palette): each image file directory (IFD) is a page.
//! Opening walks the IFD chain once; the decoders that walked it are kept in
//! a pool, so loading page `i` jumps straight to IFD `i` (the `tiff` crate
//! remembers the offsets it has seen) and the time is linear in the page
//! count. A fresh decoder would walk the chain from the first IFD again for
//! every page.

use super::image::{check_pixels, orient, resolve_dpi};
use super::{OpenOptions, PageContent, PageSource, Raster};
use crate::error::{FileError, PageError};
use crate::evidence::Detail;
use crate::limits::Limits;
use ::image::GrayImage;
use std::fs::File;
use std::io::{BufReader, Cursor, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tiff::ColorType;
use tiff::decoder::{Decoder, DecodingResult, ifd::Value};
use tiff::tags::Tag;

/// Most IFDs counted in one file: a chain longer than this is a loop or an
/// attack, not a scan.
pub const MAX_TIFF_PAGES: usize = 10_000;

type Dec = Decoder<Input>;

/// The file as read: from disk, or from memory when palette IFDs had to be
/// patched (see [`patch_palettes`]).
enum Input {
    File(BufReader<File>),
    Memory(Cursor<Arc<[u8]>>),
}

impl Read for Input {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Input::File(f) => f.read(buf),
            Input::Memory(m) => m.read(buf),
        }
    }
}

impl Seek for Input {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        match self {
            Input::File(f) => f.seek(pos),
            Input::Memory(m) => m.seek(pos),
        }
    }
}

/// Where a TIFF is read from: its file, or bytes in memory (given as bytes,
/// or the file with its palette IFDs patched).
#[derive(Clone)]
enum Origin {
    File(PathBuf),
    Memory(Arc<[u8]>),
}

fn decoder(origin: &Origin, limits: &Limits) -> Result<Dec, String> {
    let input = match origin {
        Origin::Memory(bytes) => Input::Memory(Cursor::new(bytes.clone())),
        Origin::File(path) => Input::File(BufReader::new(File::open(path).map_err(|e| e.to_string())?)),
    };
    let mut tl = tiff::decoder::Limits::default();
    let cap = usize::try_from(limits.max_stream_bytes).unwrap_or(usize::MAX);
    tl.decoding_buffer_size = cap;
    tl.intermediate_buffer_size = cap;
    Decoder::new(input).map(|d| d.with_limits(tl)).map_err(|e| e.to_string())
}

/// Walks the IFD chain once: the page count, IFD offsets of palette pages,
/// and a warning when the chain is cut short.
fn count(d: &mut Dec) -> (usize, Vec<u64>, Option<Detail>) {
    let mut pages = 1;
    let mut palettes = Vec::new();
    loop {
        if matches!(d.colortype(), Err(tiff::TiffError::UnsupportedError(_)))
            && d.find_tag(Tag::PhotometricInterpretation).ok().flatten().and_then(|v| v.into_u16().ok()) == Some(3)
            && let Some(p) = d.ifd_pointer()
        {
            palettes.push(p.0);
        }
        if !d.more_images() {
            return (pages, palettes, None);
        }
        if pages >= MAX_TIFF_PAGES {
            return (pages, palettes, Some(Detail::TiffPageCap { max: MAX_TIFF_PAGES }));
        }
        if let Err(e) = d.next_image() {
            return (pages, palettes, Some(Detail::TiffRestUnreadable { pages, why: e.to_string() }));
        }
        pages += 1;
    }
}

/// Opens a TIFF file; each frame is a page.
pub fn open(path: &Path, opts: &OpenOptions) -> Result<Box<dyn PageSource>, FileError> {
    open_origin(Origin::File(path.to_path_buf()), opts)
}

/// A TIFF already in memory (a file dropped into the web edition).
pub fn open_bytes(bytes: Arc<[u8]>, opts: &OpenOptions) -> Result<Box<dyn PageSource>, FileError> {
    open_origin(Origin::Memory(bytes), opts)
}

fn open_origin(origin: Origin, opts: &OpenOptions) -> Result<Box<dyn PageSource>, FileError> {
    let not_tiff = |e: String| FileError::Corrupt(format!("not a readable TIFF: {e}"));
    let mut d = decoder(&origin, &opts.limits).map_err(not_tiff)?;
    let (mut pages, palettes, mut warning) = count(&mut d);
    let mut origin = origin;
    if !palettes.is_empty() {
        let mut bytes = match &origin {
            Origin::Memory(b) => b.to_vec(),
            Origin::File(path) => {
                let len = std::fs::metadata(path).map_err(|e| FileError::Io(e.to_string()))?.len();
                if len > opts.limits.max_content_bytes {
                    return Err(FileError::Limit(format!(
                        "a palette TIFF is read into memory; this one is {len} bytes, more than the limit of {}",
                        opts.limits.max_content_bytes
                    )));
                }
                std::fs::read(path).map_err(|e| FileError::Io(e.to_string()))?
            }
        };
        patch_palettes(&mut bytes, &palettes);
        origin = Origin::Memory(bytes.into());
        d = decoder(&origin, &opts.limits).map_err(not_tiff)?;
        (pages, _, warning) = count(&mut d);
    }
    Ok(Box::new(TiffFile { origin, pages, limits: opts.limits.clone(), warning, pool: Mutex::new(vec![d]) }))
}

/// The `tiff` crate refuses palette images (PhotometricInterpretation 3).
/// Their IFDs are patched in memory to say BlackIsZero, so the indices are
/// decoded as grey samples; [`palette_to_gray`] then maps them through the
/// `ColorMap`, which stays in the IFD.
fn patch_palettes(bytes: &mut [u8], ifds: &[u64]) {
    let little = bytes.starts_with(b"II");
    let big = bytes.get(2..4).is_some_and(|m| m == [43, 0] || m == [0, 43]);
    let u16_at = |b: &[u8], at: usize| -> Option<u16> {
        let v: [u8; 2] = b.get(at..at + 2)?.try_into().ok()?;
        Some(if little { u16::from_le_bytes(v) } else { u16::from_be_bytes(v) })
    };
    for &ifd in ifds {
        let Ok(ifd) = usize::try_from(ifd) else { continue };
        let (count, first, size, value) = if big {
            let Some(v) = bytes.get(ifd..ifd + 8).and_then(|v| <[u8; 8]>::try_from(v).ok()) else { continue };
            let n = if little { u64::from_le_bytes(v) } else { u64::from_be_bytes(v) };
            (n, ifd + 8, 20, 12)
        } else {
            let Some(n) = u16_at(bytes, ifd) else { continue };
            (u64::from(n), ifd + 2, 12, 8)
        };
        for k in 0..count.min(4096) as usize {
            let entry = first + k * size;
            if u16_at(bytes, entry) == Some(262) && u16_at(bytes, entry + value) == Some(3) {
                let one = if little { 1u16.to_le_bytes() } else { 1u16.to_be_bytes() };
                bytes[entry + value..entry + value + 2].copy_from_slice(&one);
            }
        }
    }
}

struct TiffFile {
    /// Where frames are read from (the patched bytes of a palette TIFF).
    origin: Origin,
    pages: usize,
    limits: Limits,
    warning: Option<Detail>,
    /// Decoders that have walked the IFD chain (one per worker at most).
    pool: Mutex<Vec<Dec>>,
}

impl TiffFile {
    fn take(&self) -> Result<Dec, String> {
        match self.pool.lock().ok().and_then(|mut p| p.pop()) {
            Some(d) => Ok(d),
            None => decoder(&self.origin, &self.limits),
        }
    }

    fn give_back(&self, d: Dec) {
        if let Ok(mut p) = self.pool.lock() {
            p.push(d);
        }
    }
}

impl PageSource for TiffFile {
    fn page_count(&self) -> usize {
        self.pages
    }

    fn load_page(&self, index: usize) -> PageContent {
        let raster = if index >= self.pages {
            Err(PageError::Corrupt(format!("the file has {} pages, not page {}", self.pages, index + 1)))
        } else {
            self.take().map_err(|e| PageError::Decode(format!("cannot read the TIFF: {e}"))).and_then(|mut d| {
                let r = load(&mut d, index, &self.limits);
                self.give_back(d);
                r.map(Some)
            })
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
    // A patched palette IFD (see `patch_palettes`) reads as grey with a colour map.
    let palette = match color {
        ColorType::Gray(bits @ (1 | 2 | 4 | 8)) => d
            .find_tag(Tag::ColorMap)
            .ok()
            .flatten()
            .and_then(|_| d.get_tag_u16_vec(Tag::ColorMap).ok())
            .map(|m| (bits, m)),
        _ => None,
    };
    let data = d.read_image().map_err(bad)?;
    let image = match palette {
        Some((bits, map)) => palette_to_gray(w, h, ColorType::Palette(bits), &data, &map)?,
        None => to_gray(w, h, color, &data)?,
    };
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
    let luma = |r: u32, g: u32, b: u32| super::luma(r as u8, g as u8, b as u8);
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

/// Palette samples (1 to 8 bits, rows padded to bytes) through the
/// `ColorMap` (all reds, then greens, then blues, 16 bits each) to grey.
fn palette_to_gray(
    w: u32,
    h: u32,
    color: ColorType,
    data: &DecodingResult,
    map: &[u16],
) -> Result<GrayImage, PageError> {
    let (ColorType::Palette(bits @ (1 | 2 | 4 | 8)), DecodingResult::U8(v)) = (color, data) else {
        return Err(PageError::Decode(format!("unsupported TIFF palette layout {color:?}")));
    };
    let entries = 1usize << bits;
    if map.len() < 3 * entries {
        return Err(PageError::Decode(format!("the TIFF colour map has {} of {} entries", map.len(), 3 * entries)));
    }
    let grey: Vec<u8> = (0..entries)
        .map(|i| {
            let c = |k: usize| u32::from(map[k * entries + i] >> 8);
            ((c(0) * 299 + c(1) * 587 + c(2) * 114) / 1000) as u8
        })
        .collect();
    let bits = usize::from(bits);
    let stride = (w as usize * bits).div_ceil(8);
    if v.len() < stride * h as usize {
        return Err(PageError::Decode("the TIFF strip holds fewer samples than the image size".into()));
    }
    let mask = ((1u16 << bits) - 1) as u8;
    let px = (0..w as usize * h as usize)
        .map(|i| {
            let (x, y) = (i % w as usize, i / w as usize);
            let bit = x * bits;
            let byte = v[y * stride + bit / 8];
            grey[usize::from((byte >> (8 - bits - bit % 8)) & mask)]
        })
        .collect();
    GrayImage::from_raw(w, h, px).ok_or_else(|| PageError::Decode("bad palette image size".into()))
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
        let page = ausweisscan_synth::pattern::test_page(200, 100);
        let bytes = ausweisscan_synth::files::tiff_lzw_gray(&page, 300).unwrap();
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
    fn palette_samples_go_through_the_colour_map() {
        // Two entries: 0 = white, 1 = black; 4 bits per sample would be the same path.
        let map = [0xFFFF, 0, 0xFFFF, 0, 0xFFFF, 0];
        let img = palette_to_gray(3, 1, ColorType::Palette(1), &DecodingResult::U8(vec![0b0100_0000]), &map).unwrap();
        assert_eq!(img.as_raw(), &vec![255, 0, 255]);
        assert!(palette_to_gray(3, 1, ColorType::Palette(1), &DecodingResult::U8(vec![0]), &map[..4]).is_err());
    }

    #[test]
    fn short_strips_are_decode_errors() {
        assert!(matches!(
            to_gray(4, 4, ColorType::Gray(8), &DecodingResult::U8(vec![0; 3])),
            Err(PageError::Decode(_))
        ));
    }
}
