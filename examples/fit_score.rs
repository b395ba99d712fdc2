//! Fits the card classifier and the page scoring model on pages of the
//! TRAIN design families (`synth::eval::fit_page`: every identity class,
//! look-alike and negative style, every `synth::damage` recipe) with
//! training seeds 0..n; `cargo bench --bench eval_cards` evaluates on seeds
//! from 1,000,000 on and on the validation and test families.
//!
//! `cargo run --release --example fit_score` prints the fit and the fitted
//! model's figures on the validation families (choose on these, never on
//! the test families); `-- --write` also rewrites src/card/weights.rs and
//! the FITTED block of src/score.rs. `FIT_PAGES` (default 40) sets pages per
//! class, `FIT_VAL_PAGES` (default 24) validation pages per class (0: none).

use ausweisscan::card::layout::{self, CardClass, NC, NF};
use ausweisscan::card::structure::NS;
use ausweisscan::card::{self, CardCandidate};
use ausweisscan::score::{self, NP};
use ausweisscan::source::Raster;
use ausweisscan_synth::card::CardSide;
use ausweisscan_synth::eval::{self, Class, EvalPage, Group};
use ausweisscan_synth::family::{DocType, Split};
use rayon::prelude::*;

/// Training page classes: every class of the evaluation.
#[derive(Clone, Copy, Debug)]
struct Kind(Class);

impl Kind {
    fn all() -> Vec<Kind> {
        Class::all().into_iter().map(Kind).collect()
    }
    fn is_identity(self) -> bool {
        self.0.group() == Group::Identity
    }
    fn is_lookalike(self) -> bool {
        self.0.group() == Group::LookAlike
    }
    fn name(self) -> String {
        self.0.name()
    }
}

struct PageData {
    kind: Kind,
    cands: Vec<CardCandidate>,
    /// Per candidate: class and upright orientation index (0 or 1).
    labels: Vec<(CardClass, usize)>,
    /// The page has MRZ-like rows (the scoring rules read it).
    mrz_rows: bool,
}

fn class_of(k: DocType, side: CardSide) -> CardClass {
    match (k, side) {
        (DocType::DrivingLicence, _) => CardClass::DrivingLicence,
        (DocType::HealthCard | DocType::BankCard | DocType::CompanyCard | DocType::StudentCard, _) => {
            CardClass::OtherCard
        }
        (_, CardSide::Back) => CardClass::IdBack,
        _ => CardClass::IdFront,
    }
}

/// Training page `i` of `kind` (train families, fit seeds), or with
/// `validation` evaluation page `i` of the validation families: the card
/// candidates found on it, labelled by where the generator placed each side.
fn make(kind: Kind, i: usize, validation: bool) -> PageData {
    let p: EvalPage = if validation { eval::page(kind.0, Split::Validation, i) } else { eval::fit_page(kind.0, i) };
    let raster = Raster { image: p.image, dpi: p.dpi, dpi_known: p.dpi_known };
    let cands = card::candidates(&raster);
    let mrz_rows = ausweisscan::mrz::image::find_with_rows(&raster).1;
    let labels = cands
        .iter()
        .map(|c| {
            let o = &c.outline;
            // Phone pictures are warped a little: match loosely.
            let hit = p
                .placed
                .iter()
                .find(|pl| (pl.centre.0 as f64 - o.centre.0).hypot(pl.centre.1 as f64 - o.centre.1) < 0.5 * o.half.1);
            match hit {
                Some(pl) => {
                    let dir = (pl.x_dir.0 as f64, pl.x_dir.1 as f64);
                    let upright = if o.u.0 * dir.0 + o.u.1 * dir.1 > 0.0 { 0 } else { 1 };
                    (class_of(pl.doc, pl.side), upright)
                }
                None => (CardClass::None, 0),
            }
        })
        .collect();
    PageData { kind, cands, labels, mrz_rows }
}

/// Card classifier samples: the upright orientation of each candidate gets
/// the card's class, the turned one and unmatched outlines are "none".
fn card_samples(pages: &[PageData]) -> (Vec<Vec<f64>>, Vec<usize>) {
    let (mut x, mut y) = (Vec::new(), Vec::new());
    for p in pages {
        for (c, &(class, up)) in p.cands.iter().zip(&p.labels) {
            x.push(c.features[up].clone());
            y.push(class as usize);
            x.push(c.features[1 - up].clone());
            y.push(CardClass::None as usize);
        }
    }
    (x, y)
}

/// Softmax regression by Adam on standardised features (so that a feature
/// measured in counts and one in shares learn at the same pace), with an L2
/// penalty `l2` on the standardised weights; returns weights for the raw
/// features, so the detector needs no scaling step.
fn fit_softmax(x: &[Vec<f64>], y: &[usize], l2: f64, iters: usize) -> [[f64; NF + 1]; NC] {
    let n = x.len() as f64;
    let mean: Vec<f64> = (0..NF).map(|j| x.iter().map(|xi| xi[j]).sum::<f64>() / n).collect();
    let sd: Vec<f64> =
        (0..NF).map(|j| (x.iter().map(|xi| (xi[j] - mean[j]).powi(2)).sum::<f64>() / n).sqrt().max(1e-6)).collect();
    let z: Vec<Vec<f64>> = x.iter().map(|xi| (0..NF).map(|j| (xi[j] - mean[j]) / sd[j]).collect()).collect();
    let mut w = [[0.0; NF + 1]; NC];
    let (mut m1, mut m2) = ([[0.0; NF + 1]; NC], [[0.0; NF + 1]; NC]);
    let (lr, b1, b2) = (0.02, 0.9, 0.999);
    for it in 0..iters {
        let mut g = [[0.0; NF + 1]; NC];
        let mut loss = 0.0;
        for (zi, &yi) in z.iter().zip(y) {
            let p = layout::classify(zi, &w);
            loss -= p[yi].max(1e-12).ln();
            for c in 0..NC {
                let d = p[c] - if c == yi { 1.0 } else { 0.0 };
                for j in 0..NF {
                    g[c][j] += d * zi[j];
                }
                g[c][NF] += d;
            }
        }
        let t = (it + 1) as i32;
        for c in 0..NC {
            for j in 0..=NF {
                let reg = if j < NF { l2 * w[c][j] } else { 0.0 };
                let gj = g[c][j] / n + reg;
                m1[c][j] = b1 * m1[c][j] + (1.0 - b1) * gj;
                m2[c][j] = b2 * m2[c][j] + (1.0 - b2) * gj * gj;
                let (h1, h2) = (m1[c][j] / (1.0 - b1.powi(t)), m2[c][j] / (1.0 - b2.powi(t)));
                w[c][j] -= lr * h1 / (h2.sqrt() + 1e-8);
            }
        }
        if it % 500 == 0 {
            eprintln!("  card fit iteration {it}: loss {:.4}", loss / n);
        }
    }
    // back to raw features: w.z + b = sum w_j (x_j - m_j) / s_j + b
    let mut raw = [[0.0; NF + 1]; NC];
    for c in 0..NC {
        let mut b = w[c][NF];
        for j in 0..NF {
            raw[c][j] = w[c][j] / sd[j];
            b -= w[c][j] * mean[j] / sd[j];
        }
        raw[c][NF] = b;
    }
    raw
}

/// Share of samples whose most likely class is right, and mean log loss.
fn accuracy(x: &[Vec<f64>], y: &[usize], w: &[[f64; NF + 1]; NC]) -> (f64, f64) {
    let (mut right, mut loss) = (0usize, 0.0);
    for (xi, &yi) in x.iter().zip(y) {
        let p = layout::classify(xi, w);
        right += usize::from((0..NC).max_by(|&a, &b| p[a].total_cmp(&p[b])) == Some(yi));
        loss -= p[yi].max(1e-12).ln();
    }
    (right as f64 / x.len().max(1) as f64, loss / x.len().max(1) as f64)
}

fn fit_logistic(x: &[[f64; NP]], y: &[f64]) -> [f64; NP + 1] {
    let mut w = [0.0; NP + 1];
    let n = x.len() as f64;
    for _ in 0..5000 {
        let mut g = [0.0; NP + 1];
        for (xi, &yi) in x.iter().zip(y) {
            let z = w[NP] + xi.iter().zip(w.iter()).map(|(a, b)| a * b).sum::<f64>();
            let d = 1.0 / (1.0 + (-z).exp()) - yi;
            for j in 0..NP {
                g[j] += d * xi[j];
            }
            g[NP] += d;
        }
        for j in 0..=NP {
            let reg = if j < NP { 1e-3 * w[j] } else { 0.0 };
            w[j] -= 1.0 * (g[j] / n + reg);
        }
    }
    w
}

fn main() {
    let write = std::env::args().any(|a| a == "--write");
    let per_class: usize = std::env::var("FIT_PAGES").ok().and_then(|v| v.parse().ok()).unwrap_or(40);
    let t = std::time::Instant::now();
    let kinds = Kind::all();
    let jobs: Vec<(usize, usize)> = (0..kinds.len()).flat_map(|k| (0..per_class).map(move |i| (k, i))).collect();
    let pages: Vec<PageData> = jobs.par_iter().map(|&(k, i)| make(kinds[k], i, false)).collect();
    eprintln!("generated and measured {} pages in {:.1} s", pages.len(), t.elapsed().as_secs_f64());

    let (x, y) = card_samples(&pages);
    let mut counts = [0usize; NC];
    y.iter().for_each(|&c| counts[c] += 1);
    eprintln!("card samples per class {counts:?}");
    // Mean structure features per class: do they separate the classes?
    for (ci, class) in CardClass::ALL.iter().enumerate() {
        let mut m = [0.0; NS];
        for xi in x.iter().zip(&y).filter(|(_, yi)| **yi == ci).map(|(xi, _)| xi) {
            m.iter_mut().zip(&xi[NF - NS..]).for_each(|(a, b)| *a += b / counts[ci].max(1) as f64);
        }
        eprintln!("  structure means {class:?}: {}", m.map(|v| format!("{v:.2}")).join(" "));
    }
    // Penalty chosen on the VALIDATION design families (pages of designs
    // the fit never sees; never on the test families).
    let iters: usize = std::env::var("FIT_ITERS").ok().and_then(|v| v.parse().ok()).unwrap_or(3000);
    let l2s: Vec<f64> = std::env::var("FIT_L2")
        .unwrap_or_else(|_| "0.0003,0.001,0.003,0.01,0.03".into())
        .split(',')
        .filter_map(|v| v.parse().ok())
        .collect();
    let val_n: usize = std::env::var("FIT_VAL_PAGES").ok().and_then(|v| v.parse().ok()).unwrap_or(24).max(1);
    let val_jobs: Vec<(usize, usize)> = (0..kinds.len()).flat_map(|k| (0..val_n).map(move |i| (k, i))).collect();
    let val_pages: Vec<PageData> = val_jobs.par_iter().map(|&(k, i)| make(kinds[k], i, true)).collect();
    let (xv, yv) = card_samples(&val_pages);
    let mut fits = Vec::new();
    for &l2 in &l2s {
        let w = fit_softmax(&x, &y, l2, iters);
        let (ta, _) = accuracy(&x, &y, &w);
        let (va, vl) = accuracy(&xv, &yv, &w);
        eprintln!("card l2 {l2}: train accuracy {ta:.3}, validation-family accuracy {va:.3} log loss {vl:.4}");
        fits.push((vl, l2, w));
    }
    fits.sort_by(|a, b| a.0.total_cmp(&b.0));
    let Some((_, l2, cw)) = fits.into_iter().next() else { return };
    eprintln!("card l2 chosen {l2}");
    for (j, name) in layout::FEATURE_NAMES.iter().enumerate() {
        let row: Vec<String> = cw.iter().map(|c| format!("{:+7.2}", c[j])).collect();
        eprintln!("  card weight {name:>22} {}", row.join(" "));
    }
    let correct = x.iter().zip(&y).filter(|(xi, yi)| {
        let p = layout::classify(xi, &cw);
        (0..NC).max_by(|&a, &b| p[a].total_cmp(&p[b])) == Some(**yi)
    });
    eprintln!("card classifier training accuracy {:.3}", correct.count() as f64 / x.len() as f64);

    // Page model over the evidence the fitted classifier produces.
    let feats: Vec<[f64; NP]> = pages
        .iter()
        .map(|p| {
            let evidence: Vec<_> =
                p.cands.iter().flat_map(|c| card::evidence(&card::classify(c, &cw), 2480.0, 3508.0)).collect();
            let f = ausweisscan::detect::Findings { evidence, mrz: Vec::new(), mrz_rows: p.mrz_rows };
            score::features(&f).to_array()
        })
        .collect();
    let labels: Vec<f64> = pages.iter().map(|p| f64::from(u8::from(p.kind.is_identity()))).collect();
    let pw = fit_logistic(&feats, &labels);
    let prob =
        |f: &[f64; NP]| 1.0 / (1.0 + (-(pw[NP] + f.iter().zip(pw.iter()).map(|(a, b)| a * b).sum::<f64>())).exp());
    let mut neg: Vec<f64> = Vec::new();
    let mut look: Vec<f64> = Vec::new();
    for (p, f) in pages.iter().zip(&feats) {
        if p.kind.is_lookalike() {
            look.push(prob(f));
        } else if !p.kind.is_identity() {
            neg.push(prob(f));
        }
    }
    neg.sort_by(|a, b| a.total_cmp(b));
    look.sort_by(|a, b| a.total_cmp(b));
    // possible: above 99.5% of the training negatives and 95% of the
    // look-alikes (the model alone asks a person to look at few look-alike
    // cards; the verdict rules add those with a face); certain: above 99% of
    // the look-alikes and at least 0.75.
    let q = |v: &[f64], f: f64| v.get(((v.len() as f64) * f) as usize).copied().unwrap_or(0.0);
    let possible = (q(&neg, 0.995) + 0.02).max(q(&look, 0.95) + 0.01).clamp(0.3, 0.9);
    let certain = (q(&look, 0.99) + 0.01).max(0.75).clamp(possible, 0.98);
    eprintln!("page weights {pw:?}\npossible {possible:.3} certain {certain:.3}");
    for (name, v) in score::FEATURE_NAMES.iter().zip(pw.iter()) {
        eprintln!("  {name:>16} {v:+.3}");
    }
    let mut recall = std::collections::BTreeMap::new();
    for (p, f) in pages.iter().zip(&feats) {
        let e = recall.entry(p.kind.name()).or_insert((0, 0, 0));
        e.0 += 1;
        let pr = prob(f);
        e.1 += usize::from(pr >= possible);
        e.2 += usize::from(pr >= certain);
    }
    for (k, (n, fl, id)) in recall {
        eprintln!("  train {k:>15}: flagged {fl}/{n}, id_copy {id}/{n}");
    }

    validation_figures(&kinds, &cw, &pw, possible, certain);

    if write {
        let mut src = String::from(
            "//! Fitted weights of the card classifier. Written by\n//! `cargo run --release --example fit_score -- --write`; do not edit by hand.\n#![allow(clippy::approx_constant)]\n\nuse super::layout::{NC, NF};\n\n/// Softmax weights, one row per class, bias last.\npub static CARD: [[f64; NF + 1]; NC] = [\n",
        );
        for row in &cw {
            src.push_str("    [");
            src.push_str(&row.iter().map(|v| format!("{v:.5}")).collect::<Vec<_>>().join(", "));
            src.push_str("],\n");
        }
        src.push_str("];\n");
        std::fs::write("src/card/weights.rs", src).unwrap();
        let score_src = std::fs::read_to_string("src/score.rs").unwrap();
        let (head, rest) = score_src.split_once("// BEGIN FITTED").unwrap();
        let (_, tail) = rest.split_once("// END FITTED").unwrap();
        let block = format!(
            "// BEGIN FITTED (examples/fit_score.rs, FIT_PAGES={per_class})\n/// Logistic weights of the page features, bias last.\npub const WEIGHTS: [f64; NP + 1] = [{}];\n/// Probability from which a page is a `possible_id_copy`.\npub const POSSIBLE: f64 = {possible:.4};\n/// Probability from which a page is an `id_copy`.\npub const CERTAIN: f64 = {certain:.4};\n// END FITTED",
            pw.iter().map(|v| format!("{v:.4}")).collect::<Vec<_>>().join(", ")
        );
        std::fs::write("src/score.rs", format!("{head}{block}{tail}")).unwrap();
        eprintln!("wrote src/card/weights.rs and src/score.rs");
    }
}

/// The fitted model's figures on the validation families (pages the fit
/// never saw, of designs it never saw): card classifier accuracy on the
/// labelled candidates, and per class the share of pages the page model
/// flags and calls `id_copy` from the card evidence.
fn validation_figures(kinds: &[Kind], cw: &[[f64; NF + 1]; NC], pw: &[f64; NP + 1], possible: f64, certain: f64) {
    let n: usize = std::env::var("FIT_VAL_PAGES").ok().and_then(|v| v.parse().ok()).unwrap_or(24);
    if n == 0 {
        return;
    }
    let jobs: Vec<(usize, usize)> = (0..kinds.len()).flat_map(|k| (0..n).map(move |i| (k, i))).collect();
    let pages: Vec<PageData> = jobs.par_iter().map(|&(k, i)| make(kinds[k], i, true)).collect();
    let (x, y) = card_samples(&pages);
    let (acc, loss) = accuracy(&x, &y, cw);
    eprintln!(
        "validation families {:?}: card classifier accuracy {acc:.3}, log loss {loss:.4}",
        Split::Validation.families()
    );
    let prob =
        |f: &[f64; NP]| 1.0 / (1.0 + (-(pw[NP] + f.iter().zip(pw.iter()).map(|(a, b)| a * b).sum::<f64>())).exp());
    let mut rows = std::collections::BTreeMap::new();
    let mut groups = [(0usize, 0usize, 0usize); 3];
    for p in &pages {
        let evidence: Vec<_> =
            p.cands.iter().flat_map(|c| card::evidence(&card::classify(c, cw), 2480.0, 3508.0)).collect();
        let f = ausweisscan::detect::Findings { evidence, mrz: Vec::new(), mrz_rows: p.mrz_rows };
        let pr = prob(&score::features(&f).to_array());
        let e = rows.entry(p.kind.name()).or_insert((0, 0, 0));
        let g = &mut groups[p.kind.0.group() as usize];
        for t in [e, g] {
            t.0 += 1;
            t.1 += usize::from(pr >= possible);
            t.2 += usize::from(pr >= certain);
        }
    }
    for (k, (n, fl, id)) in rows {
        eprintln!("  validation {k:>28}: flagged {fl}/{n}, id_copy {id}/{n}");
    }
    let pc = |a: usize, n: usize| 100.0 * a as f64 / n.max(1) as f64;
    let [ident, look, neg] = groups;
    eprintln!(
        "validation summary (card evidence only): identity flagged {:.1}%, look-alikes id_copy {:.1}%, negatives flagged {:.2}%",
        pc(ident.1, ident.0),
        pc(look.2, look.0),
        pc(neg.1, neg.0)
    );
}
