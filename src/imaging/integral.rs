//! Integral images (summed-area tables): the sum over any rectangle in
//! four look-ups, for window searches over masks.

use image::{GrayImage, ImageBuffer, Luma};

/// Integral image of `m` (`w` x `h`, row-major), (w+1) x (h+1) with a zero
/// first row and column; `imageproc` computes it.
pub fn integral(m: &[u8], w: usize, h: usize) -> Vec<u32> {
    let Some(img) = GrayImage::from_raw(w as u32, h as u32, m[..w * h].to_vec()) else {
        return vec![0; (w + 1) * (h + 1)];
    };
    let s: ImageBuffer<Luma<u32>, Vec<u32>> = imageproc::integral_image::integral_image(&img);
    s.into_raw()
}

/// Mean of the pixels in [x0, x1) x [y0, y1) of an image `w` wide, from
/// its integral `s`.
pub fn mean(s: &[u32], w: usize, x0: usize, y0: usize, x1: usize, y1: usize) -> f64 {
    let at = |x: usize, y: usize| s[y * (w + 1) + x] as i64;
    let sum = at(x1, y1) - at(x0, y1) - at(x1, y0) + at(x0, y0);
    sum as f64 / ((x1 - x0) * (y1 - y0)).max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_means_equal_direct_sums() {
        let mut rng = ausweisscan_synth::rng::Rng::new(5);
        let (w, h) = (23usize, 17usize);
        let m: Vec<u8> = (0..w * h).map(|_| rng.below(2) as u8).collect();
        let s = integral(&m, w, h);
        assert_eq!(s.len(), (w + 1) * (h + 1));
        for (x0, y0, x1, y1) in [(0, 0, w, h), (3, 2, 9, 11), (5, 5, 6, 6), (0, 7, 23, 8)] {
            let direct: u32 =
                (y0..y1).flat_map(|y| (x0..x1).map(move |x| (x, y))).map(|(x, y)| m[y * w + x] as u32).sum();
            let want = direct as f64 / ((x1 - x0) * (y1 - y0)) as f64;
            assert_eq!(mean(&s, w, x0, y0, x1, y1), want, "{x0},{y0},{x1},{y1}");
        }
    }
}
