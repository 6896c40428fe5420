//! A loopback HTTP/1.1 server for the fetch tests: the fixtures as pages, and
//! faults (slow answers, resets, 5xx with Retry-After, 404, redirect loops, a
//! redirect to another loopback address, an endless body, a gzip bomb, wrong
//! and missing charsets). One thread per connection; every answer closes the
//! connection. It lives as long as the test process.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A running server: its address and how many times each path was asked for.
/// It also answers as a forward proxy: a request for an absolute URL
/// (`GET http://host/path`) is answered from its path and counted under the URL.
pub struct TestServer {
    pub port: u16,
    hits: Arc<Mutex<HashMap<String, usize>>>,
}

impl TestServer {
    pub fn start() -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let port = listener.local_addr().unwrap().port();
        let hits = Arc::new(Mutex::new(HashMap::new()));
        let shared = Arc::clone(&hits);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let hits = Arc::clone(&shared);
                std::thread::spawn(move || {
                    let _ = serve(stream, port, &hits);
                });
            }
        });
        TestServer { port, hits }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }
}

fn fixture(name: &str) -> Vec<u8> {
    let path = super::root().join("fixtures").join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if name.ends_with(".gz") {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(bytes.as_slice()), &mut out).unwrap();
        out
    } else {
        bytes
    }
}

fn respond(stream: &mut TcpStream, status: &str, headers: &[(&str, String)], body: &[u8]) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {status}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}

fn big_robots() -> Vec<u8> {
    let pad = |to: usize, out: &mut String| {
        while out.len() < to {
            out.push_str("# a comment line that pads the file out\n");
        }
    };
    let mut robots = String::from("User-agent: *\nDisallow: /private/\n");
    pad(600 * 1024, &mut robots);
    robots.push_str("Disallow: /seed\n");
    pad(2 * 1024 * 1024, &mut robots);
    robots.into_bytes()
}

fn html() -> (&'static str, String) {
    ("Content-Type", "text/html; charset=utf-8".into())
}

fn serve(mut stream: TcpStream, port: u16, hits: &Mutex<HashMap<String, usize>>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut by_name = false;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        by_name |= line.to_ascii_lowercase().starts_with("host: localhost");
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let path = match target.strip_prefix("http://").and_then(|rest| rest.find('/').map(|i| &rest[i..])) {
        Some(path) => path.to_string(),
        None => target.clone(),
    };
    let seen = {
        let mut hits = hits.lock().unwrap();
        let n = hits.entry(target).or_default();
        *n += 1;
        *n
    };
    let s = &mut stream;
    match path.as_str() {
        // Asked for as "localhost", a 2 MB robots.txt whose rules past its first
        // 500 KiB disallow /seed: a crawler reads no further than that.
        "/robots.txt" if by_name => respond(s, "200 OK", &[("Content-Type", "text/plain".into())], &big_robots()),
        "/robots.txt" => respond(s, "200 OK", &[("Content-Type", "text/plain".into())], b"User-agent: *\nDisallow: /private/\n"),
        "/seed" => respond(s, "200 OK", &[html()], &fixture("seed-yantai.html")),
        "/slashgear" => respond(s, "200 OK", &[html()], &fixture("aeb-en-slashgear.html.gz")),
        "/ru" => respond(s, "200 OK", &[html()], &fixture("aeb-ru-wday.html.gz")),
        "/private/page" => respond(s, "200 OK", &[html()], &fixture("seed-yantai.html")),
        // The charset is only in the HTTP header.
        "/latin1" => respond(
            s,
            "200 OK",
            &[("Content-Type", "text/html; charset=windows-1252".into())],
            b"<html><body><article><p>Caf\xe9 owners in S\xe3o Paulo opened 12 new shops this year, the association said on Monday, and expect more.</p></article></body></html>",
        ),
        // No charset anywhere: the decoder has to guess.
        "/nocharset" => respond(s, "200 OK", &[("Content-Type", "text/html".into())], &fixture("ru-undeclared-windows-1251.html")),
        // A wrong charset: the bytes are UTF-8, the header says Latin-1.
        "/wrongcharset" => respond(s, "200 OK", &[("Content-Type", "text/html; charset=iso-8859-1".into())], &fixture("seed-yantai.html")),
        "/image" => respond(s, "200 OK", &[("Content-Type", "image/png".into())], b"\x89PNG\r\n\x1a\n"),
        "/slow" => {
            std::thread::sleep(Duration::from_secs(30));
            respond(s, "200 OK", &[html()], b"<p>too late</p>")
        }
        // Closes the connection without answering.
        "/reset" => Ok(()),
        "/flaky" if seen == 1 => respond(s, "503 Service Unavailable", &[("Retry-After", "1".into())], b"busy"),
        "/flaky" => respond(s, "200 OK", &[html()], &fixture("seed-yantai.html")),
        "/throttled" if seen == 1 => respond(s, "429 Too Many Requests", &[("Retry-After", "0".into())], b"slow down"),
        "/throttled" => respond(s, "200 OK", &[html()], &fixture("seed-yantai.html")),
        "/broken" => respond(s, "500 Internal Server Error", &[], b"oops"),
        "/missing" => respond(s, "404 Not Found", &[html()], b"<p>not here</p>"),
        "/loop-a" => respond(s, "302 Found", &[("Location", "/loop-b".into())], b""),
        "/loop-b" => respond(s, "302 Found", &[("Location", "/loop-a".into())], b""),
        "/moved" => respond(s, "301 Moved Permanently", &[("Location", "/seed".into())], b""),
        "/to-other-loopback" => {
            respond(s, "302 Found", &[("Location", format!("http://127.0.0.2:{port}/seed"))], b"")
        }
        "/endless" => {
            s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><body>")?;
            let block = vec![b'a'; 64 * 1024];
            loop {
                s.write_all(&block)?;
            }
        }
        "/bomb" => {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            let zeros = vec![b'0'; 1 << 20];
            for _ in 0..64 {
                gz.write_all(&zeros)?;
            }
            let body = gz.finish()?;
            respond(s, "200 OK", &[html(), ("Content-Encoding", "gzip".into())], &body)
        }
        _ => respond(s, "404 Not Found", &[], b"no such path"),
    }
}
