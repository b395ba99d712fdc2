//! OCR-B character classifier for the 37 MRZ characters (`A-Z`, `0-9`, `<`).
//!
//! Templates are rendered once, at first use, from the public-domain OCR-B
//! font in the repository and kept in a [`OnceLock`]. A glyph image is
//! normalised the same way as a template: a box of fixed aspect whose height
//! is the glyph's ink height, centred on the ink's bounding box, resampled
//! to [`CELL_W`] x [`CELL_H`]. Matching is zero-mean normalised
//! cross-correlation, which tolerates contrast, blur and bitonal scans.

use ab_glyph::{Font, FontRef, PxScale, point};
use std::sync::OnceLock;

mod pair;

/// The MRZ alphabet, in template order.
pub const ALPHABET: &[u8; 37] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";
/// Width of a normalised glyph image.
pub const CELL_W: usize = 20;
/// Height of a normalised glyph image.
pub const CELL_H: usize = 24;
/// Width of the normalisation box relative to the character height.
pub const BOX_ASPECT: f32 = 0.8;

/// The OCR-B font shipped in the repository (public domain).
pub static FONT: &[u8] = include_bytes!("font/OCRB.otf");

/// A normalised glyph image: `CELL_W * CELL_H` grey values, 0 = paper, 1 = ink.
pub type Cell = [f32; CELL_W * CELL_H];

/// One classification candidate: the character and its correlation (-1..1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    /// The character.
    pub ch: u8,
    /// Normalised cross-correlation with the template; higher is better.
    pub score: f32,
}

/// Templates prepared for matching: zero mean, unit norm.
struct Templates {
    cells: Vec<Cell>,
    /// Ink width / height per character (alphabet order).
    aspect: Vec<f32>,
    /// Crisp ink coverage (0..1) per character, for [`pair::settle_close`].
    crisp: Vec<Cell>,
}

/// Weight of the ink-box aspect difference against correlation: OCR-B pairs
/// such as E/F, L/C, O/0 differ more in width than in overlap.
const ASPECT_WEIGHT: f32 = 0.8;

static TEMPLATES: OnceLock<Templates> = OnceLock::new();

/// Template variants: (cap height rendered at, binarised). Crisp large
/// glyphs, and small ones upsampled as 150-200 dpi scans look (blurred, or
/// thresholded for bitonal scans).
const VARIANTS: [(f32, bool); 4] = [(96.0, false), (16.0, false), (12.0, false), (12.0, true)];

fn templates() -> &'static Templates {
    TEMPLATES.get_or_init(|| {
        let cells = VARIANTS
            .iter()
            .flat_map(|&(cap, bin)| {
                ALPHABET.iter().map(move |&c| {
                    let mut cell = render_cell(c as char, cap, bin).unwrap_or([0.0; CELL_W * CELL_H]);
                    standardise(&mut cell);
                    cell
                })
            })
            .collect();
        let aspect = ALPHABET
            .iter()
            .map(|&c| {
                render_glyph(c as char, 96.0)
                    .and_then(|g| ink_bounds(&g.buf, g.w, g.h, 0.5))
                    .map_or(0.7, |(x0, y0, x1, y1)| (x1 - x0 + 1) as f32 / (y1 - y0 + 1) as f32)
            })
            .collect();
        let crisp =
            ALPHABET.iter().map(|&c| render_cell(c as char, 96.0, false).unwrap_or([0.0; CELL_W * CELL_H])).collect();
        Templates { cells, aspect, crisp }
    })
}

/// A rendered glyph: ink coverage 0..1, row-major.
pub struct Glyph {
    /// Coverage.
    pub buf: Vec<f32>,
    /// Width.
    pub w: usize,
    /// Height.
    pub h: usize,
    /// Offset of the bitmap's left edge from the pen position.
    pub left: f32,
    /// Offset of the bitmap's top edge from the baseline (negative: above).
    pub top: f32,
    /// Advance width in pixels.
    pub advance: f32,
}

/// A glyph of the OCR-B font as an ink-coverage bitmap whose cap height is
/// `cap` pixels; `None` if the font lacks it. Also used by tests to draw MRZs.
pub fn render_glyph(ch: char, cap: f32) -> Option<Glyph> {
    let font = FontRef::try_from_slice(FONT).ok()?;
    let cap_units = cap_height_units(&font)?;
    let scale = PxScale::from(cap * font.height_unscaled() / cap_units);
    let glyph = font.glyph_id(ch).with_scale_and_position(scale, point(0.0, 0.0));
    let outlined = font.outline_glyph(glyph)?;
    let b = outlined.px_bounds();
    let (w, h) = (b.width() as usize, b.height() as usize);
    let mut buf = vec![0.0f32; w * h];
    outlined.draw(|x, y, c| {
        if let Some(p) = buf.get_mut(y as usize * w + x as usize) {
            *p = c.min(1.0);
        }
    });
    let advance = font.h_advance_unscaled(font.glyph_id(ch)) * scale.x / font.height_unscaled();
    Some(Glyph { buf, w, h, left: b.min.x, top: b.min.y, advance })
}

/// Cap height of the font in font units (height of `H`).
fn cap_height_units(font: &FontRef) -> Option<f32> {
    let h = font.outline(font.glyph_id('H'))?.bounds.height().abs();
    (h > 0.0).then_some(h)
}

/// Renders the normalised template for `ch` from a glyph drawn at cap
/// height `cap` (optionally thresholded), sampled bilinearly like a scan.
fn render_cell(ch: char, cap: f32, binarise: bool) -> Option<Cell> {
    let Glyph { mut buf, w, h, .. } = render_glyph(ch, cap)?;
    if binarise {
        buf.iter_mut().for_each(|v| *v = if *v > 0.45 { 1.0 } else { 0.0 });
    }
    let (x0, y0, x1, y1) = ink_bounds(&buf, w, h, 0.5)?;
    let cx = (x0 + x1) as f32 / 2.0 + 0.5;
    let cy = (y0 + y1) as f32 / 2.0 + 0.5;
    let bilinear = |x: f32, y: f32| {
        let (x, y) = (x - 0.5, y - 0.5);
        let (xi, yi) = (x.floor(), y.floor());
        let (fx, fy) = (x - xi, y - yi);
        let g = |a: f32, b: f32| sample_clamped(&buf, w, h, a, b);
        g(xi, yi) * (1.0 - fx) * (1.0 - fy)
            + g(xi + 1.0, yi) * fx * (1.0 - fy)
            + g(xi, yi + 1.0) * (1.0 - fx) * fy
            + g(xi + 1.0, yi + 1.0) * fx * fy
    };
    Some(normalise(bilinear, cx, cy, (y1 - y0 + 1) as f32))
}

/// Bounding box `(x0, y0, x1, y1)` (inclusive) of values above `thr`.
fn ink_bounds(buf: &[f32], w: usize, h: usize, thr: f32) -> Option<(usize, usize, usize, usize)> {
    let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
    for y in 0..h {
        for x in 0..w {
            if buf[y * w + x] > thr {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
            }
        }
    }
    (x0 != usize::MAX).then_some((x0, y0, x1, y1))
}

fn sample_clamped(buf: &[f32], w: usize, h: usize, x: f32, y: f32) -> f32 {
    if x < 0.0 || y < 0.0 || x >= w as f32 || y >= h as f32 {
        return 0.0;
    }
    buf[y as usize * w + x as usize]
}

/// Resamples a glyph into a normalised cell: `ink(x, y)` gives ink (0..1) at a
/// point, `(cx, cy)` is the centre of the glyph's ink box and `cap` its height,
/// all in the same pixel units (each glyph is scaled to its own height, so no
/// line-wide size estimate is needed). Each cell pixel averages a
/// 3x3 grid of samples, so large sources are area-averaged.
pub fn normalise(ink: impl Fn(f32, f32) -> f32, cx: f32, cy: f32, cap: f32) -> Cell {
    let mut cell = [0.0f32; CELL_W * CELL_H];
    let step = cap / CELL_H as f32;
    let bw = cap * BOX_ASPECT;
    let ox = cx - bw / 2.0;
    let oy = cy - cap / 2.0;
    let sx = bw / CELL_W as f32;
    for (j, row) in cell.chunks_mut(CELL_W).enumerate() {
        for (i, v) in row.iter_mut().enumerate() {
            let mut acc = 0.0;
            for dy in [0.1667f32, 0.5, 0.8333] {
                for dx in [0.1667f32, 0.5, 0.8333] {
                    acc += ink(ox + (i as f32 + dx) * sx, oy + (j as f32 + dy) * step);
                }
            }
            *v = acc / 9.0;
        }
    }
    cell
}

/// Makes a cell zero-mean and unit-norm (in place); a flat cell stays zero.
pub fn standardise(cell: &mut Cell) {
    let n = cell.len() as f32;
    let mean = cell.iter().sum::<f32>() / n;
    let mut ss = 0.0;
    for v in cell.iter_mut() {
        *v -= mean;
        ss += *v * *v;
    }
    let norm = ss.sqrt();
    if norm > 1e-6 {
        for v in cell.iter_mut() {
            *v /= norm;
        }
    }
}

/// Dot product in eight interleaved sums: a single running sum of floats
/// cannot be vectorised (its order is fixed), and this loop runs
/// 148 templates x 480 pixels for every character cell read.
fn dot(a: &Cell, b: &Cell) -> f32 {
    let mut acc = [0.0f32; 8];
    for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]))
}

/// Scores of all 37 characters for a normalised cell, best first.
pub fn classify(cell: &Cell) -> Vec<Candidate> {
    classify_with_aspect(cell, None)
}

/// Like [`classify`], also weighing the glyph's ink width / height against
/// each character's.
pub fn classify_with_aspect(cell: &Cell, aspect: Option<f32>) -> Vec<Candidate> {
    rank(&scores_with_aspect(cell, aspect), cell)
}

/// Scores of the 37 characters in alphabet order, unsorted: correlation
/// less the ink-aspect penalty, as [`classify_with_aspect`] ranks them.
pub fn scores_with_aspect(cell: &Cell, aspect: Option<f32>) -> Scores {
    let mut c = *cell;
    standardise(&mut c);
    let mut out = [-1.0f32; 37];
    for (k, t) in templates().cells.iter().enumerate() {
        let o = &mut out[k % ALPHABET.len()];
        *o = o.max(dot(t, &c));
    }
    if let Some(a) = aspect {
        for (o, ta) in out.iter_mut().zip(&templates().aspect) {
            *o -= ASPECT_WEIGHT * (a - ta).abs();
        }
    }
    out
}

/// Per-character scores in alphabet order.
pub type Scores = [f32; 37];

/// Ranks `scores` (best first), then gives close stroke pairs the second
/// look of `pair::settle_close` on `cell`.
pub fn rank(scores: &Scores, cell: &Cell) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = ALPHABET.iter().zip(scores).map(|(&ch, &score)| Candidate { ch, score }).collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.ch.cmp(&b.ch)));
    pair::settle_close(cell, &mut out, &templates().crisp);
    out
}

#[cfg(test)]
/// Cell of a glyph rendered at another size, optionally binarised, as a scan
/// would give it.
pub(crate) fn tests_scanned(ch: char, cap: f32, binarise: bool) -> Cell {
    render_cell(ch, cap, binarise).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_is_its_own_best_match_at_scan_sizes() {
        // Sizes between the template variants, as scans give them.
        for cap in [13.0, 18.0, 26.0, 40.0] {
            for bin in [false, true] {
                let wrong: Vec<char> = ALPHABET
                    .iter()
                    .filter(|&&c| classify(&tests_scanned(c as char, cap, bin))[0].ch != c)
                    .map(|&c| c as char)
                    .collect();
                // At 150-200 dpi sizes a few confusions are tolerated: the
                // layout's digit/letter positions and the ink aspect resolve them.
                let allowed = if cap < 20.0 { 2 } else { 0 };
                assert!(wrong.len() <= allowed, "cap {cap} bin {bin}: wrong {wrong:?}");
            }
        }
    }

    #[test]
    fn ranking_is_complete_and_sorted() {
        let r = classify(&tests_scanned('7', 20.0, false));
        assert_eq!(r.len(), 37);
        assert!(r.windows(2).all(|w| w[0].score >= w[1].score));
    }
}
