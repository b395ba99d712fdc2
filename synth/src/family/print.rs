//! The printing toolbox a family draws with: its security background,
//! header, label/value rows, portrait (drawn or photographed), ghost image,
//! card access number box, chip plate and signature.

use super::{Family, Labels, Portraits, photo};
use crate::card::Card;
use crate::draw::{Canvas, portrait};
use crate::rng::Rng;
use image::{GrayImage, Luma};

/// Security backgrounds, printed in grey (rainbow tints become a grey ramp).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Background {
    /// Crossing families of sine curves.
    Guilloche,
    /// Fine straight diagonal lines.
    Lines,
    /// Concentric, wave-modulated rings around a point.
    Rosette,
    /// Dense parallel waves of one family.
    Waves,
    /// A ramp of tint across the card (rainbow printing seen in grey) with a
    /// faint guilloche.
    Rainbow,
    /// A regular grid of fine dots.
    Dots,
}

/// A canvas of one document side and the family it is printed in.
pub struct Printer<'a> {
    /// The canvas.
    pub c: Canvas,
    /// The design.
    pub fam: &'a Family,
    /// Width and height in mm.
    pub w: f32,
    /// Height in mm.
    pub h: f32,
    /// The last portrait printed, for the ghost image.
    face: Option<GrayImage>,
}

impl<'a> Printer<'a> {
    /// A blank side of `w` x `h` mm with the family's background.
    pub fn new(fam: &'a Family, w: f32, h: f32, dpi: f32, paper: u8, rng: &mut Rng) -> Printer<'a> {
        let c = Canvas::new(w, h, dpi, paper).with_sans(fam.body);
        let mut p = Printer { c, fam, w, h, face: None };
        p.background(rng);
        if fam.border {
            p.c.frame(1.2, 1.2, w - 2.4, h - 2.4, 0.2, 150);
        }
        p
    }

    fn background(&mut self, rng: &mut Rng) {
        let (w, h) = (self.w, self.h);
        let ink = rng.range(self.fam.pattern_ink.0 as i64, self.fam.pattern_ink.1 as i64 + 1) as u8;
        let img = &mut self.c.img;
        let mm = crate::draw::MM_PER_INCH / self.c.dpi;
        match self.fam.background {
            Background::Guilloche => self.c.guilloche(1.5, 1.5, w - 3.0, h - 3.0, ink, rng),
            Background::Lines => {
                let spacing = rng.uniform(0.55, 0.9) as f32;
                let slope = rng.uniform(0.6, 1.6) as f32;
                shade(img, mm, ink, |xm, ym| 1.0 - (((xm + slope * ym) / spacing).fract() - 0.5).abs() * 8.0);
            }
            Background::Rosette => {
                let (cx, cy) = (w * rng.uniform(0.55, 0.8) as f32, h * rng.uniform(0.3, 0.7) as f32);
                let (spacing, lobes) = (rng.uniform(0.9, 1.5) as f32, rng.range(8, 20) as f32);
                shade(img, mm, ink, |xm, ym| {
                    let (dx, dy) = (xm - cx, ym - cy);
                    let r = (dx * dx + dy * dy).sqrt() + 0.6 * (lobes * dy.atan2(dx)).sin();
                    1.0 - ((r / spacing).fract() - 0.5).abs() * 7.0
                });
            }
            Background::Waves => {
                let (spacing, amp, wl) =
                    (rng.uniform(0.7, 1.1) as f32, rng.uniform(0.5, 1.5) as f32, rng.uniform(8.0, 20.0) as f32);
                shade(img, mm, ink, |xm, ym| {
                    let t = ((ym + amp * (std::f32::consts::TAU * xm / wl).sin()) / spacing).fract();
                    1.0 - (t - 0.5).abs() * 7.0
                });
            }
            Background::Rainbow => {
                let (lo, hi) = (rng.uniform(0.0, 0.25) as f32, rng.uniform(0.35, 0.7) as f32);
                let vertical = rng.chance(0.3);
                shade(img, mm, ink, |xm, ym| {
                    let f = if vertical { ym / h } else { xm / w };
                    0.6 * (lo + (hi - lo) * (0.5 + 0.5 * (std::f32::consts::PI * f).sin()))
                });
                let faint = ink.saturating_add(12);
                self.c.guilloche(1.5, 1.5, w - 3.0, h - 3.0, faint, rng);
            }
            Background::Dots => {
                let pitch = rng.uniform(0.45, 0.7) as f32;
                shade(img, mm, ink, |xm, ym| {
                    let (u, v) = ((xm / pitch).fract() - 0.5, (ym / pitch).fract() - 0.5);
                    1.0 - (u * u + v * v).sqrt() * 4.0
                });
            }
        }
    }

    /// The header: a main line and an optional sub-line, left at `x`.
    pub fn header(&mut self, x: f32, main: &str, sub: &str) {
        let f = self.fam;
        let ink = if f.header_band {
            self.c.fill(0.0, f.header_y - f.header_cap - 1.6, self.w, f.header_cap + 3.2 + 2.6, 110);
            235
        } else {
            25
        };
        self.c.text(x, f.header_y, f.header_cap, f.header, main, ink);
        if !sub.is_empty() {
            let sub_ink = if f.header_band { 225 } else { 60 };
            self.c.text(x, f.header_y + f.header_cap * 0.6 + 1.9, 1.2, f.body, sub, sub_ink);
        }
    }

    /// Where the header band ends (mm from the top), the first free line.
    pub fn header_bottom(&self) -> f32 {
        self.fam.header_y + if self.fam.header_band { 4.2 } else { 3.4 }
    }

    /// One field at (`x`, `y`) (top of the row); returns the next row's top.
    pub fn field(&mut self, x: f32, y: f32, label: &str, value: &str) -> f32 {
        let f = self.fam;
        let cap = f.value_cap;
        if label.is_empty() {
            self.c.text(x, y + cap + 0.2, cap, f.body, value, 25);
            return y + f.pitch * 0.6;
        }
        match f.labels {
            Labels::Bilingual => {
                self.c.text(x, y + 1.1, 1.05, f.body, label, 95);
                self.c.text(x, y + 1.1 + cap + 1.3, cap, f.body, value, 25);
            }
            Labels::Upper => {
                let short = label.split(" / ").next().unwrap_or(label).to_uppercase();
                self.c.text(x, y + 1.0, 0.95, f.body, &short, 80);
                self.c.text(x, y + 1.0 + cap + 1.2, cap, f.body, value, 20);
            }
            Labels::Inline => {
                let short = label.split(" / ").next().unwrap_or(label);
                let adv = self.c.text(x, y + cap + 0.4, cap * 0.62, f.body, &format!("{short}:"), 90);
                self.c.text(x + adv + 1.0, y + cap + 0.4, cap, f.body, value, 25);
                return y + f.pitch * 0.72;
            }
        }
        y + f.pitch
    }

    /// A column of fields from (`x`, `y`); wraps into a second column at
    /// `x2` when the rows pass `bottom`. Returns the last row's end.
    pub fn fields(&mut self, x: f32, y: f32, x2: f32, bottom: f32, items: &[(&str, &str)]) -> f32 {
        let (mut x, mut y, top) = (x, y, y);
        for (label, value) in items {
            if y + self.fam.pitch * 0.7 > bottom && x != x2 {
                x = x2;
                y = top;
            }
            y = self.field(x, y, label, value);
        }
        y
    }

    /// A portrait `w` x `h` mm at (`x`, `y`): drawn or photographed as the
    /// family says; remembered for [`Printer::ghost`].
    pub fn photo(&mut self, x: f32, y: f32, w: f32, h: f32, rng: &mut Rng) {
        let (pw, ph) = (self.c.px(w).round().max(4.0) as u32, self.c.px(h).round().max(4.0) as u32);
        let real = match self.fam.portraits {
            Portraits::Drawn => false,
            Portraits::Real => true,
            Portraits::Both => rng.chance(0.5),
        };
        let img = if real {
            photo::portrait(pw, ph, super::FAMILY_SPLIT[self.fam.index], rng)
        } else {
            portrait(pw, ph, rng)
        };
        self.c.blit(&img, x, y);
        self.face = Some(img);
    }

    /// The ghost image: the last portrait, small and faint, at (`x`, `y`)
    /// with width `w` mm; nothing when the family prints none.
    pub fn ghost(&mut self, x: f32, y: f32, w: f32) {
        let Some(face) = self.face.clone() else { return };
        if !self.fam.ghost {
            return;
        }
        let gw = self.c.px(w).round().max(4.0) as u32;
        let gh = (gw as f32 * face.height() as f32 / face.width().max(1) as f32).round() as u32;
        let small = image::imageops::resize(&face, gw, gh.max(4), image::imageops::FilterType::Triangle);
        let (ox, oy) = (self.c.px(x).round() as u32, self.c.px(y).round() as u32);
        for (sx, sy, p) in small.enumerate_pixels() {
            let (tx, ty) = (ox + sx, oy + sy);
            if tx < self.c.img.width() && ty < self.c.img.height() {
                let faint = 255.0 - (255.0 - p.0[0] as f32) * 0.45;
                let q = self.c.img.get_pixel_mut(tx, ty);
                q.0[0] = (q.0[0] as f32).min(faint) as u8;
            }
        }
    }

    /// The card access number box at the bottom right (when the family
    /// prints it).
    pub fn can(&mut self, can: &str) {
        if !self.fam.can_box {
            return;
        }
        let (x, y) = (self.w - 18.0, self.h - 8.5);
        self.c.frame(x, y, 14.5, 5.6, 0.25, 60);
        self.c.text(x + 1.5, y + 4.3, 2.0, self.fam.body, can, 20);
    }

    /// A contact chip plate 11 x 8.5 mm at (`x`, `y`).
    pub fn chip(&mut self, x: f32, y: f32) {
        let c = &mut self.c;
        c.fill(x, y, 11.0, 8.5, 160);
        c.frame(x, y, 11.0, 8.5, 0.3, 70);
        c.fill(x + 5.3, y, 0.3, 8.5, 70);
        c.fill(x, y + 4.1, 11.0, 0.3, 70);
        c.fill(x + 2.5, y + 1.5, 0.3, 5.5, 90);
        c.fill(x + 8.2, y + 1.5, 0.3, 5.5, 90);
    }

    /// A handwritten-looking signature along `w` mm from (`x`, `y`).
    pub fn signature(&mut self, x: f32, y: f32, w: f32, rng: &mut Rng) {
        let amp = rng.uniform(0.6, 1.4) as f32;
        let f = rng.uniform(0.6, 1.5) as f32;
        let c = &mut self.c;
        let step = 25.4 / c.dpi * 0.5;
        let thick = (c.px(0.3).ceil() as u32).max(1);
        let mut t = 0.0;
        while t < w {
            let yy = y + amp * (t * f).sin() * (t * 0.37).cos();
            let (px, py) = (c.px(x + t) as u32, c.px(yy) as u32);
            for d in 0..thick {
                if px < c.img.width() && py + d < c.img.height() {
                    c.img.put_pixel(px, py + d, Luma([30]));
                }
            }
            t += step;
        }
    }

    /// Text in the body face.
    pub fn text(&mut self, x: f32, y: f32, cap: f32, s: &str, ink: u8) -> f32 {
        let face = self.fam.body;
        self.c.text(x, y, cap, face, s, ink)
    }

    /// Text in the header face.
    pub fn title(&mut self, x: f32, y: f32, cap: f32, s: &str, ink: u8) -> f32 {
        let face = self.fam.header;
        self.c.text(x, y, cap, face, s, ink)
    }

    /// The MRZ `lines` with the last baseline `bottom` mm above the edge.
    pub fn mrz(&mut self, lines: &[String], bottom: f32, rng: &mut Rng) {
        crate::card::mrz_block(&mut self.c, lines, bottom, rng);
    }

    /// The finished side with its corner radius.
    pub fn finish(self, corner_mm: f32) -> Card {
        let corner_px = self.c.px(corner_mm);
        Card { img: self.c.img, corner_px, dpi: self.c.dpi }
    }
}

/// Darkens every pixel towards `ink` by the share `a(x_mm, y_mm)` (clamped
/// to 0..1), never lightening: a pattern printed under the text.
fn shade(img: &mut GrayImage, mm: f32, ink: u8, a: impl Fn(f32, f32) -> f32) {
    for (x, y, p) in img.enumerate_pixels_mut() {
        let t = a(x as f32 * mm, y as f32 * mm).clamp(0.0, 1.0);
        if t > 0.0 {
            let old = p.0[0] as f32;
            p.0[0] = (old + (ink as f32 - old) * t).min(old).round() as u8;
        }
    }
}
