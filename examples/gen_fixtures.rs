//! Writes the encoding fixtures: `cargo run --example gen_fixtures -- OUTDIR [SRCDIR]`.
//!
//! OUTDIR gets every PDF and image fixture of `synth::fixtures` and
//! `MANIFEST.tsv`; SRCDIR, if given, gets `encryption_source.pdf` (what qpdf
//! encrypts) and `jpx_source_grey.pgm` (the page `opj_compress` turns into the
//! JPX fixture). The JPX fixture is built from `fixtures/encodings-src/grey.jp2`
//! when present; the encrypted fixtures are made with qpdf from
//! `encryption_source.pdf` (see `fixtures/README.md`).

use ausweisscan_synth::fixtures::{EXTERNAL, PAGE_PX, encryption_source, image_fixtures, manifest, pdf_fixtures};
use ausweisscan_synth::pattern::test_page;
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let out = PathBuf::from(std::env::args().nth(1).ok_or_else(|| anyhow::anyhow!("usage: gen_fixtures OUTDIR"))?);
    std::fs::create_dir_all(&out)?;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let jpx = std::fs::read(root.join("fixtures/encodings-src/grey.jp2")).ok();
    let mut all = pdf_fixtures(jpx.as_deref())?;
    all.extend(image_fixtures()?);
    for f in &all {
        std::fs::write(out.join(&f.name), &f.bytes)?;
    }
    std::fs::write(out.join("MANIFEST.tsv"), manifest(&all, EXTERNAL))?;
    let Some(src) = std::env::args().nth(2).map(PathBuf::from) else {
        println!("wrote {} fixtures to {}", all.len(), out.display());
        return Ok(());
    };
    std::fs::create_dir_all(&src)?;
    std::fs::write(src.join("encryption_source.pdf"), encryption_source()?)?;
    let page = test_page(PAGE_PX.0, PAGE_PX.1);
    let mut pgm = format!("P5\n{} {}\n255\n", PAGE_PX.0, PAGE_PX.1).into_bytes();
    pgm.extend_from_slice(page.as_raw());
    std::fs::write(src.join("jpx_source_grey.pgm"), pgm)?;
    println!("wrote {} fixtures to {}", all.len(), out.display());
    Ok(())
}
