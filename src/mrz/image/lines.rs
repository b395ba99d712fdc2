//! Finds MRZ line structures among character-sized components at any angle:
//! chains of evenly spaced, similar blobs (nearest-neighbour stepping with a
//! slowly adapting step, so skew and mild perspective pass), then groups of 2
//! or 3 parallel chains with the MRZ's line pitch.

use super::prep::Comp;

/// A straight-ish row of evenly spaced components.
#[derive(Clone, Debug)]
pub struct Chain {
    /// `(position index, component index)`, sorted by position; positions
    /// start at 0 and may have gaps.
    pub cells: Vec<(i32, usize)>,
    /// Number of positions from first to last.
    pub span: i32,
    /// Fitted centre of position `i`: `a + b*i + c*i^2` per axis.
    pub fit: [[f32; 3]; 2],
}

impl Chain {
    /// Fitted centre of position `i`.
    pub fn at(&self, i: f32) -> (f32, f32) {
        let [fx, fy] = self.fit;
        (fx[0] + fx[1] * i + fx[2] * i * i, fy[0] + fy[1] * i + fy[2] * i * i)
    }
    /// Step vector (pitch and direction) at position `i`.
    pub fn step(&self, i: f32) -> (f32, f32) {
        let [fx, fy] = self.fit;
        (fx[1] + 2.0 * fx[2] * i, fy[1] + 2.0 * fy[2] * i)
    }
    /// Mean pitch in pixels.
    pub fn pitch(&self) -> f32 {
        let (dx, dy) = self.step(self.span as f32 / 2.0 - 0.5);
        dx.hypot(dy)
    }
    /// The positions `o..o+n` as a chain of span `n`.
    pub fn window(&self, o: i32, n: i32) -> Chain {
        let of = o as f32;
        let sh = |f: [f32; 3]| [f[0] + f[1] * of + f[2] * of * of, f[1] + 2.0 * f[2] * of, f[2]];
        let cells = self.cells.iter().filter(|c| c.0 >= o && c.0 < o + n).map(|&(i, c)| (i - o, c)).collect();
        Chain { cells, span: n, fit: [sh(self.fit[0]), sh(self.fit[1])] }
    }
    /// The same chain read from the other end.
    pub fn reversed(&self) -> Chain {
        let last = self.span - 1;
        let mut cells: Vec<(i32, usize)> = self.cells.iter().map(|&(i, c)| (last - i, c)).collect();
        cells.reverse();
        let l = last as f32;
        let flip = |f: [f32; 3]| [f[0] + f[1] * l + f[2] * l * l, -f[1] - 2.0 * f[2] * l, f[2]];
        Chain { cells, span: self.span, fit: [flip(self.fit[0]), flip(self.fit[1])] }
    }
}

/// Spatial hash of component centres.
struct Grid {
    cell: f32,
    w: usize,
    h: usize,
    bins: Vec<Vec<usize>>,
}

impl Grid {
    fn new(comps: &[Comp], cell: f32, w: usize, h: usize) -> Grid {
        let gw = (w as f32 / cell) as usize + 1;
        let gh = (h as f32 / cell) as usize + 1;
        let mut bins = vec![Vec::new(); gw * gh];
        for (i, c) in comps.iter().enumerate() {
            let gx = ((c.cx / cell) as usize).min(gw - 1);
            let gy = ((c.cy / cell) as usize).min(gh - 1);
            bins[gy * gw + gx].push(i);
        }
        Grid { cell, w: gw, h: gh, bins }
    }

    /// Components whose centre is within `r` of `(x, y)`.
    fn near(&self, comps: &[Comp], x: f32, y: f32, r: f32, out: &mut Vec<usize>) {
        out.clear();
        let gx0 = ((x - r) / self.cell).max(0.0) as usize;
        let gy0 = ((y - r) / self.cell).max(0.0) as usize;
        let gx1 = (((x + r) / self.cell).max(0.0) as usize).min(self.w - 1);
        let gy1 = (((y + r) / self.cell).max(0.0) as usize).min(self.h - 1);
        for gy in gy0..=gy1 {
            for gx in gx0..=gx1 {
                for &i in &self.bins[gy * self.w + gx] {
                    let c = &comps[i];
                    if (c.cx - x).powi(2) + (c.cy - y).powi(2) <= r * r {
                        out.push(i);
                    }
                }
            }
        }
    }
}

/// Shortest and longest line (in positions) worth keeping.
const MIN_SPAN: i32 = 26;
const MAX_SPAN: i32 = 48;

/// All chains of at least `MIN_SPAN` positions.
pub fn chains(comps: &[Comp], w: usize, h: usize) -> Vec<Chain> {
    if comps.is_empty() {
        return Vec::new();
    }
    let mut sizes: Vec<f32> = comps.iter().map(Comp::size).collect();
    sizes.sort_by(f32::total_cmp);
    let big = sizes[sizes.len() * 9 / 10].max(8.0);
    let grid = Grid::new(comps, big * 2.0, w, h);
    let mut used = vec![false; comps.len()];
    // Directions (mod pi) already walked through each component: a line is
    // walked once, not once per member.
    let mut walked: Vec<Vec<f32>> = vec![Vec::new(); comps.len()];
    let mut out = Vec::new();
    let mut nb = Vec::new();
    let mut scratch = Vec::new();
    let mut cand = Vec::new();
    for a in 0..comps.len() {
        if used[a] {
            continue;
        }
        let ca = comps[a];
        let sa = ca.size();
        grid.near(comps, ca.cx, ca.cy, sa * 2.2, &mut nb);
        cand.clear();
        cand.extend_from_slice(&nb);
        for &b in &cand {
            if b == a || used[b] {
                continue;
            }
            let cb = comps[b];
            let d = (cb.cx - ca.cx).hypot(cb.cy - ca.cy);
            let ratio = cb.size() / sa;
            if !(0.4..=2.5).contains(&ratio) || d < 0.6 * sa.min(cb.size()) || d > 2.2 * sa.max(cb.size()) {
                continue;
            }
            // A pair two positions apart (b beyond a neighbour) would walk
            // every other character and mark the whole line as walked.
            let (mx, my) = ((ca.cx + cb.cx) / 2.0, (ca.cy + cb.cy) / 2.0);
            grid.near(comps, mx, my, 0.25 * d, &mut nb);
            if nb.iter().any(|&m| m != a && m != b && (0.4..=2.5).contains(&(comps[m].size() / sa))) {
                continue;
            }
            let ang = (cb.cy - ca.cy).atan2(cb.cx - ca.cx).rem_euclid(std::f32::consts::PI);
            let near_ang = |x: &f32| {
                let dd = (x - ang).abs();
                dd.min(std::f32::consts::PI - dd) < 0.12
            };
            if walked[a].iter().any(near_ang) {
                continue;
            }
            match grow(comps, &grid, a, b, &mut scratch) {
                Grown::Line(ch) => {
                    // A walk from a leftover end character runs through a
                    // line already found: keep the longer of the two.
                    let old = ch.cells.iter().filter(|c| used[c.1]).count();
                    let dup = if old * 2 > ch.cells.len() { same_line(&out, &ch) } else { None };
                    for &(_, c) in &ch.cells {
                        used[c] = true;
                    }
                    match dup {
                        Some(k) if out[k].cells.len() < ch.cells.len() => out[k] = ch,
                        Some(_) => {}
                        None => out.push(ch),
                    }
                    break;
                }
                Grown::TooLong(members) => members.iter().for_each(|&c| used[c] = true),
                Grown::Short(members) => {
                    if members.len() >= 4 {
                        for &c in &members {
                            if walked[c].len() < 6 {
                                walked[c].push(ang);
                            }
                        }
                    }
                }
            }
            if used[a] {
                break;
            }
        }
    }
    out
}

/// The chain in `out` sharing the most components with `ch`, if any.
fn same_line(out: &[Chain], ch: &Chain) -> Option<usize> {
    let shared = |o: &Chain| o.cells.iter().filter(|c| ch.cells.iter().any(|d| d.1 == c.1)).count();
    let (k, n) = out.iter().enumerate().map(|(k, o)| (k, shared(o))).max_by_key(|x| x.1)?;
    (n * 2 > ch.cells.len()).then_some(k)
}

/// What growing a chain gave.
enum Grown {
    /// A line of MRZ length.
    Line(Chain),
    /// Longer than any MRZ line (running text): its members are done.
    TooLong(Vec<usize>),
    /// Shorter than an MRZ line (or too gappy).
    Short(Vec<usize>),
}

/// Grows a chain through `a` and `b` in both directions.
fn grow(comps: &[Comp], grid: &Grid, a: usize, b: usize, nb: &mut Vec<usize>) -> Grown {
    let (ca, cb) = (comps[a], comps[b]);
    let v = (cb.cx - ca.cx, cb.cy - ca.cy);
    let mut cells: Vec<(i32, usize)> = vec![(0, a), (1, b)];
    let fwd = walk(comps, grid, b, 1, v, MAX_SPAN + 2, nb);
    let hi = fwd.last().map_or(1, |&(i, _)| i);
    // The back walk starts with the forward walk's mean step: the direction
    // of one noisy pair (JPEG, photocopy) misses the characters behind `a`.
    let vb = match fwd.last() {
        Some(&(i, c)) if i >= 4 => ((comps[c].cx - ca.cx) / i as f32, (comps[c].cy - ca.cy) / i as f32),
        _ => v,
    };
    let back = walk(comps, grid, a, 0, (-vb.0, -vb.1), MAX_SPAN + 2 - hi, nb);
    let lo = back.last().map_or(0, |&(i, _)| i);
    let span = hi - lo + 1;
    cells.extend(fwd);
    cells.extend(back);
    if span > MAX_SPAN {
        return Grown::TooLong(cells.into_iter().map(|c| c.1).collect());
    }
    if span < MIN_SPAN || (cells.len() as i32) * 20 < span * 17 {
        return Grown::Short(cells.into_iter().map(|c| c.1).collect());
    }
    cells.sort_unstable();
    for c in cells.iter_mut() {
        c.0 -= lo;
    }
    match fit(comps, &cells) {
        Some(fit) => Grown::Line(Chain { cells, span, fit }),
        None => Grown::Short(cells.into_iter().map(|c| c.1).collect()),
    }
}

/// Steps from component `start` at position `pos` along `v`; each step
/// looks for a component near the prediction, skipping at most one gap.
fn walk(
    comps: &[Comp],
    grid: &Grid,
    start: usize,
    pos: i32,
    v: (f32, f32),
    max_steps: i32,
    nb: &mut Vec<usize>,
) -> Vec<(i32, usize)> {
    let dir = if pos == 0 { -1 } else { 1 };
    let mut out = Vec::new();
    let (mut last, mut lp) = (start, pos);
    let mut v = v;
    let mut gaps = 0;
    let base = comps[start].size();
    loop {
        let len = v.0.hypot(v.1);
        let mut found = None;
        for k in 1..=2 {
            let (px, py) = (comps[last].cx + v.0 * k as f32, comps[last].cy + v.1 * k as f32);
            grid.near(comps, px, py, 0.3 * len, nb);
            let best =
                nb.iter().copied().filter(|&i| i != last && (0.4..=2.5).contains(&(comps[i].size() / base))).min_by(
                    |&i, &j| {
                        let di = (comps[i].cx - px).powi(2) + (comps[i].cy - py).powi(2);
                        let dj = (comps[j].cx - px).powi(2) + (comps[j].cy - py).powi(2);
                        di.total_cmp(&dj)
                    },
                );
            if let Some(i) = best {
                found = Some((i, k));
                break;
            }
        }
        let Some((i, k)) = found else { break };
        if k == 2 {
            gaps += 1;
            if gaps > 4 {
                break;
            }
        }
        let obs = ((comps[i].cx - comps[last].cx) / k as f32, (comps[i].cy - comps[last].cy) / k as f32);
        v = (0.8 * v.0 + 0.2 * obs.0, 0.8 * v.1 + 0.2 * obs.1);
        lp += dir * k;
        last = i;
        out.push((lp, i));
        if (lp - pos).abs() >= max_steps {
            break;
        }
    }
    out
}

/// Least-squares quadratic fit of component centres against position.
fn fit(comps: &[Comp], cells: &[(i32, usize)]) -> Option<[[f32; 3]; 2]> {
    // Normal equations for [1, t, t^2] with t centred for conditioning.
    let n = cells.len() as f64;
    let tm = cells.iter().map(|c| c.0 as f64).sum::<f64>() / n;
    let mut m = [[0.0f64; 3]; 3];
    let mut rx = [0.0f64; 3];
    let mut ry = [0.0f64; 3];
    for &(i, c) in cells {
        let t = i as f64 - tm;
        let basis = [1.0, t, t * t];
        for r in 0..3 {
            for k in 0..3 {
                m[r][k] += basis[r] * basis[k];
            }
            rx[r] += basis[r] * comps[c].cx as f64;
            ry[r] += basis[r] * comps[c].cy as f64;
        }
    }
    let sx = solve3(m, rx)?;
    let sy = solve3(m, ry)?;
    // Back to uncentred t: p(i) = a + b(i-tm) + c(i-tm)^2.
    let un = |s: [f64; 3]| [(s[0] - s[1] * tm + s[2] * tm * tm) as f32, (s[1] - 2.0 * s[2] * tm) as f32, s[2] as f32];
    Some([un(sx), un(sy)])
}

fn solve3(m: [[f64; 3]; 3], r: [f64; 3]) -> Option<[f64; 3]> {
    let det = |a: [[f64; 3]; 3]| {
        a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
            + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0])
    };
    let d = det(m);
    if d.abs() < 1e-9 {
        return None;
    }
    let mut out = [0.0; 3];
    for (k, o) in out.iter_mut().enumerate() {
        let mut a = m;
        for row in 0..3 {
            a[row][k] = r[row];
        }
        *o = det(a) / d;
    }
    Some(out)
}

/// A candidate MRZ: 2 or 3 parallel chains, top line first, all oriented in
/// one reading direction (which may still be upside down).
#[derive(Clone, Debug)]
pub struct Group {
    /// The lines, top first in the chosen direction.
    pub lines: Vec<Chain>,
}

/// Groups chains into MRZ candidates (each chain used at most once), in both
/// reading directions per group (0 and 180 degrees).
pub fn groups(chains: &[Chain]) -> Vec<Group> {
    let n = chains.len();
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for i in 0..n {
        for j in i + 1..n {
            if neighbours(&chains[i], &chains[j]) {
                adj[i].push(j);
                adj[j].push(i);
            }
        }
    }
    let mut seen = vec![false; n];
    let mut out = Vec::new();
    for s in 0..n {
        if seen[s] {
            continue;
        }
        // Connected set of mutually neighbouring chains.
        let mut set = vec![s];
        seen[s] = true;
        let mut k = 0;
        while k < set.len() {
            for &j in &adj[set[k]] {
                if !seen[j] {
                    seen[j] = true;
                    set.push(j);
                }
            }
            k += 1;
        }
        if set.len() < 2 {
            continue;
        }
        // Orient all like the first, order along the normal.
        let base = &chains[set[0]];
        let (ux, uy) = base.step(base.span as f32 / 2.0);
        let mut lines: Vec<Chain> = set
            .iter()
            .map(|&i| {
                let c = &chains[i];
                let (sx, sy) = c.step(c.span as f32 / 2.0);
                if sx * ux + sy * uy < 0.0 { c.reversed() } else { c.clone() }
            })
            .collect();
        let (nx, ny) = (-uy, ux);
        let key = |c: &Chain| {
            let (x, y) = c.at(c.span as f32 / 2.0);
            x * nx + y * ny
        };
        lines.sort_by(|a, b| key(a).total_cmp(&key(b)));
        // Runs of 2 or 3 consecutive lines of equal span.
        let equal = |run: &[Chain]| run.iter().all(|c| (c.span - run[0].span).abs() <= MAX_EXTEND);
        let mut in_three = vec![false; lines.len()];
        for start in 0..lines.len() {
            for k in [3usize, 2] {
                if start + k > lines.len() {
                    continue;
                }
                let run = &lines[start..start + k];
                // Two lines of a three-line TD1 already grouped are no new candidate.
                if k == 2 && in_three[start] && in_three[start + 1] {
                    continue;
                }
                if equal(run) {
                    if k == 3 {
                        in_three[start..start + 3].iter_mut().for_each(|v| *v = true);
                    }
                    let g = Group { lines: run.to_vec() };
                    let flipped = Group { lines: run.iter().rev().map(Chain::reversed).collect() };
                    out.push(g);
                    out.push(flipped);
                }
            }
        }
    }
    out
}

/// Two chains that could be adjacent MRZ lines: parallel, same pitch, one
/// line pitch apart, overlapping along the line.
fn neighbours(a: &Chain, b: &Chain) -> bool {
    let (pa, pb) = (a.pitch(), b.pitch());
    if pa < 1.0 || pb < 1.0 || !(0.88..=1.14).contains(&(pa / pb)) {
        return false;
    }
    let (ax, ay) = a.step(a.span as f32 / 2.0);
    let (bx, by) = b.step(b.span as f32 / 2.0);
    let cos = (ax * bx + ay * by) / (pa * pb);
    if cos.abs() < 0.996 {
        return false;
    }
    let (ux, uy) = (ax / pa, ay / pa);
    let (mx, my) = a.at(a.span as f32 / 2.0 - 0.5);
    let (qx, qy) = b.at(b.span as f32 / 2.0 - 0.5);
    let along = ((qx - mx) * ux + (qy - my) * uy).abs() / pa;
    let across = ((qx - mx) * -uy + (qy - my) * ux).abs() / pa;
    along < 3.0 && (1.1..=2.8).contains(&across)
}

/// Line length per layout, by line count.
const LAYOUTS: [(usize, i32); 3] = [(3, 30), (2, 36), (2, 44)];
/// At most this many extra positions are trimmed from a line.
const MAX_TRIM: i32 = 4;
/// At most this many missed positions (faint end characters) are added.
const MAX_EXTEND: i32 = 4;

/// Groups whose lines have exactly a layout's length: over-long chains
/// (which ran into neighbouring marks) are trimmed at either end, short ones
/// (a faint end character) extended, and a TD1
/// with only two lines found gets its third line extrapolated above or below.
pub fn variants(g: &Group) -> Vec<Group> {
    let mut out = Vec::new();
    let k = g.lines.len();
    for (lines, n) in LAYOUTS {
        if g.lines.iter().any(|l| l.span < n - MAX_EXTEND || l.span > n + MAX_TRIM) {
            continue;
        }
        if lines == k {
            trimmed(&g.lines, n, &mut out);
        } else if lines == 3 && k == 2 {
            let mut two = Vec::new();
            trimmed(&g.lines, n, &mut two);
            for t in two {
                let (a, b) = (&t.lines[0], &t.lines[1]);
                let lin = |p: &Chain, q: &Chain| Chain {
                    cells: Vec::new(),
                    span: n,
                    fit: [0, 1].map(|ax| [0, 1, 2].map(|j| 2.0 * p.fit[ax][j] - q.fit[ax][j])),
                };
                out.push(Group { lines: vec![lin(a, b), a.clone(), b.clone()] });
                out.push(Group { lines: vec![a.clone(), b.clone(), lin(b, a)] });
            }
        }
    }
    out
}

/// All trims of `lines` to `n` positions whose starts line up.
fn trimmed(lines: &[Chain], n: i32, out: &mut Vec<Group>) {
    let mut combos: Vec<Vec<Chain>> = vec![Vec::new()];
    for l in lines {
        let mut next = Vec::new();
        for c in &combos {
            for o in (l.span - n).min(0)..=(l.span - n).max(0) {
                let w = l.window(o, n);
                if let Some(first) = c.first()
                    && !starts_align(first, &w)
                {
                    continue;
                }
                let mut c2 = c.clone();
                c2.push(w);
                next.push(c2);
            }
        }
        combos = next;
    }
    out.extend(combos.into_iter().map(|lines| Group { lines }));
}

/// Whether two lines start at the same place along the line direction.
fn starts_align(a: &Chain, b: &Chain) -> bool {
    let (sx, sy) = a.step(0.0);
    let p = sx.hypot(sy).max(1e-3);
    let (ax, ay) = a.at(0.0);
    let (bx, by) = b.at(0.0);
    (((bx - ax) * sx + (by - ay) * sy) / p / p).abs() < 0.6
}
