//! The report model (contract: `report-schema.json`, schema_version 1) and
//! its writers: JSON here, HTML in [`html`], the deletion letter in [`letter`].

pub mod html;
pub mod letter;
pub mod summary;
pub mod thumbnail;

use crate::evidence::{Detail, DocumentType, Evidence, Side, Verdict};
use crate::exit::ExitStatus;
use crate::mrz::{MrzFormat, MrzReading};
use serde::{Deserialize, Serialize};

/// Version of the JSON contract.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole result of a scan. Sorted and free of timings, so it is the same
/// bytes whatever the thread count.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Name and version of the tool.
    pub tool: Tool,
    /// Counts over all files.
    pub summary: Summary,
    /// One entry per examined input file, in discovery order.
    pub files: Vec<FileReport>,
    /// Files passed over because they are of no supported kind.
    #[serde(default)]
    pub skipped: Vec<SkippedFile>,
    /// True when `--show-personal-data` lifted the masking.
    #[serde(default)]
    pub personal_data_shown: bool,
}

/// Tool identification.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tool {
    /// Always `ausweisscan`.
    pub name: String,
    /// Crate version.
    pub version: String,
}

impl Default for Tool {
    fn default() -> Self {
        Tool { name: "ausweisscan".into(), version: env!("CARGO_PKG_VERSION").into() }
    }
}

/// Counts over all files.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Input files examined (skipped files not counted).
    pub files: u64,
    /// Pages examined in all files (unexamined pages not counted).
    pub pages: u64,
    /// Pages whose verdict is id_copy or possible_id_copy.
    pub flagged_pages: u64,
    /// Files, or pages, that could not be examined.
    pub errors: u64,
    /// Pages in all files, examined or not.
    #[serde(default)]
    pub pages_total: u64,
    /// Pages judged `other_card`.
    #[serde(default)]
    pub other_card_pages: u64,
    /// Files passed over as of no supported kind.
    #[serde(default)]
    pub skipped_files: u64,
}

impl Summary {
    /// The summary of a report over `files` and `skipped` passed-over files.
    pub fn of(files: &[FileReport], skipped: u64) -> Summary {
        let mut s = Summary { skipped_files: skipped, ..Summary::default() };
        for f in files {
            if f.error.is_some() {
                s.errors += 1;
            }
            if f.pages_total > 0 || f.error.is_none() {
                s.files += 1;
            }
            s.pages_total += f.pages_total;
            let unexamined = f.pages.iter().filter(|p| p.verdict == Verdict::Unexamined).count() as u64;
            s.errors += unexamined;
            s.pages += f.pages_total - unexamined.min(f.pages_total);
            s.flagged_pages += f.pages.iter().filter(|p| p.verdict.is_flagged()).count() as u64;
            s.other_card_pages += f.pages.iter().filter(|p| p.verdict == Verdict::OtherCard).count() as u64;
        }
        s
    }
}

/// One input file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileReport {
    /// Path as found from the user's argument.
    pub path: String,
    /// `pdf`, `jpeg`, `png`, `tiff`, or `unknown` for unreadable paths.
    #[serde(default)]
    pub kind: String,
    /// Pages in the file (0 when it could not be opened).
    pub pages_total: u64,
    /// Why the file, or part of it, could not be examined (English in the
    /// JSON).
    pub error: Option<Detail>,
    /// Pages with any finding, sorted by page number.
    pub pages: Vec<PageReport>,
}

/// One page with a finding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PageReport {
    /// 1-based page (frame) number.
    pub page: u64,
    /// Verdict.
    pub verdict: Verdict,
    /// Confidence 0..1.
    pub confidence: f64,
    /// Document type.
    pub document_type: DocumentType,
    /// Side.
    pub side: Side,
    /// All evidence, with regions.
    pub evidence: Vec<Evidence>,
    /// The best MRZ read on the page, masked unless personal data is shown.
    pub mrz: Option<MrzReport>,
    /// Redacted thumbnail for the HTML report; never in the JSON.
    #[serde(skip)]
    pub thumbnail: Option<Thumbnail>,
}

/// An MRZ as reported.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MrzReport {
    /// Layout.
    pub format: MrzFormat,
    /// Document code.
    pub document_code: String,
    /// Issuing state.
    pub issuing_state: String,
    /// Every check digit is right.
    pub checks_passed: bool,
    /// Lines, masked unless `--show-personal-data`.
    pub lines_masked: Vec<String>,
    /// Fields whose check digit failed.
    #[serde(default)]
    pub failed_checks: Vec<String>,
}

impl FileReport {
    /// A file report with no pages and no error yet.
    pub fn new(path: impl Into<String>, kind: &str) -> Self {
        FileReport { path: path.into(), kind: kind.into(), pages_total: 0, error: None, pages: Vec::new() }
    }

    /// Records why the file (or part of it) could not be examined.
    pub fn set_error(&mut self, d: Detail) {
        self.error = Some(d);
    }
}

impl MrzReport {
    /// Builds the reported form of a reading.
    pub fn new(m: &MrzReading, show_personal_data: bool) -> Self {
        MrzReport {
            format: m.format,
            document_code: m.document_code.clone(),
            issuing_state: m.issuing_state.clone(),
            checks_passed: m.checks_passed,
            lines_masked: if show_personal_data { m.lines.clone() } else { m.masked_lines() },
            failed_checks: m.failed_checks.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// A small PNG of a flagged page, with sensitive regions blocked out.
#[derive(Clone, Debug, PartialEq)]
pub struct Thumbnail {
    /// PNG bytes.
    pub png: Vec<u8>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// A file passed over.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SkippedFile {
    /// Path as found.
    pub path: String,
    /// Why.
    pub reason: String,
}

impl Report {
    /// Joins the reports of the shares of one file's scan
    /// ([`crate::Share`]) into the report one scan of the whole file gives.
    /// `None` unless every part is a report on the same single file without
    /// a file-level error: a damaged file names its lost pages per share, so
    /// such a file is scanned again whole instead.
    pub fn join_shares(parts: Vec<Report>) -> Option<Report> {
        let mut parts = parts.into_iter();
        let mut whole = parts.next()?;
        let clean = |r: &Report| r.files.len() == 1 && r.skipped.is_empty() && r.files[0].error.is_none();
        if !clean(&whole) {
            return None;
        }
        for mut p in parts {
            let (a, b) = (&whole.files[0], &p.files[0]);
            if !clean(&p) || a.path != b.path || a.pages_total != b.pages_total {
                return None;
            }
            let mut pages = std::mem::take(&mut p.files[0].pages);
            whole.files[0].pages.append(&mut pages);
        }
        whole.files[0].pages.sort_by_key(|p| p.page);
        whole.summary = Summary::of(&whole.files, 0);
        Some(whole)
    }

    /// The exit status this report calls for.
    pub fn exit_status(&self) -> ExitStatus {
        let mut s = ExitStatus::Clean;
        if self.summary.errors > 0 {
            s = s.merge(ExitStatus::Incomplete);
        }
        if self.summary.flagged_pages > 0 {
            s = s.merge(ExitStatus::Found);
        }
        s
    }

    /// Pretty JSON, newline-terminated.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        s.push('\n');
        s
    }
}

/// Temporary files being written by [`write_atomic`], so that an interrupt
/// handler can remove them (see [`remove_partial_writes`]).
static PARTIAL: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Writes `data` to `path` so that `path` is either its old self or the
/// whole new content, never a half-written file: the data goes to a
/// temporary file in the same folder, is flushed to disk, then renamed over
/// `path` (rename within one file system is atomic).
pub fn write_atomic(path: &std::path::Path, data: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    // A pipe or device given as the output (`/dev/stdout`) is written as is.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        return std::fs::write(path, data);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "report".into());
    let tmp = dir.join(format!(".{name}.{}.partial", std::process::id()));
    if let Ok(mut p) = PARTIAL.lock() {
        p.push(tmp.clone());
    }
    let written = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(data).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    if let Ok(mut p) = PARTIAL.lock() {
        p.retain(|t| t != &tmp);
    }
    written
}

/// Removes the temporary files of writes still under way (called when the
/// run is interrupted, just before the process exits).
pub fn remove_partial_writes() {
    // try_lock: the interrupted thread may hold the lock; then at worst one
    // `.partial` file is left, never a half-written report.
    if let Ok(p) = PARTIAL.try_lock() {
        for t in p.iter() {
            let _ = std::fs::remove_file(t);
        }
    }
}

#[cfg(test)]
mod atomic_tests {
    #[test]
    fn atomic_write_replaces_whole_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.json");
        std::fs::write(&p, "old").unwrap();
        super::write_atomic(&p, b"new content").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new content");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("r.json")]);
        // A folder that does not exist: an error, and nothing written.
        assert!(super::write_atomic(&dir.path().join("no/such.json"), b"x").is_err());
    }
}
