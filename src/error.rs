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
}
