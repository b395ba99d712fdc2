//! The fallback for cards whose edge is not visible: a card-sized cluster
//! of print (light cards in bitonal scans, card paper as white as the page).

use super::geometry::{components, hull, long_side_on_edge, min_rect};
use super::{Format, Outline};
use image::GrayImage;

/// Strength given to outlines inferred from print alone.
const CONTENT_SCORE: f64 = 0.5;

/// Dilation radius for [`find_content`], in mm: bridges a gap of up to
/// 16 mm between a portrait and the text beside it. Other states' cards put
/// the photo on the right, up to ~15 mm from a short text column; at 7 mm
/// some split into two blobs, each too small for a card (see the test
/// `cards_with_the_photo_right_of_the_text_are_one_cluster_of_print`).
const BRIDGE_MM: f64 = 8.0;

/// Card rectangles inferred from clusters of print: the ink, dilated by
/// [`BRIDGE_MM`], forms one cluster per card whose extent is 72-100% of the
/// card's.
pub(super) fn find_content(small: &GrayImage, k: u32, dpi: f64, dpi_known: bool) -> Vec<Outline> {
    let (w, h) = (small.width() as usize, small.height() as usize);
    let mut hist = [0u32; 256];
    small.pixels().for_each(|p| hist[p[0] as usize] += 1);
    let mut acc = 0;
    let median = hist
        .iter()
        .position(|&c| {
            acc += c;
            acc as usize >= w * h / 2
        })
        .unwrap_or(255) as u8;
    // Print clearly darker than the paper; small text is light grey at this scale.
    let ink_level = (median as f64 * 0.6).max(median as f64 - 40.0) as u8;
    let ink: Vec<bool> = small.pixels().map(|p| p[0] < ink_level).collect();
    let mm = dpi / k as f64 / 25.4;
    let ink = without_specks(&ink, w, h, (SPECK_WINDOW_MM * mm).round() as usize);
    let r = (BRIDGE_MM * mm).round().max(1.0);
    let mask = grow(&ink, w, h, r as usize);
    let min_side = (85.6 * 0.7 * mm) as usize;
    let max_side = (153.0 * mm) as usize;
    let mut out = Vec::new();
    for pts in components(&mask, w, h, 1, min_side, max_side) {
        let Some((c, u, a, b)) = min_rect(&hull(pts)) else { continue };
        let (a, b) = ((a - r) / mm * 2.0, (b - r) / mm * 2.0);
        let mut best: Option<(Format, f64)> = None;
        for f in Format::ALL {
            let (fw, fh) = f.size_mm();
            let (ra, rb) = (a / fw, b / fh);
            let ok = if dpi_known {
                (0.72..=CONTENT_MAX).contains(&ra) && (0.72..=CONTENT_MAX).contains(&rb)
            } else {
                ((a / b) / (fw / fh) - 1.0).abs() < 0.12
            };
            let err = (1.0 - ra).abs().max((1.0 - rb).abs());
            if ok && best.is_none_or(|(_, e)| err < e) {
                best = Some((f, err));
            }
        }
        let kf = k as f64;
        // Print that runs into the paper's edge with a long side is no whole
        // card: at most a passport data page cut off there.
        if let Some(sign) = long_side_on_edge(c, u, (a * mm / 2.0 + r, b * mm / 2.0 + r), (w, h), 1.5) {
            if dpi_known && let Some(o) = cut_off_block(c, u, a, b, sign, mm, kf) {
                out.push(o);
            }
            continue;
        }
        let Some((format, err)) = best else {
            // A passport data page's print whose page, completed below it,
            // runs off the paper (its MRZ band cut off or lost beyond it).
            let runs_off = |o: &Outline, sign: f64| {
                let v = (-o.u.1, o.u.0);
                let far = (o.centre.0 + v.0 * sign * o.half.1, o.centre.1 + v.1 * sign * o.half.1);
                let (pw, ph, off) = (w as f64 * kf, h as f64 * kf, CUT_BEYOND_MM * mm * kf);
                far.0 < -off || far.1 < -off || far.0 > pw + off || far.1 > ph + off
            };
            if dpi_known {
                let cut = [1.0, -1.0]
                    .into_iter()
                    .find_map(|sign| cut_off_block(c, u, a, b, sign, mm, kf).filter(|o| runs_off(o, sign)));
                out.extend(cut);
            }
            continue;
        };
        let (fw, fh) = format.size_mm();
        out.push(Outline {
            centre: ((c.0 + 0.5) * kf, (c.1 + 0.5) * kf),
            u,
            half: (fw / 2.0 * mm * kf, fh / 2.0 * mm * kf),
            format,
            score: CONTENT_SCORE,
            size_error: err,
            from_content: true,
            scale: 1.0,
            cut_off: false,
        });
    }
    out
}

/// Largest size of a cluster of print against the card it stands for: a
/// band or frame printed to the card's edge, widened by the dilation's
/// rounding, measures a few per cent over the card.
const CONTENT_MAX: f64 = 1.04;

/// The ink mask without dust: isolated pixels (fewer than two ink
/// neighbours) where ink is sparse around them (under [`SPECK_DENSITY`]
/// within `r` pixels). Dilated to bridge the gaps of print, the dust of a
/// photocopy would join the whole page into one cluster; the dots of a
/// dithered card are isolated too, but dense, and are the card.
fn without_specks(ink: &[bool], w: usize, h: usize, r: usize) -> Vec<bool> {
    let m: Vec<u8> = ink.iter().map(|&v| u8::from(v)).collect();
    let sum = crate::imaging::integral(&m, w, h);
    let mut out = ink.to_vec();
    for y in 0..h {
        let rows = y.saturating_sub(1)..=(y + 1).min(h - 1);
        for x in (0..w).filter(|&x| ink[y * w + x]) {
            let (x0, x1) = (x.saturating_sub(1), (x + 1).min(w - 1));
            // n counts the pixel itself.
            let n: usize = rows.clone().map(|r| ink[r * w + x0..=r * w + x1].iter().filter(|&&v| v).count()).sum();
            if n < 3 {
                let (bx0, by0) = (x.saturating_sub(r), y.saturating_sub(r));
                let (bx1, by1) = ((x + r + 1).min(w), (y + r + 1).min(h));
                out[y * w + x] = crate::imaging::mean(&sum, w, bx0, by0, bx1, by1) >= SPECK_DENSITY;
            }
        }
    }
    out
}

/// Share of ink around an isolated pixel from which it is print (a
/// dithered grey), not dust.
const SPECK_DENSITY: f64 = 0.1;

/// Radius of the window [`SPECK_DENSITY`] is measured in.
const SPECK_WINDOW_MM: f64 = 2.5;

/// Share of a passport data page's height its print keeps when the page
/// runs off the paper with its MRZ band: the print starts a few mm below
/// the page's top and is cut by the paper's edge somewhere above its bottom.
const CUT_PRINT_HEIGHT: (f64, f64) = (0.45, 0.97);

/// How far beyond the paper a data page completed below its print must
/// reach to count as cut off there.
const CUT_BEYOND_MM: f64 = 2.0;

/// Margin between a data page's top edge and its first print (header band).
const CUT_TOP_MARGIN_MM: f64 = 3.0;

/// A cluster of print `a x b` mm whose width (along `u`) and height are a
/// cut-off passport data page's: the page completed towards its long side
/// at `sign` (where the paper's edge is), at true size, its top
/// [`CUT_TOP_MARGIN_MM`] above the print's. `c` is in pixels of the page
/// shrunk by `kf`, `mm` pixels per mm there. The caller checks that the
/// page runs off the paper.
fn cut_off_block(c: (f64, f64), u: (f64, f64), a: f64, b: f64, sign: f64, mm: f64, kf: f64) -> Option<Outline> {
    let (fw, fh) = Format::Id3.size_mm();
    let (wr, hr) = (a / fw, b / fh);
    if !(0.72..=1.01).contains(&wr) || !(CUT_PRINT_HEIGHT.0..=CUT_PRINT_HEIGHT.1).contains(&hr) {
        return None;
    }
    let v = (-u.1, u.0);
    // The print's far side (away from the paper's edge), less a margin, is
    // the page's top.
    let back = b * mm / 2.0 + CUT_TOP_MARGIN_MM * mm;
    let top = (c.0 - v.0 * sign * back, c.1 - v.1 * sign * back);
    let full_b = fh / 2.0 * mm;
    let centre = (top.0 + v.0 * sign * full_b, top.1 + v.1 * sign * full_b);
    Some(Outline {
        centre: ((centre.0 + 0.5) * kf, (centre.1 + 0.5) * kf),
        u,
        half: (fw / 2.0 * mm * kf, full_b * kf),
        format: Format::Id3,
        score: CONTENT_SCORE,
        size_error: (1.0 - wr).abs(),
        from_content: true,
        scale: 1.0,
        cut_off: true,
    })
}

/// Dilates a mask by a square of radius `r` (separable: a running count of
/// set pixels over each window of 2r+1, rows then columns).
fn grow(m: &[bool], w: usize, h: usize, r: usize) -> Vec<bool> {
    fn run(line: &[bool], r: usize, out: &mut [bool]) {
        let n = line.len();
        let mut count = line[..r.min(n)].iter().filter(|&&v| v).count();
        for i in 0..n {
            if i + r < n && line[i + r] {
                count += 1;
            }
            if i > r && line[i - r - 1] {
                count -= 1;
            }
            out[i] = count > 0;
        }
    }
    let mut horiz = vec![false; w * h];
    for y in 0..h {
        run(&m[y * w..y * w + w], r, &mut horiz[y * w..y * w + w]);
    }
    // columns: a running count per column, moved down row by row (a
    // column-by-column walk would jump a whole row in memory per pixel)
    let mut count = vec![0u32; w];
    let mut out = vec![false; w * h];
    for row in horiz.chunks_exact(w).take(r.min(h)) {
        count.iter_mut().zip(row).for_each(|(c, &v)| *c += u32::from(v));
    }
    for y in 0..h {
        if y + r < h {
            count.iter_mut().zip(&horiz[(y + r) * w..(y + r + 1) * w]).for_each(|(c, &v)| *c += u32::from(v));
        }
        if y > r {
            count.iter_mut().zip(&horiz[(y - r - 1) * w..(y - r) * w]).for_each(|(c, &v)| *c -= u32::from(v));
        }
        out[y * w..(y + 1) * w].iter_mut().zip(&count).for_each(|(o, &c)| *o = c > 0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::find;
    use super::super::tests::{copy, found_at};
    use super::*;
    use crate::imaging::block_mean;
    use ausweisscan_synth::damage::Damage;
    use ausweisscan_synth::page::Edge;
    use ausweisscan_synth::person::DocKind;

    #[test]
    fn grow_dilates_by_a_square() {
        let mut m = vec![false; 9 * 7];
        m[3 * 9 + 4] = true;
        let g = grow(&m, 9, 7, 2);
        let set: Vec<(usize, usize)> = (0..63).filter(|&i| g[i]).map(|i| (i % 9, i / 9)).collect();
        assert_eq!(set.len(), 25);
        assert!(set.iter().all(|&(x, y)| (2..=6).contains(&x) && (1..=5).contains(&y)));
    }

    #[test]
    fn grow_matches_a_brute_force_dilation() {
        let mut rng = ausweisscan_synth::rng::Rng::new(9);
        for case in 0..30 {
            let (w, h, r) = (10 + rng.below(40), 10 + rng.below(40), 1 + rng.below(6));
            let m: Vec<bool> = (0..w * h).map(|_| rng.chance(0.02 + 0.01 * (case % 5) as f64)).collect();
            let want: Vec<bool> = (0..w * h)
                .map(|i| {
                    let (x, y) = ((i % w) as i64, (i / w) as i64);
                    (0..w * h).any(|j| {
                        let (a, b) = ((j % w) as i64, (j / w) as i64);
                        m[j] && (a - x).abs() <= r as i64 && (b - y).abs() <= r as i64
                    })
                })
                .collect();
            assert_eq!(grow(&m, w, h, r), want, "case {case}");
        }
    }

    #[test]
    fn dust_goes_and_strokes_and_dither_stay() {
        let (w, h) = (60, 30);
        let mut m = vec![false; w * h];
        // a lone speck, a pair of specks, a stroke 2 px thick and a blob, far apart
        m[3 * w + 3] = true;
        m[3 * w + 20] = true;
        m[3 * w + 21] = true;
        for x in 35..40 {
            m[3 * w + x] = true;
            m[4 * w + x] = true;
        }
        for (x, y) in [(3, 20), (4, 20), (3, 21), (4, 21)] {
            m[y * w + x] = true;
        }
        // a dithered patch: every other pixel of every other row
        for y in (16..28).step_by(2) {
            for x in (40..56).step_by(2) {
                m[y * w + x] = true;
            }
        }
        let out = without_specks(&m, w, h, 4);
        let dust = [3 * w + 3, 3 * w + 20, 3 * w + 21];
        for i in 0..w * h {
            assert_eq!(out[i], m[i] && !dust.contains(&i), "pixel ({}, {})", i % w, i / w);
        }
    }

    #[test]
    fn print_in_a_field_of_dust_is_still_a_card() {
        // a block of print the size of an ID-1 card's, on a page strewn
        // with single-pixel specks (a dusty photocopy at 75 dpi)
        let mm = 150.0 / 25.4;
        let mut img = page_with_print(80.0, 48.0, 100.0);
        let mut rng = ausweisscan_synth::rng::Rng::new(5);
        for _ in 0..6000 {
            let (x, y) = (rng.range(0, 620) as u32 * 2, rng.range(0, 877) as u32 * 2);
            for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                img.put_pixel(x + dx, y + dy, image::Luma([20]));
            }
        }
        let found = find(&img, 150.0, true);
        let card = found.iter().find(|o| o.from_content && o.format == Format::Id1);
        let o = card.unwrap_or_else(|| panic!("{found:?}"));
        assert!((o.centre.0 - (150.0 + 40.0 * mm)).abs() < 8.0 * mm, "{o:?}");
    }

    #[test]
    fn a_light_card_lost_in_a_bitonal_scan_is_found_by_its_print() {
        // threshold-bitonal pages where the card background vanished
        let (mut found, mut content) = (0, 0);
        for seed in 0..12 {
            let doc = [DocKind::IdCard2010, DocKind::IdCard2021, DocKind::ForeignId { state: "ITA" }][seed % 3];
            let dpi = [200.0, 300.0][seed % 2];
            let (img, centres) = copy(doc, true, dpi, Damage::Bitonal, Edge::Plain, 200 + seed as u64);
            if let Some(o) = found_at(&find(&img, dpi as f64, true), centres[0]) {
                found += 1;
                content += usize::from(o.from_content);
            }
        }
        // Known weak (9/12 here): print too sparse or split into two clusters.
        assert!(found >= 9, "{found}/12");
        assert!(content >= 1, "no card was found by its print alone");
    }

    /// An A4 page at 150 dpi with rows of print (no card edge) `w_mm` wide
    /// and `h_mm` tall whose lowest row ends `above_mm` over the page's
    /// bottom edge.
    fn page_with_print(w_mm: f64, h_mm: f64, above_mm: f64) -> GrayImage {
        let mm = 150.0 / 25.4;
        let (pw, ph) = (1240u32, 1754u32);
        let (x0, x1) = (150.0, 150.0 + w_mm * mm);
        let y1 = ph as f64 - above_mm * mm;
        let y0 = y1 - h_mm * mm;
        GrayImage::from_fn(pw, ph, |x, y| {
            let (x, y) = (x as f64, y as f64);
            let row = ((y - y0) / mm) % 6.0 < 2.5 && (x / mm) % 4.0 < 3.0;
            image::Luma([if x >= x0 && x < x1 && y >= y0 && y < y1 && row { 30 } else { 240 }])
        })
    }

    #[test]
    fn print_of_a_passport_page_running_off_the_paper_is_completed_beyond_it() {
        let mm = 150.0 / 25.4;
        let cut = |w_mm, h_mm, above_mm| {
            let img = page_with_print(w_mm, h_mm, above_mm);
            find(&img, 150.0, true).into_iter().find(|o| o.cut_off && o.from_content)
        };
        // 120 x 56 mm of print ending 18 mm over the edge: the page, 88 mm
        // tall from 3 mm above its print, reaches ~11 mm beyond the paper.
        let o = cut(120.0, 56.0, 18.0).expect("a cut-off data page");
        assert_eq!(o.format, Format::Id3);
        assert!((2.0 * o.half.1 / mm - 88.0).abs() < 1.0 && (2.0 * o.half.0 / mm - 125.0).abs() < 1.0, "{o:?}");
        assert!(o.centre.1 + o.half.1 > 1754.0 + 5.0 * mm, "completed beyond the bottom edge: {o:?}");
        // The same print high on the page (its page fits on the paper), or
        // too narrow for a passport page, is no cut-off page.
        assert!(cut(120.0, 56.0, 120.0).is_none());
        assert!(cut(80.0, 56.0, 18.0).is_none());
    }

    #[test]
    fn cards_with_the_photo_right_of_the_text_are_one_cluster_of_print() {
        // Other states' fronts put the photo on the right, up to ~15 mm from
        // a short text column: the print fallback alone must still see one
        // card there (at 7 mm of bridging, 2 of these 8 fell apart).
        let mut hits = 0;
        for seed in 0..8 {
            let dpi = [200.0, 300.0][seed % 2];
            let doc = DocKind::ForeignId { state: ["ITA", "POL", "FRA", "ESP"][seed % 4] };
            let (img, centres) = copy(doc, true, dpi, Damage::Clean, Edge::Plain, 300 + seed as u64);
            let k = (dpi as f64 / 75.0).round() as u32;
            let found = find_content(&block_mean(&img, k), k, dpi as f64, true);
            hits += usize::from(found_at(&found, centres[0]).is_some_and(|o| o.format == Format::Id1));
        }
        assert_eq!(hits, 8, "cards found by their print");
    }
}
