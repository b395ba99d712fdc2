//! The one integration-test binary, split by topic.

mod util;

mod cli;
mod html;
mod letter;
mod report_sample;
mod schema;
