//! Faces on a card, found by a real face detector (SeetaFace's frontal
//! model through the `rustface` crate).
//!
//! Why a face detector: the photo-likeness measure of `portrait`
//! says "continuous tone here", which a design's tint, a logo or a photo of
//! a room also say, and it was tuned on one generator's drawn portraits. A
//! face detector trained on real photographs answers the question a person
//! asks ("is there a face on this card, and a second small one?") the same
//! way on every design. It runs only on card crops (a few hundred pixels),
//! where it is cheap, never on whole pages.
//!
//! The model (1.2 MB, BSD-2-Clause) is the one the `rustface` crate package
//! ships; it is committed beside this file (`face/LICENSE.txt`) and built
//! into the binary, so nothing is loaded at run time.

use image::GrayImage;
use rustface::{Detector, ImageData, Model};
use std::cell::RefCell;
use std::sync::OnceLock;

/// SeetaFace frontal face detection model v1.0.
const MODEL_BYTES: &[u8] = include_bytes!("face/seeta_fd_frontal_v1.0.bin");

/// Smallest face the detector looks for, in pixels (20 is the model's
/// floor; a card portrait's face is about 65 px at the crop scale the card
/// detector uses).
pub const MIN_FACE: u32 = 22;

/// Detector score from which a window is a face. The crate's demo uses 2.0;
/// card portraits are small, printed and often damaged, so a little lower.
const SCORE_MIN: f64 = 1.5;

/// A face found in an image.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Face {
    /// Left, top, right, bottom as fractions 0..1 of the image.
    pub rect: [f64; 4],
    /// The detector's score (about 1.5 to 30; higher is surer).
    pub score: f64,
    /// Height of the face box in mm of the card.
    pub mm: f64,
}

impl Face {
    /// Height as a fraction of the image height.
    pub fn height(&self) -> f64 {
        self.rect[3] - self.rect[1]
    }
    /// Horizontal centre as a fraction of the image width.
    pub fn cx(&self) -> f64 {
        0.5 * (self.rect[0] + self.rect[2])
    }
}

fn model() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL.get_or_init(|| rustface::read_model(std::io::Cursor::new(MODEL_BYTES)).ok()).as_ref()
}

thread_local! {
    /// One detector per worker thread: `detect` takes `&mut self`.
    static DETECTOR: RefCell<Option<Box<dyn Detector>>> = const { RefCell::new(None) };
}

/// Height of the smallest face searched for, in mm of the card: a little
/// under a portrait's face (see [`PORTRAIT_MM`]), for the box's margin and
/// the ghost image.
const SEARCH_MIN_MM: f64 = 8.1;

/// Heights in mm of a portrait's face box: a fifth to four fifths of an
/// ID-1 card's height (54 mm). In millimetres, not card fractions, so that
/// the same portrait counts on a passport page (88 mm tall).
pub const PORTRAIT_MM: (f64, f64) = (10.8, 43.2);

/// Upright frontal faces in a grey image of a card at `px_per_mm`, best
/// first. Empty when the image is smaller than a face can be.
pub fn faces(img: &GrayImage, px_per_mm: f64) -> Vec<Face> {
    faces_from(img, px_per_mm, SCORE_MIN)
}

/// [`faces`] of portrait size only (from [`PORTRAIT_MM`] up): the
/// detector's smallest windows, the costliest part of its image pyramid,
/// are left out, so a second search costs about half a first one.
pub fn portrait_faces(img: &GrayImage, px_per_mm: f64) -> Vec<Face> {
    search(img, px_per_mm, SCORE_MIN, PORTRAIT_MM.0)
}

/// [`faces`] down to detector score `score_min` (for measuring the
/// detector's settings, `examples/face_variants.rs`).
pub fn faces_from(img: &GrayImage, px_per_mm: f64, score_min: f64) -> Vec<Face> {
    search(img, px_per_mm, score_min, SEARCH_MIN_MM)
}

/// Faces from `min_mm` tall up to four fifths of the image height.
fn search(img: &GrayImage, px_per_mm: f64, score_min: f64, min_mm: f64) -> Vec<Face> {
    let (w, h) = (img.width(), img.height());
    if w < MIN_FACE || h < MIN_FACE {
        return Vec::new();
    }
    // Windows larger than four fifths of the card or smaller than a
    // portrait's face cost time and find nothing.
    let max_face = (h * 4 / 5).max(MIN_FACE);
    let min_face = ((min_mm * px_per_mm) as u32).clamp(MIN_FACE, max_face);
    let found = DETECTOR.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = model().map(|m| {
                let mut d = rustface::create_detector_with_model(m.clone());
                d.set_pyramid_scale_factor(0.75);
                d.set_slide_window_step(4, 4);
                d
            });
        }
        match slot.as_mut() {
            Some(d) => {
                // rustface refuses a threshold of zero or below.
                d.set_score_thresh(score_min.max(0.01));
                d.set_min_face_size(min_face);
                d.set_max_face_size(max_face);
                d.detect(&ImageData::new(img.as_raw(), w, h))
            }
            None => Vec::new(),
        }
    });
    let (fw, fh) = (w as f64, h as f64);
    let mut out: Vec<Face> = found
        .iter()
        .map(|f| {
            let b = f.bbox();
            let (x0, y0) = (b.x() as f64, b.y() as f64);
            let (x1, y1) = (x0 + b.width() as f64, y0 + b.height() as f64);
            Face {
                rect: [
                    (x0 / fw).clamp(0.0, 1.0),
                    (y0 / fh).clamp(0.0, 1.0),
                    (x1 / fw).clamp(0.0, 1.0),
                    (y1 / fh).clamp(0.0, 1.0),
                ],
                score: f.score(),
                mm: (y1 - y0) / px_per_mm.max(f64::MIN_POSITIVE),
            }
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_loads_and_blank_or_tiny_images_have_no_face() {
        assert!(model().is_some());
        assert!(faces(&GrayImage::from_pixel(200, 126, image::Luma([230])), 3.0).is_empty());
        assert!(faces(&GrayImage::from_pixel(10, 10, image::Luma([0])), 3.0).is_empty());
    }
}
