//! Runs every detector on one page and gathers their evidence.

use crate::error::Stage;
use crate::evidence::{Detail, Evidence, EvidenceKind};
use crate::limits::Deadline;
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
    match examine_raster_within(raster, out, &Deadline::none()) {
        Ok(times) | Err((times, _)) => times,
    }
}

/// [`examine_raster_timed`] under a deadline, checked before each detector
/// and between the candidates each one measures. When it passes, the
/// evidence found so far stays in `out` and the error names the detector
/// that was cut short or not run.
pub fn examine_raster_within(
    raster: &Raster,
    out: &mut Findings,
    deadline: &Deadline,
) -> Result<RasterTimes, (RasterTimes, Stage)> {
    let mut times = RasterTimes::default();
    if deadline.passed() {
        return Err((times, Stage::MrzImage));
    }
    let t = Instant::now();
    let (found, rows, complete) = mrz::image::find_within(raster, deadline);
    out.mrz_rows |= rows;
    for m in found {
        out.evidence.push(mrz_evidence(&m));
        out.mrz.push(m);
    }
    times.mrz_ms = t.elapsed().as_secs_f64() * 1e3;
    if !complete {
        return Err((times, Stage::MrzImage));
    }
    if deadline.passed() {
        return Err((times, Stage::Cards));
    }
    let t = Instant::now();
    let (evidence, complete) = crate::card::detect_within(raster, deadline);
    out.evidence.extend(evidence);
    times.card_ms = t.elapsed().as_secs_f64() * 1e3;
    if complete { Ok(times) } else { Err((times, Stage::Cards)) }
}

/// Evidence for an MRZ reading; personal data never enters the detail.
pub fn mrz_evidence(m: &MrzReading) -> Evidence {
    let kind = match m.source {
        MrzSource::Image => EvidenceKind::Mrz,
        MrzSource::TextLayer => EvidenceKind::TextLayerMrz,
    };
    let failed_checks =
        if m.checks_passed { Vec::new() } else { m.failed_checks.iter().map(|s| s.to_string()).collect() };
    let detail = Detail::Mrz { format: format!("{:?}", m.format), code: m.document_code.clone(), failed_checks };
    let strength = if m.checks_passed { 1.0 } else { 0.6 };
    let mut e = Evidence::new(kind, detail, strength).with_hint(m.document_type, m.side);
    e.bbox = m.bbox;
    e
}
