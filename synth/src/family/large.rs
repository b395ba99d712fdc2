//! ID-3 passport data pages (TD3) and the ID-2 German ID card (TD2) in a
//! family's design.

use super::print::Printer;
use crate::card::CardData;
use crate::rng::Rng;

/// Passport data page: header, portrait left, two field columns, ghost,
/// TD3 MRZ.
pub(super) fn passport(p: &mut Printer, d: &CardData, rng: &mut Rng) {
    let fam = p.fam;
    let german = d.issuing_state == "D";
    let (main, sub) = if german {
        if fam.index.is_multiple_of(2) {
            ("REISEPASS", "PASSPORT · PASSEPORT · BUNDESREPUBLIK DEUTSCHLAND")
        } else {
            ("BUNDESREPUBLIK DEUTSCHLAND", "REISEPASS · PASSPORT · PASSEPORT")
        }
    } else {
        ("PASSPORT", "")
    };
    p.header(6.0, main, sub);
    if !german {
        let state = d.issuing_state.clone();
        p.text(80.0, fam.header_y, 2.0, &state, 30);
    }
    let top = p.header_bottom() + 2.0;
    // Passport photos are 35 x 45 mm at most; families scale within that.
    let scale = fam.photo.2 / 24.0;
    let (pw, ph) = (30.0 * scale, 39.0 * scale);
    p.photo(fam.photo.0 + 1.5, top + 1.0, pw, ph, rng);
    let x = fam.photo.0 + 1.5 + pw + fam.gap + 1.0;
    let doc_type = d.mrz.first().map(|l| l[..2].replace('<', "")).unwrap_or_else(|| "P".into());
    let items: Vec<(&str, &str)> = vec![
        ("Typ / Type", &doc_type),
        ("Pass-Nr. / Passport No.", &d.number),
        ("Name / Surname", &d.surname),
        ("Vornamen / Given names", &d.given_names),
        ("Staatsangehörigkeit / Nationality", &d.nationality),
        ("Geburtstag / Date of birth", &d.birth_date),
        ("Geschlecht / Sex", &d.sex),
        ("Geburtsort / Place of birth", &d.birth_place),
        ("Ausstellungsdatum / Date of issue", &d.issued),
        ("Gültig bis / Date of expiry", &d.expiry),
    ];
    let mrz_bottom = rng.uniform(4.5, 6.5) as f32;
    let limit = p.h - mrz_bottom - 4.23 - 2.4 - 5.0;
    p.fields(x, top, x + (p.w - x) * 0.5, limit, &items);
    p.ghost(p.w - 20.0, limit - 17.0, 13.0);
    p.signature(fam.photo.0 + 3.0, top + ph + 6.0, 25.0, rng);
    p.mrz(&d.mrz, mrz_bottom, rng);
}

/// Portrait side of the ID-2 card, which carries the TD2 MRZ.
pub(super) fn old_front(p: &mut Printer, d: &CardData, rng: &mut Rng) {
    let fam = p.fam;
    p.header(5.0, "BUNDESREPUBLIK DEUTSCHLAND", "PERSONALAUSWEIS");
    p.text(p.w - 27.0, fam.header_y, 2.2, &d.number, 15);
    let top = p.header_bottom() + 2.0;
    let scale = fam.photo.2 / 24.0;
    let (pw, ph) = (26.0 * scale, 34.0 * scale);
    let mrz_bottom = rng.uniform(4.0, 6.0) as f32;
    let limit = p.h - mrz_bottom - 4.23 - 2.4 - 4.0;
    p.photo(5.0, top, pw, ph.min(limit - top), rng);
    let x = 5.0 + pw + fam.gap + 1.0;
    let items: Vec<(&str, &str)> = vec![
        ("Name / Surname", &d.surname),
        ("Vornamen / Given names", &d.given_names),
        ("Geburtstag / Date of birth", &d.birth_date),
        ("Geburtsort / Place of birth", &d.birth_place),
        ("Staatsangehörigkeit", &d.nationality),
        ("Gültig bis", &d.expiry),
    ];
    p.fields(x, top, x + (p.w - x) * 0.5, limit, &items);
    p.mrz(&d.mrz, mrz_bottom, rng);
}

/// Reverse of the ID-2 card: residence, height, eyes, authority, stamp.
pub(super) fn old_back(p: &mut Printer, d: &CardData, rng: &mut Rng) {
    let height = format!("{} cm", rng.range(152, 198));
    let items: Vec<(&str, &str)> = vec![
        ("Wohnort / Residence", &d.town),
        ("", &d.street),
        ("Größe / Height", &height),
        ("Augenfarbe / Eyes", "BRAUN"),
        ("Ausstellungsdatum / Date of issue", &d.issued),
        ("Behörde / Authority", "STADT NIRGENDWO"),
    ];
    p.fields(6.0, 5.0, 60.0, p.h - 8.0, &items);
    let (x, y) = (p.w - 36.0, p.h - 34.0);
    p.c.frame(x, y, 28.0, 28.0, 0.3, 110);
    p.text(x + 4.0, y + 15.0, 1.4, "Stempel", 110);
}
