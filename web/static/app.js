// The page: file choice, one progress bar per file, results, downloads and
// the letter form. The scanning itself runs in worker.js.
"use strict";

const TEXT = {
  de: {
    title: "Ausweiskopien in Ihrer Jobcenter-Akte finden",
    privacy: "Ihre Dateien verlassen diesen Computer nicht: die Prüfung läuft ganz in Ihrem Browser, und die Seite kann keine Verbindung aufbauen.",
    intro: "Wählen Sie die PDF-Datei Ihrer Akte (oder Fotos und Scans: JPEG, PNG). ausweisscan nennt jede Seite, die wahrscheinlich die Kopie eines Ausweises, Passes oder Aufenthaltstitels enthält. Mit dem Ergebnis können Sie die Löschung verlangen.",
    drop: "Dateien hierher ziehen oder hier klicken, um sie auszuwählen",
    loading: "Der Prüfer wird geladen …",
    loadFailed: "Der Prüfer ließ sich nicht laden: ",
    results: "Ergebnis",
    dlJson: "JSON-Bericht speichern",
    dlHtml: "HTML-Bericht speichern",
    letterTitle: "Antrag auf Löschung vorbereiten",
    letterIntro: "Ihre Angaben kommen nur in den Brief; leere Felder bleiben als [Platzhalter] zum Ausfüllen stehen.",
    fName: "Name",
    fAddress: "Ihre Anschrift",
    fCustomer: "BG-Nummer oder Kundennummer",
    fJobcenter: "Jobcenter (Name und Anschrift)",
    fDate: "Ort und Datum",
    dlLetterTxt: "Brief als Text speichern",
    dlLetterHtml: "Brief als HTML speichern (zum Drucken)",
    footer: "ausweisscan ist freie Software (MIT oder Apache-2.0). Das Ergebnis ist ein Hinweis, keine Rechtsberatung.",
    switchLang: "English",
    waiting: "wartet",
    scanning: (d, t) => (t ? `Seite ${d} von ${t}` : "wird geöffnet …"),
    found: (pages) => `${pages.length === 1 ? "Seite" : "Seiten"} ${pages.join(", ")}: wahrscheinlich Ausweiskopie`,
    clean: (n) => `keine Ausweiskopie gefunden (${n} ${n === 1 ? "Seite" : "Seiten"} geprüft)`,
    password_required: "Diese PDF-Datei ist mit einem Passwort geschützt. Passwort:",
    wrong_password: "Das Passwort öffnet die Datei nicht. Bitte noch einmal:",
    retry: "Erneut prüfen",
    unsupported: "keine PDF-, JPEG-, PNG- oder TIFF-Datei (oder leer): nicht geprüft",
    too_large: "die Datei ist größer als erlaubt: nicht geprüft",
    damaged: "die Datei ist beschädigt: nicht alles ließ sich prüfen (Einzelheiten im Bericht)",
    crashed: "interner Fehler, die Datei gilt als nicht geprüft: ",
    sumFound: (n) => `${n} ${n === 1 ? "Seite enthält" : "Seiten enthalten"} wahrscheinlich eine Ausweiskopie. Sie können ihre Löschung verlangen (Brief unten).`,
    sumClean: "Keine Ausweiskopie gefunden.",
    sumIncomplete: "Nicht alles ließ sich prüfen; nicht geprüfte Seiten gelten nicht als unbedenklich.",
    noLetter: "Es wurde keine Seite gefunden, deren Löschung der Brief verlangen könnte.",
  },
  en: {
    title: "Find ID copies in your Jobcenter file",
    privacy: "Your files never leave this computer: the check runs entirely in your browser, and the page cannot make any connection.",
    intro: "Choose the PDF of your file (or photos and scans: JPEG, PNG). ausweisscan names every page that probably holds a copy of an ID card, passport or residence permit. With the result you can demand its deletion.",
    drop: "Drop files here or click here to choose them",
    loading: "Loading the scanner …",
    loadFailed: "The scanner could not be loaded: ",
    results: "Result",
    dlJson: "Save JSON report",
    dlHtml: "Save HTML report",
    letterTitle: "Prepare a deletion request",
    letterIntro: "Your details go into the letter only; empty fields stay as [placeholders] to fill in. The letter is in German.",
    fName: "Name",
    fAddress: "Your address",
    fCustomer: "BG number or customer number",
    fJobcenter: "Jobcenter (name and address)",
    fDate: "Place and date",
    dlLetterTxt: "Save letter as text",
    dlLetterHtml: "Save letter as HTML (to print)",
    footer: "ausweisscan is free software (MIT or Apache-2.0). The result is a hint, not legal advice.",
    switchLang: "Deutsch",
    waiting: "waiting",
    scanning: (d, t) => (t ? `page ${d} of ${t}` : "opening …"),
    found: (pages) => `${pages.length === 1 ? "page" : "pages"} ${pages.join(", ")}: probably an ID copy`,
    clean: (n) => `no ID copy found (${n} ${n === 1 ? "page" : "pages"} examined)`,
    password_required: "This PDF is protected by a password. Password:",
    wrong_password: "The password does not open the file. Please try again:",
    retry: "Check again",
    unsupported: "not a PDF, JPEG, PNG or TIFF file (or empty): not examined",
    too_large: "the file is larger than allowed: not examined",
    damaged: "the file is damaged: not everything could be examined (details in the report)",
    crashed: "internal error, the file counts as not examined: ",
    sumFound: (n) => `${n} ${n === 1 ? "page probably holds" : "pages probably hold"} an ID copy. You can demand their deletion (letter below).`,
    sumClean: "No ID copy found.",
    sumIncomplete: "Not everything could be examined; pages not examined do not count as clear.",
    noLetter: "No page was found whose deletion the letter could ask for.",
  },
};

const $ = (id) => document.getElementById(id);
const state = { lang: "de", ready: false, files: [], rendered: null, busy: false, nextId: 1 };
const pending = new Map();
const worker = new Worker("worker.js");
const violations = [];
document.addEventListener("securitypolicyviolation", (e) => violations.push(e.blockedURI + " " + e.violatedDirective));

function t(key, ...args) {
  const v = TEXT[state.lang][key];
  return typeof v === "function" ? v(...args) : v;
}

// Asks the worker and waits for its answer.
function ask(message) {
  const id = state.nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    worker.postMessage({ ...message, id });
  });
}

worker.onmessage = (ev) => {
  const m = ev.data;
  if (m.type === "ready") {
    state.ready = true;
    $("loading").hidden = true;
    pump();
  } else if (m.type === "failed") {
    $("loading").textContent = t("loadFailed") + m.error;
  } else if (m.type === "progress") {
    const f = state.files.find((f) => f.job === m.id);
    if (f && f.onProgress) f.onProgress(m);
  } else if (pending.has(m.id)) {
    pending.get(m.id)(m);
    pending.delete(m.id);
  }
};

function addFiles(list) {
  for (const file of list) {
    const f = { id: state.nextId++, file, status: "waiting", done: 0, total: 0, result: null, error: null };
    state.files.push(f);
    const li = document.createElement("li");
    li.id = "file-" + f.id;
    $("queue").append(li);
    draw(f);
  }
  pump();
}

// Scans waiting files one after the other.
async function pump() {
  if (!state.ready || state.busy) return;
  const f = state.files.find((f) => f.status === "waiting");
  if (!f) return;
  state.busy = true;
  f.status = "scanning";
  draw(f);
  const answer = await scanFile(f);
  const r = answer.result;
  if (r.error) {
    f.status = "failed";
    f.error = r.error;
  } else {
    f.result = r;
    f.ms = answer.ms;
    f.status = r.problem === "password_required" || r.problem === "wrong_password" ? "password" : "done";
  }
  draw(f);
  // Busy until the report is shown, so that "not busy" means it is there.
  await renderReport();
  state.busy = false;
  pump();
}

// A large PDF or TIFF is split over several workers, each scanning every
// n-th page of its own copy of the file; the shares' reports are joined into
// the report one scan gives (a damaged or encrypted file, whose shares do not
// join, is scanned again whole). Each worker holds the whole file, so their
// number is bounded by the cores and by a quarter of the device's memory.
const SPLIT_MIN_BYTES = 8 * 1024 * 1024;
const MAX_WORKERS = 4;
let forcedShares = 0;

function sharesFor(file) {
  return forcedShares || naturalShares(file);
}

// How many workers the page chooses for a file by itself.
function naturalShares(file) {
  const splittable = /\.(pdf|tiff?)$/i.test(file.name) || /pdf|tiff/.test(file.type);
  if (!splittable || file.size < SPLIT_MIN_BYTES) return 1;
  const cores = Math.min(navigator.hardwareConcurrency || 1, MAX_WORKERS);
  const budget = ((navigator.deviceMemory || 4) * 1024 * 1024 * 1024) / 4;
  return Math.max(1, Math.min(cores, Math.floor(budget / (file.size + 128 * 1024 * 1024))));
}

// Scans one share (or, with parts = 1, all) of a file; share 0 and whole
// scans run in the page's worker, the others in workers of their own that
// end with their share (and give its memory back).
function scanShare(f, part, parts) {
  const message = { type: "scan", file: f.file, password: f.password || null, share: parts > 1 ? [part, parts] : null };
  const progress = (m) => {
    f.progress[part] = { done: m.done, total: m.total };
    f.done = f.progress.reduce((a, p) => a + p.done, 0);
    f.total = f.progress.reduce((a, p) => a + p.total, 0);
    draw(f);
  };
  if (part === 0) {
    const id = state.nextId++;
    f.job = id;
    f.onProgress = progress;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      worker.postMessage({ ...message, id });
    });
  }
  return new Promise((resolve) => {
    const helper = new Worker("worker.js");
    helper.onmessage = (ev) => {
      const m = ev.data;
      if (m.type === "ready") helper.postMessage({ ...message, id: 0 });
      else if (m.type === "progress") progress(m);
      else if (m.type === "failed" || m.type === "scanned") {
        helper.terminate();
        resolve(m.type === "failed" ? { result: { error: m.error } } : m);
      }
    };
  });
}

async function scanFile(f) {
  const parts = sharesFor(f.file);
  f.progress = Array.from({ length: parts }, () => ({ done: 0, total: 0 }));
  const t0 = performance.now();
  if (parts > 1) {
    const answers = await Promise.all(f.progress.map((_, part) => scanShare(f, part, parts)));
    if (answers.every((a) => !a.result.error)) {
      const joined = await ask({ type: "join", request: { parts: answers.map((a) => a.result) } });
      if (joined.result && !joined.result.error) return { result: joined.result, ms: performance.now() - t0, parts };
    }
    f.progress = [{ done: 0, total: 0 }];
  }
  const whole = await scanShare(f, 0, 1);
  return { ...whole, ms: performance.now() - t0, parts: 1 };
}

function draw(f) {
  const li = $("file-" + f.id);
  if (!li) return;
  li.replaceChildren();
  li.className = "file " + f.status;
  const name = document.createElement("span");
  name.className = "name";
  name.textContent = f.file.name;
  li.append(name);
  const bar = document.createElement("progress");
  bar.max = Math.max(f.total, 1);
  bar.value = f.status === "done" || f.status === "password" ? bar.max : f.done;
  li.append(bar);
  const msg = document.createElement("span");
  msg.className = "msg";
  li.append(msg);
  if (f.status === "waiting") msg.textContent = t("waiting");
  else if (f.status === "scanning") msg.textContent = t("scanning", f.done, f.total);
  else if (f.status === "failed") msg.textContent = t("crashed") + f.error;
  else {
    const r = f.result;
    const parts = [];
    if (r.flagged.length) parts.push(t("found", r.flagged));
    if (r.problem) parts.push(t(r.problem));
    else if (!r.flagged.length) parts.push(t("clean", r.pages_total));
    msg.textContent = parts.join("; ");
    li.classList.add(r.flagged.length ? "found" : r.problem ? "problem" : "clean");
  }
  if (f.status === "password") {
    const pw = document.createElement("input");
    pw.type = "password";
    pw.autocomplete = "off";
    pw.setAttribute("aria-label", t(f.result.problem));
    const retry = document.createElement("button");
    retry.type = "button";
    retry.textContent = t("retry");
    const go = () => {
      f.password = pw.value;
      f.status = "waiting";
      f.done = 0;
      draw(f);
      pump();
    };
    retry.onclick = go;
    pw.onkeydown = (e) => {
      if (e.key === "Enter") go();
    };
    li.append(pw, retry);
  }
}

function scannedResults() {
  return state.files.filter((f) => f.result).map((f) => f.result);
}

async function renderReport() {
  const files = scannedResults();
  if (!files.length) return;
  const answer = await ask({ type: "render", request: { files, lang: state.lang } });
  if (answer.result.error) {
    $("verdict").textContent = t("crashed") + answer.result.error;
    return;
  }
  state.rendered = answer.result;
  $("report").srcdoc = state.rendered.html;
  $("results").hidden = false;
  const flagged = files.reduce((n, r) => n + r.flagged.length, 0);
  const incomplete = files.some((r) => r.status === "incomplete") || state.files.some((f) => f.status === "failed");
  const lines = [flagged ? t("sumFound", flagged) : t("sumClean")];
  if (incomplete) lines.push(t("sumIncomplete"));
  $("verdict").textContent = lines.join(" ");
  $("verdict").className = "verdict " + (flagged ? "found" : incomplete ? "problem" : "clean");
}

// Offers `text` as a file to save; nothing is stored or sent.
function save(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

async function saveLetter(format) {
  const fields = Object.fromEntries(new FormData($("letter-form")));
  const answer = await ask({ type: "letter", request: { files: scannedResults(), fields, format } });
  const r = answer.result;
  $("letter-note").textContent = r.error ? t("crashed") + r.error : r.letter ? "" : t("noLetter");
  if (r.letter) {
    const html = format === "html";
    save(html ? "antrag-loeschung.html" : "antrag-loeschung.txt", html ? "text/html" : "text/plain", r.letter);
  }
}

function setLang(lang) {
  state.lang = lang;
  document.documentElement.lang = lang;
  document.title = "ausweisscan – " + t("title");
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
  $("lang").textContent = t("switchLang");
  $("lang").lang = lang === "de" ? "en" : "de";
  state.files.forEach(draw);
  renderReport();
}

$("lang").onclick = () => setLang(state.lang === "de" ? "en" : "de");
$("files").onchange = (e) => {
  addFiles(e.target.files);
  // Emptied, so that the same file can be chosen again.
  e.target.value = "";
};
const drop = $("drop");
drop.addEventListener("dragover", (e) => {
  e.preventDefault();
  drop.classList.add("over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (e) => {
  e.preventDefault();
  drop.classList.remove("over");
  addFiles(e.dataTransfer.files);
});
$("dl-json").onclick = () => state.rendered && save("ausweisscan-bericht.json", "application/json", state.rendered.json);
$("dl-html").onclick = () => state.rendered && save("ausweisscan-bericht.html", "text/html", state.rendered.html);
$("dl-letter-txt").onclick = () => saveLetter("text");
$("dl-letter-html").onclick = () => saveLetter("html");

// For the browser test and the speed measurement (web/bench): read-only
// views of what the page shows and offers, and its network use.
window.ausweisscanPage = {
  status: () => ({
    ready: state.ready,
    busy: state.busy,
    files: state.files.map((f) => ({
      name: f.file.name,
      status: f.status,
      done: f.done,
      total: f.total,
      flagged: f.result ? f.result.flagged : [],
      problem: f.result ? f.result.problem : null,
      error: f.error,
    })),
  }),
  offered: () => state.rendered,
  network: async () => {
    const w = await ask({ type: "network" });
    const page = performance.getEntriesByType("resource").map((r) => r.name);
    return { page: { resources: page, violations }, worker: w.result };
  },
  // Scans the first chosen file `times` more times in `parts` shares (0:
  // as the page chooses); wall time on the page.
  bench: async (times, parts) => {
    const file = state.files[0].file;
    const before = forcedShares;
    forcedShares = parts || 0;
    let ms = 0;
    let pages = 0;
    let last = null;
    for (let i = 0; i < times; i++) {
      last = await scanFile({ file, password: null, progress: [], done: 0, total: 0, id: 0 });
      ms += last.ms;
      pages += last.result.pages_total;
    }
    forcedShares = before;
    return { pages, ms, parts: last && last.parts, report: last && last.result.report };
  },
  // Splits every file into `n` shares from now on (0: as the page chooses).
  setShares: (n) => {
    forcedShares = n;
  },
  // How many workers the page would choose for a file of this size and name.
  sharesFor: (size, name) => naturalShares({ size, name, type: "" }),
};
