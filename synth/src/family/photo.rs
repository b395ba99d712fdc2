//! Real photographs as portraits: head-and-shoulders crops of public-domain
//! photographs, committed as small grey PNGs in `synth/src/photo/` (see
//! `SOURCE.md` there). Each split has its own people, so that no face seen
//! in fitting is seen again in validation or test.

use super::Split;
use crate::rng::Rng;
use image::GrayImage;
use std::sync::OnceLock;

/// The committed crops, in file-name order.
static CROPS: [&[u8]; 29] = [
    include_bytes!("../photo/astronaut.png"),
    include_bytes!("../photo/solvay-00.png"),
    include_bytes!("../photo/solvay-01.png"),
    include_bytes!("../photo/solvay-02.png"),
    include_bytes!("../photo/solvay-03.png"),
    include_bytes!("../photo/solvay-04.png"),
    include_bytes!("../photo/solvay-05.png"),
    include_bytes!("../photo/solvay-06.png"),
    include_bytes!("../photo/solvay-07.png"),
    include_bytes!("../photo/solvay-08.png"),
    include_bytes!("../photo/solvay-09.png"),
    include_bytes!("../photo/solvay-10.png"),
    include_bytes!("../photo/solvay-11.png"),
    include_bytes!("../photo/solvay-12.png"),
    include_bytes!("../photo/solvay-13.png"),
    include_bytes!("../photo/solvay-14.png"),
    include_bytes!("../photo/solvay-15.png"),
    include_bytes!("../photo/solvay-16.png"),
    include_bytes!("../photo/solvay-17.png"),
    include_bytes!("../photo/solvay-18.png"),
    include_bytes!("../photo/solvay-19.png"),
    include_bytes!("../photo/solvay-20.png"),
    include_bytes!("../photo/solvay-21.png"),
    include_bytes!("../photo/solvay-22.png"),
    include_bytes!("../photo/solvay-23.png"),
    include_bytes!("../photo/solvay-24.png"),
    include_bytes!("../photo/solvay-25.png"),
    include_bytes!("../photo/solvay-26.png"),
    include_bytes!("../photo/solvay-27.png"),
];

fn crops() -> &'static [GrayImage] {
    static DECODED: OnceLock<Vec<GrayImage>> = OnceLock::new();
    DECODED.get_or_init(|| {
        CROPS
            .iter()
            .filter_map(|b| image::load_from_memory_with_format(b, image::ImageFormat::Png).ok())
            .map(|i| i.to_luma8())
            .collect()
    })
}

/// Indices into the crops each split draws its people from (index 0 is
/// the astronaut, 1-28 the Solvay crops 00-27): train Solvay 00-13,
/// validation Solvay 14-20, test Solvay 21-27 and the astronaut.
pub fn pool(split: Split) -> Vec<usize> {
    match split {
        Split::Train => (1..15).collect(),
        Split::Validation => (15..22).collect(),
        Split::Test => std::iter::once(0).chain(22..29).collect(),
    }
}

/// How many crops there are.
pub fn count() -> usize {
    crops().len()
}

/// Crop `i` (any index, taken modulo the count), as committed.
pub fn crop(i: usize) -> GrayImage {
    let all = crops();
    all.get(i % all.len().max(1)).cloned().unwrap_or_else(|| GrayImage::from_pixel(3, 4, image::Luma([128])))
}

/// A photographed portrait `w` x `h` px of a person from `split`'s pool:
/// cut to the box's proportions around the face, scaled, with its own
/// brightness and contrast.
pub fn portrait(w: u32, h: u32, split: Split, rng: &mut Rng) -> GrayImage {
    let mut src = crop(*rng.pick(&pool(split)));
    let (sw, sh) = (src.width() as f32, src.height() as f32);
    let want = w as f32 / h.max(1) as f32;
    let zoom = rng.uniform(1.0, 1.15) as f32;
    let (cw, ch) = if sw / sh > want { (sh * want, sh) } else { (sw, sw / want) };
    let (cw, ch) = (cw / zoom, ch / zoom);
    let x0 = ((sw - cw) / 2.0 + rng.uniform(-0.05, 0.05) as f32 * cw).clamp(0.0, sw - cw);
    let y0 = ((sh - ch) * 0.3).clamp(0.0, sh - ch);
    let cut = image::imageops::crop(&mut src, x0 as u32, y0 as u32, cw.max(1.0) as u32, ch.max(1.0) as u32).to_image();
    let mut out = image::imageops::resize(&cut, w.max(1), h.max(1), image::imageops::FilterType::CatmullRom);
    let gain = rng.uniform(0.8, 1.2) as f32;
    let lift = rng.uniform(-15.0, 25.0) as f32;
    for p in out.pixels_mut() {
        p.0[0] = ((p.0[0] as f32 - 128.0) * gain + 128.0 + lift).clamp(0.0, 255.0) as u8;
    }
    out
}
