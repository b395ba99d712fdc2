//! The one scoring model: turns all evidence of a page into its verdict,
//! confidence, document type and side.
//!
//! Rules first, for what is certain: an MRZ whose check digits all hold is an
//! `id_copy`; an MRZ with failing checks is at least a `possible_id_copy`.
//! Everything else goes through one logistic model over a fixed page feature
//! vector ([`page_features`]): the best card outline, the card classifier's
//! front/back/look-alike strengths, the portrait, front and back together.
//! Its weights and the two verdict thresholds were fitted on generated pages
//! (training seeds) by `cargo run --release --example fit_score -- --write`
//! and are evaluated on held-out seeds by `cargo bench --bench eval_cards`.
//! Text-layer keywords count only beside a card outline (a letter that asks
//! for the Personalausweis has the word too); their weight is set by hand as
//! the generated pages have no text layer.

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
pub const NP: usize = 8;

/// Names of the page features, for the fit and evaluation printouts.
pub const FEATURE_NAMES: [&str; NP] =
    ["outline", "id_front", "id_back", "driving_licence", "other_card", "portrait", "front_and_back", "cards"];

// BEGIN FITTED (examples/fit_score.rs, FIT_PAGES=56)
/// Logistic weights of the page features, bias last.
pub const WEIGHTS: [f64; NP + 1] = [1.6664, 4.9354, 3.5300, -2.3246, -2.8963, -0.6038, 0.0586, 0.7334, -2.1502];
/// Probability from which a page is a `possible_id_copy`.
pub const POSSIBLE: f64 = 0.3256;
/// Probability from which a page is an `id_copy`.
pub const CERTAIN: f64 = 0.7500;
// END FITTED

/// Logit added when the text layer names an identity document and the page
/// has a card outline (hand-set; see the module docs).
const KEYWORD_LOGIT: f64 = 1.5;
/// Card-classifier strength from which a look-alike card is reported.
const OTHER_CARD: f64 = 0.5;

fn is_id_doc(d: DocumentType) -> bool {
    matches!(d, DocumentType::IdCard | DocumentType::Passport | DocumentType::ResidencePermit)
}

fn best(ev: &[Evidence], pred: impl Fn(&Evidence) -> bool) -> f64 {
    ev.iter().filter(|e| pred(e)).map(|e| e.strength).fold(0.0, f64::max)
}

/// The page feature vector of the model (see [`FEATURE_NAMES`]).
pub fn page_features(ev: &[Evidence]) -> [f64; NP] {
    let layout = |doc: &dyn Fn(DocumentType, Side) -> bool| {
        best(ev, |e| e.kind == EvidenceKind::Layout && e.hint.is_some_and(|(d, s)| doc(d, s)))
    };
    let front = layout(&|d, s| is_id_doc(d) && matches!(s, Side::Front | Side::DataPage));
    let back = layout(&|d, s| is_id_doc(d) && s == Side::Back);
    let cards = ev.iter().filter(|e| e.kind == EvidenceKind::CardOutline).count();
    [
        best(ev, |e| e.kind == EvidenceKind::CardOutline),
        front,
        back,
        layout(&|d, _| d == DocumentType::DrivingLicence),
        layout(&|d, _| d == DocumentType::OtherCard),
        best(ev, |e| e.kind == EvidenceKind::Portrait),
        front.min(back),
        (cards.min(3) as f64) / 3.0,
    ]
}

/// The model's probability that the page shows an identity document (MRZ
/// evidence aside).
pub fn probability(ev: &[Evidence]) -> f64 {
    let x = page_features(ev);
    let mut z = WEIGHTS[NP] + x.iter().zip(WEIGHTS.iter()).map(|(a, b)| a * b).sum::<f64>();
    let has_card = x[0] > 0.0;
    if has_card && ev.iter().any(|e| e.kind == EvidenceKind::Keywords && e.hint.is_some_and(|h| is_id_doc(h.0))) {
        z += KEYWORD_LOGIT;
    }
    1.0 / (1.0 + (-z).exp())
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
    let side =
        if x[6] >= 0.5 { Side::Both } else { strongest.and_then(|e| e.hint).map(|h| h.1).unwrap_or(Side::Unknown) };
    (doc, side)
}

/// Judges an examined page.
pub fn judge(f: &Findings) -> Judgement {
    let ev = &f.evidence;
    let best_mrz = ev
        .iter()
        .filter(|e| matches!(e.kind, EvidenceKind::Mrz | EvidenceKind::TextLayerMrz))
        .max_by(|a, b| a.strength.total_cmp(&b.strength));
    let p = probability(ev);
    if let Some(e) = best_mrz {
        let (document_type, mut side) = e.hint.unwrap_or((DocumentType::Unknown, Side::Unknown));
        let (_, image_side) = document(ev);
        if side == Side::Back && page_features(ev)[1] >= 0.5 || image_side == Side::Both {
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
        let (document_type, side) = document(ev);
        let verdict = if p >= CERTAIN { Verdict::IdCopy } else { Verdict::PossibleIdCopy };
        return Judgement { verdict, confidence: p, document_type, side };
    }
    let x = page_features(ev);
    if x[0] > 0.0 && x[3].max(x[4]) >= OTHER_CARD {
        let document_type = if x[3] >= x[4] { DocumentType::DrivingLicence } else { DocumentType::OtherCard };
        return Judgement { verdict: Verdict::OtherCard, confidence: x[3].max(x[4]), document_type, side: Side::Front };
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

    fn judge_ev(v: Vec<Evidence>) -> Judgement {
        judge(&Findings { evidence: v, mrz: Vec::new() })
    }

    fn outline() -> Evidence {
        ev(EvidenceKind::CardOutline, 0.95, None)
    }
    fn layout(p: f64, d: DocumentType, s: Side) -> Evidence {
        ev(EvidenceKind::Layout, p, Some((d, s)))
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
        let p0 = probability(&weak);
        let mut with_kw = weak.clone();
        with_kw.push(ev(EvidenceKind::Keywords, 0.5, Some((DocumentType::IdCard, Side::Unknown))));
        assert!(probability(&with_kw) > p0);
        let only_kw = vec![ev(EvidenceKind::Keywords, 0.5, Some((DocumentType::IdCard, Side::Unknown)))];
        assert!(probability(&only_kw) < POSSIBLE);
    }
}
