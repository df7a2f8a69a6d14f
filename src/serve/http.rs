//! The HTTP side of `serve`: binding a port, answering requests from the in-memory
//! build, and handing event-stream requests to the reload hub.
//!
//! tiny_http is kept behind this module: the rest of `serve` sees a [`Listener`].

use super::Snapshot;
use super::inject::{self, EVENTS_PATH, SCRIPT, SCRIPT_PATH};
use super::paths::{self, Target};
use super::reload::{self, Hub};
use std::io::{self, ErrorKind, Write};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::{Arc, Mutex, PoisonError};
use tiny_http::{Method, Request};

/// How many ports after a busy one are tried.
const PORT_TRIES: u16 = 20;

/// A bound socket and the port it really got.
pub struct Bound {
    pub listener: TcpListener,
    pub addr: SocketAddr,
    /// The port asked for, when it was busy and another one was taken.
    pub busy: Option<u16>,
}

/// Binds `ip:port`, or the next free port after it when it is taken.
/// Port 0 lets the system choose.
pub fn bind(ip: IpAddr, port: u16) -> io::Result<Bound> {
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(PORT_TRIES)
    };
    let mut tried = port;
    loop {
        match TcpListener::bind((ip, tried)) {
            Ok(listener) => {
                let addr = listener.local_addr()?;
                let busy = (tried != port).then_some(port);
                return Ok(Bound {
                    listener,
                    addr,
                    busy,
                });
            }
            Err(e) if e.kind() == ErrorKind::AddrInUse && tried < last => tried += 1,
            Err(e) => return Err(e),
        }
    }
}

/// What request handlers share: the current snapshot and the open event streams.
pub struct Shared {
    pub current: Mutex<Arc<Snapshot>>,
    pub hub: Hub,
}

impl Shared {
    /// The snapshot to answer from; replaced whole by [`Shared::swap`].
    pub fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&self.current.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Puts `next` in place; returns the snapshot it replaces, for the caller to
    /// drop when it is not in a hurry.
    pub fn swap(&self, next: Arc<Snapshot>) -> Arc<Snapshot> {
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        std::mem::replace(&mut *current, next)
    }
}

/// The running HTTP server; `stop` ends its accept loop.
pub struct Listener {
    server: Arc<tiny_http::Server>,
    accept: Option<std::thread::JoinHandle<()>>,
}

impl Listener {
    /// Starts answering requests on `bound`, one thread per request (an event
    /// stream holds its thread for as long as the tab is open).
    pub fn start(bound: Bound, shared: Arc<Shared>) -> anyhow::Result<Listener> {
        let server = tiny_http::Server::from_listener(bound.listener, None)
            .map_err(|e| anyhow::anyhow!("cannot serve on {}: {e}", bound.addr))?;
        let server = Arc::new(server);
        let accepting = Arc::clone(&server);
        let accept = std::thread::Builder::new()
            .name("handbook-http".into())
            .spawn(move || {
                for request in accepting.incoming_requests() {
                    let shared = Arc::clone(&shared);
                    // A request that cannot get a thread is dropped, which closes it.
                    let _ = std::thread::Builder::new()
                        .name("handbook-request".into())
                        .spawn(move || answer(request, &shared));
                }
            })?;
        Ok(Listener {
            server,
            accept: Some(accept),
        })
    }

    pub fn stop(mut self) {
        self.server.unblock();
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

fn answer(request: Request, shared: &Shared) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        send(request, Reply::empty(405));
        return;
    }
    let path = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_string();
    if path == EVENTS_PATH {
        // Subscribe before reading the snapshot, so no change falls between the two.
        let events = shared.hub.subscribe();
        let hello = shared.snapshot().hello();
        // Errors here mean the tab went away; nothing to report.
        let _ = reload::stream(request.into_writer(), &hello, &events);
        return;
    }
    if path == SCRIPT_PATH {
        let reply = Reply {
            content_type: content_type(SCRIPT_PATH),
            body: SCRIPT.as_bytes().to_vec(),
            ..Reply::empty(200)
        };
        send(request, reply);
        return;
    }
    let reply = lookup(&shared.snapshot(), request.url());
    send(request, reply);
}

/// Writes `reply` and has the client close the connection after it.
///
/// Why close: tiny_http 0.12 reads each connection on a pooled thread for as long as
/// the client keeps it open, and its pool can queue a new connection behind those
/// threads without waking one (it counts a thread already woken as still idle). A
/// browser keeps its connections open, so a page's last script could wait forever
/// (seen as a tab that never finishes loading). A closed connection frees its thread
/// at once, and on loopback a new one costs next to nothing. tiny_http refuses a
/// `Connection` header on its own responses, so the response is written here.
fn send(request: Request, reply: Reply) {
    let head_only = *request.method() == Method::Head;
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        reply.status,
        reason(reply.status),
        reply.content_type,
        reply.body.len()
    );
    if let Some(location) = &reply.location {
        // Percent-encoded: no byte of it can end the header early.
        head.push_str(&format!("Location: {}\r\n", encode_path(location)));
    }
    head.push_str("\r\n");
    let mut out = request.into_writer();
    // Errors here mean the client went away; nothing to report.
    let _ = out
        .write_all(head.as_bytes())
        .and_then(|()| {
            if head_only {
                Ok(())
            } else {
                out.write_all(&reply.body)
            }
        })
        .and_then(|()| out.flush());
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "",
    }
}

/// The answer to one GET, before it becomes HTTP.
#[derive(Debug, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// For redirects: where to.
    pub location: Option<String>,
}

impl Reply {
    fn empty(status: u16) -> Reply {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8",
            body: Vec::new(),
            location: None,
        }
    }
}

/// Answers a request URL from a snapshot: the file, a folder's `index.html`, a
/// redirect from `/fi` to `/fi/`, or the site's `404.html`. HTML gets the reload
/// script and, while there are errors, the overlay.
pub fn lookup(snapshot: &Snapshot, url: &str) -> Reply {
    let files = &snapshot.site.files;
    let found = match paths::resolve(url) {
        Target::Refused => None,
        Target::Key(key) if key.is_empty() || key.ends_with('/') => {
            let index = paths::index_of(&key);
            files.get(&index).map(|body| (index, body))
        }
        Target::Key(key) => match files.get_key_value(&key) {
            Some((k, body)) => Some((k.clone(), body)),
            None if files.contains_key(&format!("{key}/index.html")) => {
                return Reply {
                    status: 301,
                    content_type: "text/plain; charset=utf-8",
                    body: Vec::new(),
                    location: Some(format!("/{key}/")),
                };
            }
            None => None,
        },
    };
    let (status, key, body) = match found {
        Some((key, body)) => (200, key, body.as_slice()),
        None => match files.get("404.html") {
            Some(body) => (404, "404.html".to_string(), body.as_slice()),
            None => (404, "404.html".to_string(), NOT_FOUND.as_bytes()),
        },
    };
    let content_type = content_type(&key);
    let body = if content_type.starts_with("text/html") {
        inject::inject(body, snapshot.overlay.as_deref())
    } else {
        body.to_vec()
    };
    Reply {
        status,
        content_type,
        body,
        location: None,
    }
}

const NOT_FOUND: &str = "<!doctype html><html><head><meta charset=\"utf-8\"><title>404</title></head>\
                         <body><h1>404: not found</h1></body></html>";

/// The `Content-Type` for an output file, by its extension.
pub fn content_type(key: &str) -> &'static str {
    let ext = key.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("json" | "map") => "application/json",
        Some("webmanifest") => "application/manifest+json",
        Some("xml") => "application/xml",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("ico") => "image/x-icon",
        Some("woff") => "font/woff",
        Some("woff2") => "font/woff2",
        Some("ttf") => "font/ttf",
        Some("otf") => "font/otf",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Percent-encodes what may not stand in a `Location` header as it is.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_graphic() && b != b'%' {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
