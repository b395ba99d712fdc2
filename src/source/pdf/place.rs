//! Geometry of placed images: where an image lands on the page, at what
//! resolution, and how its pixels are turned upright. Pure functions, so the
//! fast path (one image covering the page, used at its native resolution) is
//! tested without any PDF.

use image::GrayImage;
use image::imageops::FilterType;

/// Share of the page an image must cover for the fast path.
pub(crate) const COVER_SHARE: f64 = 0.8;
/// Relative tolerance for "axis-aligned" and "same dpi on both axes".
const TOLERANCE: f64 = 0.02;

/// An image as drawn: its pixel size and the affine map from its pixel grid
/// (x right, y down, in pixels) to the page as shown (points, y down,
/// `/Rotate` and the crop box already applied).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Placement {
    /// `[a b c d e f]`: page = (a·u + c·v + e, b·u + d·v + f).
    pub transform: [f64; 6],
    /// Width in pixels, as declared.
    pub width: u32,
    /// Height in pixels, as declared.
    pub height: u32,
}

/// How a placed image's pixel grid maps onto the page grid when the
/// placement is a multiple of 90°.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Orientation {
    /// Image rows become page columns.
    pub transpose: bool,
    /// Page x runs against the (transposed) image x.
    pub flip_x: bool,
    /// Page y runs against the (transposed) image y.
    pub flip_y: bool,
}

impl Orientation {
    /// The identity: the image is placed upright.
    pub(super) const UPRIGHT: Orientation = Orientation { transpose: false, flip_x: false, flip_y: false };
}

/// A rectangle in page points, y down.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Bounds {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Bounds {
    pub(super) fn area(&self) -> f64 {
        (self.x1 - self.x0).max(0.0) * (self.y1 - self.y0).max(0.0)
    }

    pub(super) fn intersect(&self, o: &Bounds) -> Bounds {
        Bounds { x0: self.x0.max(o.x0), y0: self.y0.max(o.y0), x1: self.x1.min(o.x1), y1: self.y1.min(o.y1) }
    }
}

impl Placement {
    fn apply(&self, u: f64, v: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.transform;
        (a * u + c * v + e, b * u + d * v + f)
    }

    /// The page-space bounding box of the image.
    pub(super) fn bounds(&self) -> Bounds {
        let (w, h) = (self.width as f64, self.height as f64);
        let corners = [self.apply(0.0, 0.0), self.apply(w, 0.0), self.apply(0.0, h), self.apply(w, h)];
        let mut b = Bounds { x0: f64::MAX, y0: f64::MAX, x1: f64::MIN, y1: f64::MIN };
        for (x, y) in corners {
            b.x0 = b.x0.min(x);
            b.y0 = b.y0.min(y);
            b.x1 = b.x1.max(x);
            b.y1 = b.y1.max(y);
        }
        b
    }

    /// Resolution along the image's own x and y axes (pixels per inch as placed).
    pub(super) fn dpi(&self) -> (f64, f64) {
        let [a, b, c, d, _, _] = self.transform;
        (72.0 / a.hypot(b).max(1e-9), 72.0 / c.hypot(d).max(1e-9))
    }

    /// Placed area in square inches.
    pub(super) fn area_in2(&self) -> f64 {
        let [a, b, c, d, _, _] = self.transform;
        (a * d - b * c).abs() * self.width as f64 * self.height as f64 / (72.0 * 72.0)
    }

    /// The orientation when the image is placed at a multiple of 90°.
    pub(super) fn orientation(&self) -> Option<Orientation> {
        let [a, b, c, d, _, _] = self.transform;
        let scale = a.abs().max(b.abs()).max(c.abs()).max(d.abs());
        if scale <= 0.0 || !scale.is_finite() {
            return None;
        }
        let small = |x: f64| x.abs() <= TOLERANCE * scale;
        if small(b) && small(c) && !small(a) && !small(d) {
            Some(Orientation { transpose: false, flip_x: a < 0.0, flip_y: d < 0.0 })
        } else if small(a) && small(d) && !small(b) && !small(c) {
            Some(Orientation { transpose: true, flip_x: c < 0.0, flip_y: b < 0.0 })
        } else {
            None
        }
    }
}

/// Turns `img` so that its grid runs along the page grid.
pub(crate) fn orient(img: GrayImage, o: Orientation) -> GrayImage {
    if o == Orientation::UPRIGHT {
        return img;
    }
    let (w, h) = img.dimensions();
    let (ow, oh) = if o.transpose { (h, w) } else { (w, h) };
    let src = img.as_raw();
    let mut out = vec![0u8; src.len()];
    for y in 0..oh {
        for x in 0..ow {
            let (sx, sy) = if o.transpose { (y, x) } else { (x, y) };
            let (sw, sh) = (w, h);
            let (sx, sy) = if o.transpose {
                (if o.flip_y { sw - 1 - sx } else { sx }, if o.flip_x { sh - 1 - sy } else { sy })
            } else {
                (if o.flip_x { sw - 1 - sx } else { sx }, if o.flip_y { sh - 1 - sy } else { sy })
            };
            out[(y * ow + x) as usize] = src[(sy * sw + sx) as usize];
        }
    }
    GrayImage::from_raw(ow, oh, out).unwrap_or_else(|| GrayImage::new(ow, oh))
}

/// The result of the fast path: the page as the single covering image shows it.
#[derive(Debug)]
pub(crate) struct Upright {
    pub image: GrayImage,
    pub dpi: f32,
    /// Page point (x, y down) of the top-left corner of pixel (0, 0).
    pub origin: (f64, f64),
}

/// Turns a decoded image upright, crops it to the page (`page_w` x `page_h`
/// points) and evens out non-square pixels by scaling the finer axis down.
pub(crate) fn upright(img: GrayImage, p: &Placement, o: Orientation, page_w: f64, page_h: f64) -> Option<Upright> {
    let img = orient(img, o);
    let (w, h) = img.dimensions();
    let b = p.bounds();
    let (bw, bh) = (b.x1 - b.x0, b.y1 - b.y0);
    if w == 0 || h == 0 || bw <= 0.0 || bh <= 0.0 {
        return None;
    }
    // Points per output pixel along page x and y.
    let (px, py) = (bw / w as f64, bh / h as f64);
    let page = Bounds { x0: 0.0, y0: 0.0, x1: page_w, y1: page_h };
    let vis = b.intersect(&page);
    if vis.area() <= 0.0 {
        return None;
    }
    let cx0 = (((vis.x0 - b.x0) / px).floor().max(0.0) as u32).min(w - 1);
    let cy0 = (((vis.y0 - b.y0) / py).floor().max(0.0) as u32).min(h - 1);
    let cx1 = (((vis.x1 - b.x0) / px).ceil() as u32).clamp(cx0 + 1, w);
    let cy1 = (((vis.y1 - b.y0) / py).ceil() as u32).clamp(cy0 + 1, h);
    let mut img = if (cx0, cy0, cx1, cy1) == (0, 0, w, h) {
        img
    } else {
        image::imageops::crop_imm(&img, cx0, cy0, cx1 - cx0, cy1 - cy0).to_image()
    };
    let origin = (b.x0 + cx0 as f64 * px, b.y0 + cy0 as f64 * py);
    let (dx, dy) = (72.0 / px, 72.0 / py);
    let dpi = dx.min(dy);
    if (dx - dy).abs() > TOLERANCE * dpi {
        let (w, h) = img.dimensions();
        let nw = ((w as f64 * dpi / dx).round() as u32).max(1);
        let nh = ((h as f64 * dpi / dy).round() as u32).max(1);
        img = image::imageops::resize(&img, nw, nh, FilterType::Triangle);
    }
    Some(Upright { image: img, dpi: dpi as f32, origin })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 4x2 image with distinct values 0..8, row-major.
    fn sample() -> GrayImage {
        GrayImage::from_raw(4, 2, (0..8).collect()).unwrap()
    }

    #[test]
    fn orientation_is_read_from_the_matrix() {
        let cases: &[([f64; 6], Option<Orientation>)] = &[
            ([0.24, 0.0, 0.0, 0.24, 0.0, 0.0], Some(Orientation::UPRIGHT)),
            ([-0.24, 0.0, 0.0, 0.24, 0.0, 0.0], Some(Orientation { transpose: false, flip_x: true, flip_y: false })),
            ([-0.24, 0.0, 0.0, -0.24, 0.0, 0.0], Some(Orientation { transpose: false, flip_x: true, flip_y: true })),
            ([0.0, 0.24, -0.24, 0.0, 0.0, 0.0], Some(Orientation { transpose: true, flip_x: true, flip_y: false })),
            ([0.0, -0.24, 0.24, 0.0, 0.0, 0.0], Some(Orientation { transpose: true, flip_x: false, flip_y: true })),
            ([0.2, 0.1, -0.1, 0.2, 0.0, 0.0], None),
            ([0.0, 0.0, 0.0, 0.0, 0.0, 0.0], None),
        ];
        for (m, want) in cases {
            let p = Placement { transform: *m, width: 10, height: 10 };
            assert_eq!(p.orientation(), *want, "{m:?}");
        }
    }

    /// The oriented image must put each source pixel where the transform puts it.
    #[test]
    fn orient_agrees_with_the_transform() {
        let mats: [[f64; 6]; 6] = [
            [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
            [-1.0, 0.0, 0.0, 1.0, 4.0, 0.0],
            [1.0, 0.0, 0.0, -1.0, 0.0, 2.0],
            [0.0, 1.0, -1.0, 0.0, 2.0, 0.0],
            [0.0, -1.0, 1.0, 0.0, 0.0, 4.0],
            [0.0, -1.0, -1.0, 0.0, 2.0, 4.0],
        ];
        for m in mats {
            let p = Placement { transform: m, width: 4, height: 2 };
            let o = p.orientation().unwrap();
            let out = orient(sample(), o);
            let b = p.bounds();
            for v in 0..2u32 {
                for u in 0..4u32 {
                    // Centre of source pixel (u, v) on the page.
                    let (x, y) = p.apply(u as f64 + 0.5, v as f64 + 0.5);
                    let (ox, oy) = ((x - b.x0).floor() as u32, (y - b.y0).floor() as u32);
                    assert_eq!(out.get_pixel(ox, oy).0[0], (v * 4 + u) as u8, "matrix {m:?} pixel ({u},{v})");
                }
            }
        }
    }

    #[test]
    fn dpi_and_area_follow_the_scale() {
        // 2480x3508 pixels on A4 at 300 dpi: 0.24 pt per pixel.
        let p = Placement { transform: [0.24, 0.0, 0.0, 0.24, 0.0, 0.0], width: 2480, height: 3508 };
        let (dx, dy) = p.dpi();
        assert!((dx - 300.0).abs() < 1e-6 && (dy - 300.0).abs() < 1e-6);
        assert!((p.area_in2() - 2480.0 * 3508.0 / 90000.0).abs() < 1e-6);
        let r = Placement { transform: [0.0, 0.5, -0.5, 0.0, 0.0, 0.0], width: 100, height: 100 };
        assert!((r.dpi().0 - 144.0).abs() < 1e-6);
    }

    #[test]
    fn upright_crops_to_the_page_and_keeps_native_dpi() {
        // 100x100 px at 1 pt per pixel (72 dpi), shifted 10 pt left off an 80x100 pt page.
        let p = Placement { transform: [1.0, 0.0, 0.0, 1.0, -10.0, 0.0], width: 100, height: 100 };
        let img = GrayImage::from_fn(100, 100, |x, _| image::Luma([x as u8]));
        let u = upright(img, &p, Orientation::UPRIGHT, 80.0, 100.0).unwrap();
        assert_eq!(u.image.dimensions(), (80, 100));
        assert_eq!(u.image.get_pixel(0, 0).0[0], 10);
        assert_eq!(u.origin, (0.0, 0.0));
        assert!((u.dpi - 72.0).abs() < 1e-3);
    }

    #[test]
    fn non_square_pixels_are_evened_out_downwards() {
        // Fax resolution: 204 x 98 dpi.
        let p = Placement { transform: [72.0 / 204.0, 0.0, 0.0, 72.0 / 98.0, 0.0, 0.0], width: 204, height: 98 };
        let u = upright(GrayImage::new(204, 98), &p, Orientation::UPRIGHT, 72.0, 72.0).unwrap();
        assert_eq!(u.image.dimensions(), (98, 98));
        assert!((u.dpi - 98.0).abs() < 1e-3);
    }
}
