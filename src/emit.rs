//! Emit: writes records and error records as JSON Lines.
//!
//! Destinations: standard output (records only; errors go to people on stderr),
//! a `.jsonl` file (errors beside it in `NAME.errors.jsonl`), or a folder
//! (`records.jsonl` and `errors.jsonl`). Each line is serialised whole before it
//! is written, so an interrupted run never leaves half a record in the middle of
//! the file. Writers are buffered.
//!
//! This module does not order or parallelise (see `batch`).

use crate::record::{ErrorRecord, Record, Source};
use serde::Serialize;
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Where output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Stdout,
    /// A `.jsonl` file; errors go to the same name with `.errors.jsonl`.
    File(PathBuf),
    /// A folder receiving `records.jsonl` and `errors.jsonl`.
    Dir(PathBuf),
}

impl Destination {
    /// `-o PATH`: a file when the name ends in `.jsonl` (or `.json`), else a folder.
    pub fn from_output(path: Option<&Path>) -> Destination {
        match path {
            None => Destination::Stdout,
            Some(p) if p.as_os_str() == "-" => Destination::Stdout,
            Some(p) if p.extension().is_some_and(|e| e == "jsonl" || e == "json") => Destination::File(p.to_path_buf()),
            Some(p) => Destination::Dir(p.to_path_buf()),
        }
    }

    /// The paths of the records and errors files, if any.
    pub fn paths(&self) -> Option<(PathBuf, PathBuf)> {
        let records = match self {
            Destination::Stdout => return None,
            Destination::File(p) => p.clone(),
            Destination::Dir(d) => d.join("records.jsonl"),
        };
        Some((records, self.companion("errors.jsonl")?))
    }

    /// Where the run summary goes: `DIR/summary.json`, or `NAME.summary.json`
    /// beside a `.jsonl` file.
    pub fn summary_path(&self) -> Option<PathBuf> {
        self.companion("summary.json")
    }

    /// A file that goes with the records: `DIR/NAME` in a folder, `STEM.NAME`
    /// beside a `.jsonl` file.
    fn companion(&self, name: &str) -> Option<PathBuf> {
        match self {
            Destination::Stdout => None,
            Destination::File(p) => {
                let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                Some(p.with_file_name(format!("{stem}.{name}")))
            }
            Destination::Dir(d) => Some(d.join(name)),
        }
    }
}

/// The open output of a run.
pub struct Sink {
    records: Box<dyn Write + Send>,
    errors: Option<BufWriter<File>>,
    line: Vec<u8>,
}

impl Sink {
    /// Opens (creating or truncating) the destination's files.
    pub fn open(dest: &Destination) -> io::Result<Sink> {
        let Some((records_path, errors_path)) = dest.paths() else {
            return Ok(Sink::new(Box::new(BufWriter::new(io::stdout())), None));
        };
        if let Destination::Dir(dir) = dest {
            std::fs::create_dir_all(dir)?;
        }
        let records = BufWriter::new(File::create(records_path)?);
        let errors = BufWriter::new(File::create(errors_path)?);
        Ok(Sink::new(Box::new(records), Some(errors)))
    }

    /// Opens the destination's files to append to them, after dropping a torn
    /// last line (an interrupted run's), and returns what they already hold.
    pub fn open_resume(dest: &Destination) -> io::Result<(Sink, Done)> {
        let Some((records_path, errors_path)) = dest.paths() else {
            return Err(io::Error::other("--resume needs -o FILE.jsonl or -o DIR"));
        };
        if let Destination::Dir(dir) = dest {
            std::fs::create_dir_all(dir)?;
        }
        let mut done = Done::default();
        let records = done.read_and_repair(&records_path)?;
        let errors = done.read_and_repair(&errors_path)?;
        Ok((Sink::new(Box::new(BufWriter::new(records)), Some(BufWriter::new(errors))), done))
    }

    /// A sink over any writer (errors not kept), for tests and library users.
    pub fn new(records: Box<dyn Write + Send>, errors: Option<BufWriter<File>>) -> Sink {
        Sink { records, errors, line: Vec::with_capacity(16 * 1024) }
    }

    pub fn write_record(&mut self, record: &Record) -> io::Result<()> {
        write_line(&mut self.line, &mut self.records, record)
    }

    pub fn write_error(&mut self, error: &ErrorRecord) -> io::Result<()> {
        match self.errors.as_mut() {
            Some(errors) => write_line(&mut self.line, errors, error),
            None => Ok(()),
        }
    }

    /// Flushes everything written.
    pub fn finish(mut self) -> io::Result<()> {
        self.records.flush()?;
        if let Some(errors) = self.errors.as_mut() {
            errors.flush()?;
        }
        Ok(())
    }
}

/// The inputs an earlier run wrote a line for: input identity to content hash.
#[derive(Debug, Default)]
pub struct Done {
    inputs: HashMap<String, Option<String>>,
}

impl Done {
    /// Whether an input with this source already has its line: same identity,
    /// and the same content hash when both runs read the content.
    pub fn contains(&self, source: &Source) -> bool {
        let Some(key) = identity(source) else { return false };
        match (self.inputs.get(&key), &source.content_sha256) {
            (None, _) => false,
            (Some(Some(before)), Some(now)) => before == now,
            (Some(_), _) => true,
        }
    }

    pub fn len(&self) -> usize {
        self.inputs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty()
    }

    /// Reads a JSONL file's sources, truncates it after its last whole line, and
    /// opens it for appending (creating it when absent).
    fn read_and_repair(&mut self, path: &Path) -> io::Result<File> {
        let text = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(e),
        };
        let mut whole = 0;
        for line in text.split_inclusive(|&b| b == b'\n') {
            let Some(body) = line.strip_suffix(b"\n") else { break };
            let Ok(value) = serde_json::from_slice::<LineSource>(body) else { break };
            if let Some(key) = identity(&value.source) {
                self.inputs.insert(key, value.source.content_sha256);
            }
            whole += line.len();
        }
        let file = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
        if whole < text.len() {
            file.set_len(whole as u64)?;
        }
        Ok(file)
    }
}

#[derive(serde::Deserialize)]
struct LineSource {
    source: Source,
}

/// What names an input across runs: its archive record, its path, or its URL.
fn identity(source: &Source) -> Option<String> {
    if let Some(warc) = &source.warc {
        return Some(format!("warc:{}@{}", warc.file, warc.offset));
    }
    if let Some(path) = source.path.as_deref().filter(|p| *p != "-") {
        return Some(format!("path:{path}"));
    }
    source.url.as_ref().map(|url| format!("url:{url}"))
}

fn write_line(buf: &mut Vec<u8>, out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    buf.clear();
    serde_json::to_writer(&mut *buf, value)?;
    buf.push(b'\n');
    out.write_all(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resuming_drops_a_torn_line_and_knows_what_is_done() {
        let dir = tempfile::tempdir().unwrap();
        let whole = r#"{"source":{"path":"a.html","content_sha256":"aa"},"text":"x"}"#;
        std::fs::write(dir.path().join("records.jsonl"), format!("{whole}\n{{\"source\":{{\"path\":\"b.ht")).unwrap();
        std::fs::write(dir.path().join("errors.jsonl"), "{\"source\":{\"path\":\"c.html\"},\"kind\":\"io\"}\n")
            .unwrap();
        let (sink, done) = Sink::open_resume(&Destination::Dir(dir.path().to_path_buf())).unwrap();
        drop(sink);
        assert_eq!(std::fs::read_to_string(dir.path().join("records.jsonl")).unwrap(), format!("{whole}\n"));
        let source = |path: &str, sha: Option<&str>| Source {
            path: Some(path.into()),
            content_sha256: sha.map(String::from),
            ..Source::default()
        };
        assert!(done.contains(&source("a.html", Some("aa"))));
        assert!(!done.contains(&source("a.html", Some("changed"))));
        assert!(!done.contains(&source("b.html", Some("bb"))), "the torn line's input is not done");
        assert!(done.contains(&source("c.html", Some("cc"))), "an input that failed before is done");
        assert_eq!(done.len(), 2);
    }

    #[test]
    fn output_paths() {
        assert_eq!(Destination::from_output(None), Destination::Stdout);
        let file = Destination::from_output(Some(Path::new("out/run.jsonl")));
        assert_eq!(file.paths().unwrap().1, PathBuf::from("out/run.errors.jsonl"));
        let dir = Destination::from_output(Some(Path::new("output/")));
        assert_eq!(dir.paths().unwrap().0, PathBuf::from("output/records.jsonl"));
    }
}
