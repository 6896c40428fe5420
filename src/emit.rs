//! Emit: writes records and error records as JSON Lines.
//!
//! Destinations: standard output (records only; errors go to people on stderr),
//! a `.jsonl` file (errors beside it in `NAME.errors.jsonl`), or a folder
//! (`records.jsonl` and `errors.jsonl`). Each line is serialised whole before it
//! is written, so an interrupted run never leaves half a record in the middle of
//! the file. Writers are buffered.
//!
//! This module does not order or parallelise (see `batch`).

use crate::record::{ErrorRecord, Record};
use serde::Serialize;
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
        match self {
            Destination::Stdout => None,
            Destination::File(p) => {
                let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                Some((p.clone(), p.with_file_name(format!("{stem}.errors.jsonl"))))
            }
            Destination::Dir(d) => Some((d.join("records.jsonl"), d.join("errors.jsonl"))),
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
    fn output_paths() {
        assert_eq!(Destination::from_output(None), Destination::Stdout);
        let file = Destination::from_output(Some(Path::new("out/run.jsonl")));
        assert_eq!(file.paths().unwrap().1, PathBuf::from("out/run.errors.jsonl"));
        let dir = Destination::from_output(Some(Path::new("output/")));
        assert_eq!(dir.paths().unwrap().0, PathBuf::from("output/records.jsonl"));
    }
}
