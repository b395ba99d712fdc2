//! Errors as values: a file or a page that cannot be examined becomes an
//! entry in the report, and the run goes on.

use thiserror::Error;

/// Why a whole file (or the part of it past some point) could not be examined.
#[derive(Debug, Error, Clone, PartialEq)]
#[non_exhaustive]
pub enum FileError {
    /// The file could not be read from disk.
    #[error("cannot read file: {0}")]
    Io(String),
    /// The PDF is encrypted and needs a password that was not given.
    #[error("the PDF is password-protected; give the password with --password")]
    PasswordRequired,
    /// The password given does not open the PDF.
    #[error("the password given does not open this PDF")]
    WrongPassword,
    /// The file is broken beyond what can be recovered.
    #[error("the file is damaged and cannot be read: {0}")]
    Corrupt(String),
    /// The file exceeds a limit in [`crate::limits`].
    #[error("limit exceeded: {0}")]
    Limit(String),
}

/// Why one page could not be (fully) examined.
#[derive(Debug, Error, Clone, PartialEq)]
#[non_exhaustive]
pub enum PageError {
    /// An image on the page could not be decoded.
    #[error("an image on the page cannot be decoded: {0}")]
    Decode(String),
    /// The page exceeds a limit in [`crate::limits`].
    #[error("limit exceeded: {0}")]
    Limit(String),
    /// The page structure is broken.
    #[error("the page is damaged: {0}")]
    Corrupt(String),
    /// A bug in ausweisscan: a detector or decoder panicked on this page.
    #[error("internal error while examining the page: {0}")]
    Internal(String),
    /// The page took longer than [`crate::Limits::page_seconds`] and was
    /// given up at `stage`.
    #[error("the page took longer than its time budget of {seconds} s and was given up {stage}")]
    TimeBudget {
        /// The budget, in seconds.
        seconds: f64,
        /// Where the examination stopped.
        stage: Stage,
    },
}

/// The stages of examining one page, in order; named when a page runs out
/// of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Decoding or rendering the page and reading its text layer.
    Load,
    /// Looking for MRZs and document words in the text layer.
    TextLayer,
    /// Reading MRZs in the page image.
    MrzImage,
    /// Looking for cards, portraits and faces in the page image.
    Cards,
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Stage::Load => "after loading it",
            Stage::TextLayer => "while reading its text layer",
            Stage::MrzImage => "while reading MRZs in the image",
            Stage::Cards => "while looking for cards in the image",
        })
    }
}
