//! Pixel filters of the sampled character windows (`WW x WH`, ink high).

use super::{WH, WW};

/// 3x3 box smoothing of a window (edges use the available neighbours), so
/// that pixel noise does not split or swell glyph boxes.
pub(super) fn smooth3(px: &[f32]) -> Vec<f32> {
    let mut out = vec![0.0f32; WW * WH];
    // Interior rows without bounds logic (same sums in the same order as
    // the border loop below, so the same values).
    for y in 1..WH - 1 {
        let (a, b, c) = (&px[(y - 1) * WW..y * WW], &px[y * WW..(y + 1) * WW], &px[(y + 1) * WW..(y + 2) * WW]);
        for x in 1..WW - 1 {
            let s = a[x - 1] + a[x] + a[x + 1] + b[x - 1] + b[x] + b[x + 1] + c[x - 1] + c[x] + c[x + 1];
            out[y * WW + x] = s / 9.0;
        }
    }
    for y in 0..WH {
        let border = y == 0 || y == WH - 1;
        for x in (0..WW).filter(|&x| border || x == 0 || x == WW - 1) {
            let (mut s, mut n) = (0.0, 0.0);
            for yy in y.saturating_sub(1)..(y + 2).min(WH) {
                for xx in x.saturating_sub(1)..(x + 2).min(WW) {
                    s += px[yy * WW + xx];
                    n += 1.0;
                }
            }
            out[y * WW + x] = s / n;
        }
    }
    out
}

/// Median of values below the threshold (the paper's darkness).
pub(super) fn paper_level(px: &[f32], thr: f32) -> f32 {
    let mut v: Vec<f32> = px.iter().copied().filter(|&v| v <= thr).collect();
    if v.is_empty() {
        return 0.0;
    }
    let mid = v.len() / 2;
    v.select_nth_unstable_by(mid, f32::total_cmp);
    v[mid]
}

/// Otsu threshold of values in 0..=255.
pub(super) fn otsu(vals: impl Iterator<Item = f32>) -> f32 {
    let mut hist = [0u64; 256];
    for v in vals {
        hist[v.clamp(0.0, 255.0) as usize] += 1;
    }
    let total: u64 = hist.iter().sum();
    let sum: f64 = hist.iter().enumerate().map(|(i, &c)| i as f64 * c as f64).sum();
    let (mut wb, mut sb, mut best, mut thr) = (0u64, 0.0f64, -1.0f64, 127usize);
    for (t, &c) in hist.iter().enumerate() {
        wb += c;
        if wb == 0 || wb == total {
            continue;
        }
        sb += t as f64 * c as f64;
        let wf = total - wb;
        let (mb, mf) = (sb / wb as f64, (sum - sb) / wf as f64);
        let between = wb as f64 * wf as f64 * (mb - mf).powi(2);
        if between > best {
            best = between;
            thr = t;
        }
    }
    thr as f32 + 0.5
}
