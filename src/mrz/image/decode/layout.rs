//! The three ICAO 9303 layouts the decoder knows (TD1, TD2, TD3): which
//! character class each position allows, and where the check digits sit.

use crate::mrz::MrzFormat;

/// Character class of one position.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Class {
    /// `0-9`.
    Digit,
    /// `0-9` or `<` (optional check digits).
    DigitOrFiller,
    /// `A-Z`.
    Letter,
    /// `A-Z` or `<`.
    LetterOrFiller,
    /// `A-Z`, `0-9`, `<`.
    Any,
    /// `M`, `F`, `X`, `<`.
    Sex,
}

impl Class {
    pub(super) fn allows(self, c: u8) -> bool {
        match self {
            Class::Digit => c.is_ascii_digit(),
            Class::DigitOrFiller => c.is_ascii_digit() || c == b'<',
            Class::Letter => c.is_ascii_uppercase(),
            Class::LetterOrFiller => c.is_ascii_uppercase() || c == b'<',
            Class::Any => true,
            Class::Sex => matches!(c, b'M' | b'F' | b'X' | b'<'),
        }
    }
}

/// A check: the positions `(line, start..end)` it covers and its digit.
pub(super) struct Check {
    pub(super) name: &'static str,
    pub(super) spans: &'static [(usize, usize, usize)],
    pub(super) digit: (usize, usize),
    /// Composite checks are repaired only outside other checked fields.
    pub(super) composite: bool,
}

pub(super) struct Layout {
    pub(super) format: MrzFormat,
    pub(super) lines: usize,
    pub(super) len: usize,
    pub(super) class: fn(usize, usize) -> Class,
    pub(super) checks: &'static [Check],
    /// Starts `(line, position)` of the 3-character state fields (issuing
    /// state, nationality), which have no check digit.
    pub(super) states: [(usize, usize); 2],
}

fn td1_class(l: usize, i: usize) -> Class {
    match (l, i) {
        (0, 0) => Class::Letter,
        (0, 1..=4) => Class::LetterOrFiller,
        (0, 14) => Class::DigitOrFiller,
        (0, _) => Class::Any,
        (1, 0..=6) | (1, 8..=14) | (1, 29) => Class::Digit,
        (1, 7) => Class::Sex,
        (1, 15..=17) => Class::LetterOrFiller,
        (1, _) => Class::Any,
        _ => Class::LetterOrFiller,
    }
}

fn td23_class(l: usize, i: usize, len: usize) -> Class {
    match (l, i) {
        (0, 0) => Class::Letter,
        (0, _) => Class::LetterOrFiller,
        (1, 9) | (1, 13..=19) | (1, 21..=27) => Class::Digit,
        (1, 10..=12) => Class::LetterOrFiller,
        (1, 20) => Class::Sex,
        (1, i) if i == len - 1 => Class::Digit,
        (1, i) if len == 44 && i == 42 => Class::DigitOrFiller,
        _ => Class::Any,
    }
}

static TD1: Layout = Layout {
    format: MrzFormat::TD1,
    lines: 3,
    len: 30,
    class: td1_class,
    checks: &[
        Check { name: "document_number", spans: &[(0, 5, 14)], digit: (0, 14), composite: false },
        Check { name: "birth_date", spans: &[(1, 0, 6)], digit: (1, 6), composite: false },
        Check { name: "expiry_date", spans: &[(1, 8, 14)], digit: (1, 14), composite: false },
        Check {
            name: "composite",
            spans: &[(0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 29)],
            digit: (1, 29),
            composite: true,
        },
    ],
    states: [(0, 2), (1, 15)],
};

static TD2: Layout = Layout {
    format: MrzFormat::TD2,
    lines: 2,
    len: 36,
    class: |l, i| td23_class(l, i, 36),
    checks: &[
        Check { name: "document_number", spans: &[(1, 0, 9)], digit: (1, 9), composite: false },
        Check { name: "birth_date", spans: &[(1, 13, 19)], digit: (1, 19), composite: false },
        Check { name: "expiry_date", spans: &[(1, 21, 27)], digit: (1, 27), composite: false },
        Check { name: "composite", spans: &[(1, 0, 10), (1, 13, 20), (1, 21, 35)], digit: (1, 35), composite: true },
    ],
    states: [(0, 2), (1, 10)],
};

static TD3: Layout = Layout {
    format: MrzFormat::TD3,
    lines: 2,
    len: 44,
    class: |l, i| td23_class(l, i, 44),
    checks: &[
        Check { name: "document_number", spans: &[(1, 0, 9)], digit: (1, 9), composite: false },
        Check { name: "birth_date", spans: &[(1, 13, 19)], digit: (1, 19), composite: false },
        Check { name: "expiry_date", spans: &[(1, 21, 27)], digit: (1, 27), composite: false },
        Check { name: "personal_number", spans: &[(1, 28, 42)], digit: (1, 42), composite: false },
        Check { name: "composite", spans: &[(1, 0, 10), (1, 13, 20), (1, 21, 43)], digit: (1, 43), composite: true },
    ],
    states: [(0, 2), (1, 10)],
};

/// The layout with `lines` lines of `len` characters.
pub(super) fn layout_of(lines: usize, len: usize) -> Option<&'static Layout> {
    [&TD1, &TD2, &TD3].into_iter().find(|l| l.lines == lines && l.len == len)
}
