//! Fixture generator of ausweisscan: fictitious persons, synthetic
//! documents, scanner damage and PDFs in every encoding. Used by the core's
//! tests, benches and examples (a dev-dependency); never by a scan, so the
//! binary builds none of it. It does not depend on the core: MRZ check
//! digits are computed here on their own ([`checksum`]), which makes the
//! core's MRZ tests a check against an independent implementation. No real
//! personal data, ever.

pub mod akte;
pub mod card;
pub mod ccitt;
pub mod checksum;
pub mod copies;
pub mod damage;
pub mod docs;
pub mod draw;
pub mod encode;
pub mod eval;
pub mod family;
pub mod files;
pub mod fixtures;
pub mod negpage;
pub mod negtext;
pub mod page;
pub mod pattern;
pub mod pdf;
pub mod person;
pub mod rng;
