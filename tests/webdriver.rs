//! Just enough WebDriver (chromedriver over HTTP on loopback) and a static
//! file server to load the web edition in headless Chromium: used by the
//! browser test (`tests/web.rs`) and the speed figure (`benches/web_speed.rs`).
//! Hand-written over `TcpStream` so that no HTTP or browser crate is needed.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Headless Chromium with no network of its own and no state kept (root,
/// no GPU); every browser test starts it with these.
pub(crate) const CHROMIUM_FLAGS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
];

/// The Content-Security-Policy of the page's meta tag, which the server
/// sends as a header with every file too: a meta tag does not cover the
/// worker, the header does.
pub fn page_csp(index_html: &str) -> Option<String> {
    let at = index_html.find("http-equiv=\"Content-Security-Policy\"")?;
    let rest = &index_html[at..];
    let start = rest.find("content=\"")? + "content=\"".len();
    let len = rest[start..].find('"')?;
    Some(rest[start..start + len].to_string())
}

/// The first executable called one of `names` on PATH.
pub fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file()))
}

/// A static file server for one folder on 127.0.0.1; logs every path asked for.
pub struct Server {
    /// Where it listens.
    pub addr: SocketAddr,
    /// Paths requested, in order.
    pub log: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl Server {
    /// Serves `dir` until dropped, every answer with the policy `csp`.
    pub fn start(dir: &Path, csp: &str) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener.set_nonblocking(true).expect("nonblocking");
        let addr = listener.local_addr().expect("address");
        let log = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (dir, log2, stop2, csp) = (dir.to_path_buf(), log.clone(), stop.clone(), csp.to_string());
        std::thread::spawn(move || {
            while !stop2.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((s, _)) => {
                        let (dir, log, csp) = (dir.clone(), log2.clone(), csp.clone());
                        std::thread::spawn(move || serve_one(s, &dir, &log, &csp));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server { addr, log, stop }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn serve_one(s: TcpStream, dir: &Path, log: &Mutex<Vec<String>>, csp: &str) {
    let _ = s.set_nonblocking(false);
    let mut reader = BufReader::new(&s);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    loop {
        let mut h = String::new();
        match reader.read_line(&mut h) {
            Ok(n) if n > 2 => {}
            _ => break,
        }
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").split('?').next().unwrap_or("/").to_string();
    log.lock().expect("log").push(path.clone());
    let rel = if path == "/" { "index.html" } else { path.trim_start_matches('/') };
    let file = (!rel.contains("..")).then(|| dir.join(rel)).filter(|p| p.is_file());
    let mut out = &s;
    let (status, body, ctype) = match file.and_then(|p| std::fs::read(&p).ok().map(|b| (p, b))) {
        Some((p, b)) => {
            let ctype = match p.extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("js") => "text/javascript; charset=utf-8",
                Some("css") => "text/css; charset=utf-8",
                _ => "application/octet-stream",
            };
            ("200 OK", b, ctype)
        }
        None => ("404 Not Found", b"not found".to_vec(), "text/plain"),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nContent-Security-Policy: {csp}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = out.write_all(head.as_bytes()).and_then(|_| out.write_all(&body));
}

/// One HTTP/1.1 exchange with a JSON body; returns the status and JSON.
fn http(addr: SocketAddr, method: &str, path: &str, body: Option<&Value>) -> Result<(u16, Value), String> {
    let mut s = TcpStream::connect(addr).map_err(|e| format!("connect {addr}: {e}"))?;
    s.set_read_timeout(Some(Duration::from_secs(600))).map_err(|e| e.to_string())?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json; charset=utf-8\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).map_err(|e| e.to_string())?;
    // chromedriver keeps the connection open: read the header, then exactly
    // Content-Length bytes (or chunks up to the last one).
    let mut r = BufReader::new(s);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).map_err(|e| format!("{method} {path}: {e}"))? == 0 || line == "\r\n" {
            break;
        }
        head.push_str(&line.to_ascii_lowercase());
    }
    let length =
        head.lines().find_map(|l| l.strip_prefix("content-length:")).and_then(|n| n.trim().parse::<usize>().ok());
    let payload = match length {
        Some(n) => {
            let mut b = vec![0; n];
            r.read_exact(&mut b).map_err(|e| e.to_string())?;
            b
        }
        None if head.contains("transfer-encoding: chunked") => read_chunks(&mut r)?,
        None => {
            let mut b = Vec::new();
            r.read_to_end(&mut b).map_err(|e| e.to_string())?;
            b
        }
    };
    let status = head.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let json =
        if payload.is_empty() { Value::Null } else { serde_json::from_slice(&payload).map_err(|e| e.to_string())? };
    Ok((status, json))
}

fn read_chunks(r: &mut impl BufRead) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let mut line = String::new();
        r.read_line(&mut line).map_err(|e| e.to_string())?;
        let size = usize::from_str_radix(line.trim(), 16).map_err(|e| format!("chunk size {line:?}: {e}"))?;
        let mut chunk = vec![0; size + 2];
        r.read_exact(&mut chunk).map_err(|e| e.to_string())?;
        if size == 0 {
            return Ok(out);
        }
        out.extend_from_slice(&chunk[..size]);
    }
}

/// Headless Chromium driven by chromedriver; both end when this is dropped.
pub struct Browser {
    driver: Child,
    addr: SocketAddr,
    session: String,
    _profile: tempfile::TempDir,
}

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Browser {
    /// Starts chromedriver on a free loopback port and a Chromium session
    /// with the isolating flags of the other browser tests.
    pub fn start(chromium: &Path, chromedriver: &Path) -> Result<Browser, String> {
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map_err(|e| e.to_string())?.port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("start chromedriver: {e}"))?;
        let profile = tempfile::tempdir().map_err(|e| e.to_string())?;
        let addr: SocketAddr = ([127, 0, 0, 1], port).into();
        let mut b = Browser { driver, addr, session: String::new(), _profile: profile };
        let start = Instant::now();
        while !matches!(http(addr, "GET", "/status", None), Ok((200, v)) if v["value"]["ready"] == true) {
            if start.elapsed() > Duration::from_secs(30) {
                return Err("chromedriver did not get ready within 30 s".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|f| f.to_string()).collect();
        args.push("--window-size=1100,1500".into());
        args.push(format!("--user-data-dir={}", b._profile.path().display()));
        let args = json!(args);
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium.display().to_string(), "args": args}
        }}});
        let (status, v) = http(addr, "POST", "/session", Some(&caps))?;
        b.session = v["value"]["sessionId"].as_str().ok_or(format!("no session ({status}): {v}"))?.to_string();
        Ok(b)
    }

    /// A WebDriver command of this session; returns its `value`.
    pub fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let (status, v) = http(self.addr, method, &format!("/session/{}{path}", self.session), body.as_ref())?;
        if status != 200 {
            return Err(format!("{method} {path}: {status} {}", v["value"]));
        }
        Ok(v["value"].clone())
    }

    /// Opens `url`.
    pub fn goto(&self, url: &str) -> Result<(), String> {
        self.cmd("POST", "/url", Some(json!({ "url": url }))).map(|_| ())
    }

    /// The element matching `css`.
    pub fn find(&self, css: &str) -> Result<String, String> {
        let v = self.cmd("POST", "/element", Some(json!({"using": "css selector", "value": css})))?;
        v[ELEMENT].as_str().map(String::from).ok_or(format!("no element {css}"))
    }

    /// Types `text` into an element (for a file input: the file's path).
    pub fn send_keys(&self, element: &str, text: &str) -> Result<(), String> {
        self.cmd("POST", &format!("/element/{element}/value"), Some(json!({ "text": text }))).map(|_| ())
    }

    /// Clicks an element.
    pub fn click(&self, element: &str) -> Result<(), String> {
        self.cmd("POST", &format!("/element/{element}/click"), Some(json!({}))).map(|_| ())
    }

    /// Runs `script` (a function body) in the page and returns its value.
    pub fn eval(&self, script: &str) -> Result<Value, String> {
        self.cmd("POST", "/execute/sync", Some(json!({"script": script, "args": []})))
    }

    /// Runs `script`, whose last argument is a callback taking the result.
    pub fn eval_async(&self, script: &str) -> Result<Value, String> {
        self.cmd("POST", "/timeouts", Some(json!({ "script": 600_000 })))?;
        self.cmd("POST", "/execute/async", Some(json!({"script": script, "args": []})))
    }

    /// Polls `script` until it returns something other than null or false.
    pub fn wait_for(&self, script: &str, limit: Duration) -> Result<Value, String> {
        let start = Instant::now();
        loop {
            let v = self.eval(script)?;
            if !v.is_null() && v != false {
                return Ok(v);
            }
            if start.elapsed() > limit {
                return Err(format!("waited {limit:?} for {script}"));
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// A PNG of the window.
    pub fn screenshot(&self) -> Result<Vec<u8>, String> {
        use base64::Engine;
        let v = self.cmd("GET", "/screenshot", None)?;
        base64::engine::general_purpose::STANDARD.decode(v.as_str().unwrap_or_default()).map_err(|e| e.to_string())
    }

    /// Process id of chromedriver: Chromium and its renderers run below it
    /// (for the memory figure of `benches/web_speed.rs`).
    #[allow(dead_code)]
    pub fn driver_pid(&self) -> u32 {
        self.driver.id()
    }

    /// The browser's version string.
    pub fn version(&self) -> String {
        self.eval("return navigator.userAgent").ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = http(self.addr, "DELETE", &format!("/session/{}", self.session), None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
