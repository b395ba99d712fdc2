//! Loose JPEG and PNG decoding (zune-jpeg, image/png with our limits and
//! metadata-chunk check).
#![no_main]
#[path = "limits.rs"]
mod limits;
use ausweisscan::discover::FileKind;
use ausweisscan::source::image::decode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = limits::small().limits;
    let kind = if data.first() == Some(&0x89) { FileKind::Png } else { FileKind::Jpeg };
    let _ = decode(data, kind, &limits);
});
