//! The crate's one use of `unsafe`: PDF files are memory-mapped, so a 2 GiB
//! export is not read into memory (hayro needs the file as one byte slice).
//!
//! Two unsafe calls, audited here:
//! * `Mmap::map`: the slice is only valid while nobody changes the file.
//!   ausweisscan never writes its inputs; if another program truncates the
//!   file while it is scanned, reading the lost part raises SIGBUS and the
//!   process dies (the documented caveat of every memory map; the README
//!   says so). Files are mapped read-only.
//! * `madvise(MADV_DONTNEED)`: mapped pages that were read stay counted in
//!   the process's resident memory until the kernel needs them. A trimmer
//!   thread drops them every [`TRIM_EVERY`]; for a read-only file mapping
//!   the next access reads them again from the page cache or the file, so
//!   the bytes seen never change.
//!
//! The access hints (`MADV_RANDOM` while a PDF is opened, normal read-ahead
//! after) are safe calls: they change what the kernel maps ahead, never the
//! bytes.

#![allow(unsafe_code)]

use std::fs::File;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// How often read pages of a mapped file are given back.
pub(super) const TRIM_EVERY: Duration = Duration::from_millis(100);

/// A file mapped read-only.
pub(super) struct Mapped {
    map: memmap2::Mmap,
}

impl AsRef<[u8]> for Mapped {
    fn as_ref(&self) -> &[u8] {
        &self.map
    }
}

impl Mapped {
    /// Maps `path`; a trimmer thread gives back read pages while the map is
    /// alive (it holds only a weak reference and ends with the map).
    pub(super) fn open(path: &Path) -> std::io::Result<Arc<Mapped>> {
        let file = File::open(path)?;
        // SAFETY: read-only mapping of a file ausweisscan never writes; see
        // the module documentation for a file changed by another program.
        let map = unsafe { memmap2::Mmap::map(&file)? };
        // Opening a PDF jumps through the file (cross-reference entries,
        // object headers): with the kernel's read-ahead each jump maps a
        // large block, and a 2 GiB export reached 500-600 MiB resident in a
        // second. Random access maps only what is read; see [`Mapped::sequential`].
        #[cfg(unix)]
        let _ = map.advise(memmap2::Advice::Random);
        let mapped = Arc::new(Mapped { map });
        let weak = Arc::downgrade(&mapped);
        let spawned = std::thread::Builder::new().name("mmap-trim".into()).spawn(move || {
            loop {
                std::thread::sleep(TRIM_EVERY);
                match weak.upgrade() {
                    Some(m) => m.release(),
                    None => break,
                }
            }
        });
        // Without the trimmer the scan is still right, only resident memory grows.
        drop(spawned);
        Ok(mapped)
    }

    /// Restores the kernel's read-ahead once the file is open: a page's
    /// image streams are read front to back.
    pub(super) fn sequential(&self) {
        #[cfg(unix)]
        let _ = self.map.advise(memmap2::Advice::Normal);
    }

    /// Gives back the pages read so far (they are re-read on the next access).
    pub(super) fn release(&self) {
        #[cfg(unix)]
        // SAFETY: MADV_DONTNEED on a read-only, never-written file mapping
        // only drops cached pages; their content is read again on access.
        let _ = unsafe { self.map.unchecked_advise(memmap2::UncheckedAdvice::DontNeed) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapped_bytes_equal_the_file_and_survive_release() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.bin");
        let data: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&p, &data).unwrap();
        let m = Mapped::open(&p).unwrap();
        assert_eq!(m.as_ref().as_ref(), &data[..]);
        m.release();
        assert_eq!(m.as_ref().as_ref(), &data[..]);
    }
}
