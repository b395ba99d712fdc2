//! Masks personal data in MRZ lines for reports: only the document code and
//! the issuing state (the first five characters of the first line) stay;
//! every other character that is not a filler `<` becomes `*`, so names,
//! numbers, dates, sex, nationality and check digits are all hidden while the
//! MRZ's shape stays recognisable.
//!
//! This is the one masking rule of the project: the JSON report masks the
//! lines read, and the HTML report masks them again with the same function
//! (its lines may come from a report read back from a file), so that no
//! report shows more than this rule lets through.

/// Characters at the start of the first line that are kept (code + issuer).
pub const KEPT_PREFIX: usize = 5;

/// What a hidden character becomes.
pub const MASK: char = '*';

/// Whether character `c` at position `pos` of line `line` stays visible:
/// a filler, or a letter (or an already masked character) among the first
/// [`KEPT_PREFIX`] of the first line. Document codes and issuing states are
/// letters, so anything else there is not one and is hidden too.
fn kept(line: usize, pos: usize, c: char) -> bool {
    c == '<' || (line == 0 && pos < KEPT_PREFIX && (c.is_ascii_uppercase() || c == MASK))
}

/// The lines with personal data masked. Idempotent, so lines that may
/// already be masked (a saved report's) can be masked again safely.
pub fn mask_lines<S: AsRef<str>>(lines: &[S]) -> Vec<String> {
    lines
        .iter()
        .enumerate()
        .map(|(li, l)| l.as_ref().chars().enumerate().map(|(i, c)| if kept(li, i, c) { c } else { MASK }).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ausweisscan_synth::person::{DocKind, mrz_lines, transliterate};
    use ausweisscan_synth::rng::Rng;

    #[test]
    fn specimen_keeps_only_code_issuer_and_fillers() {
        let m = mask_lines(&[
            "IDD<<T220001293<<<<<<<<<<<<<<<",
            "6408125<2010315D<<<<<<<<<<<<<4",
            "MUSTERMANN<<ERIKA<<<<<<<<<<<<<",
        ]);
        assert_eq!(
            m,
            ["IDD<<**********<<<<<<<<<<<<<<<", "*******<********<<<<<<<<<<<<<*", "**********<<*****<<<<<<<<<<<<<"]
        );
        let p = mask_lines(&["P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<"]);
        assert_eq!(p[0], "P<D<<**********<<*****<<<<<<<<<<<<<<<<<<<<<<");
    }

    #[test]
    fn masking_again_changes_nothing() {
        let lines =
            ["IDD<<T220001293<<<<<<<<<<<<<<<", "6408125<2010315D<<<<<<<<<<<<<4", "MUSTERMANN<<ERIKA<<<<<<<<<<<<<"];
        let want =
            ["IDD<<**********<<<<<<<<<<<<<<<", "*******<********<<<<<<<<<<<<<*", "**********<<*****<<<<<<<<<<<<<"];
        assert_eq!(mask_lines(&lines), want);
        assert_eq!(mask_lines(&mask_lines(&lines)), want, "idempotent");
        assert_eq!(mask_lines(&["P<D<<MUSTER"]), ["P<D<<******"]);
    }

    #[test]
    fn only_letters_survive_in_the_kept_prefix() {
        assert_eq!(mask_lines(&["12345"]), ["*****"], "digits never kept");
        assert_eq!(mask_lines(&["I1d<<X"]), ["I**<<*"], "no digit or lower case letter in code or issuer");
        assert_eq!(mask_lines(&["IDD<<", "IDD<<"]), ["IDD<<", "***<<"], "only the first line keeps a prefix");
    }

    #[test]
    fn no_personal_data_survives_masking() {
        let mut rng = Rng::new(4);
        for _ in 0..300 {
            let kind = DocKind::random(&mut rng);
            let p = kind.random_holder(&mut rng);
            let lines = mrz_lines(&p, kind);
            let masked = mask_lines(&lines).join("\n");
            assert_eq!(masked.len(), lines.join("\n").len());
            assert!(!masked.contains(&p.birth_date.yymmdd()));
            assert!(!masked.chars().any(|c| c.is_ascii_digit()), "{masked}");
            let sur = transliterate(&p.surname);
            assert!(sur.len() < 3 || !masked.contains(&sur[..3]), "{masked}");
            assert_eq!(&masked[..5], &lines[0][..5]);
        }
    }
}
