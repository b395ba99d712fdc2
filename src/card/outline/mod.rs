//! Card outline search: ID-1, ID-2 and ID-3 rectangles at any rotation and
//! place, several per page, on a reduced image (~75 dpi).
//!
//! Method: gradient edges → 8-connected edge components → convex hull →
//! minimum-area rectangle → size check in millimetres (the page's dpi) →
//! the share of the rectangle's sides that has edge pixels beside it. A card
//! copied with a dark edge, on a black scanner lid or only as a faint step
//! against white paper all leave such a closed edge loop; text lines and
//! photos rarely form one of card size.
//!
//! `raster` prepares the page, `geometry` turns edge components into
//! rectangles, `content` is the fallback for cards without a visible edge.

mod content;
mod edges;
mod geometry;

use crate::imaging::{block_mean, smooth};
use content::find_content;
use edges::edges;
use geometry::{components, hull, long_side_on_edge, min_rect};
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
    /// Size against the true format (1 = true size; a copy reduced onto a
    /// letter is 0.4-0.7). Only the aspect was checked when it is not 1.
    pub scale: f64,
    /// True when one long side runs off the page: only the rest of the card
    /// was found and the rectangle is completed beyond the page edge (a
    /// passport data page copied with its MRZ band cut off).
    pub cut_off: bool,
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

/// Share of the rectangle's sides (corners left out) with an edge pixel
/// within 2 px across the side.
fn coverage(e: &[bool], w: usize, h: usize, c: (f64, f64), u: (f64, f64), a: f64, b: f64) -> f64 {
    coverage_of(e, w, h, c, u, a, b, None)
}

/// [`coverage`] over the sides other than `skip` (0 and 1: the long sides
/// at `+b` and `-b` across; 2 and 3: the short sides).
#[allow(clippy::too_many_arguments)]
fn coverage_of(
    e: &[bool],
    w: usize,
    h: usize,
    c: (f64, f64),
    u: (f64, f64),
    a: f64,
    b: f64,
    skip: Option<usize>,
) -> f64 {
    let v = (-u.1, u.0);
    let mut hits = 0;
    let mut total = 0;
    for side in (0..4).filter(|&s| Some(s) != skip) {
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
    find_small(&block_mean(img, k), k, dpi, dpi_known)
}

/// [`find`] on the page already shrunk by `k` (a block mean, [`block_mean`]); outlines are
/// in pixels of the unshrunk page.
pub fn find_small(small: &GrayImage, k: u32, dpi: f64, dpi_known: bool) -> Vec<Outline> {
    let mut found = find_at(small, 1, k, dpi, dpi_known);
    // A coarser pass finds faint edges in noisy or dithered scans.
    for o in find_at(&block_mean(small, 2), 2, k, dpi, dpi_known) {
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

/// Lowest edge strength (Sobel |gx|+|gy| at ~75 dpi after smoothing): a
/// step of about 7 grey levels, so a card whose paper is a little darker or
/// lighter than the page still leaves its outline.
const EDGE_MIN: i32 = 28;

/// Lowest outline score on a page whose dpi is not known.
const MIN_SCORE_UNSCALED: f64 = 0.45;

/// Scales at which a card copy is looked for when the dpi is known:
/// copies reduced onto a letter (a "Vermerk") down to 40 %, enlarged ones up
/// to 150 %.
const SCALES: (f64, f64) = (0.4, 1.5);

/// Aspect tolerance (relative) of a card found at another scale than its
/// true size: only the shape speaks for it, so it must fit closely.
/// 4.5 % keeps a 10 x 15 cm photo print (aspect 1.5) out of both shapes.
const SCALED_ASPECT_TOL: f64 = 0.045;

/// Lowest edge coverage of a card found at another scale than its true
/// size (a closed loop, not a broken frame of a form).
const SCALED_MIN_COVERAGE: f64 = 0.7;

/// The format a `2a x 2b` rectangle (pixels at `mm` px/mm) matches best:
/// format, relative error, scale (1 at true size) and the tolerance the
/// error was held to. True size wins over any other scale.
fn match_format(a: f64, b: f64, mm: f64, dpi_known: bool, tol: f64) -> Option<(Format, f64, f64, f64)> {
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
    if let Some((f, err)) = best {
        return Some((f, err, 1.0, tol));
    }
    if !dpi_known {
        return None;
    }
    // Another scale: ID-1 by its aspect (1.59); ID-2 and ID-3 share theirs
    // (1.42), and a reduced copy of that shape is most often a passport page.
    let mut scaled: Option<(Format, f64, f64)> = None;
    for f in [Format::Id1, Format::Id3] {
        let (fw, fh) = f.size_mm();
        let err = ((a / b) / (fw / fh) - 1.0).abs();
        let scale = (2.0 * a / mm) / fw;
        let in_range = (SCALES.0..=SCALES.1).contains(&scale);
        if in_range && err < SCALED_ASPECT_TOL && scaled.is_none_or(|(_, e, _)| err < e) {
            scaled = Some((f, err, scale));
        }
    }
    scaled.map(|(f, err, scale)| (f, err, scale, SCALED_ASPECT_TOL))
}

/// A passport data page whose MRZ band runs off the page keeps 72-97 % of
/// its height (the band is the lowest 9-16 mm of 88 mm); its width must
/// match ID-3 within the true-size tolerance.
const CUT_HEIGHT: (f64, f64) = (0.72, 0.97);

/// Lowest edge coverage of the three sides left on the page.
const CUT_MIN_COVERAGE: f64 = 0.7;

/// Distance in pixels (at the searched scale) within which a side lies on
/// the page edge.
const ON_EDGE_PX: f64 = 3.0;

/// A rectangle `2a x 2b` at `c` (axis `u`) whose long side lies on the page
/// edge and whose other three sides are a passport data page's: the page
/// completed beyond the edge, in pixels of the page shrunk by `kf` times
/// less. Only with a known dpi.
#[allow(clippy::too_many_arguments)]
fn cut_off_page(
    e: &[bool],
    w: usize,
    h: usize,
    c: (f64, f64),
    u: (f64, f64),
    a: f64,
    b: f64,
    mm: f64,
    tol: f64,
    kf: f64,
) -> Option<Outline> {
    let (fw, fh) = Format::Id3.size_mm();
    let err = ((2.0 * a / mm) / fw - 1.0).abs();
    let height = (2.0 * b / mm) / fh;
    if err >= tol || !(CUT_HEIGHT.0..=CUT_HEIGHT.1).contains(&height) {
        return None;
    }
    let v = (-u.1, u.0);
    // A long side with both ends within ON_EDGE_PX of one page edge.
    let sign = long_side_on_edge(c, u, (a, b), (w, h), ON_EDGE_PX)?;
    let side = if sign > 0.0 { 0 } else { 1 };
    let cov = coverage_of(e, w, h, c, u, a, b, Some(side));
    if cov < CUT_MIN_COVERAGE {
        return None;
    }
    // The page's half height at the scale its width was measured.
    let full_b = a * fh / fw;
    let shift = full_b - b;
    let centre = (c.0 + v.0 * sign * shift, c.1 + v.1 * sign * shift);
    Some(Outline {
        centre: ((centre.0 + 0.5) * kf, (centre.1 + 0.5) * kf),
        u,
        half: (a * kf, full_b * kf),
        format: Format::Id3,
        score: cov * (1.0 - 0.5 * err / tol),
        size_error: err,
        from_content: false,
        scale: 1.0,
        cut_off: true,
    })
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
    let e = edges(&small, EDGE_MIN);
    let mm = sdpi / 25.4;
    let tol = if dpi_known { 0.1 } else { 0.35 };
    // Reduced and enlarged copies: any scale in SCALES, aspect checked only.
    let min_side = (85.6 * mm * (1.0 - tol) * if dpi_known { SCALES.0 } else { 1.0 }) as usize;
    let max_side = (153.0 * mm * (1.0 + tol) * if dpi_known { SCALES.1 } else { 1.0 }) as usize;
    let mut found: Vec<Outline> = Vec::new();
    for pts in components(&e, w, h, 2, min_side.max(8), max_side) {
        let hl = hull(pts);
        let Some((c, u, a, b)) = min_rect(&hl) else { continue };
        // The hull runs along the outer edge pixels; the card edge sits ~1 px inside (blur, edge width).
        let (a, b) = ((a - 1.0).max(1.0), (b - 1.0).max(1.0));
        let kf = k as f64;
        let matched = match_format(a, b, mm, dpi_known, tol);
        // A passport page whose MRZ band runs off the paper keeps ID-3's
        // width and 72-97 % of its height: much the shape of an ID-1 card
        // enlarged by 1.46. Lying on the page edge decides for the page.
        if dpi_known
            && matched.is_none_or(|m| m.2 != 1.0)
            && let Some(o) = cut_off_page(&e, w, h, c, u, a, b, mm, tol, kf)
        {
            found.push(o);
            continue;
        }
        let Some((format, err, scale, etol)) = matched else { continue };
        let cov = coverage(&e, w, h, c, u, a, b);
        if cov < 0.5 || (scale != 1.0 && cov < SCALED_MIN_COVERAGE) {
            continue;
        }
        let score = cov * (1.0 - 0.5 * err / etol);
        // Without a known scale only the aspect was checked, so a faint,
        // broken rectangle (a block of typescript) must not pass as a card.
        if !dpi_known && score < MIN_SCORE_UNSCALED {
            continue;
        }
        found.push(Outline {
            centre: ((c.0 + 0.5) * kf, (c.1 + 0.5) * kf),
            u,
            half: (a * kf, b * kf),
            format,
            score,
            size_error: err,
            from_content: false,
            scale,
            cut_off: false,
        });
    }
    found.sort_by(|a, b| b.score.total_cmp(&a.score));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use ausweisscan_synth::card::CardKind;
    use ausweisscan_synth::damage::Damage;
    use ausweisscan_synth::docs::NegKind;
    use ausweisscan_synth::page::{CopyLayout, Edge, copy_page, render_document};
    use ausweisscan_synth::person::DocKind;
    use ausweisscan_synth::rng::Rng;

    /// A copy page of `doc` at `dpi` under `damage` (seeds apart from the
    /// fit's and the eval's), and the centres of the copied sides. With
    /// `front_only` just the side without the MRZ of a two-sided card.
    pub(super) fn copy(
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

    pub(super) fn found_at(found: &[Outline], c: (f32, f32)) -> Option<&Outline> {
        found.iter().find(|o| (o.centre.0 - c.0 as f64).hypot(o.centre.1 - c.1 as f64) < 0.5 * o.half.1)
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

    /// An A4 page at 150 dpi with a grey `w_mm` x `h_mm` card whose lower
    /// side lies `below_mm` under the page's bottom edge (negative: above).
    fn page_with_card(w_mm: f64, h_mm: f64, below_mm: f64) -> GrayImage {
        let mm = 150.0 / 25.4;
        let (pw, ph) = (1240u32, 1754u32);
        let (x0, x1) = (200.0, 200.0 + w_mm * mm);
        let y1 = ph as f64 + below_mm * mm;
        let y0 = y1 - h_mm * mm;
        GrayImage::from_fn(pw, ph, |x, y| {
            let (x, y) = (x as f64, y as f64);
            image::Luma([if x >= x0 && x < x1 && y >= y0 && y < y1 { 170 } else { 240 }])
        })
    }

    #[test]
    fn a_passport_page_running_off_the_page_is_completed_beyond_the_edge() {
        let mm = 150.0 / 25.4;
        // 125 x 88 mm page with its lowest 12 mm (the MRZ band) off the page.
        let found = find(&page_with_card(125.0, 88.0, 12.0), 150.0, true);
        let o = found.iter().find(|o| o.cut_off).expect("a cut-off outline");
        assert_eq!(o.format, Format::Id3);
        assert!((2.0 * o.half.1 / mm - 88.0).abs() < 6.0, "{o:?}");
        assert!((2.0 * o.half.0 / mm - 125.0).abs() < 6.0, "{o:?}");
        assert!(o.centre.1 + o.half.1 > 1754.0, "completed beyond the bottom edge: {o:?}");
        // The same visible part inside the page is no card (too short for
        // ID-3, too wide for ID-2), and a narrower cut page is none either.
        let inside = find(&page_with_card(125.0, 76.0, -40.0), 150.0, true);
        assert!(inside.iter().all(|o| !o.cut_off && o.format != Format::Id3), "{inside:?}");
        let narrow = find(&page_with_card(100.0, 88.0, 12.0), 150.0, true);
        assert!(narrow.iter().all(|o| !o.cut_off), "{narrow:?}");
    }

    /// A grey `w_mm` x `h_mm` card turned by `deg` about its centre `c`
    /// (pixels) on an A4 page at 150 dpi.
    fn page_with_turned_card(w_mm: f64, h_mm: f64, c: (f64, f64), deg: f64) -> GrayImage {
        let mm = 150.0 / 25.4;
        let (sn, cs) = deg.to_radians().sin_cos();
        GrayImage::from_fn(1240, 1754, |x, y| {
            let (dx, dy) = (x as f64 - c.0, y as f64 - c.1);
            let (s, t) = (dx * cs + dy * sn, -dx * sn + dy * cs);
            let inside = s.abs() < w_mm * mm / 2.0 && t.abs() < h_mm * mm / 2.0;
            image::Luma([if inside { 170 } else { 240 }])
        })
    }

    #[test]
    fn a_cut_off_passport_page_shaped_like_an_enlarged_id1_card_is_a_cut_off_page() {
        let mm = 150.0 / 25.4;
        // 90 % of the page's height left: 125 x 79 mm, the shape of an ID-1
        // card enlarged by 1.46; turned by 2 degrees, so one corner of the
        // cut side lies beyond the paper. Its lower 9 mm run off the bottom.
        for deg in [0.0, 2.0, -2.0] {
            let c = (600.0, 1754.0 - (79.0 / 2.0 - 9.0) * mm);
            let found = find(&page_with_turned_card(125.0, 79.0, c, deg), 150.0, true);
            let o = found.iter().find(|o| o.cut_off).unwrap_or_else(|| panic!("{deg}: {found:?}"));
            assert_eq!(o.format, Format::Id3);
            assert!(o.scale == 1.0 && found.iter().all(|o| o.scale == 1.0), "{deg}: {found:?}");
        }
        // The same card whole on the paper is not cut off.
        let whole = find(&page_with_turned_card(125.0, 79.0, (600.0, 800.0), 2.0), 150.0, true);
        assert!(!whole.is_empty() && whole.iter().all(|o| !o.cut_off), "{whole:?}");
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
    fn letters_and_tables_have_no_outline() {
        for kind in [NegKind::Letter, NegKind::DenseTable] {
            for seed in 0..4 {
                let img = ausweisscan_synth::docs::render(kind, 200.0, &mut Rng::new(6_000_000 + seed)).img;
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
            let img = ausweisscan_synth::docs::render(NegKind::Typewriter, 200.0, &mut Rng::new(seed)).img;
            let found: Vec<_> = find(&img, 200.0, false).into_iter().filter(|o| !o.from_content).collect();
            assert!(found.is_empty(), "seed {seed}: {found:?}");
        }
    }
}
