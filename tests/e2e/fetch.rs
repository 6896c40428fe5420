//! Fetching end to end, against a loopback server started here: every page and
//! every fault ends in a record or an error line within its timeout; internal
//! addresses are refused without `--allow-private`, also through a proxy
//! (`--proxy` or the environment); `gleaner fetch` writes a
//! WARC that `gleaner extract` replays to the same records, and that a
//! third-party reader (warcio) reads with valid digests when it is installed.

use crate::common;
use crate::common::server::TestServer;
use crate::common::{gleaner, json_lines};
use serde_json::Value;
use std::process::Output;
use std::time::{Duration, Instant};

/// Fast timeouts and no politeness delay, so the faults resolve in seconds.
const QUICK: &[&str] = &[
    "--read-timeout",
    "1",
    "--timeout",
    "3",
    "--connect-timeout",
    "2",
    "--retries",
    "2",
    "--backoff-ms",
    "50",
    "--max-retry-wait",
    "2",
    "--host-delay-ms",
    "0",
    "--per-host",
    "16",
    "--max-input-bytes",
    "2000000",
];

/// Runs gleaner and fails the test if it has not finished within `limit`.
fn run_within(limit: Duration, args: &[String]) -> Output {
    run_with_env(limit, &[], args)
}

/// [`run_within`] with environment variables set (the proxy ones).
fn run_with_env(limit: Duration, vars: &[(&str, &str)], args: &[String]) -> Output {
    let mut cmd = gleaner();
    cmd.args(args).envs(vars.iter().copied()).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("gleaner starts");
    let started = Instant::now();
    while child.try_wait().expect("wait works").is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("gleaner {args:?} still ran after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("output")
}

fn args(parts: &[&str], urls: &[String]) -> Vec<String> {
    parts.iter().map(|s| s.to_string()).chain(QUICK.iter().map(|s| s.to_string())).chain(urls.iter().cloned()).collect()
}

fn lines(path: &std::path::Path) -> Vec<Value> {
    json_lines(&std::fs::read(path).unwrap_or_default())
}

#[test]
fn every_page_and_fault_ends_in_a_record_or_an_error_line() {
    let server = TestServer::start();
    let good =
        ["/seed", "/slashgear", "/ru", "/latin1", "/nocharset", "/wrongcharset", "/flaky", "/throttled", "/moved"];
    let bad = [
        ("/slow", "timeout"),
        ("/reset", "connect"),
        ("/broken", "http_status"),
        ("/missing", "http_status"),
        ("/loop-a", "redirects"),
        ("/private/page", "robots"),
        ("/endless", "too_large"),
        ("/bomb", "too_large"),
        ("/image", "not_html"),
    ];
    let urls: Vec<String> = good.iter().chain(bad.iter().map(|(p, _)| p)).map(|p| server.url(p)).collect();
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().display().to_string();
    let output =
        run_within(Duration::from_secs(60), &args(&["extract", "--allow-private", "-j", "2", "-o", &dir], &urls));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");

    let records = lines(&out.path().join("records.jsonl"));
    let got: Vec<&str> = records.iter().map(|r| r["source"]["url"].as_str().unwrap()).collect();
    let want: Vec<String> =
        good.iter().map(|p| if *p == "/moved" { server.url("/seed") } else { server.url(p) }).collect();
    assert_eq!(got, want, "{stderr}");
    for record in &records {
        common::assert_valid_article(record);
        assert_eq!(record["source"]["http_status"], 200);
        assert!(record["source"]["fetched_at"].as_str().is_some_and(|t| t.ends_with('Z')));
        assert!(record["text"].as_str().unwrap().len() > 50, "{record}");
    }
    let latin = records.iter().find(|r| r["source"]["url"].as_str().unwrap().ends_with("/latin1")).unwrap();
    assert!(latin["text"].as_str().unwrap().contains("Café owners in São Paulo"), "{latin}");
    assert_eq!(latin["source"]["encoding"], "windows-1252");

    let errors = lines(&out.path().join("errors.jsonl"));
    assert_eq!(errors.len(), bad.len(), "{errors:#?}");
    for (error, (path, kind)) in errors.iter().zip(bad) {
        common::assert_valid_error(error);
        assert_eq!(error["source"]["url"], server.url(path), "{error}");
        assert_eq!(error["kind"], kind, "{error}");
        assert!(error["attempts"].as_u64().is_some(), "{error}");
        assert!(stderr.contains(path), "stderr names {path}: {stderr}");
    }
    let attempts =
        |path: &str| errors.iter().find(|e| e["source"]["url"] == server.url(path)).unwrap()["attempts"].clone();
    assert_eq!(attempts("/broken"), 3, "a 500 is retried twice");
    assert_eq!(attempts("/missing"), 1, "a 404 is not retried");
    assert_eq!(attempts("/slow"), 3, "a timeout is retried");
    assert_eq!(server.hits("/flaky"), 2, "a 503 with Retry-After is retried once it passes");
    assert_eq!(server.hits("/robots.txt"), 1, "robots.txt is read once per host");
    assert_eq!(server.hits("/private/page"), 0, "robots.txt is obeyed");
}

#[test]
fn robots_txt_is_read_to_500_kib_and_no_further() {
    let server = TestServer::start();
    let url = |path: &str| format!("http://localhost:{}{path}", server.port);
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().display().to_string();
    let urls = [url("/seed"), url("/private/page")];
    let output =
        run_within(Duration::from_secs(60), &args(&["extract", "--allow-private", "-j", "1", "-o", &dir], &urls));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let records = lines(&out.path().join("records.jsonl"));
    let errors = lines(&out.path().join("errors.jsonl"));
    assert_eq!(records.len(), 1, "a rule past the first 500 KiB is not read: {stderr}");
    assert_eq!(records[0]["source"]["url"], url("/seed"));
    assert_eq!(errors.len(), 1, "{stderr}");
    assert_eq!(errors[0]["kind"], "robots", "a rule in the first 500 KiB is obeyed: {}", errors[0]);
    assert_eq!(server.hits("/robots.txt"), 1);
}

// A public address nothing here listens on: only a proxy can answer for it.
const PUBLIC: &str = "http://93.184.215.14";

#[test]
fn a_proxy_from_the_option_or_the_environment_carries_the_requests() {
    let proxy = TestServer::start();
    let proxy_url = format!("http://127.0.0.1:{}", proxy.port);
    let output =
        run_within(Duration::from_secs(30), &args(&["extract", "--proxy", &proxy_url], &[format!("{PUBLIC}/seed")]));
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(json_lines(&output.stdout).len(), 1);
    assert_eq!(proxy.hits(&format!("{PUBLIC}/robots.txt")), 1, "robots.txt is asked through the proxy too");
    assert_eq!(proxy.hits(&format!("{PUBLIC}/seed")), 1);

    // From the environment, with a redirect followed through the proxy.
    let vars = [("http_proxy", proxy_url.as_str())];
    let output = run_with_env(Duration::from_secs(30), &vars, &args(&["extract"], &[format!("{PUBLIC}/moved")]));
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let records = json_lines(&output.stdout);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["source"]["url"], format!("{PUBLIC}/seed"));
    assert_eq!(proxy.hits(&format!("{PUBLIC}/moved")), 1);
    assert_eq!(proxy.hits(&format!("{PUBLIC}/seed")), 2);
}

#[test]
fn through_a_proxy_the_guard_still_refuses_internal_targets() {
    let proxy = TestServer::start();
    let origin = TestServer::start();
    let proxy_url = format!("http://127.0.0.1:{}", proxy.port);
    let by_name = format!("http://localhost:{}/seed", origin.port);
    let urls = [origin.url("/seed"), by_name.clone(), "http://[64:ff9b::a9fe:a9fe]/latest/meta-data/".to_string()];
    let vars = [("HTTPS_PROXY", proxy_url.as_str()), ("http_proxy", proxy_url.as_str())];
    let output = run_with_env(Duration::from_secs(30), &vars, &args(&["extract"], &urls));
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "no record from an internal target");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.matches("internal address").count(), 3, "{stderr}");
    assert!(stderr.contains("localhost resolves to"), "the name is resolved here and refused: {stderr}");
    assert_eq!(proxy.hits(&origin.url("/seed")) + proxy.hits(&by_name) + proxy.hits(&origin.url("/robots.txt")), 0);
    assert_eq!(origin.hits("/seed"), 0);
}

#[test]
fn no_proxy_and_the_no_proxy_option_connect_directly() {
    let proxy = TestServer::start();
    let origin = TestServer::start();
    let proxy_url = format!("http://127.0.0.1:{}", proxy.port);
    let page = origin.url("/seed");
    let allow = ["extract", "--allow-address", "127.0.0.1"];
    let vars = [("http_proxy", proxy_url.as_str()), ("NO_PROXY", "localhost,127.0.0.0/8")];
    let output = run_with_env(Duration::from_secs(30), &vars, &args(&allow, std::slice::from_ref(&page)));
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let vars = [("http_proxy", proxy_url.as_str())];
    let output = run_with_env(Duration::from_secs(30), &vars, &args(&[&allow[..], &["--no-proxy"]].concat(), &[page]));
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(origin.hits("/seed"), 2);
    assert_eq!(proxy.hits(&origin.url("/seed")), 0, "the proxy saw neither request");
}

#[test]
fn internal_addresses_are_refused_without_allow_private() {
    let server = TestServer::start();
    let by_name = format!("http://localhost:{}/seed", server.port);
    let urls = [server.url("/seed"), by_name, "file:///etc/passwd".to_string()];
    let output = run_within(Duration::from_secs(30), &args(&["extract"], &urls));
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "no record from an internal address");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.matches("internal address").count(), 2, "{stderr}");
    assert!(stderr.contains("only http and https"), "{stderr}");
    assert_eq!(server.hits("/seed"), 0);
    assert_eq!(server.hits("/robots.txt"), 0);

    // One address allowed; a redirect to another internal one is still refused.
    let urls = [server.url("/seed"), server.url("/to-other-loopback")];
    let output = run_within(Duration::from_secs(30), &args(&["extract", "--allow-address", "127.0.0.1"], &urls));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json_lines(&output.stdout).len(), 1);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("127.0.0.2 is an internal address"), "{stderr}");
}

#[test]
fn fetched_archives_replay_to_the_same_records() {
    let server = TestServer::start();
    let urls: Vec<String> =
        ["/seed", "/slashgear", "/latin1", "/missing", "/reset"].iter().map(|p| server.url(p)).collect();
    let dir = tempfile::tempdir().unwrap();
    let warc = dir.path().join("pages.warc.gz");
    let warc_arg = warc.display().to_string();
    let fetched = run_within(Duration::from_secs(60), &args(&["fetch", "--allow-private", "--warc", &warc_arg], &urls));
    let stderr = String::from_utf8_lossy(&fetched.stderr);
    assert_eq!(fetched.status.code(), Some(1), "the 404 and the reset are failures: {stderr}");
    let errors = lines(&dir.path().join("pages.errors.jsonl"));
    let kinds: Vec<&str> = errors.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["http_status", "connect"]);

    let replayed = run_within(Duration::from_secs(60), &["extract".to_string(), warc_arg.clone()]);
    let from_archive = json_lines(&replayed.stdout);
    let live = run_within(Duration::from_secs(60), &args(&["extract", "--allow-private"], &urls[..3]));
    let from_live = json_lines(&live.stdout);
    assert_eq!(from_archive.len(), 3, "{}", String::from_utf8_lossy(&replayed.stderr));
    for (a, b) in from_archive.iter().zip(&from_live) {
        for field in ["id", "url", "title", "text", "published", "counts", "countries", "organizations"] {
            assert_eq!(a[field], b[field], "{field}");
        }
        assert_eq!(a["source"]["warc"]["file"], warc_arg.as_str());
        assert_eq!(a["source"]["encoding"], b["source"]["encoding"]);
    }
    let stderr = String::from_utf8_lossy(&replayed.stderr);
    assert!(stderr.contains("archive records skipped"), "requests, warcinfo and the 404 are counted: {stderr}");

    warcio_reads(&warc, 1 + 2 * 4);
}

/// Reads the archive with warcio, checking every digest, when Python and warcio
/// are installed (`.ci/run` installs warcio into a virtual environment and
/// points GLEANER_PYTHON at it).
fn warcio_reads(warc: &std::path::Path, records: usize) {
    let python = std::env::var("GLEANER_PYTHON").unwrap_or_else(|_| "python3".into());
    let has_warcio = std::process::Command::new(&python).args(["-c", "import warcio"]).output();
    if !has_warcio.is_ok_and(|o| o.status.success()) {
        common::skip(&format!("warcio read-back ({python} with warcio is not installed)"));
        return;
    }
    let script = common::root().join("tests").join("warcio_check.py");
    let output = std::process::Command::new(&python).arg(script).arg(warc).output().expect("python runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "warcio: {stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains(&format!("records={records} ")), "{stdout}");
}
