//! The self-contained HTML report: one file with inline CSS and data-URI
//! images, no script, and a Content-Security-Policy that forbids every
//! request, so it opens offline and leaks nothing. Everything taken from the
//! report (file names, error messages, evidence details) goes through
//! [`escape`]. MRZ lines are masked again here with [`mask::mask_lines`]
//! unless the report says personal data were shown, so a report read back
//! from a file never shows more than the JSON masking rule lets through.

mod files;
pub(crate) mod style;

use super::{FileReport, PageReport, Report};
use crate::evidence::{DocumentType, Evidence, EvidenceKind, Verdict};
use crate::i18n::{self, Texts, detail, fill, texts};
use crate::lang::Lang;
use crate::mrz::mask;
use base64::Engine;
use std::fmt::Write;

/// Escapes text for HTML element content and double- or single-quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Renders the report as one self-contained HTML page in `lang`.
pub fn render(report: &Report, lang: Lang) -> Result<String, String> {
    let t = texts(lang);
    let mut h = String::with_capacity(64 * 1024);
    head(&mut h, t.html_lang, t.report_title);
    let _ = writeln!(h, "<h1>{}</h1>", escape(t.report_title));
    let _ =
        writeln!(h, "<p class=\"meta\">{}</p>", escape(&fill(t.made_by, &[&report.tool.name, &report.tool.version])));
    if report.personal_data_shown {
        let _ = writeln!(h, "<p class=\"banner shown\" id=\"privacy\">{}</p>", escape(t.privacy_shown));
    } else {
        let _ = writeln!(h, "<p class=\"banner masked\" id=\"privacy\">{}</p>", escape(t.privacy_masked));
    }
    summary(&mut h, report, t, lang);
    let nothing = report.summary.flagged_pages == 0;
    if nothing {
        cannot_see(&mut h, t);
    }
    unexamined(&mut h, report, lang, t);
    pages_section(&mut h, report, lang, t.findings_heading, None, |p| p.verdict.is_flagged());
    pages_section(&mut h, report, lang, t.other_cards_heading, Some(t.other_cards_note), |p| {
        p.verdict == Verdict::OtherCard
    });
    files::table(&mut h, report, lang, t);
    files::skipped(&mut h, report, t);
    if !nothing {
        cannot_see(&mut h, t);
    }
    let _ = writeln!(h, "<footer>{}</footer>\n</body>\n</html>", escape(t.footer));
    Ok(h)
}

fn head(h: &mut String, html_lang: &str, title: &str) {
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
        escape(html_lang),
        escape(style::CSP),
        escape(title),
        style::CSS
    );
}

fn summary(h: &mut String, r: &Report, t: &Texts, lang: Lang) {
    let s = &r.summary;
    let _ = writeln!(h, "<section id=\"summary\">\n<h2>{}</h2>", escape(t.summary_heading));
    if s.flagged_pages == 0 {
        let _ = writeln!(h, "<p class=\"status clear\">{}</p>", escape(t.nothing_found));
    } else {
        let _ = writeln!(
            h,
            "<p class=\"status found\">{}: {}. {}</p>",
            escape(t.sum_flagged),
            s.flagged_pages,
            escape(t.found_some)
        );
    }
    let _ = writeln!(h, "<p>{}</p>", escape(&fill(t.checked, &[&s.pages, &s.pages_total, &s.files])));
    if s.errors > 0 {
        let _ = writeln!(h, "<p class=\"status found\">{}</p>", escape(&fill(t.incomplete_warning, &[&s.errors])));
    }
    let rows: [(&str, u64); 7] = [
        (t.sum_files, s.files),
        (t.sum_pages, s.pages),
        (t.sum_pages_total, s.pages_total),
        (t.sum_flagged, s.flagged_pages),
        (t.sum_other, s.other_card_pages),
        (t.sum_errors, s.errors),
        (t.sum_skipped, s.skipped_files),
    ];
    let _ = writeln!(h, "<table class=\"summary\">");
    for (label, n) in rows {
        let _ = writeln!(h, "<tr><th>{}</th><td>{n}</td></tr>", escape(label));
    }
    let _ = writeln!(h, "</table>");
    jump_list(h, r, t);
    let by_type = flagged_by_type(r);
    if !by_type.is_empty() {
        let _ = writeln!(
            h,
            "<h3>{}</h3>\n<table class=\"by-type\"><tr><th>{}</th><th>{}</th></tr>",
            escape(t.by_type_heading),
            escape(t.col_doc_type),
            escape(t.col_pages)
        );
        for (d, n) in by_type {
            let _ = writeln!(h, "<tr><td>{}</td><td class=\"n\">{n}</td></tr>", escape(i18n::document_type(lang, d)));
        }
        let _ = writeln!(h, "</table>");
    }
    let _ = writeln!(h, "</section>");
}

/// Each file with flagged pages, its page numbers linking to the findings.
fn jump_list(h: &mut String, r: &Report, t: &Texts) {
    let mut items = Vec::new();
    for f in &r.files {
        let links: Vec<String> = f
            .pages
            .iter()
            .filter(|p| p.verdict.is_flagged())
            .map(|p| format!("<a href=\"#{}\">{}</a>", anchor(r, f, p), p.page))
            .collect();
        if !links.is_empty() {
            items.push(format!(
                "<li><span class=\"path\">{}</span>: {} {}</li>",
                escape(&f.path),
                escape(t.col_pages),
                links.join(", ")
            ));
        }
    }
    if !items.is_empty() {
        let _ =
            writeln!(h, "<h3>{}</h3>\n<ul class=\"jump\">\n{}\n</ul>", escape(t.findings_heading), items.join("\n"));
    }
}

/// Flagged pages counted by document type, in the enum's order.
fn flagged_by_type(r: &Report) -> Vec<(DocumentType, u64)> {
    let mut counts = std::collections::BTreeMap::new();
    for p in r.files.iter().flat_map(|f| &f.pages).filter(|p| p.verdict.is_flagged()) {
        *counts.entry(p.document_type).or_insert(0u64) += 1;
    }
    counts.into_iter().collect()
}

fn cannot_see(h: &mut String, t: &Texts) {
    let _ = writeln!(h, "<section id=\"limits\">\n<h2>{}</h2>\n<ul>", escape(t.cannot_see_heading));
    for item in [t.cannot_see_1, t.cannot_see_2, t.cannot_see_3, t.cannot_see_4, t.cannot_see_5] {
        let _ = writeln!(h, "<li>{}</li>", escape(item));
    }
    let _ = writeln!(h, "</ul>\n<p>{}</p>\n</section>", escape(t.cannot_see_end));
}

/// Files with an error and pages that could not be examined, one row each.
fn unexamined(h: &mut String, r: &Report, lang: Lang, t: &Texts) {
    // (file, page, reason, reason is English)
    let mut rows: Vec<(&str, String, String, bool)> = Vec::new();
    for f in &r.files {
        if let Some((e, english)) = f.error.as_ref().map(|e| crate::i18n::detail::shown(e, lang)) {
            rows.push((&f.path, t.whole_file.to_string(), e, english && lang != Lang::En));
        }
        for p in f.pages.iter().filter(|p| p.verdict == Verdict::Unexamined) {
            let why: Vec<&Evidence> = p.evidence.iter().filter(|e| e.kind == EvidenceKind::Unexamined).collect();
            let english = why.iter().any(|e| !in_lang(e, lang));
            let text: Vec<String> = why.iter().map(|e| detail::text(&e.detail, lang)).collect();
            rows.push((&f.path, p.page.to_string(), text.join("; "), english));
        }
    }
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(
        h,
        "<section id=\"unexamined\">\n<h2>{}</h2>\n<p>{}</p>\n<table>\n<tr><th>{}</th><th>{}</th><th>{}</th></tr>",
        escape(t.unexamined_heading),
        escape(t.unexamined_note),
        escape(t.col_file),
        escape(t.col_page),
        escape(t.col_reason)
    );
    for (path, page, why, english) in rows {
        let _ = writeln!(
            h,
            "<tr><td class=\"path\">{}</td><td>{}</td><td{}>{}</td></tr>",
            escape(path),
            escape(&page),
            lang_en(english),
            escape(&why)
        );
    }
    let _ = writeln!(h, "</table>\n</section>");
}

/// True when the evidence's detail is written in `lang` (details read back
/// from a JSON report are English only).
fn in_lang(e: &Evidence, lang: Lang) -> bool {
    detail::is_in(&e.detail, lang)
}

/// The `lang` attribute for a cell of English text, so that screen readers
/// and translators treat it right inside a German page.
fn lang_en(english: bool) -> &'static str {
    if english { " lang=\"en\"" } else { "" }
}

/// One section listing every page that `keep` selects, file by file.
fn pages_section(
    h: &mut String,
    r: &Report,
    lang: Lang,
    heading: &str,
    note: Option<&str>,
    keep: impl Fn(&PageReport) -> bool,
) {
    let pages: Vec<(&FileReport, &PageReport)> =
        r.files.iter().flat_map(|f| f.pages.iter().map(move |p| (f, p))).filter(|(_, p)| keep(p)).collect();
    if pages.is_empty() {
        return;
    }
    let _ = writeln!(h, "<section>\n<h2>{}</h2>", escape(heading));
    if let Some(n) = note {
        let _ = writeln!(h, "<p>{}</p>", escape(n));
    }
    for (i, (f, p)) in pages.into_iter().enumerate() {
        page(h, r, f, p, lang, i == 0);
    }
    let _ = writeln!(h, "</section>");
}

/// The in-page anchor of a page's finding.
fn anchor(r: &Report, f: &FileReport, p: &PageReport) -> String {
    let fi = r.files.iter().position(|x| std::ptr::eq(x, f)).unwrap_or(0);
    format!("f{fi}-p{}", p.page)
}

fn page(h: &mut String, r: &Report, f: &FileReport, p: &PageReport, lang: Lang, first: bool) {
    let t = texts(lang);
    let verdict = serde_json::to_value(p.verdict).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
    let _ = writeln!(
        h,
        "<section class=\"finding {verdict}{}\" id=\"{}\">\n<h3>{}: {} {}</h3>",
        if first { " first" } else { "" },
        anchor(r, f, p),
        escape(&f.path),
        escape(t.col_page),
        p.page
    );
    let sentence = i18n::page_sentence(lang, p.page, &f.path, p.verdict, p.document_type, p.side, p.confidence);
    let _ = writeln!(h, "<p class=\"sentence\">{}</p>\n<div class=\"cols\">", escape(&sentence));
    let _ = writeln!(h, "<figure>");
    match &p.thumbnail {
        Some(th) => {
            let b64 = base64::engine::general_purpose::STANDARD.encode(&th.png);
            let _ = writeln!(
                h,
                "<img src=\"data:image/png;base64,{b64}\" width=\"{}\" height=\"{}\" alt=\"{}\">",
                th.width,
                th.height,
                escape(&fill(t.thumb_alt, &[&p.page]))
            );
            let _ = writeln!(h, "<figcaption>{}</figcaption>", escape(t.legend));
        }
        None => {
            let _ = writeln!(h, "<figcaption>{}</figcaption>", escape(t.thumb_missing));
        }
    }
    let _ = writeln!(h, "</figure>\n<div>\n<dl>");
    let side = i18n::side(lang, p.side).unwrap_or(i18n::document_type(lang, DocumentType::Unknown));
    let facts = [
        (t.label_verdict, i18n::verdict(lang, p.verdict).to_string()),
        (t.label_confidence, i18n::confidence(lang, p.confidence)),
        (t.label_doc_type, i18n::document_type(lang, p.document_type).to_string()),
        (t.label_side, side.to_string()),
    ];
    for (k, v) in facts {
        let _ = writeln!(h, "<dt>{}</dt><dd>{}</dd>", escape(k), escape(&v));
    }
    let _ = writeln!(h, "</dl>");
    evidence(h, p, lang, t);
    mrz(h, r, p, t);
    let _ = writeln!(h, "</div>\n</div>\n</section>");
}

fn evidence(h: &mut String, p: &PageReport, lang: Lang, t: &Texts) {
    if p.evidence.is_empty() {
        return;
    }
    let _ = writeln!(
        h,
        "<h4>{}</h4>\n<table class=\"evidence\">\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        escape(t.evidence_heading),
        escape(t.col_kind),
        escape(t.col_detail),
        escape(t.col_strength),
        escape(t.col_region)
    );
    for e in &p.evidence {
        let kind = serde_json::to_value(e.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        let region = e
            .bbox
            .map(|b| format!("x {:.2}–{:.2}, y {:.2}–{:.2}", b[0], b[2], b[1], b[3]))
            .unwrap_or_else(|| "–".into());
        let _ = writeln!(
            h,
            "<tr><td><span class=\"sw k-{kind}\"></span>{}</td><td{}>{}</td><td class=\"n\">{:.0}&#160;%</td><td>{}</td></tr>",
            escape(i18n::evidence_kind(lang, e.kind)),
            lang_en(!in_lang(e, lang)),
            escape(&detail::text(&e.detail, lang)),
            e.strength.clamp(0.0, 1.0) * 100.0,
            escape(&region)
        );
    }
    let _ = writeln!(h, "</table>");
}

fn mrz(h: &mut String, r: &Report, p: &PageReport, t: &Texts) {
    let Some(m) = &p.mrz else { return };
    let shown = r.personal_data_shown;
    let heading = if shown { t.mrz_shown_heading } else { t.mrz_masked_heading };
    let lines: Vec<String> = if shown { m.lines_masked.clone() } else { mask::mask_lines(&m.lines_masked) };
    let _ = writeln!(h, "<h4>{}</h4>\n<pre class=\"mrz\">{}</pre>", escape(heading), escape(&lines.join("\n")));
    let checks = if m.checks_passed {
        t.mrz_checks_ok.to_string()
    } else if m.failed_checks.is_empty() {
        fill(t.mrz_checks_failed, &[&"?"])
    } else {
        fill(t.mrz_checks_failed, &[&m.failed_checks.join(", ")])
    };
    let _ = writeln!(
        h,
        "<p class=\"small\">{} {} · {}</p>",
        escape(&m.document_code),
        escape(&m.issuing_state),
        escape(&checks)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_table() {
        let cases = [
            ("a<b>&c", "a&lt;b&gt;&amp;c"),
            ("\"x\" 'y'", "&quot;x&quot; &#39;y&#39;"),
            ("akte_teil2.pdf", "akte_teil2.pdf"),
            ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
            ("Rückseite", "Rückseite"),
        ];
        for (input, want) in cases {
            assert_eq!(escape(input), want);
        }
    }
}
