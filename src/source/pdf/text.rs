//! The text layer, page by page, with pdf-extract (lopdf underneath).
//!
//! pdf-extract's own by-pages helpers stop silently at the first bad page and
//! can panic inside, so pages are extracted one by one under `catch_unwind`.
//! Image streams are emptied while loading: the text layer never needs them,
//! and keeping them would hold a second copy of every scan in memory.

use crate::error::PageError;
use pdf_extract::{Document, LoadOptions, Object, PlainTextOutput};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Why the text layer is not used.
#[derive(Debug)]
pub(crate) enum LoadError {
    /// lopdf cannot read the file.
    Unreadable(String),
    /// The file's fonts are over a limit; its text is not extracted.
    Refused(String),
}

/// A loaded document, ready to give each page's text.
pub(crate) struct TextLayer {
    doc: Document,
    pages: usize,
}

/// Drops the data of image streams while lopdf loads them (lopdf re-reads
/// streams it finds empty, hence one byte is left).
fn drop_images(_id: (u32, u16), obj: &mut Object) -> Option<((u32, u16), Object)> {
    if let Object::Stream(s) = obj
        && s.dict.get(b"Subtype").and_then(|o| o.as_name()).is_ok_and(|n| n == b"Image")
    {
        s.content = vec![b' '];
    }
    // lopdf keeps the mutated object for top-level objects and the returned
    // one for objects inside object streams.
    Some((_id, obj.clone()))
}

impl TextLayer {
    /// Loads the document for text extraction, or says why it cannot be.
    /// A font whose character maps exceed the limits (see [`super::cmap`])
    /// is `Refused`: handing it to pdf-extract could exhaust memory.
    pub(super) fn load(bytes: &[u8], password: &str, cap: u64) -> Result<TextLayer, LoadError> {
        let layer = Self::load_unchecked(bytes, password).map_err(LoadError::Unreadable)?;
        let checked = catch_unwind(AssertUnwindSafe(|| super::cmap::check(&layer.doc, cap)))
            .unwrap_or_else(|_| Err("the character map check crashed".into()));
        checked.map_err(LoadError::Refused)?;
        Ok(layer)
    }

    fn load_unchecked(bytes: &[u8], password: &str) -> Result<TextLayer, String> {
        let opts = LoadOptions { password: Some(password.to_string()), filter: Some(drop_images), strict: false };
        let loaded = catch_unwind(AssertUnwindSafe(|| Document::load_mem_with_options(bytes, opts)));
        let mut doc = match loaded {
            Ok(Ok(d)) => d,
            Ok(Err(e)) => return Err(e.to_string()),
            Err(_) => return Err("the text reader crashed on this file".into()),
        };
        if doc.is_encrypted() {
            let r = catch_unwind(AssertUnwindSafe(|| doc.decrypt(password)));
            match r {
                Ok(Ok(())) => {}
                Ok(Err(e)) => return Err(e.to_string()),
                Err(_) => return Err("the text reader crashed while decrypting".into()),
            }
        }
        let pages = catch_unwind(AssertUnwindSafe(|| doc.get_pages().len())).unwrap_or(0);
        Ok(TextLayer { doc, pages })
    }

    /// Number of pages the text reader sees.
    pub(super) fn page_count(&self) -> usize {
        self.pages
    }

    /// The text of page `index` (0-based); `Ok(None)` when it has none.
    pub(super) fn page(&self, index: usize) -> Result<Option<String>, PageError> {
        let number = index as u32 + 1;
        let run = catch_unwind(AssertUnwindSafe(|| {
            let mut s = String::new();
            let r = pdf_extract::output_doc_page(&self.doc, &mut PlainTextOutput::new(&mut s), number);
            r.map(|()| s)
        }));
        match run {
            Ok(Ok(s)) if s.trim().is_empty() => Ok(None),
            Ok(Ok(s)) => Ok(Some(s)),
            Ok(Err(e)) => Err(PageError::Corrupt(format!("the text layer cannot be read: {e}"))),
            Err(_) => Err(PageError::Corrupt("the text layer cannot be read (the text reader crashed)".into())),
        }
    }
}
