//! Command-line arguments, turned into a [`ScanConfig`]. A module of the
//! binary, not of the library: clap stays out of the library, which builds
//! without the `cli` feature (the web edition does).

use ausweisscan::Lang;
use ausweisscan::report::letter::{self, LetterFields};
use ausweisscan::{Limits, ScanConfig};
use clap::builder::{EnumValueParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Finds copies of identity documents (Personalausweis, Reisepass,
/// Aufenthaltstitel) in Jobcenter file exports. Runs offline.
#[derive(Debug, Parser)]
#[command(name = "ausweisscan", version, about)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Examine files and folders page by page.
    Scan(ScanArgs),
    /// Draft a deletion request from a scan or a saved JSON report.
    Letter(LetterArgs),
}

/// The values of `--lang`, mapped to the library's [`Lang`] (which has no
/// clap derive, so that the library does not need clap).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum LangArg {
    /// Deutsch.
    De,
    /// English.
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::De => Lang::De,
            LangArg::En => Lang::En,
        }
    }
}

/// The value parser of `--lang`: clap's value enum, mapped to [`Lang`].
fn lang_parser() -> impl TypedValueParser<Value = Lang> {
    EnumValueParser::<LangArg>::new().map(Lang::from)
}

/// Options of `scan`.
#[derive(Debug, Args)]
pub(crate) struct ScanArgs {
    /// PDF exports, images (JPEG, PNG, TIFF) or folders.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Write the JSON report to FILE (`-` for standard output).
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Write the HTML report to FILE.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// No summary and no progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Show MRZ contents in clear in the reports (for your own use only).
    #[arg(long)]
    pub show_personal_data: bool,
    /// Password for encrypted PDFs.
    #[arg(long, value_name = "PW")]
    pub password: Option<String>,
    /// Time budget of one page in seconds; a page still being examined when
    /// it runs out is reported as not examined, and the run goes on.
    #[arg(long, value_name = "SECONDS", default_value_t = ausweisscan::limits::PAGE_SECONDS, value_parser = page_seconds)]
    pub page_seconds: f64,
    /// Language of the summary and the HTML report.
    #[arg(long, value_parser = lang_parser(), default_value = "de")]
    pub lang: Lang,
}

/// A time budget: a number of seconds, zero or more.
fn page_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v >= 0.0 && v.is_finite() => Ok(v),
        _ => Err(format!("`{s}` is not a number of seconds (0 or more)")),
    }
}

/// Options of `letter`.
#[derive(Debug, Args)]
pub(crate) struct LetterArgs {
    /// A saved JSON report, or files and folders to scan first.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format of the letter.
    #[arg(long, value_enum, default_value_t = LetterFormat::Text)]
    pub format: LetterFormat,
    /// Write the letter to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Your full name (otherwise a placeholder to fill in).
    #[arg(long)]
    pub name: Option<String>,
    /// Your postal address; commas separate the lines.
    #[arg(long)]
    pub address: Option<String>,
    /// Your BG-Nummer or Kundennummer at the Jobcenter.
    #[arg(long, value_name = "NUMBER")]
    pub customer_number: Option<String>,
    /// The Jobcenter's name and address; commas separate the lines.
    #[arg(long, value_name = "ADDRESS")]
    pub jobcenter: Option<String>,
    /// Place and date line, e.g. "Offenbach, 28.11.2026".
    #[arg(long)]
    pub date: Option<String>,
    /// Password for encrypted PDFs (when scanning first).
    #[arg(long, value_name = "PW")]
    pub password: Option<String>,
    /// Language of messages (the letter itself is always German).
    #[arg(long, value_parser = lang_parser(), default_value = "de")]
    pub lang: Lang,
}

/// Output format of `letter`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum LetterFormat {
    /// Plain text.
    #[default]
    Text,
    /// Printable HTML.
    Html,
}

impl LetterArgs {
    /// The fields the user filled in on the command line.
    pub(crate) fn fields(&self) -> LetterFields {
        LetterFields {
            name: self.name.clone(),
            address: self.address.clone(),
            customer_number: self.customer_number.clone(),
            jobcenter: self.jobcenter.clone(),
            date: self.date.clone(),
        }
    }

    /// The library's output format.
    pub(crate) fn letter_format(&self) -> letter::Format {
        match self.format {
            LetterFormat::Text => letter::Format::Text,
            LetterFormat::Html => letter::Format::Html,
        }
    }
}

impl ScanArgs {
    /// The library configuration these arguments ask for.
    pub(crate) fn config(&self) -> ScanConfig {
        ScanConfig::default()
            .with_jobs(self.jobs.map(usize::from))
            .with_show_personal_data(self.show_personal_data)
            .with_password(self.password.clone())
            .with_thumbnails(self.html.is_some())
            .with_limits(Limits::default().with_page_seconds(self.page_seconds))
    }
}
