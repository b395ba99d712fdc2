//! Every user-facing string of the reports and the CLI, in German (the
//! default) and English, chosen by [`Lang`]. Kept in one place so that the
//! two languages stay complete and consistent.
//!
//! Fixed strings live in [`Texts`]; sentences with numbers or names are
//! functions. Templates use `{0}`, `{1}`… filled by [`fill`].

pub mod detail;

use crate::evidence::{DocumentType, EvidenceKind, Side, Verdict};
use crate::lang::Lang;

macro_rules! texts {
    ($($name:ident: $de:literal, $en:literal;)*) => {
        /// The fixed strings of one language; each field's doc is its English text.
        #[derive(Debug)]
        pub struct Texts {
            $( #[doc = $en] pub $name: &'static str, )*
        }
        /// German strings.
        pub static DE: Texts = Texts { $($name: $de,)* };
        /// English strings.
        pub static EN: Texts = Texts { $($name: $en,)* };
    };
}

texts! {
    html_lang: "de", "en";
    report_title: "Prüfbericht: Ausweiskopien in der Akte", "Check report: identity document copies in the file";
    made_by: "Erstellt mit {0} {1}. Das Programm arbeitet offline und verändert die geprüften Dateien nicht.",
        "Made with {0} {1}. The program works offline and does not change the files it checks.";
    privacy_masked: "Datenschutz: Die Vorschaubilder sind klein, Karten-, Foto- und MRZ-Bereiche sind grau abgedeckt, und die maschinenlesbare Zone (MRZ) ist unkenntlich gemacht. Dieser Bericht ist selbst keine Ausweiskopie.",
        "Privacy: thumbnails are small, card, photo and MRZ regions are blocked out in grey, and the machine readable zone (MRZ) is masked. This report is not itself a copy of an identity document.";
    privacy_shown: "Achtung: Dieser Bericht zeigt personenbezogene Daten (--show-personal-data). Ausweisbereiche sind nicht abgedeckt und die maschinenlesbare Zone steht im Klartext. Nur für Ihren eigenen Gebrauch – bitte nicht weitergeben.",
        "Warning: this report shows personal data (--show-personal-data). Identity document regions are not blocked out and the machine readable zone is shown in clear. For your own use only – do not pass it on.";
    summary_heading: "Zusammenfassung", "Summary";
    sum_files: "Geprüfte Dateien", "Files examined";
    sum_pages: "Gelesene Seiten", "Pages read";
    sum_pages_total: "Seiten insgesamt", "Pages in total";
    sum_flagged: "Seiten mit (möglicher) Ausweiskopie", "Pages with a (possible) ID copy";
    sum_other: "Seiten mit anderen Karten", "Pages with other cards";
    sum_errors: "Nicht (vollständig) geprüft: Dateien und Seiten", "Not (fully) examined: files and pages";
    sum_skipped: "Übersprungene Dateien", "Files skipped";
    by_type_heading: "Funde nach Dokumentart", "Finds by document type";
    col_doc_type: "Dokumentart", "Document type";
    col_pages: "Seiten", "Pages";
    nothing_found: "Es wurde keine Ausweiskopie gefunden.", "No copy of an identity document was found.";
    found_some: "Bitte sehen Sie sich die unten genannten Seiten an.", "Please look at the pages listed below.";
    checked: "Geprüft wurden {0} von {1} Seiten in {2} Datei(en).", "{0} of {1} pages in {2} file(s) were examined.";
    incomplete_warning: "{0} Datei(en) oder Seite(n) konnten nicht (vollständig) geprüft werden; sie sind unten unter „Nicht geprüft“ aufgeführt.",
        "{0} file(s) or page(s) could not be (fully) examined; they are listed below under “Not examined”.";
    cannot_see_heading: "Was dieses Programm nicht sehen kann", "What this program cannot see";
    cannot_see_1: "Seiten, die nicht gelesen oder entschlüsselt werden konnten – sie stehen unten einzeln unter „Nicht geprüft“.",
        "Pages that could not be read or decrypted – they are listed one by one under “Not examined”.";
    cannot_see_2: "Sehr kleine, stark verschwommene, abgeschnittene oder überbelichtete Abbildungen eines Ausweises.",
        "Very small, badly blurred, cut-off or overexposed images of an identity document.";
    cannot_see_3: "Ausweisdaten, die abgetippt statt kopiert wurden (z. B. eine Ausweisnummer in einem Vermerk).",
        "Identity data typed out instead of copied (for example an ID number in a note).";
    cannot_see_4: "Die Vorderseite eines Ausweises hat keine maschinenlesbare Zone; sie wird nur an Kartenform, Foto und Aufbau erkannt und kann übersehen werden.",
        "The front of an ID card has no machine readable zone; it is recognised only by card shape, photo and layout and can be missed.";
    cannot_see_5: "Dateien anderer Art (z. B. Word-Dokumente, E-Mails) werden übersprungen.",
        "Files of other kinds (for example Word documents, e-mails) are skipped.";
    cannot_see_end: "Ein Ergebnis ohne Fund beweist daher nicht, dass die Akte keine Kopie enthält.",
        "A result without a find therefore does not prove that the file holds no copy.";
    findings_heading: "Gefundene Seiten", "Pages found";
    other_cards_heading: "Andere Karten (kein Ausweis)", "Other cards (not an identity document)";
    other_cards_note: "Diese Seiten zeigen eine Karte im Scheckkartenformat, die kein Ausweisdokument zu sein scheint (z. B. eine Gesundheitskarte). Sie zählen nicht als Fund.",
        "These pages show a card of bank-card size that does not seem to be an identity document (for example a health insurance card). They do not count as finds.";
    unexamined_heading: "Nicht geprüft", "Not examined";
    unexamined_note: "Diese Dateien oder Seiten konnten nicht (vollständig) geprüft werden. Lesen Sie sie nicht als „ohne Fund“, sondern sehen Sie sie bitte selbst durch.",
        "These files or pages could not be (fully) examined. Do not read them as “nothing found”; please look through them yourself.";
    label_verdict: "Ergebnis", "Verdict";
    label_confidence: "Sicherheit", "Confidence";
    label_doc_type: "Dokumentart", "Document type";
    label_side: "Ansicht", "Side";
    evidence_heading: "Hinweise auf der Seite", "Evidence on the page";
    col_kind: "Art", "Kind";
    col_detail: "Einzelheit", "Detail";
    col_strength: "Stärke", "Strength";
    col_region: "Bereich (Anteil der Seite)", "Region (fraction of the page)";
    mrz_masked_heading: "Maschinenlesbare Zone (unkenntlich gemacht)", "Machine readable zone (masked)";
    mrz_shown_heading: "Maschinenlesbare Zone (Klartext)", "Machine readable zone (in clear)";
    mrz_checks_ok: "Alle Prüfziffern stimmen.", "All check digits are right.";
    mrz_checks_failed: "Fehlerhafte Prüfziffern: {0}", "Check digits that fail: {0}";
    thumb_alt: "Verkleinerte Seite {0} mit markierten Bereichen", "Reduced page {0} with the regions marked";
    thumb_missing: "Kein Vorschaubild (die Seite hat kein Bild, oder es wurde nicht erzeugt).",
        "No thumbnail (the page has no image, or none was made).";
    legend: "Rahmen: rot = MRZ, orange = Foto, blau = Kartenumriss, violett = Textaufbau, grün = Stichwörter. Graue Flächen sind abgedeckt.",
        "Frames: red = MRZ, orange = photo, blue = card outline, purple = text layout, green = keywords. Grey areas are blocked out.";
    files_heading: "Alle Dateien", "All files";
    sort_by: "Sortieren nach:", "Sort by:";
    sort_name: "Name", "name";
    sort_found: "Funden", "finds";
    sort_problems: "Problemen", "problems";
    col_file: "Datei", "File";
    col_type: "Typ", "Type";
    col_pages_total: "Seiten", "Pages";
    col_flagged: "Funde", "Finds";
    col_other: "Andere Karten", "Other cards";
    col_unexamined: "Nicht geprüfte Seiten", "Pages not examined";
    col_error: "Fehler", "Error";
    col_page: "Seite", "Page";
    col_reason: "Grund", "Reason";
    skipped_heading: "Übersprungene Dateien", "Skipped files";
    whole_file: "ganze Datei", "whole file";
    footer: "Dieser Bericht ist eine automatische Einschätzung, keine Rechtsberatung. Bitte prüfen Sie die genannten Seiten selbst. Mit „ausweisscan letter“ erstellen Sie den Entwurf eines Löschantrags an das Jobcenter.",
        "This report is an automatic assessment, not legal advice. Please check the pages named yourself. “ausweisscan letter” drafts a deletion request to the Jobcenter.";
    err_write: "ausweisscan: kann {0} nicht schreiben: {1}", "ausweisscan: cannot write {0}: {1}";
    err_html: "ausweisscan: kann den HTML-Bericht {0} nicht schreiben: {1}", "ausweisscan: cannot write the HTML report {0}: {1}";
    err_read_report: "ausweisscan: kann den Bericht {0} nicht lesen: {1}", "ausweisscan: cannot read the report {0}: {1}";
    letter_nothing: "Der Bericht nennt keine (mögliche) Ausweiskopie; es wurde kein Schreiben erstellt.",
        "The report names no (possible) ID copy; no letter was written.";
    letter_incomplete: "Hinweis: {0} Datei(en) oder Seite(n) konnten nicht geprüft werden; sehen Sie diese selbst durch.",
        "Note: {0} file(s) or page(s) could not be examined; look through them yourself.";
    letter_in_german: "", "Note: the letter is written in German because it goes to a German authority.";
    letter_written: "Entwurf des Löschantrags geschrieben: {0}", "Draft deletion request written: {0}";
    progress_pages: "Seiten", "pages";
}

/// The strings of `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

/// Replaces `{0}`, `{1}`… in `template` by `args`.
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = template.to_string();
    for (i, a) in args.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), &a.to_string());
    }
    out
}

fn pick(lang: Lang, de: &'static str, en: &'static str) -> &'static str {
    if lang == Lang::De { de } else { en }
}

/// The verdict in a few words.
pub fn verdict(lang: Lang, v: Verdict) -> &'static str {
    match v {
        Verdict::IdCopy => pick(lang, "Ausweiskopie", "ID copy"),
        Verdict::PossibleIdCopy => pick(lang, "mögliche Ausweiskopie", "possible ID copy"),
        Verdict::OtherCard => pick(lang, "andere Karte", "other card"),
        Verdict::Clear => pick(lang, "unauffällig", "clear"),
        Verdict::Unexamined => pick(lang, "nicht geprüft", "not examined"),
    }
}

/// The document type as a noun.
pub fn document_type(lang: Lang, d: DocumentType) -> &'static str {
    match d {
        DocumentType::IdCard => pick(lang, "Personalausweis", "identity card"),
        DocumentType::Passport => pick(lang, "Reisepass", "passport"),
        DocumentType::ResidencePermit => pick(lang, "Aufenthaltstitel", "residence permit"),
        DocumentType::DrivingLicence => pick(lang, "Führerschein", "driving licence"),
        DocumentType::OtherCard => pick(lang, "andere Karte", "other card"),
        DocumentType::Unknown => pick(lang, "unbekannt", "unknown"),
    }
}

/// "a copy of your …": the document with its possessive, for sentences.
fn document_phrase(lang: Lang, d: DocumentType) -> &'static str {
    match d {
        DocumentType::IdCard => pick(lang, "Ihres Personalausweises", "your identity card"),
        DocumentType::Passport => pick(lang, "Ihres Reisepasses", "your passport"),
        DocumentType::ResidencePermit => pick(lang, "Ihres Aufenthaltstitels", "your residence permit"),
        DocumentType::DrivingLicence => pick(lang, "Ihres Führerscheins", "your driving licence"),
        DocumentType::OtherCard => pick(lang, "einer Karte", "a card"),
        DocumentType::Unknown => pick(lang, "eines Ausweisdokuments", "an identity document"),
    }
}

/// The side of the document; `None` when unknown.
pub fn side(lang: Lang, s: Side) -> Option<&'static str> {
    Some(match s {
        Side::Front => pick(lang, "Vorderseite", "front"),
        Side::Back => pick(lang, "Rückseite", "back"),
        Side::Both => pick(lang, "Vorder- und Rückseite", "front and back"),
        Side::DataPage => pick(lang, "Datenseite", "data page"),
        Side::Unknown => return None,
    })
}

/// Confidence in words with the percentage, e.g. "hoch (82 %)".
pub fn confidence(lang: Lang, c: f64) -> String {
    let word = if c >= 0.9 {
        pick(lang, "sehr hoch", "very high")
    } else if c >= 0.75 {
        pick(lang, "hoch", "high")
    } else if c >= 0.5 {
        pick(lang, "mittel", "medium")
    } else {
        pick(lang, "niedrig", "low")
    };
    let pct = (c.clamp(0.0, 1.0) * 100.0).round();
    match lang {
        Lang::De => format!("{word} ({pct} %)"),
        Lang::En => format!("{word} ({pct}%)"),
    }
}

/// What a kind of evidence is, in plain words.
pub fn evidence_kind(lang: Lang, k: EvidenceKind) -> &'static str {
    match k {
        EvidenceKind::Mrz => {
            pick(lang, "Maschinenlesbare Zone (MRZ) im Bild", "Machine readable zone (MRZ) in the image")
        }
        EvidenceKind::TextLayerMrz => pick(lang, "MRZ in der Textebene des PDF", "MRZ in the PDF's text layer"),
        EvidenceKind::CardOutline => {
            pick(lang, "Umriss einer Karte oder Passseite", "Outline of a card or passport page")
        }
        EvidenceKind::Portrait => pick(lang, "Passfoto-Bereich", "Portrait photo region"),
        EvidenceKind::Face => pick(lang, "Gesicht auf der Karte", "Face on the card"),
        EvidenceKind::Layout => pick(lang, "Textaufbau wie auf einem Ausweis", "Text layout like an identity document"),
        EvidenceKind::Keywords => {
            pick(lang, "Ausweis-Stichwörter in der Textebene", "Identity document words in the text layer")
        }
        EvidenceKind::Unexamined => pick(lang, "Nicht geprüft", "Not examined"),
    }
}

/// The plain sentence for one page, e.g. "Seite 214 von akte_teil2.pdf enthält
/// wahrscheinlich eine Kopie Ihres Personalausweises (Rückseite)."
pub fn page_sentence(
    lang: Lang,
    page: u64,
    file: &str,
    v: Verdict,
    doc: DocumentType,
    s: Side,
    confidence: f64,
) -> String {
    let side = side(lang, s).map(|s| format!(" ({s})")).unwrap_or_default();
    let doc = document_phrase(lang, doc);
    match (lang, v) {
        (Lang::De, Verdict::IdCopy) => {
            let adv = if confidence >= 0.9 { "sehr wahrscheinlich" } else { "wahrscheinlich" };
            format!("Seite {page} von {file} enthält {adv} eine Kopie {doc}{side}.")
        }
        (Lang::En, Verdict::IdCopy) => {
            let adv = if confidence >= 0.9 { "almost certainly" } else { "probably" };
            format!("Page {page} of {file} {adv} contains a copy of {doc}{side}.")
        }
        (Lang::De, Verdict::PossibleIdCopy) => {
            format!(
                "Seite {page} von {file} enthält möglicherweise eine Kopie {doc}{side}. Bitte sehen Sie selbst nach."
            )
        }
        (Lang::En, Verdict::PossibleIdCopy) => {
            format!("Page {page} of {file} may contain a copy of {doc}{side}. Please look yourself.")
        }
        (Lang::De, Verdict::OtherCard) => {
            format!("Seite {page} von {file} zeigt eine Karte, die kein Ausweis zu sein scheint.")
        }
        (Lang::En, Verdict::OtherCard) => {
            format!("Page {page} of {file} shows a card that does not seem to be an identity document.")
        }
        (Lang::De, Verdict::Clear) => format!("Seite {page} von {file} ist unauffällig."),
        (Lang::En, Verdict::Clear) => format!("Page {page} of {file} is clear."),
        (Lang::De, Verdict::Unexamined) => format!("Seite {page} von {file} konnte nicht geprüft werden."),
        (Lang::En, Verdict::Unexamined) => format!("Page {page} of {file} could not be examined."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_example_sentence() {
        let s = page_sentence(Lang::De, 214, "akte_teil2.pdf", Verdict::IdCopy, DocumentType::IdCard, Side::Back, 0.8);
        assert_eq!(
            s,
            "Seite 214 von akte_teil2.pdf enthält wahrscheinlich eine Kopie Ihres Personalausweises (Rückseite)."
        );
        let s =
            page_sentence(Lang::En, 3, "a.pdf", Verdict::PossibleIdCopy, DocumentType::Passport, Side::Unknown, 0.5);
        assert_eq!(s, "Page 3 of a.pdf may contain a copy of your passport. Please look yourself.");
    }

    #[test]
    fn confidence_words_by_band() {
        let cases = [(0.95, "sehr hoch (95 %)"), (0.8, "hoch (80 %)"), (0.5, "mittel (50 %)"), (0.1, "niedrig (10 %)")];
        for (c, want) in cases {
            assert_eq!(confidence(Lang::De, c), want);
        }
        assert_eq!(confidence(Lang::En, 1.7), "very high (100%)");
    }

    #[test]
    fn fill_replaces_numbered_slots() {
        assert_eq!(fill("{0} von {1}, {0}", &[&3, &"x"]), "3 von x, 3");
    }

    #[test]
    fn languages_differ_and_none_is_empty() {
        // Every English string exists; German strings may only equal English
        // ones for names and codes.
        let de = format!("{DE:?}");
        let en = format!("{EN:?}");
        assert_ne!(de, en);
        assert!(!DE.report_title.is_empty() && !EN.report_title.is_empty());
        assert!(!en.contains(": \"\""), "an English string is empty: {en}");
    }
}
