//! Checks that a page can be decoded whole, before hayro draws it.
//!
//! hayro is a viewer's engine: whatever it cannot read it leaves out
//! silently (an image whose object is missing or cut off, an unknown filter,
//! a negative `/Width`, a content stream that does not inflate). For a
//! scanner that would turn a damaged ID page into a clear one. So the page's
//! content streams are decoded here under a cap and walked for every image
//! and Form XObject they draw (recursively, inline images included); each
//! must resolve, declare a sane size, use known filters and decode to at
//! least its declared size (no more than it, so Flate bombs stop here).
//! JPEG headers are compared with the dictionary and must end with their end
//! marker. Fonts the page selects are measured (not parsed) under the cap.
//!
//! What is not checked: CCITT, JBIG2 and JPX data beyond their filter chain
//! (hayro's own decode errors still mark the page), shading and pattern
//! content, annotations.

use super::filters::{self, Decoded, ImageCodec, Problem};
use crate::error::PageError;
use crate::limits::Limits;
use hayro::hayro_syntax::content::TypedIter;
use hayro::hayro_syntax::content::ops::TypedInstruction;
use hayro::hayro_syntax::object::{Array, Dict, MaybeRef, Name, Object, ObjectIdentifier, Stream};
use hayro::hayro_syntax::page::{Page, Resources};
use hayro::hayro_syntax::xref::XRef;
use std::collections::HashSet;

/// Deepest Form XObject nesting followed.
const MAX_DEPTH: usize = 16;

/// Checks `page`; the first problem found makes it unexamined.
pub(crate) fn page(page: &Page<'_>, limits: &Limits) -> Result<(), PageError> {
    let mut c = Checker { limits, xref: page.xref(), seen: HashSet::new() };
    let content = c.contents(page.raw())?;
    c.walk(&content, page.resources(), 0)
}

struct Checker<'l, 'a> {
    limits: &'l Limits,
    xref: &'a XRef,
    seen: HashSet<ObjectIdentifier>,
}

fn missing(what: &str) -> PageError {
    PageError::Corrupt(format!("{what} is missing or unreadable (the file may be cut off or damaged)"))
}

fn stream_error(what: &str, p: Problem) -> PageError {
    match p {
        Problem::Damaged(m) => PageError::Corrupt(format!("{what} cannot be decoded whole: {m}")),
        Problem::TooLarge(cap) => PageError::Limit(format!("{what} decompresses to more than {cap} bytes")),
    }
}

fn name_text(n: &Name<'_>) -> String {
    String::from_utf8_lossy(n.as_ref()).into_owned()
}

impl<'a> Checker<'_, 'a> {
    /// The page's content streams, decoded and joined.
    fn contents(&mut self, page: &Dict<'a>) -> Result<Vec<u8>, PageError> {
        if !page.contains_key(b"Contents") {
            return Ok(Vec::new());
        }
        let streams: Vec<Stream<'a>> = if let Some(s) = page.get::<Stream<'_>>(b"Contents") {
            vec![s]
        } else if let Some(a) = page.get::<Array<'_>>(b"Contents") {
            let mut v = Vec::new();
            for item in a.raw_iter() {
                let s = match item {
                    MaybeRef::Ref(r) => self.xref.get::<Stream<'_>>(r.into()),
                    MaybeRef::NotRef(Object::Stream(s)) => Some(s),
                    MaybeRef::NotRef(_) => None,
                };
                v.push(s.ok_or_else(|| missing("a content stream of the page"))?);
            }
            v
        } else {
            return Err(missing("the page's content stream"));
        };
        let mut out = Vec::new();
        for s in streams {
            let d = filters::decode(&s, self.limits.max_content_bytes, false)
                .map_err(|p| stream_error("the page's content stream", p))?;
            out.extend_from_slice(&d.data);
            out.push(b' ');
        }
        Ok(out)
    }

    /// Follows every `Do`, inline image and font selection in `content`.
    fn walk(&mut self, content: &[u8], res: &Resources<'_>, depth: usize) -> Result<(), PageError> {
        let mut ops = TypedIter::new(content);
        while let Some(op) = ops.next() {
            match op {
                TypedInstruction::XObject(x) => self.xobject(x.0, res, depth)?,
                TypedInstruction::InlineImage(i) => self.image(i.0, res, "an inline image")?,
                TypedInstruction::TextFont(f) => self.font(f.0, res)?,
                _ => {}
            }
        }
        Ok(())
    }

    fn xobject(&mut self, name: &Name<'_>, res: &Resources<'_>, depth: usize) -> Result<(), PageError> {
        let label = format!("the XObject /{}", name_text(name));
        if !res.x_objects.contains_key(name.as_ref()) {
            return Err(PageError::Corrupt(format!("{label} is drawn but not in the page's resources")));
        }
        let s = res.x_objects.get::<Stream<'_>>(name.as_ref()).ok_or_else(|| missing(&label))?;
        if !self.seen.insert(s.obj_id()) {
            return Ok(());
        }
        let subtype = s.dict().get::<Name<'_>>(b"Subtype");
        match subtype.as_ref().map(|n| n.as_ref()) {
            Some(b"Image") => self.image(&s, res, &label),
            Some(b"Form") => {
                if depth >= MAX_DEPTH {
                    return Err(PageError::Corrupt(format!("Form XObjects nested more than {MAX_DEPTH} deep")));
                }
                let d =
                    filters::decode(&s, self.limits.max_content_bytes, false).map_err(|p| stream_error(&label, p))?;
                let inner = s.dict().get::<Dict<'_>>(b"Resources").map(Resources::new);
                self.walk(&d.data, inner.as_ref().unwrap_or(res), depth + 1)
            }
            Some(b"PS") => Ok(()),
            _ => Err(PageError::Corrupt(format!("{label} has no valid /Subtype"))),
        }
    }

    fn image(&mut self, s: &Stream<'_>, res: &Resources<'_>, label: &str) -> Result<(), PageError> {
        let dict = s.dict();
        let get = |long: &[u8], short: &[u8]| dict.get::<Object<'_>>(long).or_else(|| dict.get::<Object<'_>>(short));
        let mask = matches!(get(b"ImageMask", b"IM"), Some(Object::Boolean(true)));
        let chain = filters::chain(dict).map_err(|p| stream_error(label, p))?;
        let jpx = chain.iter().any(|(f, _)| *f == filters::Filter::Image(ImageCodec::Jpx));
        let dim = |long: &[u8], short: &[u8], what: &str| -> Result<u64, PageError> {
            match get(long, short) {
                Some(Object::Number(n))
                    if n.as_f64().fract() == 0.0 && n.as_i64() > 0 && n.as_i64() <= u32::MAX as i64 =>
                {
                    Ok(n.as_i64() as u64)
                }
                Some(o) => Err(PageError::Corrupt(format!("{label} declares an invalid {what}: {o:?}"))),
                None => Err(PageError::Corrupt(format!("{label} declares no {what}"))),
            }
        };
        let (w, h) = (dim(b"Width", b"W", "width")?, dim(b"Height", b"H", "height")?);
        if w.saturating_mul(h) > self.limits.max_image_pixels {
            return Err(PageError::Limit(format!(
                "{label} is {w}x{h} pixels, more than the limit of {} pixels",
                self.limits.max_image_pixels
            )));
        }
        let bpc = if mask {
            Some(1)
        } else {
            match get(b"BitsPerComponent", b"BPC") {
                Some(Object::Number(n)) if [1, 2, 4, 8, 16].contains(&n.as_i64()) => Some(n.as_i64() as u64),
                None if jpx => None,
                Some(_) if jpx => None,
                o => return Err(PageError::Corrupt(format!("{label} declares invalid bits per component: {o:?}"))),
            }
        };
        let comps = if mask { Some(1) } else { get(b"ColorSpace", b"CS").and_then(|cs| components(&cs, res, 0)) };
        let row = match (bpc, comps) {
            (Some(b), Some(c)) => Some((w * b * c).div_ceil(8)),
            _ => None,
        };
        // Decoded data beyond the declared size is never drawn: allow a
        // little slack, then it is a bomb.
        let declared = row.unwrap_or(w * 4 * 2) * h;
        let cap = (declared + declared / 4 + 64 * 1024).min(self.limits.max_stream_bytes);
        let d = filters::decode(s, cap, true).map_err(|p| stream_error(label, p))?;
        match (&d.codec, row) {
            (None, Some(row)) => {
                let params = matches!(d.last, Some(filters::Filter::Flate | filters::Filter::Lzw))
                    .then_some(d.last_params.as_ref())
                    .flatten();
                let need = filters::predicted_len(params, row, h);
                if d.len < need {
                    return Err(PageError::Corrupt(format!(
                        "{label} is short: its data decodes to {} of the {need} bytes its size needs",
                        d.len
                    )));
                }
            }
            (Some((ImageCodec::Dct, _)), _) => {
                jpeg(&d, w, h).map_err(|m| PageError::Corrupt(format!("{label}: {m}")))?
            }
            _ => {}
        }
        for key in [&b"SMask"[..], b"Mask"] {
            if dict.contains_key(key) && dict.get::<Array<'_>>(key).is_none() {
                let m = dict.get::<Stream<'_>>(key).ok_or_else(|| missing(&format!("the mask of {label}")))?;
                if self.seen.insert(m.obj_id()) {
                    self.image(&m, res, &format!("the mask of {label}"))?;
                }
            }
        }
        Ok(())
    }

    /// Embedded font programs are measured under the content cap; their
    /// damage only affects glyph drawing, so only their size counts.
    fn font(&mut self, name: &Name<'_>, res: &Resources<'_>) -> Result<(), PageError> {
        let Some(font) = res.fonts.get::<Dict<'_>>(name.as_ref()) else { return Ok(()) };
        if let Some(id) = font.obj_id()
            && !self.seen.insert(id)
        {
            return Ok(());
        }
        let mut dicts = vec![font.clone()];
        if let Some(desc) = font.get::<Array<'_>>(b"DescendantFonts").and_then(|a| a.iter::<Dict<'_>>().next()) {
            dicts.push(desc);
        }
        let label = format!("the font /{}", name_text(name));
        for d in dicts {
            let Some(fd) = d.get::<Dict<'_>>(b"FontDescriptor") else { continue };
            for key in [&b"FontFile"[..], b"FontFile2", b"FontFile3"] {
                if let Some(s) = fd.get::<Stream<'_>>(key)
                    && let Err(Problem::TooLarge(cap)) = filters::decode(&s, self.limits.max_content_bytes, true)
                {
                    return Err(stream_error(&label, Problem::TooLarge(cap)));
                }
            }
        }
        if let Some(procs) = font.get::<Dict<'_>>(b"CharProcs") {
            for key in procs.keys() {
                if let Some(s) = procs.get::<Stream<'_>>(key.as_ref())
                    && let Err(Problem::TooLarge(cap)) = filters::decode(&s, self.limits.max_content_bytes, true)
                {
                    return Err(stream_error(&label, Problem::TooLarge(cap)));
                }
            }
        }
        Ok(())
    }
}

/// Colour components of a colour space, `None` when unknown (the length
/// check is then skipped, never failed).
fn components(cs: &Object<'_>, res: &Resources<'_>, depth: usize) -> Option<u64> {
    if depth > 4 {
        return None;
    }
    match cs {
        Object::Name(n) => match n.as_ref() {
            b"DeviceGray" | b"G" | b"CalGray" | b"Indexed" | b"I" | b"Pattern" => Some(1),
            b"DeviceRGB" | b"RGB" | b"CalRGB" | b"Lab" => Some(3),
            b"DeviceCMYK" | b"CMYK" => Some(4),
            other => components(&res.color_spaces.get::<Object<'_>>(other)?, res, depth + 1),
        },
        Object::Array(a) => {
            let mut it = a.iter::<Object<'_>>();
            let Some(Object::Name(kind)) = it.next() else { return None };
            match kind.as_ref() {
                b"Indexed" | b"I" | b"Separation" => Some(1),
                b"ICCBased" => match it.next() {
                    Some(Object::Stream(s)) => {
                        s.dict().get::<i64>(b"N").filter(|n| [1, 3, 4].contains(n)).map(|n| n as u64)
                    }
                    _ => None,
                },
                b"DeviceN" => match it.next() {
                    Some(Object::Array(names)) => Some(names.iter::<Object<'_>>().count() as u64).filter(|n| *n > 0),
                    _ => None,
                },
                b"CalGray" => Some(1),
                b"CalRGB" | b"Lab" => Some(3),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The JPEG must declare the dictionary's size in its frame header and end
/// with its end-of-image marker (a cut-off JPEG is decoded as grey below the
/// cut by lenient decoders).
fn jpeg(d: &Decoded<'_>, w: u64, h: u64) -> Result<(), String> {
    let data: &[u8] = &d.data;
    let Some((jw, jh)) = jpeg_size(data) else {
        return Err("the JPEG data has no readable frame header".into());
    };
    if (jw, jh) != (w, h) && jh != 0 {
        return Err(format!("the JPEG header says {jw}x{jh} pixels, the image dictionary {w}x{h}"));
    }
    let tail = &data[data.len().saturating_sub(256)..];
    if !tail.windows(2).any(|p| p == [0xFF, 0xD9]) {
        return Err("the JPEG data is cut off (no end marker)".into());
    }
    Ok(())
}

/// Width and height from the first SOF marker.
fn jpeg_size(data: &[u8]) -> Option<(u64, u64)> {
    let mut i = data.windows(2).position(|p| p == [0xFF, 0xD8])? + 2;
    while i + 4 <= data.len() {
        if data[i] != 0xFF {
            i += 1;
            continue;
        }
        let marker = data[i + 1];
        if marker == 0xFF || marker == 0x01 || (0xD0..=0xD7).contains(&marker) {
            i += if marker == 0xFF { 1 } else { 2 };
            continue;
        }
        let len = usize::from(u16::from_be_bytes([data[i + 2], data[i + 3]]));
        if matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF) {
            let f = data.get(i + 4..i + 9)?;
            let (jh, jw) = (u16::from_be_bytes([f[1], f[2]]), u16::from_be_bytes([f[3], f[4]]));
            return Some((u64::from(jw), u64::from(jh)));
        }
        if marker == 0xDA || len < 2 {
            return None;
        }
        i += 2 + len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jpeg_size_is_read_from_the_frame_header() {
        let img = image::GrayImage::from_pixel(37, 21, image::Luma([128]));
        let bytes = ausweisscan_synth::encode::jpeg(img.as_raw(), 37, 21, image::ExtendedColorType::L8, 80).unwrap();
        assert_eq!(jpeg_size(&bytes), Some((37, 21)));
        assert_eq!(jpeg_size(&bytes[..4]), None);
    }
}
