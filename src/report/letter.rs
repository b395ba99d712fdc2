//! The deletion request drafted from a report: a German letter to the
//! Jobcenter naming each file and page with a copy, the legal grounds, and
//! what the Jobcenter is asked to do. It is a draft for the person to check
//! and sign, not legal advice, and says so in a note that is not part of the
//! letter (dropped when the HTML version is printed).
//!
//! The letter is built once as a list of blocks and then written as plain
//! text or as printable HTML. It uses only file names, page numbers, document
//! types and sides: never MRZ contents, evidence details or ID numbers.

use super::Report;
use super::html::{escape, style};
use crate::evidence::{DocumentType, Side, Verdict};
use std::collections::HashMap;
use std::fmt::Write;

/// Text column width of the plain-text letter.
const WIDTH: usize = 76;

/// What the user may fill in from the command line; `None` leaves a
/// `[placeholder]` to fill in by hand.
#[derive(Clone, Debug, Default)]
pub struct LetterFields {
    /// Sender's full name.
    pub name: Option<String>,
    /// Sender's postal address; commas or newlines separate the lines.
    pub address: Option<String>,
    /// BG-Nummer or Kundennummer at the Jobcenter.
    pub customer_number: Option<String>,
    /// The Jobcenter's name and address; commas or newlines separate the lines.
    pub jobcenter: Option<String>,
    /// Place and date line, e.g. "Offenbach, 28.11.2026".
    pub date: Option<String>,
}

/// Output format of the letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain UTF-8 text, wrapped at 76 columns.
    Text,
    /// One printable, self-contained HTML page.
    Html,
}

/// One page the letter asks to delete.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    /// File name as the letter shows it.
    pub file: String,
    /// 1-based page number.
    pub page: u64,
    /// Document type found.
    pub document_type: DocumentType,
    /// Side found.
    pub side: Side,
    /// Only a possible copy: the person should check it before sending.
    pub possible: bool,
}

/// A piece of the letter, independent of the output format.
#[derive(Clone, Debug, PartialEq)]
enum Block {
    /// Short lines kept as they are (addresses).
    Lines(Vec<String>),
    /// A bold line (subject, section heading).
    Heading(String),
    /// A paragraph, wrapped.
    Para(String),
    /// A bulleted list.
    List(Vec<String>),
    /// A numbered list.
    Numbered(Vec<String>),
    /// Advice to the user, not part of the letter.
    Note(Vec<String>),
}

/// The pages with a (possible) copy, by file then page. File names are shown
/// without their folders unless two files share a name.
pub fn listed_pages(report: &Report) -> Vec<Listed> {
    let mut names: HashMap<String, usize> = HashMap::new();
    for f in &report.files {
        *names.entry(base_name(&f.path)).or_default() += 1;
    }
    let mut out = Vec::new();
    for f in &report.files {
        let base = base_name(&f.path);
        let file = if names.get(&base).copied().unwrap_or(0) > 1 { f.path.clone() } else { base };
        for p in f.pages.iter().filter(|p| p.verdict.is_flagged()) {
            out.push(Listed {
                file: file.clone(),
                page: p.page,
                document_type: p.document_type,
                side: p.side,
                possible: p.verdict == Verdict::PossibleIdCopy,
            });
        }
    }
    out.sort_by(|a, b| a.file.cmp(&b.file).then(a.page.cmp(&b.page)));
    out
}

fn base_name(path: &str) -> String {
    path.rsplit(['/', '\\']).next().filter(|s| !s.is_empty()).unwrap_or(path).to_string()
}

/// Writes the draft letter; `None` when the report names no (possible) copy.
pub fn render(report: &Report, fields: &LetterFields, format: Format) -> Option<String> {
    let listed = listed_pages(report);
    if listed.is_empty() {
        return None;
    }
    let blocks = blocks(report, &listed, fields);
    Some(match format {
        Format::Text => to_text(&blocks),
        Format::Html => to_html(&blocks),
    })
}

/// The document as the letter names it, e.g. "Personalausweis (Rückseite)".
fn document(l: &Listed) -> String {
    let doc = match l.document_type {
        DocumentType::IdCard => "Personalausweis",
        DocumentType::Passport => "Reisepass",
        DocumentType::ResidencePermit => "Aufenthaltstitel",
        DocumentType::DrivingLicence => "Führerschein",
        DocumentType::OtherCard | DocumentType::Unknown => "Ausweisdokument",
    };
    let side = match l.side {
        Side::Front => " (Vorderseite)",
        Side::Back => " (Rückseite)",
        Side::Both => " (Vorder- und Rückseite)",
        Side::DataPage => " (Datenseite)",
        Side::Unknown => "",
    };
    format!("{doc}{side}")
}

/// Splits a command-line address at commas and newlines.
fn lines_of(s: &str) -> Vec<String> {
    s.split([',', '\n']).map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

fn blocks(report: &Report, listed: &[Listed], f: &LetterFields) -> Vec<Block> {
    let mut out = Vec::new();
    let mut note = vec![
        "ENTWURF – bitte vor dem Absenden lesen und diesen Hinweis entfernen. Dies ist ein automatisch erstellter \
         Entwurf, keine Rechtsberatung. Prüfen Sie jeden Absatz, füllen Sie die Angaben in eckigen Klammern aus und \
         unterschreiben Sie selbst."
            .to_string(),
        "Die Liste der Seiten beruht auf einer automatischen Prüfung. Sehen Sie sich jede genannte Seite selbst an und \
         streichen Sie Seiten, die keine Kopie eines Ausweisdokuments enthalten. Kennen Sie Blattzahlen oder \
         Dokumentnummern der eAkte, ergänzen Sie sie."
            .to_string(),
    ];
    let possible: Vec<String> =
        listed.iter().filter(|l| l.possible).map(|l| format!("{}, Seite {}", l.file, l.page)).collect();
    if !possible.is_empty() {
        note.push(format!("Nur möglicherweise eine Ausweiskopie (bitte besonders prüfen): {}.", possible.join("; ")));
    }
    if report.summary.errors > 0 {
        note.push(format!(
            "{} Datei(en) oder Seite(n) konnten nicht geprüft werden. Sehen Sie diese selbst durch und ergänzen Sie \
             die Liste, falls nötig.",
            report.summary.errors
        ));
    }
    note.push(
        "Haben Sie der Speicherung einer Kopie einmal ausdrücklich zugestimmt, passen Sie die Begründung an: Eine \
         Einwilligung können Sie jederzeit für die Zukunft widerrufen (Art. 7 Abs. 3 DSGVO)."
            .to_string(),
    );
    note.push(
        "Zuständige Aufsichtsbehörde: bei gemeinsamen Einrichtungen (Jobcenter von Kommune und Bundesagentur für \
         Arbeit) die oder der Bundesbeauftragte für den Datenschutz und die Informationsfreiheit (BfDI), bei \
         kommunalen Jobcentern (zugelassene kommunale Träger) die Datenschutzaufsicht Ihres Landes. Versenden Sie \
         das Schreiben so, dass Sie den Zugang belegen können (z. B. Einwurf-Einschreiben oder Abgabe gegen \
         Eingangsstempel auf einer Kopie)."
            .to_string(),
    );
    out.push(Block::Note(note));

    let mut sender = vec![f.name.clone().unwrap_or_else(|| "[Vor- und Nachname]".into())];
    match &f.address {
        Some(a) => sender.extend(lines_of(a)),
        None => sender.extend(["[Straße und Hausnummer]".to_string(), "[Postleitzahl und Ort]".to_string()]),
    }
    out.push(Block::Lines(sender));
    let mut to = match &f.jobcenter {
        Some(j) => lines_of(j),
        None => vec!["[Jobcenter]".to_string(), "[Anschrift des Jobcenters]".to_string()],
    };
    to.push("– auch an die/den behördliche(n) Datenschutzbeauftragte(n) –".into());
    out.push(Block::Lines(to));
    out.push(Block::Lines(vec![
        f.date.clone().unwrap_or_else(|| "[Ort], [Datum]".into()),
        format!(
            "BG-Nummer / Kundennummer: {}",
            f.customer_number.clone().unwrap_or_else(|| "[BG-Nummer / Kundennummer]".into())
        ),
    ]));
    out.push(Block::Heading(
        "Antrag auf Löschung der Kopien meiner Ausweisdokumente (Art. 17 DSGVO, § 84 SGB X)".into(),
    ));
    out.push(Block::Para("Sehr geehrte Damen und Herren,".into()));
    out.push(Block::Para(
        "bei der Einsicht in meine Akte (§ 25 SGB X, Art. 15 DSGVO, § 83 SGB X) habe ich festgestellt, dass sie \
         Kopien meiner Ausweisdokumente enthält. Ich beantrage, diese Kopien zu löschen. Es handelt sich um die \
         folgenden Seiten der mir überlassenen Unterlagen:"
            .into(),
    ));
    out.push(Block::List(listed.iter().map(|l| format!("{}, Seite {}: {}", l.file, l.page, document(l))).collect()));
    out.push(Block::Para(
        "Mein Antrag erstreckt sich auf jede weitere Kopie dieser Dokumente, wo immer sie gespeichert ist: in der \
         elektronischen Akte, in einer Papierakte, in anderen Aktenteilen und in Anlagen zu Vermerken oder E-Mails."
            .into(),
    ));
    out.push(Block::Heading("Begründung".into()));
    out.push(Block::Para(
        "Die Kopien sind für Ihre Aufgaben nicht erforderlich. Sozialdaten dürfen nur erhoben, gespeichert und \
         genutzt werden, soweit dies zur Erfüllung einer Aufgabe erforderlich ist (§ 67a Abs. 1, § 67b Abs. 1 SGB X; \
         Grundsatz der Datenminimierung, Art. 5 Abs. 1 lit. c DSGVO). Um meine Identität festzustellen, genügt es, \
         den Ausweis vorlegen zu lassen (§§ 60, 61 SGB I) und in der Akte zu vermerken, dass die Identität geprüft \
         wurde. Eine Kopie ist dafür nicht nötig; so hat es auch die oder der Bundesbeauftragte für den Datenschutz \
         festgestellt (24. Tätigkeitsbericht 2011/2012)."
            .into(),
    ));
    out.push(Block::Para(
        "Die Speicherung ist außerdem unrechtmäßig. Ein Personalausweis darf nur durch den Inhaber oder mit seiner \
         Zustimmung kopiert werden, und die Kopie muss eindeutig und dauerhaft als Kopie erkennbar sein (§ 20 Abs. 2 \
         PAuswG); für den Reisepass gilt dasselbe (§ 18 Abs. 3 PassG). In eine dauerhafte Speicherung der Kopien in \
         meiner Akte habe ich nicht eingewilligt. Ich habe daher einen Anspruch auf Löschung nach Art. 17 Abs. 1 \
         lit. a und lit. d DSGVO in Verbindung mit § 84 SGB X. Das Landessozialgericht Berlin-Brandenburg hat ein \
         Jobcenter verpflichtet, die Kopien des Personalausweises eines Leistungsberechtigten unverzüglich aus der \
         elektronischen Akte zu löschen (Urteil vom 30. April 2019, L 26 AS 2621/17). Der Hessische Beauftragte für \
         Datenschutz und Informationsfreiheit hat das Einscannen von Personalausweisen in die elektronische Akte \
         eines Jobcenters ebenfalls für unzulässig erklärt und die Entfernung vorhandener Kopien verlangt (Schreiben \
         vom 16. März 2017 an das Jobcenter MainArbeit Offenbach)."
            .into(),
    ));
    out.push(Block::Para(
        "Eine bloße Einschränkung der Verarbeitung anstelle der Löschung ist ausgeschlossen, weil die Daten \
         unrechtmäßig verarbeitet wurden (§ 84 Abs. 1 Satz 3 SGB X). An die Stelle der Kopien kann ein Vermerk \
         treten, dass meine Identität geprüft wurde."
            .into(),
    ));
    out.push(Block::Para("Ich bitte Sie daher,".into()));
    out.push(Block::Numbered(vec![
        "die oben genannten Kopien und jede weitere Kopie meiner Ausweisdokumente in der elektronischen Akte und in \
         einer Papierakte vollständig zu löschen;"
            .into(),
        "alle Stellen, denen Sie die Kopien übermittelt haben, über die Löschung zu unterrichten (Art. 19 DSGVO) und \
         mir diese Empfänger zu nennen;"
            .into(),
        "mir die Löschung innerhalb eines Monats nach Eingang dieses Schreibens schriftlich zu bestätigen (Art. 12 \
         Abs. 3 DSGVO). Die Bearbeitung ist für mich unentgeltlich (Art. 12 Abs. 5 DSGVO)."
            .into(),
    ]));
    out.push(Block::Para(
        "Sollte ich innerhalb dieser Frist keine Antwort erhalten, werde ich mich an die zuständige \
         Datenschutzaufsichtsbehörde wenden (Art. 77 DSGVO)."
            .into(),
    ));
    out.push(Block::Lines(vec![
        "Mit freundlichen Grüßen".into(),
        String::new(),
        String::new(),
        "[Unterschrift]".into(),
    ]));
    out.push(Block::Lines(vec![f.name.clone().unwrap_or_else(|| "[Vor- und Nachname]".into())]));
    out
}

/// Words that stay on one line with the word after them ("§ 84", "SGB X").
const GLUE: [&str; 9] = ["§", "§§", "Art.", "Abs.", "Satz", "lit.", "Nr.", "SGB", "L"];

/// The words of `text`, with each [`GLUE`] word joined to the next one.
fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut glued = false;
    for w in text.split_whitespace() {
        match out.last_mut() {
            Some(last) if glued => {
                last.push(' ');
                last.push_str(w);
            }
            _ => out.push(w.to_string()),
        }
        glued = GLUE.contains(&w);
    }
    out
}

/// Greedy word wrap; `first` prefixes the first line, `rest` the others.
fn wrap(text: &str, first: &str, rest: &str) -> String {
    let mut out = String::new();
    let mut line = first.to_string();
    let mut empty = true;
    for word in words(text) {
        let len = line.chars().count() + word.chars().count() + usize::from(!empty);
        if !empty && len > WIDTH {
            out.push_str(line.trim_end());
            out.push('\n');
            line = rest.to_string();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(&word);
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

fn to_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Lines(ls) => ls.iter().for_each(|l| {
                out.push_str(l);
                out.push('\n');
            }),
            Block::Heading(s) => out.push_str(&wrap(s, "", "")),
            Block::Para(s) => out.push_str(&wrap(s, "", "")),
            Block::List(items) => items.iter().for_each(|i| out.push_str(&wrap(i, "  - ", "    "))),
            Block::Numbered(items) => {
                for (n, i) in items.iter().enumerate() {
                    out.push_str(&wrap(i, &format!("  {}. ", n + 1), "     "));
                }
            }
            Block::Note(items) => {
                out.push_str(&"=".repeat(WIDTH));
                out.push('\n');
                items.iter().for_each(|i| out.push_str(&wrap(i, "* ", "  ")));
                out.push_str(&"=".repeat(WIDTH));
                out.push('\n');
            }
        }
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// Escapes `s` and marks `[placeholders]` so they stand out on screen.
fn html_text(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(start) = rest.find('[') {
        let Some(len) = rest[start..].find(']') else { break };
        out.push_str(&escape(&rest[..start]));
        let _ = write!(out, "<span class=\"ph\">{}</span>", escape(&rest[start..=start + len]));
        rest = &rest[start + len + 1..];
    }
    out.push_str(&escape(rest));
    out
}

const LETTER_CSS: &str = "body { font: 11pt/1.45 \"DejaVu Serif\", Georgia, serif; max-width: 17cm; margin: 1.5cm auto; \
color: #111; } p { margin: 0 0 .8em; } .lines { margin: 0 0 1.2em; } h2 { font-size: 11pt; margin: 1.2em 0 .6em; } \
.note { border: 2px dashed #b04000; background: #fff4ec; padding: .5em 1em; margin-bottom: 1.5em; \
font-family: system-ui, sans-serif; font-size: 10pt; } .ph { background: #fff2a8; } \
@page { size: A4; margin: 2cm 2cm 2cm 2.5cm; } \
@media print { body { margin: 0; max-width: none; } .note { display: none; } .ph { background: none; } }";

fn to_html(blocks: &[Block]) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
         <title>Antrag auf Löschung von Ausweiskopien (Entwurf)</title>\n<style>{LETTER_CSS}</style>\n</head>\n<body>\n",
        escape(style::CSP)
    );
    for b in blocks {
        match b {
            Block::Lines(ls) => {
                let inner: Vec<String> = ls.iter().map(|l| html_text(l)).collect();
                let _ = writeln!(h, "<p class=\"lines\">{}</p>", inner.join("<br>\n"));
            }
            Block::Heading(s) => {
                let _ = writeln!(h, "<h2>{}</h2>", html_text(s));
            }
            Block::Para(s) => {
                let _ = writeln!(h, "<p>{}</p>", html_text(s));
            }
            Block::List(items) | Block::Numbered(items) => {
                let tag = if matches!(b, Block::List(_)) { "ul" } else { "ol" };
                let _ = writeln!(h, "<{tag}>");
                for i in items {
                    let _ = writeln!(h, "<li>{}</li>", html_text(i));
                }
                let _ = writeln!(h, "</{tag}>");
            }
            Block::Note(items) => {
                let _ = writeln!(h, "<div class=\"note\">");
                for i in items {
                    let _ = writeln!(h, "<p>{}</p>", html_text(i));
                }
                let _ = writeln!(h, "<p><em>Dieser Hinweis wird nicht mitgedruckt.</em></p>\n</div>");
            }
        }
    }
    h.push_str("</body>\n</html>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_respects_width_and_indents() {
        let text = "wort ".repeat(40);
        let w = wrap(&text, "  - ", "    ");
        assert!(w.lines().all(|l| l.chars().count() <= WIDTH), "{w}");
        assert!(w.starts_with("  - wort"));
        assert!(w.lines().skip(1).all(|l| l.starts_with("    wort")));
        // A word longer than the width stays whole on its own line.
        let long = "x".repeat(100);
        assert_eq!(wrap(&long, "", ""), format!("{long}\n"));
    }

    #[test]
    fn citations_are_not_split() {
        assert_eq!(words("nach § 84 Abs. 1 SGB X."), ["nach", "§ 84", "Abs. 1", "SGB X."]);
        let w = wrap(&format!("{} § 84 SGB X", "x".repeat(73)), "", "");
        assert_eq!(w, format!("{}\n§ 84 SGB X\n", "x".repeat(73)));
    }

    #[test]
    fn base_names_table() {
        let cases =
            [("a/b/akte.pdf", "akte.pdf"), ("C:\\x\\y.pdf", "y.pdf"), ("plain.pdf", "plain.pdf"), ("dir/", "dir/")];
        for (p, want) in cases {
            assert_eq!(base_name(p), want);
        }
    }

    #[test]
    fn address_lines_split_at_commas_and_newlines() {
        assert_eq!(lines_of("Musterweg 1, 12345 Musterstadt"), ["Musterweg 1", "12345 Musterstadt"]);
        assert_eq!(lines_of("A\n B ,,C"), ["A", "B", "C"]);
    }

    #[test]
    fn placeholders_are_marked_and_escaped() {
        assert_eq!(html_text("[Ort], <b>"), "<span class=\"ph\">[Ort]</span>, &lt;b&gt;");
        assert_eq!(html_text("a [b"), "a [b");
    }
}
