//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The built binary.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ausweisscan"))
}

/// Repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether the tests run in CI: the environment variable `CI` is set (and
/// not `false`), as `.ci/run` and CI services do.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false")
}

/// A test's prerequisite (a browser, a built web edition, a shared file) is
/// missing. In CI that fails the test: CI must run every test, and a test
/// that skips there checks nothing. Elsewhere the test is skipped with a note.
pub fn missing_prerequisite(test: &str, what: &str) {
    assert!(!in_ci(), "{test}: {what}; CI must run this test (.ci/run installs and builds what it needs)");
    eprintln!("SKIPPED {test}: {what}");
}

/// Whether this run refreshes every golden file, committed fixture and
/// README screenshot instead of comparing with them (`BLESS=1`).
pub fn bless() -> bool {
    std::env::var_os("BLESS").is_some_and(|v| v == "1")
}

/// Compares `actual` with the committed file at `path`, or writes it there
/// under `BLESS=1`. `what` says how the file is made, for the failure.
pub fn committed(path: &Path, actual: &[u8], what: &str) {
    if bless() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("create {}: {e}", dir.display()));
        }
        std::fs::write(path, actual).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        return;
    }
    let expected =
        std::fs::read(path).unwrap_or_else(|e| panic!("{} missing ({e}); {what}; BLESS=1 writes it", path.display()));
    if expected == actual {
        return;
    }
    let (want, got) = (String::from_utf8_lossy(&expected), String::from_utf8_lossy(actual));
    match want.lines().zip(got.lines()).enumerate().find(|(_, (a, b))| a != b) {
        Some((n, (a, b))) if std::str::from_utf8(&expected).is_ok() => panic!(
            "{} differs from the output at line {}:\n  committed: {a}\n  actual:    {b}\n({what}; BLESS=1 rewrites it)",
            path.display(),
            n + 1
        ),
        _ => panic!(
            "{} differs from the output ({} vs {} bytes; {what}; BLESS=1 rewrites it)",
            path.display(),
            expected.len(),
            actual.len()
        ),
    }
}

/// Keeps a screenshot for the README under `BLESS=1`.
pub fn keep_screenshot(png: &[u8], rel: &str) {
    if bless() {
        let path = fixture(rel);
        std::fs::write(&path, png).unwrap_or_else(|e| panic!("keep {}: {e}", path.display()));
    }
}

/// A committed fixture.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("fixtures").join(rel)
}

/// Runs `ausweisscan scan ARGS --json -` and returns (exit code, report).
pub fn scan_json(args: &[&Path], extra: &[&str]) -> (i32, serde_json::Value, Output) {
    let mut cmd = bin();
    cmd.arg("scan").arg("--quiet").arg("--json").arg("-");
    cmd.args(extra);
    cmd.args(args);
    let out = cmd.output().expect("run ausweisscan");
    let code = out.status.code().unwrap_or(-1);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    assert_valid(&json);
    (code, json, out)
}

/// Panics unless `report` satisfies the report contract.
pub fn assert_valid(report: &serde_json::Value) {
    let schema: serde_json::Value = serde_json::from_str(include_str!("report-schema.json")).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> =
        validator.iter_errors(report).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "report violates the schema:\n{}\n{report:#}", errors.join("\n"));
}

/// Pages of a file entry as (page, verdict) pairs.
pub fn verdicts(file: &serde_json::Value) -> Vec<(u64, String)> {
    file["pages"]
        .as_array()
        .map(|ps| {
            ps.iter()
                .map(|p| (p["page"].as_u64().unwrap_or(0), p["verdict"].as_str().unwrap_or("").to_string()))
                .collect()
        })
        .unwrap_or_default()
}
