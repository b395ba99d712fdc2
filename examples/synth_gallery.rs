//! Writes one PNG per synthetic document kind and side (and, later, sample
//! pages) into a directory, to eyeball the generator:
//! `cargo run --example synth_gallery -- OUTDIR [DPI]`.

use ausweisscan_synth::card::{CardData, CardKind, CardSide, render};
use ausweisscan_synth::damage::Damage;
use ausweisscan_synth::page::{CopyLayout, Edge, copy_page, render_document};
use ausweisscan_synth::person::DocKind;
use ausweisscan_synth::person::Person;
use ausweisscan_synth::rng::Rng;

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
            .unwrap_or_else(|| ausweisscan_synth::person::Person::random(&mut rng));
        let data = CardData::new(&person, doc, &mut rng);
        for side in [CardSide::Front, CardSide::Back] {
            let card = render(kind, side, &data, dpi, &mut rng);
            card.img.save(out.join(format!("{kind:?}_{side:?}.png")))?;
        }
    }
    for kind in ausweisscan_synth::docs::NegKind::ALL {
        let c = ausweisscan_synth::docs::render(kind, 100.0, &mut rng);
        c.img.save(out.join(format!("neg_{}.png", kind.name().replace(' ', "_"))))?;
    }
    for (i, damage) in Damage::ALL.into_iter().enumerate() {
        let person = Person::random(&mut rng);
        let doc = render_document(CardKind::IdCard2010, Some(DocKind::IdCard2010), &person, 100.0, &mut rng);
        let edge = [Edge::Plain, Edge::Outline, Edge::Lid][i % 3];
        let layout = CopyLayout { max_skew: 10.0, quarters: (i % 4) as u8, edge, both_sides: true };
        let page = copy_page(&doc, layout, &mut rng);
        let img = damage.apply(page.image, 100.0, &mut rng);
        img.save(out.join(format!("page_{}.png", damage.name())))?;
    }
    Ok(())
}
