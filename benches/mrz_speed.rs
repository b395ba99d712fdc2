//! Speed of `mrz::image::find` on one thread, per 300-dpi A4 page
//! (2480x3508 grey): a blank page, a page of dense monospaced text, and a
//! page with a TD1 and a TD3 MRZ among text. Prints ms per page.
//!
//! Run: `cargo bench --bench mrz_speed`; with MRZ_PAGES=a.png,b.png (eval
//! cache pages) it prints stage times and candidate counts for those pages.

use ausweisscan::mrz::image::find;
use ausweisscan::mrz::ocrb::render_glyph;
use ausweisscan::source::Raster;
use image::GrayImage;
use std::time::Instant;

const DPI: f32 = 300.0;

/// Draws `text` in OCR-B at pitch 2.54 mm, baseline at (x, y) in pixels.
fn draw(img: &mut GrayImage, text: &str, x: f32, y: f32, cap_mm: f32) {
    let px = DPI / 25.4;
    let (pitch, cap) = (2.54 * px * cap_mm / 2.1, cap_mm * px);
    for (i, c) in text.chars().enumerate() {
        let Some(g) = render_glyph(c, cap) else { continue };
        let ox = (x + i as f32 * pitch + g.left) as i64;
        let oy = (y + g.top) as i64;
        for gy in 0..g.h {
            for gx in 0..g.w {
                let (px, py) = (ox + gx as i64, oy + gy as i64);
                if px >= 0 && py >= 0 && (px as u32) < img.width() && (py as u32) < img.height() {
                    let v = (235.0 - 215.0 * g.buf[gy * g.w + gx]) as u8;
                    let p = img.get_pixel_mut(px as u32, py as u32);
                    p.0[0] = p.0[0].min(v);
                }
            }
        }
    }
}

fn text_page(lines: usize) -> GrayImage {
    let mut img = GrayImage::from_pixel(2480, 3508, image::Luma([235]));
    let mut seed = 12345u64;
    for l in 0..lines {
        let s: String = (0..70)
            .map(|_| {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let k = (seed >> 33) % 32;
                if k < 6 { ' ' } else { (b'A' + (k - 6) as u8) as char }
            })
            .collect();
        draw(&mut img, &s, 150.0, 250.0 + l as f32 * 60.0, 2.1);
    }
    img
}

fn time(name: &str, img: GrayImage, expect: usize) {
    let r = Raster { image: img, dpi: DPI, dpi_known: true };
    let found = find(&r);
    assert!(found.len() >= expect, "{name}: found {}", found.len());
    let n = 20;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(find(std::hint::black_box(&r)));
    }
    let ms = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
    println!("{name:<28} {ms:7.2} ms/page  ({} MRZ found)", found.len());
}

/// Times the search stages on one page, to see where the time goes.
fn stages(img: &GrayImage) {
    use ausweisscan::imaging::block_mean;
    use ausweisscan::mrz::image::{lines, prep};
    let n = 10;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(block_mean(img, 3));
    }
    let small = block_mean(img, 3);
    let (sw, sh) = (small.width() as usize, small.height() as usize);
    let t1 = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(prep::binarise(&small, 12, 24));
    }
    let bin = prep::binarise(&small, 12, 24);
    let t2 = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(prep::components(&bin, sw, sh, 6, 40));
    }
    let comps = prep::components(&bin, sw, sh, 6, 40);
    let t3 = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(lines::chains(&comps, sw, sh));
    }
    let t4 = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
    println!(
        "  stages: downscale {t1:.2} binarise {t2:.2} components {t3:.2} ({} comps) chains {t4:.2} ms",
        comps.len()
    );
}

/// Milliseconds this thread has run on a CPU (Linux schedstat), so that
/// stage times stay comparable on a machine shared with other jobs; wall
/// time where that is not available.
fn cpu_ms(wall: Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse::<f64>().ok()))
        .map_or_else(|| wall.elapsed().as_secs_f64() * 1e3, |ns| ns / 1e6)
}

/// Stage times (on-CPU) and counts for cached eval pages (EVAL_CACHE layout: a PNG
/// and a `.txt` whose first line is the dpi), given as a comma-separated
/// list of PNG paths in MRZ_PAGES.
fn pages(list: &str) {
    use ausweisscan::imaging::block_mean;
    use ausweisscan::mrz::image::{lines, prep};
    for path in list.split(',').filter(|p| !p.is_empty()) {
        let path = std::path::Path::new(path);
        let meta = std::fs::read_to_string(path.with_extension("txt")).unwrap_or_default();
        let dpi: f32 = meta.lines().next().and_then(|l| l.parse().ok()).unwrap_or(300.0);
        let Ok(img) = image::open(path).map(|i| i.into_luma8()) else {
            println!("{}: cannot open", path.display());
            continue;
        };
        let limits = ausweisscan::Limits::default();
        let r = ausweisscan::raster::normalise(Raster { image: img, dpi, dpi_known: true }, &limits);
        let f = ((r.dpi / 100.0).floor() as usize).max(1);
        let wall = Instant::now();
        let t0 = cpu_ms(wall);
        let small = block_mean(&r.image, f as u32);
        let (sw, sh) = (small.width() as usize, small.height() as usize);
        let bin = prep::binarise(&small, 12, 24);
        let t1 = cpu_ms(wall) - t0;
        let work_dpi = r.dpi / f as f32;
        let min_n = ((work_dpi / 100.0).powi(2) * 6.0) as u32;
        let comps = prep::components(&bin, sw, sh, min_n.max(4), (work_dpi * 0.4) as u16);
        let t2 = cpu_ms(wall) - t0;
        let chains = lines::chains(&comps, sw, sh);
        let t3 = cpu_ms(wall) - t0;
        let groups = lines::groups(&chains);
        let variants: usize = groups.iter().map(|g| lines::variants(g).len()).sum();
        let wall = Instant::now();
        let t = cpu_ms(wall);
        let found = find(&r);
        let all = cpu_ms(wall) - t;
        println!(
            "{:<32} {:>4} dpi: prep {t1:6.1} comps {:6.1} chains {:6.1} ms | find {all:7.1} ms | {} comps {} chains {} groups {variants} variants {} MRZ",
            path.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned()),
            r.dpi,
            t2 - t1,
            t3 - t2,
            comps.len(),
            chains.len(),
            groups.len(),
            found.len()
        );
    }
}

fn main() {
    if let Ok(list) = std::env::var("MRZ_PAGES") {
        pages(&list);
        return;
    }
    time("blank A4 300 dpi", GrayImage::from_pixel(2480, 3508, image::Luma([235])), 0);
    let text = text_page(50);
    stages(&text);
    time("text A4 300 dpi (50 lines)", text, 0);
    let mut img = text_page(25);
    let td3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"];
    for (i, l) in td3.iter().enumerate() {
        draw(&mut img, l, 300.0, 2300.0 + i as f32 * 50.0, 2.1);
    }
    let td1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"];
    for (i, l) in td1.iter().enumerate() {
        draw(&mut img, l, 300.0, 2900.0 + i as f32 * 50.0, 2.1);
    }
    time("text + TD3 + TD1", img, 2);
}
