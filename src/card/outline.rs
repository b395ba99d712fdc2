//! Card outline search: ID-1, ID-2 and ID-3 rectangles at any rotation and
//! place, several per page, on a reduced image (~75 dpi).
//!
//! Method: gradient edges → 8-connected edge components → convex hull →
//! minimum-area rectangle → size check in millimetres (the page's dpi) →
//! the share of the rectangle's sides that has edge pixels beside it. A card
//! copied with a dark edge, on a black scanner lid or only as a faint step
//! against white paper all leave such a closed edge loop; text lines and
//! photos rarely form one of card size.

use image::GrayImage;

/// Physical card formats (ISO/IEC 7810).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// 85.60 x 53.98 mm: ID cards, residence permits, look-alikes.
    Id1,
    /// 105 x 74 mm: the old German ID card.
    Id2,
    /// 125 x 88 mm: passport data page.
    Id3,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 3] = [Format::Id1, Format::Id2, Format::Id3];
    /// Width and height in mm.
    pub fn size_mm(self) -> (f64, f64) {
        match self {
            Format::Id1 => (85.6, 53.98),
            Format::Id2 => (105.0, 74.0),
            Format::Id3 => (125.0, 88.0),
        }
    }
    /// Name used in evidence details.
    pub fn name(self) -> &'static str {
        match self {
            Format::Id1 => "ID-1",
            Format::Id2 => "ID-2",
            Format::Id3 => "ID-3",
        }
    }
}

/// A card-shaped rectangle on the page, in pixels of the searched image's
/// source (full resolution).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outline {
    /// Centre.
    pub centre: (f64, f64),
    /// Unit vector along the long side (x >= 0).
    pub u: (f64, f64),
    /// Half of the long and of the short side.
    pub half: (f64, f64),
    /// The matched format.
    pub format: Format,
    /// 0..1: edge coverage of the sides times size agreement.
    pub score: f64,
    /// Relative size error against the format (0 = exact).
    pub size_error: f64,
    /// True when no edge was found and the rectangle was inferred from a
    /// card-sized cluster of print (a light card lost in a bitonal scan).
    pub from_content: bool,
}

impl Outline {
    /// Page point for card coordinates (s, t) in 0..1 (s along the long side);
    /// `flip` turns the card by 180 degrees.
    pub fn point(&self, s: f64, t: f64, flip: bool) -> (f64, f64) {
        let (s, t) = if flip { (1.0 - s, 1.0 - t) } else { (s, t) };
        let v = (-self.u.1, self.u.0);
        let a = (s - 0.5) * 2.0 * self.half.0;
        let b = (t - 0.5) * 2.0 * self.half.1;
        (self.centre.0 + a * self.u.0 + b * v.0, self.centre.1 + a * self.u.1 + b * v.1)
    }
}

/// Sums `k` x `k` blocks (box filter + decimation): dithered and bitonal
/// scans become grey again.
pub fn shrink(img: &GrayImage, k: u32) -> GrayImage {
    if k <= 1 {
        return img.clone();
    }
    let (w, h) = img.dimensions();
    let (nw, nh) = (w / k, h / k);
    let mut out = GrayImage::new(nw.max(1), nh.max(1));
    let raw = img.as_raw();
    let mut acc = vec![0u32; nw as usize];
    let area = k * k;
    for oy in 0..nh {
        acc.iter_mut().for_each(|a| *a = 0);
        for y in oy * k..oy * k + k {
            let row = &raw[(y * w) as usize..(y * w + nw * k) as usize];
            for (a, chunk) in acc.iter_mut().zip(row.chunks_exact(k as usize)) {
                *a += chunk.iter().map(|&v| v as u32).sum::<u32>();
            }
        }
        for (ox, a) in acc.iter().enumerate() {
            out.put_pixel(ox as u32, oy, image::Luma([(a / area) as u8]));
        }
    }
    out
}

/// 3x3 binomial smoothing ([1 2 1] in x and y), cheaper than a Gaussian.
fn smooth(img: &GrayImage) -> GrayImage {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let p = img.as_raw();
    let mut tmp = vec![0u16; w * h];
    for y in 0..h {
        for x in 0..w {
            let l = p[y * w + x.saturating_sub(1)] as u16;
            let r = p[y * w + (x + 1).min(w - 1)] as u16;
            tmp[y * w + x] = l + 2 * p[y * w + x] as u16 + r;
        }
    }
    let mut out = vec![0u8; w * h];
    for y in 0..h {
        for x in 0..w {
            let u = tmp[y.saturating_sub(1) * w + x] as u32;
            let d = tmp[(y + 1).min(h - 1) * w + x] as u32;
            out[y * w + x] = ((u + 2 * tmp[y * w + x] as u32 + d + 8) / 16) as u8;
        }
    }
    GrayImage::from_raw(w as u32, h as u32, out).unwrap_or_else(|| img.clone())
}

/// Binary edge map: Sobel |gx|+|gy| of the image, above `min_threshold` and
/// above three times the page's median gradient (noise and dither residue).
fn edges(img: &GrayImage, min_threshold: i32) -> Vec<bool> {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let p = img.as_raw();
    let mut mag = vec![0i32; w * h];
    let mut hist = [0u32; 1024];
    for y in 1..h.saturating_sub(1) {
        for x in 1..w - 1 {
            let at = |dx: isize, dy: isize| p[((y as isize + dy) as usize) * w + (x as isize + dx) as usize] as i32;
            let gx = at(1, -1) + 2 * at(1, 0) + at(1, 1) - at(-1, -1) - 2 * at(-1, 0) - at(-1, 1);
            let gy = at(-1, 1) + 2 * at(0, 1) + at(1, 1) - at(-1, -1) - 2 * at(0, -1) - at(1, -1);
            let m = gx.abs() + gy.abs();
            mag[y * w + x] = m;
            hist[(m as usize).min(1023)] += 1;
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
    mag.into_iter().map(|m| m > threshold).collect()
}

/// 8-connected components of the edge map whose bounding box lies in
/// `min_side..=max_side` pixels on its longer side; each as its point list.
fn components(e: &[bool], w: usize, h: usize, min_side: usize, max_side: usize) -> Vec<Vec<(i32, i32)>> {
    let mut seen = vec![false; e.len()];
    let mut out = Vec::new();
    let mut stack = Vec::new();
    for start in 0..e.len() {
        if !e[start] || seen[start] {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        let mut pts = Vec::new();
        let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
        while let Some(i) = stack.pop() {
            let (x, y) = (i % w, i / w);
            pts.push((x as i32, y as i32));
            x0 = x0.min(x);
            x1 = x1.max(x);
            y0 = y0.min(y);
            y1 = y1.max(y);
            for dy in -1i32..=1 {
                for dx in -1i32..=1 {
                    let (nx, ny) = (x as i32 + dx, y as i32 + dy);
                    if nx < 0 || ny < 0 || nx >= w as i32 || ny >= h as i32 {
                        continue;
                    }
                    let j = ny as usize * w + nx as usize;
                    if e[j] && !seen[j] {
                        seen[j] = true;
                        stack.push(j);
                    }
                }
            }
        }
        let side = (x1 - x0 + 1).max(y1 - y0 + 1);
        if side >= min_side && side <= max_side {
            out.push(pts);
        }
    }
    out
}

/// Convex hull (monotone chain) of integer points.
fn hull(mut pts: Vec<(i32, i32)>) -> Vec<(f64, f64)> {
    pts.sort_unstable();
    pts.dedup();
    if pts.len() < 3 {
        return pts.into_iter().map(|(x, y)| (x as f64, y as f64)).collect();
    }
    let cross = |o: (i32, i32), a: (i32, i32), b: (i32, i32)| {
        (a.0 - o.0) as i64 * (b.1 - o.1) as i64 - (a.1 - o.1) as i64 * (b.0 - o.0) as i64
    };
    let mut lower: Vec<(i32, i32)> = Vec::new();
    for &p in &pts {
        while lower.len() >= 2 && cross(lower[lower.len() - 2], lower[lower.len() - 1], p) <= 0 {
            lower.pop();
        }
        lower.push(p);
    }
    let mut upper: Vec<(i32, i32)> = Vec::new();
    for &p in pts.iter().rev() {
        while upper.len() >= 2 && cross(upper[upper.len() - 2], upper[upper.len() - 1], p) <= 0 {
            upper.pop();
        }
        upper.push(p);
    }
    lower.pop();
    upper.pop();
    lower.extend(upper);
    lower.into_iter().map(|(x, y)| (x as f64, y as f64)).collect()
}

/// A fitted rectangle: centre, unit long axis, half long side, half short side.
type RectFit = ((f64, f64), (f64, f64), f64, f64);

/// Minimum-area enclosing rectangle of a convex polygon (rotating edges):
/// (centre, unit long axis, half long, half short).
fn min_rect(h: &[(f64, f64)]) -> Option<RectFit> {
    if h.len() < 3 {
        return None;
    }
    let mut best: Option<(f64, RectFit)> = None;
    for i in 0..h.len() {
        let (a, b) = (h[i], h[(i + 1) % h.len()]);
        let len = (b.0 - a.0).hypot(b.1 - a.1);
        if len < 1e-9 {
            continue;
        }
        let u = ((b.0 - a.0) / len, (b.1 - a.1) / len);
        let v = (-u.1, u.0);
        let (mut s0, mut s1, mut t0, mut t1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for p in h {
            let s = p.0 * u.0 + p.1 * u.1;
            let t = p.0 * v.0 + p.1 * v.1;
            s0 = s0.min(s);
            s1 = s1.max(s);
            t0 = t0.min(t);
            t1 = t1.max(t);
        }
        let area = (s1 - s0) * (t1 - t0);
        if best.is_none_or(|b| area < b.0) {
            let (cs, ct) = ((s0 + s1) / 2.0, (t0 + t1) / 2.0);
            let c = (cs * u.0 + ct * v.0, cs * u.1 + ct * v.1);
            best = Some((area, (c, u, (s1 - s0) / 2.0, (t1 - t0) / 2.0)));
        }
    }
    let (_, (c, u, hs, ht)) = best?;
    let (u, a, b) = if hs >= ht { (u, hs, ht) } else { ((-u.1, u.0), ht, hs) };
    let u = if u.0 < 0.0 || (u.0 == 0.0 && u.1 < 0.0) { (-u.0, -u.1) } else { u };
    Some((c, u, a, b))
}

/// Share of the rectangle's sides (corners left out) with an edge pixel
/// within 2 px across the side.
fn coverage(e: &[bool], w: usize, h: usize, c: (f64, f64), u: (f64, f64), a: f64, b: f64) -> f64 {
    let v = (-u.1, u.0);
    let mut hits = 0;
    let mut total = 0;
    for side in 0..4 {
        let (along, across, half_len, off) = match side {
            0 => (u, v, a, b),
            1 => (u, v, a, -b),
            2 => (v, u, b, a),
            _ => (v, u, b, -a),
        };
        for k in 0..24 {
            let t = -0.8 + 1.6 * k as f64 / 23.0;
            let px = c.0 + along.0 * t * half_len + across.0 * off;
            let py = c.1 + along.1 * t * half_len + across.1 * off;
            total += 1;
            let hit = (-2..=2).any(|d| {
                let x = (px + across.0 * d as f64).round() as i64;
                let y = (py + across.1 * d as f64).round() as i64;
                x >= 0 && y >= 0 && (x as usize) < w && (y as usize) < h && e[y as usize * w + x as usize]
            });
            if hit {
                hits += 1;
            }
        }
    }
    hits as f64 / total as f64
}

/// Finds card outlines in `img` (a page at `dpi`; `dpi_known` false means
/// the dpi is a guess and only the aspect ratio is trusted). Best first.
pub fn find(img: &GrayImage, dpi: f64, dpi_known: bool) -> Vec<Outline> {
    let k = (dpi / 75.0).round().max(1.0) as u32;
    find_small(&shrink(img, k), k, dpi, dpi_known)
}

/// [`find`] on the page already shrunk by `k` (see [`shrink`]); outlines are
/// in pixels of the unshrunk page.
pub fn find_small(small: &GrayImage, k: u32, dpi: f64, dpi_known: bool) -> Vec<Outline> {
    let mut found = find_at(small, 1, k, dpi, dpi_known);
    // A coarser pass finds faint edges in noisy or dithered scans.
    for o in find_at(&shrink(small, 2), 2, k, dpi, dpi_known) {
        let dup = found
            .iter()
            .any(|f| (f.centre.0 - o.centre.0).hypot(f.centre.1 - o.centre.1) < 0.5 * f.half.1.min(o.half.1));
        if !dup {
            found.push(Outline { score: o.score * 0.95, ..o });
        }
    }
    for o in find_content(small, k, dpi, dpi_known) {
        let dup = found
            .iter()
            .any(|f| (f.centre.0 - o.centre.0).hypot(f.centre.1 - o.centre.1) < 0.5 * f.half.1.min(o.half.1));
        if !dup {
            found.push(o);
        }
    }
    found.sort_by(|a, b| b.score.total_cmp(&a.score));
    found
}

/// Strength given to outlines inferred from print alone.
const CONTENT_SCORE: f64 = 0.5;

/// Card rectangles inferred from clusters of print: the ink, dilated by
/// 6 mm, forms one cluster per card whose extent is 72-100% of the card's.
fn find_content(small: &GrayImage, k: u32, dpi: f64, dpi_known: bool) -> Vec<Outline> {
    let (w, h) = (small.width() as usize, small.height() as usize);
    let mut hist = [0u32; 256];
    small.pixels().for_each(|p| hist[p[0] as usize] += 1);
    let mut acc = 0;
    let median = hist
        .iter()
        .position(|&c| {
            acc += c;
            acc as usize >= w * h / 2
        })
        .unwrap_or(255) as u8;
    let ink_level = (median as f64 * 0.6) as u8;
    let ink: Vec<bool> = small.pixels().map(|p| p[0] < ink_level).collect();
    let mm = dpi / k as f64 / 25.4;
    let r = (6.0 * mm).round().max(1.0);
    let mask = grow(&ink, w, h, r as usize);
    let min_side = (85.6 * 0.7 * mm) as usize;
    let max_side = (153.0 * mm) as usize;
    let mut out = Vec::new();
    for pts in components(&mask, w, h, min_side, max_side) {
        let Some((c, u, a, b)) = min_rect(&hull(pts)) else { continue };
        let (a, b) = ((a - r) / mm * 2.0, (b - r) / mm * 2.0);
        let mut best: Option<(Format, f64)> = None;
        for f in Format::ALL {
            let (fw, fh) = f.size_mm();
            let (ra, rb) = (a / fw, b / fh);
            let ok = if dpi_known {
                (0.72..=1.01).contains(&ra) && (0.72..=1.01).contains(&rb)
            } else {
                ((a / b) / (fw / fh) - 1.0).abs() < 0.12
            };
            let err = (1.0 - ra).abs().max((1.0 - rb).abs());
            if ok && best.is_none_or(|(_, e)| err < e) {
                best = Some((f, err));
            }
        }
        let Some((format, err)) = best else { continue };
        let (fw, fh) = format.size_mm();
        let kf = k as f64;
        out.push(Outline {
            centre: ((c.0 + 0.5) * kf, (c.1 + 0.5) * kf),
            u,
            half: (fw / 2.0 * mm * kf, fh / 2.0 * mm * kf),
            format,
            score: CONTENT_SCORE,
            size_error: err,
            from_content: true,
        });
    }
    out
}

/// Dilates a mask by a square of radius `r` (separable running window).
fn grow(m: &[bool], w: usize, h: usize, r: usize) -> Vec<bool> {
    let run = |get: &dyn Fn(usize) -> bool, n: usize, out: &mut dyn FnMut(usize, bool)| {
        // distance to the last set pixel, forwards and backwards
        let mut last: Option<usize> = None;
        let mut fwd = vec![false; n];
        for (i, f) in fwd.iter_mut().enumerate() {
            if get(i) {
                last = Some(i);
            }
            *f = last.is_some_and(|l| i - l <= r);
        }
        let mut next: Option<usize> = None;
        for i in (0..n).rev() {
            if get(i) {
                next = Some(i);
            }
            out(i, fwd[i] || next.is_some_and(|nx| nx - i <= r));
        }
    };
    let mut horiz = vec![false; w * h];
    for y in 0..h {
        run(&|x| m[y * w + x], w, &mut |x, v| horiz[y * w + x] = v);
    }
    let mut out = vec![false; w * h];
    for x in 0..w {
        run(&|y| horiz[y * w + x], h, &mut |y, v| out[y * w + x] = v);
    }
    out
}

/// One pass on `small` (the page shrunk by `k0 * k`).
fn find_at(small: &GrayImage, k: u32, k0: u32, dpi: f64, dpi_known: bool) -> Vec<Outline> {
    let small = smooth(small);
    let k = k * k0;
    let sdpi = dpi / k as f64;
    let (w, h) = (small.width() as usize, small.height() as usize);
    if w < 8 || h < 8 {
        return Vec::new();
    }
    let e = edges(&small, 56);
    let mm = sdpi / 25.4;
    let tol = if dpi_known { 0.1 } else { 0.35 };
    let min_side = (85.6 * mm * (1.0 - tol)) as usize;
    let max_side = (153.0 * mm * (1.0 + tol)) as usize;
    let mut found: Vec<Outline> = Vec::new();
    for pts in components(&e, w, h, min_side, max_side) {
        let hl = hull(pts);
        let Some((c, u, a, b)) = min_rect(&hl) else { continue };
        // The hull runs along the outer edge pixels; the card edge sits ~1 px inside (blur, edge width).
        let (a, b) = ((a - 1.0).max(1.0), (b - 1.0).max(1.0));
        let mut best: Option<(Format, f64)> = None;
        for f in Format::ALL {
            let (fw, fh) = f.size_mm();
            let err = if dpi_known {
                ((2.0 * a / mm) / fw - 1.0).abs().max(((2.0 * b / mm) / fh - 1.0).abs())
            } else {
                ((a / b) / (fw / fh) - 1.0).abs() * 2.0
            };
            if err < tol && best.is_none_or(|(_, e)| err < e) {
                best = Some((f, err));
            }
        }
        let Some((format, err)) = best else { continue };
        let cov = coverage(&e, w, h, c, u, a, b);
        if cov < 0.5 {
            continue;
        }
        let score = cov * (1.0 - 0.5 * err / tol);
        let kf = k as f64;
        found.push(Outline {
            centre: ((c.0 + 0.5) * kf, (c.1 + 0.5) * kf),
            u,
            half: (a * kf, b * kf),
            format,
            score,
            size_error: err,
            from_content: false,
        });
    }
    found.sort_by(|a, b| b.score.total_cmp(&a.score));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::specimen::{Condition, PageKind, page};

    fn cond(dpi: f32, bitonal: bool, dither: bool) -> Condition {
        Condition { dpi, bitonal, dither }
    }

    #[test]
    fn min_rect_of_a_rotated_rectangle() {
        let (s, c) = 0.3f64.sin_cos();
        let pts: Vec<(f64, f64)> = [(-50.0, -30.0), (50.0, -30.0), (50.0, 30.0), (-50.0, 30.0)]
            .iter()
            .map(|&(x, y)| (100.0 + c * x - s * y, 100.0 + s * x + c * y))
            .collect();
        let (ctr, u, a, b) = min_rect(&pts).unwrap();
        assert!((ctr.0 - 100.0).abs() < 1e-6 && (ctr.1 - 100.0).abs() < 1e-6);
        assert!((a - 50.0).abs() < 1e-6 && (b - 30.0).abs() < 1e-6);
        assert!((u.0 - c).abs() < 1e-6 && (u.1 - s).abs() < 1e-6);
    }

    #[test]
    fn grow_dilates_by_a_square() {
        let mut m = vec![false; 9 * 7];
        m[3 * 9 + 4] = true;
        let g = grow(&m, 9, 7, 2);
        let set: Vec<(usize, usize)> = (0..63).filter(|&i| g[i]).map(|i| (i % 9, i / 9)).collect();
        assert_eq!(set.len(), 25);
        assert!(set.iter().all(|&(x, y)| (2..=6).contains(&x) && (1..=5).contains(&y)));
    }

    #[test]
    fn a_light_card_lost_in_a_bitonal_scan_is_found_by_its_print() {
        // threshold-bitonal pages where the card background vanished
        let mut found = 0;
        let mut content = 0;
        for seed in (0..48).filter(|s| crate::card::specimen::condition(*s).bitonal) {
            let c = crate::card::specimen::condition(seed);
            let s = page(PageKind::IdFront, c, seed);
            let f = find(&s.image, c.dpi as f64, true);
            let (cx, cy) = s.cards[0].1;
            if let Some(o) = f.iter().find(|o| (o.centre.0 - cx).hypot(o.centre.1 - cy) < 0.5 * o.half.1) {
                found += 1;
                content += usize::from(o.from_content);
            }
        }
        assert!(found >= 22, "{found}/24");
        assert!(content >= 1, "no card was found by its print alone");
    }

    #[test]
    fn shrink_averages_blocks() {
        let img = GrayImage::from_fn(8, 4, |x, _| image::Luma([if x % 2 == 0 { 0 } else { 200 }]));
        let s = shrink(&img, 2);
        assert_eq!(s.dimensions(), (4, 2));
        assert!(s.pixels().all(|p| p[0] == 100));
    }

    #[test]
    fn finds_cards_on_generated_pages() {
        let table: [(PageKind, Condition, usize, Format); 5] = [
            (PageKind::IdFront, cond(300.0, false, false), 1, Format::Id1),
            (PageKind::IdFrontBack, cond(200.0, false, false), 2, Format::Id1),
            (PageKind::Passport, cond(300.0, true, true), 1, Format::Id3),
            (PageKind::OldId, cond(150.0, false, false), 1, Format::Id2),
            (PageKind::Residence, cond(300.0, true, true), 2, Format::Id1),
        ];
        for (kind, c, n, format) in table {
            // share of the placed cards found, at the right place and format
            let (mut found_cards, mut total) = (0, 0);
            for seed in 0..8 {
                let s = page(kind, c, seed);
                assert_eq!(s.cards.len(), n);
                let found = find(&s.image, c.dpi as f64, true);
                for (_, (cx, cy), _) in &s.cards {
                    total += 1;
                    let hit = found
                        .iter()
                        .any(|o| o.format == format && (o.centre.0 - cx).hypot(o.centre.1 - cy) < 0.5 * o.half.1);
                    found_cards += usize::from(hit);
                }
            }
            // Known weak: two light cards a few mm apart in a dithered scan
            // (the outline merges or fades); the eval bench prints the rate.
            let need = if kind == PageKind::Residence { 60 } else { 85 };
            assert!(found_cards * 100 >= total * need, "{kind:?}: {found_cards}/{total}");
        }
    }

    #[test]
    fn letters_and_tables_have_no_outline() {
        for kind in [PageKind::Letter, PageKind::Table] {
            for seed in 0..4 {
                let s = page(kind, cond(200.0, false, false), seed);
                assert!(find(&s.image, 200.0, true).is_empty(), "{kind:?} {seed}");
            }
        }
    }
}
