//! Writes one PNG per synthetic document kind and side (and, later, sample
//! pages) into a directory, to eyeball the generator:
//! `cargo run --example synth_gallery -- OUTDIR [DPI]`.

use ausweisscan::synth::card::{CardData, CardKind, CardSide, render};
use ausweisscan::synth::person::DocKind;
use ausweisscan::synth::rng::Rng;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let out = std::path::PathBuf::from(args.get(1).map(String::as_str).unwrap_or("gallery"));
    let dpi: f32 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(200.0);
    std::fs::create_dir_all(&out)?;
    let mut rng = Rng::new(42);
    let docs = [
        (CardKind::IdCard2010, Some(DocKind::IdCard2010)),
        (CardKind::IdCard2021, Some(DocKind::IdCard2021)),
        (CardKind::IdCardOld, Some(DocKind::IdCardOld)),
        (CardKind::Passport, Some(DocKind::Passport)),
        (CardKind::ResidencePermit, Some(DocKind::ResidencePermit)),
        (CardKind::Ankunftsnachweis, Some(DocKind::Ankunftsnachweis)),
        (CardKind::ForeignId, Some(DocKind::ForeignId { state: "FRA" })),
        (CardKind::HealthCard, None),
        (CardKind::BankCard, None),
        (CardKind::DrivingLicence, None),
    ];
    for (kind, doc) in docs {
        let person = doc
            .map(|d| d.random_holder(&mut rng))
            .unwrap_or_else(|| ausweisscan::synth::person::Person::random(&mut rng));
        let data = CardData::new(&person, doc, &mut rng);
        for side in [CardSide::Front, CardSide::Back] {
            let card = render(kind, side, &data, dpi, &mut rng);
            card.img.save(out.join(format!("{kind:?}_{side:?}.png")))?;
        }
    }
    Ok(())
}
