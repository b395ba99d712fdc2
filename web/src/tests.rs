//! The bindings' Rust side, natively, on the core's fixtures.

use super::*;
use ausweisscan::NoProgress;
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures").join(rel)
}

fn scan_fixture(rel: &str, password: Option<&str>) -> Scanned {
    let bytes = std::fs::read(fixture(rel)).expect("fixture");
    let name = rel.rsplit('/').next().unwrap_or(rel).to_string();
    scan(&ScanRequest { name, password: password.map(Into::into), share: None }, bytes, &NoProgress)
}

/// The file scanned in `parts` shares, as the page's workers do, and joined.
fn scan_shares(rel: &str, parts: usize) -> Option<Scanned> {
    let bytes = std::fs::read(fixture(rel)).expect("fixture");
    let name = rel.rsplit('/').next().unwrap_or(rel).to_string();
    let shares: Vec<Scanned> = (0..parts)
        .map(|part| {
            let req = ScanRequest { name: name.clone(), password: None, share: Some([part, parts]) };
            scan(&req, bytes.clone(), &NoProgress)
        })
        .collect();
    join(&shares).expect("reports parse")
}

#[test]
fn shares_scanned_by_several_workers_join_into_the_whole_scan() {
    let whole = scan_fixture("sample-akte.pdf", None);
    let joined = scan_shares("sample-akte.pdf", 2).expect("a clean file's shares join");
    assert_eq!(joined, whole);
    assert_eq!(joined.flagged, vec![6, 10, 14]);
    // A damaged file is scanned again whole.
    assert!(scan_shares("encodings/garbage.pdf", 2).is_none());
}

/// The CLI's JSON for a file, as the library writes it, with the path
/// replaced by the bare name.
fn cli_json(rel: &str) -> String {
    let path = fixture(rel);
    let mut r = ausweisscan::scan(&[path], &ScanConfig::default(), &NoProgress);
    for f in &mut r.files {
        f.path = rel.rsplit('/').next().unwrap_or(rel).to_string();
    }
    r.to_json()
}

#[test]
fn sample_file_names_its_id_pages_and_gives_the_cli_json() {
    let s = scan_fixture("sample-akte.pdf", None);
    assert_eq!(s.flagged, vec![6, 10, 14]);
    assert_eq!((s.status.as_str(), s.problem, s.pages_total), ("found", None, 22));
    assert_eq!(s.report, cli_json("sample-akte.pdf"));
    assert!(s.thumbnails.len() >= 3, "a thumbnail per flagged page");
    // Rendering the one file gives back the same JSON, and the HTML report
    // names the pages in the chosen language.
    let files = vec![s];
    let r = render(&RenderRequest { files: files.clone(), lang: "de".into() }).expect("render");
    assert_eq!(r.json, files[0].report);
    for page in [6, 10, 14] {
        assert!(r.html.contains(&format!("Seite {page} von ")), "page {page} in the German report");
    }
    assert!(r.html.contains("src=\"data:image/png;base64,"), "thumbnails are put back");
    let en = render(&RenderRequest { files, lang: "en".into() }).expect("render");
    assert!(en.html.contains("<html lang=\"en\">"));
}

#[test]
fn encrypted_pdf_asks_for_its_password_and_opens_with_it() {
    let s = scan_fixture("encodings/encrypted_aes256_userpw.pdf", None);
    assert_eq!((s.problem, s.status.as_str()), (Some(Problem::PasswordRequired), "incomplete"));
    let s = scan_fixture("encodings/encrypted_aes256_userpw.pdf", Some("falsch"));
    assert_eq!(s.problem, Some(Problem::WrongPassword));
    let s = scan_fixture("encodings/encrypted_aes256_userpw.pdf", Some("geheim"));
    assert_eq!((s.problem, s.pages_total), (None, 1));
}

#[test]
fn damaged_and_unsupported_files_are_named_as_such() {
    assert_eq!(scan_fixture("encodings/garbage.pdf", None).problem, Some(Problem::Damaged));
    assert_eq!(scan_fixture("encodings/jpeg_truncated.jpg", None).problem, Some(Problem::Damaged));
    let readme = scan_fixture("README.md", None);
    assert_eq!((readme.problem, readme.status.as_str()), (Some(Problem::Unsupported), "incomplete"));
    let empty = scan(&ScanRequest { name: "leer.pdf".into(), password: None, share: None }, Vec::new(), &NoProgress);
    assert_eq!(empty.problem, Some(Problem::Unsupported));
    assert_eq!(scan_fixture("encodings/png_1bit_100dpi.png", None).problem, None);
}

#[test]
fn tiff_files_give_the_report_of_the_command_line() {
    let tiffs: Vec<_> = std::fs::read_dir(fixture("encodings"))
        .expect("encodings")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tif" || x == "tiff"))
        .collect();
    assert!(!tiffs.is_empty(), "TIFF fixtures");
    for path in tiffs {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let web = scan(
            &ScanRequest { name: name.clone(), password: None, share: None },
            std::fs::read(&path).unwrap(),
            &NoProgress,
        );
        let joined = merge(std::slice::from_ref(&web)).expect("merge");
        let mut cli = ausweisscan::scan(std::slice::from_ref(&path), &ScanConfig::default(), &NoProgress);
        for f in &mut cli.files {
            f.path = name.clone();
        }
        assert_eq!(joined.to_json(), cli.to_json(), "{name}");
    }
}

#[test]
fn several_files_join_like_one_cli_run() {
    let files = vec![scan_fixture("sample-akte.pdf", None), scan_fixture("encodings/multi_page_3_mixed.pdf", None)];
    let joined = merge(&files).expect("merge");
    let mut cli = ausweisscan::scan(
        &[fixture("sample-akte.pdf"), fixture("encodings/multi_page_3_mixed.pdf")],
        &ScanConfig::default(),
        &NoProgress,
    );
    for f in &mut cli.files {
        f.path = f.path.rsplit('/').next().unwrap_or_default().to_string();
    }
    assert_eq!(joined.to_json(), cli.to_json());
    assert!(matches!(merge(&[]), Err(e) if e.contains("no file")));
}

#[test]
fn letter_lists_the_pages_with_the_form_fields() {
    let files = vec![scan_fixture("sample-akte.pdf", None)];
    let fields = Fields { name: "Erika Beispiel".into(), customer_number: " 123A456789 ".into(), ..Fields::default() };
    let text = letter(&LetterRequest { files: files.clone(), fields, format: "text".into() })
        .expect("letter")
        .expect("pages to delete");
    assert!(text.contains("Erika Beispiel") && text.contains("123A456789"), "{text}");
    assert!(text.contains("[Straße und Hausnummer]") && text.contains("[Jobcenter]"), "empty fields stay placeholders");
    assert!(!text.contains("[Vor- und Nachname]") && !text.contains("[BG-Nummer"), "given fields fill theirs");
    for page in ["Seite 6", "Seite 10", "Seite 14"] {
        assert!(text.contains(page), "{page} in the letter");
    }
    let html = letter(&LetterRequest { files, fields: Fields::default(), format: "html".into() })
        .expect("letter")
        .expect("pages to delete");
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("[Vor- und Nachname]"), "{html:.80}");
    let clean = vec![scan_fixture("encodings/png_1bit_100dpi.png", None)];
    assert_eq!(letter(&LetterRequest { files: clean, fields: Fields::default(), format: "text".into() }), Ok(None));
}

#[test]
fn scanned_result_survives_the_trip_through_json() {
    let s = scan_fixture("sample-akte.pdf", None);
    let back: Scanned = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
    assert_eq!(back, s);
}
