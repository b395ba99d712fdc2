//! Negative page styles beside [`crate::docs`]: letters as a
//! colour scanner at 150 dpi sees them (tinted paper, grey letterhead
//! blocks, a stamp), text-only memos, a staff page with small portraits,
//! and photographs of a room. Each in a family's font and layout.

use crate::docs::paragraph;
use crate::draw::{Canvas, Face};
use crate::page::A4;
use crate::rng::Rng;
use image::{GrayImage, Luma};

const SENTENCES: [&str; 10] = [
    "Wir bestätigen den Eingang Ihrer Unterlagen vom letzten Monat.",
    "Für die weitere Bearbeitung benötigen wir noch die Nebenkostenabrechnung.",
    "Bitte teilen Sie uns Änderungen Ihrer Anschrift umgehend mit.",
    "Die Zahlung erfolgt monatlich im Voraus auf das angegebene Konto.",
    "Gegen diese Entscheidung können Sie innerhalb eines Monats Widerspruch einlegen.",
    "Ihre Ansprechpartnerin erreichen Sie dienstags und donnerstags.",
    "Der Mietvertrag wurde zur Akte genommen und geprüft.",
    "Bitte bringen Sie zum nächsten Termin Ihre Kontoauszüge mit.",
    "Die Bescheinigung des Arbeitgebers liegt uns vollständig vor.",
    "Wir danken Ihnen für Ihre Mitwirkung.",
];

/// A letter in `face`, laid out by `layout` (0-7: letterhead left or
/// right, logo block or rule, margins), with grey letterhead blocks and a
/// light paper tint as a colour scan turned grey shows them.
pub fn scanned_letter(dpi: f32, face: Face, layout: usize, rng: &mut Rng) -> GrayImage {
    let tint = rng.range(225, 246) as u8;
    let mut c = Canvas::new(A4.0, A4.1, dpi, tint).with_sans(face);
    let left = 20.0 + (layout % 3) as f32 * 3.0;
    let head_right = layout % 2 == 1;
    let hx = if head_right { 120.0 } else { left };
    if layout % 4 < 2 {
        // A logo block of mid grey (a coloured logo after grey conversion).
        c.fill(hx, 12.0, 18.0, 12.0, rng.range(90, 170) as u8);
        c.text(
            hx + 21.0,
            20.0,
            3.0,
            Face::Sans,
            rng.pick::<&str>(&["Stadtwerke Nirgendwo", "Wohnbau Muster eG", "Jobcenter Beispielhausen"]),
            30,
        );
    } else {
        c.text(
            hx,
            20.0,
            3.6,
            Face::Sans,
            rng.pick::<&str>(&["Hausverwaltung Beispiel", "Krankenkasse Muster", "Familienkasse Nirgendwo"]),
            30,
        );
        c.fill(left, 25.0, 170.0, 0.6, rng.range(60, 140) as u8);
    }
    let addr_y = 50.0 + (layout % 3) as f32 * 4.0;
    for (i, l) in ["Herrn / Frau", "Beispiel, Anna", "Lindenweg 3", "99999 Nirgendwo"].iter().enumerate() {
        c.text(left, addr_y + i as f32 * 5.0, 2.0, Face::Sans, l, 25);
    }
    c.text(
        125.0,
        addr_y,
        1.7,
        Face::Sans,
        &format!("Datum {:02}.{:02}.{}", rng.range(1, 29), rng.range(1, 13), rng.range(2018, 2027)),
        40,
    );
    let cap = 1.8 + (layout % 4) as f32 * 0.15;
    let mut y = addr_y + 32.0;
    c.text(
        left,
        y,
        cap * 1.15,
        Face::Sans,
        rng.pick::<&str>(&["Ihr Schreiben", "Mietbescheinigung", "Nachforderung von Unterlagen", "Bestätigung"]),
        15,
    );
    y += 10.0;
    for _ in 0..rng.range(3, 7) {
        let text: Vec<&str> = (0..rng.range(2, 5)).map(|_| *rng.pick(&SENTENCES)).collect();
        y = paragraph(&mut c, left, y, 190.0 - left - 10.0, cap, &text.join(" ")) + 2.5;
        if y > 250.0 {
            break;
        }
    }
    if rng.chance(0.5) {
        // A round stamp, printed in a light colour (mid grey).
        stamp(&mut c, 150.0, y.min(265.0), rng);
    }
    c.img
}

fn stamp(c: &mut Canvas, x: f32, y: f32, rng: &mut Rng) {
    let (cx, cy, r) = (c.px(x), c.px(y), c.px(rng.uniform(12.0, 18.0) as f32));
    let ink = rng.range(120, 180) as u8;
    let t = c.px(0.5);
    let (w, h) = c.img.dimensions();
    for yy in (cy - r - t).max(0.0) as u32..((cy + r + t) as u32).min(h) {
        for xx in (cx - r - t).max(0.0) as u32..((cx + r + t) as u32).min(w) {
            let d = ((xx as f32 - cx).powi(2) + (yy as f32 - cy).powi(2)).sqrt();
            if (d - r).abs() < t || (d - r * 0.75).abs() < t * 0.6 {
                c.img.put_pixel(xx, yy, Luma([ink]));
            }
        }
    }
}

/// A text-only memo ("Vermerk") with a small table of dates, in `face`.
pub fn memo(dpi: f32, face: Face, rng: &mut Rng) -> GrayImage {
    let mut c = Canvas::new(A4.0, A4.1, dpi, rng.range(242, 256) as u8).with_sans(face);
    c.text(20.0, 22.0, 3.4, Face::Sans, rng.pick::<&str>(&["Vermerk", "Aktenvermerk", "Gesprächsvermerk"]), 20);
    let mut y = 34.0;
    for _ in 0..rng.range(2, 5) {
        let text: Vec<&str> = (0..rng.range(2, 4)).map(|_| *rng.pick(&SENTENCES)).collect();
        y = paragraph(&mut c, 20.0, y, 170.0, 2.0, &text.join(" ")) + 2.0;
    }
    y += 4.0;
    for r in 0..rng.range(3, 9) {
        let yy = y + r as f32 * 7.0;
        c.frame(20.0, yy - 5.0, 170.0, 7.0, 0.2, 80);
        c.text(
            23.0,
            yy,
            1.9,
            Face::Sans,
            &format!("{:02}.{:02}.{}", rng.range(1, 29), rng.range(1, 13), rng.range(2019, 2027)),
            30,
        );
        c.text(
            60.0,
            yy,
            1.9,
            Face::Sans,
            rng.pick::<&str>(&["Unterlagen eingereicht", "Termin wahrgenommen", "Anruf", "Rückfrage"]),
            30,
        );
    }
    c.img
}

/// A staff page ("Ihre Ansprechpartner") with 3 to 8 small portraits and
/// names: faces on a page that is no identity document.
pub fn staff_page(
    dpi: f32,
    face: Face,
    portrait: &dyn Fn(u32, u32, &mut Rng) -> GrayImage,
    rng: &mut Rng,
) -> GrayImage {
    let mut c = Canvas::new(A4.0, A4.1, dpi, rng.range(244, 256) as u8).with_sans(face);
    c.text(20.0, 25.0, 3.6, Face::Sans, "Ihre Ansprechpartner", 20);
    let n = rng.range(3, 9) as usize;
    let pw = rng.uniform(22.0, 30.0) as f32;
    let ph = pw * 1.3;
    for i in 0..n {
        let (col, row) = (i % 4, i / 4);
        let x = 20.0 + col as f32 * (pw + 14.0);
        let y = 40.0 + row as f32 * (ph + 22.0);
        let img = portrait(c.px(pw) as u32, c.px(ph) as u32, rng);
        c.blit(&img, x, y);
        c.text(
            x,
            y + ph + 5.0,
            1.8,
            Face::Sans,
            rng.pick::<&str>(&["Frau Muster", "Herr Beispiel", "Frau Test", "Herr Anders"]),
            25,
        );
        c.text(x, y + ph + 9.0, 1.4, Face::Sans, &format!("Zimmer {}.{:02}", rng.range(1, 5), rng.range(1, 40)), 60);
    }
    c.img
}

/// A photograph of a room filling the page: floor and walls in
/// perspective, a window with bars, a door, a picture frame, a shelf, soft
/// light and sensor noise. Rectangles, but no card and no face.
pub fn room_photo(dpi: f32, rng: &mut Rng) -> GrayImage {
    let (w, h) = ((A4.0 * dpi / 25.4) as u32, (A4.1 * dpi / 25.4) as u32);
    let (wf, hf) = (w as f32, h as f32);
    let horizon = hf * rng.uniform(0.55, 0.72) as f32;
    let wall = rng.uniform(150.0, 215.0) as f32;
    let floor = rng.uniform(60.0, 140.0) as f32;
    let vx = wf * rng.uniform(0.3, 0.7) as f32;
    let mut img = GrayImage::from_fn(w, h, |x, y| {
        let (xf, yf) = (x as f32, y as f32);
        let v = if yf < horizon {
            wall - 25.0 * ((xf - vx).abs() / wf)
        } else {
            // Floor boards converging to the vanishing point.
            let t = (xf - vx) / (yf - horizon + 1.0);
            floor + 18.0 * ((t * 6.0).sin() > 0.0) as u8 as f32 - 20.0 * (yf - horizon) / hf
        };
        Luma([v.clamp(0.0, 255.0) as u8])
    });
    let mut rect = |x: f32, y: f32, rw: f32, rh: f32, v: u8, frame: u8| {
        for yy in (y.max(0.0) as u32)..((y + rh) as u32).min(h) {
            for xx in (x.max(0.0) as u32)..((x + rw) as u32).min(w) {
                let edge = (xx as f32 - x) < 6.0
                    || (x + rw - xx as f32) < 6.0
                    || (yy as f32 - y) < 6.0
                    || (y + rh - yy as f32) < 6.0;
                img.put_pixel(xx, yy, Luma([if edge { frame } else { v }]));
            }
        }
    };
    // Window with bars.
    let (wx, wy, ww, wh) = (wf * rng.uniform(0.05, 0.45) as f32, hf * 0.12, wf * 0.35, hf * 0.3);
    rect(wx, wy, ww, wh, 245, 90);
    rect(wx + ww / 2.0 - 4.0, wy, 8.0, wh, 90, 90);
    rect(wx, wy + wh / 2.0 - 4.0, ww, 8.0, 90, 90);
    // Door, picture frame, shelf.
    rect(wf * 0.72, horizon - hf * 0.45, wf * 0.2, hf * 0.45, rng.range(90, 180) as u8, 50);
    let pf = wf * rng.uniform(0.12, 0.22) as f32;
    rect(wf * rng.uniform(0.5, 0.6) as f32, hf * 0.2, pf, pf * 0.7, rng.range(60, 200) as u8, 30);
    let sx = wf * rng.uniform(0.05, 0.3) as f32;
    rect(sx, horizon - hf * 0.18, wf * 0.3, hf * 0.18, 70, 40);
    for b in 0..12 {
        let bx = sx + 10.0 + b as f32 * wf * 0.023;
        rect(bx, horizon - hf * 0.16, wf * 0.018, hf * 0.07, rng.range(40, 220) as u8, 30);
    }
    crate::damage::uneven_light(&mut img, rng.uniform(0.1, 0.35) as f32, rng);
    let img = crate::damage::blur(&img, rng.uniform(0.8, 2.0) as f32 * dpi / 300.0);
    let mut img = img;
    crate::damage::noise(&mut img, rng.uniform(3.0, 8.0), rng);
    img
}
