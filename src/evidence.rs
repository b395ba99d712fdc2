//! What detectors say about a page, and the words of the verdict.
//!
//! Detectors only produce [`Evidence`]; [`crate::score`] alone turns it into
//! a [`Verdict`], so the decision lives in one place.

pub mod detail;

pub use detail::{Detail, LayoutOf, PdfDamage, Place};
use serde::{Deserialize, Serialize};

/// The verdict on one page (the report contract's enum).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Confidently a copy of an identity document.
    IdCopy,
    /// Perhaps a copy: a person should look.
    PossibleIdCopy,
    /// An ID-1 card that is not an identity document.
    OtherCard,
    /// Examined; evidence too weak to flag.
    Clear,
    /// Could not be examined; never to be read as clear.
    Unexamined,
}

impl Verdict {
    /// True for the verdicts that count as a find (exit code 1).
    pub fn is_flagged(self) -> bool {
        matches!(self, Verdict::IdCopy | Verdict::PossibleIdCopy)
    }
}

/// Kind of document found (the report contract's enum).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentType {
    /// Personalausweis or another state's identity card.
    IdCard,
    /// Passport data page.
    Passport,
    /// Residence permit (eAT) and similar titles.
    ResidencePermit,
    /// Driving licence (a look-alike, not an ID under PAuswG).
    DrivingLicence,
    /// Another ID-1 card (health insurance, bank card).
    OtherCard,
    /// Not known.
    Unknown,
}

/// Which side of the document the page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// Front (portrait side) of a card.
    Front,
    /// Back (MRZ side) of a card.
    Back,
    /// Front and back on one page.
    Both,
    /// Passport data page.
    DataPage,
    /// Not known.
    Unknown,
}

/// What a piece of evidence is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// A machine readable zone read from the page image.
    Mrz,
    /// A machine readable zone found in the PDF text layer.
    TextLayerMrz,
    /// An ID-1/ID-2/ID-3 card outline.
    CardOutline,
    /// A portrait photo region.
    Portrait,
    /// A face found on a card by the face detector.
    Face,
    /// Text-block layout typical of an identity document.
    Layout,
    /// Identity-document words in the text layer.
    Keywords,
    /// Why the page (or part of it) could not be examined.
    Unexamined,
}

/// What the card detector knew of the card behind a piece of evidence;
/// [`crate::score`] reads it, the JSON does not carry it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CardFacts {
    /// The card was found only as a card-sized block of print, no edge.
    pub print_only: bool,
    /// Found at another size than its true one (a reduced or enlarged copy).
    pub rescaled: bool,
    /// A portrait is on the card: the face detector found a face of
    /// portrait size, or (drawn, dithered or thresholded portraits the
    /// detector cannot see) a window is clearly photo-like.
    pub face: bool,
    /// Photo-like share of the card's more photo-like portrait window (0
    /// when the whole card is photo-like: a photograph, not a card).
    pub portrait: f64,
    /// Share of its edge found (0 for a block of print).
    pub edge: f64,
    /// Text rows beside the portrait (label/value lines of a data side).
    pub text_rows: f64,
    /// The card's shape is one whose portrait side carries an MRZ (ID-2:
    /// the old ID card; ID-3: a passport data page).
    pub mrz_format: bool,
    /// A passport data page cut off by the page edge (its MRZ band off the
    /// paper), completed beyond it.
    pub cut_off: bool,
    /// The card carries a full MRZ band (rows of characters at the ICAO
    /// pitch along its bottom), read or not.
    pub mrz_band: bool,
}

/// A region of the upright page: `[x0, y0, x1, y1]` as fractions 0..1.
pub type BBox = [f64; 4];

/// One finding on a page, with where it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// What was found.
    pub kind: EvidenceKind,
    /// What the detector says, free of personal data; worded at output
    /// (English in the JSON).
    pub detail: Detail,
    /// Where on the upright page, if it has a place.
    pub bbox: Option<BBox>,
    /// Strength 0..1 as the detector judges it; read by [`crate::score`].
    pub strength: f64,
    /// The document the detector believes it saw, if it can tell.
    #[serde(skip)]
    pub hint: Option<(DocumentType, Side)>,
    /// The card behind card evidence (default for other evidence).
    #[serde(skip)]
    pub card: CardFacts,
}

impl Evidence {
    /// Evidence with no place and no document hint.
    pub fn new(kind: EvidenceKind, detail: impl Into<Detail>, strength: f64) -> Self {
        Evidence { kind, detail: detail.into(), bbox: None, strength, hint: None, card: CardFacts::default() }
    }

    /// Sets the place.
    pub fn with_bbox(mut self, bbox: BBox) -> Self {
        self.bbox = Some(bbox);
        self
    }

    /// Sets what is known of the card behind the evidence.
    pub fn on_card(mut self, card: CardFacts) -> Self {
        self.card = card;
        self
    }

    /// Sets the document hint.
    pub fn with_hint(mut self, doc: DocumentType, side: Side) -> Self {
        self.hint = Some((doc, side));
        self
    }
}
