//! Noticing source changes and sorting them into kinds, so `serve` redoes only what a
//! change affects.
//!
//! Two halves: [`classify`] is pure (paths and texts in, a [`ChangeKind`] out) and
//! unit-tested; [`Watcher`] wraps notify (native events, or polling where those do
//! not arrive) and hands debounced batches of paths to a callback.

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher as _};
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// What a changed path is, as far as rebuilding goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    /// A Markdown file whose text after the front matter changed, and nothing else.
    ChapterBody,
    /// A Markdown file whose front matter changed (title, weight, slug, draft...).
    ChapterFrontMatter,
    /// A Markdown file, or a folder of them, appeared or went away.
    ChapterAddedOrRemoved,
    /// `content/channels/*.yaml`.
    Channel,
    /// `content/site.yaml`.
    SiteConfig,
    /// `themes/<theme>/templates/**`.
    Template,
    /// `themes/<theme>/static/**`: copied as they are.
    StaticAsset,
    /// An image or other file beside the Markdown, changed in place.
    ContentAsset,
    /// An image or other file beside the Markdown appeared or went away: links to it
    /// may now resolve or break.
    ContentAssetAddedOrRemoved,
    /// `themes/<theme>/i18n/*.yaml`.
    UiStrings,
    /// A folder under `themes/` appeared or went away: which theme files exist changed.
    ThemeFolder,
    /// The file is the same as before (touched, or saved without edits).
    Unchanged,
    /// Editor temp files, hidden files, anything outside `content/` and `themes/`.
    Ignored,
}

/// How much work a set of changes needs, from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    Nothing,
    /// Copy changed files; nothing is rendered.
    Copy,
    /// Re-render the changed chapters, their language's print page and search index.
    Pages,
    /// Re-render every page from the parsed sources (templates, UI strings).
    Render,
    /// Read, parse and assemble everything again.
    Full,
}

impl ChangeKind {
    /// The least rebuild this kind of change needs.
    pub fn scope(self) -> Scope {
        match self {
            ChangeKind::Unchanged | ChangeKind::Ignored => Scope::Nothing,
            ChangeKind::StaticAsset | ChangeKind::ContentAsset => Scope::Copy,
            ChangeKind::ChapterBody => Scope::Pages,
            ChangeKind::Template | ChangeKind::UiStrings => Scope::Render,
            ChangeKind::ChapterFrontMatter
            | ChangeKind::ChapterAddedOrRemoved
            | ChangeKind::Channel
            | ChangeKind::SiteConfig
            | ChangeKind::ThemeFolder
            | ChangeKind::ContentAssetAddedOrRemoved => Scope::Full,
        }
    }
}

/// What was at a path before or after a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry<'a> {
    Missing,
    Folder,
    /// A file; `text` is its content where the caller read it (Markdown files).
    File {
        text: Option<&'a str>,
    },
}

/// One changed path: relative to the site root, with what was there before and now.
#[derive(Debug, Clone, Copy)]
pub struct FileChange<'a> {
    pub rel: &'a Path,
    pub before: Entry<'a>,
    pub after: Entry<'a>,
}

/// Sorts one change into its kind. Pure: looks only at the path and the two sides.
pub fn classify(change: &FileChange) -> ChangeKind {
    let parts: Vec<&str> = change
        .rel
        .components()
        .map(|c| match c {
            Component::Normal(s) => s.to_str().unwrap_or("\0"),
            _ => "\0",
        })
        .collect();
    if parts.iter().any(|p| *p == "\0" || is_ignored_name(p)) {
        return ChangeKind::Ignored;
    }
    let existence_changed = presence(change.before) != presence(change.after);
    let folder = matches!(change.before, Entry::Folder) || matches!(change.after, Entry::Folder);
    match parts.as_slice() {
        ["content", "site.yaml"] => ChangeKind::SiteConfig,
        ["content", "channels", ..] => ChangeKind::Channel,
        // A language folder, a section, or anything else in content/: rather a
        // rebuild too many than a change the preview misses.
        ["content", _, ..] => classify_content(change, existence_changed),
        ["themes", _, ..] if folder => ChangeKind::ThemeFolder,
        ["themes", _theme, "templates", _, ..] => ChangeKind::Template,
        ["themes", _theme, "static", _, ..] => ChangeKind::StaticAsset,
        ["themes", _theme, "i18n", _, ..] => ChangeKind::UiStrings,
        _ => ChangeKind::Ignored,
    }
}

/// A path below `content/<lang>/`: a chapter, a folder of them, or an asset.
fn classify_content(change: &FileChange, existence_changed: bool) -> ChangeKind {
    let folder = matches!(change.before, Entry::Folder) || matches!(change.after, Entry::Folder);
    let markdown = change.rel.extension().is_some_and(|e| e == "md");
    if folder || (markdown && existence_changed) {
        return ChangeKind::ChapterAddedOrRemoved;
    }
    if !markdown {
        return if existence_changed {
            ChangeKind::ContentAssetAddedOrRemoved
        } else {
            ChangeKind::ContentAsset
        };
    }
    match (change.before, change.after) {
        (Entry::File { text: Some(old) }, Entry::File { text: Some(new) }) => {
            let (old_front, old_body) = split_front_matter(old);
            let (new_front, new_body) = split_front_matter(new);
            if old_front != new_front {
                ChangeKind::ChapterFrontMatter
            } else if old_body != new_body {
                ChangeKind::ChapterBody
            } else {
                ChangeKind::Unchanged
            }
        }
        // Texts not known (unreadable, not UTF-8): assume the worst.
        _ => ChangeKind::ChapterFrontMatter,
    }
}

/// 0 = nothing there, 1 = something there; a file replaced by a folder counts as a
/// change of existence too, through `Entry::Folder` in [`classify_content`].
fn presence(entry: Entry) -> bool {
    !matches!(entry, Entry::Missing)
}

/// Splits `---\nfront\n---\nbody` into (front, body); a text without front matter
/// is all body. Line ends may be `\n` or `\r\n`.
pub fn split_front_matter(text: &str) -> (&str, &str) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(after_open) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return ("", text);
    };
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end_matches(['\r', '\n']) == "---" {
            let front = &after_open[..offset];
            return (front, &after_open[offset + line.len()..]);
        }
        offset += line.len();
    }
    ("", text)
}

/// Editor temp and backup files, and hidden files: never part of the site.
pub fn is_ignored_name(name: &str) -> bool {
    const SUFFIXES: [&str; 10] = [
        "~",
        ".swp",
        ".swx",
        ".swo",
        ".tmp",
        ".bak",
        ".kate-swp",
        "___jb_tmp___",
        "___jb_old___",
        ".crdownload",
    ];
    name.starts_with('.')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || name == "Thumbs.db"
        || SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// How a [`Watcher`] watches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// The operating system's change notifications (inotify, FSEvents, ...).
    Native,
    /// Scanning for modification times every interval, and why.
    Poll { interval: Duration, reason: String },
}

/// Settings for [`Watcher::start`].
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// Folders to watch recursively (those that do not exist are skipped).
    pub folders: Vec<PathBuf>,
    /// Poll even where native events would work (`--poll`).
    pub poll: bool,
    pub poll_interval: Duration,
    /// A batch closes once no event came for this long...
    pub quiet: Duration,
    /// ...or once it is this old, so a steady stream of writes still shows.
    pub max_delay: Duration,
}

impl WatchOptions {
    pub fn new(folders: Vec<PathBuf>, poll: bool) -> Self {
        WatchOptions {
            folders,
            poll,
            poll_interval: Duration::from_millis(200),
            quiet: Duration::from_millis(12),
            max_delay: Duration::from_millis(250),
        }
    }
}

/// Watches folders until dropped, handing batches of changed paths to a callback.
pub struct Watcher {
    _inner: Box<dyn notify::Watcher + Send>,
    pub backend: Backend,
}

impl Watcher {
    /// Starts watching. `on_batch` gets each debounced batch of absolute paths and
    /// returns `false` to stop.
    pub fn start(
        opts: &WatchOptions,
        on_batch: impl FnMut(Vec<PathBuf>) -> bool + Send + 'static,
    ) -> anyhow::Result<Watcher> {
        let (tx, rx) = mpsc::channel();
        let reason = if opts.poll {
            Some("--poll was given".to_string())
        } else {
            polling_needed(&opts.folders)
        };
        let (inner, backend) = match reason {
            None => match native(&opts.folders, tx.clone()) {
                Ok(w) => (w, Backend::Native),
                Err(e) => poll(opts, tx, format!("native file watching failed: {e:#}"))?,
            },
            Some(reason) => poll(opts, tx, reason)?,
        };
        let (quiet, max_delay) = (opts.quiet, opts.max_delay);
        std::thread::Builder::new()
            .name("handbook-watch".into())
            .spawn(move || debounce(&rx, Timing { quiet, max_delay }, on_batch))?;
        Ok(Watcher {
            _inner: inner,
            backend,
        })
    }
}

type RawEvents = mpsc::Sender<notify::Result<notify::Event>>;

fn native(folders: &[PathBuf], tx: RawEvents) -> anyhow::Result<Box<dyn notify::Watcher + Send>> {
    let mut w = RecommendedWatcher::new(tx, notify::Config::default())?;
    watch_all(&mut w, folders)?;
    Ok(Box::new(w))
}

fn poll(
    opts: &WatchOptions,
    tx: RawEvents,
    reason: String,
) -> anyhow::Result<(Box<dyn notify::Watcher + Send>, Backend)> {
    let config = notify::Config::default().with_poll_interval(opts.poll_interval);
    let mut w = PollWatcher::new(tx, config)?;
    watch_all(&mut w, &opts.folders)?;
    let backend = Backend::Poll {
        interval: opts.poll_interval,
        reason,
    };
    Ok((Box::new(w), backend))
}

fn watch_all(w: &mut dyn notify::Watcher, folders: &[PathBuf]) -> anyhow::Result<()> {
    for folder in folders.iter().filter(|f| f.is_dir()) {
        w.watch(folder, RecursiveMode::Recursive)
            .map_err(|e| anyhow::anyhow!("{}: {e}", folder.display()))?;
    }
    Ok(())
}

/// Where native events are known not to arrive: Windows drives seen from WSL
/// (`/mnt/c/...`) deliver no inotify events for changes made on the Windows side.
fn polling_needed(folders: &[PathBuf]) -> Option<String> {
    let release = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    let wsl = release.to_ascii_lowercase().contains("microsoft");
    let on_windows_drive = folders.iter().any(|f| f.starts_with("/mnt"));
    (wsl && on_windows_drive).then(|| {
        "the site is on a Windows drive under WSL, where change events do not arrive".into()
    })
}

#[derive(Clone, Copy)]
struct Timing {
    quiet: Duration,
    max_delay: Duration,
}

/// Collects raw events into batches: a batch starts with the first event and closes
/// after `quiet` without events or `max_delay` after it started. Editors that save
/// by writing a temp file and renaming it produce several events within a few
/// milliseconds; they end up in one batch.
fn debounce(
    rx: &Receiver<notify::Result<notify::Event>>,
    timing: Timing,
    mut on_batch: impl FnMut(Vec<PathBuf>) -> bool,
) {
    let mut batch = BTreeSet::new();
    while let Ok(first) = rx.recv() {
        collect(first, &mut batch);
        let started = Instant::now();
        loop {
            let left = timing.max_delay.saturating_sub(started.elapsed());
            match rx.recv_timeout(timing.quiet.min(left)) {
                Ok(event) => collect(event, &mut batch),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        if !batch.is_empty() && !on_batch(std::mem::take(&mut batch).into_iter().collect()) {
            return;
        }
    }
}

fn collect(event: notify::Result<notify::Event>, batch: &mut BTreeSet<PathBuf>) {
    // A watcher error (a queue overflow, a folder gone) may hide changes: report
    // the paths it names, and an empty one otherwise, which means "rescan".
    let Ok(event) = event else {
        if let Err(e) = event {
            batch.extend(e.paths);
            batch.insert(PathBuf::new());
        }
        return;
    };
    let reads = matches!(
        event.kind,
        EventKind::Access(
            AccessKind::Read
                | AccessKind::Open(_)
                | AccessKind::Close(AccessMode::Read | AccessMode::Execute)
        )
    );
    if !reads {
        batch.extend(event.paths);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHAPTER: &str = "---\ntitle: Ohje\nweight: 1\n---\n# Ohje\n\nTeksti.\n";

    fn file(text: &str) -> Entry<'_> {
        Entry::File { text: Some(text) }
    }

    fn kind(rel: &str, before: Entry, after: Entry) -> ChangeKind {
        classify(&FileChange {
            rel: Path::new(rel),
            before,
            after,
        })
    }

    fn edited(rel: &str, old: &str, new: &str) -> ChangeKind {
        kind(rel, file(old), file(new))
    }

    #[test]
    fn a_body_edit_is_a_body_change() {
        let new = CHAPTER.replace("Teksti.", "Uusi teksti.");
        assert_eq!(
            edited("content/fi/ohje.md", CHAPTER, &new),
            ChangeKind::ChapterBody
        );
    }

    #[test]
    fn a_title_edit_is_a_front_matter_change_even_with_the_body() {
        let new = CHAPTER
            .replace("title: Ohje", "title: Opas")
            .replace("Teksti", "X");
        assert_eq!(
            edited("content/fi/kanavat/ohje.md", CHAPTER, &new),
            ChangeKind::ChapterFrontMatter
        );
    }

    #[test]
    fn crlf_front_matter_is_split_too() {
        let old = CHAPTER.replace('\n', "\r\n");
        let new = old.replace("Teksti.", "Toinen.");
        assert_eq!(
            edited("content/en/a.md", &old, &new),
            ChangeKind::ChapterBody
        );
        assert_eq!(split_front_matter("no front\n"), ("", "no front\n"));
        assert_eq!(split_front_matter("---\na: 1\n---"), ("a: 1\n", ""));
    }

    #[test]
    fn saving_without_edits_changes_nothing() {
        assert_eq!(
            edited("content/fi/ohje.md", CHAPTER, CHAPTER),
            ChangeKind::Unchanged
        );
        assert_eq!(ChangeKind::Unchanged.scope(), Scope::Nothing);
    }

    #[test]
    fn new_deleted_and_renamed_chapters_change_the_structure() {
        let md = "content/fi/uusi.md";
        assert_eq!(
            kind(md, Entry::Missing, file(CHAPTER)),
            ChangeKind::ChapterAddedOrRemoved
        );
        assert_eq!(
            kind(md, file(CHAPTER), Entry::Missing),
            ChangeKind::ChapterAddedOrRemoved
        );
        let folder = "content/fi/kanavat";
        assert_eq!(
            kind(folder, Entry::Folder, Entry::Missing),
            ChangeKind::ChapterAddedOrRemoved
        );
        assert_eq!(
            kind(folder, Entry::Missing, Entry::Folder),
            ChangeKind::ChapterAddedOrRemoved
        );
        assert_eq!(
            kind("content/fi/_index.md", Entry::Missing, file(CHAPTER)).scope(),
            Scope::Full
        );
    }

    #[test]
    fn unreadable_markdown_is_assumed_to_change_front_matter() {
        let unread = Entry::File { text: None };
        assert_eq!(
            kind("content/fi/a.md", unread, unread),
            ChangeKind::ChapterFrontMatter
        );
    }

    #[test]
    fn settings_channels_and_theme_files() {
        let any = Entry::File { text: None };
        let k = |rel| kind(rel, any, any);
        assert_eq!(k("content/site.yaml"), ChangeKind::SiteConfig);
        assert_eq!(k("content/channels/facebook.yaml"), ChangeKind::Channel);
        assert_eq!(
            k("themes/default/templates/chapter.html"),
            ChangeKind::Template
        );
        assert_eq!(
            k("themes/default/templates/partials/nav.html"),
            ChangeKind::Template
        );
        assert_eq!(
            k("themes/default/static/style.css"),
            ChangeKind::StaticAsset
        );
        assert_eq!(k("themes/default/i18n/fi.yaml"), ChangeKind::UiStrings);
        assert_eq!(k("content/fi/kanavat/kartta.svg"), ChangeKind::ContentAsset);
        assert_eq!(
            kind("content/fi/kartta.png", Entry::Missing, any),
            ChangeKind::ContentAssetAddedOrRemoved
        );
    }

    #[test]
    fn editor_temp_files_and_other_places_are_ignored() {
        let any = Entry::File { text: None };
        for rel in [
            "content/fi/.ohje.md.swp",
            "content/fi/ohje.md.swx",
            "content/fi/ohje.md~",
            "content/fi/4913",
            "content/fi/.#ohje.md",
            "content/fi/#ohje.md#",
            "content/fi/.git/index",
            "content/.DS_Store",
            "themes/default/static/.style.css.swp",
            "themes/default/templates/chapter.html___jb_tmp___",
            "public/fi/index.html",
            "README.md",
            "content",
            "themes/default/templates",
            "",
            "../content/fi/ohje.md",
        ] {
            assert_eq!(kind(rel, any, any), ChangeKind::Ignored, "{rel}");
        }
    }

    #[test]
    fn scopes_are_ordered_by_work() {
        assert!(ChangeKind::StaticAsset.scope() < ChangeKind::ChapterBody.scope());
        assert!(ChangeKind::ChapterBody.scope() < ChangeKind::Template.scope());
        assert!(ChangeKind::Template.scope() < ChangeKind::SiteConfig.scope());
    }

    #[test]
    fn debounce_merges_a_burst_into_one_batch() {
        let (tx, rx) = mpsc::channel();
        let event = |p: &str| Ok(notify::Event::new(EventKind::Any).add_path(PathBuf::from(p)));
        for p in [
            "/s/content/fi/4913",
            "/s/content/fi/a.md",
            "/s/content/fi/a.md~",
            "/s/content/fi/a.md",
        ] {
            assert!(tx.send(event(p)).is_ok());
        }
        let timing = Timing {
            quiet: Duration::from_millis(5),
            max_delay: Duration::from_millis(50),
        };
        let (out_tx, out_rx) = mpsc::channel();
        let worker = std::thread::spawn(move || {
            debounce(&rx, timing, |b| {
                let _ = out_tx.send(b);
                false
            })
        });
        let batch = out_rx
            .recv_timeout(Duration::from_secs(5))
            .unwrap_or_default();
        let want: Vec<PathBuf> = [
            "/s/content/fi/4913",
            "/s/content/fi/a.md",
            "/s/content/fi/a.md~",
        ]
        .map(PathBuf::from)
        .into();
        assert_eq!(batch, want);
        drop(tx);
        assert!(worker.join().is_ok());
    }

    #[test]
    fn watching_a_folder_reports_a_write() {
        let dir = std::env::temp_dir().join(format!("handbook-watch-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        assert!(std::fs::create_dir_all(&dir).is_ok());
        for poll in [false, true] {
            let (tx, rx) = mpsc::channel();
            let mut opts = WatchOptions::new(vec![dir.clone()], poll);
            opts.poll_interval = Duration::from_millis(50);
            let watcher = Watcher::start(&opts, move |b| tx.send(b).is_ok());
            assert!(watcher.is_ok());
            std::thread::sleep(Duration::from_millis(100));
            let file = dir.join(format!("a-{poll}.md"));
            assert!(std::fs::write(&file, "x").is_ok());
            let batch = rx.recv_timeout(Duration::from_secs(5)).unwrap_or_default();
            assert!(batch.contains(&file), "poll={poll}: {batch:?}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
