//! The command line: arguments -> `Config` and inputs -> a batch run.
//!
//! Standard output carries records only; everything for people (errors, progress,
//! the summary) goes to standard error. Exit status: 0 every input gave a record,
//! 1 some inputs failed (each reported, the rest processed), 2 bad usage or
//! unreadable configuration.

use crate::progress;
use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use gleaner::acquire::fetch::{self, FetchOptions};
use gleaner::acquire::proxy::Proxies;
use gleaner::acquire::warc::{Exchange, WarcWriter};
use gleaner::acquire::{self, Input};
use gleaner::batch::{self, Outcome, Summary};
use gleaner::emit::{Destination, Sink};
use gleaner::{Config, Pipeline, Rules};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "gleaner",
    version,
    about = "Turn news pages into facts: article text, metadata and entities as JSON lines.",
    long_about = "gleaner reads news pages (HTML files, folders of them, gzip files, standard input), \
strips the page chrome to get the article's own text and metadata, and writes one JSON record per \
article (schema gleaner.article/1; see `gleaner schema`).\n\n\
Example:\n  gleaner extract fixtures/ -o output/\n  gleaner extract page.html.gz > records.jsonl"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract article records from files, folders, WARC archives, URLs or standard input.
    Extract(ExtractArgs),
    /// Fetch URLs into a WARC archive (request and response records), to extract later.
    Fetch(FetchCommandArgs),
    /// Print the JSON Schema of the records (article, or --error for error records),
    /// or with --sql typed table definitions for both.
    Schema {
        /// The schema of error records instead.
        #[arg(long, conflicts_with = "sql")]
        error: bool,
        /// SQL DDL (DuckDB) for article and error tables, from the same types.
        #[arg(long)]
        sql: bool,
    },
    /// List the embedded rule files, or write them out to edit and pass with --rules.
    Rules {
        /// Write the embedded rule files (and their README.md) into this folder;
        /// refused when it holds edited copies, unless --force.
        #[arg(long, value_name = "DIR")]
        export: Option<PathBuf>,
        /// With --export: overwrite rule files that differ from the embedded ones.
        #[arg(long, requires = "export")]
        force: bool,
    },
}

#[derive(Args)]
#[command(after_help = "Inputs: .html .htm .xhtml (also .gz), .txt (plain text: the whole file is the \
article), .warc and .warc.gz (every HTML response record is one article; other records are skipped \
and counted), folders (searched recursively, in sorted order), http(s) URLs (fetched politely: see the \
fetch options), - (standard input).\n\n\
Inputs are sniffed by content too: a WARC archive (plain or gzip) on standard input or under any name \
is read record by record, and a folder's files with other names (a wget mirror's `story`, `a.shtml`) \
are read when they hold a page; the rest are passed over and counted in the summary.\n\n\
Output: without -o, records go to standard output. With -o FILE.jsonl (also .ndjson or .json, any \
case; .gz or .zst after it compresses), records go to FILE.jsonl and error records to \
FILE.errors.jsonl. With -o DIR (an existing folder, a name ending in /, or a name without an \
extension; created with its parents), to DIR/records.jsonl and DIR/errors.jsonl. Any other name is \
refused (exit 2). --errors FILE puts the error lines in FILE instead. Records are written in input \
order whatever -j is.\n\n\
Exit status: 0 every input gave a record; 1 some inputs failed (each reported, the rest processed); \
2 bad usage or unreadable configuration; 141 when the reader of standard output went away (a \
broken pipe, as in `| head -1`), which ends the run quietly.")]
struct ExtractArgs {
    /// Files, folders, http(s) URLs, or - for standard input.
    #[arg(value_name = "INPUT", required_unless_present_any = ["urls", "files_from"])]
    inputs: Vec<String>,
    /// Read input paths from FILE, one a line (- for standard input), e.g. from `find`.
    #[arg(long, value_name = "FILE")]
    files_from: Option<PathBuf>,
    /// With --files-from: paths are separated by NUL bytes (`find -print0`), not lines.
    #[arg(short = '0', long = "null", requires = "files_from")]
    null: bool,
    /// Read URLs from FILE, one a line (blank lines and # comments skipped).
    #[arg(long, value_name = "FILE")]
    urls: Option<PathBuf>,
    /// Output: a records file (.jsonl, .ndjson, .json; .gz or .zst compresses) or a
    /// folder (existing, ending in /, or without extension); default: standard output.
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Write error lines to FILE (also when records go to standard output).
    #[arg(long, value_name = "FILE", conflicts_with = "resume")]
    errors: Option<PathBuf>,
    /// Parallel workers (default: all cores).
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// Folder of rule files that replace (or, starting with @extend, extend) the embedded ones.
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// Show a progress bar on standard error (default: when it is a terminal).
    #[arg(long)]
    progress: bool,
    /// Print nothing on standard error but errors that stop the run.
    #[arg(short, long, conflicts_with = "progress")]
    quiet: bool,
    /// Largest input in bytes, also after decompression; larger inputs are errors.
    #[arg(long, value_name = "BYTES", default_value_t = Config::default().max_input_bytes)]
    max_input_bytes: u64,
    /// Deepest element nesting of a page; deeper pages are errors (kind limit).
    #[arg(long, value_name = "N", default_value_t = Config::default().max_dom_depth)]
    max_dom_depth: usize,
    /// Most nodes in a page; larger pages are errors (kind limit).
    #[arg(long, value_name = "N", default_value_t = Config::default().max_dom_nodes)]
    max_dom_nodes: usize,
    /// Most attributes on one tag; pages with more are errors (kind limit).
    #[arg(long, value_name = "N", default_value_t = Config::default().max_attributes)]
    max_attributes: usize,
    /// Longest time for one page, in milliseconds, checked between stages (kind time_budget).
    #[arg(long, value_name = "MS", default_value_t = Config::default().time_budget.as_millis() as u64)]
    time_budget_ms: u64,
    /// Go on with an interrupted run: pass over the inputs whose record or error
    /// line -o already holds (same input, same content), and append the rest.
    #[arg(long, requires = "output")]
    resume: bool,
    #[command(flatten)]
    fetch: FetchArgs,
}

#[derive(Args)]
#[command(after_help = "Each URL's request and final response go into the archive as WARC/1.1 records, \
one gzip member each, with block and payload digests; bodies are stored decompressed, with headers \
to match. A URL that gives no response is an error line in ARCHIVE.errors.jsonl and on standard \
error; a response that is not 2xx is archived and reported too.\n\n\
Replay offline: gleaner extract ARCHIVE\n\n\
Exit status: 0 every URL gave a 2xx response; 1 some did not; 2 bad usage.")]
struct FetchCommandArgs {
    /// URLs to fetch.
    #[arg(value_name = "URL", required_unless_present = "urls")]
    inputs: Vec<String>,
    /// Read URLs from FILE, one a line (blank lines and # comments skipped).
    #[arg(long, value_name = "FILE")]
    urls: Option<PathBuf>,
    /// The archive to write (.warc.gz).
    #[arg(long, value_name = "ARCHIVE")]
    warc: PathBuf,
    /// Largest body in bytes, after decompression; larger ones are errors.
    #[arg(long, value_name = "BYTES", default_value_t = Config::default().max_input_bytes)]
    max_input_bytes: u64,
    /// Print nothing on standard error but errors.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    fetch: FetchArgs,
}

/// How URLs are fetched (for `extract` with URL inputs, and for `fetch`).
#[derive(Args)]
#[command(next_help_heading = "Fetching")]
struct FetchArgs {
    /// The User-Agent header; its first word is the name robots.txt rules are matched against.
    #[arg(long, value_name = "TEXT")]
    user_agent: Option<String>,
    /// Requests in flight at once, over all hosts.
    #[arg(long, value_name = "N", default_value_t = FetchOptions::default().concurrency)]
    concurrency: usize,
    /// Requests in flight at once to one host.
    #[arg(long, value_name = "N", default_value_t = FetchOptions::default().per_host)]
    per_host: usize,
    /// Least time between two requests to one host, in milliseconds (robots.txt crawl-delay may raise it).
    #[arg(long, value_name = "MS", default_value_t = FetchOptions::default().host_delay.as_millis() as u64)]
    host_delay_ms: u64,
    /// Longest time for one request, body included, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = FetchOptions::default().total_timeout.as_secs_f64())]
    timeout: f64,
    /// Longest wait for a connection, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = FetchOptions::default().connect_timeout.as_secs_f64())]
    connect_timeout: f64,
    /// Longest wait for any read, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = FetchOptions::default().read_timeout.as_secs_f64())]
    read_timeout: f64,
    /// Retries on connect errors, timeouts, 429 and 5xx (with back-off, honouring Retry-After).
    #[arg(long, value_name = "N", default_value_t = FetchOptions::default().retries)]
    retries: u32,
    /// The first back-off before a retry, in milliseconds; it doubles each time, with jitter.
    #[arg(long, value_name = "MS", default_value_t = FetchOptions::default().backoff.as_millis() as u64)]
    backoff_ms: u64,
    /// Longest wait before a retry, Retry-After included, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = FetchOptions::default().max_retry_wait.as_secs_f64())]
    max_retry_wait: f64,
    /// Redirects followed at most.
    #[arg(long, value_name = "N", default_value_t = FetchOptions::default().max_redirects)]
    max_redirects: usize,
    /// Do not fetch or obey robots.txt.
    #[arg(long)]
    ignore_robots: bool,
    /// Allow loopback, private, link-local and other internal addresses (refused by default).
    #[arg(long)]
    allow_private: bool,
    /// Allow this one internal address (repeatable), e.g. an in-house mirror.
    #[arg(long, value_name = "IP")]
    allow_address: Vec<std::net::IpAddr>,
    /// Fetch through this HTTP proxy (http://host:port, credentials in the URL),
    /// instead of http_proxy, https_proxy and all_proxy; no_proxy still applies.
    #[arg(long, value_name = "URL", conflicts_with = "no_proxy")]
    proxy: Option<String>,
    /// Connect directly, whatever the proxy environment variables say.
    #[arg(long)]
    no_proxy: bool,
}

/// The longest timeout accepted on the command line: a year, in seconds.
const MAX_TIMEOUT_SECS: f64 = 365.0 * 24.0 * 3600.0;

impl FetchArgs {
    fn options(&self, max_body_bytes: u64) -> anyhow::Result<FetchOptions> {
        // A year at most: past that a deadline could overflow the clock's range.
        let secs = |name: &str, v: f64| {
            if v.is_finite() && v > 0.0 && v <= MAX_TIMEOUT_SECS {
                Ok(std::time::Duration::from_secs_f64(v))
            } else {
                Err(anyhow::anyhow!("--{name} must be a positive number of seconds, at most {MAX_TIMEOUT_SECS}"))
            }
        };
        let defaults = FetchOptions::default();
        Ok(FetchOptions {
            user_agent: self.user_agent.clone().unwrap_or(defaults.user_agent),
            concurrency: self.concurrency.max(1),
            per_host: self.per_host.max(1),
            host_delay: std::time::Duration::from_millis(self.host_delay_ms),
            connect_timeout: secs("connect-timeout", self.connect_timeout)?,
            read_timeout: secs("read-timeout", self.read_timeout)?,
            total_timeout: secs("timeout", self.timeout)?,
            max_body_bytes,
            max_redirects: self.max_redirects,
            retries: self.retries,
            backoff: std::time::Duration::from_millis(self.backoff_ms),
            max_retry_wait: secs("max-retry-wait", self.max_retry_wait)?,
            obey_robots: !self.ignore_robots,
            allow_private: self.allow_private,
            allowed_addresses: self.allow_address.clone(),
            proxies: self.proxies()?,
        })
    }

    fn proxies(&self) -> anyhow::Result<Proxies> {
        if self.no_proxy {
            return Ok(Proxies::none());
        }
        Proxies::from_env(self.proxy.as_deref()).map_err(|e| anyhow::anyhow!("{e}"))
    }
}

/// The paths of a `--files-from` list (a file, or `-` for standard input): one a
/// line (blank lines skipped, a trailing CR dropped), or NUL-separated with `-0`.
fn path_list(list: &Path, nul_separated: bool) -> anyhow::Result<Vec<PathBuf>> {
    let bytes = if list.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)
            .context("cannot read the path list from standard input")?;
        bytes
    } else {
        std::fs::read(list).with_context(|| format!("cannot read path list {}", list.display()))?
    };
    Ok(split_path_list(&bytes, nul_separated))
}

fn split_path_list(bytes: &[u8], nul_separated: bool) -> Vec<PathBuf> {
    let separator = if nul_separated { b'\0' } else { b'\n' };
    bytes
        .split(|&b| b == separator)
        .map(|entry| if nul_separated { entry } else { entry.strip_suffix(b"\r").unwrap_or(entry) })
        .filter(|entry| !entry.is_empty())
        .map(path_from_bytes)
        .collect()
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

/// The URLs named on the command line and in a `--urls` file.
fn url_list(inputs: &[String], file: Option<&Path>) -> anyhow::Result<Vec<String>> {
    let mut urls = inputs.to_vec();
    if let Some(file) = file {
        let list = std::fs::read_to_string(file).with_context(|| format!("cannot read URL list {}", file.display()))?;
        urls.extend(list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(String::from));
    }
    Ok(urls)
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Extract(args) => extract(args),
        Command::Fetch(args) => fetch_to_warc(args),
        Command::Schema { error, sql } => print_stdout(&if sql {
            gleaner::tables::tables_sql()
        } else if error {
            gleaner::record::error_schema_json()
        } else {
            gleaner::record::article_schema_json()
        }),
        Command::Rules { export, force } => rules(export.as_deref(), force),
    };
    result.unwrap_or_else(|e| {
        eprintln!("gleaner: {e:#}");
        ExitCode::from(2)
    })
}

fn extract(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let rules = Rules::load(args.rules.as_deref()).context("cannot load rules")?;
    let config = Config {
        max_input_bytes: args.max_input_bytes,
        max_dom_depth: args.max_dom_depth,
        max_dom_nodes: args.max_dom_nodes,
        max_attributes: args.max_attributes,
        time_budget: std::time::Duration::from_millis(args.time_budget_ms),
        ..Config::default()
    };
    let fetch_options = args.fetch.options(args.max_input_bytes)?;
    let mut inputs: Vec<Input> = args.inputs.iter().map(|a| Input::parse(a)).collect();
    if let Some(list) = args.files_from.as_deref() {
        if list.as_os_str() == "-" && inputs.contains(&Input::Stdin) {
            anyhow::bail!("standard input cannot be both --files-from - and an input");
        }
        inputs.extend(path_list(list, args.null)?.into_iter().map(Input::Path));
    }
    inputs.extend(url_list(&[], args.urls.as_deref())?.into_iter().map(Input::Url));
    let dest = Destination::from_output(args.output.as_deref())?;
    let (mut sink, done) = if args.resume {
        let (sink, done) =
            Sink::open_resume(&dest).with_context(|| format!("cannot resume output {}", describe(&dest)))?;
        (sink, Some(done))
    } else {
        let sink = Sink::open(&dest, args.errors.as_deref())
            .with_context(|| format!("cannot open output {}", describe(&dest)))?;
        (sink, None)
    };
    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let pipeline = Pipeline::new(rules, config);

    let show_progress = !args.quiet && (args.progress || std::io::stderr().is_terminal());
    let mut progress = progress::Progress::start(show_progress, &inputs);
    // A hidden bar's suspend() just runs the closure, so --quiet needs no branch here.
    let report = |outcome: &Outcome| {
        progress.observe(outcome);
        if let Err(e) = outcome {
            let what = e.source.path.as_deref().or(e.source.url.as_deref()).unwrap_or("input");
            progress.bar().suspend(|| eprintln!("gleaner: error: {what}: {}", e.error));
        }
    };
    let items = acquire::expand(inputs, &pipeline.config, &fetch_options);
    let written = batch::run(&pipeline, items, jobs, &mut sink, done.as_ref(), report)
        .and_then(|summary| sink.finish().map(|()| summary));
    let summary = match written {
        Ok(summary) => summary,
        // The reader of standard output went away (`| head -1`): end quietly, as
        // a program killed by SIGPIPE would, with 128 + 13.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe && dest == Destination::Stdout => {
            progress.bar().finish_and_clear();
            return Ok(ExitCode::from(BROKEN_PIPE_STATUS));
        }
        Err(e) => return Err(anyhow::Error::new(e).context(format!("cannot write output {}", describe(&dest)))),
    };
    progress.bar().finish_and_clear();
    if !args.quiet {
        eprintln!("{}", summary_line(&summary));
    }
    if let Some(path) = dest.summary_path() {
        let json = serde_json::to_string_pretty(&summary_json(&summary)).context("cannot write the summary")?;
        std::fs::write(&path, json + "\n").with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(if summary.error_count() == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// The exit status of a run whose standard output was closed by its reader.
const BROKEN_PIPE_STATUS: u8 = 128 + 13;

/// `n thing` or `n things`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary_line(s: &Summary) -> String {
    let secs = s.elapsed.as_secs_f64();
    let rate = if secs > 0.0 { s.inputs as f64 / secs } else { 0.0 };
    let mut line = format!(
        "gleaner: {}, {}, {}",
        plural(s.inputs, "input", "inputs"),
        plural(s.records, "record", "records"),
        plural(s.error_count(), "error", "errors")
    );
    if s.already_done > 0 {
        line.push_str(&format!(", {} already done", s.already_done));
    }
    if !s.errors.is_empty() {
        let kinds: Vec<String> = s.errors.iter().map(|(k, n)| format!("{k}: {n}")).collect();
        line.push_str(&format!(" ({})", kinds.join(", ")));
    }
    if !s.skipped.is_empty() {
        let skipped: usize = s.skipped.values().sum();
        let reasons: Vec<String> = s.skipped.iter().map(|(k, n)| format!("{k}: {n}")).collect();
        line.push_str(&format!(
            ", {} skipped ({})",
            plural(skipped, "archive record", "archive records"),
            reasons.join(", ")
        ));
    }
    if s.passed_over > 0 {
        line.push_str(&format!(
            ", {} passed over (neither a page nor an archive by name or content)",
            plural(s.passed_over, "file", "files")
        ));
    }
    line.push_str(&format!(" in {secs:.2} s ({rate:.1} pages/s)"));
    line
}

/// The run summary as `summary.json` holds it.
fn summary_json(s: &Summary) -> serde_json::Value {
    let secs = s.elapsed.as_secs_f64();
    let processed = s.inputs - s.already_done;
    serde_json::json!({
        "inputs": s.inputs,
        "records": s.records,
        "errors": s.error_count(),
        "errors_by_kind": s.errors,
        "already_done": s.already_done,
        "archive_records_skipped": s.skipped,
        "files_passed_over": s.passed_over,
        "seconds": (secs * 1000.0).round() / 1000.0,
        "pages_per_second": if secs > 0.0 { ((processed as f64 / secs) * 10.0).round() / 10.0 } else { 0.0 },
        "gleaner": env!("CARGO_PKG_VERSION"),
    })
}

/// `gleaner fetch`: URLs into a WARC archive, errors beside it.
fn fetch_to_warc(args: FetchCommandArgs) -> anyhow::Result<ExitCode> {
    let options = args.fetch.options(args.max_input_bytes)?;
    let urls = url_list(&args.inputs, args.urls.as_deref())?;
    let errors_path = {
        let name = args.warc.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let stem = name.strip_suffix(".gz").unwrap_or(&name);
        let stem = stem.strip_suffix(".warc").unwrap_or(stem);
        args.warc.with_file_name(format!("{stem}.errors.jsonl"))
    };
    let open = |path: &Path| {
        std::fs::File::create(path)
            .map(std::io::BufWriter::new)
            .with_context(|| format!("cannot create {}", path.display()))
    };
    let mut archive = WarcWriter::new(open(&args.warc)?);
    let mut errors = open(&errors_path)?;
    let started = std::time::Instant::now();
    let info = format!(
        "software: gleaner/{}\r\nformat: WARC File Format 1.1\r\nhttp-header-user-agent: {}\r\n",
        env!("CARGO_PKG_VERSION"),
        options.user_agent
    );
    archive.write_info(&fetch::now_iso8601(), &info).context("cannot write the archive")?;
    let (mut archived, mut failed) = (0usize, 0usize);
    for result in fetch::fetch_all(urls.into_iter(), options) {
        match result {
            Ok(page) => {
                let response_head = page.response_head();
                let exchange = Exchange {
                    url: &page.url,
                    date: &page.fetched_at,
                    ip: page.ip,
                    request_head: &page.request_head,
                    response_head: &response_head,
                    body: &page.body,
                };
                archive.write_exchange(&exchange).context("cannot write the archive")?;
                archived += 1;
                if !(200..300).contains(&page.status) {
                    failed += 1;
                    let error = acquire::AcquireError::HttpStatus {
                        url: page.url.clone(),
                        status: page.status,
                        attempts: page.attempts,
                    };
                    let origin = gleaner::Origin {
                        url: Some(page.url.clone()),
                        http_status: Some(page.status),
                        ..Default::default()
                    };
                    write_fetch_error(&mut errors, origin, error)?;
                }
            }
            Err(e) => {
                failed += 1;
                let origin = gleaner::Origin { url: Some(e.url.clone()), http_status: e.status, ..Default::default() };
                write_fetch_error(&mut errors, origin, acquire::AcquireError::Fetch(e))?;
            }
        }
    }
    archive.flush().context("cannot write the archive")?;
    std::io::Write::flush(&mut errors).context("cannot write the error list")?;
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "gleaner: {archived} responses archived in {}, {failed} failures (see {}) in {secs:.2} s",
            args.warc.display(),
            errors_path.display()
        );
    }
    Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// One failed URL: a line in the error list and a message on stderr (errors are
/// shown even with --quiet).
fn write_fetch_error(
    out: &mut impl std::io::Write,
    origin: gleaner::Origin,
    error: acquire::AcquireError,
) -> anyhow::Result<()> {
    let record = gleaner::error_record(origin.to_source(), &gleaner::DocError::Acquire(error));
    let url = record.source.url.as_deref().unwrap_or("URL");
    eprintln!("gleaner: error: {url}: {}", record.error);
    serde_json::to_writer(&mut *out, &record).context("cannot write the error list")?;
    out.write_all(b"\n").context("cannot write the error list")?;
    Ok(())
}

/// Writes text to standard output; a reader that went away ends the command
/// quietly (see [`BROKEN_PIPE_STATUS`]).
fn print_stdout(text: &str) -> anyhow::Result<ExitCode> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::from(BROKEN_PIPE_STATUS)),
        Err(e) => Err(anyhow::Error::new(e).context("cannot write to standard output")),
    }
}

fn describe(dest: &Destination) -> String {
    match dest {
        Destination::Stdout => "standard output".into(),
        Destination::File(p) | Destination::Dir(p) => p.display().to_string(),
    }
}

/// The guide to the rule files, written beside them by `rules --export`.
const RULES_README: &str = include_str!("../rules/README.md");

fn rules(export: Option<&Path>, force: bool) -> anyhow::Result<ExitCode> {
    let Some(dir) = export else {
        let names: String = gleaner::rules::RULE_FILES.iter().map(|(name, _)| format!("{name}\n")).collect();
        return print_stdout(&names);
    };
    let files: Vec<(&str, &str)> =
        gleaner::rules::RULE_FILES.iter().copied().chain([("README.md", RULES_README)]).collect();
    let edited: Vec<String> = files
        .iter()
        .filter(|(name, text)| std::fs::read(dir.join(name)).is_ok_and(|on_disk| on_disk != text.as_bytes()))
        .map(|(name, _)| name.to_string())
        .collect();
    if !edited.is_empty() && !force {
        anyhow::bail!(
            "{} already holds edited rule files ({}); nothing was written: export elsewhere, or pass --force to overwrite them",
            dir.display(),
            edited.join(", ")
        );
    }
    for (name, text) in files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
