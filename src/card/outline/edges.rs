//! The binary edge map of the outline search (on a block mean of the page
//! at ~75 dpi, smoothed: [`crate::imaging`]).

use image::GrayImage;

/// Binary edge map: Sobel |gx|+|gy| of the image, above `min_threshold` and
/// above three times the page's median gradient (noise and dither residue).
pub(super) fn edges(img: &GrayImage, min_threshold: i32) -> Vec<bool> {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let p = img.as_raw();
    let mut mag = vec![0u16; w * h];
    let mut hist = [0u32; 1024];
    for y in 1..h.saturating_sub(1) {
        let (up, mid, down) = (&p[(y - 1) * w..y * w], &p[y * w..(y + 1) * w], &p[(y + 1) * w..(y + 2) * w]);
        let row = &mut mag[y * w..(y + 1) * w];
        // the gradient loop is kept apart from the histogram so that it can
        // vectorise; the histogram follows per row
        for x in 1..w - 1 {
            let (a, b, c) = (up[x - 1] as i32, up[x] as i32, up[x + 1] as i32);
            let (d, f) = (mid[x - 1] as i32, mid[x + 1] as i32);
            let (g, hh, i) = (down[x - 1] as i32, down[x] as i32, down[x + 1] as i32);
            let gx = c + 2 * f + i - a - 2 * d - g;
            let gy = g + 2 * hh + i - a - 2 * b - c;
            row[x] = (gx.abs() + gy.abs()).min(1023) as u16;
        }
        for &m in &row[1..w - 1] {
            hist[m as usize] += 1;
        }
    }
    let half = hist.iter().sum::<u32>() / 2;
    let mut acc = 0;
    let median = hist
        .iter()
        .position(|&c| {
            acc += c;
            acc >= half
        })
        .unwrap_or(0) as i32;
    let threshold = min_threshold.max(3 * median);
    mag.into_iter().map(|m| i32::from(m) > threshold).collect()
}
