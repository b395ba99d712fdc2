//! The glyph resampling of [`ocrb::normalise`] specialised to a sampled
//! character window: the same sample points and the same float operations
//! in the same order (so bit-identical cells), but the window's bilinear
//! interpolation is split into its two passes. The sample grid is axis
//! aligned, so the horizontal pass is done once per window row touched
//! (about 25 rows) instead of twice for each of the 4,320 samples, and the
//! floor and fraction of every sample column and row once per cell.

use super::sample::{WH, WW, floor_i};
use crate::mrz::ocrb::{BOX_ASPECT, CELL_H, CELL_W, Cell};

/// Sub-pixel sample offsets of [`ocrb::normalise`] (3x3 per cell pixel).
const D: [f32; 3] = [0.1667, 0.5, 0.8333];
/// Sample columns / rows per cell.
const SX: usize = CELL_W * 3;
const SY: usize = CELL_H * 3;

/// Integer part and fraction of the sample coordinates `o + (i + d) * s`,
/// shifted by half a pixel as the bilinear lookup does.
fn axis<const N: usize>(o: f32, s: f32) -> [(i64, f32); N] {
    let mut out = [(0i64, 0.0f32); N];
    for (k, p) in out.iter_mut().enumerate() {
        let x = o + ((k / 3) as f32 + D[k % 3]) * s - 0.5;
        let xi = floor_i(x);
        *p = (xi, x - xi as f32);
    }
    out
}

/// `ocrb::normalise(|x, y| win_bilinear(px, x, y), cx, cy, cap)` for a
/// `WW x WH` window `px` (zero outside), computed faster.
pub(super) fn normalise_window(px: &[f32], cx: f32, cy: f32, cap: f32) -> Cell {
    let step = cap / CELL_H as f32;
    let bw = cap * BOX_ASPECT;
    let ox = cx - bw / 2.0;
    let oy = cy - cap / 2.0;
    let sx = bw / CELL_W as f32;
    let xs: [(i64, f32); SX] = axis(ox, sx);
    let ys: [(i64, f32); SY] = axis(oy, step);
    // Horizontal pass for every window row (rows outside stay 0, as the
    // window's outside is 0); only the rows the samples touch are filled.
    let mut hrows = [[0.0f32; SX]; WH];
    let mut filled = [false; WH];
    let g = |row: &[f32], a: i64| -> f32 { if a < 0 || a >= WW as i64 { 0.0 } else { row[a as usize] } };
    for &(yi, _) in &ys {
        for r in [yi, yi + 1] {
            if r < 0 || r >= WH as i64 || filled[r as usize] {
                continue;
            }
            let r = r as usize;
            filled[r] = true;
            let row = &px[r * WW..(r + 1) * WW];
            for (h, &(xi, fx)) in hrows[r].iter_mut().zip(&xs) {
                *h = g(row, xi) * (1.0 - fx) + g(row, xi + 1) * fx;
            }
        }
    }
    const ZERO: [f32; SX] = [0.0; SX];
    let hrow = |r: i64| if r < 0 || r >= WH as i64 { &ZERO } else { &hrows[r as usize] };
    let mut cell = [0.0f32; CELL_W * CELL_H];
    for (j, out) in cell.chunks_mut(CELL_W).enumerate() {
        let rows = [0, 1, 2].map(|k| {
            let (yi, fy) = ys[j * 3 + k];
            (hrow(yi), hrow(yi + 1), fy)
        });
        for (i, v) in out.iter_mut().enumerate() {
            let mut acc = 0.0;
            for &(top, bot, fy) in &rows {
                for s in i * 3..i * 3 + 3 {
                    acc += top[s] * (1.0 - fy) + bot[s] * fy;
                }
            }
            *v = acc / 9.0;
        }
    }
    cell
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mrz::ocrb::normalise;
    use ausweisscan_synth::rng::Rng;

    /// The per-sample bilinear lookup the reader used before (the reference).
    fn win_bilinear(px: &[f32], x: f32, y: f32) -> f32 {
        let (x, y) = (x - 0.5, y - 0.5);
        let (xi, yi) = (floor_i(x), floor_i(y));
        let (fx, fy) = (x - xi as f32, y - yi as f32);
        let g = |a: i64, b: i64| -> f32 {
            if a < 0 || b < 0 || a >= WW as i64 || b >= WH as i64 { 0.0 } else { px[b as usize * WW + a as usize] }
        };
        let top = g(xi, yi) * (1.0 - fx) + g(xi + 1, yi) * fx;
        let bot = g(xi, yi + 1) * (1.0 - fx) + g(xi + 1, yi + 1) * fx;
        top * (1.0 - fy) + bot * fy
    }

    #[test]
    fn matches_the_generic_normalise_bit_for_bit() {
        let mut r = Rng::new(5);
        let mut range = |a: f64, b: f64| r.uniform(a, b) as f32;
        let px: Vec<f32> = (0..WW * WH).map(|_| range(0.0, 200.0)).collect();
        // Glyph boxes inside, at and beyond the window's edges, small and large.
        for _ in 0..300 {
            let (cx, cy, cap) = (range(-4.0, WW as f64 + 4.0), range(-4.0, WH as f64 + 4.0), range(3.0, 60.0));
            let want = normalise(|x, y| win_bilinear(&px, x, y), cx, cy, cap);
            let got = normalise_window(&px, cx, cy, cap);
            let same = want.iter().zip(&got).all(|(a, b)| a.to_bits() == b.to_bits());
            assert!(same, "cx {cx} cy {cy} cap {cap}");
        }
    }
}
