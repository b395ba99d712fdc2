//! The rayon pipeline: files are opened in parallel and their pages examined
//! in parallel across all files (nested parallel iterators, so idle threads
//! steal pages from any open file). Each page is loaded, examined and dropped;
//! a panic inside one page is caught and reported as that page's error.

use crate::detect::{self, Findings};
use crate::discover::{self, Input};
use crate::error::PageError;
use crate::evidence::{DocumentType, Evidence, EvidenceKind, Side, Verdict};
use crate::limits::Limits;
use crate::report::{FileReport, MrzReport, PageReport, Report, SkippedFile, Summary, Tool};
use crate::source::{self, OpenOptions, PageSource};
use crate::{raster, report, score};
use rayon::prelude::*;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

/// How to scan.
#[derive(Clone, Debug, Default)]
pub struct ScanConfig {
    /// Worker threads; `None` uses all cores.
    pub jobs: Option<usize>,
    /// Report MRZ contents in clear (off by default).
    pub show_personal_data: bool,
    /// Password for encrypted PDFs.
    pub password: Option<String>,
    /// Limits against hostile input.
    pub limits: Limits,
    /// Make redacted thumbnails of flagged pages (for the HTML report).
    pub thumbnails: bool,
}

/// Receives progress from worker threads. Implementations must be cheap.
pub trait Progress: Sync {
    /// `n` more pages became known (a file was opened).
    fn add_pages(&self, n: u64);
    /// One page was examined (or failed).
    fn page_done(&self);
}

/// A [`Progress`] that ignores everything.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn add_pages(&self, _n: u64) {}
    fn page_done(&self) {}
}

/// Scans `paths` (files or folders) and returns the report. Never panics on
/// bad input; every failure is an entry in the report.
pub fn scan(paths: &[PathBuf], cfg: &ScanConfig, progress: &dyn Progress) -> Report {
    let found = discover::discover(paths);
    let run = || -> Vec<FileReport> { found.inputs.par_iter().map(|i| scan_file(i, cfg, progress)).collect() };
    let mut files = match rayon::ThreadPoolBuilder::new().num_threads(cfg.jobs.unwrap_or(0)).build() {
        Ok(pool) => pool.install(run),
        Err(_) => run(),
    };
    for e in &found.errors {
        files.push(FileReport {
            path: e.path.display().to_string(),
            kind: "unknown".into(),
            pages_total: 0,
            error: Some(format!("cannot read: {}", e.message)),
            pages: Vec::new(),
        });
    }
    let skipped: Vec<SkippedFile> = found
        .skipped
        .iter()
        .map(|s| SkippedFile { path: s.path.display().to_string(), reason: s.reason.clone() })
        .collect();
    let summary = summarise(&files, skipped.len() as u64);
    Report {
        schema_version: report::SCHEMA_VERSION,
        tool: Tool::default(),
        summary,
        files,
        skipped,
        personal_data_shown: cfg.show_personal_data,
    }
}

fn summarise(files: &[FileReport], skipped: u64) -> Summary {
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

fn scan_file(input: &Input, cfg: &ScanConfig, progress: &dyn Progress) -> FileReport {
    let opts = OpenOptions { password: cfg.password.clone(), limits: cfg.limits.clone() };
    let mut report = FileReport {
        path: input.path.display().to_string(),
        kind: input.kind.name().into(),
        pages_total: 0,
        error: None,
        pages: Vec::new(),
    };
    let opened = catch_unwind(AssertUnwindSafe(|| source::open(&input.path, input.kind, &opts)));
    let src = match opened {
        Ok(Ok(src)) => src,
        Ok(Err(e)) => {
            report.error = Some(e.to_string());
            return report;
        }
        Err(p) => {
            report.error = Some(PageError::Internal(panic_message(&p)).to_string());
            return report;
        }
    };
    let n = src.page_count();
    report.pages_total = n as u64;
    progress.add_pages(n as u64);
    report.error = src.warning();
    if n == 0 && report.error.is_none() {
        report.error = Some("the file has no pages".into());
    }
    let src: &dyn PageSource = src.as_ref();
    report.pages = (0..n)
        .into_par_iter()
        .filter_map(|i| {
            let page = examine_page(src, i, cfg);
            progress.page_done();
            page
        })
        .collect();
    report
}

/// Examines page `index`; `None` when there is nothing at all to report.
fn examine_page(src: &dyn PageSource, index: usize, cfg: &ScanConfig) -> Option<PageReport> {
    let number = index as u64 + 1;
    let outcome = catch_unwind(AssertUnwindSafe(|| examine_content(src, index, cfg)));
    let (findings, problems, thumbnail) = match outcome {
        Ok(r) => r,
        Err(p) => (Findings::default(), vec![PageError::Internal(panic_message(&p))], None),
    };
    let judgement = score::judge(&findings);
    let mut evidence = findings.evidence;
    let (verdict, confidence, document_type, side) = if !problems.is_empty() && !judgement.verdict.is_flagged() {
        (Verdict::Unexamined, 0.0, DocumentType::Unknown, Side::Unknown)
    } else {
        (judgement.verdict, judgement.confidence, judgement.document_type, judgement.side)
    };
    for p in &problems {
        evidence.push(Evidence::new(EvidenceKind::Unexamined, p.to_string(), 1.0));
    }
    if verdict == Verdict::Clear && evidence.is_empty() {
        return None;
    }
    let mrz = findings.mrz.first().map(|m| MrzReport::new(m, cfg.show_personal_data));
    Some(PageReport { page: number, verdict, confidence, document_type, side, evidence, mrz, thumbnail })
}

type Examined = (Findings, Vec<PageError>, Option<report::Thumbnail>);

fn examine_content(src: &dyn PageSource, index: usize, cfg: &ScanConfig) -> Examined {
    let content = src.load_page(index);
    let mut findings = Findings::default();
    let mut problems = Vec::new();
    match content.text {
        Ok(Some(text)) => detect::examine_text(&text, &mut findings),
        Ok(None) => {}
        Err(e) => problems.push(e),
    }
    let mut thumbnail = None;
    match content.raster {
        Ok(Some(r)) => {
            let r = raster::normalise(r, &cfg.limits);
            detect::examine_raster(&r, &mut findings);
            let v = score::judge(&findings).verdict;
            if cfg.thumbnails && (v.is_flagged() || v == Verdict::OtherCard) {
                thumbnail = report::thumbnail::make(&r, &findings.evidence, cfg.show_personal_data);
            }
        }
        Ok(None) => {}
        Err(e) => problems.push(e),
    }
    (findings, problems, thumbnail)
}

fn panic_message(p: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".into()
    }
}
