//! Emit: writes records and error records as JSON Lines.
//!
//! Destinations: standard output (records only; errors go to people on stderr,
//! and to `--errors FILE` when given), a records file (`.jsonl`, `.ndjson`,
//! `.json`, compressed when it ends in `.gz` or `.zst`; errors beside it in
//! `STEM.errors.jsonl`), or a folder (`records.jsonl` and `errors.jsonl`). How
//! `-o PATH` is read is [`Destination::from_output`]; an ambiguous name is
//! refused, never guessed. Parent folders are created. Each line is serialised
//! whole before it is written, so an interrupted run never leaves half a record
//! in the middle of the file. Writers are buffered.
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
    /// A JSON Lines file (`.jsonl`, `.ndjson` or `.json`, maybe `.gz` or `.zst`);
    /// errors go beside it as `STEM.errors.jsonl` (compressed alike).
    File(PathBuf),
    /// A folder receiving `records.jsonl` and `errors.jsonl`.
    Dir(PathBuf),
}

/// How an output file is compressed, by its last extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    /// `.gz` and `.zst` (in any case) are compressed; anything else is not.
    pub fn of(path: &Path) -> Compression {
        let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        if name.ends_with(".gz") {
            Compression::Gzip
        } else if name.ends_with(".zst") {
            Compression::Zstd
        } else {
            Compression::None
        }
    }

    fn suffix(self) -> &'static str {
        match self {
            Compression::None => "",
            Compression::Gzip => ".gz",
            Compression::Zstd => ".zst",
        }
    }
}

/// Extensions of a JSON Lines file, lower-cased, before any compression suffix.
const RECORD_FILE_EXTENSIONS: [&str; 3] = ["jsonl", "ndjson", "json"];

/// Why `-o PATH` names no destination.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "-o {0}: neither a records file (.jsonl, .ndjson or .json, maybe with .gz or .zst) nor a folder \
     (an existing one, a name ending in /, or a name without an extension); say which"
)]
pub struct AmbiguousOutput(pub String);

impl Destination {
    /// `-o PATH`, by explicit rules: `-` is standard output; an existing folder or
    /// a trailing `/` is a folder; a known records extension (any case, maybe
    /// compressed) is a file; a name without an extension that does not exist as
    /// a file is a folder. Anything else (`out.txt`, `recs.jsonl.bz2`, an
    /// existing file named `out`) is refused as ambiguous.
    pub fn from_output(path: Option<&Path>) -> Result<Destination, AmbiguousOutput> {
        let Some(p) = path else { return Ok(Destination::Stdout) };
        if p.as_os_str() == "-" {
            return Ok(Destination::Stdout);
        }
        let shown = p.display().to_string();
        if p.is_dir() || shown.ends_with(std::path::MAIN_SEPARATOR) || shown.ends_with('/') {
            return Ok(Destination::Dir(p.to_path_buf()));
        }
        let name = p.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        if record_stem(&name).is_some() {
            return Ok(Destination::File(p.to_path_buf()));
        }
        if !name.contains('.') && !p.exists() {
            return Ok(Destination::Dir(p.to_path_buf()));
        }
        Err(AmbiguousOutput(shown))
    }

    /// The paths of the records and errors files, if any.
    pub fn paths(&self) -> Option<(PathBuf, PathBuf)> {
        let records = match self {
            Destination::Stdout => return None,
            Destination::File(p) => p.clone(),
            Destination::Dir(d) => d.join("records.jsonl"),
        };
        let errors = match self {
            Destination::File(p) => self.companion(&format!("errors.jsonl{}", Compression::of(p).suffix()))?,
            _ => self.companion("errors.jsonl")?,
        };
        Some((records, errors))
    }

    /// Where the run summary goes: `DIR/summary.json`, or `STEM.summary.json`
    /// beside a records file.
    pub fn summary_path(&self) -> Option<PathBuf> {
        self.companion("summary.json")
    }

    /// A file that goes with the records: `DIR/NAME` in a folder, `STEM.NAME`
    /// beside a records file (`run.jsonl.gz` has the stem `run`).
    fn companion(&self, name: &str) -> Option<PathBuf> {
        match self {
            Destination::Stdout => None,
            Destination::File(p) => {
                let file_name = p.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                let stem_len = record_stem(&file_name.to_ascii_lowercase()).map_or(file_name.len(), str::len);
                Some(p.with_file_name(format!("{}.{name}", &file_name[..stem_len])))
            }
            Destination::Dir(d) => Some(d.join(name)),
        }
    }
}

/// The stem of a records file name (lower-cased input): `run` for `run.jsonl`,
/// `run.ndjson.gz` or `run.json.zst`; `None` when the name is not one.
fn record_stem(lower_name: &str) -> Option<&str> {
    let bare = lower_name.strip_suffix(".gz").or_else(|| lower_name.strip_suffix(".zst")).unwrap_or(lower_name);
    let (stem, ext) = bare.rsplit_once('.')?;
    (RECORD_FILE_EXTENSIONS.contains(&ext) && !stem.is_empty()).then_some(stem)
}

/// Creates a file for writing (its parent folders too), compressed by its name.
pub fn create_output_file(path: &Path) -> io::Result<Box<dyn Write + Send>> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let file = BufWriter::with_capacity(256 * 1024, File::create(path)?);
    Ok(match Compression::of(path) {
        Compression::None => Box::new(file),
        Compression::Gzip => {
            Box::new(Finishing::Gzip(Some(flate2::write::GzEncoder::new(file, flate2::Compression::default()))))
        }
        Compression::Zstd => Box::new(Finishing::Zstd(Some(zstd::stream::write::Encoder::new(file, 0)?))),
    })
}

/// A compressing writer whose stream is ended by `flush` (so the sink's final
/// flush writes a whole gzip member or zstd frame); writing after that starts
/// nothing new and fails.
enum Finishing {
    Gzip(Option<flate2::write::GzEncoder<BufWriter<File>>>),
    Zstd(Option<zstd::stream::write::Encoder<'static, BufWriter<File>>>),
}

impl Finishing {
    fn closed() -> io::Error {
        io::Error::other("the compressed output was already finished")
    }
}

impl Write for Finishing {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Finishing::Gzip(Some(w)) => w.write(buf),
            Finishing::Zstd(Some(w)) => w.write(buf),
            _ => Err(Finishing::closed()),
        }
    }

    /// Ends the compressed stream and flushes the file.
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Finishing::Gzip(w) => match w.take() {
                Some(w) => w.finish()?.flush(),
                None => Ok(()),
            },
            Finishing::Zstd(w) => match w.take() {
                Some(w) => w.finish()?.flush(),
                None => Ok(()),
            },
        }
    }
}

/// The open output of a run.
pub struct Sink {
    records: Box<dyn Write + Send>,
    errors: Option<Box<dyn Write + Send>>,
    line: Vec<u8>,
}

impl Sink {
    /// Opens (creating or truncating, parent folders too) the destination's
    /// files; error lines go to `errors` instead when given (also when records
    /// go to standard output).
    pub fn open(dest: &Destination, errors: Option<&Path>) -> io::Result<Sink> {
        let errors = errors.map(create_output_file).transpose()?;
        let Some((records_path, errors_path)) = dest.paths() else {
            return Ok(Sink::new(Box::new(BufWriter::new(io::stdout())), errors));
        };
        if let Destination::Dir(dir) = dest {
            std::fs::create_dir_all(dir)?;
        }
        let records = create_output_file(&records_path)?;
        let errors = match errors {
            Some(errors) => errors,
            None => create_output_file(&errors_path)?,
        };
        Ok(Sink::new(records, Some(errors)))
    }

    /// Opens the destination's files to append to them, after dropping a torn
    /// last line (an interrupted run's), and returns what they already hold.
    /// Compressed outputs and a separate errors file cannot be resumed.
    pub fn open_resume(dest: &Destination) -> io::Result<(Sink, Done)> {
        let Some((records_path, errors_path)) = dest.paths() else {
            return Err(io::Error::other("--resume needs -o FILE.jsonl or -o DIR"));
        };
        if Compression::of(&records_path) != Compression::None {
            return Err(io::Error::other("--resume cannot append to a compressed output"));
        }
        if let Destination::Dir(dir) = dest {
            std::fs::create_dir_all(dir)?;
        }
        if let Some(parent) = records_path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        let mut done = Done::default();
        let records = done.read_and_repair(&records_path)?;
        let errors = done.read_and_repair(&errors_path)?;
        Ok((Sink::new(Box::new(BufWriter::new(records)), Some(Box::new(BufWriter::new(errors)))), done))
    }

    /// A sink over any writers (errors dropped when `None`), for tests and library users.
    pub fn new(records: Box<dyn Write + Send>, errors: Option<Box<dyn Write + Send>>) -> Sink {
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

    /// Flushes everything written (and ends compressed streams).
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
        return Some(match warc.offset_in_member {
            Some(inner) => format!("warc:{}@{}+{inner}", warc.file, warc.offset),
            None => format!("warc:{}@{}", warc.file, warc.offset),
        });
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
        let from = |p: &str| Destination::from_output(Some(Path::new(p)));
        assert_eq!(Destination::from_output(None), Ok(Destination::Stdout));
        let file = from("out/run.jsonl").unwrap();
        assert_eq!(file.paths().unwrap().1, PathBuf::from("out/run.errors.jsonl"));
        assert_eq!(file.summary_path().unwrap(), PathBuf::from("out/run.summary.json"));
        let dir = from("output/").unwrap();
        assert_eq!(dir.paths().unwrap().0, PathBuf::from("output/records.jsonl"));
        assert_eq!(from("new/deep/dir").unwrap(), Destination::Dir(PathBuf::from("new/deep/dir")));
    }

    #[test]
    fn output_names_follow_explicit_rules() {
        let from = |p: &str| Destination::from_output(Some(Path::new(p)));
        for name in ["recs.jsonl.gz", "out.ndjson", "RECORDS.JSONL", "a/b.json.zst", "x.NDJSON.GZ"] {
            assert_eq!(from(name), Ok(Destination::File(PathBuf::from(name))), "{name}");
        }
        let gz = from("recs.jsonl.gz").unwrap();
        assert_eq!(gz.paths().unwrap().1, PathBuf::from("recs.errors.jsonl.gz"));
        assert_eq!(gz.summary_path().unwrap(), PathBuf::from("recs.summary.json"));
        assert_eq!(from("RECORDS.JSONL").unwrap().paths().unwrap().1, PathBuf::from("RECORDS.errors.jsonl"));
        for name in ["out.txt", "recs.jsonl.bz2", "records.csv", ".jsonl"] {
            assert!(from(name).is_err(), "{name} is ambiguous");
        }
        let dir = tempfile::tempdir().unwrap();
        let existing = dir.path().join("out");
        std::fs::write(&existing, "").unwrap();
        assert!(Destination::from_output(Some(&existing)).is_err(), "an existing file without extension");
        let folder = dir.path().join("out.d");
        std::fs::create_dir(&folder).unwrap();
        assert_eq!(Destination::from_output(Some(&folder)), Ok(Destination::Dir(folder)));
    }

    #[test]
    fn compressed_outputs_are_whole_streams_and_parents_are_created() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["deep/er/r.jsonl.gz", "deep/er/r.jsonl.zst", "plain/r.jsonl"] {
            let path = dir.path().join(name);
            let mut out = create_output_file(&path).unwrap();
            out.write_all(b"{\"a\":1}\n").unwrap();
            out.flush().unwrap();
            drop(out);
            let bytes = std::fs::read(&path).unwrap();
            let mut text = String::new();
            match Compression::of(&path) {
                Compression::Gzip => {
                    io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut text).unwrap()
                }
                Compression::Zstd => {
                    io::Read::read_to_string(&mut zstd::Decoder::new(&bytes[..]).unwrap(), &mut text).unwrap()
                }
                Compression::None => io::Read::read_to_string(&mut &bytes[..], &mut text).unwrap(),
            };
            assert_eq!(text, "{\"a\":1}\n", "{name}");
        }
    }
}
