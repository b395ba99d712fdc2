//! Outline recall per document, side and damage on `synth::page` copy
//! pages (developer aid): `cargo run --release --example card_debug [pages]`.
//! `SAVE=DIR` writes the pages whose card was missed.
use ausweisscan::card::outline;
use ausweisscan_synth::card::CardKind;
use ausweisscan_synth::damage::Damage;
use ausweisscan_synth::page::{CopyLayout, Edge, copy_page, render_document};
use ausweisscan_synth::person::DocKind;
use ausweisscan_synth::rng::Rng;

fn main() {
    let n: u64 = std::env::args().nth(1).and_then(|v| v.parse().ok()).unwrap_or(21);
    let save = std::env::var("SAVE").ok();
    let docs = [
        DocKind::IdCard2010,
        DocKind::IdCard2021,
        DocKind::ForeignId { state: "FRA" },
        DocKind::ResidencePermit,
        DocKind::IdCardOld,
        DocKind::Passport,
    ];
    for doc in docs {
        let mut miss = std::collections::BTreeMap::new();
        let (mut tot, mut hit) = (0, 0);
        for seed in 0..n {
            let mut rng = Rng::new(7_000_000 + seed);
            let dpi = [150.0, 200.0, 300.0][(seed % 3) as usize];
            let damage = Damage::ALL[((seed / 3) % 7) as usize];
            let edge = [Edge::Plain, Edge::Outline, Edge::Lid][(seed % 3) as usize];
            let person = doc.random_holder(&mut rng);
            let r = render_document(CardKind::for_doc(doc), Some(doc), &person, dpi, &mut rng);
            let layout = CopyLayout { max_skew: 10.0, quarters: (seed % 4) as u8, edge, both_sides: true };
            let p = copy_page(&r, layout, &mut rng);
            let img = damage.apply(p.image, dpi, &mut rng);
            let found = outline::find(&img, dpi as f64, damage != Damage::Phone);
            for &(side, c) in &p.placed {
                tot += 1;
                let near =
                    |o: &outline::Outline| (c.0 as f64 - o.centre.0).hypot(c.1 as f64 - o.centre.1) < 0.5 * o.half.1;
                if found.iter().any(near) {
                    hit += 1;
                } else {
                    *miss.entry(format!("side {side} {dpi} {} {edge:?}", damage.name())).or_insert(0) += 1;
                    if let Some(dir) = &save {
                        let _ = img.save(format!("{dir}/miss-{doc:?}-{seed}.png"));
                    }
                }
            }
        }
        println!("{doc:?}: {hit}/{tot} {miss:?}");
    }
}
