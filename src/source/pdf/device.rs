//! Two hayro-interpret devices. [`Survey`] walks a page's content without
//! decoding any image and lists what is drawn (images with their placement,
//! visible vector content). [`Grab`] walks it again and decodes one chosen
//! image to grey.

use super::place::{Bounds, Placement};
use crate::source::luma;
use hayro_interpret::font::GlyphRun;
use hayro_interpret::kurbo::{Affine, BezPath, Rect, Shape};
use hayro_interpret::{
    BlendMode, ClipPath, Device, DrawMode, DrawProps, Image, ImageData, ImageDrawProps, LumaData, Paint, SoftMask,
};

/// One thing drawn on a page, in drawing order.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Drawn {
    /// An image (stencil masks included), not decoded.
    Image {
        /// Where and how large.
        placement: Placement,
        /// A 1-bit stencil mask painted in a colour.
        stencil: bool,
    },
    /// A visible path or glyph run, with its page-space bounds (generous).
    Vector(Bounds),
    /// Content a plain copy of pixels cannot reproduce (soft masks,
    /// transparency, blend modes).
    Complex,
}

/// Lists what a page draws without decoding anything.
#[derive(Default)]
pub(crate) struct Survey {
    /// Everything drawn, in order.
    pub drawn: Vec<Drawn>,
}

fn bounds_of(r: Rect, margin: f64) -> Bounds {
    Bounds { x0: r.x0 - margin, y0: r.y0 - margin, x1: r.x1 + margin, y1: r.y1 + margin }
}

/// Outline units per em in hayro's glyph transforms, and a box that holds any
/// glyph of the em (accents, descenders, wide glyphs).
const GLYPH_BOX: Rect = Rect::new(-300.0, -400.0, 1300.0, 1300.0);

fn glyph_bounds(run: &GlyphRun<'_, '_>, t: Affine) -> Bounds {
    let mut b = Bounds { x0: f64::MAX, y0: f64::MAX, x1: f64::MIN, y1: f64::MIN };
    for g in run.glyphs() {
        let r = (t * g.transform()).transform_rect_bbox(GLYPH_BOX);
        b = Bounds { x0: b.x0.min(r.x0), y0: b.y0.min(r.y0), x1: b.x1.max(r.x1), y1: b.y1.max(r.y1) };
    }
    b
}

fn stroke_margin(t: Affine, mode: &DrawMode) -> f64 {
    let width = match mode {
        DrawMode::Stroke(s) | DrawMode::FillAndStroke(_, s) => s.line_width as f64,
        _ => 0.0,
    };
    let [a, b, c, d, _, _] = t.as_coeffs();
    let scale = a.hypot(b).max(c.hypot(d));
    1.0 + width * scale
}

fn placement(image: &Image<'_, '_>, props: &ImageDrawProps<'_>) -> Placement {
    Placement { transform: props.transform.as_coeffs(), width: image.width(), height: image.height() }
}

impl<'a> Device<'a> for Survey {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, mode: &DrawMode) {
        if !matches!(mode, DrawMode::Invisible) {
            let r = props.transform.transform_rect_bbox(path.bounding_box());
            self.drawn.push(Drawn::Vector(bounds_of(r, stroke_margin(props.transform, mode))));
        }
    }
    fn push_clip_path(&mut self, _clip_path: &ClipPath) {}
    fn push_clip_rect(&mut self, _rect: &Rect) {}
    fn push_transparency_group(&mut self, opacity: f32, mask: Option<SoftMask<'a>>, blend: BlendMode) {
        if mask.is_some() || opacity < 0.999 || blend != BlendMode::Normal {
            self.drawn.push(Drawn::Complex);
        }
    }
    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, mode: &DrawMode) {
        if !matches!(mode, DrawMode::Invisible) {
            self.drawn.push(Drawn::Vector(glyph_bounds(run, props.transform)));
        }
    }
    fn draw_image(&mut self, image: Image<'a, '_>, props: ImageDrawProps<'a>) {
        if props.soft_mask.is_some() || props.blend_mode != BlendMode::Normal {
            self.drawn.push(Drawn::Complex);
        }
        let stencil = matches!(image, Image::Stencil(_));
        self.drawn.push(Drawn::Image { placement: placement(&image, &props), stencil });
    }
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}

/// A decoded image in grey, with the factors by which its true pixel size
/// differs from the declared one (hayro corrects bad /Width and /Height).
pub(crate) struct Grey {
    pub data: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Decodes the `target`-th image drawn on a page (0-based, counting every
/// image as [`Survey`] does).
pub(crate) struct Grab {
    target: usize,
    seen: usize,
    /// `None` until the target was reached; then the decoded image or why it failed.
    pub result: Option<Result<Grey, String>>,
}

impl Grab {
    pub(super) fn new(target: usize) -> Self {
        Grab { target, seen: 0, result: None }
    }
}

/// Composites `v` with coverage `a` over white.
fn over_white(v: u8, a: u8) -> u8 {
    (255 - ((255 - v as u32) * a as u32 + 127) / 255) as u8
}

fn to_grey(data: ImageData, alpha: Option<LumaData>) -> Result<Grey, String> {
    let (mut grey, width, height) = match data {
        ImageData::Luma(d) => (d.data, d.width, d.height),
        ImageData::Rgb(d) => {
            let g: Vec<u8> = d.data.chunks_exact(3).map(|p| luma(p[0], p[1], p[2])).collect();
            (g, d.width, d.height)
        }
    };
    if grey.len() != width as usize * height as usize {
        return Err(format!("decoded image has {} samples for {width}x{height}", grey.len()));
    }
    if let Some(a) = alpha
        && a.width == width
        && a.height == height
        && a.data.len() == grey.len()
    {
        for (v, a) in grey.iter_mut().zip(a.data) {
            *v = over_white(*v, a);
        }
    }
    Ok(Grey { data: grey, width, height })
}

fn stencil_to_grey(mask: LumaData, paint: &Paint<'_>) -> Result<Grey, String> {
    let ink = match paint {
        Paint::Color(c) => {
            let [r, g, b, _] = c.to_rgba().to_rgba8();
            luma(r, g, b)
        }
        Paint::Pattern(_) => 0,
    };
    if mask.data.len() != mask.width as usize * mask.height as usize {
        return Err("stencil mask has the wrong size".into());
    }
    let data = mask.data.iter().map(|&a| 255 - ((255 - ink as u32) * a as u32 / 255) as u8).collect();
    Ok(Grey { data, width: mask.width, height: mask.height })
}

impl<'a> Device<'a> for Grab {
    fn draw_path(&mut self, _path: &BezPath, _props: DrawProps<'a>, _mode: &DrawMode) {}
    fn push_clip_path(&mut self, _clip_path: &ClipPath) {}
    fn push_clip_rect(&mut self, _rect: &Rect) {}
    fn push_transparency_group(&mut self, _opacity: f32, _mask: Option<SoftMask<'a>>, _blend: BlendMode) {}
    fn draw_glyph_run(&mut self, _run: &GlyphRun<'_, 'a>, _props: DrawProps<'a>, _mode: &DrawMode) {}
    fn draw_image(&mut self, image: Image<'a, '_>, _props: ImageDrawProps<'a>) {
        let n = self.seen;
        self.seen += 1;
        if n != self.target {
            return;
        }
        let mut result = Err("the image data cannot be decoded".to_string());
        match &image {
            Image::Raster(r) => r.with_rgba(|data, alpha| result = to_grey(data, alpha), None),
            Image::Stencil(s) => s.with_stencil(|mask, paint| result = stencil_to_grey(mask, paint), None),
        }
        self.result = Some(result);
    }
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luma_and_compositing() {
        assert_eq!(luma(255, 255, 255), 255);
        assert_eq!(luma(0, 0, 0), 0);
        assert_eq!(luma(255, 0, 0), 76);
        assert_eq!(over_white(0, 255), 0);
        assert_eq!(over_white(0, 0), 255);
        assert_eq!(over_white(100, 128), 177);
    }
}
