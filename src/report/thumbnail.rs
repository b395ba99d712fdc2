//! Small redacted page images for the HTML report.

use super::Thumbnail;
use crate::evidence::Evidence;
use crate::source::Raster;

/// A small PNG of the page with evidence regions outlined and personal data
/// (MRZ, portrait, card text) blocked out unless `show_personal_data`.
pub fn make(_raster: &Raster, _evidence: &[Evidence], _show_personal_data: bool) -> Option<Thumbnail> {
    None
}
