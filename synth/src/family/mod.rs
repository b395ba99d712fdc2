//! Design families: independent sets of choices for how every identity
//! document and look-alike is drawn, so that a detector fitted on some
//! families can be measured on families it never saw.
//!
//! A family fixes, within what the real documents allow, the fonts, the
//! position and proportions of the photo, the text column and the header,
//! the label/value pitch, header words and size, card tint and security
//! background, whether a ghost image and a card access number box are
//! printed, and where the portraits come from (drawn or real photographs).
//! [`FAMILY_SPLIT`] says which families are for fitting, for choosing and
//! for reporting. Family 0 draws the layouts of [`crate::card`],
//! the design the detectors were first fitted on.

mod id1;
mod large;
mod lookalike;
pub mod photo;
mod print;

use crate::card::{Card, CardData, CardKind, CardSide};
use crate::draw::Face;
use crate::rng::Rng;

pub use print::Background;

/// Which part of the evaluation a family belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Split {
    /// Fitted on (examples/fit_score.rs) and reported "in family" on
    /// held-out seeds.
    Train,
    /// Never fitted on; features, models and thresholds are chosen by these
    /// figures.
    Validation,
    /// Neither fitted nor chosen on: the figures to report.
    Test,
}

impl Split {
    /// Every split, in report order.
    pub const ALL: [Split; 3] = [Split::Train, Split::Validation, Split::Test];

    /// Short name for tables and `EVAL_SPLIT`.
    pub fn name(self) -> &'static str {
        match self {
            Split::Train => "train",
            Split::Validation => "validation",
            Split::Test => "test",
        }
    }

    /// The families of this split, in index order.
    pub fn families(self) -> Vec<usize> {
        (0..FAMILY_SPLIT.len()).filter(|&f| FAMILY_SPLIT[f] == self).collect()
    }
}

/// The split of each design family, indexed by family: 0-3 train (fit),
/// 4-5 validation (choose), 6-7 test (report). It holds for identity
/// documents, look-alikes and negative page styles alike: a family index
/// names one design of each. Change it here and nowhere else.
pub const FAMILY_SPLIT: [Split; 8] = [
    Split::Train,
    Split::Train,
    Split::Train,
    Split::Train,
    Split::Validation,
    Split::Validation,
    Split::Test,
    Split::Test,
];

/// Where a family's portraits come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Portraits {
    /// The procedural drawn face of [`crate::draw::portrait`].
    Drawn,
    /// Real photographs ([`photo`]).
    Real,
    /// Either, per document.
    Both,
}

/// How field labels are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Labels {
    /// "Name / Surname / Nom" in small grey above the value.
    Bilingual,
    /// "NAME" in small capitals above the value.
    Upper,
    /// Label and value on one line, "Name: VALUE".
    Inline,
}

/// One design family: every choice the drawing code makes that is not
/// per-document data. Sizes are in mm on the real document.
#[derive(Clone, Debug)]
pub struct Family {
    /// Index into [`FAMILIES`].
    pub index: usize,
    /// Draw the original layouts of [`crate::card`] (family 0).
    pub original: bool,
    /// Body text face.
    pub body: Face,
    /// Header face.
    pub header: Face,
    /// Photo box on ID-1 fronts: left edge, top, width, height.
    pub photo: (f32, f32, f32, f32),
    /// Foreign ID cards put the photo on the right.
    pub foreign_photo_right: bool,
    /// Header baseline and cap height.
    pub header_y: f32,
    /// Header cap height.
    pub header_cap: f32,
    /// The header sits on a darker band, printed light.
    pub header_band: bool,
    /// Value cap height.
    pub value_cap: f32,
    /// Distance between field rows.
    pub pitch: f32,
    /// Label style.
    pub labels: Labels,
    /// Gap between photo and text column.
    pub gap: f32,
    /// Security background.
    pub background: Background,
    /// Card paper tone range.
    pub paper: (u8, u8),
    /// Background ink range (lighter = fainter pattern).
    pub pattern_ink: (u8, u8),
    /// Ghost image (a second, faint small portrait).
    pub ghost: bool,
    /// Card access number box on German eID cards.
    pub can_box: bool,
    /// Portrait source.
    pub portraits: Portraits,
    /// A thin frame line inside the card edge.
    pub border: bool,
}

/// The design families, indexed as in [`FAMILY_SPLIT`].
pub static FAMILIES: [Family; 8] = [
    Family {
        index: 0,
        original: true,
        body: Face::Sans,
        header: Face::Sans,
        photo: (3.5, 12.5, 24.0, 31.0),
        foreign_photo_right: true,
        header_y: 6.0,
        header_cap: 2.0,
        header_band: false,
        value_cap: 2.0,
        pitch: 6.5,
        labels: Labels::Bilingual,
        gap: 3.0,
        background: Background::Guilloche,
        paper: (228, 246),
        pattern_ink: (196, 222),
        ghost: false,
        can_box: true,
        portraits: Portraits::Drawn,
        border: false,
    },
    Family {
        index: 1,
        original: false,
        body: Face::LiberationSans,
        header: Face::LiberationSansBold,
        photo: (4.0, 11.5, 25.0, 32.0),
        foreign_photo_right: false,
        header_y: 6.5,
        header_cap: 2.4,
        header_band: false,
        value_cap: 2.1,
        pitch: 6.8,
        labels: Labels::Bilingual,
        gap: 3.5,
        background: Background::Lines,
        paper: (222, 240),
        pattern_ink: (190, 215),
        ghost: true,
        can_box: true,
        portraits: Portraits::Real,
        border: false,
    },
    Family {
        index: 2,
        original: false,
        body: Face::OpenSans,
        header: Face::OpenSansCondBold,
        photo: (5.0, 14.0, 21.0, 27.0),
        foreign_photo_right: true,
        header_y: 7.5,
        header_cap: 2.8,
        header_band: true,
        value_cap: 1.8,
        pitch: 5.6,
        labels: Labels::Upper,
        gap: 4.0,
        background: Background::Rosette,
        paper: (230, 248),
        pattern_ink: (200, 225),
        ghost: false,
        can_box: true,
        portraits: Portraits::Drawn,
        border: true,
    },
    Family {
        index: 3,
        original: false,
        body: Face::LiberationSerif,
        header: Face::LiberationSerif,
        photo: (3.0, 10.5, 23.0, 30.0),
        foreign_photo_right: false,
        header_y: 5.8,
        header_cap: 2.2,
        header_band: false,
        value_cap: 2.2,
        pitch: 7.2,
        labels: Labels::Inline,
        gap: 3.0,
        background: Background::Rainbow,
        paper: (215, 238),
        pattern_ink: (185, 212),
        ghost: true,
        can_box: false,
        portraits: Portraits::Both,
        border: false,
    },
    Family {
        index: 4,
        original: false,
        body: Face::Roboto,
        header: Face::LiberationSansBold,
        photo: (4.5, 12.0, 22.5, 29.0),
        foreign_photo_right: true,
        header_y: 6.2,
        header_cap: 2.0,
        header_band: false,
        value_cap: 1.9,
        pitch: 6.0,
        labels: Labels::Upper,
        gap: 3.2,
        background: Background::Waves,
        paper: (226, 244),
        pattern_ink: (192, 218),
        ghost: true,
        can_box: true,
        portraits: Portraits::Real,
        border: true,
    },
    Family {
        index: 5,
        original: false,
        body: Face::LiberationSans,
        header: Face::OpenSansCondBold,
        photo: (3.5, 15.0, 20.0, 26.0),
        foreign_photo_right: false,
        header_y: 8.0,
        header_cap: 3.0,
        header_band: true,
        value_cap: 2.0,
        pitch: 6.4,
        labels: Labels::Inline,
        gap: 4.5,
        background: Background::Dots,
        paper: (232, 250),
        pattern_ink: (198, 222),
        ghost: false,
        can_box: false,
        portraits: Portraits::Drawn,
        border: false,
    },
    Family {
        index: 6,
        original: false,
        body: Face::OpenSans,
        header: Face::LiberationSansBold,
        photo: (4.0, 12.0, 24.5, 31.5),
        foreign_photo_right: true,
        header_y: 6.8,
        header_cap: 2.5,
        header_band: false,
        value_cap: 2.0,
        pitch: 6.2,
        labels: Labels::Bilingual,
        gap: 3.0,
        background: Background::Rainbow,
        paper: (218, 240),
        pattern_ink: (188, 214),
        ghost: true,
        can_box: true,
        portraits: Portraits::Real,
        border: false,
    },
    Family {
        index: 7,
        original: false,
        body: Face::Roboto,
        header: Face::LiberationSerif,
        photo: (5.5, 13.0, 21.5, 28.0),
        foreign_photo_right: false,
        header_y: 7.0,
        header_cap: 2.6,
        header_band: true,
        value_cap: 2.0,
        pitch: 6.6,
        labels: Labels::Bilingual,
        gap: 3.8,
        background: Background::Guilloche,
        paper: (224, 244),
        pattern_ink: (194, 220),
        ghost: true,
        can_box: true,
        portraits: Portraits::Both,
        border: true,
    },
];

/// What a family can draw: the identity documents and the look-alikes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocType {
    /// German Personalausweis, 2010 design (ID-1, TD1 on the back).
    IdCard2010,
    /// German Personalausweis, 2021 design (ID-1, TD1 on the back).
    IdCard2021,
    /// Another state's ID card (ID-1, TD1 on the back).
    ForeignId,
    /// Electronic residence permit (ID-1, front without MRZ, TD1 back).
    ResidencePermit,
    /// Passport data page (ID-3, TD3).
    Passport,
    /// The ID-2 German ID card (TD2 on the portrait side).
    OldId,
    /// Ankunftsnachweis (paper, vertical MRZ); drawn as in family 0 by all.
    Ankunftsnachweis,
    /// Elektronische Gesundheitskarte: chip and photo, no MRZ.
    HealthCard,
    /// Bank card: chip, no photo, no MRZ.
    BankCard,
    /// EU driving licence: photo left, numbered fields, no MRZ.
    DrivingLicence,
    /// Company ID card: photo, no MRZ.
    CompanyCard,
    /// Student card: photo, no MRZ.
    StudentCard,
}

impl DocType {
    /// The card geometry (size, corner, MRZ side) it shares with
    /// [`CardKind`].
    pub fn card_kind(self) -> CardKind {
        match self {
            DocType::IdCard2010 => CardKind::IdCard2010,
            DocType::IdCard2021 => CardKind::IdCard2021,
            DocType::ForeignId => CardKind::ForeignId,
            DocType::ResidencePermit => CardKind::ResidencePermit,
            DocType::Passport => CardKind::Passport,
            DocType::OldId => CardKind::IdCardOld,
            DocType::Ankunftsnachweis => CardKind::Ankunftsnachweis,
            DocType::HealthCard => CardKind::HealthCard,
            DocType::BankCard | DocType::CompanyCard | DocType::StudentCard => CardKind::BankCard,
            DocType::DrivingLicence => CardKind::DrivingLicence,
        }
    }

    /// True for identity documents (the ones to find).
    pub fn is_identity(self) -> bool {
        self.card_kind().has_mrz()
    }
}

/// Renders `side` of `doc` in `family`'s design at `dpi`, at true size.
pub fn render(family: &Family, doc: DocType, side: CardSide, data: &CardData, dpi: f32, rng: &mut Rng) -> Card {
    let kind = doc.card_kind();
    let original = family.original || doc == DocType::Ankunftsnachweis;
    if original && !matches!(doc, DocType::CompanyCard | DocType::StudentCard) {
        return crate::card::render_in(kind, side, data, dpi, family.body, rng);
    }
    let (w, h) = kind.size_mm();
    let paper = rng.range(family.paper.0 as i64, family.paper.1 as i64 + 1) as u8;
    let mut p = print::Printer::new(family, w, h, dpi, paper, rng);
    match (doc, side) {
        (
            DocType::IdCard2010 | DocType::IdCard2021 | DocType::ForeignId | DocType::ResidencePermit,
            CardSide::Front,
        ) => id1::front(&mut p, doc, data, rng),
        (DocType::IdCard2010 | DocType::IdCard2021 | DocType::ForeignId | DocType::ResidencePermit, CardSide::Back) => {
            id1::back(&mut p, doc, data, rng)
        }
        (DocType::Passport, _) => large::passport(&mut p, data, rng),
        (DocType::OldId, CardSide::Front) => large::old_front(&mut p, data, rng),
        (DocType::OldId, CardSide::Back) => large::old_back(&mut p, data, rng),
        (DocType::HealthCard, s) => lookalike::health(&mut p, s, data, rng),
        (DocType::BankCard, s) => lookalike::bank(&mut p, s, data, rng),
        (DocType::DrivingLicence, s) => lookalike::driving(&mut p, s, data, rng),
        (DocType::CompanyCard, s) => lookalike::company(&mut p, s, data, rng),
        (DocType::StudentCard, s) => lookalike::student(&mut p, s, data, rng),
        (DocType::Ankunftsnachweis, _) => {}
    }
    p.finish(kind.corner_mm())
}

#[cfg(test)]
mod tests;
