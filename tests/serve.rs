//! `handbook serve` end to end: the built binary on an ephemeral port against a temp
//! copy of a fixture site, spoken to over raw HTTP so that no client tidies the
//! paths we send. Every wait is bounded, so a broken server fails a test instead of
//! hanging it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

/// A running `handbook serve` on a private copy of a fixture site.
struct Preview {
    child: Child,
    root: PathBuf,
    port: u16,
    /// stdout lines after the "Serving" line.
    output: Receiver<String>,
}

impl Preview {
    fn start(fixture: &str) -> Preview {
        let root = temp_copy(fixture);
        let mut child = Command::new(env!("CARGO_BIN_EXE_handbook"))
            .args(["serve", "--port", "0", "--root"])
            .arg(&root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start handbook serve");
        let output = lines(child.stdout.take().expect("stdout"));
        let deadline = Instant::now() + WAIT;
        let port = loop {
            let line = output
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .expect("serve should print the URL it serves on");
            if let Some(url) = line.strip_prefix("Serving the handbook on http://127.0.0.1:") {
                break url.trim_end_matches('/').parse().expect("port");
            }
        };
        Preview {
            child,
            root,
            port,
            output,
        }
    }

    fn get(&self, path: &str) -> (u16, String) {
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
    fn events(&self) -> Events {
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

    fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.root.join(rel), text).expect("write source");
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).expect("read source")
    }

    /// Lines printed by the server since the last call.
    fn printed(&self) -> Vec<String> {
        self.output.try_iter().collect()
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

struct Events {
    rx: Receiver<(String, String)>,
}

impl Events {
    /// The data of the next event called `name`, skipping others.
    fn next(&self, name: &str) -> String {
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

fn lines(out: ChildStdout) -> Receiver<String> {
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

fn temp_copy(fixture: &str) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let root = std::env::temp_dir().join(format!("handbook-serve-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(fixture);
    copy_dir(&from, &root);
    root
}

/// Sets the modification time of every file under `dir` to `age` ago.
fn age_files(dir: &Path, age: Duration) {
    let when = std::time::SystemTime::now() - age;
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            age_files(&path, age);
        } else {
            let file = std::fs::File::options().write(true).open(&path);
            file.and_then(|f| f.set_modified(when)).expect("set time");
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

#[test]
fn an_edit_is_announced_then_served() {
    let preview = Preview::start("serve-site");
    let (status, page) = preview.get("/fi/ohje.html");
    assert_eq!(status, 200);
    assert!(page.contains("Alkuperäinen teksti."), "{page}");
    assert!(
        page.contains("/__handbook/reload.js"),
        "reload script injected"
    );

    let events = preview.events();
    let text = preview.read("content/fi/ohje.md");
    preview.write(
        "content/fi/ohje.md",
        &text.replace("Alkuperäinen", "Muokattu"),
    );
    let change = events.next("change");
    assert!(change.contains("\"fi/ohje.html\""), "{change}");
    assert!(change.contains("\"errors\":false"), "{change}");

    let (status, page) = preview.get("/fi/ohje.html");
    assert_eq!(status, 200);
    assert!(page.contains("Muokattu teksti."), "{page}");
}

#[test]
fn a_broken_file_shows_the_overlay_over_the_last_good_build() {
    let preview = Preview::start("serve-site");
    let events = preview.events();
    let good = preview.read("content/fi/ohje.md");
    preview.write(
        "content/fi/ohje.md",
        &good.replace("title: Ohje", "title: [Ohje\nweight: <b>"),
    );
    let change = events.next("change");
    assert!(change.contains("\"errors\":true"), "{change}");

    for path in ["/fi/ohje.html", "/en/ohje.html", "/fi/"] {
        let (status, page) = preview.get(path);
        assert_eq!(status, 200, "{path}");
        assert!(page.contains("id=\"handbook-overlay\""), "{path}: {page}");
        assert!(page.contains("content/fi/ohje.md:"), "{path}: {page}");
    }
    let (_, page) = preview.get("/fi/ohje.html");
    assert!(
        page.contains("Alkuperäinen teksti."),
        "old page still served"
    );

    preview.write("content/fi/ohje.md", &good);
    let change = events.next("change");
    assert!(change.contains("\"errors\":false"), "{change}");
    let (_, page) = preview.get("/fi/ohje.html");
    assert!(!page.contains("handbook-overlay"), "fixed: no overlay");
}

#[test]
fn nothing_outside_the_output_is_served() {
    let preview = Preview::start("serve-site");
    let outside = preview.root.join("secret.txt");
    std::fs::write(&outside, "SECRET").expect("write");
    let events = preview.events();
    #[cfg(unix)]
    {
        let link = preview.root.join("content/fi/secret.txt");
        std::os::unix::fs::symlink(&outside, &link).expect("symlink");
        // Whether the build refuses the link or leaves it out, it has seen it once a
        // later edit is through.
        let text = preview.read("content/fi/ohje.md");
        preview.write("content/fi/ohje.md", &text.replace("Alkuperäinen", "Uusi"));
        loop {
            let change = events.next("change");
            if change.contains("fi/ohje.html") || change.contains("\"errors\":true") {
                break;
            }
        }
    }
    for path in [
        "/../secret.txt",
        "/fi/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/fi/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/fi%2f..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/fi\\..\\..\\secret.txt",
        "//secret.txt",
        "/fi/secret.txt",
        "/content/site.yaml",
        "/../content/site.yaml",
        "/etc/passwd",
        "/%2fetc%2fpasswd",
        "/C:/Windows/win.ini",
    ] {
        let (status, body) = preview.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("SECRET"), "{path}");
        assert!(!body.contains("languages:"), "{path}");
    }
    drop(events);
}

#[test]
fn folders_serve_their_index_and_unknown_pages_the_404_page() {
    let preview = Preview::start("serve-site");
    let (status, root) = preview.get("/");
    assert_eq!(status, 200);
    let (status, front) = preview.get("/fi/");
    assert_eq!(status, 200);
    assert!(front.contains("Tervetuloa"), "{front}");
    assert_ne!(root, "");
    let (status, _) = preview.get("/fi");
    assert_eq!(status, 301);
    let (status, page) = preview.get("/fi/ei-ole.html");
    assert_eq!(status, 404);
    assert!(page.contains("/__handbook/reload.js"), "{page}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly() {
    let mut preview = Preview::start("serve-site");
    let _events = preview.events();
    let pid = preview.child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status();
    assert!(sent.map(|s| s.success()).unwrap_or(false));
    let deadline = Instant::now() + WAIT;
    let status = loop {
        if let Some(status) = preview.child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "serve did not stop on SIGINT");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
    std::thread::sleep(Duration::from_millis(50));
    assert!(preview.printed().iter().any(|l| l == "Stopped."));
}

/// The cache `serve` rebuilds with must never show: after every edit of a sequence,
/// an incremental build equals a full build byte for byte.
#[test]
fn incremental_builds_equal_full_builds_through_a_sequence_of_edits() {
    use handbook::pipeline::{BuildOptions, Cache, build, build_with};
    let root = temp_copy("serve-site");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &root.join("content"),
    );
    // Files older than a clock tick may come from the parse cache; the edits below
    // are new and must be read again.
    age_files(&root, Duration::from_secs(3600));
    let opts = BuildOptions {
        root: root.clone(),
        drafts: false,
    };
    let mut cache = Cache::keeping();
    let first = build_with(&opts, &mut cache).expect("the shipped handbook builds");
    let file = |rel: &str| root.join("content").join(rel);
    let edit = |rel: &str, from: &str, to: &str| {
        let text = std::fs::read_to_string(file(rel)).expect("read");
        assert!(text.contains(from), "{rel} has no {from:?}");
        std::fs::write(file(rel), text.replacen(from, to, 1)).expect("write");
    };
    let body = "fi/kaupunki-somessa.md";
    let text = std::fs::read_to_string(file(body)).expect("read");
    let title_line = text
        .lines()
        .find(|l| l.starts_with("title:"))
        .expect("title")
        .to_string();
    type Step<'a> = (&'a str, Box<dyn Fn() + 'a>);
    let steps: Vec<Step> = vec![
        (
            "body edit",
            Box::new(|| edit(body, "Somessa kerromme", "Somessa KERROMME")),
        ),
        (
            "second body edit",
            Box::new(|| edit(body, "KERROMME", "kerromme (muokattu)")),
        ),
        (
            "title edit",
            Box::new(|| edit(body, &title_line, "title: Uusi otsikko")),
        ),
        (
            "new chapter",
            Box::new(|| {
                std::fs::write(file("fi/uusi.md"), "---\ntitle: Uusi\n---\nTeksti.\n")
                    .expect("write")
            }),
        ),
        (
            "renamed chapter",
            Box::new(|| std::fs::rename(file("fi/uusi.md"), file("fi/toinen.md")).expect("mv")),
        ),
        (
            "deleted chapter",
            Box::new(|| std::fs::remove_file(file("fi/toinen.md")).expect("remove")),
        ),
        (
            "English body edit",
            Box::new(|| {
                edit(
                    "en/kaupunki-somessa.md",
                    "because that is where",
                    "since that is where",
                )
            }),
        ),
        (
            "channel edit",
            Box::new(|| {
                edit(
                    "channels/lappeenranta-facebook.yaml",
                    "en: Lappeenranta on Facebook",
                    "en: Lappeenranta's Facebook",
                )
            }),
        ),
        (
            "broken front matter",
            Box::new(|| edit(body, "title: Uusi otsikko", "title: [rikki")),
        ),
        (
            "fixed front matter",
            Box::new(|| edit(body, "title: [rikki", "title: Korjattu")),
        ),
        (
            "site title",
            Box::new(|| edit("site.yaml", "Lappeenrannan", "Lappeenrannan (testi)")),
        ),
        (
            "theme override",
            Box::new(|| {
                std::fs::create_dir_all(root.join("themes/default/static")).expect("mkdir");
                std::fs::write(root.join("themes/default/static/extra.css"), "p{}").expect("write");
            }),
        ),
        (
            "body edit again",
            Box::new(|| edit(body, "(muokattu)", "(taas)")),
        ),
    ];
    let mut reused_on_body_edit = None;
    for (what, step) in steps {
        step();
        let incremental = build_with(&opts, &mut cache);
        let full = build(&opts);
        match (incremental, full) {
            (Ok(inc), Ok(full)) => {
                assert!(
                    inc.files == full.files,
                    "{what}: incremental output differs from a full build"
                );
                assert_eq!(inc.diagnostics, full.diagnostics, "{what}");
            }
            (Err(inc), Err(full)) => assert_eq!(inc, full, "{what}"),
            (inc, full) => panic!(
                "{what}: incremental ok={} but full ok={}",
                inc.is_ok(),
                full.is_ok()
            ),
        }
        if what == "body edit" {
            reused_on_body_edit = Some(cache.stats);
        }
    }
    let stats = reused_on_body_edit.expect("stats");
    assert!(
        stats.pages_reused > 0 && stats.markdown_reused > 0 && stats.files_reused > 0,
        "{stats:?}"
    );
    assert_eq!(stats.files_parsed, 1, "only the edited file: {stats:?}");
    assert!(
        stats.pages_rendered <= 2 && stats.markdown_rendered <= 2,
        "a body edit re-renders its page (and a fallback): {stats:?}"
    );
    assert!(
        stats.print_parts_made <= 2 && stats.print_parts_reused > 0,
        "{stats:?}"
    );
    assert_eq!(
        (stats.search_built, stats.search_reused),
        (1, 1),
        "the edited language's search index, not the other's: {stats:?}"
    );
    assert_eq!(
        (stats.print_pages_rendered, stats.print_pages_reused),
        (1, 1),
        "{stats:?}"
    );
    assert!(first.files.len() > 10);
    let _ = std::fs::remove_dir_all(&root);
}
