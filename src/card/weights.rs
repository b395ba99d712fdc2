//! Fitted weights of the card classifier. Written by
//! `cargo run --release --example fit_score -- --write`; do not edit by hand.

use super::layout::{NC, NF};

/// Softmax weights, one row per class, bias last.
pub static CARD: [[f64; NF + 1]; NC] = [[0.0; NF + 1]; NC];
