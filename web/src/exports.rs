//! The WebAssembly boundary, for `worker.js`: the worker reserves input
//! buffers (`ausweisscan_reserve`), writes the request (JSON) and the file's
//! bytes into them, calls one of `ausweisscan_scan`, `ausweisscan_render`,
//! `ausweisscan_letter`, and reads the JSON answer at `ausweisscan_output_ptr`
//! (`ausweisscan_output_len` bytes). Progress goes out through the one
//! import, `ausweisscan.progress(done, total)`.
//!
//! This is the only `unsafe` of the project: exporting unmangled symbols
//! and calling the imported function; no raw pointer is dereferenced here.
//! It is compiled natively too (without the import) so that its tests and
//! clippy run with the others.

use crate::{LetterRequest, RenderRequest, ScanRequest};
use ausweisscan::Progress;
use serde::Serialize;
use std::cell::RefCell;
use std::sync::atomic::{AtomicU32, Ordering};

#[cfg(target_family = "wasm")]
#[link(wasm_import_module = "ausweisscan")]
unsafe extern "C" {
    /// Tells the page that `done` of `total` pages are examined.
    #[link_name = "progress"]
    fn host_progress(done: u32, total: u32);
}

thread_local! {
    /// Slot 0: the request JSON; slot 1: the file's bytes.
    static INPUT: RefCell<[Vec<u8>; 2]> = const { RefCell::new([Vec::new(), Vec::new()]) };
    static OUTPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Makes input slot `slot` (0 or 1) `len` bytes long and returns where the
/// worker writes them.
#[unsafe(no_mangle)]
pub extern "C" fn ausweisscan_reserve(slot: u32, len: u32) -> *mut u8 {
    INPUT.with_borrow_mut(|input| {
        let buf = &mut input[(slot as usize).min(1)];
        *buf = vec![0; len as usize];
        buf.as_mut_ptr()
    })
}

/// Start of the last answer.
#[unsafe(no_mangle)]
pub extern "C" fn ausweisscan_output_ptr() -> *const u8 {
    OUTPUT.with_borrow(|o| o.as_ptr())
}

/// Length of the last answer.
#[unsafe(no_mangle)]
pub extern "C" fn ausweisscan_output_len() -> u32 {
    OUTPUT.with_borrow(|o| o.len() as u32)
}

fn take(slot: usize) -> Vec<u8> {
    INPUT.with_borrow_mut(|input| std::mem::take(&mut input[slot]))
}

fn answer<T: Serialize>(result: Result<T, String>) -> u32 {
    let json = match result {
        Ok(v) => serde_json::to_vec(&v),
        Err(e) => serde_json::to_vec(&serde_json::json!({ "error": e })),
    };
    let bytes = json.unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}").into_bytes());
    let n = bytes.len() as u32;
    OUTPUT.with_borrow_mut(|o| *o = bytes);
    n
}

fn request<T: serde::de::DeserializeOwned>() -> Result<T, String> {
    serde_json::from_slice(&take(0)).map_err(|e| format!("bad request: {e}"))
}

struct HostProgress {
    done: AtomicU32,
    total: AtomicU32,
}

impl HostProgress {
    fn tell(&self) {
        let (d, t) = (self.done.load(Ordering::Relaxed), self.total.load(Ordering::Relaxed));
        #[cfg(target_family = "wasm")]
        // SAFETY: a plain imported function taking two integers.
        unsafe {
            host_progress(d, t)
        }
        #[cfg(not(target_family = "wasm"))]
        let _ = (d, t);
    }
}

impl Progress for HostProgress {
    fn add_pages(&self, n: u64) {
        self.total.fetch_add(n as u32, Ordering::Relaxed);
        self.tell();
    }
    fn page_done(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
        self.tell();
    }
}

/// Scans the file in slot 1 as the request in slot 0 says; answers a
/// [`crate::Scanned`].
#[unsafe(no_mangle)]
pub extern "C" fn ausweisscan_scan() -> u32 {
    let bytes = take(1);
    let progress = HostProgress { done: AtomicU32::new(0), total: AtomicU32::new(0) };
    answer(request::<ScanRequest>().map(|req| crate::scan(&req, bytes, &progress)))
}

/// What the worker sends to join the scans of a file's shares.
#[derive(serde::Deserialize)]
struct JoinRequest {
    parts: Vec<crate::Scanned>,
}

/// Joins the scans of a file's shares (request `{"parts": [...]}`);
/// answers the whole file's [`crate::Scanned`], or `null` when it must be
/// scanned again whole.
#[unsafe(no_mangle)]
pub extern "C" fn ausweisscan_join() -> u32 {
    answer(request::<JoinRequest>().and_then(|req| crate::join(&req.parts)))
}

/// Renders the reports of a [`RenderRequest`]; answers a [`crate::Rendered`].
#[unsafe(no_mangle)]
pub extern "C" fn ausweisscan_render() -> u32 {
    answer(request::<RenderRequest>().and_then(|req| crate::render(&req)))
}

/// Drafts the letter of a [`LetterRequest`]; answers `{"letter": text or null}`.
#[unsafe(no_mangle)]
pub extern "C" fn ausweisscan_letter() -> u32 {
    answer(
        request::<LetterRequest>()
            .and_then(|req| crate::letter(&req))
            .map(|letter| serde_json::json!({ "letter": letter })),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(slot: u32, data: &[u8]) {
        let ptr = ausweisscan_reserve(slot, data.len() as u32);
        // SAFETY: `reserve` made exactly `data.len()` bytes at `ptr`, as the
        // worker writes them.
        unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), ptr, data.len()) }
    }

    fn output() -> serde_json::Value {
        let len = ausweisscan_output_len() as usize;
        // SAFETY: the answer's bytes, as the worker reads them.
        let bytes = unsafe { std::slice::from_raw_parts(ausweisscan_output_ptr(), len) };
        serde_json::from_slice(bytes).expect("JSON answer")
    }

    #[test]
    fn the_boundary_moves_requests_and_answers_as_bytes() {
        let png = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/encodings/png_1bit_100dpi.png"))
            .expect("fixture");
        put(0, br#"{"name": "scan.png"}"#);
        put(1, &png);
        let n = ausweisscan_scan();
        assert_eq!(n, ausweisscan_output_len());
        let scanned = output();
        assert_eq!((scanned["status"].as_str(), scanned["pages_total"].as_u64()), (Some("clean"), Some(1)));
        let render = serde_json::json!({ "files": [scanned], "lang": "en" }).to_string();
        put(0, render.as_bytes());
        ausweisscan_render();
        assert!(output()["html"].as_str().is_some_and(|h| h.contains("scan.png")));
        put(0, b"not json");
        ausweisscan_letter();
        assert!(output()["error"].as_str().is_some_and(|e| e.starts_with("bad request")));
    }
}
