//! The catalogue of encoding fixtures committed under `fixtures/encodings/`:
//! one small file per encoding, transform and damage, named for what it
//! holds. `examples/gen_fixtures.rs` writes them; a test regenerates them and
//! compares bytes, so the committed files cannot drift from this code.

use super::ccitt::Coding;
use super::encode::{EncodeError, Encoding, jpeg_with_density};
use super::files::{PngSpec, TiffPage, jpeg_with_orientation, png, tiff, tiff_lzw_gray};
use super::pattern::{dither, test_page};
use super::pdf::{A6_PT, PageSpec, PdfBuilder, PlacedImage, TextRun};
use image::{ExtendedColorType, GrayImage, imageops};

/// What scanning a fixture must give.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Every page examined.
    Ok,
    /// The file is listed with an error (damaged, encrypted without password).
    FileError,
    /// The file opens but its page(s) carry an error (bad image data, limit).
    PageError,
    /// Damaged, but some pages are recovered and examined; the file carries
    /// a note saying so.
    Partial,
}

impl Outcome {
    /// The word used in `MANIFEST.tsv`.
    pub fn word(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::FileError => "file_error",
            Outcome::PageError => "page_error",
            Outcome::Partial => "partial",
        }
    }
}

/// One generated fixture.
#[derive(Clone, Debug)]
pub struct Fixture {
    /// File name, stating the expectation.
    pub name: String,
    /// The file contents.
    pub bytes: Vec<u8>,
    /// Pages the file has (0 when it cannot be opened).
    pub pages: usize,
    /// What a scan must report.
    pub outcome: Outcome,
    /// One line on what the file exercises.
    pub note: String,
}

/// Pixels of the fixture pages: A6 at 100 dpi.
pub const PAGE_PX: (u32, u32) = (413, 583);

fn fx(name: &str, bytes: Vec<u8>, pages: usize, outcome: Outcome, note: &str) -> Fixture {
    Fixture { name: name.into(), bytes, pages, outcome, note: note.into() }
}

fn a6_page(encoding: Encoding) -> PageSpec {
    let mut p = PageSpec::new(A6_PT.0, A6_PT.1);
    p.images.push(PlacedImage::new(test_page(PAGE_PX.0, PAGE_PX.1), encoding, p.upright_transform()));
    p
}

fn one_page(encoding: Encoding) -> Result<Vec<u8>, EncodeError> {
    PdfBuilder::new().page(a6_page(encoding)).build()
}

/// Every PDF fixture. `jpx` is a JPEG 2000 file of the test page (made
/// with `opj_compress`, see `fixtures/README.md`); without it the JPX
/// fixture is left out.
pub fn pdf_fixtures(jpx: Option<&[u8]>) -> Result<Vec<Fixture>, EncodeError> {
    use Outcome::*;
    let ccitt = |coding, black_is_1, byte_align| Encoding::Ccitt { coding, black_is_1, byte_align };
    let simple: Vec<(&str, Encoding, &str)> = vec![
        ("dct_grey.pdf", Encoding::DctGray, "DCTDecode DeviceGray"),
        ("dct_rgb.pdf", Encoding::DctRgb, "DCTDecode DeviceRGB"),
        ("dct_cmyk_adobe_inverted.pdf", Encoding::DctCmykAdobe, "DCTDecode CMYK, Adobe APP14, Decode [1 0 ...]"),
        ("flate_grey.pdf", Encoding::Flate, "FlateDecode 8-bit grey"),
        ("flate_png_predictor15.pdf", Encoding::FlatePng, "FlateDecode, PNG predictors (all five row filters)"),
        ("flate_tiff_predictor2.pdf", Encoding::FlateTiff, "FlateDecode, TIFF predictor 2"),
        ("flate_1bit.pdf", Encoding::Flate1Bit, "FlateDecode 1-bit grey (dithered)"),
        ("flate_16bit.pdf", Encoding::Flate16, "FlateDecode 16-bit grey"),
        ("indexed_palette.pdf", Encoding::Indexed, "Indexed DeviceRGB, reversed palette"),
        ("iccbased_grey.pdf", Encoding::IccGray, "ICCBased grey profile, Alternate DeviceGray"),
        ("decode_inverted.pdf", Encoding::DecodeInverted, "inverted samples with Decode [1 0]"),
        ("imagemask_stencil.pdf", Encoding::ImageMask, "ImageMask stencil painted black"),
        ("ccitt_g4.pdf", ccitt(Coding::G4, false, false), "CCITT G4 (K -1)"),
        ("ccitt_g4_blackis1.pdf", ccitt(Coding::G4, true, false), "CCITT G4, BlackIs1 true"),
        ("ccitt_g4_byte_aligned.pdf", ccitt(Coding::G4, false, true), "CCITT G4, EncodedByteAlign"),
        ("ccitt_g3_k0.pdf", ccitt(Coding::G3OneD, false, false), "CCITT G3 1D (K 0)"),
        ("ccitt_g3_k0_blackis1_aligned.pdf", ccitt(Coding::G3OneD, true, true), "CCITT G3 1D, BlackIs1, byte-aligned"),
        ("ccitt_g3_k4.pdf", ccitt(Coding::G3TwoD(4), false, false), "CCITT G3 2D (K 4)"),
        ("jbig2_mmr_globals.pdf", Encoding::Jbig2, "JBIG2 generic region (MMR) with JBIG2Globals"),
    ];
    let mut out = Vec::new();
    for (name, enc, note) in simple {
        out.push(fx(name, one_page(enc)?, 1, Ok, note));
    }
    if let Some(j) = jpx {
        out.push(fx("jpx_grey.pdf", one_page(Encoding::Jpx(j.to_vec()))?, 1, Ok, "JPXDecode (opj_compress)"));
    }
    for rotate in [90, 180, 270] {
        // Turned a quarter, a landscape media box shows as a portrait page.
        let (mw, mh) = if rotate == 180 { A6_PT } else { (A6_PT.1, A6_PT.0) };
        let mut p = PageSpec::new(mw, mh);
        p.rotate = rotate;
        p.images.push(PlacedImage::new(test_page(PAGE_PX.0, PAGE_PX.1), Encoding::DctGray, p.upright_transform()));
        let note = format!("content drawn turned, /Rotate {rotate}: upright portrait when shown");
        out.push(fx(&format!("page_rotate{rotate}.pdf"), PdfBuilder::new().page(p).build()?, 1, Ok, &note));
    }
    let mut crop = PageSpec::new(420.0, 595.0);
    crop.crop_box = Some([50.0, 80.0, 50.0 + A6_PT.0, 80.0 + A6_PT.1]);
    crop.images.push(PlacedImage::new(test_page(PAGE_PX.0, PAGE_PX.1), Encoding::DctGray, crop.upright_transform()));
    out.push(fx("crop_box_offset.pdf", PdfBuilder::new().page(crop).build()?, 1, Ok, "A5 media box, A6 crop box"));
    let mut form = PageSpec::new(A6_PT.0, A6_PT.1);
    let (c, s) = (30f32.to_radians().cos(), 30f32.to_radians().sin());
    let (w, h) = (150.0, 210.0);
    form.images.push(PlacedImage {
        via_form_xobject: true,
        ..PlacedImage::new(test_page(312, 437), Encoding::DctGray, [w * c, w * s, -h * s, h * c, 180.0, 90.0])
    });
    out.push(fx(
        "form_xobject_rotated30.pdf",
        PdfBuilder::new().page(form).build()?,
        1,
        Ok,
        "image in a Form XObject, rotated 30 degrees",
    ));
    let mut inline = a6_page(Encoding::Flate);
    inline.images[0].inline = true;
    out.push(fx("inline_image.pdf", PdfBuilder::new().page(inline).build()?, 1, Ok, "inline image, /F [/AHx /Fl]"));
    let mut ocr = a6_page(Encoding::DctGray);
    ocr.text.push(TextRun {
        x: 30.0,
        y: 200.0,
        size: 10.0,
        text: "Bescheid über Leistungen – Größe, Straße, Übersicht".into(),
        invisible: true,
    });
    ocr.text.push(TextRun {
        x: 30.0,
        y: 180.0,
        size: 10.0,
        text: "Jobcenter Musterstadt, Aktenzeichen 123".into(),
        invisible: true,
    });
    out.push(fx(
        "text_layer_invisible.pdf",
        PdfBuilder::new().page(ocr).build()?,
        1,
        Ok,
        "scan with invisible OCR text layer (render mode 3), umlauts",
    ));
    let mut letter = PageSpec::new(A6_PT.0, A6_PT.1);
    letter.text.push(TextRun {
        x: 30.0,
        y: 380.0,
        size: 12.0,
        text: "Sehr geehrte Frau Müller,".into(),
        invisible: false,
    });
    letter.text.push(TextRun {
        x: 30.0,
        y: 360.0,
        size: 12.0,
        text: "bitte reichen Sie die Unterlagen ein.".into(),
        invisible: false,
    });
    out.push(fx(
        "text_only_letter.pdf",
        PdfBuilder::new().page(letter).build()?,
        1,
        Ok,
        "born-digital page: text, no image",
    ));
    let multi = PdfBuilder::new()
        .page(a6_page(Encoding::DctGray))
        .page(a6_page(ccitt(Coding::G4, false, false)))
        .page(a6_page(Encoding::FlatePng));
    let multi_bytes = multi.build()?;
    out.push(fx("multi_page_3_mixed.pdf", multi_bytes.clone(), 3, Ok, "three pages: DCT, G4, Flate"));
    // A broken page tree looks the same as an empty one: reported, not passed over.
    let empty = PdfBuilder::new().build()?;
    out.push(fx("zero_pages.pdf", empty, 0, FileError, "valid PDF without pages: reported as unexaminable"));
    let half = multi_bytes[..multi_bytes.len() / 2].to_vec();
    out.push(fx("truncated_half.pdf", half, 1, Partial, "first half of multi_page_3_mixed.pdf: page 1 recovered"));
    let mut garbage = b"%PDF-1.7\n".to_vec();
    let mut x = 0x2545_F491u32;
    for _ in 0..4000 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        garbage.push((x >> 24) as u8);
    }
    out.push(fx("garbage.pdf", garbage, 0, FileError, "PDF header, then random bytes"));
    Result::Ok(out)
}

/// The plain PDF the encrypted fixtures are made from with qpdf.
pub fn encryption_source() -> Result<Vec<u8>, EncodeError> {
    one_page(Encoding::DctGray)
}

fn rgb_of(img: &GrayImage) -> Vec<u8> {
    img.as_raw().iter().flat_map(|&g| [g, g.saturating_sub(10), g]).collect()
}

/// Every loose image fixture (JPEG, PNG, TIFF).
pub fn image_fixtures() -> Result<Vec<Fixture>, EncodeError> {
    use Outcome::*;
    let (w, h) = PAGE_PX;
    let page = test_page(w, h);
    let mut out = Vec::new();
    let grey100 = jpeg_with_density(page.as_raw(), w, h, ExtendedColorType::L8, 80, Some(100))?;
    out.push(fx("jpeg_grey_100dpi.jpg", grey100.clone(), 1, Ok, "JFIF density 100 dpi"));
    let rgb = jpeg_with_density(&rgb_of(&page), w, h, ExtendedColorType::Rgb8, 80, Some(72))?;
    out.push(fx("jpeg_rgb_72dpi_phone.jpg", rgb, 1, Ok, "RGB, 72 dpi as phones write: dpi guessed"));
    let r6 = imageops::rotate270(&page);
    let j6 = jpeg_with_density(r6.as_raw(), r6.width(), r6.height(), ExtendedColorType::L8, 80, Some(100))?;
    out.push(fx("jpeg_exif_orientation6.jpg", jpeg_with_orientation(&j6, 6)?, 1, Ok, "stored turned left, EXIF 6"));
    let r3 = imageops::rotate180(&page);
    let j3 = jpeg_with_density(r3.as_raw(), w, h, ExtendedColorType::L8, 80, Some(100))?;
    out.push(fx("jpeg_exif_orientation3.jpg", jpeg_with_orientation(&j3, 3)?, 1, Ok, "stored upside down, EXIF 3"));
    out.push(fx("jpeg_truncated.jpg", grey100[..grey100.len() / 2].to_vec(), 1, PageError, "first half of a JPEG"));

    let bits = dither(&page);
    let png1 = png(&PngSpec {
        width: w,
        height: h,
        bit_depth: 1,
        color_type: 0,
        rows: bits.pack(false),
        dpi: Some(100.0),
        ..Default::default()
    });
    out.push(fx("png_1bit_100dpi.png", png1, 1, Ok, "1-bit grey, pHYs 100 dpi"));
    let wide: Vec<u8> = page.as_raw().iter().flat_map(|&v| (v as u16 * 257).to_be_bytes()).collect();
    let png16 = png(&PngSpec {
        width: w,
        height: h,
        bit_depth: 16,
        color_type: 0,
        rows: wide,
        dpi: Some(100.0),
        ..Default::default()
    });
    out.push(fx("png_16bit.png", png16, 1, Ok, "16-bit grey"));
    let palette: Vec<u8> = (0..16u8).flat_map(|i| [255 - i * 17, 255 - i * 17, 255 - i * 17]).collect();
    let stride = (w as usize).div_ceil(2);
    let mut rows = vec![0u8; stride * h as usize];
    for (i, &v) in page.as_raw().iter().enumerate() {
        let (x, y) = (i % w as usize, i / w as usize);
        let idx = 15 - v / 17;
        rows[y * stride + x / 2] |= if x % 2 == 0 { idx << 4 } else { idx };
    }
    let pal =
        png(&PngSpec { width: w, height: h, bit_depth: 4, color_type: 3, rows, palette: Some(palette), dpi: None });
    out.push(fx("png_palette_4bit_nodpi.png", pal, 1, Ok, "4-bit palette, reversed order, no pHYs"));
    let rgba: Vec<u8> =
        page.as_raw().iter().flat_map(|&v| if v == 0 { [0, 0, 0, 255] } else { [0, 0, 0, 0] }).collect();
    let alpha = png(&PngSpec {
        width: w,
        height: h,
        bit_depth: 8,
        color_type: 6,
        rows: rgba,
        dpi: Some(100.0),
        ..Default::default()
    });
    out.push(fx(
        "png_rgba_transparent.png",
        alpha,
        1,
        Ok,
        "transparent black background, opaque marker: flatten on white",
    ));
    let mut bomb =
        png(&PngSpec { width: 1, height: 1, bit_depth: 8, color_type: 0, rows: vec![255], ..Default::default() });
    bomb[16..24].copy_from_slice(&[0, 0, 0xC3, 0x50, 0, 0, 0xC3, 0x50]); // 50000 x 50000
    let crc = {
        let mut c = 0xFFFF_FFFFu32;
        for &b in &bomb[12..29] {
            c ^= b as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 { (c >> 1) ^ 0xEDB8_8320 } else { c >> 1 };
            }
        }
        !c
    };
    bomb[29..33].copy_from_slice(&crc.to_be_bytes());
    out.push(fx("png_bomb_50000x50000.png", bomb, 1, PageError, "header claims 2.5 gigapixels: limit before decoding"));

    let g4 = |img: &GrayImage, photometric: u16| {
        let b = dither(img);
        // G4 codes black runs; WhiteIsZero (0) stores black as 1, as fax does.
        let coded = if photometric == 0 { b } else { b.inverted() };
        TiffPage {
            width: img.width(),
            height: img.height(),
            bits_per_sample: 1,
            compression: 4,
            photometric,
            data: super::ccitt::encode(&coded, Coding::G4, false),
            dpi: Some(100),
            orientation: None,
        }
    };
    let land = test_page(h, w);
    out.push(fx(
        "tiff_g4_3pages.tif",
        tiff(&[g4(&page, 0), g4(&page, 1), g4(&land, 0)]),
        3,
        Ok,
        "G4: WhiteIsZero, BlackIsZero, landscape",
    ));
    let turned = imageops::rotate270(&page);
    let o6 = TiffPage { orientation: Some(6), ..g4(&turned, 0) };
    out.push(fx("tiff_g4_orientation6.tif", tiff(&[o6]), 1, Ok, "G4 stored turned left, Orientation tag 6"));
    let cmyk = super::encode::encode(&page, &Encoding::DctCmykAdobe)?.data;
    out.push(fx("jpeg_cmyk_adobe_nodpi.jpg", cmyk, 1, Ok, "four-component Adobe CMYK (inverted), no JFIF"));
    let half = test_page(207, 292);
    let tinted = image::RgbImage::from_fn(207, 292, |x, y| {
        let g = half.get_pixel(x, y).0[0];
        image::Rgb([g, g.saturating_sub(15), g])
    });
    let rgb_note = "LZW RGB, resolution in pixels per cm";
    out.push(fx("tiff_lzw_rgb_cm.tif", super::files::tiff_lzw_rgb(&tinted, 100)?, 1, Ok, rgb_note));
    out.push(fx("tiff_lzw_grey.tif", tiff_lzw_gray(&page, 100)?, 1, Ok, "LZW 8-bit grey"));
    // Uncompressed files stay small: a 160 x 226 page (A7-like at 100 dpi).
    let small = test_page(160, 226);
    let le16: Vec<u8> = small.as_raw().iter().flat_map(|&v| (v as u16 * 257).to_le_bytes()).collect();
    let t16 = TiffPage {
        width: 160,
        height: 226,
        bits_per_sample: 16,
        compression: 1,
        photometric: 1,
        data: le16,
        dpi: Some(100),
        orientation: None,
    };
    out.push(fx("tiff_16bit_grey.tif", tiff(&[t16]), 1, Ok, "uncompressed 16-bit BlackIsZero"));
    let inv: Vec<u8> = small.as_raw().iter().map(|v| 255 - v).collect();
    let t8 = TiffPage {
        width: 160,
        height: 226,
        bits_per_sample: 8,
        compression: 1,
        photometric: 0,
        data: inv,
        dpi: None,
        orientation: None,
    };
    out.push(fx(
        "tiff_8bit_whiteiszero_nodpi.tif",
        tiff(&[t8]),
        1,
        Ok,
        "uncompressed 8-bit WhiteIsZero, no resolution",
    ));
    Result::Ok(out)
}

/// The `MANIFEST.tsv` text for `fixtures` (plus the qpdf-made files listed in `extra`).
pub fn manifest(fixtures: &[Fixture], extra: &[(&str, usize, Outcome, &str)]) -> String {
    let mut rows: Vec<(String, usize, Outcome, String)> =
        fixtures.iter().map(|f| (f.name.clone(), f.pages, f.outcome, f.note.clone())).collect();
    rows.extend(extra.iter().map(|&(n, p, o, note)| (n.to_string(), p, o, note.to_string())));
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let mut s = String::from("file\tpages\toutcome\tnote\n");
    for (n, p, o, note) in rows {
        s += &format!("{n}\t{p}\t{}\t{note}\n", o.word());
    }
    s
}

/// Fixtures made outside the generator (qpdf, opj_compress), for the manifest.
pub const EXTERNAL: &[(&str, usize, Outcome, &str)] = &[
    ("encrypted_aes256_emptypw.pdf", 1, Outcome::Ok, "qpdf AES-256, empty user password: opens without asking"),
    ("encrypted_aes256_userpw.pdf", 0, Outcome::FileError, "qpdf AES-256, user password geheim: password required"),
    ("encrypted_rc4_128_emptypw.pdf", 1, Outcome::Ok, "qpdf RC4-128, empty user password"),
];
