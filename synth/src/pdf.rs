//! The PDF builder of every fixture and test PDF: pages with placed images
//! in any [`Encoding`], optionally wrapped in a Form XObject (with its own
//! matrices) or written inline, page `/Rotate` and `/CropBox`, raw content
//! over the images, and (invisible) text runs in a standard font.
//!
//! Output is deterministic: the same specification gives the same bytes, so
//! committed fixtures can be checked against the generator.

use super::encode::{EncodeError, Encoding, ImageStream, Parm, Space, encode};
use image::GrayImage;
use pdf_writer::{Finish, Name, Pdf, Rect, Ref, Str};

/// One image drawn on a page.
#[derive(Clone, Debug)]
pub struct PlacedImage {
    /// The image (0 = black); colour encodings derive their samples from it.
    pub image: GrayImage,
    /// How it is stored.
    pub encoding: Encoding,
    /// The `cm` matrix mapping the unit square to user space (points).
    pub transform: [f32; 6],
    /// Draw through a Form XObject whose `/Matrix` carries the transform.
    pub via_form_xobject: bool,
    /// Write as an inline image (`BI ... ID ... EI`) in the content stream.
    pub inline: bool,
    /// With `via_form_xobject`: the page's `cm` before the Form is drawn and
    /// the Form's `cm` before the image (nested matrices, as some exports
    /// write them); the Form's `/Matrix` stays `transform`.
    pub form_frame: Option<FormFrame>,
}

/// The matrices around a Form XObject (see [`PlacedImage::form_frame`]).
#[derive(Clone, Copy, Debug)]
pub struct FormFrame {
    /// The page's `cm` before the Form is drawn.
    pub outer: [f32; 6],
    /// The `cm` inside the Form before the image.
    pub inner: [f32; 6],
}

/// Where [`PageSpec::with`] draws an image.
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
    /// An inline image (`BI … ID … EI`).
    Inline([f32; 6]),
}

impl PlacedImage {
    /// An image drawn with `transform`, as an image XObject.
    pub fn new(image: GrayImage, encoding: Encoding, transform: [f32; 6]) -> Self {
        PlacedImage { image, encoding, transform, via_form_xobject: false, inline: false, form_frame: None }
    }
}

/// A line of text in Helvetica (WinAnsiEncoding).
#[derive(Clone, Debug)]
pub struct TextRun {
    /// Baseline start, points from the left of the media box.
    pub x: f32,
    /// Baseline, points from the bottom of the media box.
    pub y: f32,
    /// Font size in points.
    pub size: f32,
    /// The text; characters outside WinAnsi become `?`.
    pub text: String,
    /// Render mode 3 (neither fill nor stroke), like an OCR text layer.
    pub invisible: bool,
}

/// One page.
#[derive(Clone, Debug)]
pub struct PageSpec {
    /// Media box width in points.
    pub width_pt: f32,
    /// Media box height in points.
    pub height_pt: f32,
    /// `/Rotate`: 0, 90, 180 or 270 (clockwise when shown).
    pub rotate: i32,
    /// `/CropBox` as `[x0, y0, x1, y1]`.
    pub crop_box: Option<[f32; 4]>,
    /// Images in drawing order.
    pub images: Vec<PlacedImage>,
    /// Raw content drawn after the images, before the text (e.g. a
    /// visible rectangle over a scan).
    pub raw_after: String,
    /// Text runs, drawn last.
    pub text: Vec<TextRun>,
}

impl TextRun {
    /// A line of 12-point text at the top left of an A4 page, visible or
    /// invisible (as an OCR text layer).
    pub fn line(text: &str, visible: bool) -> TextRun {
        TextRun { x: 72.0, y: 720.0, size: 12.0, text: text.into(), invisible: !visible }
    }
}

/// A4 portrait in points.
pub const A4_PT: (f32, f32) = (595.0, 842.0);

/// A6 portrait in points.
pub const A6_PT: (f32, f32) = (297.64, 419.53);

impl PageSpec {
    /// An empty page of the given media size.
    pub fn new(width_pt: f32, height_pt: f32) -> Self {
        PageSpec {
            width_pt,
            height_pt,
            rotate: 0,
            crop_box: None,
            images: Vec::new(),
            raw_after: String::new(),
            text: Vec::new(),
        }
    }

    /// An empty A4 page.
    pub fn a4() -> Self {
        PageSpec::new(A4_PT.0, A4_PT.1)
    }

    /// The page with `image` added, drawn as `how`.
    pub fn with(mut self, image: GrayImage, encoding: Encoding, how: How) -> Self {
        let placed = match how {
            How::XObject(m) => PlacedImage::new(image, encoding, m),
            How::Inline(m) => PlacedImage { inline: true, ..PlacedImage::new(image, encoding, m) },
            How::Form { outer, form, inner } => PlacedImage {
                via_form_xobject: true,
                form_frame: Some(FormFrame { outer, inner }),
                ..PlacedImage::new(image, encoding, form)
            },
        };
        self.images.push(placed);
        self
    }

    /// The visible box `[x0, y0, x1, y1]`: the crop box, else the media box.
    pub fn visible_box(&self) -> [f32; 4] {
        self.crop_box.unwrap_or([0.0, 0.0, self.width_pt, self.height_pt])
    }

    /// Width and height of the page as shown (after `/Rotate`).
    pub fn display_size(&self) -> (f32, f32) {
        let [x0, y0, x1, y1] = self.visible_box();
        if self.rotate.rem_euclid(180) == 90 { (y1 - y0, x1 - x0) } else { (x1 - x0, y1 - y0) }
    }

    /// The `cm` matrix that makes an image fill the visible box and appear
    /// upright once the viewer applies `/Rotate`.
    pub fn upright_transform(&self) -> [f32; 6] {
        let [x0, y0, x1, y1] = self.visible_box();
        let (w, h) = (x1 - x0, y1 - y0);
        match self.rotate.rem_euclid(360) {
            90 => [0.0, h, -w, 0.0, x0 + w, y0],
            180 => [-w, 0.0, 0.0, -h, x1, y1],
            270 => [0.0, -h, w, 0.0, x0, y1],
            _ => [w, 0.0, 0.0, h, x0, y0],
        }
    }

    /// Maps a user-space point to the shown page, as fractions of its width
    /// and height from the top-left corner.
    pub fn to_display(&self, x: f32, y: f32) -> (f32, f32) {
        let [x0, y0, x1, y1] = self.visible_box();
        let (w, h) = (x1 - x0, y1 - y0);
        let (dx, dy) = (x - x0, y1 - y);
        let (nx, ny) = match self.rotate.rem_euclid(360) {
            90 => (h - dy, dx),
            180 => (w - dx, h - dy),
            270 => (dy, w - dx),
            _ => (dx, dy),
        };
        let (dw, dh) = self.display_size();
        (nx / dw, ny / dh)
    }

    /// Where image pixel `(px, py)` (fractions from the image's top-left)
    /// appears on the shown page (fractions from its top-left).
    pub fn image_point_on_display(&self, image: &PlacedImage, px: f32, py: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = image.transform;
        let (u, v) = (px, 1.0 - py);
        self.to_display(a * u + c * v + e, b * u + d * v + f)
    }
}

/// Builds a PDF from page specifications.
#[derive(Clone, Debug, Default)]
pub struct PdfBuilder {
    pages: Vec<PageSpec>,
}

struct Ids(i32);
impl Ids {
    fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

fn name(s: &str) -> Name<'_> {
    Name(s.as_bytes())
}

impl PdfBuilder {
    /// An empty document.
    pub fn new() -> Self {
        PdfBuilder::default()
    }

    /// Appends a page.
    pub fn page(mut self, page: PageSpec) -> Self {
        self.pages.push(page);
        self
    }

    /// The pages so far.
    pub fn pages(&self) -> &[PageSpec] {
        &self.pages
    }

    /// Writes the document.
    pub fn build(&self) -> Result<Vec<u8>, EncodeError> {
        let mut pdf = Pdf::new();
        let mut ids = Ids(0);
        let catalog = ids.next();
        let tree = ids.next();
        let font = ids.next();
        pdf.catalog(catalog).pages(tree);
        let page_ids: Vec<Ref> = self.pages.iter().map(|_| ids.next()).collect();
        pdf.pages(tree).kids(page_ids.iter().copied()).count(page_ids.len() as i32);
        {
            let mut f = pdf.indirect(font).dict();
            f.pair(name("Type"), name("Font"));
            f.pair(name("Subtype"), name("Type1"));
            f.pair(name("BaseFont"), name("Helvetica"));
            f.pair(name("Encoding"), name("WinAnsiEncoding"));
        }
        for (spec, &page_id) in self.pages.iter().zip(&page_ids) {
            let mut content = Vec::new();
            let mut xobjects: Vec<(String, Ref)> = Vec::new();
            for (i, placed) in spec.images.iter().enumerate() {
                let stream = encode(&placed.image, &placed.encoding)?;
                if placed.inline {
                    content.extend_from_slice(b"q\n");
                    content.extend_from_slice(cm(&placed.transform).as_bytes());
                    content.extend_from_slice(&inline_image(&stream)?);
                    content.extend_from_slice(b"Q\n");
                    continue;
                }
                let im = ids.next();
                write_image(&mut pdf, &mut ids, im, &stream);
                if placed.via_form_xobject {
                    let form = ids.next();
                    let n = format!("Fm{i}");
                    let (body, bbox, outer) = match placed.form_frame {
                        Some(f) => (
                            format!("q\n{}/Im0 Do\nQ\n", cm(&f.inner)).into_bytes(),
                            Rect::new(-5000.0, -5000.0, 5000.0, 5000.0),
                            cm(&f.outer),
                        ),
                        None => (b"/Im0 Do\n".to_vec(), Rect::new(0.0, 0.0, 1.0, 1.0), String::new()),
                    };
                    let mut fx = pdf.form_xobject(form, &body);
                    fx.bbox(bbox);
                    content.extend_from_slice(format!("q\n{outer}/{n} Do\nQ\n").as_bytes());
                    fx.matrix(placed.transform);
                    fx.resources().x_objects().pair(name("Im0"), im);
                    fx.finish();
                    xobjects.push((n, form));
                } else {
                    let n = format!("Im{i}");
                    content.extend_from_slice(format!("q\n{}/{n} Do\nQ\n", cm(&placed.transform)).as_bytes());
                    xobjects.push((n, im));
                }
            }
            if !spec.raw_after.is_empty() {
                content.extend_from_slice(spec.raw_after.as_bytes());
                content.push(b'\n');
            }
            for run in &spec.text {
                content.extend_from_slice(
                    format!(
                        "BT\n/F1 {} Tf\n{} Tr\n{} {} Td\n",
                        run.size,
                        if run.invisible { 3 } else { 0 },
                        run.x,
                        run.y
                    )
                    .as_bytes(),
                );
                content.push(b'(');
                content.extend_from_slice(&pdf_string(&win_ansi(&run.text)));
                content.extend_from_slice(b") Tj\nET\n");
            }
            let content_id = ids.next();
            pdf.stream(content_id, &content);
            let mut page = pdf.page(page_id);
            page.parent(tree);
            page.media_box(Rect::new(0.0, 0.0, spec.width_pt, spec.height_pt));
            if let Some([a, b, c, d]) = spec.crop_box {
                page.crop_box(Rect::new(a, b, c, d));
            }
            if spec.rotate != 0 {
                page.rotate(spec.rotate);
            }
            page.contents(content_id);
            let mut res = page.resources();
            if !xobjects.is_empty() {
                let mut xo = res.x_objects();
                for (n, r) in &xobjects {
                    xo.pair(name(n), *r);
                }
            }
            if !spec.text.is_empty() {
                res.fonts().pair(name("F1"), font);
            }
        }
        Ok(pdf.finish())
    }
}

/// The PDF of `pages` (test PDFs; panics where an encoding cannot be
/// written, which only a wrong test asks for).
pub fn build(pages: &[PageSpec]) -> Vec<u8> {
    let doc = pages.iter().cloned().fold(PdfBuilder::new(), PdfBuilder::page);
    doc.build().unwrap_or_else(|e| panic!("test PDF: {e:?}"))
}

fn cm(t: &[f32; 6]) -> String {
    format!("{} {} {} {} {} {} cm\n", t[0], t[1], t[2], t[3], t[4], t[5])
}

fn write_image(pdf: &mut Pdf, ids: &mut Ids, id: Ref, s: &ImageStream) {
    let globals = s.jbig2_globals.as_ref().map(|g| (ids.next(), g));
    let icc = match &s.space {
        Space::IccGray(p) => Some((ids.next(), p)),
        _ => None,
    };
    let mut st = pdf.stream(id, &s.data);
    st.pair(name("Type"), name("XObject"));
    st.pair(name("Subtype"), name("Image"));
    st.pair(name("Width"), s.width as i32);
    st.pair(name("Height"), s.height as i32);
    if let Some(b) = s.bpc {
        st.pair(name("BitsPerComponent"), b as i32);
    }
    if s.image_mask {
        st.pair(name("ImageMask"), true);
    }
    match &s.space {
        Space::Gray => {
            st.pair(name("ColorSpace"), name("DeviceGray"));
        }
        Space::Rgb => {
            st.pair(name("ColorSpace"), name("DeviceRGB"));
        }
        Space::Cmyk => {
            st.pair(name("ColorSpace"), name("DeviceCMYK"));
        }
        Space::Indexed(lookup) => {
            let mut a = st.insert(name("ColorSpace")).array();
            a.item(name("Indexed"));
            a.item(name("DeviceRGB"));
            a.item((lookup.len() / 3) as i32 - 1);
            a.item(Str(lookup));
        }
        Space::IccGray(_) => {
            if let Some((r, _)) = icc {
                let mut a = st.insert(name("ColorSpace")).array();
                a.item(name("ICCBased"));
                a.item(r);
            }
        }
        Space::None => {}
    }
    if let Some(d) = &s.decode {
        st.insert(name("Decode")).array().items(d.iter().copied());
    }
    if s.filters.len() == 1 {
        st.pair(name("Filter"), name(s.filters[0]));
    } else {
        st.insert(name("Filter")).array().items(s.filters.iter().map(|f| name(f)));
    }
    if !s.parms.is_empty() || globals.is_some() {
        let mut dp = st.insert(name("DecodeParms")).dict();
        for (k, v) in &s.parms {
            match v {
                Parm::Int(i) => dp.pair(name(k), *i),
                Parm::Bool(b) => dp.pair(name(k), *b),
            };
        }
        if let Some((r, _)) = globals {
            dp.pair(name("JBIG2Globals"), r);
        }
    }
    st.finish();
    if let Some((r, g)) = globals {
        pdf.stream(r, g);
    }
    if let Some((r, p)) = icc {
        let mut st = pdf.stream(r, p);
        st.pair(name("N"), 1);
        st.pair(name("Alternate"), name("DeviceGray"));
    }
}

/// An inline image: the stream data is ASCII-hex wrapped so that no binary
/// byte sequence can end the image early.
fn inline_image(s: &ImageStream) -> Result<Vec<u8>, EncodeError> {
    let abbrev = |f: &str| match f {
        "FlateDecode" => Ok("Fl"),
        "DCTDecode" => Ok("DCT"),
        "CCITTFaxDecode" => Ok("CCF"),
        other => Err(EncodeError(format!("{other} cannot be inline"))),
    };
    let mut filters = vec!["AHx".to_string()];
    for f in &s.filters {
        filters.push(abbrev(f)?.to_string());
    }
    let cs = match &s.space {
        Space::Gray => "/CS /G ",
        Space::Rgb => "/CS /RGB ",
        Space::Cmyk => "/CS /CMYK ",
        Space::None => "",
        _ => return Err(EncodeError("inline images need a device colour space here".into())),
    };
    let mut out = format!("BI /W {} /H {} {cs}", s.width, s.height);
    if let Some(b) = s.bpc {
        out += &format!("/BPC {b} ");
    }
    if s.image_mask {
        out += "/IM true ";
    }
    if let Some(d) = &s.decode {
        out += &format!("/D [{}] ", d.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(" "));
    }
    out += &format!("/F [{}] ", filters.iter().map(|f| format!("/{f}")).collect::<Vec<_>>().join(" "));
    if !s.parms.is_empty() {
        let parms: Vec<String> = s
            .parms
            .iter()
            .map(|(k, v)| match v {
                Parm::Int(i) => format!("/{k} {i}"),
                Parm::Bool(b) => format!("/{k} {b}"),
            })
            .collect();
        out += &format!("/DP [null << {} >>] ", parms.join(" "));
    }
    out += "ID\n";
    let mut bytes = out.into_bytes();
    for (i, b) in s.data.iter().enumerate() {
        bytes.extend_from_slice(format!("{b:02X}").as_bytes());
        if i % 40 == 39 {
            bytes.push(b'\n');
        }
    }
    bytes.extend_from_slice(b">\nEI\n");
    Ok(bytes)
}

/// Text in WinAnsiEncoding: Latin-1 where it agrees, a few Windows-1252
/// punctuation marks, `?` for everything else.
pub fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '€' => 0x80,
            '„' => 0x84,
            '–' => 0x96,
            '—' => 0x97,
            '“' => 0x93,
            '”' => 0x94,
            '‚' => 0x82,
            '‘' => 0x91,
            '’' => 0x92,
            c if (c as u32) < 0x80 || (0xA0..=0xFF).contains(&(c as u32)) => c as u32 as u8,
            _ => b'?',
        })
        .collect()
}

fn pdf_string(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for &b in bytes {
        if matches!(b, b'(' | b')' | b'\\') {
            out.push(b'\\');
        }
        out.push(b);
    }
    out
}

#[cfg(test)]
#[path = "pdf_tests.rs"]
mod tests;
