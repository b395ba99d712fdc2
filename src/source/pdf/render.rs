//! The general path: the whole page rendered by hayro, as a viewer shows it,
//! then turned to grey. Used when a page is more than one image covering it
//! (a card pasted small and turned, several images, text over a scan).

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::page::Page;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings};
use image::GrayImage;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Largest side hayro can render into (its render context is sized in `u16`).
pub(crate) const MAX_RENDER_SIDE: u32 = u16::MAX as u32;

/// A rendered page.
pub(crate) struct Rendered {
    pub image: GrayImage,
    /// An image on the page failed to decode (hayro then leaves it out).
    pub image_failed: bool,
}

/// Renders `page` at `scale` pixels per point onto white.
pub(crate) fn render(page: &Page<'_>, scale: f32) -> Rendered {
    let failed = Arc::new(AtomicBool::new(false));
    let flag = failed.clone();
    let settings = InterpreterSettings {
        warning_sink: Arc::new(move |w| {
            if matches!(w, hayro::hayro_interpret::InterpreterWarning::ImageDecodeFailure) {
                flag.store(true, Ordering::Relaxed);
            }
        }),
        ..InterpreterSettings::default()
    };
    let cache = RenderCache::new();
    let pixmap = hayro::render(
        page,
        &cache,
        &settings,
        &RenderSettings::default(),
        &PixmapSettings { x_scale: scale, y_scale: scale, bg_color: WHITE },
    );
    let (w, h) = (pixmap.width() as u32, pixmap.height() as u32);
    let rgba = pixmap.data_as_u8_slice();
    let grey: Vec<u8> = rgba
        .chunks_exact(4)
        .map(|p| {
            // Premultiplied over a white background: composite what is not opaque.
            let (r, g, b, a) = (p[0] as u32, p[1] as u32, p[2] as u32, p[3] as u32);
            let l = (r * 299 + g * 587 + b * 114 + 500) / 1000;
            (l + (255 - a)).min(255) as u8
        })
        .collect();
    let image = GrayImage::from_raw(w, h, grey).unwrap_or_else(|| GrayImage::new(w, h));
    Rendered { image, image_failed: failed.load(Ordering::Relaxed) }
}
