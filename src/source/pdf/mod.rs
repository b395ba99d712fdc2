//! PDF page source: placed images via hayro-interpret, text via pdf-extract.
//!
//! Each page is first *surveyed*: its content is interpreted without decoding
//! any image, which lists every image drawn (page, Form XObjects, inline
//! images, stencil masks) with its placement, and any visible vector content.
//! Then one of two paths gives the page raster:
//!
//! * **fast path**: exactly one image, placed at a multiple of 90° and
//!   covering most of the page, nothing visible drawn over it. The image is
//!   decoded at its native resolution and turned upright (`/Rotate` and the
//!   image matrix), so a 300-dpi scan stays exactly 300 dpi.
//! * **render path**: anything else (a card pasted small and turned, several
//!   images, text or stamps over a scan, soft masks) is rendered by hayro as a
//!   viewer shows it, at the resolution of its finest sizeable image, capped at
//!   [`Limits::max_detect_dpi`](crate::limits::Limits).
//!
//! Pages without any image have no raster (`Ok(None)`): born-digital letters
//! are examined by their text layer only.
//!
//! # Limits
//! Image sizes are read from the image dictionaries before anything is
//! decoded: an image over `max_image_pixels`, or whose decoded pixels would
//! exceed `max_stream_bytes`, makes that page's raster a limit error. hayro
//! decompresses streams itself and offers no cap, so the decompressed size of
//! other streams (content streams, fonts) is checked only after the fact, for
//! the page content.

mod check;
mod cmap;
mod device;
mod filters;
mod place;
mod prescan;
mod render;
mod text;

use super::{OpenOptions, PageContent, PageSource, Raster};
use crate::error::{FileError, PageError};
use crate::evidence::{Detail, PdfDamage};
use crate::limits::Limits;
use device::{Drawn, Grab, Survey};
use hayro::hayro_interpret::kurbo::Rect;
use hayro::hayro_interpret::util::TransformExt;
use hayro::hayro_interpret::{Context, InterpreterCache, InterpreterSettings, interpret_page};
use hayro::hayro_syntax::object::Dict;
use hayro::hayro_syntax::page::Page;
use hayro::hayro_syntax::{DecryptionError, LoadPdfError, Pdf};
use image::GrayImage;
use place::{COVER_SHARE, Placement};
use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::{Arc, Mutex};
use text::{LoadError, TextLayer};

/// Largest share of the page that vector content drawn over a covering scan
/// (page stamps, numbers, headers) may take for the fast path; the overlays
/// are then rendered into the native image region by region.
const OVERLAY_SHARE: f64 = 0.1;
/// Lowest resolution a page is rendered at, whatever its images.
const MIN_RENDER_DPI: f32 = 72.0;
/// Images placed smaller than this (square inches) do not set the render
/// resolution when a larger image is on the page (logos, icons); an ID-1
/// card is 7.2 in².
const SMALL_IMAGE_IN2: f64 = 1.0;

/// Opens a PDF for page-wise reading.
pub fn open(path: &Path, opts: &OpenOptions) -> Result<Box<dyn PageSource>, FileError> {
    #[cfg(not(target_family = "wasm"))]
    if let Ok(mapped) = crate::source::mmap::Mapped::open(path) {
        let source = PdfSource::new(mapped.clone(), opts)?;
        mapped.sequential();
        return Ok(Box::new(source));
    }
    // Some file systems cannot map (and WebAssembly has no maps): read the file instead.
    let bytes = std::fs::read(path).map_err(|e| FileError::Io(e.to_string()))?;
    Ok(Box::new(PdfSource::new(Arc::new(bytes), opts)?))
}

/// An open PDF. The file bytes are held once; pages are decoded on demand and
/// nothing decoded is kept between pages.
pub struct PdfSource {
    pdf: Pdf,
    text: Option<TextLayer>,
    /// Why the text layer is not read (a limit), for every page.
    text_refused: Option<PageError>,
    warning: Option<Detail>,
    /// Why the file looks cut off or repaired, if it does.
    damage: Option<PdfDamage>,
    /// Pages (0-based) that could not be read whole.
    affected: Mutex<BTreeSet<usize>>,
    limits: Limits,
}

/// Signs that a PDF is cut off or that hayro had to rebuild its structure:
/// no `%%EOF` near the end, a `startxref` past the end, or fewer pages than
/// the page tree declares.
fn damage(bytes: &[u8], pdf: &Pdf, pages: usize) -> Option<PdfDamage> {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Some(PdfDamage::CutOff);
    }
    let at = tail.windows(9).rposition(|w| w == b"startxref")?;
    let offset: Option<usize> = std::str::from_utf8(&tail[at + 9..])
        .ok()
        .and_then(|t| t.split_whitespace().next())
        .and_then(|t| t.parse().ok());
    let Some(offset) = offset.filter(|&o| o < bytes.len()) else {
        return Some(PdfDamage::XrefOffsetInvalid);
    };
    if !xref_table_fits(bytes, offset) {
        return Some(PdfDamage::XrefMisplaced);
    }
    let declared = pdf
        .xref()
        .get::<Dict<'_>>(pdf.xref().root_id())
        .and_then(|root| root.get::<Dict<'_>>(b"Pages"))
        .and_then(|p| p.get::<i64>(b"Count"));
    match declared {
        Some(declared) if declared != pages as i64 => Some(PdfDamage::PageCount { declared, found: pages }),
        _ => None,
    }
}

fn panic_text(p: &Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}

fn load<T: AsRef<[u8]> + Send + Sync + 'static>(bytes: &Arc<T>, password: &str) -> Result<Pdf, LoadPdfError> {
    catch_unwind(AssertUnwindSafe(|| Pdf::new_with_password(bytes.clone(), password)))
        .unwrap_or(Err(LoadPdfError::Invalid))
}

fn encryption_error(e: DecryptionError) -> FileError {
    let why = match e {
        DecryptionError::MissingIDEntry => "it is encrypted but has no /ID entry",
        DecryptionError::InvalidEncryption => "its encryption dictionary is invalid",
        DecryptionError::UnsupportedAlgorithm => "it uses an unsupported encryption method",
        DecryptionError::PasswordProtected => "it is password-protected",
    };
    FileError::Corrupt(why.into())
}

/// Whether the file may carry a text layer at all (fonts, possibly hidden in
/// compressed object streams). Saves loading it a second time for text when
/// it is a pure scan.
fn may_have_text(bytes: &[u8]) -> bool {
    const NAMES: [&[u8]; 3] = [b"Font", b"ObjStm", b"Encrypt"];
    bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'/')
        .any(|(i, _)| NAMES.iter().any(|n| bytes[i + 1..].starts_with(n)))
}

/// Whether a classic cross-reference table at `at` points each object it
/// lists (up to the first 2,000) at that object's `n g obj` header. hayro
/// repairs a wrong table silently by scanning the file; a wrong table means
/// the file was edited or cut and re-joined, so it is reported. Other forms
/// (cross-reference streams) pass.
fn xref_table_fits(bytes: &[u8], at: usize) -> bool {
    let Some(rest) = bytes.get(at..) else { return false };
    let Some(body) = rest.strip_prefix(b"xref") else { return true };
    let text = String::from_utf8_lossy(&body[..body.len().min(2_000 * 20 + 1_000)]);
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let mut checked = 0;
    while let Some(head) = lines.next() {
        let mut h = head.split_whitespace();
        let (Some(first), Some(count), None) = (h.next(), h.next(), h.next()) else { return true };
        let (Ok(first), Ok(count)) = (first.parse::<u64>(), count.parse::<u64>()) else { return true };
        for n in first..first.saturating_add(count) {
            let Some(entry) = lines.next() else { return true };
            let f: Vec<&str> = entry.split_whitespace().collect();
            if let [off, generation, "n"] = f[..] {
                let (Ok(off), Ok(generation)) = (off.parse::<usize>(), generation.parse::<u64>()) else { return false };
                let want = format!("{n} {generation} obj");
                let found = bytes.get(off..).map(|b| &b[..b.len().min(want.len() + 8)]);
                let ok = found.is_some_and(|b| {
                    let t = b.iter().skip_while(|c| c.is_ascii_whitespace()).copied().collect::<Vec<u8>>();
                    t.starts_with(want.as_bytes())
                });
                if !ok {
                    return false;
                }
                checked += 1;
                if checked >= 2_000 {
                    return true;
                }
            }
        }
    }
    true
}

impl PdfSource {
    /// Opens PDF bytes (in memory or a mapped file): tries the empty
    /// password, then `opts.password`.
    pub fn new<T: AsRef<[u8]> + Send + Sync + 'static>(
        data: Arc<T>,
        opts: &OpenOptions,
    ) -> Result<PdfSource, FileError> {
        let bytes: &[u8] = (*data).as_ref();
        let head = &bytes[..bytes.len().min(1024)];
        if !head.windows(5).any(|w| w == b"%PDF-") {
            return Err(FileError::Corrupt("no %PDF- header in the first 1024 bytes".into()));
        }
        prescan::check(bytes, opts.limits.max_content_bytes).map_err(FileError::Limit)?;
        let mut password = String::new();
        let pdf = match load(&data, "") {
            Ok(pdf) => pdf,
            Err(LoadPdfError::Decryption(DecryptionError::PasswordProtected)) => match &opts.password {
                None => return Err(FileError::PasswordRequired),
                Some(pw) => match load(&data, pw) {
                    Ok(pdf) => {
                        password = pw.clone();
                        pdf
                    }
                    Err(LoadPdfError::Decryption(DecryptionError::PasswordProtected)) => {
                        return Err(FileError::WrongPassword);
                    }
                    Err(LoadPdfError::Decryption(e)) => return Err(encryption_error(e)),
                    Err(LoadPdfError::Invalid) => return Err(invalid()),
                },
            },
            Err(LoadPdfError::Decryption(e)) => return Err(encryption_error(e)),
            Err(LoadPdfError::Invalid) => return Err(invalid()),
        };
        let pages = catch_unwind(AssertUnwindSafe(|| pdf.pages().len()))
            .map_err(|p| FileError::Corrupt(format!("the page tree cannot be read ({})", panic_text(&p))))?;
        let mut warning = None;
        let mut text_refused = None;
        let text = if may_have_text(bytes) {
            match TextLayer::load(bytes, &password, opts.limits.max_content_bytes) {
                Ok(t) if t.page_count() == pages => Some(t),
                Ok(t) => {
                    warning = Some(Detail::PdfPageCountsDiffer { text_pages: t.page_count(), pages });
                    None
                }
                Err(LoadError::Unreadable(e)) => {
                    warning = Some(Detail::PdfTextUnreadable { why: e, pages });
                    None
                }
                Err(LoadError::Refused(e)) => {
                    text_refused = Some(PageError::Limit(format!("the text layer is not read: {e}")));
                    None
                }
            }
        } else {
            None
        };
        let damage = catch_unwind(AssertUnwindSafe(|| damage(bytes, &pdf, pages))).unwrap_or(None);
        Ok(PdfSource {
            pdf,
            text,
            text_refused,
            warning,
            damage,
            affected: Mutex::new(BTreeSet::new()),
            limits: opts.limits.clone(),
        })
    }

    fn raster(&self, page: &Page<'_>) -> Result<Option<Raster>, PageError> {
        check::page(page, &self.limits)?;
        let (pw, ph) = page.render_dimensions();
        let (pw, ph) = (pw as f64, ph as f64);
        let mut survey = Survey::default();
        interpret(page, &mut survey);
        let images: Vec<(Placement, bool)> = survey
            .drawn
            .iter()
            .filter_map(|d| match d {
                Drawn::Image { placement, stencil } => Some((*placement, *stencil)),
                _ => None,
            })
            .collect();
        if images.is_empty() {
            return Ok(None);
        }
        for (p, _) in &images {
            self.check_image(p)?;
        }
        if let Some(r) = self.fast_path(page, &survey.drawn, pw, ph)? {
            return Ok(Some(r));
        }
        self.render_path(page, &images, pw, ph).map(Some)
    }

    fn check_image(&self, p: &Placement) -> Result<(), PageError> {
        let pixels = p.width as u64 * p.height as u64;
        if pixels > self.limits.max_image_pixels {
            return Err(PageError::Limit(format!(
                "an image on the page is {}x{} pixels, more than the limit of {} pixels",
                p.width, p.height, self.limits.max_image_pixels
            )));
        }
        // Decoded to at most RGB + alpha, one byte each.
        if pixels * 4 > self.limits.max_stream_bytes {
            return Err(PageError::Limit(format!(
                "an image on the page ({}x{} pixels) would decode to more than {} bytes",
                p.width, p.height, self.limits.max_stream_bytes
            )));
        }
        Ok(())
    }

    /// One image covering the page, at most small overlays over it: the
    /// image is used natively and the overlays are rendered into it.
    fn fast_path(&self, page: &Page<'_>, drawn: &[Drawn], pw: f64, ph: f64) -> Result<Option<Raster>, PageError> {
        let mut images = drawn.iter().enumerate().filter(|(_, d)| matches!(d, Drawn::Image { .. }));
        let (Some((at, Drawn::Image { placement, .. })), None) = (images.next(), images.next()) else {
            return Ok(None);
        };
        let page_box = place::Bounds { x0: 0.0, y0: 0.0, x1: pw, y1: ph };
        let mut overlays = Vec::new();
        for d in &drawn[at + 1..] {
            match d {
                Drawn::Vector(b) => overlays.push(b.intersect(&page_box)),
                _ => return Ok(None),
            }
        }
        let overlay_area: f64 = overlays.iter().map(place::Bounds::area).sum();
        let complex = drawn.iter().any(|d| matches!(d, Drawn::Complex));
        let share = placement.bounds().intersect(&page_box).area() / page_box.area().max(1e-9);
        let Some(orientation) = placement.orientation() else { return Ok(None) };
        if complex || share < COVER_SHARE || overlay_area > OVERLAY_SHARE * page_box.area() {
            return Ok(None);
        }
        let mut grab = Grab::new(0);
        interpret(page, &mut grab);
        let grey = match grab.result {
            Some(Ok(g)) => g,
            Some(Err(e)) => return Err(PageError::Decode(e)),
            None => return Err(PageError::Decode("the page image was not found on the second reading".into())),
        };
        let img = GrayImage::from_raw(grey.width, grey.height, grey.data)
            .ok_or_else(|| PageError::Decode("decoded image has the wrong size".into()))?;
        let mut up = place::upright(img, placement, orientation, pw, ph)
            .ok_or_else(|| PageError::Corrupt("the page image lies outside the page".into()))?;
        let ppp = 72.0 / up.dpi as f64;
        for b in overlays.iter().filter(|b| b.area() > 0.0) {
            let (w, h) = up.image.dimensions();
            let px = |v: f64, o: f64, max: u32| (((v - o) / ppp).max(0.0) as u32).min(max);
            let (x0, y0) = (px(b.x0, up.origin.0, w), px(b.y0, up.origin.1, h));
            let (x1, y1) = (px(b.x1 + ppp, up.origin.0, w), px(b.y1 + ppp, up.origin.1, h));
            if x1 <= x0 || y1 <= y0 {
                continue;
            }
            let patch = render::render_region(page, up.origin, ppp, (x0, y0, x1 - x0, y1 - y0));
            image::imageops::replace(&mut up.image, &patch, x0 as i64, y0 as i64);
        }
        Ok(Some(Raster { image: up.image, dpi: up.dpi, dpi_known: true }))
    }

    fn render_path(
        &self,
        page: &Page<'_>,
        images: &[(Placement, bool)],
        pw: f64,
        ph: f64,
    ) -> Result<Raster, PageError> {
        let dpi = render_dpi(images, pw, ph, &self.limits);
        let scale = dpi / 72.0;
        let (w, h) = ((pw * scale as f64) as u64, (ph * scale as f64) as u64);
        if w * h * 4 > self.limits.max_stream_bytes {
            return Err(PageError::Limit(format!(
                "rendering the page at {dpi:.0} dpi needs {w}x{h} pixels, more than the limit of {} bytes",
                self.limits.max_stream_bytes
            )));
        }
        let r = render::render(page, scale);
        if r.image_failed {
            return Err(PageError::Decode("an image on the page could not be decoded".into()));
        }
        Ok(Raster { image: r.image, dpi, dpi_known: true })
    }
}

fn invalid() -> FileError {
    FileError::Corrupt("no readable PDF structure (no usable cross-reference table, page tree or objects)".into())
}

/// Runs the interpreter over `page` into `device`, in page space (points,
/// y down, `/Rotate` and crop box applied).
fn interpret<'a>(page: &Page<'a>, device: &mut impl hayro::hayro_interpret::Device<'a>) {
    let (pw, ph) = page.render_dimensions();
    let cache = InterpreterCache::new();
    let settings = InterpreterSettings::default();
    let mut ctx = Context::new(
        page.initial_transform(true).to_kurbo(),
        Rect::new(0.0, 0.0, pw as f64, ph as f64),
        &cache,
        page.xref(),
        settings,
    );
    interpret_page(page, &mut ctx, device);
}

/// The resolution a page is rendered at: that of its finest sizeable image
/// (never upsampling a coarse scan), within `[MIN_RENDER_DPI, max_detect_dpi]`
/// and such that the raster stays within `max_raster_side` and hayro's size.
fn render_dpi(images: &[(Placement, bool)], pw: f64, ph: f64, limits: &Limits) -> f32 {
    let finest = |min_area: f64| {
        images
            .iter()
            .filter(|(p, _)| p.area_in2() >= min_area)
            .map(|(p, _)| {
                let (a, b) = p.dpi();
                a.max(b)
            })
            .fold(0.0f64, f64::max)
    };
    let mut dpi = finest(SMALL_IMAGE_IN2);
    if dpi <= 0.0 {
        dpi = finest(0.0);
    }
    let mut dpi = (dpi as f32).clamp(MIN_RENDER_DPI, limits.max_detect_dpi.max(MIN_RENDER_DPI));
    let side = pw.max(ph).max(1.0) as f32;
    let max_side = limits.max_raster_side.min(render::MAX_RENDER_SIDE) as f32;
    if side * dpi / 72.0 > max_side {
        dpi = max_side * 72.0 / side;
    }
    dpi
}

impl PageSource for PdfSource {
    fn page_count(&self) -> usize {
        self.pdf.pages().len()
    }

    fn load_page(&self, index: usize) -> PageContent {
        let Some(page) = self.pdf.pages().get(index) else {
            let e = PageError::Corrupt(format!("page {} does not exist", index + 1));
            return PageContent { raster: Err(e.clone()), text: Err(e) };
        };
        let raster = catch_unwind(AssertUnwindSafe(|| self.raster(page)))
            .unwrap_or_else(|p| Err(PageError::Internal(format!("the PDF reader crashed: {}", panic_text(&p)))));
        if raster.is_err()
            && let Ok(mut a) = self.affected.lock()
        {
            a.insert(index);
        }
        let text = match (&self.text, &self.text_refused, &raster) {
            (_, Some(e), _) => Err(e.clone()),
            // The page's streams are over a limit, so the page is unexamined
            // already: pdf-extract would inflate them without bound.
            (_, _, Err(PageError::Limit(_))) => Ok(None),
            (Some(t), _, _) => t.page(index),
            (None, _, _) => Ok(None),
        };
        PageContent { raster, text }
    }

    fn warning(&self) -> Option<Detail> {
        let damage = self.damage.map(|why| {
            let affected: Vec<usize> = match self.affected.lock() {
                Ok(a) => a.iter().map(|i| i + 1).collect(),
                Err(_) => Vec::new(),
            };
            Detail::PdfDamaged { why, found: self.page_count(), affected }
        });
        match (damage, self.warning.clone()) {
            (Some(d), Some(w)) => Some(Detail::Both(Box::new(d), Box::new(w))),
            (d, w) => d.or(w),
        }
    }
}

#[cfg(test)]
mod unit {
    use super::*;

    fn placed(scale: f64, w: u32, h: u32) -> (Placement, bool) {
        (Placement { transform: [scale, 0.0, 0.0, scale, 0.0, 0.0], width: w, height: h }, false)
    }

    #[test]
    fn render_dpi_follows_the_finest_sizeable_image() {
        let l = Limits::default();
        let (a4w, a4h) = (595.0, 842.0);
        // A 150-dpi page-size scan plus a 600-dpi logo of 0.5 in².
        let imgs = [placed(72.0 / 150.0, 1240, 1754), placed(72.0 / 600.0, 300, 100)];
        assert!((render_dpi(&imgs, a4w, a4h, &l) - 150.0).abs() < 0.01);
        // Only the logo: its dpi, capped.
        assert!((render_dpi(&imgs[1..], a4w, a4h, &l) - 300.0).abs() < 0.01);
        // A coarse 50-dpi image is not upsampled beyond the floor.
        assert!((render_dpi(&[placed(72.0 / 50.0, 400, 580)], a4w, a4h, &l) - 72.0).abs() < 0.01);
        // A huge page is kept within the side limit.
        let d = render_dpi(&[placed(0.24, 10000, 10000)], 10000.0, 10000.0, &l);
        assert!(d * 10000.0 / 72.0 <= l.max_raster_side as f32 + 1.0);
    }

    #[test]
    fn text_presence_is_sniffed_from_the_bytes() {
        assert!(may_have_text(b"<< /Font << /F1 5 0 R >> >>"));
        assert!(!may_have_text(b"<< /XObject << /Im0 5 0 R >> >>"));
    }
}

#[cfg(test)]
mod tests;
