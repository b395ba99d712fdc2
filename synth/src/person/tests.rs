use super::*;
use crate::checksum::verify;

fn all_kinds() -> Vec<DocKind> {
    let mut v = DocKind::GERMAN.to_vec();
    v.push(DocKind::ForeignId { state: "FRA" });
    v.push(DocKind::ForeignPassport { state: "TUR" });
    v
}

/// Verifies every check digit by fixed positions (independent of mrz::parse).
fn checks_ok(lines: &[String]) -> bool {
    let l: Vec<&str> = lines.iter().map(String::as_str).collect();
    let last = |s: &str| s.chars().last().unwrap();
    let at = |s: &str, i: usize| s.chars().nth(i).unwrap();
    match l.len() {
        3 => {
            verify(&l[0][5..14], at(l[0], 14))
                && verify(&l[1][0..6], at(l[1], 6))
                && verify(&l[1][8..14], at(l[1], 14))
                && verify(&format!("{}{}{}{}", &l[0][5..30], &l[1][0..7], &l[1][8..15], &l[1][18..29]), last(l[1]))
        }
        2 => {
            let n = l[1].len();
            let end = n - 1;
            verify(&l[1][0..9], at(l[1], 9))
                && verify(&l[1][13..19], at(l[1], 19))
                && verify(&l[1][21..27], at(l[1], 27))
                && verify(&format!("{}{}{}", &l[1][0..10], &l[1][13..20], &l[1][21..end]), last(l[1]))
        }
        _ => false,
    }
}

#[test]
fn every_kind_has_right_shape_alphabet_and_checks() {
    let mut rng = Rng::new(42);
    for _ in 0..300 {
        for kind in all_kinds() {
            let p = kind.random_holder(&mut rng);
            let lines = mrz_lines(&p, kind);
            let (n, w) = match kind {
                DocKind::IdCard2010 | DocKind::IdCard2021 | DocKind::ResidencePermit | DocKind::ForeignId { .. } => {
                    (3, 30)
                }
                DocKind::IdCardOld | DocKind::ProvisionalId | DocKind::Ankunftsnachweis => (2, 36),
                _ => (2, 44),
            };
            assert_eq!(lines.len(), n, "{kind:?}");
            for l in &lines {
                assert_eq!(l.len(), w, "{kind:?} {l}");
                assert!(l.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '<'), "{l}");
            }
            assert!(checks_ok(&lines), "{kind:?} {lines:?}");
        }
    }
}

#[test]
fn german_specifics() {
    let mut rng = Rng::new(5);
    for _ in 0..200 {
        let p = Person::random(&mut rng);
        let id = mrz_lines(&p, DocKind::IdCard2010);
        assert!(id[0].starts_with("IDD<<"));
        assert!(ID_CARD_FIRST.contains(&id[0][5..6]), "{}", id[0]);
        assert!(id[0][5..14].chars().all(|c| DOCUMENT_NUMBER_ALPHABET.contains(c)));
        assert_eq!(&id[1][7..8], "<", "sex is < on ID cards");
        assert_eq!(&id[1][15..18], "D<<");
        let id21 = mrz_lines(&p, DocKind::IdCard2021);
        assert_eq!(&id21[1][18..22], "2108");
        let pass = mrz_lines(&p, DocKind::Passport);
        assert!(pass[0].starts_with("P<D<<"));
        assert!(PASSPORT_FIRST.contains(&pass[1][0..1]));
        assert_eq!(&pass[1][10..13], "D<<");
        assert!(mrz_lines(&p, DocKind::ChildPassport)[0].starts_with("PCD<<"));
        assert!(mrz_lines(&p, DocKind::ProvisionalPassport)[0].starts_with("PPD<<"));
        let old = mrz_lines(&p, DocKind::IdCardOld);
        assert!(old[0].starts_with("IDD<<") && old[1][0..9].chars().all(|c| c.is_ascii_digit()));
        let prov = mrz_lines(&p, DocKind::ProvisionalId);
        assert!(prov[0].starts_with("ITD<<"));
        assert!(prov[1][1..8].chars().all(|c| c.is_ascii_digit()) && &prov[1][8..9] == "<");
        let f = Person::random_foreign(&mut rng);
        let ar = mrz_lines(&f, DocKind::ResidencePermit);
        assert!(ar[0].starts_with("ARD<<"));
        assert_eq!(&ar[1][15..18], pad(&f.nationality, 3));
        assert!(mrz_lines(&f, DocKind::Ankunftsnachweis)[0].starts_with("MED<<"));
    }
}

#[test]
fn names_are_transliterated_and_never_the_specimen() {
    assert_eq!(transliterate("Schulte-Vogelsang"), "SCHULTE<VOGELSANG");
    assert_eq!(transliterate("Oßwald"), "OSSWALD");
    assert_eq!(transliterate("Jürgen"), "JUERGEN");
    assert_eq!(transliterate("Yılmaz"), "YILMAZ");
    assert_eq!(transliterate("Şahin"), "SAHIN");
    let mut rng = Rng::new(9);
    for _ in 0..500 {
        let p = DocKind::random(&mut rng).random_holder(&mut rng);
        assert_ne!(transliterate(&p.surname), "MUSTERMANN");
        assert!(name_field(&p, 30).contains("<<"));
    }
}

#[test]
fn damaged_char_breaks_exactly_one_character_and_a_check() {
    let mut rng = Rng::new(11);
    for _ in 0..300 {
        let kind = DocKind::random(&mut rng);
        let p = kind.random_holder(&mut rng);
        let lines = mrz_lines(&p, kind);
        let bad = with_damaged_char(&lines, &mut rng);
        let diff: usize =
            lines.iter().zip(&bad).map(|(a, b)| a.chars().zip(b.chars()).filter(|(x, y)| x != y).count()).sum();
        assert_eq!(diff, 1);
        assert!(!checks_ok(&bad), "{bad:?}");
    }
}

#[test]
fn generation_is_deterministic() {
    let a = Person::random(&mut Rng::new(77));
    let b = Person::random(&mut Rng::new(77));
    assert_eq!(a, b);
    assert_eq!(mrz_lines(&a, DocKind::Passport), mrz_lines(&b, DocKind::Passport));
}
