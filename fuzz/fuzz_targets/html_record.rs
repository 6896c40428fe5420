//! A page's bytes through the whole pipeline (decode, parse, clean, every
//! extractor); every record's offsets must hold.
#![no_main]

use gleaner::{Config, Document, DocumentKind, Origin, Pipeline, Rules};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(|| Pipeline::new(Rules::embedded(), Config::default()));

fuzz_target!(|data: &[u8]| {
    let doc = Document { origin: Origin::from_path("fuzz.html"), kind: DocumentKind::Html, bytes: data.to_vec() };
    if let Ok(record) = PIPELINE.process(&doc) {
        gleaner::record::check_offsets(&record).expect("offsets hold");
    }
});
