//! The end-to-end tests, in one test binary: one compile and one link of the
//! library and its dependencies instead of one for each file, which was most
//! of the time `cargo test` took on a fresh clone. Each module is one subject.

mod common;

mod cli;
mod extractors_hold;
mod fetch;
mod golden;
mod hostile;
mod quality_gate;
mod resume;
mod schema;
