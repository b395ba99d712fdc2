//! Encoding fixtures (`fixtures/encodings/`): the committed files are what the
//! generator makes, every image fixture loads upright through its source,
//! every PDF fixture renders with its marker in place, and scanning the
//! folder gives the page counts and outcomes of `MANIFEST.tsv`.

use crate::util::{committed, fixture, scan_json};
use ausweisscan::discover::sniff;
use ausweisscan::error::PageError;
use ausweisscan::source::{self, OpenOptions};
use ausweisscan_synth::fixtures::{EXTERNAL, image_fixtures, manifest, pdf_fixtures};
use ausweisscan_synth::pattern::{expected_marker, find_marker};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// (pages, outcome) per file name, from MANIFEST.tsv.
fn manifest_rows() -> BTreeMap<String, (usize, String)> {
    let text = std::fs::read_to_string(fixture("encodings/MANIFEST.tsv")).unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c[0].to_string(), (c[1].parse().unwrap(), c[2].to_string()))
        })
        .collect()
}

fn open(path: &Path) -> Result<Box<dyn source::PageSource>, ausweisscan::error::FileError> {
    let head = std::fs::read(path).unwrap();
    let kind = sniff(&head[..head.len().min(1024)]).unwrap_or_else(|| panic!("{}: unknown kind", path.display()));
    source::open(path, kind, &OpenOptions::default())
}

fn assert_upright(img: &image::GrayImage, what: &str) {
    let (ex, ey) = expected_marker(img.width(), img.height());
    let (fx, fy) = find_marker(img).unwrap_or_else(|| panic!("{what}: no marker"));
    assert!(
        (fx - ex).abs() < 0.03 && (fy - ey).abs() < 0.03,
        "{what}: marker at {fx:.3},{fy:.3}, expected {ex:.3},{ey:.3}"
    );
}

#[test]
fn committed_fixtures_match_the_generator() {
    let jpx = std::fs::read(fixture("encodings-src/grey.jp2")).unwrap();
    let mut all = pdf_fixtures(Some(&jpx)).unwrap();
    all.extend(image_fixtures().unwrap());
    let how = "cargo run --example gen_fixtures, see fixtures/README.md";
    for f in &all {
        committed(&fixture(&format!("encodings/{}", f.name)), &f.bytes, how);
    }
    committed(&fixture("encodings/MANIFEST.tsv"), manifest(&all, EXTERNAL).as_bytes(), how);
    let source = ausweisscan_synth::fixtures::encryption_source().unwrap();
    committed(&fixture("encodings-src/encryption_source.pdf"), &source, how);
}

#[test]
fn manifest_lists_exactly_the_files_in_the_folder() {
    let rows = manifest_rows();
    let mut files: Vec<String> = std::fs::read_dir(fixture("encodings"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "MANIFEST.tsv")
        .collect();
    files.sort();
    assert_eq!(files, rows.keys().cloned().collect::<Vec<_>>());
    let total: u64 =
        std::fs::read_dir(fixture("encodings")).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).sum();
    assert!(total < 2_000_000, "fixtures/encodings is {total} bytes");
}

fn image_rows() -> Vec<(PathBuf, usize, String)> {
    manifest_rows()
        .into_iter()
        .filter(|(n, _)| [".jpg", ".png", ".tif"].iter().any(|e| n.ends_with(e)))
        .map(|(n, (p, o))| (fixture(&format!("encodings/{n}")), p, o))
        .collect()
}

#[test]
fn image_fixtures_load_upright_through_their_sources() {
    let rows = image_rows();
    assert!(rows.len() >= 14);
    for (path, pages, outcome) in rows {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let src = open(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(src.page_count(), pages, "{name}");
        for i in 0..pages {
            let page = src.load_page(i);
            assert_eq!(page.text, Ok(None), "{name}");
            match outcome.as_str() {
                "ok" => {
                    let r = page.raster.unwrap_or_else(|e| panic!("{name} page {}: {e}", i + 1)).unwrap();
                    assert_upright(&r.image, &format!("{name} page {}", i + 1));
                    let stated = !(name.contains("nodpi") || name.contains("72dpi"));
                    assert_eq!(r.dpi_known, stated, "{name}: dpi_known");
                    if stated {
                        assert!((r.dpi - 100.0).abs() < 0.5, "{name}: dpi {}", r.dpi);
                    }
                }
                "page_error" => assert!(
                    matches!(page.raster, Err(PageError::Decode(_)) | Err(PageError::Limit(_))),
                    "{name}: {:?}",
                    page.raster.map(|r| r.map(|r| r.image.dimensions()))
                ),
                o => panic!("{name}: unexpected outcome {o}"),
            }
        }
    }
}

#[test]
fn broken_images_name_their_reason() {
    let bomb = open(&fixture("encodings/png_bomb_50000x50000.png")).unwrap().load_page(0).raster;
    assert!(matches!(&bomb, Err(PageError::Limit(m)) if m.contains("50000 x 50000")), "{bomb:?}");
    let cut = open(&fixture("encodings/jpeg_truncated.jpg")).unwrap().load_page(0).raster;
    assert!(matches!(&cut, Err(PageError::Decode(m)) if m.contains("truncated")), "{cut:?}");
    let tiff = open(&fixture("encodings/tiff_g4_3pages.tif")).unwrap();
    assert!(matches!(tiff.load_page(3).raster, Err(PageError::Corrupt(_))));
    let land = tiff.load_page(2).raster.unwrap().unwrap();
    assert!(land.image.width() > land.image.height(), "third TIFF page is landscape");
}

#[test]
fn scanning_image_fixtures_as_a_folder_gives_manifest_counts() {
    let dir = tempfile::tempdir().unwrap();
    let rows = image_rows();
    for (p, _, _) in &rows {
        std::fs::copy(p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    let (_code, report, _) = scan_json(&[dir.path()], &[]);
    check_scan(&report, &rows);
}

fn check_scan(report: &serde_json::Value, rows: &[(PathBuf, usize, String)]) {
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), rows.len());
    for (path, pages, outcome) in rows {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let f = files
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(&name))
            .unwrap_or_else(|| panic!("{name} not in report"));
        let unexamined = f["pages"].as_array().unwrap().iter().filter(|p| p["verdict"] == "unexamined").count();
        match outcome.as_str() {
            "ok" => {
                assert_eq!(f["pages_total"].as_u64().unwrap() as usize, *pages, "{name}");
                assert!(f["error"].is_null(), "{name}: {}", f["error"]);
                assert_eq!(unexamined, 0, "{name}: {f}");
            }
            "page_error" => {
                assert_eq!(f["pages_total"].as_u64().unwrap() as usize, *pages, "{name}");
                assert_eq!(unexamined, *pages, "{name}: {f}");
            }
            "file_error" => assert!(f["error"].is_string(), "{name}: {f}"),
            "partial" => {
                assert!(f["error"].is_string(), "{name}: {f}");
                assert_eq!(f["pages_total"].as_u64().unwrap() as usize, *pages, "{name}");
                assert_eq!(unexamined, 0, "{name}: {f}");
            }
            o => panic!("{name}: outcome {o}"),
        }
    }
}

/// Checks that every PDF fixture is what its name says, independently of the
/// PDF source: rendered with hayro, upright pages show the marker top-left.
#[test]
fn pdf_fixtures_render_upright_with_hayro() {
    use hayro::hayro_interpret::InterpreterSettings;
    use hayro::hayro_syntax::Pdf;
    use hayro::{PixmapSettings, RenderCache, RenderSettings, render};
    for (name, (pages, outcome)) in manifest_rows() {
        if !name.ends_with(".pdf") || outcome != "ok" {
            continue;
        }
        let pdf = Pdf::new(std::fs::read(fixture(&format!("encodings/{name}"))).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(pdf.pages().len(), pages, "{name}");
        if ["text_only_letter.pdf", "form_xobject_rotated30.pdf"].contains(&name.as_str()) {
            continue;
        }
        let cache = RenderCache::new();
        for (i, page) in pdf.pages().iter().enumerate() {
            let settings =
                PixmapSettings { x_scale: 0.6, y_scale: 0.6, bg_color: hayro::vello_cpu::color::palette::css::WHITE };
            let pix = render(page, &cache, &InterpreterSettings::default(), &RenderSettings::default(), &settings);
            let (w, h) = (pix.width() as u32, pix.height() as u32);
            let data = pix.data_as_u8_slice();
            let img = image::GrayImage::from_fn(w, h, |x, y| image::Luma([data[((y * w + x) * 4 + 1) as usize]]));
            assert_upright(&img, &format!("{name} page {}", i + 1));
        }
    }
}

/// Through the PDF source (branch `pdf`, merged).
mod via_pdf_source {
    use super::*;

    fn pdf_rows() -> Vec<(PathBuf, usize, String)> {
        manifest_rows()
            .into_iter()
            .filter(|(n, _)| n.ends_with(".pdf"))
            .map(|(n, (p, o))| (fixture(&format!("encodings/{n}")), p, o))
            .collect()
    }

    #[test]
    fn pdf_fixtures_load_upright_through_the_pdf_source() {
        for (path, pages, outcome) in pdf_rows() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let src = match (open(&path), outcome.as_str()) {
                (Err(_), "file_error") => continue,
                // The pipeline reports a file without pages as unexaminable.
                (Ok(s), "file_error") if s.page_count() == 0 => continue,
                (Ok(s), "ok") => s,
                (Ok(s), "partial") => {
                    assert!(s.warning().is_some(), "{name}: recovered without a note");
                    s
                }
                (r, o) => panic!("{name}: expected {o}, got {:?}", r.map(|s| s.page_count())),
            };
            assert_eq!(src.page_count(), pages, "{name}");
            for i in 0..pages {
                let page = src.load_page(i);
                if name == "text_only_letter.pdf" {
                    assert!(matches!(page.raster, Ok(None)), "{name}");
                    assert!(page.text.unwrap().unwrap().contains("Müller"), "{name}");
                    continue;
                }
                let r = page.raster.unwrap_or_else(|e| panic!("{name}: {e}")).unwrap();
                if name != "form_xobject_rotated30.pdf" {
                    assert_upright(&r.image, &format!("{name} page {}", i + 1));
                }
                if name == "text_layer_invisible.pdf" {
                    let text = page.text.unwrap().unwrap();
                    assert!(text.contains("Größe") && text.contains("Übersicht"), "{text}");
                }
            }
        }
    }

    #[test]
    fn scanning_the_fixture_folder_gives_manifest_counts() {
        let (_code, report, _) = scan_json(&[&fixture("encodings")], &[]);
        let mut rows = pdf_rows();
        rows.extend(image_rows());
        check_scan(&report, &rows);
    }
}

/// Damaged copies of every image fixture (cut short, bytes overwritten)
/// give a value, never a panic: an error for the file or the page, or a page.
#[test]
fn damaged_image_fixtures_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut seen = (0, 0);
    for (path, _, _) in image_rows() {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut variants: Vec<Vec<u8>> =
            [0.05, 0.3, 0.6, 0.95].iter().map(|f| bytes[..(bytes.len() as f64 * f) as usize].to_vec()).collect();
        for at in [0.02, 0.1, 0.5] {
            let mut v = bytes.clone();
            let i = ((v.len() as f64 * at) as usize).max(12);
            for b in v.iter_mut().skip(i).take(16) {
                *b ^= 0xA5;
            }
            variants.push(v);
        }
        for (k, v) in variants.into_iter().enumerate() {
            let p = dir.path().join(format!("{k}_{name}"));
            std::fs::write(&p, &v).unwrap();
            let Some(kind) = sniff(&v[..v.len().min(1024)]) else { continue };
            match source::open(&p, kind, &OpenOptions::default()) {
                Err(_) => seen.0 += 1,
                Ok(src) => {
                    for i in 0..src.page_count().min(4) {
                        if src.load_page(i).raster.is_err() {
                            seen.1 += 1;
                        }
                    }
                }
            }
        }
    }
    assert!(seen.0 + seen.1 > 20, "damage was noticed only {seen:?} times");
}
