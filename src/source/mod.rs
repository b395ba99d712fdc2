//! Page sources: every input file becomes a list of pages, each given as an
//! upright grey raster at a known resolution (as a viewer shows it) and its
//! text layer, if any.
//!
//! Sources load pages on demand, so a 400-page scan never holds 400 decoded
//! pages: the pipeline asks for page `i`, examines it and drops it.

pub mod image;
#[cfg(not(target_family = "wasm"))]
mod mmap;
pub mod pdf;
pub mod tiff;

use crate::discover::FileKind;
use crate::error::{FileError, PageError};
use crate::limits::Limits;
use ::image::GrayImage;
use std::path::Path;

/// ITU-R BT.601 luma, rounded: the one colour-to-grey rule of every page
/// source, so that a scan is the same grey image as a JPEG file and as an
/// image inside a PDF.
pub(crate) fn luma(r: u8, g: u8, b: u8) -> u8 {
    ((r as u32 * 299 + g as u32 * 587 + b as u32 * 114 + 500) / 1000) as u8
}

/// An upright page image.
#[derive(Clone, Debug)]
pub struct Raster {
    /// Luma, 0 = black.
    pub image: GrayImage,
    /// Pixels per inch of the page as shown.
    pub dpi: f32,
    /// False when the dpi is a guess (phone photo, image without density).
    pub dpi_known: bool,
}

/// One page as loaded from its source.
#[derive(Debug)]
pub struct PageContent {
    /// The page image; `Ok(None)` when the page carries no image (a born-digital letter).
    pub raster: Result<Option<Raster>, PageError>,
    /// The text layer; `Ok(None)` when there is none.
    pub text: Result<Option<String>, PageError>,
}

/// Options for opening files.
#[derive(Clone, Debug, Default)]
pub struct OpenOptions {
    /// Password for encrypted PDFs (the empty password is always tried).
    pub password: Option<String>,
    /// Limits against hostile input.
    pub limits: Limits,
}

/// A file opened for page-wise reading. Shared by the worker threads.
pub trait PageSource: Send + Sync {
    /// Number of pages (frames for a multi-page TIFF).
    fn page_count(&self) -> usize;
    /// Loads page `index` (0-based). Never panics on bad data by design; the
    /// pipeline still isolates panics.
    fn load_page(&self, index: usize) -> PageContent;
    /// A note that part of the file could not be read (e.g. recovered from a
    /// damaged cross-reference table), or `None`. Asked after every page was
    /// loaded, so it may name the pages a damage affected.
    fn warning(&self) -> Option<crate::evidence::Detail> {
        None
    }
}

/// Opens `path`, already sniffed as `kind`.
pub fn open(path: &Path, kind: FileKind, opts: &OpenOptions) -> Result<Box<dyn PageSource>, FileError> {
    let len = std::fs::metadata(path).map_err(|e| FileError::Io(e.to_string()))?.len();
    if len > opts.limits.max_file_bytes {
        return Err(FileError::Limit(format!(
            "file is {len} bytes, more than the limit of {}",
            opts.limits.max_file_bytes
        )));
    }
    match kind {
        FileKind::Pdf => pdf::open(path, opts),
        FileKind::Jpeg | FileKind::Png => image::open(path, kind, opts),
        FileKind::Tiff => tiff::open(path, opts),
    }
}
