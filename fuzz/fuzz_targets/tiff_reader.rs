//! The TIFF source (classic, BigTIFF, palette patching, pooled decoders),
//! reading the bytes from memory as the web edition does.
#![no_main]
#[path = "limits.rs"]
mod limits;
use ausweisscan::source::tiff;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = limits::small();
    if let Ok(src) = tiff::open_bytes(data.into(), &opts) {
        for i in 0..src.page_count().min(3) {
            let _ = src.load_page(i);
        }
    }
});
