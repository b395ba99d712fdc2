//! Prints how long the loose-image sources take per page on an A4 300 dpi
//! page (2480 x 3508, the test page plus ±12 levels of noise so JPEG and
//! LZW do not get an unrealistically smooth page):
//! `cargo run --release --example measure_sources [RUNS]`.

use ausweisscan::discover::FileKind;
use ausweisscan::source::{self, OpenOptions};
use ausweisscan_synth::ccitt::Coding;
use ausweisscan_synth::encode::{EncodeError, jpeg_with_density};
use ausweisscan_synth::files::{PngSpec, TiffPage, png, tiff, tiff_lzw_gray};
use ausweisscan_synth::pattern::{dither, test_page};
use image::ExtendedColorType;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let runs: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(5);
    let (w, h) = (2480, 3508);
    let mut page = test_page(w, h);
    let mut x = 0x9E37_79B9u32;
    for p in page.pixels_mut() {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        p.0[0] = (p.0[0] as i32 + (x % 25) as i32 - 12).clamp(0, 255) as u8;
    }
    let rgb: Vec<u8> = page.as_raw().iter().flat_map(|&g| [g, g, g.saturating_sub(8)]).collect();
    let g4 = |photometric| -> TiffPage {
        TiffPage {
            width: w,
            height: h,
            bits_per_sample: 1,
            compression: 4,
            photometric,
            data: ausweisscan_synth::ccitt::encode(&dither(&page), Coding::G4, false),
            dpi: Some(300),
            orientation: None,
        }
    };
    let files: Vec<(&str, FileKind, Vec<u8>)> = vec![
        (
            "jpeg_grey_q80.jpg",
            FileKind::Jpeg,
            jpeg_with_density(page.as_raw(), w, h, ExtendedColorType::L8, 80, Some(300))?,
        ),
        ("jpeg_rgb_q80.jpg", FileKind::Jpeg, jpeg_with_density(&rgb, w, h, ExtendedColorType::Rgb8, 80, Some(300))?),
        (
            "png_grey8.png",
            FileKind::Png,
            png(&PngSpec {
                width: w,
                height: h,
                bit_depth: 8,
                color_type: 0,
                rows: page.as_raw().clone(),
                dpi: Some(300.0),
                ..Default::default()
            }),
        ),
        (
            "png_1bit.png",
            FileKind::Png,
            png(&PngSpec {
                width: w,
                height: h,
                bit_depth: 1,
                color_type: 0,
                rows: dither(&page).pack(false),
                dpi: Some(300.0),
                ..Default::default()
            }),
        ),
        ("tiff_g4_3pages.tif", FileKind::Tiff, tiff(&[g4(0), g4(0), g4(0)])),
        ("tiff_lzw_grey.tif", FileKind::Tiff, tiff_lzw_gray(&page, 300).map_err(|e: EncodeError| anyhow::anyhow!(e))?),
    ];
    let dir = tempfile_dir()?;
    println!("{:<22} {:>9} {:>7} {:>12} {:>12}", "file", "bytes", "pages", "ms/page med", "ms/page min");
    for (name, kind, bytes) in files {
        let path = dir.join(name);
        std::fs::write(&path, &bytes)?;
        let mut times = Vec::new();
        let mut pages = 0;
        for _ in 0..runs {
            let src = source::open(&path, kind, &OpenOptions::default()).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
            pages = src.page_count();
            for i in 0..pages {
                let t = Instant::now();
                let r = src.load_page(i).raster.map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
                times.push(t.elapsed().as_secs_f64() * 1000.0);
                assert!(r.is_some());
            }
        }
        times.sort_by(|a, b| a.total_cmp(b));
        println!("{name:<22} {:>9} {pages:>7} {:>12.1} {:>12.1}", bytes.len(), times[times.len() / 2], times[0]);
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

fn tempfile_dir() -> std::io::Result<std::path::PathBuf> {
    let d = std::env::temp_dir().join(format!("ausweisscan-measure-{}", std::process::id()));
    std::fs::create_dir_all(&d)?;
    Ok(d)
}
