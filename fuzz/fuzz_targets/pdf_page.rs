//! PDF page source: open arbitrary bytes, load the first pages (checks,
//! survey, fast path or render, text layer). Must never panic out or abort.
//!
//! The page source runs the PDF crates (hayro, lopdf, pdf-extract) under
//! `catch_unwind` by design: a panic inside them makes the page or its text
//! layer unreadable, as it should. libFuzzer's panic hook would abort on
//! those caught panics too, so the hook here lets panics raised in a
//! dependency's own code pass (they are caught and reported by the source,
//! or escape the target and still count as a crash) and aborts on every
//! panic raised in ausweisscan or the standard library.
#![no_main]
#[path = "limits.rs"]
mod limits;
use ausweisscan::source::PageSource;
use ausweisscan::source::pdf::PdfSource;
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, Once};

fn hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let abort = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_dependency = info.location().is_some_and(|l| l.file().contains("/registry/src/"));
            if !in_dependency {
                abort(info);
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    hook();
    let opts = limits::small();
    if let Ok(src) = PdfSource::new(Arc::new(data.to_vec()), &opts) {
        for i in 0..src.page_count().min(3) {
            let _ = src.load_page(i);
        }
        let _ = src.warning();
    }
});
