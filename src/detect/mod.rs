//! Runs every detector on one page and gathers their evidence.

use crate::evidence::{Evidence, EvidenceKind};
use crate::i18n::detail;
use crate::mrz::{self, MrzReading, MrzSource};
use crate::source::Raster;
use std::time::Instant;

/// Everything the detectors found on one page.
#[derive(Clone, Debug, Default)]
pub struct Findings {
    /// Evidence of every detector.
    pub evidence: Vec<Evidence>,
    /// MRZs read (image and text layer), best first.
    pub mrz: Vec<MrzReading>,
    /// The page image has MRZ-like rows, read or not.
    pub mrz_rows: bool,
}

/// Examines the text layer of a page.
pub fn examine_text(text: &str, out: &mut Findings) {
    for m in mrz::text::find(text) {
        out.evidence.push(mrz_evidence(&m));
        out.mrz.push(m);
    }
    out.evidence.extend(crate::card::keywords(text));
}

/// Wall time of the raster detectors on one page, in milliseconds.
#[derive(Clone, Copy, Debug, Default)]
pub struct RasterTimes {
    /// MRZ image reader.
    pub mrz_ms: f64,
    /// Card outline, portrait and layout detectors.
    pub card_ms: f64,
}

/// Examines the raster of a page.
pub fn examine_raster(raster: &Raster, out: &mut Findings) {
    examine_raster_timed(raster, out);
}

/// Examines the raster of a page with every detector the pipeline runs and
/// says how long each took (the evaluation benches share this function so
/// that they measure what a scan does).
pub fn examine_raster_timed(raster: &Raster, out: &mut Findings) -> RasterTimes {
    let t = Instant::now();
    let (found, rows) = mrz::image::find_with_rows(raster);
    out.mrz_rows |= rows;
    for m in found {
        out.evidence.push(mrz_evidence(&m));
        out.mrz.push(m);
    }
    let mrz_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    out.evidence.extend(crate::card::detect(raster));
    RasterTimes { mrz_ms, card_ms: t.elapsed().as_secs_f64() * 1e3 }
}

/// Evidence for an MRZ reading; personal data never enters the detail.
pub fn mrz_evidence(m: &MrzReading) -> Evidence {
    let kind = match m.source {
        MrzSource::Image => EvidenceKind::Mrz,
        MrzSource::TextLayer => EvidenceKind::TextLayerMrz,
    };
    let format = format!("{:?}", m.format);
    let failed: &[&str] = if m.checks_passed { &[] } else { &m.failed_checks };
    let detail = detail::mrz(&format, &m.document_code, failed);
    let strength = if m.checks_passed { 1.0 } else { 0.6 };
    let mut e = Evidence::described(kind, detail, strength).with_hint(m.document_type, m.side);
    e.bbox = m.bbox;
    e
}
