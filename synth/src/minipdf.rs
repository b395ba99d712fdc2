//! Minimal test PDFs written with pdf-writer: images in a few encodings,
//! placed by matrix, in Form XObjects or inline, on pages with `/Rotate` and
//! crop boxes, for the PDF page source's tests (where each image lands on
//! the upright page). [`crate::pdf`] writes whole documents instead.

use image::{GrayImage, Luma};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref};

/// How an image's samples are stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Enc {
    /// Baseline JPEG, grey.
    Dct,
    /// zlib (stored blocks), no predictor.
    Flate,
    /// zlib with PNG "Up" predictor rows.
    FlatePng,
}

/// Where an image goes.
#[derive(Clone, Copy, Debug)]
pub enum How {
    /// `cm` + `Do` of an image XObject.
    XObject([f32; 6]),
    /// A Form XObject with its own `/Matrix` drawing the image with `inner`.
    Form {
        /// The page's `cm` before the Form is drawn.
        outer: [f32; 6],
        /// The Form's `/Matrix`.
        form: [f32; 6],
        /// The `cm` inside the Form before the image.
        inner: [f32; 6],
    },
    /// An inline image (`BI … ID … EI`), Flate-compressed.
    Inline([f32; 6]),
}

/// One page.
#[derive(Clone, Debug)]
pub struct PageSpec {
    /// MediaBox.
    pub media: [f32; 4],
    /// CropBox, if any.
    pub crop: Option<[f32; 4]>,
    /// `/Rotate`.
    pub rotate: i32,
    /// Images, drawn in order.
    pub images: Vec<(GrayImage, Enc, How)>,
    /// Raw content drawn after the images (e.g. a visible rectangle).
    pub after: String,
    /// A line of Helvetica text, drawn last (visible, or invisible as OCR layers are).
    pub text: Option<(String, bool)>,
}

/// A4 in points.
pub const A4: [f32; 4] = [0.0, 0.0, 595.0, 842.0];

impl PageSpec {
    /// An empty A4 page.
    pub fn a4() -> PageSpec {
        PageSpec { media: A4, crop: None, rotate: 0, images: Vec::new(), after: String::new(), text: None }
    }

    /// Adds an image.
    pub fn with(mut self, img: GrayImage, enc: Enc, how: How) -> PageSpec {
        self.images.push((img, enc, how));
        self
    }
}

/// A white image with a black square marker of side `m` whose top-left pixel is at (`mx`, `my`).
pub fn marked(w: u32, h: u32, mx: u32, my: u32, m: u32) -> GrayImage {
    GrayImage::from_fn(
        w,
        h,
        |x, y| {
            if x >= mx && x < mx + m && y >= my && y < my + m { Luma([0]) } else { Luma([255]) }
        },
    )
}

/// Noisy grey page content, so that distinct pages compress distinctly.
pub fn noisy(w: u32, h: u32, seed: u32) -> GrayImage {
    let mut s = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    GrayImage::from_fn(w, h, |x, y| {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        let base = if (x / 40 + y / 40) % 7 == 0 { 60 } else { 225 };
        Luma([(base + (s % 24) as i32 - 12).clamp(0, 255) as u8])
    })
}

/// JPEG-encodes a grey image.
pub fn jpeg(img: &GrayImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality);
    enc.encode(img.as_raw(), img.width(), img.height(), image::ExtendedColorType::L8).expect("jpeg encodes");
    out
}

/// zlib stream with stored (uncompressed) deflate blocks: valid FlateDecode.
pub fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let chunks: Vec<&[u8]> = if data.is_empty() { vec![&[][..]] } else { data.chunks(65_535).collect() };
    for (i, c) in chunks.iter().enumerate() {
        out.push(u8::from(i + 1 == chunks.len()));
        let len = c.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(c);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &x in data {
        a = (a + x as u32) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

/// PNG "Up" predictor rows (filter byte 2 before each row).
fn png_up(img: &GrayImage) -> Vec<u8> {
    let w = img.width() as usize;
    let raw = img.as_raw();
    let mut out = Vec::with_capacity(raw.len() + img.height() as usize);
    for (y, row) in raw.chunks(w).enumerate() {
        out.push(2);
        for (x, &v) in row.iter().enumerate() {
            let up = if y == 0 { 0 } else { raw[(y - 1) * w + x] };
            out.push(v.wrapping_sub(up));
        }
    }
    out
}

fn write_image(pdf: &mut Pdf, id: Ref, img: &GrayImage, enc: Enc) {
    let data = match enc {
        Enc::Dct => jpeg(img, 90),
        Enc::Flate => zlib_stored(img.as_raw()),
        Enc::FlatePng => zlib_stored(&png_up(img)),
    };
    let mut x = pdf.image_xobject(id, &data);
    x.width(img.width() as i32).height(img.height() as i32).bits_per_component(8);
    x.color_space().device_gray();
    match enc {
        Enc::Dct => {
            x.filter(Filter::DctDecode);
        }
        Enc::Flate => {
            x.filter(Filter::FlateDecode);
        }
        Enc::FlatePng => {
            x.filter(Filter::FlateDecode);
            x.decode_parms()
                .predictor(pdf_writer::types::Predictor::PngUp)
                .colors(1)
                .bits_per_component(8)
                .columns(img.width() as i32);
        }
    }
}

fn cm(c: &mut Content, m: [f32; 6]) {
    c.transform(m);
}

/// Writes the pages into one PDF.
pub fn build(pages: &[PageSpec]) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let mut next = 1;
    let mut alloc = || {
        next += 1;
        Ref::new(next)
    };
    let catalog = Ref::new(1);
    let tree = alloc();
    let page_ids: Vec<Ref> = pages.iter().map(|_| alloc()).collect();
    let font_id = alloc();
    pdf.catalog(catalog).pages(tree);
    pdf.type1_font(font_id).base_font(Name(b"Helvetica")).encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.pages(tree).kids(page_ids.iter().copied()).count(pages.len() as i32);
    for (spec, &pid) in pages.iter().zip(&page_ids) {
        let content_id = alloc();
        let mut content = Content::new();
        let mut xobjects: Vec<(String, Ref)> = Vec::new();
        let mut raw_tail: Vec<u8> = Vec::new();
        let mut inline_parts: Vec<Vec<u8>> = Vec::new();
        for (i, (img, enc, how)) in spec.images.iter().enumerate() {
            let name = format!("Im{i}");
            match *how {
                How::XObject(m) => {
                    let id = alloc();
                    write_image(&mut pdf, id, img, *enc);
                    content.save_state();
                    cm(&mut content, m);
                    content.x_object(Name(name.as_bytes()));
                    content.restore_state();
                    xobjects.push((name, id));
                }
                How::Form { outer, form, inner } => {
                    let img_id = alloc();
                    write_image(&mut pdf, img_id, img, *enc);
                    let form_id = alloc();
                    let mut fc = Content::new();
                    fc.save_state();
                    cm(&mut fc, inner);
                    fc.x_object(Name(b"I"));
                    fc.restore_state();
                    let fdata = fc.finish();
                    let mut f = pdf.form_xobject(form_id, &fdata);
                    f.bbox(Rect::new(-5000.0, -5000.0, 5000.0, 5000.0)).matrix(form);
                    f.resources().x_objects().pair(Name(b"I"), img_id);
                    f.finish();
                    content.save_state();
                    cm(&mut content, outer);
                    content.x_object(Name(name.as_bytes()));
                    content.restore_state();
                    xobjects.push((name, form_id));
                }
                How::Inline(m) => {
                    // Inline images must come in sequence with the other operators:
                    // flush what we have, then append raw bytes.
                    let mut part = std::mem::replace(&mut content, Content::new()).finish().to_vec();
                    let [a, b, c, d, e, f] = m;
                    part.extend_from_slice(format!("q {a} {b} {c} {d} {e} {f} cm\n").as_bytes());
                    part.extend_from_slice(
                        format!("BI /W {} /H {} /CS /G /BPC 8 /F /Fl ID\n", img.width(), img.height()).as_bytes(),
                    );
                    part.extend_from_slice(&zlib_stored(img.as_raw()));
                    part.extend_from_slice(b"\nEI Q\n");
                    inline_parts.push(part);
                }
            }
        }
        let mut data: Vec<u8> = inline_parts.concat();
        data.extend_from_slice(&content.finish());
        data.push(b'\n');
        data.extend_from_slice(spec.after.as_bytes());
        if let Some((t, visible)) = &spec.text {
            let mode = if *visible { 0 } else { 3 };
            data.extend_from_slice(format!("\nBT /F1 12 Tf {mode} Tr 72 720 Td ({t}) Tj ET\n").as_bytes());
        }
        raw_tail.extend_from_slice(&data);
        pdf.stream(content_id, &raw_tail);
        let mut page = pdf.page(pid);
        let [x0, y0, x1, y1] = spec.media;
        page.media_box(Rect::new(x0, y0, x1, y1)).parent(tree).contents(content_id);
        if let Some([a, b, c, d]) = spec.crop {
            page.crop_box(Rect::new(a, b, c, d));
        }
        if spec.rotate != 0 {
            page.rotate(spec.rotate);
        }
        let mut res = page.resources();
        let mut xo = res.x_objects();
        for (n, id) in &xobjects {
            xo.pair(Name(n.as_bytes()), *id);
        }
        xo.finish();
        if spec.text.is_some() {
            res.fonts().pair(Name(b"F1"), font_id);
        }
        res.finish();
        page.finish();
    }
    pdf.finish()
}
