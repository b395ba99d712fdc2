//! Writes the encrypted PDFs of `fixtures/pdf/` (needs `qpdf`):
//! `cargo run --example write_encrypted_fixtures`.
//!
//! A plain two-page PDF from the test PDF builder (a marked JPEG page with an
//! MRZ-like text line, a marked Flate page) is encrypted three ways. qpdf
//! picks random keys and IDs, so the files differ on every run and the tests
//! do not compare them byte for byte.

use ausweisscan_synth::encode::Encoding as Enc;
use ausweisscan_synth::pattern::marked;
use ausweisscan_synth::pdf::{self as fixture, How, PageSpec, TextRun};
use std::path::PathBuf;

const FULL: [f32; 6] = [595.0, 0.0, 0.0, 842.0, 0.0, 0.0];

fn main() -> anyhow::Result<()> {
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf");
    let dir = tempfile::tempdir()?;
    let mut p1 = PageSpec::a4().with(marked(310, 438, 40, 40, 20), Enc::DctGray, How::XObject(FULL));
    p1.text.push(TextRun::line("P<D<<MUSTERMANN<<ERIKA", false));
    let p2 = PageSpec::a4().with(marked(310, 438, 80, 40, 20), Enc::Flate, How::XObject(FULL));
    let plain = dir.path().join("plain.pdf");
    std::fs::write(&plain, fixture::build(&[p1, p2]))?;
    let runs: [(&str, &[&str]); 3] = [
        ("pdf_encrypted_rc4_128_empty_pw.pdf", &["", "owner", "128", "--use-aes=n"]),
        ("pdf_encrypted_aes256_empty_pw.pdf", &["", "owner", "256"]),
        ("pdf_encrypted_aes256_user_pw_geheim.pdf", &["geheim", "owner", "256"]),
    ];
    for (name, args) in runs {
        let status = std::process::Command::new("qpdf")
            .arg("--allow-weak-crypto")
            .arg("--recompress-flate")
            .arg("--compression-level=9")
            .arg("--encrypt")
            .args(args)
            .arg("--")
            .arg(&plain)
            .arg(out.join(name))
            .status()?;
        anyhow::ensure!(status.success(), "qpdf failed for {name}");
        println!("wrote {}", out.join(name).display());
    }
    Ok(())
}
