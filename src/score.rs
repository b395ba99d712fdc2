//! The one scoring model: turns all evidence of a page into its verdict,
//! confidence, document type and side.

use crate::detect::Findings;
use crate::evidence::{DocumentType, EvidenceKind, Side, Verdict};

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

/// Judges an examined page.
pub fn judge(f: &Findings) -> Judgement {
    let best_mrz = f
        .evidence
        .iter()
        .filter(|e| matches!(e.kind, EvidenceKind::Mrz | EvidenceKind::TextLayerMrz))
        .max_by(|a, b| a.strength.total_cmp(&b.strength));
    match best_mrz {
        Some(e) => {
            let (document_type, side) = e.hint.unwrap_or((DocumentType::Unknown, Side::Unknown));
            let verdict = if e.strength >= 0.99 { Verdict::IdCopy } else { Verdict::PossibleIdCopy };
            Judgement { verdict, confidence: e.strength.min(0.99), document_type, side }
        }
        None => Judgement {
            verdict: Verdict::Clear,
            confidence: 0.9,
            document_type: DocumentType::Unknown,
            side: Side::Unknown,
        },
    }
}
