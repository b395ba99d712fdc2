//! Finds and reads MRZs on a page raster at any angle.
//!
//! The search runs on a block-mean copy at about 100 dpi ([`prep`]): local
//! mean binarisation, connected components, chains of evenly spaced
//! character blobs and groups of 2-3 parallel chains ([`lines`]). Only the
//! candidate's cells are then sampled from the full-resolution page
//! ([`sample`]), classified with the OCR-B templates and decoded with the
//! layout's character classes and check digits ([`decode`]), in both reading
//! directions; the reading decides between 0 and 180 degrees.

pub mod decode;
pub mod lines;
pub mod prep;
mod resample;
pub mod sample;
#[cfg(test)]
mod tests;

use super::{MrzReading, MrzSource, correct, parse};
use crate::imaging;
use crate::limits::Deadline;
use crate::source::Raster;

/// Local-contrast threshold of the search image (grey levels below the local mean).
const DELTA: u32 = 24;

/// Minimum mean correlation of any reported MRZ (OCR-B glyphs match their
/// templates at 0.8-0.95; other print and marks far lower).
const MIN_SCORE: f32 = 0.55;

/// Most characters check digits may repair in one MRZ.
const MAX_REPAIRS: usize = 2;

/// Minimum mean correlation of a structure reported with failed checks.
const MIN_SCORE_FAILED: f32 = 0.72;

/// All MRZs on the page, with bboxes as fractions of the upright page.
pub fn find(raster: &Raster) -> Vec<MrzReading> {
    find_with_rows(raster).0
}

/// [`find`], and whether the page has MRZ-like rows at all (two or three
/// parallel rows of evenly spaced OCR-B-like characters at MRZ pitch),
/// read or not: a card side that always carries an MRZ is not concluded
/// without them.
pub fn find_with_rows(raster: &Raster) -> (Vec<MrzReading>, bool) {
    let (found, rows, _) = find_within(raster, &Deadline::none());
    (found, rows)
}

/// [`find_with_rows`] that stops reading candidates once `deadline` has
/// passed; the third value is false when it stopped early (the MRZs read
/// until then are kept).
pub fn find_within(raster: &Raster, deadline: &Deadline) -> (Vec<MrzReading>, bool, bool) {
    let img = &raster.image;
    let (w, h) = (img.width() as usize, img.height() as usize);
    if w < 64 || h < 64 {
        return (Vec::new(), false, true);
    }
    let mut complete = true;
    let mut rows = false;
    let f = search_factor(raster);
    let mut small = imaging::block_mean(img, f as u32);
    if f >= 2 && imaging::is_bitonal_page(img) {
        // Dither dots survive block means and join tints to characters.
        small = imaging::smooth(&small);
    }
    let bin = prep::binarise(&small, 12, DELTA);
    let (sw, sh) = (small.width() as usize, small.height() as usize);
    // Specks smaller than a thin stroke fragment are noise.
    let work_dpi = raster.dpi.max(50.0) / f as f32;
    let min_n = ((work_dpi / 100.0).powi(2) * 6.0) as u32;
    let comps = prep::components(&bin, sw, sh, min_n.max(4), (work_dpi * 0.4) as u16);
    let chains = lines::chains(&comps, sw, sh);
    let groups = lines::groups(&chains);
    let mut out: Vec<(MrzReading, f32)> = Vec::new();
    let mut cache = sample::LineCache::default();
    // Groups come in pairs: a direction and its 180-degree opposite.
    for pair in groups.chunks(2) {
        if deadline.passed() {
            complete = false;
            break;
        }
        // Read variants until one passes all its checks.
        let mut best: Option<(decode::Decoded, sample::ReadGroup)> = None;
        'pair: for g in pair {
            for v in lines::variants(g) {
                if deadline.passed() {
                    complete = false;
                    break 'pair;
                }
                if !sample::looks_like_mrz(img, &v, f as f32, &mut cache) {
                    continue;
                }
                rows = true;
                // A reading with more class violations than reportable never
                // competes (it would be dropped below), so its read stops early.
                let (n, len) = (v.lines.len(), v.lines.first().map_or(0, |l| l.span.max(0) as usize));
                let limit = decode::violation_limit(n, len).unwrap_or(usize::MAX);
                let mut violations = 0;
                let Some(read) = sample::read_while(img, &v, f as f32, &mut cache, |l, i, cell| {
                    violations += usize::from(decode::violates(n, len, l, i, cell));
                    violations <= limit
                }) else {
                    continue;
                };
                let Some(d) = decode::decode(&read.lines) else { continue };
                // A garbage reading (wrong direction) can "pass" by repairs;
                // it must not end the search before the right one is read.
                if !plausible(&d) {
                    continue;
                }
                let done = d.repaired.failed.is_empty() && d.repaired.repairs <= MAX_REPAIRS;
                if best.as_ref().is_none_or(|b| rank(&d) > rank(&b.0)) {
                    best = Some((d, read));
                }
                if done {
                    break 'pair;
                }
            }
        }
        let Some((d, read)) = best else { continue };
        let bbox = bbox_of(&read.corners, w as f32, h as f32);
        let score = rank(&d);
        let own_passed = d.repaired.failed.is_empty();
        if !own_passed {
            // The shared correction engine (German number alphabet, long
            // numbers, OCR confusions) gets the same ranked candidates; its
            // reading is taken when it checks with few changes.
            let ranked: Vec<Vec<correct::Ranked>> =
                read.lines.iter().map(|l| l.iter().map(|c| decode::to_ranked(&c.ranked, 6)).collect()).collect();
            let shared = correct::correct(&ranked, MrzSource::Image, Some(bbox))
                .filter(|c| c.reading.checks_passed && c.changes <= MAX_REPAIRS + 1)
                .map(|c| c.reading);
            if let Some(reading) = shared {
                out.push((reading, score.max(100.0)));
                continue;
            }
        }
        if !own_passed
            && ((d.repaired.raw_passed + 1 < d.repaired.n_checks && !d.repaired.misprint)
                || d.mean_score < MIN_SCORE_FAILED)
        {
            continue;
        }
        let code = &d.repaired.lines[0];
        let document_code = code[..2].trim_end_matches('<').to_string();
        let issuing_state = code[2..5].trim_end_matches('<').to_string();
        let (document_type, side) = parse::classify(&document_code, &issuing_state, d.repaired.format);
        out.push((
            MrzReading {
                format: d.repaired.format,
                lines: d.repaired.lines,
                document_code,
                issuing_state,
                checks_passed: own_passed,
                failed_checks: d.repaired.failed,
                document_type,
                side,
                bbox: Some(bbox),
                source: MrzSource::Image,
            },
            score,
        ));
    }
    out.sort_by(|a, b| b.1.total_cmp(&a.1));
    // Several line groups can read one MRZ; keep the best of overlapping ones.
    let mut kept: Vec<MrzReading> = Vec::new();
    for (m, _) in out {
        let overlaps = |k: &MrzReading| match (k.bbox, m.bbox) {
            (Some(a), Some(b)) => overlap(&a, &b) > 0.3,
            _ => false,
        };
        if !kept.iter().any(overlaps) {
            kept.push(m);
        }
    }
    (kept, rows, complete)
}

/// Whether a decoded reading is good enough to report at all: a
/// document-code letter, OCR-B-like glyphs, few layout violations and repairs.
fn plausible(d: &decode::Decoded) -> bool {
    let cells = d.repaired.lines.iter().map(String::len).sum::<usize>();
    d.code_ok && d.mean_score >= MIN_SCORE && d.violations * 10 <= cells && d.repaired.repairs <= MAX_REPAIRS
}

/// Downscale factor that brings the page to about 100 dpi (never below 1).
fn search_factor(r: &Raster) -> usize {
    let dpi = if r.dpi.is_finite() && r.dpi > 0.0 { r.dpi } else { 150.0 };
    ((dpi / 100.0).floor() as usize).max(1)
}

/// Orders readings: fully checked first, then by checks and confidence.
fn rank(d: &decode::Decoded) -> f32 {
    let passed = (d.repaired.n_checks - d.repaired.failed.len()) as f32;
    if d.repaired.failed.is_empty() {
        100.0 + d.mean_score
    } else {
        passed + d.repaired.raw_passed as f32 * 0.1 + d.mean_score
    }
}

/// Intersection over the smaller box's area.
fn overlap(a: &[f64; 4], b: &[f64; 4]) -> f64 {
    let iw = (a[2].min(b[2]) - a[0].max(b[0])).max(0.0);
    let ih = (a[3].min(b[3]) - a[1].max(b[1])).max(0.0);
    let area = |r: &[f64; 4]| (r[2] - r[0]) * (r[3] - r[1]);
    iw * ih / area(a).min(area(b)).max(1e-12)
}

/// Bounding box of the corners as fractions of the page.
fn bbox_of(c: &[(f32, f32); 4], w: f32, h: f32) -> [f64; 4] {
    let xs = c.iter().map(|p| p.0);
    let ys = c.iter().map(|p| p.1);
    let x0 = xs.clone().fold(f32::MAX, f32::min).clamp(0.0, w) / w;
    let x1 = xs.fold(f32::MIN, f32::max).clamp(0.0, w) / w;
    let y0 = ys.clone().fold(f32::MAX, f32::min).clamp(0.0, h) / h;
    let y1 = ys.fold(f32::MIN, f32::max).clamp(0.0, h) / h;
    [x0 as f64, y0 as f64, x1 as f64, y1 as f64]
}
