//! Connected components of a binary search image, labelled from runs with
//! union-find: the blobs the MRZ line finder chains into text lines.

/// A connected component of ink.
#[derive(Clone, Copy, Debug)]
pub struct Comp {
    /// Bounding box, inclusive.
    pub x0: u16,
    /// Top.
    pub y0: u16,
    /// Right (inclusive).
    pub x1: u16,
    /// Bottom (inclusive).
    pub y1: u16,
    /// Pixel count.
    pub n: u32,
    /// Centroid x.
    pub cx: f32,
    /// Centroid y.
    pub cy: f32,
}

impl Comp {
    /// Larger side of the bounding box.
    pub fn size(&self) -> f32 {
        ((self.x1 - self.x0).max(self.y1 - self.y0) + 1) as f32
    }
}

/// 8-connected components of a binary image (labelled by
/// [`crate::imaging::label_runs`]). Components larger than `max_side` or
/// smaller than `min_n` pixels are dropped.
pub fn components(bin: &[u8], w: usize, h: usize, min_n: u32, max_side: u16) -> Vec<Comp> {
    let labels = crate::imaging::label_runs(bin, w, h, 1);
    let mut idx = vec![u32::MAX; labels.runs.len()];
    let mut comps: Vec<Comp> = Vec::new();
    let mut sums: Vec<(f64, f64)> = Vec::new();
    for (run, &r) in labels.runs.iter().zip(&labels.label) {
        let (y, s, e) = (run.y as u16, run.x0 as u16, run.x1 as u16);
        let r = r as usize;
        if idx[r] == u32::MAX {
            idx[r] = comps.len() as u32;
            comps.push(Comp { x0: s, y0: y, x1: e - 1, y1: y, n: 0, cx: 0.0, cy: 0.0 });
            sums.push((0.0, 0.0));
        }
        let c = &mut comps[idx[r] as usize];
        let len = (e - s) as u32;
        c.x0 = c.x0.min(s);
        c.x1 = c.x1.max(e - 1);
        c.y1 = c.y1.max(y);
        c.n += len;
        let sm = &mut sums[idx[r] as usize];
        sm.0 += (s as f64 + e as f64 - 1.0) / 2.0 * len as f64;
        sm.1 += y as f64 * len as f64;
    }
    comps
        .into_iter()
        .zip(sums)
        .filter(|(c, _)| c.n >= min_n && (c.x1 - c.x0) < max_side && (c.y1 - c.y0) < max_side)
        .map(|(mut c, (sx, sy))| {
            c.cx = (sx / c.n as f64) as f32 + 0.5;
            c.cy = (sy / c.n as f64) as f32 + 0.5;
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mrz::image::prep::tests::noise;

    #[test]
    fn components_are_found_with_their_boxes() {
        // Two blobs: an L shape and a diagonal pair (8-connected).
        let (w, h) = (8, 5);
        let mut b = vec![0u8; w * h];
        for &(x, y) in &[(1, 1), (1, 2), (1, 3), (2, 3), (5, 1), (6, 2)] {
            b[y * w + x] = 1;
        }
        let c = components(&b, w, h, 1, 100);
        assert_eq!(c.len(), 2);
        let l = c.iter().find(|c| c.x0 == 1).unwrap();
        assert_eq!((l.x1, l.y0, l.y1, l.n), (2, 1, 3, 4));
        let d = c.iter().find(|c| c.x0 == 5).unwrap();
        assert_eq!((d.x1, d.y0, d.y1, d.n), (6, 1, 2, 2));
        assert!((d.cx - 6.0).abs() < 1e-4 && (d.cy - 2.0).abs() < 1e-4);
    }

    /// Components by flood fill, sorted by box: the reference for the
    /// run-based labelling (which skips paper in 8-pixel steps).
    fn flood(bin: &[u8], w: usize, h: usize) -> Vec<(u16, u16, u16, u16, u32)> {
        let mut seen = vec![false; w * h];
        let mut out = Vec::new();
        for start in 0..w * h {
            if bin[start] == 0 || seen[start] {
                continue;
            }
            seen[start] = true;
            let (mut stack, mut b) = (vec![start], (u16::MAX, u16::MAX, 0u16, 0u16, 0u32));
            while let Some(i) = stack.pop() {
                let (x, y) = ((i % w) as i64, (i / w) as i64);
                b = (b.0.min(x as u16), b.1.min(y as u16), b.2.max(x as u16), b.3.max(y as u16), b.4 + 1);
                for (dx, dy) in [(-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1)] {
                    let (nx, ny) = (x + dx, y + dy);
                    if nx >= 0 && ny >= 0 && (nx as usize) < w && (ny as usize) < h {
                        let j = ny as usize * w + nx as usize;
                        if bin[j] != 0 && !seen[j] {
                            seen[j] = true;
                            stack.push(j);
                        }
                    }
                }
            }
            out.push(b);
        }
        out.sort_unstable();
        out
    }

    #[test]
    fn components_match_a_flood_fill_on_sparse_noise() {
        // Widths around multiples of 8, blobs crossing the 8-pixel steps.
        for (w, h, seed) in [(37usize, 23usize, 1u64), (64, 17, 2), (9, 40, 3), (71, 31, 4)] {
            let img = noise(w as u32, h as u32, seed);
            let bin: Vec<u8> = img.as_raw().iter().map(|&v| u8::from(v < 40)).collect();
            let mut got: Vec<_> =
                components(&bin, w, h, 1, u16::MAX).iter().map(|c| (c.x0, c.y0, c.x1, c.y1, c.n)).collect();
            got.sort_unstable();
            assert_eq!(got, flood(&bin, w, h), "{w}x{h}");
        }
    }
}
