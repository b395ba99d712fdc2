//! The text-layer MRZ finder and parser on arbitrary text.
#![no_main]
use ausweisscan::detect::{Findings, examine_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut f = Findings::default();
    examine_text(&text, &mut f);
});
