//! Whether a card carries an MRZ band: rows of characters along its bottom
//! at the pitch ICAO Doc 9303 fixes for every design (2.54 mm; 30, 36 or 44
//! characters a row, fillers included, so every row runs the full length).
//!
//! The MRZ reader needs characters it can take apart; on a copy reduced
//! onto a letter at 40-70 % or a 150-dpi bitonal copy they run together,
//! and a card the classifier reads as a back would be dropped for want of
//! MRZ-like rows. The band is measured at the card's own scale: the card is
//! resampled at a sixth of the pitch, and each row of print along the
//! bottom is tested for a strong period of one pitch over the full length.
//! Proportional print (names, addresses, a driving licence's table) has no
//! such period; a bank card's number is one short row.

use super::outline::{Format, Outline};
use image::GrayImage;

/// Samples per character pitch.
const PER_PITCH: f64 = 6.0;
/// The ICAO character pitch in mm.
const PITCH_MM: f64 = 2.54;
/// Part of the card height, from the bottom, searched for the band: TD1's
/// three rows take the bottom quarter of an ID-1 card, TD2/TD3's two rows
/// a fifth of their page.
const BAND: f64 = 0.42;
/// Height of the window summed into one profile, in pitches (about a
/// character's height).
const ROW_PITCHES: f64 = 0.9;
/// Period strength from which a TD1 row (30 characters) is MRZ-like: the
/// first Fourier coefficient at one pitch over the row's mean absolute
/// deviation (a regular row of glyphs reaches 0.5-0.7, print in words far
/// less). Longer rows are held to `PERIODIC * sqrt(30 / n)`: the strength
/// of chance alignments falls with the square root of the length. Chosen
/// on the training families' card candidates with an edge
/// (`examples/band_debug.rs`, with [`is_band`] and the height test of
/// [`band_strengths`]): a band on 22 of 23 ID backs and 21 of 22 passport
/// pages, on none of 182 look-alike cards and on 1 of 98 candidates on
/// negative pages (a photograph).
const PERIODIC: f64 = 0.5;
/// Smallest distance between two MRZ rows, in pitches (their baselines
/// are 3.5-4.3 mm apart, 1.4-1.7 pitches).
const ROW_GAP_PITCHES: f64 = 1.3;
/// Share of the MRZ row length the row's print must span.
const SPAN: f64 = 0.75;
/// Relative pitch errors tried (the outline's size is known to a few %).
const PITCH_ERRORS: [f64; 7] = [-0.06, -0.04, -0.02, 0.0, 0.02, 0.04, 0.06];

/// Characters per MRZ row on a card of this format.
fn row_chars(f: Format) -> f64 {
    match f {
        Format::Id1 => 30.0,
        Format::Id2 => 36.0,
        Format::Id3 => 44.0,
    }
}

/// Rows of the MRZ on a card of this format (TD1 three, TD2/TD3 two).
fn mrz_rows(f: Format) -> usize {
    if f == Format::Id1 { 3 } else { 2 }
}

/// Whether `rows` MRZ-like rows make a band on a card of format `f`: the
/// MRZ's rows, or one more where a row's peak splits; five or more periodic
/// rows are a pattern (a guilloche, a table, a photo's texture), not an MRZ.
pub fn is_band(f: Format, rows: usize) -> bool {
    (mrz_rows(f)..=mrz_rows(f) + 1).contains(&rows)
}

/// Number of MRZ-like rows along the bottom of the card under `o`, upright
/// (`flip` turns it by 180 degrees). `small` is the page shrunk by `k`;
/// the page `img` itself is sampled when the card is small there.
pub fn rows(img: &GrayImage, small: &GrayImage, k: u32, o: &Outline, flip: bool) -> usize {
    count_rows(&strengths(img, small, k, o, flip), PERIODIC * (30.0 / row_chars(o.format)).sqrt())
}

/// Period strength of each window of rows along the bottom of the card,
/// top to bottom, one entry per sample row.
pub fn strengths(img: &GrayImage, small: &GrayImage, k: u32, o: &Outline, flip: bool) -> Vec<f64> {
    let (wmm, hmm) = o.format.size_mm();
    let step = PITCH_MM / PER_PITCH;
    let nx = (wmm / step).round() as usize;
    let ny = (hmm * BAND / step).round() as usize;
    let (src, kf) = if 2.0 * o.half.0 / k as f64 >= nx as f64 { (small, k as f64) } else { (img, 1.0) };
    let px = sample_band(src, kf, o, flip, nx, ny);
    band_strengths(&px, nx, ny, row_chars(o.format) * PER_PITCH)
}

/// The bottom [`BAND`] of the card, `nx` by `ny` samples, each the mean of
/// a few bilinear samples where the source is finer than the grid.
fn sample_band(img: &GrayImage, k: f64, o: &Outline, flip: bool, nx: usize, ny: usize) -> Vec<f32> {
    let per = 2.0 * o.half.0 / k / nx as f64;
    let n = (per / 1.5).ceil().clamp(1.0, 3.0) as usize;
    let mut px = Vec::with_capacity(nx * ny);
    for y in 0..ny {
        for x in 0..nx {
            let mut acc = 0.0;
            for sy in 0..n {
                for sx in 0..n {
                    let s = (x as f64 + (sx as f64 + 0.5) / n as f64) / nx as f64;
                    let t = 1.0 - BAND + BAND * (y as f64 + (sy as f64 + 0.5) / n as f64) / ny as f64;
                    acc += super::bilinear(img, k, o.point(s, t, flip));
                }
            }
            px.push((acc / (n * n) as f64) as f32);
        }
    }
    px
}

/// Period strength of each window of [`ROW_PITCHES`] in a band of `nx` by
/// `ny` samples at [`PER_PITCH`] samples a pitch; `len` is the MRZ row
/// length in samples.
fn band_strengths(px: &[f32], nx: usize, ny: usize, len: f64) -> Vec<f64> {
    let win = (ROW_PITCHES * PER_PITCH).round() as usize;
    if px.len() != nx * ny || nx < 8 || ny < win {
        return Vec::new();
    }
    let mut v = px.to_vec();
    let (i_bg, i_ink) = (((v.len() - 1) as f64 * 0.9) as usize, ((v.len() - 1) as f64 * 0.02) as usize);
    let bg = *v.select_nth_unstable_by(i_bg, f32::total_cmp).1;
    let ink = *v[..i_bg.max(1)].select_nth_unstable_by(i_ink.min(i_bg.max(1) - 1), f32::total_cmp).1;
    let span = (bg - ink).max(40.0);
    let inkm: Vec<f64> = px.iter().map(|&v| f64::from(((bg - v) / span).clamp(0.0, 1.0))).collect();
    // The card's own edge, a dark line in many copies, is no print.
    let margin = nx * 3 / 100;
    // One wave per pitch tried, by column (a segment's start only turns
    // the phase, not the magnitude).
    let waves: Vec<Vec<(f64, f64)>> = PITCH_ERRORS
        .iter()
        .map(|e| {
            let period = PER_PITCH * (1.0 + e);
            (0..nx).map(|x| (std::f64::consts::TAU * x as f64 / period).sin_cos()).collect()
        })
        .collect();
    let row_ink: Vec<f64> = (0..ny).map(|y| inkm[y * nx + margin..(y + 1) * nx - margin].iter().sum()).collect();
    // Column sums of the window, slid down one sample row at a time.
    let mut p = vec![0.0; nx];
    for y in 0..win {
        for x in margin..nx - margin {
            p[x] += inkm[y * nx + x];
        }
    }
    let mut out = Vec::with_capacity(ny - win + 1);
    for y0 in 0..=ny - win {
        if y0 > 0 {
            let (gone, new) = ((y0 - 1) * nx, (y0 + win - 1) * nx);
            for x in margin..nx - margin {
                p[x] += inkm[new + x] - inkm[gone + x];
            }
        }
        // A character row is inked over most of its height; a ruled or
        // dashed line (a table, the card's own edge) over a sample or two.
        let rows = &row_ink[y0..y0 + win];
        let top = rows.iter().cloned().fold(0.0, f64::max);
        let tall = rows.iter().filter(|&&r| r >= 0.3 * top).count() > win.div_ceil(2);
        out.push(if tall { row_strength(&p, len, &waves) } else { 0.0 });
    }
    out
}

/// Rows in a strength profile: peaks of at least `min`, a row pitch apart.
pub fn count_rows(strength: &[f64], min: f64) -> usize {
    let gap = (ROW_GAP_PITCHES * PER_PITCH).round() as usize;
    let mut count = 0;
    let mut y = 0;
    while y < strength.len() {
        let s = strength[y];
        let peak = s >= min && (y == 0 || strength[y - 1] <= s) && strength.get(y + 1).is_none_or(|&n| n <= s);
        if peak {
            count += 1;
            y += gap;
        } else {
            y += 1;
        }
    }
    count
}

/// Period strength of one row profile at the MRZ pitch (the strongest of
/// `waves`), 0 when its print does not span [`SPAN`] of the row length
/// `len` (or runs far beyond it).
fn row_strength(p: &[f64], len: f64, waves: &[Vec<(f64, f64)>]) -> f64 {
    // Print is a column a fifth inked; a tinted background is less.
    let top = p.iter().cloned().fold(0.0, f64::max);
    let first = p.iter().position(|&v| v > 0.2 * top);
    let last = p.iter().rposition(|&v| v > 0.2 * top);
    let (Some(a), Some(b)) = (first, last) else { return 0.0 };
    if ((b - a + 1) as f64) < SPAN * len || ((b - a + 1) as f64) > 1.15 * len {
        return 0.0;
    }
    let seg = &p[a..=b];
    let mean = seg.iter().sum::<f64>() / seg.len() as f64;
    let dev: f64 = seg.iter().map(|v| (v - mean).abs()).sum();
    if dev <= 0.0 {
        return 0.0;
    }
    waves
        .iter()
        .map(|wave| {
            let (mut re, mut im) = (0.0, 0.0);
            for (v, (sin, cos)) in seg.iter().zip(&wave[a..=b]) {
                re += (v - mean) * cos;
                im += (v - mean) * sin;
            }
            re.hypot(im) / dev
        })
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A TD1-sized band (`nx` 202 by `ny` 54 samples, white) with rows
    /// drawn by `ink(x, row)` at the baselines of a TD1 MRZ.
    fn band(ink: impl Fn(usize, usize) -> bool, height: usize) -> Vec<f32> {
        let (nx, ny) = (202, 54);
        let tops = [20, 29, 38];
        (0..nx * ny)
            .map(|i| {
                let (x, y) = (i % nx, i / nx);
                let row = tops.iter().position(|&t| (t..t + height).contains(&y));
                if row.is_some_and(|r| ink(x, r)) { 30.0 } else { 235.0 }
            })
            .collect()
    }

    fn rows_of(px: &[f32]) -> usize {
        count_rows(&band_strengths(px, 202, 54, 180.0), PERIODIC)
    }

    #[test]
    fn three_rows_of_glyphs_at_the_icao_pitch_are_a_band() {
        // 30 glyphs 4 samples wide every 6 samples, from x = 11
        let glyphs = |x: usize, _| (11..191).contains(&x) && (x - 11) % 6 < 4;
        let px = band(glyphs, 5);
        assert_eq!(rows_of(&px), 3);
        assert!(is_band(Format::Id1, 3) && !is_band(Format::Id1, 2) && !is_band(Format::Id1, 5));
        // two rows only: the top row of a TD1 band cut away
        let two = band(|x, r| r > 0 && glyphs(x, r), 5);
        assert_eq!(rows_of(&two), 2);
    }

    #[test]
    fn words_and_dashed_rules_are_no_band() {
        // words of 3-8 glyphs of varying width, one blank between words
        let words = |x: usize, r: usize| {
            let (mut at, mut i) = (11usize, r);
            while at < 191 {
                let len = 3 + (i * 7 + 3) % 6;
                for g in 0..len {
                    let w = 3 + (i + g) % 4;
                    if (at..at + w).contains(&x) {
                        return true;
                    }
                    at += w + 1;
                }
                at += 5;
                i += 1;
            }
            false
        };
        assert_eq!(rows_of(&band(words, 5)), 0);
        // a dashed rule at the pitch, a sample high (a table, a card edge)
        let dashes = |x: usize, _| (11..191).contains(&x) && x % 6 < 3;
        assert_eq!(rows_of(&band(dashes, 1)), 0);
        // the same glyph rows far longer than an MRZ row: print over the card
        let long = |x: usize, _| (7..195).contains(&x) && x % 6 < 4;
        assert_eq!(count_rows(&band_strengths(&band(long, 5), 202, 54, 120.0), PERIODIC), 0);
    }
}
