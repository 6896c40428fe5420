//! The progress bar of `gleaner extract` on standard error.
//!
//! It shows inputs done, a rate rounded to what a person reads, the time taken
//! and the errors so far; once the inputs are counted (in the background, so
//! the run does not wait for it) it also shows the total, a bar and an ETA. A
//! total is known when every input's count is: files, URLs and folders (walked
//! the way the run walks them). An archive's records cannot be counted ahead,
//! but its bytes can: when every input is an archive file, the bar goes by the
//! bytes read (the offset of the last record done against the archives' sizes),
//! with a byte rate, an ETA and the records and errors so far. With standard
//! input, or archives mixed with other inputs, the bar stays a counter.
//!
//! This module draws nothing itself when hidden and decides nothing about the run.

use gleaner::acquire::{self, FileKind, Found, Input, Sniffed};
use gleaner::batch::Outcome;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use std::collections::HashMap;
use std::fmt::Write;

const COUNTER: &str = "{spinner} {pos} inputs, {rate}, {elapsed}{msg}";
const WITH_TOTAL: &str = "{spinner} [{bar:30}] {pos}/{len} inputs, {rate}, {elapsed}, ETA {eta}{msg}";
const ARCHIVE_BYTES: &str = "{spinner} [{bar:30}] {binary_bytes}/{binary_total_bytes} of archives, {binary_bytes_per_sec}, {elapsed}, ETA {eta}{msg}";

/// The bar and what it counts by.
pub struct Progress {
    bar: ProgressBar,
    /// When every input is an archive: each archive's path (as records name it)
    /// and the bytes of the archives before it.
    archive_starts: Option<HashMap<String, u64>>,
    done: usize,
    errors: usize,
}

impl Progress {
    /// A bar for these inputs, hidden unless `show`.
    pub fn start(show: bool, inputs: &[Input]) -> Progress {
        let bar = bar(show);
        let archive_starts = if show { archive_starts(inputs) } else { None };
        match &archive_starts {
            Some(_) => {
                bar.set_length(inputs.iter().map(input_size).sum());
                bar.set_style(style(ARCHIVE_BYTES));
            }
            None if show => count_in_background(&bar, inputs),
            None => {}
        }
        Progress { bar, archive_starts, done: 0, errors: 0 }
    }

    pub fn bar(&self) -> &ProgressBar {
        &self.bar
    }

    /// One input or record done.
    pub fn observe(&mut self, outcome: &Outcome) {
        self.done += 1;
        self.errors += usize::from(outcome.is_err());
        let source = match outcome {
            Ok(record) => &record.source,
            Err(e) => &e.source,
        };
        match (&self.archive_starts, &source.warc) {
            (Some(starts), Some(at)) => {
                if let Some(start) = starts.get(&at.file) {
                    self.bar.set_position(start + at.offset);
                }
                let records = self.done - self.errors;
                let noun = if records == 1 { "record" } else { "records" };
                self.bar.set_message(format!(", {records} {noun}{}", errors_message(self.errors)));
            }
            (Some(_), None) => {}
            (None, _) => {
                self.bar.inc(1);
                if outcome.is_err() {
                    self.bar.set_message(errors_message(self.errors));
                }
            }
        }
    }
}

/// Each archive's bytes before it, when every input is an archive file.
fn archive_starts(inputs: &[Input]) -> Option<HashMap<String, u64>> {
    let mut starts = HashMap::new();
    let mut before = 0;
    for input in inputs {
        let Input::Path(path) = input else { return None };
        if path.is_dir() || !is_archive(path) {
            return None;
        }
        starts.insert(path.to_string_lossy().into_owned(), before);
        before += input_size(input);
    }
    (!starts.is_empty()).then_some(starts)
}

fn input_size(input: &Input) -> u64 {
    match input {
        Input::Path(path) => std::fs::metadata(path).map_or(0, |m| m.len()),
        _ => 0,
    }
}

/// The bar, hidden unless `show`.
fn bar(show: bool) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(style(COUNTER));
    bar
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
        .with_key("rate", |state: &ProgressState, w: &mut dyn Write| {
            let _ = write!(w, "{}", rate(state.per_sec()));
        })
        .progress_chars("=> ")
}

/// Inputs a second, as a person reads it: `12.3/s`, `450/s`.
fn rate(per_sec: f64) -> String {
    if !per_sec.is_finite() || per_sec <= 0.0 {
        "-/s".into()
    } else if per_sec < 100.0 {
        format!("{per_sec:.1}/s")
    } else {
        format!("{per_sec:.0}/s")
    }
}

/// The bar's message for `n` errors so far: `, 1 error`, `, 3 errors`.
fn errors_message(n: usize) -> String {
    format!(", {n} {}", if n == 1 { "error" } else { "errors" })
}

/// Counts the inputs on another thread and, when they can be counted, gives the
/// bar its total (and with it a bar and an ETA).
fn count_in_background(bar: &ProgressBar, inputs: &[Input]) {
    let bar = bar.clone();
    let inputs = inputs.to_vec();
    std::thread::spawn(move || {
        if let Some(total) = countable_total(&inputs) {
            bar.set_length(total);
            bar.set_style(style(WITH_TOTAL));
        }
    });
}

/// The number of documents the inputs hold, when it is known without reading
/// an archive or standard input.
fn countable_total(inputs: &[Input]) -> Option<u64> {
    let mut total = 0u64;
    for input in inputs {
        total += match input {
            Input::Stdin => return None,
            Input::Url(_) => 1,
            Input::Path(path) if path.is_dir() => {
                let mut n = 0;
                for found in acquire::walk(path.clone()) {
                    match found {
                        Ok(Found::Input(file)) if is_archive(&file) => return None,
                        Ok(Found::Input(_)) | Err(_) => n += 1,
                        Ok(Found::PassedOver(_)) => {}
                    }
                }
                n
            }
            Input::Path(path) if is_archive(path) => return None,
            Input::Path(_) => 1,
        };
    }
    Some(total)
}

fn is_archive(path: &std::path::Path) -> bool {
    match FileKind::of(path) {
        Some(kind) => kind == FileKind::Warc,
        None => acquire::files::sniff_file(path) == Some(Sniffed::Warc),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn rates_and_messages_read_well() {
        assert_eq!(rate(0.0), "-/s");
        assert_eq!(rate(f64::INFINITY), "-/s");
        assert_eq!(rate(12.345), "12.3/s");
        assert_eq!(rate(4567.89), "4568/s");
        assert_eq!(errors_message(1), ", 1 error");
        assert_eq!(errors_message(2), ", 2 errors");
    }

    #[test]
    fn totals_are_known_for_files_and_folders_but_not_archives_or_stdin() {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in [("a.html", "<p>a"), ("b/c.htm", "<p>c"), ("b/logo.png", "\u{89}PNG")] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        let folder = Input::Path(dir.path().to_path_buf());
        let url = Input::Url("https://example.com/".into());
        assert_eq!(countable_total(&[folder.clone(), url]), Some(3));
        assert_eq!(countable_total(&[folder.clone(), Input::Stdin]), None);
        let archive = dir.path().join("x.warc.gz");
        std::fs::write(&archive, "").unwrap();
        assert_eq!(countable_total(&[folder]), None, "the folder now holds an archive");
        assert_eq!(countable_total(&[Input::Path(PathBuf::from("page.html"))]), Some(1));
    }

    #[test]
    fn archives_alone_are_measured_in_bytes_and_mixed_inputs_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, page) = (dir.path().join("a.warc"), dir.path().join("b.warc.gz"), dir.path().join("p.html"));
        std::fs::write(&a, b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n").unwrap();
        std::fs::write(&b, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]).unwrap();
        std::fs::write(&page, "<p>x").unwrap();
        let archives = [Input::Path(a.clone()), Input::Path(b.clone())];
        let starts = archive_starts(&archives).expect("every input is an archive");
        let a_len = std::fs::metadata(&a).unwrap().len();
        assert_eq!(starts[&a.to_string_lossy().into_owned()], 0);
        assert_eq!(starts[&b.to_string_lossy().into_owned()], a_len, "the second starts after the first's bytes");
        assert_eq!(archive_starts(&[Input::Path(a), Input::Path(page)]), None);
        assert_eq!(archive_starts(&[Input::Stdin]), None);
    }
}
