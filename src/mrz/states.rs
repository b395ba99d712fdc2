//! Issuing-state and nationality codes an MRZ may carry: ISO 3166-1
//! alpha-3 (from the iso-codes tables), Germany's `D<<` and the ICAO 9303
//! codes for organisations, stateless persons and refugees (plus `XXK`,
//! seen on German residence documents, and `UTO`, the ICAO specimen state).
//! The state fields carry no check digit, so the image reader uses this list
//! to settle a letter its classifier confused (`NOA` for `NGA`, `O<<` for `D<<`).

/// All known codes, sorted bytewise (`<` sorts before letters).
static CODES: [[u8; 3]; 277] = [
    *b"ABW", *b"AFG", *b"AGO", *b"AIA", *b"ALA", *b"ALB", *b"AND", *b"ARE", *b"ARG", *b"ARM", *b"ASM", *b"ATA",
    *b"ATF", *b"ATG", *b"AUS", *b"AUT", *b"AZE", *b"BDI", *b"BEL", *b"BEN", *b"BES", *b"BFA", *b"BGD", *b"BGR",
    *b"BHR", *b"BHS", *b"BIH", *b"BLM", *b"BLR", *b"BLZ", *b"BMU", *b"BOL", *b"BRA", *b"BRB", *b"BRN", *b"BTN",
    *b"BVT", *b"BWA", *b"CAF", *b"CAN", *b"CCK", *b"CHE", *b"CHL", *b"CHN", *b"CIV", *b"CMR", *b"COD", *b"COG",
    *b"COK", *b"COL", *b"COM", *b"CPV", *b"CRI", *b"CUB", *b"CUW", *b"CXR", *b"CYM", *b"CYP", *b"CZE", *b"D<<",
    *b"DEU", *b"DJI", *b"DMA", *b"DNK", *b"DOM", *b"DZA", *b"ECU", *b"EGY", *b"ERI", *b"ESH", *b"ESP", *b"EST",
    *b"ETH", *b"EUE", *b"FIN", *b"FJI", *b"FLK", *b"FRA", *b"FRO", *b"FSM", *b"GAB", *b"GBD", *b"GBN", *b"GBO",
    *b"GBP", *b"GBR", *b"GBS", *b"GEO", *b"GGY", *b"GHA", *b"GIB", *b"GIN", *b"GLP", *b"GMB", *b"GNB", *b"GNQ",
    *b"GRC", *b"GRD", *b"GRL", *b"GTM", *b"GUF", *b"GUM", *b"GUY", *b"HKG", *b"HMD", *b"HND", *b"HRV", *b"HTI",
    *b"HUN", *b"IDN", *b"IMN", *b"IND", *b"IOT", *b"IRL", *b"IRN", *b"IRQ", *b"ISL", *b"ISR", *b"ITA", *b"JAM",
    *b"JEY", *b"JOR", *b"JPN", *b"KAZ", *b"KEN", *b"KGZ", *b"KHM", *b"KIR", *b"KNA", *b"KOR", *b"KWT", *b"LAO",
    *b"LBN", *b"LBR", *b"LBY", *b"LCA", *b"LIE", *b"LKA", *b"LSO", *b"LTU", *b"LUX", *b"LVA", *b"MAC", *b"MAF",
    *b"MAR", *b"MCO", *b"MDA", *b"MDG", *b"MDV", *b"MEX", *b"MHL", *b"MKD", *b"MLI", *b"MLT", *b"MMR", *b"MNE",
    *b"MNG", *b"MNP", *b"MOZ", *b"MRT", *b"MSR", *b"MTQ", *b"MUS", *b"MWI", *b"MYS", *b"MYT", *b"NAM", *b"NCL",
    *b"NER", *b"NFK", *b"NGA", *b"NIC", *b"NIU", *b"NLD", *b"NOR", *b"NPL", *b"NRU", *b"NZL", *b"OMN", *b"PAK",
    *b"PAN", *b"PCN", *b"PER", *b"PHL", *b"PLW", *b"PNG", *b"POL", *b"PRI", *b"PRK", *b"PRT", *b"PRY", *b"PSE",
    *b"PYF", *b"QAT", *b"REU", *b"RKS", *b"ROU", *b"RUS", *b"RWA", *b"SAU", *b"SDN", *b"SEN", *b"SGP", *b"SGS",
    *b"SHN", *b"SJM", *b"SLB", *b"SLE", *b"SLV", *b"SMR", *b"SOM", *b"SPM", *b"SRB", *b"SSD", *b"STP", *b"SUR",
    *b"SVK", *b"SVN", *b"SWE", *b"SWZ", *b"SXM", *b"SYC", *b"SYR", *b"TCA", *b"TCD", *b"TGO", *b"THA", *b"TJK",
    *b"TKL", *b"TKM", *b"TLS", *b"TON", *b"TTO", *b"TUN", *b"TUR", *b"TUV", *b"TWN", *b"TZA", *b"UGA", *b"UKR",
    *b"UMI", *b"UNA", *b"UNK", *b"UNO", *b"URY", *b"USA", *b"UTO", *b"UZB", *b"VAT", *b"VCT", *b"VEN", *b"VGB",
    *b"VIR", *b"VNM", *b"VUT", *b"WLF", *b"WSM", *b"XBA", *b"XCC", *b"XCE", *b"XCO", *b"XDC", *b"XEC", *b"XES",
    *b"XIM", *b"XMP", *b"XOM", *b"XPO", *b"XXA", *b"XXB", *b"XXC", *b"XXK", *b"XXX", *b"YEM", *b"ZAF", *b"ZMB",
    *b"ZWE",
];

/// Document codes (first two characters of line 1) of the German documents
/// (`shared/context/documents.md`): ID cards, the paper ID, passports
/// (children's and temporary), the residence card and the arrival record.
pub(super) const GERMAN_DOC_CODES: [[u8; 2]; 7] = [*b"ID", *b"IT", *b"P<", *b"PC", *b"PP", *b"AR", *b"ME"];

/// The German document codes whose document numbers use the German number
/// alphabet (`CharClass::GermanNumber` in `mrz::parse`); the provisional ID
/// (`IT`) and the arrival record (`ME`) are not documented to.
pub(super) const GERMAN_NUMBERED_CODES: [[u8; 2]; 5] = [*b"ID", *b"P<", *b"PC", *b"PP", *b"AR"];

/// All known codes, sorted bytewise.
pub(super) fn all() -> &'static [[u8; 3]] {
    &CODES
}

/// Whether `code` (three characters, `<`-filled) is a known state code.
pub(super) fn is_known(code: &[u8]) -> bool {
    <[u8; 3]>::try_from(code).is_ok_and(|c| CODES.binary_search(&c).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_and_knows_the_common_codes() {
        assert!(CODES.windows(2).all(|w| w[0] < w[1]));
        for c in ["D<<", "DEU", "NGA", "SYR", "XXA", "UTO", "TUR"] {
            assert!(is_known(c.as_bytes()), "{c}");
        }
        for c in ["O<<", "NOA", "T<<", "DD<", "D<", ""] {
            assert!(!is_known(c.as_bytes()), "{c}");
        }
    }
}
