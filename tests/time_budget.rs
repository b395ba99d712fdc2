//! The per-page time budget: a page that runs out of time is reported as
//! not examined, with the reason, and the run goes on.

use crate::util::*;

#[test]
fn zero_budget_leaves_every_page_unexamined_and_exits_2() {
    let sample = fixture("sample-akte.pdf");
    let (code, json, _) = scan_json(&[&sample], &["--page-seconds", "0"]);
    assert_eq!(code, 2, "nothing found, pages unexamined: {json:#}");
    let file = &json["files"][0];
    let total = file["pages_total"].as_u64().expect("pages_total");
    assert_eq!(total, 22);
    let pages = verdicts(file);
    assert_eq!(pages.len() as u64, total, "every page is listed: {pages:?}");
    assert!(pages.iter().all(|(_, v)| v == "unexamined"), "{pages:?}");
    assert_eq!(json["summary"]["flagged_pages"], 0);
    assert_eq!(json["summary"]["errors"], total);
    for page in file["pages"].as_array().expect("pages") {
        let reasons: Vec<&str> = page["evidence"]
            .as_array()
            .expect("evidence")
            .iter()
            .filter(|e| e["kind"] == "unexamined")
            .filter_map(|e| e["detail"].as_str())
            .collect();
        assert_eq!(
            reasons,
            ["the page took longer than its time budget of 0 s and was given up after loading it"],
            "{page:#}"
        );
    }
}

#[test]
fn the_html_report_names_the_budget_in_german() {
    let dir = tempfile::tempdir().expect("tempdir");
    let html = dir.path().join("bericht.html");
    let out = bin()
        .args(["scan", "--quiet", "--page-seconds", "0", "--lang", "de", "--html"])
        .arg(&html)
        .arg(fixture("sample-akte.pdf"))
        .output()
        .expect("run ausweisscan");
    assert_eq!(out.status.code(), Some(2));
    let text = std::fs::read_to_string(&html).expect("report written");
    assert!(
        text.contains("die Seite brauchte länger als ihr Zeitbudget von 0 s und wurde nach dem Laden abgebrochen"),
        "{text}"
    );
}

#[test]
fn a_generous_budget_changes_nothing() {
    let sample = fixture("sample-akte.pdf");
    let (code, json, _) = scan_json(&[&sample], &["--page-seconds", "600"]);
    let (default_code, default_json, _) = scan_json(&[&sample], &[]);
    assert_eq!((code, default_code), (1, 1));
    assert_eq!(json, default_json);
}

#[test]
fn a_budget_must_be_a_number_of_seconds() {
    for bad in ["-1", "soon", "NaN", "inf"] {
        let out = bin().arg("scan").arg(format!("--page-seconds={bad}")).arg(fixture("sample-akte.pdf")).output();
        let out = out.expect("run");
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("not a number of seconds"), "{bad}");
    }
}
