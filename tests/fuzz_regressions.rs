//! Inputs the fuzz targets (`fuzz/`) once crashed on, kept in
//! `tests/fuzz_regressions/`: each is scanned alone and must give a valid
//! report with a sane outcome, no internal error (a panic caught by the
//! pipeline) and no page called clear that could not be read.

use crate::util::*;

#[test]
fn every_fuzz_regression_scans_to_a_sane_report() {
    let dir = root().join("tests/fuzz_regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fuzz_regressions exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for path in &files {
        let (code, json, out) = scan_json(&[path], &[]);
        let name = path.display();
        assert!([0, 1, 2].contains(&code), "{name}: exit {code}\n{}", String::from_utf8_lossy(&out.stderr));
        let text = json.to_string();
        assert!(!text.contains("internal error"), "{name}: a panic inside ausweisscan: {json:#}");
        let file = &json["files"][0];
        assert_eq!(file["path"], path.display().to_string(), "{name}");
        for page in file["pages"].as_array().into_iter().flatten() {
            let unexamined = page["evidence"].as_array().into_iter().flatten().any(|e| e["kind"] == "unexamined");
            if unexamined {
                assert_ne!(page["verdict"], "clear", "{name}: a page that was not read is never clear: {page:#}");
            }
        }
        if code == 0 {
            assert_eq!(json["summary"]["errors"], 0, "{name}");
        }
    }
}
