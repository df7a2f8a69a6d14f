//! A running `handbook serve` on a private copy of a fixture site, and its event
//! stream read over a raw socket so that no client tidies what is sent.

use crate::support::TestSite;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// The longest any single wait of these tests may take.
pub const WAIT: Duration = Duration::from_secs(20);

pub struct Preview {
    pub site: TestSite,
    child: Child,
    pub port: u16,
    /// stdout lines after the "Serving" line.
    output: Receiver<String>,
    /// stderr lines, read so that a server printing many errors never blocks.
    errors: Receiver<String>,
}

impl Preview {
    /// Serves a fresh copy of `tests/fixtures/<fixture>`.
    pub fn start(fixture: &str) -> Preview {
        Preview::serve(TestSite::fixture(fixture))
    }

    /// Serves `site` on a port the system chooses.
    pub fn serve(site: TestSite) -> Preview {
        let (child, port, output, errors) = spawn(&site, 0);
        Preview {
            site,
            child,
            port,
            output,
            errors,
        }
    }

    /// `http://127.0.0.1:<port><path>`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Sends Ctrl-C and waits (bounded) for the server to end; its exit status.
    #[cfg(unix)]
    pub fn interrupt(&mut self) -> std::process::ExitStatus {
        if let Some(status) = self.child.try_wait().expect("wait") {
            return status;
        }
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-INT", &pid]).status();
        assert!(sent.is_ok_and(|s| s.success()), "kill -INT {pid}");
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(Instant::now() < deadline, "serve did not stop on SIGINT");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Starts the server again on the same port, as a person does after Ctrl-C
    /// (sent first, if the server still runs).
    #[cfg(unix)]
    pub fn restart(&mut self) {
        self.interrupt();
        let (child, port, output, errors) = spawn(&self.site, self.port);
        (self.child, self.output, self.errors) = (child, output, errors);
        assert_eq!(port, self.port, "serve did not get its port back");
    }

    /// Status and body of a GET, sent exactly as written.
    pub fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream.set_read_timeout(Some(WAIT)).expect("timeout");
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .expect("send");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read");
        let text = String::from_utf8_lossy(&raw).into_owned();
        let status = text
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = text
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    /// Opens the reload stream and waits for its `hello`.
    pub fn events(&self) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        write!(
            stream,
            "GET /__handbook/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
        )
        .expect("send");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut name = String::new();
            for line in BufReader::new(stream).lines() {
                let Ok(line) = line else { return };
                if let Some(n) = line.strip_prefix("event: ") {
                    name = n.to_string();
                } else if let Some(data) = line.strip_prefix("data: ")
                    && tx.send((name.clone(), data.to_string())).is_err()
                {
                    return;
                }
            }
        });
        let events = Events { rx };
        events.next("hello");
        events
    }

    /// Writes a file of the site (path relative to the site root).
    pub fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.site.root.join(rel), text).expect("write source");
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.site.root.join(rel)).expect("read source")
    }

    /// Replaces the first `from` in a file of the site.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} has no {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// Lines printed by the server since the last call.
    pub fn printed(&self) -> Vec<String> {
        self.output.try_iter().collect()
    }

    /// Lines printed to stderr since the last call.
    pub fn printed_errors(&self) -> Vec<String> {
        self.errors.try_iter().collect()
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `handbook serve` on `port` (0: any) and waits for the URL it prints.
fn spawn(site: &TestSite, port: u16) -> (Child, u16, Receiver<String>, Receiver<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(&site.root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start handbook serve");
    let output = lines(child.stdout.take().expect("stdout"));
    let errors = lines(child.stderr.take().expect("stderr"));
    let deadline = Instant::now() + WAIT;
    let port = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let Ok(line) = output.recv_timeout(left) else {
            let _ = child.kill();
            let said: Vec<String> = errors.try_iter().collect();
            panic!("serve printed no URL within {WAIT:?}; stderr: {said:?}");
        };
        if let Some(url) = line.strip_prefix("Serving the handbook on http://127.0.0.1:") {
            break url.trim_end_matches('/').parse().expect("port");
        }
    };
    (child, port, output, errors)
}

fn lines(out: impl Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    rx
}

/// The reload stream of one client.
pub struct Events {
    rx: Receiver<(String, String)>,
}

impl Events {
    /// The data of the next event called `name`, skipping others.
    pub fn next(&self, name: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let (n, data) = self
                .rx
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no `{name}` event within {WAIT:?}"));
            if n == name {
                return data;
            }
        }
    }
}
