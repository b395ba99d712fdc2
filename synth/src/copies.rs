//! Copies as they occur in files: full-size photocopies (one or both
//! sides, skewed, any edge), copies pasted into a letter or "Vermerk" at
//! 40-70 % or 100-150 % of true size, passport data pages whose MRZ runs
//! off the page edge, and sheets of passport photos. Each placed side is
//! recorded with its centre, direction and scale on the final page.

use crate::card::{Card, CardSide};
use crate::docs::paragraph;
use crate::draw::{Canvas, Face, mm_px};
use crate::family::DocType;
use crate::page::{A4, Edge, blank, copy_ground, place, spot_in_band, turn, turn_point};
use crate::rng::Rng;
use image::{GrayImage, Luma};

/// One document side as it landed on the page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    /// What it is.
    pub doc: DocType,
    /// Which side.
    pub side: CardSide,
    /// Centre in px of the final (turned) page.
    pub centre: (f32, f32),
    /// Unit vector of the card's x axis (left to right as printed) in the
    /// final page's pixel coordinates (y down).
    pub x_dir: (f32, f32),
    /// Size on the page relative to true size.
    pub scale: f32,
}

/// A side ready to place: its type, side and rendered image.
pub type Side = (DocType, CardSide, Card);

/// `card` scaled by `s` (its corner radius too).
pub fn scaled(card: &Card, s: f32) -> Card {
    if (s - 1.0).abs() < 1e-3 {
        return card.clone();
    }
    let w = ((card.img.width() as f32 * s).round() as u32).max(2);
    let h = ((card.img.height() as f32 * s).round() as u32).max(2);
    let img = image::imageops::resize(&card.img, w, h, image::imageops::FilterType::Triangle);
    Card { img, corner_px: card.corner_px * s, dpi: card.dpi }
}

/// Records a placement made at `angle_deg` (counter-clockwise as seen) on
/// a page of `size` px that is then turned by `quarters`.
fn record(s: &Side, centre: (f32, f32), angle_deg: f32, scale: f32, size: (f32, f32), quarters: u8) -> Placed {
    let a = (-angle_deg).to_radians();
    let mut dir = (a.cos(), a.sin());
    for _ in 0..quarters % 4 {
        dir = (-dir.1, dir.0);
    }
    Placed { doc: s.0, side: s.1, centre: turn_point(centre, size, quarters), x_dir: dir, scale }
}

/// A photocopy page: the sides stacked in bands of an A4 page at `scale`,
/// skewed by up to `max_skew` degrees, then the page turned by `quarters`.
pub fn copy(
    sides: &[Side],
    dpi: f32,
    scale: f32,
    max_skew: f32,
    edge: Edge,
    quarters: u8,
    rng: &mut Rng,
) -> (GrayImage, Vec<Placed>) {
    let mut page = copy_ground(dpi, edge, rng);
    let size = (page.width() as f32, page.height() as f32);
    let (pw, ph) = size;
    let n = sides.len().max(1) as f32;
    let base_skew = rng.uniform(-max_skew as f64, max_skew as f64) as f32;
    let mut placed = Vec::new();
    for (i, s) in sides.iter().enumerate() {
        let card = scaled(&s.2, scale);
        let (cw, ch) = (card.img.width() as f32, card.img.height() as f32);
        let skew = base_skew + rng.uniform(-1.0, 1.0) as f32 * (max_skew / 10.0).min(1.0);
        let (cx, cy) = spot_in_band((cw, ch), (pw, ph), i, n, dpi, rng);
        place(&mut page, &card, cx, cy, skew, edge);
        placed.push(record(s, (cx, cy), skew, scale, size, quarters));
    }
    (turn(page, quarters), placed)
}

const MEMO_LINES: [&str; 6] = [
    "Der Kunde sprach heute persönlich vor und legte folgende Unterlagen vor.",
    "Die Identität wurde anhand des vorgelegten Dokuments geprüft.",
    "Kopie zur Akte genommen; Original wurde ausgehändigt.",
    "Die Angaben im Antrag stimmen mit dem Dokument überein.",
    "Wiedervorlage in vier Wochen; Unterlagen vollständig.",
    "Bearbeitung durch Sachgebiet Leistung, Team 3.",
];

/// A letter or "Vermerk" in `face` with the sides pasted into it at
/// `scale` (40-70 % or 100-150 % of true size), side by side or stacked,
/// nearly straight, sometimes inside the grey frame of the scan they were
/// cut from; text above and below.
pub fn pasted(
    sides: &[Side],
    dpi: f32,
    scale: f32,
    face: Face,
    quarters: u8,
    rng: &mut Rng,
) -> (GrayImage, Vec<Placed>) {
    let mut c = Canvas::new(A4.0, A4.1, dpi, rng.range(242, 256) as u8).with_sans(face);
    let title = *rng.pick(&["Vermerk", "Aktenvermerk", "Gesprächsvermerk", "Anlage zum Antrag"]);
    c.text(20.0, 22.0, 3.4, Face::Sans, title, 20);
    c.text(20.0, 29.0, 1.8, Face::Sans, &format!("BG-Nummer 99999//{:07}", rng.range(0, 10_000_000)), 40);
    let mut y = 38.0;
    for _ in 0..rng.range(1, 4) {
        y = paragraph(&mut c, 20.0, y, 170.0, 2.0, rng.pick::<&str>(&MEMO_LINES)) + 1.0;
    }
    let mut page = c.img;
    let size = (page.width() as f32, page.height() as f32);
    let cards: Vec<Card> = sides.iter().map(|s| scaled(&s.2, scale)).collect();
    let side_by_side = cards.len() > 1 && cards.iter().map(|c| c.img.width() as f32).sum::<f32>() < size.0 * 0.85;
    let top = mm_px(y + 4.0, dpi);
    let mut placed = Vec::new();
    let mut x = mm_px(20.0, dpi);
    let mut cy_next = top;
    let framed = rng.chance(0.5);
    for (s, card) in sides.iter().zip(&cards) {
        let (cw, ch) = (card.img.width() as f32, card.img.height() as f32);
        let (cx, cy) = if side_by_side {
            let p = (x + cw / 2.0, top + ch / 2.0);
            x += cw + mm_px(6.0, dpi);
            p
        } else {
            let p = (size.0 / 2.0 + rng.uniform(-0.2, 0.2) as f32 * (size.0 - cw), cy_next + ch / 2.0);
            cy_next += ch + mm_px(5.0, dpi);
            p
        };
        if framed {
            let grey = rng.range(200, 235) as u8;
            let pad = mm_px(2.5 * scale, dpi);
            fill_px(&mut page, cx - cw / 2.0 - pad, cy - ch / 2.0 - pad, cw + 2.0 * pad, ch + 2.0 * pad, grey);
        }
        let skew = rng.uniform(-1.5, 1.5) as f32;
        let edge = if rng.chance(0.3) { Edge::Outline } else { Edge::Plain };
        place(&mut page, card, cx, cy, skew, edge);
        placed.push(record(s, (cx, cy), skew, scale, size, quarters));
    }
    (turn(page, quarters), placed)
}

/// A passport data page copied so close to the page's bottom edge that
/// `cut_mm` of it, with most of the MRZ, is not on the page.
pub fn cut_off(
    side: &Side,
    dpi: f32,
    cut_mm: f32,
    edge: Edge,
    quarters: u8,
    rng: &mut Rng,
) -> (GrayImage, Vec<Placed>) {
    let mut page = copy_ground(dpi, edge, rng);
    let size = (page.width() as f32, page.height() as f32);
    let card = &side.2;
    let (cw, ch) = (card.img.width() as f32, card.img.height() as f32);
    let cx = rng.uniform((cw / 2.0 + 10.0) as f64, (size.0 - cw / 2.0 - 10.0).max(cw / 2.0 + 11.0) as f64) as f32;
    let cy = size.1 - ch / 2.0 + mm_px(cut_mm, dpi);
    let skew = rng.uniform(-1.5, 1.5) as f32;
    place(&mut page, card, cx, cy, skew, edge);
    let placed = vec![record(side, (cx, cy), skew, 1.0, size, quarters)];
    (turn(page, quarters), placed)
}

/// A sheet of passport photos (35 x 45 mm, 2 x 2 to 2 x 4 of one person)
/// on photo paper, on an A4 page: faces, but no card.
pub fn photo_sheet(face: &dyn Fn(u32, u32, &mut Rng) -> GrayImage, dpi: f32, quarters: u8, rng: &mut Rng) -> GrayImage {
    let mut page = blank(dpi, rng);
    let (cols, rows) = (2, rng.range(2, 5) as usize);
    let (pw, ph) = (mm_px(35.0, dpi), mm_px(45.0, dpi));
    let gap = mm_px(rng.uniform(1.0, 4.0) as f32, dpi);
    let sheet_w = cols as f32 * pw + (cols as f32 + 1.0) * gap;
    let sheet_h = rows as f32 * ph + (rows as f32 + 1.0) * gap;
    let x0 = rng.uniform(
        mm_px(15.0, dpi) as f64,
        (page.width() as f32 - sheet_w - mm_px(15.0, dpi)).max(mm_px(16.0, dpi)) as f64,
    ) as f32;
    let y0 = rng.uniform(
        mm_px(20.0, dpi) as f64,
        (page.height() as f32 - sheet_h - mm_px(20.0, dpi)).max(mm_px(21.0, dpi)) as f64,
    ) as f32;
    fill_px(&mut page, x0, y0, sheet_w, sheet_h, rng.range(235, 252) as u8);
    let img = face(pw as u32, ph as u32, rng);
    for r in 0..rows {
        for col in 0..cols {
            let x = x0 + gap + col as f32 * (pw + gap);
            let y = y0 + gap + r as f32 * (ph + gap);
            image::imageops::replace(&mut page, &img, x as i64, y as i64);
        }
    }
    turn(page, quarters)
}

fn fill_px(img: &mut GrayImage, x: f32, y: f32, w: f32, h: f32, v: u8) {
    let (x0, y0) = (x.max(0.0) as u32, y.max(0.0) as u32);
    let x1 = ((x + w).max(0.0) as u32).min(img.width());
    let y1 = ((y + h).max(0.0) as u32).min(img.height());
    for yy in y0..y1 {
        for xx in x0..x1 {
            img.put_pixel(xx, yy, Luma([v]));
        }
    }
}
