//! Procedural specimen pages for fitting and evaluating the card detectors:
//! ID fronts and backs, passport pages, residence permits, look-alike cards
//! and negative pages, with photocopy damage. Fictitious content only; used by
//! tests, `examples/fit_score.rs` and `benches/eval_cards.rs`, never by a scan.
//!
//! The layouts follow the public descriptions of the documents (positions in
//! millimetres on the card); they are drawings, not reproductions, so figures
//! measured on them show what the detectors do on such drawings only.

use ab_glyph::{FontRef, PxScale};
use image::{GrayImage, Luma};
use imageproc::drawing::{draw_filled_rect_mut, draw_hollow_rect_mut, draw_text_mut};
use imageproc::rect::Rect;

static OCRB: &[u8] = include_bytes!("../mrz/font/OCRB.otf");

/// Small deterministic generator (splitmix64), so specimens are reproducible.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn f(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Uniform in [a, b).
    pub fn range(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.f()
    }
    /// Uniform integer in 0..n.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    /// True with probability p.
    pub fn chance(&mut self, p: f64) -> bool {
        self.f() < p
    }
    /// Approximately standard normal.
    pub fn gauss(&mut self) -> f64 {
        (0..4).map(|_| self.f()).sum::<f64>() * 1.732 - 3.464
    }
}

/// A card (or passport page) the generator can draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CardKind {
    /// Personalausweis front, 2010 model (portrait, ghost image, CAN).
    IdFront2010,
    /// Personalausweis front, 2021 model (EU flag top left).
    IdFront2021,
    /// Personalausweis back (address, TD1 MRZ).
    IdBack,
    /// Passport data page (ID-3, TD3 MRZ).
    PassportPage,
    /// Residence permit (eAT) front.
    ResidenceFront,
    /// Residence permit back (TD1 MRZ).
    ResidenceBack,
    /// Old ID-2 Personalausweis (portrait, TD2 MRZ on the same side).
    OldId2,
    /// Health insurance card with photo (look-alike).
    HealthCard,
    /// Bank card (look-alike).
    BankCard,
    /// EU driving licence front (look-alike).
    DrivingLicence,
}

impl CardKind {
    /// Size in millimetres (width, height), landscape.
    pub fn size_mm(self) -> (f64, f64) {
        match self {
            CardKind::PassportPage => (125.0, 88.0),
            CardKind::OldId2 => (105.0, 74.0),
            _ => (85.6, 53.98),
        }
    }
    /// True for identity documents (the things to find).
    pub fn is_identity(self) -> bool {
        !matches!(self, CardKind::HealthCard | CardKind::BankCard | CardKind::DrivingLicence)
    }
}

/// What a generated page shows (its ground truth class).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PageKind {
    /// ID front alone.
    IdFront,
    /// ID front and back on one page.
    IdFrontBack,
    /// ID back alone (its MRZ is the MRZ reader's; here only the card).
    IdBack,
    /// Passport data page.
    Passport,
    /// Residence permit front and back.
    Residence,
    /// Old ID-2 card.
    OldId,
    /// Health insurance card with photo.
    HealthCard,
    /// Bank card.
    BankCard,
    /// Driving licence.
    DrivingLicence,
    /// Letter mentioning the Personalausweis.
    Letter,
    /// Form with boxes (some card-sized).
    Form,
    /// Photo on a page.
    Photo,
    /// Table of figures.
    Table,
}

impl PageKind {
    /// Every page kind, in report order.
    pub const ALL: [PageKind; 13] = [
        PageKind::IdFront,
        PageKind::IdFrontBack,
        PageKind::IdBack,
        PageKind::Passport,
        PageKind::Residence,
        PageKind::OldId,
        PageKind::HealthCard,
        PageKind::BankCard,
        PageKind::DrivingLicence,
        PageKind::Letter,
        PageKind::Form,
        PageKind::Photo,
        PageKind::Table,
    ];
    /// True when the page holds an identity document.
    pub fn is_identity(self) -> bool {
        matches!(
            self,
            PageKind::IdFront
                | PageKind::IdFrontBack
                | PageKind::IdBack
                | PageKind::Passport
                | PageKind::Residence
                | PageKind::OldId
        )
    }
    /// True for look-alike cards.
    pub fn is_lookalike(self) -> bool {
        matches!(self, PageKind::HealthCard | PageKind::BankCard | PageKind::DrivingLicence)
    }
}

/// How the page was scanned.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Condition {
    /// Resolution.
    pub dpi: f32,
    /// Thresholded to black and white.
    pub bitonal: bool,
    /// Ordered dither instead of a plain threshold (with `bitonal`).
    pub dither: bool,
}

/// The scan condition used for page number `i` of a data set: 150, 200 or
/// 300 dpi; grey, thresholded or dithered. Cycles so that every class meets
/// every condition.
pub fn condition(i: u64) -> Condition {
    let dpi = [300.0, 200.0, 150.0][(i % 3) as usize];
    let mode = (i / 3) % 4;
    Condition { dpi, bitonal: mode >= 2, dither: mode == 3 }
}

/// A card on a generated page: kind, centre in pixels, and the page
/// direction of the card's upright x axis.
pub type Placed = (CardKind, (f64, f64), (f64, f64));

/// One generated page.
#[derive(Clone, Debug)]
pub struct Specimen {
    /// The page image (grey, 0 = black).
    pub image: GrayImage,
    /// Its resolution.
    pub dpi: f32,
    /// What it shows.
    pub kind: PageKind,
    /// The cards on it: kind, centre in pixels, and the page direction of
    /// the card's upright x axis.
    pub cards: Vec<Placed>,
}

struct Pen<'a> {
    img: &'a mut GrayImage,
    px_per_mm: f64,
    font: &'a FontRef<'static>,
}

impl Pen<'_> {
    fn px(&self, mm: f64) -> i32 {
        (mm * self.px_per_mm).round() as i32
    }
    fn rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, v: u8) {
        let (a, b) = (self.px(x0), self.px(y0));
        let (w, h) = ((self.px(x1) - a).max(1) as u32, (self.px(y1) - b).max(1) as u32);
        draw_filled_rect_mut(self.img, Rect::at(a, b).of_size(w, h), Luma([v]));
    }
    fn frame(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, v: u8) {
        let (a, b) = (self.px(x0), self.px(y0));
        let (w, h) = ((self.px(x1) - a).max(1) as u32, (self.px(y1) - b).max(1) as u32);
        draw_hollow_rect_mut(self.img, Rect::at(a, b).of_size(w, h), Luma([v]));
    }
    /// Text with cap height `h` mm at (x, y) mm (top left).
    fn text(&mut self, x: f64, y: f64, h: f64, v: u8, s: &str) {
        let scale = PxScale::from((h * 1.45 * self.px_per_mm) as f32);
        draw_text_mut(self.img, Luma([v]), self.px(x), self.px(y - 0.3 * h), scale, self.font, s);
    }
    fn guilloche(&mut self, rng: &mut Rng, base: u8, depth: u8) {
        let (w, h) = self.img.dimensions();
        let f1 = rng.range(0.02, 0.05) / self.px_per_mm * 10.0;
        let f2 = rng.range(0.1, 0.3) / self.px_per_mm * 10.0;
        let ph = rng.range(0.0, std::f64::consts::TAU);
        for y in 0..h {
            for x in 0..w {
                let s = ((y as f64 * f2 + 8.0 * (x as f64 * f1 + ph).sin()).sin() * 0.5 + 0.5).powi(6);
                self.img.put_pixel(x, y, Luma([base.saturating_sub((s * depth as f64) as u8)]));
            }
        }
    }
    /// A procedural face-like continuous-tone portrait in the box.
    fn portrait(&mut self, rng: &mut Rng, x0: f64, y0: f64, x1: f64, y1: f64, contrast: f64) {
        let (a, b, c, d) = (self.px(x0), self.px(y0), self.px(x1), self.px(y1));
        let (w, h) = ((c - a).max(2) as f64, (d - b).max(2) as f64);
        let bg = rng.range(170.0, 225.0);
        let skin = rng.range(120.0, 190.0);
        let hair = rng.range(20.0, 110.0);
        let cloth = rng.range(30.0, 140.0);
        let hx = 0.5 + rng.range(-0.05, 0.05);
        let (hw, hh) = (rng.range(0.26, 0.34), rng.range(0.28, 0.34));
        let hy = 0.45;
        let hair_top = rng.range(0.05, 0.2);
        for py in b.max(0)..d.min(self.img.height() as i32) {
            for px in a.max(0)..c.min(self.img.width() as i32) {
                let u = (px - a) as f64 / w;
                let v = (py - b) as f64 / h;
                let mut val = bg - 20.0 * v;
                let dx = (u - hx) / hw;
                let dy = (v - hy) / hh;
                let r = dx * dx + dy * dy;
                if v > 0.78 && ((u - hx).abs() < 0.5 * (v - 0.55)) {
                    val = cloth + 15.0 * (u * 9.0).sin();
                }
                if v > 0.68 && v < 0.85 && (u - hx).abs() < 0.1 {
                    val = skin - 15.0;
                }
                if r < 1.0 {
                    val = skin - 35.0 * dx + 25.0 * (1.0 - r).sqrt() - 20.0;
                    if v < hy - hh + hair_top + 0.12 * dx.abs() || (r > 0.75 && v < hy) {
                        val = hair + 10.0 * (u * 40.0).sin();
                    }
                    let eye = |ex: f64| ((u - ex) / 0.05).powi(2) + ((v - 0.42) / 0.025).powi(2) < 1.0;
                    if eye(hx - 0.11) || eye(hx + 0.11) {
                        val = 45.0;
                    }
                    if ((u - hx) / 0.09).powi(2) + ((v - 0.6) / 0.018).powi(2) < 1.0 {
                        val = skin - 50.0;
                    }
                    if (u - hx).abs() < 0.015 && v > 0.45 && v < 0.54 {
                        val -= 25.0;
                    }
                }
                val += rng.gauss() * 4.0;
                let out = 235.0 - (235.0 - val) * contrast;
                self.img.put_pixel(px as u32, py as u32, Luma([out.clamp(0.0, 255.0) as u8]));
            }
        }
    }
    fn chip(&mut self, x: f64, y: f64) {
        self.rect(x, y, x + 11.0, y + 9.0, 150);
        self.frame(x, y, x + 11.0, y + 9.0, 70);
        for i in 1..3 {
            let yy = y + 3.0 * i as f64;
            self.rect(x, yy, x + 11.0, yy + 0.3, 80);
        }
        self.rect(x + 5.3, y, x + 5.7, y + 9.0, 80);
    }
    fn fields(&mut self, rng: &mut Rng, x: f64, y0: f64, y1: f64, width: f64, numbered: bool) {
        let mut y = y0;
        let mut n = 1;
        while y < y1 {
            if numbered {
                self.text(x, y + 0.4, 1.6, 40, &format!("{n}."));
            } else {
                self.text(x, y, 1.1, 90, &word(rng, 8).to_lowercase());
            }
            let lx = if numbered { x + 3.5 } else { x };
            let ly = if numbered { y } else { y + 1.7 };
            let len = (width / 1.9 * rng.range(0.4, 1.0)) as usize;
            self.text(lx, ly, 2.0, 25, &word(rng, len.max(3)));
            y += if numbered { 4.2 } else { 5.0 };
            n += 1;
        }
    }
    fn mrz(&mut self, rng: &mut Rng, x: f64, y: f64, lines: usize, chars: usize) {
        for l in 0..lines {
            let s: String = (0..chars)
                .map(|i| {
                    if i > chars / 2 && rng.chance(0.4) {
                        '<'
                    } else if rng.chance(0.5) {
                        (b'0' + rng.below(10) as u8) as char
                    } else {
                        (b'A' + rng.below(26) as u8) as char
                    }
                })
                .collect();
            self.text(x, y + l as f64 * 4.23, 2.4, 20, &s);
        }
    }
}

fn word(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|i| if i > 2 && rng.chance(0.12) { ' ' } else { (b'A' + rng.below(26) as u8) as char }).collect()
}

fn font() -> FontRef<'static> {
    // The font is compiled in and known to parse; a failure would be a build defect.
    FontRef::try_from_slice(OCRB).unwrap_or_else(|_| unreachable!("embedded OCR-B font parses"))
}

/// Draws `kind` upright at `dpi` (card background, no page around it).
pub fn render_card(kind: CardKind, dpi: f32, rng: &mut Rng) -> GrayImage {
    let (wmm, hmm) = kind.size_mm();
    let ppm = dpi as f64 / 25.4;
    let mut img = GrayImage::new((wmm * ppm).round() as u32, (hmm * ppm).round() as u32);
    let font = font();
    let mut p = Pen { img: &mut img, px_per_mm: ppm, font: &font };
    let base = rng.range(195.0, 228.0) as u8;
    let depth = rng.range(10.0, 35.0) as u8;
    p.guilloche(rng, base, depth);
    match kind {
        CardKind::IdFront2010 | CardKind::IdFront2021 | CardKind::ResidenceFront => {
            let flag = kind == CardKind::IdFront2021;
            if flag {
                p.rect(3.0, 3.0, 12.0, 10.0, 60);
            }
            let hx = if flag { 15.0 } else { 24.0 };
            let title =
                if kind == CardKind::ResidenceFront { "AUFENTHALTSTITEL" } else { "BUNDESREPUBLIK DEUTSCHLAND" };
            p.text(hx, 3.5, 2.2, 30, title);
            p.text(hx, 7.5, 1.5, 50, "PERSONALAUSWEIS  IDENTITY CARD");
            p.text(66.0, 11.0, 1.9, 30, &word(rng, 9));
            p.portrait(rng, 4.0, 12.5, 30.0, 47.5, 1.0);
            p.fields(rng, 33.0, 14.5, 44.0, 35.0, false);
            if kind == CardKind::IdFront2010 || rng.chance(0.5) {
                p.portrait(rng, 70.0, 27.0, 81.0, 41.0, 0.35);
            }
            let can: String = (0..6).map(|_| (b'0' + rng.below(10) as u8) as char).collect();
            p.text(70.0, 47.5, 2.2, 25, &can);
            p.rect(34.0, 48.5, 34.0 + rng.range(12.0, 22.0), 49.3, 60);
        }
        CardKind::IdBack | CardKind::ResidenceBack => {
            p.fields(rng, 4.0, 3.0, 22.0, 50.0, false);
            p.fields(rng, 50.0, 3.0, 18.0, 28.0, false);
            p.rect(0.0, 31.5, 85.6, 54.0, base.saturating_add(10));
            p.mrz(rng, 4.5, 35.5, 3, 30);
        }
        CardKind::PassportPage => {
            p.text(6.0, 4.0, 2.6, 30, "BUNDESREPUBLIK DEUTSCHLAND  REISEPASS");
            p.portrait(rng, 5.0, 16.0, 40.0, 61.0, 1.0);
            p.fields(rng, 45.0, 14.0, 58.0, 55.0, false);
            p.fields(rng, 90.0, 14.0, 40.0, 30.0, false);
            p.rect(0.0, 64.0, 125.0, 88.0, base.saturating_add(10));
            p.mrz(rng, 6.0, 71.0, 2, 44);
        }
        CardKind::OldId2 => {
            p.text(30.0, 4.0, 2.5, 30, "BUNDESREPUBLIK DEUTSCHLAND");
            p.portrait(rng, 5.0, 10.0, 33.0, 46.0, 1.0);
            p.fields(rng, 38.0, 10.0, 42.0, 55.0, false);
            p.mrz(rng, 5.0, 54.0, 2, 36);
        }
        CardKind::HealthCard => {
            p.rect(0.0, 0.0, 85.6, 11.0, base.saturating_sub(40));
            p.text(4.0, 3.5, 2.6, 20, "Gesundheitskarte");
            p.chip(9.0, 19.0);
            if rng.chance(0.5) {
                p.portrait(rng, 62.0, 14.0, 82.0, 41.0, 1.0);
            } else {
                p.portrait(rng, 4.0, 30.0, 22.0, 52.0, 1.0);
            }
            p.fields(rng, 24.0, 30.0, 50.0, 35.0, false);
        }
        CardKind::BankCard => {
            p.rect(0.0, 0.0, 85.6, 54.0, rng.range(80.0, 200.0) as u8);
            p.text(50.0, 4.0, 3.5, 240, "BANK");
            p.chip(9.0, 19.0);
            let num: String =
                (0..19).map(|i| if i % 5 == 4 { ' ' } else { (b'0' + rng.below(10) as u8) as char }).collect();
            p.text(7.0, 33.0, 3.6, 245, &num);
            p.text(7.0, 44.0, 2.2, 245, &word(rng, 14));
        }
        CardKind::DrivingLicence => {
            p.rect(3.0, 3.0, 13.0, 11.0, 60);
            p.text(17.0, 4.0, 2.6, 30, "FUEHRERSCHEIN");
            p.text(60.0, 4.5, 1.5, 50, "BUNDESREPUBLIK DEUTSCHLAND");
            p.portrait(rng, 4.0, 15.0, 26.0, 44.0, 1.0);
            p.fields(rng, 30.0, 14.0, 46.0, 45.0, true);
            p.rect(6.0, 47.0, 20.0, 47.8, 60);
        }
    }
    round_corners(&mut img, 3.18 * ppm);
    img
}

/// Marks pixels outside the rounded corners as transparent (value 1 is reserved
/// as "outside" for compositing; the drawing never uses it).
fn round_corners(img: &mut GrayImage, r: f64) {
    let (w, h) = img.dimensions();
    for y in 0..h {
        for x in 0..w {
            let cx = if (x as f64) < r {
                r
            } else if (x as f64) > w as f64 - r {
                w as f64 - r
            } else {
                continue;
            };
            let cy = if (y as f64) < r {
                r
            } else if (y as f64) > h as f64 - r {
                h as f64 - r
            } else {
                continue;
            };
            if (x as f64 - cx).hypot(y as f64 - cy) > r {
                img.put_pixel(x, y, Luma([1]));
            }
        }
    }
    for p in img.pixels_mut() {
        if p[0] == 1 {
            continue;
        }
        p[0] = p[0].max(2);
    }
}

/// Pastes `card` on `page` with its centre at (cx, cy) px, rotated by `angle`
/// radians; `edge` draws a dark outline around it (photocopy edge).
fn paste(page: &mut GrayImage, card: &GrayImage, cx: f64, cy: f64, angle: f64, edge: Option<u8>) {
    let (cw, ch) = (card.width() as f64, card.height() as f64);
    let (s, c) = angle.sin_cos();
    let ext = 0.5 * (cw * c.abs() + ch * s.abs()) + 3.0;
    let eyt = 0.5 * (cw * s.abs() + ch * c.abs()) + 3.0;
    let (pw, ph) = (page.width() as i64, page.height() as i64);
    for y in ((cy - eyt) as i64).max(0)..((cy + eyt) as i64).min(ph) {
        for x in ((cx - ext) as i64).max(0)..((cx + ext) as i64).min(pw) {
            let dx = x as f64 - cx;
            let dy = y as f64 - cy;
            let u = c * dx + s * dy + cw / 2.0;
            let v = -s * dx + c * dy + ch / 2.0;
            let inside = u >= 0.0 && v >= 0.0 && u < cw && v < ch;
            let val = if inside { card.get_pixel(u as u32, v as u32)[0] } else { 1 };
            if val != 1 {
                page.put_pixel(x as u32, y as u32, Luma([val]));
            } else if let Some(e) = edge {
                // within ~2 px outside the card: dark edge
                let near = |a: f64, lo: f64, hi: f64| a > lo - 2.5 && a < hi + 2.5;
                if near(u, 0.0, cw) && near(v, 0.0, ch) && !(u > 2.0 && u < cw - 2.0 && v > 2.0 && v < ch - 2.0) {
                    page.put_pixel(x as u32, y as u32, Luma([e]));
                }
            }
        }
    }
}

fn a4(dpi: f32, v: u8) -> GrayImage {
    let ppm = dpi as f64 / 25.4;
    GrayImage::from_pixel((210.0 * ppm) as u32, (297.0 * ppm) as u32, Luma([v]))
}

/// Generates a page of `kind` under `cond`, deterministic in `seed`.
pub fn page(kind: PageKind, cond: Condition, seed: u64) -> Specimen {
    let mut rng = Rng::new(seed.wrapping_mul(31).wrapping_add(kind as u64));
    let dpi = cond.dpi;
    let ppm = dpi as f64 / 25.4;
    let paper = rng.range(238.0, 255.0) as u8;
    let mut img = a4(dpi, paper);
    let mut truth = Vec::new();
    let cards: Vec<CardKind> = match kind {
        PageKind::IdFront => vec![if rng.chance(0.5) { CardKind::IdFront2010 } else { CardKind::IdFront2021 }],
        PageKind::IdFrontBack => {
            vec![if rng.chance(0.5) { CardKind::IdFront2010 } else { CardKind::IdFront2021 }, CardKind::IdBack]
        }
        PageKind::IdBack => vec![CardKind::IdBack],
        PageKind::Passport => vec![CardKind::PassportPage],
        PageKind::Residence => vec![CardKind::ResidenceFront, CardKind::ResidenceBack],
        PageKind::OldId => vec![CardKind::OldId2],
        PageKind::HealthCard => vec![CardKind::HealthCard],
        PageKind::BankCard => vec![CardKind::BankCard],
        PageKind::DrivingLicence => vec![CardKind::DrivingLicence],
        _ => Vec::new(),
    };
    if cards.is_empty() {
        negative(&mut img, kind, ppm, &mut rng);
    } else {
        let base = match rng.below(4) {
            0 if rng.chance(0.5) => std::f64::consts::FRAC_PI_2,
            1 if rng.chance(0.3) => std::f64::consts::PI,
            _ => 0.0,
        };
        let lid = rng.chance(0.3);
        let edge = if !lid && rng.chance(0.6) { Some(rng.range(20.0, 120.0) as u8) } else { None };
        let stacked = rng.chance(0.75);
        let rendered: Vec<GrayImage> = cards.iter().map(|&k| render_card(k, dpi, &mut rng)).collect();
        let (pw, ph) = (img.width() as f64, img.height() as f64);
        let n = rendered.len() as f64;
        let gap = rng.range(4.0, 20.0) * ppm;
        let cx0 = pw * rng.range(0.4, 0.6);
        let cy0 = ph * rng.range(0.3, 0.6);
        if lid {
            let m = rng.range(15.0, 60.0) * ppm;
            let hw = rendered[0].width() as f64 / 2.0 + m;
            let hh = rendered[0].height() as f64 * n / 2.0 + gap * (n - 1.0) / 2.0 + m;
            let v = rng.range(5.0, 50.0) as u8;
            for y in (cy0 - hh).max(0.0) as u32..(cy0 + hh).min(ph) as u32 {
                for x in (cx0 - hw).max(0.0) as u32..(cx0 + hw).min(pw) as u32 {
                    img.put_pixel(x, y, Luma([v]));
                }
            }
        }
        let skew0 = rng.range(-8.0, 8.0);
        for (i, card) in rendered.iter().enumerate() {
            // cards copied together lie roughly parallel, a gap apart
            let skew = (skew0 + rng.range(-1.5, 1.5)).to_radians();
            let (cw, ch) = (card.width() as f64, card.height() as f64);
            let sk = skew0.to_radians().abs().sin();
            let step = if stacked { ch + cw * sk + gap } else { cw + ch * sk + gap };
            let off = (i as f64 - (n - 1.0) / 2.0) * step;
            let (ox, oy) = if stacked { (rng.range(-3.0, 3.0) * ppm, off) } else { (off, 0.0) };
            let (ox, oy) = if base == std::f64::consts::FRAC_PI_2 { (-oy, ox) } else { (ox, oy) };
            let (sn, cs) = (base + skew).sin_cos();
            let half_w = 0.5 * (card.width() as f64 * cs.abs() + card.height() as f64 * sn.abs()) + 2.0 * ppm;
            let half_h = 0.5 * (card.width() as f64 * sn.abs() + card.height() as f64 * cs.abs()) + 2.0 * ppm;
            let cx = (cx0 + ox).clamp(half_w, (pw - half_w).max(half_w));
            let cy = (cy0 + oy).clamp(half_h, (ph - half_h).max(half_h));
            paste(&mut img, card, cx, cy, base + skew, edge);
            truth.push((cards[i], (cx, cy), (cs, sn)));
        }
    }
    damage(&mut img, cond, &mut rng);
    Specimen { image: img, dpi, kind, cards: truth }
}

fn negative(img: &mut GrayImage, kind: PageKind, ppm: f64, rng: &mut Rng) {
    let font = font();
    let mut p = Pen { img, px_per_mm: ppm, font: &font };
    match kind {
        PageKind::Letter => {
            p.text(25.0, 20.0, 3.0, 20, "Jobcenter Musterstadt");
            let mut y = 60.0;
            while y < 260.0 {
                let mut s: String = (0..rng.below(20) + 50)
                    .map(|i| if i % 7 == 6 { ' ' } else { (b'a' + rng.below(26) as u8) as char })
                    .collect();
                if rng.chance(0.2) {
                    s.push_str(" Personalausweis");
                }
                p.text(25.0, y, 2.2, 20, &s);
                y += if rng.chance(0.15) { 10.0 } else { 5.0 };
            }
        }
        PageKind::Form => {
            let mut y = 20.0;
            while y < 270.0 {
                let w = if rng.chance(0.3) { 85.6 } else { rng.range(40.0, 170.0) };
                let h = if rng.chance(0.3) { 54.0 } else { rng.range(8.0, 40.0) };
                let x = rng.range(15.0, (195.0 - w).max(16.0));
                p.frame(x, y, x + w, (y + h).min(285.0), 30);
                p.text(x + 2.0, y + 2.0, 1.8, 30, &word(rng, 20));
                if rng.chance(0.5) {
                    for k in 0..20 {
                        let bx = x + 2.0 + k as f64 * 5.0;
                        if bx + 5.0 < x + w {
                            p.frame(bx, y + h - 7.0, bx + 5.0, y + h - 1.0, 40);
                        }
                    }
                }
                y += h + rng.range(3.0, 10.0);
            }
        }
        PageKind::Photo => {
            let (w, h) = (rng.range(60.0, 180.0), rng.range(40.0, 120.0));
            let x = rng.range(15.0, 195.0 - w);
            let y = rng.range(20.0, 270.0 - h);
            p.portrait(rng, x, y, x + w, y + h, 1.0);
            p.text(25.0, y + h + 8.0, 2.2, 20, &word(rng, 40));
        }
        _ => {
            let cols = 4 + rng.below(4);
            let mut y = 30.0;
            while y < 260.0 {
                p.rect(20.0, y, 190.0, y + 0.3, 40);
                for c in 0..cols {
                    let s: String = (0..8).map(|_| (b'0' + rng.below(10) as u8) as char).collect();
                    p.text(22.0 + c as f64 * 165.0 / cols as f64, y + 1.5, 2.0, 20, &s);
                }
                y += 6.0;
            }
        }
    }
}

fn damage(img: &mut GrayImage, cond: Condition, rng: &mut Rng) {
    let contrast = rng.range(0.7, 1.05);
    let bright = rng.range(-10.0, 15.0);
    let noise = rng.range(0.0, 8.0);
    let blur = rng.chance(0.5);
    if blur {
        *img = image::imageops::blur(img, rng.range(0.4, 1.2) as f32);
    }
    const BAYER: [[u8; 4]; 4] = [[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]];
    let thr = rng.range(110.0, 160.0);
    for (x, y, p) in img.enumerate_pixels_mut() {
        let mut v = 128.0 + (p[0] as f64 - 128.0) * contrast + bright + rng.gauss() * noise;
        if cond.bitonal {
            let t = if cond.dither { (BAYER[(y % 4) as usize][(x % 4) as usize] as f64 + 0.5) * 16.0 } else { thr };
            v = if v < t { 0.0 } else { 255.0 };
        }
        p[0] = v.clamp(0.0, 255.0) as u8;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_deterministic_and_a4() {
        let c = Condition { dpi: 100.0, bitonal: false, dither: false };
        let a = page(PageKind::IdFrontBack, c, 7);
        let b = page(PageKind::IdFrontBack, c, 7);
        assert_eq!(a.image, b.image);
        assert_eq!(a.image.dimensions(), (826, 1169));
        let d = page(PageKind::IdFrontBack, c, 8);
        assert_ne!(a.image, d.image);
    }

    #[test]
    fn cards_have_true_size() {
        let mut rng = Rng::new(1);
        let img = render_card(CardKind::IdFront2010, 300.0, &mut rng);
        assert_eq!(img.dimensions(), (1011, 638));
        let img = render_card(CardKind::PassportPage, 300.0, &mut rng);
        assert_eq!(img.dimensions(), (1476, 1039));
    }
}
