//! The counts extractor (the number grammar) on any text; offsets must hold.
#![no_main]

use gleaner::{Record, Rules};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static EXTRACTORS: LazyLock<Vec<Box<dyn gleaner::extract::Extractor>>> =
    LazyLock::new(|| gleaner::extract::extractors(&Rules::embedded()));

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let mut record = Record { text, language: Some("en".into()), ..Record::default() };
    for extractor in EXTRACTORS.iter().filter(|e| e.name() == "counts") {
        extractor.extract(&mut record);
    }
    gleaner::record::check_offsets(&record).expect("offsets hold");
});
