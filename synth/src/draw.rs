//! Drawing primitives for synthetic documents: a millimetre canvas, text in
//! the embedded fonts (OCR-B for MRZs and typewriter negatives, DejaVu Sans
//! by default for everything else, and the design families' fonts in
//! `font/`), guilloche line fields and a procedural portrait.
//!
//! Everything is deterministic for a given [`Rng`] stream.

use crate::rng::Rng;
use ab_glyph::{Font, FontRef, PxScale};
use image::{GrayImage, Luma};
use std::sync::OnceLock;

/// Millimetres per inch.
pub const MM_PER_INCH: f32 = 25.4;

/// The fonts the generator can write with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Face {
    /// OCR-B (public domain), the MRZ font; also the hardest monospace negative.
    OcrB,
    /// DejaVu Sans (Bitstream Vera licence), for printed text.
    Sans,
    /// Liberation Sans 2 (OFL 1.1), Arial-metric.
    LiberationSans,
    /// Liberation Sans 2 Bold (OFL 1.1).
    LiberationSansBold,
    /// Liberation Serif 2 (OFL 1.1), Times-metric.
    LiberationSerif,
    /// Open Sans (Apache 2.0).
    OpenSans,
    /// Open Sans Condensed Bold (Apache 2.0), for headers.
    OpenSansCondBold,
    /// Roboto (Apache 2.0).
    Roboto,
}

impl Face {
    /// The faces for printed text (every face but OCR-B).
    pub const PRINT: [Face; 7] = [
        Face::Sans,
        Face::LiberationSans,
        Face::LiberationSansBold,
        Face::LiberationSerif,
        Face::OpenSans,
        Face::OpenSansCondBold,
        Face::Roboto,
    ];
}

struct LoadedFont {
    font: FontRef<'static>,
    /// Cap height (of `H`) as a fraction of the ab_glyph pixel scale.
    cap_ratio: f32,
    /// Advance of `0` as a fraction of the pixel scale.
    advance_ratio: f32,
}

fn load(bytes: &'static [u8]) -> LoadedFont {
    // The fonts are compiled in; failing to parse them is a build defect.
    let font = FontRef::try_from_slice(bytes).expect("embedded font parses");
    let scale = PxScale::from(1000.0);
    let g = font.glyph_id('H').with_scale(scale);
    let cap = font.outline_glyph(g).map(|o| o.px_bounds().height()).unwrap_or(700.0) / 1000.0;
    let sf = ab_glyph::Font::as_scaled(&font, scale);
    let adv = ab_glyph::ScaleFont::h_advance(&sf, font.glyph_id('0')) / 1000.0;
    LoadedFont { font, cap_ratio: cap, advance_ratio: adv }
}

fn font(face: Face) -> &'static LoadedFont {
    static FONTS: [OnceLock<LoadedFont>; 8] = [const { OnceLock::new() }; 8];
    let (i, bytes): (usize, &'static [u8]) = match face {
        // The reader's own OCR-B (one copy in the repository; this crate is
        // not published, so it may reach into the core's folder).
        Face::OcrB => (0, include_bytes!("../../src/mrz/font/OCRB.otf")),
        Face::Sans => (1, include_bytes!("font/DejaVuSans.ttf")),
        Face::LiberationSans => (2, include_bytes!("font/LiberationSans-Regular.ttf")),
        Face::LiberationSansBold => (3, include_bytes!("font/LiberationSans-Bold.ttf")),
        Face::LiberationSerif => (4, include_bytes!("font/LiberationSerif-Regular.ttf")),
        Face::OpenSans => (5, include_bytes!("font/OpenSans-Regular.ttf")),
        Face::OpenSansCondBold => (6, include_bytes!("font/OpenSans-CondBold.ttf")),
        Face::Roboto => (7, include_bytes!("font/Roboto-Regular.ttf")),
    };
    FONTS[i].get_or_init(|| load(bytes))
}

/// A grey image with a known resolution, addressed in millimetres, so that
/// layouts are written once and rendered at any dpi at true size.
#[derive(Clone, Debug)]
pub struct Canvas {
    /// The pixels (0 = black).
    pub img: GrayImage,
    /// Pixels per inch.
    pub dpi: f32,
    /// The face drawn where a layout asks for [`Face::Sans`], so that one
    /// layout can be printed in another design family's font.
    sans: Face,
}

impl Canvas {
    /// A canvas of `w_mm` x `h_mm` filled with `paper`.
    pub fn new(w_mm: f32, h_mm: f32, dpi: f32, paper: u8) -> Self {
        let w = mm_px(w_mm, dpi).round().max(1.0) as u32;
        let h = mm_px(h_mm, dpi).round().max(1.0) as u32;
        Canvas { img: GrayImage::from_pixel(w, h, Luma([paper])), dpi, sans: Face::Sans }
    }

    /// The same canvas, writing `face` wherever a layout asks for
    /// [`Face::Sans`].
    pub fn with_sans(mut self, face: Face) -> Self {
        self.sans = face;
        self
    }

    /// Millimetres to pixels at this canvas' dpi.
    pub fn px(&self, mm: f32) -> f32 {
        mm_px(mm, self.dpi)
    }

    /// Writes `s` with its baseline at (`x`, `y`) mm, capitals `cap` mm high.
    /// Returns the advance in mm.
    pub fn text(&mut self, x: f32, y: f32, cap: f32, face: Face, s: &str, ink: u8) -> f32 {
        let face = if face == Face::Sans { self.sans } else { face };
        let f = font(face);
        let scale = self.px(cap) / f.cap_ratio;
        let ascent = ab_glyph::ScaleFont::ascent(&f.font.as_scaled(PxScale::from(scale)));
        let top = self.px(y) - ascent;
        let left = self.px(x).round() as i32;
        imageproc::drawing::draw_text_mut(
            &mut self.img,
            Luma([ink]),
            left,
            top.round() as i32,
            PxScale::from(scale),
            &f.font,
            s,
        );
        let (w, _) = imageproc::drawing::text_size(PxScale::from(scale), &f.font, s);
        w as f32 * MM_PER_INCH / self.dpi
    }

    /// Writes `s` one character per cell of `pitch` mm (an MRZ line or
    /// typewriter text), baseline at `y`, capitals `cap` mm high. Characters
    /// are centred in their cells, so the pitch is exact whatever the font.
    pub fn mono(&mut self, (x, y): (f32, f32), pitch: f32, cap: f32, face: Face, s: &str, ink: u8) {
        let face = if face == Face::Sans { self.sans } else { face };
        let f = font(face);
        let scale = self.px(cap) / f.cap_ratio;
        let adv_mm = f.advance_ratio * scale * MM_PER_INCH / self.dpi;
        let mut buf = [0u8; 4];
        for (i, c) in s.chars().enumerate() {
            if c == ' ' {
                continue;
            }
            let cx = x + i as f32 * pitch + (pitch - adv_mm) / 2.0;
            self.text(cx, y, cap, face, c.encode_utf8(&mut buf), ink);
        }
    }

    /// Fills a rectangle (mm) with `v`.
    pub fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, v: u8) {
        let (x0, y0) = (self.px(x).round().max(0.0) as u32, self.px(y).round().max(0.0) as u32);
        let x1 = (self.px(x + w).round().max(0.0) as u32).min(self.img.width());
        let y1 = (self.px(y + h).round().max(0.0) as u32).min(self.img.height());
        for yy in y0..y1 {
            for xx in x0..x1 {
                self.img.put_pixel(xx, yy, Luma([v]));
            }
        }
    }

    /// Draws the outline of a rectangle (mm) with lines `t` mm thick.
    pub fn frame(&mut self, x: f32, y: f32, w: f32, h: f32, t: f32, v: u8) {
        let t = t.max(MM_PER_INCH / self.dpi);
        self.fill(x, y, w, t, v);
        self.fill(x, y + h - t, w, t, v);
        self.fill(x, y, t, h, v);
        self.fill(x + w - t, y, t, h, v);
    }

    /// Copies `src` with its top-left corner at (`x`, `y`) mm.
    pub fn blit(&mut self, src: &GrayImage, x: f32, y: f32) {
        let (ox, oy) = (self.px(x).round() as i64, self.px(y).round() as i64);
        for (sx, sy, p) in src.enumerate_pixels() {
            let (tx, ty) = (ox + sx as i64, oy + sy as i64);
            if tx >= 0 && ty >= 0 && (tx as u32) < self.img.width() && (ty as u32) < self.img.height() {
                self.img.put_pixel(tx as u32, ty as u32, *p);
            }
        }
    }

    /// A light guilloche: families of thin sine curves over a rectangle
    /// (mm), drawn darker-only so text printed later stays on top.
    pub fn guilloche(&mut self, x: f32, y: f32, w: f32, h: f32, ink: u8, rng: &mut Rng) {
        let families = 2 + rng.below(2);
        for fam in 0..families {
            let spacing = rng.uniform(1.2, 2.4) as f32;
            let amp = rng.uniform(0.6, 2.5) as f32;
            let wavelength = rng.uniform(6.0, 18.0) as f32;
            let dphase = rng.uniform(0.1, 0.6) as f32;
            let phase0 = rng.uniform(0.0, std::f64::consts::TAU) as f32;
            let n = ((h + 2.0 * amp) / spacing).ceil() as usize + 1;
            let step = MM_PER_INCH / self.dpi * 0.7;
            let (x0, x1) = (self.px(x), self.px(x + w));
            let (ylo, yhi) = (self.px(y), self.px(y + h));
            let sign = if fam % 2 == 0 { 1.0 } else { -1.0 };
            for j in 0..n {
                let base = y - amp + j as f32 * spacing;
                let mut xm = x;
                while xm < x + w {
                    let ym = base
                        + sign * amp * (std::f32::consts::TAU * xm / wavelength + phase0 + j as f32 * dphase).sin();
                    let (px, py) = (self.px(xm), self.px(ym));
                    if px >= x0 && px < x1 && py >= ylo && py < yhi {
                        self.darken_aa(px, py, ink);
                    }
                    xm += step;
                }
            }
        }
    }

    /// Darkens the pixel pair around (`px`, `py`) towards `ink`, anti-aliased vertically.
    fn darken_aa(&mut self, px: f32, py: f32, ink: u8) {
        let xi = px as u32;
        let yf = py - 0.5;
        let y0 = yf.floor();
        let frac = yf - y0;
        for (yy, wgt) in [(y0, 1.0 - frac), (y0 + 1.0, frac)] {
            if yy < 0.0 || yy as u32 >= self.img.height() || xi >= self.img.width() {
                continue;
            }
            let p = self.img.get_pixel_mut(xi, yy as u32);
            let old = p.0[0] as f32;
            let new = old + (ink as f32 - old) * wgt;
            if new < old {
                p.0[0] = new.round() as u8;
            }
        }
    }
}

/// Millimetres to pixels at `dpi`.
pub fn mm_px(mm: f32, dpi: f32) -> f32 {
    mm * dpi / MM_PER_INCH
}

/// Width in mm of `s` written with capitals `cap` mm high.
pub fn text_width(face: Face, cap: f32, s: &str) -> f32 {
    // Measured at a fixed pixel scale (dpi-independent up to rounding).
    let f = font(face);
    let scale = 100.0 / f.cap_ratio;
    let (w, _) = imageproc::drawing::text_size(PxScale::from(scale), &f.font, s);
    w as f32 / 100.0 * cap
}

/// A procedural, face-like continuous-tone portrait (`w` x `h` px): a plain
/// background, shoulders, neck, a shaded head ellipse, hair, eyes, brows,
/// nose and mouth, plus sensor noise. No real person is depicted.
pub fn portrait(w: u32, h: u32, rng: &mut Rng) -> GrayImage {
    let (wf, hf) = (w as f32, h as f32);
    let bg = rng.uniform(170.0, 235.0) as f32;
    let skin = rng.uniform(120.0, 200.0) as f32;
    let hair = rng.uniform(20.0, 110.0) as f32;
    let cloth = rng.uniform(30.0, 160.0) as f32;
    let cx = wf * rng.uniform(0.46, 0.54) as f32;
    let cy = hf * rng.uniform(0.40, 0.46) as f32;
    let rx = wf * rng.uniform(0.26, 0.32) as f32;
    let ry = hf * rng.uniform(0.25, 0.30) as f32;
    let hair_len = rng.uniform(0.0, 0.5) as f32;
    let light = rng.uniform(-0.6, 0.6) as f32;
    let noise_sd = rng.uniform(2.0, 7.0);
    let mut img = GrayImage::new(w, h);
    let eye_y = cy - ry * 0.1;
    let eye_dx = rx * 0.42;
    for y in 0..h {
        for x in 0..w {
            let (xf, yf) = (x as f32 + 0.5, y as f32 + 0.5);
            // Background with a soft vertical gradient.
            let mut v = bg - 20.0 * (yf / hf);
            // Shoulders: a wide ellipse at the bottom.
            let sx = (xf - cx) / (wf * 0.48);
            let sy = (yf - hf * 1.08) / (hf * 0.32);
            if sx * sx + sy * sy < 1.0 {
                v = cloth + 15.0 * sx;
            }
            // Neck.
            if (xf - cx).abs() < rx * 0.45 && yf > cy && yf < cy + ry * 1.5 {
                v = skin * 0.85;
            }
            let hx = (xf - cx) / rx;
            let hy = (yf - cy) / ry;
            let d = hx * hx + hy * hy;
            // Hair behind the head (long hair falls to the sides).
            let hair_x = (xf - cx) / (rx * 1.15);
            let hair_y = (yf - (cy - ry * 0.1)) / (ry * (1.1 + hair_len));
            if hair_x * hair_x + hair_y * hair_y < 1.0 && yf < cy + ry * (0.2 + hair_len * 1.5) {
                v = hair;
            }
            if d < 1.0 {
                // Shaded face: lit from one side.
                let shade = 1.0 - 0.25 * d + 0.18 * light * hx;
                v = skin * shade;
                // Hairline over the forehead.
                if hy < -0.55 + 0.12 * (hx * 3.0).sin() {
                    v = hair;
                }
                // Eyes and brows.
                for ex in [cx - eye_dx, cx + eye_dx] {
                    let ddx = (xf - ex) / (rx * 0.16);
                    let ddy = (yf - eye_y) / (ry * 0.07);
                    if ddx * ddx + ddy * ddy < 1.0 {
                        v = 40.0;
                    }
                    let bdy = (yf - (eye_y - ry * 0.17)) / (ry * 0.035);
                    if ddx.abs() < 1.2 && bdy.abs() < 1.0 {
                        v = hair * 0.8;
                    }
                }
                // Nose shadow and mouth.
                if (xf - cx - rx * 0.08).abs() < rx * 0.05 && yf > eye_y && yf < cy + ry * 0.3 {
                    v *= 0.8;
                }
                let mx = (xf - cx) / (rx * 0.35);
                let my = (yf - (cy + ry * 0.55)) / (ry * 0.05);
                if mx * mx + my * my < 1.0 {
                    v = skin * 0.55;
                }
            }
            let n = rng.gaussian(0.0, noise_sd) as f32;
            img.put_pixel(x, y, Luma([(v + n).clamp(0.0, 255.0) as u8]));
        }
    }
    img
}

/// A 1D barcode (Code-128-like bars, not a valid symbology) `w` x `h` px.
pub fn barcode(w: u32, h: u32, module: u32, rng: &mut Rng) -> GrayImage {
    let mut img = GrayImage::from_pixel(w, h, Luma([255]));
    let module = module.max(1);
    let mut x = module * 10;
    let mut dark = true;
    while x + module * 10 < w {
        let run = module * (1 + rng.below(4) as u32);
        if dark {
            for xx in x..(x + run).min(w) {
                for y in 0..h {
                    img.put_pixel(xx, y, Luma([0]));
                }
            }
        }
        dark = !dark;
        x += run;
    }
    img
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ink_bbox(img: &GrayImage) -> Option<(u32, u32, u32, u32)> {
        let mut bb: Option<(u32, u32, u32, u32)> = None;
        for (x, y, p) in img.enumerate_pixels() {
            if p.0[0] < 128 {
                bb = Some(match bb {
                    None => (x, y, x, y),
                    Some((a, b, c, d)) => (a.min(x), b.min(y), c.max(x), d.max(y)),
                });
            }
        }
        bb
    }

    #[test]
    fn canvas_is_true_size_at_every_dpi() {
        for (dpi, w, h) in [(150.0, 506, 319), (200.0, 674, 425), (300.0, 1011, 638)] {
            let c = Canvas::new(85.6, 53.98, dpi, 255);
            assert_eq!(c.img.dimensions(), (w, h), "dpi {dpi}");
        }
    }

    #[test]
    fn mono_text_has_the_requested_pitch_and_cap_height() {
        for dpi in [150.0f32, 300.0] {
            let mut c = Canvas::new(100.0, 20.0, dpi, 255);
            let line = "HHHHHHHHHHHHHHHHHHHHHHHHHHHHHH";
            c.mono((5.0, 10.0), 2.54, 2.4, Face::OcrB, line, 0);
            let (x0, y0, x1, y1) = ink_bbox(&c.img).unwrap();
            let width_mm = (x1 - x0 + 1) as f32 * MM_PER_INCH / dpi;
            let height_mm = (y1 - y0 + 1) as f32 * MM_PER_INCH / dpi;
            // 29 pitches plus one glyph width.
            assert!((width_mm - 29.0 * 2.54).abs() < 2.5, "width {width_mm} at {dpi}");
            assert!((height_mm - 2.4).abs() < 0.35, "cap {height_mm} at {dpi}");
        }
    }

    #[test]
    fn portraits_are_continuous_tone_and_seeded() {
        let a = portrait(120, 150, &mut Rng::new(5));
        let b = portrait(120, 150, &mut Rng::new(5));
        let c = portrait(120, 150, &mut Rng::new(6));
        assert_eq!(a, b);
        assert_ne!(a, c);
        let mut levels = [false; 256];
        a.pixels().for_each(|p| levels[p.0[0] as usize] = true);
        assert!(levels.iter().filter(|&&l| l).count() > 60, "a portrait has many grey levels");
    }

    #[test]
    fn guilloche_stays_light_and_inside_its_box() {
        let mut c = Canvas::new(60.0, 30.0, 200.0, 250);
        c.guilloche(10.0, 5.0, 40.0, 20.0, 200, &mut Rng::new(1));
        let changed: Vec<(u32, u32)> =
            c.img.enumerate_pixels().filter(|(_, _, p)| p.0[0] != 250).map(|(x, y, _)| (x, y)).collect();
        assert!(changed.len() > 1000);
        assert!(c.img.pixels().all(|p| p.0[0] >= 200));
        let (x0, x1) = (c.px(10.0) as u32, c.px(50.0) as u32 + 1);
        assert!(changed.iter().all(|&(x, _)| x >= x0 && x <= x1));
    }
}
