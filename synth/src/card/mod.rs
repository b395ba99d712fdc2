//! Synthetic identity documents and look-alike cards, rendered as grey
//! images at true size for a given dpi: ID-1 cards (85.60 x 53.98 mm),
//! ID-2 (105 x 74 mm), passport data pages (ID-3, 125 x 88 mm) and the paper
//! Ankunftsnachweis. MRZs are written in OCR-B at ICAO 9303 geometry
//! (2.54 mm character pitch, about 4.23 mm line pitch, ~2.4 mm capitals)
//! over a light guilloche.
//!
//! Layouts are approximations of the real documents, good enough for
//! detectors (card outline, portrait, text blocks, MRZ); they are not
//! facsimiles and carry only fictitious data.

mod id1;
mod large;

use crate::draw::{Canvas, Face};
use crate::person::{DocKind, Person, mrz_lines};
use crate::rng::Rng;
use image::GrayImage;

/// ID-1 card size in mm (ISO/IEC 7810).
pub const ID1: (f32, f32) = (85.60, 53.98);
/// ID-2 size in mm (the old German ID card).
pub const ID2: (f32, f32) = (105.0, 74.0);
/// ID-3 size in mm (passport page).
pub const ID3: (f32, f32) = (125.0, 88.0);
/// Size of the Ankunftsnachweis sheet as rendered (portrait A6-like paper).
pub const PAPER_A6: (f32, f32) = (105.0, 148.0);
/// MRZ character pitch in mm (10 characters per inch).
pub const MRZ_PITCH: f32 = 2.54;
/// MRZ line pitch in mm (6 lines per inch).
pub const MRZ_LINE_PITCH: f32 = 4.23;
/// Height of MRZ capitals in mm.
pub const MRZ_CAP: f32 = 2.4;

/// Which document to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CardKind {
    /// German Personalausweis 2010 model (ID-1, TD1 on the back).
    IdCard2010,
    /// German Personalausweis 2021 model (ID-1, TD1 on the back, EU flag).
    IdCard2021,
    /// Old German ID card 1987-2010 (ID-2, TD2 on the portrait side).
    IdCardOld,
    /// Passport data page (ID-3, TD3), German or foreign.
    Passport,
    /// Electronic residence permit eAT (ID-1, TD1 on the back).
    ResidencePermit,
    /// Ankunftsnachweis (paper, 2 x 36 MRZ printed vertically).
    Ankunftsnachweis,
    /// Another state's ID card (ID-1, TD1 on the back).
    ForeignId,
    /// Health insurance card with photo (look-alike, no MRZ).
    HealthCard,
    /// Bank card (look-alike, no photo, no MRZ).
    BankCard,
    /// EU driving licence (look-alike with photo, no MRZ).
    DrivingLicence,
}

impl CardKind {
    /// Every kind, MRZ documents first.
    pub const ALL: [CardKind; 10] = [
        CardKind::IdCard2010,
        CardKind::IdCard2021,
        CardKind::IdCardOld,
        CardKind::Passport,
        CardKind::ResidencePermit,
        CardKind::Ankunftsnachweis,
        CardKind::ForeignId,
        CardKind::HealthCard,
        CardKind::BankCard,
        CardKind::DrivingLicence,
    ];

    /// Physical size (width, height) in mm.
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            CardKind::IdCardOld => ID2,
            CardKind::Passport => ID3,
            CardKind::Ankunftsnachweis => PAPER_A6,
            _ => ID1,
        }
    }

    /// Corner radius in mm (0 for paper).
    pub fn corner_mm(self) -> f32 {
        match self {
            CardKind::Ankunftsnachweis => 0.0,
            CardKind::Passport => 2.0,
            CardKind::IdCardOld => 3.5,
            _ => 3.18,
        }
    }

    /// True for the documents that carry an MRZ.
    pub fn has_mrz(self) -> bool {
        !matches!(self, CardKind::HealthCard | CardKind::BankCard | CardKind::DrivingLicence)
    }

    /// The side that carries the MRZ.
    pub fn mrz_side(self) -> CardSide {
        match self {
            CardKind::IdCard2010 | CardKind::IdCard2021 | CardKind::ResidencePermit | CardKind::ForeignId => {
                CardSide::Back
            }
            _ => CardSide::Front,
        }
    }

    /// True when the document has a second side worth copying.
    pub fn has_back(self) -> bool {
        !matches!(self, CardKind::Passport | CardKind::Ankunftsnachweis)
    }
}

/// Which side of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CardSide {
    /// Portrait side (passport: the data page).
    Front,
    /// Reverse side.
    Back,
}

/// What a document prints: every value is fictitious.
#[derive(Clone, Debug, PartialEq)]
pub struct CardData {
    /// Surname(s), as printed.
    pub surname: String,
    /// Given names, as printed.
    pub given_names: String,
    /// Date of birth `DD.MM.YYYY`.
    pub birth_date: String,
    /// Place of birth.
    pub birth_place: String,
    /// Nationality as printed (e.g. `DEUTSCH`, `SYR`).
    pub nationality: String,
    /// Issuing state code (`D`, `FRA`, ...), for headers of foreign documents.
    pub issuing_state: String,
    /// Sex as printed (`F`, `M`, `X`).
    pub sex: String,
    /// Date of expiry `DD.MM.YYYY`.
    pub expiry: String,
    /// Date of issue `DD.MM.YYYY`.
    pub issued: String,
    /// Document number.
    pub number: String,
    /// Six-digit card access number (German eID cards).
    pub can: String,
    /// Street line of the address.
    pub street: String,
    /// Postcode and town.
    pub town: String,
    /// The MRZ lines (empty for look-alikes).
    pub mrz: Vec<String>,
}

impl CardKind {
    /// The layout that carries an MRZ of `kind`.
    pub fn for_doc(kind: DocKind) -> CardKind {
        match kind {
            DocKind::IdCard2010 => CardKind::IdCard2010,
            DocKind::IdCard2021 => CardKind::IdCard2021,
            DocKind::IdCardOld | DocKind::ProvisionalId => CardKind::IdCardOld,
            DocKind::Passport
            | DocKind::ChildPassport
            | DocKind::ProvisionalPassport
            | DocKind::ForeignPassport { .. } => CardKind::Passport,
            DocKind::ResidencePermit => CardKind::ResidencePermit,
            DocKind::Ankunftsnachweis => CardKind::Ankunftsnachweis,
            DocKind::ForeignId { .. } => CardKind::ForeignId,
        }
    }
}

impl CardData {
    /// What `person`'s document of `kind` prints; `None` for look-alikes
    /// gives the same data without MRZ.
    pub fn new(person: &Person, kind: Option<DocKind>, rng: &mut Rng) -> CardData {
        let doc = kind.unwrap_or(DocKind::IdCard2010);
        let issuing_state = match doc {
            DocKind::ForeignId { state } | DocKind::ForeignPassport { state } => state.to_string(),
            _ => "D".to_string(),
        };
        let nationality = if person.nationality == "D" { "DEUTSCH".to_string() } else { person.nationality.clone() };
        let sex = match person.sex {
            crate::person::Sex::Female => "F",
            crate::person::Sex::Male => "M",
            crate::person::Sex::Diverse => "X",
        };
        let expiry = person.expiry_for(doc);
        let issued = crate::person::Date { year: expiry.year.saturating_sub(10), ..expiry };
        CardData {
            surname: person.surname.to_uppercase(),
            given_names: person.given_names.join(" ").to_uppercase(),
            birth_date: person.birth_date.dotted(),
            birth_place: person.place_of_birth.to_uppercase(),
            nationality,
            issuing_state,
            sex: sex.to_string(),
            expiry: expiry.dotted(),
            issued: issued.dotted(),
            number: person.document_number(doc).trim_end_matches('<').to_string(),
            can: format!("{:06}", rng.range(0, 1_000_000)),
            street: format!("{} {}", rng.pick(&STREETS), rng.range(1, 120)),
            town: format!("{:05} {}", rng.range(1067, 99999), rng.pick(&TOWNS)),
            mrz: kind.map(|k| mrz_lines(person, k)).unwrap_or_default(),
        }
    }
}

const STREETS: [&str; 8] = [
    "AM FELDRAIN",
    "LINDENWEG",
    "HAUPTSTRASSE",
    "BIRKENALLEE",
    "MÜHLGASSE",
    "AN DER SCHULE",
    "KASTANIENSTR.",
    "ROSENHOF",
];
const TOWNS: [&str; 6] = ["NIRGENDWO", "MUSTERSTADT", "BEISPIELHAUSEN", "TESTDORF", "ANDERSWO", "FIKTIVBURG"];

/// A rendered document: the image at true size and how to cut it out.
#[derive(Clone, Debug)]
pub struct Card {
    /// The document, rectangular; pixels outside the rounded corners are to
    /// be left out when composing.
    pub img: GrayImage,
    /// Corner radius in pixels.
    pub corner_px: f32,
    /// Resolution it was rendered at.
    pub dpi: f32,
}

/// Renders one side of a document at `dpi`.
pub fn render(kind: CardKind, side: CardSide, data: &CardData, dpi: f32, rng: &mut Rng) -> Card {
    render_in(kind, side, data, dpi, Face::Sans, rng)
}

/// Renders one side of a document at `dpi`, its printed text in `face`.
pub fn render_in(kind: CardKind, side: CardSide, data: &CardData, dpi: f32, face: Face, rng: &mut Rng) -> Card {
    let (w, h) = kind.size_mm();
    let paper = if kind == CardKind::Ankunftsnachweis { 248 } else { rng.range(228, 246) as u8 };
    let mut c = Canvas::new(w, h, dpi, paper).with_sans(face);
    match (kind, side) {
        (CardKind::IdCard2010 | CardKind::IdCard2021, CardSide::Front) => id1::german_id_front(&mut c, kind, data, rng),
        (CardKind::IdCard2010 | CardKind::IdCard2021, CardSide::Back) => id1::german_id_back(&mut c, kind, data, rng),
        (CardKind::ResidencePermit, CardSide::Front) => id1::permit_front(&mut c, data, rng),
        (CardKind::ResidencePermit, CardSide::Back) => id1::permit_back(&mut c, data, rng),
        (CardKind::ForeignId, CardSide::Front) => id1::foreign_front(&mut c, data, rng),
        (CardKind::ForeignId, CardSide::Back) => id1::foreign_back(&mut c, data, rng),
        (CardKind::HealthCard, side) => id1::health_card(&mut c, side, data, rng),
        (CardKind::BankCard, side) => id1::bank_card(&mut c, side, data, rng),
        (CardKind::DrivingLicence, side) => id1::driving_licence(&mut c, side, data, rng),
        (CardKind::IdCardOld, CardSide::Front) => large::old_id_front(&mut c, data, rng),
        (CardKind::IdCardOld, CardSide::Back) => large::old_id_back(&mut c, data, rng),
        (CardKind::Passport, _) => large::passport_page(&mut c, data, rng),
        (CardKind::Ankunftsnachweis, _) => large::ankunftsnachweis(&mut c, data, rng),
    }
    let corner_px = c.px(kind.corner_mm());
    Card { img: c.img, corner_px, dpi }
}

/// Writes MRZ `lines` so that the last line's baseline sits `bottom` mm
/// above the canvas' bottom edge, centred horizontally, over a light
/// guilloche band.
pub(crate) fn mrz_block(c: &mut Canvas, lines: &[String], bottom: f32, rng: &mut Rng) {
    let w_mm = c.img.width() as f32 * crate::draw::MM_PER_INCH / c.dpi;
    let h_mm = c.img.height() as f32 * crate::draw::MM_PER_INCH / c.dpi;
    let n = lines.len();
    let len = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f32;
    let x0 = (w_mm - len * MRZ_PITCH) / 2.0;
    let top = h_mm - bottom - (n as f32 - 1.0) * MRZ_LINE_PITCH - MRZ_CAP - 1.0;
    if rng.chance(0.7) {
        let ink = rng.range(200, 222) as u8;
        c.guilloche(1.5, top, w_mm - 3.0, h_mm - top - 1.0, ink, rng);
    }
    let ink = rng.range(0, 40) as u8;
    for (i, l) in lines.iter().enumerate() {
        let y = h_mm - bottom - (n - 1 - i) as f32 * MRZ_LINE_PITCH;
        c.mono((x0, y), MRZ_PITCH, MRZ_CAP, Face::OcrB, l, ink);
    }
}

/// A label (small, grey) with its value below it, as cards print fields.
pub(crate) fn field(c: &mut Canvas, x: f32, y: f32, label: &str, value: &str, cap: f32) {
    c.text(x, y, 1.05, Face::Sans, label, 95);
    c.text(x, y + cap + 1.4, cap, Face::Sans, value, 25);
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn data() -> CardData {
        CardData {
            surname: "BEISPIEL".into(),
            given_names: "ANNA".into(),
            birth_date: "12.08.1964".into(),
            birth_place: "NIRGENDWO".into(),
            nationality: "DEUTSCH".into(),
            issuing_state: "D".into(),
            sex: "F".into(),
            expiry: "31.10.2031".into(),
            issued: "01.11.2021".into(),
            number: "LZ6311T47".into(),
            can: "123456".into(),
            street: "TESTWEG 1".into(),
            town: "12345 NIRGENDWO".into(),
            mrz: vec![
                "IDD<<LZ6311T475<<<<<<<<<<<<<<<".into(),
                "6408125<3110315D<<2108<<<<<<<8".into(),
                "BEISPIEL<<ANNA<<<<<<<<<<<<<<<<".into(),
            ],
        }
    }

    #[test]
    fn every_kind_and_side_renders_at_true_size() {
        let d = data();
        for kind in CardKind::ALL {
            for side in [CardSide::Front, CardSide::Back] {
                for dpi in [150.0f32, 300.0] {
                    let card = render(kind, side, &d, dpi, &mut Rng::new(1));
                    let (w, h) = kind.size_mm();
                    let (ew, eh) = ((w * dpi / 25.4).round() as u32, (h * dpi / 25.4).round() as u32);
                    assert_eq!(card.img.dimensions(), (ew, eh), "{kind:?} {side:?} {dpi}");
                    let dark = card.img.pixels().filter(|p| p.0[0] < 100).count();
                    assert!(dark > (ew * eh / 200) as usize, "{kind:?} {side:?} has content");
                }
            }
        }
    }

    #[test]
    fn mrz_sits_at_the_bottom_of_the_mrz_side_only() {
        let d = data();
        let dpi = 200.0;
        let dark_rows = |img: &GrayImage, y0: u32, y1: u32| {
            (y0..y1).filter(|&y| (0..img.width()).filter(|&x| img.get_pixel(x, y).0[0] < 90).count() > 40).count()
        };
        let back = render(CardKind::IdCard2010, CardSide::Back, &d, dpi, &mut Rng::new(2));
        let front = render(CardKind::IdCard2010, CardSide::Front, &d, dpi, &mut Rng::new(2));
        let h = back.img.height();
        let band = (h as f32 * 0.72) as u32;
        assert!(dark_rows(&back.img, band, h) > 20, "the back has a dense MRZ band");
        assert!(dark_rows(&front.img, band, h) < dark_rows(&back.img, band, h));
    }
}
