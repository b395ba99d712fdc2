//! A4 pages at a given dpi with documents placed on them as a copier or
//! scanner shows them: anywhere on the page, skewed, with a dark card edge
//! or on the black of an open scanner lid, and the whole page turned by a
//! quarter turn when it was fed sideways.

use crate::card::{Card, CardData, CardKind, CardSide, MRZ_CAP, MRZ_PITCH, render};
use crate::draw::{Canvas, Face, mm_px};
use crate::person::{DocKind, Person};
use crate::rng::Rng;
use image::{GrayImage, Luma};

/// A4 in mm (portrait).
pub const A4: (f32, f32) = (210.0, 297.0);

/// How the document's surroundings look on the copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Edge {
    /// Clean cut-out on white paper.
    Plain,
    /// A dark outline where the card edge threw a shadow.
    Outline,
    /// The copier lid was open: black all around the documents.
    Lid,
}

/// A blank A4 page of paper tone at `dpi`.
pub fn blank(dpi: f32, rng: &mut Rng) -> GrayImage {
    let w = mm_px(A4.0, dpi).round() as u32;
    let h = mm_px(A4.1, dpi).round() as u32;
    GrayImage::from_pixel(w, h, Luma([rng.range(238, 256) as u8]))
}

/// Signed distance (px) from (`u`, `v`) to the rounded rectangle `w` x `h`
/// with corner radius `r`; negative inside.
fn rounded_rect_sdf(u: f32, v: f32, w: f32, h: f32, r: f32) -> f32 {
    let qx = (u - w / 2.0).abs() - (w / 2.0 - r);
    let qy = (v - h / 2.0).abs() - (h / 2.0 - r);
    let outside = (qx.max(0.0).powi(2) + qy.max(0.0).powi(2)).sqrt();
    outside + qx.max(qy).min(0.0) - r
}

fn bilinear(img: &GrayImage, u: f32, v: f32) -> f32 {
    let (w, h) = img.dimensions();
    let x = (u - 0.5).clamp(0.0, w as f32 - 1.0);
    let y = (v - 0.5).clamp(0.0, h as f32 - 1.0);
    let (x0, y0) = (x.floor() as u32, y.floor() as u32);
    let (x1, y1) = ((x0 + 1).min(w - 1), (y0 + 1).min(h - 1));
    let (fx, fy) = (x - x0 as f32, y - y0 as f32);
    let p = |xx, yy| img.get_pixel(xx, yy).0[0] as f32;
    let top = p(x0, y0) * (1.0 - fx) + p(x1, y0) * fx;
    let bot = p(x0, y1) * (1.0 - fx) + p(x1, y1) * fx;
    top * (1.0 - fy) + bot * fy
}

/// Pastes `card` centred at (`cx`, `cy`) px, turned by `angle_deg`
/// (counter-clockwise as seen), cutting its rounded corners. With
/// [`Edge::Outline`] a dark rim about 0.3 mm wide surrounds it. Returns the
/// axis-aligned box covered, in px `[x0, y0, x1, y1]`.
pub fn place(page: &mut GrayImage, card: &Card, cx: f32, cy: f32, angle_deg: f32, edge: Edge) -> [f32; 4] {
    let (cw, ch) = (card.img.width() as f32, card.img.height() as f32);
    let rim = if edge == Edge::Outline { mm_px(0.3, card.dpi).max(1.0) } else { 0.0 };
    let (s, c) = (-angle_deg.to_radians()).sin_cos();
    let hw = cw / 2.0 + rim + 1.0;
    let hh = ch / 2.0 + rim + 1.0;
    let ex = hw * c.abs() + hh * s.abs();
    let ey = hw * s.abs() + hh * c.abs();
    let (pw, ph) = page.dimensions();
    let x0 = (cx - ex).floor().max(0.0) as u32;
    let y0 = (cy - ey).floor().max(0.0) as u32;
    let x1 = ((cx + ex).ceil().max(0.0) as u32).min(pw);
    let y1 = ((cy + ey).ceil().max(0.0) as u32).min(ph);
    for y in y0..y1 {
        for x in x0..x1 {
            let (dx, dy) = (x as f32 + 0.5 - cx, y as f32 + 0.5 - cy);
            // Inverse rotation into card coordinates.
            let u = c * dx + s * dy + cw / 2.0;
            let v = -s * dx + c * dy + ch / 2.0;
            let d = rounded_rect_sdf(u, v, cw, ch, card.corner_px);
            if d > rim + 0.5 {
                continue;
            }
            let mut val = page.get_pixel(x, y).0[0] as f32;
            if rim > 0.0 {
                let a_rim = (rim + 0.5 - d).clamp(0.0, 1.0);
                val = val * (1.0 - a_rim) + 40.0 * a_rim;
            }
            let a_card = (0.5 - d).clamp(0.0, 1.0);
            if a_card > 0.0 {
                val = val * (1.0 - a_card) + bilinear(&card.img, u, v) * a_card;
            }
            let v = val;
            page.put_pixel(x, y, Luma([v.round().clamp(0.0, 255.0) as u8]));
        }
    }
    [x0 as f32, y0 as f32, x1 as f32, y1 as f32]
}

/// OCR-B rows at MRZ geometry ([`MRZ_PITCH`], capitals [`MRZ_CAP`] high),
/// baselines `line_mm` apart, `ink` on a strip of `paper` with a margin of
/// two capitals: an MRZ (or MRZ-like rows) alone, to draw more on and
/// paste onto a page at any angle with [`place`] (as a [`Card`] with square
/// corners).
pub fn ocrb_rows(lines: &[String], dpi: f32, line_mm: f32, ink: u8, paper: u8) -> Canvas {
    let n = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f32;
    let margin = 2.0 * MRZ_CAP;
    let w = n * MRZ_PITCH + 2.0 * margin;
    let h = (lines.len().max(1) - 1) as f32 * line_mm + MRZ_CAP + 2.0 * margin;
    let mut c = Canvas::new(w, h, dpi, paper);
    for (i, l) in lines.iter().enumerate() {
        c.mono((margin, margin + MRZ_CAP + i as f32 * line_mm), MRZ_PITCH, MRZ_CAP, Face::OcrB, l, ink);
    }
    c
}

/// Turns the page by `quarters` x 90 degrees clockwise (a sheet fed sideways
/// or upside down).
pub fn turn(img: GrayImage, quarters: u8) -> GrayImage {
    match quarters % 4 {
        1 => image::imageops::rotate90(&img),
        2 => image::imageops::rotate180(&img),
        3 => image::imageops::rotate270(&img),
        _ => img,
    }
}

/// How a copy page is laid out.
#[derive(Clone, Copy, Debug)]
pub struct CopyLayout {
    /// Largest skew in degrees (uniform in ±`max_skew`).
    pub max_skew: f32,
    /// Quarter turns of the whole page, clockwise.
    pub quarters: u8,
    /// Surroundings of the documents.
    pub edge: Edge,
    /// Copy the second side too (front and back on one page).
    pub both_sides: bool,
}

/// A generated page and what is on it.
#[derive(Clone, Debug)]
pub struct SynthPage {
    /// The page as scanned.
    pub image: GrayImage,
    /// Resolution.
    pub dpi: f32,
    /// The MRZ lines printed on the page (empty for negatives and look-alikes).
    pub truth: Vec<String>,
    /// What was copied, if a document.
    pub kind: Option<CardKind>,
    /// Where each copied side landed: its index in [`Rendered::sides`] and
    /// its centre in px of the (turned) page; tests and tools check
    /// detectors against it.
    pub placed: Vec<(usize, (f32, f32))>,
}

/// The sides of one document, rendered once so many pages can reuse them.
#[derive(Clone, Debug)]
pub struct Rendered {
    /// The layout.
    pub kind: CardKind,
    /// The MRZ side (or the only side) first, then the other side if any.
    pub sides: Vec<Card>,
    /// MRZ lines printed on it.
    pub truth: Vec<String>,
}

/// Renders `person`'s document of `doc` (or a look-alike of `kind` when
/// `doc` is `None`) at `dpi`.
pub fn render_document(kind: CardKind, doc: Option<DocKind>, person: &Person, dpi: f32, rng: &mut Rng) -> Rendered {
    let data = CardData::new(person, doc, rng);
    let first = kind.mrz_side();
    let mut sides = vec![render(kind, first, &data, dpi, rng)];
    if kind.has_back() {
        let other = if first == CardSide::Front { CardSide::Back } else { CardSide::Front };
        sides.push(render(kind, other, &data, dpi, rng));
    }
    Rendered { kind, sides, truth: data.mrz }
}

/// A blank A4 page at `dpi`; under a dark scanner lid ([`Edge::Lid`]) the
/// whole page is dark around what is copied.
pub fn copy_ground(dpi: f32, edge: Edge, rng: &mut Rng) -> GrayImage {
    let mut page = blank(dpi, rng);
    if edge == Edge::Lid {
        let dark = rng.range(5, 45) as u8;
        page.pixels_mut().for_each(|p| p.0[0] = dark);
    }
    page
}

/// A random centre for a `cw` x `ch` card in band `i` of `n` horizontal
/// bands of a `pw` x `ph` page (6 mm from the band's edges where it fits).
pub fn spot_in_band(card: (f32, f32), page: (f32, f32), i: usize, n: f32, dpi: f32, rng: &mut Rng) -> (f32, f32) {
    let ((cw, ch), (pw, ph)) = (card, page);
    let r = (cw * cw + ch * ch).sqrt() / 2.0;
    let band = ph / n;
    let (rx, ry) = ((cw / 2.0).max(r * 0.9), (ch / 2.0).max(r * 0.5));
    let margin = mm_px(6.0, dpi);
    let cx_lo = (rx + margin).min(pw / 2.0);
    let cx_hi = (pw - rx - margin).max(cx_lo);
    let cy_lo = (band * i as f32 + ry + margin).min(band * (i as f32 + 0.5));
    let cy_hi = (band * (i as f32 + 1.0) - ry - margin).max(cy_lo);
    let cx = rng.uniform(cx_lo as f64, cx_hi as f64 + 1.0) as f32;
    let cy = rng.uniform(cy_lo as f64, cy_hi as f64 + 1.0) as f32;
    (cx, cy)
}

/// A photocopy page of `doc`: one or both sides placed at random free
/// spots of an A4 page, skewed, then turned.
pub fn copy_page(doc: &Rendered, layout: CopyLayout, rng: &mut Rng) -> SynthPage {
    let dpi = doc.sides[0].dpi;
    let mut page = copy_ground(dpi, layout.edge, rng);
    let (pw, ph) = (page.width() as f32, page.height() as f32);
    let mut cards: Vec<(usize, &Card)> = vec![(0, &doc.sides[0])];
    if layout.both_sides && doc.sides.len() > 1 {
        cards.push((1, &doc.sides[1]));
        if rng.chance(0.5) {
            cards.reverse();
        }
    }
    let mut placed = Vec::with_capacity(cards.len());
    let n = cards.len() as f32;
    let base_skew = rng.uniform(-layout.max_skew as f64, layout.max_skew as f64) as f32;
    // Stack the documents vertically, each in its own band of the page.
    for (i, &(side, card)) in cards.iter().enumerate() {
        let (cw, ch) = (card.img.width() as f32, card.img.height() as f32);
        let skew = base_skew + rng.uniform(-1.0, 1.0) as f32 * (layout.max_skew / 10.0).min(1.0);
        let (cx, cy) = spot_in_band((cw, ch), (pw, ph), i, n, dpi, rng);
        place(&mut page, card, cx, cy, skew, layout.edge);
        placed.push((side, turn_point((cx, cy), (pw, ph), layout.quarters)));
    }
    SynthPage { image: turn(page, layout.quarters), dpi, truth: doc.truth.clone(), kind: Some(doc.kind), placed }
}

/// Where point `p` of a `size` page goes when [`turn`] turns the page.
pub fn turn_point(p: (f32, f32), size: (f32, f32), quarters: u8) -> (f32, f32) {
    let ((x, y), (w, h)) = (p, size);
    match quarters % 4 {
        1 => (h - y, x),
        2 => (w - x, h - y),
        3 => (y, w - x),
        _ => (x, y),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain_card(w: u32, h: u32) -> Card {
        Card { img: GrayImage::from_pixel(w, h, Luma([100])), corner_px: 10.0, dpi: 100.0 }
    }

    #[test]
    fn sdf_is_negative_inside_and_positive_outside() {
        let cases = [((50.0, 30.0), true), ((1.0, 1.0), false), ((-1.0, 30.0), false), ((99.0, 30.0), true)];
        for ((u, v), inside) in cases {
            assert_eq!(rounded_rect_sdf(u, v, 100.0, 60.0, 8.0) < 0.0, inside, "({u},{v})");
        }
    }

    #[test]
    fn placing_unrotated_keeps_size_and_cuts_corners() {
        let mut page = GrayImage::from_pixel(400, 300, Luma([255]));
        place(&mut page, &plain_card(200, 120), 200.0, 150.0, 0.0, Edge::Plain);
        let grey: Vec<(u32, u32)> =
            page.enumerate_pixels().filter(|(_, _, p)| p.0[0] < 140).map(|(x, y, _)| (x, y)).collect();
        let minx = grey.iter().map(|p| p.0).min().unwrap();
        let maxx = grey.iter().map(|p| p.0).max().unwrap();
        assert_eq!((minx, maxx), (100, 299));
        assert!(page.get_pixel(100, 30).0[0] > 200, "rounded corner left white");
        assert_eq!(page.get_pixel(200, 150).0[0], 100);
    }

    #[test]
    fn rotated_card_keeps_its_area() {
        for angle in [0.0f32, 7.0, -10.0, 45.0] {
            let mut page = GrayImage::from_pixel(500, 500, Luma([255]));
            place(&mut page, &plain_card(200, 120), 250.0, 250.0, angle, Edge::Plain);
            let area = page.pixels().filter(|p| p.0[0] < 178).count() as f32;
            let expect = 200.0 * 120.0 - (4.0 - std::f32::consts::PI) * 100.0;
            assert!((area - expect).abs() / expect < 0.02, "angle {angle}: {area} vs {expect}");
        }
    }

    #[test]
    fn outline_draws_a_dark_rim() {
        let mut page = GrayImage::from_pixel(400, 300, Luma([255]));
        place(&mut page, &plain_card(200, 120), 200.0, 150.0, 0.0, Edge::Outline);
        assert!(page.get_pixel(99, 150).0[0] < 60, "{}", page.get_pixel(99, 150).0[0]);
        assert_eq!(page.get_pixel(200, 150).0[0], 100);
    }

    #[test]
    fn copy_pages_are_a4_and_turned() {
        let mut rng = Rng::new(3);
        let person = Person::random(&mut rng);
        let doc = render_document(CardKind::IdCard2010, Some(DocKind::IdCard2010), &person, 150.0, &mut rng);
        assert_eq!(doc.sides.len(), 2);
        assert_eq!(doc.truth.len(), 3);
        for q in 0..4u8 {
            let layout = CopyLayout { max_skew: 10.0, quarters: q, edge: Edge::Lid, both_sides: true };
            let p = copy_page(&doc, layout, &mut rng);
            let dims = if q % 2 == 0 { (1240, 1754) } else { (1754, 1240) };
            assert_eq!(p.image.dimensions(), dims);
            let dark = p.image.pixels().filter(|p| p.0[0] < 50).count();
            assert!(dark > p.image.len() / 2, "lid black covers most of the page");
            // the recorded centres lie on the cards (card paper is light, the lid black)
            assert_eq!(p.placed.len(), 2);
            for &(_, (x, y)) in &p.placed {
                let near = (0..81).map(|i| p.image.get_pixel(x as u32 + i % 9 - 4, y as u32 + i / 9 - 4).0[0] as u32);
                assert!(near.sum::<u32>() / 81 > 100, "q {q}: ({x}, {y})");
            }
        }
    }
}
