//! The one integration-test binary, split by topic.

mod util;

mod cli;
mod encodings;
mod mrz_text;
mod pdf;
mod sample;
mod schema;
