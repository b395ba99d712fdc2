//! The hostile corpus (`hostile_corpus.rs`) scanned file by file and as one
//! folder: the expected exit code per file, every path accounted for in the
//! report, no damaged page reported clear, inputs unchanged. The process
//! must end on its own (a named pipe must not be opened): each run has a
//! deadline after which it is killed and the test fails.
//!
//! Run time and peak memory of the folder run are printed (measured by the
//! harness through `/usr/bin/time` when present), not asserted.

use crate::hostile_corpus::{self, Entry, Expect};
use crate::util::{assert_valid, bin};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(300);

/// Runs `ausweisscan scan --quiet --json - ARGS`, killing it at the deadline.
fn run(args: &[PathBuf]) -> (i32, serde_json::Value, Duration) {
    let mut cmd = bin();
    cmd.args(["scan", "--quiet", "--json", "-"]).args(args);
    cmd.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let start = Instant::now();
    let mut child = cmd.spawn().expect("start ausweisscan");
    let stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let mut stdout = stdout;
        std::io::Read::read_to_end(&mut stdout, &mut s).map(|_| s)
    });
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("ausweisscan did not finish within {DEADLINE:?} on {args:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let out = reader.join().expect("reader").expect("read stdout");
    let code = status.code().unwrap_or(-1);
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap_or_else(|e| {
        panic!("no JSON report for {args:?} (exit {code}, {e}): {}", String::from_utf8_lossy(&out))
    });
    assert_valid(&json);
    (code, json, start.elapsed())
}

fn contents(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("read corpus dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| (e.path(), std::fs::read(e.path()).expect("read corpus file")))
        .collect()
}

/// Verdicts by page of the file entry for `path`.
fn file_entry<'a>(json: &'a serde_json::Value, path: &Path) -> Option<&'a serde_json::Value> {
    let p = path.display().to_string();
    json["files"].as_array()?.iter().find(|f| f["path"].as_str() == Some(p.as_str()))
}

fn skipped(json: &serde_json::Value, path: &Path) -> bool {
    let p = path.display().to_string();
    json["skipped"].as_array().is_some_and(|s| s.iter().any(|f| f["path"].as_str() == Some(p.as_str())))
}

/// A page listed as bad must appear in the report and not be clear.
fn assert_pages_not_clear(e: &Entry, file: &serde_json::Value, what: &str) {
    let total = file["pages_total"].as_u64().unwrap_or(0);
    for &p in &e.bad_pages {
        if p > total {
            // The page is not in the file as read: the file must carry an error.
            assert!(file["error"].is_string(), "{}: page {p} lost without a file error ({what}): {file:#}", e.name);
            continue;
        }
        let page = file["pages"].as_array().and_then(|ps| ps.iter().find(|x| x["page"].as_u64() == Some(p)));
        let verdict = page.and_then(|x| x["verdict"].as_str()).unwrap_or("clear");
        assert_ne!(verdict, "clear", "{}: damaged page {p} reported clear ({what}): {file:#}", e.name);
    }
}

#[test]
fn hostile_corpus_file_by_file_and_as_one_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let list = hostile_corpus::write(dir.path());
    let before = contents(dir.path());

    let mut failures = Vec::new();
    for e in &list {
        let path = dir.path().join(&e.name);
        let (code, json, took) = run(std::slice::from_ref(&path));
        eprintln!("{:<28} exit {code} {:>6.2} s", e.name, took.as_secs_f64());
        let ok = match e.expect {
            Expect::Clean => code == 0,
            Expect::Incomplete => code == 2,
            Expect::CleanOrIncomplete => code == 0 || code == 2,
        };
        if !ok {
            failures.push(format!("{}: exit {code}, expected {:?}: {json:#}", e.name, e.expect));
            continue;
        }
        // Given by name, every path is a file entry (examined or an error).
        match file_entry(&json, &path) {
            Some(f) => assert_pages_not_clear(e, f, "alone"),
            None => failures.push(format!("{}: not in the report: {json:#}", e.name)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));

    let (code, json, took) = run(&[dir.path().to_path_buf()]);
    eprintln!("folder of {} entries: exit {code}, {:.1} s", list.len(), took.as_secs_f64());
    assert_eq!(code, 2, "{json:#}");
    for e in &list {
        let path = dir.path().join(&e.name);
        if e.skipped_in_folder {
            assert!(skipped(&json, &path), "{} not listed as skipped in the folder run", e.name);
        } else {
            let f = file_entry(&json, &path).unwrap_or_else(|| panic!("{} missing from the folder run", e.name));
            assert_pages_not_clear(e, f, "in the folder");
        }
    }
    assert_eq!(contents(dir.path()), before, "an input file was changed");
}
