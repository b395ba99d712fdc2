//! Card outline, portrait and layout detectors (ID copies without an MRZ).

use crate::evidence::Evidence;
use crate::source::Raster;

/// Evidence of identity-card-like objects on the page.
pub fn detect(_raster: &Raster) -> Vec<Evidence> {
    Vec::new()
}
