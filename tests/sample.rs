//! The committed sample Akte: it is exactly what the generator writes, and a
//! scan flags exactly its ID-copy pages (fixtures/sample-akte.tsv).

use crate::util::*;

#[test]
fn committed_sample_is_what_the_generator_writes() {
    let pdf = ausweisscan_synth::akte::build().expect("build sample");
    let how = "cargo run --example make_sample";
    committed(&fixture("sample-akte.pdf"), &pdf, how);
    committed(&fixture("sample-akte.tsv"), ausweisscan_synth::akte::manifest().as_bytes(), how);
}

#[test]
fn scanning_the_sample_flags_exactly_the_id_pages() {
    let manifest = std::fs::read_to_string(fixture("sample-akte.tsv")).expect("manifest");
    let (code, json, _) = scan_json(&[&fixture("sample-akte.pdf")], &[]);
    let file = &json["files"][0];
    assert_eq!(file["pages_total"], 22, "{json:#}");
    let flagged: Vec<u64> =
        verdicts(file).into_iter().filter(|(_, v)| v == "id_copy" || v == "possible_id_copy").map(|(p, _)| p).collect();
    let mut must = Vec::new();
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let page: u64 = cols[0].parse().expect("page number");
        match cols[1] {
            "id-text-layer" | "id-image-only" => must.push(page),
            "clear" | "lookalike" => {
                assert!(!flagged.contains(&page), "page {page} ({}) must not be flagged: {json:#}", cols[2])
            }
            other => panic!("unknown expectation {other}"),
        }
    }
    for p in &must {
        assert!(flagged.contains(p), "page {p} must be flagged: {json:#}");
    }
    assert_eq!(flagged, must, "exactly the ID pages are flagged");
    assert_eq!(code, 1, "finds exit with 1");
}
