//! Finds MRZs in a PDF text layer, tolerating OCR noise: spaces inside
//! lines, `«` or `K` read for `<`, O/0 and I/1 confusions, MRZ lines split
//! over several text lines or joined into one, CRLF, stray punctuation and
//! dropped fillers.
//!
//! Text lines that look like MRZ material (upper case, MRZ alphabet, a filler
//! somewhere in the block) are re-cut into lines of each format's width, fed
//! to the correction engine (`mrz::correct`) and kept only if every check
//! passes, or, as a near miss, if the structure is clearly an MRZ (a
//! document code, an issuing state, a name field, plausible dates and at
//! least two non-empty fields whose check digits pass).

use super::correct::{Corrected, correct_text};
use super::parse::{code_fits, dimensions};
use super::{MrzFormat, MrzReading, MrzSource};
use std::collections::HashSet;

/// Shortest text fragment taken as a piece of an MRZ line.
const MIN_PIECE: usize = 5;
/// Cut shifts tried on joined lines.
const SHIFTS: [isize; 5] = [0, -1, 1, -2, 2];
/// Most MRZ-like lines in one block; longer runs are tables, not MRZs.
const MAX_BLOCK_LINES: usize = 40;

/// All MRZs in `text`, best first.
pub fn find(text: &str) -> Vec<MrzReading> {
    let mut found: Vec<Corrected> = Vec::new();
    for block in blocks(text) {
        for c in find_in_block(&block) {
            merge(&mut found, c);
        }
    }
    found.sort_by(|a, b| rank(b).partial_cmp(&rank(a)).unwrap_or(std::cmp::Ordering::Equal));
    // A near miss that shares a line with a fully checked MRZ is that MRZ misread.
    let passed: Vec<Vec<String>> =
        found.iter().filter(|c| c.reading.checks_passed).map(|c| c.reading.lines.clone()).collect();
    found.retain(|c| c.reading.checks_passed || !passed.iter().any(|p| p.iter().any(|l| c.reading.lines.contains(l))));
    // A shorter format cut out of a longer MRZ (TD2 inside TD3) is no MRZ of its own.
    let all: Vec<(MrzFormat, Vec<String>)> =
        found.iter().map(|c| (c.reading.format, c.reading.lines.clone())).collect();
    found.retain(|c| {
        let w = c.reading.lines[0].len();
        !all.iter().any(|(f, lines)| {
            *f != c.reading.format
                && lines[0].len() > w
                && c.reading.lines.iter().any(|l| {
                    let core = l.trim_end_matches('<');
                    core.len() >= 10 && lines.iter().any(|o| o.contains(core))
                })
        })
    });
    found.into_iter().map(|c| c.reading).collect()
}

/// (all checks pass, fewer failed checks, lower cost): higher is better.
fn rank(c: &Corrected) -> (bool, i64, f32) {
    (c.reading.checks_passed, -(c.reading.failed_checks.len() as i64), -c.cost)
}

/// Adds `c` unless an equal or better reading of the same MRZ is there.
fn merge(found: &mut Vec<Corrected>, c: Corrected) {
    let key = |x: &Corrected| (x.reading.format, x.reading.lines[0].chars().take(14).collect::<String>());
    if let Some(old) = found.iter_mut().find(|o| key(o) == key(&c)) {
        if rank(&c) > rank(old) {
            *old = c;
        }
    } else {
        found.push(c);
    }
}

/// Normalises one text line to MRZ characters, or None if it is no MRZ
/// material (prose, too short, too many foreign characters).
fn clean_line(raw: &str) -> Option<String> {
    let chars: Vec<char> = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.len() < MIN_PIECE {
        // Only a broken-off run of fillers is kept this short.
        let fill = chars.iter().all(|&c| super::correct::normalize_char(c) == '<');
        return (fill && !chars.is_empty()).then(|| "<".repeat(chars.len()));
    }
    // Prose is mostly lower case; an MRZ read in lower case still has fillers.
    let lower = chars.iter().filter(|c| c.is_lowercase()).count();
    let fillers = chars.iter().filter(|&&c| super::correct::normalize_char(c) == '<').count();
    if lower * 5 > chars.len() && fillers * 4 < chars.len() {
        return None;
    }
    let mapped: Vec<char> = chars.iter().map(|&c| super::correct::normalize_char(c)).collect();
    let mrz = |c: &char| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '<';
    let foreign = mapped.iter().filter(|c| !mrz(c)).count();
    if foreign * 8 > mapped.len() {
        return None;
    }
    let mut s: String = mapped.into_iter().filter(mrz).collect();
    if !s.contains('<') && s.contains("KKK") {
        s = k_runs_to_fillers(&s);
        // The filler after a one-letter document code (`P<`, `I<`).
        if s.len() > 2 && matches!(&s[..2], "PK" | "IK" | "AK" | "CK" | "VK") {
            s.replace_range(1..2, "<");
        }
    }
    (!s.is_empty()).then_some(s)
}

/// Runs of two or more `K` become fillers (OCR reading `<` as `K`).
fn k_runs_to_fillers(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let mut j = i;
        while j < chars.len() && chars[j] == 'K' {
            j += 1;
        }
        if j - i >= 2 {
            out.extend(std::iter::repeat_n('<', j - i));
            i = j;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Runs of consecutive MRZ-like text lines that hold a filler somewhere.
fn blocks(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let mut flush = |cur: &mut Vec<String>| {
        if cur.iter().any(|l| l.contains('<')) && cur.len() <= MAX_BLOCK_LINES {
            out.push(std::mem::take(cur));
        } else if cur.len() > MAX_BLOCK_LINES {
            // A long table: look at it in overlapping windows instead.
            let lines = std::mem::take(cur);
            for start in (0..lines.len()).step_by(MAX_BLOCK_LINES / 2) {
                let end = (start + MAX_BLOCK_LINES).min(lines.len());
                let w = lines[start..end].to_vec();
                if w.iter().any(|l| l.contains('<')) {
                    out.push(w);
                }
            }
        }
        cur.clear();
    };
    for raw in text.split(['\n', '\r', '\u{c}']) {
        if raw.trim().is_empty() {
            continue;
        }
        match clean_line(raw) {
            Some(l) => cur.push(l),
            None => flush(&mut cur),
        }
    }
    flush(&mut cur);
    out
}

/// Cuts text pieces into MRZ lines of width `w`: short pieces are joined,
/// long ones (joined lines) cut at `w + shift` (a shift makes up for a
/// dropped or extra character before the cut).
fn segment(pieces: &[String], w: usize, shift: isize) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let cut = w.saturating_add_signed(shift);
    for (i, p) in pieces.iter().enumerate() {
        buf.push_str(p);
        while buf.len() > w + 2 {
            let rest = buf.split_off(cut);
            out.push(std::mem::replace(&mut buf, rest));
        }
        let next = pieces.get(i + 1).map_or(usize::MAX / 2, String::len);
        if buf.len() + 3 >= w && buf.len() + next > w + 2 {
            out.push(std::mem::take(&mut buf));
        }
    }
    if !buf.is_empty() {
        out.push(buf);
    }
    out
}

/// Fits a line to width `w` by growing or shrinking its longest filler run
/// (OCR often miscounts fillers), else by padding or cutting the end.
fn fit(line: &str, w: usize) -> String {
    let n = line.len();
    if n == w {
        return line.to_string();
    }
    let (mut best_start, mut best_len, mut i) = (0, 0, 0);
    let b = line.as_bytes();
    while i < n {
        if b[i] == b'<' {
            let s = i;
            while i < n && b[i] == b'<' {
                i += 1;
            }
            if i - s > best_len {
                (best_start, best_len) = (s, i - s);
            }
        } else {
            i += 1;
        }
    }
    if n < w && best_len >= 2 {
        let mut s = line.to_string();
        s.insert_str(best_start, &"<".repeat(w - n));
        s
    } else if n > w && best_len > n - w + 1 {
        let mut s = line.to_string();
        s.replace_range(best_start..best_start + (n - w), "");
        s
    } else if n < w {
        format!("{line}{}", "<".repeat(w - n))
    } else {
        line[..w].to_string()
    }
}

/// Candidate MRZs in one block, every segmentation and format tried.
fn find_in_block(block: &[String]) -> Vec<Corrected> {
    let mut out: Vec<Corrected> = Vec::new();
    let mut tried: HashSet<Vec<String>> = HashSet::new();
    for format in [MrzFormat::TD1, MrzFormat::TD2, MrzFormat::TD3] {
        let w = dimensions(format).1;
        for start in 0..block.len() {
            if start > 0 && !may_start(&block[start], format) {
                continue; // segmentation from here cannot begin an MRZ
            }
            let unshifted = segment(&block[start..], w, 0);
            for shift in SHIFTS {
                let lines = if shift == 0 { unshifted.clone() } else { segment(&block[start..], w, shift) };
                if shift != 0 && lines == unshifted {
                    continue; // nothing was cut
                }
                scan_windows(&lines, format, &mut tried, &mut out);
            }
        }
    }
    out
}

/// Tries every window of `n` consecutive lines, skipping past accepted ones.
fn scan_windows(lines: &[String], format: MrzFormat, tried: &mut HashSet<Vec<String>>, out: &mut Vec<Corrected>) {
    let (n, w) = dimensions(format);
    let mut i = 0;
    while i + n <= lines.len() {
        let window = &lines[i..i + n];
        let usable = window.iter().all(|l| l.len() + 3 >= w && l.len() <= w + 2)
            && may_start(&window[0], format)
            && tried.insert(window.to_vec());
        match if usable { try_window(window, w) } else { None } {
            Some(c) => {
                merge(out, c);
                i += n;
            }
            None => i += 1,
        }
    }
}

/// True if `line` may be the first line of an MRZ of `format`: its first
/// character is a document code letter (or `1` read for `I`).
fn may_start(line: &str, format: MrzFormat) -> bool {
    line.chars().next().is_some_and(|c| code_fits(if c == '1' { 'I' } else { c }, format))
}

fn try_window(window: &[String], w: usize) -> Option<Corrected> {
    let fitted: Vec<String> = window.iter().map(|l| fit(l, w)).collect();
    let c = correct_text(&fitted, MrzSource::TextLayer, None)?;
    plausible(&c).then_some(c)
}

/// `YYMMDD` with a possible month and day (00 allowed: unknown parts).
fn date_ok(s: &str) -> bool {
    s.len() == 6
        && s.bytes().all(|b| b.is_ascii_digit())
        && s[2..4].parse::<u8>().is_ok_and(|m| m <= 12)
        && s[4..6].parse::<u8>().is_ok_and(|d| d <= 31)
}

/// True if a corrected reading is an MRZ: all checks pass with sane fields,
/// or a near miss whose structure is clearly an MRZ.
fn plausible(c: &Corrected) -> bool {
    let p = &c.parsed;
    let l = &p.lines;
    let (birth, expiry) = match p.format {
        MrzFormat::TD1 => (&l[1][0..6], &l[1][8..14]),
        _ => (&l[1][13..19], &l[1][21..27]),
    };
    // ICAO codes are three letters; Germany alone writes `D<<`.
    let code_ok = |s: &str| s == "D<<" || (s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()));
    let state_ok = code_ok(&l[0][2..5]);
    let nat = match p.format {
        MrzFormat::TD1 => &l[1][15..18],
        _ => &l[1][10..13],
    };
    let nat_ok = code_ok(nat);
    let name_ok = p.surname.chars().filter(char::is_ascii_uppercase).count() >= 2;
    if !(state_ok && nat_ok && name_ok) {
        return false;
    }
    if p.failed_checks.is_empty() {
        return date_ok(birth) && date_ok(expiry);
    }
    // Near miss: two non-empty fields with right check digits, and dates.
    let lay = super::parse::layout(p.format, p.issuing_state == "D");
    let grid: Vec<Vec<char>> = l.iter().map(|s| s.chars().collect()).collect();
    let nontrivial = lay
        .checks
        .iter()
        .filter(|ch| p.passed_checks.contains(&ch.name))
        .filter(|ch| ch.parts.iter().any(|&(li, s, e)| grid[li][s..e].iter().any(|&x| x != '<')))
        .count();
    nontrivial >= 2 && (date_ok(birth) || date_ok(expiry)) && c.changes <= 8
}

#[cfg(test)]
mod tests;
