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
    let area = (k * k) as u32;
    for oy in 0..nh {
        rows.iter_mut().for_each(|a| *a = 0);
        for y in (oy * k..oy * k + k).take_while(|&y| y < h) {
            for (a, &v) in rows.iter_mut().zip(&raw[y * w..y * w + w]) {
                *a += v as u32;
            }
        }
        // nw * k <= w and nh * k <= h (or the image is smaller than a block)
        for (o, chunk) in out[oy * nw..oy * nw + nw].iter_mut().zip(rows.chunks(k)) {
            *o = (chunk.iter().sum::<u32>() / area).min(255) as u8;
        }
    }
    GrayImage::from_raw(nw as u32, nh as u32, out).unwrap_or_else(|| GrayImage::new(nw as u32, nh as u32))
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
    let mut mag = vec![0u16; w * h];
    let mut hist = [0u32; 1024];
    for y in 1..h.saturating_sub(1) {
        let (up, mid, down) = (&p[(y - 1) * w..y * w], &p[y * w..(y + 1) * w], &p[(y + 1) * w..(y + 2) * w]);
        for x in 1..w - 1 {
            let (a, b, c) = (up[x - 1] as i32, up[x] as i32, up[x + 1] as i32);
            let (d, f) = (mid[x - 1] as i32, mid[x + 1] as i32);
            let (g, hh, i) = (down[x - 1] as i32, down[x] as i32, down[x + 1] as i32);
            let gx = c + 2 * f + i - a - 2 * d - g;
            let gy = g + 2 * hh + i - a - 2 * b - c;
            let m = (gx.abs() + gy.abs()).min(1023);
            mag[y * w + x] = m as u16;
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

/// Components of the edge map whose bounding box lies in
/// `min_side..=max_side` pixels on its longer side; each as the end points
/// of its horizontal pixel runs (all [`hull`] needs). Pixels up to `reach`
/// apart are connected (1: 8-connected; 2 also bridges the one-pixel gaps
/// of a faint card edge). Runs are joined by union-find, far cheaper than a
/// flood fill over every pixel's neighbourhood on a page full of text.
fn components(e: &[bool], w: usize, h: usize, reach: i32, min_side: usize, max_side: usize) -> Vec<Vec<(i32, i32)>> {
    let reach = reach.max(1) as usize;
    // runs as (y, first x, last x), in raster order; row_start[y] indexes them
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    let mut row_start = Vec::with_capacity(h + 1);
    for y in 0..h {
        row_start.push(runs.len());
        let row = &e[y * w..(y + 1) * w];
        let mut x = 0;
        while x < w {
            if row[x] {
                let s = x;
                while x < w && row[x] {
                    x += 1;
                }
                runs.push((y, s, x - 1));
            } else {
                x += 1;
            }
        }
    }
    row_start.push(runs.len());
    // union-find whose root is the set's first run in raster order
    let mut parent: Vec<usize> = (0..runs.len()).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let join = |p: &mut Vec<usize>, a: usize, b: usize| {
        let (ra, rb) = (root(p, a), root(p, b));
        p[ra.max(rb)] = ra.min(rb);
    };
    for y in 0..h {
        for dy in 1..=reach.min(y) {
            let (prev, prev_end) = (row_start[y - dy], row_start[y - dy + 1]);
            let mut k = prev;
            for i in row_start[y]..row_start[y + 1] {
                let (_, x0, x1) = runs[i];
                while k < prev_end && runs[k].2 + reach < x0 {
                    k += 1;
                }
                let mut j = k;
                while j < prev_end && runs[j].1 <= x1 + reach {
                    join(&mut parent, i, j);
                    j += 1;
                }
            }
        }
        for i in row_start[y] + 1..row_start[y + 1] {
            if runs[i].1 - runs[i - 1].2 <= reach {
                join(&mut parent, i - 1, i);
            }
        }
    }
    // bounding box per root, then the end points of the kept components
    let mut bbox: Vec<(usize, usize, usize, usize)> = vec![(usize::MAX, usize::MAX, 0, 0); runs.len()];
    let mut roots = Vec::with_capacity(runs.len());
    for (i, &(y, x0, x1)) in runs.iter().enumerate() {
        let r = root(&mut parent, i);
        roots.push(r);
        let b = &mut bbox[r];
        *b = (b.0.min(x0), b.1.min(y), b.2.max(x1), b.3.max(y));
    }
    let keep = |b: &(usize, usize, usize, usize)| {
        let side = (b.2 - b.0 + 1).max(b.3 - b.1 + 1);
        side >= min_side && side <= max_side
    };
    let mut slot = vec![usize::MAX; runs.len()];
    let mut out: Vec<Vec<(i32, i32)>> = Vec::new();
    for (i, &(y, x0, x1)) in runs.iter().enumerate() {
        let r = roots[i];
        if !keep(&bbox[r]) {
            continue;
        }
        if slot[r] == usize::MAX {
            slot[r] = out.len();
            out.push(Vec::new());
        }
        let pts = &mut out[slot[r]];
        pts.push((x0 as i32, y as i32));
        if x1 != x0 {
            pts.push((x1 as i32, y as i32));
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

/// Dilation radius for [`find_content`], in mm: bridges a gap of up to
/// 16 mm between a portrait and the text beside it. Other states' cards put
/// the photo on the right, up to ~15 mm from a short text column; at 7 mm
/// some split into two blobs, each too small for a card (see the test
/// `cards_with_the_photo_right_of_the_text_are_one_cluster_of_print`).
const BRIDGE_MM: f64 = 8.0;

/// Card rectangles inferred from clusters of print: the ink, dilated by
/// [`BRIDGE_MM`], forms one cluster per card whose extent is 72-100% of the
/// card's.
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
    // Print clearly darker than the paper; small text is light grey at this scale.
    let ink_level = (median as f64 * 0.6).max(median as f64 - 40.0) as u8;
    let ink: Vec<bool> = small.pixels().map(|p| p[0] < ink_level).collect();
    let mm = dpi / k as f64 / 25.4;
    let r = (BRIDGE_MM * mm).round().max(1.0);
    let mask = grow(&ink, w, h, r as usize);
    let min_side = (85.6 * 0.7 * mm) as usize;
    let max_side = (153.0 * mm) as usize;
    let mut out = Vec::new();
    for pts in components(&mask, w, h, 1, min_side, max_side) {
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

/// Dilates a mask by a square of radius `r` (separable: a running count of
/// set pixels over each window of 2r+1, rows then columns).
fn grow(m: &[bool], w: usize, h: usize, r: usize) -> Vec<bool> {
    fn run(line: &[bool], r: usize, out: &mut [bool]) {
        let n = line.len();
        let mut count = line[..r.min(n)].iter().filter(|&&v| v).count();
        for i in 0..n {
            if i + r < n && line[i + r] {
                count += 1;
            }
            if i > r && line[i - r - 1] {
                count -= 1;
            }
            out[i] = count > 0;
        }
    }
    let mut horiz = vec![false; w * h];
    for y in 0..h {
        run(&m[y * w..y * w + w], r, &mut horiz[y * w..y * w + w]);
    }
    let mut col = vec![false; h];
    let mut col_out = vec![false; h];
    let mut out = vec![false; w * h];
    for x in 0..w {
        for y in 0..h {
            col[y] = horiz[y * w + x];
        }
        run(&col, r, &mut col_out);
        for y in 0..h {
            out[y * w + x] = col_out[y];
        }
    }
    out
}

/// Lowest edge strength (Sobel |gx|+|gy| at ~75 dpi after smoothing): a
/// step of about 7 grey levels, so a card whose paper is a little darker or
/// lighter than the page still leaves its outline.
const EDGE_MIN: i32 = 28;

/// Lowest outline score on a page whose dpi is not known.
const MIN_SCORE_UNSCALED: f64 = 0.45;

/// One pass on `small` (the page shrunk by `k0 * k`).
fn find_at(small: &GrayImage, k: u32, k0: u32, dpi: f64, dpi_known: bool) -> Vec<Outline> {
    let small = smooth(small);
    let k = k * k0;
    let sdpi = dpi / k as f64;
    let (w, h) = (small.width() as usize, small.height() as usize);
    if w < 8 || h < 8 {
        return Vec::new();
    }
    let e = edges(&small, EDGE_MIN);
    let mm = sdpi / 25.4;
    let tol = if dpi_known { 0.1 } else { 0.35 };
    let min_side = (85.6 * mm * (1.0 - tol)) as usize;
    let max_side = (153.0 * mm * (1.0 + tol)) as usize;
    let mut found: Vec<Outline> = Vec::new();
    for pts in components(&e, w, h, 2, min_side, max_side) {
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
        // Without a known scale only the aspect was checked, so a faint,
        // broken rectangle (a block of typescript) must not pass as a card.
        if !dpi_known && score < MIN_SCORE_UNSCALED {
            continue;
        }
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
    use crate::synth::card::CardKind;
    use crate::synth::damage::Damage;
    use crate::synth::docs::NegKind;
    use crate::synth::page::{CopyLayout, Edge, copy_page, render_document};
    use crate::synth::person::DocKind;
    use crate::synth::rng::Rng;

    /// A copy page of `doc` at `dpi` under `damage` (seeds apart from the
    /// fit's and the eval's), and the centres of the copied sides. With
    /// `front_only` just the side without the MRZ of a two-sided card.
    fn copy(
        doc: DocKind,
        front_only: bool,
        dpi: f32,
        damage: Damage,
        edge: Edge,
        seed: u64,
    ) -> (GrayImage, Vec<(f32, f32)>) {
        let mut rng = Rng::new(5_000_000 + seed);
        let person = doc.random_holder(&mut rng);
        let mut r = render_document(CardKind::for_doc(doc), Some(doc), &person, dpi, &mut rng);
        if front_only && r.sides.len() > 1 {
            let front = r.sides.pop();
            r.sides = front.into_iter().collect();
        }
        let layout = CopyLayout { max_skew: 10.0, quarters: (seed % 4) as u8, edge, both_sides: !front_only };
        let p = copy_page(&r, layout, &mut rng);
        (damage.apply(p.image, dpi, &mut rng), p.placed.iter().map(|&(_, c)| c).collect())
    }

    fn found_at(found: &[Outline], c: (f32, f32)) -> Option<&Outline> {
        found.iter().find(|o| (o.centre.0 - c.0 as f64).hypot(o.centre.1 - c.1 as f64) < 0.5 * o.half.1)
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
    fn components_by_runs_match_a_pixel_flood_fill() {
        // reference: flood fill over each pixel's (2 reach + 1)^2 neighbourhood
        fn flood(e: &[bool], w: usize, h: usize, reach: i32) -> Vec<Vec<(f64, f64)>> {
            let mut seen = vec![false; e.len()];
            let mut out = Vec::new();
            for start in 0..e.len() {
                if !e[start] || seen[start] {
                    continue;
                }
                seen[start] = true;
                let (mut stack, mut pts) = (vec![start], Vec::new());
                while let Some(i) = stack.pop() {
                    let (x, y) = ((i % w) as i32, (i / w) as i32);
                    pts.push((x, y));
                    for dy in -reach..=reach {
                        for dx in -reach..=reach {
                            let (nx, ny) = (x + dx, y + dy);
                            if nx >= 0 && ny >= 0 && nx < w as i32 && ny < h as i32 {
                                let j = ny as usize * w + nx as usize;
                                if e[j] && !seen[j] {
                                    seen[j] = true;
                                    stack.push(j);
                                }
                            }
                        }
                    }
                }
                out.push(hull(pts));
            }
            out
        }
        let mut rng = crate::synth::rng::Rng::new(5);
        for case in 0..40 {
            let (w, h) = (30 + rng.below(50), 20 + rng.below(40));
            let density = 0.05 + 0.3 * (case % 4) as f64 / 3.0;
            let e: Vec<bool> = (0..w * h).map(|_| rng.chance(density)).collect();
            for reach in [1, 2] {
                let want = flood(&e, w, h, reach);
                let got: Vec<_> = components(&e, w, h, reach, 0, usize::MAX).into_iter().map(hull).collect();
                assert_eq!(got, want, "case {case} reach {reach}");
            }
        }
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
    fn shrink_averages_blocks() {
        let img = GrayImage::from_fn(8, 4, |x, _| image::Luma([if x % 2 == 0 { 0 } else { 200 }]));
        let s = shrink(&img, 2);
        assert_eq!(s.dimensions(), (4, 2));
        assert!(s.pixels().all(|p| p[0] == 100));
    }

    #[test]
    fn finds_cards_on_generated_pages() {
        let edges = [Edge::Plain, Edge::Outline, Edge::Lid];
        let table: [(DocKind, bool, f32, Damage, Format); 6] = [
            (DocKind::IdCard2010, true, 300.0, Damage::Clean, Format::Id1),
            (DocKind::IdCard2021, false, 200.0, Damage::NoiseBlur, Format::Id1),
            (DocKind::ForeignId { state: "FRA" }, true, 200.0, Damage::Jpeg, Format::Id1),
            (DocKind::Passport, false, 300.0, Damage::Dither, Format::Id3),
            (DocKind::IdCardOld, true, 150.0, Damage::Photocopy, Format::Id2),
            (DocKind::ResidencePermit, false, 300.0, Damage::Bitonal, Format::Id1),
        ];
        for (doc, front_only, dpi, damage, format) in table {
            // share of the copied sides found, at the right place and format
            let (mut hits, mut total) = (0, 0);
            for seed in 0..9 {
                let (img, centres) = copy(doc, front_only, dpi, damage, edges[seed as usize % 3], seed);
                let found = find(&img, dpi as f64, true);
                for c in centres {
                    total += 1;
                    hits += usize::from(found_at(&found, c).is_some_and(|o| o.format == format));
                }
            }
            // Known weak: light cards in a threshold-bitonal scan (the card
            // paper vanishes with its edge; 15/18 here); the eval bench prints the rate.
            let need = if damage == Damage::Bitonal { 80 } else { 85 };
            assert!(hits * 100 >= total * need, "{doc:?} {damage:?}: {hits}/{total}");
        }
    }

    #[test]
    fn faint_edges_of_cards_on_white_paper_are_found() {
        // card paper within a few grey levels of the page: the edge loop is faint
        let mut hits = 0;
        for seed in 0..12 {
            let doc = [DocKind::IdCard2010, DocKind::IdCard2021, DocKind::ForeignId { state: "POL" }][seed % 3];
            let dpi = [200.0, 300.0][seed % 2];
            let (img, centres) = copy(doc, true, dpi, Damage::NoiseBlur, Edge::Plain, 100 + seed as u64);
            hits += usize::from(found_at(&find(&img, dpi as f64, true), centres[0]).is_some());
        }
        assert!(hits >= 11, "{hits}/12");
    }

    #[test]
    fn a_light_card_lost_in_a_bitonal_scan_is_found_by_its_print() {
        // threshold-bitonal pages where the card background vanished
        let (mut found, mut content) = (0, 0);
        for seed in 0..12 {
            let doc = [DocKind::IdCard2010, DocKind::IdCard2021, DocKind::ForeignId { state: "ITA" }][seed % 3];
            let dpi = [200.0, 300.0][seed % 2];
            let (img, centres) = copy(doc, true, dpi, Damage::Bitonal, Edge::Plain, 200 + seed as u64);
            if let Some(o) = found_at(&find(&img, dpi as f64, true), centres[0]) {
                found += 1;
                content += usize::from(o.from_content);
            }
        }
        // Known weak (9/12 here): print too sparse or split into two clusters.
        assert!(found >= 9, "{found}/12");
        assert!(content >= 1, "no card was found by its print alone");
    }

    #[test]
    fn cards_with_the_photo_right_of_the_text_are_one_cluster_of_print() {
        // Other states' fronts put the photo on the right, up to ~15 mm from
        // a short text column: the print fallback alone must still see one
        // card there (at 7 mm of bridging, 2 of these 8 fell apart).
        let mut hits = 0;
        for seed in 0..8 {
            let dpi = [200.0, 300.0][seed % 2];
            let doc = DocKind::ForeignId { state: ["ITA", "POL", "FRA", "ESP"][seed % 4] };
            let (img, centres) = copy(doc, true, dpi, Damage::Clean, Edge::Plain, 300 + seed as u64);
            let k = (dpi as f64 / 75.0).round() as u32;
            let found = find_content(&shrink(&img, k), k, dpi as f64, true);
            hits += usize::from(found_at(&found, centres[0]).is_some_and(|o| o.format == Format::Id1));
        }
        assert_eq!(hits, 8, "cards found by their print");
    }

    #[test]
    fn letters_and_tables_have_no_outline() {
        for kind in [NegKind::Letter, NegKind::DenseTable] {
            for seed in 0..4 {
                let img = crate::synth::docs::render(kind, 200.0, &mut Rng::new(6_000_000 + seed)).img;
                let found = find(&img, 200.0, true);
                assert!(found.is_empty(), "{kind:?} {seed}: {found:?}");
            }
        }
    }

    #[test]
    fn typescript_of_unknown_scale_has_no_outline() {
        // Without a dpi only the aspect is checked; a block of typescript
        // once passed as a faint ID-1 outline (a scan saved without dpi).
        for seed in [0xC1EC, 0, 1, 2, 3] {
            let img = crate::synth::docs::render(NegKind::Typewriter, 200.0, &mut Rng::new(seed)).img;
            let found: Vec<_> = find(&img, 200.0, false).into_iter().filter(|o| !o.from_content).collect();
            assert!(found.is_empty(), "seed {seed}: {found:?}");
        }
    }
}
