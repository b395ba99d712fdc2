//! Open options with small limits, shared by the targets: each run stays
//! fast and bounded, and a limit is hit often enough to be exercised.
use ausweisscan::Limits;
use ausweisscan::source::OpenOptions;

pub fn small() -> OpenOptions {
    let limits = Limits::default()
        .with_max_image_pixels(4_000_000)
        .with_max_stream_bytes(64 << 20)
        .with_max_content_bytes(8 << 20);
    OpenOptions { limits, ..OpenOptions::default() }
}
