//! The recognisable test page used by encoding fixtures: a solid black
//! square near the top-left corner of the upright page on a light, text-free
//! grey gradient. Finding the square tells placement and orientation.

use super::ccitt::Bilevel;
use image::{GrayImage, Luma};

/// Side of the marker square relative to the shorter page side.
pub const MARKER_SIDE: f32 = 1.0 / 6.0;
/// Gap between the page corner and the marker, relative to the shorter side.
pub const MARKER_GAP: f32 = 1.0 / 12.0;

/// The test page at `width` x `height` pixels: gradient 200..255 from left to
/// right, darker towards the bottom by up to 25 levels, marker at top-left.
pub fn test_page(width: u32, height: u32) -> GrayImage {
    let short = width.min(height) as f32;
    let (m0, m1) = ((short * MARKER_GAP) as u32, (short * (MARKER_GAP + MARKER_SIDE)) as u32);
    GrayImage::from_fn(width, height, |x, y| {
        if (m0..m1).contains(&x) && (m0..m1).contains(&y) {
            return Luma([0]);
        }
        let g = 200.0 + 55.0 * x as f32 / width.max(1) as f32 - 25.0 * y as f32 / height.max(1) as f32;
        Luma([g.clamp(175.0, 255.0) as u8])
    })
}

/// Where the marker centre lies on an upright test page, as fractions of
/// width and height.
pub fn expected_marker(width: u32, height: u32) -> (f32, f32) {
    let c = width.min(height) as f32 * (MARKER_GAP + MARKER_SIDE / 2.0);
    (c / width as f32, c / height as f32)
}

/// Thresholds `img` with a 4x4 ordered dither after lightening it threefold,
/// so the gradient survives as a sparse dot pattern (at most ~12 % black) in
/// bilevel encodings, which keeps fax fixtures small, and the marker stays solid.
pub fn dither(img: &GrayImage) -> Bilevel {
    const BAYER: [[u8; 4]; 4] = [[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]];
    let black = img
        .enumerate_pixels()
        .map(|(x, y, p)| {
            let t = BAYER[(y % 4) as usize][(x % 4) as usize] as u32 * 16 + 8;
            let v = p.0[0] as u32;
            v < 128 || 255 - (255 - v) / 3 < t
        })
        .collect();
    Bilevel { width: img.width(), height: img.height(), black }
}

/// The centre of the marker in `img` (fractions of width and height): the
/// centroid of small blocks whose mean is dark. `None` when nothing is dark.
pub fn find_marker(img: &GrayImage) -> Option<(f32, f32)> {
    let (w, h) = img.dimensions();
    let b = (w.min(h) / 60).max(2);
    let (mut sx, mut sy, mut n) = (0f64, 0f64, 0f64);
    for by in 0..h / b {
        for bx in 0..w / b {
            let mut sum = 0u32;
            for y in by * b..(by + 1) * b {
                for x in bx * b..(bx + 1) * b {
                    sum += img.get_pixel(x, y).0[0] as u32;
                }
            }
            if sum / (b * b) < 90 {
                sx += (bx as f64 + 0.5) * b as f64;
                sy += (by as f64 + 0.5) * b as f64;
                n += 1.0;
            }
        }
    }
    (n > 0.0).then(|| ((sx / n / w as f64) as f32, (sy / n / h as f64) as f32))
}

/// A bilevel bitmap as a grey image (black = 0, white = 255).
pub fn bilevel_to_gray(b: &Bilevel) -> GrayImage {
    GrayImage::from_fn(b.width, b.height, |x, y| Luma([if b.black[(y * b.width + x) as usize] { 0 } else { 255 }]))
}

/// A white image with a black square marker of side `m` whose top-left pixel is at (`mx`, `my`).
pub fn marked(w: u32, h: u32, mx: u32, my: u32, m: u32) -> GrayImage {
    GrayImage::from_fn(
        w,
        h,
        |x, y| {
            if x >= mx && x < mx + m && y >= my && y < my + m { Luma([0]) } else { Luma([255]) }
        },
    )
}

/// Noisy grey page content, so that distinct pages compress distinctly.
pub fn noisy(w: u32, h: u32, seed: u32) -> GrayImage {
    let mut s = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    GrayImage::from_fn(w, h, |x, y| {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        let base = if (x / 40 + y / 40) % 7 == 0 { 60 } else { 225 };
        Luma([(base + (s % 24) as i32 - 12).clamp(0, 255) as u8])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_is_found_where_expected_in_every_shape() {
        for (w, h) in [(413, 583), (583, 413), (120, 120), (1000, 300)] {
            let img = test_page(w, h);
            let (ex, ey) = expected_marker(w, h);
            let (fx, fy) = find_marker(&img).unwrap();
            assert!((fx - ex).abs() < 0.02 && (fy - ey).abs() < 0.02, "{w}x{h}: {fx},{fy} vs {ex},{ey}");
            let d = bilevel_to_gray(&dither(&img));
            let (dx, dy) = find_marker(&d).unwrap();
            assert!((dx - ex).abs() < 0.02 && (dy - ey).abs() < 0.02, "dithered {w}x{h}");
        }
    }

    #[test]
    fn rotated_page_moves_the_marker() {
        let img = image::imageops::rotate90(&test_page(300, 400));
        let (fx, fy) = find_marker(&img).unwrap();
        assert!(fx > 0.5 && fy < 0.5, "{fx},{fy}");
    }

    #[test]
    fn blank_page_has_no_marker() {
        assert_eq!(find_marker(&GrayImage::from_pixel(100, 100, Luma([255]))), None);
    }
}
