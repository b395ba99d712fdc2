//! Outline recall per page class and condition on specimen pages (developer aid).
use ausweisscan::card::outline;
use ausweisscan::card::specimen::{self, PageKind};

fn main() {
    let n: u64 = std::env::args().nth(1).and_then(|v| v.parse().ok()).unwrap_or(24);
    for kind in PageKind::ALL.iter().filter(|k| k.is_identity() || k.is_lookalike()) {
        let mut miss = std::collections::BTreeMap::new();
        let (mut tot, mut hit) = (0, 0);
        for seed in 0..n {
            let c = specimen::condition(seed);
            let s = specimen::page(*kind, c, seed);
            let f = outline::find(&s.image, c.dpi as f64, true);
            for (k, ctr, _) in &s.cards {
                tot += 1;
                if f.iter().any(|o| (ctr.0 - o.centre.0).hypot(ctr.1 - o.centre.1) < 0.5 * o.half.1) {
                    hit += 1;
                } else {
                    *miss.entry(format!("{k:?} {} {} {}", c.dpi, c.bitonal, c.dither)).or_insert(0) += 1;
                    if std::env::var("SAVE").is_ok() {
                        s.image.save(format!("/tmp/miss-{kind:?}-{seed}.png")).unwrap();
                    }
                }
            }
        }
        println!("{kind:?}: {hit}/{tot} {miss:?}");
    }
}
