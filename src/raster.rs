//! Normalises page rasters before detection: bounded resolution and size.

use crate::limits::Limits;
use crate::source::Raster;

/// Scales `raster` down so that its dpi is at most `limits.max_detect_dpi` and
/// its longest side at most `limits.max_raster_side`. Never scales up.
pub fn normalise(raster: Raster, limits: &Limits) -> Raster {
    let (w, h) = raster.image.dimensions();
    let mut scale = 1.0f32;
    if raster.dpi_known && raster.dpi > limits.max_detect_dpi {
        scale = limits.max_detect_dpi / raster.dpi;
    }
    let side = w.max(h) as f32;
    if side * scale > limits.max_raster_side as f32 {
        scale = limits.max_raster_side as f32 / side;
    }
    if scale >= 0.97 {
        return raster;
    }
    let nw = ((w as f32 * scale).round() as u32).max(1);
    let nh = ((h as f32 * scale).round() as u32).max(1);
    let image = crate::imaging::area(&raster.image, nw, nh);
    Raster { image, dpi: raster.dpi * scale, dpi_known: raster.dpi_known }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::GrayImage;

    #[test]
    fn high_dpi_pages_are_scaled_to_the_cap() {
        let r = Raster { image: GrayImage::new(4960, 7016), dpi: 600.0, dpi_known: true };
        let n = normalise(r, &Limits::default());
        assert_eq!(n.image.dimensions(), (2480, 3508));
        assert!((n.dpi - 300.0).abs() < 0.01);
    }

    #[test]
    fn low_dpi_pages_are_kept() {
        let r = Raster { image: GrayImage::new(1240, 1754), dpi: 150.0, dpi_known: true };
        let n = normalise(r, &Limits::default());
        assert_eq!(n.image.dimensions(), (1240, 1754));
    }
}
