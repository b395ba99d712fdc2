//! Scanner, copier and phone damage for synthetic pages. Each function takes
//! the image, its parameters and (where random) the generator, so a damaged
//! page is reproducible from its seed.

use crate::rng::Rng;
use image::{GrayImage, Luma};
use imageproc::geometric_transformations::{Interpolation, Projection, warp_into};

/// Adds Gaussian sensor noise of standard deviation `sd` grey levels (an
/// Irwin-Hall sum of four uniforms per pixel: one generator call per pixel,
/// fast enough for 600-dpi pages).
pub fn noise(img: &mut GrayImage, sd: f64, rng: &mut Rng) {
    // Sum of 4 U(0,1) has mean 2 and variance 1/3.
    let scale = (sd * 3f64.sqrt() / 65536.0) as f32;
    let mean = 2.0 * 65536.0;
    for p in img.pixels_mut() {
        let r = rng.next_u64();
        let sum = (r & 0xFFFF) + ((r >> 16) & 0xFFFF) + ((r >> 32) & 0xFFFF) + (r >> 48);
        let n = (sum as f32 - mean) * scale;
        p.0[0] = (p.0[0] as f32 + n).round().clamp(0.0, 255.0) as u8;
    }
}

/// Gaussian blur (optics, focus) of `sigma` px.
pub fn blur(img: &GrayImage, sigma: f32) -> GrayImage {
    if sigma < 0.05 {
        return img.clone();
    }
    imageproc::filter::gaussian_blur_f32(img, sigma)
}

/// Encodes as JPEG at `quality` (1-100) and decodes again: block artefacts
/// and ringing exactly as a JPEG scan has them.
pub fn jpeg(img: &GrayImage, quality: u8) -> GrayImage {
    let bytes = encode_jpeg(img, quality);
    image::load_from_memory_with_format(&bytes, image::ImageFormat::Jpeg)
        .map(|d| d.to_luma8())
        .unwrap_or_else(|_| img.clone())
}

/// The JPEG bytes of `img` at `quality` (1-100).
pub fn encode_jpeg(img: &GrayImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality.clamp(1, 100));
    // Encoding an in-memory grey image into a Vec cannot fail.
    let _ = enc.encode_image(img);
    out
}

/// Bitonal page (fax, G4 scan): black below `level`, white otherwise.
pub fn threshold(img: &GrayImage, level: u8) -> GrayImage {
    GrayImage::from_fn(img.width(), img.height(), |x, y| Luma([if img.get_pixel(x, y).0[0] < level { 0 } else { 255 }]))
}

/// Bitonal by 4x4 ordered (Bayer) dithering, as cheap scanners do in
/// "photo" mode.
pub fn dither_ordered(img: &GrayImage) -> GrayImage {
    const BAYER: [[u8; 4]; 4] = [[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]];
    GrayImage::from_fn(img.width(), img.height(), |x, y| {
        let t = (BAYER[(y % 4) as usize][(x % 4) as usize] as u16 * 16 + 8) as u8;
        Luma([if img.get_pixel(x, y).0[0] < t { 0 } else { 255 }])
    })
}

/// Bitonal by Floyd-Steinberg error diffusion.
pub fn dither_floyd_steinberg(img: &GrayImage) -> GrayImage {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let mut buf: Vec<f32> = img.pixels().map(|p| p.0[0] as f32).collect();
    let mut out = GrayImage::new(w as u32, h as u32);
    for y in 0..h {
        for x in 0..w {
            let i = y * w + x;
            let old = buf[i];
            let new = if old < 128.0 { 0.0 } else { 255.0 };
            out.put_pixel(x as u32, y as u32, Luma([new as u8]));
            let e = old - new;
            if x + 1 < w {
                buf[i + 1] += e * 7.0 / 16.0;
            }
            if y + 1 < h {
                if x > 0 {
                    buf[i + w - 1] += e * 3.0 / 16.0;
                }
                buf[i + w] += e * 5.0 / 16.0;
                if x + 1 < w {
                    buf[i + w + 1] += e / 16.0;
                }
            }
        }
    }
    out
}

/// Photocopy look: maps grey levels into `[lo, hi]` after a `gamma` curve
/// (low contrast or harsh copies), then sprinkles toner specks (`speckle`
/// per megapixel, 1-3 px blobs).
pub fn photocopy(img: &mut GrayImage, gamma: f32, lo: u8, hi: u8, speckle: f32, rng: &mut Rng) {
    let mut lut = [0u8; 256];
    for (i, v) in lut.iter_mut().enumerate() {
        let t = (i as f32 / 255.0).powf(gamma);
        *v = (lo as f32 + t * (hi as f32 - lo as f32)).round().clamp(0.0, 255.0) as u8;
    }
    img.pixels_mut().for_each(|p| p.0[0] = lut[p.0[0] as usize]);
    let (w, h) = img.dimensions();
    let specks = (speckle * (w as f32 * h as f32) / 1e6) as usize;
    for _ in 0..specks {
        let (x, y) = (rng.below(w as usize) as u32, rng.below(h as usize) as u32);
        let r = 1 + rng.below(2) as u32;
        for yy in y.saturating_sub(r / 2)..(y + r).min(h) {
            for xx in x.saturating_sub(r / 2)..(x + r).min(w) {
                img.put_pixel(xx, yy, Luma([lo.saturating_add(10)]));
            }
        }
    }
}

/// Uneven illumination: a smooth brightness field falling off by up to
/// `strength` (0..1) towards one side or corner.
pub fn uneven_light(img: &mut GrayImage, strength: f32, rng: &mut Rng) {
    let (w, h) = (img.width() as f32, img.height() as f32);
    let (lx, ly) = (rng.uniform(-0.5, 1.5) as f32 * w, rng.uniform(-0.5, 1.5) as f32 * h);
    let diag = (w * w + h * h).sqrt();
    for (x, y, p) in img.enumerate_pixels_mut() {
        let d = ((x as f32 - lx).powi(2) + (y as f32 - ly).powi(2)).sqrt() / diag;
        let f = 1.0 - strength * d.min(1.0);
        p.0[0] = (p.0[0] as f32 * f).round() as u8;
    }
}

/// A phone photo of the page: the page shrunk into a frame of the same size
/// with perspective (each corner moved by up to `tilt` of the page size) on
/// a darker, textured table, then uneven light and noise.
pub fn phone_photo(img: &GrayImage, tilt: f32, rng: &mut Rng) -> GrayImage {
    let (w, h) = (img.width() as f32, img.height() as f32);
    let from = [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)];
    let m = 0.08;
    let mut j = |x: f32, y: f32| {
        (x + rng.uniform(-tilt as f64, tilt as f64) as f32 * w, y + rng.uniform(-tilt as f64, tilt as f64) as f32 * h)
    };
    let to = [j(m * w, m * h), j((1.0 - m) * w, m * h), j((1.0 - m) * w, (1.0 - m) * h), j(m * w, (1.0 - m) * h)];
    let table = rng.range(40, 130) as u8;
    let mut out = GrayImage::from_pixel(img.width(), img.height(), Luma([table]));
    if let Some(p) = Projection::from_control_points(from, to) {
        warp_into(
            img,
            p,
            Interpolation::Bilinear,
            imageproc::geometric_transformations::Border::Constant(Luma([table])),
            &mut out,
        );
    }
    uneven_light(&mut out, rng.uniform(0.1, 0.4) as f32, rng);
    noise(&mut out, rng.uniform(2.0, 6.0), rng);
    out
}

/// Named damage recipes for evaluations and fixtures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Damage {
    /// Untouched render (plus a trace of noise).
    Clean,
    /// Sensor noise and slight blur.
    NoiseBlur,
    /// JPEG re-encode at a random quality 30-90.
    Jpeg,
    /// Bitonal threshold (fax / G4 scan).
    Bitonal,
    /// Ordered or Floyd-Steinberg dither.
    Dither,
    /// Photocopy contrast, toner speckle and uneven light.
    Photocopy,
    /// Phone photo with perspective.
    Phone,
}

impl Damage {
    /// Every recipe.
    pub const ALL: [Damage; 7] = [
        Damage::Clean,
        Damage::NoiseBlur,
        Damage::Jpeg,
        Damage::Bitonal,
        Damage::Dither,
        Damage::Photocopy,
        Damage::Phone,
    ];

    /// Short name for tables.
    pub fn name(self) -> &'static str {
        match self {
            Damage::Clean => "clean",
            Damage::NoiseBlur => "noise+blur",
            Damage::Jpeg => "jpeg30-90",
            Damage::Bitonal => "bitonal",
            Damage::Dither => "dither",
            Damage::Photocopy => "photocopy",
            Damage::Phone => "phone",
        }
    }

    /// Applies the recipe to a page scanned at `dpi`.
    pub fn apply(self, img: GrayImage, dpi: f32, rng: &mut Rng) -> GrayImage {
        let s = dpi / 300.0;
        match self {
            Damage::Clean => {
                let mut img = img;
                noise(&mut img, 1.5, rng);
                img
            }
            Damage::NoiseBlur => {
                let mut img = blur(&img, rng.uniform(0.4, 1.2) as f32 * s);
                noise(&mut img, rng.uniform(3.0, 10.0), rng);
                img
            }
            Damage::Jpeg => {
                let mut img = blur(&img, 0.5 * s);
                noise(&mut img, 3.0, rng);
                jpeg(&img, rng.range(30, 91) as u8)
            }
            Damage::Bitonal => {
                let img = blur(&img, rng.uniform(0.3, 0.8) as f32 * s);
                threshold(&img, rng.range(110, 170) as u8)
            }
            Damage::Dither => {
                let img = blur(&img, 0.5 * s);
                if rng.chance(0.5) { dither_ordered(&img) } else { dither_floyd_steinberg(&img) }
            }
            Damage::Photocopy => {
                let mut img = blur(&img, rng.uniform(0.3, 1.0) as f32 * s);
                let gamma = rng.uniform(0.6, 1.6) as f32;
                let lo = rng.range(0, 70) as u8;
                let hi = rng.range(200, 256) as u8;
                photocopy(&mut img, gamma, lo, hi, rng.uniform(20.0, 200.0) as f32, rng);
                uneven_light(&mut img, rng.uniform(0.0, 0.25) as f32, rng);
                noise(&mut img, 3.0, rng);
                img
            }
            Damage::Phone => {
                let img = blur(&img, rng.uniform(0.5, 1.2) as f32 * s);
                let img = phone_photo(&img, rng.uniform(0.0, 0.04) as f32, rng);
                jpeg(&img, rng.range(70, 95) as u8)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stripes() -> GrayImage {
        GrayImage::from_fn(64, 48, |x, _| Luma([if (x / 8) % 2 == 0 { 30 } else { 220 }]))
    }

    fn mean(img: &GrayImage) -> f64 {
        img.pixels().map(|p| p.0[0] as f64).sum::<f64>() / img.len() as f64
    }

    #[test]
    fn bitonal_recipes_give_two_levels_and_keep_the_mean_roughly() {
        let grey = GrayImage::from_pixel(64, 64, Luma([100]));
        for (name, out) in [
            ("threshold", threshold(&stripes(), 128)),
            ("ordered", dither_ordered(&grey)),
            ("fs", dither_floyd_steinberg(&grey)),
        ] {
            assert!(out.pixels().all(|p| p.0[0] == 0 || p.0[0] == 255), "{name}");
        }
        for out in [dither_ordered(&grey), dither_floyd_steinberg(&grey)] {
            assert!((mean(&out) - 100.0).abs() < 12.0, "{}", mean(&out));
        }
    }

    #[test]
    fn jpeg_round_trip_is_close_but_lossy_and_lower_quality_is_smaller() {
        let mut img = stripes();
        noise(&mut img, 5.0, &mut Rng::new(1));
        let back = jpeg(&img, 50);
        assert_eq!(back.dimensions(), img.dimensions());
        assert_ne!(back, img);
        assert!((mean(&back) - mean(&img)).abs() < 4.0);
        assert!(encode_jpeg(&img, 30).len() < encode_jpeg(&img, 90).len());
    }

    #[test]
    fn noise_has_the_requested_spread_and_is_seeded() {
        let base = GrayImage::from_pixel(100, 100, Luma([128]));
        let (mut a, mut b) = (base.clone(), base.clone());
        noise(&mut a, 8.0, &mut Rng::new(4));
        noise(&mut b, 8.0, &mut Rng::new(4));
        assert_eq!(a, b);
        let var = a.pixels().map(|p| (p.0[0] as f64 - 128.0).powi(2)).sum::<f64>() / a.len() as f64;
        assert!((var.sqrt() - 8.0).abs() < 0.8, "{}", var.sqrt());
    }

    #[test]
    fn photocopy_compresses_the_range_and_adds_specks() {
        let mut img = GrayImage::from_pixel(1000, 1000, Luma([255]));
        photocopy(&mut img, 1.0, 60, 230, 100.0, &mut Rng::new(2));
        assert!(img.pixels().all(|p| p.0[0] >= 60 && p.0[0] <= 230));
        assert!(img.pixels().filter(|p| p.0[0] < 100).count() > 50);
    }

    #[test]
    fn phone_photo_shows_table_around_the_page() {
        let page = GrayImage::from_pixel(200, 280, Luma([250]));
        let out = phone_photo(&page, 0.03, &mut Rng::new(9));
        assert_eq!(out.dimensions(), page.dimensions());
        assert!(out.get_pixel(2, 2).0[0] < 160, "corner shows the table");
        assert!(out.get_pixel(100, 140).0[0] > 150, "centre shows the page");
    }

    #[test]
    fn every_recipe_keeps_the_size() {
        let mut rng = Rng::new(5);
        for d in Damage::ALL {
            let out = d.apply(stripes(), 150.0, &mut rng);
            assert_eq!(out.dimensions(), (64, 48), "{}", d.name());
        }
    }
}
