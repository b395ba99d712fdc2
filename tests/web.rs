//! The web edition in a real browser: `web/dist` (built by `bash web/build.sh`)
//! served from 127.0.0.1, loaded in headless Chromium through chromedriver,
//! the sample file set on the file input. The page must name the sample's
//! ID pages, offer the CLI's JSON report, ask for a PDF's password, and make
//! no request beyond its own files. In CI (`CI` set) a missing build, browser
//! or driver fails the test.

use crate::html::chromium;
use crate::util::*;
use crate::webdriver::{Browser, Server, on_path, page_csp};
use std::time::Duration;

/// Skips (or, in CI, fails) when a prerequisite is missing.
fn prerequisite(what: &str) {
    missing_prerequisite("web_page_scans_in_headless_chromium", what);
}

const STATUS: &str = "return window.ausweisscanPage && window.ausweisscanPage.status()";

fn wait_until_settled(b: &Browser, n: usize) -> serde_json::Value {
    let script = format!(
        "const s = window.ausweisscanPage.status(); \
         return s.files.length >= {n} && !s.busy && s.files.every(f => f.status !== 'waiting' && f.status !== 'scanning') ? s : null"
    );
    b.wait_for(&script, Duration::from_secs(300)).expect("the scan finishes")
}

#[test]
fn web_page_scans_in_headless_chromium() {
    let dist = root().join("web/dist");
    if !dist.join("index.html").is_file() || !dist.join("wasm.js").is_file() {
        return prerequisite("web/dist is not built (bash web/build.sh)");
    }
    let Some(exe) = chromium() else { return prerequisite("no chromium in PATH") };
    let Some(driver) = on_path(&["chromedriver"]) else {
        return prerequisite("no chromedriver in PATH (Debian package chromium-driver)");
    };
    let index = std::fs::read_to_string(dist.join("index.html")).expect("index.html");
    let csp = page_csp(&index).expect("a Content-Security-Policy meta tag");
    for rule in ["default-src 'self'", "connect-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "font-src 'none'"]
    {
        assert!(csp.split(';').any(|r| r.trim() == rule), "{rule} in {csp}");
    }
    assert!(!csp.contains("http") && !csp.contains('*'), "no outside source allowed: {csp}");
    let server = Server::start(&dist, &csp);
    let origin = format!("http://{}", server.addr);
    let b = Browser::start(&exe, &driver).expect("chromium through chromedriver");
    b.goto(&format!("{origin}/index.html")).expect("open the page");
    eprintln!("browser: {}", b.version());
    b.wait_for(&format!("{STATUS}.ready"), Duration::from_secs(60)).expect("the scanner loads");

    let sample = fixture("sample-akte.pdf");
    let input = b.find("#files").expect("file input");
    b.send_keys(&input, &sample.display().to_string()).expect("choose the sample");
    let status = wait_until_settled(&b, 1);
    let file = &status["files"][0];
    assert_eq!(file["status"], "done", "{status}");
    assert_eq!(file["flagged"], serde_json::json!([6, 10, 14]), "{status}");
    let shown = b.eval("return document.querySelector('main').innerText").expect("page text");
    let shown = shown.as_str().unwrap_or_default();
    assert!(shown.contains("Seiten 6, 10, 14: wahrscheinlich Ausweiskopie"), "{shown}");
    assert!(shown.contains("verlassen diesen Computer nicht"), "the privacy sentence is shown");

    // The report shown is the CLI's HTML report; the JSON offered is the CLI's.
    let offered = b.eval("return window.ausweisscanPage.offered()").expect("offered reports");
    let html = offered["html"].as_str().expect("HTML report offered");
    for page in [6, 10, 14] {
        assert!(html.contains(&format!("Seite {page} von ")), "page {page} in the HTML report");
    }
    let srcdoc = b.eval("return document.getElementById('report').srcdoc").expect("report frame");
    assert_eq!(srcdoc.as_str(), Some(html), "the report shown is the one offered");
    let web = offered["json"].as_str().expect("JSON offered");
    let (code, _, out) = scan_json(&[&sample], &[]);
    assert_eq!(code, 1);
    // Paths aside: the CLI names the path it was given, the page the file's name.
    let cli = String::from_utf8(out.stdout).expect("UTF-8 JSON");
    let cli_path = serde_json::to_string(&sample.display().to_string()).expect("path as JSON");
    let cli = cli.replacen(&format!("\"path\": {cli_path}"), "\"path\": \"sample-akte.pdf\"", 1);
    assert!(web == cli, "the web edition's JSON report equals the CLI's byte for byte, paths aside:\n{web}\n{cli}");

    // Three workers, each on a share of the pages, give the same report.
    let split = b
        .eval_async("const done = arguments[arguments.length - 1]; window.ausweisscanPage.bench(1, 3).then(done)")
        .expect("a scan in three workers");
    assert_eq!(split["parts"], 3, "the file was split: {}", split["parts"]);
    assert!(split["report"].as_str() == Some(web), "split scan's report: {}", split["report"]);

    let shot = b.screenshot().expect("screenshot");
    assert!(shot.starts_with(b"\x89PNG"), "a PNG screenshot");
    crate::util::keep_screenshot(&shot, "docs/web-screenshot.png");

    // English on request, with the report in English too.
    b.click(&b.find("#lang").expect("language switch")).expect("switch to English");
    let en = b
        .wait_for(
            "const o = window.ausweisscanPage.offered(); return o && o.html.includes('<html lang=\"en\">') ? document.querySelector('main').innerText : null",
            Duration::from_secs(60),
        )
        .expect("English report");
    assert!(en.as_str().unwrap_or_default().contains("pages 6, 10, 14: probably an ID copy"), "{en}");

    // An encrypted PDF: the page asks for the password and scans with it.
    let encrypted = fixture("encodings/encrypted_aes256_userpw.pdf");
    b.send_keys(&b.find("#files").expect("file input"), &encrypted.display().to_string()).expect("choose it");
    let status = wait_until_settled(&b, 2);
    assert_eq!(status["files"][1]["status"], "password", "{status}");
    assert_eq!(status["files"][1]["problem"], "password_required", "{status}");
    let pw = b.find("#queue li:nth-child(2) input[type=password]").expect("password field");
    b.send_keys(&pw, "geheim\u{E007}").expect("type the password and Enter");
    b.wait_for(
        "const f = window.ausweisscanPage.status().files[1]; return f.status === 'done' && f.problem === null",
        Duration::from_secs(120),
    )
    .expect("the PDF opens with its password");

    // Nothing left the page: no policy violation, every resource local.
    let net = b
        .eval_async("const done = arguments[arguments.length - 1]; window.ausweisscanPage.network().then(done)")
        .expect("network record");
    for side in ["page", "worker"] {
        assert_eq!(net[side]["violations"], serde_json::json!([]), "{side}: {net}");
        for r in net[side]["resources"].as_array().expect("resources") {
            let r = r.as_str().unwrap_or_default();
            assert!(r.starts_with(&format!("{origin}/")), "{side} loaded {r}");
        }
    }
    let asked = server.log.lock().expect("log").clone();
    let known = ["/index.html", "/style.css", "/app.js", "/worker.js", "/wasm.js", "/favicon.ico"];
    assert!(asked.iter().all(|p| known.contains(&p.as_str())), "{asked:?}");
}
