//! Writes a few specimen pages as PNG (to look at the generator).
use ausweisscan::card::specimen::{Condition, PageKind, page};

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "/tmp/specimens".into());
    std::fs::create_dir_all(&dir).unwrap();
    for (i, k) in PageKind::ALL.iter().enumerate() {
        let c = Condition { dpi: 150.0, bitonal: i % 3 == 2, dither: i % 2 == 0 };
        let s = page(*k, c, i as u64);
        s.image.save(format!("{dir}/{i:02}-{k:?}.png")).unwrap();
    }
}
