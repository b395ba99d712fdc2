//! 3x3 binomial smoothing ([1 2 1] in x and y, borders repeated): removes
//! the finest dither pattern (period 2) while keeping character gaps and
//! card edges, cheaper than a Gaussian.

use image::GrayImage;

/// The smoothed image, rounded to the nearest grey level.
pub fn smooth(img: &GrayImage) -> GrayImage {
    let (w, h) = (img.width() as usize, img.height() as usize);
    if w < 2 || h < 2 {
        return img.clone();
    }
    let p = img.as_raw();
    // Whole rows as slices, borders repeated: loops the compiler vectorises.
    let mut tmp = vec![0u16; w * h];
    for (src, dst) in p.chunks_exact(w).zip(tmp.chunks_exact_mut(w)) {
        dst[0] = 3 * src[0] as u16 + src[1] as u16;
        dst[w - 1] = 3 * src[w - 1] as u16 + src[w - 2] as u16;
        for ((o, l), (m, r)) in dst[1..w - 1].iter_mut().zip(&src[..w - 2]).zip(src[1..w - 1].iter().zip(&src[2..])) {
            *o = *l as u16 + 2 * *m as u16 + *r as u16;
        }
    }
    let mut out = vec![0u8; w * h];
    for (y, dst) in out.chunks_exact_mut(w).enumerate() {
        let up = &tmp[y.saturating_sub(1) * w..][..w];
        let mid = &tmp[y * w..][..w];
        let down = &tmp[(y + 1).min(h - 1) * w..][..w];
        for (o, ((u, m), d)) in dst.iter_mut().zip(up.iter().zip(mid).zip(down)) {
            *o = ((*u as u32 + 2 * *m as u32 + *d as u32 + 8) / 16) as u8;
        }
    }
    GrayImage::from_raw(w as u32, h as u32, out).unwrap_or_else(|| img.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smooth_is_the_binomial_filter_with_repeated_borders() {
        let mut rng = ausweisscan_synth::rng::Rng::new(3);
        for (w, h) in [(37usize, 23usize), (2, 5), (5, 2)] {
            let img = GrayImage::from_fn(w as u32, h as u32, |_, _| image::Luma([rng.below(256) as u8]));
            let px = |x: i64, y: i64| {
                img.get_pixel(x.clamp(0, w as i64 - 1) as u32, y.clamp(0, h as i64 - 1) as u32)[0] as u32
            };
            let s = smooth(&img);
            for y in 0..h as i64 {
                for x in 0..w as i64 {
                    let mut sum = 0;
                    for (dy, a) in [(-1, 1), (0, 2), (1, 1)] {
                        for (dx, b) in [(-1, 1), (0, 2), (1, 1)] {
                            sum += a * b * px(x + dx, y + dy);
                        }
                    }
                    assert_eq!(s.get_pixel(x as u32, y as u32)[0] as u32, (sum + 8) / 16, "{w}x{h} at {x},{y}");
                }
            }
        }
    }

    #[test]
    fn the_finest_dot_pattern_becomes_flat_grey_and_strokes_stay() {
        // A checkerboard of 0/255 (period 2) with a 3-pixel black bar.
        let img = GrayImage::from_fn(40, 40, |x, y| {
            let ink = (10..13).contains(&x) || (x + y) % 2 == 0;
            image::Luma([if ink { 0 } else { 255 }])
        });
        let s = smooth(&img);
        let flat: Vec<u8> = (25..35).map(|x| s.get_pixel(x, 20)[0]).collect();
        assert!(flat.iter().all(|&v| (120..=136).contains(&v)), "{flat:?}");
        assert!(s.get_pixel(11, 20)[0] < 64);
    }
}
