//! Single-image sources: JPEG (EXIF orientation honoured) and PNG.

use super::{OpenOptions, PageSource};
use crate::discover::FileKind;
use crate::error::FileError;
use std::path::Path;

/// Opens a single-page image file.
pub fn open(_path: &Path, _kind: FileKind, _opts: &OpenOptions) -> Result<Box<dyn PageSource>, FileError> {
    Err(FileError::Corrupt("image support not yet built".into()))
}
