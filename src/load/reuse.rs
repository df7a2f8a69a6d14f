//! Parsed files kept between the loads of one `serve` session: a file whose size
//! and modification time are what they were when it was read is not read or parsed
//! again, so a rebuild after one edit re-parses one file, not all of `content/`.
//!
//! A modification time only tells edits apart when they fall in different ticks of
//! the file system's clock (2 s on FAT, 1 s on some network drives), so a result is
//! kept only for a file whose time was at least [`SETTLED`] old when it was looked
//! at: any later write then gets a newer time. The file being edited is re-read on
//! every save; the rest of the site is not. (Git calls such files "racily clean".)

use super::Parsed;
use crate::error::Diagnostic;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// How old a file's modification time must be before its parse is kept: the
/// coarsest file time in common use (FAT's two seconds).
pub const SETTLED: Duration = Duration::from_secs(2);

/// What one file parsed into: a page, channel or asset, or its problems.
pub(super) type ParseResult = Result<Parsed, Vec<Diagnostic>>;

/// The parse results of earlier loads. `Default` keeps nothing: a one-shot load
/// reads every file once and has no use for copies.
#[derive(Default)]
pub struct ParseCache {
    keep: bool,
    settled: Duration,
    state: Mutex<State>,
    reused: AtomicUsize,
    parsed: AtomicUsize,
}

#[derive(Default)]
struct State {
    /// Channels are checked against the site's languages: a change empties the cache.
    languages: Vec<String>,
    entries: HashMap<PathBuf, Entry>,
}

struct Entry {
    stamp: Stamp,
    /// Shared, so that a hit is copied outside the lock.
    parsed: Arc<ParseResult>,
}

/// What a file looked like on disk when it was read. The inode number (where
/// there is one) tells a file renamed over another from the one it replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: SystemTime,
    inode: u64,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata, now: SystemTime) -> Stamp {
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        Stamp {
            len: meta.len(),
            modified: meta.modified().unwrap_or(now),
            inode,
        }
    }
}

impl ParseCache {
    /// A cache that keeps what each load parsed for the next one.
    pub fn keeping() -> Self {
        ParseCache {
            keep: true,
            settled: SETTLED,
            ..ParseCache::default()
        }
    }

    /// Files (reused, parsed) since the last [`begin`](Self::begin).
    pub fn counts(&self) -> (usize, usize) {
        (
            self.reused.load(Ordering::Relaxed),
            self.parsed.load(Ordering::Relaxed),
        )
    }

    /// Starts a load for a site with these languages; forgets everything when they
    /// changed, as channel files are checked against them.
    pub(super) fn begin(&self, languages: &[String]) {
        self.reused.store(0, Ordering::Relaxed);
        self.parsed.store(0, Ordering::Relaxed);
        let mut state = self.lock();
        if state.languages != languages {
            state.languages = languages.to_vec();
            state.entries.clear();
        }
    }

    /// The parse of the file at `root/rel`, from the cache when the file is
    /// unchanged since it was parsed; else `parse` reads and parses it.
    pub(super) fn get_or_parse(
        &self,
        root: &Path,
        rel: &Path,
        parse: impl FnOnce() -> ParseResult,
    ) -> ParseResult {
        if !self.keep {
            return parse();
        }
        let looked = SystemTime::now();
        let stamp = std::fs::metadata(root.join(rel))
            .ok()
            .map(|m| Stamp::of(&m, looked));
        let hit = stamp.and_then(|stamp| {
            let state = self.lock();
            let entry = state.entries.get(rel).filter(|e| e.stamp == stamp)?;
            Some(Arc::clone(&entry.parsed))
        });
        if let Some(hit) = hit {
            self.reused.fetch_add(1, Ordering::Relaxed);
            return ParseResult::clone(&hit);
        }
        self.parsed.fetch_add(1, Ordering::Relaxed);
        let parsed = parse();
        let settled = stamp.filter(|s| {
            looked
                .duration_since(s.modified)
                .is_ok_and(|age| age >= self.settled)
        });
        let mut state = self.lock();
        match settled {
            Some(stamp) => {
                let entry = Entry {
                    stamp,
                    parsed: Arc::new(parsed.clone()),
                };
                state.entries.insert(rel.to_path_buf(), entry);
            }
            None => {
                state.entries.remove(rel);
            }
        }
        parsed
    }

    /// Forgets files that the last load did not find (deleted or renamed).
    pub(super) fn retain<'a>(&self, found: impl Iterator<Item = &'a Path>) {
        if !self.keep {
            return;
        }
        let found: HashSet<&Path> = found.collect();
        self.lock()
            .entries
            .retain(|k, _| found.contains(k.as_path()));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// A one-page site in a fresh temp folder.
    fn site(name: &str) -> PathBuf {
        let root =
            std::env::temp_dir().join(format!("handbook-reuse-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        assert!(std::fs::create_dir_all(root.join("content/fi")).is_ok());
        let yaml = "title: T\nlanguages: [fi]\n";
        assert!(std::fs::write(root.join("content/site.yaml"), yaml).is_ok());
        root
    }

    fn write(path: &Path, text: &str, modified: SystemTime) {
        assert!(std::fs::write(path, text).is_ok());
        let file = std::fs::File::options().write(true).open(path);
        assert!(file.and_then(|f| f.set_modified(modified)).is_ok());
    }

    fn title(root: &Path, cache: &ParseCache) -> String {
        match super::super::sources_with(root, false, cache) {
            Ok((s, _)) => s.pages[0].front.title.clone(),
            Err(d) => panic!("{d:?}"),
        }
    }

    #[test]
    fn an_unchanged_settled_file_is_not_parsed_again() {
        let root = site("settled");
        let md = root.join("content/fi/_index.md");
        let hour_ago = SystemTime::now() - Duration::from_secs(3600);
        write(&md, "---\ntitle: A\n---\n", hour_ago);
        let cache = ParseCache::keeping();
        assert_eq!(title(&root, &cache), "A");
        assert_eq!(cache.counts(), (0, 1));
        assert_eq!(title(&root, &cache), "A");
        assert_eq!(cache.counts(), (1, 0));

        // A save changes the time: parsed again.
        write(&md, "---\ntitle: B\n---\n", SystemTime::now());
        assert_eq!(title(&root, &cache), "B");
        assert_eq!(cache.counts(), (0, 1));
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn a_file_saved_within_the_clock_tick_of_its_last_read_is_read_again() {
        let root = site("racy");
        let md = root.join("content/fi/_index.md");
        // A coarse file clock: two saves within one tick get the same time.
        let tick = SystemTime::now() - Duration::from_millis(500);
        write(&md, "---\ntitle: A\n---\n", tick);
        let cache = ParseCache::keeping();
        assert_eq!(title(&root, &cache), "A");
        write(&md, "---\ntitle: B\n---\n", tick);
        assert_eq!(title(&root, &cache), "B", "same size and time, new text");
        assert_eq!(cache.counts(), (0, 1));
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn a_change_of_languages_forgets_everything() {
        let root = site("langs");
        let md = root.join("content/fi/_index.md");
        write(&md, "---\ntitle: A\n---\n", SystemTime::UNIX_EPOCH);
        let cache = ParseCache::keeping();
        assert_eq!(title(&root, &cache), "A");
        let yaml = "title: T\nlanguages: [fi, en]\n";
        assert!(std::fs::write(root.join("content/site.yaml"), yaml).is_ok());
        assert_eq!(title(&root, &cache), "A");
        assert_eq!(cache.counts(), (0, 1));
        let _ = std::fs::remove_dir_all(&root);
    }
}
