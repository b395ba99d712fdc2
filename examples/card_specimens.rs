//! Writes copy pages of every identity document and look-alike under every
//! damage recipe as PNG (to look at what the card detectors see):
//! `cargo run --release --example card_specimens [DIR]`.
use ausweisscan_synth::card::CardKind;
use ausweisscan_synth::damage::Damage;
use ausweisscan_synth::page::{CopyLayout, Edge, copy_page, render_document};
use ausweisscan_synth::person::{DocKind, Person};
use ausweisscan_synth::rng::Rng;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "/tmp/specimens".into());
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{dir}: {e}");
        return;
    }
    let docs = [
        Some(DocKind::IdCard2010),
        Some(DocKind::IdCard2021),
        Some(DocKind::ForeignId { state: "NLD" }),
        Some(DocKind::ResidencePermit),
        Some(DocKind::IdCardOld),
        Some(DocKind::Passport),
        Some(DocKind::Ankunftsnachweis),
        None,
        None,
        None,
    ];
    let lookalikes = [CardKind::HealthCard, CardKind::BankCard, CardKind::DrivingLicence];
    for (i, doc) in docs.into_iter().enumerate() {
        let kind = match doc {
            Some(d) => CardKind::for_doc(d),
            None => lookalikes[i % 3],
        };
        let damage = Damage::ALL[i % Damage::ALL.len()];
        let mut rng = Rng::new(8_000_000 + i as u64);
        let person = doc.map(|d| d.random_holder(&mut rng)).unwrap_or_else(|| Person::random(&mut rng));
        let r = render_document(kind, doc, &person, 150.0, &mut rng);
        let edge = [Edge::Plain, Edge::Outline, Edge::Lid][i % 3];
        let p = copy_page(&r, CopyLayout { max_skew: 10.0, quarters: 0, edge, both_sides: true }, &mut rng);
        let img = damage.apply(p.image, 150.0, &mut rng);
        if let Err(e) = img.save(format!("{dir}/{i:02}-{kind:?}-{}.png", damage.name())) {
            eprintln!("{e}");
        }
    }
}
