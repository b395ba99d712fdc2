//! The words of a [`Detail`] in both languages. Detectors and sources give
//! typed details; the JSON report keeps the English text (a stable,
//! machine-readable contract, written by the `Display` impl here), the HTML
//! report and the terminal summary show the reader's language.

use crate::error::{FileError, PageError, Stage};
use crate::evidence::detail::{Detail, LayoutOf, PdfDamage, Place};
use crate::lang::Lang;
use std::fmt;

/// `detail` in `lang`.
pub fn text(detail: &Detail, lang: Lang) -> String {
    match lang {
        Lang::En => en(detail),
        Lang::De => de(detail),
    }
}

/// Whether `detail` has words in `lang` (a text read back from a JSON
/// report is English only).
pub fn is_in(detail: &Detail, lang: Lang) -> bool {
    lang == Lang::En || !matches!(detail, Detail::Text(_))
}

/// The English text: what the JSON report holds.
impl fmt::Display for Detail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&en(self))
    }
}

/// German name of an MRZ check (the names `mrz::parse` gives them).
fn check_de(name: &str) -> &str {
    match name {
        "document_number" => "Dokumentnummer",
        "birth_date" => "Geburtsdatum",
        "expiry_date" => "Ablaufdatum",
        "personal_number" => "persönliche Nummer",
        "optional_data" => "optionale Daten",
        "composite" => "Gesamtprüfziffer",
        other => other,
    }
}

fn en(d: &Detail) -> String {
    match d {
        Detail::Mrz { format, code, failed_checks } if failed_checks.is_empty() => {
            format!("{format} MRZ, document code {code}, all check digits right")
        }
        Detail::Mrz { format, code, failed_checks } => {
            format!("{format} MRZ, document code {code}, check digits wrong: {}", failed_checks.join(", "))
        }
        Detail::Outline { format, edge_share, size_error } => {
            let (s, e) = (edge_share * 100.0, size_error * 100.0);
            format!("{format} card outline, {s:.0}% of its edge found, size within {e:.0}%")
        }
        Detail::OutlineCut { format, edge_share } => {
            let s = edge_share * 100.0;
            format!("{format} card outline cut off by the page edge, {s:.0}% of its other edges found")
        }
        Detail::CardBlock { format, cut_off: false } => {
            format!("{format}-sized block of print without a visible card edge")
        }
        Detail::CardBlock { format, cut_off: true } => {
            format!("{format}-sized block of print cut off by the page edge, without a visible card edge")
        }
        Detail::Face { place, ghost } => format!(
            "face on the {} of the card{}",
            place_en(*place),
            if *ghost { ", with a second small face (ghost image)" } else { "" }
        ),
        Detail::Portrait { place, photo_share, ghost } => format!(
            "photo-like region on the {} of the card ({:.0}% photo pixels){}",
            place_en(*place),
            photo_share * 100.0,
            if *ghost { ", ghost image on the right" } else { "" }
        ),
        Detail::Layout { of, probability } => {
            let of = match of {
                LayoutOf::PassportPage => "a passport data page",
                LayoutOf::IdFront => "an identity card front",
                LayoutOf::IdBack => "an identity card back",
                LayoutOf::DrivingLicence => "a driving licence",
                LayoutOf::OtherCard => "another card (health insurance or bank card)",
            };
            format!("layout of {of} ({:.0}%)", probability * 100.0)
        }
        Detail::Keyword { word } => format!("text layer has the word {word}"),
        Detail::Page(e) => e.to_string(),
        Detail::File(e) => e.to_string(),
        Detail::CannotRead(message) => format!("cannot read: {message}"),
        Detail::NoPages => "the file has no pages".into(),
        Detail::PdfPageCountsDiffer { text_pages, pages } => format!(
            "the file is damaged: the text reader sees {text_pages} pages, the page reader {pages}; \
             pages were examined by their images only"
        ),
        Detail::PdfTextUnreadable { why, pages } => format!(
            "the file is damaged ({why}); {pages} pages were recovered and examined by their images only, \
             the text layer could not be read"
        ),
        Detail::PdfDamaged { why, found, affected } => {
            let why = match why {
                PdfDamage::CutOff => "it is cut off: no end-of-file marker".to_string(),
                PdfDamage::XrefOffsetInvalid => "its cross-reference offset is invalid".to_string(),
                PdfDamage::XrefMisplaced => "its cross-reference table points to the wrong places".to_string(),
                PdfDamage::PageCount { declared, found } => {
                    format!("its page tree declares {declared} pages, {found} could be found")
                }
            };
            let what = if affected.is_empty() {
                format!("{found} pages were found and read whole; pages lost to the damage cannot be examined")
            } else {
                format!("{found} pages were found; pages not read whole: {}", page_list(affected))
            };
            format!("the file is damaged ({why}) and was read as far as possible: {what}")
        }
        Detail::TiffPageCap { max } => format!("only the first {max} pages are examined"),
        Detail::TiffRestUnreadable { pages, why } => format!("the pages after page {pages} cannot be read: {why}"),
        Detail::Both(a, b) => format!("{}; {}", en(a), en(b)),
        Detail::Text(t) => t.clone(),
    }
}

/// The German text. Errors lead with a plain sentence and keep the
/// decoder's own message (English, technical) after it.
fn de(d: &Detail) -> String {
    match d {
        Detail::Mrz { format, code, failed_checks } if failed_checks.is_empty() => {
            format!("{format}-MRZ, Dokumentcode {code}, alle Prüfziffern stimmen")
        }
        Detail::Mrz { format, code, failed_checks } => {
            let names: Vec<&str> = failed_checks.iter().map(|f| check_de(f)).collect();
            format!("{format}-MRZ, Dokumentcode {code}, Prüfziffern falsch: {}", names.join(", "))
        }
        Detail::Outline { format, edge_share, size_error } => {
            let (s, e) = (edge_share * 100.0, size_error * 100.0);
            format!("Kartenumriss {format}, {s:.0} % des Randes gefunden, Größe auf {e:.0} % genau")
        }
        Detail::OutlineCut { format, edge_share } => {
            let s = edge_share * 100.0;
            format!("Kartenumriss {format}, am Seitenrand abgeschnitten, {s:.0} % der übrigen Ränder gefunden")
        }
        Detail::CardBlock { format, cut_off: false } => {
            format!("Druckbild in Kartengröße {format}, ohne sichtbaren Kartenrand")
        }
        Detail::CardBlock { format, cut_off: true } => {
            format!("Druckbild in Kartengröße {format}, am Seitenrand abgeschnitten, ohne sichtbaren Kartenrand")
        }
        Detail::Face { place, ghost } => format!(
            "Gesicht {} auf der Karte{}",
            place_de(*place),
            if *ghost { ", mit zweitem kleinem Gesicht (Geisterbild)" } else { "" }
        ),
        Detail::Portrait { place, photo_share, ghost } => format!(
            "fotoähnlicher Bereich {} auf der Karte ({:.0} % Fotopixel){}",
            place_de(*place),
            photo_share * 100.0,
            if *ghost { ", Geisterbild rechts" } else { "" }
        ),
        Detail::Layout { of, probability } => {
            let of = match of {
                LayoutOf::PassportPage => "einer Passdatenseite",
                LayoutOf::IdFront => "einer Ausweis-Vorderseite",
                LayoutOf::IdBack => "einer Ausweis-Rückseite",
                LayoutOf::DrivingLicence => "eines Führerscheins",
                LayoutOf::OtherCard => "einer anderen Karte (Gesundheits- oder Bankkarte)",
            };
            format!("Aufbau {of} ({:.0} %)", probability * 100.0)
        }
        Detail::Keyword { word } => format!("Textebene enthält das Wort {word}"),
        Detail::Page(e) => page_error_de(e),
        Detail::File(e) => file_error_de(e),
        Detail::CannotRead(message) => format!("lässt sich nicht lesen: {message}"),
        Detail::NoPages => "die Datei enthält keine Seite".into(),
        Detail::PdfPageCountsDiffer { text_pages, pages } => format!(
            "die Datei ist beschädigt: die Textebene hat {text_pages} Seiten, die Seitenansicht {pages}; \
             die Seiten wurden nur nach ihren Bildern geprüft"
        ),
        Detail::PdfTextUnreadable { why, pages } => format!(
            "die Datei ist beschädigt ({why}); {pages} Seiten wurden gerettet und nur nach ihren Bildern \
             geprüft, die Textebene ließ sich nicht lesen"
        ),
        Detail::PdfDamaged { why, found, affected } => {
            let why = match why {
                PdfDamage::CutOff => "sie ist abgeschnitten: keine Endmarke".to_string(),
                PdfDamage::XrefOffsetInvalid => "ihr Verweis auf die Objekttabelle ist ungültig".to_string(),
                PdfDamage::XrefMisplaced => "ihre Objekttabelle verweist an falsche Stellen".to_string(),
                PdfDamage::PageCount { declared, found } => {
                    format!("ihr Seitenbaum nennt {declared} Seiten, {found} wurden gefunden")
                }
            };
            let what = if affected.is_empty() {
                format!(
                    "{found} Seiten wurden gefunden und ganz gelesen; durch den Schaden verlorene Seiten lassen sich nicht prüfen"
                )
            } else {
                format!("{found} Seiten wurden gefunden; nicht ganz gelesene Seiten: {}", page_list(affected))
            };
            format!("die Datei ist beschädigt ({why}) und wurde so weit wie möglich gelesen: {what}")
        }
        Detail::TiffPageCap { max } => format!("nur die ersten {max} Seiten werden geprüft"),
        Detail::TiffRestUnreadable { pages, why } => {
            format!("die Seiten nach Seite {pages} lassen sich nicht lesen: {why}")
        }
        Detail::Both(a, b) => format!("{}; {}", de(a), de(b)),
        Detail::Text(t) => t.clone(),
    }
}

fn place_en(p: Place) -> &'static str {
    match p {
        Place::Left => "left",
        Place::Right => "right",
    }
}

fn place_de(p: Place) -> &'static str {
    match p {
        Place::Left => "links",
        Place::Right => "rechts",
    }
}

fn page_list(pages: &[usize]) -> String {
    pages.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(", ")
}

fn page_error_de(e: &PageError) -> String {
    match e {
        PageError::Decode(m) => format!("ein Bild auf der Seite lässt sich nicht entschlüsseln: {m}"),
        PageError::Limit(m) => format!("Grenze überschritten: {m}"),
        PageError::Corrupt(m) => format!("die Seite ist beschädigt: {m}"),
        PageError::Internal(m) => format!("interner Fehler beim Prüfen der Seite: {m}"),
        PageError::TimeBudget { seconds, stage } => {
            let stage = match stage {
                Stage::Load => "nach dem Laden",
                Stage::TextLayer => "beim Lesen der Textebene",
                Stage::MrzImage => "beim Lesen von MRZs im Bild",
                Stage::Cards => "bei der Suche nach Karten im Bild",
            };
            let seconds = seconds.to_string().replace('.', ",");
            format!("die Seite brauchte länger als ihr Zeitbudget von {seconds} s und wurde {stage} abgebrochen")
        }
    }
}

fn file_error_de(e: &FileError) -> String {
    match e {
        FileError::Io(m) => format!("die Datei lässt sich nicht lesen: {m}"),
        FileError::PasswordRequired => {
            "das PDF ist mit einem Passwort geschützt; geben Sie es mit --password an".to_string()
        }
        FileError::WrongPassword => "das angegebene Passwort öffnet dieses PDF nicht".to_string(),
        FileError::Corrupt(m) => format!("die Datei ist beschädigt und lässt sich nicht lesen: {m}"),
        FileError::Limit(m) => format!("Grenze überschritten: {m}"),
    }
}

/// `d` in `lang`, and whether that text is English (a report read back
/// from JSON has only the English one).
pub fn shown(d: &Detail, lang: Lang) -> (String, bool) {
    (text(d, lang), lang == Lang::En || !is_in(d, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mrz(failed: &[&str]) -> Detail {
        let failed_checks = failed.iter().map(|s| s.to_string()).collect();
        Detail::Mrz { format: "TD1".into(), code: "ID".into(), failed_checks }
    }

    /// One detail of every kind (and both forms where a flag changes the words).
    fn every_kind() -> Vec<Detail> {
        let f = || "ID-1".to_string();
        vec![
            mrz(&[]),
            mrz(&["document_number", "birth_date", "expiry_date", "personal_number", "optional_data", "composite"]),
            Detail::Outline { format: f(), edge_share: 0.8, size_error: 0.02 },
            Detail::OutlineCut { format: "ID-3".into(), edge_share: 0.7 },
            Detail::CardBlock { format: f(), cut_off: false },
            Detail::CardBlock { format: "ID-3".into(), cut_off: true },
            Detail::Face { place: Place::Left, ghost: true },
            Detail::Face { place: Place::Right, ghost: false },
            Detail::Portrait { place: Place::Left, photo_share: 0.7, ghost: true },
            Detail::Portrait { place: Place::Right, photo_share: 0.4, ghost: false },
            Detail::Layout { of: LayoutOf::PassportPage, probability: 0.55 },
            Detail::Layout { of: LayoutOf::IdFront, probability: 0.6 },
            Detail::Layout { of: LayoutOf::IdBack, probability: 0.6 },
            Detail::Layout { of: LayoutOf::DrivingLicence, probability: 0.6 },
            Detail::Layout { of: LayoutOf::OtherCard, probability: 0.6 },
            Detail::Keyword { word: "PERSONALAUSWEIS".into() },
            Detail::Page(PageError::Decode("x".into())),
            Detail::Page(PageError::Limit("x".into())),
            Detail::Page(PageError::Corrupt("x".into())),
            Detail::Page(PageError::Internal("x".into())),
            Detail::Page(PageError::TimeBudget { seconds: 60.0, stage: Stage::Load }),
            Detail::Page(PageError::TimeBudget { seconds: 1.5, stage: Stage::TextLayer }),
            Detail::Page(PageError::TimeBudget { seconds: 1.5, stage: Stage::MrzImage }),
            Detail::File(FileError::Io("x".into())),
            Detail::File(FileError::PasswordRequired),
            Detail::File(FileError::WrongPassword),
            Detail::File(FileError::Corrupt("x".into())),
            // Page and file limits are worded alike; the message tells them apart.
            Detail::File(FileError::Limit("y".into())),
            Detail::CannotRead("x".into()),
            Detail::NoPages,
            Detail::PdfPageCountsDiffer { text_pages: 3, pages: 4 },
            Detail::PdfTextUnreadable { why: "x".into(), pages: 4 },
            Detail::PdfDamaged { why: PdfDamage::CutOff, found: 4, affected: vec![] },
            Detail::PdfDamaged { why: PdfDamage::XrefOffsetInvalid, found: 4, affected: vec![2] },
            Detail::PdfDamaged { why: PdfDamage::XrefMisplaced, found: 4, affected: vec![] },
            Detail::PdfDamaged { why: PdfDamage::PageCount { declared: 5, found: 4 }, found: 4, affected: vec![] },
            Detail::TiffPageCap { max: 1000 },
            Detail::TiffRestUnreadable { pages: 3, why: "x".into() },
            Detail::Both(Box::new(Detail::NoPages), Box::new(Detail::TiffPageCap { max: 2 })),
        ]
    }

    #[test]
    fn every_kind_has_its_own_words_in_both_languages() {
        // English words and check names that must not leak into German text
        // (the technical message "x" of errors is kept on purpose).
        let english = [
            "the ",
            " of ",
            "page",
            "card",
            "check",
            "found",
            "document_number",
            "birth_date",
            "expiry_date",
            "personal_number",
            "optional_data",
            "composite",
            "photo",
            "layout",
            "damaged",
            "cannot",
        ];
        let mut seen = std::collections::HashSet::new();
        for d in every_kind() {
            let (en, de) = (text(&d, Lang::En), text(&d, Lang::De));
            assert!(!en.is_empty() && !de.is_empty() && en != de, "{d:?}: {en} / {de}");
            assert_eq!(en, d.to_string(), "Display is the English text");
            for w in english {
                assert!(!de.contains(w), "English {w:?} in German {de:?}");
            }
            assert!(seen.insert(en.clone()) && seen.insert(de.clone()), "two kinds say the same: {en} / {de}");
            assert!(is_in(&d, Lang::De) && is_in(&d, Lang::En));
        }
    }

    #[test]
    fn card_details_read_as_before() {
        let d = Detail::Outline { format: "ID-1".into(), edge_share: 0.8, size_error: 0.02 };
        assert_eq!(text(&d, Lang::En), "ID-1 card outline, 80% of its edge found, size within 2%");
        assert_eq!(text(&d, Lang::De), "Kartenumriss ID-1, 80 % des Randes gefunden, Größe auf 2 % genau");
        let d = Detail::Portrait { place: Place::Left, photo_share: 0.7, ghost: true };
        assert_eq!(
            text(&d, Lang::En),
            "photo-like region on the left of the card (70% photo pixels), ghost image on the right"
        );
        assert_eq!(
            text(&d, Lang::De),
            "fotoähnlicher Bereich links auf der Karte (70 % Fotopixel), Geisterbild rechts"
        );
        let d = Detail::Layout { of: LayoutOf::IdBack, probability: 0.634 };
        assert_eq!(text(&d, Lang::En), "layout of an identity card back (63%)");
        assert_eq!(text(&d, Lang::De), "Aufbau einer Ausweis-Rückseite (63 %)");
    }

    #[test]
    fn failed_checks_are_named_in_german() {
        let d = mrz(&["document_number", "composite"]);
        assert_eq!(text(&d, Lang::En), "TD1 MRZ, document code ID, check digits wrong: document_number, composite");
        assert_eq!(
            text(&d, Lang::De),
            "TD1-MRZ, Dokumentcode ID, Prüfziffern falsch: Dokumentnummer, Gesamtprüfziffer"
        );
        assert_eq!(text(&mrz(&[]), Lang::De), "TD1-MRZ, Dokumentcode ID, alle Prüfziffern stimmen");
    }

    #[test]
    fn page_errors_keep_the_technical_message() {
        let d = Detail::Page(PageError::Decode("bad Huffman code".into()));
        let (en, de) = (text(&d, Lang::En), text(&d, Lang::De));
        assert!(de.starts_with("ein Bild auf der Seite"), "{de}");
        assert!(de.ends_with("bad Huffman code") && en.ends_with("bad Huffman code"));
    }

    #[test]
    fn time_budget_is_named_in_both_languages() {
        let d = Detail::Page(PageError::TimeBudget { seconds: 0.5, stage: Stage::Cards });
        assert_eq!(
            text(&d, Lang::En),
            "the page took longer than its time budget of 0.5 s and was given up while looking for cards in the image"
        );
        assert_eq!(
            text(&d, Lang::De),
            "die Seite brauchte länger als ihr Zeitbudget von 0,5 s und wurde bei der Suche nach Karten im Bild abgebrochen"
        );
    }

    #[test]
    fn file_errors_are_german_with_the_technical_message() {
        let d = Detail::File(FileError::Corrupt("no %PDF- header".into()));
        let (en, de) = (text(&d, Lang::En), text(&d, Lang::De));
        assert!(de.starts_with("die Datei ist beschädigt"), "{de}");
        assert!(de.ends_with("no %PDF- header") && en.ends_with("no %PDF- header"));
        let d = Detail::File(FileError::PasswordRequired);
        assert_eq!(text(&d, Lang::En), FileError::PasswordRequired.to_string());
        assert!(text(&d, Lang::De).contains("--password"));
    }

    #[test]
    fn damaged_pdf_names_the_pages_not_read_whole() {
        let d = Detail::Both(
            Box::new(Detail::PdfDamaged { why: PdfDamage::CutOff, found: 5, affected: vec![2, 4] }),
            Box::new(Detail::PdfPageCountsDiffer { text_pages: 3, pages: 5 }),
        );
        assert_eq!(
            text(&d, Lang::En),
            "the file is damaged (it is cut off: no end-of-file marker) and was read as far as possible: \
             5 pages were found; pages not read whole: 2, 4; the file is damaged: the text reader sees 3 pages, \
             the page reader 5; pages were examined by their images only"
        );
        assert!(
            text(&d, Lang::De).starts_with(
                "die Datei ist beschädigt (sie ist abgeschnitten: keine Endmarke) und wurde so weit wie möglich \
                 gelesen: 5 Seiten wurden gefunden; nicht ganz gelesene Seiten: 2, 4; "
            ),
            "{}",
            text(&d, Lang::De)
        );
    }

    #[test]
    fn json_holds_the_english_text_and_reads_back_as_text() {
        let d = mrz(&[]);
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(json, "\"TD1 MRZ, document code ID, all check digits right\"");
        let back: Detail = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Detail::Text("TD1 MRZ, document code ID, all check digits right".into()));
        assert_eq!(text(&back, Lang::De), text(&d, Lang::En), "read back, German shows the English text");
        assert!(!is_in(&back, Lang::De) && is_in(&back, Lang::En));
    }
}
