//! Prints the MRZ-band measure of every card candidate on cached eval
//! pages (developer aid): `cargo run --release --example band_debug --
//! page.png...`; each page's `.txt` beside it gives dpi and dpi-known.
//! Per candidate: the rows found at period strengths 0.3 to 0.6, upright
//! and turned, and the strongest window.
use ausweisscan::card::{self, mrz_band};
#[path = "support/cached.rs"]
mod cached;

fn main() {
    for p in std::env::args().skip(1) {
        let Some(raster) = cached::raster(&p) else { continue };
        let dpi = raster.dpi;
        let k = (dpi as f64 / 75.0).round().max(1.0) as u32;
        let small = ausweisscan::imaging::block_mean(&raster.image, k);
        let name = std::path::Path::new(&p).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        for (i, c) in card::candidates(&raster).iter().enumerate() {
            let o = &c.outline;
            let mut cols = Vec::new();
            for flip in [false, true] {
                let s = mrz_band::strengths(&raster.image, &small, k, o, flip);
                let counts: Vec<String> =
                    [0.3, 0.4, 0.5, 0.6].iter().map(|&t| mrz_band::count_rows(&s, t).to_string()).collect();
                cols.push(format!("{} max {:.2}", counts.join("/"), s.iter().cloned().fold(0.0, f64::max)));
            }
            println!(
                "{name} #{i} {:?} edge {:.2} print {} scale {:.2}: {}",
                o.format,
                o.score,
                o.from_content,
                o.scale,
                cols.join(" | ")
            );
        }
    }
}
