//! Measures how long a live-preview server takes from a file's save to the change:
//! to its reload event (handbook's Server-Sent Events stream) and to serving the new
//! text (any server: handbook, hugo, mdbook). Used by benches/serve_latency.sh.
//!
//! ```text
//! cargo run --release --example serve_latency -- --file SITE/content/fi/ohje.md \
//!     --url http://127.0.0.1:1111/fi/ohje.html [--events http://127.0.0.1:1111/__handbook/events] \
//!     [--edits 20] [--pause-ms 300] [--label NAME]
//! ```
//!
//! Each edit appends a unique line to the file's body and restores the file at the
//! end. Std only, so measuring adds nothing to the tool's dependencies.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(30);

struct Args {
    file: PathBuf,
    url: String,
    events: Option<String>,
    edits: usize,
    pause: Duration,
    label: String,
}

fn main() -> Result<(), String> {
    let args = parse_args()?;
    let original = std::fs::read_to_string(&args.file).map_err(|e| e.to_string())?;
    let events = args.events.as_deref().map(subscribe).transpose()?;
    let (mut to_event, mut to_served) = (Vec::new(), Vec::new());
    let nonce = std::process::id();
    let result = (|| {
        for i in 0..args.edits {
            let marker = format!("latencyprobe{nonce}x{i}");
            if let Some(rx) = &events {
                while rx.try_recv().is_ok() {}
            }
            let text = format!("{}\n\n{marker}\n", original.trim_end());
            std::fs::write(&args.file, text).map_err(|e| e.to_string())?;
            let saved = Instant::now();
            if let Some(rx) = &events {
                let at = rx
                    .recv_timeout(TIMEOUT)
                    .map_err(|_| format!("edit {i}: no change event within {TIMEOUT:?}"))?;
                to_event.push(at.saturating_duration_since(saved));
            }
            to_served.push(wait_served(&args.url, &marker, saved)?);
            std::thread::sleep(args.pause);
        }
        Ok::<(), String>(())
    })();
    std::fs::write(&args.file, &original).map_err(|e| e.to_string())?;
    result?;
    if !to_event.is_empty() {
        report(&args.label, "save -> reload event", &mut to_event);
    }
    report(&args.label, "save -> new text served", &mut to_served);
    Ok(())
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        file: PathBuf::new(),
        url: String::new(),
        events: None,
        edits: 20,
        pause: Duration::from_millis(300),
        label: String::from("server"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--file" => args.file = value.into(),
            "--url" => args.url = value,
            "--events" => args.events = Some(value),
            "--edits" => args.edits = value.parse().map_err(|_| "--edits: a number")?,
            "--pause-ms" => {
                args.pause =
                    Duration::from_millis(value.parse().map_err(|_| "--pause-ms: a number")?)
            }
            "--label" => args.label = value,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    if args.url.is_empty() || args.file.as_os_str().is_empty() {
        return Err("--file and --url are required".into());
    }
    Ok(args)
}

/// `http://host:port/path` -> ("host:port", "/path").
fn split_url(url: &str) -> Result<(String, String), String> {
    let rest = url.strip_prefix("http://").ok_or("only http:// URLs")?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    Ok((host.to_string(), format!("/{path}")))
}

fn get(url: &str) -> Result<String, String> {
    let (host, path) = split_url(url)?;
    let mut stream = TcpStream::connect(&host).map_err(|e| format!("{host}: {e}"))?;
    stream
        .set_read_timeout(Some(TIMEOUT))
        .map_err(|e| e.to_string())?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).map_err(|e| e.to_string())?;
    Ok(String::from_utf8_lossy(&raw).into_owned())
}

/// Polls every 2 ms until the page contains the marker.
fn wait_served(url: &str, marker: &str, saved: Instant) -> Result<Duration, String> {
    while saved.elapsed() < TIMEOUT {
        if get(url)?.contains(marker) {
            return Ok(saved.elapsed());
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    Err(format!("{url} did not show {marker} within {TIMEOUT:?}"))
}

/// Opens an SSE stream; yields the arrival time of each `change` event.
fn subscribe(url: &str) -> Result<Receiver<Instant>, String> {
    let (host, path) = split_url(url)?;
    let mut stream = TcpStream::connect(&host).map_err(|e| format!("{host}: {e}"))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if line == "event: change" && tx.send(Instant::now()).is_err() {
                return;
            }
        }
    });
    Ok(rx)
}

fn report(label: &str, what: &str, times: &mut [Duration]) {
    if times.is_empty() {
        return;
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = if times.len() % 2 == 1 {
        ms(times[times.len() / 2])
    } else {
        (ms(times[times.len() / 2 - 1]) + ms(times[times.len() / 2])) / 2.0
    };
    println!(
        "{label}: {what}: median {median:.1} ms, min {:.1} ms, max {:.1} ms over {} edits",
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    );
}
