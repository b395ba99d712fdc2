//! The one integration-test binary, split by topic.

mod util;
mod webdriver;

mod cli;
mod determinism;
mod encodings;
mod fuzz_regressions;
mod hostile;
mod hostile_corpus;
mod html;
mod letter;
mod mrz_scans;
mod mrz_text;
mod pdf;
mod report_sample;
mod sample;
mod sample_html;
mod schema;
mod time_budget;
mod web;
