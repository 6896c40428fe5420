//! Resumable batches: a run killed with SIGKILL at random points, then resumed
//! with `--resume`, ends with exactly the output of an uninterrupted run (none
//! lost, none twice, no torn line). GLEANER_KILL_POINTS sets how many kill
//! points are tried (3 by default; the figures in the notes used 20).

use crate::common::{gleaner, root};
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

#[test]
fn killed_and_resumed_runs_equal_an_uninterrupted_one() {
    let points: usize = std::env::var("GLEANER_KILL_POINTS").ok().and_then(|v| v.parse().ok()).unwrap_or(3);
    let work = tempfile::tempdir().unwrap();
    let input = work.path().join("in");
    corpus(&input, 30);
    let reference = work.path().join("reference");
    let started = Instant::now();
    assert_eq!(extract(&input, &reference, false).wait().unwrap().code(), Some(1), "the empty inputs fail");
    let full_run = started.elapsed();
    let expected = outputs(&reference);
    assert_eq!(expected.0.iter().filter(|&&b| b == b'\n').count(), 30 * 12);

    let mut seed = started.elapsed().subsec_nanos() as u64 | 1;
    for point in 0..points {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_micros(seed % (full_run.as_micros() as u64).max(1));
        let out = work.path().join(format!("run{point}"));
        let mut child = extract(&input, &out, false);
        std::thread::sleep(delay);
        child.kill().expect("SIGKILL is sent");
        child.wait().unwrap();
        let mut resumed = extract(&input, &out, true);
        resumed.wait().unwrap();
        let got = outputs(&out);
        assert!(got == expected, "killed after {delay:?} of a {full_run:?} run, the resumed output differs");
        eprintln!("kill point {point}: after {delay:?} of {full_run:?}: identical");
    }
}
