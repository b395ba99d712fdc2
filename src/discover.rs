//! Input discovery: files and folders (walked recursively, sorted), each
//! file's kind told by its first bytes, never by its name.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A file kind ausweisscan reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    /// PDF document.
    Pdf,
    /// JPEG image.
    Jpeg,
    /// PNG image.
    Png,
    /// TIFF image, possibly multi-page.
    Tiff,
}

impl FileKind {
    /// Lower-case name for reports.
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Jpeg => "jpeg",
            FileKind::Png => "png",
            FileKind::Tiff => "tiff",
        }
    }
}

/// Tells the kind from the first bytes of a file.
pub fn sniff(head: &[u8]) -> Option<FileKind> {
    if head.starts_with(b"\xFF\xD8\xFF") {
        Some(FileKind::Jpeg)
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(FileKind::Png)
    } else if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
        Some(FileKind::Tiff)
    } else if head.windows(5).take(1024).any(|w| w == b"%PDF-") {
        // Some writers put junk before the header; viewers accept up to 1 KiB.
        Some(FileKind::Pdf)
    } else {
        None
    }
}

/// One file to examine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// Path as found from the user's argument (relative stays relative).
    pub path: PathBuf,
    /// What the file is.
    pub kind: FileKind,
}

/// A file that was passed over, with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Path as found.
    pub path: PathBuf,
    /// Why (plain English, lower case).
    pub reason: String,
}

/// An argument that could not be read at all (missing path, unreadable folder).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiscoverError {
    /// The path concerned.
    pub path: PathBuf,
    /// What went wrong.
    pub message: String,
}

/// The result of walking the arguments.
#[derive(Clone, Debug, Default)]
pub struct Discovered {
    /// Files to examine, in argument order, each folder's files sorted.
    pub inputs: Vec<Input>,
    /// Files of no supported kind.
    pub skipped: Vec<Skipped>,
    /// Paths that could not be read.
    pub errors: Vec<DiscoverError>,
}

/// Walks `paths`. Symbolic links to files are followed; links inside folders
/// are not descended into, to avoid cycles.
pub fn discover(paths: &[PathBuf]) -> Discovered {
    let mut out = Discovered::default();
    for arg in paths {
        match std::fs::metadata(arg) {
            Err(e) => out.errors.push(DiscoverError { path: arg.clone(), message: e.to_string() }),
            Ok(m) if m.is_dir() => {
                let walker = walkdir::WalkDir::new(arg).sort_by_file_name();
                for entry in walker {
                    match entry {
                        Ok(e) if e.file_type().is_file() => classify(e.path(), &mut out),
                        Ok(_) => {}
                        Err(e) => out.errors.push(DiscoverError {
                            path: e.path().map(Path::to_path_buf).unwrap_or_else(|| arg.clone()),
                            message: e.to_string(),
                        }),
                    }
                }
            }
            Ok(_) => classify(arg, &mut out),
        }
    }
    out
}

fn classify(path: &Path, out: &mut Discovered) {
    let mut head = [0u8; 1024];
    let read = File::open(path).and_then(|mut f| {
        let mut n = 0;
        loop {
            let k = f.read(&mut head[n..])?;
            if k == 0 || n + k == head.len() {
                return Ok(n + k);
            }
            n += k;
        }
    });
    match read {
        Err(e) => out.errors.push(DiscoverError { path: path.to_path_buf(), message: e.to_string() }),
        Ok(n) => match sniff(&head[..n]) {
            Some(kind) => out.inputs.push(Input { path: path.to_path_buf(), kind }),
            None => out.skipped.push(Skipped {
                path: path.to_path_buf(),
                reason: if n == 0 { "empty file".into() } else { "not a PDF, JPEG, PNG or TIFF file".into() },
            }),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Some(FileKind::Pdf));
        assert_eq!(sniff(b"\xEF\xBB\xBF%PDF-1.4"), Some(FileKind::Pdf));
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0\0\x10JFIF"), Some(FileKind::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0"), Some(FileKind::Png));
        assert_eq!(sniff(b"II*\0\x08\0\0\0"), Some(FileKind::Tiff));
        assert_eq!(sniff(b"MM\0*\0\0\0\x08"), Some(FileKind::Tiff));
        assert_eq!(sniff(b"hello world"), None);
        assert_eq!(sniff(b""), None);
    }
}
