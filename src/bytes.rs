//! Scanning one file held in memory (a file chosen in a browser, an upload):
//! the pipeline of [`crate::scan`], with the kind told by the bytes and the
//! given name standing in for the path, so that the report is the one a scan
//! of the same file on disk gives (paths aside).

use crate::discover::{self, FileKind};
use crate::error::{FileError, PageError};
use crate::evidence::Detail;
use crate::limits::Limits;
use crate::pipeline::{self, Progress, ScanConfig};
use crate::report::Report;
use crate::source::pdf::PdfSource;
use crate::source::{self, OpenOptions, PageContent, PageSource};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

/// Scans the bytes of one file called `name`. The bytes are taken, not
/// copied: a PDF export is held once, as by a scan from disk. Never panics
/// on bad input; every failure is an entry in the report.
pub fn scan_bytes(name: &str, bytes: Vec<u8>, cfg: &ScanConfig, progress: &dyn Progress) -> Report {
    let head = &bytes[..bytes.len().min(1024)];
    let Some(kind) = discover::sniff(head) else {
        // As for a file given by name on the command line: an error, not a skip.
        let reason = if bytes.is_empty() { "empty file" } else { "not a PDF, JPEG, PNG or TIFF file" };
        let mut file = crate::report::FileReport::new(name.to_string(), "unknown");
        file.set_error(Detail::CannotRead(reason.into()));
        return pipeline::assemble(vec![file], Vec::new(), cfg);
    };
    let opts = OpenOptions { password: cfg.password.clone(), limits: cfg.limits.clone() };
    let opened = catch_unwind(AssertUnwindSafe(|| open(bytes, kind, &opts)));
    let opened = match opened {
        Ok(r) => r.map_err(Detail::File),
        Err(p) => Err(Detail::Page(PageError::Internal(pipeline::panic_message(&p)))),
    };
    let file =
        pipeline::in_pool(cfg, || pipeline::examine_source(name.to_string(), kind.name(), opened, cfg, progress));
    pipeline::assemble(vec![file], Vec::new(), cfg)
}

fn open(bytes: Vec<u8>, kind: FileKind, opts: &OpenOptions) -> Result<Box<dyn PageSource>, FileError> {
    let len = bytes.len() as u64;
    if len > opts.limits.max_file_bytes {
        return Err(FileError::Limit(format!(
            "file is {len} bytes, more than the limit of {}",
            opts.limits.max_file_bytes
        )));
    }
    match kind {
        FileKind::Pdf => Ok(Box::new(PdfSource::new(Arc::new(bytes), opts)?)),
        FileKind::Jpeg | FileKind::Png => Ok(Box::new(ImageBytes { bytes, kind, limits: opts.limits.clone() })),
        FileKind::Tiff => crate::source::tiff::open_bytes(bytes.into(), opts),
    }
}

/// A JPEG or PNG in memory: one page, decoded when it is loaded.
struct ImageBytes {
    bytes: Vec<u8>,
    kind: FileKind,
    limits: Limits,
}

impl PageSource for ImageBytes {
    fn page_count(&self) -> usize {
        1
    }

    fn load_page(&self, index: usize) -> PageContent {
        let raster = if index != 0 {
            Err(PageError::Corrupt(format!("an image file has one page, not page {}", index + 1)))
        } else {
            source::image::decode(&self.bytes, self.kind, &self.limits).map(Some)
        };
        PageContent { raster, text: Ok(None) }
    }

    fn warning(&self) -> Option<Detail> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NoProgress;
    use std::path::{Path, PathBuf};

    fn fixture(rel: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(rel)
    }

    /// The report of the bytes equals the report of the file on disk, with
    /// the name in place of the path.
    fn same_as_from_disk(rel: &str, cfg: &ScanConfig) {
        let path = fixture(rel);
        let mut from_disk = crate::scan(std::slice::from_ref(&path), cfg, &NoProgress);
        let bytes = std::fs::read(&path).expect("fixture");
        let from_bytes = scan_bytes("name.x", bytes, cfg, &NoProgress);
        for f in &mut from_disk.files {
            f.path = "name.x".into();
        }
        for s in &mut from_disk.skipped {
            s.path = "name.x".into();
        }
        assert_eq!(from_bytes, from_disk, "{rel}");
    }

    #[test]
    fn bytes_give_the_report_of_the_file_on_disk() {
        let cfg = ScanConfig { jobs: Some(2), ..ScanConfig::default() };
        for rel in [
            "encodings/multi_page_3_mixed.pdf",
            "encodings/garbage.pdf",
            "encodings/encrypted_aes256_userpw.pdf",
            "encodings/jpeg_exif_orientation6.jpg",
            "encodings/jpeg_truncated.jpg",
            "encodings/png_1bit_100dpi.png",
            "README.md",
        ] {
            same_as_from_disk(rel, &cfg);
        }
        let with_pw = ScanConfig { password: Some("geheim".into()), ..cfg };
        same_as_from_disk("encodings/encrypted_aes256_userpw.pdf", &with_pw);
    }

    /// Scans `rel` whole and in `parts` shares; the joined shares.
    fn whole_and_joined(rel: &str, parts: usize) -> (Report, Option<Report>) {
        let bytes = std::fs::read(fixture(rel)).expect("fixture");
        let cfg = ScanConfig { jobs: Some(2), thumbnails: true, ..ScanConfig::default() };
        let whole = scan_bytes("akte.pdf", bytes.clone(), &cfg, &NoProgress);
        let shares = (0..parts)
            .map(|part| {
                let cfg = ScanConfig { share: Some(crate::Share { part, parts }), ..cfg.clone() };
                scan_bytes("akte.pdf", bytes.clone(), &cfg, &NoProgress)
            })
            .collect();
        (whole, Report::join_shares(shares))
    }

    #[test]
    fn shares_of_a_file_join_into_its_report() {
        for (rel, parts) in [("sample-akte.pdf", 3), ("encodings/multi_page_3_mixed.pdf", 2)] {
            let (whole, joined) = whole_and_joined(rel, parts);
            let joined = joined.expect("clean shares join");
            assert_eq!(joined.to_json(), whole.to_json(), "{rel}");
            assert_eq!(joined, whole, "{rel} (thumbnails too)");
            assert!(whole.summary.pages_total as usize >= parts, "{rel}: every share had pages");
        }
    }

    #[test]
    fn shares_of_a_damaged_file_do_not_join() {
        let (whole, joined) = whole_and_joined("encodings/garbage.pdf", 2);
        assert!(whole.files[0].error.is_some());
        assert!(joined.is_none());
    }

    #[test]
    fn empty_and_oversized_files() {
        let r = scan_bytes("leer.pdf", Vec::new(), &ScanConfig::default(), &NoProgress);
        assert_eq!(r.files[0].error, Some(Detail::CannotRead("empty file".into())));
        let mut cfg = ScanConfig::default();
        cfg.limits.max_file_bytes = 10;
        let r = scan_bytes("gross.pdf", b"%PDF-1.4 and more than ten bytes".to_vec(), &cfg, &NoProgress);
        assert!(matches!(r.files[0].error, Some(Detail::File(FileError::Limit(_)))), "{r:?}");
    }
}
