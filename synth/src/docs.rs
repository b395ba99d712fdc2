//! Pages that are NOT identity documents: the bulk of a Jobcenter file and
//! the negatives every detector must leave alone. Letters (some asking for
//! the Personalausweis), forms with character boxes, payslips, bank
//! statements, dense tables with `<` and digit runs, barcodes, typewriter
//! text in OCR-B at MRZ pitch, photos and rent contracts.

use crate::draw::{Canvas, Face, barcode, portrait, text_width};
use crate::page::A4;
use crate::rng::Rng;

/// Kinds of negative page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NegKind {
    /// A Jobcenter letter (invitation, decision or request).
    Letter,
    /// A letter asking to bring the Personalausweis (mentions the ID, is none).
    IdRequestLetter,
    /// An application form with character boxes and check boxes.
    Form,
    /// A payslip (Verdienstabrechnung).
    Payslip,
    /// A bank statement with IBANs and amounts.
    BankStatement,
    /// Dense monospace table with `<` fillers and digit runs.
    DenseTable,
    /// Shipping label / delivery note with 1D barcodes.
    Barcodes,
    /// Typewriter-like upper-case OCR-B text at MRZ pitch.
    Typewriter,
    /// Continuous-tone photographs.
    Photo,
    /// A page of a rent contract.
    RentContract,
}

impl NegKind {
    /// Every kind.
    pub const ALL: [NegKind; 10] = [
        NegKind::Letter,
        NegKind::IdRequestLetter,
        NegKind::Form,
        NegKind::Payslip,
        NegKind::BankStatement,
        NegKind::DenseTable,
        NegKind::Barcodes,
        NegKind::Typewriter,
        NegKind::Photo,
        NegKind::RentContract,
    ];

    /// Short name for tables.
    pub fn name(self) -> &'static str {
        match self {
            NegKind::Letter => "letter",
            NegKind::IdRequestLetter => "id-request letter",
            NegKind::Form => "form",
            NegKind::Payslip => "payslip",
            NegKind::BankStatement => "bank statement",
            NegKind::DenseTable => "dense table",
            NegKind::Barcodes => "barcodes",
            NegKind::Typewriter => "typewriter",
            NegKind::Photo => "photo",
            NegKind::RentContract => "rent contract",
        }
    }
}

/// Renders an A4 negative page of `kind` at `dpi`.
pub fn render(kind: NegKind, dpi: f32, rng: &mut Rng) -> Canvas {
    render_in(kind, dpi, Face::Sans, rng)
}

/// Renders an A4 negative page of `kind` at `dpi` with `face` as its text
/// font (the design families print the same layouts in several fonts).
pub fn render_in(kind: NegKind, dpi: f32, face: Face, rng: &mut Rng) -> Canvas {
    let mut c = Canvas::new(A4.0, A4.1, dpi, rng.range(240, 256) as u8).with_sans(face);
    match kind {
        NegKind::Letter => {
            let subject = *rng.pick(&LETTER_SUBJECTS);
            letter(&mut c, subject, &[], rng)
        }
        NegKind::IdRequestLetter => letter(&mut c, "Aufforderung zur Mitwirkung", ID_REQUEST, rng),
        NegKind::Form => form(&mut c, rng),
        NegKind::Payslip => payslip(&mut c, rng),
        NegKind::BankStatement => bank_statement(&mut c, rng),
        NegKind::DenseTable => dense_table(&mut c, rng),
        NegKind::Barcodes => barcodes(&mut c, rng),
        NegKind::Typewriter => typewriter(&mut c, rng),
        NegKind::Photo => photos(&mut c, rng),
        NegKind::RentContract => rent_contract(&mut c, rng),
    }
    c
}

const LETTER_SUBJECTS: [&str; 4] = [
    "Einladung zu einem persönlichen Gespräch",
    "Bescheid über Leistungen zur Sicherung des Lebensunterhalts",
    "Anhörung nach § 24 SGB X",
    "Weiterbewilligungsantrag",
];

/// Sentences a letter asking for the ID card must contain.
pub const ID_REQUEST: &[&str] = &[
    "Bitte legen Sie zum Termin Ihren gültigen Personalausweis oder Reisepass im Original vor.",
    "Eine Kopie des Personalausweises ist nicht erforderlich und wird nicht zur Akte genommen.",
];

const SENTENCES: [&str; 14] = [
    "Sie erhalten Leistungen zur Sicherung des Lebensunterhalts nach dem Zweiten Buch Sozialgesetzbuch.",
    "Bitte reichen Sie die fehlenden Unterlagen bis zum genannten Datum ein.",
    "Kommen Sie Ihren Mitwirkungspflichten nicht nach, können die Leistungen ganz versagt werden.",
    "Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden.",
    "Der Widerspruch ist schriftlich oder zur Niederschrift beim Jobcenter einzulegen.",
    "Die Berechnung der Leistungen entnehmen Sie bitte der beigefügten Anlage.",
    "Bei Rückfragen erreichen Sie uns montags bis freitags von 8 bis 12 Uhr.",
    "Änderungen in Ihren persönlichen Verhältnissen teilen Sie uns bitte unverzüglich mit.",
    "Die Kosten der Unterkunft werden in tatsächlicher Höhe berücksichtigt.",
    "Ihr Einkommen aus Erwerbstätigkeit wurde nach § 11b SGB II bereinigt.",
    "Wir möchten mit Ihnen über Ihre berufliche Situation sprechen.",
    "Bitte bringen Sie Ihren Lebenslauf und aktuelle Bewerbungsunterlagen mit.",
    "Der Termin findet im Raum 2.14 statt; bitte melden Sie sich am Empfang.",
    "Mit freundlichen Grüßen, Ihr Jobcenter.",
];

/// Writes `text` word-wrapped into `width` mm starting at baseline `y`;
/// returns the baseline after the last line.
pub fn paragraph(c: &mut Canvas, x: f32, y: f32, width: f32, cap: f32, text: &str) -> f32 {
    let lead = cap * 2.1;
    let mut line = String::new();
    let mut y = y;
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        if text_width(Face::Sans, cap, &candidate) > width && !line.is_empty() {
            c.text(x, y, cap, Face::Sans, &line, 25);
            y += lead;
            line = word.to_string();
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        c.text(x, y, cap, Face::Sans, &line, 25);
        y += lead;
    }
    y
}

fn date(rng: &mut Rng) -> String {
    format!("{:02}.{:02}.{}", rng.range(1, 29), rng.range(1, 13), rng.range(2015, 2026))
}

fn letterhead(c: &mut Canvas, rng: &mut Rng) {
    c.text(20.0, 18.0, 3.2, Face::Sans, "Jobcenter Nirgendwo", 20);
    c.text(20.0, 23.0, 1.6, Face::Sans, "Musterallee 1 · 99999 Nirgendwo · Telefon 0000 123456-0", 70);
    c.fill(20.0, 25.5, 170.0, 0.3, 90);
    c.text(20.0, 45.0, 2.0, Face::Sans, "Frau/Herrn", 25);
    c.text(20.0, 50.0, 2.0, Face::Sans, "Beispiel, Anna", 25);
    c.text(20.0, 55.0, 2.0, Face::Sans, "Lindenweg 3", 25);
    c.text(20.0, 60.0, 2.0, Face::Sans, "99999 Nirgendwo", 25);
    c.text(130.0, 45.0, 1.7, Face::Sans, &format!("Datum: {}", date(rng)), 25);
    c.text(130.0, 50.0, 1.7, Face::Sans, &format!("BG-Nummer: 99999//{:07}", rng.range(0, 10_000_000)), 25);
    c.text(130.0, 55.0, 1.7, Face::Sans, &format!("Zeichen: 999-{}", rng.range(100, 999)), 25);
}

fn letter(c: &mut Canvas, subject: &str, must: &[&str], rng: &mut Rng) {
    letterhead(c, rng);
    c.text(20.0, 80.0, 2.3, Face::Sans, subject, 15);
    let mut y = 92.0;
    y = paragraph(c, 20.0, y, 170.0, 2.0, "Sehr geehrte Damen und Herren,") + 2.0;
    let mut sentences: Vec<&str> = must.to_vec();
    for _ in 0..rng.range(6, 14) {
        sentences.push(*rng.pick(&SENTENCES));
    }
    rng.shuffle(&mut sentences[..]);
    for chunk in sentences.chunks(3) {
        y = paragraph(c, 20.0, y, 170.0, 2.0, &chunk.join(" ")) + 3.0;
        if y > 260.0 {
            break;
        }
    }
    paragraph(c, 20.0, y.min(270.0), 170.0, 2.0, "Mit freundlichen Grüßen");
    c.text(20.0, 287.0, 1.4, Face::Sans, "Seite 1 von 1", 90);
}

fn form(c: &mut Canvas, rng: &mut Rng) {
    c.text(20.0, 20.0, 3.0, Face::Sans, "Antrag auf Weiterbewilligung", 20);
    c.text(20.0, 26.0, 1.6, Face::Sans, "Bitte in Druckbuchstaben ausfüllen und Zutreffendes ankreuzen.", 60);
    let labels = ["Familienname", "Vorname", "Geburtsdatum", "Straße, Hausnummer", "PLZ, Ort", "IBAN", "Telefon"];
    let mut y = 38.0;
    for label in labels {
        c.text(20.0, y, 1.6, Face::Sans, label, 40);
        let boxes = 30 + rng.below(8);
        let fill: String = (0..rng.below(boxes)).map(|_| char::from(b'A' + rng.below(26) as u8)).collect();
        for i in 0..boxes {
            let x = 20.0 + i as f32 * 5.0;
            c.frame(x, y + 1.5, 5.0, 6.0, 0.2, 70);
            if let Some(ch) = fill.chars().nth(i) {
                let mut buf = [0u8; 4];
                c.text(x + 1.2, y + 6.3, 3.0, Face::OcrB, ch.encode_utf8(&mut buf), 30);
            }
        }
        y += 14.0;
    }
    for (i, q) in ["Hat sich Ihr Einkommen geändert?", "Sind Personen aus- oder eingezogen?", "Besitzen Sie Vermögen?"]
        .iter()
        .enumerate()
    {
        let yy = y + 4.0 + i as f32 * 9.0;
        c.text(20.0, yy, 2.0, Face::Sans, q, 25);
        for (j, a) in ["ja", "nein"].iter().enumerate() {
            let x = 130.0 + j as f32 * 25.0;
            c.frame(x, yy - 3.0, 3.5, 3.5, 0.25, 40);
            if rng.chance(0.5) == (j == 0) {
                c.text(x + 0.5, yy, 2.5, Face::Sans, "X", 20);
            }
            c.text(x + 5.0, yy, 2.0, Face::Sans, a, 25);
        }
    }
    c.fill(20.0, 270.0, 70.0, 0.3, 40);
    c.text(20.0, 275.0, 1.6, Face::Sans, "Datum, Unterschrift", 60);
}

fn money(rng: &mut Rng, lo: i64, hi: i64) -> String {
    let cents = rng.range(lo * 100, hi * 100);
    format!("{},{:02}", cents / 100, cents % 100)
}

fn payslip(c: &mut Canvas, rng: &mut Rng) {
    c.text(20.0, 20.0, 3.0, Face::Sans, "Verdienstabrechnung", 20);
    c.text(
        20.0,
        26.0,
        1.8,
        Face::Sans,
        &format!("Abrechnungsmonat {:02}/{}", rng.range(1, 13), rng.range(2018, 2026)),
        40,
    );
    c.text(120.0, 20.0, 1.8, Face::Sans, "Beispiel GmbH, Werkstraße 5", 40);
    c.text(
        20.0,
        36.0,
        1.8,
        Face::Sans,
        &format!(
            "Personalnummer {:06}   Steuerklasse 1   SV-Nummer 12 {:06} B 00{}",
            rng.range(0, 999999),
            rng.range(0, 999999),
            rng.range(1, 10)
        ),
        25,
    );
    let rows = [
        "Gehalt",
        "Überstunden",
        "Zuschlag Nacht",
        "Fahrtkostenzuschuss",
        "Lohnsteuer",
        "Solidaritätszuschlag",
        "Krankenversicherung",
        "Rentenversicherung",
        "Arbeitslosenversicherung",
        "Pflegeversicherung",
    ];
    c.fill(20.0, 42.0, 170.0, 0.4, 30);
    for (h, x) in [("Lohnart", 20.0), ("Bezeichnung", 40.0), ("Menge", 110.0), ("Betrag EUR", 160.0)] {
        c.text(x, 47.0, 1.8, Face::Sans, h, 20);
    }
    let mut y = 55.0;
    for (i, r) in rows.iter().enumerate() {
        c.text(20.0, y, 1.8, Face::Sans, &format!("{:04}", 1000 + i * 17), 25);
        c.text(40.0, y, 1.8, Face::Sans, r, 25);
        c.text(110.0, y, 1.8, Face::Sans, &format!("{},{:02}", rng.range(0, 200), rng.range(0, 100)), 25);
        c.text(160.0, y, 1.8, Face::Sans, &money(rng, 10, 2500), 25);
        y += 6.0;
    }
    c.fill(20.0, y, 170.0, 0.4, 30);
    c.text(110.0, y + 7.0, 2.2, Face::Sans, "Auszahlungsbetrag", 15);
    c.text(160.0, y + 7.0, 2.2, Face::Sans, &money(rng, 900, 3200), 15);
    c.text(20.0, y + 20.0, 1.6, Face::Sans, "IBAN DE00 0000 0000 0000 0000 00   BIC BEISDEXXXXX", 40);
}

fn bank_statement(c: &mut Canvas, rng: &mut Rng) {
    c.text(20.0, 20.0, 3.0, Face::Sans, "Beispielbank  Kontoauszug", 20);
    c.text(20.0, 27.0, 1.8, Face::Sans, &format!("Auszug {}/{}  Blatt 1", rng.range(1, 13), rng.range(2018, 2026)), 40);
    c.text(20.0, 32.0, 1.8, Face::Sans, "IBAN DE00 1234 5678 9012 3456 78   Kontoinhaber Anna Beispiel", 40);
    let items = [
        "Miete",
        "Jobcenter Nirgendwo Leistungen",
        "Stromversorger Abschlag",
        "Lastschrift Telefon",
        "Supermarkt",
        "Kartenzahlung",
        "Bargeldauszahlung",
        "Gutschrift Lohn",
    ];
    let mut y = 45.0;
    for _ in 0..rng.range(18, 30) {
        let d = format!("{:02}.{:02}.", rng.range(1, 29), rng.range(1, 13));
        c.text(20.0, y, 1.8, Face::Sans, &d, 25);
        c.text(35.0, y, 1.8, Face::Sans, &d, 25);
        c.text(52.0, y, 1.8, Face::Sans, rng.pick::<&str>(&items), 25);
        c.text(
            52.0,
            y + 3.5,
            1.4,
            Face::Sans,
            &format!("REF {:016} EREF {:012}", rng.range(0, i64::MAX / 1000), rng.range(0, 999_999_999_999)),
            80,
        );
        let sign = if rng.chance(0.7) { "-" } else { "+" };
        c.text(165.0, y, 1.8, Face::Sans, &format!("{sign}{}", money(rng, 1, 900)), 25);
        y += 8.5;
        if y > 280.0 {
            break;
        }
    }
}

/// Monospace rows of codes with `<` separators and long digit runs, at the
/// MRZ's own pitch: the hardest table negative.
fn dense_table(c: &mut Canvas, rng: &mut Rng) {
    c.text(20.0, 18.0, 2.4, Face::Sans, "Anlage: Übersicht der Buchungsschlüssel", 20);
    let pitch = if rng.chance(0.5) { 2.54 } else { rng.uniform(2.0, 3.0) as f32 };
    let cap = pitch * 0.94;
    let cols = ((170.0 / pitch) as usize).min(64);
    let mut y = 30.0;
    while y < 280.0 {
        let mut row = String::new();
        while row.len() < cols {
            match rng.below(5) {
                0 => row.push_str(&"<".repeat(1 + rng.below(4))),
                1 | 2 => row.push_str(&format!("{}", rng.range(0, 1_000_000_000))),
                3 => row.push(' '),
                _ => row.push_str(rng.pick::<&str>(&["EUR", "KDU", "BG", "SGB", "ALG", "KTO", "NR"])),
            }
        }
        row.truncate(cols);
        c.mono((20.0, y), pitch, cap, Face::OcrB, &row, 25);
        y += rng.uniform(4.0, 6.0) as f32;
    }
}

fn barcodes(c: &mut Canvas, rng: &mut Rng) {
    c.text(20.0, 20.0, 3.0, Face::Sans, "Lieferschein / Sendungsverfolgung", 20);
    let mut y = 32.0;
    for _ in 0..rng.range(3, 7) {
        let (w, h) = (c.px(rng.uniform(50.0, 90.0) as f32), c.px(rng.uniform(10.0, 22.0) as f32));
        let module = (c.px(0.33).round() as u32).max(1);
        let bc = barcode(w as u32, h as u32, module, rng);
        let x = rng.uniform(20.0, 100.0) as f32;
        c.blit(&bc, x, y);
        let digits: String = (0..rng.range(12, 22)).map(|_| char::from(b'0' + rng.below(10) as u8)).collect();
        c.mono((x, y + h * 25.4 / c.dpi + 4.0), 2.54, 2.2, Face::OcrB, &digits, 25);
        y += h * 25.4 / c.dpi + 14.0;
        if y > 250.0 {
            break;
        }
    }
}

/// Upper-case OCR-B text at exactly the MRZ pitch and line pitch.
fn typewriter(c: &mut Canvas, rng: &mut Rng) {
    let words = [
        "DER",
        "ANTRAG",
        "WURDE",
        "AM",
        "GESTELLT",
        "UND",
        "IST",
        "VOLLSTAENDIG",
        "BITTE",
        "BEACHTEN",
        "SIE",
        "DIE",
        "FRIST",
        "NR",
        "AKTENZEICHEN",
        "VERMERK",
        "GEPRUEFT",
        "ZAHLUNG",
        "ERFOLGT",
        "MONAT",
        "BETRAG",
    ];
    let cols = 60 + rng.below(8);
    let pitch = 2.54;
    let mut y = 25.0;
    while y < 280.0 {
        let mut line = String::new();
        while line.len() < cols - 12 {
            if rng.chance(0.15) {
                line.push_str(&format!("{} ", rng.range(1, 100_000)));
            } else {
                line.push_str(rng.pick::<&str>(&words));
                line.push(' ');
            }
        }
        c.mono((15.0, y), pitch, 2.4, Face::OcrB, line.trim_end(), 20);
        y += if rng.chance(0.2) { 8.46 } else { 4.23 };
    }
}

fn photos(c: &mut Canvas, rng: &mut Rng) {
    let n = 1 + rng.below(3);
    for i in 0..n {
        let (w, h) = (rng.uniform(60.0, 150.0) as f32, rng.uniform(50.0, 80.0) as f32);
        let img = if rng.chance(0.4) {
            portrait(c.px(w) as u32, c.px(h) as u32, rng)
        } else {
            landscape(c.px(w) as u32, c.px(h) as u32, rng)
        };
        c.blit(&img, rng.uniform(15.0, (205.0 - w as f64).max(16.0)) as f32, 20.0 + i as f32 * 90.0);
    }
}

fn landscape(w: u32, h: u32, rng: &mut Rng) -> image::GrayImage {
    let sky = rng.uniform(150.0, 230.0);
    let horizon = rng.uniform(0.3, 0.7) * h as f64;
    let freq = rng.uniform(0.005, 0.03);
    let phase = rng.uniform(0.0, 6.0);
    image::GrayImage::from_fn(w, h, |x, y| {
        let hill = horizon + 20.0 * (x as f64 * freq + phase).sin();
        let v = if (y as f64) < hill {
            sky - 40.0 * y as f64 / h as f64
        } else {
            90.0 + 40.0 * ((x * 7 + y * 13) % 17) as f64 / 17.0
        };
        image::Luma([v.clamp(0.0, 255.0) as u8])
    })
}

fn rent_contract(c: &mut Canvas, rng: &mut Rng) {
    c.text(20.0, 22.0, 3.2, Face::Sans, "Mietvertrag über Wohnraum", 20);
    let paragraphs = [
        &"§ 1 Mietsache. Der Vermieter vermietet dem Mieter die Wohnung im 2. Obergeschoss links, bestehend aus 2 Zimmern, Küche, Bad.".to_string(),
        &"§ 2 Mietzeit. Das Mietverhältnis beginnt am 01.04.2019 und läuft auf unbestimmte Zeit.".to_string(),
        &format!(
            "§ 3 Miete. Die monatliche Grundmiete beträgt {} EUR, die Vorauszahlung auf die Betriebskosten {} EUR.",
            money(rng, 300, 900),
            money(rng, 60, 250)
        ),
        &"§ 4 Kaution. Der Mieter leistet eine Sicherheit in Höhe von drei Nettokaltmieten.".to_string(),
        &"§ 5 Schönheitsreparaturen. Die Schönheitsreparaturen trägt der Mieter nach Maßgabe der Anlage.".to_string(),
        &"§ 6 Hausordnung. Die Hausordnung ist Bestandteil dieses Vertrages.".to_string(),
    ];
    let mut y = 36.0;
    for p in paragraphs.iter() {
        y = paragraph(c, 20.0, y, 170.0, 2.0, p) + 4.0;
    }
    c.fill(20.0, 250.0, 60.0, 0.3, 40);
    c.fill(120.0, 250.0, 60.0, 0.3, 40);
    c.text(20.0, 255.0, 1.6, Face::Sans, "Vermieter", 60);
    c.text(120.0, 255.0, 1.6, Face::Sans, "Mieter", 60);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_negative_is_a4_with_ink_and_is_seeded() {
        for kind in NegKind::ALL {
            let a = render(kind, 100.0, &mut Rng::new(11));
            let b = render(kind, 100.0, &mut Rng::new(11));
            assert_eq!(a.img.dimensions(), (827, 1169), "{}", kind.name());
            assert_eq!(a.img, b.img, "{} is deterministic", kind.name());
            let ink = a.img.pixels().filter(|p| p.0[0] < 128).count();
            assert!(ink > 2000, "{} has content ({ink})", kind.name());
        }
    }

    #[test]
    fn paragraphs_wrap_inside_their_width() {
        let mut c = Canvas::new(100.0, 100.0, 150.0, 255);
        let end = paragraph(&mut c, 10.0, 10.0, 50.0, 2.0, SENTENCES[0]);
        assert!(end > 10.0 + 2.0 * 4.2, "a long sentence needs several lines");
        let right = (0..c.img.width()).rev().find(|&x| (0..c.img.height()).any(|y| c.img.get_pixel(x, y).0[0] < 128));
        assert!(right.unwrap() as f32 <= c.px(61.0), "text stays within 50 mm");
    }
}
