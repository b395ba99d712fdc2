//! Writes the sample Akte and its expectation:
//! `cargo run --example make_sample -- [OUTDIR]` (default `fixtures/`)
//! creates `sample-akte.pdf` and `sample-akte.tsv`. The bytes are fixed by
//! the seed in `ausweisscan_synth::akte`; tests/sample.rs checks that the
//! committed files are what this writes.

fn main() -> anyhow::Result<()> {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "fixtures".into()));
    std::fs::create_dir_all(&dir)?;
    let pdf = ausweisscan_synth::akte::build().map_err(|e| anyhow::anyhow!("building the sample: {e}"))?;
    std::fs::write(dir.join("sample-akte.pdf"), &pdf)?;
    std::fs::write(dir.join("sample-akte.tsv"), ausweisscan_synth::akte::manifest())?;
    eprintln!("wrote {} ({} bytes) and sample-akte.tsv", dir.join("sample-akte.pdf").display(), pdf.len());
    Ok(())
}
