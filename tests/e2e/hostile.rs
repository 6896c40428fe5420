//! Hostile inputs (tests/hostile/: empty, binary, truncated and bomb gzip,
//! invalid bytes in every supported charset, deep nesting, unclosed everything,
//! a 10 MB line, NULs, BOM mismatches, huge attributes, tags left open to the end
//! of the page and tags inside attribute values (each once quadratic in the
//! pre-parse scan), script-only pages,
//! framesets...) run through the command line together with the good fixtures:
//! every good page gives its record, every hostile one exactly one record or
//! error line, no panic, nothing else, and the batch finishes.

use crate::common;
use crate::common::{gleaner, json_lines, root};
use std::collections::BTreeMap;

fn files_in(dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| format!("{dir}/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    names.sort();
    names
}

#[test]
fn hostile_files_each_give_one_line_and_good_pages_their_records() {
    let hostile = files_in("tests/hostile");
    assert!(hostile.len() >= 40, "the hostile corpus has {} files", hostile.len());
    let good = files_in("fixtures");
    let out = tempfile::tempdir().unwrap();
    let output = gleaner()
        .args(["extract", "-j", "2", "-o", out.path().to_str().unwrap(), "tests/hostile", "fixtures"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "some inputs fail, none stops the run: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    let records = json_lines(&std::fs::read(out.path().join("records.jsonl")).unwrap());
    let errors = json_lines(&std::fs::read(out.path().join("errors.jsonl")).unwrap());
    let mut lines_per_input: BTreeMap<String, usize> = BTreeMap::new();
    for line in records.iter().chain(&errors) {
        let path = line["source"]["path"].as_str().expect("every line names its input").to_string();
        *lines_per_input.entry(path).or_default() += 1;
    }
    for record in &records {
        common::assert_valid_article(record);
    }
    for error in &errors {
        common::assert_valid_error(error);
        assert_ne!(error["kind"], "panic", "{error}");
    }
    for input in hostile.iter().chain(&good) {
        assert_eq!(lines_per_input.get(input), Some(&1), "{input} gives exactly one line");
    }
    assert_eq!(lines_per_input.len(), hostile.len() + good.len(), "no line for anything else");
    let recorded: Vec<&str> = records.iter().map(|r| r["source"]["path"].as_str().unwrap()).collect();
    for page in &good {
        assert!(recorded.contains(&page.as_str()), "{page} gives its record");
    }
    let kinds: Vec<&str> = errors.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    for kind in ["limit", "too_large", "gzip", "binary", "empty"] {
        assert!(kinds.contains(&kind), "some hostile input is refused as {kind}: {kinds:?}");
    }
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["inputs"], hostile.len() + good.len());
    assert_eq!(summary["records"], records.len());
    assert_eq!(summary["errors"], errors.len());
}

/// Markup whose tree outgrows the page: stray end tags over ever deeper nesting
/// (the tree builder's work grows with the square of the page) and formatting
/// elements reopened by every later block (990 new nodes per `<div>x</div>`).
/// Both pass the byte scan before parsing; the parse itself must stop at the
/// limit. Before the limits were counted while building, the first ran its whole
/// quadratic parse (over the 5 s budget here) and the second grew past 14 GB.
#[test]
fn markup_that_outgrows_its_page_stops_at_the_limit_while_parsing() {
    let out = tempfile::tempdir().unwrap();
    let output = gleaner()
        .args(["extract", "-j", "1", "--time-budget-ms", "5000", "-o", out.path().to_str().unwrap()])
        .args(["tests/hostile/stray-end-tags.html.gz", "tests/hostile/reopened-formatting.html.gz"])
        .arg("fixtures/seed-yantai.html")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let records = json_lines(&std::fs::read(out.path().join("records.jsonl")).unwrap());
    assert_eq!(records.len(), 1, "the good page after them gives its record: {stderr}");
    let errors = json_lines(&std::fs::read(out.path().join("errors.jsonl")).unwrap());
    let found: BTreeMap<&str, (&str, &str)> = errors
        .iter()
        .map(|e| (e["source"]["path"].as_str().unwrap(), (e["kind"].as_str().unwrap(), e["error"].as_str().unwrap())))
        .collect();
    let (kind, message) = found["tests/hostile/stray-end-tags.html.gz"];
    assert_eq!(kind, "limit", "{message}");
    assert!(message.contains("max_dom_depth limit (1001 found"), "stopped at the limit, not after: {message}");
    let (kind, message) = found["tests/hostile/reopened-formatting.html.gz"];
    assert_eq!(kind, "limit", "{message}");
    assert!(message.contains("max_dom_nodes limit (250001 found"), "stopped at the limit, not after: {message}");
}
