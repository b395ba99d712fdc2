//! Multi-page TIFF source (G4, LZW, uncompressed; 1/8/16 bit).

use super::{OpenOptions, PageSource};
use crate::error::FileError;
use std::path::Path;

/// Opens a TIFF file; each frame is a page.
pub fn open(_path: &Path, _opts: &OpenOptions) -> Result<Box<dyn PageSource>, FileError> {
    Err(FileError::Corrupt("TIFF support not yet built".into()))
}
