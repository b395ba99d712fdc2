//! Layout features of a card crop and the fitted card classifier.
//!
//! The features are the things a person checks, measured the same way on
//! any design: faces (a real face detector, [`super::face`]) and where they
//! sit, a second small face (the ghost image), photo-like windows, text rows
//! beside the portrait, MRZ-like full-width rows, the [`structure`] features
//! (field pitch, a column of rows where a chip sits, the card access number
//! box) and the outline itself (format, scale, edge or print only). No pixel
//! grid: a grid of the card's darkness learns one generator's layout and
//! does not carry over to designs it was not fitted on. A softmax model over
//! them, fitted by `examples/fit_score.rs` on the training design families,
//! says whether the crop (in this orientation) is an identity-document
//! front, a back, a driving licence, another card, or nothing card-like.

use super::Crop;
use super::face::Face;
use super::outline::{Format, Outline};
use super::portrait::{self, Portraits};
use super::structure::{self, NS};
use crate::imaging;

/// Number of features.
pub const NF: usize = 19 + NS;
/// Number of classes.
pub const NC: usize = 5;
/// Index of the feature "photo-like share of the whole card".
pub const PHOTO_SHARE: usize = 13;

/// Names of the features, for the fit's printout.
pub const FEATURE_NAMES: [&str; NF] = [
    "face",
    "face_left",
    "face_right",
    "face_height",
    "ghost_face",
    "many_faces",
    "photo_left",
    "photo_right",
    "photo_ghost",
    "rows_beside_portrait",
    "mrz_rows_lower_half",
    "rows_upper_half",
    "ink",
    "photo_share",
    "outline_score",
    "print_only",
    "reduced",
    "format_id3",
    "format_id2",
    "pitch_tight_right",
    "pitch_wide_right",
    "pitch_tight_left",
    "pitch_wide_left",
    "rows_left_column",
    "number_box",
];

/// What a card crop is, as the classifier tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CardClass {
    /// Not a card (a frame on a form, a photo, the wrong orientation).
    None = 0,
    /// Identity document front or passport data page (portrait side).
    IdFront = 1,
    /// Identity card back (MRZ side).
    IdBack = 2,
    /// Driving licence.
    DrivingLicence = 3,
    /// Another ID-1 card: health insurance card, bank card.
    OtherCard = 4,
}

impl CardClass {
    /// Every class, by index.
    pub const ALL: [CardClass; NC] =
        [CardClass::None, CardClass::IdFront, CardClass::IdBack, CardClass::DrivingLicence, CardClass::OtherCard];
}

/// Face detector score that counts as a sure face (scores run ~1.5-30).
const FACE_SURE: f64 = 8.0;

/// The portrait's face: the surest face of portrait size
/// ([`super::face::PORTRAIT_MM`]), and a ghost image: another, smaller face.
pub fn main_and_ghost(faces: &[Face]) -> (Option<Face>, Option<Face>) {
    let (lo, hi) = super::face::PORTRAIT_MM;
    let main = faces.iter().filter(|f| (lo..=hi).contains(&f.mm)).max_by(|a, b| a.score.total_cmp(&b.score));
    let Some(m) = main.copied() else { return (None, None) };
    let ghost = faces
        .iter()
        .filter(|f| f.height() <= 0.7 * m.height() && (f.cx() - m.cx()).abs() > 0.15)
        .max_by(|a, b| a.score.total_cmp(&b.score))
        .copied();
    (Some(m), ghost)
}

/// Features of a crop in one orientation, and its portrait windows.
pub fn features(c: &Crop, o: &Outline, faces: &[Face]) -> (Vec<f64>, Portraits) {
    let (w, h) = (c.w, c.h);
    let span = (c.bg - c.ink).max(20.0);
    let mask = portrait::photo_mask(c);
    let photo = imaging::integral(&mask, w, h);
    let inkm: Vec<u8> = c.px.iter().map(|&v| u8::from((c.bg - v) / span > 0.5)).collect();
    let ink = imaging::integral(&inkm, w, h);
    let p = portrait::find(&photo, w, h);
    let (main, ghost) = main_and_ghost(faces);
    let sure = |f: Option<Face>| f.map_or(0.0, |f| (f.score / FACE_SURE).min(1.0));
    let fm = sure(main);
    let mut f = Vec::with_capacity(NF);
    f.push(fm);
    f.push(if main.is_some_and(|m| m.cx() < 0.5) { fm } else { 0.0 });
    f.push(if main.is_some_and(|m| m.cx() >= 0.5) { fm } else { 0.0 });
    f.push(main.map_or(0.0, |m| m.height()));
    f.push(sure(ghost));
    f.push(f64::from(u8::from(faces.len() >= 3)));
    f.push(p.left.score);
    f.push(p.right.score);
    f.push(p.ghost.score);
    f.push(rows(&inkm, w, h, (0.36, 0.97), (0.15, 0.95), 0.08) / 8.0);
    f.push(rows(&inkm, w, h, (0.03, 0.97), (0.5, 1.0), 0.45) / 3.0);
    f.push(rows(&inkm, w, h, (0.03, 0.97), (0.0, 0.5), 0.3) / 4.0);
    f.push(imaging::mean(&ink, w, 0, 0, w, h));
    f.push(imaging::mean(&photo, w, 0, 0, w, h));
    f.push(o.score);
    f.push(f64::from(u8::from(o.from_content)));
    f.push(f64::from(u8::from(o.scale < 0.85)));
    f.push(f64::from(u8::from(o.format == Format::Id3)));
    f.push(f64::from(u8::from(o.format == Format::Id2)));
    f.extend(structure::features(c, &inkm));
    debug_assert_eq!(f.len(), NF);
    (f, p)
}

/// Text rows beside the portrait, on whichever side the portrait is: the
/// face's side if a face was found, else the more photo-like portrait
/// window's (a German card has it on the left, many others on the right).
///
/// Ink is judged against the region's own darkest print, not the card's: a
/// dark portrait sets the card's ink level far below the grey that small
/// print becomes at this scale, and the rows would go unseen.
pub fn text_rows_beside(c: &Crop, faces: &[Face], p: &Portraits) -> f64 {
    let (w, h) = (c.w, c.h);
    let right = match main_and_ghost(faces).0 {
        Some(m) => m.cx() >= 0.5,
        None => p.right.score > p.left.score,
    };
    let xs = if right { (0.03, 0.64) } else { (0.36, 0.97) };
    let ys = (0.15, 0.95);
    let (x0, x1) = ((xs.0 * w as f64) as usize, ((xs.1 * w as f64) as usize).min(w));
    let (y0, y1) = ((ys.0 * h as f64) as usize, ((ys.1 * h as f64) as usize).min(h));
    let mut region: Vec<f32> = (y0..y1).flat_map(|y| c.px[y * w + x0..y * w + x1].iter().copied()).collect();
    region.sort_by(|a, b| a.total_cmp(b));
    let ink = region.get(region.len() * 3 / 100).copied().unwrap_or(c.ink);
    let span = (c.bg - ink).max(TEXT_SPAN_MIN);
    let inkm: Vec<u8> = c.px.iter().map(|&v| u8::from((c.bg - v) / span > 0.5)).collect();
    rows(&inkm, w, h, xs, ys, 0.08)
}

/// Smallest contrast (grey levels) between a card's background and its
/// print for rows to be counted: below it the region is blank card, and
/// halving its noise would make rows of it.
const TEXT_SPAN_MIN: f32 = 40.0;

/// Number of text rows in a region: runs of pixel rows whose ink covers at
/// least `fill` of the region's width (after joining letters by a 4 px gap).
fn rows(ink: &[u8], w: usize, h: usize, xs: (f64, f64), ys: (f64, f64), fill: f64) -> f64 {
    let (x0, x1) = ((xs.0 * w as f64) as usize, (xs.1 * w as f64) as usize);
    let (y0, y1) = ((ys.0 * h as f64) as usize, (ys.1 * h as f64) as usize);
    let mut count = 0;
    let mut inside = false;
    for y in y0..y1.min(h) {
        // cover: share of columns within 2 px of an ink pixel on this row
        let row = &ink[y * w + x0..y * w + x1.min(w)];
        let mut covered = 0;
        let mut last: Option<usize> = None;
        for (i, &v) in row.iter().enumerate() {
            if v == 1 {
                covered += match last {
                    Some(l) if i - l <= 4 => i - l,
                    _ => 1,
                };
                last = Some(i);
            }
        }
        let full = covered as f64 >= fill * row.len().max(1) as f64;
        if full && !inside {
            count += 1;
        }
        inside = full;
    }
    count as f64
}

/// Class probabilities of a feature vector under `weights` (softmax).
pub fn classify(f: &[f64], weights: &[[f64; NF + 1]; NC]) -> [f64; NC] {
    let mut z = [0.0; NC];
    for (c, wc) in weights.iter().enumerate() {
        z[c] = wc[NF] + f.iter().zip(wc.iter()).map(|(a, b)| a * b).sum::<f64>();
    }
    let m = z.iter().cloned().fold(f64::MIN, f64::max);
    let mut s = 0.0;
    for v in z.iter_mut() {
        *v = (*v - m).exp();
        s += *v;
    }
    z.map(|v| v / s)
}

/// Fitted card classifier weights (one row per [`CardClass`], bias last).
pub fn weights() -> &'static [[f64; NF + 1]; NC] {
    &super::weights::CARD
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn softmax_sums_to_one_and_follows_weights() {
        let mut w = [[0.0; NF + 1]; NC];
        w[2][0] = 5.0;
        let mut f = vec![0.0; NF];
        f[0] = 1.0;
        let p = classify(&f, &w);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(p[2] > 0.9);
    }

    #[test]
    fn rows_counts_text_lines() {
        let (w, h) = (100, 60);
        let ink: Vec<u8> = (0..w * h).map(|i| u8::from((i / w) % 10 < 3 && (i % w) % 7 != 0)).collect();
        assert_eq!(rows(&ink, w, h, (0.0, 1.0), (0.0, 1.0), 0.5), 6.0);
        assert_eq!(rows(&ink, w, h, (0.0, 1.0), (0.0, 0.5), 0.5), 3.0);
    }

    #[test]
    fn grey_rows_beside_a_black_portrait_are_counted() {
        // A 200 x 126 crop: a black portrait on the left, and on the right
        // eight rows of small print that this scale turns mid-grey (150).
        let (w, h) = (200usize, 126usize);
        let px: Vec<f32> = (0..w * h)
            .map(|i| {
                let (x, y) = (i % w, i / w);
                if (8..70).contains(&x) && (25..105).contains(&y) {
                    0.0
                } else if (80..190).contains(&x) && (22..118).contains(&y) && (y - 22) % 12 < 4 && x % 9 != 0 {
                    150.0
                } else {
                    240.0
                }
            })
            .collect();
        let c = Crop { px, w, h, bg: 240.0, ink: 0.0 };
        let none = super::portrait::Window { rect: [0.0; 4], score: 0.0 };
        let left = super::portrait::Window { rect: [0.04, 0.2, 0.35, 0.83], score: 0.9 };
        let p = Portraits { left, right: none, ghost: none };
        assert_eq!(text_rows_beside(&c, &[], &p), 8.0);
        // the card's own ink level (the portrait's black) would have hidden them
        let inkm: Vec<u8> = c.px.iter().map(|&v| u8::from((c.bg - v) / (c.bg - c.ink) > 0.5)).collect();
        assert_eq!(rows(&inkm, w, h, (0.36, 0.97), (0.15, 0.95), 0.08), 0.0);
    }
}
