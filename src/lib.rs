//! ausweisscan finds pages in Jobcenter file exports (Akteneinsicht) that hold a
//! copy of an identity document, so that the person can demand their deletion.
//!
//! The pipeline: [`discover`] input files → [`source`] pages (upright raster +
//! text layer) → [`detect`] evidence → [`score`] verdict per page →
//! [`report::Report`]. Everything runs offline; inputs are only read.
//!
//! # Example
//! ```no_run
//! use ausweisscan::{scan, ScanConfig};
//! let report = scan(&["akte.pdf".into()], &ScanConfig::default(), &ausweisscan::NoProgress);
//! println!("{} pages flagged", report.summary.flagged_pages);
//! ```
//!
//! A file already in memory (chosen in a browser, uploaded) is scanned with
//! [`scan_bytes`], which gives the same report with its name as the path.
//!
//! # Security and privacy
//! Personal data read from a document (MRZ contents) is masked in every
//! report unless [`ScanConfig::show_personal_data`] is set.
// `unsafe_code` is denied in Cargo.toml's [lints] table, for every target;
// one audited exception: `source::mmap` (memory-mapped PDF input).
#![deny(missing_docs)]

mod bytes;
pub mod card;
pub mod detect;
pub mod discover;
pub mod error;
pub mod evidence;
pub mod exit;
pub mod i18n;
pub mod imaging;
pub mod lang;
pub mod limits;
pub mod mrz;
pub mod pipeline;
pub mod raster;
pub mod report;
pub mod score;
pub mod source;

pub use bytes::scan_bytes;
pub use evidence::{DocumentType, Evidence, EvidenceKind, Side, Verdict};
pub use exit::ExitStatus;
pub use lang::Lang;
pub use limits::Limits;
pub use pipeline::{NoProgress, Progress, ScanConfig, Share, scan};
pub use report::Report;
