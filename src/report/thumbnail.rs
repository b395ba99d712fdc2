//! Small redacted page images for the HTML report.
//!
//! The report must not itself become a copy of the identity document, so by
//! default a thumbnail is small ([`MAX_SIDE`]) and every region that may hold
//! personal data is covered by an opaque hatched block that carries no pixel
//! of the source: the card or passport page (from `card_outline` and `layout`
//! evidence), the portrait, and the MRZ widened to the whole document it sits
//! on. If a page gives no such region, the whole page is turned into a coarse
//! mosaic instead. Evidence regions are then outlined in colour.

use super::Thumbnail;
use crate::evidence::{BBox, Evidence, EvidenceKind};
use crate::source::Raster;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{ExtendedColorType, ImageEncoder, Rgb, RgbImage};

/// Longest side of a thumbnail in pixels.
pub const MAX_SIDE: u32 = 360;

/// Mosaic cells across the long side when a page has no known region to block.
const MOSAIC_CELLS: u32 = 30;

/// A rectangle in thumbnail pixels, end-exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct PxRect {
    x0: u32,
    y0: u32,
    x1: u32,
    y1: u32,
}

/// The outline colour of an evidence kind; the HTML legend names the same.
pub fn colour(kind: EvidenceKind) -> [u8; 3] {
    match kind {
        EvidenceKind::Mrz | EvidenceKind::TextLayerMrz => [220, 30, 30],
        EvidenceKind::Portrait | EvidenceKind::Face => [235, 130, 0],
        EvidenceKind::CardOutline => [30, 90, 220],
        EvidenceKind::Layout => [140, 50, 180],
        EvidenceKind::Keywords => [20, 150, 60],
        EvidenceKind::Unexamined => [110, 110, 110],
    }
}

/// A small PNG of the page with evidence regions outlined and personal data
/// (MRZ, portrait, card text) blocked out unless `show_personal_data`.
/// `None` for an empty raster or when PNG encoding fails.
pub fn make(raster: &Raster, evidence: &[Evidence], show_personal_data: bool) -> Option<Thumbnail> {
    let img = render(raster, evidence, show_personal_data)?;
    let (width, height) = img.dimensions();
    let mut png = Vec::new();
    PngEncoder::new_with_quality(&mut png, CompressionType::Default, FilterType::Adaptive)
        .write_image(img.as_raw(), width, height, ExtendedColorType::Rgb8)
        .ok()?;
    Some(Thumbnail { png, width, height })
}

/// The thumbnail as pixels (before PNG encoding).
fn render(raster: &Raster, evidence: &[Evidence], show_personal_data: bool) -> Option<RgbImage> {
    let (w, h) = raster.image.dimensions();
    if w == 0 || h == 0 {
        return None;
    }
    let (tw, th) = fit(w, h, MAX_SIDE);
    let small = crate::imaging::area(&raster.image, tw, th);
    // 16 grey levels: enough for a preview, and scanner noise no longer
    // bloats the PNG (about 8 KB instead of 55 KB for a noisy page).
    let mut img = RgbImage::from_fn(tw, th, |x, y| {
        let l = small.get_pixel(x, y)[0] / GREY_STEP * GREY_STEP;
        Rgb([l, l, l])
    });
    if !show_personal_data {
        let blocks: Vec<PxRect> = evidence.iter().filter_map(|e| redaction(e, tw, th)).collect();
        if blocks.is_empty() {
            mosaic(&mut img, (tw.max(th) / MOSAIC_CELLS).max(4));
        }
        for b in &blocks {
            block(&mut img, *b);
        }
    }
    for e in evidence {
        if let Some(r) = e.bbox.and_then(|b| to_px(b, tw, th)) {
            outline(&mut img, r, Rgb(colour(e.kind)));
        }
    }
    Some(img)
}

/// Luma step of the thumbnail's grey levels.
const GREY_STEP: u8 = 16;

/// Size that fits `w`×`h` into `max` on the long side, never enlarging.
fn fit(w: u32, h: u32, max: u32) -> (u32, u32) {
    let long = w.max(h);
    if long <= max {
        return (w, h);
    }
    let scale = f64::from(max) / f64::from(long);
    let sw = ((f64::from(w) * scale).round() as u32).clamp(1, max);
    let sh = ((f64::from(h) * scale).round() as u32).clamp(1, max);
    (sw, sh)
}

/// A fractional box as pixels, sorted and clamped; `None` if empty or not finite.
fn to_px(b: BBox, w: u32, h: u32) -> Option<PxRect> {
    if b.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let (x0, x1) = (b[0].min(b[2]).clamp(0.0, 1.0), b[0].max(b[2]).clamp(0.0, 1.0));
    let (y0, y1) = (b[1].min(b[3]).clamp(0.0, 1.0), b[1].max(b[3]).clamp(0.0, 1.0));
    let r = PxRect {
        x0: (x0 * f64::from(w)).floor() as u32,
        y0: (y0 * f64::from(h)).floor() as u32,
        x1: ((x1 * f64::from(w)).ceil() as u32).min(w),
        y1: ((y1 * f64::from(h)).ceil() as u32).min(h),
    };
    (r.x1 > r.x0 && r.y1 > r.y0).then_some(r)
}

/// The region to block for one piece of evidence, in thumbnail pixels.
fn redaction(e: &Evidence, w: u32, h: u32) -> Option<PxRect> {
    let b = e.bbox?;
    let bw = (b[2] - b[0]).abs() * f64::from(w);
    let bh = (b[3] - b[1]).abs() * f64::from(h);
    // Margins in pixels: left, top, right, bottom.
    let (l, t, r, btm) = match e.kind {
        // The MRZ sits at the foot of a card or passport page: block the whole
        // document above it (a TD3 data page is ~0.76 of the MRZ width tall).
        EvidenceKind::Mrz | EvidenceKind::TextLayerMrz => (0.06 * bw, 0.8 * bw, 0.06 * bw, 0.05 * bw),
        // A face box is tighter than the photo around it: block the photo.
        EvidenceKind::Portrait => (0.1 * bw, 0.1 * bh, 0.1 * bw, 0.1 * bh),
        EvidenceKind::Face => (0.35 * bw, 0.45 * bh, 0.35 * bw, 0.45 * bh),
        EvidenceKind::CardOutline | EvidenceKind::Layout => (0.03 * bw, 0.03 * bh, 0.03 * bw, 0.03 * bh),
        EvidenceKind::Keywords | EvidenceKind::Unexamined => return None,
    };
    let px = to_px(b, w, h)?;
    let grow = |v: u32, d: f64, max: u32, up: bool| -> u32 {
        let v = f64::from(v) + if up { d.ceil() } else { -d.ceil() };
        v.clamp(0.0, f64::from(max)) as u32
    };
    Some(PxRect {
        x0: grow(px.x0, l, w, false),
        y0: grow(px.y0, t, h, false),
        x1: grow(px.x1, r, w, true),
        y1: grow(px.y1, btm, h, true),
    })
}

/// Covers `r` with an opaque hatch that depends on nothing but the position.
fn block(img: &mut RgbImage, r: PxRect) {
    for y in r.y0..r.y1 {
        for x in r.x0..r.x1 {
            let v = if (x + y) % 8 < 2 { 140 } else { 190 };
            img.put_pixel(x, y, Rgb([v, v, v]));
        }
    }
}

/// Replaces every `cell`×`cell` square by its mean.
fn mosaic(img: &mut RgbImage, cell: u32) {
    let (w, h) = img.dimensions();
    for cy in (0..h).step_by(cell as usize) {
        for cx in (0..w).step_by(cell as usize) {
            let (x1, y1) = ((cx + cell).min(w), (cy + cell).min(h));
            let mut sum = 0u64;
            for y in cy..y1 {
                for x in cx..x1 {
                    sum += u64::from(img.get_pixel(x, y)[0]);
                }
            }
            let n = u64::from((x1 - cx) * (y1 - cy)).max(1);
            let v = (sum / n) as u8;
            for y in cy..y1 {
                for x in cx..x1 {
                    img.put_pixel(x, y, Rgb([v, v, v]));
                }
            }
        }
    }
}

/// A 2-pixel frame just inside `r`.
fn outline(img: &mut RgbImage, r: PxRect, c: Rgb<u8>) {
    for t in 0..2u32 {
        let (x0, y0) = (r.x0 + t, r.y0 + t);
        let (Some(x1), Some(y1)) = ((r.x1).checked_sub(1 + t), (r.y1).checked_sub(1 + t)) else { return };
        if x1 < x0 || y1 < y0 {
            return;
        }
        for x in x0..=x1 {
            img.put_pixel(x, y0, c);
            img.put_pixel(x, y1, c);
        }
        for y in y0..=y1 {
            img.put_pixel(x0, y, c);
            img.put_pixel(x1, y, c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{GrayImage, Luma};

    fn raster(w: u32, h: u32, f: impl Fn(u32, u32) -> u8) -> Raster {
        Raster { image: GrayImage::from_fn(w, h, |x, y| Luma([f(x, y)])), dpi: 150.0, dpi_known: true }
    }

    fn noise(seed: u32) -> impl Fn(u32, u32) -> u8 {
        move |x, y| ((x.wrapping_mul(7919) ^ y.wrapping_mul(104_729) ^ seed.wrapping_mul(31)) % 251) as u8
    }

    #[test]
    fn fit_never_enlarges_and_caps_the_long_side() {
        let cases =
            [((1240, 1754), (255, 360)), ((1754, 1240), (360, 255)), ((200, 100), (200, 100)), ((5000, 1), (360, 1))];
        for ((w, h), want) in cases {
            assert_eq!(fit(w, h, MAX_SIDE), want, "{w}x{h}");
        }
    }

    #[test]
    fn to_px_sorts_clamps_and_rejects() {
        assert_eq!(to_px([0.5, 0.5, 0.0, 0.0], 100, 100), Some(PxRect { x0: 0, y0: 0, x1: 50, y1: 50 }));
        assert_eq!(to_px([-1.0, 0.0, 2.0, 1.0], 10, 10), Some(PxRect { x0: 0, y0: 0, x1: 10, y1: 10 }));
        assert_eq!(to_px([0.2, 0.2, 0.2, 0.9], 10, 10), None);
        assert_eq!(to_px([f64::NAN, 0.0, 1.0, 1.0], 10, 10), None);
    }

    /// Two pages that differ everywhere give identical pixels inside the
    /// blocked card region: nothing of the source survives there.
    #[test]
    fn blocked_region_carries_no_source_pixel() {
        let ev = [Evidence::new(EvidenceKind::CardOutline, "ID-1 card", 0.9).with_bbox([0.1, 0.1, 0.6, 0.3])];
        let a = render(&raster(1240, 1754, noise(1)), &ev, false).unwrap();
        let b = render(&raster(1240, 1754, noise(2)), &ev, false).unwrap();
        let r = to_px([0.1, 0.1, 0.6, 0.3], a.width(), a.height()).unwrap();
        let mut differs_outside = false;
        for y in 0..a.height() {
            for x in 0..a.width() {
                let inside = x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1;
                if inside {
                    assert_eq!(a.get_pixel(x, y), b.get_pixel(x, y), "source leaks at {x},{y}");
                } else if a.get_pixel(x, y) != b.get_pixel(x, y) {
                    differs_outside = true;
                }
            }
        }
        assert!(differs_outside, "the rest of the page should stay visible");
    }

    #[test]
    fn mrz_block_extends_over_the_document_above_it() {
        // TD1 MRZ at the foot of a card: x 0.1..0.5, y 0.25..0.3 of an A4 page.
        let ev = [Evidence::new(EvidenceKind::Mrz, "TD1", 1.0).with_bbox([0.1, 0.25, 0.5, 0.3])];
        let (w, h) = (254, 360);
        let r = redaction(&ev[0], w, h).unwrap();
        let card_top = ((0.25 - 0.4 * 254.0 / 1.586 / 360.0) * 360.0) as u32; // ID-1 card height above the MRZ
        assert!(r.y0 <= card_top, "block starts at {} but the card begins at {card_top}", r.y0);
        assert!(r.x0 < (0.1 * 254.0) as u32 && r.x1 > (0.5 * 254.0) as u32);
    }

    #[test]
    fn without_regions_the_page_becomes_a_mosaic() {
        let ev = [Evidence::new(EvidenceKind::TextLayerMrz, "TD3 in text", 1.0)];
        let img = render(&raster(720, 1018, noise(3)), &ev, false).unwrap();
        let cell = (360 / MOSAIC_CELLS).max(4);
        for y in 0..cell {
            for x in 0..cell {
                assert_eq!(img.get_pixel(x, y), img.get_pixel(0, 0));
            }
        }
    }

    #[test]
    fn show_personal_data_keeps_the_page_and_draws_outlines() {
        let r = raster(360, 240, noise(4));
        let ev = [Evidence::new(EvidenceKind::Portrait, "photo", 0.8).with_bbox([0.5, 0.5, 1.0, 1.0])];
        let img = render(&r, &ev, true).unwrap();
        assert_eq!(img.get_pixel(200, 150)[0], r.image.get_pixel(200, 150)[0] / GREY_STEP * GREY_STEP);
        assert_eq!(*img.get_pixel(180, 120), Rgb(colour(EvidenceKind::Portrait)));
        let t = make(&r, &ev, false).unwrap();
        assert_eq!((t.width, t.height), (360, 240));
        assert!(t.png.starts_with(b"\x89PNG"));
        assert!(make(&raster(0, 0, noise(0)), &ev, false).is_none());
    }
}
