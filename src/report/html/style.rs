//! The report's inline stylesheet: screen and A4 print.

/// Content-Security-Policy of every page we write: nothing may be fetched,
/// images only from data URIs, styles only inline, no script at all.
pub(crate) const CSP: &str = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/// The stylesheet, inlined in `<style>`.
pub(crate) const CSS: &str = r#"
:root { --ink: #1b1b1b; --muted: #5a5a5a; --line: #c9c9c9; --warn: #8a1c00; --warnbg: #fff1ec; --okbg: #eef6ee; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif;
  color: var(--ink); max-width: 1080px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 .2em; }
h2 { font-size: 1.25em; border-bottom: 2px solid var(--ink); padding-bottom: .15em; margin-top: 1.6em; }
h3 { font-size: 1.05em; margin: 0 0 .3em; overflow-wrap: anywhere; }
h4 { font-size: .95em; margin: .8em 0 .3em; }
.meta { color: var(--muted); font-size: .9em; margin: 0 0 1em; }
.banner { border: 2px solid var(--ink); padding: .6em .9em; margin: .8em 0; }
.banner.shown { border-color: var(--warn); background: var(--warnbg); color: var(--warn); font-weight: 600; }
.banner.masked { background: var(--okbg); border-color: #3f7f3f; }
.status { font-size: 1.15em; font-weight: 600; }
.status.found { color: var(--warn); }
table { border-collapse: collapse; margin: .4em 0 1em; }
th, td { border: 1px solid var(--line); padding: .25em .5em; text-align: left; vertical-align: top; }
th { background: #f1f1f1; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
table.summary th { font-weight: normal; background: none; }
table.summary td { font-weight: 600; text-align: right; min-width: 4em; }
.finding { border: 1px solid var(--line); border-left: 6px solid var(--warn); padding: .8em 1em; margin: 1em 0; }
.finding.possible_id_copy { border-left-color: #c77700; }
.finding.other_card { border-left-color: #3060c0; }
.sentence { font-size: 1.1em; font-weight: 600; margin: 0 0 .6em; }
.cols { display: flex; gap: 1.2em; align-items: flex-start; flex-wrap: wrap; }
.cols > div { flex: 1 1 420px; min-width: 0; }
figure { margin: 0; flex: 0 0 auto; }
figure img { border: 1px solid var(--line); display: block; image-rendering: auto; }
figcaption, .small { font-size: .82em; color: var(--muted); max-width: 360px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15em .8em; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; font-weight: 600; }
pre.mrz { font: 13px/1.3 "OCR B", "DejaVu Sans Mono", monospace; background: #f6f6f6; padding: .4em .6em;
  overflow-x: auto; margin: .2em 0; }
.sw { display: inline-block; width: .9em; height: .9em; border: 2px solid; margin-right: .4em; vertical-align: -.1em; }
.k-mrz, .k-text_layer_mrz { border-color: #dc1e1e; } .k-portrait { border-color: #eb8200; }
.k-card_outline { border-color: #1e5adc; } .k-layout { border-color: #8c32b4; }
.k-keywords { border-color: #14963c; } .k-unexamined { border-color: #6e6e6e; }
.path { overflow-wrap: anywhere; min-width: 12em; }
.sort a { margin: 0 .3em; }
.files .alt { display: none; }
.files .alt:target { display: table; }
.files .alt:target ~ .default { display: none; }
footer { margin-top: 2em; border-top: 1px solid var(--line); padding-top: .6em; color: var(--muted); font-size: .9em; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  .finding { break-before: page; break-inside: avoid; }
  .finding.first { break-before: auto; }
  .sort, .files .alt { display: none !important; }
  .files .default { display: table !important; }
  table, figure { break-inside: avoid; }
}
"#;
