//! Second look at two close candidates. Whole-cell correlation weighs the
//! few pixels where OCR-B pairs differ (the bottom bar of `E` against `F`,
//! the corners of `D` against `O`) no more than blur or noise elsewhere, so
//! at 150-200 dpi such pairs swap. Here only the ink each character has and
//! the other lacks is compared, relative to the ink both share, which makes
//! the test independent of contrast and, to first order, of blur.

use super::{ALPHABET, CELL_H, CELL_W, Candidate, Cell};

/// Candidates this close to the best one (in score) get the second look.
const CLOSE: f32 = 0.12;
/// Evidence (difference of relative ink presence) needed to reorder.
const MIN_EVIDENCE: f32 = 0.1;
/// Crisp coverage counted as ink / as clearly no ink (after a 1-pixel
/// dilation, so that small misalignments do not count as differences).
const INK: f32 = 0.6;
const NO_INK: f32 = 0.15;
/// Presence assumed for a character without ink of its own against the
/// other (`F` against `E`): below one half, as a faint bar is still a bar.
const MISSING: f32 = 0.3;

/// Reorders the best candidate of `ranked` (sorted, best first) if a close
/// runner-up has clearly more of its own distinguishing ink in `cell`
/// (raw ink values, 0 = paper). Scores keep their order; characters move.
pub(super) fn settle_close(cell: &Cell, ranked: &mut [Candidate], crisp: &[Cell]) {
    let Some(top) = ranked.first().copied() else { return };
    for k in 1..ranked.len().min(3) {
        if ranked[k].score < top.score - CLOSE {
            break;
        }
        // Only letter pairs told apart by one extra stroke: a letter/digit
        // pair (`G`/`6`) can have equal check values, so a wrong swap would
        // pass the checks, and pairs of different shape (`H`/`W`) are better
        // left to the correlation.
        if !is_stroke_pair(ranked[k].ch, top.ch) {
            continue;
        }
        let (Some(a), Some(b)) = (index(ranked[k].ch), index(top.ch)) else { continue };
        if evidence(cell, &crisp[a], &crisp[b]) > MIN_EVIDENCE {
            let ch = ranked[k].ch;
            ranked[k].ch = top.ch;
            ranked[0].ch = ch;
            return;
        }
    }
}

/// Letter pairs that differ by one stroke or bar, the confusions seen on
/// 150-200 dpi pages.
const STROKE_PAIRS: [(u8, u8); 6] =
    [(b'E', b'F'), (b'D', b'O'), (b'C', b'E'), (b'O', b'Q'), (b'U', b'V'), (b'P', b'R')];

fn is_stroke_pair(a: u8, b: u8) -> bool {
    STROKE_PAIRS.iter().any(|&(x, y)| (a, b) == (x, y) || (a, b) == (y, x))
}

fn index(ch: u8) -> Option<usize> {
    ALPHABET.iter().position(|&c| c == ch)
}

/// 3x3 maximum of a cell.
fn dilate(t: &Cell) -> Cell {
    let mut out = [0.0f32; CELL_W * CELL_H];
    for y in 0..CELL_H {
        for x in 0..CELL_W {
            let mut m = 0.0f32;
            for yy in y.saturating_sub(1)..(y + 2).min(CELL_H) {
                for xx in x.saturating_sub(1)..(x + 2).min(CELL_W) {
                    m = m.max(t[yy * CELL_W + xx]);
                }
            }
            out[y * CELL_W + x] = m;
        }
    }
    out
}

/// How much more `a`'s own ink than `b`'s is present in `cell`, each as the
/// mean ink over that region relative to the mean over the shared ink
/// (a missing region counts as [`MISSING`]). Positive favours `a`.
fn evidence(cell: &Cell, a: &Cell, b: &Cell) -> f32 {
    let (ad, bd) = (dilate(a), dilate(b));
    let (mut common, mut n_common) = (0.0f32, 0usize);
    let (mut only_a, mut n_a, mut only_b, mut n_b) = (0.0f32, 0usize, 0.0f32, 0usize);
    for i in 0..cell.len() {
        let v = cell[i];
        if a[i] > INK && b[i] > INK {
            common += v;
            n_common += 1;
        } else if a[i] > INK && bd[i] < NO_INK {
            only_a += v;
            n_a += 1;
        } else if b[i] > INK && ad[i] < NO_INK {
            only_b += v;
            n_b += 1;
        }
    }
    if n_common < 8 || common <= 1e-3 {
        return 0.0;
    }
    let m = common / n_common as f32;
    let presence = |s: f32, n: usize| if n >= 4 { (s / n as f32 / m).min(1.5) } else { MISSING };
    presence(only_a, n_a) - presence(only_b, n_b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mrz::ocrb::tests_scanned;

    /// Raw coverage of `ch` at cap height `cap`, with the rows from `fade_from`
    /// (fraction of the cell height) down faded to `keep` of their ink, as a
    /// worn or blurred bottom bar looks.
    fn faded(ch: char, cap: f32, fade_from: f32, keep: f32) -> Cell {
        let mut c = tests_scanned(ch, cap, false);
        let y0 = (fade_from * CELL_H as f32) as usize;
        c[y0 * CELL_W..].iter_mut().for_each(|v| *v *= keep);
        c
    }

    #[test]
    fn a_faint_bottom_bar_still_makes_an_e() {
        let crisp: Vec<Cell> = [b'E', b'F'].iter().map(|&c| tests_scanned(c as char, 96.0, false)).collect();
        for cap in [12.0, 14.0, 20.0] {
            let e = faded('E', cap, 0.8, 0.5);
            assert!(evidence(&e, &crisp[0], &crisp[1]) > MIN_EVIDENCE, "E at cap {cap}");
            let f = tests_scanned('F', cap, false);
            assert!(evidence(&f, &crisp[0], &crisp[1]) < -MIN_EVIDENCE, "F at cap {cap}");
        }
    }

    #[test]
    fn a_close_runner_up_with_its_own_ink_wins() {
        let crisp: Vec<Cell> = ALPHABET.iter().map(|&c| tests_scanned(c as char, 96.0, false)).collect();
        let e = faded('E', 13.0, 0.8, 0.5);
        let mut ranked = vec![Candidate { ch: b'F', score: 0.80 }, Candidate { ch: b'E', score: 0.78 }];
        settle_close(&e, &mut ranked, &crisp);
        assert_eq!(ranked[0].ch, b'E');
        // A clear leader is left alone.
        let mut ranked = vec![Candidate { ch: b'F', score: 0.90 }, Candidate { ch: b'E', score: 0.70 }];
        settle_close(&e, &mut ranked, &crisp);
        assert_eq!(ranked[0].ch, b'F');
    }
}
