//! Machine readable zones (ICAO 9303): check digits (`checksum`), parsing
//! of TD1/TD2/TD3 (`parse`), masking of personal data ([`mask`]), the
//! check-digit correction engine both finders share (`correct`), and the two
//! finders: in the PDF text layer ([`text`]) and on the page image ([`image`]).

mod checksum;
mod correct;
pub mod image;
pub mod mask;
pub mod ocrb;
mod parse;
mod states;
pub mod text;

use crate::evidence::{BBox, DocumentType, Side};
use serde::{Deserialize, Serialize};

/// The three MRZ layouts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum MrzFormat {
    /// 3 lines x 30 (ID-1 cards).
    TD1,
    /// 2 lines x 36 (ID-2).
    TD2,
    /// 2 lines x 44 (passports).
    TD3,
}

/// Where an MRZ reading came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MrzSource {
    /// Read from the page raster.
    Image,
    /// Found in the PDF text layer.
    TextLayer,
}

/// An MRZ as read, after check-digit correction.
#[derive(Clone, Debug, PartialEq)]
pub struct MrzReading {
    /// Layout.
    pub format: MrzFormat,
    /// The lines as read (personal data in clear; mask before reporting).
    pub lines: Vec<String>,
    /// Document code, e.g. `ID`, `P`, `AR`.
    pub document_code: String,
    /// Issuing state, e.g. `D`, `FRA`.
    pub issuing_state: String,
    /// Every check digit is right.
    pub checks_passed: bool,
    /// Names of the fields whose check digit failed.
    pub failed_checks: Vec<&'static str>,
    /// Document type and side the MRZ implies.
    pub document_type: DocumentType,
    /// Side the MRZ implies (`back` for cards, `data_page` for passports).
    pub side: Side,
    /// Where on the upright page (None for text-layer finds without position).
    pub bbox: Option<BBox>,
    /// Where it was found.
    pub source: MrzSource,
}

impl MrzReading {
    /// The lines with personal data masked: document code, issuing state and
    /// the filler structure stay, names, numbers and dates become `*`.
    pub fn masked_lines(&self) -> Vec<String> {
        mask::mask_lines(&self.lines)
    }
}
