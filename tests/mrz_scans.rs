//! End to end: a folder of generated scans of every MRZ document kind, as
//! PNG, JPEG and TIFF at several angles, goes through the CLI; each page must
//! come back as `id_copy` with its type, side and MRZ format, masked by
//! default and in clear only with `--show-personal-data`.

use crate::util::scan_json;
use ausweisscan_synth::card::CardKind;
use ausweisscan_synth::damage::{Damage, encode_jpeg};
use ausweisscan_synth::docs::{self, NegKind};
use ausweisscan_synth::page::{CopyLayout, Edge, copy_page, render_document};
use ausweisscan_synth::person::DocKind;
use ausweisscan_synth::rng::Rng;
use std::path::Path;

/// One generated scan and what the report must say of it.
struct Expect {
    file: String,
    truth: Vec<String>,
    format: &'static str,
    document_type: &'static str,
    side: &'static str,
}

fn expected(kind: DocKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        DocKind::IdCard2010 | DocKind::IdCard2021 | DocKind::ForeignId { .. } => ("TD1", "id_card", "back"),
        DocKind::IdCardOld | DocKind::ProvisionalId => ("TD2", "id_card", "front"),
        DocKind::ResidencePermit => ("TD1", "residence_permit", "back"),
        DocKind::Ankunftsnachweis => ("TD2", "residence_permit", "front"),
        _ => ("TD3", "passport", "data_page"),
    }
}

/// Writes `img` as PNG, JPEG (q80) or TIFF, by `i`.
fn save(dir: &Path, stem: &str, img: &image::GrayImage, i: usize) -> String {
    let name = format!("{stem}.{}", ["png", "jpg", "tif"][i % 3]);
    let path = dir.join(&name);
    match i % 3 {
        1 => std::fs::write(&path, encode_jpeg(img, 80)).expect("write jpeg"),
        _ => img.save(&path).expect("write image"),
    }
    name
}

/// Generates the folder: the MRZ side of every German kind and two foreign
/// ones, upright and turned, at 200 and 300 dpi, plus pages without an ID.
fn generate(dir: &Path) -> (Vec<Expect>, Vec<String>) {
    let mut kinds: Vec<DocKind> = DocKind::GERMAN.to_vec();
    kinds.push(DocKind::ForeignId { state: "FRA" });
    kinds.push(DocKind::ForeignPassport { state: "TUR" });
    let mut out = Vec::new();
    for (i, &kind) in kinds.iter().enumerate() {
        let mut rng = Rng::new(0x5CA5 + i as u64);
        let dpi = if i % 2 == 0 { 300.0 } else { 200.0 };
        let person = kind.random_holder(&mut rng);
        let doc = render_document(CardKind::for_doc(kind), Some(kind), &person, dpi, &mut rng);
        let layout = CopyLayout { max_skew: 4.0, quarters: (i % 4) as u8, edge: Edge::Outline, both_sides: false };
        let page = copy_page(&doc, layout, &mut rng);
        let damage = if i % 3 == 2 { Damage::NoiseBlur } else { Damage::Clean };
        let img = damage.apply(page.image, dpi, &mut rng);
        let file = save(dir, &format!("scan-{i:02}"), &img, i);
        let (format, document_type, side) = expected(kind);
        out.push(Expect { file, truth: page.truth, format, document_type, side });
    }
    let mut clear = Vec::new();
    for (i, kind) in [NegKind::IdRequestLetter, NegKind::DenseTable, NegKind::Typewriter].into_iter().enumerate() {
        let mut rng = Rng::new(0xC1EA + i as u64);
        let img = docs::render(kind, 200.0, &mut rng).img;
        clear.push(save(dir, &format!("other-{i}"), &img, i));
    }
    (out, clear)
}

fn file_entry<'a>(report: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    report["files"]
        .as_array()
        .and_then(|fs| fs.iter().find(|f| f["path"].as_str().is_some_and(|p| p.ends_with(name))))
        .unwrap_or_else(|| panic!("{name} missing from the report"))
}

#[test]
fn every_mrz_document_in_a_folder_of_scans_is_named_with_type_and_side() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (ids, clear) = generate(dir.path());
    let (code, report, _) = scan_json(&[dir.path()], &[]);
    assert_eq!(code, 1, "ID copies found");
    let mut wrong = Vec::new();
    for e in &ids {
        let page = &file_entry(&report, &e.file)["pages"][0];
        let got = (
            page["verdict"].as_str().unwrap_or(""),
            page["document_type"].as_str().unwrap_or(""),
            page["side"].as_str().unwrap_or(""),
            page["mrz"]["format"].as_str().unwrap_or(""),
            page["mrz"]["checks_passed"].as_bool().unwrap_or(false),
        );
        if got != ("id_copy", e.document_type, e.side, e.format, true) {
            wrong.push(format!("{}: got {got:?}, want {:?}", e.file, (e.document_type, e.side, e.format)));
        }
        // Masked by default: no line is reported as printed.
        let masked: Vec<&str> =
            page["mrz"]["lines_masked"].as_array().into_iter().flatten().filter_map(|l| l.as_str()).collect();
        assert_eq!(masked.len(), e.truth.len(), "{}", e.file);
        for (m, t) in masked.iter().zip(&e.truth) {
            assert_ne!(m, t, "{}: line in clear without --show-personal-data", e.file);
        }
    }
    assert!(wrong.is_empty(), "pages judged wrongly:\n{}", wrong.join("\n"));
    // Pages with no finding are left out of the report; any listed page of
    // these files must be clear.
    for name in &clear {
        let f = file_entry(&report, name);
        assert_eq!(f["pages_total"], 1, "{name}");
        for p in f["pages"].as_array().into_iter().flatten() {
            assert_eq!(p["verdict"], "clear", "{name}");
        }
    }

    // With --show-personal-data the lines come back exactly as printed.
    let (_, shown, _) = scan_json(&[dir.path()], &["--show-personal-data"]);
    for e in &ids {
        let lines = &file_entry(&shown, &e.file)["pages"][0]["mrz"]["lines_masked"];
        let got: Vec<&str> = lines.as_array().into_iter().flatten().filter_map(|l| l.as_str()).collect();
        assert_eq!(got, e.truth, "{}", e.file);
    }
}
