//! The one scoring model: turns all evidence of a page into its verdict,
//! confidence, document type and side.
//!
//! Rules first, for what is certain or what the documents themselves rule
//! out:
//! * an MRZ whose check digits all hold is an `id_copy`; an MRZ with failing
//!   checks (or one misprinted check digit) is at least a `possible_id_copy`;
//! * an ID back, an eAT back, a passport data page and the old ID always
//!   carry an MRZ: a card read as one of these counts only when the page
//!   has MRZ-like rows, a face on the card, or edges that run off the paper
//!   (a passport page whose MRZ the paper's edge cut off);
//! * a card with an edge whose own MRZ band ([`crate::card::mrz_band`]:
//!   rows at the ICAO pitch the reader could not take apart, as on a copy
//!   reduced onto a letter) has those rows, at any size; as the MRZ was
//!   not read, it makes a `possible_id_copy`, an `id_copy` only with
//!   enough other evidence;
//! * a data side (front, passport page) prints text beside the portrait: a
//!   card read as one with fewer than two rows there (a framed photo of a
//!   person) is not;
//! * a card found only as a block of print (no edge) or at another size
//!   than its true one counts only with a face on it, and print alone never
//!   makes an `id_copy`;
//! * a text layer that names a look-alike (driving licence, health card)
//!   and no identity document keeps card evidence from flagging the page;
//! * a page examined only in part ([`judge_page`]) is `unexamined` unless
//!   what was found flags it: it is never reported clear;
//! * a card with half its edge found (or a block of print of a card's true
//!   size), a face of portrait size (or, with 70 % of its edge, a
//!   photo-like portrait window) and at least six rows of text beside it is
//!   at least a `possible_id_copy`, whatever the classifier calls it: a face
//!   beside labelled fields means the same on every design, the
//!   classifier's reading of the rest may not.
//!
//! Everything else goes through one logistic model over a named page
//! feature set ([`PageFeatures`]). Its weights and the two verdict
//! thresholds were fitted on pages of the training design families by
//! `cargo run --release --example fit_score -- --write` and are evaluated
//! on held-out families by `cargo bench --bench eval_cards`. Text-layer
//! keywords count only beside a card outline (a letter that asks for the
//! Personalausweis has the word too); their weight is set by hand as the
//! generated pages have no text layer.

use crate::detect::Findings;
use crate::evidence::{DocumentType, Evidence, EvidenceKind, Side, Verdict};

/// The judgement on one examined page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Judgement {
    /// Verdict.
    pub verdict: Verdict,
    /// Confidence 0..1 in the verdict.
    pub confidence: f64,
    /// Document type.
    pub document_type: DocumentType,
    /// Side.
    pub side: Side,
}

/// Number of page features.
pub const NP: usize = 9;

/// Names of the page features, for the fit and evaluation printouts.
pub const FEATURE_NAMES: [&str; NP] =
    ["outline", "id_front", "id_back", "driving_licence", "other_card", "portrait", "front_and_back", "cards", "face"];

/// The page features of the model, by name.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PageFeatures {
    /// Best card outline strength.
    pub outline: f64,
    /// Card classifier's strength for an identity-document front or data page.
    pub id_front: f64,
    /// The same for an ID card back (only where the page has MRZ-like rows).
    pub id_back: f64,
    /// The same for a driving licence.
    pub driving_licence: f64,
    /// The same for another card.
    pub other_card: f64,
    /// Best photo-like portrait window.
    pub portrait: f64,
    /// Front and back on one page (the smaller of the two).
    pub front_and_back: f64,
    /// Cards on the page (0, 1/3, 2/3, 1).
    pub cards: f64,
    /// Best face found on a card.
    pub face: f64,
}

impl PageFeatures {
    /// The features in [`FEATURE_NAMES`] order.
    pub fn to_array(&self) -> [f64; NP] {
        [
            self.outline,
            self.id_front,
            self.id_back,
            self.driving_licence,
            self.other_card,
            self.portrait,
            self.front_and_back,
            self.cards,
            self.face,
        ]
    }
}

// BEGIN FITTED (examples/fit_score.rs, FIT_PAGES=40)
/// Logistic weights of the page features, bias last.
pub const WEIGHTS: [f64; NP + 1] =
    [2.4084, 2.2381, 3.8484, -2.9317, -3.0977, -0.1476, 0.1265, -0.6896, 1.2719, -1.8888];
/// Probability from which a page is a `possible_id_copy`.
pub const POSSIBLE: f64 = 0.6491;
/// Probability from which a page is an `id_copy`.
pub const CERTAIN: f64 = 0.8408;
// END FITTED

/// Logit added when the text layer names an identity document and the page
/// has a card outline (hand-set; see the module docs).
const KEYWORD_LOGIT: f64 = 1.5;
/// Edge share (or a block of print at true size) and text rows beside the
/// portrait from which a card with a face is a `possible_id_copy` whatever
/// the classifier says. Blocks of print count since, on the validation
/// families, they gained 2 bitonal ID fronts of 12 for 2 more driving
/// licences of 24 as `possible_id_copy` (none as `id_copy`). A face the
/// detector found needs less edge than a portrait window: on the training
/// and validation families half the edge instead of 0.7 gained 4 ID fronts
/// (photocopies and phone photos, whose card edge is worn or in
/// perspective) for 2 look-alikes and no negative page (measured while the
/// rule still took four rows).
const FACE_CARD_EDGE: f64 = 0.5;
/// Text rows beside the portrait for that rule. An identity document
/// labels its fields (a label row over each value: surname, given names,
/// date of birth already make six); a health, company or student card
/// prints name and number bare. Of the card candidates with a face on the
/// training and validation pages, 4 or 5 rows were seen beside the
/// portrait on 18 of 22 health cards, 12 of 30 company and 11 of 28
/// student cards, and 7 of 191 cards on ID-front pages.
const FACE_CARD_ROWS: f64 = 6.0;
/// Edge share a card needs when a photo-like portrait window stands in for
/// the face: thresholded, dithered and drawn portraits, and faces turned or
/// lit so the detector misses them, still make a photo-like window of
/// portrait size beside the rows of print.
const PORTRAIT_CARD_EDGE: f64 = 0.7;
/// Photo-like share of that window.
const PORTRAIT_CARD: f64 = 0.4;
/// Text rows beside the portrait below which a card is not read as the data
/// side of an identity document.
const MIN_DATA_ROWS: f64 = 2.0;
/// Card-classifier strength from which a look-alike card is reported.
const OTHER_CARD: f64 = 0.5;

fn is_id_doc(d: DocumentType) -> bool {
    matches!(d, DocumentType::IdCard | DocumentType::Passport | DocumentType::ResidencePermit)
}

fn best(ev: &[Evidence], pred: impl Fn(&Evidence) -> bool) -> f64 {
    ev.iter().filter(|e| pred(e)).map(|e| e.strength).fold(0.0, f64::max)
}

fn has_mrz(ev: &[Evidence]) -> bool {
    ev.iter().any(|e| matches!(e.kind, EvidenceKind::Mrz | EvidenceKind::TextLayerMrz))
}

/// Whether a piece of card evidence may count (the rules of the module
/// docs on print-only, rescaled and MRZ-side cards). `rows`: the page has
/// MRZ-like rows or a read MRZ; `band`: a card's own MRZ band may stand
/// for them.
fn counts(e: &Evidence, rows: bool, band: bool) -> bool {
    let c = e.card;
    // A card with an edge and its own MRZ band: the MRZ the reader could
    // not take apart (a copy reduced onto a letter, a bitonal copy).
    let banded = band && c.mrz_band && !c.print_only;
    if (c.print_only || c.rescaled) && !c.face && !banded {
        return false;
    }
    let rows = rows || banded;
    let back = e.hint.is_some_and(|(d, s)| is_id_doc(d) && s == Side::Back);
    let front = e.hint.is_some_and(|(d, s)| is_id_doc(d) && s != Side::Back);
    // A data side prints its holder's data beside the portrait: a framed
    // photo of a person has a face and no such rows.
    let bare = front && c.text_rows < MIN_DATA_ROWS && !c.print_only && e.kind == EvidenceKind::Layout;
    // A data page whose edges run off the paper lost its MRZ there.
    let cut = c.cut_off && !c.print_only;
    !((back && !rows) || (front && c.mrz_format && !rows && !c.face && !cut) || bare)
}

/// Whether the page has MRZ-like rows the reader saw, or a read MRZ.
fn page_rows(f: &Findings) -> bool {
    f.mrz_rows || has_mrz(&f.evidence)
}

/// The evidence the model may use: card evidence that breaks a rule is
/// left out. `band`: whether a card's own MRZ band stands for the rows.
fn usable_with(f: &Findings, band: bool) -> Vec<Evidence> {
    let rows = page_rows(f);
    f.evidence.iter().filter(|e| counts(e, rows, band)).cloned().collect()
}

/// The evidence the model may use.
fn usable(f: &Findings) -> Vec<Evidence> {
    usable_with(f, true)
}

/// The page features of already filtered evidence.
pub fn page_features(ev: &[Evidence]) -> PageFeatures {
    let layout = |doc: &dyn Fn(DocumentType, Side) -> bool| {
        best(ev, |e| e.kind == EvidenceKind::Layout && e.hint.is_some_and(|(d, s)| doc(d, s)))
    };
    let front = layout(&|d, s| is_id_doc(d) && matches!(s, Side::Front | Side::DataPage));
    let back = layout(&|d, s| is_id_doc(d) && s == Side::Back);
    let cards = ev.iter().filter(|e| e.kind == EvidenceKind::CardOutline).count();
    PageFeatures {
        outline: best(ev, |e| e.kind == EvidenceKind::CardOutline),
        id_front: front,
        id_back: back,
        driving_licence: layout(&|d, _| d == DocumentType::DrivingLicence),
        other_card: layout(&|d, _| d == DocumentType::OtherCard),
        portrait: best(ev, |e| e.kind == EvidenceKind::Portrait),
        front_and_back: front.min(back),
        cards: (cards.min(3) as f64) / 3.0,
        face: best(ev, |e| e.kind == EvidenceKind::Face),
    }
}

/// The page features the model sees for a page's findings (rules applied).
pub fn features(f: &Findings) -> PageFeatures {
    page_features(&usable(f))
}

/// The model's probability that the evidence shows an identity document
/// (MRZ evidence aside); `ev` is already filtered by the rules.
fn probability_of(ev: &[Evidence]) -> f64 {
    let x = page_features(ev);
    let mut z = WEIGHTS[NP] + x.to_array().iter().zip(WEIGHTS.iter()).map(|(a, b)| a * b).sum::<f64>();
    if x.outline > 0.0 && ev.iter().any(|e| e.kind == EvidenceKind::Keywords && e.hint.is_some_and(|h| is_id_doc(h.0)))
    {
        z += KEYWORD_LOGIT;
    }
    1.0 / (1.0 + (-z).exp())
}

/// The model's probability that the page shows an identity document (MRZ
/// evidence aside), after the rules.
pub fn probability(f: &Findings) -> f64 {
    probability_of(&usable(f))
}

/// Document type and side from the image evidence of a flagged page.
fn document(ev: &[Evidence]) -> (DocumentType, Side) {
    let x = page_features(ev);
    let layouts: Vec<&Evidence> =
        ev.iter().filter(|e| e.kind == EvidenceKind::Layout && e.hint.is_some_and(|h| is_id_doc(h.0))).collect();
    let strongest = layouts.iter().max_by(|a, b| a.strength.total_cmp(&b.strength));
    let mut doc = strongest.and_then(|e| e.hint).map(|h| h.0).unwrap_or(DocumentType::IdCard);
    if let Some(k) = ev.iter().find(|e| e.kind == EvidenceKind::Keywords && e.hint.is_some_and(|h| is_id_doc(h.0))) {
        doc = k.hint.map(|h| h.0).unwrap_or(doc);
    }
    let side = if x.front_and_back >= 0.5 {
        Side::Both
    } else {
        strongest.and_then(|e| e.hint).map(|h| h.1).unwrap_or(Side::Unknown)
    };
    (doc, side)
}

/// A text layer that names a look-alike card and no identity document.
fn names_look_alike_only(ev: &[Evidence]) -> bool {
    let kw = |pred: &dyn Fn(DocumentType) -> bool| {
        ev.iter().any(|e| e.kind == EvidenceKind::Keywords && e.hint.is_some_and(|h| pred(h.0)))
    };
    kw(&|d| matches!(d, DocumentType::DrivingLicence | DocumentType::OtherCard)) && !kw(&is_id_doc)
}

/// Judges a page whose examination may have been cut short
/// (`fully_examined` false: a detector stopped, a part did not load, a
/// panic): what was found still flags it, but such a page is never clear nor
/// a look-alike card, it is `unexamined`.
pub fn judge_page(f: &Findings, fully_examined: bool) -> Judgement {
    let j = judge(f);
    if fully_examined || j.verdict.is_flagged() {
        return j;
    }
    Judgement {
        verdict: Verdict::Unexamined,
        confidence: 0.0,
        document_type: DocumentType::Unknown,
        side: Side::Unknown,
    }
}

/// Judges an examined page.
pub fn judge(f: &Findings) -> Judgement {
    let ev = usable(f);
    let best_mrz = ev
        .iter()
        .filter(|e| matches!(e.kind, EvidenceKind::Mrz | EvidenceKind::TextLayerMrz))
        .max_by(|a, b| a.strength.total_cmp(&b.strength));
    let look_alike = names_look_alike_only(&ev);
    let p = if look_alike { 0.0 } else { probability_of(&ev) };
    let x = page_features(&ev);
    if let Some(e) = best_mrz {
        let (document_type, mut side) = e.hint.unwrap_or((DocumentType::Unknown, Side::Unknown));
        let (_, image_side) = document(&ev);
        if side == Side::Back && x.id_front >= 0.5 || image_side == Side::Both {
            side = Side::Both;
        }
        let (verdict, confidence) = if e.strength >= 0.99 {
            (Verdict::IdCopy, e.strength.min(0.99))
        } else if p >= CERTAIN {
            (Verdict::IdCopy, p)
        } else {
            (Verdict::PossibleIdCopy, e.strength.max(p))
        };
        return Judgement { verdict, confidence, document_type, side };
    }
    if p >= POSSIBLE {
        let (document_type, side) = document(&ev);
        // Print alone (no card edge anywhere) never makes an id_copy, nor
        // does an MRZ band the reader could not read.
        let edge = ev.iter().any(|e| e.kind == EvidenceKind::CardOutline && !e.card.print_only);
        let sure = page_rows(f) || probability_of(&usable_with(f, false)) >= CERTAIN;
        let verdict = if p >= CERTAIN && edge && sure { Verdict::IdCopy } else { Verdict::PossibleIdCopy };
        return Judgement { verdict, confidence: p, document_type, side };
    }
    // A card with a clear edge (or a block of print of a card's true size:
    // a light card in a bitonal copy), a face of portrait size and rows of
    // text beside it: whatever its design, and whatever the classifier makes of
    // the rest, a person should look (the classifier's look-alike classes
    // are what does not carry over to unseen designs; a look-alike read
    // this way is a `possible_id_copy`, never an `id_copy`).
    let face_card = ev.iter().any(|e| {
        let c = e.card;
        let seen = c.edge >= FACE_CARD_EDGE || (c.print_only && !c.rescaled);
        let window = c.edge >= PORTRAIT_CARD_EDGE && c.portrait >= PORTRAIT_CARD;
        e.kind == EvidenceKind::CardOutline && (c.face || window) && seen && c.text_rows >= FACE_CARD_ROWS
    });
    // A passport data page's shape running off the paper with a portrait
    // on it: no look-alike card is that wide, and the MRZ that would
    // decide it is what the paper's edge cut off.
    let cut_page = ev.iter().any(|e| {
        e.kind == EvidenceKind::CardOutline && e.card.cut_off && (e.card.face || e.card.portrait >= PORTRAIT_CARD)
    });
    if (face_card || cut_page) && !look_alike {
        let (document_type, side) = document(&ev);
        return Judgement { verdict: Verdict::PossibleIdCopy, confidence: p.max(POSSIBLE), document_type, side };
    }
    if x.outline > 0.0 && (x.driving_licence.max(x.other_card) >= OTHER_CARD || look_alike) {
        let document_type =
            if x.driving_licence >= x.other_card { DocumentType::DrivingLicence } else { DocumentType::OtherCard };
        return Judgement {
            verdict: Verdict::OtherCard,
            confidence: x.driving_licence.max(x.other_card).max(0.5),
            document_type,
            side: Side::Front,
        };
    }
    Judgement {
        verdict: Verdict::Clear,
        confidence: 1.0 - p,
        document_type: DocumentType::Unknown,
        side: Side::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(kind: EvidenceKind, strength: f64, hint: Option<(DocumentType, Side)>) -> Evidence {
        let mut e = Evidence::new(kind, "test", strength);
        e.hint = hint;
        e
    }

    #[test]
    fn a_page_examined_in_part_is_unexamined_unless_flagged() {
        let clear = Findings::default();
        assert_eq!(judge_page(&clear, true).verdict, Verdict::Clear);
        assert_eq!(judge_page(&clear, false).verdict, Verdict::Unexamined);
        let mrz = Findings {
            evidence: vec![ev(EvidenceKind::Mrz, 1.0, Some((DocumentType::IdCard, Side::Back)))],
            mrz: Vec::new(),
            mrz_rows: true,
        };
        assert_eq!(judge_page(&mrz, false).verdict, Verdict::IdCopy);
    }

    fn judge_ev(v: Vec<Evidence>) -> Judgement {
        judge(&Findings { evidence: v, mrz: Vec::new(), mrz_rows: true })
    }

    fn outline() -> Evidence {
        ev(EvidenceKind::CardOutline, 0.95, None)
    }
    fn layout(p: f64, d: DocumentType, s: Side) -> Evidence {
        let card = crate::evidence::CardFacts { edge: 0.95, text_rows: 5.0, ..Default::default() };
        ev(EvidenceKind::Layout, p, Some((d, s))).on_card(card)
    }

    #[test]
    fn mrz_rules_hold() {
        let checked = ev(EvidenceKind::Mrz, 1.0, Some((DocumentType::Passport, Side::DataPage)));
        let j = judge_ev(vec![checked]);
        assert_eq!((j.verdict, j.document_type, j.side), (Verdict::IdCopy, DocumentType::Passport, Side::DataPage));
        let failing = ev(EvidenceKind::TextLayerMrz, 0.6, Some((DocumentType::IdCard, Side::Back)));
        assert_eq!(judge_ev(vec![failing]).verdict, Verdict::PossibleIdCopy);
    }

    #[test]
    fn table_of_pages() {
        use DocumentType as D;
        use Side as S;
        use Verdict as V;
        let portrait = || ev(EvidenceKind::Portrait, 0.7, None);
        let kw = |d| ev(EvidenceKind::Keywords, 0.5, Some((d, S::Unknown)));
        let back_mrz = ev(EvidenceKind::Mrz, 1.0, Some((D::IdCard, S::Back)));
        let table: Vec<(Vec<Evidence>, V, D, S)> = vec![
            (vec![], V::Clear, D::Unknown, S::Unknown),
            (vec![kw(D::IdCard)], V::Clear, D::Unknown, S::Unknown),
            (vec![outline(), portrait(), layout(0.97, D::IdCard, S::Front)], V::IdCopy, D::IdCard, S::Front),
            (
                vec![outline(), layout(0.97, D::IdCard, S::Front), outline(), layout(0.95, D::IdCard, S::Back)],
                V::IdCopy,
                D::IdCard,
                S::Both,
            ),
            (vec![outline(), portrait(), layout(0.97, D::OtherCard, S::Unknown)], V::OtherCard, D::OtherCard, S::Front),
            (
                vec![outline(), portrait(), layout(0.9, D::DrivingLicence, S::Front)],
                V::OtherCard,
                D::DrivingLicence,
                S::Front,
            ),
            (vec![outline(), layout(0.97, D::IdCard, S::Front), back_mrz], V::IdCopy, D::IdCard, S::Both),
        ];
        for (i, (e, v, d, s)) in table.into_iter().enumerate() {
            let j = judge_ev(e);
            assert_eq!((j.verdict, j.document_type, j.side), (v, d, s), "row {i}");
        }
    }

    #[test]
    fn keywords_support_but_never_decide() {
        let weak = vec![outline(), layout(0.45, DocumentType::IdCard, Side::Front)];
        let prob = |v: &[Evidence]| probability(&Findings { evidence: v.to_vec(), mrz: Vec::new(), mrz_rows: false });
        let p0 = prob(&weak);
        let mut with_kw = weak.clone();
        with_kw.push(ev(EvidenceKind::Keywords, 0.5, Some((DocumentType::IdCard, Side::Unknown))));
        assert!(prob(&with_kw) > p0);
        let only_kw = vec![ev(EvidenceKind::Keywords, 0.5, Some((DocumentType::IdCard, Side::Unknown)))];
        assert!(prob(&only_kw) < POSSIBLE);
    }

    fn on(e: Evidence, print_only: bool, rescaled: bool, face: bool, mrz_format: bool) -> Evidence {
        let edge = if print_only { 0.0 } else { 0.95 };
        e.on_card(crate::evidence::CardFacts {
            print_only,
            rescaled,
            face,
            mrz_format,
            edge,
            text_rows: 5.0,
            cut_off: false,
            portrait: 0.0,
            mrz_band: false,
        })
    }

    fn judge_rows(v: Vec<Evidence>, rows: bool) -> Judgement {
        judge(&Findings { evidence: v, mrz: Vec::new(), mrz_rows: rows })
    }

    #[test]
    fn a_back_without_mrz_rows_is_no_evidence() {
        use DocumentType as D;
        let back = || vec![outline(), layout(0.98, D::IdCard, Side::Back)];
        assert_eq!(judge_rows(back(), false).verdict, Verdict::Clear);
        assert!(judge_rows(back(), true).verdict.is_flagged());
    }

    #[test]
    fn print_blocks_and_rescaled_cards_need_a_face_and_print_never_decides_alone() {
        use DocumentType as D;
        let card = |print_only, rescaled, face| {
            vec![
                on(outline(), print_only, rescaled, face, false),
                on(layout(0.99, D::IdCard, Side::Front), print_only, rescaled, face, false),
            ]
        };
        assert_eq!(judge_rows(card(true, false, false), false).verdict, Verdict::Clear);
        assert_eq!(judge_rows(card(false, true, false), false).verdict, Verdict::Clear);
        let print_with_face = judge_rows(card(true, false, true), false).verdict;
        assert_eq!(print_with_face, Verdict::PossibleIdCopy, "print alone never makes an id_copy");
        assert_eq!(judge_rows(card(false, true, true), false).verdict, Verdict::IdCopy);
    }

    #[test]
    fn a_passport_page_without_mrz_rows_counts_only_with_a_face() {
        use DocumentType as D;
        let page = |face| {
            vec![
                on(outline(), false, false, face, true),
                on(layout(0.99, D::Passport, Side::DataPage), false, false, face, true),
            ]
        };
        assert_eq!(judge_rows(page(false), false).verdict, Verdict::Clear);
        assert!(judge_rows(page(false), true).verdict.is_flagged());
        assert!(judge_rows(page(true), false).verdict.is_flagged());
    }

    #[test]
    fn a_text_layer_naming_a_driving_licence_keeps_a_card_from_flagging() {
        use DocumentType as D;
        let kw = |d| ev(EvidenceKind::Keywords, 0.5, Some((d, Side::Unknown)));
        let v = vec![outline(), layout(0.99, D::IdCard, Side::Front), kw(D::DrivingLicence)];
        assert_eq!(judge_rows(v.clone(), false).verdict, Verdict::OtherCard);
        let mut with_id = v;
        with_id.push(kw(D::IdCard));
        assert!(judge_rows(with_id, false).verdict.is_flagged());
    }

    #[test]
    fn a_card_with_an_edge_a_face_and_text_is_at_least_possible_whatever_its_class() {
        use DocumentType as D;
        let card = |hint: Option<(D, Side)>, text_rows: f64| {
            let mut o = on(outline(), false, false, true, false);
            o.hint = hint;
            o.card.text_rows = text_rows;
            vec![o]
        };
        assert_eq!(judge_rows(card(None, 8.0), false).verdict, Verdict::PossibleIdCopy);
        // The classifier's look-alike classes do not carry over to unseen
        // designs: they cannot clear such a card, nor make it an id_copy.
        let dl = judge_rows(card(Some((D::DrivingLicence, Side::Front)), 8.0), false).verdict;
        assert_eq!(dl, Verdict::PossibleIdCopy);
        // A framed photo of a person (no text beside the face) is not one,
        // nor a card with five rows beside its portrait (a health card's
        // bare name and number).
        assert!(!judge_rows(card(None, 0.0), false).verdict.is_flagged());
        assert!(!judge_rows(card(None, 5.0), false).verdict.is_flagged());
    }

    /// A card outline with a clear edge `edge`, no face, a portrait window
    /// `portrait` and `rows` of text beside it, read as nothing in particular.
    fn windowed(edge: f64, portrait: f64, rows: f64) -> Vec<Evidence> {
        let mut o = on(outline(), false, false, false, false);
        o.card.edge = edge;
        o.card.portrait = portrait;
        o.card.text_rows = rows;
        vec![o]
    }

    #[test]
    fn a_photo_window_stands_for_a_face_beside_labelled_rows_on_a_clear_card() {
        let flagged = |v| judge_rows(v, false).verdict;
        assert_eq!(flagged(windowed(0.9, 0.5, 8.0)), Verdict::PossibleIdCopy);
        // bare name-and-number rows (a health or company card), a weak
        // window, or a worn edge are not enough without a face
        assert_eq!(flagged(windowed(0.9, 0.5, 5.0)), Verdict::Clear);
        assert_eq!(flagged(windowed(0.9, 0.3, 8.0)), Verdict::Clear);
        assert_eq!(flagged(windowed(0.6, 0.5, 8.0)), Verdict::Clear);
    }

    #[test]
    fn a_found_face_needs_only_half_the_edge() {
        let card = |edge| {
            let mut o = on(outline(), false, false, true, false);
            o.card.edge = edge;
            o.card.text_rows = 8.0;
            vec![o]
        };
        assert_eq!(judge_rows(card(0.55), false).verdict, Verdict::PossibleIdCopy);
        assert_eq!(judge_rows(card(0.4), false).verdict, Verdict::Clear);
    }

    #[test]
    fn a_data_page_cut_off_by_the_paper_counts_without_mrz_rows() {
        use DocumentType as D;
        let page = |cut_off, portrait| {
            let mut v = vec![
                on(outline(), false, false, false, true),
                on(layout(0.99, D::Passport, Side::DataPage), false, false, false, true),
            ];
            for e in &mut v {
                e.card.cut_off = cut_off;
                e.card.portrait = portrait;
            }
            v
        };
        // whole on the paper, its missing MRZ speaks against it
        assert_eq!(judge_rows(page(false, 0.5), false).verdict, Verdict::Clear);
        assert!(judge_rows(page(true, 0.0), false).verdict.is_flagged());
        // and a portrait on the cut-off page is enough whatever the classifier says
        let mut bare = page(true, 0.5);
        bare.truncate(1);
        assert_eq!(judge_rows(bare, false).verdict, Verdict::PossibleIdCopy);
    }

    #[test]
    fn a_card_with_its_own_mrz_band_stands_for_the_rows_but_never_makes_an_id_copy() {
        use DocumentType as D;
        // a back reduced onto a letter: an edge, read as a back, no face
        let back = |band, print_only| {
            let mut v = vec![
                on(outline(), print_only, true, false, false),
                on(layout(0.98, D::IdCard, Side::Back), print_only, true, false, false),
            ];
            for e in &mut v {
                e.card.mrz_band = band;
            }
            v
        };
        assert_eq!(judge_rows(back(false, false), false).verdict, Verdict::Clear);
        assert_eq!(judge_rows(back(true, false), false).verdict, Verdict::PossibleIdCopy);
        // a block of print with no edge still needs a face
        assert_eq!(judge_rows(back(true, true), false).verdict, Verdict::Clear);
        // rows the reader saw on the page make it sure
        let mut full = back(true, false);
        for e in &mut full {
            e.card.rescaled = false;
        }
        assert_eq!(judge_rows(full, true).verdict, Verdict::IdCopy);
    }
}
