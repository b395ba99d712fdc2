//! Turns ranked character candidates into MRZ lines: the layout's character
//! classes per position (digits in dates, letters in names) pick the best
//! allowed candidate, then failing check digits are repaired by the cheapest
//! single substitution among close alternatives.

use super::sample::ReadCell;
use crate::mrz::MrzFormat;
use crate::mrz::checksum::check_digit_of;
use crate::mrz::ocrb::Candidate;
use crate::mrz::parse::{CharClass as Class, Check, Layout, format_of, layout};
use settle::{settle_german_code, settle_state};
use std::sync::LazyLock;

mod settle;

/// The layout of a `lines` x `len` reading as the image decoder reads it:
/// the one layout table (`mrz::parse::layout`, document numbers in the
/// alphabet of any state), except that a TD2/TD3 document number's check
/// digit is read as a digit (this reader does not read long numbers there).
fn layout_of(lines: usize, len: usize) -> Option<&'static Layout> {
    static IMAGE: LazyLock<Vec<Layout>> = LazyLock::new(|| {
        [MrzFormat::TD1, MrzFormat::TD2, MrzFormat::TD3]
            .into_iter()
            .map(|f| {
                let mut lay = layout(f, false).clone();
                if f != MrzFormat::TD1
                    && let Some(&(l, c)) = lay.checks.iter().find(|c| c.name == "document_number").map(|c| &c.digit)
                {
                    lay.classes[l][c] = Class::Digit;
                }
                lay
            })
            .collect()
    });
    let format = format_of(lines, len)?;
    IMAGE.iter().find(|l| l.format == format)
}

/// Lines and characters per line of a layout.
fn size(layout: &Layout) -> (usize, usize) {
    (layout.classes.len(), layout.classes.first().map_or(0, Vec::len))
}

/// Alternatives that cost more than this (in correlation) are never used to
/// repair a check digit.
const MAX_LOSS: f32 = 0.15;

/// A cell violates its class when its best allowed candidate trails the
/// best overall by more than this.
const VIOLATION_MARGIN: f32 = 0.15;

/// The result of decoding a read group.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// Layout.
    pub format: MrzFormat,
    /// Lines after correction.
    pub lines: Vec<String>,
    /// Names of checks that still fail.
    pub failed: Vec<&'static str>,
    /// Checks that passed before any correction.
    pub raw_passed: usize,
    /// Number of checks.
    pub n_checks: usize,
    /// Mean best score over all cells (classification confidence).
    pub mean_score: f32,
    /// Cells whose best candidate is clearly not allowed by the layout
    /// (a letter well ahead of every digit in a date): few on a real MRZ.
    pub violations: usize,
    /// Characters changed to make checks pass.
    pub repairs: usize,
    /// The first character read as a document-code letter (`A C I M P V`).
    pub code_ok: bool,
    /// Read as printed, with one field's check digit wrong on the document
    /// (see `single_misprint`).
    pub misprint: bool,
}

/// The candidates `class` allows, best first, and whether the cell violates
/// its class (its best allowed candidate trails the best overall).
fn allowed_of(class: Class, ranked: &[Candidate]) -> (Vec<Candidate>, bool) {
    let mut v: Vec<Candidate> = ranked.iter().copied().filter(|c| class.allows(char::from(c.ch))).take(5).collect();
    if class == Class::AlphaNum {
        prefer_digit_zero(&mut v);
    }
    let violates = v.first().is_none_or(|c| ranked.first().is_some_and(|t| c.score < t.score - VIOLATION_MARGIN));
    (v, violates)
}

/// Most class violations a reading of `lines` lines of `len` may have to be
/// reported (see [`Decoded::violations`]); `None` for no layout.
pub fn violation_limit(lines: usize, len: usize) -> Option<usize> {
    layout_of(lines, len).map(|_| lines * len / 10)
}

/// Whether the cell at `(line, pos)` of a `lines` x `len` reading counts as
/// a violation in [`decode`] (empty, or its class clearly not read), so a
/// read can stop as soon as the limit is passed.
pub fn violates(lines: usize, len: usize, line: usize, pos: usize, cell: &ReadCell) -> bool {
    let Some(layout) = layout_of(lines, len) else { return false };
    cell.ranked.is_empty() || allowed_of(layout.classes[line][pos], &cell.ranked).1
}

/// Decodes cells whose line count and length fit a layout; `None` otherwise.
pub fn decode(cells: &[Vec<ReadCell>]) -> Option<Decoded> {
    let len = cells.first().map_or(0, Vec::len);
    let layout = layout_of(cells.len(), len).filter(|&l| cells.iter().all(|c| c.len() == size(l).1))?;
    let mut empty = 0;
    let mut score_sum = 0.0;
    let mut violations = 0;
    // Per position: allowed candidates, best first.
    let mut allowed: Vec<Vec<Vec<Candidate>>> = cells
        .iter()
        .enumerate()
        .map(|(l, line)| {
            line.iter()
                .enumerate()
                .map(|(i, cell)| {
                    let class = layout.classes[l][i];
                    if cell.ranked.is_empty() {
                        empty += 1;
                        violations += 1;
                        return vec![Candidate { ch: b'<', score: 0.0 }];
                    }
                    score_sum += cell.ranked[0].score;
                    let (v, violates) = allowed_of(class, &cell.ranked);
                    violations += usize::from(violates);
                    v
                })
                .collect()
        })
        .collect();
    if empty > 2 {
        return None;
    }
    let (n_lines, n_len) = size(layout);
    let n_cells = (n_lines * n_len) as f32;
    let mut text: Vec<Vec<u8>> = allowed.iter().map(|l| l.iter().map(|c| c[0].ch).collect()).collect();
    for &(l, s) in &layout.states {
        let ranked: Vec<&[Candidate]> = cells[l][s..s + 3].iter().map(|c| c.ranked.as_slice()).collect();
        settle_state(&mut text[l][s..s + 3], &ranked);
    }
    if &text[0][2..5] == b"D<<" {
        settle_german_code(&mut text[0][..2], &cells[0][0].ranked, &cells[0][1].ranked);
        if matches!(&text[0][..2], b"ID" | b"P<" | b"PC" | b"PP" | b"AR")
            && let Some(ck) = layout.checks.iter().find(|c| c.name == "document_number")
        {
            for &(l, s, e) in &ck.parts {
                for i in s..e {
                    narrow_to_german_number(&mut allowed[l][i]);
                    text[l][i] = allowed[l][i][0].ch;
                }
            }
        }
    }
    let passes = |t: &Vec<Vec<u8>>, ck: &Check| {
        let seq = ck.parts.iter().flat_map(|&(l, s, e)| t[l][s..e].iter().map(|&c| char::from(c)));
        let d = t[ck.digit.0][ck.digit.1];
        let d = if d == b'<' && layout.classes[ck.digit.0][ck.digit.1] == Class::DigitOrFiller { b'0' } else { d };
        check_digit_of(seq) == Some(char::from(d))
    };
    // An optional check digit is `<` only over an empty field.
    for ck in &layout.checks {
        let (l, i) = ck.digit;
        let filled = ck.parts.iter().any(|&(fl, s, e)| text[fl][s..e].iter().any(|&c| c != b'<'));
        if filled
            && text[l][i] == b'<'
            && let Some(d) = cells[l][i].ranked.iter().find(|c| c.ch.is_ascii_digit())
        {
            text[l][i] = d.ch;
        }
    }
    let raw_passed = layout.checks.iter().filter(|ck| passes(&text, ck)).count();
    let code_ok = cells[0][0].ranked.first().is_some_and(|c| b"ACIMPV".contains(&c.ch));
    let before = text.clone();
    let mut failed = Vec::new();
    let mut protected: Vec<(usize, usize)> = Vec::new();
    for ck in &layout.checks {
        if !passes(&text, ck) {
            repair(&mut text, &allowed, ck, &protected, &passes);
        }
        if passes(&text, ck) {
            if !ck.is_composite() {
                for &(l, s, e) in &ck.parts {
                    protected.extend((s..e).map(|i| (l, i)));
                }
                protected.push(ck.digit);
            }
        } else {
            failed.push(ck.name);
        }
    }
    let repairs = text.iter().zip(&before).map(|(a, b)| a.iter().zip(b).filter(|(x, y)| x != y).count()).sum();
    let misprint = single_misprint(&text, &failed, layout, &passes);
    let lines = text.into_iter().map(|l| String::from_utf8_lossy(&l).into_owned()).collect();
    Some(Decoded {
        format: layout.format,
        lines,
        failed,
        raw_passed,
        n_checks: layout.checks.len(),
        mean_score: score_sum / n_cells,
        violations,
        repairs,
        code_ok,
        misprint,
    })
}

/// Whether the failing checks are one field's check digit and the
/// composite, and writing the field's computed digit in its place makes
/// every check hold: the MRZ was read as printed and one check digit on the
/// document is wrong (a misprint, or a damaged copy). By chance a reading
/// does this one time in ten at most, beside all its other checks.
fn single_misprint(
    text: &[Vec<u8>],
    failed: &[&str],
    layout: &Layout,
    passes: &dyn Fn(&Vec<Vec<u8>>, &Check) -> bool,
) -> bool {
    let fields: Vec<&Check> = layout.checks.iter().filter(|c| !c.is_composite() && failed.contains(&c.name)).collect();
    let [field] = fields.as_slice() else { return false };
    if failed.len() != 2 || !layout.checks.iter().any(|c| c.is_composite() && failed.contains(&c.name)) {
        return false;
    }
    let mut fixed = text.to_vec();
    let seq = field.parts.iter().flat_map(|&(l, s, e)| fixed[l][s..e].iter().map(|&c| char::from(c)));
    let Some(digit) = check_digit_of(seq) else { return false };
    fixed[field.digit.0][field.digit.1] = digit as u8;
    layout.checks.iter().all(|c| passes(&fixed, c))
}

/// German ID cards, passports and residence permits number their documents
/// in the German number alphabet (`CharClass::GermanNumber`: no vowels, no
/// `B D Q S`): an `S` read there is a `5` or an `8`. The provisional ID (`IT`) and
/// the Ankunftsnachweis (`ME`) are not documented to follow this and keep
/// their reading. A cell with no such candidate keeps its list (the check
/// digit then decides).
fn narrow_to_german_number(v: &mut Vec<Candidate>) {
    let german = |c: &Candidate| Class::GermanNumber.allows(char::from(c.ch));
    if v.iter().any(german) {
        v.retain(german);
    }
}

/// In mixed fields (document numbers, optional data) OCR-B `O` and `0` differ
/// little, and document numbers avoid `O`: a close `0` wins.
fn prefer_digit_zero(v: &mut [Candidate]) {
    if v.first().is_some_and(|c| c.ch == b'O')
        && let Some(k) = v.iter().position(|c| c.ch == b'0')
        && v[0].score - v[k].score < 0.25
    {
        v[..=k].rotate_right(1);
    }
}

/// Tries the cheapest single substitution that makes `ck` pass.
fn repair(
    text: &mut [Vec<u8>],
    allowed: &[Vec<Vec<Candidate>>],
    ck: &Check,
    protected: &[(usize, usize)],
    passes: &dyn Fn(&Vec<Vec<u8>>, &Check) -> bool,
) {
    let mut t = text.to_vec();
    let mut best: Option<(f32, usize, usize, u8)> = None;
    for (l, i) in ck.positions() {
        if protected.contains(&(l, i)) {
            continue;
        }
        let alts = &allowed[l][i];
        let top = alts[0].score;
        let orig = t[l][i];
        for alt in alts.iter().skip(1) {
            let loss = top - alt.score;
            if loss > MAX_LOSS || best.is_some_and(|b| b.0 <= loss) {
                continue;
            }
            t[l][i] = alt.ch;
            if passes(&t, ck) {
                best = Some((loss, l, i, alt.ch));
            }
        }
        t[l][i] = orig;
    }
    if let Some((_, l, i, c)) = best {
        text[l][i] = c;
    }
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
            assert_eq!(d.failed.is_empty(), ok, "case {k}: {:?} {:?}", d.lines, d.failed);
            if ok {
                assert_eq!(d.lines, lines.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "case {k}");
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
        assert_eq!(d.lines[0], td1[0]);
        assert_eq!(d.lines[1], td1[1]);
        let d = decode(&cells_of(&td1, &[(1, 16, b'O', 1.2)])).unwrap();
        assert_eq!(&d.lines[1][15..18], "NOA");
    }

    #[test]
    fn german_document_numbers_use_their_alphabet() {
        // `S` (value 28) for `8` leaves every check digit right: only the
        // German number alphabet, which has no `S`, tells them apart.
        let ear =
            ["ARD<<Y68ZTGX689<<<<<<<<<<<<<<<", "9209242M1907151IND<<<<<<<<<<<8", "DIMITROV<<OLEKSANDR<EMRE<<<<<<"];
        let d = decode(&cells_of(&ear, &[(0, 7, b'S', 0.95)])).unwrap();
        assert!(d.failed.is_empty());
        assert_eq!(d.lines[0], ear[0]);
        // Another state's number may hold an `S`: the reading stands.
        let foreign = ["ARFRAY68ZTGX689<<<<<<<<<<<<<<<", ear[1], ear[2]];
        let d = decode(&cells_of(&foreign, &[(0, 7, b'S', 0.95)])).unwrap();
        assert!(d.failed.is_empty());
        assert_eq!(&d.lines[0][5..9], "Y6SZ");
    }

    #[test]
    fn wrong_shapes_are_not_decoded() {
        let c = cells_of(&["ABC", "DEF"], &[]);
        assert!(decode(&c).is_none());
    }
}
