//! Page preparation for the outline search: block averaging to ~75 dpi,
//! smoothing and the binary edge map.

use image::GrayImage;

/// Averages `k` x `k` blocks (box filter + decimation): dithered and
/// bitonal scans become grey again. Rows are summed first (a plain add the
/// compiler vectorises), then each row sum is cut into blocks.
pub fn shrink(img: &GrayImage, k: u32) -> GrayImage {
    if k <= 1 {
        return img.clone();
    }
    let (w, h) = (img.width() as usize, img.height() as usize);
    let k = k as usize;
    let (nw, nh) = ((w / k).max(1), (h / k).max(1));
    let raw = img.as_raw();
    let mut out = vec![0u8; nw * nh];
    let mut rows = vec![0u32; w];
    let div = Divider::new((k * k) as u32);
    for oy in 0..nh {
        rows.iter_mut().for_each(|a| *a = 0);
        for y in (oy * k..oy * k + k).take_while(|&y| y < h) {
            for (a, &v) in rows.iter_mut().zip(&raw[y * w..y * w + w]) {
                *a += v as u32;
            }
        }
        // nw * k <= w and nh * k <= h (or the image is smaller than a block)
        for (o, chunk) in out[oy * nw..oy * nw + nw].iter_mut().zip(rows.chunks(k)) {
            *o = div.of(chunk.iter().sum::<u32>()).min(255) as u8;
        }
    }
    GrayImage::from_raw(nw as u32, nh as u32, out).unwrap_or_else(|| GrayImage::new(nw as u32, nh as u32))
}

/// Division by a block's area, done as a multiply and shift: a hardware
/// division per output pixel cost more than summing the block. Exact while
/// the sums stay below 2^16 and the area at most 256 (k <= 16, every scan
/// up to 1200 dpi); a plain division otherwise.
#[derive(Clone, Copy)]
struct Divider {
    d: u32,
    m: u64,
}

impl Divider {
    fn new(d: u32) -> Divider {
        let d = d.max(1);
        Divider { d, m: (1u64 << 32).div_ceil(d as u64) }
    }

    fn of(self, n: u32) -> u32 {
        if self.d <= 256 && n < 1 << 16 { ((n as u64 * self.m) >> 32) as u32 } else { n / self.d }
    }
}

/// 3x3 binomial smoothing ([1 2 1] in x and y), cheaper than a Gaussian.
pub(super) fn smooth(img: &GrayImage) -> GrayImage {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smooth_is_the_binomial_filter_with_repeated_borders() {
        let mut rng = ausweisscan_synth::rng::Rng::new(3);
        let (w, h) = (37usize, 23usize);
        let img = GrayImage::from_fn(w as u32, h as u32, |_, _| image::Luma([rng.below(256) as u8]));
        let px =
            |x: i64, y: i64| img.get_pixel(x.clamp(0, w as i64 - 1) as u32, y.clamp(0, h as i64 - 1) as u32)[0] as u32;
        let s = smooth(&img);
        for y in 0..h as i64 {
            for x in 0..w as i64 {
                let mut sum = 0;
                for (dy, a) in [(-1, 1), (0, 2), (1, 1)] {
                    for (dx, b) in [(-1, 1), (0, 2), (1, 1)] {
                        sum += a * b * px(x + dx, y + dy);
                    }
                }
                assert_eq!(s.get_pixel(x as u32, y as u32)[0] as u32, (sum + 8) / 16, "{x},{y}");
            }
        }
    }

    #[test]
    fn the_divider_divides_exactly() {
        for d in 1..=300u32 {
            let div = Divider::new(d);
            for n in (0..70_000u32).step_by(7).chain([65_535, 65_536, 1 << 20]) {
                assert_eq!(div.of(n), n / d, "{n} / {d}");
            }
        }
    }

    #[test]
    fn shrink_averages_blocks() {
        let img = GrayImage::from_fn(8, 4, |x, _| image::Luma([if x % 2 == 0 { 0 } else { 200 }]));
        let s = shrink(&img, 2);
        assert_eq!(s.dimensions(), (4, 2));
        assert!(s.pixels().all(|p| p[0] == 100));
    }
}
