use super::*;
use ausweisscan_synth::negtext::{PROSE, look_alike_text};
use ausweisscan_synth::person::{DocKind, mrz_lines, with_damaged_char};
use ausweisscan_synth::rng::Rng;

const ERIKA: &str = "IDD<<T220001293<<<<<<<<<<<<<<<\n6408125<2010315D<<<<<<<<<<<<<4\nMUSTERMANN<<ERIKA<<<<<<<<<<<<<";

#[test]
fn clean_specimen_and_typical_ocr_forms() {
    let variants = [
        ERIKA.to_string(),
        ERIKA.replace('\n', "\r\n"),
        ERIKA.replace('<', "«"),
        ERIKA.replace('<', "K"),
        ERIKA.replace('<', "< "),
        format!("Rückseite:\n{}\nEnde", ERIKA.replace('0', "O")),
        ERIKA.replacen('\n', " ", 1),
        ERIKA.replace("T220001293", "T220001293\n"),
        ERIKA.replacen("<<<<<<<<<<<<<<<", "<<<<<<<<<<<<<<", 1),
        ERIKA.replace("4\nMUSTER", "4 .\nMUSTER"),
        ERIKA.to_lowercase(),
    ];
    for v in variants {
        let found = find(&v);
        assert_eq!(found.len(), 1, "{v:?} -> {found:?}");
        let m = &found[0];
        assert!(m.checks_passed, "{v:?} -> {:?} {:?}", m.lines, m.failed_checks);
        assert_eq!(m.format, MrzFormat::TD1);
        assert_eq!((m.document_code.as_str(), m.issuing_state.as_str()), ("ID", "D"));
        assert_eq!(m.source, MrzSource::TextLayer);
        assert_eq!(m.bbox, None);
    }
}

fn all_kind(rng: &mut Rng, i: usize) -> DocKind {
    if i % 11 < 9 { DocKind::GERMAN[i % 11] } else { DocKind::random(rng) }
}

/// One MRZ as an OCR'd text layer might hold it.
fn noisy_text(lines: &[String], rng: &mut Rng) -> String {
    let mut ls: Vec<String> = lines.to_vec();
    if rng.chance(0.1) {
        ls = ls.iter().map(|l| l.replace('<', "K")).collect();
    } else if rng.chance(0.2) {
        ls =
            ls.iter().map(|l| l.chars().map(|c| if c == '<' && rng.chance(0.5) { '«' } else { c }).collect()).collect();
    }
    for l in ls.iter_mut() {
        let mut cs: Vec<char> = l.chars().collect();
        if rng.chance(0.3) {
            for _ in 0..rng.range(1, 3) {
                let digits: Vec<usize> = (0..cs.len()).filter(|&i| matches!(cs[i], '0' | '1' | '5' | '8')).collect();
                if !digits.is_empty() {
                    let i = *rng.pick(&digits);
                    cs[i] = match cs[i] {
                        '0' => 'O',
                        '1' => 'I',
                        '5' => 'S',
                        _ => 'B',
                    };
                }
            }
        }
        if rng.chance(0.1) {
            // Drop one filler from a long run.
            let s: String = cs.iter().collect();
            if let Some(p) = s.find("<<<<<") {
                cs.remove(p);
            }
        }
        if rng.chance(0.1) {
            let p = rng.below(cs.len() + 1);
            cs.insert(p, *rng.pick(&['.', ',', '|', '\'']));
        }
        if rng.chance(0.3) {
            for _ in 0..rng.range(1, 4) {
                let p = rng.below(cs.len() + 1);
                cs.insert(p, ' ');
            }
        }
        *l = cs.into_iter().collect();
    }
    let mut text_lines: Vec<String> = Vec::new();
    let mut i = 0;
    while i < ls.len() {
        if i + 1 < ls.len() && rng.chance(0.15) {
            text_lines.push(format!("{}{}{}", ls[i], if rng.chance(0.5) { " " } else { "" }, ls[i + 1]));
            i += 2;
        } else if rng.chance(0.15) {
            let p = rng.range(MIN_PIECE as i64, ls[i].len() as i64 - MIN_PIECE as i64) as usize;
            let (a, b) = ls[i].split_at(ls[i].char_indices().nth(p).map_or(0, |x| x.0));
            text_lines.push(a.to_string());
            text_lines.push(b.to_string());
            i += 1;
        } else {
            text_lines.push(ls[i].clone());
            i += 1;
        }
    }
    let mut out: Vec<String> = Vec::new();
    for _ in 0..rng.below(4) {
        out.push(rng.pick(&PROSE).to_string());
    }
    if rng.chance(0.2) {
        out.push("BUNDESREPUBLIK DEUTSCHLAND".into());
    }
    out.extend(text_lines);
    for _ in 0..rng.below(3) {
        out.push(rng.pick(&PROSE).to_string());
    }
    out.join(if rng.chance(0.3) { "\r\n" } else { "\n" })
}

#[test]
fn clean_generated_mrzs_of_every_kind_are_all_found() {
    let mut rng = Rng::new(1);
    for i in 0..660 {
        let kind = all_kind(&mut rng, i);
        let p = kind.random_holder(&mut rng);
        let lines = mrz_lines(&p, kind);
        let found = find(&lines.join("\n"));
        assert_eq!(found.len(), 1, "{kind:?} {lines:?}");
        assert!(found[0].checks_passed);
        assert_eq!(found[0].lines, lines);
    }
}

#[test]
fn noisy_generated_mrzs_are_found_at_least_98_percent() {
    let mut rng = Rng::new(2);
    let (n, mut hit, mut passed) = (1100, 0, 0);
    let mut misses = Vec::new();
    for i in 0..n {
        let kind = all_kind(&mut rng, i);
        let p = kind.random_holder(&mut rng);
        let lines = mrz_lines(&p, kind);
        let text = noisy_text(&lines, &mut rng);
        let found = find(&text);
        let parsed = crate::mrz::parse::parse(&lines).unwrap();
        match found.first() {
            Some(m) if m.document_code == parsed.document_code => {
                hit += 1;
                passed += usize::from(m.checks_passed);
                if !m.checks_passed && misses.len() < 5 {
                    misses.push(text);
                }
            }
            _ => {
                if misses.len() < 5 {
                    misses.push(text);
                }
            }
        }
    }
    eprintln!("noisy text-layer MRZs: found {hit}/{n}, all checks {passed}/{n}");
    assert!(hit * 100 >= n * 99, "found {hit}/{n}; {misses:#?}");
    if std::env::var("SHOW_MISSES").is_ok() {
        eprintln!("{misses:#?}");
    }
    assert!(passed * 100 >= n * 98, "all checks {passed}/{n}; {misses:#?}");
}

#[test]
fn near_misses_are_found_with_failed_checks() {
    let mut rng = Rng::new(3);
    let n = 400;
    let mut near = 0;
    for i in 0..n {
        let kind = all_kind(&mut rng, i);
        let p = kind.random_holder(&mut rng);
        let bad = with_damaged_char(&mrz_lines(&p, kind), &mut rng);
        let found = find(&bad.join("\n"));
        assert!(found.iter().all(|m| !m.checks_passed), "{bad:?}");
        if let Some(m) = found.first() {
            near += 1;
            assert!(m.failed_checks.contains(&"composite"));
        }
    }
    eprintln!("one-digit-damaged MRZs reported as near misses: {near}/{n}");
    assert!(near * 100 >= n * 98, "{near}/{n}");
}

#[test]
fn no_false_positives_on_generated_look_alikes() {
    let mut rng = Rng::new(4);
    for _ in 0..1500 {
        let t = look_alike_text(&mut rng);
        let found = find(&t);
        assert!(found.is_empty(), "{t}\n-> {:?}", found.iter().map(|m| &m.lines).collect::<Vec<_>>());
    }
}

#[test]
fn random_mrz_shaped_junk_is_not_taken_for_an_mrz() {
    let mut rng = Rng::new(5);
    let alpha: Vec<char> = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<<<<<<<".chars().collect();
    let mut hits = 0;
    for i in 0..2000 {
        let (n, w) = [(3, 30), (2, 36), (2, 44)][i % 3];
        let mut lines: Vec<String> = (0..n).map(|_| (0..w).map(|_| *rng.pick(&alpha)).collect()).collect();
        lines[0].replace_range(0..1, if w == 44 { "P" } else { "I" });
        hits += find(&lines.join("\n")).len();
    }
    assert_eq!(hits, 0);
}

#[test]
fn helpers() {
    assert_eq!(fit("AB<<<<C", 9), "AB<<<<<<C");
    assert_eq!(fit("AB<<<<C", 5), "AB<<C");
    assert_eq!(fit("ABC", 5), "ABC<<");
    assert_eq!(k_runs_to_fillers("IDDKKT2KKK"), "IDD<<T2<<<");
    assert_eq!(clean_line("Sehr geehrte Frau Beispiel,"), None);
    assert_eq!(clean_line("IDD<< T22 0001293«««"), Some("IDD<<T220001293<<<".into()));
    let seg = segment(&["AAAAAAAAAABBBBBBBBBB".into(), "CCCCC".into(), "DDDDD".into()], 10, 0);
    assert_eq!(seg, vec!["AAAAAAAAAA", "BBBBBBBBBB", "CCCCCDDDDD"]);
}

#[test]
fn two_documents_on_one_page_are_both_found() {
    let mut rng = Rng::new(8);
    for i in 0..100 {
        let (k1, k2) = (all_kind(&mut rng, i), all_kind(&mut rng, i + 5));
        let (p1, p2) = (k1.random_holder(&mut rng), k2.random_holder(&mut rng));
        let (a, b) = (mrz_lines(&p1, k1), mrz_lines(&p2, k2));
        let sep = if i % 2 == 0 { "\n" } else { "\nVorderseite\n" };
        let found = find(&format!("{}{sep}{}", a.join("\n"), b.join("\n")));
        assert_eq!(found.len(), 2, "{a:?} {b:?} -> {found:?}");
        assert!(found.iter().all(|m| m.checks_passed));
        assert!(found.iter().any(|m| m.lines == a) && found.iter().any(|m| m.lines == b));
    }
}
