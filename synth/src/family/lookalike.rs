//! ID-1 look-alikes in a family's design: health insurance card (chip and
//! photo), bank card (chip, no photo), EU driving licence (photo left,
//! numbered fields), company and student cards (photo, no MRZ). None
//! carries an MRZ.

use super::print::Printer;
use crate::card::{CardData, CardSide};
use crate::rng::Rng;

const INSURERS: [&str; 4] = ["MUSTERKASSE", "BEISPIEL BKK", "AOK NIRGENDWO", "TESTKRANKENKASSE"];
const BANKS: [&str; 4] = ["BEISPIELBANK", "SPARKASSE NIRGENDWO", "MUSTER VOLKSBANK", "TESTBANK"];
const FIRMS: [&str; 4] = ["Musterfirma GmbH", "Beispiel Logistik AG", "Stadtwerke Nirgendwo", "Testbau KG"];
const UNIS: [&str; 3] = ["Universität Nirgendwo", "Hochschule Musterstadt", "Technische Universität Beispielhausen"];

/// Elektronische Gesundheitskarte: insurer, chip, photo, insured number;
/// the back is the European health insurance card.
pub(super) fn health(p: &mut Printer, side: CardSide, d: &CardData, rng: &mut Rng) {
    let fam = p.fam;
    if side == CardSide::Back {
        p.header(4.0, "EUROPÄISCHE KRANKENVERSICHERUNGSKARTE", "EUROPEAN HEALTH INSURANCE CARD");
        let top = p.header_bottom() + 1.0;
        let items: Vec<(&str, &str)> = vec![
            ("3 Name", &d.surname),
            ("4 Vornamen", &d.given_names),
            ("5 Geburtsdatum", &d.birth_date),
            ("6 Persönliche Kennnummer", "A123456789"),
            ("8 Kennnummer der Karte", "80276 00000 12345"),
            ("9 Ablaufdatum", &d.expiry),
        ];
        p.fields(4.0, top, p.w / 2.0, p.h - 4.0, &items);
        return;
    }
    let insurer = *rng.pick(&INSURERS);
    p.header(4.0, insurer, "Gesundheitskarte");
    let top = p.header_bottom() + 1.0;
    let chip_left = fam.index.is_multiple_of(2);
    let (pw, ph) = (fam.photo.2 * 0.85, fam.photo.3 * 0.85);
    let (chip_x, photo_x) = if chip_left { (6.0, p.w - pw - 4.0) } else { (p.w - 19.0, 4.0) };
    p.chip(chip_x, top + 5.0);
    p.photo(photo_x, top, pw, ph.min(p.h - top - 16.0), rng);
    let tx = if chip_left { 4.0 } else { photo_x + pw + 3.0 };
    let name = format!("{} {}", d.given_names, d.surname);
    p.text(tx, p.h - 12.0, 2.0, &name, 20);
    p.text(tx, p.h - 7.5, 1.8, &format!("A{:09}", rng.range(0, 1_000_000_000)), 20);
    p.text(tx, p.h - 3.5, 1.3, "Versichertennummer", 80);
}

/// Bank card: bank name, chip, grouped number, expiry, holder; no photo.
pub(super) fn bank(p: &mut Printer, side: CardSide, d: &CardData, rng: &mut Rng) {
    if side == CardSide::Back {
        p.c.fill(0.0, 5.0, p.w, 8.5, 25);
        p.c.fill(5.0, 17.0, 50.0, 7.0, 238);
        p.text(58.0, 22.0, 2.0, &format!("{:03}", rng.range(0, 1000)), 20);
        p.text(5.0, 44.0, 1.2, "Diese Karte ist Eigentum der ausgebenden Bank.", 80);
        return;
    }
    let bank = *rng.pick(&BANKS);
    p.header(4.0, bank, if rng.chance(0.5) { "Debitkarte" } else { "" });
    p.chip(8.0, 17.0);
    let groups: Vec<String> = (0..4).map(|_| format!("{:04}", rng.range(0, 10000))).collect();
    p.text(7.0, 35.5, 3.1, &groups.join(" "), 20);
    p.text(7.0, 42.0, 1.6, &format!("GÜLTIG BIS {:02}/{:02}", rng.range(1, 13), rng.range(26, 33)), 30);
    p.text(7.0, 48.5, 2.0, &format!("{} {}", d.given_names, d.surname), 20);
}

/// EU driving licence: "D" emblem, FÜHRERSCHEIN, photo left, the numbered
/// fields 1. 2. 3. 4a. 4b. 4c. 5. 9.; the back is the class table.
pub(super) fn driving(p: &mut Printer, side: CardSide, d: &CardData, rng: &mut Rng) {
    let fam = p.fam;
    if side == CardSide::Back {
        let classes = ["AM", "A1", "A2", "A", "B1", "B", "C1", "C", "D1", "D", "BE", "CE"];
        let rows = classes.len() as f32;
        let pitch = (p.h - 6.0) / rows;
        for (i, cl) in classes.iter().enumerate() {
            let y = 3.0 + i as f32 * pitch;
            p.c.frame(3.0, y, p.w - 6.0, pitch, 0.15, 90);
            p.text(5.0, y + pitch * 0.75, pitch * 0.45, cl, 30);
        }
        return;
    }
    p.c.fill(3.0, fam.header_y - 4.6, 8.5, 6.5, 95);
    p.title(5.0, fam.header_y + 0.6, 2.6, "D", 240);
    p.header(13.5, "FÜHRERSCHEIN", "BUNDESREPUBLIK DEUTSCHLAND");
    let top = p.header_bottom() + 1.0;
    let (pw, ph) = (fam.photo.2 * 0.92, fam.photo.3 * 0.92);
    p.photo(3.5, top, pw, ph.min(p.h - top - 6.0), rng);
    let x = 3.5 + pw + fam.gap;
    let cap = fam.value_cap * 0.9;
    let step = ((p.h - top - 4.0) / 8.0).min(fam.pitch * 0.75);
    let lines = [
        format!("1. {}", d.surname),
        format!("2. {}", d.given_names),
        format!("3. {} {}", d.birth_date, d.birth_place),
        format!("4a. {}   4b. {}", d.issued, d.expiry),
        "4c. STADT NIRGENDWO".to_string(),
        format!("5. B{:09}", rng.range(0, 1_000_000_000)),
        "9. AM/B/L".to_string(),
    ];
    for (i, l) in lines.iter().enumerate() {
        p.text(x, top + 3.0 + i as f32 * step, cap, l, 25);
    }
    p.signature(x + 2.0, p.h - 3.5, 20.0, rng);
}

/// Company card: firm name, "Mitarbeiterausweis", photo, name, staff
/// number, sometimes a barcode strip.
pub(super) fn company(p: &mut Printer, side: CardSide, d: &CardData, rng: &mut Rng) {
    let firm = *rng.pick(&FIRMS);
    if side == CardSide::Back {
        p.text(5.0, 10.0, 1.6, "Dieser Ausweis ist nicht übertragbar.", 40);
        p.text(5.0, 15.0, 1.6, &format!("Bei Fund bitte zurück an: {firm}"), 40);
        let bars = crate::draw::barcode(p.c.px(60.0) as u32, p.c.px(10.0) as u32, 2, rng);
        p.c.blit(&bars, 12.0, 30.0);
        return;
    }
    let title = *rng.pick(&["Mitarbeiterausweis", "Dienstausweis", "Betriebsausweis"]);
    p.header(4.0, firm, title);
    company_like(p, d, &format!("Personal-Nr. {:06}", rng.range(0, 1_000_000)), rng);
}

/// Student card: university, "Studierendenausweis", photo, name,
/// matriculation number, semester.
pub(super) fn student(p: &mut Printer, side: CardSide, d: &CardData, rng: &mut Rng) {
    let uni = *rng.pick(&UNIS);
    if side == CardSide::Back {
        p.header(4.0, "Semesterticket", uni);
        let y = p.header_bottom() + 6.0;
        p.text(5.0, y, 1.8, &format!("Gültig im Sommersemester {}", rng.range(2022, 2027)), 30);
        p.text(5.0, y + 6.0, 1.8, "Nur gültig mit amtlichem Lichtbildausweis.", 30);
        return;
    }
    let title = *rng.pick(&["Studierendenausweis", "Studentenausweis", "Student ID"]);
    p.header(4.0, uni, title);
    company_like(p, d, &format!("Matrikel-Nr. {:07}", rng.range(0, 10_000_000)), rng);
}

/// The shared body of company and student cards: photo on the family's
/// side, name, number, validity.
fn company_like(p: &mut Printer, d: &CardData, number: &str, rng: &mut Rng) {
    let fam = p.fam;
    let top = p.header_bottom() + 2.0;
    let (pw, ph) = (fam.photo.2 * 0.9, fam.photo.3 * 0.9);
    let right = fam.foreign_photo_right;
    let photo_x = if right { p.w - pw - 4.0 } else { 4.0 };
    p.photo(photo_x, top, pw, ph.min(p.h - top - 3.0), rng);
    let x = if right { 5.0 } else { 4.0 + pw + fam.gap };
    let valid = format!("gültig bis {:02}/{}", rng.range(1, 13), rng.range(2026, 2031));
    let items: Vec<(&str, &str)> =
        vec![("Name", &d.surname), ("Vorname", &d.given_names), ("Nummer", number), ("Gültigkeit", &valid)];
    p.fields(x, top, p.w, p.h - 3.0, &items);
}
