//! The evaluation and fitting pages, drawn from the design families
//! ([`crate::family`]) and split by family: `benches/eval_cards.rs`
//! and `examples/fit_score.rs` both take their pages from here.
//!
//! [`page`] gives evaluation page `index` of a class from a split's
//! families (seeds from [`EVAL_SEED0`] on); [`fit_page`] gives training
//! page `index` from the train families (seeds below [`EVAL_SEED0`]), so
//! that fitting never sees an evaluation page, and the train families'
//! evaluation pages are "in family, held-out seeds". Within a split, page
//! `index` takes family `index % n` and, from `j = index / n`, dpi
//! (`j % 3`: 150, 200, 300), damage (`j % 7`, every [`Damage`]) and
//! quarter turns (`j % 4`): every damage occurs in any 7 pages of a family
//! and every combination once in 84; everything else comes from the page's
//! own seed.

use crate::card::{CardData, CardSide};
use crate::copies::{self, Placed, Side};
use crate::damage::Damage;
use crate::docs::{self, NegKind};
use crate::draw::portrait;
use crate::family::{self, DocType, FAMILIES, FAMILY_SPLIT, Family, Portraits, Split, photo};
use crate::negpage;
use crate::page::Edge;
use crate::person::{DocKind, Person};
use crate::rng::Rng;
use image::GrayImage;

/// Evaluation seeds start here; fitting seeds are below.
pub const EVAL_SEED0: u64 = 1_000_000;
/// Changes whenever the same class, split and index give a different page,
/// so that caches of generated pages (`EVAL_CACHE`) are keyed by it.
pub const VERSION: u32 = 2;
/// The `index / families` of a clean 300-dpi page (for timing one page per
/// class): `j % 3 == 2` and `j % 7 == 0`.
pub const CLEAN_300: usize = 14;
/// Resolutions pages are drawn at.
pub const DPIS: [f32; 3] = [150.0, 200.0, 300.0];

/// A look-alike: a card or sheet that is not an identity document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Look {
    /// eGK health card (chip, photo).
    Health,
    /// Bank card (chip, no photo).
    Bank,
    /// EU driving licence.
    Driving,
    /// Company ID card.
    Company,
    /// Student card.
    Student,
    /// A sheet of passport photos (faces, no card).
    PhotoSheet,
}

/// A negative page style.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Neg {
    /// One of [`NegKind`], printed in the family's font.
    Page(NegKind),
    /// A letter scanned in colour at 150 dpi (grey JPEG or bitonal).
    ScannedLetter,
    /// A text-only memo.
    Memo,
    /// A staff page with small portraits.
    StaffPage,
    /// A photograph of a room.
    RoomPhoto,
}

/// What group a class belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// Pages to be flagged.
    Identity,
    /// Cards to leave unflagged (at most `other_card`).
    LookAlike,
    /// Pages to leave alone.
    Negative,
}

/// A class of page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    /// ID card front alone (German 2010/2021 or foreign): no MRZ on the page.
    IdFront,
    /// ID card front and back on one page.
    IdFrontBack,
    /// ID card back alone (MRZ side).
    IdBack,
    /// Passport data page (German or foreign).
    Passport,
    /// Passport data page whose MRZ runs off the page edge.
    PassportCut,
    /// Residence permit front alone (no MRZ).
    ResidenceFront,
    /// Residence permit, MRZ side alone or both sides.
    Residence,
    /// ID-2 card (TD2 on the portrait side), one or both sides.
    OldId,
    /// Ankunftsnachweis (one design for all families).
    Ankunft,
    /// An ID document pasted into a letter or memo at 40-70 % of true size.
    Reduced,
    /// An ID document copied at 100-150 % of true size.
    Enlarged,
    /// A look-alike.
    LookAlike(Look),
    /// A negative page.
    Negative(Neg),
}

impl Class {
    /// Every class, identity documents first.
    pub fn all() -> Vec<Class> {
        let mut v = vec![
            Class::IdFront,
            Class::IdFrontBack,
            Class::IdBack,
            Class::Passport,
            Class::PassportCut,
            Class::ResidenceFront,
            Class::Residence,
            Class::OldId,
            Class::Ankunft,
            Class::Reduced,
            Class::Enlarged,
        ];
        v.extend(
            [Look::Health, Look::Bank, Look::Driving, Look::Company, Look::Student, Look::PhotoSheet]
                .map(Class::LookAlike),
        );
        v.extend(NegKind::ALL.map(|k| Class::Negative(Neg::Page(k))));
        v.extend([Neg::ScannedLetter, Neg::Memo, Neg::StaffPage, Neg::RoomPhoto].map(Class::Negative));
        v
    }

    /// Stable name (tables, `EVAL_ONLY`, cache files, seeds).
    pub fn name(self) -> String {
        match self {
            Class::IdFront => "id front".into(),
            Class::IdFrontBack => "id front+back".into(),
            Class::IdBack => "id back".into(),
            Class::Passport => "passport".into(),
            Class::PassportCut => "passport MRZ cut off".into(),
            Class::ResidenceFront => "residence permit front".into(),
            Class::Residence => "residence permit".into(),
            Class::OldId => "old id (TD2)".into(),
            Class::Ankunft => "ankunftsnachweis".into(),
            Class::Reduced => "reduced copy 40-70%".into(),
            Class::Enlarged => "enlarged copy 100-150%".into(),
            Class::LookAlike(l) => format!("look-alike {l:?}"),
            Class::Negative(Neg::Page(k)) => format!("neg {}", k.name()),
            Class::Negative(n) => format!("neg {n:?}"),
        }
    }

    /// Its group.
    pub fn group(self) -> Group {
        match self {
            Class::LookAlike(_) => Group::LookAlike,
            Class::Negative(_) => Group::Negative,
            _ => Group::Identity,
        }
    }
}

/// A generated page and what is on it.
#[derive(Clone, Debug)]
pub struct EvalPage {
    /// The page as scanned or photographed.
    pub image: GrayImage,
    /// Its resolution.
    pub dpi: f32,
    /// False for phone photos (no resolution in the file).
    pub dpi_known: bool,
    /// The damage applied.
    pub damage: Damage,
    /// The design family.
    pub family: usize,
    /// Size of the documents relative to true size.
    pub scale: f32,
    /// MRZ lines printed and wholly on the page.
    pub truth: Vec<String>,
    /// Where each document side landed (before damage: a phone photo moves
    /// them by a few per cent of the page).
    pub placed: Vec<Placed>,
}

/// Evaluation page `index` of `class` from `split`'s families.
pub fn page(class: Class, split: Split, index: usize) -> EvalPage {
    make(class, split, EVAL_SEED0 + index as u64, index)
}

/// Training page `index` (below [`EVAL_SEED0`]) of `class` from the train
/// families.
pub fn fit_page(class: Class, index: usize) -> EvalPage {
    make(class, Split::Train, index as u64, index)
}

fn name_hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3))
}

fn make(class: Class, split: Split, seed: u64, index: usize) -> EvalPage {
    let mut rng = Rng::new(seed ^ name_hash(&class.name()) ^ (split as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let fams = split.families();
    let family = &FAMILIES[fams[index % fams.len()]];
    let j = index / fams.len();
    let mut dpi = DPIS[j % DPIS.len()];
    let mut damage = Damage::ALL[j % Damage::ALL.len()];
    let quarters = (j % 4) as u8;
    if class == Class::Negative(Neg::ScannedLetter) {
        dpi = 150.0;
        if damage == Damage::Clean {
            damage = Damage::Jpeg;
        }
    }
    let (img, placed, truth, scale) = compose(class, family, dpi, quarters, &mut rng);
    let image = damage.apply(img, dpi, &mut rng);
    EvalPage { image, dpi, dpi_known: damage != Damage::Phone, damage, family: family.index, scale, truth, placed }
}

type Composed = (GrayImage, Vec<Placed>, Vec<String>, f32);

fn compose(class: Class, fam: &Family, dpi: f32, quarters: u8, rng: &mut Rng) -> Composed {
    let edge = *rng.pick(&[Edge::Plain, Edge::Outline, Edge::Lid]);
    match class {
        Class::Negative(n) => (negative(n, fam, dpi, rng), Vec::new(), Vec::new(), 1.0),
        Class::LookAlike(Look::PhotoSheet) => {
            let face = face_source(fam);
            (copies::photo_sheet(&*face, dpi, quarters, rng), Vec::new(), Vec::new(), 1.0)
        }
        Class::LookAlike(l) => {
            let doc = match l {
                Look::Health => DocType::HealthCard,
                Look::Bank => DocType::BankCard,
                Look::Driving => DocType::DrivingLicence,
                Look::Company => DocType::CompanyCard,
                _ => DocType::StudentCard,
            };
            let data = CardData::new(&Person::random(rng), None, rng);
            let mut sides = vec![(doc, CardSide::Front, family::render(fam, doc, CardSide::Front, &data, dpi, rng))];
            if rng.chance(0.5) {
                sides.push((doc, CardSide::Back, family::render(fam, doc, CardSide::Back, &data, dpi, rng)));
            }
            let (img, placed) = copies::copy(&sides, dpi, 1.0, 10.0, edge, quarters, rng);
            (img, placed, Vec::new(), 1.0)
        }
        _ => identity(class, fam, dpi, quarters, edge, rng),
    }
}

/// Draws a `w` x `h` px portrait.
type FaceFn = Box<dyn Fn(u32, u32, &mut Rng) -> GrayImage>;

/// Portraits as the family prints them, for sheets and staff pages.
fn face_source(fam: &Family) -> FaceFn {
    let split = FAMILY_SPLIT[fam.index];
    match fam.portraits {
        Portraits::Drawn => Box::new(portrait),
        Portraits::Real => Box::new(move |w, h, r: &mut Rng| photo::portrait(w, h, split, r)),
        Portraits::Both => Box::new(
            move |w, h, r: &mut Rng| {
                if r.chance(0.5) { photo::portrait(w, h, split, r) } else { portrait(w, h, r) }
            },
        ),
    }
}

fn negative(n: Neg, fam: &Family, dpi: f32, rng: &mut Rng) -> GrayImage {
    match n {
        Neg::Page(k) => docs::render_in(k, dpi, fam.body, rng).img,
        Neg::ScannedLetter => negpage::scanned_letter(dpi, fam.body, fam.index, rng),
        Neg::Memo => negpage::memo(dpi, fam.body, rng),
        Neg::StaffPage => negpage::staff_page(dpi, fam.body, &*face_source(fam), rng),
        Neg::RoomPhoto => negpage::room_photo(dpi, rng),
    }
}

/// The document of an identity class, its holder and MRZ.
fn identity_doc(class: Class, rng: &mut Rng) -> (DocType, DocKind) {
    const ID_STATES: [&str; 6] = ["FRA", "ITA", "POL", "NLD", "ESP", "AUT"];
    const PASS_STATES: [&str; 5] = ["TUR", "SYR", "UKR", "AFG", "USA"];
    let id_card = |rng: &mut Rng| match rng.below(3) {
        0 => (DocType::IdCard2010, DocKind::IdCard2010),
        1 => (DocType::IdCard2021, DocKind::IdCard2021),
        _ => (DocType::ForeignId, DocKind::ForeignId { state: ID_STATES[rng.below(ID_STATES.len())] }),
    };
    let passport = |rng: &mut Rng| {
        if rng.chance(0.5) {
            (DocType::Passport, DocKind::Passport)
        } else {
            (DocType::Passport, DocKind::ForeignPassport { state: PASS_STATES[rng.below(PASS_STATES.len())] })
        }
    };
    match class {
        Class::IdFront | Class::IdFrontBack | Class::IdBack => id_card(rng),
        Class::Passport | Class::PassportCut => passport(rng),
        Class::ResidenceFront | Class::Residence => (DocType::ResidencePermit, DocKind::ResidencePermit),
        Class::OldId => (DocType::OldId, DocKind::IdCardOld),
        Class::Ankunft => (DocType::Ankunftsnachweis, DocKind::Ankunftsnachweis),
        _ => match rng.below(6) {
            0..=2 => id_card(rng),
            3 => (DocType::ResidencePermit, DocKind::ResidencePermit),
            4 => passport(rng),
            _ => (DocType::OldId, DocKind::IdCardOld),
        },
    }
}

fn identity(class: Class, fam: &Family, dpi: f32, quarters: u8, edge: Edge, rng: &mut Rng) -> Composed {
    let (doc, kind) = identity_doc(class, rng);
    let person = kind.random_holder(rng);
    let data = CardData::new(&person, Some(kind), rng);
    let ck = doc.card_kind();
    let mrz_side = ck.mrz_side();
    let other = if mrz_side == CardSide::Front { CardSide::Back } else { CardSide::Front };
    // Which sides are copied: the MRZ side first.
    let both_possible = ck.has_back();
    let wanted: Vec<CardSide> = match class {
        Class::IdFront | Class::ResidenceFront => vec![CardSide::Front],
        Class::IdBack => vec![CardSide::Back],
        Class::IdFrontBack => vec![CardSide::Front, CardSide::Back],
        Class::Passport | Class::PassportCut | Class::Ankunft => vec![mrz_side],
        _ if both_possible && rng.chance(0.5) => vec![mrz_side, other],
        _ if class == Class::Reduced && both_possible && rng.chance(0.5) => vec![CardSide::Front],
        _ => vec![mrz_side],
    };
    let mut sides: Vec<Side> = wanted.iter().map(|&s| (doc, s, family::render(fam, doc, s, &data, dpi, rng))).collect();
    if sides.len() > 1 && rng.chance(0.5) {
        sides.reverse();
    }
    let shows_mrz = wanted.contains(&mrz_side);
    let truth = if shows_mrz { data.mrz.clone() } else { Vec::new() };
    match class {
        Class::PassportCut => {
            let cut = rng.uniform(9.0, 16.0) as f32;
            let (img, placed) = copies::cut_off(&sides[0], dpi, cut, edge, quarters, rng);
            (img, placed, Vec::new(), 1.0)
        }
        Class::Reduced => {
            let scale = rng.uniform(0.4, 0.7) as f32;
            let (img, placed) = copies::pasted(&sides, dpi, scale, fam.body, quarters, rng);
            (img, placed, truth, scale)
        }
        Class::Enlarged => {
            let scale = rng.uniform(1.0, 1.5) as f32;
            let (img, placed) = if rng.chance(0.4) {
                copies::pasted(&sides[..1], dpi, scale, fam.body, quarters, rng)
            } else {
                copies::copy(&sides[..1], dpi, scale, 5.0, edge, quarters, rng)
            };
            let truth = if sides[0].1 == mrz_side { truth } else { Vec::new() };
            (img, placed, truth, scale)
        }
        _ => {
            let (img, placed) = copies::copy(&sides, dpi, 1.0, 10.0, edge, quarters, rng);
            (img, placed, truth, 1.0)
        }
    }
}

#[cfg(test)]
mod tests;
