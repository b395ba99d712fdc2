//! Speed of the text-layer MRZ finder (`mrz::text::find`) on dense
//! look-alike text and on a worst-case page of MRZ-shaped junk lines. Prints
//! figures, checks nothing: `cargo run --release --example mrz_text_speed`.

use ausweisscan::mrz::text::find;
use ausweisscan_synth::negtext::look_alike_text;
use ausweisscan_synth::rng::Rng;
use std::time::Instant;

fn main() {
    let mut rng = Rng::new(6);
    let pages: Vec<String> =
        (0..200).map(|_| (0..6).map(|_| look_alike_text(&mut rng)).collect::<Vec<_>>().join("\n")).collect();
    let t = Instant::now();
    let n: usize = pages.iter().map(|p| find(p).len()).sum();
    let dt = t.elapsed();
    let lines: usize = pages.iter().map(|p| p.lines().count()).sum();
    println!("find: 200 dense pages ({lines} lines), {n} finds, {:.2} ms/page", dt.as_secs_f64() * 1000.0 / 200.0);
    // Worst case: a page of 400 MRZ-shaped junk lines starting with a document code letter.
    let alpha: Vec<char> = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<<<".chars().collect();
    let page: String = (0..400)
        .map(|_| {
            let w = *rng.pick(&[30usize, 36, 44]);
            std::iter::once('I').chain((1..w).map(|_| *rng.pick(&alpha))).collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n");
    let t = Instant::now();
    let n = find(&page).len();
    println!(
        "find: worst-case page of 400 MRZ-shaped junk lines, {n} finds, {:.1} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
}
