//! Prints outlines found on specimen pages (developer aid).
use ausweisscan::card::outline;
use ausweisscan::card::specimen::{Condition, PageKind, page};

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let kind = PageKind::ALL.iter().copied().find(|k| format!("{k:?}") == a[1]).unwrap();
    let dpi: f32 = a[2].parse().unwrap();
    let bitonal = a[3] == "1";
    let dither = a[4] == "1";
    for seed in 0..6 {
        let s = page(kind, Condition { dpi, bitonal, dither }, seed);
        let f = outline::find(&s.image, dpi as f64, true);
        println!(
            "seed {seed}: {:?}",
            f.iter()
                .map(|o| (
                    o.format,
                    (o.score * 100.0).round(),
                    (o.size_error * 100.0).round(),
                    (o.half.0 * 2.0 * 25.4 / dpi as f64).round(),
                    (o.half.1 * 2.0 * 25.4 / dpi as f64).round()
                ))
                .collect::<Vec<_>>()
        );
        if a.len() > 5 {
            s.image.save(format!("/tmp/dbg{seed}.png")).unwrap();
        }
    }
}
