//! Portrait search inside a card crop: the window of portrait shape whose
//! pixels look most like a continuous-tone photo.
//!
//! Two pixel kinds count as photo: mid-tones with a small local gradient
//! (grey and de-dithered scans) and solid ink, dark pixels whose whole 3x3
//! neighbourhood is dark (a thresholded photo leaves blobs, text leaves thin
//! strokes). Text, guilloche and blank card score low. Measured on generated
//! data (see `benches/eval_cards.rs`); no face model is used.

use super::Crop;
use crate::imaging::mean;

/// A photo-like window in card coordinates (fractions of the crop).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    /// Left, top, right, bottom as fractions 0..1 of the card.
    pub rect: [f64; 4],
    /// Share of photo-like pixels, 0..1.
    pub score: f64,
}

/// Per-pixel photo mask of a crop (1 = photo-like).
pub(super) fn photo_mask(c: &Crop) -> Vec<u8> {
    let (w, h) = (c.w, c.h);
    let span = (c.bg - c.ink).max(20.0);
    let mut m = vec![0u8; w * h];
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let v = c.px[y * w + x];
            let n = (c.bg - v) / span;
            let g = (c.px[y * w + x + 1] - c.px[y * w + x - 1]).abs()
                + (c.px[(y + 1) * w + x] - c.px[(y - 1) * w + x]).abs();
            let mid = n > 0.15 && n < 0.85 && g < 0.25 * span;
            let solid = n > 0.6
                && (-1..=1).all(|dy: isize| {
                    (-1..=1).all(|dx: isize| {
                        (c.bg - c.px[(y as isize + dy) as usize * w + (x as isize + dx) as usize]) / span > 0.6
                    })
                });
            m[y * w + x] = u8::from(mid || solid);
        }
    }
    m
}

/// Best window of `size` (fractions of the card) whose centre lies in
/// `area` ([x0, y0, x1, y1] fractions).
pub(super) fn best_window(s: &[u32], w: usize, h: usize, size: (f64, f64), area: [f64; 4]) -> Window {
    let ww = ((size.0 * w as f64) as usize).clamp(2, w);
    let wh = ((size.1 * h as f64) as usize).clamp(2, h);
    let mut best = Window { rect: [0.0; 4], score: 0.0 };
    let step = (w / 64).max(2);
    let mut y = 0;
    while y + wh <= h {
        let mut x = 0;
        while x + ww <= w {
            let cx = (x + ww / 2) as f64 / w as f64;
            let cy = (y + wh / 2) as f64 / h as f64;
            if cx >= area[0] && cx <= area[2] && cy >= area[1] && cy <= area[3] {
                let m = mean(s, w, x, y, x + ww, y + wh);
                if m > best.score {
                    best = Window {
                        rect: [
                            x as f64 / w as f64,
                            y as f64 / h as f64,
                            (x + ww) as f64 / w as f64,
                            (y + wh) as f64 / h as f64,
                        ],
                        score: m,
                    };
                }
            }
            x += step;
        }
        y += step;
    }
    best
}

/// The portrait windows a card can have: main portrait anywhere (its place
/// is a layout feature) and the small ghost image on the right half.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Portraits {
    /// Best portrait-sized window in the left third.
    pub left: Window,
    /// Best portrait-sized window in the right half.
    pub right: Window,
    /// Best ghost-image-sized window in the right third.
    pub ghost: Window,
}

/// Finds the portrait windows of a crop given its photo-mask integral.
pub(super) fn find(s: &[u32], w: usize, h: usize) -> Portraits {
    let size = (0.26, 0.6);
    Portraits {
        left: best_window(s, w, h, size, [0.0, 0.25, 0.33, 0.8]),
        right: best_window(s, w, h, size, [0.5, 0.25, 1.0, 0.8]),
        ghost: best_window(s, w, h, (0.11, 0.22), [0.7, 0.3, 1.0, 0.85]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::imaging::integral;

    fn crop(f: impl Fn(usize, usize) -> f32) -> Crop {
        let (w, h) = (120, 76);
        let px = (0..w * h).map(|i| f(i % w, i / w)).collect();
        Crop { px, w, h, bg: 230.0, ink: 20.0 }
    }

    #[test]
    fn smooth_grey_patch_beats_text_stripes() {
        // left: a smooth gradient "photo"; right: thin dark text strokes on white
        let c = crop(|x, y| {
            if x < 36 && y > 15 && y < 65 {
                80.0 + y as f32
            } else if x > 70 && y % 6 == 0 && x % 3 != 0 {
                20.0
            } else {
                230.0
            }
        });
        let m = photo_mask(&c);
        let s = integral(&m, c.w, c.h);
        let p = find(&s, c.w, c.h);
        assert!(p.left.score > 0.8, "{:?}", p.left);
        assert!(p.right.score < 0.1, "{:?}", p.right);
        assert!(p.left.rect[0] < 0.1);
    }

    #[test]
    fn solid_ink_blob_counts_as_photo() {
        let c = crop(|x, y| if x < 36 && y > 15 && y < 65 && (x / 12 + y / 12) % 2 == 0 { 10.0 } else { 230.0 });
        let s = integral(&photo_mask(&c), c.w, c.h);
        assert!(find(&s, c.w, c.h).left.score > 0.3);
    }
}
