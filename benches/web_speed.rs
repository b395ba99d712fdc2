//! Pages per second of the web edition in headless Chromium (one worker,
//! WebAssembly) beside the native library on one thread, in the same run on
//! the same file: the speed figure of the README.
//!
//! `bash web/build.sh && cargo bench --bench web_speed`
//! (`WEB_SPEED_FILE=path` for another file, default `fixtures/sample-akte.pdf`;
//! `WEB_SPEED_TIMES=n` scans, default 5). Needs chromium and chromedriver.

#[path = "../tests/webdriver.rs"]
#[allow(dead_code)]
mod webdriver;

use ausweisscan::{NoProgress, ScanConfig, scan_bytes};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use webdriver::{Browser, Server, on_path};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let file =
        std::env::var_os("WEB_SPEED_FILE").map(PathBuf::from).unwrap_or_else(|| root.join("fixtures/sample-akte.pdf"));
    let file = std::fs::canonicalize(&file).expect("WEB_SPEED_FILE exists");
    let times: usize = std::env::var("WEB_SPEED_TIMES").ok().and_then(|v| v.parse().ok()).unwrap_or(5);
    let dist = root.join("web/dist");
    assert!(dist.join("wasm.js").is_file(), "build the web edition first: bash web/build.sh");
    let chromium = on_path(&["chromium", "chromium-browser"]).expect("chromium in PATH");
    let driver = on_path(&["chromedriver"]).expect("chromedriver in PATH");
    let bytes = std::fs::read(&file).expect("read the file");
    let name = file.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();

    // Native, one thread, the web edition's configuration (thumbnails on).
    let cfg = ScanConfig { jobs: Some(1), thumbnails: true, ..ScanConfig::default() };
    let warm = scan_bytes(&name, bytes.clone(), &cfg, &NoProgress);
    let pages = warm.summary.pages_total as usize;
    let t = Instant::now();
    for _ in 0..times {
        scan_bytes(&name, bytes.clone(), &cfg, &NoProgress);
    }
    let native = (pages * times) as f64 / t.elapsed().as_secs_f64();

    // The page, one worker: the first scan through the file input, then
    // `times` more of the same file, timed inside the worker.
    let index = std::fs::read_to_string(dist.join("index.html")).expect("index.html");
    let server = Server::start(&dist, &webdriver::page_csp(&index).unwrap_or_default());
    let b = Browser::start(&chromium, &driver).expect("chromium through chromedriver");
    b.goto(&format!("http://{}/index.html", server.addr)).expect("open the page");
    let ready = "return window.ausweisscanPage && window.ausweisscanPage.status().ready";
    b.wait_for(ready, Duration::from_secs(60)).expect("the scanner loads");
    b.send_keys(&b.find("#files").expect("file input"), &file.display().to_string()).expect("choose the file");
    let settled =
        "const s = window.ausweisscanPage.status(); return s.files.length && s.files[0].status === 'done' && !s.busy";
    b.wait_for(settled, Duration::from_secs(900)).expect("the first scan finishes");
    let script =
        format!("const done = arguments[arguments.length - 1]; window.ausweisscanPage.bench({times}).then(done)");
    let r = b.eval_async(&script).expect("timed scans");
    let (web_pages, ms) = (r["pages"].as_f64().unwrap_or(0.0), r["ms"].as_f64().unwrap_or(f64::NAN));
    let web = web_pages / (ms / 1000.0);

    println!("file: {} ({pages} pages, {} bytes), {times} scans each", file.display(), bytes.len());
    println!("native, one thread:             {native:6.2} pages/s");
    println!("Chromium, one worker (wasm):    {web:6.2} pages/s  ({:.2}x native)", web / native);
    println!("browser: {}", b.version());
}
