//! Finds MRZs in a PDF text layer, tolerating OCR noise.

use super::MrzReading;

/// All MRZs in `text`, best first.
pub fn find(_text: &str) -> Vec<MrzReading> {
    Vec::new()
}
