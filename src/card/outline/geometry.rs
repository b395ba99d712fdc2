//! Geometry of edge components: connected runs, convex hull and the
//! tightest rotated rectangle.

/// Components of the edge map whose bounding box lies in
/// `min_side..=max_side` pixels on its longer side; each as the end points
/// of its horizontal pixel runs (all [`hull`] needs). Pixels up to `reach`
/// apart are connected (1: 8-connected; 2 also bridges the one-pixel gaps
/// of a faint card edge); labelled by [`crate::imaging::label_runs`].
pub(super) fn components(
    e: &[bool],
    w: usize,
    h: usize,
    reach: i32,
    min_side: usize,
    max_side: usize,
) -> Vec<Vec<(i32, i32)>> {
    let labels = crate::imaging::label_runs(e, w, h, reach.max(1) as usize);
    // bounding box per component, then the end points of the kept ones
    let mut bbox: Vec<(u32, u32, u32, u32)> = vec![(u32::MAX, u32::MAX, 0, 0); labels.runs.len()];
    for (r, &l) in labels.runs.iter().zip(&labels.label) {
        let b = &mut bbox[l as usize];
        *b = (b.0.min(r.x0), b.1.min(r.y), b.2.max(r.x1 - 1), b.3.max(r.y));
    }
    let keep = |b: &(u32, u32, u32, u32)| {
        let side = (b.2 - b.0 + 1).max(b.3 - b.1 + 1) as usize;
        side >= min_side && side <= max_side
    };
    let mut slot = vec![usize::MAX; labels.runs.len()];
    let mut out: Vec<Vec<(i32, i32)>> = Vec::new();
    for (r, &l) in labels.runs.iter().zip(&labels.label) {
        let l = l as usize;
        if !keep(&bbox[l]) {
            continue;
        }
        if slot[l] == usize::MAX {
            slot[l] = out.len();
            out.push(Vec::new());
        }
        let pts = &mut out[slot[l]];
        pts.push((r.x0 as i32, r.y as i32));
        if r.x1 - 1 != r.x0 {
            pts.push((r.x1 as i32 - 1, r.y as i32));
        }
    }
    out
}

/// Convex hull (monotone chain) of integer points.
pub(super) fn hull(mut pts: Vec<(i32, i32)>) -> Vec<(f64, f64)> {
    pts.sort_unstable();
    pts.dedup();
    if pts.len() < 3 {
        return pts.into_iter().map(|(x, y)| (x as f64, y as f64)).collect();
    }
    let cross = |o: (i32, i32), a: (i32, i32), b: (i32, i32)| {
        (a.0 - o.0) as i64 * (b.1 - o.1) as i64 - (a.1 - o.1) as i64 * (b.0 - o.0) as i64
    };
    let mut lower: Vec<(i32, i32)> = Vec::new();
    for &p in &pts {
        while lower.len() >= 2 && cross(lower[lower.len() - 2], lower[lower.len() - 1], p) <= 0 {
            lower.pop();
        }
        lower.push(p);
    }
    let mut upper: Vec<(i32, i32)> = Vec::new();
    for &p in pts.iter().rev() {
        while upper.len() >= 2 && cross(upper[upper.len() - 2], upper[upper.len() - 1], p) <= 0 {
            upper.pop();
        }
        upper.push(p);
    }
    lower.pop();
    upper.pop();
    lower.extend(upper);
    lower.into_iter().map(|(x, y)| (x as f64, y as f64)).collect()
}

/// A fitted rectangle: centre, unit long axis, half long side, half short side.
pub(super) type RectFit = ((f64, f64), (f64, f64), f64, f64);

/// Minimum-area enclosing rectangle of a convex polygon (rotating edges):
/// (centre, unit long axis, half long, half short).
pub(super) fn min_rect(h: &[(f64, f64)]) -> Option<RectFit> {
    if h.len() < 3 {
        return None;
    }
    let mut best: Option<(f64, RectFit)> = None;
    for i in 0..h.len() {
        let (a, b) = (h[i], h[(i + 1) % h.len()]);
        let len = (b.0 - a.0).hypot(b.1 - a.1);
        if len < 1e-9 {
            continue;
        }
        let u = ((b.0 - a.0) / len, (b.1 - a.1) / len);
        let v = (-u.1, u.0);
        let (mut s0, mut s1, mut t0, mut t1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for p in h {
            let s = p.0 * u.0 + p.1 * u.1;
            let t = p.0 * v.0 + p.1 * v.1;
            s0 = s0.min(s);
            s1 = s1.max(s);
            t0 = t0.min(t);
            t1 = t1.max(t);
        }
        let area = (s1 - s0) * (t1 - t0);
        if best.is_none_or(|b| area < b.0) {
            let (cs, ct) = ((s0 + s1) / 2.0, (t0 + t1) / 2.0);
            let c = (cs * u.0 + ct * v.0, cs * u.1 + ct * v.1);
            best = Some((area, (c, u, (s1 - s0) / 2.0, (t1 - t0) / 2.0)));
        }
    }
    let (_, (c, u, hs, ht)) = best?;
    let (u, a, b) = if hs >= ht { (u, hs, ht) } else { ((-u.1, u.0), ht, hs) };
    let u = if u.0 < 0.0 || (u.0 == 0.0 && u.1 < 0.0) { (-u.0, -u.1) } else { u };
    Some((c, u, a, b))
}

/// The long side (`1.0`: at `+v`, `-1.0`: at `-v`, `v` across `u`) of a
/// rectangle with half sides `half` (pixels) that lies on the border of a
/// `w x h` image (both its ends within `tol` pixels of one border or beyond
/// it: a skewed card cut by the border leaves a rectangle one of whose
/// corners is outside the image), if one does: `1.0` is tried first.
pub(super) fn long_side_on_edge(
    c: (f64, f64),
    u: (f64, f64),
    half: (f64, f64),
    (w, h): (usize, usize),
    tol: f64,
) -> Option<f64> {
    let v = (-u.1, u.0);
    let (wf, hf) = (w as f64 - 1.0, h as f64 - 1.0);
    let near = |p: (f64, f64)| [p.0, wf - p.0, p.1, hf - p.1].map(|d| d <= tol);
    [1.0, -1.0].into_iter().find(|&sign| {
        let mid = (c.0 + v.0 * sign * half.1, c.1 + v.1 * sign * half.1);
        let (n0, n1) =
            (near((mid.0 - u.0 * half.0, mid.1 - u.1 * half.0)), near((mid.0 + u.0 * half.0, mid.1 + u.1 * half.0)));
        (0..4).any(|i| n0[i] && n1[i])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn min_rect_of_a_rotated_rectangle() {
        let (s, c) = 0.3f64.sin_cos();
        let pts: Vec<(f64, f64)> = [(-50.0, -30.0), (50.0, -30.0), (50.0, 30.0), (-50.0, 30.0)]
            .iter()
            .map(|&(x, y)| (100.0 + c * x - s * y, 100.0 + s * x + c * y))
            .collect();
        let (ctr, u, a, b) = min_rect(&pts).unwrap();
        assert!((ctr.0 - 100.0).abs() < 1e-6 && (ctr.1 - 100.0).abs() < 1e-6);
        assert!((a - 50.0).abs() < 1e-6 && (b - 30.0).abs() < 1e-6);
        assert!((u.0 - c).abs() < 1e-6 && (u.1 - s).abs() < 1e-6);
    }

    #[test]
    fn components_by_runs_match_a_pixel_flood_fill() {
        // reference: flood fill over each pixel's (2 reach + 1)^2 neighbourhood
        fn flood(e: &[bool], w: usize, h: usize, reach: i32) -> Vec<Vec<(f64, f64)>> {
            let mut seen = vec![false; e.len()];
            let mut out = Vec::new();
            for start in 0..e.len() {
                if !e[start] || seen[start] {
                    continue;
                }
                seen[start] = true;
                let (mut stack, mut pts) = (vec![start], Vec::new());
                while let Some(i) = stack.pop() {
                    let (x, y) = ((i % w) as i32, (i / w) as i32);
                    pts.push((x, y));
                    for dy in -reach..=reach {
                        for dx in -reach..=reach {
                            let (nx, ny) = (x + dx, y + dy);
                            if nx >= 0 && ny >= 0 && nx < w as i32 && ny < h as i32 {
                                let j = ny as usize * w + nx as usize;
                                if e[j] && !seen[j] {
                                    seen[j] = true;
                                    stack.push(j);
                                }
                            }
                        }
                    }
                }
                out.push(hull(pts));
            }
            out
        }
        let mut rng = ausweisscan_synth::rng::Rng::new(5);
        for case in 0..40 {
            let (w, h) = (30 + rng.below(50), 20 + rng.below(40));
            let density = 0.05 + 0.3 * (case % 4) as f64 / 3.0;
            let e: Vec<bool> = (0..w * h).map(|_| rng.chance(density)).collect();
            for reach in [1, 2] {
                let want = flood(&e, w, h, reach);
                let got: Vec<_> = components(&e, w, h, reach, 0, usize::MAX).into_iter().map(hull).collect();
                assert_eq!(got, want, "case {case} reach {reach}");
            }
        }
    }
}
