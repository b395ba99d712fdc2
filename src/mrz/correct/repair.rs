//! Correction of input ranked by a classifier that scores every character
//! at every position (the image reader): each position has its close
//! alternatives with their costs, so fields without a check digit can be
//! settled from them, and a failing check is repaired by the cheapest
//! single alternative within [`MAX_ADDED_COST`]. Plain text (no
//! alternatives) goes through [`super::correct`] instead.

use super::settle::{settle_german_code, settle_state};
use super::{KEEP, MAX_GUESSES, Ranked, fix, grid_of};
use crate::mrz::MrzFormat;
use crate::mrz::checksum::check_digit_of;
use crate::mrz::parse::{CharClass, Check, Layout, format_of, layout};
use crate::mrz::states;

/// Largest added cost of an alternative that repairs a check (0.15 of
/// correlation for the image reader).
pub(crate) const MAX_ADDED_COST: f32 = 1.5;

/// In mixed fields (document numbers, optional data) OCR-B `O` and `0`
/// differ little, and document numbers avoid `O`: a `0` at most this much
/// behind a best `O` goes first.
const ZERO_OVER_O: f32 = 2.5;

/// A corrected reading of ranked input.
#[derive(Clone, Debug, PartialEq)]
pub struct Repaired {
    /// Layout.
    pub format: MrzFormat,
    /// Lines after correction.
    pub lines: Vec<String>,
    /// Names of checks that still fail.
    pub failed: Vec<&'static str>,
    /// Checks that passed before any repair.
    pub raw_passed: usize,
    /// Number of checks.
    pub n_checks: usize,
    /// Characters changed to make checks pass.
    pub repairs: usize,
    /// Read as printed, with one field's check digit wrong on the document:
    /// the failing checks are that field's and the composite, and writing
    /// the field's computed digit in its place makes every check hold (by
    /// chance a reading does this one time in ten at most).
    pub misprint: bool,
}

/// The layout ranked input of `lines` x `len` is read in: the one layout
/// table, document numbers in the alphabet of any state until the document
/// code says German.
pub(crate) fn ranked_layout(lines: usize, len: usize) -> Option<&'static Layout> {
    format_of(lines, len).map(|f| layout(f, false))
}

/// The candidates `class` allows, cheapest first (five at most).
pub(crate) fn allowed(class: CharClass, ranked: &Ranked) -> Ranked {
    let mut v: Ranked = ranked.iter().copied().filter(|c| class.allows(c.0)).take(KEEP).collect();
    if class == CharClass::AlphaNum
        && v.first().is_some_and(|c| c.0 == 'O')
        && let Some(k) = v.iter().position(|c| c.0 == '0')
        && v[k].1 - v[0].1 < ZERO_OVER_O
    {
        v[..=k].rotate_right(1);
    }
    v
}

/// Corrects ranked input (every position's candidates, cheapest first; an
/// empty list where nothing was read). None if the shape fits no layout or
/// more than [`MAX_GUESSES`] positions are empty.
pub(crate) fn repair_ranked(cells: &[Vec<Ranked>]) -> Option<Repaired> {
    let len = cells.first().map_or(0, Vec::len);
    let lay = ranked_layout(cells.len(), len).filter(|_| cells.iter().all(|c| c.len() == len))?;
    if cells.iter().flatten().filter(|r| r.is_empty()).count() > MAX_GUESSES {
        return None;
    }
    let mut cands: Vec<Vec<Ranked>> = cells
        .iter()
        .enumerate()
        .map(|(l, line)| {
            line.iter()
                .enumerate()
                .map(|(i, r)| if r.is_empty() { vec![('<', 0.0)] } else { allowed(lay.classes[l][i], r) })
                .collect()
        })
        .collect();
    let mut choice: Vec<Vec<usize>> = cands.iter().map(|r| vec![0; r.len()]).collect();
    // Fields without a check digit: known state codes, a German document code.
    let fixed = |cands: &mut [Vec<Ranked>], l: usize, s: usize, text: &[u8]| {
        for (k, &ch) in text.iter().enumerate() {
            cands[l][s + k] = vec![(char::from(ch), 0.0)];
        }
    };
    for &(l, s) in &lay.states {
        let mut code: Vec<u8> = (s..s + 3).map(|i| cands[l][i][0].0 as u8).collect();
        let ranked: Vec<&Ranked> = cells[l][s..s + 3].iter().collect();
        settle_state(&mut code, &ranked);
        fixed(&mut cands, l, s, &code);
    }
    let state: String = (2..5).map(|i| cands[0][i][0].0).collect();
    if state == "D<<" {
        let mut code: Vec<u8> = (0..2).map(|i| cands[0][i][0].0 as u8).collect();
        settle_german_code(&mut code, &cells[0][0], &cells[0][1]);
        fixed(&mut cands, 0, 0, &code);
        if states::GERMAN_NUMBERED_CODES.contains(&[code[0], code[1]])
            && let Some(ck) = lay.checks.iter().find(|c| c.name == "document_number")
        {
            for &(l, s, e) in &ck.parts {
                for v in &mut cands[l][s..e] {
                    if v.iter().any(|c| CharClass::GermanNumber.allows(c.0)) {
                        v.retain(|c| CharClass::GermanNumber.allows(c.0));
                    }
                }
            }
        }
    }
    // An optional check digit is `<` only over an empty field.
    for ck in &lay.checks {
        let (l, i) = ck.digit;
        let filled = ck.parts.iter().any(|&(fl, s, e)| (s..e).any(|c| cands[fl][c][choice[fl][c]].0 != '<'));
        if filled
            && cands[l][i][choice[l][i]].0 == '<'
            && let Some(d) = cells[l][i].iter().find(|c| c.0.is_ascii_digit())
            && let Some(k) = cands[l][i].iter().position(|c| c.0 == d.0)
        {
            choice[l][i] = k;
        }
    }
    let before = grid_of(&cands, &choice);
    let raw_passed = lay.checks.iter().filter(|ck| ck.passes(&before)).count();
    let mut failed = Vec::new();
    let mut protected: Vec<(usize, usize)> = Vec::new();
    for ck in &lay.checks {
        let mut passes = ck.passes(&grid_of(&cands, &choice));
        if !passes {
            let free: Vec<(usize, usize)> = ck.positions().into_iter().filter(|p| !protected.contains(p)).collect();
            passes = fix(ck, &free, &cands, &mut choice, 1, MAX_ADDED_COST);
        }
        if !passes {
            failed.push(ck.name);
        } else if !ck.is_composite() {
            protected.extend(ck.positions());
        }
    }
    let grid = grid_of(&cands, &choice);
    let repairs = grid.iter().zip(&before).map(|(a, b)| a.iter().zip(b).filter(|(x, y)| x != y).count()).sum();
    let misprint = single_misprint(&grid, &failed, lay);
    Some(Repaired {
        format: lay.format,
        lines: grid.iter().map(|r| r.iter().collect()).collect(),
        failed,
        raw_passed,
        n_checks: lay.checks.len(),
        repairs,
        misprint,
    })
}

/// See [`Repaired::misprint`].
fn single_misprint(grid: &[Vec<char>], failed: &[&str], lay: &Layout) -> bool {
    let fields: Vec<&Check> = lay.checks.iter().filter(|c| !c.is_composite() && failed.contains(&c.name)).collect();
    let [field] = fields.as_slice() else { return false };
    if failed.len() != 2 || !lay.checks.iter().any(|c| c.is_composite() && failed.contains(&c.name)) {
        return false;
    }
    let mut fixed = grid.to_vec();
    let seq = field.parts.iter().flat_map(|&(l, s, e)| grid[l][s..e].iter().copied());
    let Some(digit) = check_digit_of(seq) else { return false };
    fixed[field.digit.0][field.digit.1] = digit;
    lay.checks.iter().all(|c| c.passes(&fixed))
}
