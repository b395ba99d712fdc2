//! The cheap search image at about 100 dpi (a block mean of the page,
//! [`crate::imaging::block_mean`]): local-mean binarisation and connected
//! components of character size (in `components`).

use image::GrayImage;

mod components;
pub use components::{Comp, components};

/// Marks pixels darker than the mean of their `(2r+1)^2` window by more than
/// `delta` grey levels (1 = ink). Works on uneven light and dark surrounds.
pub fn binarise(s: &GrayImage, r: usize, delta: u32) -> Vec<u8> {
    let (w, h) = (s.width() as usize, s.height() as usize);
    let px = s.as_raw();
    let mut out = vec![0u8; w * h];
    if w == 0 || h == 0 {
        return out;
    }
    // Column sums over the window's rows, slid down the page (vectorises),
    // and their prefix sums per row: the same window sums as an integral
    // image, with a third of its memory traffic.
    let mut col = vec![0u32; w];
    let mut pre = vec![0u32; w + 1];
    let (mut top, mut bot) = (0usize, 0usize);
    for y in 0..h {
        let y0 = y.saturating_sub(r);
        let y1 = (y + r + 1).min(h);
        while bot < y1 {
            col.iter_mut().zip(&px[bot * w..(bot + 1) * w]).for_each(|(c, &v)| *c += v as u32);
            bot += 1;
        }
        while top < y0 {
            col.iter_mut().zip(&px[top * w..(top + 1) * w]).for_each(|(c, &v)| *c -= v as u32);
            top += 1;
        }
        let mut acc = 0u32;
        for (p, &c) in pre[1..].iter_mut().zip(&col) {
            acc += c;
            *p = acc;
        }
        let row = &px[y * w..(y + 1) * w];
        let orow = &mut out[y * w..(y + 1) * w];
        let dy = (y1 - y0) as u32;
        // Interior: constant window, no clamping.
        let (xa, xb) = (r.min(w), w.saturating_sub(r + 1).max(r.min(w)));
        let n = dy * (2 * r as u32 + 1);
        for x in xa..xb {
            let sum = pre[x + r + 1] - pre[x - r];
            orow[x] = ((row[x] as u32 + delta) * n < sum) as u8;
        }
        for x in (0..xa).chain(xb..w) {
            let x0 = x.saturating_sub(r);
            let x1 = (x + r + 1).min(w);
            let sum = pre[x1] - pre[x0];
            let n = dy * (x1 - x0) as u32;
            orow[x] = ((row[x] as u32 + delta) * n < sum) as u8;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A seeded noise image (no real data), for comparing fast and naive paths.
    pub(super) fn noise(w: u32, h: u32, seed: u64) -> GrayImage {
        let mut st = seed;
        GrayImage::from_fn(w, h, |_, _| {
            st = st.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            image::Luma([(st >> 56) as u8])
        })
    }

    #[test]
    fn binarise_matches_the_naive_window_mean() {
        for (w, h, r) in [(40u32, 30u32, 3usize), (9, 50, 12), (30, 4, 2)] {
            let img = noise(w, h, w as u64);
            let b = binarise(&img, r, 10);
            let (sw, sh, px) = (w as usize, h as usize, img.as_raw());
            for y in 0..sh {
                for x in 0..sw {
                    let (y0, y1) = (y.saturating_sub(r), (y + r + 1).min(sh));
                    let (x0, x1) = (x.saturating_sub(r), (x + r + 1).min(sw));
                    let sum: u32 = (y0..y1)
                        .flat_map(|yy| (x0..x1).map(move |xx| (yy, xx)))
                        .map(|(yy, xx)| px[yy * sw + xx] as u32)
                        .sum();
                    let n = ((y1 - y0) * (x1 - x0)) as u32;
                    let want = ((px[y * sw + x] as u32 + 10) * n < sum) as u8;
                    assert_eq!(b[y * sw + x], want, "{w}x{h} r {r} at {x},{y}");
                }
            }
        }
    }

    #[test]
    fn binarise_marks_dark_marks_on_uneven_light() {
        let img = GrayImage::from_fn(60, 20, |x, y| {
            let bg = 120 + x as u8 * 2;
            image::Luma([if (10..13).contains(&y) && x % 10 == 5 { bg - 60 } else { bg }])
        });
        let b = binarise(&img, 5, 20);
        let ink: usize = b.iter().map(|&v| v as usize).sum();
        assert_eq!(ink, 6 * 3);
    }
}
