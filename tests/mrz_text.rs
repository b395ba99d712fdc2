//! MRZs in a PDF's (invisible OCR) text layer, through the binary: a clean
//! MRZ flags its page `id_copy`, a one-digit-damaged one `possible_id_copy`,
//! look-alike text stays clear, and the report masks personal data.

use crate::util::*;
use ausweisscan_synth::pdf::{PageSpec, PdfBuilder, TextRun};
use ausweisscan_synth::person::{DocKind, mrz_lines, transliterate, with_damaged_char};
use ausweisscan_synth::rng::Rng;
use std::path::PathBuf;

fn run(text: &str, y: f32) -> TextRun {
    TextRun { x: 50.0, y, size: 10.0, text: text.to_string(), invisible: true }
}

/// An A4 page whose text layer holds `lines` (one text run each).
fn page(lines: &[String]) -> PageSpec {
    let mut p = PageSpec::new(595.0, 842.0);
    p.text = lines.iter().enumerate().map(|(i, l)| run(l, 780.0 - 14.0 * i as f32)).collect();
    p
}

fn write_pdf(dir: &std::path::Path, pages: Vec<PageSpec>) -> PathBuf {
    let bytes = pages.into_iter().fold(PdfBuilder::new(), |b, p| b.page(p)).build().expect("build pdf");
    let path = dir.join("akte.pdf");
    std::fs::write(&path, bytes).expect("write pdf");
    path
}

#[test]
fn text_layer_mrzs_flag_their_pages_and_stay_masked() {
    let mut rng = Rng::new(2024);
    let id_person = DocKind::IdCard2010.random_holder(&mut rng);
    let id = mrz_lines(&id_person, DocKind::IdCard2010);
    let pass_person = DocKind::Passport.random_holder(&mut rng);
    let damaged = with_damaged_char(&mrz_lines(&pass_person, DocKind::Passport), &mut rng);
    let permit_person = DocKind::ResidencePermit.random_holder(&mut rng);
    // OCR-like: spaces inside, `«` for fillers.
    let permit: Vec<String> =
        mrz_lines(&permit_person, DocKind::ResidencePermit).iter().map(|l| l.replace("<<", "«< ")).collect();
    let prose = |t: &str| t.to_string();
    let mut with_prose = vec![prose("Anlage: Kopie Personalausweis (Rückseite)")];
    with_prose.extend(id.iter().cloned());
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write_pdf(
        dir.path(),
        vec![
            page(&[prose("Bitte bringen Sie Ihren Personalausweis mit."), prose("IBAN DE89 3704 0044 0532 0130 00")]),
            page(&with_prose),
            page(&damaged),
            page(&permit),
            page(&[prose("| <5 | 12345678 | <<2024 |"), "<".repeat(44), prose("BG-NR 12345BG0012345")]),
        ],
    );
    let (code, json, out) = scan_json(&[&path], &[]);
    assert_eq!(code, 1, "{json:#}\n{}", String::from_utf8_lossy(&out.stderr));
    let pages = json["files"][0]["pages"].as_array().expect("pages");
    let verdict =
        |n: u64| pages.iter().find(|p| p["page"] == n).map(|p| p["verdict"].as_str().unwrap_or("").to_string());
    // Clear pages may be left out of the report.
    assert!(matches!(verdict(1).as_deref(), None | Some("clear")), "{json:#}");
    assert_eq!(verdict(2).as_deref(), Some("id_copy"), "{json:#}");
    assert_eq!(verdict(3).as_deref(), Some("possible_id_copy"), "{json:#}");
    assert_eq!(verdict(4).as_deref(), Some("id_copy"), "{json:#}");
    assert!(matches!(verdict(5).as_deref(), None | Some("clear")), "{json:#}");
    let p2 = pages.iter().find(|p| p["page"] == 2).expect("page 2");
    assert_eq!(p2["document_type"], "id_card");
    assert_eq!(p2["side"], "back");
    assert_eq!(p2["mrz"]["format"], "TD1");
    assert_eq!(p2["mrz"]["checks_passed"], true);
    assert_eq!(p2["mrz"]["lines_masked"][0].as_str().map(|s| &s[..5]), Some("IDD<<"));
    let p3 = pages.iter().find(|p| p["page"] == 3).expect("page 3");
    assert_eq!(p3["document_type"], "passport");
    assert!(p3["mrz"]["failed_checks"].as_array().is_some_and(|f| f.iter().any(|x| x == "composite")), "{p3:#}");
    let p4 = pages.iter().find(|p| p["page"] == 4).expect("page 4");
    assert_eq!(p4["document_type"], "residence_permit");
    // No personal data in the default report.
    let text = json.to_string();
    for secret in [
        transliterate(&id_person.surname),
        id_person.birth_date.yymmdd(),
        id_person.document_number(DocKind::IdCard2010),
        transliterate(&permit_person.surname),
    ] {
        assert!(!text.contains(&secret), "{secret} in report");
    }
    // Shown on request.
    let (_, shown, _) = scan_json(&[&path], &["--show-personal-data"]);
    let p2 = shown["files"][0]["pages"].as_array().and_then(|p| p.iter().find(|p| p["page"] == 2)).expect("page 2");
    let lines: Vec<&str> =
        p2["mrz"]["lines_masked"].as_array().expect("lines").iter().filter_map(|l| l.as_str()).collect();
    assert_eq!(lines, id.iter().map(String::as_str).collect::<Vec<_>>());
}
