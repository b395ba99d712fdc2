//! Turns the classifier's ranked character candidates into the correction
//! engine's input (`mrz::correct::repair`: costs per unit of correlation
//! behind the best), and measures what only the image has: how well the
//! cells match OCR-B at all (mean score) and how many cells clearly read
//! outside their field's class (violations), which reject rows that are no
//! MRZ.

use super::sample::ReadCell;
use crate::mrz::correct::Ranked;
use crate::mrz::correct::repair::{Repaired, allowed, ranked_layout, repair_ranked};
use crate::mrz::ocrb::Candidate;
use crate::mrz::parse::CharClass;

/// Cost of a candidate for the correction engine per unit of correlation
/// behind the best (0.1 behind costs 1, like one OCR confusion).
pub const COST_PER_SCORE: f32 = 10.0;

/// A cell violates its class when its best allowed candidate trails the
/// best overall by more than this (in correlation).
const VIOLATION_MARGIN: f32 = 0.15;

/// The result of decoding a read group: the correction engine's reading
/// and what only an image read has.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The reading after repair (`mrz::correct`).
    pub repaired: Repaired,
    /// Mean best score over all cells (classification confidence).
    pub mean_score: f32,
    /// Cells whose best candidate is clearly not allowed by the layout
    /// (a letter well ahead of every digit in a date): few on a real MRZ.
    pub violations: usize,
    /// The first character read as a document-code letter (`A C I M P V`).
    pub code_ok: bool,
}

/// Ranked candidates as the correction engine takes them (cost 0 = best),
/// the first `n`.
pub fn to_ranked(c: &[Candidate], n: usize) -> Ranked {
    let top = c.first().map_or(0.0, |x| x.score);
    c.iter().take(n).map(|x| (x.ch as char, (top - x.score) * COST_PER_SCORE)).collect()
}

/// Whether a cell's best candidate allowed at its position trails the best
/// overall (or nothing is allowed).
fn violates_class(class: CharClass, ranked: &Ranked) -> bool {
    allowed(class, ranked).first().is_none_or(|c| c.1 > VIOLATION_MARGIN * COST_PER_SCORE)
}

/// Most class violations a reading of `lines` lines of `len` may have to be
/// reported (see [`Decoded::violations`]); `None` for no layout.
pub fn violation_limit(lines: usize, len: usize) -> Option<usize> {
    ranked_layout(lines, len).map(|_| lines * len / 10)
}

/// Whether the cell at `(line, pos)` of a `lines` x `len` reading counts as
/// a violation in [`decode`] (empty, or its class clearly not read), so a
/// read can stop as soon as the limit is passed.
pub fn violates(lines: usize, len: usize, line: usize, pos: usize, cell: &ReadCell) -> bool {
    let Some(layout) = ranked_layout(lines, len) else { return false };
    cell.ranked.is_empty() || violates_class(layout.classes[line][pos], &to_ranked(&cell.ranked, usize::MAX))
}

/// Decodes cells whose line count and length fit a layout; `None` otherwise.
pub fn decode(cells: &[Vec<ReadCell>]) -> Option<Decoded> {
    let len = cells.first().map_or(0, Vec::len);
    let layout = ranked_layout(cells.len(), len)?;
    let ranked: Vec<Vec<Ranked>> =
        cells.iter().map(|l| l.iter().map(|c| to_ranked(&c.ranked, usize::MAX)).collect()).collect();
    let mut score_sum = 0.0;
    let mut violations = 0;
    for (l, line) in cells.iter().enumerate() {
        for (i, cell) in line.iter().enumerate() {
            match cell.ranked.first() {
                None => violations += 1,
                Some(top) => {
                    score_sum += top.score;
                    let class = layout.classes[l].get(i).copied().unwrap_or(CharClass::AlphaNum);
                    violations += usize::from(violates_class(class, &ranked[l][i]));
                }
            }
        }
    }
    let r = repair_ranked(&ranked)?;
    let n_cells = r.lines.iter().map(String::len).sum::<usize>() as f32;
    let code_ok = cells[0][0].ranked.first().is_some_and(|c| b"ACIMPV".contains(&c.ch));
    Some(Decoded { repaired: r, mean_score: score_sum / n_cells, violations, code_ok })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells_of(lines: &[&str], wrong: &[(usize, usize, u8, f32)]) -> Vec<Vec<ReadCell>> {
        lines
            .iter()
            .enumerate()
            .map(|(l, s)| {
                s.bytes()
                    .enumerate()
                    .map(|(i, c)| {
                        let mut ranked: Vec<Candidate> = crate::mrz::ocrb::ALPHABET
                            .iter()
                            .map(|&a| Candidate { ch: a, score: if a == c { 0.9 } else { 0.3 } })
                            .collect();
                        if let Some(&(_, _, w, s)) = wrong.iter().find(|w| w.0 == l && w.1 == i) {
                            ranked.iter_mut().find(|x| x.ch == w).unwrap().score = s;
                        }
                        ranked.sort_by(|a, b| b.score.total_cmp(&a.score));
                        ReadCell { ranked }
                    })
                    .collect()
            })
            .collect()
    }

    const TD1_SPEC: [&str; 3] =
        ["IDD<<T220001293<<<<<<<<<<<<<<<", "6408125<2010315D<<<<<<<<<<<<<4", "MUSTERMANN<<ERIKA<<<<<<<<<<<<<"];
    const TD3_SPEC: [&str; 2] =
        ["P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<", "C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4"];

    #[test]
    fn clean_reads_pass_and_misreads_are_repaired() {
        // (layout lines, misreads (line, pos, read as, score), expect passed, expect text)
        type Case<'a> = (&'a [&'a str], Vec<(usize, usize, u8, f32)>, bool);
        let cases: Vec<Case> = vec![
            (&TD1_SPEC, vec![], true),
            (&TD3_SPEC, vec![], true),
            // A digit misread as a letter in a date: the class fixes it.
            (&TD1_SPEC, vec![(1, 2, b'B', 0.95)], true),
            // A digit misread as another digit, the right one close behind.
            (&TD1_SPEC, vec![(1, 3, b'6', 0.95)], true),
            (&TD3_SPEC, vec![(1, 2, b'D', 0.95), (1, 15, b'8', 0.93)], true),
            // A confident misread with no close alternative stays failed.
            (&TD1_SPEC, vec![(1, 3, b'6', 1.5)], false),
        ];
        for (k, (lines, wrong, ok)) in cases.into_iter().enumerate() {
            let d = decode(&cells_of(lines, &wrong)).unwrap();
            assert_eq!(d.repaired.failed.is_empty(), ok, "case {k}: {:?} {:?}", d.repaired.lines, d.repaired.failed);
            if ok {
                assert_eq!(d.repaired.lines, lines.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "case {k}");
            }
        }
    }

    #[test]
    fn unknown_state_codes_take_a_close_known_one() {
        // `D<<` read as `O<<` (issuing state) and `NGA` as `NOA` (nationality), the
        // right letters close behind: the known codes win. A confident unknown
        // code with no close known alternative stays as read.
        let td1 =
            ["IDD<<T220001293<<<<<<<<<<<<<<<", "6408125<2010315NGA<<<<<<<<<<<4", "MUSTERMANN<<ERIKA<<<<<<<<<<<<<"];
        let d = decode(&cells_of(&td1, &[(0, 2, b'O', 0.93), (1, 16, b'O', 0.92)])).unwrap();
        assert_eq!(d.repaired.lines[0], td1[0]);
        assert_eq!(d.repaired.lines[1], td1[1]);
        let d = decode(&cells_of(&td1, &[(1, 16, b'O', 1.2)])).unwrap();
        assert_eq!(&d.repaired.lines[1][15..18], "NOA");
    }

    #[test]
    fn german_document_numbers_use_their_alphabet() {
        // `S` (value 28) for `8` leaves every check digit right: only the
        // German number alphabet, which has no `S`, tells them apart.
        let ear =
            ["ARD<<Y68ZTGX689<<<<<<<<<<<<<<<", "9209242M1907151IND<<<<<<<<<<<8", "DIMITROV<<OLEKSANDR<EMRE<<<<<<"];
        let d = decode(&cells_of(&ear, &[(0, 7, b'S', 0.95)])).unwrap();
        assert!(d.repaired.failed.is_empty());
        assert_eq!(d.repaired.lines[0], ear[0]);
        // Another state's number may hold an `S`: the reading stands.
        let foreign = ["ARFRAY68ZTGX689<<<<<<<<<<<<<<<", ear[1], ear[2]];
        let d = decode(&cells_of(&foreign, &[(0, 7, b'S', 0.95)])).unwrap();
        assert!(d.repaired.failed.is_empty());
        assert_eq!(&d.repaired.lines[0][5..9], "Y6SZ");
    }

    #[test]
    fn wrong_shapes_are_not_decoded() {
        let c = cells_of(&["ABC", "DEF"], &[]);
        assert!(decode(&c).is_none());
    }
}
