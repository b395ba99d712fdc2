//! PDF page source: open arbitrary bytes, load the first pages (checks,
//! survey, fast path or render, text layer). Must never panic out or abort.
#![no_main]
use ausweisscan::source::pdf::PdfSource;
use ausweisscan::source::{OpenOptions, PageSource};
use ausweisscan::Limits;
use libfuzzer_sys::fuzz_target;
use std::sync::Arc;

fuzz_target!(|data: &[u8]| {
    // Small limits keep each run fast and bounded.
    let limits = Limits { max_image_pixels: 4_000_000, max_stream_bytes: 64 << 20, max_content_bytes: 8 << 20, ..Limits::default() };
    let opts = OpenOptions { limits, ..OpenOptions::default() };
    if let Ok(src) = PdfSource::new(Arc::new(data.to_vec()), &opts) {
        for i in 0..src.page_count().min(3) {
            let _ = src.load_page(i);
        }
        let _ = src.warning();
    }
});
