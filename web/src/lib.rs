//! The web edition's Rust side: what the page's worker asks of the scanner,
//! as JSON in and JSON out, so that the WebAssembly boundary
//! (`exports`, the module's only `unsafe`) moves nothing but bytes.
//!
//! Every call is stateless: a scan returns its report together with the
//! redacted thumbnails, and rendering or drafting the letter takes them back.
//! The worker can therefore use a fresh module instance per file, and a file
//! that crashes the module (a panic aborts under WebAssembly) loses nothing
//! of the files scanned before it.

use ausweisscan::discover::{self, FileKind};
use ausweisscan::error::FileError;
use ausweisscan::report::letter::{self, LetterFields};
use ausweisscan::report::{Report, Thumbnail, html};
use ausweisscan::{ExitStatus, Lang, Progress, ScanConfig, Share};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};

mod exports;

/// What the page asks to scan (the file's bytes travel separately).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ScanRequest {
    /// The file's name, shown in the report where the CLI shows the path.
    pub name: String,
    /// Password for an encrypted PDF.
    #[serde(default)]
    pub password: Option<String>,
    /// Scan only share `[part, parts]` of the pages (several workers on one
    /// large file; [`join`] puts the shares together).
    #[serde(default)]
    pub share: Option<[usize; 2]>,
}

/// Why a file could not be examined (fully), for the page to explain and,
/// for passwords, to ask again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    /// An encrypted PDF whose password was not given.
    PasswordRequired,
    /// The password given does not open the PDF.
    WrongPassword,
    /// Not a PDF, JPEG, PNG or TIFF file (or empty).
    Unsupported,
    /// Over a size limit.
    TooLarge,
    /// Damaged: the file, or some of its pages, could not be read.
    Damaged,
}

/// One redacted page picture of the HTML report, carried between calls.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Thumb {
    /// 1-based page number.
    pub page: u64,
    /// PNG, base64.
    pub png: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// The result of scanning one file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scanned {
    /// The JSON report, byte for byte what `ausweisscan scan --json` writes
    /// for this file (with the name as its path).
    pub report: String,
    /// Thumbnails of the flagged pages (never in the JSON report).
    pub thumbnails: Vec<Thumb>,
    /// `clean`, `found` or `incomplete`, as the CLI's exit code says.
    pub status: String,
    /// What went wrong, if anything.
    pub problem: Option<Problem>,
    /// Pages flagged as (possible) ID copies.
    pub flagged: Vec<u64>,
    /// Pages in the file.
    pub pages_total: u64,
}

/// Scans one file's bytes as `ausweisscan scan` does (masked MRZ, thumbnails
/// for the HTML report).
pub fn scan(req: &ScanRequest, bytes: Vec<u8>, progress: &dyn Progress) -> Scanned {
    let kind = discover::sniff(&bytes[..bytes.len().min(1024)]);
    let share = req.share.map(|[part, parts]| Share { part, parts });
    let cfg = ScanConfig::default().with_password(req.password.clone()).with_thumbnails(true).with_share(share);
    let report = ausweisscan::scan_bytes(&req.name, bytes, &cfg, progress);
    scanned(report, kind)
}

/// The scan of a whole file from the scans of its shares; `None` when they
/// do not join (a file-level error in one of them: scan it again whole).
pub fn join(parts: &[Scanned]) -> Result<Option<Scanned>, String> {
    let reports = parts.iter().map(with_thumbnails).collect::<Result<Vec<_>, _>>()?;
    // Shares are only made of PDF and TIFF files, which are supported kinds.
    Ok(Report::join_shares(reports).map(|r| scanned(r, Some(FileKind::Pdf))))
}

/// [`Scanned`] for a report (thumbnails taken out of it).
fn scanned(mut report: Report, kind: Option<FileKind>) -> Scanned {
    let mut thumbnails = Vec::new();
    let mut flagged = Vec::new();
    for page in report.files.iter_mut().flat_map(|f| &mut f.pages) {
        if let Some(t) = page.thumbnail.take() {
            thumbnails.push(Thumb { page: page.page, png: B64.encode(&t.png), width: t.width, height: t.height });
        }
        if page.verdict.is_flagged() {
            flagged.push(page.page);
        }
    }
    let status = match report.exit_status() {
        ExitStatus::Clean => "clean",
        ExitStatus::Found => "found",
        ExitStatus::Incomplete => "incomplete",
    };
    Scanned {
        problem: problem(&report, kind),
        status: status.into(),
        flagged,
        pages_total: report.summary.pages_total,
        report: report.to_json(),
        thumbnails,
    }
}

fn problem(report: &Report, kind: Option<FileKind>) -> Option<Problem> {
    // Not a PDF, JPEG, PNG or TIFF (nor anything else): an error entry in the
    // report, as for a file given by name on the command line.
    if !report.skipped.is_empty() || kind.is_none() {
        return Some(Problem::Unsupported);
    }
    let error = report.files.iter().find_map(|f| f.error.as_ref().map(ToString::to_string));
    match error.as_deref() {
        Some(e) if e == FileError::PasswordRequired.to_string() => Some(Problem::PasswordRequired),
        Some(e) if e == FileError::WrongPassword.to_string() => Some(Problem::WrongPassword),
        Some(e) if e.starts_with("limit exceeded") => Some(Problem::TooLarge),
        Some(_) => Some(Problem::Damaged),
        None if report.summary.errors > 0 => Some(Problem::Damaged),
        None => None,
    }
}

/// The report of a scan with its thumbnails put back.
fn with_thumbnails(s: &Scanned) -> Result<Report, String> {
    let mut r: Report = serde_json::from_str(&s.report).map_err(|e| format!("bad report: {e}"))?;
    for page in r.files.iter_mut().flat_map(|f| f.pages.iter_mut()) {
        if let Some(t) = s.thumbnails.iter().find(|t| t.page == page.page) {
            let png = B64.decode(&t.png).map_err(|e| format!("bad thumbnail: {e}"))?;
            page.thumbnail = Some(Thumbnail { png, width: t.width, height: t.height });
        }
    }
    Ok(r)
}

/// Joins scanned files into one report, as one CLI run over all of them
/// gives; thumbnails are put back for the HTML report.
pub fn merge(scanned: &[Scanned]) -> Result<Report, String> {
    let mut all: Option<Report> = None;
    for s in scanned {
        let mut r = with_thumbnails(s)?;
        all = Some(match all {
            None => r,
            Some(mut a) => {
                // Every summary figure is a count over files: they add up.
                let (x, y) = (&mut a.summary, &r.summary);
                x.files += y.files;
                x.pages += y.pages;
                x.flagged_pages += y.flagged_pages;
                x.errors += y.errors;
                x.pages_total += y.pages_total;
                x.other_card_pages += y.other_card_pages;
                x.skipped_files += y.skipped_files;
                a.files.append(&mut r.files);
                a.skipped.append(&mut r.skipped);
                a
            }
        });
    }
    all.ok_or_else(|| "no file scanned yet".to_string())
}

/// What the page asks to render: the reports of the files scanned so far.
#[derive(Clone, Debug, Deserialize)]
pub struct RenderRequest {
    /// Files in the order they were chosen.
    pub files: Vec<Scanned>,
    /// `de` or `en`.
    #[serde(default)]
    pub lang: String,
}

/// The joined reports, ready to show and to download.
#[derive(Clone, Debug, Serialize)]
pub struct Rendered {
    /// The HTML report the CLI writes with `--html`.
    pub html: String,
    /// The JSON report the CLI writes with `--json`.
    pub json: String,
}

/// Renders the HTML and JSON reports over all files scanned so far.
pub fn render(req: &RenderRequest) -> Result<Rendered, String> {
    let report = merge(&req.files)?;
    let html = html::render(&report, lang(&req.lang))?;
    Ok(Rendered { html, json: report.to_json() })
}

fn lang(code: &str) -> Lang {
    if code == "en" { Lang::En } else { Lang::De }
}

/// The letter's fields as the form sends them; empty means "leave a
/// placeholder".
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Fields {
    /// Sender's full name.
    #[serde(default)]
    pub name: String,
    /// Sender's address.
    #[serde(default)]
    pub address: String,
    /// BG-Nummer or Kundennummer.
    #[serde(default)]
    pub customer_number: String,
    /// The Jobcenter's name and address.
    #[serde(default)]
    pub jobcenter: String,
    /// Place and date line.
    #[serde(default)]
    pub date: String,
}

/// What the page asks to draft.
#[derive(Clone, Debug, Deserialize)]
pub struct LetterRequest {
    /// Files in the order they were chosen.
    pub files: Vec<Scanned>,
    /// The form's fields.
    #[serde(default)]
    pub fields: Fields,
    /// `text` or `html`.
    pub format: String,
}

/// Drafts the deletion request over all files scanned so far; `None` when no
/// page is flagged.
pub fn letter(req: &LetterRequest) -> Result<Option<String>, String> {
    let report = merge(&req.files)?;
    let given = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let f = &req.fields;
    let fields = LetterFields {
        name: given(&f.name),
        address: given(&f.address),
        customer_number: given(&f.customer_number),
        jobcenter: given(&f.jobcenter),
        date: given(&f.date),
    };
    let format = if req.format == "html" { letter::Format::Html } else { letter::Format::Text };
    Ok(letter::render(&report, &fields, format))
}

#[cfg(test)]
mod tests;
