//! A fixed sample report for the HTML and letter tests, built in Rust so the
//! golden files do not depend on detector output, and a golden-file check
//! with a `BLESS=1` switch. Fictitious data only (the BSI specimen person).
#![allow(dead_code)]

use ab_glyph::{FontRef, PxScale};
use ausweisscan::error::{FileError, PageError};
use ausweisscan::evidence::{Detail, DocumentType, Evidence, EvidenceKind, LayoutOf, Place, Side, Verdict};
use ausweisscan::mrz::{MrzFormat, mask};
use ausweisscan::report::{FileReport, MrzReport, PageReport, Report, SkippedFile, Summary, Tool, thumbnail};
use ausweisscan::source::Raster;
use image::{GrayImage, Luma};
use imageproc::drawing::{draw_filled_ellipse_mut, draw_filled_rect_mut, draw_hollow_rect_mut, draw_text_mut};
use imageproc::rect::Rect;
use std::path::PathBuf;

/// The specimen MRZ (TD1, valid check digits) of the fictitious Erika Mustermann.
pub const SPECIMEN_MRZ: [&str; 3] =
    ["IDD<<T220001293<<<<<<<<<<<<<<<", "6408125<2010315D<<<<<<<<<<<<<4", "MUSTERMANN<<ERIKA<<<<<<<<<<<<<"];

/// Strings from the specimen that must never appear in a masked report or a letter.
pub const SECRETS: [&str; 4] = ["T22000129", "MUSTERMANN", "ERIKA", "6408125"];

const PAGE_W: u32 = 1240;
const PAGE_H: u32 = 1754;
/// The card on the synthetic page, in pixels (ID-1 at 150 dpi).
const CARD: (i32, i32, u32, u32) = (150, 260, 506, 319);

fn frac(x0: i32, y0: i32, x1: i32, y1: i32) -> [f64; 4] {
    let (w, h) = (f64::from(PAGE_W), f64::from(PAGE_H));
    [f64::from(x0) / w, f64::from(y0) / h, f64::from(x1) / w, f64::from(y1) / h]
}

/// An A4 page at 150 dpi with letter text and an ID-1 card; `back` draws
/// the MRZ side, otherwise a portrait and text fields.
pub fn page_with_card(back: bool) -> Raster {
    let mut img = GrayImage::from_pixel(PAGE_W, PAGE_H, Luma([250]));
    for (i, y) in (120..1700).step_by(34).enumerate() {
        let inside_card = y + 20 >= CARD.1 && y <= CARD.1 + CARD.3 as i32;
        let x0 = if inside_card { CARD.0 + CARD.2 as i32 + 40 } else { 120 };
        let w = 980 - (i as i32 * 37) % 260 - (x0 - 120);
        if w > 40 {
            draw_filled_rect_mut(&mut img, Rect::at(x0, y).of_size(w as u32, 14), Luma([70]));
        }
    }
    let (cx, cy, cw, ch) = CARD;
    draw_filled_rect_mut(&mut img, Rect::at(cx, cy).of_size(cw, ch), Luma([214]));
    draw_hollow_rect_mut(&mut img, Rect::at(cx, cy).of_size(cw, ch), Luma([90]));
    if back {
        let font = FontRef::try_from_slice(include_bytes!("../src/mrz/font/OCRB.otf")).unwrap();
        for (i, line) in SPECIMEN_MRZ.iter().enumerate() {
            draw_text_mut(&mut img, Luma([20]), cx + 14, cy + 200 + 36 * i as i32, PxScale::from(30.0), &font, line);
        }
        draw_filled_rect_mut(&mut img, Rect::at(cx + 20, cy + 30).of_size(300, 12), Luma([110]));
    } else {
        draw_filled_rect_mut(&mut img, Rect::at(cx + 20, cy + 60).of_size(130, 170), Luma([180]));
        draw_filled_ellipse_mut(&mut img, (cx + 85, cy + 130), 40, 52, Luma([95]));
        for k in 0..6 {
            draw_filled_rect_mut(
                &mut img,
                Rect::at(cx + 180, cy + 70 + 30 * k).of_size(220 - 20 * k as u32, 12),
                Luma([60]),
            );
        }
    }
    Raster { image: img, dpi: 150.0, dpi_known: true }
}

/// A plain text page (a letter) with no card.
pub fn page_plain() -> Raster {
    let mut img = GrayImage::from_pixel(PAGE_W, PAGE_H, Luma([250]));
    for y in (140..1600).step_by(34) {
        draw_filled_rect_mut(&mut img, Rect::at(120, y).of_size(900, 14), Luma([70]));
    }
    Raster { image: img, dpi: 150.0, dpi_known: true }
}

fn card_bbox() -> [f64; 4] {
    let (x, y, w, h) = CARD;
    frac(x, y, x + w as i32, y + h as i32)
}

fn mrz_bbox() -> [f64; 4] {
    let (x, y, _, _) = CARD;
    frac(x + 10, y + 196, x + 492, y + 306)
}

fn td1_all_checks_right() -> Detail {
    Detail::Mrz { format: "TD1".into(), code: "ID".into(), failed_checks: vec![] }
}

fn id1_outline(edge_share: f64, size_error: f64) -> Detail {
    Detail::Outline { format: "ID-1".into(), edge_share, size_error }
}

fn page(n: u64, verdict: Verdict, conf: f64, doc: DocumentType, side: Side, evidence: Vec<Evidence>) -> PageReport {
    PageReport { page: n, verdict, confidence: conf, document_type: doc, side, evidence, mrz: None, thumbnail: None }
}

/// The sample report: two PDF parts of an Akte, a clean photo, a broken PDF
/// and a skipped Word file. `thumbnails` adds redacted thumbnails made by
/// [`thumbnail::make`] from synthetic pages; `show` lifts the masking.
pub fn report(thumbnails: bool, show: bool) -> Report {
    let (x, y, _, _) = CARD;
    let mut back = page(
        3,
        Verdict::IdCopy,
        0.97,
        DocumentType::IdCard,
        Side::Back,
        vec![
            Evidence::new(EvidenceKind::Mrz, td1_all_checks_right(), 1.0).with_bbox(mrz_bbox()),
            Evidence::new(EvidenceKind::CardOutline, id1_outline(0.8, 0.02), 0.8).with_bbox(card_bbox()),
        ],
    );
    let lines: Vec<String> = SPECIMEN_MRZ.iter().map(|s| s.to_string()).collect();
    back.mrz = Some(MrzReport {
        format: MrzFormat::TD1,
        document_code: "ID".into(),
        issuing_state: "D".into(),
        checks_passed: true,
        lines_masked: if show { lines } else { mask::mask_lines(&lines) },
        failed_checks: vec![],
    });
    let mut front = page(
        4,
        Verdict::IdCopy,
        0.81,
        DocumentType::IdCard,
        Side::Front,
        vec![
            Evidence::new(EvidenceKind::CardOutline, id1_outline(0.85, 0.03), 0.85).with_bbox(card_bbox()),
            Evidence::new(
                EvidenceKind::Portrait,
                Detail::Portrait { place: Place::Left, photo_share: 0.7, ghost: true },
                0.7,
            )
            .with_bbox(frac(x + 20, y + 60, x + 150, y + 230)),
            Evidence::new(EvidenceKind::Layout, Detail::Layout { of: LayoutOf::IdFront, probability: 0.6 }, 0.6)
                .with_bbox(frac(x + 170, y + 60, x + 420, y + 250)),
        ],
    );
    let mut passport = page(
        57,
        Verdict::PossibleIdCopy,
        0.55,
        DocumentType::Passport,
        Side::DataPage,
        vec![
            Evidence::new(EvidenceKind::Layout, Detail::Layout { of: LayoutOf::PassportPage, probability: 0.55 }, 0.55)
                .with_bbox(card_bbox()),
        ],
    );
    let mut other = page(
        88,
        Verdict::OtherCard,
        0.7,
        DocumentType::OtherCard,
        Side::Front,
        vec![Evidence::new(EvidenceKind::CardOutline, id1_outline(0.7, 0.04), 0.7).with_bbox(card_bbox())],
    );
    let broken = page(
        101,
        Verdict::Unexamined,
        0.0,
        DocumentType::Unknown,
        Side::Unknown,
        vec![Evidence::new(
            EvidenceKind::Unexamined,
            Detail::Page(PageError::Decode("JBIG2 stream truncated".into())),
            1.0,
        )],
    );
    let mut text_layer = page(
        214,
        Verdict::IdCopy,
        0.86,
        DocumentType::IdCard,
        Side::Back,
        vec![
            Evidence::new(EvidenceKind::TextLayerMrz, td1_all_checks_right(), 0.9),
            Evidence::new(EvidenceKind::Keywords, Detail::Keyword { word: "PERSONALAUSWEIS".into() }, 0.4),
        ],
    );
    if thumbnails {
        back.thumbnail = thumbnail::make(&page_with_card(true), &back.evidence, show);
        front.thumbnail = thumbnail::make(&page_with_card(false), &front.evidence, show);
        passport.thumbnail = thumbnail::make(&page_with_card(false), &passport.evidence, show);
        other.thumbnail = thumbnail::make(&page_with_card(false), &other.evidence, show);
        text_layer.thumbnail = thumbnail::make(&page_with_card(true), &text_layer.evidence, show);
    }
    let files = vec![
        FileReport {
            path: "akte/akte_teil1.pdf".into(),
            kind: "pdf".into(),
            pages_total: 120,
            error: None,
            pages: vec![back, front, passport, other, broken],
        },
        FileReport {
            path: "akte/akte_teil2.pdf".into(),
            kind: "pdf".into(),
            pages_total: 240,
            error: None,
            pages: vec![text_layer],
        },
        FileReport {
            path: "scans/IMG_0042.jpg".into(),
            kind: "jpeg".into(),
            pages_total: 1,
            error: None,
            pages: vec![],
        },
        broken_file(),
    ];
    Report {
        schema_version: 1,
        tool: Tool { name: "ausweisscan".into(), version: "0.1.0".into() },
        summary: Summary {
            files: 3,
            pages: 360,
            flagged_pages: 4,
            errors: 2,
            pages_total: 361,
            other_card_pages: 1,
            skipped_files: 1,
        },
        files,
        skipped: vec![SkippedFile { path: "akte/notiz.docx".into(), reason: "not a PDF, JPEG, PNG or TIFF".into() }],
        personal_data_shown: show,
    }
}

/// A report with nothing found: one clean file and one page not examined.
pub fn clean_report() -> Report {
    let mut r = report(false, false);
    r.files.truncate(3);
    r.files[0].pages.retain(|p| p.verdict == Verdict::Unexamined);
    r.files[1].pages.clear();
    r.skipped.clear();
    r.summary = Summary {
        files: 3,
        pages: 360,
        flagged_pages: 0,
        errors: 1,
        pages_total: 361,
        other_card_pages: 0,
        skipped_files: 0,
    };
    r
}

/// Path of a golden file.
pub fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("golden").join(name)
}

/// Compares `actual` with the golden file `name`; `BLESS=1` rewrites it.
pub fn golden(name: &str, actual: &str) {
    crate::util::committed(&golden_path(name), actual.as_bytes(), "a golden file of the test suite");
}

/// Replaces base64 image payloads by their length, so goldens do not depend
/// on the PNG encoder's exact bytes.
pub fn normalise_images(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let marker = "data:image/png;base64,";
    while let Some(i) = rest.find(marker) {
        let start = i + marker.len();
        out.push_str(&rest[..start]);
        let len = rest[start..].find('"').unwrap_or(rest.len() - start);
        out.push_str("[png]");
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

/// A file that did not open, its error in both languages as the pipeline sets it.
fn broken_file() -> FileReport {
    let mut f = FileReport::new("akte/kaputt.pdf", "pdf");
    f.set_error(Detail::File(FileError::Corrupt("no cross-reference table found".into())));
    f
}
