//! The page pipeline on a small raster made from the fuzz bytes: normalise,
//! every image detector (MRZ reader, card outline, face, layout), the score
//! and the redacted thumbnail. Bytes: width, height, dpi, then the pixels
//! (repeated to fill the raster; white when there are none).
#![no_main]
use ausweisscan::detect::{Findings, examine_raster};
use ausweisscan::source::Raster;
use ausweisscan::{Limits, raster, report, score};
use image::GrayImage;
use libfuzzer_sys::fuzz_target;

/// Longest side of a fuzzed raster: large enough for a card at low dpi,
/// small enough for thousands of runs a minute.
const MAX_SIDE: u32 = 300;

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let w = 1 + u32::from(data[0]) * MAX_SIDE / 256;
    let h = 1 + u32::from(data[1]) * MAX_SIDE / 256;
    // 0 = unknown resolution (a phone photo); otherwise 20..=274 dpi, so a
    // 300-pixel raster spans a card at the low end and an MRZ line at the high end.
    let (dpi, dpi_known) = match data[2] {
        0 => (72.0, false),
        d => (19.0 + f32::from(d), true),
    };
    let pixels = &data[3..];
    let image = GrayImage::from_fn(w, h, |x, y| {
        if pixels.is_empty() {
            image::Luma([255])
        } else {
            image::Luma([pixels[((y * w + x) as usize) % pixels.len()]])
        }
    });
    let r = raster::normalise(Raster { image, dpi, dpi_known }, &Limits::default());
    let mut findings = Findings::default();
    examine_raster(&r, &mut findings);
    let judgement = score::judge(&findings);
    assert!((0.0..=1.0).contains(&judgement.confidence), "confidence {}", judgement.confidence);
    let _ = report::thumbnail::make(&r, &findings.evidence, false);
});
