//! The HTML report: golden files, self-containment, privacy, and a real
//! browser (headless Chromium) loading it.

use crate::report_sample::{self, SECRETS, SPECIMEN_MRZ};
use crate::util::{bin, missing_prerequisite};
use ausweisscan::Lang;
use ausweisscan::mrz::mask;
use ausweisscan::report::html;
use ausweisscan_synth::person::{DocKind, mrz_lines};
use ausweisscan_synth::rng::Rng;
use regex::Regex;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn render(r: &ausweisscan::Report, lang: Lang) -> String {
    html::render(r, lang).expect("render")
}

#[test]
fn golden_report_de_and_en() {
    let r = report_sample::report(true, false);
    report_sample::golden("report.de.html", &report_sample::normalise_images(&render(&r, Lang::De)));
    report_sample::golden("report.en.html", &report_sample::normalise_images(&render(&r, Lang::En)));
    report_sample::golden("report-nothing-found.en.html", &render(&report_sample::clean_report(), Lang::En));
}

/// Every URL in the page is a data URI or an in-page fragment, there is no
/// script, and the CSP forbids any request.
pub(crate) fn assert_self_contained(h: &str) {
    assert!(
        h.contains(r#"<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src data:; style-src &#39;unsafe-inline&#39;">"#),
        "CSP meta tag missing"
    );
    let lower = h.to_lowercase();
    assert!(!lower.contains("http://") && !lower.contains("https://"), "a web address in the report");
    assert!(!lower.contains("<script"), "script in the report");
    assert!(!lower.contains("@import") && !lower.contains("url("), "CSS fetches something");
    let tag = Regex::new(r"<[a-zA-Z][^>]*>").unwrap();
    let attr = Regex::new(r#"(?i)\s(src|href|action|srcset|poster|data|formaction)\s*=\s*["']?([^"'\s>]*)"#).unwrap();
    let mut seen = 0;
    for t in tag.find_iter(h) {
        for c in attr.captures_iter(t.as_str()) {
            let v = &c[2];
            assert!(v.starts_with("data:image/png;base64,") || v.starts_with('#'), "external reference {}={v}", &c[1]);
            seen += 1;
        }
    }
    assert!(seen > 0 || !h.contains(" src="), "attribute scan found nothing");
}

#[test]
fn report_is_self_contained() {
    for lang in [Lang::De, Lang::En] {
        let h = render(&report_sample::report(true, false), lang);
        assert_self_contained(&h);
        assert_eq!(h.matches("src=\"data:image/png;base64,").count(), 5, "one thumbnail per flagged or card page");
    }
}

#[test]
fn masked_by_default_and_says_so_when_lifted() {
    let masked = render(&report_sample::report(true, false), Lang::De);
    for s in SECRETS {
        assert!(!masked.contains(s), "{s} in the masked report");
    }
    assert!(masked.contains(&html::escape("IDD<<**********<<<<<<<<<<<<<<<")), "masked MRZ line missing");
    assert!(masked.contains("class=\"banner masked\""));
    assert!(!masked.contains("--show-personal-data"));

    // A report that claims masking but carries clear lines is masked again.
    let mut leaky = report_sample::report(false, true);
    leaky.personal_data_shown = false;
    let h = render(&leaky, Lang::En);
    for s in SECRETS {
        assert!(!h.contains(s), "{s} leaked from unmasked lines");
    }

    let shown = render(&report_sample::report(true, true), Lang::De);
    assert!(shown.contains("class=\"banner shown\""));
    assert!(shown.contains("Dieser Bericht zeigt personenbezogene Daten (--show-personal-data)"));
    assert!(shown.contains(&html::escape(SPECIMEN_MRZ[2])));
    let pos_banner = shown.find("banner shown").unwrap();
    assert!(pos_banner < shown.find("id=\"summary\"").unwrap(), "the warning must be at the top");
}

/// The HTML shows an MRZ exactly as `mrz::mask` masks it, whatever lines a
/// report that claims masking carries (a saved report can hold anything):
/// clear lines, masked ones, half-masked ones, characters no MRZ has; and
/// nothing the mask hides shows up anywhere else in the page.
#[test]
fn html_never_shows_what_the_mask_hides() {
    let pre = Regex::new(r#"(?s)<pre class="mrz">(.*?)</pre>"#).unwrap();
    let mut cases: Vec<Vec<String>> = vec![
        SPECIMEN_MRZ.map(String::from).to_vec(),
        mask::mask_lines(&SPECIMEN_MRZ),
        vec!["I1d<&T22000129<<<<<<<<<<<<<<<".into(), "6408125<2010315D<<<<<<<<<<<<<4".into()],
        vec!["12345".into(), "*****MUSTERMANN".into(), String::new()],
    ];
    let mut rng = Rng::new(16);
    for _ in 0..200 {
        let kind = DocKind::random(&mut rng);
        let lines = mrz_lines(&kind.random_holder(&mut rng), kind);
        // Half masked: the first half of every line already starred.
        let half =
            lines.iter().map(|l| l.chars().enumerate().map(|(i, c)| if i < l.len() / 2 { '*' } else { c }).collect());
        cases.push(half.collect());
        cases.push(lines);
    }
    for lines in cases {
        let mut r = report_sample::report(false, false);
        let mut n = 0;
        for m in r.files.iter_mut().flat_map(|f| f.pages.iter_mut()).filter_map(|p| p.mrz.as_mut()) {
            m.lines_masked = lines.clone();
            n += 1;
        }
        assert!(n > 0, "the sample report has no MRZ");
        let h = render(&r, Lang::En);
        let want = html::escape(&mask::mask_lines(&lines).join("\n"));
        let shown: Vec<&str> = pre.captures_iter(&h).map(|c| c.get(1).map_or("", |m| m.as_str())).collect();
        assert_eq!(shown, vec![want.as_str(); n], "{lines:?}");
        // Runs of hidden characters (names, numbers, dates) appear nowhere.
        for l in &lines {
            let chars: Vec<char> = l.chars().collect();
            for run in chars.split(|&c| c == '<' || c == '*').filter(|r| r.len() >= 8) {
                let run: String = run.iter().collect();
                assert!(!h.contains(&run), "{run} shown");
            }
        }
    }
}

#[test]
fn file_names_and_errors_are_escaped() {
    let mut r = report_sample::report(false, false);
    r.files[0].path = "akte/<script>alert(1)</script>&.pdf".into();
    r.files[3].error = Some("bad \"quote\" <img src=x>".into());
    let h = render(&r, Lang::De);
    assert!(!h.contains("<script>alert(1)"));
    assert!(!h.contains("<img src=x>"));
    assert!(h.contains("akte/&lt;script&gt;alert(1)&lt;/script&gt;&amp;.pdf"));
    // An error set as text is shown as it is, marked English in the German page.
    assert!(h.contains("<td lang=\"en\">bad &quot;quote&quot; &lt;img src=x&gt;</td>"), "{h}");
    assert_self_contained(&h);
}

#[test]
fn plain_sentences_in_both_languages() {
    let r = report_sample::report(false, false);
    let de = render(&r, Lang::De);
    assert!(de.contains(
        "Seite 214 von akte/akte_teil2.pdf enthält wahrscheinlich eine Kopie Ihres Personalausweises (Rückseite)."
    ));
    assert!(de.contains("<html lang=\"de\">"));
    let en = render(&r, Lang::En);
    assert!(
        en.contains("Page 3 of akte/akte_teil1.pdf almost certainly contains a copy of your identity card (back).")
    );
    assert!(en.contains("Page 57 of akte/akte_teil1.pdf may contain a copy of your passport (data page)."));
    assert!(en.contains("<html lang=\"en\">"));
    assert!(!en.contains("Seite "), "German left in the English report");
}

#[test]
fn nothing_found_states_what_was_checked_and_lists_unexamined_pages() {
    let h = render(&report_sample::clean_report(), Lang::De);
    assert!(h.contains("Es wurde keine Ausweiskopie gefunden."));
    assert!(h.contains("Geprüft wurden 360 von 361 Seiten in 3 Datei(en)."));
    assert!(h.contains("Was dieses Programm nicht sehen kann"));
    assert!(h.contains("ein Bild auf der Seite lässt sich nicht entschlüsseln: JBIG2 stream truncated"));
    let limits = h.find("id=\"limits\"").unwrap();
    assert!(limits < h.find("id=\"files\"").unwrap(), "limits come right after the summary when nothing was found");
}

#[test]
fn batch_table_has_three_orders() {
    let h = render(&report_sample::report(false, false), Lang::En);
    for id in ["files-by-name", "files-by-finds", "files-by-problems"] {
        assert!(h.contains(&format!("<table id=\"{id}\"")), "{id}");
        assert!(h.contains(&format!("href=\"#{id}\"")), "link to {id}");
    }
    let table = |id: &str| {
        let start = h.find(&format!("<table id=\"{id}\"")).unwrap();
        let end = start + h[start..].find("</table>").unwrap();
        Regex::new(r#"<td class="path">([^<]*)</td>"#)
            .unwrap()
            .captures_iter(&h[start..end])
            .map(|c| c[1].to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        table("files-by-name"),
        ["akte/akte_teil1.pdf", "akte/akte_teil2.pdf", "akte/kaputt.pdf", "scans/IMG_0042.jpg"]
    );
    assert_eq!(table("files-by-finds")[0], "akte/akte_teil1.pdf");
    assert_eq!(table("files-by-problems")[0], "akte/kaputt.pdf");
}

/// Through the binary: a plain page and a missing file give an English
/// report that lists the missing file as not examined.
#[test]
fn scan_writes_html_through_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("brief.png");
    report_sample::page_plain().image.save(&png).unwrap();
    let missing = dir.path().join("fehlt.pdf");
    let out_html = dir.path().join("bericht.html");
    let out = bin()
        .args(["scan", "--quiet", "--lang", "en", "--html"])
        .arg(&out_html)
        .arg(&png)
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "missing file makes the scan incomplete");
    let h = std::fs::read_to_string(&out_html).unwrap();
    assert_self_contained(&h);
    assert!(h.contains("<html lang=\"en\">"));
    assert!(h.contains("Not examined"));
    assert!(h.contains("fehlt.pdf"));
}

pub(crate) fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Runs headless Chromium with the isolating flags; returns stdout.
pub(crate) fn run_chromium(exe: &Path, profile: &Path, extra: &[String], url: &str) -> String {
    let mut child = Command::new(exe)
        .args(crate::webdriver::CHROMIUM_FLAGS)
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let start = Instant::now();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap_or_default());
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().unwrap()
}

/// Loads the sample report in headless Chromium: the rendered DOM holds the
/// findings, and a screenshot is taken (`BLESS=1` keeps it for the README).
#[test]
fn report_renders_in_headless_chromium() {
    let Some(exe) = chromium() else {
        return missing_prerequisite("report_renders_in_headless_chromium", "no chromium in PATH");
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bericht.html");
    let h = render(&report_sample::report(true, false), Lang::De);
    assert_self_contained(&h);
    std::fs::write(&file, &h).unwrap();
    let url = format!("file://{}", file.display());

    let dom = run_chromium(&exe, &dir.path().join("profile1"), &["--dump-dom".into()], &url);
    assert!(dom.contains("Prüfbericht: Ausweiskopien in der Akte"), "page did not load: {dom:.300}");
    assert!(dom.contains(
        "Seite 214 von akte/akte_teil2.pdf enthält wahrscheinlich eine Kopie Ihres Personalausweises (Rückseite)."
    ));
    assert!(dom.contains("Seite 57 von akte/akte_teil1.pdf enthält möglicherweise eine Kopie Ihres Reisepasses"));
    assert!(dom.contains("die Datei ist beschädigt und lässt sich nicht lesen: no cross-reference table found"));
    for s in SECRETS {
        assert!(!dom.contains(s), "{s} in the rendered page");
    }

    let shot = dir.path().join("shot.png");
    run_chromium(
        &exe,
        &dir.path().join("profile2"),
        &[format!("--screenshot={}", shot.display()), "--window-size=1200,1800".into()],
        &url,
    );
    let img = image::open(&shot).expect("screenshot written").to_rgb8();
    assert_eq!(img.dimensions(), (1200, 1800));
    let dark = img.pixels().filter(|p| p.0.iter().all(|&c| c < 100)).count();
    let warm = img.pixels().filter(|p| p.0[0] > 180 && p.0[1] < 80 && p.0[2] < 80).count();
    assert!(dark > 5_000, "screenshot shows almost no text ({dark} dark pixels)");
    assert!(warm > 50, "no red evidence frame or finding marker visible ({warm} red pixels)");

    // Print: A4 pages, each finding on a page of its own (5 findings after the summary).
    let pdf = dir.path().join("print.pdf");
    run_chromium(
        &exe,
        &dir.path().join("profile3"),
        &[format!("--print-to-pdf={}", pdf.display()), "--no-pdf-header-footer".into()],
        &url,
    );
    let bytes = std::fs::read(&pdf).expect("PDF printed");
    let text = String::from_utf8_lossy(&bytes);
    let pages = Regex::new(r"/Type\s*/Page\b").unwrap().find_iter(&text).count();
    assert!(pages >= 6, "expected a page per finding after the summary, got {pages} pages");
    let a4 = Regex::new(r"/MediaBox\s*\[\s*0 0 59[45](\.\d+)? 84[12](\.\d+)?\s*\]").unwrap();
    assert!(a4.is_match(&text), "pages are not A4");

    crate::util::keep_screenshot(&std::fs::read(&shot).expect("read screenshot"), "docs/report-screenshot.png");
}

/// The file table sorts without script: following a sort link (a URL
/// fragment) shows another order in a real browser, and no fragment shows
/// the name order.
#[test]
fn file_table_sorts_in_headless_chromium() {
    let Some(exe) = chromium() else {
        return missing_prerequisite("file_table_sorts_in_headless_chromium", "no chromium in PATH");
    };
    let dir = tempfile::tempdir().unwrap();
    let mut r = report_sample::clean_report();
    r.files[2].error = Some("image truncated".into());
    let file = dir.path().join("short.html");
    std::fs::write(&file, render(&r, Lang::En)).unwrap();
    let shot = |frag: &str| {
        let png = dir.path().join(format!("{frag}.png"));
        run_chromium(
            &exe,
            &dir.path().join(format!("profile-{frag}")),
            &[format!("--screenshot={}", png.display()), "--window-size=1000,2400".into()],
            &format!("file://{}#{frag}", file.display()),
        );
        image::open(&png).expect("screenshot").to_rgb8()
    };
    let plain = shot("top");
    assert_eq!(plain, shot("files-by-name"), "the name order is the default view");
    assert_ne!(plain, shot("files-by-problems"), "the problems link shows another order");
}

#[test]
fn every_in_page_link_has_a_target() {
    let h = render(&report_sample::report(false, false), Lang::De);
    let ids: std::collections::HashSet<&str> =
        Regex::new(r#"\sid="([^"]+)""#).unwrap().captures_iter(&h).map(|c| c.get(1).unwrap().as_str()).collect();
    let links: Vec<&str> =
        Regex::new(r##"href="#([^"]+)""##).unwrap().captures_iter(&h).map(|c| c.get(1).unwrap().as_str()).collect();
    assert!(links.len() >= 4 + 3, "jump list and sort links expected, got {links:?}");
    for l in links {
        assert!(ids.contains(l), "link #{l} has no target");
    }
    assert!(h.contains("<a href=\"#f1-p214\">214</a>"));
}
