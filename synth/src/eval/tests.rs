use super::*;

#[test]
fn pages_are_reproducible_and_fit_seeds_differ_from_eval_seeds() {
    let a = page(Class::IdFront, Split::Test, 4);
    let b = page(Class::IdFront, Split::Test, 4);
    assert_eq!(a.image, b.image);
    let f = fit_page(Class::IdFront, 4);
    let e = page(Class::IdFront, Split::Train, 4);
    assert_eq!(f.family, e.family, "same index, same family and conditions");
    assert_ne!(f.image, e.image, "fit and eval pages are drawn from different seeds");
}

#[test]
fn each_split_draws_only_its_own_families() {
    for split in Split::ALL {
        for i in 0..6 {
            let p = page(Class::Negative(Neg::Memo), split, i);
            assert_eq!(FAMILY_SPLIT[p.family], split, "{split:?} page {i}");
        }
    }
}

#[test]
fn placed_sides_and_truth_match_the_class() {
    let fb = page(Class::IdFrontBack, Split::Validation, 2);
    assert_eq!(fb.placed.len(), 2);
    assert_eq!(fb.truth.len(), 3, "TD1 on the back");
    let front = page(Class::IdFront, Split::Validation, 2);
    assert!(front.truth.is_empty() && front.placed.iter().all(|p| p.side == CardSide::Front));
    let cut = page(Class::PassportCut, Split::Test, 2);
    assert!(cut.truth.is_empty(), "the MRZ is not wholly on the page");
    let reduced = page(Class::Reduced, Split::Test, 5);
    assert!((0.4..=0.7).contains(&reduced.scale));
    for p in &reduced.placed {
        let (w, h) = (reduced.image.width() as f32, reduced.image.height() as f32);
        assert!(p.centre.0 > 0.0 && p.centre.0 < w && p.centre.1 > 0.0 && p.centre.1 < h);
        assert!(((p.x_dir.0.powi(2) + p.x_dir.1.powi(2)).sqrt() - 1.0).abs() < 1e-3);
    }
    let sheet = page(Class::LookAlike(Look::PhotoSheet), Split::Train, 1);
    assert!(sheet.placed.is_empty());
}

#[test]
fn every_class_generates_an_a4_page() {
    for class in Class::all() {
        let p = page(class, Split::Test, 0);
        let (w, h) = p.image.dimensions();
        let (short, long) = (w.min(h) as f32, w.max(h) as f32);
        assert!((long / short - 297.0 / 210.0).abs() < 0.02, "{}: {w}x{h}", class.name());
        assert_eq!(p.dpi, 150.0, "{}: index 0 is 150 dpi", class.name());
    }
}

#[test]
fn every_damage_occurs_in_a_few_pages_per_family_and_clean_300_is_clean() {
    let n = Split::Train.families().len();
    let mut seen = std::collections::HashSet::new();
    for i in 0..7 * n {
        seen.insert(page(Class::Negative(Neg::Memo), Split::Train, i).damage);
    }
    assert_eq!(seen.len(), Damage::ALL.len());
    let p = page(Class::IdBack, Split::Test, CLEAN_300 * Split::Test.families().len());
    assert_eq!((p.dpi, p.damage), (300.0, Damage::Clean));
}
