//! The report is the same bytes whatever the thread count, and whichever way
//! a file is reached (directly or inside a folder).

use crate::util::*;

fn json_bytes(args: &[&std::path::Path], jobs: &str) -> (i32, Vec<u8>) {
    let out =
        bin().args(["scan", "--quiet", "--json", "-", "--jobs", jobs]).args(args).output().expect("run ausweisscan");
    (out.status.code().unwrap_or(-1), out.stdout)
}

#[test]
fn report_is_identical_for_one_and_four_threads() {
    let dir = fixture("encodings");
    let (c1, a) = json_bytes(&[&dir], "1");
    let (c4, b) = json_bytes(&[&dir], "4");
    assert_eq!(c1, c4);
    assert!(!a.is_empty());
    assert!(a == b, "reports differ between --jobs 1 and --jobs 4");
    let report: serde_json::Value = serde_json::from_slice(&a).expect("JSON");
    assert_valid(&report);
    assert!(report["summary"]["files"].as_u64().unwrap_or(0) > 10, "the fixture folder was read");
}

#[test]
fn a_file_gives_the_same_entry_alone_as_inside_its_folder() {
    let dir = fixture("encodings");
    let file = dir.join("page_rotate90.pdf");
    let (_, alone, _) = scan_json(&[&file], &[]);
    let (_, all, _) = scan_json(&[&dir], &[]);
    let entry = all["files"]
        .as_array()
        .and_then(|fs| fs.iter().find(|f| f["path"].as_str().is_some_and(|p| p.ends_with("page_rotate90.pdf"))))
        .expect("file listed in folder scan");
    assert_eq!(&alone["files"][0]["pages"], &entry["pages"]);
    assert_eq!(&alone["files"][0]["pages_total"], &entry["pages_total"]);
}
