//! Parses TD1 (3x30), TD2 (2x36) and TD3 (2x44) machine readable zones into
//! their fields and checks every check digit (ICAO 9303 parts 4-6, with the
//! German specifics: `D<<`, ID card sex `<`, `ME` Ankunftsnachweis).
//!
//! The field [`layout`] is shared with [`super::correct`], which uses it to
//! know which positions hold digits, letters or document numbers.

use super::checksum::{verify, verify_of};
use super::{MrzFormat, MrzReading, MrzSource};
use crate::evidence::{BBox, DocumentType, Side};
use std::sync::LazyLock;

/// What characters a position may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum CharClass {
    /// `A-Z`: the document code's first letter, never a filler.
    Letter,
    /// `0-9` (dates, check digits).
    Digit,
    /// A check digit that may be `<` when its field is empty.
    DigitOrFiller,
    /// `A-Z` and `<` (codes, states, names).
    Alpha,
    /// `A-Z`, `0-9`, `<` (document numbers of other states, optional data).
    AlphaNum,
    /// German document numbers: digits, `CFGHJKLMNPRTVWXYZ`, `<`.
    GermanNumber,
    /// `F`, `M`, `X`, `<`.
    Sex,
}

impl CharClass {
    /// True if `c` is allowed here.
    pub(super) fn allows(self, c: char) -> bool {
        match self {
            CharClass::Letter => c.is_ascii_uppercase(),
            CharClass::Digit => c.is_ascii_digit(),
            CharClass::DigitOrFiller => c.is_ascii_digit() || c == '<',
            CharClass::Alpha => c.is_ascii_uppercase() || c == '<',
            CharClass::AlphaNum => c.is_ascii_uppercase() || c.is_ascii_digit() || c == '<',
            CharClass::GermanNumber => c.is_ascii_digit() || c == '<' || "CFGHJKLMNPRTVWXYZ".contains(c),
            CharClass::Sex => matches!(c, 'F' | 'M' | 'X' | '<'),
        }
    }
}

/// A check digit and the character ranges it covers: `(line, start, end)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Check {
    /// Field name as reported in `failed_checks`.
    pub name: &'static str,
    /// Covered ranges `(line, start, end)`, end exclusive.
    pub parts: Vec<(usize, usize, usize)>,
    /// Position `(line, column)` of the check digit.
    pub digit: (usize, usize),
}

impl Check {
    /// True if the check digit is right in `grid` (rows of chars).
    pub(super) fn passes(&self, grid: &[Vec<char>]) -> bool {
        let field = self.parts.iter().flat_map(|&(l, s, e)| grid[l][s..e].iter().copied());
        verify_of(field, grid[self.digit.0][self.digit.1])
    }

    /// The composite check, which covers other checks' fields too.
    pub(super) fn is_composite(&self) -> bool {
        self.name == "composite"
    }

    /// Every position the check reads, its digit included.
    pub(super) fn positions(&self) -> Vec<(usize, usize)> {
        let mut v: Vec<(usize, usize)> = self.parts.iter().flat_map(|&(l, s, e)| (s..e).map(move |c| (l, c))).collect();
        v.push(self.digit);
        v
    }
}

/// Character classes and checks of one MRZ format.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Layout {
    /// Format.
    pub format: MrzFormat,
    /// Class of every position, per line.
    pub classes: Vec<Vec<CharClass>>,
    /// Checks, field checks first and the composite last.
    pub checks: Vec<Check>,
    /// Starts `(line, column)` of the two 3-character state fields (issuing
    /// state, nationality), which have no check digit.
    pub states: [(usize, usize); 2],
}

/// Number of lines and characters per line of a format.
pub(super) fn dimensions(format: MrzFormat) -> (usize, usize) {
    match format {
        MrzFormat::TD1 => (3, 30),
        MrzFormat::TD2 => (2, 36),
        MrzFormat::TD3 => (2, 44),
    }
}

/// The format with these dimensions, if any.
pub(super) fn format_of(lines: usize, width: usize) -> Option<MrzFormat> {
    match (lines, width) {
        (3, 30) => Some(MrzFormat::TD1),
        (2, 36) => Some(MrzFormat::TD2),
        (2, 44) => Some(MrzFormat::TD3),
        _ => None,
    }
}

/// The layout of `format`; `german` narrows document numbers to the German
/// alphabet (issuing state `D`). Built once: the image reader asks for it
/// per character cell.
pub(super) fn layout(format: MrzFormat, german: bool) -> &'static Layout {
    static LAYOUTS: LazyLock<Vec<Layout>> = LazyLock::new(|| {
        [MrzFormat::TD1, MrzFormat::TD2, MrzFormat::TD3]
            .into_iter()
            .flat_map(|f| [build_layout(f, false), build_layout(f, true)])
            .collect()
    });
    let k = match format {
        MrzFormat::TD1 => 0,
        MrzFormat::TD2 => 2,
        MrzFormat::TD3 => 4,
    };
    &LAYOUTS[k + usize::from(german)]
}

fn build_layout(format: MrzFormat, german: bool) -> Layout {
    use CharClass::*;
    let (n, w) = dimensions(format);
    let mut classes = vec![vec![AlphaNum; w]; n];
    let number = if german { GermanNumber } else { AlphaNum };
    let mut set = |l: usize, s: usize, e: usize, c: CharClass| classes[l][s..e].iter_mut().for_each(|x| *x = c);
    let checks = match format {
        MrzFormat::TD1 => {
            set(0, 0, 5, Alpha);
            set(0, 0, 1, Letter);
            set(0, 5, 14, number);
            set(0, 14, 15, DigitOrFiller);
            set(1, 0, 7, Digit);
            set(1, 7, 8, Sex);
            set(1, 8, 15, Digit);
            set(1, 15, 18, Alpha);
            set(1, 29, 30, Digit);
            set(2, 0, 30, Alpha);
            vec![
                Check { name: "document_number", parts: vec![(0, 5, 14)], digit: (0, 14) },
                Check { name: "birth_date", parts: vec![(1, 0, 6)], digit: (1, 6) },
                Check { name: "expiry_date", parts: vec![(1, 8, 14)], digit: (1, 14) },
                Check {
                    name: "composite",
                    parts: vec![(0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 29)],
                    digit: (1, 29),
                },
            ]
        }
        MrzFormat::TD2 | MrzFormat::TD3 => {
            set(0, 0, w, Alpha);
            set(0, 0, 1, Letter);
            set(1, 0, 9, number);
            set(1, 9, 10, DigitOrFiller);
            set(1, 10, 13, Alpha);
            set(1, 13, 20, Digit);
            set(1, 20, 21, Sex);
            set(1, 21, 28, Digit);
            set(1, w - 1, w, Digit);
            let mut checks = vec![
                Check { name: "document_number", parts: vec![(1, 0, 9)], digit: (1, 9) },
                Check { name: "birth_date", parts: vec![(1, 13, 19)], digit: (1, 19) },
                Check { name: "expiry_date", parts: vec![(1, 21, 27)], digit: (1, 27) },
            ];
            if format == MrzFormat::TD3 {
                set(1, 42, 43, DigitOrFiller);
                checks.push(Check { name: "personal_number", parts: vec![(1, 28, 42)], digit: (1, 42) });
            }
            checks.push(Check {
                name: "composite",
                parts: vec![(1, 0, 10), (1, 13, 20), (1, 21, w - 1)],
                digit: (1, w - 1),
            });
            checks
        }
    };
    let states = if format == MrzFormat::TD1 { [(0, 2), (1, 15)] } else { [(0, 2), (1, 10)] };
    Layout { format, classes, checks, states }
}

/// Why lines are not an MRZ.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub(super) enum ParseError {
    /// Line count and widths fit no format.
    #[error("lines fit no MRZ format ({lines} lines, widths {widths:?})")]
    Shape {
        /// Number of lines.
        lines: usize,
        /// Width of each line.
        widths: Vec<usize>,
    },
    /// A character outside `A-Z 0-9 <`.
    #[error("character outside the MRZ alphabet at line {line}, column {column}")]
    Alphabet {
        /// Line (0-based).
        line: usize,
        /// Column (0-based).
        column: usize,
    },
    /// The document code's first letter fits no document of this format.
    #[error("document code {0:?} does not fit the format")]
    DocumentCode(String),
}

/// A date field `YYMMDD` as read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct MrzDate {
    /// Two-digit year.
    pub yy: u8,
    /// Month 1..=12.
    pub month: u8,
    /// Day 1..=31.
    pub day: u8,
}

impl MrzDate {
    /// Parses `YYMMDD`; None if not digits or not a calendar-plausible date.
    pub(super) fn parse(s: &str) -> Option<MrzDate> {
        if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n = |i: usize| s[i..i + 2].parse::<u8>().ok();
        let (yy, month, day) = (n(0)?, n(2)?, n(4)?);
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(MrzDate { yy, month, day })
    }
}

/// Every field of a parsed MRZ (personal data in clear: never report unmasked).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Parsed {
    /// Format.
    pub format: MrzFormat,
    /// The lines parsed.
    pub lines: Vec<String>,
    /// Document code without fillers, e.g. `ID`, `P`, `AR`, `PC`.
    pub document_code: String,
    /// Issuing state without fillers, e.g. `D`, `FRA`.
    pub issuing_state: String,
    /// Document number, overflow from optional data included, without fillers.
    pub document_number: String,
    /// Date of birth, if a plausible date.
    pub birth_date: Option<MrzDate>,
    /// Sex character (`F`, `M`, `X` or `<`).
    pub sex: char,
    /// Date of expiry, if a plausible date.
    pub expiry_date: Option<MrzDate>,
    /// Nationality without fillers.
    pub nationality: String,
    /// Optional data fields, fillers trimmed (empty strings when unused).
    pub optional_data: Vec<String>,
    /// Surname (fillers as spaces).
    pub surname: String,
    /// Given names (fillers as spaces).
    pub given_names: String,
    /// Names of the checks that failed.
    pub failed_checks: Vec<&'static str>,
    /// Names of the checks that passed.
    pub passed_checks: Vec<&'static str>,
    /// Document type implied by the code and issuer.
    pub document_type: DocumentType,
    /// Side implied.
    pub side: Side,
}

impl Parsed {
    /// True when every check digit is right.
    #[cfg(test)]
    pub(super) fn checks_passed(&self) -> bool {
        self.failed_checks.is_empty()
    }

    /// The reading the detectors report.
    pub(super) fn into_reading(self, source: MrzSource, bbox: Option<BBox>) -> MrzReading {
        MrzReading {
            format: self.format,
            checks_passed: self.failed_checks.is_empty(),
            lines: self.lines,
            document_code: self.document_code,
            issuing_state: self.issuing_state,
            failed_checks: self.failed_checks,
            document_type: self.document_type,
            side: self.side,
            bbox,
            source,
        }
    }
}

fn trim_fill(s: &str) -> String {
    s.trim_matches('<').to_string()
}

fn names(s: &str) -> (String, String) {
    let s = s.trim_end_matches('<');
    let (sur, given) = s.split_once("<<").unwrap_or((s, ""));
    (sur.replace('<', " ").trim().to_string(), given.replace('<', " ").trim().to_string())
}

/// Document type and side for a document code, issuer and format.
pub(super) fn classify(code: &str, state: &str, format: MrzFormat) -> (DocumentType, Side) {
    let first = code.chars().next().unwrap_or('<');
    match (first, format) {
        ('P', _) => (DocumentType::Passport, Side::DataPage),
        // The laminated German card (1987-2010) and the paper provisional ID
        // carry the MRZ on their data (portrait) side.
        ('I', MrzFormat::TD2) if state == "D" => (DocumentType::IdCard, Side::Front),
        ('I', _) => (DocumentType::IdCard, Side::Back),
        ('A', _) => (DocumentType::ResidencePermit, Side::Back),
        // Ankunftsnachweis: a paper arrival certificate with one data side.
        ('M', _) => (DocumentType::ResidencePermit, Side::Front),
        ('V', _) => (DocumentType::Passport, Side::Unknown),
        _ => (DocumentType::Unknown, Side::Unknown),
    }
}

/// True if a document code's first letter is allowed in this format.
pub(super) fn code_fits(code_first: char, format: MrzFormat) -> bool {
    match format {
        MrzFormat::TD1 => matches!(code_first, 'I' | 'A' | 'C'),
        MrzFormat::TD2 => matches!(code_first, 'I' | 'A' | 'C' | 'V' | 'M'),
        MrzFormat::TD3 => matches!(code_first, 'P' | 'V'),
    }
}

/// Parses MRZ lines exactly as given (no correction: see [`super::correct`]).
pub(super) fn parse<S: AsRef<str>>(lines: &[S]) -> Result<Parsed, ParseError> {
    let widths: Vec<usize> = lines.iter().map(|l| l.as_ref().chars().count()).collect();
    let shape = || ParseError::Shape { lines: lines.len(), widths: widths.clone() };
    let format = format_of(lines.len(), *widths.first().ok_or_else(shape)?).ok_or_else(shape)?;
    if widths.iter().any(|&w| w != widths[0]) {
        return Err(shape());
    }
    for (li, l) in lines.iter().enumerate() {
        if let Some(column) = l.as_ref().chars().position(|c| !CharClass::AlphaNum.allows(c)) {
            return Err(ParseError::Alphabet { line: li, column });
        }
    }
    let l: Vec<&str> = lines.iter().map(|s| s.as_ref()).collect();
    let code = trim_fill(&l[0][0..2]);
    if !code_fits(l[0].chars().next().unwrap_or('<'), format) {
        return Err(ParseError::DocumentCode(code));
    }
    let state = trim_fill(&l[0][2..5]);
    let grid: Vec<Vec<char>> = l.iter().map(|s| s.chars().collect()).collect();
    let lay = layout(format, state == "D");
    let mut failed = Vec::new();
    let mut passed = Vec::new();
    let mut number;
    let optional_data;
    let (birth, sex, expiry, nationality, name_field);
    match format {
        MrzFormat::TD1 => {
            number = l[0][5..14].to_string();
            birth = &l[1][0..6];
            sex = grid[1][7];
            expiry = &l[1][8..14];
            nationality = &l[1][15..18];
            name_field = l[2];
            optional_data = vec![trim_fill(&l[0][15..30]), trim_fill(&l[1][18..29])];
        }
        MrzFormat::TD2 | MrzFormat::TD3 => {
            let w = l[1].len();
            number = l[1][0..9].to_string();
            birth = &l[1][13..19];
            sex = grid[1][20];
            expiry = &l[1][21..27];
            nationality = &l[1][10..13];
            name_field = &l[0][5..];
            let opt_end = if format == MrzFormat::TD3 { 42 } else { w - 1 };
            optional_data = vec![trim_fill(&l[1][28..opt_end])];
        }
    }
    for check in &lay.checks {
        let ok = if check.name == "document_number" && grid[check.digit.0][check.digit.1] == '<' {
            // Long number: continues in the optional data, its check digit last.
            let (line, start, end) = if format == MrzFormat::TD1 { (0, 15, 30) } else { (1, 28, 35) };
            let opt = l[line][start..end].trim_end_matches('<');
            match opt.chars().last() {
                Some(d) if opt.len() >= 2 && d.is_ascii_digit() => {
                    number.push_str(&opt[..opt.len() - 1]);
                    verify(&number, d)
                }
                _ => false,
            }
        } else {
            check.passes(&grid)
        };
        if ok { passed.push(check.name) } else { failed.push(check.name) }
    }
    let (surname, given_names) = names(name_field);
    let (document_type, side) = classify(&code, &state, format);
    Ok(Parsed {
        format,
        lines: l.iter().map(|s| s.to_string()).collect(),
        document_code: code,
        issuing_state: state,
        document_number: number.trim_end_matches('<').to_string(),
        birth_date: MrzDate::parse(birth),
        sex,
        expiry_date: MrzDate::parse(expiry),
        nationality: trim_fill(nationality),
        optional_data,
        surname,
        given_names,
        failed_checks: failed,
        passed_checks: passed,
        document_type,
        side,
    })
}

#[cfg(test)]
mod tests;
