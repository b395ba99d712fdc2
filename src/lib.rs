//! ausweisscan finds pages in Jobcenter file exports (Akteneinsicht) that hold a
//! copy of an identity document, so that the person can demand their deletion.
//!
//! The pipeline: input files → pages (upright raster + text layer) →
//! evidence (MRZ, card outline, face, layout, keywords) → a verdict per page
//! → a [`Report`]. Everything runs offline; inputs are only read.
//!
//! # Example
//! ```no_run
//! use ausweisscan::{scan, ScanConfig};
//! let cfg = ScanConfig::default().with_jobs(Some(2));
//! let report = scan(&["akte.pdf".into()], &cfg, &ausweisscan::NoProgress);
//! println!("{} pages flagged", report.summary.flagged_pages);
//! ```
//!
//! A file already in memory (chosen in a browser, uploaded) is scanned with
//! [`scan_bytes`], which gives the same report with its name as the path.
//! [`report`] writes the report as JSON, HTML, a terminal summary or a
//! deletion letter, in a [`Lang`].
//!
//! # Security and privacy
//! Personal data read from a document (MRZ contents) is masked in every
//! report unless [`ScanConfig::show_personal_data`] is set.
//!
//! # Layers
//! Each module uses only the ones in the layers below it (checked by the
//! test `layers::no_module_uses_a_layer_above`):
//! model (`evidence`, `error`, `lang`, `limits`) ← `imaging` ← `source`,
//! `raster`, `discover` ← `mrz`, `card`, `detect` ← `score` ← `pipeline`,
//! `bytes` ← `i18n`, `report`, `exit` ← this facade and the command line.
// `unsafe_code` is denied in Cargo.toml's [lints] table, for every target;
// one audited exception: `source::mmap` (memory-mapped PDF input).
#![deny(missing_docs)]
// Below the facade everything is `pub(crate)` unless a public path reaches it.
#![warn(unreachable_pub)]

// The model: what every layer speaks.
pub mod error;
pub mod evidence;
pub mod lang;
pub mod limits;

// The machinery. Hidden from the documentation and not a stable API: the
// project's own benches, examples and fuzz targets measure single stages
// through these paths; everyone else uses the functions below.
mod bytes;
#[doc(hidden)]
pub mod card;
#[doc(hidden)]
pub mod detect;
#[doc(hidden)]
pub mod discover;
#[doc(hidden)]
pub mod imaging;
#[doc(hidden)]
pub mod mrz;
mod pipeline;
#[doc(hidden)]
pub mod raster;
#[doc(hidden)]
pub mod score;
#[doc(hidden)]
pub mod source;

// Presentation: reports in a language, exit codes.
pub mod exit;
pub mod i18n;
pub mod report;

#[cfg(test)]
mod layers;

pub use bytes::scan_bytes;
pub use discover::{FileKind, sniff};
pub use evidence::{DocumentType, Evidence, EvidenceKind, Side, Verdict};
pub use exit::ExitStatus;
pub use lang::Lang;
pub use limits::Limits;
pub use pipeline::{NoProgress, Progress, ScanConfig, Share, scan};
pub use report::Report;
