//! The check-digit correction engine shared by both MRZ finders.
//!
//! Two entries share its candidate lists and its repair (`fix`): plain or
//! OCR'd text through [`correct`] (below), and input ranked by the image
//! reader's classifier through [`repair::repair_ranked`], which also
//! settles fields without a check digit from their ranked alternatives.
//!
//! Input is, per line and position, a ranked list of candidate characters
//! with costs (from the image OCR), or plain text lines. Every position is
//! narrowed to what its field allows (digits in dates, letters in names, the
//! German document-number alphabet...). Where a field's check digit fails,
//! the engine tries the next-best candidates of that field's characters,
//! common OCR confusions included (O/0, I/1, B/8, S/5, Z/2, G/6, D/0, K/`<`),
//! and keeps a change only if the check then passes. The search is bounded:
//! at most [`MAX_CHANGES_PER_CHECK`] changes per check among the
//! [`MAX_SINGLES`] cheapest single changes.

use super::parse::{CharClass, Check, Layout, Parsed, code_fits, format_of, layout, parse};
use super::{MrzReading, MrzSource};
use crate::evidence::BBox;

pub(super) mod repair;
mod settle;

/// Candidates for one position, best (lowest cost) first.
pub(super) type Ranked = Vec<(char, f32)>;

/// Extra cost of a candidate reached through a confusion pair.
pub(super) const CONFUSION_COST: f32 = 1.0;
/// Cost of a guessed character where no candidate fits the field.
pub(super) const GUESS_COST: f32 = 6.0;
/// Most characters changed to make one check pass.
pub(super) const MAX_CHANGES_PER_CHECK: usize = 2;
/// Cheapest single changes considered when combining changes.
pub(super) const MAX_SINGLES: usize = 16;
/// Candidates kept per position.
const KEEP: usize = 5;
/// Most positions whose character fits no candidate of their field; more
/// and the lines are no MRZ.
pub(super) const MAX_GUESSES: usize = 2;

/// Pairs of characters OCR (of OCR-B, or a scan's text layer) confuses.
pub(super) const CONFUSIONS: [(char, char); 15] = [
    ('O', '0'),
    ('Q', '0'),
    ('D', '0'),
    ('U', '0'),
    ('I', '1'),
    ('L', '1'),
    ('T', '1'),
    ('B', '8'),
    ('S', '5'),
    ('Z', '2'),
    ('G', '6'),
    ('A', '4'),
    ('T', '7'),
    ('K', '<'),
    ('E', '<'),
];

/// A corrected reading with what the correction cost.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Corrected {
    /// The reading (checks as they stand after correction).
    pub reading: MrzReading,
    /// Every field, parsed from the corrected lines.
    pub parsed: Parsed,
    /// Sum of the chosen candidates' costs.
    pub cost: f32,
    /// Positions whose character differs from the top-ranked input.
    pub changes: usize,
}

/// Ranked candidates for a text line: each character at cost 0 (uppercased,
/// `«` and look-alikes as `<`).
pub(super) fn ranked_from_text(line: &str) -> Vec<Ranked> {
    line.chars().map(|c| vec![(normalize_char(c), 0.0)]).collect()
}

/// Maps look-alikes of `<` to `<` and letters to upper case.
pub(super) fn normalize_char(c: char) -> char {
    match c {
        '«' | '‹' | '＜' | '〈' | '⟨' => '<',
        _ => c.to_ascii_uppercase(),
    }
}

/// Corrects plain text lines (already cut to an MRZ format's shape).
pub(super) fn correct_text<S: AsRef<str>>(lines: &[S], source: MrzSource, bbox: Option<BBox>) -> Option<Corrected> {
    let ranked: Vec<Vec<Ranked>> = lines.iter().map(|l| ranked_from_text(l.as_ref())).collect();
    correct(&ranked, source, bbox)
}

/// Corrects ranked OCR output. None if the lines fit no MRZ format or the
/// document code fits none; otherwise the best reading, `checks_passed`
/// when every check digit is right after correction.
pub(super) fn correct(lines: &[Vec<Ranked>], source: MrzSource, bbox: Option<BBox>) -> Option<Corrected> {
    let width = lines.first()?.len();
    if lines.iter().any(|l| l.len() != width) {
        return None;
    }
    let format = format_of(lines.len(), width)?;
    let top: Vec<Vec<char>> =
        lines.iter().map(|l| l.iter().map(|r| r.first().map_or('?', |x| x.0)).collect()).collect();
    // Issuing state first: it decides the document-number alphabet.
    let state: String = (2..5).map(|c| best_of(&lines[0][c], CharClass::Alpha, |_| true).0).collect();
    let lay = layout(format, matches!(state.as_str(), "D<<" | "DKK" | "DK<" | "D<K"));
    let mut cands: Vec<Vec<Ranked>> = Vec::with_capacity(lines.len());
    for (l, line) in lines.iter().enumerate() {
        let mut row = Vec::with_capacity(width);
        for (c, ranked) in line.iter().enumerate() {
            let class = lay.classes[l][c];
            let list = if (l, c) == (0, 0) {
                candidates(ranked, class, |ch| code_fits(ch, format))
            } else {
                candidates(ranked, class, |_| true)
            };
            row.push(list);
        }
        cands.push(row);
    }
    if cands[0][0].first().is_none_or(|x| x.1 >= GUESS_COST) {
        return None;
    }
    let guesses = cands.iter().flatten().filter(|r| r.first().is_some_and(|x| x.1 >= GUESS_COST)).count();
    if guesses > MAX_GUESSES {
        return None;
    }
    // `D` followed by fillers read as K: Germany's code is `D<<`.
    for (l, c) in lay.states {
        if cands[l][c][0].0 == 'D' && (1..3).all(|i| matches!(cands[l][c + i][0].0, 'K' | '<')) {
            for i in 1..3 {
                cands[l][c + i] = vec![('<', cands[l][c + i][0].1)];
            }
        }
    }
    let mut choice: Vec<Vec<usize>> = cands.iter().map(|r| vec![0; r.len()]).collect();
    let overflow = is_overflow(lay, &cands, &choice);
    let field_checks = lay.checks.len() - 1;
    let mut all_fields_ok = true;
    for check in &lay.checks[..field_checks] {
        if check.name == "document_number" && overflow {
            continue;
        }
        let positions = check.positions();
        if !fix(check, &positions, &cands, &mut choice, MAX_CHANGES_PER_CHECK, f32::INFINITY) {
            all_fields_ok = false;
        }
    }
    if all_fields_ok && let Some(composite) = lay.checks.last() {
        let others: Vec<(usize, usize)> = lay.checks[..field_checks].iter().flat_map(Check::positions).collect();
        let free: Vec<(usize, usize)> = composite.positions().into_iter().filter(|p| !others.contains(p)).collect();
        fix(composite, &free, &cands, &mut choice, MAX_CHANGES_PER_CHECK, f32::INFINITY);
    }
    let grid = grid_of(&cands, &choice);
    let out: Vec<String> = grid.iter().map(|r| r.iter().collect()).collect();
    let cost: f32 = cands.iter().zip(&choice).flat_map(|(r, ch)| r.iter().zip(ch).map(|(c, &i)| c[i].1)).sum();
    let changes = grid.iter().zip(&top).flat_map(|(a, b)| a.iter().zip(b)).filter(|(a, b)| a != b).count();
    let parsed = parse(&out).ok()?;
    let reading = parsed.clone().into_reading(source, bbox);
    Some(Corrected { reading, parsed, cost, changes })
}

/// The best candidate of a class, with its cost (`<` at guess cost if none).
fn best_of(ranked: &Ranked, class: CharClass, extra: impl Fn(char) -> bool) -> (char, f32) {
    candidates(ranked, class, extra).first().copied().unwrap_or(('<', GUESS_COST))
}

/// Candidates allowed by `class` (confusions added), cheapest first; a
/// guess list when none fits.
fn candidates(ranked: &Ranked, class: CharClass, extra: impl Fn(char) -> bool) -> Ranked {
    let mut out: Ranked = Vec::new();
    let push = |c: char, cost: f32, out: &mut Ranked| {
        if class.allows(c) && extra(c) {
            match out.iter_mut().find(|x| x.0 == c) {
                Some(x) => x.1 = x.1.min(cost),
                None => out.push((c, cost)),
            }
        }
    };
    for &(c, cost) in ranked {
        let c = normalize_char(c);
        push(c, cost, &mut out);
        for &(a, b) in &CONFUSIONS {
            if c == a {
                push(b, cost + CONFUSION_COST, &mut out);
            } else if c == b {
                push(a, cost + CONFUSION_COST, &mut out);
            }
        }
    }
    out.sort_by(|a, b| a.1.total_cmp(&b.1));
    out.truncate(KEEP);
    if out.is_empty() {
        let guesses: &str = match class {
            CharClass::Digit | CharClass::DigitOrFiller => "0123456789",
            _ => "<",
        };
        out = guesses.chars().filter(|&c| extra(c)).map(|c| (c, GUESS_COST)).collect();
    }
    out
}

fn grid_of(cands: &[Vec<Ranked>], choice: &[Vec<usize>]) -> Vec<Vec<char>> {
    cands.iter().zip(choice).map(|(r, ch)| r.iter().zip(ch).map(|(c, &i)| c[i].0).collect()).collect()
}

/// A long document number: check-digit place holds `<` and the optional
/// data right after it is used.
fn is_overflow(lay: &Layout, cands: &[Vec<Ranked>], choice: &[Vec<usize>]) -> bool {
    let Some(check) = lay.checks.iter().find(|c| c.name == "document_number") else { return false };
    let (l, c) = check.digit;
    let next = match lay.format {
        super::MrzFormat::TD1 => (0, 15),
        _ => (1, 28),
    };
    cands[l][c][choice[l][c]].0 == '<' && cands[next.0][next.1][choice[next.0][next.1]].0 != '<'
}

/// Makes `check` pass by changing at most `max_changes` (1 or 2) of
/// `positions` to other candidates, each at most `max_added` dearer than
/// the one it replaces, the cheapest way. True if it passes.
fn fix(
    check: &Check,
    positions: &[(usize, usize)],
    cands: &[Vec<Ranked>],
    choice: &mut [Vec<usize>],
    max_changes: usize,
    max_added: f32,
) -> bool {
    let mut grid = grid_of(cands, choice);
    if check.passes(&grid) {
        return true;
    }
    // Single changes (position, candidate index, added cost), cheapest first.
    let mut singles: Vec<((usize, usize), usize, f32)> = Vec::new();
    for &(l, c) in positions {
        let cur = choice[l][c];
        let base = cands[l][c][cur].1;
        for (i, &(_, cost)) in cands[l][c].iter().enumerate() {
            let added = (cost - base).max(0.0);
            if i != cur && added <= max_added {
                singles.push(((l, c), i, added));
            }
        }
    }
    singles.sort_by(|a, b| a.2.total_cmp(&b.2));
    // (added cost, [(position, candidate index)])
    type Change = ((usize, usize), usize);
    let mut best: Option<(f32, Vec<Change>)> = None;
    for &((l, c), i, d) in &singles {
        if best.as_ref().is_some_and(|b| b.0 <= d) {
            break;
        }
        let old = grid[l][c];
        grid[l][c] = cands[l][c][i].0;
        if check.passes(&grid) {
            best = Some((d, vec![((l, c), i)]));
        }
        grid[l][c] = old;
    }
    if max_changes >= 2 {
        // A guessed character is only ever the one change (an erasure).
        let cheap = singles.iter().take_while(|s| s.2 < GUESS_COST).count();
        let top = &singles[..cheap.min(MAX_SINGLES)];
        for (a, &(pa, ia, da)) in top.iter().enumerate() {
            for &(pb, ib, db) in &top[a + 1..] {
                if pa == pb || best.as_ref().is_some_and(|b| b.0 <= da + db) {
                    continue;
                }
                let (oa, ob) = (grid[pa.0][pa.1], grid[pb.0][pb.1]);
                grid[pa.0][pa.1] = cands[pa.0][pa.1][ia].0;
                grid[pb.0][pb.1] = cands[pb.0][pb.1][ib].0;
                if check.passes(&grid) {
                    best = Some((da + db, vec![(pa, ia), (pb, ib)]));
                }
                grid[pa.0][pa.1] = oa;
                grid[pb.0][pb.1] = ob;
            }
        }
    }
    match best {
        Some((_, changes)) => {
            for ((l, c), i) in changes {
                choice[l][c] = i;
            }
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests;
