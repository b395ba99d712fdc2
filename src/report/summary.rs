//! The short human summary printed after a scan.

use super::Report;
use crate::evidence::Verdict;
use crate::lang::Lang;
use std::fmt::Write;

/// Plain-language summary: counts, then each flagged page with file and number.
pub fn render(r: &Report, lang: Lang) -> String {
    let s = &r.summary;
    let mut out = String::new();
    let de = lang == Lang::De;
    let _ = if de {
        writeln!(out, "{} Datei(en), {} Seite(n) geprüft.", s.files, s.pages)
    } else {
        writeln!(out, "{} file(s), {} page(s) examined.", s.files, s.pages)
    };
    for f in &r.files {
        for p in f.pages.iter().filter(|p| p.verdict.is_flagged()) {
            let what = match (p.verdict, de) {
                (Verdict::IdCopy, true) => "Ausweiskopie",
                (Verdict::IdCopy, false) => "ID copy",
                (_, true) => "mögliche Ausweiskopie",
                (_, false) => "possible ID copy",
            };
            let _ = if de {
                writeln!(out, "  {}: Seite {}: {what}", f.path, p.page)
            } else {
                writeln!(out, "  {}: page {}: {what}", f.path, p.page)
            };
        }
    }
    let _ = match (s.flagged_pages, de) {
        (0, true) => writeln!(out, "Keine Ausweiskopie gefunden."),
        (0, false) => writeln!(out, "No ID copy found."),
        (n, true) => writeln!(out, "{n} Seite(n) mit (möglicher) Ausweiskopie."),
        (n, false) => writeln!(out, "{n} page(s) with a (possible) ID copy."),
    };
    for f in r.files.iter().filter(|f| f.error.is_some()) {
        let e = f
            .error
            .as_ref()
            .map_or(String::new(), |e| crate::i18n::detail::text(e, if de { Lang::De } else { Lang::En }));
        let _ = if de {
            writeln!(out, "  Nicht (vollständig) geprüft: {}: {e}", f.path)
        } else {
            writeln!(out, "  Not (fully) examined: {}: {e}", f.path)
        };
    }
    for f in &r.files {
        for p in f.pages.iter().filter(|p| p.verdict == Verdict::Unexamined) {
            let _ = if de {
                writeln!(out, "  Nicht geprüft: {}: Seite {}", f.path, p.page)
            } else {
                writeln!(out, "  Not examined: {}: page {}", f.path, p.page)
            };
        }
    }
    if s.skipped_files > 0 {
        let _ = if de {
            writeln!(out, "{} Datei(en) übersprungen (kein PDF, JPEG, PNG oder TIFF).", s.skipped_files)
        } else {
            writeln!(out, "{} file(s) skipped (not PDF, JPEG, PNG or TIFF).", s.skipped_files)
        };
    }
    out
}
