//! CCITT fax encoders (ITU-T T.4 one- and two-dimensional, T.6 / G4) for
//! fixtures: PDF `/CCITTFaxDecode` streams, JBIG2 MMR regions and G4 TIFFs.
//!
//! The `fax` crate only encodes G4 and cannot interleave the T.4 tag bits or
//! byte alignment, so the coding modes are written here; the code tables
//! are the `fax` crate's.

use fax::maps::{Mode, black, mode, white};
use fax::{BitWriter, Bits};
use std::convert::Infallible;

/// A bilevel bitmap, row-major, `true` = black.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bilevel {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width * height` pixels, `true` = black.
    pub black: Vec<bool>,
}

impl Bilevel {
    /// One row of pixels.
    pub fn row(&self, y: u32) -> &[bool] {
        let w = self.width as usize;
        &self.black[y as usize * w..(y as usize + 1) * w]
    }

    /// The same bitmap with black and white swapped (for `BlackIs1`,
    /// `WhiteIsZero`-style conventions).
    pub fn inverted(&self) -> Bilevel {
        Bilevel { width: self.width, height: self.height, black: self.black.iter().map(|b| !b).collect() }
    }

    /// Packs rows MSB first, each row padded to a byte; `one_is_black` picks
    /// the bit meaning.
    pub fn pack(&self, one_is_black: bool) -> Vec<u8> {
        let stride = (self.width as usize).div_ceil(8);
        let mut out = vec![0u8; stride * self.height as usize];
        for y in 0..self.height {
            for (x, &b) in self.row(y).iter().enumerate() {
                if b == one_is_black {
                    out[y as usize * stride + x / 8] |= 0x80 >> (x % 8);
                }
            }
        }
        out
    }
}

/// How the lines are coded (the PDF `/K` parameter).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coding {
    /// `K < 0`: pure two-dimensional (T.6, "Group 4").
    G4,
    /// `K = 0`: one-dimensional modified Huffman (T.4 "Group 3 1D").
    G3OneD,
    /// `K > 0`: mixed; every K-th line one-dimensional, each line tagged.
    G3TwoD(u32),
}

impl Coding {
    /// The PDF `/K` value.
    pub fn k(self) -> i32 {
        match self {
            Coding::G4 => -1,
            Coding::G3OneD => 0,
            Coding::G3TwoD(k) => k as i32,
        }
    }
}

struct Writer {
    data: Vec<u8>,
    acc: u32,
    len: u8,
}

impl Writer {
    fn bit(&mut self, one: bool) {
        self.push(Bits { data: one as u16, len: 1 });
    }
    fn push(&mut self, bits: Bits) {
        for i in (0..bits.len).rev() {
            self.acc = (self.acc << 1) | ((bits.data >> i) & 1) as u32;
            self.len += 1;
            if self.len == 8 {
                self.data.push(self.acc as u8);
                self.acc = 0;
                self.len = 0;
            }
        }
    }
    fn align(&mut self) {
        while self.len != 0 {
            self.bit(false);
        }
    }
}

impl BitWriter for Writer {
    type Error = Infallible;
    fn write(&mut self, bits: Bits) -> Result<(), Infallible> {
        self.push(bits);
        Ok(())
    }
}

/// Positions where the colour changes, starting from an imaginary white
/// pixel before the line; even indices are changes to black.
fn changes(row: &[bool]) -> Vec<u32> {
    let mut out = Vec::new();
    let mut prev = false;
    for (x, &b) in row.iter().enumerate() {
        if b != prev {
            out.push(x as u32);
            prev = b;
        }
    }
    out
}

fn code_run(w: &mut Writer, black_run: bool, mut n: u32) {
    let enc = |v: u32| -> Bits {
        let found = if black_run { black::encode(v as u16) } else { white::encode(v as u16) };
        // The tables cover 0..=63, multiples of 64 up to 2560: always found.
        found.unwrap_or(Bits { data: 0, len: 0 })
    };
    while n >= 2560 {
        w.push(enc(2560));
        n -= 2560;
    }
    if n >= 64 {
        w.push(enc(n & !63));
        n &= 63;
    }
    w.push(enc(n));
}

fn code_mode(w: &mut Writer, m: Mode) {
    if let Some(bits) = mode::encode(m) {
        w.push(bits);
    }
}

fn one_d(w: &mut Writer, row: &[bool]) {
    let width = row.len() as u32;
    let ch = changes(row);
    let mut pos = 0u32;
    let mut black_run = false;
    for &c in ch.iter().chain(std::iter::once(&width)) {
        code_run(w, black_run, c - pos);
        pos = c;
        black_run = !black_run;
        if pos >= width {
            break;
        }
    }
}

fn two_d(w: &mut Writer, row: &[bool], reference: &[u32]) {
    let width = row.len() as u32;
    let cur = changes(row);
    let next_after = |list: &[u32], after: i64| list.iter().position(|&p| p as i64 > after);
    let mut a0: i64 = -1;
    let mut black = false;
    while a0 < width as i64 {
        let a1i = next_after(&cur, a0);
        let a1 = a1i.map_or(width, |i| cur[i]);
        // b1: first change on the reference line right of a0 to the colour opposite a0's.
        let want_even = !black;
        let mut b1i = next_after(reference, a0);
        while let Some(i) = b1i {
            if (i % 2 == 0) == want_even {
                break;
            }
            b1i = if i + 1 < reference.len() { Some(i + 1) } else { None };
        }
        let b1 = b1i.map_or(width, |i| reference[i]);
        let b2 = b1i.and_then(|i| reference.get(i + 1).copied()).unwrap_or(width);
        if b2 < a1 {
            code_mode(w, Mode::Pass);
            a0 = b2 as i64;
        } else if (a1 as i64 - b1 as i64).abs() <= 3 {
            code_mode(w, Mode::Vertical((a1 as i64 - b1 as i64) as i8));
            a0 = a1 as i64;
            black = !black;
        } else {
            let a2 = a1i.and_then(|i| cur.get(i + 1).copied()).unwrap_or(width);
            code_mode(w, Mode::Horizontal);
            code_run(w, black, a1 - a0.max(0) as u32);
            code_run(w, !black, a2 - a1);
            a0 = a2 as i64;
        }
    }
}

/// Encodes `img` (black = black run) with `coding`. `byte_align` starts every
/// coded line on a byte boundary (`/EncodedByteAlign true`). G4 output ends
/// with an EOFB (two EOL codes).
pub fn encode(img: &Bilevel, coding: Coding, byte_align: bool) -> Vec<u8> {
    let mut w = Writer { data: Vec::new(), acc: 0, len: 0 };
    let mut reference: Vec<u32> = Vec::new();
    for y in 0..img.height {
        let row = img.row(y);
        if byte_align {
            w.align();
        }
        match coding {
            Coding::G4 => two_d(&mut w, row, &reference),
            Coding::G3OneD => one_d(&mut w, row),
            Coding::G3TwoD(k) => {
                let one_dim = y % k.max(1) == 0;
                w.bit(one_dim);
                if one_dim {
                    one_d(&mut w, row);
                } else {
                    two_d(&mut w, row, &reference);
                }
            }
        }
        reference = changes(row);
    }
    if coding == Coding::G4 {
        w.push(fax::maps::EOL);
        w.push(fax::maps::EOL);
    }
    w.align();
    w.data
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(width: u32, height: u32) -> Bilevel {
        let mut black = Vec::new();
        for y in 0..height {
            for x in 0..width {
                black.push((x * 7 + y * 3) % 23 < 5 || (x > 10 && x < 30 && y > 4) || x == width - 1);
            }
        }
        Bilevel { width, height, black }
    }

    fn decode_g4(data: &[u8], width: u32, height: u32) -> Vec<bool> {
        let mut out = Vec::new();
        fax::decoder::decode_g4(data.iter().copied(), width, Some(height), |transitions| {
            out.extend(fax::decoder::pels(transitions, width).map(|c| c == fax::Color::Black));
        });
        out
    }

    #[test]
    fn g4_round_trips_through_the_fax_decoder() {
        for (w, h) in [(40, 12), (113, 9), (3000, 3), (1, 4)] {
            let img = sample(w, h);
            let data = encode(&img, Coding::G4, false);
            assert_eq!(decode_g4(&data, w, h), img.black, "{w}x{h}");
        }
    }

    #[test]
    fn run_lengths_over_2560_use_extended_makeup_codes() {
        let img = Bilevel { width: 6000, height: 1, black: (0..6000).map(|x| x >= 5900).collect() };
        let mut w = Writer { data: Vec::new(), acc: 0, len: 0 };
        one_d(&mut w, img.row(0));
        w.align();
        // white 5900 = 2560 + 2560 + 768 + 12, black 100 = 64 + 36
        assert!(w.data.len() > 4);
        let data = encode(&img, Coding::G4, false);
        assert_eq!(decode_g4(&data, 6000, 1), img.black);
    }

    #[test]
    fn aligned_lines_start_on_byte_boundaries() {
        let img = sample(20, 6);
        let plain = encode(&img, Coding::G3OneD, false);
        let aligned = encode(&img, Coding::G3OneD, true);
        assert!(aligned.len() > plain.len());
        assert!(aligned.len() >= 6);
    }

    #[test]
    fn inverted_and_packed_bitmaps() {
        let img =
            Bilevel { width: 9, height: 1, black: vec![true, false, false, false, false, false, false, false, true] };
        assert_eq!(img.pack(true), vec![0x80, 0x80]);
        assert_eq!(img.pack(false), vec![0x7F, 0x00]);
        assert_eq!(img.inverted().pack(true), vec![0x7F, 0x00]);
    }
}
