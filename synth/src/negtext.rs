//! Texts that look like an MRZ to a text finder but are none, for its
//! false-positive tests and speed measurement.

use super::rng::Rng;

/// Sentences of a Jobcenter letter, some naming ID documents.
pub const PROSE: [&str; 8] = [
    "Sehr geehrte Frau Beispiel,",
    "bitte bringen Sie zum Termin am 12.03.2024 Ihren Personalausweis oder Reisepass mit.",
    "Ihr Aktenzeichen: 123.45/BG-0012345 vom 01.02.2023",
    "Mit freundlichen Grüßen",
    "Jobcenter Musterstadt, Team 456",
    "Die Kopie des Ausweises (Vorder- und Rückseite) liegt der Akte bei.",
    "Seite 3 von 12",
    "Bewilligungszeitraum 01.01.2024 - 31.12.2024",
];

/// A text of 3-14 lines that is no MRZ but shares its features: prose,
/// IBANs, tables, filler runs, code, MRZ-shaped lines of the wrong make.
pub fn look_alike_text(rng: &mut Rng) -> String {
    let digits =
        |rng: &mut Rng, k: usize| -> String { (0..k).map(|_| char::from(b'0' + rng.below(10) as u8)).collect() };
    let upper =
        |rng: &mut Rng, k: usize| -> String { (0..k).map(|_| char::from(b'A' + rng.below(26) as u8)).collect() };
    let mut lines: Vec<String> = Vec::new();
    for _ in 0..rng.range(3, 15) {
        let line = match rng.below(9) {
            0 => rng.pick(&PROSE).to_string(),
            1 => format!(
                "IBAN DE{} {} {} {} {} {}  BIC {}DEFF{}",
                digits(rng, 2),
                digits(rng, 4),
                digits(rng, 4),
                digits(rng, 4),
                digits(rng, 4),
                digits(rng, 2),
                upper(rng, 4),
                upper(rng, 3)
            ),
            2 => format!(
                "| <{} | {} | <<{} | {}.{}.20{} | <{} |",
                digits(rng, 2),
                digits(rng, 7),
                digits(rng, 5),
                digits(rng, 2),
                digits(rng, 2),
                digits(rng, 2),
                digits(rng, 3)
            ),
            3 => "<".repeat(rng.range(10, 80) as usize),
            4 => format!(
                "BG-NR {}{}{} AZ {}<{}>{}",
                digits(rng, 5),
                upper(rng, 2),
                digits(rng, 7),
                upper(rng, 3),
                digits(rng, 6),
                digits(rng, 4)
            ),
            5 => rng
                .pick(&[
                    "std::vector<std::vector<int>> grid;",
                    "x <<= 2; cout << a << b << endl;",
                    "IF A<<2 THEN GOTO 100",
                    "#DEFINE MASK (1<<24)|(1<<16)",
                    "<<<<<<< HEAD",
                    ">>>>>>> MAIN",
                ])
                .to_string(),
            6 => format!("{}<<{}<<<<{}<<<<<<<<<{}", upper(rng, 5), digits(rng, 9), upper(rng, 3), digits(rng, 6)),
            7 => format!("ID{}<<{}{}<<<<<<<<", upper(rng, 3), digits(rng, 10), upper(rng, 2)),
            _ => format!("{} {} {}", upper(rng, 8), digits(rng, 12), upper(rng, 6)),
        };
        lines.push(line);
    }
    lines.join(if rng.chance(0.5) { "\n" } else { "\r\n" })
}
