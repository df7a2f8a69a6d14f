//! `handbook serve`: build once, serve the output from memory, rebuild on every
//! change, and tell open tabs to reload once the new output is in place.
//!
//! The loop owns all state: a [`Rebuilder`](rebuild::Rebuilder) with the sources and
//! the last good build, and an `Arc<Snapshot>` that request threads read and the loop
//! replaces whole after each rebuild. Events from the watcher and from Ctrl-C arrive
//! on one channel.

mod browser;
mod http;
pub mod inject;
mod paths;
mod rebuild;
mod reload;
mod sources;

use crate::error::Diagnostic;
use crate::pipeline::{BuildOptions, Site};
use crate::watch::{Backend, WatchOptions, Watcher};
use anyhow::Context;
use rebuild::{Outcome, Rebuilder};
use reload::{Event, Hub};
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Everything `serve` needs to know, validated by the command.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub root: PathBuf,
    pub drafts: bool,
    pub bind: IpAddr,
    /// 0: let the system choose.
    pub port: u16,
    /// Open the site in a browser once it is served.
    pub open: bool,
    /// Poll for changes instead of relying on the system's notifications.
    pub poll: bool,
}

/// What the server answers from at one moment: the last good build and, when the
/// last rebuild failed, the overlay describing why.
pub struct Snapshot {
    pub site: Arc<Site>,
    pub overlay: Option<String>,
    /// Changes with every swap and every server start; a tab that reconnects to a
    /// different build reloads.
    pub build: String,
}

impl Snapshot {
    fn hello(&self) -> Event {
        Event {
            name: "hello",
            data: serde_json::json!({ "build": self.build, "errors": self.overlay.is_some() })
                .to_string(),
        }
    }
}

/// What the loop waits for.
enum Msg {
    Changed(Vec<PathBuf>),
    Stop,
}

/// Runs until Ctrl-C.
pub fn run(config: &ServeConfig) -> anyhow::Result<()> {
    let root = config
        .root
        .canonicalize()
        .with_context(|| format!("cannot open the site folder {}", config.root.display()))?;
    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Msg::Stop);
    })
    .context("cannot listen for Ctrl-C")?;

    // Watching starts before the first build reads the sources, so that no save
    // falls between the two: one made during the build just rebuilds once more.
    let folders = vec![root.join("content"), root.join("themes")];
    let watcher = Watcher::start(&WatchOptions::new(folders, config.poll), move |batch| {
        tx.send(Msg::Changed(batch)).is_ok()
    })?;

    let started = Instant::now();
    let opts = BuildOptions {
        root: root.clone(),
        drafts: config.drafts,
    };
    let (mut rebuilder, first) = Rebuilder::start(opts);
    report_first(&first, started);
    let session = format!(
        "{:x}",
        std::process::id() ^ started.elapsed().subsec_nanos()
    );
    let shared = Arc::new(http::Shared {
        current: Mutex::new(Arc::new(snapshot(&rebuilder, &session))),
        hub: Hub::new(),
    });

    let bound = http::bind(config.bind, config.port)
        .with_context(|| format!("cannot listen on {}:{}", config.bind, config.port))?;
    let url = announce(&bound, config.bind);
    let listener = http::Listener::start(bound, Arc::clone(&shared))?;
    if let Backend::Poll { interval, reason } = &watcher.backend {
        println!(
            "Watching for changes by polling every {} ms ({reason}).",
            interval.as_millis()
        );
    }
    println!("Press Ctrl-C to stop.");
    if config.open {
        browser::open(&url);
    }

    serve_changes(&rx, &mut rebuilder, &shared, &session);

    drop(watcher);
    shared.hub.close();
    listener.stop();
    println!("Stopped.");
    Ok(())
}

/// The loop: each batch of changes is rebuilt, swapped in, then announced.
fn serve_changes(
    rx: &Receiver<Msg>,
    rebuilder: &mut Rebuilder,
    shared: &http::Shared,
    session: &str,
) {
    while let Ok(msg) = rx.recv() {
        let Msg::Changed(mut paths) = msg else { return };
        // Changes that queued up during a slow rebuild go into this one.
        while let Ok(more) = rx.try_recv() {
            match more {
                Msg::Changed(p) => paths.extend(p),
                Msg::Stop => return,
            }
        }
        let Some(outcome) = rebuilder.apply(&paths) else {
            continue;
        };
        // The new output is complete in `rebuilder`; only now is it swapped in and
        // announced, so no tab reloads onto a half-built site.
        let old = shared.swap(Arc::new(snapshot(rebuilder, session)));
        if !outcome.changed.is_empty() || outcome.errors_changed {
            shared.hub.broadcast(&Event {
                name: "change",
                data: serde_json::json!({
                    "build": build_id(session, rebuilder.generation()),
                    "changed": outcome.changed,
                    "errors": rebuilder.errors().is_some(),
                })
                .to_string(),
            });
        }
        report(&outcome);
        // Freeing the previous build (tens of megabytes on a large site) waits
        // until the tabs have been told.
        drop(old);
    }
}

fn snapshot(rebuilder: &Rebuilder, session: &str) -> Snapshot {
    Snapshot {
        site: rebuilder.site(),
        overlay: rebuilder.errors().map(inject::overlay_html),
        build: build_id(session, rebuilder.generation()),
    }
}

fn build_id(session: &str, generation: u64) -> String {
    format!("{session}-{generation}")
}

fn report_first(first: &Result<Vec<Diagnostic>, Vec<Diagnostic>>, started: Instant) {
    match first {
        Ok(warnings) => {
            print_diagnostics(warnings);
            println!(
                "Built the site in {} ms ({}).",
                started.elapsed().as_millis(),
                counts(warnings)
            );
        }
        Err(diagnostics) => {
            print_diagnostics(diagnostics);
            eprintln!(
                "error: the build failed ({}); serving the errors until it builds",
                counts(diagnostics)
            );
        }
    }
}

fn report(outcome: &Outcome) {
    let what = match outcome.causes.as_slice() {
        [] => String::from("Changes"),
        [one] => format!("{} ({})", one.0, one.1),
        [first, rest @ ..] => format!("{} ({}) and {} more", first.0, first.1, rest.len()),
    };
    match &outcome.errors {
        Some(diagnostics) => {
            print_diagnostics(diagnostics);
            eprintln!(
                "error: the build failed ({}); still serving the last good build",
                counts(diagnostics)
            );
        }
        None => println!(
            "{what}: rebuilt in {} ms, {} file{} changed{}.",
            outcome.took.as_millis(),
            outcome.changed.len(),
            if outcome.changed.len() == 1 { "" } else { "s" },
            warnings_note(outcome.warnings),
        ),
    }
}

/// The same rustc-like text as `handbook build` prints.
fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{}", d.render());
    }
}

/// "2 errors, 1 warning", as `handbook build` says it.
fn counts(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(diagnostics.len() - errors, "warning")
    )
}

fn warnings_note(warnings: usize) -> String {
    match warnings {
        0 => String::new(),
        1 => " (1 warning: `handbook check` lists it)".into(),
        n => format!(" ({n} warnings: `handbook check` lists them)"),
    }
}

/// Prints where the site is served and warns about a busy port or a public address.
fn announce(bound: &http::Bound, ip: IpAddr) -> String {
    if let Some(busy) = bound.busy {
        println!(
            "Port {busy} is busy; using port {} instead.",
            bound.addr.port()
        );
    }
    if !ip.is_loopback() {
        eprintln!(
            "warning: serving on {ip}, which other machines can reach: anyone on the network can read \
             the preview, drafts included. Leave out --bind to serve on 127.0.0.1 only."
        );
    }
    // An unspecified address (0.0.0.0, ::) listens everywhere; browse it on loopback.
    let shown = match bound.addr.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::from([127, 0, 0, 1]),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::from(std::net::Ipv6Addr::LOCALHOST),
        other => other,
    };
    let host = match shown {
        IpAddr::V6(v6) => format!("[{v6}]"),
        IpAddr::V4(v4) => v4.to_string(),
    };
    let url = format!("http://{host}:{}/", bound.addr.port());
    println!("Serving the handbook on {url}");
    url
}
