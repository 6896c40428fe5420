//! The WARC reader and the HTTP response parser on any bytes: records come out
//! or errors do, and the reader always ends.
#![no_main]

use gleaner::acquire::warc::{WarcReader, parse_http_response};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(reader) = WarcReader::new(data, 1 << 20) else { return };
    for (i, record) in reader.enumerate() {
        assert!(i <= data.len(), "a record for every byte at most");
        if let Ok(record) = record {
            let _ = parse_http_response(&record.block, 1 << 20);
        }
    }
});
