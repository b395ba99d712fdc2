//! Figures for the HTML report: thumbnail time and PNG size for a 300 dpi
//! A4 page, and render time and size of the report for a large batch.
//! Run: `cargo bench --bench report_html`.

use ausweisscan::Lang;
use ausweisscan::evidence::{DocumentType, Evidence, EvidenceKind, Side, Verdict};
use ausweisscan::report::{FileReport, PageReport, Report, Summary, Tool, html, thumbnail};
use ausweisscan::source::Raster;
use image::{GrayImage, Luma};
use std::time::Instant;

/// A 300 dpi A4 page: text-like stripes with noise and a darker card.
fn page() -> Raster {
    let (w, h) = (2480u32, 3508u32);
    let img = GrayImage::from_fn(w, h, |x, y| {
        let noise = ((x.wrapping_mul(7919) ^ y.wrapping_mul(104_729)) % 23) as u8;
        let card = (300..1311).contains(&x) && (500..1138).contains(&y);
        let text = (y / 28) % 2 == 0 && (x / 9) % 7 != 0;
        Luma([if card {
            170 + noise
        } else if text {
            60 + noise
        } else {
            235 + noise % 15
        }])
    });
    Raster { image: img, dpi: 300.0, dpi_known: true }
}

fn evidence() -> Vec<Evidence> {
    vec![
        Evidence::new(EvidenceKind::CardOutline, "ID-1 card", 0.9).with_bbox([0.12, 0.14, 0.53, 0.32]),
        Evidence::new(EvidenceKind::Mrz, "TD1", 1.0).with_bbox([0.13, 0.26, 0.52, 0.31]),
    ]
}

fn main() {
    let raster = page();
    let ev = evidence();
    let runs = 20;
    let start = Instant::now();
    let mut thumb = None;
    for _ in 0..runs {
        thumb = thumbnail::make(&raster, &ev, false);
    }
    let per = start.elapsed().as_secs_f64() * 1000.0 / f64::from(runs);
    let Some(thumb) = thumb else {
        eprintln!("no thumbnail made");
        std::process::exit(1);
    };
    println!(
        "thumbnail 2480x3508 -> {}x{}: {per:.1} ms each, PNG {} bytes",
        thumb.width,
        thumb.height,
        thumb.png.len()
    );

    // A batch: 1000 files of 300 pages, every fifth file with two flagged pages.
    let files: Vec<FileReport> = (0..1000)
        .map(|i| FileReport {
            path: format!("akten/teil_{i:04}.pdf"),
            kind: "pdf".into(),
            pages_total: 300,
            error: None,
            pages: if i % 5 == 0 {
                (1..=2)
                    .map(|p| PageReport {
                        page: p * 17,
                        verdict: Verdict::IdCopy,
                        confidence: 0.93,
                        document_type: DocumentType::IdCard,
                        side: Side::Back,
                        evidence: ev.clone(),
                        mrz: None,
                        thumbnail: Some(thumb.clone()),
                    })
                    .collect()
            } else {
                vec![]
            },
        })
        .collect();
    let report = Report {
        schema_version: 1,
        tool: Tool::default(),
        summary: Summary {
            files: 1000,
            pages: 300_000,
            flagged_pages: 400,
            pages_total: 300_000,
            ..Summary::default()
        },
        files,
        skipped: vec![],
        personal_data_shown: false,
    };
    let start = Instant::now();
    let html = match html::render(&report, Lang::De) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("render failed: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "HTML report, 1000 files / 400 flagged pages with thumbnails: {:.0} ms, {:.1} MB",
        start.elapsed().as_secs_f64() * 1000.0,
        html.len() as f64 / 1e6
    );
}
