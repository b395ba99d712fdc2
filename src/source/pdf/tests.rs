//! PdfSource on generated PDFs: placement, rotation, resolution, paths, limits.

use super::*;
use crate::source::OpenOptions;
use ausweisscan_synth::encode::Encoding as Enc;
use ausweisscan_synth::pattern::{marked, noisy};
use ausweisscan_synth::pdf::{self as fixture, How, PageSpec, TextRun};

fn open_pages(pages: &[PageSpec]) -> PdfSource {
    PdfSource::new(Arc::new(fixture::build(pages)), &OpenOptions::default()).unwrap()
}

fn raster(src: &PdfSource, i: usize) -> Raster {
    src.load_page(i).raster.unwrap().expect("page has a raster")
}

fn took_fast_path(src: &PdfSource, i: usize) -> bool {
    let page = &src.pdf.pages()[i];
    let (pw, ph) = page.render_dimensions();
    let mut survey = Survey::default();
    interpret(page, &mut survey);
    src.fast_path(page, &survey.drawn, pw as f64, ph as f64).unwrap().is_some()
}

fn dark(img: &GrayImage, x: u32, y: u32) -> bool {
    img.get_pixel(x, y).0[0] < 100
}

/// `cm` that draws an image's unit square over the whole A4 page.
const FULL: [f32; 6] = [595.0, 0.0, 0.0, 842.0, 0.0, 0.0];

#[test]
fn full_page_images_in_each_encoding_keep_native_size_and_dpi() {
    for enc in [Enc::DctGray, Enc::Flate, Enc::FlatePng] {
        let img = marked(620, 877, 100, 200, 10);
        let src = open_pages(&[PageSpec::a4().with(img, enc.clone(), How::XObject(FULL))]);
        assert_eq!(src.page_count(), 1);
        let r = raster(&src, 0);
        assert!(took_fast_path(&src, 0), "{enc:?}");
        assert_eq!(r.image.dimensions(), (620, 877), "{enc:?}");
        assert!((r.dpi - 75.03).abs() < 0.1, "{enc:?}: {}", r.dpi);
        assert!(dark(&r.image, 105, 205), "{enc:?}: marker missing");
        assert!(!dark(&r.image, 300, 300), "{enc:?}");
        assert!(!dark(&r.image, 105, 877 - 205), "{enc:?}: image is upside down");
    }
}

#[test]
fn page_rotate_turns_the_raster() {
    for (rot, (x, y)) in [(90, (876 - 205, 105)), (180, (619 - 105, 876 - 205)), (270, (205, 619 - 105))] {
        let mut page = PageSpec::a4().with(marked(620, 877, 100, 200, 10), Enc::Flate, How::XObject(FULL));
        page.rotate = rot;
        let r = raster(&open_pages(&[page]), 0);
        let want = if rot == 180 { (620, 877) } else { (877, 620) };
        assert_eq!(r.image.dimensions(), want, "/Rotate {rot}");
        assert!(dark(&r.image, x, y), "/Rotate {rot}: marker not at ({x},{y})");
    }
}

/// An image stored sideways and turned upright by its matrix (as some scanners
/// write landscape-fed pages) comes out upright.
#[test]
fn image_matrix_rotation_is_applied() {
    // Stored 877 wide, 620 high; drawn rotated 90° clockwise to fill A4.
    let stored = marked(877, 620, 200, 509, 10);
    // Unit square: u along page -y, v along page -x... maps (0,0)->(595,842)?
    let m = [0.0, -842.0, 595.0, 0.0, 0.0, 842.0];
    let src = open_pages(&[PageSpec::a4().with(stored, Enc::Flate, How::XObject(m))]);
    let fast = raster(&src, 0);
    assert_eq!(fast.image.dimensions(), (620, 877));
    // Compare with what hayro renders at the same resolution.
    let page = &src.pdf.pages()[0];
    let rendered = render::render(page, fast.dpi / 72.0).image;
    assert!(rendered.width().abs_diff(fast.image.width()) <= 1 && rendered.height().abs_diff(fast.image.height()) <= 1);
    let (mx, my) = find_dark(&rendered);
    assert!(dark(&fast.image, mx, my), "fast path and render disagree at ({mx},{my})");
}

fn find_dark(img: &GrayImage) -> (u32, u32) {
    let mut sx = 0u64;
    let mut sy = 0u64;
    let mut n = 0u64;
    for (x, y, p) in img.enumerate_pixels() {
        if p.0[0] < 100 {
            sx += x as u64;
            sy += y as u64;
            n += 1;
        }
    }
    assert!(n > 0, "no dark pixel");
    ((sx / n) as u32, (sy / n) as u32)
}

/// A card pasted small and turned 30° inside a Form XObject on a page turned
/// by /Rotate 90: rendered, marker where a viewer shows it.
#[test]
fn small_rotated_image_in_a_form_is_rendered_in_place() {
    let card = marked(300, 190, 20, 20, 30);
    let (s, c) = (30f32.to_radians().sin(), 30f32.to_radians().cos());
    let inner = [243.0 * c, 243.0 * s, -153.0 * s, 153.0 * c, 0.0, 0.0];
    let form = [1.0, 0.0, 0.0, 1.0, 150.0, 300.0];
    let outer = [1.0, 0.0, 0.0, 1.0, 20.0, 40.0];
    let mut page = PageSpec::a4().with(card, Enc::DctGray, How::Form { outer, form, inner });
    page.rotate = 90;
    let src = open_pages(&[page]);
    let r = raster(&src, 0);
    // The card's finer axis: 190 px over 153 pt = 89.4 dpi.
    assert!((r.dpi - 89.41).abs() < 0.1, "{}", r.dpi);
    let scale = r.dpi as f64 / 72.0;
    assert_eq!(r.image.width(), (842.0 * scale) as u32);
    // Marker centre in image pixels (35, 35) → unit square (35/300, 1 - 35/190).
    let (u, v) = (35.0 / 300.0f64, 1.0 - 35.0 / 190.0f64);
    let [a, b, cc, d, e, f] = inner.map(|x| x as f64);
    let (x, y) = (a * u + cc * v + e + 170.0, b * u + d * v + f + 340.0);
    // Unrotated page, y down: (x, 842 - y); /Rotate 90 (clockwise): (842 - y_down, x) = (y, x).
    let (px, py) = ((y * scale) as u32, (x * scale) as u32);
    let (fx, fy) = find_dark(&r.image);
    assert!(fx.abs_diff(px) <= 3 && fy.abs_diff(py) <= 3, "marker at ({fx},{fy}), expected ({px},{py})");
}

#[test]
fn inline_image_covering_the_page_takes_the_fast_path() {
    let img = marked(310, 438, 50, 60, 8);
    let src = open_pages(&[PageSpec::a4().with(img, Enc::Flate, How::Inline(FULL))]);
    let r = raster(&src, 0);
    assert_eq!(r.image.dimensions(), (310, 438));
    assert!(dark(&r.image, 54, 64));
}

#[test]
fn visible_content_over_a_scan_forces_rendering() {
    let mut page = PageSpec::a4().with(marked(620, 877, 100, 200, 10), Enc::Flate, How::XObject(FULL));
    // A black bar over the bottom of the page (PDF y up).
    page.raw_after = "0 g 0 0 595 100 re f".into();
    let src = open_pages(&[page]);
    assert!(!took_fast_path(&src, 0));
    let r = raster(&src, 0);
    assert!(dark(&r.image, 300, 870), "the bar drawn over the scan is missing");
    assert!(dark(&r.image, 105, 205));
}

/// A page number stamped over a scan (as file exports do) keeps the fast
/// path: the stamp is rendered into the native image, and the result matches
/// a full render.
#[test]
fn small_stamps_over_a_scan_are_drawn_into_the_native_image() {
    let mut page = PageSpec::a4().with(noisy(620, 877, 5), Enc::DctGray, How::XObject(FULL));
    page.raw_after = "0 g 500 20 40 12 re f".into();
    page.text.push(TextRun::line("Blatt 17", true));
    let src = open_pages(&[page]);
    let r = raster(&src, 0);
    assert_eq!(r.image.dimensions(), (620, 877), "native size kept");
    assert!(took_fast_path(&src, 0), "stamps must not force a full render");
    // The bar: x 500..540 pt, y 810..822 pt (y down) at 75 dpi.
    let s = r.dpi / 72.0;
    assert!(dark(&r.image, (520.0 * s) as u32, (816.0 * s) as u32), "stamp bar missing");
    let rendered = render::render(&src.pdf.pages()[0], s).image;
    let (w, h) = (r.image.width().min(rendered.width()), r.image.height().min(rendered.height()));
    // The text line (x 72.., y ~110..125 pt) is there as in the full render.
    let region = |img: &GrayImage| {
        let mut n = 0;
        for y in (105.0 * s) as u32..(125.0 * s) as u32 {
            for x in (72.0 * s) as u32..(140.0 * s) as u32 {
                n += u32::from(img.get_pixel(x, y).0[0] < 30);
            }
        }
        n
    };
    let (a, b) = (region(&r.image), region(&rendered));
    assert!(a > 20 && a.abs_diff(b) * 5 <= b, "text pixels {a} vs {b} in the full render");
    let diff: u64 = (0..h)
        .flat_map(|y| (0..w).map(move |x| (x, y)))
        .map(|(x, y)| r.image.get_pixel(x, y).0[0].abs_diff(rendered.get_pixel(x, y).0[0]) as u64)
        .sum();
    assert!((diff as f64 / (w * h) as f64) < 3.0);
}

#[test]
fn cropbox_limits_the_page() {
    let mut page = PageSpec::a4().with(marked(620, 877, 100, 200, 10), Enc::Flate, How::XObject(FULL));
    // Keep the left half (PDF y up: full height).
    page.crop_box = Some([0.0, 0.0, 297.5, 842.0]);
    let r = raster(&open_pages(&[page]), 0);
    assert_eq!(r.image.dimensions(), (310, 877));
    assert!(dark(&r.image, 105, 205));
}

#[test]
fn pages_without_images_have_no_raster_but_text() {
    let mut page = PageSpec::a4();
    page.text.push(TextRun::line("Sehr geehrte Frau Mustermann", true));
    let mut scan = PageSpec::a4().with(marked(62, 88, 1, 1, 2), Enc::Flate, How::XObject(FULL));
    scan.text.push(TextRun::line("P<D<<MUSTERMANN<<ERIKA", false));
    let src = open_pages(&[page, scan]);
    let p0 = src.load_page(0);
    assert!(p0.raster.unwrap().is_none());
    assert!(p0.text.unwrap().unwrap().contains("Mustermann"));
    let p1 = src.load_page(1);
    assert!(p1.raster.unwrap().is_some());
    assert!(p1.text.unwrap().unwrap().contains("MUSTERMANN"), "invisible OCR text is read");
}

#[test]
fn oversized_images_are_refused_before_decoding() {
    let bytes = fixture::build(&[PageSpec::a4().with(marked(200, 100, 0, 0, 1), Enc::Flate, How::XObject(FULL))]);
    let opts = OpenOptions { limits: Limits { max_image_pixels: 10_000, ..Limits::default() }, ..Default::default() };
    let src = PdfSource::new(Arc::new(bytes), &opts).unwrap();
    match src.load_page(0).raster {
        Err(PageError::Limit(m)) => assert!(m.contains("200x100"), "{m}"),
        other => panic!("expected a limit error, got {other:?}"),
    }
}

#[test]
fn broken_files_are_errors_or_recovered_with_a_warning() {
    let good = fixture::build(&[
        PageSpec::a4().with(marked(62, 88, 1, 1, 2), Enc::Flate, How::XObject(FULL)),
        PageSpec::a4().with(marked(62, 88, 1, 1, 2), Enc::Flate, How::XObject(FULL)),
    ]);
    let garbage: Vec<u8> = (0..5000u32).map(|i| (i.wrapping_mul(7919) >> 3) as u8).collect();
    assert!(matches!(PdfSource::new(Arc::new(garbage), &OpenOptions::default()), Err(FileError::Corrupt(_))));
    let mut headed = b"%PDF-1.7\n".to_vec();
    headed.extend(std::iter::repeat_n(b'x', 3000));
    assert!(matches!(PdfSource::new(Arc::new(headed), &OpenOptions::default()), Err(FileError::Corrupt(_))));
    for cut in [good.len() - 200, good.len() / 2, 40] {
        match PdfSource::new(Arc::new(good[..cut].to_vec()), &OpenOptions::default()) {
            Err(FileError::Corrupt(m)) => assert!(!m.is_empty()),
            Err(e) => panic!("cut {cut}: unexpected {e:?}"),
            Ok(src) => {
                // Every page loads without panicking, whatever it holds.
                for i in 0..src.page_count() {
                    let _ = src.load_page(i);
                }
            }
        }
    }
}

#[test]
fn zero_page_pdf_has_no_pages() {
    let src = open_pages(&[]);
    assert_eq!(src.page_count(), 0);
}

#[test]
fn encrypted_fixtures_give_images_and_text() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf");
    for (name, pw) in [
        ("pdf_encrypted_rc4_128_empty_pw.pdf", None),
        ("pdf_encrypted_aes256_empty_pw.pdf", None),
        ("pdf_encrypted_aes256_user_pw_geheim.pdf", Some("geheim")),
    ] {
        let opts = OpenOptions { password: pw.map(str::to_string), ..Default::default() };
        let src = PdfSource::new(Arc::new(std::fs::read(dir.join(name)).unwrap()), &opts).unwrap();
        assert_eq!(src.warning(), None, "{name}");
        let p = src.load_page(0);
        let r = p.raster.unwrap().unwrap();
        assert_eq!(r.image.dimensions(), (310, 438), "{name}");
        assert!(dark(&r.image, 50, 50), "{name}");
        assert!(p.text.unwrap().is_some_and(|t| t.contains("MUSTERMANN")), "{name}: text layer");
    }
}

/// Every PDF in fixtures/encodings: the raster the source gives (fast path or
/// render path) agrees with hayro's rendering of the same page at the same
/// resolution, and the resolution is the image's own (no upsampling).
#[test]
fn encoding_fixtures_agree_with_a_full_render() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/encodings");
    let Ok(entries) = std::fs::read_dir(&dir) else { return };
    let mut checked = 0;
    for e in entries {
        let path = e.unwrap().path();
        if path.extension().is_none_or(|x| x != "pdf") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Ok(src) = PdfSource::new(Arc::new(std::fs::read(&path).unwrap()), &OpenOptions::default()) else {
            continue;
        };
        for (i, page) in src.pdf.pages().iter().enumerate() {
            let Ok(Some(r)) = src.load_page(i).raster else { continue };
            assert!(r.dpi_known && r.dpi >= 50.0 && r.dpi <= 1200.0, "{name}: dpi {}", r.dpi);
            let rendered = render::render(page, r.dpi / 72.0).image;
            let (w, h) = (r.image.width().min(rendered.width()), r.image.height().min(rendered.height()));
            assert!(
                r.image.width().abs_diff(rendered.width()) <= 2 && r.image.height().abs_diff(rendered.height()) <= 2,
                "{name}: {:?} vs rendered {:?}",
                r.image.dimensions(),
                rendered.dimensions()
            );
            // Compare at a quarter of the size: sub-pixel offsets of sharp
            // bilevel edges between the two resamplings are not a disagreement.
            let small = |img: &GrayImage| {
                let c = image::imageops::crop_imm(img, 0, 0, w, h).to_image();
                image::imageops::resize(&c, (w / 4).max(1), (h / 4).max(1), image::imageops::FilterType::Triangle)
            };
            let (a, b) = (small(&r.image), small(&rendered));
            let diff: u64 = a.pixels().zip(b.pixels()).map(|(p, q)| p.0[0].abs_diff(q.0[0]) as u64).sum();
            let mean = diff as f64 / a.len() as f64;
            eprintln!(
                "{name} page {}: {:?} at {:.1} dpi, mean difference {mean:.2}",
                i + 1,
                r.image.dimensions(),
                r.dpi
            );
            assert!(mean < 1.0, "{name} page {}: mean difference {mean:.1} to the full render", i + 1);
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} fixture pages checked");
}

#[test]
fn decoded_size_limit_is_checked_before_decoding() {
    let bytes = fixture::build(&[PageSpec::a4().with(marked(200, 100, 0, 0, 1), Enc::DctGray, How::XObject(FULL))]);
    let opts = OpenOptions { limits: Limits { max_stream_bytes: 50_000, ..Limits::default() }, ..Default::default() };
    let src = PdfSource::new(Arc::new(bytes), &opts).unwrap();
    match src.load_page(0).raster {
        Err(PageError::Limit(m)) => assert!(m.contains("50000 bytes"), "{m}"),
        other => panic!("expected a limit error, got {other:?}"),
    }
}
