//! Every hard limit against hostile or broken input, as a named constant.
//!
//! Each limit trips into a per-page or per-file `unexamined` entry with the
//! reason, never an abort or an out-of-memory.

use std::time::{Duration, Instant};

/// Largest image (in pixels) that is decoded: 150 megapixels is an A3 page
/// at 1200 dpi; a larger image is a decompression bomb, not a scan.
pub const MAX_IMAGE_PIXELS: u64 = 150_000_000;
/// Largest decompressed size of one PDF stream or image buffer.
pub const MAX_STREAM_BYTES: u64 = 512 * 1024 * 1024;
/// Largest decompressed size of a content stream, Form XObject, font
/// program or object stream: a scanned page's content is a few hundred
/// bytes, a dense vector page a few megabytes.
pub const MAX_CONTENT_BYTES: u64 = 64 * 1024 * 1024;
/// Largest input file read into memory.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024 * 1024;
/// Page rasters above this resolution are scaled down before detection:
/// an MRZ character is ~28 px high at 300 dpi, more only costs time.
pub const MAX_DETECT_DPI: f32 = 300.0;
/// Longest side of a page raster handed to detectors, whatever its dpi.
pub const MAX_RASTER_SIDE: u32 = 7_000;
/// Wall time one page may take, in seconds, before it is given up as
/// `unexamined`: a scanned page takes well under a second, so a page still
/// running after a minute is a pathological input, not a slow machine.
pub const PAGE_SECONDS: f64 = 60.0;

/// The limits of one run. `Default` gives the constants above; the `with_`
/// methods change one (new limits may be added, hence `non_exhaustive`).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Limits {
    /// See [`MAX_IMAGE_PIXELS`].
    pub max_image_pixels: u64,
    /// See [`MAX_STREAM_BYTES`].
    pub max_stream_bytes: u64,
    /// See [`MAX_CONTENT_BYTES`].
    pub max_content_bytes: u64,
    /// See [`MAX_FILE_BYTES`].
    pub max_file_bytes: u64,
    /// See [`MAX_DETECT_DPI`].
    pub max_detect_dpi: f32,
    /// See [`MAX_RASTER_SIDE`].
    pub max_raster_side: u32,
    /// See [`PAGE_SECONDS`].
    pub page_seconds: f64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_image_pixels: MAX_IMAGE_PIXELS,
            max_stream_bytes: MAX_STREAM_BYTES,
            max_content_bytes: MAX_CONTENT_BYTES,
            max_file_bytes: MAX_FILE_BYTES,
            max_detect_dpi: MAX_DETECT_DPI,
            max_raster_side: MAX_RASTER_SIDE,
            page_seconds: PAGE_SECONDS,
        }
    }
}

macro_rules! with {
    ($($(#[$doc:meta])* $name:ident: $field:ident: $t:ty;)*) => {
        impl Limits {
            $($(#[$doc])* pub fn $name(mut self, v: $t) -> Self {
                self.$field = v;
                self
            })*
        }
    };
}

with! {
    /// With [`Limits::max_image_pixels`] set.
    with_max_image_pixels: max_image_pixels: u64;
    /// With [`Limits::max_stream_bytes`] set.
    with_max_stream_bytes: max_stream_bytes: u64;
    /// With [`Limits::max_content_bytes`] set.
    with_max_content_bytes: max_content_bytes: u64;
    /// With [`Limits::max_file_bytes`] set.
    with_max_file_bytes: max_file_bytes: u64;
    /// With [`Limits::max_detect_dpi`] set.
    with_max_detect_dpi: max_detect_dpi: f32;
    /// With [`Limits::max_raster_side`] set.
    with_max_raster_side: max_raster_side: u32;
    /// With [`Limits::page_seconds`] set.
    with_page_seconds: page_seconds: f64;
}

/// The moment a page's time budget runs out. Checked cooperatively between
/// the stages of a page and inside the detectors' longer loops: work inside
/// one call (decoding an image, rendering a PDF page) runs to its end.
#[derive(Clone, Copy, Debug)]
pub struct Deadline {
    at: Option<Instant>,
    seconds: f64,
}

impl Deadline {
    /// No deadline: every check passes.
    pub fn none() -> Self {
        Deadline { at: None, seconds: f64::INFINITY }
    }

    /// `seconds` from now (a budget of 0 s has run out at once; one too
    /// large to represent is no deadline).
    pub fn after(seconds: f64) -> Self {
        let at = Duration::try_from_secs_f64(seconds.max(0.0)).ok().and_then(|d| Instant::now().checked_add(d));
        Deadline { at, seconds }
    }

    /// Whether the budget has run out.
    pub fn passed(&self) -> bool {
        self.at.is_some_and(|at| Instant::now() >= at)
    }

    /// The budget this deadline was set from, in seconds.
    pub fn seconds(&self) -> f64 {
        self.seconds
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines() {
        assert!(!Deadline::none().passed());
        assert!(Deadline::after(0.0).passed());
        assert!(Deadline::after(-1.0).passed());
        assert!(!Deadline::after(3600.0).passed());
        assert!(!Deadline::after(f64::INFINITY).passed());
        assert!(Deadline::after(f64::NAN).passed());
    }
}
