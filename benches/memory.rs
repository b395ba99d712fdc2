//! Memory and speed of the PDF page source on a large scanned export.
//!
//! Generates a 400-page A4 300-dpi greyscale DCT PDF (a few noisy base pages,
//! each page a distinct JPEG: page number marks and noise seeds differ), runs
//! the release binary over it and prints peak RSS and pages/s. Then compares
//! the fast path (one image covering the page, used natively) with the render
//! path (the same pages with a small vector mark drawn over them, which makes
//! hayro render the whole page) on a shorter file.
//!
//! `cargo bench --bench memory` (set `PAGES=n` for a different size).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use image::{GrayImage, Luma};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref};

const W: u32 = 2480;
const H: u32 = 3508;

/// A noisy "scanned letter" page: text-like bars, salt noise, a page mark.
fn base_page(seed: u32, mark: u32) -> GrayImage {
    let mut s = seed.wrapping_mul(2_654_435_761) | 1;
    GrayImage::from_fn(W, H, |x, y| {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        let line = y % 60 < 28 && x > 200 && x < W - 200 && y > 300 && y < H - 300 && (x / 23 + y / 60) % 5 != 0;
        let markbox = x > 100 + mark * 40 && x < 130 + mark * 40 && y > 100 && y < 130;
        let base: i32 = if line || markbox { 40 } else { 235 };
        Luma([(base + (s % 16) as i32 - 8).clamp(0, 255) as u8])
    })
}

fn jpeg(img: &GrayImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 75)
        .encode(img.as_raw(), W, H, image::ExtendedColorType::L8)
        .expect("jpeg encodes");
    out
}

/// Writes `pages` pages cycling through `jpegs`; `overlay` draws a small
/// vector mark over every page.
fn write_pdf(path: &Path, jpegs: &[Vec<u8>], pages: usize, overlay: bool) -> u64 {
    let mut pdf = Pdf::new();
    let tree = Ref::new(2);
    let mut next = 3;
    let ids: Vec<(Ref, Ref, Ref)> = (0..pages)
        .map(|_| {
            let r = (Ref::new(next), Ref::new(next + 1), Ref::new(next + 2));
            next += 3;
            r
        })
        .collect();
    pdf.catalog(Ref::new(1)).pages(tree);
    pdf.pages(tree).kids(ids.iter().map(|i| i.0)).count(pages as i32);
    for (i, &(page_id, content_id, image_id)) in ids.iter().enumerate() {
        let data = &jpegs[i % jpegs.len()];
        let mut x = pdf.image_xobject(image_id, data);
        x.width(W as i32).height(H as i32).bits_per_component(8).filter(Filter::DctDecode);
        x.color_space().device_gray();
        x.finish();
        let mut c = Content::new();
        c.save_state().transform([595.0, 0.0, 0.0, 842.0, 0.0, 0.0]).x_object(Name(b"Im0")).restore_state();
        if overlay {
            c.set_fill_gray(0.0).rect(20.0, 20.0, 4.0, 4.0).fill_nonzero();
        }
        pdf.stream(content_id, &c.finish());
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, 595.0, 842.0)).parent(tree).contents(content_id);
        page.resources().x_objects().pair(Name(b"Im0"), image_id);
    }
    let bytes = pdf.finish();
    std::fs::write(path, &bytes).expect("write pdf");
    bytes.len() as u64
}

/// Runs the binary on `pdf`; returns (seconds, peak RSS in KiB if measured).
fn run(pdf: &Path) -> (f64, Option<u64>) {
    let bin = env!("CARGO_BIN_EXE_ausweisscan");
    let timer = Path::new("/usr/bin/time").exists();
    let mut cmd = if timer {
        let mut c = Command::new("/usr/bin/time");
        c.args(["-f", "PEAK_RSS_KIB=%M"]).arg(bin);
        c
    } else {
        Command::new(bin)
    };
    cmd.args(["scan", "--quiet", "--json", "-"]).arg(pdf);
    let start = Instant::now();
    let out = cmd.output().expect("run ausweisscan");
    let secs = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let rss = stderr.lines().find_map(|l| l.strip_prefix("PEAK_RSS_KIB=")).and_then(|v| v.trim().parse().ok());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("report is JSON");
    assert_eq!(report["summary"]["errors"], 0, "scan had errors: {}", report["files"][0]["error"]);
    (secs, rss)
}

fn main() {
    let pages: usize = std::env::var("PAGES").ok().and_then(|v| v.parse().ok()).unwrap_or(400);
    let dir = tempfile::tempdir().expect("tempdir");
    let t = Instant::now();
    let jpegs: Vec<Vec<u8>> = (0..8).map(|i| jpeg(&base_page(i + 1, i))).collect();
    let big = dir.path().join("scan.pdf");
    let size = write_pdf(&big, &jpegs, pages, false);
    println!(
        "generated {pages} pages A4 300 dpi grey DCT, {:.0} MB, in {:.1} s",
        size as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    let (secs, rss) = run(&big);
    match rss {
        Some(kib) => println!("peak RSS {:.0} MiB (limit 1024 MiB)", kib as f64 / 1024.0),
        None => println!("peak RSS not measured (/usr/bin/time missing)"),
    }
    println!("whole scan: {:.1} s, {:.1} pages/s", secs, pages as f64 / secs);

    let n = (pages / 10).max(8);
    let fast = dir.path().join("fast.pdf");
    let slow = dir.path().join("render.pdf");
    write_pdf(&fast, &jpegs, n, false);
    write_pdf(&slow, &jpegs, n, true);
    let (fs, _) = run(&fast);
    let (rs, _) = run(&slow);
    println!(
        "{n} pages: fast path {:.1} pages/s, render path {:.1} pages/s, ratio {:.1}x",
        n as f64 / fs,
        n as f64 / rs,
        rs / fs
    );
}
