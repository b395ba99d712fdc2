//! ID-1 layouts: German ID card fronts and backs (2010, 2021), residence
//! permit, foreign ID card, and the look-alikes without MRZ.

use super::{CardData, CardKind, CardSide, field, mrz_block};
use crate::draw::{Canvas, Face, portrait};
use crate::rng::Rng;

const W: f32 = super::ID1.0;
const H: f32 = super::ID1.1;

fn background(c: &mut Canvas, rng: &mut Rng) {
    let ink = rng.range(196, 222) as u8;
    c.guilloche(1.5, 1.5, W - 3.0, H - 3.0, ink, rng);
}

fn photo(c: &mut Canvas, x: f32, y: f32, w: f32, h: f32, rng: &mut Rng) {
    let img = portrait(c.px(w).round().max(4.0) as u32, c.px(h).round().max(4.0) as u32, rng);
    c.blit(&img, x, y);
}

fn signature(c: &mut Canvas, x: f32, y: f32, w: f32, rng: &mut Rng) {
    let amp = rng.uniform(0.6, 1.4) as f32;
    let f = rng.uniform(0.6, 1.5) as f32;
    let step = 25.4 / c.dpi * 0.5;
    let mut t = 0.0;
    while t < w {
        let yy = y + amp * (t * f).sin() * (t * 0.37).cos();
        let (px, py) = (c.px(x + t), c.px(yy));
        for d in 0..(c.px(0.3).ceil() as u32).max(1) {
            let (xi, yi) = (px as u32, py as u32 + d);
            if xi < c.img.width() && yi < c.img.height() {
                c.img.put_pixel(xi, yi, image::Luma([30]));
            }
        }
        t += step;
    }
}

/// Front of the German Personalausweis.
pub(super) fn german_id_front(c: &mut Canvas, kind: CardKind, d: &CardData, rng: &mut Rng) {
    background(c, rng);
    let mut hx = 4.0;
    if kind == CardKind::IdCard2021 {
        c.fill(3.5, 3.0, 9.0, 6.5, 90);
        c.text(5.2, 8.0, 2.4, Face::Sans, "DE", 240);
        hx = 14.0;
    }
    c.text(hx, 6.0, 2.0, Face::Sans, "BUNDESREPUBLIK DEUTSCHLAND", 30);
    c.text(hx, 9.2, 1.2, Face::Sans, "PERSONALAUSWEIS  IDENTITY CARD  CARTE D'IDENTITÉ", 60);
    c.text(64.0, 13.0, 2.1, Face::Sans, &d.number, 15);
    photo(c, 3.5, 12.5, 24.0, 31.0, rng);
    let x = 30.5;
    field(c, x, 14.5, "Name / Surname / Nom", &d.surname, 2.1);
    field(c, x, 21.0, "Vornamen / Given names / Prénoms", &d.given_names, 2.1);
    field(c, x, 27.5, "Geburtstag / Date of birth", &d.birth_date, 1.8);
    field(c, 55.0, 27.5, "Geburtsort / Place of birth", &d.birth_place, 1.8);
    field(c, x, 34.0, "Staatsangehörigkeit / Nationality", &d.nationality, 1.8);
    field(c, x, 40.5, "Gültig bis / Date of expiry", &d.expiry, 1.8);
    signature(c, 31.0, 50.0, 26.0, rng);
    c.frame(67.5, 45.0, 14.5, 5.8, 0.25, 60);
    c.text(69.0, 49.3, 2.0, Face::Sans, &d.can, 20);
}

/// Back of the German Personalausweis (address, data block, TD1 MRZ).
pub(super) fn german_id_back(c: &mut Canvas, kind: CardKind, d: &CardData, rng: &mut Rng) {
    background(c, rng);
    let eyes = *rng.pick(&["BRAUN", "BLAU", "GRÜN", "GRAU"]);
    let height = format!("{} cm", rng.range(152, 198));
    field(c, 4.0, 4.5, "Augenfarbe / Colour of eyes", eyes, 1.7);
    field(c, 32.0, 4.5, "Größe / Height", &height, 1.7);
    field(c, 52.0, 4.5, "Ausstellungsdatum / Date of issue", &d.issued, 1.7);
    field(c, 4.0, 11.5, "Anschrift / Address", &d.street, 1.8);
    c.text(4.0, 18.8, 1.8, Face::Sans, &d.town, 25);
    field(c, 44.0, 11.5, "Behörde / Authority", "STADT NIRGENDWO", 1.7);
    if kind == CardKind::IdCard2021 {
        c.text(44.0, 18.8, 1.2, Face::Sans, "Ordens- oder Künstlername", 95);
    }
    mrz_block(c, &d.mrz, 3.6, rng);
}

/// Front of the electronic residence permit (eAT).
pub(super) fn permit_front(c: &mut Canvas, d: &CardData, rng: &mut Rng) {
    background(c, rng);
    c.text(4.0, 5.8, 1.9, Face::Sans, "AUFENTHALTSTITEL", 30);
    c.text(4.0, 8.8, 1.2, Face::Sans, "RESIDENCE PERMIT  D", 60);
    c.text(62.0, 5.8, 2.0, Face::Sans, &d.number, 15);
    photo(c, 3.5, 12.0, 23.0, 30.0, rng);
    let x = 30.0;
    field(c, x, 13.0, "Name / Surname", &d.surname, 2.0);
    field(c, x, 19.5, "Vornamen / Given names", &d.given_names, 2.0);
    field(c, x, 26.0, "Geschlecht / Sex", &d.sex, 1.8);
    field(c, 50.0, 26.0, "Staatsangehörigkeit", &d.nationality, 1.8);
    field(c, x, 32.5, "Geburtsdatum / Date of birth", &d.birth_date, 1.8);
    field(c, x, 39.0, "Gültig bis / Valid until", &d.expiry, 1.8);
    field(c, x, 45.5, "Art des Titels / Type of permit", "AUFENTHALTSERLAUBNIS", 1.6);
    c.frame(67.5, 46.0, 14.5, 5.5, 0.25, 60);
    c.text(69.0, 50.2, 2.0, Face::Sans, &d.can, 20);
}

/// Back of the eAT with its TD1 MRZ.
pub(super) fn permit_back(c: &mut Canvas, d: &CardData, rng: &mut Rng) {
    background(c, rng);
    field(c, 4.0, 4.5, "Geburtsort / Place of birth", &d.birth_place, 1.7);
    field(c, 44.0, 4.5, "Anmerkungen / Remarks", "ERWERBSTÄTIGKEIT ERLAUBT", 1.5);
    field(c, 4.0, 11.5, "Anschrift / Address", &d.street, 1.8);
    c.text(4.0, 18.8, 1.8, Face::Sans, &d.town, 25);
    mrz_block(c, &d.mrz, 3.6, rng);
}

/// Front of another state's ID card.
pub(super) fn foreign_front(c: &mut Canvas, d: &CardData, rng: &mut Rng) {
    background(c, rng);
    let state = d.issuing_state.clone();
    c.text(4.0, 6.0, 2.0, Face::Sans, &format!("IDENTITY CARD  {state}"), 30);
    photo(c, 58.0, 10.0, 24.0, 31.0, rng);
    field(c, 4.0, 12.0, "Surname", &d.surname, 2.1);
    field(c, 4.0, 18.5, "Given names", &d.given_names, 2.1);
    field(c, 4.0, 25.0, "Date of birth", &d.birth_date, 1.8);
    field(c, 30.0, 25.0, "Sex", &d.sex, 1.8);
    field(c, 4.0, 31.5, "Nationality", &d.nationality, 1.8);
    field(c, 4.0, 38.0, "Document no.", &d.number, 1.8);
    field(c, 30.0, 38.0, "Expiry", &d.expiry, 1.8);
    signature(c, 6.0, 49.0, 30.0, rng);
}

/// Back of another state's ID card with its TD1 MRZ.
pub(super) fn foreign_back(c: &mut Canvas, d: &CardData, rng: &mut Rng) {
    background(c, rng);
    field(c, 4.0, 4.5, "Address", &d.street, 1.8);
    c.text(4.0, 11.5, 1.8, Face::Sans, &d.town, 25);
    field(c, 48.0, 4.5, "Date of issue", &d.issued, 1.7);
    mrz_block(c, &d.mrz, 3.6, rng);
}

/// Elektronische Gesundheitskarte: photo, insurer, insured number; no MRZ.
pub(super) fn health_card(c: &mut Canvas, side: CardSide, d: &CardData, rng: &mut Rng) {
    background(c, rng);
    if side == CardSide::Back {
        c.text(4.0, 6.0, 1.8, Face::Sans, "EUROPÄISCHE KRANKENVERSICHERUNGSKARTE", 30);
        field(c, 4.0, 12.0, "3 Name", &d.surname, 1.8);
        field(c, 4.0, 19.0, "4 Vornamen", &d.given_names, 1.8);
        field(c, 4.0, 26.0, "5 Geburtsdatum", &d.birth_date, 1.8);
        field(c, 4.0, 33.0, "6 Persönliche Kennnummer", "A123456789", 1.8);
        field(c, 4.0, 40.0, "7 Kennnummer des Trägers", "109999999 - MUSTERKASSE", 1.6);
        return;
    }
    c.text(4.0, 6.5, 2.2, Face::Sans, "MUSTERKASSE", 30);
    c.text(50.0, 6.5, 1.4, Face::Sans, "Gesundheitskarte", 60);
    chip(c, 6.0, 18.0);
    photo(c, 60.0, 11.0, 21.0, 27.0, rng);
    c.text(4.0, 40.0, 2.0, Face::Sans, &format!("{} {}", d.given_names, d.surname), 20);
    c.text(4.0, 45.0, 1.8, Face::Sans, "A123456789", 20);
    c.text(4.0, 49.5, 1.5, Face::Sans, "Versichertennummer", 80);
}

/// Bank card: chip, grouped card number, name, expiry; no photo, no MRZ.
pub(super) fn bank_card(c: &mut Canvas, side: CardSide, d: &CardData, rng: &mut Rng) {
    background(c, rng);
    if side == CardSide::Back {
        c.fill(0.0, 5.0, W, 8.0, 25);
        c.fill(5.0, 17.0, 50.0, 7.0, 235);
        c.text(58.0, 22.0, 2.0, Face::Sans, &format!("{:03}", rng.range(0, 1000)), 20);
        c.text(5.0, 44.0, 1.2, Face::Sans, "Diese Karte ist Eigentum der Beispielbank.", 80);
        return;
    }
    c.text(4.0, 7.0, 2.6, Face::Sans, "BEISPIELBANK", 30);
    chip(c, 8.0, 17.0);
    let groups: Vec<String> = (0..4).map(|_| format!("{:04}", rng.range(0, 10000))).collect();
    c.text(7.0, 36.0, 3.2, Face::Sans, &groups.join(" "), 20);
    c.text(7.0, 42.5, 1.6, Face::Sans, &format!("GÜLTIG BIS {:02}/{:02}", rng.range(1, 13), rng.range(26, 33)), 30);
    c.text(7.0, 48.5, 2.0, Face::Sans, &format!("{} {}", d.given_names, d.surname), 20);
}

/// EU driving licence: photo and numbered fields, no MRZ.
pub(super) fn driving_licence(c: &mut Canvas, side: CardSide, d: &CardData, rng: &mut Rng) {
    background(c, rng);
    if side == CardSide::Back {
        let classes = ["AM", "A1", "A2", "A", "B1", "B", "C1", "C", "D1", "D", "BE", "CE"];
        for (i, cl) in classes.iter().enumerate() {
            let y = 4.0 + i as f32 * 3.8;
            c.frame(3.0, y - 2.9, W - 6.0, 3.8, 0.15, 90);
            c.text(5.0, y, 1.6, Face::Sans, cl, 30);
        }
        return;
    }
    c.fill(3.0, 3.0, 10.0, 8.0, 90);
    c.text(5.5, 9.0, 2.6, Face::Sans, "D", 240);
    c.text(16.0, 6.5, 2.0, Face::Sans, "FÜHRERSCHEIN", 30);
    c.text(16.0, 9.8, 1.2, Face::Sans, "BUNDESREPUBLIK DEUTSCHLAND", 60);
    photo(c, 3.5, 13.0, 22.0, 29.0, rng);
    let x = 29.0;
    c.text(x, 16.0, 1.8, Face::Sans, &format!("1. {}", d.surname), 25);
    c.text(x, 20.5, 1.8, Face::Sans, &format!("2. {}", d.given_names), 25);
    c.text(x, 25.0, 1.8, Face::Sans, &format!("3. {} {}", d.birth_date, d.birth_place), 25);
    c.text(x, 29.5, 1.8, Face::Sans, &format!("4a. {}  4b. {}", d.issued, d.expiry), 25);
    c.text(x, 34.0, 1.8, Face::Sans, "4c. STADT NIRGENDWO", 25);
    c.text(x, 38.5, 1.8, Face::Sans, &format!("5. B{:09}", rng.range(0, 1_000_000_000)), 25);
    c.text(x, 47.0, 1.8, Face::Sans, "9. AM/B/L", 25);
    signature(c, 6.0, 48.0, 18.0, rng);
}

fn chip(c: &mut Canvas, x: f32, y: f32) {
    c.fill(x, y, 11.0, 8.5, 150);
    c.frame(x, y, 11.0, 8.5, 0.3, 70);
    c.fill(x + 5.3, y, 0.3, 8.5, 70);
    c.fill(x, y + 4.1, 11.0, 0.3, 70);
}
