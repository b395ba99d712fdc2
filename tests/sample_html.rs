//! End to end: the committed sample Akte scanned with `--html` gives a report
//! that a real browser loads, with every flagged page shown as a redacted
//! thumbnail and its evidence, and no MRZ content in clear.

use crate::html::{assert_self_contained, chromium, run_chromium};
use crate::util::*;

/// Words of the MRZs on the sample's ID pages, read with personal data shown.
fn personal_words() -> Vec<String> {
    let (_, json, _) = scan_json(&[&fixture("sample-akte.pdf")], &["--show-personal-data"]);
    let mut words = Vec::new();
    for page in json["files"][0]["pages"].as_array().into_iter().flatten() {
        for line in page["mrz"]["lines_masked"].as_array().into_iter().flatten() {
            for w in line.as_str().unwrap_or("").split('<').filter(|w| w.len() >= 5) {
                // The first five characters carry document code and issuing state.
                words.push(w.to_string());
            }
        }
    }
    words.retain(|w| !w.starts_with("ID") && !w.starts_with("P") && !w.starts_with("AR"));
    words
}

#[test]
fn sample_report_shows_every_find_redacted_in_a_browser() {
    let dir = tempfile::tempdir().expect("tempdir");
    let html = dir.path().join("report.html");
    let out = bin()
        .args(["scan", "--quiet", "--html"])
        .arg(&html)
        .arg(fixture("sample-akte.pdf"))
        .output()
        .expect("run ausweisscan");
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let h = std::fs::read_to_string(&html).expect("report written");
    assert_self_contained(&h);
    let words = personal_words();
    assert!(words.len() >= 3, "the sample's MRZs were read with personal data shown: {words:?}");
    for w in &words {
        assert!(!h.contains(w.as_str()), "personal data {w} in the default report");
    }
    let thumbnails = h.matches("src=\"data:image/png;base64,").count();
    assert!(thumbnails >= 3, "a thumbnail per flagged page, found {thumbnails}");
    for page in [6, 10, 14] {
        assert!(h.contains(&format!("Seite {page} von ")), "page {page} is named in the report");
    }
    // Evidence details are German in the German report, English in the JSON.
    assert!(h.contains("alle Prüfziffern stimmen"), "German MRZ evidence detail in the report");
    assert!(!h.contains("all check digits right"), "no English evidence detail in the German report");
    let (_, json, _) = scan_json(&[&fixture("sample-akte.pdf")], &[]);
    assert!(json.to_string().contains("all check digits right"), "the JSON keeps the English detail");

    let Some(exe) = chromium() else {
        return missing_prerequisite(
            "browser part of sample_report_shows_every_find_redacted_in_a_browser",
            "no chromium in PATH",
        );
    };
    let url = format!("file://{}", html.display());
    let dom = run_chromium(&exe, &dir.path().join("profile"), &["--dump-dom".into()], &url);
    for page in [6, 10, 14] {
        assert!(dom.contains(&format!("Seite {page} von ")), "page {page} rendered: {dom:.300}");
    }
    let shot = dir.path().join("shot.png");
    run_chromium(
        &exe,
        &dir.path().join("profile2"),
        &[format!("--screenshot={}", shot.display()), "--window-size=1200,1800".into()],
        &url,
    );
    assert!(image::open(&shot).is_ok(), "screenshot taken");
    crate::util::keep_screenshot(&std::fs::read(&shot).expect("read screenshot"), "docs/sample-report.png");
}
