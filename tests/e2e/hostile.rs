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
