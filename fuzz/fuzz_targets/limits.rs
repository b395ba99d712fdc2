//! Open options with small limits, shared by the targets: each run stays
//! fast and bounded, and a limit is hit often enough to be exercised.
use ausweisscan::Limits;
use ausweisscan::source::OpenOptions;

pub fn small() -> OpenOptions {
    let limits = Limits {
        max_image_pixels: 4_000_000,
        max_stream_bytes: 64 << 20,
        max_content_bytes: 8 << 20,
        ..Limits::default()
    };
    OpenOptions { limits, ..OpenOptions::default() }
}
