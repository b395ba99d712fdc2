//! Fictitious persons and their machine readable zones for every document
//! kind ausweisscan must find. Names are random pairings from common-name
//! lists; no real or specimen person is generated. Every MRZ has valid check
//! digits (ICAO 9303 and the German specifics in documents.md).

use super::rng::Rng;
use crate::checksum::check_digit;

/// A calendar date (no validation beyond what the generator produces).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 1987.
    pub year: u16,
    /// Month 1..=12.
    pub month: u8,
    /// Day 1..=28 (generated dates avoid month ends).
    pub day: u8,
}

impl Date {
    /// MRZ form `YYMMDD`.
    pub fn yymmdd(&self) -> String {
        format!("{:02}{:02}{:02}", self.year % 100, self.month, self.day)
    }

    /// German printed form `DD.MM.YYYY`, as on a card front.
    pub fn dotted(&self) -> String {
        format!("{:02}.{:02}.{:04}", self.day, self.month, self.year)
    }

    fn random(rng: &mut Rng, from_year: u16, to_year: u16) -> Date {
        Date {
            year: rng.range(from_year as i64, to_year as i64 + 1) as u16,
            month: rng.range(1, 13) as u8,
            day: rng.range(1, 29) as u8,
        }
    }
}

/// Sex as recorded in a passport (ID cards print `<` whatever it is).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sex {
    /// `F`.
    Female,
    /// `M`.
    Male,
    /// Unspecified / diverse: `<` in passports, `X` in residence permits.
    Diverse,
}

/// A fictitious person with everything a document needs.
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    /// Surname as printed (may hold umlauts, hyphens, spaces).
    pub surname: String,
    /// Given names as printed.
    pub given_names: Vec<String>,
    /// Date of birth.
    pub birth_date: Date,
    /// Place of birth as printed on a German card front.
    pub place_of_birth: String,
    /// Sex.
    pub sex: Sex,
    /// Nationality code as written in an MRZ: `D` for Germans, else ICAO alpha-3.
    pub nationality: String,
    /// Expiry date of the person's documents.
    pub expiry: Date,
    /// Eight characters of the document-number alphabet; each document kind
    /// turns them into a number of its own shape.
    pub serial: String,
}

/// Digits and the consonants German document numbers use (no vowels, no B D Q S).
pub const DOCUMENT_NUMBER_ALPHABET: &str = "0123456789CFGHJKLMNPRTVWXYZ";
/// First letters of German ID-card numbers since 2010.
pub const ID_CARD_FIRST: &str = "LMNPRTVWXY";
/// First letters of German passport numbers.
pub const PASSPORT_FIRST: &str = "CFGHJK";

/// States whose ID cards the generator makes (EU neighbours common in Jobcenter files).
pub const FOREIGN_ID_STATES: [&str; 14] =
    ["FRA", "ITA", "POL", "ROU", "BGR", "ESP", "NLD", "BEL", "AUT", "HRV", "PRT", "GRC", "CZE", "HUN"];
/// States whose passports the generator makes.
pub const FOREIGN_PASSPORT_STATES: [&str; 14] =
    ["TUR", "SYR", "UKR", "RUS", "AFG", "IRQ", "POL", "ITA", "GBR", "USA", "IND", "NGA", "XXK", "SRB"];
/// Nationalities of residence-permit holders (`XXA`: stateless, `XXK`: Kosovo).
pub const PERMIT_NATIONALITIES: [&str; 14] =
    ["SYR", "TUR", "AFG", "IRQ", "UKR", "RUS", "XXK", "SRB", "ERI", "NGA", "IRN", "VNM", "IND", "XXA"];

mod names;
use names::*;

impl Person {
    /// A fictitious German.
    pub fn random(rng: &mut Rng) -> Person {
        Self::generate(rng, "D")
    }

    /// A fictitious foreigner of a random nationality from the permit list.
    pub fn random_foreign(rng: &mut Rng) -> Person {
        let nat = *rng.pick(&PERMIT_NATIONALITIES);
        Self::generate(rng, nat)
    }

    /// A fictitious person of the given nationality (`D` or an ICAO code).
    pub fn random_with_nationality(rng: &mut Rng, nationality: &str) -> Person {
        Self::generate(rng, nationality)
    }

    fn generate(rng: &mut Rng, nationality: &str) -> Person {
        let german = nationality == "D";
        let sex = match rng.below(20) {
            0 => Sex::Diverse,
            n if n % 2 == 0 => Sex::Female,
            _ => Sex::Male,
        };
        let female = match sex {
            Sex::Female => true,
            Sex::Male => false,
            Sex::Diverse => rng.chance(0.5),
        };
        let (surnames, given): (&[&str], &[&str]) = match (german, female) {
            (true, true) => (&GERMAN_SURNAMES, &GERMAN_FEMALE),
            (true, false) => (&GERMAN_SURNAMES, &GERMAN_MALE),
            (false, true) => (&FOREIGN_SURNAMES, &FOREIGN_FEMALE),
            (false, false) => (&FOREIGN_SURNAMES, &FOREIGN_MALE),
        };
        let mut surname = rng.pick(surnames).to_string();
        if rng.chance(0.08) {
            surname = format!("{surname}-{}", rng.pick(surnames));
        }
        let n_given = 1 + usize::from(rng.chance(0.35)) + usize::from(rng.chance(0.1));
        let mut given_names: Vec<String> = Vec::new();
        while given_names.len() < n_given {
            let g = rng.pick(given).to_string();
            if !given_names.contains(&g) {
                given_names.push(g);
            }
        }
        let birth_date = Date::random(rng, 1940, 2008);
        let expiry = Date::random(rng, 2019, 2035);
        let alphabet: Vec<char> = DOCUMENT_NUMBER_ALPHABET.chars().collect();
        let serial: String = (0..8).map(|_| *rng.pick(&alphabet)).collect();
        let place_of_birth =
            if german || rng.chance(0.2) { rng.pick(&GERMAN_PLACES).to_string() } else { nationality.to_string() };
        Person {
            surname,
            given_names,
            birth_date,
            place_of_birth,
            sex,
            nationality: nationality.to_string(),
            expiry,
            serial,
        }
    }

    /// The document number this person's document of `kind` carries (9 chars,
    /// filler-padded where the kind's numbers are shorter).
    pub fn document_number(&self, kind: DocKind) -> String {
        let h = self.serial.bytes().fold(0usize, |a, b| a.wrapping_mul(31).wrapping_add(b as usize));
        let digits: String = self.serial.bytes().map(|b| char::from(b'0' + b % 10)).collect();
        let nth = |set: &str| set.chars().nth(h % set.chars().count()).unwrap_or('L');
        match kind {
            DocKind::IdCard2010 | DocKind::IdCard2021 => format!("{}{}", nth(ID_CARD_FIRST), self.serial),
            DocKind::Passport | DocKind::ChildPassport | DocKind::ProvisionalPassport => {
                format!("{}{}", nth(PASSPORT_FIRST), self.serial)
            }
            DocKind::IdCardOld | DocKind::Ankunftsnachweis => format!("{}{}", h % 10, digits),
            DocKind::ProvisionalId => format!("{}{}<", nth(ID_CARD_FIRST), &digits[..7]),
            DocKind::ResidencePermit => format!("Y{}", self.serial),
            DocKind::ForeignId { .. } | DocKind::ForeignPassport { .. } => {
                format!("{}{}", nth("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), &self.serial)
            }
        }
    }

    /// The expiry printed on a document of `kind` (old laminated cards expired by 2010).
    pub fn expiry_for(&self, kind: DocKind) -> Date {
        match kind {
            DocKind::IdCardOld => Date { year: 2001 + self.expiry.year % 10, ..self.expiry },
            _ => self.expiry,
        }
    }
}

/// Every document kind the generator writes an MRZ for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocKind {
    /// Personalausweis 2010 model: TD1 `IDD<<`.
    IdCard2010,
    /// Personalausweis 2021 model: TD1 `IDD<<` with the design version (`2108`).
    IdCard2021,
    /// Laminated Personalausweis 1987-2010: TD2 `IDD<<`.
    IdCardOld,
    /// Vorläufiger Personalausweis: TD2 `ITD<<`.
    ProvisionalId,
    /// Reisepass: TD3 `P<D<<`.
    Passport,
    /// Kinderreisepass: TD3 `PCD<<`.
    ChildPassport,
    /// Vorläufiger Reisepass: TD3 `PPD<<`.
    ProvisionalPassport,
    /// Elektronischer Aufenthaltstitel: TD1 `ARD<<`, holder of any nationality.
    ResidencePermit,
    /// Ankunftsnachweis: 2 x 36 `MED<<`.
    Ankunftsnachweis,
    /// Another state's ID card: TD1 `ID` + state.
    ForeignId {
        /// ICAO alpha-3 code of the issuing state.
        state: &'static str,
    },
    /// Another state's passport: TD3 `P<` + state.
    ForeignPassport {
        /// ICAO alpha-3 code of the issuing state.
        state: &'static str,
    },
}

impl DocKind {
    /// The German kinds, for loops over every format.
    pub const GERMAN: [DocKind; 9] = [
        DocKind::IdCard2010,
        DocKind::IdCard2021,
        DocKind::IdCardOld,
        DocKind::ProvisionalId,
        DocKind::Passport,
        DocKind::ChildPassport,
        DocKind::ProvisionalPassport,
        DocKind::ResidencePermit,
        DocKind::Ankunftsnachweis,
    ];

    /// A random kind, foreign ones included.
    pub fn random(rng: &mut Rng) -> DocKind {
        match rng.below(11) {
            9 => DocKind::ForeignId { state: FOREIGN_ID_STATES[rng.below(FOREIGN_ID_STATES.len())] },
            10 => DocKind::ForeignPassport { state: FOREIGN_PASSPORT_STATES[rng.below(FOREIGN_PASSPORT_STATES.len())] },
            n => DocKind::GERMAN[n],
        }
    }

    /// True for kinds held by foreigners (the person should not be German).
    pub fn is_foreign_holder(self) -> bool {
        matches!(
            self,
            DocKind::ResidencePermit
                | DocKind::Ankunftsnachweis
                | DocKind::ForeignId { .. }
                | DocKind::ForeignPassport { .. }
        )
    }

    /// A person fitting this kind: German for German documents, the issuing
    /// state's national for foreign ones, any nationality for permits.
    pub fn random_holder(self, rng: &mut Rng) -> Person {
        match self {
            DocKind::ForeignId { state } | DocKind::ForeignPassport { state } => {
                Person::random_with_nationality(rng, state)
            }
            DocKind::ResidencePermit | DocKind::Ankunftsnachweis => Person::random_foreign(rng),
            _ => Person::random(rng),
        }
    }
}

/// ICAO 9303 transliteration of a printed name to MRZ characters.
pub fn transliterate(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_uppercase) {
        match c {
            'Ä' => out.push_str("AE"),
            'Ö' => out.push_str("OE"),
            'Ü' => out.push_str("UE"),
            'ß' => out.push_str("SS"),
            'Å' => out.push_str("AA"),
            'Ø' => out.push_str("OE"),
            'Æ' => out.push_str("AE"),
            'Á' | 'À' | 'Â' | 'Ã' | 'Ą' => out.push('A'),
            'É' | 'È' | 'Ê' | 'Ë' | 'Ę' => out.push('E'),
            'Í' | 'Ì' | 'Î' | 'Ï' | 'İ' | 'I' => out.push('I'),
            'Ó' | 'Ò' | 'Ô' | 'Õ' => out.push('O'),
            'Ú' | 'Ù' | 'Û' => out.push('U'),
            'Ç' | 'Ć' | 'Č' => out.push('C'),
            'Ş' | 'Ś' | 'Š' | 'Ș' => out.push('S'),
            'Ğ' => out.push('G'),
            'Ł' => out.push('L'),
            'Ñ' | 'Ń' => out.push('N'),
            'Ż' | 'Ź' | 'Ž' => out.push('Z'),
            'Ț' => out.push('T'),
            'A'..='Z' => out.push(c),
            '-' | ' ' => out.push('<'),
            _ => {}
        }
    }
    out
}

/// The MRZ name field `SURNAME<<GIVEN<NAMES`, cut and padded to `width`.
pub fn name_field(person: &Person, width: usize) -> String {
    let given: Vec<String> = person.given_names.iter().map(|g| transliterate(g)).collect();
    let s = format!("{}<<{}", transliterate(&person.surname), given.join("<"));
    pad(&s, width)
}

fn pad(s: &str, width: usize) -> String {
    let mut out: String = s.chars().take(width).collect();
    while out.chars().count() < width {
        out.push('<');
    }
    out
}

fn cd(field: &str) -> char {
    check_digit(field).unwrap_or('0')
}

/// The MRZ lines of `person`'s document of `kind`, all check digits valid.
pub fn mrz_lines(person: &Person, kind: DocKind) -> Vec<String> {
    let number = person.document_number(kind);
    let birth = person.birth_date.yymmdd();
    let expiry = person.expiry_for(kind).yymmdd();
    let nat = pad(&person.nationality, 3);
    let passport_sex = match person.sex {
        Sex::Female => 'F',
        Sex::Male => 'M',
        Sex::Diverse => '<',
    };
    let permit_sex = if person.sex == Sex::Diverse { 'X' } else { passport_sex };
    match kind {
        DocKind::IdCard2010 => td1("ID", "D<<", &number, &birth, '<', &expiry, "D<<", "", person),
        DocKind::IdCard2021 => td1("ID", "D<<", &number, &birth, '<', &expiry, "D<<", "2108", person),
        DocKind::ResidencePermit => td1("AR", "D<<", &number, &birth, permit_sex, &expiry, &nat, "", person),
        DocKind::ForeignId { state } => td1("ID", state, &number, &birth, passport_sex, &expiry, &nat, "", person),
        DocKind::IdCardOld => td2("ID", "D<<", &number, &birth, '<', &expiry, "D<<", person),
        DocKind::ProvisionalId => td2("IT", "D<<", &number, &birth, '<', &expiry, "D<<", person),
        DocKind::Ankunftsnachweis => td2("ME", "D<<", &number, &birth, passport_sex, &expiry, &nat, person),
        DocKind::Passport => td3("P<", "D<<", &number, &birth, passport_sex, &expiry, "D<<", person),
        DocKind::ChildPassport => td3("PC", "D<<", &number, &birth, passport_sex, &expiry, "D<<", person),
        DocKind::ProvisionalPassport => td3("PP", "D<<", &number, &birth, passport_sex, &expiry, "D<<", person),
        DocKind::ForeignPassport { state } => td3("P<", state, &number, &birth, passport_sex, &expiry, &nat, person),
    }
}

#[allow(clippy::too_many_arguments)]
fn td1(
    code: &str,
    state: &str,
    num: &str,
    birth: &str,
    sex: char,
    exp: &str,
    nat: &str,
    opt2: &str,
    p: &Person,
) -> Vec<String> {
    let l1 = format!("{code}{}{num}{}{}", pad(state, 3), cd(num), pad("", 15));
    let mut l2 = format!("{birth}{}{sex}{exp}{}{}{}", cd(birth), cd(exp), pad(nat, 3), pad(opt2, 11));
    let composite = format!("{}{}{}{}", &l1[5..30], &l2[0..7], &l2[8..15], &l2[18..29]);
    l2.push(cd(&composite));
    vec![l1, l2, name_field(p, 30)]
}

#[allow(clippy::too_many_arguments)]
fn td2(code: &str, state: &str, num: &str, birth: &str, sex: char, exp: &str, nat: &str, p: &Person) -> Vec<String> {
    let l1 = format!("{code}{}{}", pad(state, 3), name_field(p, 31));
    let mut l2 = format!("{num}{}{}{birth}{}{sex}{exp}{}{}", cd(num), pad(nat, 3), cd(birth), cd(exp), pad("", 7));
    let composite = format!("{}{}{}", &l2[0..10], &l2[13..20], &l2[21..35]);
    l2.push(cd(&composite));
    vec![l1, l2]
}

#[allow(clippy::too_many_arguments)]
fn td3(code: &str, state: &str, num: &str, birth: &str, sex: char, exp: &str, nat: &str, p: &Person) -> Vec<String> {
    let l1 = format!("{code}{}{}", pad(state, 3), name_field(p, 39));
    let personal = pad("", 14);
    let mut l2 = format!("{num}{}{}{birth}{}{sex}{exp}{}{personal}<", cd(num), pad(nat, 3), cd(birth), cd(exp));
    let composite = format!("{}{}{}", &l2[0..10], &l2[13..20], &l2[21..43]);
    l2.push(cd(&composite));
    vec![l1, l2]
}

/// The same MRZ with one digit of the birth or expiry date (or its check
/// digit) changed to another digit: a "nearly passes" MRZ whose date check
/// and composite check fail. Lines that are not a generated MRZ come back
/// unchanged.
pub fn with_damaged_char(lines: &[String], rng: &mut Rng) -> Vec<String> {
    let mut out: Vec<Vec<char>> = lines.iter().map(|l| l.chars().collect()).collect();
    // (line, first column) of birth date (7 chars with check) and expiry (7 chars).
    let fields: [(usize, usize); 2] = match (lines.len(), lines.first().map(|l| l.chars().count())) {
        (3, Some(30)) => [(1, 0), (1, 8)],
        (2, Some(36)) | (2, Some(44)) => [(1, 13), (1, 21)],
        _ => return lines.to_vec(),
    };
    let (line, start) = *rng.pick(&fields);
    let col = start + rng.below(7);
    if let Some(c) = out.get_mut(line).and_then(|l| l.get_mut(col))
        && let Some(d) = c.to_digit(10)
    {
        let new = (d + 1 + rng.below(9) as u32) % 10;
        *c = char::from_digit(new, 10).unwrap_or('0');
    }
    out.into_iter().map(|l| l.into_iter().collect()).collect()
}

#[cfg(test)]
mod tests;
