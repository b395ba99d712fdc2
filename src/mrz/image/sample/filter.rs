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

/// 3x3 median of a window (edges clamped): removes specks of up to about
/// 2x2 window pixels and keeps strokes and their edges. Each pixel's
/// three columns are sorted once (shared by three pixels); the median of
/// nine is then the median of the largest low, the median middle and the
/// smallest high (exact, and free of branches).
pub(super) fn median3(px: &[f32]) -> Vec<f32> {
    let med = |a: f32, b: f32, c: f32| a.min(b).max(a.max(b).min(c));
    let mut out = vec![0.0f32; WW * WH];
    let (mut lo, mut mid, mut hi) = ([0.0f32; WW], [0.0f32; WW], [0.0f32; WW]);
    for y in 0..WH {
        let (r0, r1, r2) = (y.saturating_sub(1) * WW, y * WW, (y + 1).min(WH - 1) * WW);
        for x in 0..WW {
            let (a, b, c) = (px[r0 + x], px[r1 + x], px[r2 + x]);
            lo[x] = a.min(b).min(c);
            hi[x] = a.max(b).max(c);
            mid[x] = med(a, b, c);
        }
        for x in 0..WW {
            let (l, r) = (x.saturating_sub(1), (x + 1).min(WW - 1));
            let max_lo = lo[l].max(lo[x]).max(lo[r]);
            let min_hi = hi[l].min(hi[x]).min(hi[r]);
            out[r1 + x] = med(max_lo, med(mid[l], mid[x], mid[r]), min_hi);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mrz::image::tests::Rng;

    #[test]
    fn median3_is_the_median_of_the_clamped_neighbourhood() {
        let mut r = Rng::new(11);
        let px: Vec<f32> = (0..WW * WH).map(|_| r.range(0.0, 255.0)).collect();
        let got = median3(&px);
        for y in 0..WH {
            for x in 0..WW {
                let mut v: Vec<f32> = Vec::new();
                for yy in [y.saturating_sub(1), y, (y + 1).min(WH - 1)] {
                    for xx in [x.saturating_sub(1), x, (x + 1).min(WW - 1)] {
                        v.push(px[yy * WW + xx]);
                    }
                }
                v.sort_by(f32::total_cmp);
                assert_eq!(got[y * WW + x], v[4], "at {x},{y}");
            }
        }
    }

    #[test]
    fn median3_removes_a_speck_and_keeps_a_stroke() {
        let mut px = vec![0.0f32; WW * WH];
        px[10 * WW + 5] = 255.0;
        px[10 * WW + 6] = 255.0;
        for y in 5..40 {
            for x in 20..23 {
                px[y * WW + x] = 255.0;
            }
        }
        let m = median3(&px);
        assert_eq!(m[10 * WW + 5], 0.0);
        assert!((6..39).all(|y| (20..23).all(|x| m[y * WW + x] == 255.0)));
    }
}
