//! The one integration-test binary, split by topic.

mod util;

mod cli;
mod determinism;
mod encodings;
mod html;
mod letter;
mod pdf;
mod report_sample;
mod schema;
