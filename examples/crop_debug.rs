//! Dumps what the card classifier sees on cached eval pages (developer aid):
//! `cargo run --release --example crop_debug -- OUT_DIR page.png...`; each
//! page's `.txt` beside it gives dpi, dpi-known and damage. Writes each
//! candidate's upright crop, 3x enlarged, and prints its class probabilities;
//! `PAGE=1` also writes the page as the card detectors see it (~75 dpi).
use ausweisscan::card::{self, layout};
#[path = "support/cached.rs"]
mod cached;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((out, pages)) = args.split_first() else {
        eprintln!("usage: crop_debug OUT_DIR page.png...");
        return;
    };
    for p in pages {
        let Some(raster) = cached::raster(p) else {
            eprintln!("{p}: cannot open");
            continue;
        };
        let dpi = raster.dpi;
        let k = (dpi as f64 / 75.0).round().max(1.0) as u32;
        let small = ausweisscan::imaging::block_mean(&raster.image, k);
        let name = std::path::Path::new(p).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        if std::env::var_os("PAGE").is_some() {
            let _ = small.save(format!("{out}/{name}-page.png"));
        }
        for (i, c) in card::candidates(&raster).iter().enumerate() {
            let r = card::classify(c, layout::weights());
            let crop = card::crop(&small, k as f64, &c.outline, r.flipped);
            let big = image::GrayImage::from_fn(crop.w as u32 * 3, crop.h as u32 * 3, |x, y| {
                image::Luma([crop.px[(y / 3) as usize * crop.w + (x / 3) as usize].clamp(0.0, 255.0) as u8])
            });
            let _ = big.save(format!("{out}/{name}-{i}.png"));
            let f = &c.features[usize::from(r.flipped)];
            if std::env::var_os("EXPLAIN").is_some() {
                // the features that most favour "no card" over "ID front"
                let w = layout::weights();
                let mut d: Vec<(f64, usize)> = (0..layout::NF).map(|j| (f[j] * (w[0][j] - w[1][j]), j)).collect();
                d.sort_by(|a, b| b.0.total_cmp(&a.0));
                let top: Vec<String> = d.iter().take(8).map(|(v, j)| format!("f{j}={:.2}:{v:+.2}", f[*j])).collect();
                println!("  none-vs-front bias {:+.2}; top {}", w[0][layout::NF] - w[1][layout::NF], top.join(" "));
            }
            let from = if std::env::var_os("FULL").is_some() { 0 } else { f.len().min(14) };
            let tail: Vec<String> = f[from..].iter().map(|v| format!("{v:.2}")).collect();
            println!(
                "{name} #{i} {:?} score {:.2} content {} probs {:.2?} bg {:.0} ink {:.0} tail {}",
                c.outline.format,
                c.outline.score,
                c.outline.from_content,
                r.probs,
                crop.bg,
                crop.ink,
                tail.join(" ")
            );
        }
    }
}
