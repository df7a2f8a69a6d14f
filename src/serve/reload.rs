//! The reload channel: every open tab holds a Server-Sent Events stream, and each
//! finished rebuild is broadcast to all of them.
//!
//! A stream is a thread blocked on its own `mpsc` receiver; the hub keeps the
//! senders and forgets those whose tab has gone.

use std::io::{self, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// How often an idle stream sends a comment, so a closed tab is noticed.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// One event as it goes on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// `hello` (sent first on every stream) or `change`.
    pub name: &'static str,
    /// JSON.
    pub data: String,
}

impl Event {
    fn wire(&self) -> String {
        format!("event: {}\ndata: {}\n\n", self.name, self.data)
    }
}

/// The set of open streams. Cheap to clone; clones share the set.
#[derive(Clone, Default)]
pub struct Hub {
    streams: Arc<Mutex<Vec<Sender<Event>>>>,
}

impl Hub {
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers a new stream; its receiver ends when the hub is dropped.
    pub fn subscribe(&self) -> Receiver<Event> {
        let (tx, rx) = mpsc::channel();
        self.lock().push(tx);
        rx
    }

    /// Sends to every open stream, dropping the ones that have closed.
    pub fn broadcast(&self, event: &Event) {
        self.lock().retain(|tx| tx.send(event.clone()).is_ok());
    }

    /// Ends every stream (on shutdown).
    pub fn close(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Sender<Event>>> {
        // A panic elsewhere cannot leave a Vec of senders half-updated.
        self.streams.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Writes an event stream on a raw connection until the tab closes or the hub
/// ends it: the status line and headers, `hello`, then each event as it comes.
pub fn stream(mut out: impl Write, hello: &Event, events: &Receiver<Event>) -> io::Result<()> {
    out.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
          Cache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n",
    )?;
    out.write_all(hello.wire().as_bytes())?;
    out.flush()?;
    loop {
        match events.recv_timeout(KEEPALIVE) {
            Ok(event) => out.write_all(event.wire().as_bytes())?,
            Err(RecvTimeoutError::Timeout) => out.write_all(b": keep-alive\n\n")?,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
        out.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broadcast_reaches_every_stream_and_forgets_closed_ones() {
        let hub = Hub::new();
        let a = hub.subscribe();
        let b = hub.subscribe();
        drop(b);
        let event = Event {
            name: "change",
            data: "{}".into(),
        };
        hub.broadcast(&event);
        assert_eq!(a.try_recv().ok(), Some(event));
        assert_eq!(hub.lock().len(), 1);
    }

    #[test]
    fn a_stream_writes_hello_then_events_then_ends_with_the_hub() {
        let hub = Hub::new();
        let rx = hub.subscribe();
        let hello = Event {
            name: "hello",
            data: "{\"build\":\"1\"}".into(),
        };
        hub.broadcast(&Event {
            name: "change",
            data: "{\"changed\":[]}".into(),
        });
        hub.close();
        let mut out = Vec::new();
        assert!(stream(&mut out, &hello, &rx).is_ok());
        let text = String::from_utf8(out).unwrap_or_default();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n"), "{text}");
        assert!(
            text.ends_with(
                "event: hello\ndata: {\"build\":\"1\"}\n\nevent: change\ndata: {\"changed\":[]}\n\n"
            ),
            "{text}"
        );
    }
}
