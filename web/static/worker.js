// The scanner's worker: runs the WebAssembly module (ausweisscan built for
// wasm32-wasip1) off the page's thread. Every call gets a fresh instance of
// the compiled module: a panic aborts the instance (WebAssembly has no
// unwinding), so a file that crashes it loses nothing of the others, and the
// memory of a large file is given back after it.
"use strict";

importScripts("wasm.js");

// Bytes of a file copied into the module's memory at a time.
const FILE_SLICE = 16 * 1024 * 1024;
// Largest file the worker takes: a module's memory ends at 4 GiB, and the
// scan needs room beside the file.
const MAX_FILE_BYTES = 3 * 1024 * 1024 * 1024;

const moduleReady = (async () => {
  const text = atob(self.AUSWEISSCAN_WASM);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  delete self.AUSWEISSCAN_WASM;
  return WebAssembly.compile(bytes);
})();

// The few WASI calls Rust's standard library makes: clocks, random numbers
// (hash seeds), stderr (panic messages), an empty environment. Anything else
// is refused with ENOSYS; there is no file system and no network.
function wasi(memory, stderr) {
  const ENOSYS = 52;
  const view = () => new DataView(memory().buffer);
  const calls = {
    fd_write(fd, iovs, iovsLen, written) {
      const v = view();
      let n = 0;
      for (let i = 0; i < iovsLen; i++) {
        const ptr = v.getUint32(iovs + 8 * i, true);
        const len = v.getUint32(iovs + 8 * i + 4, true);
        if (fd === 1 || fd === 2) stderr.push(new TextDecoder().decode(new Uint8Array(memory().buffer, ptr, len)));
        n += len;
      }
      v.setUint32(written, n, true);
      return 0;
    },
    random_get(ptr, len) {
      for (let off = 0; off < len; off += 65536) {
        crypto.getRandomValues(new Uint8Array(memory().buffer, ptr + off, Math.min(65536, len - off)));
      }
      return 0;
    },
    clock_time_get(id, _precision, out) {
      const ms = id === 0 ? Date.now() : performance.now();
      view().setBigUint64(out, BigInt(Math.round(ms * 1e6)), true);
      return 0;
    },
    clock_res_get(_id, out) {
      view().setBigUint64(out, 1000n, true);
      return 0;
    },
    environ_sizes_get(count, size) {
      view().setUint32(count, 0, true);
      view().setUint32(size, 0, true);
      return 0;
    },
    environ_get() { return 0; },
    args_sizes_get(count, size) {
      view().setUint32(count, 0, true);
      view().setUint32(size, 0, true);
      return 0;
    },
    args_get() { return 0; },
    sched_yield() { return 0; },
    proc_exit(code) { throw new Error("the scanner stopped (exit " + code + ")"); },
  };
  return new Proxy(calls, { get: (t, name) => t[name] || (() => ENOSYS) });
}

// Runs one exported call with the request (and the file, whose bytes are
// copied into the module and then let go, so that a large export is not
// held twice) and returns its JSON answer. `progress(done, total)` receives
// page counts.
async function call(fn, request, file, progress) {
  const module = await moduleReady;
  let instance;
  const stderr = [];
  const memory = () => instance.exports.memory;
  instance = await WebAssembly.instantiate(module, {
    wasi_snapshot_preview1: wasi(memory, stderr),
    ausweisscan: { progress: progress || (() => {}) },
  });
  const x = instance.exports;
  if (x._initialize) x._initialize();
  const put = (slot, data) => {
    const ptr = x.ausweisscan_reserve(slot, data.length);
    new Uint8Array(memory().buffer, ptr, data.length).set(data);
  };
  // The file goes into the module's memory a slice at a time, so that the
  // worker never holds a second whole copy of a large export.
  const putFile = async (f) => {
    if (f.size > MAX_FILE_BYTES) throw new Error("the file is too large for the browser (" + f.size + " bytes)");
    const ptr = x.ausweisscan_reserve(1, f.size);
    for (let off = 0; off < f.size; off += FILE_SLICE) {
      const part = new Uint8Array(await f.slice(off, off + FILE_SLICE).arrayBuffer());
      new Uint8Array(memory().buffer, ptr + off, part.length).set(part);
    }
  };
  try {
    put(0, new TextEncoder().encode(JSON.stringify(request)));
    if (file) await putFile(file);
    const len = x["ausweisscan_" + fn]();
    const out = new Uint8Array(memory().buffer, x.ausweisscan_output_ptr(), len);
    return JSON.parse(new TextDecoder().decode(out));
  } catch (e) {
    const why = stderr.join("").trim() || String(e);
    return { error: why, crashed: true };
  }
}

// Reports the worker's own network use (the page checks that there is none).
const violations = [];
self.addEventListener("securitypolicyviolation", (e) => violations.push(e.blockedURI + " " + e.violatedDirective));

self.onmessage = async (ev) => {
  const m = ev.data;
  if (m.type === "scan") {
    const t0 = performance.now();
    let last = 0;
    const progress = (done, total) => {
      const now = performance.now();
      if (done === total || now - last > 100) {
        last = now;
        self.postMessage({ type: "progress", id: m.id, done, total });
      }
    };
    const request = { name: m.file.name, password: m.password, share: m.share || null };
    const result = await call("scan", request, m.file, progress);
    self.postMessage({ type: "scanned", id: m.id, result, ms: performance.now() - t0 });
  } else if (m.type === "render" || m.type === "letter" || m.type === "join") {
    const result = await call(m.type, m.request);
    self.postMessage({ type: m.type, id: m.id, result });
  } else if (m.type === "network") {
    const resources = performance.getEntriesByType("resource").map((r) => r.name);
    self.postMessage({ type: "network", id: m.id, result: { resources, violations } });
  }
};

moduleReady.then(
  () => self.postMessage({ type: "ready" }),
  (e) => self.postMessage({ type: "failed", error: String(e) }),
);
