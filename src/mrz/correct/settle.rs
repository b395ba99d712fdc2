//! Settles the fields without a check digit from what they must be: a
//! known state code, and on a German document a documented document code.
//! Used on ranked input (the image reader), where a field's close
//! alternatives are known; losses are cost differences.

use super::Ranked;
use crate::mrz::states;

/// Close alternatives may replace a state code's letters when the code read
/// is unknown (`NOA`) and a known one (`NGA`) is among them.
const STATE_LOSS: f32 = 1.5;

/// Loss up to which a known code one character away from an unknown one
/// read is taken even when it is not close (one of several such codes).
const STATE_FAR_LOSS: f32 = 2.5;

/// Loss up to which a documented German document code replaces the code read.
const CODE_LOSS: f32 = 2.0;

/// Loss of reading `ch` instead of `read` in a cell ranked `ranked`: the
/// cost difference, infinite when `ch` is not ranked.
fn loss_of(ranked: &Ranked, read: u8, ch: u8) -> f32 {
    if ch == read {
        return 0.0;
    }
    let cost = |c: u8| ranked.iter().find(|x| x.0 == char::from(c)).map(|x| x.1);
    match (cost(read), cost(ch)) {
        (Some(a), Some(b)) => (b - a).max(0.0),
        _ => f32::INFINITY,
    }
}

/// Replaces an unknown state code by a known one. State fields carry no
/// check digit, but the code must be a known one, so an unknown reading is
/// certainly wrong: the cheapest known code whose letters are all close
/// alternatives wins; failing that, a known code one character away (`O<<`
/// read for `D<<`, whose `<<` no other code shares) when it is the only such
/// code or its character is not far behind. Otherwise the code stays as read.
pub(super) fn settle_state(code: &mut [u8], ranked: &[&Ranked]) {
    if code.len() != 3 || ranked.len() != 3 || states::is_known(code) {
        return;
    }
    let read = [code[0], code[1], code[2]];
    let losses = |c: &[u8; 3]| -> [f32; 3] { std::array::from_fn(|k| loss_of(ranked[k], read[k], c[k])) };
    let cheapest = |filter: &dyn Fn(&[u8; 3], &[f32; 3]) -> bool| {
        let mut best: Option<(f32, [u8; 3])> = None;
        for c in states::all() {
            let l = losses(c);
            let total: f32 = l.iter().sum();
            if filter(c, &l) && best.is_none_or(|b| total < b.0) {
                best = Some((total, *c));
            }
        }
        best
    };
    if let Some((_, c)) = cheapest(&|_, l| l.iter().all(|&x| x <= STATE_LOSS)) {
        code.copy_from_slice(&c);
        return;
    }
    let one_off = |c: &[u8; 3]| c.iter().zip(&read).filter(|(a, b)| a != b).count() == 1;
    let n_one_off = states::all().iter().filter(|c| one_off(c)).count();
    if let Some((loss, c)) = cheapest(&|c, _| one_off(c))
        && (n_one_off == 1 || loss <= STATE_FAR_LOSS)
    {
        code.copy_from_slice(&c);
    }
}

/// On a German document (issuing state `D<<`, a known structure) the
/// document code is one of the documented ones: an unknown code read
/// (`IO`, `IB` for `ID`) takes the cheapest documented one whose letters
/// are close alternatives. The code has no check digit.
pub(super) fn settle_german_code(code: &mut [u8], first: &Ranked, second: &Ranked) {
    if code.len() != 2 || states::GERMAN_DOC_CODES.iter().any(|c| c[..] == code[..]) {
        return;
    }
    let (a, b) = (code[0], code[1]);
    let best = states::GERMAN_DOC_CODES
        .iter()
        .map(|c| (loss_of(first, a, c[0]) + loss_of(second, b, c[1]), c))
        .filter(|(loss, _)| *loss <= CODE_LOSS)
        .min_by(|x, y| x.0.total_cmp(&y.0));
    if let Some((_, c)) = best {
        code.copy_from_slice(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ranking where `read` costs 0, `others` 10 per 0.1 of score behind
    /// 0.9, and every other character 9.
    fn ranked(read: u8, others: &[(u8, f32)]) -> Ranked {
        let mut v: Ranked = crate::mrz::ocrb::ALPHABET
            .iter()
            .map(|&ch| {
                let score = if ch == read { 0.9 } else { others.iter().find(|o| o.0 == ch).map_or(0.0, |o| o.1) };
                (char::from(ch), (0.9 - score) * 10.0)
            })
            .collect();
        v.sort_by(|a, b| a.1.total_cmp(&b.1));
        v
    }

    #[test]
    fn an_unknown_state_takes_the_only_known_code_one_character_away() {
        // `T<<`: the `<<` were read, `D<<` is the only code ending so.
        let r = [ranked(b'T', &[(b'D', 0.2)]), ranked(b'<', &[]), ranked(b'<', &[])];
        let mut code = *b"T<<";
        settle_state(&mut code, &r.iter().collect::<Vec<_>>());
        assert_eq!(&code, b"D<<");
        // `NOA` has several known codes one character away (`NGA`, `NOR`):
        // only a close one is taken.
        let far = [ranked(b'N', &[]), ranked(b'O', &[(b'G', 0.3)]), ranked(b'A', &[(b'R', 0.2)])];
        let mut code = *b"NOA";
        settle_state(&mut code, &far.iter().collect::<Vec<_>>());
        assert_eq!(&code, b"NOA");
        let near = [ranked(b'N', &[]), ranked(b'O', &[(b'G', 0.7)]), ranked(b'A', &[(b'R', 0.2)])];
        let mut code = *b"NOA";
        settle_state(&mut code, &near.iter().collect::<Vec<_>>());
        assert_eq!(&code, b"NGA");
    }

    #[test]
    fn a_german_document_code_is_a_documented_one() {
        let mut code = *b"IO";
        settle_german_code(&mut code, &ranked(b'I', &[]), &ranked(b'O', &[(b'D', 0.8)]));
        assert_eq!(&code, b"ID");
        // A far alternative is not taken.
        let mut code = *b"IO";
        settle_german_code(&mut code, &ranked(b'I', &[]), &ranked(b'O', &[(b'D', 0.5)]));
        assert_eq!(&code, b"IO");
        // A documented code stays.
        let mut code = *b"IT";
        settle_german_code(&mut code, &ranked(b'I', &[]), &ranked(b'T', &[(b'D', 0.89)]));
        assert_eq!(&code, b"IT");
    }
}
