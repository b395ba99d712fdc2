//! Face detector settings on cached evaluation pages (developer aid): for
//! every card candidate on the pages of `EVAL_CACHE`-style cache files
//! (train and validation families only, never test), the best face score
//! at each of several card scales (px/mm) and pre-blurs, as CSV on stdout.
//! `cargo run --release --example face_variants -- DIR [px/mm:sigma ...]`
//! (default `2.2:0 2.6:0 3.0:0 3.7:0 4.5:0`); `ONLY_DAMAGE=bitonal,dither`
//! keeps those damages, `ONLY_CLASS=id_front,reduced` the pages whose file
//! name holds one of the words, `DUMP=DIR` writes each card image searched
//! (to look at what the detector saw). Share of pages with a face at a
//! score threshold, per class and split, is then a short script over the
//! CSV. It measures one search per variant, not the second search a scan
//! runs on bitonal pages.
use ausweisscan::card;
use ausweisscan::source::Raster;
use image::GrayImage;
use rayon::prelude::*;

/// Best score of a face of portrait size (`card::face::PORTRAIT_MM`),
/// searched as a scan searches, down to score 0.3.
fn best_face(g: &GrayImage, px_per_mm: f64) -> f64 {
    let (lo, hi) = card::face::PORTRAIT_MM;
    card::face::faces_from(g, px_per_mm, 0.3)
        .iter()
        .filter(|f| (lo..=hi).contains(&f.mm))
        .map(|f| f.score)
        .fold(0.0, f64::max)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: face_variants CACHE_DIR [px_per_mm:sigma ...]");
        std::process::exit(2);
    };
    let mut variants: Vec<(f64, f32)> = args
        .filter_map(|a| {
            let (s, b) = a.split_once(':')?;
            Some((s.parse().ok()?, b.parse().ok()?))
        })
        .collect();
    if variants.is_empty() {
        variants = vec![(2.2, 0.0), (2.6, 0.0), (3.0, 0.0), (3.7, 0.0), (4.5, 0.0)];
    }
    let only = std::env::var("ONLY_DAMAGE").ok();
    let classes = std::env::var("ONLY_CLASS").ok();
    let mut stems: Vec<String> = std::fs::read_dir(&dir)
        .expect("a cache directory")
        .filter_map(|e| e.ok())
        .map(|e| e.path().to_string_lossy().to_string())
        .filter(|p| p.ends_with(".png") && !p.contains("-test-"))
        .map(|p| p.trim_end_matches(".png").to_string())
        .collect();
    stems.sort();
    let rows: Vec<String> = stems
        .par_iter()
        .flat_map(|stem| {
            let meta = std::fs::read_to_string(format!("{stem}.txt")).unwrap_or_default();
            let mut it = meta.lines();
            let dpi: f32 = it.next().and_then(|v| v.parse().ok()).unwrap_or(200.0);
            let known = it.next() == Some("1");
            let damage = it.next().unwrap_or("").to_string();
            let family = it.next().unwrap_or("").to_string();
            let picked =
                |list: &Option<String>, v: &str| list.as_deref().is_none_or(|l| l.split(',').any(|x| v.contains(x)));
            if !picked(&only, &damage) || !picked(&classes, stem) {
                return Vec::new();
            }
            let Ok(img) = image::open(format!("{stem}.png")) else { return Vec::new() };
            let raster = Raster { image: img.into_luma8(), dpi, dpi_known: known };
            let page_dpi =
                if known { dpi as f64 } else { raster.image.width().max(raster.image.height()) as f64 / 11.69 };
            let k = (page_dpi / 75.0).round().max(1.0) as u32;
            let small = ausweisscan::imaging::block_mean(&raster.image, k);
            let name = stem.rsplit('/').next().unwrap_or(stem).to_string();
            let variants = &variants;
            card::candidates(&raster)
                .iter()
                .enumerate()
                .map(|(ci, c)| {
                    let scores: Vec<String> = variants
                        .iter()
                        .map(|&(ppm, sigma)| {
                            let best = [false, true]
                                .iter()
                                .map(|&flip| {
                                    let mut g = card::face_image(&raster.image, &small, k, &c.outline, flip, ppm);
                                    if sigma > 0.0 {
                                        g = imageproc::filter::gaussian_blur_f32(&g, sigma);
                                    }
                                    if let Ok(dir) = std::env::var("DUMP") {
                                        let _ =
                                            g.save(format!("{dir}/{name}-{ci}-{ppm}-{sigma}-{}.png", u8::from(flip)));
                                    }
                                    best_face(&g, ppm)
                                })
                                .fold(0.0, f64::max);
                            format!("{best:.2}")
                        })
                        .collect();
                    format!("{name},{damage},{family},{dpi},{ci},{:.2},{}", c.outline.score, scores.join(","))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let names: Vec<String> = variants.iter().map(|(p, s)| format!("{p}:{s}")).collect();
    println!("stem,damage,family,dpi,cand,outline,{}", names.join(","));
    for r in rows {
        println!("{r}");
    }
}
