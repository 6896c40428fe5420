//! Per-stage timing on one core: the whole pipeline per page; decode, the HTML parse
//! alone (html5ever into our DOM, the parser's ceiling) and decode + clean (which
//! includes the parse); each extractor's share; and emit (records to JSON lines through
//! a buffered writer). Run with `cargo bench --bench stages [-- DIR]`; DIR defaults to the
//! AEB corpus in `../shared/corpus/aeb/html` when present, else `fixtures/`.
//!
//! Pages are read into memory first, so disk time is not measured. Each measure is the
//! best of five rounds, which damps a noisy machine; quote ratios, not seconds.

use std::time::{Duration, Instant};

use gleaner::acquire::{self, Input};
use gleaner::{Config, Document, Pipeline, Record, Rules};

const ROUNDS: usize = 5;

// The allocator of the `gleaner` binary (see the allocator features in
// Cargo.toml), so the figures are the binary's.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[cfg(all(feature = "mimalloc", not(feature = "jemalloc"), not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let dir = std::env::args().skip(1).find(|a| !a.starts_with('-')).unwrap_or_else(|| {
        let aeb = "../shared/corpus/aeb/html";
        if std::path::Path::new(aeb).is_dir() { aeb.to_string() } else { "fixtures".to_string() }
    });
    let config = Config::default();
    let docs: Vec<Document> = acquire::expand(vec![Input::parse(&dir)], &config, &Default::default())
        .filter_map(|item| match item {
            acquire::Expanded::Work(work) => acquire::read(work, &config).ok(),
            _ => None,
        })
        .collect();
    let rules = Rules::embedded();
    let pipeline = Pipeline::new(rules.clone(), config);
    let records: Vec<Record> = docs.iter().filter_map(|d| pipeline.process(d).ok()).collect();

    let whole = best_of(|| {
        for doc in &docs {
            let _ = std::hint::black_box(pipeline.process(doc));
        }
    });
    println!("{} pages from {dir}, {} records, one core, best of {ROUNDS}", docs.len(), records.len());
    let megabytes = docs.iter().map(|d| d.bytes.len()).sum::<usize>() as f64 / 1e6;
    println!("{megabytes:.1} MB of input");
    println!("{:<14} {:>10} {:>12} {:>9} {:>9} {:>9}", "stage", "total ms", "µs per page", "share", "pages/s", "MB/s");
    let report = |name: &str, time: Duration| report(name, time, whole, docs.len(), megabytes);
    report("pipeline", whole);
    let decoded: Vec<(String, gleaner::DocumentKind)> = docs
        .iter()
        .filter_map(|d| gleaner::decode::decode(&d.bytes, None, d.kind).ok().map(|x| (x.text, d.kind)))
        .collect();
    let decode = best_of(|| {
        for doc in &docs {
            let _ = std::hint::black_box(gleaner::decode::decode(&doc.bytes, None, doc.kind));
        }
    });
    report("decode", decode);
    let parse = best_of(|| {
        for (text, _) in &decoded {
            std::hint::black_box(gleaner::clean::dom::Dom::parse(text));
        }
    });
    report("parse only", parse);
    let clean = best_of(|| {
        for doc in &docs {
            if let Ok(d) = gleaner::decode::decode(&doc.bytes, None, doc.kind) {
                let _ = std::hint::black_box(gleaner::clean::clean_html(&d.text, None, &rules, &Config::default()));
            }
        }
    });
    report("decode+clean", clean);
    for extractor in gleaner::extract::extractors(&rules) {
        let time = best_of(|| {
            for record in &records {
                let mut copy = record.clone();
                extractor.extract(&mut copy);
                std::hint::black_box(copy);
            }
        });
        report(extractor.name(), time);
    }
    let emit = best_of(|| {
        let mut sink = gleaner::emit::Sink::new(Box::new(std::io::BufWriter::new(std::io::sink())), None);
        for record in &records {
            sink.write_record(record).expect("writing to a sink works");
        }
        sink.finish().expect("flushing a sink works");
    });
    report("emit", emit);
}

fn best_of(mut run: impl FnMut()) -> Duration {
    (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// One line: time, per page, share of the whole pipeline, pages/s and input MB/s.
fn report(name: &str, time: Duration, whole: Duration, pages: usize, megabytes: f64) {
    let secs = time.as_secs_f64().max(1e-9);
    let per_page = secs * 1e6 / pages.max(1) as f64;
    let share = 100.0 * secs / whole.as_secs_f64().max(1e-9);
    let rate = pages as f64 / secs;
    println!("{name:<14} {:>10.1} {per_page:>12.1} {share:>8.1}% {rate:>9.0} {:>9.1}", secs * 1e3, megabytes / secs);
}
