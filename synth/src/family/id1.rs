//! ID-1 identity cards in a family's design: German ID (2010 and 2021
//! styles), foreign ID cards and the residence permit (eAT). Fronts carry
//! the portrait and no MRZ; backs carry the TD1 MRZ.

use super::DocType;
use super::print::Printer;
use crate::card::CardData;
use crate::rng::Rng;

/// Front side: header, portrait, field column, signature, ghost, CAN.
pub(super) fn front(p: &mut Printer, doc: DocType, d: &CardData, rng: &mut Rng) {
    let fam = p.fam;
    let (w, h) = (p.w, p.h);
    let (px, py, pw, ph) = fam.photo;
    let right = doc == DocType::ForeignId && fam.foreign_photo_right;
    let photo_x = if right { w - px - pw } else { px };
    let mut hx = 4.0;
    if doc == DocType::IdCard2021 || (doc == DocType::ForeignId && rng.chance(0.6)) {
        // The EU emblem box with the state code.
        let code = if doc == DocType::ForeignId { eu_code(&d.issuing_state) } else { "DE" };
        p.c.fill(3.0, fam.header_y - 4.6, 8.5, 6.2, 95);
        p.title(4.2, fam.header_y, 2.3, code, 240);
        hx = 13.0;
    }
    let german_title_first = fam.index % 2 == 1;
    let (main, sub) = match doc {
        DocType::IdCard2010 | DocType::IdCard2021 if german_title_first => {
            ("PERSONALAUSWEIS", "BUNDESREPUBLIK DEUTSCHLAND · IDENTITY CARD · CARTE D'IDENTITÉ")
        }
        DocType::IdCard2010 | DocType::IdCard2021 => {
            ("BUNDESREPUBLIK DEUTSCHLAND", "PERSONALAUSWEIS · IDENTITY CARD · CARTE D'IDENTITÉ")
        }
        DocType::ResidencePermit => ("AUFENTHALTSTITEL", "RESIDENCE PERMIT · TITRE DE SÉJOUR"),
        _ => ("IDENTITY CARD", state_name(&d.issuing_state)),
    };
    p.header(hx, main, sub);
    // Document number top right (German cards) or as a field.
    let top = p.header_bottom() + 1.0;
    if doc != DocType::ForeignId {
        p.text(w - 22.0, top + 1.5, 2.0, &d.number, 15);
    }
    let photo_y = py.max(top);
    let ph = ph.min(h - photo_y - 3.0);
    p.photo(photo_x, photo_y, pw, ph, rng);
    let col = if right { 4.0 } else { px + pw + fam.gap };
    let span = if right { w - pw - px - 6.0 } else { w - col - 3.0 };
    let col2 = col + span * 0.52;
    // Rows start below the document number's line.
    let row0 = top + 3.5;
    let bottom = h - 9.0;
    let mut items: Vec<(&str, &str)> = vec![("Name / Surname / Nom", &d.surname)];
    if rng.chance(0.3) {
        items.push(("Geburtsname / Name at birth", &d.surname));
    }
    items.push(("Vornamen / Given names / Prénoms", &d.given_names));
    let type_of = "AUFENTHALTSERLAUBNIS";
    match doc {
        DocType::ResidencePermit => {
            items.push(("Geschlecht / Sex", &d.sex));
            items.push(("Staatsangehörigkeit / Nationality", &d.nationality));
            items.push(("Geburtsdatum / Date of birth", &d.birth_date));
            items.push(("Gültig bis / Valid until", &d.expiry));
            items.push(("Art des Titels / Type of permit", type_of));
        }
        DocType::ForeignId => {
            items.push(("Date of birth", &d.birth_date));
            items.push(("Sex", &d.sex));
            items.push(("Nationality", &d.nationality));
            items.push(("Document no.", &d.number));
            items.push(("Date of expiry", &d.expiry));
        }
        _ => {
            items.push(("Geburtstag / Date of birth", &d.birth_date));
            items.push(("Staatsangehörigkeit / Nationality", &d.nationality));
            items.push(("Geburtsort / Place of birth", &d.birth_place));
            items.push(("Gültig bis / Date of expiry", &d.expiry));
        }
    }
    p.fields(col, row0, col2, bottom, &items);
    // Ghost image beside the field column, signature under it, CAN box.
    let ghost_x = if right { photo_x - 14.0 } else { w - 16.0 };
    p.ghost(ghost_x, h - 26.0, 11.0);
    let sig_x = if right { 6.0 } else { col };
    p.signature(sig_x, h - 5.0, 24.0, rng);
    if matches!(doc, DocType::IdCard2010 | DocType::IdCard2021 | DocType::ResidencePermit) {
        p.can(&d.can);
    }
}

/// Back side: address and data block, then the TD1 MRZ at the bottom.
pub(super) fn back(p: &mut Printer, doc: DocType, d: &CardData, rng: &mut Rng) {
    let fam = p.fam;
    let w = p.w;
    let x = 4.0;
    let y = 2.0;
    let height = format!("{} cm", rng.range(152, 198));
    let eyes = *rng.pick(&["BRAUN", "BLAU", "GRÜN", "GRAU"]);
    let items: Vec<(&str, &str)> = match doc {
        DocType::ResidencePermit => vec![
            ("Geburtsort / Place of birth", &d.birth_place),
            ("Anschrift / Address", &d.street),
            ("", &d.town),
            ("Anmerkungen / Remarks", "ERWERBSTÄTIGKEIT ERLAUBT"),
        ],
        DocType::ForeignId => {
            vec![("Address", &d.street), ("", &d.town), ("Date of issue", &d.issued), ("Height", &height)]
        }
        _ => vec![
            ("Anschrift / Address", &d.street),
            ("", &d.town),
            ("Augenfarbe / Colour of eyes", eyes),
            ("Größe / Height", &height),
            ("Ausstellungsdatum / Date of issue", &d.issued),
            ("Behörde / Authority", "STADT NIRGENDWO"),
        ],
    };
    // The MRZ takes the bottom 17-19 mm; fields fill what is above.
    let mrz_bottom = rng.uniform(3.2, 4.2) as f32;
    let limit = p.h - mrz_bottom - 2.0 * 4.23 - 2.4 - 3.0;
    p.fields(x, y, w / 2.0 + 1.0, limit, &items);
    if doc == DocType::IdCard2021 && fam.labels != super::Labels::Inline {
        p.text(w / 2.0 + 1.0, limit - 1.0, 1.1, "Ordens- oder Künstlername", 95);
    }
    p.mrz(&d.mrz, mrz_bottom, rng);
}

fn eu_code(state: &str) -> &'static str {
    match state {
        "FRA" => "F",
        "ITA" => "I",
        "POL" => "PL",
        "NLD" => "NL",
        "ESP" => "E",
        "AUT" => "A",
        "BEL" => "B",
        "GRC" => "GR",
        "ROU" => "RO",
        "BGR" => "BG",
        "HRV" => "HR",
        "PRT" => "P",
        _ => "EU",
    }
}

fn state_name(state: &str) -> &'static str {
    match state {
        "FRA" => "RÉPUBLIQUE FRANÇAISE",
        "ITA" => "REPUBBLICA ITALIANA",
        "POL" => "RZECZPOSPOLITA POLSKA",
        "NLD" => "KONINKRIJK DER NEDERLANDEN",
        "ESP" => "REINO DE ESPAÑA",
        "AUT" => "REPUBLIK ÖSTERREICH",
        "BEL" => "ROYAUME DE BELGIQUE",
        "GRC" => "HELLENIC REPUBLIC",
        "ROU" => "ROMÂNIA",
        "BGR" => "REPUBLIC OF BULGARIA",
        "HRV" => "REPUBLIKA HRVATSKA",
        "PRT" => "REPÚBLICA PORTUGUESA",
        _ => "EUROPEAN UNION",
    }
}
