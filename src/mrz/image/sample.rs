//! Reads the character cells of a candidate MRZ from the full-resolution
//! raster: one upright window per position (bilinear), the glyph's ink box in
//! it, and the classifier's ranked candidates.

use super::lines::{Chain, Group};
use super::prep::components;
use super::resample::normalise_window;
use crate::mrz::ocrb::{self, Candidate};
use filter::{otsu, paper_level, smooth3};
use image::GrayImage;
use std::collections::HashMap;

mod filter;

/// Window resolution: pixels per character pitch.
const K: f32 = 24.0;
/// Window width in pixels.
pub const WW: usize = 38;
/// Window height in pixels.
pub const WH: usize = 48;

/// One read character position.
#[derive(Clone, Debug)]
pub struct ReadCell {
    /// Ranked candidates, best first (empty if the window held no ink).
    pub ranked: Vec<Candidate>,
}

/// A read line structure.
#[derive(Clone, Debug)]
pub struct ReadGroup {
    /// Cells per line.
    pub lines: Vec<Vec<ReadCell>>,
    /// Corners of the read area in full-resolution pixels.
    pub corners: [(f32, f32); 4],
}

/// `x.floor()` as an integer, without the libm call `floor` becomes on the
/// baseline x86-64 target (it showed in profiles of the sampling loops).
#[inline]
pub(super) fn floor_i(x: f32) -> i64 {
    let t = x as i64;
    if (t as f32) > x { t - 1 } else { t }
}

/// Bilinear grey value at a full-resolution point (white outside).
fn bilinear(img: &GrayImage, x: f32, y: f32) -> f32 {
    let (w, h) = (img.width() as i64, img.height() as i64);
    let (x, y) = (x - 0.5, y - 0.5);
    let (xi, yi) = (floor_i(x), floor_i(y));
    let (fx, fy) = (x - xi as f32, y - yi as f32);
    let raw = img.as_raw();
    let g = |a: i64, b: i64| -> f32 {
        if a < 0 || b < 0 || a >= w || b >= h { 255.0 } else { raw[(b * w + a) as usize] as f32 }
    };
    let top = g(xi, yi) * (1.0 - fx) + g(xi + 1, yi) * fx;
    let bot = g(xi, yi + 1) * (1.0 - fx) + g(xi + 1, yi + 1) * fx;
    top * (1.0 - fy) + bot * fy
}

/// A glyph's ink box: centre x, centre y, height, width / height.
pub type GlyphBox = (f32, f32, f32, f32);

struct Window {
    px: Vec<f32>,
    /// The glyph's ink box, if ink was found.
    ink: Option<GlyphBox>,
}

/// Lines already looked at or read on this page, by their exact geometry.
/// The variants of one candidate (trims, both line counts) share lines, and
/// a line's cells depend only on its own windows (the ink threshold is per
/// line), so a shared line is sampled and classified once.
#[derive(Default)]
pub struct LineCache {
    looks: HashMap<LineKey, bool>,
    lines: HashMap<LineKey, CachedLine>,
}

/// A line's fitted centre polynomial and span, bit for bit.
type LineKey = ([[u32; 3]; 2], i32);

fn line_key(l: &Chain) -> LineKey {
    (l.fit.map(|axis| axis.map(f32::to_bits)), l.span)
}

/// The cells of a line classified so far (all of them when `complete`).
struct CachedLine {
    cells: Vec<ReadCell>,
    complete: bool,
}

/// A cheap look before a full read: the first cells of the top line must be
/// OCR-B-like and the first a document-code letter (`A C I M P V`).
pub fn looks_like_mrz(img: &GrayImage, g: &Group, f: f32, cache: &mut LineCache) -> bool {
    let Some(top) = g.lines.first() else { return false };
    let key = line_key(top);
    if let Some(&known) = cache.looks.get(&key) {
        return known;
    }
    let looks = looks_like_line(img, top, f);
    cache.looks.insert(key, looks);
    looks
}

fn looks_like_line(img: &GrayImage, top: &Chain, f: f32) -> bool {
    let mut first = top.clone();
    first.span = first.span.min(6);
    let wins = sample_line(img, &first, f);
    if wins.is_empty() {
        return false;
    }
    let code = classify_window(&wins.window(0), false);
    // Most candidates fail on the code letter: the other cells are then not classified.
    if !code.first().is_some_and(|c| b"ACIMPV".contains(&c.ch) && c.score > 0.5) {
        return false;
    }
    let best = |r: &[Candidate]| r.first().map_or(0.0, |c| c.score);
    let sum = (1..wins.len()).fold(best(&code), |a, i| a + best(&classify_window(&wins.window(i), false)));
    sum / wins.len() as f32 > 0.55
}

/// Classifies a window's glyph. The glyph box comes from thresholded ink,
/// so a toner blob touching the glyph, or a tint dot next to it, stretches
/// the box: the strokes then sit where another character has its strokes
/// (an `E` with a blob under its foot normalises to an `F`). A glyph
/// matched poorly (best score below [`REALIGN_BELOW`]) is therefore also
/// matched in boxes with one edge moved in ([`TRIMS`]), and each
/// character keeps its best score over the boxes. Confident glyphs (nearly
/// all on a clean scan) are matched once, and so is every glyph of the
/// cheap first look (`realign` false): typewriter text would otherwise pay
/// for second looks before it is turned away.
fn classify_window(w: &Window, realign: bool) -> Vec<Candidate> {
    let Some((cx, cy, cap, aspect)) = w.ink else { return Vec::new() };
    let cell = normalise_window(&w.px, cx, cy, cap);
    let mut scores = ocrb::scores_with_aspect(&cell, Some(aspect));
    let top = |s: &ocrb::Scores| s.iter().copied().fold(f32::MIN, f32::max);
    if !realign || top(&scores) >= REALIGN_BELOW {
        return ocrb::rank(&scores, &cell);
    }
    let mut best = (cell, top(&scores));
    let width = cap * aspect;
    for &(t, b, l, r) in &TRIMS {
        let (y0, y1) = (cy - cap / 2.0 + t, cy + cap / 2.0 - b);
        let (x0, x1) = (cx - width / 2.0 + l, cx + width / 2.0 - r);
        let (h, wd) = (y1 - y0, x1 - x0);
        if h < cap * 0.6 || wd <= 0.0 {
            continue;
        }
        let c = normalise_window(&w.px, (x0 + x1) / 2.0, (y0 + y1) / 2.0, h);
        let s = ocrb::scores_with_aspect(&c, Some(wd / h));
        for (a, b) in scores.iter_mut().zip(&s) {
            *a = a.max(*b);
        }
        if top(&s) > best.1 {
            best = (c, top(&s));
        }
    }
    ocrb::rank(&scores, &best.0)
}

/// Best score under which a glyph is matched again in trimmed boxes.
/// Chosen on the eval set: 0.9 read the same pages as 0.8, at more cost.
const REALIGN_BELOW: f32 = 0.8;

/// Box edges moved inwards (top, bottom, left, right; window pixels, 24 to
/// the character pitch) for a second look at an uncertain glyph.
const TRIMS: [(f32, f32, f32, f32); 6] = [
    (1.5, 0.0, 0.0, 0.0),
    (3.0, 0.0, 0.0, 0.0),
    (0.0, 1.5, 0.0, 0.0),
    (0.0, 3.0, 0.0, 0.0),
    (0.0, 0.0, 1.5, 0.0),
    (0.0, 0.0, 0.0, 1.5),
];

/// Reads all cells of `g`; `f` maps search-image coordinates to full ones.
pub fn read(img: &GrayImage, g: &Group, f: f32) -> ReadGroup {
    let lines = g
        .lines
        .iter()
        .map(|l| {
            let s = sample_line(img, l, f);
            (0..s.len()).map(|i| ReadCell { ranked: classify_window(&s.window(i), true) }).collect()
        })
        .collect();
    ReadGroup { lines, corners: corners(g, f) }
}

/// Like [`read`], but asks `keep(line, pos, cell)` after each classified
/// cell and gives up (`None`) at the first `false`, so that a candidate that
/// cannot be reported is not read to the end. The second line goes first:
/// it holds the dates and check digits, whose classes reject most look-alike
/// print soonest. A line's cells are the same as in a full read; lines read
/// before (in `cache`) are not sampled again.
pub fn read_while(
    img: &GrayImage,
    g: &Group,
    f: f32,
    cache: &mut LineCache,
    mut keep: impl FnMut(usize, usize, &ReadCell) -> bool,
) -> Option<ReadGroup> {
    let n = g.lines.len();
    let mut lines: Vec<Vec<ReadCell>> = vec![Vec::new(); n];
    let order = if n >= 2 { [1, 0].into_iter().chain(2..n).collect::<Vec<_>>() } else { (0..n).collect() };
    for l in order {
        let key = line_key(&g.lines[l]);
        let mut cells = Vec::new();
        if let Some(c) = cache.lines.get(&key) {
            for (i, cell) in c.cells.iter().enumerate() {
                if !keep(l, i, cell) {
                    return None;
                }
            }
            cells = c.cells.clone();
            if c.complete {
                lines[l] = cells;
                continue;
            }
        }
        let wins = sample_line(img, &g.lines[l], f);
        let mut complete = true;
        for i in cells.len()..wins.len() {
            let cell = ReadCell { ranked: classify_window(&wins.window(i), true) };
            let kept = keep(l, i, &cell);
            cells.push(cell);
            if !kept {
                complete = false;
                break;
            }
        }
        cache.lines.insert(key, CachedLine { cells: cells.clone(), complete });
        if !complete {
            return None;
        }
        lines[l] = cells;
    }
    Some(ReadGroup { lines, corners: corners(g, f) })
}

/// For debugging tools: line `l`'s window `i` as classified (paper 0,
/// `WW x WH`), its glyph box (centre x, centre y, height, width/height)
/// and the line's ink threshold.
#[doc(hidden)]
pub fn debug_window(
    img: &GrayImage,
    g: &Group,
    f: f32,
    l: usize,
    i: usize,
) -> Option<(Vec<f32>, Option<GlyphBox>, f32)> {
    let s = sample_line(img, g.lines.get(l)?, f);
    (i < s.len()).then(|| {
        let w = s.window(i);
        (w.px, w.ink, s.thr)
    })
}

/// Bilinear grey value at a point at least one pixel inside the image (no
/// bounds logic; the same arithmetic as [`bilinear`]).
#[inline]
fn bilinear_inside(raw: &[u8], w: usize, x: f32, y: f32) -> f32 {
    let (x, y) = (x - 0.5, y - 0.5);
    let (xi, yi) = (floor_i(x), floor_i(y));
    let (fx, fy) = (x - xi as f32, y - yi as f32);
    let i = (yi as usize).wrapping_mul(w).wrapping_add(xi as usize);
    // Two slice lookups instead of four checked reads.
    let (Some(&[p00, p10]), Some(&[p01, p11])) =
        (raw.get(i..i.wrapping_add(2)), raw.get(i.wrapping_add(w)..i.wrapping_add(w + 2)))
    else {
        return 255.0;
    };
    let top = p00 as f32 * (1.0 - fx) + p10 as f32 * fx;
    let bot = p01 as f32 * (1.0 - fx) + p11 as f32 * fx;
    top * (1.0 - fy) + bot * fy
}

/// The raw windows of one line and their common ink threshold; each
/// window's glyph box is found only when the cell is classified
/// ([`Sampled::window`]), so a read that stops early skips that work.
struct Sampled {
    raw: Vec<Vec<f32>>,
    smooth: Vec<Vec<f32>>,
    thr: f32,
    /// The line's pixels are all black or white (dithered or thresholded).
    bitonal: bool,
}

impl Sampled {
    fn len(&self) -> usize {
        self.raw.len()
    }

    fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// Window `i` with its glyph box, paper level subtracted. A bitonal
    /// line is classified from its smoothed window: a dithered stroke or
    /// tint is a pattern of dots whose density is its grey, and the dots
    /// themselves are noise to the templates.
    fn window(&self, i: usize) -> Window {
        let (px, sm) = (&self.raw[i], &self.smooth[i]);
        let bin: Vec<u8> = sm.iter().map(|&v| (v > self.thr) as u8).collect();
        let ink = glyph_box(&bin);
        let px = if self.bitonal { sm } else { px };
        // Paper becomes 0 so that the window's outside (0) matches it.
        let floor = paper_level(px, self.thr);
        let px = px.iter().map(|&v| (v - floor).max(0.0)).collect();
        Window { px, ink }
    }
}

/// Samples the windows of one line.
fn sample_line(img: &GrayImage, l: &Chain, f: f32) -> Sampled {
    let (iw, ih) = (img.width() as f32, img.height() as f32);
    let raw_img = img.as_raw();
    let iw_u = img.width() as usize;
    let mut wins: Vec<Vec<f32>> = Vec::with_capacity(l.span.max(0) as usize);
    let (hw, hh) = (WW as f32 / 2.0, WH as f32 / 2.0);
    for i in 0..l.span {
        let (cx, cy) = l.at(i as f32);
        let (sx, sy) = l.step(i as f32);
        let (cx, cy, ux, uy) = (cx * f, cy * f, sx * f / K, sy * f / K);
        let (nx, ny) = (-uy, ux);
        // Windows well inside the page (nearly all) skip the bounds logic.
        let reach = (hw * ux.abs() + hh * nx.abs(), hw * uy.abs() + hh * ny.abs());
        let inside = cx - reach.0 >= 2.0 && cx + reach.0 <= iw - 3.0 && cy - reach.1 >= 2.0 && cy + reach.1 <= ih - 3.0;
        // The sample point is `(cx + dx*ux) + dy*nx` (likewise y): the two
        // terms are computed once per column and row, not per pixel.
        let cols: [(f32, f32); WW] = std::array::from_fn(|x| {
            let dx = x as f32 + 0.5 - hw;
            (cx + dx * ux, cy + dx * uy)
        });
        let mut px = Vec::with_capacity(WW * WH);
        for y in 0..WH {
            let dy = y as f32 + 0.5 - hh;
            let (ox, oy) = (dy * nx, dy * ny);
            // Ink is dark: store 255 - grey.
            if inside {
                px.extend(cols.iter().map(|&(ax, ay)| 255.0 - bilinear_inside(raw_img, iw_u, ax + ox, ay + oy)));
            } else {
                px.extend(cols.iter().map(|&(ax, ay)| 255.0 - bilinear(img, ax + ox, ay + oy)));
            }
        }
        wins.push(px);
    }
    let bitonal = is_bitonal_line(img, l, f);
    let smooth: Vec<Vec<f32>> = wins.iter().map(|w| smooth3(w)).collect();
    let thr = otsu(smooth.iter().flatten().copied());
    Sampled { raw: wins, smooth, thr, bitonal }
}

/// Whether the page pixels around the line's cells are all pure black or
/// white (a dithered or thresholded scan): a 4x4 patch at each cell centre
/// is looked at. A grey scan has intermediate values nearly everywhere
/// (noise, anti-aliased edges).
fn is_bitonal_line(img: &GrayImage, l: &Chain, f: f32) -> bool {
    let (w, h) = (img.width() as i64, img.height() as i64);
    let raw = img.as_raw();
    let mut patches = Vec::with_capacity(16 * l.span.max(0) as usize);
    for i in 0..l.span {
        let (cx, cy) = l.at(i as f32);
        let (x0, y0) = (floor_i(cx * f) - 2, floor_i(cy * f) - 2);
        for y in y0.max(0)..(y0 + 4).min(h) {
            patches.extend((x0.max(0)..(x0 + 4).min(w)).map(|x| raw[(y * w + x) as usize]));
        }
    }
    crate::imaging::is_bitonal(patches.into_iter(), 0)
}

/// A component smaller than this fraction of the largest central one
/// counts towards the glyph box only inside it (give or take [`NEAR`]).
const SPECK: f32 = 0.35;
/// Window pixels a small component may reach beyond the large ones' box.
const NEAR: u16 = 2;

/// Centre and height of the ink of the glyph at the window's centre: the
/// union of components whose centre lies within the central cell. Small
/// components (toner specks, tint dots, a neighbour's fragment) outside
/// the box of the large ones are left out: one speck above a letter would
/// shrink and shift the whole normalised glyph.
fn glyph_box(bin: &[u8]) -> Option<(f32, f32, f32, f32)> {
    let comps = components(bin, WW, WH, 3, 60);
    let (mx, my) = (WW as f32 / 2.0, WH as f32 / 2.0);
    let central: Vec<_> =
        comps.iter().filter(|c| (c.cx - mx).abs() < 0.45 * K && (c.cy - my).abs() < 0.55 * K).collect();
    let large = central.iter().map(|c| c.n).max().unwrap_or(0) as f32 * SPECK;
    let (mut x0, mut y0, mut x1, mut y1) = (u16::MAX, u16::MAX, 0u16, 0u16);
    let mut n = 0;
    for c in central.iter().filter(|c| c.n as f32 >= large) {
        x0 = x0.min(c.x0);
        y0 = y0.min(c.y0);
        x1 = x1.max(c.x1);
        y1 = y1.max(c.y1);
        n += c.n;
    }
    let (bx0, by0, bx1, by1) = (x0, y0, x1, y1);
    let inside = |c: &&&_| {
        let c: &super::prep::Comp = c;
        c.x0 + NEAR >= bx0 && c.x1 <= bx1 + NEAR && c.y0 + NEAR >= by0 && c.y1 <= by1 + NEAR
    };
    for c in central.iter().filter(|c| (c.n as f32) < large).filter(inside) {
        x0 = x0.min(c.x0);
        y0 = y0.min(c.y0);
        x1 = x1.max(c.x1);
        y1 = y1.max(c.y1);
        n += c.n;
    }
    if n < 8 {
        return None;
    }
    let (w, h) = ((x1 - x0 + 1) as f32, (y1 - y0 + 1) as f32);
    Some(((x0 + x1) as f32 / 2.0 + 0.5, (y0 + y1) as f32 / 2.0 + 0.5, h, w / h))
}

/// Corners (full-resolution) of the area covering all cells of `g`.
fn corners(g: &Group, f: f32) -> [(f32, f32); 4] {
    let pt = |l: &Chain, i: f32, side: f32| {
        let (cx, cy) = l.at(i);
        let (sx, sy) = l.step(i);
        let (nx, ny) = (-sy, sx);
        ((cx + nx * side) * f, (cy + ny * side) * f)
    };
    let (first, last) = (&g.lines[0], &g.lines[g.lines.len() - 1]);
    let a = pt(first, -0.6, -0.7);
    let b = pt(first, first.span as f32 - 0.4, -0.7);
    let c = pt(last, last.span as f32 - 0.4, 0.7);
    let d = pt(last, -0.6, 0.7);
    [a, b, c, d]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A binarised window with a glyph-sized block at its centre.
    fn block() -> Vec<u8> {
        let mut bin = vec![0u8; WW * WH];
        for y in 14..34 {
            for x in 13..26 {
                bin[y * WW + x] = 1;
            }
        }
        bin
    }

    /// A window holding `ch` (cap height 20, smoothed as a bitonal line's
    /// windows are) with toner `blob` pixels placed relative to the bottom
    /// left of the glyph's bitmap.
    fn window_with(ch: char, blob: &[(i32, i32)]) -> Window {
        let g = ocrb::render_glyph(ch, 20.0).unwrap();
        let mut px = vec![0.0f32; WW * WH];
        let (ox, oy) = ((WW - g.w) / 2, (WH - g.h) / 2);
        for y in 0..g.h {
            for x in 0..g.w {
                px[(oy + y) * WW + ox + x] = 200.0 * g.buf[y * g.w + x];
            }
        }
        for &(x, y) in blob {
            let (x, y) = ((ox as i32 + x) as usize, (oy as i32 + g.h as i32 - 1 + y) as usize);
            px[y * WW + x] = 200.0;
        }
        let px = smooth3(&px);
        let bin: Vec<u8> = px.iter().map(|&v| (v > 60.0) as u8).collect();
        Window { ink: glyph_box(&bin), px }
    }

    #[test]
    fn a_blob_under_the_foot_does_not_turn_letters_into_others() {
        // Toner joined to the bottom-left of the glyph, as on photocopies.
        // `0` is left out: at this size it differs from `O` too little
        // whatever the box (the layout decides between them).
        let blob = [(0, 1), (1, 1), (0, 2), (1, 2), (0, 3), (1, 3)];
        let mut own_wrong = Vec::new();
        for &c in ocrb::ALPHABET.iter().filter(|&&c| c != b'0') {
            let w = window_with(c as char, &blob);
            let (cx, cy, cap, a) = w.ink.unwrap();
            let own = ocrb::classify_with_aspect(&normalise_window(&w.px, cx, cy, cap), Some(a));
            if own[0].ch != c {
                own_wrong.push(c as char);
            }
            assert_eq!(classify_window(&w, true)[0].ch as char, c as char, "with the blob");
            assert_eq!(classify_window(&window_with(c as char, &[]), true)[0].ch as char, c as char, "clean");
        }
        // The stretched box alone misreads several (E as F among them).
        assert!(own_wrong.contains(&'E') && own_wrong.len() >= 3, "{own_wrong:?}");
    }

    #[test]
    fn a_speck_outside_the_glyph_does_not_move_its_box() {
        let clean = glyph_box(&block()).unwrap();
        let mut specked = block();
        for (x, y) in [(18, 8), (19, 8), (18, 9), (19, 9)] {
            specked[y * WW + x] = 1;
        }
        assert_eq!(glyph_box(&specked), Some(clean));
        // A small fragment beside the glyph (within two pixels) still counts.
        let mut fragment = block();
        for y in 14..34 {
            fragment[y * WW + 24] = 0;
        }
        assert_eq!(glyph_box(&fragment), Some(clean));
    }
}
