//! Fixture generator: fictitious persons, synthetic documents, scanner damage
//! and PDFs in every encoding. Used by tests, benches and the evaluation
//! commands; never by a scan. No real personal data, ever.

pub mod akte;
pub mod card;
pub mod ccitt;
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
