//! PDF inputs through the binary: page counts, good files without errors,
//! encrypted, truncated and garbage files as clear errors.

use crate::util::*;
use std::path::{Path, PathBuf};

use ausweisscan_synth::encode::Encoding as Enc;
use ausweisscan_synth::pattern::{marked, noisy};
use ausweisscan_synth::pdf::{self as fixture, How, PageSpec, TextRun};

const FULL: [f32; 6] = [595.0, 0.0, 0.0, 842.0, 0.0, 0.0];

fn scan_page(seed: u32, enc: Enc) -> PageSpec {
    PageSpec::a4().with(noisy(310, 438, seed), enc, How::XObject(FULL))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write fixture");
    p
}

fn file_error(json: &serde_json::Value) -> Option<String> {
    json["files"][0]["error"].as_str().map(str::to_string)
}

#[test]
fn good_pdfs_are_read_without_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut letter = PageSpec::a4();
    letter.text.push(TextRun::line("Sehr geehrte Frau Mustermann", true));
    let mut rotated = scan_page(3, Enc::DctGray);
    rotated.rotate = 90;
    let pages = vec![
        scan_page(1, Enc::DctGray),
        scan_page(2, Enc::FlatePng),
        rotated,
        letter,
        PageSpec::a4().with(marked(200, 120, 10, 10, 5), Enc::Flate, How::Inline([200.0, 0.0, 0.0, 120.0, 50.0, 60.0])),
    ];
    let path = write(dir.path(), "akte.pdf", &fixture::build(&pages));
    let (code, json, out) = scan_json(&[&path], &[]);
    assert_eq!(file_error(&json), None, "{json:#}");
    assert_eq!(json["files"][0]["pages_total"], 5);
    assert_eq!(json["summary"]["errors"], 0, "{json:#}\n{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(code, 0);
}

#[test]
fn zero_page_pdf_reports_no_pages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "leer.pdf", &fixture::build(&[]));
    let (_, json, _) = scan_json(&[&path], &[]);
    assert_eq!(json["files"][0]["pages_total"], 0);
    assert!(file_error(&json).is_some_and(|e| e.contains("no pages")), "{json:#}");
}

#[test]
fn garbage_and_truncated_pdfs_are_clear_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut garbage = b"%PDF-1.4\n".to_vec();
    garbage.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    let g = write(dir.path(), "pdf_garbage.pdf", &garbage);
    let (code, json, _) = scan_json(&[&g], &[]);
    assert_eq!(code, 2);
    assert!(file_error(&json).is_some_and(|e| e.contains("damaged")), "{json:#}");

    let full = fixture::build(&[scan_page(1, Enc::DctGray), scan_page(2, Enc::DctGray)]);
    let t = write(dir.path(), "pdf_truncated_half.pdf", &full[..full.len() / 2]);
    let (_, json, _) = scan_json(&[&t], &[]);
    let f = &json["files"][0];
    // Either refused as damaged, or partly recovered with a note saying so.
    let err = f["error"].as_str().unwrap_or("");
    assert!(!err.is_empty(), "a truncated file must not pass silently: {json:#}");
}

fn encrypted(name: &str) -> PathBuf {
    fixture_path(name)
}

fn fixture_path(name: &str) -> PathBuf {
    root().join("fixtures/pdf").join(name)
}

#[test]
fn encrypted_pdfs_open_with_the_empty_or_the_given_password() {
    for name in ["pdf_encrypted_rc4_128_empty_pw.pdf", "pdf_encrypted_aes256_empty_pw.pdf"] {
        let (code, json, _) = scan_json(&[&encrypted(name)], &[]);
        assert_eq!(file_error(&json), None, "{name}: {json:#}");
        assert_eq!(json["files"][0]["pages_total"], 2, "{name}");
        assert_eq!(code, 0, "{name}");
    }
    let locked = encrypted("pdf_encrypted_aes256_user_pw_geheim.pdf");
    let (code, json, _) = scan_json(&[&locked], &[]);
    assert_eq!(code, 2);
    assert!(file_error(&json).is_some_and(|e| e.contains("password-protected")), "{json:#}");
    let (code, json, _) = scan_json(&[&locked], &["--password", "falsch"]);
    assert_eq!(code, 2);
    assert!(file_error(&json).is_some_and(|e| e.contains("does not open")), "{json:#}");
    let (code, json, _) = scan_json(&[&locked], &["--password", "geheim"]);
    assert_eq!(file_error(&json), None, "{json:#}");
    assert_eq!(json["files"][0]["pages_total"], 2);
    assert_eq!(code, 0);
}
