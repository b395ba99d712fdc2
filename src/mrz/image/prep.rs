//! The cheap search image: block-mean downscale, local-mean binarisation and
//! connected components of character size (in `components`), all at about
//! 100 dpi.

use image::GrayImage;

mod components;
pub use components::{Comp, components};

/// A small grey image (row-major, 0 = black).
pub struct Small {
    /// Width in pixels.
    pub w: usize,
    /// Height in pixels.
    pub h: usize,
    /// Pixels.
    pub px: Vec<u8>,
}

/// Block-mean downscale by an integer factor `f` (1 copies).
pub fn downscale(img: &GrayImage, f: usize) -> Small {
    // A constant factor lets the compiler unroll the block sum and turn the
    // division into a multiplication (the generic loop spent most of its
    // time dividing).
    match f.max(1) {
        1 => downscale_by::<1>(img),
        2 => downscale_by::<2>(img),
        3 => downscale_by::<3>(img),
        4 => downscale_by::<4>(img),
        5 => downscale_by::<5>(img),
        6 => downscale_by::<6>(img),
        f => downscale_any(img, f),
    }
}

fn downscale_by<const F: usize>(img: &GrayImage) -> Small {
    let (iw, ih) = (img.width() as usize, img.height() as usize);
    let src = img.as_raw();
    let (w, h) = (iw / F, ih / F);
    let mut px = vec![0u8; w * h];
    let mut rows = vec![0u16; w * F];
    let div = (F * F) as u32;
    for (y, out) in px.chunks_exact_mut(w.max(1)).take(h).enumerate() {
        // Sum F source rows column-wise (vectorises), then F columns; the
        // first row is assigned, so the sums need no clearing pass.
        let first = y * F * iw;
        for (a, &v) in rows.iter_mut().zip(&src[first..first + w * F]) {
            *a = v as u16;
        }
        for r in 1..F {
            let start = (y * F + r) * iw;
            for (a, &v) in rows.iter_mut().zip(&src[start..start + w * F]) {
                *a += v as u16;
            }
        }
        for (p, chunk) in out.iter_mut().zip(rows.chunks_exact(F)) {
            let mut s = 0u32;
            for &v in chunk {
                s += v as u32;
            }
            *p = (s / div) as u8;
        }
    }
    Small { w, h, px }
}

fn downscale_any(img: &GrayImage, f: usize) -> Small {
    let (iw, ih) = (img.width() as usize, img.height() as usize);
    let src = img.as_raw();
    let (w, h) = (iw / f, ih / f);
    let mut px = vec![0u8; w * h];
    let mut rows = vec![0u32; w * f];
    let div = (f * f) as u32;
    for y in 0..h {
        rows.iter_mut().for_each(|a| *a = 0);
        for r in 0..f {
            let row = &src[(y * f + r) * iw..(y * f + r) * iw + w * f];
            for (a, &v) in rows.iter_mut().zip(row) {
                *a += v as u32;
            }
        }
        for (p, chunk) in px[y * w..(y + 1) * w].iter_mut().zip(rows.chunks_exact(f)) {
            *p = (chunk.iter().sum::<u32>() / div) as u8;
        }
    }
    Small { w, h, px }
}

/// Whether the page is bitonal (thresholded or dithered scan): nearly all
/// sampled pixels are pure black or white.
pub fn is_bitonal(img: &GrayImage) -> bool {
    let raw = img.as_raw();
    // Same samples as counting all of them, but a grey page (nearly every
    // page) is known after its first rows: stop once the limit is passed.
    let n = raw.len().div_ceil(7);
    let mut grey = 0usize;
    for &v in raw.iter().step_by(7) {
        grey += usize::from(v != 0 && v != 255);
        if grey * 200 >= n {
            return false;
        }
    }
    n > 0
}

/// Separable [1 2 1] smoothing: block means of a dithered page keep the
/// dot pattern, which joins tinted backgrounds to the characters; this
/// filter removes the finest pattern (period 2) and keeps character gaps.
pub fn tent(s: &mut Small) {
    let (w, h) = (s.w, s.h);
    if w < 3 || h < 3 {
        return;
    }
    let mut tmp = vec![0u16; w * h];
    for y in 0..h {
        let row = &s.px[y * w..(y + 1) * w];
        let out = &mut tmp[y * w..(y + 1) * w];
        out[0] = 3 * row[0] as u16 + row[1] as u16;
        out[w - 1] = 3 * row[w - 1] as u16 + row[w - 2] as u16;
        for x in 1..w - 1 {
            out[x] = row[x - 1] as u16 + 2 * row[x] as u16 + row[x + 1] as u16;
        }
    }
    for y in 0..h {
        let (a, b) = (y.saturating_sub(1), (y + 1).min(h - 1));
        for x in 0..w {
            let v = tmp[a * w + x] as u32 + 2 * tmp[y * w + x] as u32 + tmp[b * w + x] as u32;
            s.px[y * w + x] = ((v + 8) / 16) as u8;
        }
    }
}

/// Marks pixels darker than the mean of their `(2r+1)^2` window by more than
/// `delta` grey levels (1 = ink). Works on uneven light and dark surrounds.
pub fn binarise(s: &Small, r: usize, delta: u32) -> Vec<u8> {
    let (w, h) = (s.w, s.h);
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
            col.iter_mut().zip(&s.px[bot * w..(bot + 1) * w]).for_each(|(c, &v)| *c += v as u32);
            bot += 1;
        }
        while top < y0 {
            col.iter_mut().zip(&s.px[top * w..(top + 1) * w]).for_each(|(c, &v)| *c -= v as u32);
            top += 1;
        }
        let mut acc = 0u32;
        for (p, &c) in pre[1..].iter_mut().zip(&col) {
            acc += c;
            *p = acc;
        }
        let row = &s.px[y * w..(y + 1) * w];
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

    #[test]
    fn downscale_averages_blocks() {
        let img = GrayImage::from_fn(6, 4, |x, _| image::Luma([if x < 3 { 0 } else { 90 }]));
        let s = downscale(&img, 2);
        assert_eq!((s.w, s.h), (3, 2));
        assert_eq!(s.px, vec![0, 45, 90, 0, 45, 90]);
    }

    /// A seeded noise image (no real data), for comparing fast and naive paths.
    pub(super) fn noise(w: u32, h: u32, seed: u64) -> GrayImage {
        let mut st = seed;
        GrayImage::from_fn(w, h, |_, _| {
            st = st.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            image::Luma([(st >> 56) as u8])
        })
    }

    #[test]
    fn downscale_matches_naive_block_means_for_every_factor() {
        let img = noise(47, 31, 7);
        for f in 1..=8usize {
            let s = downscale(&img, f);
            assert_eq!((s.w, s.h), (47 / f, 31 / f));
            for y in 0..s.h {
                for x in 0..s.w {
                    let mut sum = 0u32;
                    for yy in y * f..(y + 1) * f {
                        for xx in x * f..(x + 1) * f {
                            sum += img.get_pixel(xx as u32, yy as u32).0[0] as u32;
                        }
                    }
                    assert_eq!(s.px[y * s.w + x] as u32, sum / (f * f) as u32, "f {f} at {x},{y}");
                }
            }
        }
    }

    #[test]
    fn binarise_matches_the_naive_window_mean() {
        for (w, h, r) in [(40u32, 30u32, 3usize), (9, 50, 12), (30, 4, 2)] {
            let s = downscale(&noise(w, h, w as u64), 1);
            let b = binarise(&s, r, 10);
            for y in 0..s.h {
                for x in 0..s.w {
                    let (y0, y1) = (y.saturating_sub(r), (y + r + 1).min(s.h));
                    let (x0, x1) = (x.saturating_sub(r), (x + r + 1).min(s.w));
                    let sum: u32 = (y0..y1)
                        .flat_map(|yy| (x0..x1).map(move |xx| (yy, xx)))
                        .map(|(yy, xx)| s.px[yy * s.w + xx] as u32)
                        .sum();
                    let n = ((y1 - y0) * (x1 - x0)) as u32;
                    let want = ((s.px[y * s.w + x] as u32 + 10) * n < sum) as u8;
                    assert_eq!(b[y * s.w + x], want, "{w}x{h} r {r} at {x},{y}");
                }
            }
        }
    }

    #[test]
    fn tent_removes_dot_pattern_and_keeps_strokes() {
        // A 50% checkerboard (finest dither) with a 2-pixel black bar.
        let img = GrayImage::from_fn(20, 12, |x, y| {
            image::Luma([if (8..10).contains(&x) || (x + y) % 2 == 0 { 0 } else { 255 }])
        });
        assert!(is_bitonal(&img));
        let mut s = downscale(&img, 1);
        tent(&mut s);
        let at = |x: usize, y: usize| s.px[y * s.w + x] as i32;
        for y in 2..10 {
            assert!((at(3, y) - 128).abs() <= 2, "pattern left: {}", at(3, y));
            assert!(at(8, y) < 70 && at(9, y) < 70);
        }
        let grey = GrayImage::from_fn(20, 12, |x, _| image::Luma([x as u8 * 10]));
        assert!(!is_bitonal(&grey));
    }

    #[test]
    fn binarise_marks_dark_marks_on_uneven_light() {
        let img = GrayImage::from_fn(60, 20, |x, y| {
            let bg = 120 + x as u8 * 2;
            image::Luma([if (10..13).contains(&y) && x % 10 == 5 { bg - 60 } else { bg }])
        });
        let s = downscale(&img, 1);
        let b = binarise(&s, 5, 20);
        let ink: usize = b.iter().map(|&v| v as usize).sum();
        assert_eq!(ink, 6 * 3);
    }
}
