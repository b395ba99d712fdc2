//! Renders every built fixture with hayro and checks that the marker of the
//! test page appears where the page specification says, so each encoding,
//! transform and rotation is proven decodable and correctly placed.

use super::*;
use crate::ccitt::Coding;
use crate::pattern::{expected_marker, find_marker, test_page};
use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf as ParsedPdf;
use hayro::{PixmapSettings, RenderCache, RenderSettings, render};
use image::{GrayImage, Luma};

/// Renders every page at `scale` x 72 dpi to grey (on white).
pub(crate) fn render_pages(bytes: Vec<u8>, scale: f32) -> Vec<GrayImage> {
    let pdf = ParsedPdf::new(bytes).expect("hayro opens the fixture");
    let cache = RenderCache::new();
    let settings = InterpreterSettings::default();
    pdf.pages()
        .iter()
        .map(|page| {
            let pix = render(
                page,
                &cache,
                &settings,
                &RenderSettings::default(),
                &PixmapSettings {
                    x_scale: scale,
                    y_scale: scale,
                    bg_color: hayro::vello_cpu::color::palette::css::WHITE,
                },
            );
            let (w, h) = (pix.width() as u32, pix.height() as u32);
            let data = pix.data_as_u8_slice();
            GrayImage::from_fn(w, h, |x, y| {
                let i = ((y * w + x) * 4) as usize;
                let l = 0.299 * data[i] as f32 + 0.587 * data[i + 1] as f32 + 0.114 * data[i + 2] as f32;
                Luma([l as u8])
            })
        })
        .collect()
}

fn upright_page(encoding: Encoding) -> PageSpec {
    let mut p = PageSpec::new(A6_PT.0, A6_PT.1);
    p.images.push(PlacedImage::new(test_page(207, 292), encoding, p.upright_transform()));
    p
}

fn assert_marker(page: &PageSpec, img: &GrayImage, what: &str) {
    let placed = &page.images[0];
    let (mx, my) = expected_marker(placed.image.width(), placed.image.height());
    let (ex, ey) = page.image_point_on_display(placed, mx, my);
    let (fx, fy) = find_marker(img).unwrap_or_else(|| panic!("{what}: no marker"));
    assert!(
        (fx - ex).abs() < 0.03 && (fy - ey).abs() < 0.03,
        "{what}: marker at {fx:.3},{fy:.3}, expected {ex:.3},{ey:.3}"
    );
}

#[test]
fn every_encoding_renders_upright() {
    let encodings = vec![
        Encoding::DctGray,
        Encoding::DctRgb,
        Encoding::DctCmykAdobe,
        Encoding::Flate,
        Encoding::FlatePng,
        Encoding::FlateTiff,
        Encoding::Flate1Bit,
        Encoding::Flate16,
        Encoding::Indexed,
        Encoding::IccGray,
        Encoding::DecodeInverted,
        Encoding::ImageMask,
        Encoding::Ccitt { coding: Coding::G4, black_is_1: false, byte_align: false },
        Encoding::Ccitt { coding: Coding::G4, black_is_1: true, byte_align: true },
        Encoding::Ccitt { coding: Coding::G3OneD, black_is_1: false, byte_align: false },
        Encoding::Ccitt { coding: Coding::G3OneD, black_is_1: true, byte_align: true },
        Encoding::Ccitt { coding: Coding::G3TwoD(4), black_is_1: false, byte_align: false },
        Encoding::Jbig2,
    ];
    for enc in encodings {
        let page = upright_page(enc.clone());
        let bytes = PdfBuilder::new().page(page.clone()).build().unwrap();
        let pages = render_pages(bytes, 1.0);
        assert_eq!(pages.len(), 1);
        assert_marker(&page, &pages[0], &format!("{enc:?}"));
        // The gradient is light: a wrong colour conversion or inversion shows.
        let mean = pages[0].as_raw().iter().map(|&v| v as u64).sum::<u64>() / pages[0].as_raw().len() as u64;
        assert!((150..=250).contains(&mean), "{enc:?}: mean {mean}");
    }
}

#[test]
fn rotations_crop_boxes_forms_and_inline_images_place_the_marker() {
    let mut cases = Vec::new();
    for rotate in [90, 180, 270] {
        let mut p = PageSpec::new(A6_PT.1, A6_PT.0);
        p.rotate = rotate;
        p.images.push(PlacedImage::new(test_page(207, 292), Encoding::DctGray, p.upright_transform()));
        cases.push((format!("rotate {rotate}"), p));
    }
    let mut crop = PageSpec::new(420.0, 595.0);
    crop.crop_box = Some([50.0, 80.0, 50.0 + A6_PT.0, 80.0 + A6_PT.1]);
    crop.images.push(PlacedImage::new(test_page(207, 292), Encoding::Flate, crop.upright_transform()));
    cases.push(("crop box".into(), crop));
    let mut form = PageSpec::new(A6_PT.0, A6_PT.1);
    let (c, s) = (30f32.to_radians().cos(), 30f32.to_radians().sin());
    let (w, h) = (150.0, 210.0);
    form.images.push(PlacedImage {
        via_form_xobject: true,
        ..PlacedImage::new(test_page(150, 210), Encoding::DctGray, [w * c, w * s, -h * s, h * c, 180.0, 90.0])
    });
    cases.push(("form rotated 30".into(), form));
    let mut inline = upright_page(Encoding::Flate);
    inline.images[0].inline = true;
    cases.push(("inline".into(), inline));
    for (what, page) in cases {
        let bytes = PdfBuilder::new().page(page.clone()).build().unwrap();
        let pages = render_pages(bytes, 1.0);
        let (dw, dh) = page.display_size();
        assert!((pages[0].width() as f32 - dw).abs() < 1.5, "{what}: width");
        assert!((pages[0].height() as f32 - dh).abs() < 1.5, "{what}: height");
        assert_marker(&page, &pages[0], &what);
    }
}

#[test]
fn upright_transforms_put_the_image_top_left_at_the_display_top_left() {
    for rotate in [0, 90, 180, 270] {
        let mut p = PageSpec::new(300.0, 200.0);
        p.rotate = rotate;
        p.crop_box = Some([10.0, 20.0, 210.0, 170.0]);
        let img = PlacedImage::new(GrayImage::new(1, 1), Encoding::Flate, p.upright_transform());
        let (x, y) = p.image_point_on_display(&img, 0.0, 0.0);
        assert!(x.abs() < 1e-4 && y.abs() < 1e-4, "rotate {rotate}: {x},{y}");
        let (x, y) = p.image_point_on_display(&img, 1.0, 1.0);
        assert!((x - 1.0).abs() < 1e-4 && (y - 1.0).abs() < 1e-4, "rotate {rotate}: {x},{y}");
    }
}

#[test]
fn text_is_written_in_win_ansi_and_escaped() {
    assert_eq!(win_ansi("Größe – 5 €"), b"Gr\xF6\xDFe \x96 5 \x80".to_vec());
    assert_eq!(win_ansi("日"), b"?".to_vec());
    assert_eq!(pdf_string(b"a(b)\\"), b"a\\(b\\)\\\\".to_vec());
    let mut p = PageSpec::new(A6_PT.0, A6_PT.1);
    p.text.push(TextRun { x: 20.0, y: 300.0, size: 12.0, text: "Prüfung (Ä)".into(), invisible: true });
    let bytes = PdfBuilder::new().page(p).build().unwrap();
    let pos = bytes.windows(4).position(|w| w == b"3 Tr").unwrap();
    assert!(bytes[pos..].windows(13).any(|w| w == b"(Pr\xFCfung \\(\xC4\\)"[..13].as_ref()));
}

#[test]
fn builds_are_deterministic() {
    let a = PdfBuilder::new().page(upright_page(Encoding::FlatePng)).build().unwrap();
    let b = PdfBuilder::new().page(upright_page(Encoding::FlatePng)).build().unwrap();
    assert_eq!(a, b);
}
