//! Debug dump of the MRZ image search on one cached eval page:
//! `cargo run --release --example mrz_debug -- /work/evalcache/pos-1-59`.
//! Prints the chains, groups and each variant's reading, to see where a
//! missed or misread page is lost.

use ausweisscan::Limits;
use ausweisscan::mrz::image::{decode, lines, prep, sample};
use ausweisscan::raster::normalise;
use ausweisscan::source::Raster;

fn main() {
    let Some(stem) = std::env::args().nth(1) else {
        eprintln!("usage: mrz_debug <cache stem>");
        return;
    };
    let Ok(meta) = std::fs::read_to_string(format!("{stem}.txt")) else {
        eprintln!("no {stem}.txt");
        return;
    };
    let meta: Vec<&str> = meta.lines().collect();
    let dpi: f32 = meta.first().and_then(|v| v.parse().ok()).unwrap_or(300.0);
    let Ok(img) = image::open(format!("{stem}.png")) else {
        eprintln!("no {stem}.png");
        return;
    };
    println!("meta: {:?}", meta);
    let raster = Raster { image: img.into_luma8(), dpi, dpi_known: meta.get(1) == Some(&"1") };
    let raster = normalise(raster, &Limits::default());
    let img = &raster.image;
    let f = ((raster.dpi / 100.0).floor() as usize).max(1);
    let mut small = ausweisscan::imaging::block_mean(img, f as u32);
    let bitonal = ausweisscan::imaging::is_bitonal_page(img);
    if f >= 2 && bitonal {
        small = ausweisscan::imaging::smooth(&small);
    }
    let (sw, sh) = (small.width() as usize, small.height() as usize);
    let bin = prep::binarise(&small, 12, 24);
    let work_dpi = raster.dpi.max(50.0) / f as f32;
    let min_n = ((work_dpi / 100.0).powi(2) * 6.0) as u32;
    let comps = prep::components(&bin, sw, sh, min_n.max(4), (work_dpi * 0.4) as u16);
    println!("dpi {} f {f} bitonal {bitonal} small {}x{} comps {}", raster.dpi, sw, sh, comps.len());
    if let Ok(out) = std::env::var("DEBUG_PGM") {
        let mut s = format!("P5\n{} {}\n255\n", sw, sh).into_bytes();
        s.extend(bin.iter().map(|&b| if b != 0 { 0u8 } else { 255 }));
        let _ = std::fs::write(out, s);
    }
    let chains = lines::chains(&comps, sw, sh);
    for (i, c) in chains.iter().enumerate() {
        let (x, y) = c.at(0.0);
        let (x2, y2) = c.at(c.span as f32 - 1.0);
        println!(
            "chain {i}: span {} cells {} pitch {:.2} from ({x:.0},{y:.0}) to ({x2:.0},{y2:.0})",
            c.span,
            c.cells.len(),
            c.pitch()
        );
    }
    let groups = lines::groups(&chains);
    for (gi, g) in groups.iter().enumerate() {
        let spans: Vec<i32> = g.lines.iter().map(|l| l.span).collect();
        let vars = lines::variants(g);
        println!("group {gi}: spans {spans:?}, {} variants", vars.len());
        for v in &vars {
            let looks = sample::looks_like_mrz(img, v, f as f32, &mut sample::LineCache::default());
            let read = sample::read(img, v, f as f32);
            let text: Vec<String> = read
                .lines
                .iter()
                .map(|l| l.iter().map(|c| c.ranked.first().map_or('_', |c| c.ch as char)).collect())
                .collect();
            let d = decode::decode(&read.lines);
            println!("  looks {looks} raw {text:?}");
            // DEBUG_AT=line:pos,...: the top candidates of those cells.
            for at in std::env::var("DEBUG_AT").unwrap_or_default().split(',') {
                let mut it = at.split(':').filter_map(|v| v.parse::<usize>().ok());
                let (Some(l), Some(i)) = (it.next(), it.next()) else { continue };
                if let Some(c) = read.lines.get(l).and_then(|line| line.get(i)) {
                    let top: Vec<String> =
                        c.ranked.iter().take(6).map(|c| format!("{}:{:.3}", c.ch as char, c.score)).collect();
                    println!("    cell {l}:{i} {}", top.join(" "));
                }
            }
            // DEBUG_WIN=line:pos: that cell's window (PGM in /tmp) and glyph box.
            if let Some((l, i)) = std::env::var("DEBUG_WIN").ok().and_then(|v| {
                let mut it = v.split(':').filter_map(|x| x.parse::<usize>().ok());
                Some((it.next()?, it.next()?))
            }) && let Some((px, ink, thr)) = sample::debug_window(img, v, f as f32, l, i)
            {
                println!("    window {l}:{i} ink box {ink:?} thr {thr:.1}");
                let (ww, wh) = (sample::WW as u32, sample::WH as u32);
                let win = image::GrayImage::from_fn(ww * 8, wh * 8, |x, y| {
                    let p = px[(y / 8 * ww + x / 8) as usize];
                    let box_edge = ink.is_some_and(|(cx, cy, h, a)| {
                        let (x, y) = (x as f32 / 8.0, y as f32 / 8.0);
                        let (hw, hh) = (h * a / 2.0, h / 2.0);
                        ((x - (cx - hw)).abs() < 0.07 || (x - (cx + hw)).abs() < 0.07) && (y - cy).abs() <= hh
                            || ((y - (cy - hh)).abs() < 0.07 || (y - (cy + hh)).abs() < 0.07) && (x - cx).abs() <= hw
                    });
                    image::Luma([if box_edge { 128 } else { 255 - p.clamp(0.0, 255.0) as u8 }])
                });
                let _ = win.save(format!("/tmp/win-g{gi}-{l}-{i}.png"));
            }
            if let Some(d) = d {
                println!(
                    "    decoded {:?} failed {:?} raw_passed {}/{} mean {:.3} viol {} repairs {} code_ok {}",
                    d.repaired.lines,
                    d.repaired.failed,
                    d.repaired.raw_passed,
                    d.repaired.n_checks,
                    d.mean_score,
                    d.violations,
                    d.repaired.repairs,
                    d.code_ok
                );
            }
        }
    }
}
