//! The rayon pipeline: files are opened in parallel and their pages examined
//! in parallel across all files (nested parallel iterators, so idle threads
//! steal pages from any open file). Each page is loaded, examined and dropped;
//! a panic inside one page is caught and reported as that page's error.

use crate::detect::{self, Findings};
use crate::discover::{self, Input};
use crate::error::{PageError, Stage};
use crate::evidence::{Detail, Evidence, EvidenceKind, Verdict};
use crate::limits::{Deadline, Limits};
use crate::report::{FileReport, MrzReport, PageReport, Report, SkippedFile, Summary, Tool};
use crate::source::{self, OpenOptions, PageSource};
use crate::{raster, report, score};
use rayon::prelude::*;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

/// How to scan: `ScanConfig::default()` and the `with_` methods (new
/// settings may be added, hence `non_exhaustive`).
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
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
    /// Examine only one share of each file's pages, so that several
    /// processes can split a large file (the web edition's workers); `None`
    /// examines every page. The shares' reports join into the whole file's
    /// report (pages sorted, summary recounted with [`Summary::of`]); a
    /// share's report alone leaves the other pages out.
    pub share: Option<Share>,
}

impl ScanConfig {
    /// With `jobs` worker threads (`None`: all cores).
    pub fn with_jobs(mut self, jobs: Option<usize>) -> Self {
        self.jobs = jobs;
        self
    }
    /// Reporting MRZ contents in clear or not.
    pub fn with_show_personal_data(mut self, show: bool) -> Self {
        self.show_personal_data = show;
        self
    }
    /// With the password for encrypted PDFs.
    pub fn with_password(mut self, password: Option<String>) -> Self {
        self.password = password;
        self
    }
    /// With `limits`.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }
    /// Making thumbnails of flagged pages or not.
    pub fn with_thumbnails(mut self, thumbnails: bool) -> Self {
        self.thumbnails = thumbnails;
        self
    }
    /// Examining only `share` of each file's pages.
    pub fn with_share(mut self, share: Option<Share>) -> Self {
        self.share = share;
        self
    }
}

/// Share `part` of `parts` of a file's pages: the pages whose 0-based index
/// is `part` modulo `parts` (interleaved, so that each share gets pages from
/// every part of the file).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Share {
    /// Which share, from 0.
    pub part: usize,
    /// How many shares (at least 1).
    pub parts: usize,
}

impl Share {
    /// Whether page `index` (0-based) belongs to this share.
    pub fn has(&self, index: usize) -> bool {
        index % self.parts.max(1) == self.part
    }
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
    let mut files = in_pool(cfg, run);
    for e in &found.errors {
        let mut f = FileReport::new(e.path.display().to_string(), "unknown");
        f.set_error(Detail::CannotRead(e.message.clone()));
        files.push(f);
    }
    let skipped: Vec<SkippedFile> = found
        .skipped
        .iter()
        .map(|s| SkippedFile { path: s.path.display().to_string(), reason: s.reason.clone() })
        .collect();
    assemble(files, skipped, cfg)
}

/// Runs `work` on a pool of `cfg.jobs` threads, or on rayon's global pool
/// when no pool can be built (WebAssembly: rayon then works on the calling
/// thread alone).
pub(crate) fn in_pool<T: Send>(cfg: &ScanConfig, work: impl FnOnce() -> T + Send) -> T {
    match rayon::ThreadPoolBuilder::new().num_threads(cfg.jobs.unwrap_or(0)).build() {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}

/// The report over examined files and skipped ones.
pub(crate) fn assemble(files: Vec<FileReport>, skipped: Vec<SkippedFile>, cfg: &ScanConfig) -> Report {
    let summary = Summary::of(&files, skipped.len() as u64);
    Report {
        schema_version: report::SCHEMA_VERSION,
        tool: Tool::default(),
        summary,
        files,
        skipped,
        personal_data_shown: cfg.show_personal_data,
    }
}

fn scan_file(input: &Input, cfg: &ScanConfig, progress: &dyn Progress) -> FileReport {
    let opts = OpenOptions { password: cfg.password.clone(), limits: cfg.limits.clone() };
    let opened = catch_unwind(AssertUnwindSafe(|| source::open(&input.path, input.kind, &opts)));
    let opened = match opened {
        Ok(r) => r.map_err(Detail::File),
        Err(p) => Err(Detail::Page(PageError::Internal(panic_message(&p)))),
    };
    examine_source(input.path.display().to_string(), input.kind.name(), opened, cfg, progress)
}

/// Examines every page of an opened source (or records why it did not open).
pub(crate) fn examine_source(
    path: String,
    kind: &str,
    opened: Result<Box<dyn PageSource>, Detail>,
    cfg: &ScanConfig,
    progress: &dyn Progress,
) -> FileReport {
    let mut report = FileReport::new(path, kind);
    let src = match opened {
        Ok(src) => src,
        Err(e) => {
            report.set_error(e);
            return report;
        }
    };
    let n = catch_unwind(AssertUnwindSafe(|| src.page_count())).unwrap_or(0);
    report.pages_total = n as u64;
    let mine: Vec<usize> = (0..n).filter(|&i| cfg.share.is_none_or(|s| s.has(i))).collect();
    progress.add_pages(mine.len() as u64);
    let src: &dyn PageSource = src.as_ref();
    report.pages = mine
        .into_par_iter()
        .filter_map(|i| {
            let page = examine_page(src, i, cfg);
            progress.page_done();
            page
        })
        .collect();
    // Asked after the pages, so that a damaged file can name the pages it lost.
    if let Some(w) = catch_unwind(AssertUnwindSafe(|| src.warning())).unwrap_or(None) {
        report.set_error(w);
    }
    if n == 0 && report.error.is_none() {
        report.set_error(Detail::NoPages);
    }
    report
}

/// Examines page `index`; `None` when there is nothing at all to report.
fn examine_page(src: &dyn PageSource, index: usize, cfg: &ScanConfig) -> Option<PageReport> {
    let number = index as u64 + 1;
    let outcome = catch_unwind(AssertUnwindSafe(|| examine_content(src, index, cfg)));
    let (findings, judgement, problems, thumbnail) = match outcome {
        Ok(r) => r,
        Err(p) => {
            let none = Findings::default();
            let judgement = score::judge_page(&none, false);
            (none, judgement, vec![PageError::Internal(panic_message(&p))], None)
        }
    };
    let mut evidence = findings.evidence;
    let score::Judgement { verdict, confidence, document_type, side } = judgement;
    for p in &problems {
        evidence.push(Evidence::new(EvidenceKind::Unexamined, Detail::Page(p.clone()), 1.0));
    }
    if verdict == Verdict::Clear && evidence.is_empty() {
        return None;
    }
    let mrz = findings.mrz.first().map(|m| MrzReport::new(m, cfg.show_personal_data));
    Some(PageReport { page: number, verdict, confidence, document_type, side, evidence, mrz, thumbnail })
}

type Examined = (Findings, score::Judgement, Vec<PageError>, Option<report::Thumbnail>);

/// Loads page `index` and runs every detector on it, within the page's time
/// budget ([`Limits::page_seconds`]): the deadline is checked between the
/// stages and inside the detectors' candidate loops, and a stage it cuts
/// short or skips makes the page's problem (what was found until then
/// still counts).
fn examine_content(src: &dyn PageSource, index: usize, cfg: &ScanConfig) -> Examined {
    let deadline = Deadline::after(cfg.limits.page_seconds);
    let content = src.load_page(index);
    let mut findings = Findings::default();
    let mut problems = Vec::new();
    // A stage is only given up when there is work left for it.
    let has_raster = matches!(content.raster, Ok(Some(_)));
    let has_text = matches!(content.text, Ok(Some(_)));
    let mut stopped = ((has_text || has_raster) && deadline.passed()).then_some(Stage::Load);
    match content.text {
        Ok(Some(text)) if stopped.is_none() => {
            detect::examine_text(&text, &mut findings);
            stopped = (has_raster && deadline.passed()).then_some(Stage::TextLayer);
        }
        Ok(_) => {}
        Err(e) => problems.push(e),
    }
    let mut raster = None;
    match content.raster {
        Ok(Some(r)) if stopped.is_none() => {
            let r = raster::normalise(r, &cfg.limits);
            if let Err((_, stage)) = detect::examine_raster_within(&r, &mut findings, &deadline) {
                stopped = Some(stage);
            }
            raster = Some(r);
        }
        Ok(_) => {}
        Err(e) => problems.push(e),
    }
    problems.extend(stopped.map(|stage| PageError::TimeBudget { seconds: deadline.seconds(), stage }));
    // Judged once, here, while the raster is still at hand for the thumbnail.
    let judgement = score::judge_page(&findings, problems.is_empty());
    let v = judgement.verdict;
    let thumbnail = match raster {
        Some(r) if cfg.thumbnails && (v.is_flagged() || v == Verdict::OtherCard) => {
            report::thumbnail::make(&r, &findings.evidence, cfg.show_personal_data)
        }
        _ => None,
    };
    (findings, judgement, problems, thumbnail)
}

pub(crate) fn panic_message(p: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{PageContent, Raster};
    use image::GrayImage;
    use std::sync::atomic::{AtomicU64, Ordering};

    /// Pages: 0 fine, 1 decode error, 2 panics, 3 MRZ in text, 4 no image, text only.
    struct Fake;

    const TD1: &str = "IDD<<T220001293<<<<<<<<<<<<<<<\n6408125<2010315D<<<<<<<<<<<<<4\nMUSTERMANN<<ERIKA<<<<<<<<<<<<<";

    impl PageSource for Fake {
        fn page_count(&self) -> usize {
            5
        }
        fn load_page(&self, index: usize) -> PageContent {
            let blank = || {
                Ok(Some(Raster {
                    image: GrayImage::from_pixel(50, 70, image::Luma([255])),
                    dpi: 10.0,
                    dpi_known: true,
                }))
            };
            match index {
                0 => PageContent { raster: blank(), text: Ok(None) },
                1 => PageContent { raster: Err(PageError::Decode("bad huffman table".into())), text: Ok(None) },
                2 => panic!("boom in page 3"),
                3 => PageContent { raster: Err(PageError::Decode("bad".into())), text: Ok(Some(TD1.into())) },
                _ => PageContent {
                    raster: Ok(None),
                    text: Ok(Some("Bitte bringen Sie Ihren Personalausweis mit.".into())),
                },
            }
        }
    }

    struct Count(AtomicU64, AtomicU64);
    impl Progress for Count {
        fn add_pages(&self, n: u64) {
            self.0.fetch_add(n, Ordering::Relaxed);
        }
        fn page_done(&self) {
            self.1.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn run(jobs: usize) -> FileReport {
        let cfg = ScanConfig { jobs: Some(jobs), ..ScanConfig::default() };
        let count = Count(AtomicU64::new(0), AtomicU64::new(0));
        let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build().expect("pool");
        let r = pool.install(|| examine_source("fake.pdf".into(), "pdf", Ok(Box::new(Fake)), &cfg, &count));
        assert_eq!(count.0.load(Ordering::Relaxed), 5);
        assert_eq!(count.1.load(Ordering::Relaxed), 5, "every page reports progress, even a panicking one");
        r
    }

    #[test]
    fn bad_pages_are_unexamined_never_clear_and_panics_stay_inside_their_page() {
        let r = run(2);
        assert_eq!(r.pages_total, 5);
        let by_page: Vec<(u64, Verdict)> = r.pages.iter().map(|p| (p.page, p.verdict)).collect();
        // Page 1 is clear with no evidence (omitted); page 5 is text-only and clear.
        assert_eq!(by_page[0], (2, Verdict::Unexamined));
        assert_eq!(by_page[1], (3, Verdict::Unexamined));
        let panicked =
            |e: &Evidence| matches!(&e.detail, Detail::Page(PageError::Internal(m)) if m.contains("boom in page 3"));
        assert!(r.pages[1].evidence.iter().any(panicked), "{:?}", r.pages[1].evidence);
        // Page 4: the raster failed, but the text layer holds a checked MRZ: the find wins,
        // and the evidence still says what could not be examined.
        assert_eq!(by_page[2], (4, Verdict::IdCopy));
        // Page 5, a letter asking for the Personalausweis: at most clear, never flagged.
        assert!(by_page.len() == 3 || by_page[3] == (5, Verdict::Clear), "{by_page:?}");
        assert!(r.pages[2].evidence.iter().any(|e| e.kind == EvidenceKind::Unexamined));
    }

    #[test]
    fn order_does_not_depend_on_thread_count() {
        assert_eq!(run(1), run(4));
    }

    #[test]
    fn a_page_out_of_time_is_unexamined_with_the_stage_and_the_run_goes_on() {
        let cfg = ScanConfig { limits: Limits { page_seconds: 0.0, ..Limits::default() }, ..ScanConfig::default() };
        let r = examine_source("fake.pdf".into(), "pdf", Ok(Box::new(Fake)), &cfg, &NoProgress);
        let by_page: Vec<(u64, Verdict)> = r.pages.iter().map(|p| (p.page, p.verdict)).collect();
        // Every page with something to examine runs out of time; page 4's text
        // MRZ is not read, so nothing is flagged.
        assert_eq!(by_page.iter().map(|p| p.0).collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
        assert!(by_page.iter().all(|p| p.1 == Verdict::Unexamined), "{by_page:?}");
        let reason = Detail::Page(PageError::TimeBudget { seconds: 0.0, stage: Stage::Load });
        assert!(r.pages[0].evidence.iter().any(|e| e.detail == reason), "{:?}", r.pages[0].evidence);
        // A page whose image failed keeps that reason beside the budget.
        let undecodable =
            |e: &Evidence| matches!(&e.detail, Detail::Page(PageError::Decode(m)) if m == "bad huffman table");
        assert!(r.pages[1].evidence.iter().any(undecodable), "{:?}", r.pages[1].evidence);
        let report = assemble(vec![r], Vec::new(), &cfg);
        assert_eq!((report.summary.flagged_pages, report.summary.errors), (0, 5));
        assert_eq!(report.exit_status(), crate::ExitStatus::Incomplete);
    }

    #[test]
    fn the_detectors_stop_at_a_passed_deadline() {
        let raster = Raster { image: GrayImage::from_pixel(400, 300, image::Luma([255])), dpi: 100.0, dpi_known: true };
        let mut f = Findings::default();
        let cut = detect::examine_raster_within(&raster, &mut f, &Deadline::after(0.0));
        assert!(matches!(cut, Err((_, Stage::MrzImage))), "{cut:?}");
        assert!(detect::examine_raster_within(&raster, &mut f, &Deadline::after(60.0)).is_ok());
    }

    #[test]
    fn unopenable_source_is_a_file_error() {
        let cfg = ScanConfig::default();
        let why = Detail::File(crate::error::FileError::Corrupt("no xref".into()));
        let r = examine_source("x.pdf".into(), "pdf", Err(why.clone()), &cfg, &NoProgress);
        assert_eq!(r.error, Some(why));
        let summary = Summary::of(&[r], 0);
        assert_eq!((summary.errors, summary.files, summary.pages), (1, 0, 0));
    }
}
