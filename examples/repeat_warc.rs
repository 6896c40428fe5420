//! Writes a WARC.gz archive whose response records repeat the HTML pages of a
//! folder (`.html`, `.htm`, or either gzipped) until it holds N records: the input for measuring extraction from
//! archives at scale (throughput, and memory that must not grow with N).
//!
//! Usage: cargo run --release --example repeat_warc -- DIR N OUT.warc.gz

use gleaner::acquire::warc::{Exchange, WarcWriter};
use std::io::BufWriter;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, count, out] = args.as_slice() else {
        anyhow::bail!("usage: repeat_warc DIR N OUT.warc.gz");
    };
    let count: usize = count.parse()?;
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let bytes = std::fs::read(&path)?;
        if let Some(stem) = name.strip_suffix(".gz") {
            let mut page = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(bytes.as_slice()), &mut page)?;
            pages.push((stem.to_string(), page));
        } else if name.ends_with(".html") || name.ends_with(".htm") {
            pages.push((name, bytes));
        }
    }
    pages.sort();
    anyhow::ensure!(!pages.is_empty(), "no .html pages in {dir}");
    let mut writer = WarcWriter::new(BufWriter::new(std::fs::File::create(out)?));
    writer.write_info("2026-01-01T00:00:00Z", "software: gleaner repeat_warc example\r\n")?;
    for i in 0..count {
        let (name, body) = &pages[i % pages.len()];
        let url = format!("http://pages.example/{}/{name}", i / pages.len());
        let request_head = format!("GET /{name} HTTP/1.1\r\nhost: pages.example\r\n\r\n");
        let response_head =
            format!("HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\n\r\n", body.len());
        writer.write_exchange(&Exchange {
            url: &url,
            date: "2026-01-01T00:00:00Z",
            ip: None,
            request_head: request_head.as_bytes(),
            response_head: response_head.as_bytes(),
            body,
        })?;
    }
    writer.flush()?;
    Ok(())
}
