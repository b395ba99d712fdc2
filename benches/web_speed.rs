//! Pages per second of the web edition in headless Chromium (one worker,
//! and several workers on shares of the pages, WebAssembly) beside the
//! native library on one thread, in the same run on the same file: the
//! speed figure of the README.
//!
//! `bash web/build.sh && cargo bench --bench web_speed`
//! (`WEB_SPEED_FILE=path` for another file, default `fixtures/sample-akte.pdf`;
//! `WEB_SPEED_TIMES=n` scans, default 5; `WEB_SPEED_PARTS=n` workers for
//! the split run, default 2). Needs chromium and chromedriver.
//! Also prints the peak resident memory of the browser's processes while it
//! scans (the largest one, where the page's worker runs, and all together),
//! sampled from /proc every 50 ms: the figure for a large export, e.g. the
//! 300 MB one that `GIB=0.3 GIB_FILE=/tmp/export.pdf cargo bench --bench
//! memory` writes.

#[path = "../tests/webdriver.rs"]
#[allow(dead_code)]
mod webdriver;

use ausweisscan::{NoProgress, ScanConfig, scan_bytes};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
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
    let cfg = ScanConfig::default().with_jobs(Some(1)).with_thumbnails(true);
    let warm = scan_bytes(&name, bytes.clone(), &cfg, &NoProgress);
    let pages = warm.summary.pages_total as usize;
    let t = Instant::now();
    for _ in 0..times {
        scan_bytes(&name, bytes.clone(), &cfg, &NoProgress);
    }
    let native = (pages * times) as f64 / t.elapsed().as_secs_f64();

    // The page: the first scan through the file input in one worker, then
    // `times` more of the same file in one worker and in `parts` workers
    // (shares of the pages, joined), timed on the page.
    let parts: usize = std::env::var("WEB_SPEED_PARTS").ok().and_then(|v| v.parse().ok()).unwrap_or(2);
    let index = std::fs::read_to_string(dist.join("index.html")).expect("index.html");
    let server = Server::start(&dist, &webdriver::page_csp(&index).unwrap_or_default());
    let b = Browser::start(&chromium, &driver).expect("chromium through chromedriver");
    let peaks = Peaks::watch(b.driver_pid());
    b.goto(&format!("http://{}/index.html", server.addr)).expect("open the page");
    let ready = "return window.ausweisscanPage && window.ausweisscanPage.status().ready";
    b.wait_for(ready, Duration::from_secs(60)).expect("the scanner loads");
    b.eval("window.ausweisscanPage.setShares(1)").expect("one worker");
    b.send_keys(&b.find("#files").expect("file input"), &file.display().to_string()).expect("choose the file");
    let settled =
        "const s = window.ausweisscanPage.status(); return s.files.length && s.files[0].status === 'done' && !s.busy";
    b.wait_for(settled, Duration::from_secs(900)).expect("the first scan finishes");
    let first = peaks.take();
    let chosen = b.eval(&format!("return window.ausweisscanPage.sharesFor({}, 'x.pdf')", bytes.len())).expect("shares");
    let timed = |n: usize| {
        let script = format!(
            "const done = arguments[arguments.length - 1]; window.ausweisscanPage.bench({times}, {n}).then(done)"
        );
        let r = b.eval_async(&script).expect("timed scans");
        let (pages, ms) = (r["pages"].as_f64().unwrap_or(0.0), r["ms"].as_f64().unwrap_or(f64::NAN));
        (pages / (ms / 1000.0), peaks.take())
    };
    let (one, one_peak) = timed(1);
    let (many, many_peak) = timed(parts);

    println!("file: {} ({pages} pages, {} bytes), {times} scans each", file.display(), bytes.len());
    println!("native, one thread:             {native:6.2} pages/s");
    println!("Chromium, one worker (wasm):    {one:6.2} pages/s  ({:.2}x native)", one / native);
    println!("Chromium, {parts} workers (wasm):    {many:6.2} pages/s  ({:.2}x one worker)", many / one);
    let device = b.eval("return [navigator.hardwareConcurrency, navigator.deviceMemory]").unwrap_or_default();
    println!("the page would use {chosen} worker(s) for this file here (cores, GiB of memory: {device})");
    let mib = |(a, b): (f64, f64)| format!("{a:.0} MiB in its largest process, {b:.0} MiB all processes");
    println!("browser peak RSS, first scan (one worker): {}", mib(first));
    println!("browser peak RSS, timed scans, one worker: {}", mib(one_peak));
    println!("browser peak RSS, timed scans, {parts} workers: {}", mib(many_peak));
    peaks.stop();
    println!("browser: {}", b.version());
}

/// Peak resident memory of a process tree, sampled in a thread.
struct Peaks {
    stop: Arc<AtomicBool>,
    one: Arc<AtomicU64>,
    all: Arc<AtomicU64>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Peaks {
    fn watch(root: u32) -> Peaks {
        let (stop, one, all) =
            (Arc::new(AtomicBool::new(false)), Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
        let (s, o, a) = (stop.clone(), one.clone(), all.clone());
        let thread = std::thread::spawn(move || {
            while !s.load(Ordering::Relaxed) {
                let rss = tree_rss_kib(root);
                o.fetch_max(rss.iter().copied().max().unwrap_or(0), Ordering::Relaxed);
                a.fetch_max(rss.iter().sum(), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(50));
            }
        });
        Peaks { stop, one, all, thread: Some(thread) }
    }

    /// The peaks since the last call in MiB (largest process, sum).
    fn take(&self) -> (f64, f64) {
        let mib = |v: &AtomicU64| v.swap(0, Ordering::Relaxed) as f64 / 1024.0;
        (mib(&self.one), mib(&self.all))
    }

    /// Stops sampling.
    fn stop(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Resident memory (KiB) of every process below `root` (not `root` itself).
fn tree_rss_kib(root: u32) -> Vec<u64> {
    let mut procs = Vec::new();
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
        let Ok(status) = std::fs::read_to_string(e.path().join("status")) else { continue };
        let field = |k: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(k))
                .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
        };
        if let Some(ppid) = field("PPid:") {
            procs.push((pid, ppid as u32, field("VmRSS:").unwrap_or(0)));
        }
    }
    let mut inside = vec![root];
    let mut out = Vec::new();
    let mut grew = true;
    while grew {
        grew = false;
        for &(pid, ppid, rss) in &procs {
            if inside.contains(&ppid) && !inside.contains(&pid) {
                inside.push(pid);
                out.push(rss);
                grew = true;
            }
        }
    }
    out
}
