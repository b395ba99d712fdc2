use super::*;
use ausweisscan_synth::person::{DocKind, mrz_lines, with_damaged_char};
use ausweisscan_synth::rng::Rng;

#[test]
fn german_specimens_parse_with_every_check() {
    // (lines, format, code, state, number, type, side)
    type Row<'a> = (&'a [&'a str], MrzFormat, &'a str, &'a str, &'a str, DocumentType, Side);
    let table: [Row; 4] = [
        (
            &["IDD<<T220001293<<<<<<<<<<<<<<<", "6408125<2010315D<<<<<<<<<<<<<4", "MUSTERMANN<<ERIKA<<<<<<<<<<<<<"],
            MrzFormat::TD1,
            "ID",
            "D",
            "T22000129",
            DocumentType::IdCard,
            Side::Back,
        ),
        (
            &["IDD<<LZ6311T475<<<<<<<<<<<<<<<", "8308126<3110315D<<2108<<<<<<<9", "MUSTERMANN<<ERIKA<<<<<<<<<<<<<"],
            MrzFormat::TD1,
            "ID",
            "D",
            "LZ6311T47",
            DocumentType::IdCard,
            Side::Back,
        ),
        (
            &["IDD<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<", "1220001518D<<6408125<1110078<<<<<<<0"],
            MrzFormat::TD2,
            "ID",
            "D",
            "122000151",
            DocumentType::IdCard,
            Side::Front,
        ),
        (
            &["P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<", "C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4"],
            MrzFormat::TD3,
            "P",
            "D",
            "C01X00T47",
            DocumentType::Passport,
            Side::DataPage,
        ),
    ];
    for (lines, format, code, state, number, ty, side) in table {
        let p = parse(lines).unwrap();
        assert_eq!(p.format, format);
        assert_eq!(p.document_code, code);
        assert_eq!(p.issuing_state, state);
        assert_eq!(p.document_number, number);
        assert_eq!((p.document_type, p.side), (ty, side));
        assert!(p.checks_passed(), "{lines:?}: {:?}", p.failed_checks);
        assert_eq!(p.surname, "MUSTERMANN");
        assert_eq!(p.given_names, "ERIKA");
        assert_eq!(p.birth_date.map(|d| d.month), Some(8));
    }
    let p =
        parse(&["IDD<<LZ6311T475<<<<<<<<<<<<<<<", "8308126<3110315D<<2108<<<<<<<9", "MUSTERMANN<<ERIKA<<<<<<<<<<<<<"])
            .unwrap();
    assert_eq!(p.optional_data, vec!["".to_string(), "2108".to_string()]);
    assert_eq!(p.sex, '<');
}

#[test]
fn icao_specimens_and_long_document_number() {
    let td1 = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"];
    let p = parse(&td1).unwrap();
    assert!(p.checks_passed(), "{:?}", p.failed_checks);
    assert_eq!((p.document_code.as_str(), p.issuing_state.as_str(), p.nationality.as_str()), ("I", "UTO", "UTO"));
    assert_eq!(p.given_names, "ANNA MARIA");
    let td3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"];
    let p = parse(&td3).unwrap();
    assert!(p.checks_passed(), "{:?}", p.failed_checks);
    assert_eq!(p.optional_data, vec!["ZE184226B".to_string()]);
    // ICAO 9303-5 long number D23145890734 (check 9) overflowing into optional data.
    let long = ["I<UTOD23145890<7349<<<<<<<<<<<", "3407127M9507122UTO<<<<<<<<<<<2", "STEVENSON<<PETER<JOHN<<<<<<<<<"];
    let p = parse(&long).unwrap();
    assert_eq!(p.document_number, "D23145890734");
    assert!(!p.failed_checks.contains(&"document_number"), "{:?}", p.failed_checks);
}

#[test]
fn every_generated_kind_parses_to_its_type() {
    let mut rng = Rng::new(3);
    for _ in 0..200 {
        let kind = DocKind::random(&mut rng);
        let person = kind.random_holder(&mut rng);
        let lines = mrz_lines(&person, kind);
        let p = parse(&lines).unwrap();
        assert!(p.checks_passed(), "{kind:?} {lines:?} {:?}", p.failed_checks);
        assert_eq!(p.document_number, person.document_number(kind).trim_end_matches('<'));
        let want = match kind {
            DocKind::IdCard2010 | DocKind::IdCard2021 | DocKind::IdCardOld | DocKind::ProvisionalId => {
                DocumentType::IdCard
            }
            DocKind::ForeignId { .. } => DocumentType::IdCard,
            DocKind::ResidencePermit | DocKind::Ankunftsnachweis => DocumentType::ResidencePermit,
            _ => DocumentType::Passport,
        };
        assert_eq!(p.document_type, want, "{kind:?}");
        let bad = with_damaged_char(&lines, &mut rng);
        let q = parse(&bad).unwrap();
        assert!(!q.checks_passed());
        assert!(q.failed_checks.contains(&"composite"), "{:?}", q.failed_checks);
        assert!(
            q.failed_checks.contains(&"birth_date") || q.failed_checks.contains(&"expiry_date"),
            "{:?}",
            q.failed_checks
        );
    }
}

#[test]
fn rejects_what_is_no_mrz() {
    assert!(matches!(parse(&["ABC"]), Err(ParseError::Shape { .. })));
    assert!(parse(&["IDD<<T220001293<<<<<<<<<<<<<<<", "6408125<2010315D<<<<<<<<<<<<<4"]).is_err());
    let lower = ["IDD<<T220001293<<<<<<<<<<<<<<<", "6408125<2010315D<<<<<<<<<<<<<4", "Mustermann<<ERIKA<<<<<<<<<<<<<"];
    assert_eq!(parse(&lower), Err(ParseError::Alphabet { line: 2, column: 1 }));
    let code = ["XDD<<T220001293<<<<<<<<<<<<<<<", "6408125<2010315D<<<<<<<<<<<<<4", "MUSTERMANN<<ERIKA<<<<<<<<<<<<<"];
    assert!(matches!(parse(&code), Err(ParseError::DocumentCode(_))));
}

#[test]
fn layout_classes_match_the_specimen() {
    let lay = layout(MrzFormat::TD1, true);
    let lines = ["IDD<<T220001293<<<<<<<<<<<<<<<", "6408125<2010315D<<<<<<<<<<<<<4", "MUSTERMANN<<ERIKA<<<<<<<<<<<<<"];
    for (l, line) in lines.iter().enumerate() {
        for (c, ch) in line.chars().enumerate() {
            assert!(lay.classes[l][c].allows(ch), "{l}:{c} {ch}");
        }
    }
    assert!(!lay.classes[0][5].allows('O'), "German numbers have no O");
    assert!(!lay.classes[1][0].allows('O'));
    assert_eq!(lay.checks.last().unwrap().name, "composite");
}

#[test]
fn german_number_alphabet_agrees_with_the_independent_generator() {
    // The core writes the alphabet once (CharClass::GermanNumber); the
    // fixture generator, which must not depend on the core, has its own.
    let synth = ausweisscan_synth::person::DOCUMENT_NUMBER_ALPHABET;
    for c in crate::mrz::ocrb::ALPHABET.iter().map(|&b| char::from(b)) {
        assert_eq!(CharClass::GermanNumber.allows(c), c == '<' || synth.contains(c), "{c}");
    }
}
