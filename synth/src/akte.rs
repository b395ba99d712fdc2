//! The sample Akte (`fixtures/sample-akte.pdf`): a short Jobcenter file of
//! scanned pages (150 dpi grey JPEG, slightly rotated and noisy) with three
//! ID copies of fictitious persons among letters, forms and statements.
//!
//! Its page list is also the expectation: [`manifest`] writes it as TSV, so
//! tests assert exactly which pages a scan must flag.

use crate::card::CardKind;
use crate::damage::{blur, noise};
use crate::docs::{ID_REQUEST, NegKind};
use crate::encode::{EncodeError, Encoding};
use crate::page::{CopyLayout, Edge, copy_page, render_document};
use crate::pdf::{PageSpec, PdfBuilder, PlacedImage, TextRun};
use crate::person::DocKind;
use crate::rng::Rng;
use image::{GrayImage, Luma};
use imageproc::geometric_transformations::{Border, Interpolation, rotate_about_center};

/// Resolution of the sample's page images.
pub const DPI: f32 = 150.0;
/// Seed of the committed sample.
pub const SEED: u64 = 20_261_128;
const A4_PT: (f32, f32) = (595.28, 841.89);

/// What a scan must say about a page of the sample.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// No identity document: never flagged.
    Clear,
    /// A look-alike card (no ID): never flagged as an ID copy.
    LookAlike,
    /// An ID copy whose MRZ is also in the invisible text layer: flagged by
    /// the text-layer finder alone.
    IdTextLayer,
    /// An ID copy with the MRZ only in the image: flagged once the image
    /// reader works.
    IdImageOnly,
}

impl Expect {
    /// The manifest word.
    pub fn word(self) -> &'static str {
        match self {
            Expect::Clear => "clear",
            Expect::LookAlike => "lookalike",
            Expect::IdTextLayer => "id-text-layer",
            Expect::IdImageOnly => "id-image-only",
        }
    }
}

/// What is on one page.
#[derive(Clone, Copy, Debug)]
enum Content {
    Negative(NegKind, bool),
    Id(DocKind, bool),
    LookAlike(CardKind),
}

const PAGES: [(Content, &str); 22] = [
    (Content::Negative(NegKind::Letter, false), "letter from the Jobcenter"),
    (Content::Negative(NegKind::Letter, false), "letter from the Jobcenter"),
    (Content::Negative(NegKind::Payslip, false), "payslip"),
    (Content::Negative(NegKind::Form, false), "application form with character boxes"),
    (Content::Negative(NegKind::IdRequestLetter, true), "letter asking to show the Personalausweis (text layer)"),
    (Content::Id(DocKind::IdCard2010, true), "German ID card front+back copy, MRZ also in text layer"),
    (Content::Negative(NegKind::BankStatement, false), "bank statement"),
    (Content::Negative(NegKind::RentContract, false), "rent contract page"),
    (Content::Negative(NegKind::Letter, false), "letter from the Jobcenter"),
    (Content::Id(DocKind::Passport, false), "German passport data page copy, MRZ only in the image"),
    (Content::Negative(NegKind::DenseTable, false), "dense table with < and digit runs (OCR-B)"),
    (Content::Negative(NegKind::Typewriter, false), "typewriter text in OCR-B at MRZ pitch"),
    (Content::Negative(NegKind::Form, false), "application form with character boxes"),
    (Content::Id(DocKind::ResidencePermit, true), "residence permit (eAT) front+back copy, MRZ also in text layer"),
    (Content::LookAlike(CardKind::HealthCard), "health insurance card copy (look-alike, no MRZ)"),
    (Content::Negative(NegKind::Barcodes, false), "delivery note with barcodes"),
    (Content::Negative(NegKind::IdRequestLetter, false), "letter asking to show the Personalausweis"),
    (Content::Negative(NegKind::Payslip, false), "payslip"),
    (Content::Negative(NegKind::Photo, false), "photographs"),
    (Content::Negative(NegKind::BankStatement, false), "bank statement"),
    (Content::Negative(NegKind::Letter, false), "letter from the Jobcenter"),
    (Content::LookAlike(CardKind::BankCard), "bank card copy (look-alike, no MRZ)"),
];

fn expect(c: Content) -> Expect {
    match c {
        Content::Negative(..) => Expect::Clear,
        Content::LookAlike(_) => Expect::LookAlike,
        Content::Id(_, true) => Expect::IdTextLayer,
        Content::Id(_, false) => Expect::IdImageOnly,
    }
}

/// The expectation per page: (1-based page, description, expectation).
pub fn pages() -> Vec<(usize, &'static str, Expect)> {
    PAGES.iter().enumerate().map(|(i, (c, d))| (i + 1, *d, expect(*c))).collect()
}

/// The expectation as TSV (`page`, `expect`, `content`), with a header.
pub fn manifest() -> String {
    let mut s = String::from("page\texpect\tcontent\n");
    for (p, d, e) in pages() {
        s.push_str(&format!("{p}\t{}\t{d}\n", e.word()));
    }
    s
}

/// A scanner's look: a slight turn, a little blur and noise.
fn scanned(img: GrayImage, rng: &mut Rng) -> GrayImage {
    let angle = rng.uniform(-0.8, 0.8) as f32;
    let img = rotate_about_center(&img, angle.to_radians(), Interpolation::Bilinear, Border::Constant(Luma([250])));
    let mut img = img;
    noise(&mut img, 1.5, rng);
    blur(&img, 0.6)
}

/// An OCR-like invisible text layer: `lines` from the top of the page down.
fn text_layer(lines: &[String], top_pt: f32, size: f32) -> Vec<TextRun> {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| TextRun { x: 60.0, y: top_pt - i as f32 * size * 1.3, size, text: l.clone(), invisible: true })
        .collect()
}

/// Builds the sample Akte; the same bytes on every run.
pub fn build() -> Result<Vec<u8>, EncodeError> {
    let mut rng = Rng::new(SEED);
    let mut pdf = PdfBuilder::new();
    for (content, _) in PAGES {
        let mut page_rng = rng.fork(0xA4);
        let (img, text) = match content {
            Content::Negative(kind, with_text) => {
                let img = crate::docs::render(kind, DPI, &mut page_rng).img;
                let text = if with_text {
                    let mut lines = vec!["Jobcenter Nirgendwo".to_string(), "Aufforderung zur Mitwirkung".to_string()];
                    lines.extend(ID_REQUEST.iter().map(|s| s.to_string()));
                    text_layer(&lines, 700.0, 9.0)
                } else {
                    Vec::new()
                };
                (img, text)
            }
            Content::Id(doc, with_text) => {
                let person = doc.random_holder(&mut page_rng);
                let rendered = render_document(CardKind::for_doc(doc), Some(doc), &person, DPI, &mut page_rng);
                let layout = CopyLayout { max_skew: 2.0, quarters: 0, edge: Edge::Outline, both_sides: true };
                let page = copy_page(&rendered, layout, &mut page_rng);
                let text = if with_text { text_layer(&page.truth, 420.0, 8.0) } else { Vec::new() };
                (page.image, text)
            }
            Content::LookAlike(kind) => {
                let person = crate::person::Person::random(&mut page_rng);
                let rendered = render_document(kind, None, &person, DPI, &mut page_rng);
                let layout = CopyLayout { max_skew: 2.0, quarters: 0, edge: Edge::Outline, both_sides: true };
                (copy_page(&rendered, layout, &mut page_rng).image, Vec::new())
            }
        };
        let img = scanned(img, &mut page_rng);
        let mut spec = PageSpec::new(A4_PT.0, A4_PT.1);
        spec.images.push(PlacedImage::new(img, Encoding::DctGray, [A4_PT.0, 0.0, 0.0, A4_PT.1, 0.0, 0.0]));
        spec.text = text;
        pdf = pdf.page(spec);
    }
    pdf.build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_lists_every_page_and_three_id_copies() {
        let m = manifest();
        assert_eq!(m.lines().count(), PAGES.len() + 1);
        let ids = pages().iter().filter(|(_, _, e)| matches!(e, Expect::IdTextLayer | Expect::IdImageOnly)).count();
        assert_eq!(ids, 3);
        assert!((20..=40).contains(&PAGES.len()));
    }
}
