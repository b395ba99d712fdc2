//! What a piece of evidence or a file problem says, as typed values.
//! Detectors, page sources and the pipeline only fill these in; the words,
//! in either language, are written by `crate::i18n::detail` at output, so
//! a new language touches no detector. Details never hold personal data:
//! only formats, field names, counts and shares.

use crate::error::{FileError, PageError};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One detail. Shares are fractions 0..1, written as percentages at output.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Detail {
    /// An MRZ read from the image or the text layer.
    Mrz {
        /// Layout, e.g. `TD1`.
        format: String,
        /// Document code, e.g. `ID`.
        code: String,
        /// The checks that did not pass, as `mrz::parse` names them (empty:
        /// all passed).
        failed_checks: Vec<String>,
    },
    /// A card outline.
    Outline {
        /// Card format, e.g. `ID-1`.
        format: String,
        /// Share of the edge found.
        edge_share: f64,
        /// Relative deviation from the true size.
        size_error: f64,
    },
    /// A card outline whose one long side runs off the page (a passport
    /// page copied with its MRZ band cut off).
    OutlineCut {
        /// Card format.
        format: String,
        /// Share of the other edges found.
        edge_share: f64,
    },
    /// A card-sized block of print whose edge is not visible.
    CardBlock {
        /// Card format.
        format: String,
        /// The block runs off the page (a passport data page cut off).
        cut_off: bool,
    },
    /// A face on a card.
    Face {
        /// Which half of the card.
        place: Place,
        /// A second, smaller face (ghost image) is there too.
        ghost: bool,
    },
    /// A photo-like region on a card.
    Portrait {
        /// Which half of the card.
        place: Place,
        /// Share of photo pixels.
        photo_share: f64,
        /// A ghost image on the right.
        ghost: bool,
    },
    /// The layout classifier's best class.
    Layout {
        /// What the layout looks like.
        of: LayoutOf,
        /// Its probability.
        probability: f64,
    },
    /// A document word in the page's text layer.
    Keyword {
        /// The word, as listed by the detector.
        word: String,
    },
    /// Why a page (or the file, when opening it panicked) could not be examined.
    Page(PageError),
    /// Why a whole file could not be examined.
    File(FileError),
    /// A file that could not be opened at all (found while walking a folder,
    /// or given as bytes of no known kind); the message is English.
    CannotRead(String),
    /// A file that opened but holds no page.
    NoPages,
    /// A damaged PDF whose text reader and page reader disagree on the
    /// page count.
    PdfPageCountsDiffer {
        /// Pages the text reader sees.
        text_pages: usize,
        /// Pages the page reader sees.
        pages: usize,
    },
    /// A damaged PDF recovered page by page whose text layer cannot be read.
    PdfTextUnreadable {
        /// The text reader's message (English, technical).
        why: String,
        /// Pages recovered.
        pages: usize,
    },
    /// A PDF that is cut off or whose structure had to be repaired while
    /// reading.
    PdfDamaged {
        /// The sign of the damage.
        why: PdfDamage,
        /// Pages read.
        found: usize,
        /// Pages (1-based) that could not be read whole.
        affected: Vec<usize>,
    },
    /// A TIFF with more frames than are examined.
    TiffPageCap {
        /// Frames examined.
        max: usize,
    },
    /// A TIFF whose frames after `pages` cannot be read.
    TiffRestUnreadable {
        /// Frames read.
        pages: usize,
        /// The decoder's message (English, technical).
        why: String,
    },
    /// Two notes on one file.
    Both(Box<Detail>, Box<Detail>),
    /// Text from elsewhere: a report read back from JSON keeps its English
    /// text here (the words cannot be turned back into a typed value).
    Text(String),
}

/// The left or the right half of a card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Left half.
    Left,
    /// Right half.
    Right,
}

impl Place {
    /// `Left` when `left`.
    pub fn left_if(left: bool) -> Place {
        if left { Place::Left } else { Place::Right }
    }
}

/// What a card's layout looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayoutOf {
    /// Passport data page.
    PassportPage,
    /// Identity card front.
    IdFront,
    /// Identity card back.
    IdBack,
    /// Driving licence.
    DrivingLicence,
    /// Health insurance or bank card.
    OtherCard,
}

/// Signs that a PDF is cut off or had its structure rebuilt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PdfDamage {
    /// No end-of-file marker.
    CutOff,
    /// The `startxref` offset is missing or past the end.
    XrefOffsetInvalid,
    /// The cross-reference table points to the wrong places.
    XrefMisplaced,
    /// The page tree declares another number of pages than were found.
    PageCount {
        /// Pages the page tree declares.
        declared: i64,
        /// Pages found.
        found: usize,
    },
}

impl From<String> for Detail {
    fn from(s: String) -> Self {
        Detail::Text(s)
    }
}

impl From<&str> for Detail {
    fn from(s: &str) -> Self {
        Detail::Text(s.to_string())
    }
}

/// The JSON form is the English text (`Display`, written beside the German
/// wording in `crate::i18n::detail`): a stable text for scripts.
impl Serialize for Detail {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Read back from JSON, a detail is its text ([`Detail::Text`]).
impl<'de> Deserialize<'de> for Detail {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Detail::Text)
    }
}
