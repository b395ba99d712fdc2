//! The batch table of all files, sortable without script: the table is
//! written once per order and CSS `:target` shows the one whose link was
//! followed (by name when none was). Print shows the name order only.

use super::escape;
use crate::evidence::Verdict;
use crate::i18n::Texts;
use crate::lang::Lang;
use crate::report::{FileReport, Report};
use std::fmt::Write;

/// Counts shown for one file.
struct Row<'a> {
    file: &'a FileReport,
    flagged: usize,
    other: usize,
    unexamined: usize,
}

impl Row<'_> {
    /// Problems first: a file error, then the number of pages not examined.
    fn problems(&self) -> (bool, usize) {
        (self.file.error.is_some(), self.unexamined)
    }
}

/// Writes the table of all files (three orders when there is more than one file).
pub(super) fn table(h: &mut String, r: &Report, lang: Lang, t: &Texts) {
    if r.files.is_empty() {
        return;
    }
    let rows: Vec<Row> = r
        .files
        .iter()
        .map(|f| Row {
            file: f,
            flagged: f.pages.iter().filter(|p| p.verdict.is_flagged()).count(),
            other: f.pages.iter().filter(|p| p.verdict == Verdict::OtherCard).count(),
            unexamined: f.pages.iter().filter(|p| p.verdict == Verdict::Unexamined).count(),
        })
        .collect();
    let _ = writeln!(h, "<section id=\"files\" class=\"files\">\n<h2>{}</h2>", escape(t.files_heading));
    let mut by_name: Vec<&Row> = rows.iter().collect();
    by_name.sort_by(|a, b| a.file.path.cmp(&b.file.path));
    if rows.len() > 1 {
        let _ = writeln!(
            h,
            "<p class=\"sort\">{} <a href=\"#files-by-name\">{}</a> · <a href=\"#files-by-finds\">{}</a> · \
             <a href=\"#files-by-problems\">{}</a></p>",
            escape(t.sort_by),
            escape(t.sort_name),
            escape(t.sort_found),
            escape(t.sort_problems)
        );
        let mut by_finds = by_name.clone();
        by_finds.sort_by(|a, b| b.flagged.cmp(&a.flagged).then(b.other.cmp(&a.other)));
        let mut by_problems = by_name.clone();
        by_problems.sort_by_key(|r| std::cmp::Reverse(r.problems()));
        one(h, "files-by-finds", "alt", &by_finds, lang, t);
        one(h, "files-by-problems", "alt", &by_problems, lang, t);
    }
    one(h, "files-by-name", "default", &by_name, lang, t);
    let _ = writeln!(h, "</section>");
}

fn one(h: &mut String, id: &str, class: &str, rows: &[&Row], lang: Lang, t: &Texts) {
    let _ = writeln!(h, "<table id=\"{id}\" class=\"{class}\">");
    let _ = write!(h, "<tr>");
    for c in [t.col_file, t.col_type, t.col_pages_total, t.col_flagged, t.col_other, t.col_unexamined, t.col_error] {
        let _ = write!(h, "<th>{}</th>", escape(c));
    }
    let _ = writeln!(h, "</tr>");
    for r in rows {
        let (error, english) = r.file.error.as_ref().map(|e| crate::i18n::detail::shown(e, lang)).unwrap_or_default();
        let _ = writeln!(
            h,
            "<tr><td class=\"path\">{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td{}>{}</td></tr>",
            escape(&r.file.path),
            escape(&r.file.kind),
            r.file.pages_total,
            r.flagged,
            r.other,
            r.unexamined,
            if english && lang != Lang::En { " lang=\"en\"" } else { "" },
            escape(&error),
        );
    }
    let _ = writeln!(h, "</table>");
}

/// Writes the list of skipped files, if any.
pub(super) fn skipped(h: &mut String, r: &Report, t: &Texts) {
    if r.skipped.is_empty() {
        return;
    }
    let _ = writeln!(
        h,
        "<section id=\"skipped\">\n<h2>{}</h2>\n<table>\n<tr><th>{}</th><th>{}</th></tr>",
        escape(t.skipped_heading),
        escape(t.col_file),
        escape(t.col_reason)
    );
    for s in &r.skipped {
        let _ = writeln!(
            h,
            "<tr><td class=\"path\">{}</td><td lang=\"en\">{}</td></tr>",
            escape(&s.path),
            escape(&s.reason)
        );
    }
    let _ = writeln!(h, "</table>\n</section>");
}
