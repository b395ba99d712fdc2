//! Evidence details in both languages. The JSON report keeps the English
//! text (a stable, machine-readable contract); the HTML report and the
//! terminal summary show the reader's language. Details never hold
//! personal data: only formats, field names and percentages.

use crate::error::{FileError, PageError, Stage};
use crate::lang::Lang;

/// One evidence detail, written in English and in German.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detail {
    /// English text (goes into the JSON report).
    pub en: String,
    /// German text.
    pub de: String,
}

impl Detail {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.de,
            Lang::En => &self.en,
        }
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

/// An MRZ read from the image or the text layer; `failed` names the checks
/// that did not pass (empty: all passed).
pub fn mrz(format: &str, code: &str, failed: &[&str]) -> Detail {
    if failed.is_empty() {
        Detail {
            en: format!("{format} MRZ, document code {code}, all check digits right"),
            de: format!("{format}-MRZ, Dokumentcode {code}, alle Prüfziffern stimmen"),
        }
    } else {
        let de: Vec<&str> = failed.iter().map(|f| check_de(f)).collect();
        Detail {
            en: format!("{format} MRZ, document code {code}, check digits wrong: {}", failed.join(", ")),
            de: format!("{format}-MRZ, Dokumentcode {code}, Prüfziffern falsch: {}", de.join(", ")),
        }
    }
}

/// A card outline (`format` e.g. "ID-1"); `score` share of the edge found,
/// `size_error` relative deviation from the true size.
pub fn outline(format: &str, score: f64, size_error: f64) -> Detail {
    let (s, e) = (score * 100.0, size_error * 100.0);
    Detail {
        en: format!("{format} card outline, {s:.0}% of its edge found, size within {e:.0}%"),
        de: format!("Kartenumriss {format}, {s:.0} % des Randes gefunden, Größe auf {e:.0} % genau"),
    }
}

/// A card outline whose one long side runs off the page (a passport page
/// copied with its MRZ band cut off).
pub fn outline_cut(format: &str, score: f64) -> Detail {
    let s = score * 100.0;
    Detail {
        en: format!("{format} card outline cut off by the page edge, {s:.0}% of its other edges found"),
        de: format!("Kartenumriss {format}, am Seitenrand abgeschnitten, {s:.0} % der übrigen Ränder gefunden"),
    }
}

/// A card-sized block of print whose edge is not visible.
pub fn card_block(format: &str) -> Detail {
    Detail {
        en: format!("{format}-sized block of print without a visible card edge"),
        de: format!("Druckbild in Kartengröße {format}, ohne sichtbaren Kartenrand"),
    }
}

/// A block of print the size of a passport data page, running off the page.
pub fn card_block_cut(format: &str) -> Detail {
    Detail {
        en: format!("{format}-sized block of print cut off by the page edge, without a visible card edge"),
        de: format!("Druckbild in Kartengröße {format}, am Seitenrand abgeschnitten, ohne sichtbaren Kartenrand"),
    }
}

/// A photo-like region on the left or right of a card, with a ghost image.
pub fn portrait(left: bool, share: f64, ghost: bool) -> Detail {
    let p = share * 100.0;
    let (place_en, place_de) = if left { ("left", "links") } else { ("right", "rechts") };
    Detail {
        en: format!(
            "photo-like region on the {place_en} of the card ({p:.0}% photo pixels){}",
            if ghost { ", ghost image on the right" } else { "" }
        ),
        de: format!(
            "fotoähnlicher Bereich {place_de} auf der Karte ({p:.0} % Fotopixel){}",
            if ghost { ", Geisterbild rechts" } else { "" }
        ),
    }
}

/// A face on a card; `ghost` when a second, smaller face (ghost image) is there too.
pub fn face(left: bool, ghost: bool) -> Detail {
    let (place_en, place_de) = if left { ("left", "links") } else { ("right", "rechts") };
    Detail {
        en: format!(
            "face on the {place_en} of the card{}",
            if ghost { ", with a second small face (ghost image)" } else { "" }
        ),
        de: format!(
            "Gesicht {place_de} auf der Karte{}",
            if ghost { ", mit zweitem kleinem Gesicht (Geisterbild)" } else { "" }
        ),
    }
}

/// What a card's layout looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayoutOf {
    /// Passport data page.
    PassportPage,
    /// Identity card front.
    IdFront,
    /// Identity card back.
    IdBack,
    /// Driving licence.
    DrivingLicence,
    /// Health insurance or bank card.
    OtherCard,
}

/// The layout classifier's best class with its probability.
pub fn layout(of: LayoutOf, p: f64) -> Detail {
    let (en, de) = match of {
        LayoutOf::PassportPage => ("a passport data page", "einer Passdatenseite"),
        LayoutOf::IdFront => ("an identity card front", "einer Ausweis-Vorderseite"),
        LayoutOf::IdBack => ("an identity card back", "einer Ausweis-Rückseite"),
        LayoutOf::DrivingLicence => ("a driving licence", "eines Führerscheins"),
        LayoutOf::OtherCard => {
            ("another card (health insurance or bank card)", "einer anderen Karte (Gesundheits- oder Bankkarte)")
        }
    };
    let p = p * 100.0;
    Detail { en: format!("layout of {en} ({p:.0}%)"), de: format!("Aufbau {de} ({p:.0} %)") }
}

/// A document word in the page's text layer.
pub fn keyword(word: &str) -> Detail {
    Detail { en: format!("text layer has the word {word}"), de: format!("Textebene enthält das Wort {word}") }
}

/// Why a page could not be examined. The German text leads with a plain
/// sentence and keeps the decoder's own message (English, technical) after it.
pub fn page_error(e: &PageError) -> Detail {
    let de = match e {
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
    };
    Detail { en: e.to_string(), de }
}

/// Why a whole file could not be examined; as [`page_error`], the German
/// text leads with a plain sentence and keeps the technical message.
pub fn file_error(e: &FileError) -> Detail {
    let de = match e {
        FileError::Io(m) => format!("die Datei lässt sich nicht lesen: {m}"),
        FileError::PasswordRequired => {
            "das PDF ist mit einem Passwort geschützt; geben Sie es mit --password an".to_string()
        }
        FileError::WrongPassword => "das angegebene Passwort öffnet dieses PDF nicht".to_string(),
        FileError::Corrupt(m) => format!("die Datei ist beschädigt und lässt sich nicht lesen: {m}"),
        FileError::Limit(m) => format!("Grenze überschritten: {m}"),
    };
    Detail { en: e.to_string(), de }
}

/// A file that could not be opened at all (found while walking a folder,
/// or a panic while opening it).
pub fn cannot_read(message: &str) -> Detail {
    Detail { en: format!("cannot read: {message}"), de: format!("lässt sich nicht lesen: {message}") }
}

/// A file that opened but holds no page.
pub fn no_pages() -> Detail {
    Detail { en: "the file has no pages".into(), de: "die Datei enthält keine Seite".into() }
}

/// A damaged PDF whose text reader and page reader disagree on the page count.
pub fn pdf_page_counts_differ(text_pages: usize, pages: usize) -> Detail {
    Detail {
        en: format!(
            "the file is damaged: the text reader sees {text_pages} pages, the page reader {pages}; \
             pages were examined by their images only"
        ),
        de: format!(
            "die Datei ist beschädigt: die Textebene hat {text_pages} Seiten, die Seitenansicht {pages}; \
             die Seiten wurden nur nach ihren Bildern geprüft"
        ),
    }
}

/// A damaged PDF recovered page by page whose text layer cannot be read.
pub fn pdf_text_unreadable(why: &str, pages: usize) -> Detail {
    Detail {
        en: format!(
            "the file is damaged ({why}); {pages} pages were recovered and examined by their images only, \
             the text layer could not be read"
        ),
        de: format!(
            "die Datei ist beschädigt ({why}); {pages} Seiten wurden gerettet und nur nach ihren Bildern \
             geprüft, die Textebene ließ sich nicht lesen"
        ),
    }
}

/// A PDF that is cut off or whose structure had to be repaired while
/// reading: `found` pages were read, `affected` (1-based) could not be read
/// whole. Pages lost entirely cannot be counted when the page tree is lost.
pub fn pdf_damaged(why_en: &str, why_de: &str, found: usize, affected: &[usize]) -> Detail {
    let list = affected.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(", ");
    let (en, de) = if affected.is_empty() {
        (
            format!("{found} pages were found and read whole; pages lost to the damage cannot be examined"),
            format!(
                "{found} Seiten wurden gefunden und ganz gelesen; durch den Schaden verlorene Seiten lassen sich nicht prüfen"
            ),
        )
    } else {
        (
            format!("{found} pages were found; pages not read whole: {list}"),
            format!("{found} Seiten wurden gefunden; nicht ganz gelesene Seiten: {list}"),
        )
    };
    Detail {
        en: format!("the file is damaged ({why_en}) and was read as far as possible: {en}"),
        de: format!("die Datei ist beschädigt ({why_de}) und wurde so weit wie möglich gelesen: {de}"),
    }
}

/// Two notes on one file, joined.
pub fn both(a: Detail, b: Detail) -> Detail {
    Detail { en: format!("{}; {}", a.en, b.en), de: format!("{}; {}", a.de, b.de) }
}

/// A TIFF with more frames than are examined.
pub fn tiff_page_cap(max: usize) -> Detail {
    Detail {
        en: format!("only the first {max} pages are examined"),
        de: format!("nur die ersten {max} Seiten werden geprüft"),
    }
}

/// A TIFF whose frames after `pages` cannot be read.
pub fn tiff_rest_unreadable(pages: usize, why: &str) -> Detail {
    Detail {
        en: format!("the pages after page {pages} cannot be read: {why}"),
        de: format!("die Seiten nach Seite {pages} lassen sich nicht lesen: {why}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_checks_are_named_in_german() {
        let d = mrz("TD1", "ID", &["document_number", "composite"]);
        assert_eq!(d.get(Lang::En), "TD1 MRZ, document code ID, check digits wrong: document_number, composite");
        assert!(d.get(Lang::De).ends_with("Prüfziffern falsch: Dokumentnummer, Gesamtprüfziffer"), "{}", d.de);
    }

    #[test]
    fn page_errors_keep_the_technical_message() {
        let d = page_error(&PageError::Decode("bad Huffman code".into()));
        assert!(d.de.starts_with("ein Bild auf der Seite"), "{}", d.de);
        assert!(d.de.ends_with("bad Huffman code") && d.en.ends_with("bad Huffman code"));
    }

    #[test]
    fn time_budget_is_named_in_both_languages() {
        let d = page_error(&PageError::TimeBudget { seconds: 0.5, stage: Stage::Cards });
        assert_eq!(
            d.en,
            "the page took longer than its time budget of 0.5 s and was given up while looking for cards in the image"
        );
        assert_eq!(
            d.de,
            "die Seite brauchte länger als ihr Zeitbudget von 0,5 s und wurde bei der Suche nach Karten im Bild abgebrochen"
        );
    }

    #[test]
    fn file_errors_are_german_with_the_technical_message() {
        let d = file_error(&FileError::Corrupt("no %PDF- header".into()));
        assert!(d.de.starts_with("die Datei ist beschädigt"), "{}", d.de);
        assert!(d.de.ends_with("no %PDF- header") && d.en.ends_with("no %PDF- header"));
        assert_eq!(file_error(&FileError::PasswordRequired).en, FileError::PasswordRequired.to_string());
        assert!(file_error(&FileError::PasswordRequired).de.contains("--password"));
    }
}
