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
//!
//! `GIB=2 cargo bench --bench memory` instead writes an export of at least
//! that many GiB (A4 300-dpi grey JPEG pages with heavy scanner noise, about
//! 8 MB each, so the file is far larger than the memory a scan may use) and
//! reports the peak RSS of scanning it with `--jobs 2` (`GIB_FILE=PATH`
//! keeps the file).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use image::{GrayImage, Luma};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref};

const W: u32 = 2480;
const H: u32 = 3508;

/// A noisy "scanned letter" page: text-like bars, salt noise, a page mark.
fn base_page(seed: u32, mark: u32) -> GrayImage {
    noisy_page(seed, mark, 16)
}

/// [`base_page`] with noise of `amplitude` grey levels.
fn noisy_page(seed: u32, mark: u32, amplitude: u32) -> GrayImage {
    let mut s = seed.wrapping_mul(2_654_435_761) | 1;
    GrayImage::from_fn(W, H, |x, y| {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        let line = y % 60 < 28 && x > 200 && x < W - 200 && y > 300 && y < H - 300 && (x / 23 + y / 60) % 5 != 0;
        let markbox = x > 100 + mark * 40 && x < 130 + mark * 40 && y > 100 && y < 130;
        let base: i32 = if line || markbox { 40 } else { 235 };
        Luma([(base + (s % amplitude) as i32 - amplitude as i32 / 2).clamp(0, 255) as u8])
    })
}

fn jpeg(img: &GrayImage) -> Vec<u8> {
    jpeg_q(img, 75)
}

fn jpeg_q(img: &GrayImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode(img.as_raw(), W, H, image::ExtendedColorType::L8)
        .expect("jpeg encodes");
    out
}

/// What is drawn besides the scan.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Extra {
    /// Nothing: one image per page.
    None,
    /// A light grey band over the lower fifth of every page: too large an
    /// overlay for the fast path, so hayro renders the whole page.
    Overlay,
    /// An invisible OCR text line on every page (loads the text layer).
    Ocr,
    /// A visible page stamp ("Blatt n") as file exports add: fast path plus
    /// a rendered overlay region.
    Stamp,
}

/// Writes `pages` pages cycling through `jpegs`.
fn write_pdf(path: &Path, jpegs: &[Vec<u8>], pages: usize, extra: Extra) -> u64 {
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
    let font = Ref::new(next);
    pdf.type1_font(font).base_font(Name(b"Helvetica"));
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
        if extra == Extra::Overlay {
            c.set_fill_gray(0.9).rect(0.0, 0.0, 595.0, 170.0).fill_nonzero();
        }
        let mut data = c.finish().to_vec();
        if extra == Extra::Stamp {
            let line = format!("BT /F1 9 Tf 0 Tr 500 20 Td (Blatt {}) Tj ET\n", i + 1);
            data.extend_from_slice(line.as_bytes());
        }
        if extra == Extra::Ocr {
            let line = format!("BT /F1 10 Tf 3 Tr 72 {} Td (Seite {} Bescheid vom 01.02.2025) Tj ET\n", 700, i + 1);
            data.extend_from_slice(line.as_bytes());
        }
        pdf.stream(content_id, &data);
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, 595.0, 842.0)).parent(tree).contents(content_id);
        let mut res = page.resources();
        res.x_objects().pair(Name(b"Im0"), image_id);
        if matches!(extra, Extra::Ocr | Extra::Stamp) {
            res.fonts().pair(Name(b"F1"), font);
        }
    }
    let bytes = pdf.finish();
    std::fs::write(path, &bytes).expect("write pdf");
    bytes.len() as u64
}

/// Runs the binary on `pdf`; returns (seconds, peak RSS in KiB if measured).
fn run(pdf: &Path) -> (f64, Option<u64>) {
    run_with(pdf, &[])
}

/// [`run`] with extra arguments to `scan`.
fn run_with(pdf: &Path, extra: &[&str]) -> (f64, Option<u64>) {
    let bin = env!("CARGO_BIN_EXE_ausweisscan");
    let timer = Path::new("/usr/bin/time").exists();
    let mut cmd = if timer {
        let mut c = Command::new("/usr/bin/time");
        c.args(["-f", "PEAK_RSS_KIB=%M"]).arg(bin);
        c
    } else {
        Command::new(bin)
    };
    cmd.args(["scan", "--quiet", "--json", "-"]).args(extra).arg(pdf);
    let start = Instant::now();
    let out = cmd.output().expect("run ausweisscan");
    let secs = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let rss = stderr.lines().find_map(|l| l.strip_prefix("PEAK_RSS_KIB=")).and_then(|v| v.trim().parse().ok());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("report is JSON");
    assert_eq!(report["summary"]["errors"], 0, "scan had errors: {}", report["files"][0]["error"]);
    (secs, rss)
}

/// Writes an export of at least `gib` GiB and scans it (see the module docs).
fn big_export(gib: f64) {
    let dir = tempfile::tempdir().expect("tempdir");
    let t = Instant::now();
    let jpegs: Vec<Vec<u8>> = (0..8).map(|i| jpeg_q(&noisy_page(i + 1, i, 160), 95)).collect();
    let mean = jpegs.iter().map(Vec::len).sum::<usize>() as f64 / jpegs.len() as f64;
    let pages = (gib * f64::from(1u32 << 30) / mean).ceil() as usize;
    // GIB_FILE=PATH keeps the export there for further runs.
    let path = std::env::var_os("GIB_FILE").map_or_else(|| dir.path().join("export.pdf"), Into::into);
    let size = write_pdf(&path, &jpegs, pages, Extra::None);
    println!(
        "generated {pages} pages A4 300 dpi grey DCT, {size} bytes ({:.2} GiB), in {:.1} s",
        size as f64 / f64::from(1u32 << 30),
        t.elapsed().as_secs_f64()
    );
    let (secs, rss) = run_with(&path, &["--jobs", "2"]);
    match rss {
        Some(kib) => println!("peak RSS {:.0} MiB", kib as f64 / 1024.0),
        None => println!("peak RSS not measured (/usr/bin/time missing)"),
    }
    println!("whole scan: {secs:.1} s, {:.1} pages/s", pages as f64 / secs);
}

fn main() {
    if let Some(gib) = std::env::var("GIB").ok().and_then(|v| v.parse::<f64>().ok()) {
        big_export(gib);
        return;
    }
    let pages: usize = std::env::var("PAGES").ok().and_then(|v| v.parse().ok()).unwrap_or(400);
    let dir = tempfile::tempdir().expect("tempdir");
    let t = Instant::now();
    let jpegs: Vec<Vec<u8>> = (0..8).map(|i| jpeg(&base_page(i + 1, i))).collect();
    let big = dir.path().join("scan.pdf");
    let size = write_pdf(&big, &jpegs, pages, Extra::None);
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
    std::fs::remove_file(&big).ok();

    let ocr = dir.path().join("ocr.pdf");
    write_pdf(&ocr, &jpegs, pages, Extra::Ocr);
    let (secs, rss) = run(&ocr);
    let rss = rss.map_or("not measured".to_string(), |k| format!("{:.0} MiB", k as f64 / 1024.0));
    println!("same with an invisible text layer: peak RSS {rss}, {:.1} pages/s", pages as f64 / secs);
    std::fs::remove_file(&ocr).ok();

    let n = (pages / 10).max(8);
    let fast = dir.path().join("fast.pdf");
    let slow = dir.path().join("render.pdf");
    write_pdf(&fast, &jpegs, n, Extra::None);
    write_pdf(&slow, &jpegs, n, Extra::Overlay);
    let stamped = dir.path().join("stamped.pdf");
    write_pdf(&stamped, &jpegs, n, Extra::Stamp);
    let (fs, _) = run(&fast);
    let (ss, _) = run(&stamped);
    let (rs, _) = run(&slow);
    println!(
        "{n} pages: fast path {:.1} pages/s, fast path + stamp overlay {:.1} pages/s, \
         render path {:.1} pages/s; render/fast time ratio {:.1}x",
        n as f64 / fs,
        n as f64 / ss,
        n as f64 / rs,
        rs / fs
    );
}
