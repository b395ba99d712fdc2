//! Fixture generator: fictitious persons, synthetic documents, scanner damage
//! and PDFs in every encoding. Used by tests, benches and the evaluation
//! commands; never by a scan. No real personal data, ever.

pub mod card;
pub mod damage;
pub mod docs;
pub mod draw;
pub mod page;
pub mod person;
pub mod rng;
