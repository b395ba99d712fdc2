//! PDF page source: placed images via hayro-interpret, text via pdf-extract.

use super::{OpenOptions, PageSource};
use crate::error::FileError;
use std::path::Path;

/// Opens a PDF for page-wise reading.
pub fn open(_path: &Path, _opts: &OpenOptions) -> Result<Box<dyn PageSource>, FileError> {
    Err(FileError::Corrupt("PDF support not yet built".into()))
}
