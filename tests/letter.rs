//! `ausweisscan letter`: golden drafts from a saved JSON report, privacy, and
//! the cases with nothing to ask for.

use crate::report_sample::{self, SECRETS, golden_path};
use crate::util::{assert_valid, bin};
use ausweisscan::Report;
use std::process::Output;

const FILLED: [&str; 10] = [
    "--name",
    "Erika Beispiel",
    "--address",
    "Musterweg 12, 63065 Offenbach am Main",
    "--customer-number",
    "123A456789",
    "--jobcenter",
    "Jobcenter Beispielstadt, Postfach 10 20 30, 63000 Beispielstadt",
    "--date",
    "Offenbach, 28.11.2026",
];

fn letter(args: &[&str]) -> Output {
    bin().arg("letter").args(args).output().expect("run ausweisscan letter")
}

fn sample_json() -> String {
    golden_path("sample-report.json").display().to_string()
}

/// The JSON fixture is the Rust sample (without thumbnails) and fits the schema.
#[test]
fn sample_report_fixture_matches_the_model_and_the_schema() {
    let json = report_sample::report(false, false).to_json();
    report_sample::golden("sample-report.json", &json);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_valid(&value);
    // Read back, the report says the same (German details are not in the JSON).
    let back: Report = serde_json::from_str(&json).unwrap();
    assert_eq!(back.to_json(), json);
}

#[test]
fn golden_letters() {
    let json = sample_json();
    let out = letter(&[&json]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    report_sample::golden("letter.placeholders.txt", &String::from_utf8(out.stdout).unwrap());

    let mut args = vec![json.as_str()];
    args.extend(FILLED);
    let out = letter(&args);
    report_sample::golden("letter.filled.txt", &String::from_utf8(out.stdout).unwrap());

    args.extend(["--format", "html"]);
    let out = letter(&args);
    let h = String::from_utf8(out.stdout).unwrap();
    assert!(!h.contains("http://") && !h.contains("https://") && !h.contains("<script"));
    report_sample::golden("letter.filled.html", &h);
}

#[test]
fn letter_lists_every_flagged_page_and_the_required_parts() {
    let out = letter(&[&sample_json()]);
    // Compare with line breaks folded, as the text is wrapped at 76 columns.
    let t = String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "akte_teil1.pdf, Seite 3: Personalausweis (Rückseite)",
        "akte_teil1.pdf, Seite 4: Personalausweis (Vorderseite)",
        "akte_teil1.pdf, Seite 57: Reisepass (Datenseite)",
        "akte_teil2.pdf, Seite 214: Personalausweis (Rückseite)",
        "[Vor- und Nachname]",
        "[BG-Nummer / Kundennummer]",
        "[Ort], [Datum]",
        "Art. 17 Abs. 1",
        "§ 84 Abs. 1 Satz 3 SGB X",
        "§ 20 Abs. 2",
        "L 26 AS 2621/17",
        "Art. 19 DSGVO",
        "Art. 77 DSGVO",
        "schriftlich zu bestätigen",
        "elektronischen Akte",
        "keine Rechtsberatung",
    ] {
        assert!(t.contains(want), "missing {want:?} in\n{t}");
    }
    // The other card (page 88) and the unexamined page (101) are not deletion requests.
    assert!(!t.contains("Seite 88:") && !t.contains("Seite 101:"));
    // Folders are dropped from file names.
    assert!(!t.contains("akte/akte_teil1.pdf"));
}

#[test]
fn letter_never_contains_mrz_or_id_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = report_sample::report(false, true);
    r.files[0].pages[0].evidence[0].detail = "document number T22000129 read".into();
    let path = dir.path().join("bericht.json");
    std::fs::write(&path, r.to_json()).unwrap();
    for format in ["text", "html"] {
        let out = letter(&[path.to_str().unwrap(), "--format", format]);
        let t = String::from_utf8(out.stdout).unwrap();
        assert!(t.contains("Seite 214"));
        for s in SECRETS {
            assert!(!t.contains(s), "{s} in the {format} letter");
        }
    }
}

#[test]
fn output_option_writes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("antrag.txt");
    let out = letter(&[&sample_json(), "--output", out_path.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Draft deletion request written"), "{stderr}");
    assert!(stderr.contains("the letter is written in German"), "{stderr}");
    let text = std::fs::read_to_string(out_path).unwrap();
    assert!(text.contains("Sehr geehrte Damen und Herren,"));
}

#[test]
fn nothing_found_writes_no_letter() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sauber.json");
    std::fs::write(&path, report_sample::clean_report().to_json()).unwrap();
    let out = letter(&[path.to_str().unwrap()]);
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("keine (mögliche) Ausweiskopie"), "{stderr}");
    assert!(stderr.contains("1 Datei(en) oder Seite(n) konnten nicht geprüft werden"), "{stderr}");
    assert_eq!(out.status.code(), Some(2), "an incomplete clean report is exit 2, like scan");
}

#[test]
fn unreadable_report_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kaputt.json");
    std::fs::write(&path, "{\"schema_version\": 1,").unwrap();
    let out = letter(&[path.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read the report"));
}

#[test]
fn letter_from_paths_scans_first() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("brief.png");
    report_sample::page_plain().image.save(&png).unwrap();
    let out = letter(&[png.to_str().unwrap(), "--lang", "en"]);
    assert!(out.stdout.is_empty());
    // Nothing to ask for: the exit code is the scan's (0 clean, 2 incomplete).
    let scan = bin().args(["scan", "--quiet"]).arg(&png).output().unwrap();
    assert_eq!(out.status.code(), scan.status.code());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no letter was written"));
}
