//! The TIFF source (classic, BigTIFF, palette patching, pooled decoders),
//! through a file because the source reads from disk.
#![no_main]
use ausweisscan::Limits;
use ausweisscan::source::{OpenOptions, tiff};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::env::temp_dir().join(format!("ausweisscan-fuzz-{}.tif", std::process::id()));
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let limits = Limits {
        max_image_pixels: 4_000_000,
        max_stream_bytes: 64 << 20,
        max_content_bytes: 8 << 20,
        ..Limits::default()
    };
    let opts = OpenOptions { limits, ..OpenOptions::default() };
    if let Ok(src) = tiff::open(&path, &opts) {
        for i in 0..src.page_count().min(3) {
            let _ = src.load_page(i);
        }
    }
});
