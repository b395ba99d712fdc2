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
    print_peak_rss(dir.path());
    assert_eq!(contents(dir.path()), before, "an input file was changed");
}

/// Prints the folder run's peak RSS, measured by `/usr/bin/time` (a figure
/// for the log, not an assertion).
fn print_peak_rss(dir: &Path) {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        eprintln!("/usr/bin/time not found: peak RSS not measured");
        return;
    }
    let out = std::process::Command::new(time)
        .args(["-f", "peak RSS %M KiB, %e s"])
        .arg(env!("CARGO_BIN_EXE_ausweisscan"))
        .args(["scan", "--quiet", "--json", "/dev/null"])
        .arg(dir)
        .output()
        .expect("run /usr/bin/time");
    let err = String::from_utf8_lossy(&out.stderr);
    eprintln!("folder run: {}", err.lines().last().unwrap_or(""));
}

/// A file entry without its path, for comparing one file's result across runs.
fn without_path(f: &serde_json::Value) -> serde_json::Value {
    let mut f = f.clone();
    if let Some(o) = f.as_object_mut() {
        o.remove("path");
    }
    f
}

#[test]
fn batch_of_mixed_files_gives_each_good_file_its_own_findings() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Broken and hostile files beside the good ones (special files left out:
    // they are covered above).
    let broken = dir.path().join("broken");
    std::fs::create_dir(&broken).expect("mkdir");
    hostile_corpus::write(&broken);
    for e in std::fs::read_dir(&broken).expect("read").flatten() {
        if !e.file_type().is_ok_and(|t| t.is_file()) {
            std::fs::remove_file(e.path()).expect("remove special file");
        }
    }
    // Four copies of every committed encoding fixture, plus the sample file.
    let fixtures = crate::util::fixture("encodings");
    let good: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .expect("fixtures")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x != "tsv"))
        .chain([crate::util::fixture("sample-akte.pdf")])
        .collect();
    for copy in 0..4 {
        let d = dir.path().join(format!("copy{copy}"));
        std::fs::create_dir(&d).expect("mkdir");
        for g in &good {
            std::fs::copy(g, d.join(g.file_name().expect("name"))).expect("copy");
        }
    }
    let (_, batch, took) = run(&[dir.path().to_path_buf()]);
    let files = batch["files"].as_array().expect("files");
    eprintln!("batch: {} files, {:.1} s", files.len(), took.as_secs_f64());
    assert!(files.len() >= 200, "only {} files in the batch", files.len());
    for g in &good {
        let (_, alone, _) = run(std::slice::from_ref(g));
        let want = without_path(&alone["files"][0]);
        for copy in 0..4 {
            let p = dir.path().join(format!("copy{copy}")).join(g.file_name().expect("name"));
            let got = file_entry(&batch, &p).unwrap_or_else(|| panic!("{} missing from the batch", p.display()));
            assert_eq!(without_path(got), want, "{} differs in the batch from alone", p.display());
        }
    }
}

/// Ctrl-C during a run: exit code 2 and no report, or (when the run had
/// already finished) the whole report; never a half-written file, and no
/// temporary file left behind.
#[cfg(unix)]
#[test]
fn interrupt_leaves_no_half_written_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in");
    std::fs::create_dir(&input).expect("mkdir");
    for i in 0..6 {
        std::fs::copy(crate::util::fixture("sample-akte.pdf"), input.join(format!("a{i}.pdf"))).expect("copy");
    }
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    let mut child = bin()
        .args(["scan", "--quiet", "--json"])
        .arg(out.join("r.json"))
        .arg("--html")
        .arg(out.join("r.html"))
        .arg(&input)
        .spawn()
        .expect("start");
    std::thread::sleep(Duration::from_millis(700));
    let sent = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status();
    assert!(sent.is_ok_and(|s| s.success()), "kill -INT failed");
    let code = child.wait().expect("wait").code();
    let names: Vec<String> =
        std::fs::read_dir(&out).expect("out").flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.contains("partial")), "temporary file left: {names:?}");
    match code {
        Some(2) => assert!(names.is_empty(), "interrupted, yet reports were written: {names:?}"),
        Some(1) => {
            let json: serde_json::Value =
                serde_json::from_slice(&std::fs::read(out.join("r.json")).expect("json")).expect("whole JSON report");
            assert_valid(&json);
        }
        other => panic!("unexpected exit {other:?}"),
    }
}
