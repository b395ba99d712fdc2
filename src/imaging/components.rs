//! Connected components of a binary image, found from its horizontal runs
//! with union-find: far cheaper than labelling every pixel on a page full
//! of text, where most of each row is paper.

/// A run of set pixels: row `y`, columns `x0..x1` (end exclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    /// Row.
    pub y: u32,
    /// First column.
    pub x0: u32,
    /// One past the last column.
    pub x1: u32,
}

/// The runs of an image in raster order, each with its component's label:
/// the index of the component's first run in raster order. Components are
/// therefore met in the order of their first pixel.
pub struct Labels {
    /// Runs in raster order.
    pub runs: Vec<Run>,
    /// Per run, the index of its component's first run.
    pub label: Vec<u32>,
}

fn root(parent: &mut [u32], mut i: u32) -> u32 {
    while parent[i as usize] != i {
        let p = parent[parent[i as usize] as usize];
        parent[i as usize] = p;
        i = p;
    }
    i
}

fn join(parent: &mut [u32], a: u32, b: u32) {
    let (ra, rb) = (root(parent, a), root(parent, b));
    parent[ra.max(rb) as usize] = ra.min(rb);
}

/// Labels the set pixels (`!= T::default()`) of `px` (`w` x `h`, row-major).
/// Pixels up to `reach` apart in x and y are connected: 1 is
/// 8-connectivity; 2 also bridges the one-pixel gaps of a faint edge.
pub fn label_runs<T: Copy + PartialEq + Default>(px: &[T], w: usize, h: usize, reach: usize) -> Labels {
    let reach = reach.max(1);
    let zero = T::default();
    let mut runs: Vec<Run> = Vec::new();
    let mut row_start = Vec::with_capacity(h + 1);
    for (y, row) in px.chunks_exact(w.max(1)).take(h).enumerate() {
        row_start.push(runs.len());
        let mut x = 0;
        while x < w {
            // Nearly all of a page is paper: skip it eight pixels at a time.
            if row.get(x..x + 8).is_some_and(|c| c.iter().all(|&v| v == zero)) {
                x += 8;
                continue;
            }
            if row[x] != zero {
                let s = x;
                while x < w && row[x] != zero {
                    x += 1;
                }
                runs.push(Run { y: y as u32, x0: s as u32, x1: x as u32 });
            } else {
                x += 1;
            }
        }
    }
    while row_start.len() <= h {
        row_start.push(runs.len());
    }
    let mut parent: Vec<u32> = (0..runs.len() as u32).collect();
    let r = reach as u32;
    for y in 0..h {
        for dy in 1..=reach.min(y) {
            let (prev, prev_end) = (row_start[y - dy], row_start[y - dy + 1]);
            let mut k = prev;
            for i in row_start[y]..row_start[y + 1] {
                let Run { x0, x1, .. } = runs[i];
                // Runs of the row above that end too far left never touch
                // this run or any later one.
                while k < prev_end && runs[k].x1 + r <= x0 {
                    k += 1;
                }
                let mut j = k;
                while j < prev_end && runs[j].x0 < x1 + r {
                    join(&mut parent, i as u32, j as u32);
                    j += 1;
                }
            }
        }
        for i in row_start[y] + 1..row_start[y + 1] {
            if runs[i].x0 - runs[i - 1].x1 < r {
                join(&mut parent, i as u32 - 1, i as u32);
            }
        }
    }
    let label = (0..runs.len() as u32).map(|i| root(&mut parent, i)).collect();
    Labels { runs, label }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Labels by flood fill over every pixel, the definition the runs must
    /// agree with: components as sets of pixels, in order of first pixel.
    fn flood(px: &[bool], w: usize, h: usize, reach: i64) -> Vec<Vec<(usize, usize)>> {
        let mut seen = vec![false; w * h];
        let mut out = Vec::new();
        for start in 0..w * h {
            if !px[start] || seen[start] {
                continue;
            }
            let (mut stack, mut comp) = (vec![start], Vec::new());
            seen[start] = true;
            while let Some(i) = stack.pop() {
                let (x, y) = ((i % w) as i64, (i / w) as i64);
                comp.push((x as usize, y as usize));
                for dy in -reach..=reach {
                    for dx in -reach..=reach {
                        let (nx, ny) = (x + dx, y + dy);
                        if nx < 0 || ny < 0 || nx >= w as i64 || ny >= h as i64 {
                            continue;
                        }
                        let j = ny as usize * w + nx as usize;
                        if px[j] && !seen[j] {
                            seen[j] = true;
                            stack.push(j);
                        }
                    }
                }
            }
            comp.sort_unstable_by_key(|&(x, y)| (y, x));
            out.push(comp);
        }
        out
    }

    #[test]
    fn runs_and_union_find_give_the_flood_fill_components() {
        let mut rng = ausweisscan_synth::rng::Rng::new(11);
        for case in 0..60 {
            let (w, h) = (5 + rng.below(40), 3 + rng.below(30));
            let density = 0.05 + 0.1 * (case % 6) as f64;
            let px: Vec<bool> = (0..w * h).map(|_| rng.chance(density)).collect();
            for reach in 1..=2 {
                let l = label_runs(&px, w, h, reach);
                let mut comps: Vec<(u32, Vec<(usize, usize)>)> = Vec::new();
                for (run, &lab) in l.runs.iter().zip(&l.label) {
                    let pts = (run.x0..run.x1).map(|x| (x as usize, run.y as usize));
                    match comps.iter_mut().find(|c| c.0 == lab) {
                        Some(c) => c.1.extend(pts),
                        None => comps.push((lab, pts.collect())),
                    }
                }
                let mut got: Vec<Vec<(usize, usize)>> = comps.into_iter().map(|c| c.1).collect();
                got.iter_mut().for_each(|c| c.sort_unstable_by_key(|&(x, y)| (y, x)));
                assert_eq!(got, flood(&px, w, h, reach as i64), "case {case}, reach {reach}");
            }
        }
    }

    #[test]
    fn a_label_is_its_components_first_run() {
        let px: Vec<u8> = [
            0, 1, 0, 0, 1, //
            0, 1, 0, 1, 0, //
            1, 1, 0, 0, 0,
        ]
        .to_vec();
        let l = label_runs(&px, 5, 3, 1);
        let runs: Vec<(u32, u32, u32)> = l.runs.iter().map(|r| (r.y, r.x0, r.x1)).collect();
        assert_eq!(runs, [(0, 1, 2), (0, 4, 5), (1, 1, 2), (1, 3, 4), (2, 0, 2)]);
        assert_eq!(l.label, [0, 1, 0, 1, 0]);
    }
}
