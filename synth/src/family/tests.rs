use super::*;
use crate::person::{DocKind, Person};

fn tests_data() -> CardData {
    let mut rng = Rng::new(7);
    let person = Person::random(&mut rng);
    CardData::new(&person, Some(DocKind::IdCard2010), &mut rng)
}

const DOCS: [DocType; 11] = [
    DocType::IdCard2010,
    DocType::IdCard2021,
    DocType::ForeignId,
    DocType::ResidencePermit,
    DocType::Passport,
    DocType::OldId,
    DocType::HealthCard,
    DocType::BankCard,
    DocType::DrivingLicence,
    DocType::CompanyCard,
    DocType::StudentCard,
];

#[test]
fn every_family_draws_every_document_at_true_size_with_content() {
    let d = tests_data();
    let dpi = 150.0;
    for fam in &FAMILIES {
        for doc in DOCS {
            for side in [CardSide::Front, CardSide::Back] {
                let card = render(fam, doc, side, &d, dpi, &mut Rng::new(fam.index as u64));
                let (w, h) = doc.card_kind().size_mm();
                let expect = ((w * dpi / 25.4).round() as u32, (h * dpi / 25.4).round() as u32);
                assert_eq!(card.img.dimensions(), expect, "family {} {doc:?} {side:?}", fam.index);
                let dark = card.img.pixels().filter(|p| p.0[0] < 100).count();
                assert!(dark > card.img.len() / 400, "family {} {doc:?} {side:?} has print", fam.index);
            }
        }
    }
}

#[test]
fn families_differ_from_each_other() {
    let d = tests_data();
    let a = render(&FAMILIES[1], DocType::IdCard2010, CardSide::Front, &d, 150.0, &mut Rng::new(3));
    for fam in &FAMILIES[2..] {
        let b = render(fam, DocType::IdCard2010, CardSide::Front, &d, 150.0, &mut Rng::new(3));
        let diff = a.img.pixels().zip(b.img.pixels()).filter(|(p, q)| p.0[0].abs_diff(q.0[0]) > 60).count();
        assert!(diff > a.img.len() / 20, "family {} looks like family 1", fam.index);
    }
}

#[test]
fn the_mrz_is_on_the_back_of_id1_cards_only() {
    let d = tests_data();
    // Rows of the bottom quarter whose dark pixels are many and spread over
    // most of the width, as an MRZ's are (a photo or signature is narrower).
    let dense_rows = |img: &image::GrayImage| {
        let (w, h) = img.dimensions();
        (h * 3 / 4..h)
            .filter(|&y| {
                let dark: Vec<u32> = (0..w).filter(|&x| img.get_pixel(x, y).0[0] < 90).collect();
                dark.len() > 60 && dark.last().unwrap_or(&0) - dark.first().unwrap_or(&0) > w * 7 / 10
            })
            .count()
    };
    for fam in &FAMILIES[1..] {
        let back = render(fam, DocType::IdCard2010, CardSide::Back, &d, 300.0, &mut Rng::new(1));
        let front = render(fam, DocType::IdCard2010, CardSide::Front, &d, 300.0, &mut Rng::new(1));
        assert!(dense_rows(&back.img) > 25, "family {}: MRZ band on the back", fam.index);
        assert!(dense_rows(&front.img) < dense_rows(&back.img) / 2, "family {}: no MRZ band on the front", fam.index);
    }
}

#[test]
fn the_split_has_train_validation_and_test_families_and_disjoint_photo_pools() {
    for s in Split::ALL {
        assert!(!s.families().is_empty(), "{s:?}");
    }
    assert!(Split::Train.families().len() >= 4);
    let pools: Vec<Vec<usize>> = Split::ALL.iter().map(|&s| photo::pool(s)).collect();
    for (i, a) in pools.iter().enumerate() {
        for b in &pools[i + 1..] {
            assert!(a.iter().all(|x| !b.contains(x)), "no person in two splits");
        }
        assert!(a.iter().all(|&x| x < photo::count()));
    }
    assert!(FAMILIES.iter().any(|f| f.portraits == Portraits::Real && FAMILY_SPLIT[f.index] == Split::Test));
    assert!(FAMILIES.iter().enumerate().all(|(i, f)| f.index == i));
}
