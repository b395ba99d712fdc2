//! Speed of `mrz::image::find` on one thread, per 300-dpi A4 page
//! (2480x3508 grey): a blank page, a page of dense monospaced text, and a
//! page with a TD1 and a TD3 MRZ among text. Prints ms per page.
//!
//! Run: `cargo bench --bench mrz_speed`

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
    use ausweisscan::mrz::image::{lines, prep};
    let n = 10;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(prep::downscale(img, 3));
    }
    let small = prep::downscale(img, 3);
    let t1 = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(prep::binarise(&small, 12, 24));
    }
    let bin = prep::binarise(&small, 12, 24);
    let t2 = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(prep::components(&bin, small.w, small.h, 6, 40));
    }
    let comps = prep::components(&bin, small.w, small.h, 6, 40);
    let t3 = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(lines::chains(&comps, small.w, small.h));
    }
    let t4 = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
    println!(
        "  stages: downscale {t1:.2} binarise {t2:.2} components {t3:.2} ({} comps) chains {t4:.2} ms",
        comps.len()
    );
}

fn main() {
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
