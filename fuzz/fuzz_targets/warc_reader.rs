//! The WARC reader and the HTTP response parser on any bytes: records come out
//! or errors do, and the reader always ends (run with -timeout, which turns a
//! reader that never ends into a finding).
#![no_main]

use gleaner::acquire::warc::{WarcReader, parse_http_response};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(reader) = WarcReader::new(data, 1 << 20) else { return };
    for record in reader {
        if let Ok(record) = record {
            let _ = parse_http_response(&record.block, 1 << 20);
        }
    }
});
