use super::*;
use ausweisscan_synth::person::{DocKind, mrz_lines, with_damaged_char};
use ausweisscan_synth::rng::Rng;

const ERIKA_2010: [&str; 3] =
    ["IDD<<T220001293<<<<<<<<<<<<<<<", "6408125<2010315D<<<<<<<<<<<<<4", "MUSTERMANN<<ERIKA<<<<<<<<<<<<<"];

fn text(lines: &[&str]) -> Option<Corrected> {
    correct_text(lines, MrzSource::TextLayer, None)
}

#[test]
fn fixes_class_confusions_in_the_specimen() {
    // (noisy lines, expected fixed)
    let cases: [[&str; 3]; 4] = [
        ["IDD<<T22OOO1293<<<<<<<<<<<<<<<", "64O8125<2O1O315D<<<<<<<<<<<<<4", "MUSTERMANN<<ERIKA<<<<<<<<<<<<<"],
        ["IDD<<T22000I293<<<<<<<<<<<<<<<", "64081Z5<Z010315D<<<<<<<<<<<<<4", "MUSTERMANN<<ERIKA<<<<<<<<<<<<<"],
        ["1DD<<T220001293<<<<<<<<<<<<<<<", "6408125K2010315DKK<<<<<<<<<<<4", "MU5TERMANN<<ERIKA<<<<<<<<<<<<<"],
        ["idd<<t220001293«««««««««««««««", "6408125<2010315d<<<<<<<<<<<<<4", "mustermann<<erika<<<<<<<<<<<<<"],
    ];
    for noisy in cases {
        let c = text(&noisy).unwrap();
        assert!(c.reading.checks_passed, "{noisy:?} -> {:?} {:?}", c.reading.lines, c.reading.failed_checks);
        assert_eq!(c.reading.lines, ERIKA_2010, "{noisy:?}");
    }
}

#[test]
fn digit_in_a_document_number_is_fixed_only_where_the_check_says() {
    // O is no German number letter, so it becomes 0 even before any check.
    let c =
        text(&["IDD<<LZ63I1T475<<<<<<<<<<<<<<<", "8308126<3110315D<<2108<<<<<<<9", "MUSTERMANN<<ERIKA<<<<<<<<<<<<<"])
            .unwrap();
    assert!(c.reading.checks_passed, "{:?}", c.reading.lines);
    assert_eq!(&c.reading.lines[0][5..14], "LZ6311T47");
}

#[test]
fn a_wrong_digit_is_reported_not_invented() {
    let mut rng = Rng::new(21);
    for _ in 0..300 {
        let kind = DocKind::random(&mut rng);
        let p = kind.random_holder(&mut rng);
        let bad = with_damaged_char(&mut_lines(&mrz_lines(&p, kind)), &mut rng);
        let c = correct_text(&bad, MrzSource::TextLayer, None).unwrap();
        assert!(!c.reading.checks_passed, "{bad:?} corrected to {:?}", c.reading.lines);
        assert!(
            c.reading.failed_checks.contains(&"birth_date") || c.reading.failed_checks.contains(&"expiry_date"),
            "{:?}",
            c.reading.failed_checks
        );
    }
}

fn mut_lines(l: &[String]) -> Vec<String> {
    l.to_vec()
}

/// Replaces characters with a confusion partner the field does not allow
/// (letters in digit fields), as text-layer OCR does.
fn confuse(lines: &[String], rng: &mut Rng, n: usize) -> Vec<String> {
    let mut g: Vec<Vec<char>> = lines.iter().map(|l| l.chars().collect()).collect();
    for _ in 0..n {
        let l = rng.below(g.len());
        let c = rng.below(g[l].len());
        let ch = g[l][c];
        let partners: Vec<char> = CONFUSIONS.iter().filter(|p| p.1 == ch && ch.is_ascii_digit()).map(|p| p.0).collect();
        if !partners.is_empty() {
            g[l][c] = *rng.pick(&partners);
        }
    }
    g.into_iter().map(|r| r.into_iter().collect()).collect()
}

#[test]
fn generated_persons_with_text_noise_are_restored() {
    let mut rng = Rng::new(99);
    let (mut total, mut passed, mut exact) = (0, 0, 0);
    for _ in 0..400 {
        let kind = DocKind::random(&mut rng);
        let p = kind.random_holder(&mut rng);
        let lines = mrz_lines(&p, kind);
        let noisy = confuse(&lines, &mut rng, 4);
        let c = correct_text(&noisy, MrzSource::TextLayer, None).unwrap();
        total += 1;
        passed += usize::from(c.reading.checks_passed);
        exact += usize::from(c.reading.lines == lines);
    }
    eprintln!("text confusions: {passed}/{total} all checks, {exact}/{total} exact");
    assert!(passed * 100 >= total * 98, "{passed}/{total} pass");
    assert!(exact * 100 >= total * 90, "{exact}/{total} exact");
}

/// OCR-like ranked input: with probability `p` a position's top candidate is
/// a wrong character and the truth comes second.
fn ranked_noise(lines: &[String], rng: &mut Rng, p: f64) -> Vec<Vec<Ranked>> {
    const ALPHA: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";
    lines
        .iter()
        .map(|l| {
            l.chars()
                .map(|t| {
                    let wrong = ALPHA[rng.below(ALPHA.len())] as char;
                    if wrong != t && rng.chance(p) {
                        vec![(wrong, 0.2), (t, 0.5), (ALPHA[rng.below(ALPHA.len())] as char, 0.9)]
                    } else {
                        vec![(t, 0.1), (wrong, 0.8)]
                    }
                })
                .collect()
        })
        .collect()
}

#[test]
fn ranked_ocr_errors_are_corrected_from_second_choices() {
    let mut rng = Rng::new(7);
    let (mut total, mut passed, mut exact_checked) = (0, 0, 0);
    for _ in 0..400 {
        let kind = DocKind::random(&mut rng);
        let p = kind.random_holder(&mut rng);
        let lines = mrz_lines(&p, kind);
        let noisy = ranked_noise(&lines, &mut rng, 0.02);
        let Some(c) = correct(&noisy, MrzSource::Image, Some([0.1, 0.2, 0.3, 0.4])) else { continue };
        total += 1;
        passed += usize::from(c.reading.checks_passed);
        // Checked fields (not names) must equal the truth when checks pass.
        if c.reading.checks_passed && c.parsed.document_number == p.document_number(kind).trim_end_matches('<') {
            exact_checked += 1;
        }
        assert_eq!(c.reading.bbox, Some([0.1, 0.2, 0.3, 0.4]));
    }
    eprintln!("ranked OCR noise 2%: {passed}/{total} all checks, {exact_checked} with the true document number");
    assert!(total >= 390, "{total}");
    assert!(passed * 100 >= total * 95, "{passed}/{total}");
    assert!(exact_checked * 100 >= passed * 97, "{exact_checked}/{passed}");
}

#[test]
fn not_an_mrz_gives_none_or_failed_checks_and_stays_bounded() {
    assert!(text(&["HELLO"]).is_none());
    assert!(text(&["XDD<<T220001293<<<<<<<<<<<<<<<", ERIKA_2010[1], ERIKA_2010[2]]).is_none());
    // Every position offering every character: the search must stay bounded.
    let all: Ranked = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<".chars().map(|c| (c, 1.0)).collect();
    let lines = vec![vec![all.clone(); 44], vec![all; 44]];
    let c = correct(&lines, MrzSource::Image, None);
    assert!(c.is_some());
    let mut rng = Rng::new(1);
    let mut false_pass = 0;
    for _ in 0..500 {
        let junk: Vec<String> =
            (0..3).map(|_| (0..30).map(|_| *rng.pick(&['1', '2', '<', '<', 'A', '7', '0', 'X'])).collect()).collect();
        let mut junk = junk;
        junk[0].replace_range(0..1, "I");
        if let Some(c) = correct_text(&junk, MrzSource::TextLayer, None) {
            false_pass += usize::from(c.reading.checks_passed);
        }
    }
    assert!(false_pass < 5, "{false_pass} random TD1 blocks passed every check");
}

#[test]
fn long_document_numbers_are_left_to_the_parser() {
    let long = ["I<UTOD23145890<7349<<<<<<<<<<<", "3407127M9507122UTO<<<<<<<<<<<2", "STEVENSON<<PETER<JOHN<<<<<<<<<"];
    let c = text(&long).unwrap();
    assert_eq!(c.parsed.document_number, "D23145890734");
    assert_eq!(c.reading.lines, long, "no change invented for the overflow");
    assert!(!c.reading.failed_checks.contains(&"document_number"));
}

#[test]
fn icao_td3_specimen_survives_ranked_noise_on_its_check_digits() {
    let lines = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"];
    let mut ranked: Vec<Vec<Ranked>> = lines.iter().map(|l| ranked_from_text(l)).collect();
    // The birth check digit 2 read as Z, best; 2 second.
    ranked[1][19] = vec![('Z', 0.1), ('2', 0.3)];
    // The expiry date's 4 read as A with no alternative: the confusion table supplies 4.
    ranked[1][24] = vec![('A', 0.1)];
    let c = correct(&ranked, MrzSource::Image, None).unwrap();
    assert!(c.reading.checks_passed, "{:?}", c.reading.lines);
    assert_eq!(c.reading.lines, lines);
    assert_eq!(c.changes, 2);
}
