//! Structure features that tell an identity-card front from its look-alikes
//! where the coarse layout grid cannot.
//!
//! * Field pitch beside the portrait: an ID front prints label/value pairs
//!   (a small label above each value, about 6.5 mm apart), a driving licence
//!   numbered one-line fields (1.-5.) about 4.5 mm apart.
//!   Measured in both columns, as foreign ID fronts have the portrait on
//!   the right; a health card's left column holds a chip, not fields.
//! * The card access number box: a thin ruled frame at the bottom right of
//!   the German ID card and residence-permit fronts.
//!
//! All are measured on the upright [`Crop`] (in the orientation being
//! classified), so a card turned by 180 degrees shows them elsewhere.

use super::Crop;

/// Number of structure features.
pub const NS: usize = 6;

/// The structure features of a crop, given its ink mask (1 = ink): field
/// pitch in the column right of a left portrait and in the column left of a
/// right portrait, text rows in that left column, the number box.
pub fn features(c: &Crop, inkm: &[u8]) -> [f64; NS] {
    let (w, h) = (c.w, c.h);
    let zone = (0.2, 0.8);
    let (tight_r, wide_r, _) = pitch(inkm, w, h, (0.34, 0.97), zone);
    let (tight_l, wide_l, rows_l) = pitch(inkm, w, h, (0.03, 0.66), zone);
    [tight_r, wide_r, tight_l, wide_l, (rows_l / 8.0).min(1.0), ruled_lines(c, (0.74, 0.97), (0.78, 0.97))]
}

/// Shares of the gaps between successive text rows in a region that are
/// tight (under 0.1 of the card height, one-line fields) and wide (0.1 to
/// 0.16, label/value pairs), and the number of rows. Rows are runs of pixel rows whose ink covers at
/// least 3 % of the region's width.
fn pitch(ink: &[u8], w: usize, h: usize, xs: (f64, f64), ys: (f64, f64)) -> (f64, f64, f64) {
    let (x0, x1) = ((xs.0 * w as f64) as usize, ((xs.1 * w as f64) as usize).min(w));
    let (y0, y1) = ((ys.0 * h as f64) as usize, ((ys.1 * h as f64) as usize).min(h));
    if x1 <= x0 || y1 <= y0 {
        return (0.0, 0.0, 0.0);
    }
    let mut starts = Vec::new();
    let mut inside = false;
    for y in y0..y1 {
        let n = ink[y * w + x0..y * w + x1].iter().filter(|&&v| v == 1).count();
        let full = n >= 2 && n as f64 >= 0.03 * (x1 - x0) as f64;
        if full && !inside {
            starts.push(y);
        }
        inside = full;
    }
    let rows = starts.len() as f64;
    if starts.len() < 3 {
        return (0.0, 0.0, rows);
    }
    let gaps: Vec<f64> = starts.windows(2).map(|p| (p[1] - p[0]) as f64 / h as f64).collect();
    let n = gaps.len() as f64;
    let tight = gaps.iter().filter(|&&g| g < 0.1).count() as f64 / n;
    let wide = gaps.iter().filter(|&&g| (0.1..0.16).contains(&g)).count() as f64 / n;
    (tight, wide, rows)
}

/// Ruled horizontal lines in a region: rows holding an unbroken run (gaps of
/// at most one pixel) of faint ink 12 to 22 % of the card wide, counted
/// once per group of adjacent rows; 0, 0.5 or 1 for none, one, two or more.
/// A printed text row breaks between letters, a frame's edge does not.
fn ruled_lines(c: &Crop, xs: (f64, f64), ys: (f64, f64)) -> f64 {
    let (w, h) = (c.w, c.h);
    let span = (c.bg - c.ink).max(20.0);
    let (x0, x1) = ((xs.0 * w as f64) as usize, ((xs.1 * w as f64) as usize).min(w));
    let (y0, y1) = ((ys.0 * h as f64) as usize, ((ys.1 * h as f64) as usize).min(h));
    let need = (0.12 * w as f64) as usize;
    let (mut lines, mut prev) = (0, false);
    for y in y0..y1 {
        let (mut run, mut gap, mut best) = (0usize, 0usize, 0usize);
        for x in x0..x1 {
            if (c.bg - c.px[y * w + x]) / span > 0.2 {
                run += 1 + gap;
                gap = 0;
                best = best.max(run);
            } else if run > 0 && gap < 1 {
                gap += 1;
            } else {
                run = 0;
                gap = 0;
            }
        }
        let line = best >= need && best < (0.22 * w as f64) as usize;
        if line && !prev {
            lines += 1;
        }
        prev = line;
    }
    (lines.min(2) as f64) / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crop(f: impl Fn(usize, usize) -> f32) -> Crop {
        let (w, h) = (200, 126);
        let px = (0..w * h).map(|i| f(i % w, i / w)).collect();
        Crop { px, w, h, bg: 230.0, ink: 20.0 }
    }

    fn ink(c: &Crop) -> Vec<u8> {
        c.px.iter().map(|&v| u8::from((c.bg - v) / (c.bg - c.ink) > 0.5)).collect()
    }

    #[test]
    fn field_pitch_tells_one_line_fields_from_label_value_pairs() {
        // rows every 10 px (0.08 of the height) vs every 16 px (0.13)
        let text =
            |pitch: usize| crop(move |x, y| if x > 80 && y > 30 && y % pitch < 3 && x % 5 != 0 { 20.0 } else { 230.0 });
        let t = text(10);
        let (tight, wide, _) = pitch(&ink(&t), t.w, t.h, (0.34, 0.97), (0.2, 0.95));
        assert!(tight > 0.8 && wide < 0.2, "{tight} {wide}");
        let t = text(16);
        let (tight, wide, _) = pitch(&ink(&t), t.w, t.h, (0.34, 0.97), (0.2, 0.95));
        assert!(wide > 0.8 && tight < 0.2, "{tight} {wide}");
    }

    #[test]
    fn a_ruled_box_counts_and_text_does_not() {
        let boxed = crop(|x, y| {
            let on_box = (150..185).contains(&x) && (y == 104 || y == 118);
            if on_box { 150.0 } else { 230.0 }
        });
        assert_eq!(ruled_lines(&boxed, (0.74, 0.97), (0.78, 0.97)), 1.0);
        let text =
            crop(|x, y| if (150..190).contains(&x) && (104..110).contains(&y) && x % 4 < 2 { 20.0 } else { 230.0 });
        assert_eq!(ruled_lines(&text, (0.74, 0.97), (0.78, 0.97)), 0.0);
    }
}
