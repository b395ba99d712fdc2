//! Masks personal data in MRZ lines for reports: only the document code and
//! the issuing state (the first five characters of the first line) stay;
//! every other character that is not a filler `<` becomes `*`, so names,
//! numbers, dates, sex, nationality and check digits are all hidden while the
//! MRZ's shape stays recognisable.

/// Characters at the start of the first line that are kept (code + issuer).
pub const KEPT_PREFIX: usize = 5;

/// The lines with personal data masked.
pub fn mask_lines<S: AsRef<str>>(lines: &[S]) -> Vec<String> {
    lines
        .iter()
        .enumerate()
        .map(|(li, l)| {
            l.as_ref()
                .chars()
                .enumerate()
                .map(|(i, c)| if c == '<' || (li == 0 && i < KEPT_PREFIX) { c } else { '*' })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::person::{DocKind, mrz_lines, transliterate};
    use crate::synth::rng::Rng;

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
