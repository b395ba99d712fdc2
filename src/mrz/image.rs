//! Finds and reads MRZs on a page raster at any angle.

use super::MrzReading;
use crate::source::Raster;

/// All MRZs on the page, with bboxes as fractions of the upright page.
pub fn find(_raster: &Raster) -> Vec<MrzReading> {
    Vec::new()
}
