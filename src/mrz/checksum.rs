//! ICAO 9303 check digits: weights 7, 3, 1 repeating over character values
//! (`0-9` face value, `A`=10 .. `Z`=35, `<`=0), sum mod 10.

/// Value of one MRZ character, `None` outside the MRZ alphabet.
pub(super) fn char_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        'A'..='Z' => Some(c as u32 - 'A' as u32 + 10),
        '<' => Some(0),
        _ => None,
    }
}

/// The check digit over `field`, or `None` if it holds a character outside
/// the MRZ alphabet (the tests' form of [`check_digit_of`]).
#[cfg(test)]
pub(super) fn check_digit(field: &str) -> Option<char> {
    check_digit_of(field.chars())
}

/// The check digit over characters as they come (the image reader checks
/// its byte grid without building a string per try).
pub(super) fn check_digit_of(field: impl IntoIterator<Item = char>) -> Option<char> {
    const WEIGHTS: [u32; 3] = [7, 3, 1];
    let mut sum = 0u32;
    for (c, w) in field.into_iter().zip(WEIGHTS.iter().cycle()) {
        sum += char_value(c)? * w;
    }
    char::from_digit(sum % 10, 10)
}

/// True if `digit` is the right check digit for `field`. A filler `<` is
/// accepted where the field is all filler (ICAO allows `<` for an empty
/// optional field).
pub(super) fn verify(field: &str, digit: char) -> bool {
    verify_of(field.chars(), digit)
}

/// [`verify`] over characters as they come.
pub(super) fn verify_of(field: impl IntoIterator<Item = char>, digit: char) -> bool {
    if digit == '<' {
        return field.into_iter().all(|c| c == '<');
    }
    check_digit_of(field) == Some(digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specimen_check_digits() {
        // (field, expected) from ICAO 9303 part 3 examples and the German specimens.
        let table = [
            ("520727", '3'),    // ICAO 9303-3 worked example (birth date)
            ("D23145890", '7'), // ICAO TD3 specimen passport number (Anna Eriksson)
            ("740812", '2'),    // ICAO specimen birth date
            ("120415", '9'),    // ICAO specimen expiry date
            ("L898902C3", '6'), // ICAO TD3 specimen document number
            ("T22000129", '3'), // Personalausweis 2010 Mustermann
            ("640812", '5'),    // Erika Mustermann's birth date
            ("201031", '5'),    // expiry, 2010 card
            ("LZ6311T47", '5'), // Personalausweis 2021 Mustermann
            ("830812", '6'),    // birth date, 2021 card
            ("311031", '5'),    // expiry, 2021 card
            ("122000151", '8'), // old ID card 1987-2010
            ("111007", '8'),    // its expiry
            ("C01X00T47", '8'), // Reisepass Mustermann
            ("270228", '3'),    // its expiry
            ("<<<<<<<<<<<<<<", '0'),
        ];
        for (field, want) in table {
            assert_eq!(check_digit(field), Some(want), "{field}");
            assert!(verify(field, want));
        }
    }

    #[test]
    fn composite_of_the_german_specimens() {
        // TD1 composite: line1[5..30] + line2[0..7] + line2[8..15] + line2[18..29].
        let cases = [
            ("IDD<<T220001293<<<<<<<<<<<<<<<", "6408125<2010315D<<<<<<<<<<<<<4"),
            ("IDD<<LZ6311T475<<<<<<<<<<<<<<<", "8308126<3110315D<<2108<<<<<<<9"),
        ];
        for (l1, l2) in cases {
            let comp = format!("{}{}{}{}", &l1[5..30], &l2[0..7], &l2[8..15], &l2[18..29]);
            assert!(verify(&comp, l2.chars().last().unwrap()), "{l2}");
        }
        // TD3 composite: line2[0..10] + [13..20] + [21..43].
        let l2 = "C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4";
        let comp = format!("{}{}{}", &l2[0..10], &l2[13..20], &l2[21..43]);
        assert!(verify(&comp, '4'));
        // ICAO TD3 specimen.
        let l2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";
        let comp = format!("{}{}{}", &l2[0..10], &l2[13..20], &l2[21..43]);
        assert!(verify(&comp, '0'));
    }

    #[test]
    fn rejects_foreign_characters_and_wrong_digits() {
        assert_eq!(check_digit("64o812"), None);
        assert_eq!(check_digit("abc"), None);
        assert!(!verify("640812", '4'));
        assert!(!verify("640812", '<'));
        assert!(verify("<<<<", '<'));
        assert_eq!(char_value('Z'), Some(35));
        assert_eq!(char_value('«'), None);
    }
}
