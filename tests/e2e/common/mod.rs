//! Helpers shared by the end-to-end tests: the built binary, the shared folder,
//! and validation against the published JSON Schemas.
#![allow(dead_code)] // not every helper is used on every platform and feature set

pub mod server;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::LazyLock;

/// The package root (tests run with it as the working directory).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `gleaner` binary built for these tests.
pub fn gleaner() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gleaner"));
    cmd.current_dir(root()).stdin(Stdio::null());
    // A developer's proxy settings must not send the loopback tests elsewhere.
    for var in ["http_proxy", "https_proxy", "all_proxy", "no_proxy"] {
        cmd.env_remove(var).env_remove(var.to_ascii_uppercase());
    }
    cmd
}

/// Runs `gleaner` with arguments; panics with its stderr if it could not start.
pub fn run(args: &[&str]) -> Output {
    gleaner().args(args).output().expect("gleaner runs")
}

/// `../shared`, when present. Tests that need it skip, saying so, without it.
pub fn shared() -> Option<PathBuf> {
    let dir = root().join("..").join("shared");
    if dir.is_dir() {
        Some(dir)
    } else {
        skip("../shared is absent (it holds the corpus, gold sets and scorers)");
        None
    }
}

/// Says that the running test skips its check, and why, where the plain
/// `cargo test` output shows it: straight to the process's standard error,
/// past the test harness's capture (which would keep it only for failures).
/// The test then still reports `ok`; this line is what tells the two apart.
pub fn skip(why: &str) {
    use std::io::Write;
    let test = std::thread::current().name().unwrap_or("a test").to_string();
    let _ = writeln!(std::io::stderr().lock(), "SKIPPED {test}: {why}");
}

/// The lines of a JSONL output, parsed.
pub fn json_lines(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

fn load_schema(path: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join(path)).expect("schema file exists");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    // Formats (date, date-time, uri) are checked, not only annotated.
    jsonschema::options().should_validate_formats(true).build(&schema).expect("schema compiles")
}

static ARTICLE: LazyLock<jsonschema::Validator> = LazyLock::new(|| load_schema("schema/article.schema.json"));
static ERROR: LazyLock<jsonschema::Validator> = LazyLock::new(|| load_schema("schema/error.schema.json"));

/// Asserts that a record validates against schema/article.schema.json and that
/// every offset in it holds.
pub fn assert_valid_article(record: &Value) {
    let errors: Vec<String> = ARTICLE.iter_errors(record).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "record does not match the schema: {errors:?}");
    assert_offsets_hold(record);
}

/// The schema errors of an article record (empty when it validates).
pub fn article_errors(record: &Value) -> Vec<String> {
    ARTICLE.iter_errors(record).map(|e| e.to_string()).collect()
}

/// Asserts that an error record validates against schema/error.schema.json.
pub fn assert_valid_error(record: &Value) {
    let errors: Vec<String> = ERROR.iter_errors(record).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "error record does not match the schema: {errors:?}");
}

/// `text[start..end] == mention.text` (in code points) for every mention and count.
pub fn assert_offsets_hold(record: &Value) {
    let text: Vec<char> = record["text"].as_str().unwrap_or_default().chars().collect();
    let mut spans = Vec::new();
    for kind in ["countries", "regions", "organizations", "industries"] {
        for entity in record[kind].as_array().into_iter().flatten() {
            spans.extend(entity["mentions"].as_array().into_iter().flatten().cloned());
        }
    }
    spans.extend(record["counts"].as_array().into_iter().flatten().cloned());
    for span in spans {
        let (start, end) = (span["start"].as_u64().unwrap() as usize, span["end"].as_u64().unwrap() as usize);
        let got: String = text.get(start..end).map(|s| s.iter().collect()).unwrap_or_default();
        assert_eq!(got, span["text"].as_str().unwrap(), "offset does not hold: {span}");
    }
}

/// Every fixture page, sorted, as paths relative to the package root.
pub fn fixture_paths() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures"))
        .expect("fixtures/ exists")
        .map(|e| Path::new("fixtures").join(e.unwrap().file_name()))
        .collect();
    paths.sort();
    paths
}
