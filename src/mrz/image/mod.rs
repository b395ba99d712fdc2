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
pub mod sample;
#[cfg(test)]
mod tests;

use super::{MrzReading, MrzSource};
use crate::source::Raster;

/// Local-contrast threshold of the search image (grey levels below the local mean).
const DELTA: u32 = 24;

/// Minimum mean correlation of a structure reported with failed checks.
const MIN_SCORE_FAILED: f32 = 0.72;

/// All MRZs on the page, with bboxes as fractions of the upright page.
pub fn find(raster: &Raster) -> Vec<MrzReading> {
    let img = &raster.image;
    let (w, h) = (img.width() as usize, img.height() as usize);
    if w < 64 || h < 64 {
        return Vec::new();
    }
    let f = search_factor(raster);
    let small = prep::downscale(img, f);
    let bin = prep::binarise(&small, 12, DELTA);
    // Specks smaller than a thin stroke fragment are noise.
    let work_dpi = raster.dpi.max(50.0) / f as f32;
    let min_n = ((work_dpi / 100.0).powi(2) * 6.0) as u32;
    let comps = prep::components(&bin, small.w, small.h, min_n.max(4), (work_dpi * 0.4) as u16);
    let chains = lines::chains(&comps, small.w, small.h);
    let groups = lines::groups(&chains);
    let mut out: Vec<(MrzReading, f32)> = Vec::new();
    // Groups come in pairs: a direction and its 180-degree opposite.
    for pair in groups.chunks(2) {
        let best = pair
            .iter()
            .flat_map(lines::variants)
            .filter_map(|g| {
                let g = &g;
                let read = sample::read(img, g, f as f32);
                let d = decode::decode(&read.lines)?;
                Some((d, read.corners))
            })
            .max_by(|a, b| rank(&a.0).total_cmp(&rank(&b.0)));
        let Some((d, corners)) = best else { continue };
        let checks_passed = d.failed.is_empty();
        if !checks_passed && (d.raw_passed * 2 < d.n_checks || d.mean_score < MIN_SCORE_FAILED) {
            continue;
        }
        let (document_type, side) = d.document();
        let code = &d.lines[0];
        let document_code = code[..2].trim_end_matches('<').to_string();
        let issuing_state = code[2..5].trim_end_matches('<').to_string();
        let bbox = bbox_of(&corners, w as f32, h as f32);
        let score = rank(&d);
        out.push((
            MrzReading {
                format: d.format,
                lines: d.lines,
                document_code,
                issuing_state,
                checks_passed,
                failed_checks: d.failed,
                document_type,
                side,
                bbox: Some(bbox),
                source: MrzSource::Image,
            },
            score,
        ));
    }
    out.sort_by(|a, b| b.1.total_cmp(&a.1));
    out.into_iter().map(|(m, _)| m).collect()
}

/// Downscale factor that brings the page to about 100 dpi (never below 1).
fn search_factor(r: &Raster) -> usize {
    let dpi = if r.dpi.is_finite() && r.dpi > 0.0 { r.dpi } else { 150.0 };
    ((dpi / 100.0).floor() as usize).max(1)
}

/// Orders readings: fully checked first, then by checks and confidence.
fn rank(d: &decode::Decoded) -> f32 {
    let passed = (d.n_checks - d.failed.len()) as f32;
    if d.failed.is_empty() { 100.0 + d.mean_score } else { passed + d.raw_passed as f32 * 0.1 + d.mean_score }
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
