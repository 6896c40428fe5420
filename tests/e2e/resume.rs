//! Resumable batches: a run killed with SIGKILL at random points, then resumed
//! with `--resume`, ends with exactly the output of an uninterrupted run (none
//! lost, none twice, no torn line), over a folder and over WARC archives of each
//! shape (a gzip member a record, one gzip member for all, uncompressed).
//! GLEANER_KILL_POINTS sets how many kill points are tried (3 by default; the
//! figures in the notes used 20).

use crate::common::{gleaner, json_lines, root};
use gleaner::acquire::warc::{Exchange, WarcWriter};
use std::io::{Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

/// A folder of many inputs: the fixtures copied `copies` times, plus an input
/// that fails, so both output files grow during the run.
fn corpus(dir: &Path, copies: usize) {
    let fixtures: Vec<_> = std::fs::read_dir(root().join("fixtures")).unwrap().map(|e| e.unwrap().path()).collect();
    for copy in 0..copies {
        let sub = dir.join(format!("c{copy:03}"));
        std::fs::create_dir_all(&sub).unwrap();
        for fixture in &fixtures {
            std::fs::copy(fixture, sub.join(fixture.file_name().unwrap())).unwrap();
        }
        std::fs::write(sub.join("empty.html"), "").unwrap();
    }
}

fn extract(input: &Path, out: &Path, resume: bool) -> std::process::Child {
    let mut cmd = gleaner();
    cmd.args(["extract", "-q", "-j", "2", "-o"]).arg(out).arg(input).stderr(std::process::Stdio::null());
    if resume {
        cmd.arg("--resume");
    }
    cmd.spawn().expect("gleaner starts")
}

fn outputs(dir: &Path) -> (Vec<u8>, Vec<u8>) {
    (std::fs::read(dir.join("records.jsonl")).unwrap(), std::fs::read(dir.join("errors.jsonl")).unwrap())
}

/// Kills runs over `input` at random points, resumes each, and checks each ends
/// as the uninterrupted run did; that run's records and errors are returned.
fn kill_and_resume(input: &Path, work: &Path) -> (Vec<u8>, Vec<u8>) {
    let points: usize = std::env::var("GLEANER_KILL_POINTS").ok().and_then(|v| v.parse().ok()).unwrap_or(3);
    let reference = work.join("reference");
    let started = Instant::now();
    extract(input, &reference, false).wait().unwrap();
    let full_run = started.elapsed();
    let expected = outputs(&reference);
    let mut seed = started.elapsed().subsec_nanos() as u64 | 1;
    for point in 0..points {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_micros(seed % (full_run.as_micros() as u64).max(1));
        let out = work.join(format!("run{point}"));
        let mut child = extract(input, &out, false);
        std::thread::sleep(delay);
        child.kill().expect("SIGKILL is sent");
        child.wait().unwrap();
        let mut resumed = extract(input, &out, true);
        resumed.wait().unwrap();
        let got = outputs(&out);
        assert!(got == expected, "{input:?}: killed after {delay:?} of a {full_run:?} run, the resumed output differs");
        eprintln!("{input:?} kill point {point}: after {delay:?} of {full_run:?}: identical");
    }
    expected
}

#[test]
fn killed_and_resumed_runs_equal_an_uninterrupted_one() {
    let work = tempfile::tempdir().unwrap();
    let input = work.path().join("in");
    corpus(&input, 30);
    let (records, _) = kill_and_resume(&input, work.path());
    assert_eq!(records.iter().filter(|&&b| b == b'\n').count(), 30 * 12);
}

/// The HTML fixtures as `copies` request/response pairs, each record its own
/// gzip member (as gleaner and most crawlers write them).
fn per_record_archive(copies: usize) -> Vec<u8> {
    let mut pages: Vec<_> = std::fs::read_dir(root().join("fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    let mut writer = WarcWriter::new(Vec::new());
    for copy in 0..copies {
        for page in &pages {
            let body = std::fs::read(page).unwrap();
            let url = format!("http://example.test/{copy}/{}", page.file_name().unwrap().to_string_lossy());
            let exchange = Exchange {
                url: &url,
                date: "2026-12-03T00:00:00Z",
                ip: None,
                request_head: b"GET / HTTP/1.1\r\nHost: example.test\r\n\r\n",
                response_head: b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
                body: &body,
            };
            writer.write_exchange(&exchange).unwrap();
        }
    }
    writer.into_inner()
}

#[test]
fn killed_and_resumed_runs_over_each_warc_shape_equal_an_uninterrupted_one() {
    let work = tempfile::tempdir().unwrap();
    let per_record = per_record_archive(25);
    let mut plain = Vec::new();
    flate2::read::MultiGzDecoder::new(&per_record[..]).read_to_end(&mut plain).unwrap();
    let mut one_member = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    one_member.write_all(&plain).unwrap();
    let shapes = [
        ("per-record.warc.gz", per_record.clone()),
        ("one-member.warc.gz", one_member.finish().unwrap()),
        ("plain.warc", plain),
    ];
    let mut records_per_shape = Vec::new();
    for (name, bytes) in shapes {
        let dir = work.path().join(name.replace('.', "-"));
        std::fs::create_dir_all(dir.join("in")).unwrap();
        let archive = dir.join("in").join(name);
        std::fs::write(&archive, bytes).unwrap();
        let (records, errors) = kill_and_resume(&archive, &dir);
        assert!(errors.is_empty(), "{name}: {}", String::from_utf8_lossy(&errors));
        let lines = json_lines(&records);
        let mut places: Vec<(u64, Option<u64>)> = lines
            .iter()
            .map(|r| {
                (r["source"]["warc"]["offset"].as_u64().unwrap(), r["source"]["warc"]["offset_in_member"].as_u64())
            })
            .collect();
        let count = places.len();
        places.sort();
        places.dedup();
        assert_eq!(places.len(), count, "{name}: every record has a place of its own");
        records_per_shape.push(count);
    }
    assert!(records_per_shape[0] > 100, "{records_per_shape:?}");
    assert!(records_per_shape.iter().all(|&n| n == records_per_shape[0]), "{records_per_shape:?}");
}
