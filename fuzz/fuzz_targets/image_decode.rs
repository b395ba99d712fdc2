//! Loose JPEG and PNG decoding (zune-jpeg, image/png with our limits and
//! metadata-chunk check).
#![no_main]
use ausweisscan::Limits;
use ausweisscan::discover::FileKind;
use ausweisscan::source::image::decode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_image_pixels: 4_000_000, max_content_bytes: 8 << 20, ..Limits::default() };
    let kind = if data.first() == Some(&0x89) { FileKind::Png } else { FileKind::Jpeg };
    let _ = decode(data, kind, &limits);
});
