//! Larger formats: the old ID-2 German ID card, the passport data page
//! (ID-3) and the paper Ankunftsnachweis with its vertical MRZ.

use super::{CardData, MRZ_LINE_PITCH, MRZ_PITCH, field, mrz_block};
use crate::draw::{Canvas, Face, portrait};
use crate::rng::Rng;
use image::{GrayImage, Luma};

fn photo(c: &mut Canvas, x: f32, y: f32, w: f32, h: f32, rng: &mut Rng) {
    let img = portrait(c.px(w).round().max(4.0) as u32, c.px(h).round().max(4.0) as u32, rng);
    c.blit(&img, x, y);
}

/// Portrait side of the 1987-2010 ID card, which also carries the TD2 MRZ.
pub(super) fn old_id_front(c: &mut Canvas, d: &CardData, rng: &mut Rng) {
    let (w, h) = super::ID2;
    let ink = rng.range(200, 222) as u8;
    c.guilloche(2.0, 2.0, w - 4.0, h - 4.0, ink, rng);
    c.text(5.0, 7.0, 2.3, Face::Sans, "BUNDESREPUBLIK DEUTSCHLAND", 30);
    c.text(5.0, 10.5, 1.4, Face::Sans, "PERSONALAUSWEIS", 60);
    c.text(78.0, 7.0, 2.3, Face::Sans, &d.number, 15);
    photo(c, 5.0, 14.0, 27.0, 35.0, rng);
    let x = 36.0;
    field(c, x, 16.0, "Name / Surname", &d.surname, 2.3);
    field(c, x, 23.5, "Vornamen / Given names", &d.given_names, 2.3);
    field(c, x, 31.0, "Geburtstag / Date of birth", &d.birth_date, 2.0);
    field(c, 70.0, 31.0, "Geburtsort", &d.birth_place, 2.0);
    field(c, x, 38.5, "Staatsangehörigkeit", &d.nationality, 2.0);
    field(c, 70.0, 38.5, "Gültig bis", &d.expiry, 2.0);
    mrz_block(c, &d.mrz, 5.0, rng);
}

/// Reverse of the old ID card (address, authority).
pub(super) fn old_id_back(c: &mut Canvas, d: &CardData, rng: &mut Rng) {
    let (w, h) = super::ID2;
    let ink = rng.range(200, 222) as u8;
    c.guilloche(2.0, 2.0, w - 4.0, h - 4.0, ink, rng);
    field(c, 6.0, 8.0, "Wohnort / Residence", &d.town, 2.2);
    c.text(6.0, 19.0, 2.2, Face::Sans, &d.street, 25);
    field(c, 6.0, 26.0, "Größe / Height", &format!("{} cm", rng.range(152, 198)), 2.0);
    field(c, 40.0, 26.0, "Augenfarbe / Eyes", "BRAUN", 2.0);
    field(c, 6.0, 36.0, "Ausstellungsdatum / Date of issue", &d.issued, 2.0);
    field(c, 6.0, 46.0, "Behörde / Authority", "STADT NIRGENDWO", 2.0);
    c.frame(70.0, 40.0, 28.0, 28.0, 0.3, 110);
    c.text(73.0, 55.0, 1.4, Face::Sans, "Stempel", 110);
}

/// Passport data page with portrait and TD3 MRZ.
pub(super) fn passport_page(c: &mut Canvas, d: &CardData, rng: &mut Rng) {
    let (w, h) = super::ID3;
    let ink = rng.range(198, 222) as u8;
    c.guilloche(2.0, 2.0, w - 4.0, h - 4.0, ink, rng);
    let german = d.issuing_state == "D";
    let title = if german { "REISEPASS  PASSPORT  PASSEPORT" } else { "PASSPORT" };
    c.text(6.0, 6.5, 2.2, Face::Sans, title, 30);
    if german {
        c.text(70.0, 6.5, 1.8, Face::Sans, "BUNDESREPUBLIK DEUTSCHLAND", 40);
    }
    photo(c, 5.0, 12.0, 32.0, 42.0, rng);
    let x = 41.0;
    field(c, x, 12.0, "Typ / Type", &d.mrz.first().map(|l| l[..2].replace('<', "")).unwrap_or_default(), 2.0);
    field(c, 62.0, 12.0, "Code", &d.issuing_state, 2.0);
    field(c, 85.0, 12.0, "Pass-Nr. / Passport No.", &d.number, 2.0);
    field(c, x, 19.0, "Name / Surname", &d.surname, 2.2);
    field(c, x, 26.0, "Vornamen / Given names", &d.given_names, 2.2);
    field(c, x, 33.0, "Staatsangehörigkeit / Nationality", &d.nationality, 2.0);
    field(c, x, 40.0, "Geburtstag / Date of birth", &d.birth_date, 2.0);
    field(c, 85.0, 40.0, "Geschlecht / Sex", &d.sex, 2.0);
    field(c, x, 47.0, "Geburtsort / Place of birth", &d.birth_place, 2.0);
    field(c, x, 54.0, "Ausstellungsdatum / Date of issue", &d.issued, 2.0);
    field(c, 85.0, 54.0, "Gültig bis / Date of expiry", &d.expiry, 2.0);
    mrz_block(c, &d.mrz, 5.5, rng);
}

/// Ankunftsnachweis: a paper sheet with fields, a DataMatrix-like seal and
/// its 2 x 36 MRZ printed vertically along the left edge (reading upwards).
pub(super) fn ankunftsnachweis(c: &mut Canvas, d: &CardData, rng: &mut Rng) {
    let (_, h) = super::PAPER_A6;
    c.text(22.0, 10.0, 2.6, Face::Sans, "ANKUNFTSNACHWEIS", 20);
    c.text(22.0, 14.0, 1.5, Face::Sans, "Bescheinigung über die Meldung als Asylsuchender", 60);
    photo(c, 22.0, 19.0, 26.0, 33.0, rng);
    let x = 52.0;
    field(c, x, 21.0, "Familienname", &d.surname, 2.0);
    field(c, x, 28.0, "Vornamen", &d.given_names, 2.0);
    field(c, x, 35.0, "Geburtsdatum", &d.birth_date, 1.8);
    field(c, x, 42.0, "Staatsangehörigkeit", &d.nationality, 1.8);
    field(c, x, 49.0, "Gültig bis", &d.expiry, 1.8);
    field(c, 22.0, 60.0, "Anschrift der Aufnahmeeinrichtung", &d.street, 1.8);
    c.text(22.0, 67.0, 1.8, Face::Sans, &d.town, 25);
    field(c, 22.0, 75.0, "Ausstellende Behörde", "AUFNAHMEEINRICHTUNG NIRGENDWO", 1.6);
    let seal = datamatrix_like(c.px(18.0).round() as u32, 20, rng);
    c.blit(&seal, 22.0, 88.0);
    // The MRZ, drawn horizontally on its own canvas, then turned 90 degrees
    // counter-clockwise so it reads bottom to top along the left edge.
    let len = d.mrz.iter().map(|l| l.chars().count()).max().unwrap_or(36) as f32;
    let n = d.mrz.len() as f32;
    let mut strip = Canvas::new(len * MRZ_PITCH + 4.0, n * MRZ_LINE_PITCH + 3.0, c.dpi, 248);
    mrz_block(&mut strip, &d.mrz, 1.8, rng);
    let turned = image::imageops::rotate270(&strip.img);
    c.blit(&turned, 4.0, (h - len * MRZ_PITCH) / 2.0 - 2.0);
}

fn datamatrix_like(side: u32, modules: u32, rng: &mut Rng) -> GrayImage {
    let mut img = GrayImage::from_pixel(side.max(modules), side.max(modules), Luma([255]));
    let m = (side / modules).max(1);
    for my in 0..modules {
        for mx in 0..modules {
            let border = mx == 0 || my == modules - 1;
            let timing = (my == 0 && mx % 2 == 0) || (mx == modules - 1 && my % 2 == 1);
            if border || timing || rng.chance(0.5) {
                for y in my * m..(my + 1) * m {
                    for x in mx * m..(mx + 1) * m {
                        if x < img.width() && y < img.height() {
                            img.put_pixel(x, y, Luma([10]));
                        }
                    }
                }
            }
        }
    }
    img
}
