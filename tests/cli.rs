//! CLI behaviour through the binary: usage, skipped files, exit codes.

use crate::util::*;

#[test]
fn usage_error_exits_2() {
    let out = bin().arg("scan").output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let out = bin().arg("frobnicate").output().expect("run");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn missing_path_is_an_error_entry_and_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("nope.pdf");
    let (code, json, _) = scan_json(&[&missing], &[]);
    assert_eq!(code, 2);
    assert_eq!(json["summary"]["errors"], 1);
    assert!(json["files"][0]["error"].as_str().is_some_and(|e| e.contains("cannot read")));
}

#[test]
fn unsupported_files_are_skipped_not_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("notes.txt"), "Bitte bringen Sie Ihren Personalausweis mit.").expect("write");
    std::fs::write(dir.path().join("empty.pdf"), "").expect("write");
    let (code, json, _) = scan_json(&[dir.path()], &[]);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["summary"]["skipped_files"], 2);
    assert_eq!(json["skipped"].as_array().map(Vec::len), Some(2));
    assert_eq!(json["summary"]["errors"], 0);
}
