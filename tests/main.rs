//! The one integration-test binary, split by topic.

mod util;

mod cli;
mod html;
mod letter;
mod sample;
mod schema;
