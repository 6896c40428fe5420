//! The command line: arguments -> `Config` and inputs -> a batch run.
//!
//! Standard output carries records only; everything for people (errors, progress,
//! the summary) goes to standard error. Exit status: 0 every input gave a record,
//! 1 some inputs failed (each reported, the rest processed), 2 bad usage or
//! unreadable configuration.

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use gleaner::acquire::{self, Input};
use gleaner::batch::{self, Outcome, Summary};
use gleaner::emit::{Destination, Sink};
use gleaner::{Config, Pipeline, Rules};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
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
    /// Extract article records from files, folders, URLs or standard input.
    Extract(ExtractArgs),
    /// Print the JSON Schema of the records (article, or --error for error records).
    Schema {
        /// The schema of error records instead.
        #[arg(long)]
        error: bool,
    },
    /// List the embedded rule files, or write them out to edit and pass with --rules.
    Rules {
        /// Write the embedded rule files into this folder.
        #[arg(long, value_name = "DIR")]
        export: Option<PathBuf>,
    },
}

#[derive(Args)]
#[command(after_help = "Inputs: .html .htm .xhtml (also .gz), .txt (plain text: the whole file is the \
article), folders (searched recursively, in sorted order), - (standard input). \
URL and WARC inputs are accepted on the command line and reported as not yet supported.\n\n\
Output: without -o, records go to standard output. With -o FILE.jsonl, records go to FILE.jsonl and \
error records to FILE.errors.jsonl. With -o DIR, to DIR/records.jsonl and DIR/errors.jsonl. \
Records are written in input order whatever -j is.\n\n\
Exit status: 0 every input gave a record; 1 some inputs failed (each reported, the rest processed); \
2 bad usage or unreadable configuration.")]
struct ExtractArgs {
    /// Files, folders, http(s) URLs, or - for standard input.
    #[arg(value_name = "INPUT", required_unless_present = "urls")]
    inputs: Vec<String>,
    /// Read URLs from FILE, one a line (blank lines and # comments skipped).
    #[arg(long, value_name = "FILE")]
    urls: Option<PathBuf>,
    /// Output: a .jsonl file or a folder (default: standard output).
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
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
        Command::Schema { error } => {
            print!(
                "{}",
                if error { gleaner::record::error_schema_json() } else { gleaner::record::article_schema_json() }
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { export } => rules(export.as_deref()),
    };
    result.unwrap_or_else(|e| {
        eprintln!("gleaner: {e:#}");
        ExitCode::from(2)
    })
}

fn extract(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let rules = Rules::load(args.rules.as_deref()).context("cannot load rules")?;
    let config = Config { max_input_bytes: args.max_input_bytes, ..Config::default() };
    let mut inputs: Vec<Input> = args.inputs.iter().map(|a| Input::parse(a)).collect();
    if let Some(file) = &args.urls {
        let list = std::fs::read_to_string(file).with_context(|| format!("cannot read URL list {}", file.display()))?;
        let urls = list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'));
        inputs.extend(urls.map(|u| Input::Url(u.to_string())));
    }
    let dest = Destination::from_output(args.output.as_deref());
    let mut sink = Sink::open(&dest).with_context(|| format!("cannot open output {}", describe(&dest)))?;
    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let pipeline = Pipeline::new(rules, config);

    let show_progress = !args.quiet && (args.progress || std::io::stderr().is_terminal());
    let bar = progress_bar(show_progress);
    // A hidden bar's suspend() just runs the closure, so --quiet needs no branch here.
    let report = |outcome: &Outcome| {
        bar.inc(1);
        if let Err(e) = outcome {
            let what = e.source.path.as_deref().or(e.source.url.as_deref()).unwrap_or("input");
            bar.suspend(|| eprintln!("gleaner: error: {what}: {}", e.error));
        }
    };
    let summary = batch::run(&pipeline, acquire::expand(inputs), jobs, &mut sink, report)
        .with_context(|| format!("cannot write output {}", describe(&dest)))?;
    sink.finish().with_context(|| format!("cannot write output {}", describe(&dest)))?;
    bar.finish_and_clear();
    if !args.quiet {
        eprintln!("{}", summary_line(&summary));
    }
    Ok(if summary.error_count() == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn progress_bar(show: bool) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} pages, {per_sec}, {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar
}

fn summary_line(s: &Summary) -> String {
    let secs = s.elapsed.as_secs_f64();
    let rate = if secs > 0.0 { s.inputs as f64 / secs } else { 0.0 };
    let mut line = format!("gleaner: {} inputs, {} records, {} errors", s.inputs, s.records, s.error_count());
    if !s.errors.is_empty() {
        let kinds: Vec<String> = s.errors.iter().map(|(k, n)| format!("{k}: {n}")).collect();
        line.push_str(&format!(" ({})", kinds.join(", ")));
    }
    line.push_str(&format!(" in {secs:.2} s ({rate:.1} pages/s)"));
    line
}

fn describe(dest: &Destination) -> String {
    match dest {
        Destination::Stdout => "standard output".into(),
        Destination::File(p) | Destination::Dir(p) => p.display().to_string(),
    }
}

fn rules(export: Option<&Path>) -> anyhow::Result<ExitCode> {
    for (name, text) in gleaner::rules::RULE_FILES {
        match export {
            Some(dir) => {
                let path = dir.join(name);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
                }
                std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
                println!("{}", path.display());
            }
            None => println!("{name}"),
        }
    }
    Ok(ExitCode::SUCCESS)
}
