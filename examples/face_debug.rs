//! Face detector on generated card copies (developer aid): share of cards
//! with a face of portrait size found, per document kind, and the cost of
//! the card detectors with it. `cargo run --release --example face_debug [pages]`.
use ausweisscan::card::{self, layout};
use ausweisscan::source::Raster;
use ausweisscan_synth::card::CardKind;
use ausweisscan_synth::damage::Damage;
use ausweisscan_synth::page::{CopyLayout, Edge, copy_page, render_document};
use ausweisscan_synth::person::{DocKind, Person};
use ausweisscan_synth::rng::Rng;
use std::time::Instant;

fn main() {
    let n: u64 = std::env::args().nth(1).and_then(|v| v.parse().ok()).unwrap_or(21);
    let kinds: Vec<(CardKind, Option<DocKind>)> = vec![
        (CardKind::IdCard2010, Some(DocKind::IdCard2010)),
        (CardKind::IdCard2021, Some(DocKind::IdCard2021)),
        (CardKind::ForeignId, Some(DocKind::ForeignId { state: "FRA" })),
        (CardKind::ResidencePermit, Some(DocKind::ResidencePermit)),
        (CardKind::Passport, Some(DocKind::Passport)),
        (CardKind::HealthCard, None),
        (CardKind::BankCard, None),
        (CardKind::DrivingLicence, None),
    ];
    for (ck, doc) in kinds {
        let (mut cards, mut with_face, mut ghost, mut ms) = (0, 0, 0, 0.0);
        let mut by_damage = std::collections::BTreeMap::new();
        for seed in 0..n {
            let mut rng = Rng::new(8_000_000 + seed);
            let dpi = [150.0, 200.0, 300.0][(seed % 3) as usize];
            let damage = Damage::ALL[((seed / 3) % 7) as usize];
            let person = match doc {
                Some(d) => d.random_holder(&mut rng),
                None => Person::random(&mut rng),
            };
            let r = render_document(ck, doc, &person, dpi, &mut rng);
            let layout = CopyLayout { max_skew: 10.0, quarters: (seed % 4) as u8, edge: Edge::Plain, both_sides: true };
            let p = copy_page(&r, layout, &mut rng);
            let img = damage.apply(p.image, dpi, &mut rng);
            let raster = Raster { image: img, dpi, dpi_known: damage != Damage::Phone };
            let t = Instant::now();
            let cands = card::candidates(&raster);
            ms += t.elapsed().as_secs_f64() * 1e3;
            for c in &cands {
                cards += 1;
                let (m0, g0) = layout::main_and_ghost(&c.faces[0]);
                let (m1, g1) = layout::main_and_ghost(&c.faces[1]);
                let found = m0.is_some() || m1.is_some();
                with_face += usize::from(found);
                ghost += usize::from(g0.is_some() || g1.is_some());
                let e = by_damage.entry(damage.name()).or_insert((0, 0));
                e.0 += 1;
                e.1 += usize::from(found);
            }
        }
        println!(
            "{ck:?}: {with_face}/{cards} candidates with a face, {ghost} with a ghost face; card detectors {:.1} ms/page; {by_damage:?}",
            ms / n as f64
        );
    }
}
