//! Whether pixels are bitonal (a thresholded or dithered scan): only pure
//! black and pure white. Such scans need their own handling (dither dots
//! survive block means; a face detector sees no tone), and a grey scan is
//! recognised after its first few grey pixels.

/// Pure black or pure white.
fn is_pure(v: u8) -> bool {
    v == 0 || v == 255
}

/// Whether `samples` are bitonal: none is empty, and fewer than
/// `1 / per` of them are grey (`per == 0`: not one may be grey). Stops at
/// the first grey sample too many, so a grey page costs a few rows.
pub fn is_bitonal(samples: impl ExactSizeIterator<Item = u8>, per: usize) -> bool {
    let n = samples.len();
    // grey * per >= n decides "not bitonal"; with per == 0 one grey does.
    let allowed = if per == 0 { 0 } else { n.div_ceil(per).saturating_sub(1) };
    let mut grey = 0usize;
    for v in samples {
        grey += usize::from(!is_pure(v));
        if grey > allowed {
            return false;
        }
    }
    n > 0
}

/// Whether a page is bitonal: fewer than 1 in 200 of every seventh pixel
/// is grey (a few grey pixels come from compression or a scanner's edge).
/// The samples are those of counting every pixel, but a grey page (nearly
/// every page) is known after its first rows.
pub fn is_bitonal_page(img: &image::GrayImage) -> bool {
    is_bitonal(img.as_raw().iter().step_by(7).copied(), 200)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_of_grey_below_the_limit_is_still_bitonal() {
        let page = |grey: usize| (0..1000).map(move |i| if i < grey { 128 } else { (i % 2 * 255) as u8 });
        // 1000 samples, per 200: up to 4 grey samples pass, the fifth fails.
        assert!(is_bitonal(page(4).collect::<Vec<_>>().into_iter(), 200));
        assert!(!is_bitonal(page(5).collect::<Vec<_>>().into_iter(), 200));
        assert!(is_bitonal(page(0).collect::<Vec<_>>().into_iter(), 0));
        assert!(!is_bitonal(page(1).collect::<Vec<_>>().into_iter(), 0));
        assert!(!is_bitonal(Vec::new().into_iter(), 200));
    }

    #[test]
    fn a_dithered_page_is_bitonal_and_a_grey_one_is_not() {
        let dither = image::GrayImage::from_fn(20, 12, |x, y| image::Luma([if (x + y) % 2 == 0 { 0 } else { 255 }]));
        assert!(is_bitonal_page(&dither));
        let grey = image::GrayImage::from_fn(20, 12, |x, _| image::Luma([x as u8 * 10]));
        assert!(!is_bitonal_page(&grey));
    }
}
