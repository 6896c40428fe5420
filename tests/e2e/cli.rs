//! The command line as users and scorers run it (spec/cli.md): inputs, outputs,
//! ordering, errors and exit status.

use crate::common;
use crate::common::{json_lines, run};
use std::io::Write;
use std::process::Stdio;

fn paths_of(records: &[serde_json::Value]) -> Vec<String> {
    records.iter().map(|r| r["source"]["path"].as_str().unwrap_or_default().to_string()).collect()
}

#[test]
fn main_job_writes_records_and_errors_into_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    let res = run(&["extract", "fixtures/", "-o", out.to_str().unwrap()]);
    assert!(res.status.success(), "{}", String::from_utf8_lossy(&res.stderr));
    assert!(res.stdout.is_empty(), "records go to the folder, not stdout");
    let records = json_lines(&std::fs::read(out.join("records.jsonl")).unwrap());
    let expected: Vec<String> = common::fixture_paths().iter().map(|p| p.display().to_string()).collect();
    assert_eq!(paths_of(&records), expected, "one record per fixture, in sorted order");
    assert_eq!(std::fs::read(out.join("errors.jsonl")).unwrap(), b"");
    let stderr = String::from_utf8_lossy(&res.stderr);
    assert!(stderr.contains(&format!("{} records, 0 errors", expected.len())), "{stderr}");
}

#[test]
fn output_is_identical_whatever_the_number_of_jobs() {
    let mut inputs = vec!["fixtures/".to_string()];
    if let Some(shared) = common::shared() {
        inputs.push(shared.join("corpus/aeb/html").display().to_string());
    }
    let args = |jobs: &'static str| {
        let mut a: Vec<&str> = vec!["extract", "-q", "-j", jobs];
        a.extend(inputs.iter().map(String::as_str));
        a
    };
    let one = run(&args("1"));
    let two = run(&args("2"));
    assert!(one.status.success() && two.status.success());
    assert!(json_lines(&one.stdout).len() >= 11);
    assert!(one.stdout == two.stdout, "-j 1 and -j 2 differ");
    let again = run(&args("2"));
    assert!(two.stdout == again.stdout, "two runs differ");
}

#[test]
fn a_missing_file_is_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let res = run(&[
        "extract",
        "fixtures/en-plain.txt",
        "fixtures/missing-page.html",
        "fixtures/seed-yantai.html",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(res.status.code(), Some(1));
    let records = json_lines(&std::fs::read(out.join("records.jsonl")).unwrap());
    assert_eq!(paths_of(&records), ["fixtures/en-plain.txt", "fixtures/seed-yantai.html"]);
    let errors = json_lines(&std::fs::read(out.join("errors.jsonl")).unwrap());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["schema"], "gleaner.error/1");
    assert_eq!(errors[0]["kind"], "io");
    assert_eq!(errors[0]["source"]["path"], "fixtures/missing-page.html");
    let stderr = String::from_utf8_lossy(&res.stderr);
    assert!(stderr.contains("error: fixtures/missing-page.html: cannot read"), "{stderr}");
}

#[test]
fn bad_inputs_become_error_lines_never_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    write("a-empty.html", b"");
    write("b-binary.html", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&std::fs::read(common::root().join("fixtures/seed-yantai.html")).unwrap()).unwrap();
    let gz = gz.finish().unwrap();
    write("c-truncated.html.gz", &gz[..gz.len() / 2]);
    write("d-no-markup.html", b"Just some words without any tags at all, which is not a page.");
    write("e-no-text.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>");
    write("f-good.html", &std::fs::read(common::root().join("fixtures/seed-yantai.html")).unwrap());
    let out = dir.path().join("out");
    let res = run(&["extract", "-q", dir.path().to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(res.status.code(), Some(1), "{}", String::from_utf8_lossy(&res.stderr));
    let records = json_lines(&std::fs::read(out.join("records.jsonl")).unwrap());
    assert_eq!(records.len(), 1);
    assert!(records[0]["source"]["path"].as_str().unwrap().ends_with("f-good.html"));
    let errors = json_lines(&std::fs::read(out.join("errors.jsonl")).unwrap());
    let kinds: Vec<&str> = errors.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["empty", "binary", "gzip", "not_html", "no_text"]);
    errors.iter().for_each(common::assert_valid_error);
}

#[test]
fn standard_input_is_one_document() {
    let mut child =
        common::gleaner().args(["extract", "-q", "-"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    let page = std::fs::read(common::root().join("fixtures/seed-yantai.html")).unwrap();
    child.stdin.take().unwrap().write_all(&page).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let records = json_lines(&out.stdout);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["source"]["path"], "-");
    assert_eq!(records[0]["title"], "Intl sister-city ties bring prosperity to Yantai");
}

#[test]
fn a_jsonl_output_file_gets_its_errors_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("run.jsonl");
    let res = run(&["extract", "-q", "fixtures/en-plain.txt", "nope.html", "-o", file.to_str().unwrap()]);
    assert_eq!(res.status.code(), Some(1));
    assert_eq!(json_lines(&std::fs::read(&file).unwrap()).len(), 1);
    assert_eq!(json_lines(&std::fs::read(dir.path().join("run.errors.jsonl")).unwrap()).len(), 1);
}

#[test]
fn an_unreachable_url_is_an_error_line_beside_the_other_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let args =
        ["extract", "-q", "--retries", "0", "https://example.invalid/a.html", "fixtures/en-plain.txt", "-o", out];
    let res = run(&args);
    assert_eq!(res.status.code(), Some(1));
    assert_eq!(json_lines(&std::fs::read(dir.path().join("records.jsonl")).unwrap()).len(), 1);
    let errors = json_lines(&std::fs::read(dir.path().join("errors.jsonl")).unwrap());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["source"]["url"], "https://example.invalid/a.html");
    assert_eq!(errors[0]["kind"], "connect", "{}", errors[0]);
    assert_eq!(errors[0]["attempts"], 1);
}

#[test]
fn rules_folder_extends_the_embedded_rules() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    let para = "The harbour master said the new pier will open in May, after two years of work on the foundations.";
    std::fs::write(
        &page,
        format!("<html><body><article><p>{para}</p><p>Fishing Bulletin subscribers get this first</p><p>{para}</p></article></body></html>"),
    )
    .unwrap();
    let rules = dir.path().join("rules");
    std::fs::create_dir_all(rules.join("clean")).unwrap();
    std::fs::write(rules.join("clean/boilerplate_lines.txt"), "@extend\nfishing bulletin subscribers get this first\n")
        .unwrap();

    let plain = json_lines(&run(&["extract", "-q", page.to_str().unwrap()]).stdout);
    assert!(plain[0]["text"].as_str().unwrap().contains("Fishing Bulletin"));
    let ruled = json_lines(&run(&["extract", "-q", "--rules", rules.to_str().unwrap(), page.to_str().unwrap()]).stdout);
    assert_eq!(ruled[0]["text"], format!("{para}\n\n{para}"));
}

#[test]
fn the_repositorys_own_rules_folder_is_accepted_and_gives_the_embedded_records() {
    // Every file under rules/ is one gleaner reads, so the folder itself (or a copy
    // a user edits) can be given to --rules and changes nothing.
    let page = "fixtures/seed-yantai.html";
    let embedded = run(&["extract", "-q", page]);
    let ruled = run(&["extract", "-q", "--rules", "rules", page]);
    assert_eq!(ruled.status.code(), Some(0), "{}", String::from_utf8_lossy(&ruled.stderr));
    assert_eq!(json_lines(&ruled.stdout)[0]["counts"], json_lines(&embedded.stdout)[0]["counts"]);
    assert_eq!(json_lines(&ruled.stdout)[0]["industries"], json_lines(&embedded.stdout)[0]["industries"]);
}

#[test]
fn bad_usage_and_bad_configuration_exit_2() {
    assert_eq!(run(&["extract"]).status.code(), Some(2), "no input");
    assert_eq!(run(&["extract", "--no-such-flag", "x.html"]).status.code(), Some(2));
    let res = run(&["extract", "--rules", "/no/such/rules", "fixtures/en-plain.txt"]);
    assert_eq!(res.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&res.stderr).contains("cannot load rules"));
    // Extreme option values are bad usage, never a panic (1e20 s once overflowed).
    for (flag, value) in [("--timeout", "1e20"), ("--read-timeout", "inf"), ("--connect-timeout", "0")] {
        let res = run(&["fetch", flag, value, "--warc", "/nonexistent/x.warc.gz", "http://example.test/"]);
        let stderr = String::from_utf8_lossy(&res.stderr);
        assert_eq!(res.status.code(), Some(2), "{flag} {value}: {stderr}");
        assert!(stderr.contains("must be a positive number of seconds") && !stderr.contains("panicked"), "{stderr}");
        let res = run(&["extract", flag, value, "fixtures/en-plain.txt"]);
        assert_eq!(res.status.code(), Some(2), "extract {flag} {value}");
    }
    let res = run(&["extract", "--time-budget-ms", "18446744073709551615", "fixtures/en-plain.txt"]);
    assert_eq!(
        res.status.code(),
        Some(0),
        "a budget past any clock is no budget: {}",
        String::from_utf8_lossy(&res.stderr)
    );
}

#[test]
fn help_explains_inputs_outputs_and_exit_status() {
    let res = run(&["extract", "--help"]);
    assert!(res.status.success());
    let help = String::from_utf8_lossy(&res.stdout);
    for needle in ["--output", "--jobs", "--rules", "--urls", "records.jsonl", "Exit status", "standard input"] {
        assert!(help.contains(needle), "help lacks {needle}: {help}");
    }
}

#[test]
fn rules_export_writes_every_rule_file() {
    let dir = tempfile::tempdir().unwrap();
    let res = run(&["rules", "--export", dir.path().to_str().unwrap()]);
    assert!(res.status.success());
    for (name, text) in gleaner::rules::RULE_FILES {
        assert_eq!(std::fs::read_to_string(dir.path().join(name)).unwrap(), *text);
    }
}

/// A plain WARC archive with one HTML response, as bytes.
fn one_page_warc() -> Vec<u8> {
    let html = std::fs::read_to_string(common::root().join("fixtures/seed-yantai.html")).unwrap();
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
    format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/a\r\nWARC-Date: 2026-01-02T03:04:05Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    )
    .into_bytes()
}

fn run_with_stdin(args: &[&str], input: &[u8]) -> std::process::Output {
    let mut child = common::gleaner()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn a_warc_on_standard_input_is_read_record_by_record_plain_or_gzip() {
    let warc = one_page_warc();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&warc).unwrap();
    for input in [warc.clone(), gz.finish().unwrap()] {
        let res = run_with_stdin(&["extract", "-q", "-"], &input);
        assert!(res.status.success(), "{}", String::from_utf8_lossy(&res.stderr));
        let records = json_lines(&res.stdout);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0]["source"]["warc"]["file"], "-");
        assert!(records[0]["text"].as_str().unwrap().starts_with("The coastal city of Yantai"));
    }
}

#[test]
fn files_from_reads_paths_by_line_or_nul() {
    let list = "fixtures/en-plain.txt\nfixtures/seed-yantai.html\n";
    let res = run_with_stdin(&["extract", "-q", "--files-from", "-"], list.as_bytes());
    assert!(res.status.success(), "{}", String::from_utf8_lossy(&res.stderr));
    assert_eq!(paths_of(&json_lines(&res.stdout)), ["fixtures/en-plain.txt", "fixtures/seed-yantai.html"]);
    let res = run_with_stdin(&["extract", "-q", "--files-from", "-", "-0"], list.replace('\n', "\0").as_bytes());
    assert_eq!(paths_of(&json_lines(&res.stdout)), ["fixtures/en-plain.txt", "fixtures/seed-yantai.html"]);
}

#[test]
fn errors_go_to_the_named_file_also_with_records_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let errors = dir.path().join("deep/errs.jsonl");
    let res =
        run(&["extract", "-q", "fixtures/seed-yantai.html", "no/such.html", "--errors", errors.to_str().unwrap()]);
    assert_eq!(res.status.code(), Some(1));
    assert_eq!(json_lines(&res.stdout).len(), 1);
    let lines = json_lines(&std::fs::read(&errors).unwrap());
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["source"]["path"], "no/such.html");
}

#[test]
fn ambiguous_outputs_are_refused_and_compressed_ones_written() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("out.txt");
    let res = run(&["extract", "-q", "fixtures/seed-yantai.html", "-o", txt.to_str().unwrap()]);
    assert_eq!(res.status.code(), Some(2));
    assert!(!txt.exists(), "nothing is created for a refused name");
    let gz = dir.path().join("new/deep/RECS.JSONL.GZ");
    let res = run(&["extract", "-q", "fixtures/seed-yantai.html", "-o", gz.to_str().unwrap()]);
    assert!(res.status.success(), "{}", String::from_utf8_lossy(&res.stderr));
    let mut text = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(std::fs::File::open(&gz).unwrap()), &mut text)
        .unwrap();
    assert_eq!(json_lines(text.as_bytes()).len(), 1);
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let mut child = common::gleaner()
        .args(["extract", "-q", "-j", "1", "fixtures/", "fixtures/", "fixtures/", "fixtures/"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 1];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(141), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_folder_reports_the_files_it_passes_over() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(common::root().join("fixtures/seed-yantai.html"), dir.path().join("story")).unwrap();
    std::fs::write(dir.path().join("logo.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    let res = run(&["extract", dir.path().to_str().unwrap()]);
    assert!(res.status.success());
    assert_eq!(json_lines(&res.stdout).len(), 1, "the page named story is read");
    let stderr = String::from_utf8_lossy(&res.stderr);
    assert!(stderr.contains("1 input, 1 record, 0 errors, 1 file passed over"), "{stderr}");
}

#[test]
fn rules_export_writes_the_guide_and_keeps_edited_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rules");
    assert!(run(&["rules", "--export", out.to_str().unwrap()]).status.success());
    assert!(out.join("README.md").exists());
    std::fs::write(out.join("months.tsv"), "mine\t1\n").unwrap();
    let res = run(&["rules", "--export", out.to_str().unwrap()]);
    assert_eq!(res.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(out.join("months.tsv")).unwrap(), "mine\t1\n");
    assert!(run(&["rules", "--export", out.to_str().unwrap(), "--force"]).status.success());
    assert_ne!(std::fs::read_to_string(out.join("months.tsv")).unwrap(), "mine\t1\n");
}
