//! ID fronts (portrait side only) whose card is not found, per damage, on
//! training seeds (developer aid): `cargo run --release --example
//! front_debug [pages] [damage]`. `SAVE=DIR` writes the missed pages.
use ausweisscan::card::{self, outline};
use ausweisscan::source::Raster;
use ausweisscan_synth::card::CardKind;
use ausweisscan_synth::damage::Damage;
use ausweisscan_synth::page::{CopyLayout, Edge, copy_page, render_document};
use ausweisscan_synth::person::DocKind;
use ausweisscan_synth::rng::Rng;

fn main() {
    let n: u64 = std::env::args().nth(1).and_then(|v| v.parse().ok()).unwrap_or(30);
    let only = std::env::args().nth(2);
    let save = std::env::var("SAVE").ok();
    let docs = [DocKind::IdCard2010, DocKind::IdCard2021, DocKind::ForeignId { state: "FRA" }];
    for damage in Damage::ALL {
        if only.as_deref().is_some_and(|o| o != damage.name()) {
            continue;
        }
        let (mut tot, mut hit) = (0, 0);
        for seed in 0..n {
            let mut rng = Rng::new(8_000_000 + seed);
            let dpi = [200.0, 300.0][(seed % 2) as usize];
            let doc = docs[(seed % 3) as usize];
            let edge = [Edge::Plain, Edge::Outline, Edge::Lid][((seed / 2) % 3) as usize];
            let person = doc.random_holder(&mut rng);
            let mut r = render_document(CardKind::for_doc(doc), Some(doc), &person, dpi, &mut rng);
            let front = r.sides.pop();
            r.sides = front.into_iter().collect();
            let layout = CopyLayout { max_skew: 10.0, quarters: (seed % 4) as u8, edge, both_sides: false };
            let p = copy_page(&r, layout, &mut rng);
            let img = damage.apply(p.image, dpi, &mut rng);
            let raster = Raster { image: img, dpi, dpi_known: damage != Damage::Phone };
            let found = card::candidates(&raster);
            tot += 1;
            let c = p.placed.first().map(|x| x.1).unwrap_or((0.0, 0.0));
            let near = |o: &outline::Outline| (c.0 as f64 - o.centre.0).hypot(c.1 as f64 - o.centre.1) < 0.5 * o.half.1;
            if found.iter().any(|f| near(&f.outline)) {
                hit += 1;
            } else {
                let others: Vec<String> = found
                    .iter()
                    .map(|f| format!("{:?} {:.2} at {:.0?}", f.outline.format, f.outline.score, f.outline.centre))
                    .collect();
                println!("  miss {} seed {seed} {dpi} {doc:?} {edge:?} card at {c:.0?}: {others:?}", damage.name());
                if let Some(dir) = &save {
                    let _ = raster.image.save(format!("{dir}/miss-{}-{seed}.png", damage.name()));
                }
            }
        }
        println!("{}: {hit}/{tot}", damage.name());
    }
}
