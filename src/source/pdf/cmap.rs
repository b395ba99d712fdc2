//! A guard for the text layer: pdf-extract expands every `bfrange` of a
//! font's ToUnicode CMap into a hash map entry per code, so one range
//! `<00000000> <FFFFFFFF>` asks for billions of entries and the process
//! dies. Before the document is handed over, every character map a font
//! refers to (`/ToUnicode`, a CMap `/Encoding`) is decoded under a cap and
//! its ranges are summed.

use super::filters::{self, Problem};
use pdf_extract::{Document, Object};

/// Most character codes one CMap may map: a two-byte CMap covers 65,536.
pub(crate) const MAX_CMAP_CODES: u64 = 1 << 17;

/// Checks every font's character maps; `Err` says which one is too large
/// or cannot be read.
pub(crate) fn check(doc: &Document, cap: u64) -> Result<(), String> {
    for (id, obj) in &doc.objects {
        let Ok(dict) = obj.as_dict() else { continue };
        if !dict.get(b"Type").and_then(Object::as_name).is_ok_and(|n| n == b"Font") {
            continue;
        }
        for key in [&b"ToUnicode"[..], b"Encoding"] {
            let Ok(Object::Stream(s)) = dict.get_deref(key, doc) else { continue };
            let names = s.filters().unwrap_or_default();
            let data = filters::decode_named(&names, &s.content, cap).map_err(|p| match p {
                Problem::TooLarge(c) => format!("a character map of font object {} inflates past {c} bytes", id.0),
                Problem::Damaged(m) => format!("a character map of font object {} cannot be read: {m}", id.0),
            })?;
            let codes = codes(&data);
            if codes > MAX_CMAP_CODES {
                return Err(format!(
                    "a character map of font object {} maps {codes} codes, more than the limit of {MAX_CMAP_CODES}",
                    id.0
                ));
            }
        }
    }
    Ok(())
}

#[derive(Debug, PartialEq)]
enum Tok<'a> {
    /// A hex string's value; `None` when it is longer than four bytes.
    Hex(Option<u64>),
    Open,
    Close,
    Word(&'a [u8]),
}

fn tokens(data: &[u8]) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        match data[i] {
            b'<' => {
                let end = data[i + 1..].iter().position(|&b| b == b'>').map_or(data.len(), |p| i + 1 + p);
                let digits: Vec<u8> = data[i + 1..end].iter().copied().filter(u8::is_ascii_hexdigit).collect();
                let v = (digits.len() <= 8)
                    .then(|| u64::from_str_radix(std::str::from_utf8(&digits).unwrap_or("0"), 16).unwrap_or(0));
                out.push(Tok::Hex(v));
                i = end + 1;
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            b if b.is_ascii_whitespace() => i += 1,
            _ => {
                let end = data[i..]
                    .iter()
                    .position(|b| b.is_ascii_whitespace() || b"<[]".contains(b))
                    .map_or(data.len(), |p| i + p);
                out.push(Tok::Word(&data[i..end.max(i + 1)]));
                i = end.max(i + 1);
            }
        }
    }
    out
}

/// Codes covered by the `bfrange` and `cidrange` sections (ranges summed,
/// a range with an over-long code counts as unbounded).
fn codes(data: &[u8]) -> u64 {
    let toks = tokens(data);
    let mut total = 0u64;
    let mut i = 0;
    let mut in_range = false;
    while i < toks.len() {
        match &toks[i] {
            Tok::Word(b"beginbfrange" | b"begincidrange") => in_range = true,
            Tok::Word(b"endbfrange" | b"endcidrange") => in_range = false,
            Tok::Hex(lo) if in_range => {
                if let Some(Tok::Hex(hi)) = toks.get(i + 1) {
                    let span = match (lo, hi) {
                        (Some(lo), Some(hi)) => hi.saturating_sub(*lo) + 1,
                        _ => u64::MAX,
                    };
                    total = total.saturating_add(span);
                    i += 2;
                    // Skip the destination: a hex string, a number or an array.
                    if let Some(Tok::Open) = toks.get(i) {
                        while i < toks.len() && toks[i] != Tok::Close {
                            i += 1;
                        }
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_summed() {
        let cmap = b"2 beginbfrange\n<0000> <00FF> <0020>\n<0100> <0101> [<0041> <0042>]\nendbfrange\n\
                     1 begincidrange <0000> <FFFF> 0 endcidrange";
        assert_eq!(codes(cmap), 256 + 2 + 65536);
        assert_eq!(codes(b"1 beginbfrange <00000000> <FFFFFFFF> <0000> endbfrange"), 1 << 32);
        assert_eq!(codes(b"1 beginbfrange <0000000000> <01> <00> endbfrange"), u64::MAX);
        assert_eq!(codes(b"1 beginbfchar <01> <0041> endbfchar"), 0);
    }
}
