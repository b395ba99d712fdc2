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
    } else if [&b"II*\0"[..], b"MM\0*", b"II+\0", b"MM\0+"].iter().any(|m| head.starts_with(m)) {
        // Classic TIFF (42) and BigTIFF (43).
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

/// Walks `paths`. Every path given or met is accounted for: examined,
/// skipped with a reason, or an error. Only regular files are ever opened
/// (a named pipe or a device would block or never end). A path given by name
/// that cannot be examined (missing, empty, of no supported kind, not a
/// regular file) is an error; the same met inside a folder is skipped.
/// Symbolic links to files are followed; links to folders inside a folder
/// are not descended into, to avoid cycles.
pub fn discover(paths: &[PathBuf]) -> Discovered {
    let mut out = Discovered::default();
    for arg in paths {
        match std::fs::metadata(arg) {
            Err(e) => out.errors.push(DiscoverError { path: arg.clone(), message: link_error(arg, &e) }),
            Ok(m) if m.is_dir() => walk(arg, &mut out),
            Ok(m) => match special(&m.file_type()) {
                Some(what) => out
                    .errors
                    .push(DiscoverError { path: arg.clone(), message: format!("not a regular file ({what})") }),
                None => classify(arg, Found::Given, &mut out),
            },
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Discovered) {
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| dir.to_path_buf());
                out.errors.push(DiscoverError { path, message: e.to_string() });
                continue;
            }
        };
        let ft = e.file_type();
        if ft.is_dir() {
            continue;
        }
        let path = e.path();
        if ft.is_file() {
            classify(path, Found::InFolder, out);
            continue;
        }
        if ft.is_symlink() {
            match std::fs::metadata(path) {
                Err(err) => skip(path, link_error(path, &err), out),
                Ok(m) if m.is_dir() => skip(path, "link to a folder, not followed".into(), out),
                Ok(m) if m.is_file() => classify(path, Found::InFolder, out),
                Ok(m) => skip(path, format!("link to something that is not a regular file ({})", describe(&m)), out),
            }
            continue;
        }
        let what = special(&ft).unwrap_or("not a regular file");
        skip(path, format!("not a regular file ({what})"), out);
    }
}

fn skip(path: &Path, reason: String, out: &mut Discovered) {
    out.skipped.push(Skipped { path: path.to_path_buf(), reason });
}

fn describe(m: &std::fs::Metadata) -> &'static str {
    special(&m.file_type()).unwrap_or("unknown kind")
}

/// What a special file is, or `None` for a regular file or folder.
fn special(ft: &std::fs::FileType) -> Option<&'static str> {
    if ft.is_file() || ft.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("named pipe");
        }
        if ft.is_socket() {
            return Some("socket");
        }
        if ft.is_block_device() || ft.is_char_device() {
            return Some("device");
        }
    }
    Some("special file")
}

/// Why a path cannot be followed: a broken link and a link loop say so.
fn link_error(path: &Path, e: &std::io::Error) -> String {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return e.to_string();
    }
    // ELOOP is 40 on Linux; other systems' numbers differ, the text says it.
    if e.raw_os_error() == Some(40) || e.to_string().to_lowercase().contains("symbolic links") {
        format!("symbolic link loop ({e})")
    } else {
        format!("broken symbolic link ({e})")
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Found {
    /// Named on the command line: what cannot be examined is an error.
    Given,
    /// Met inside a folder: what is not a scan is skipped.
    InFolder,
}

fn classify(path: &Path, found: Found, out: &mut Discovered) {
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
            None => {
                let reason = if n == 0 { "empty file" } else { "not a PDF, JPEG, PNG or TIFF file" };
                match found {
                    Found::Given => out.errors.push(DiscoverError { path: path.to_path_buf(), message: reason.into() }),
                    Found::InFolder => skip(path, reason.into(), out),
                }
            }
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
        assert_eq!(sniff(b"II+\0\x08\0\0\0"), Some(FileKind::Tiff));
        assert_eq!(sniff(b"hello world"), None);
        assert_eq!(sniff(b""), None);
    }
}
