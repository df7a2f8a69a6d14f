//! Memos that let `serve` rebuild only what a change touched, with output that is
//! byte-identical to a full build by construction: each memo is keyed by everything
//! its result is computed from, so a hit returns exactly what recomputing would.
//!
//! The key of a page's Markdown and template results is its *frame* (everything in
//! the site except page bodies: settings, every page's front matter and place,
//! channels, assets, the theme's files) plus the page's own body. A body edit thus
//! re-renders that page (in every language that shows it), the print page and its
//! language's search index; a front matter or template change changes the frame and
//! re-renders pages, but only re-parses the files that changed (see `load`).

use super::resolve::RenderedPage;
use crate::assemble::Handbook;
use crate::error::Diagnostic;
use crate::markdown::AnchorUse;
use crate::search::IndexFile;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a build may reuse from the previous one. `Default` is an inert cache that
/// keeps nothing (what a one-shot `pipeline::build` wants: no copies of every page,
/// no keys to compute); [`Cache::keeping`] is the one `serve` holds for its session.
#[derive(Default)]
pub struct Cache {
    keep: bool,
    markdown: Memo<NodeKey, MarkdownResult>,
    pages: PageMemo,
    search: SearchMemo,
    /// Counters of the last build, for tests and the terminal.
    pub stats: Stats,
}

/// Rendered pages by key, shared by the threads that render them.
#[derive(Default)]
pub struct PageMemo {
    memo: Mutex<Memo<NodeKey, String>>,
    rendered: AtomicUsize,
    reused: AtomicUsize,
}

impl PageMemo {
    pub fn get(&self, key: &NodeKey) -> Option<String> {
        let hit = self.lock().take(key);
        if hit.is_some() {
            self.reused.fetch_add(1, Ordering::Relaxed);
        }
        hit
    }

    pub fn put(&self, key: NodeKey, html: String) {
        self.rendered.fetch_add(1, Ordering::Relaxed);
        self.lock().put(key, html);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Memo<NodeKey, String>> {
        self.memo.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Search index files and entry by the hash of their documents.
#[derive(Default)]
pub struct SearchMemo {
    memo: Mutex<Memo<u64, (Vec<IndexFile>, String)>>,
    reused: AtomicUsize,
}

impl SearchMemo {
    pub fn get(&self, key: u64) -> Option<(Vec<IndexFile>, String)> {
        let hit = self
            .memo
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take(&key);
        if hit.is_some() {
            self.reused.fetch_add(1, Ordering::Relaxed);
        }
        hit
    }
}

/// How much of the last build came from the cache.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub markdown_rendered: usize,
    pub markdown_reused: usize,
    pub pages_rendered: usize,
    pub pages_reused: usize,
    pub search_built: usize,
    pub search_reused: usize,
}

/// One page's Markdown result, as `resolve::render_markdown` makes it.
#[derive(Clone)]
pub struct MarkdownResult {
    pub page: RenderedPage,
    pub anchors: Vec<AnchorUse>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A page's identity in one build: the frame, its output path and its text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NodeKey {
    frame: u64,
    output: String,
    body: u64,
}

impl NodeKey {
    pub fn new(frame: u64, output: &str, body: &str) -> Self {
        NodeKey {
            frame,
            output: output.to_string(),
            body: hash_of(body),
        }
    }
}

/// A map that forgets, at the end of each build, what that build did not use, so a
/// long `serve` session holds one build's worth of results.
struct Memo<K, V> {
    previous: HashMap<K, V>,
    current: HashMap<K, V>,
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo {
            previous: HashMap::new(),
            current: HashMap::new(),
        }
    }
}

impl<K: Eq + Hash + Clone, V: Clone> Memo<K, V> {
    fn take(&mut self, key: &K) -> Option<V> {
        let v = self
            .previous
            .remove(key)
            .or_else(|| self.current.get(key).cloned())?;
        self.current.insert(key.clone(), v.clone());
        Some(v)
    }

    fn put(&mut self, key: K, value: V) {
        self.current.insert(key, value);
    }

    fn finish(&mut self, succeeded: bool) {
        let current = std::mem::take(&mut self.current);
        if succeeded {
            self.previous = current;
        } else {
            self.previous.extend(current);
        }
    }
}

impl Cache {
    /// A cache that keeps each build's results for the next one.
    pub fn keeping() -> Self {
        Cache {
            keep: true,
            ..Cache::default()
        }
    }

    /// Whether results are kept; when not, callers skip computing keys and copies.
    pub fn keeps(&self) -> bool {
        self.keep
    }

    pub fn markdown(&mut self, key: &NodeKey) -> Option<MarkdownResult> {
        let hit = self.markdown.take(key);
        if hit.is_some() {
            self.stats.markdown_reused += 1;
        }
        hit
    }

    pub fn put_markdown(&mut self, key: NodeKey, value: MarkdownResult) {
        self.stats.markdown_rendered += 1;
        if self.keep {
            self.markdown.put(key, value);
        }
    }

    /// The page memo, when results are kept.
    pub fn page_memo(&self) -> Option<&PageMemo> {
        self.keep.then_some(&self.pages)
    }

    /// The search memo, when results are kept.
    pub fn search_memo(&self) -> Option<&SearchMemo> {
        self.keep.then_some(&self.search)
    }

    /// Keeps a freshly built search index for the next build.
    pub fn remember_search(&mut self, key: u64, value: (Vec<IndexFile>, String)) {
        self.stats.search_built += 1;
        if self.keep {
            self.search
                .memo
                .get_mut()
                .unwrap_or_else(|p| p.into_inner())
                .put(key, value);
        }
    }

    /// Starts a build: counters from zero.
    pub fn begin(&mut self) {
        self.stats = Stats::default();
        for counter in [
            &self.pages.rendered,
            &self.pages.reused,
            &self.search.reused,
        ] {
            counter.store(0, Ordering::Relaxed);
        }
    }

    /// Ends a build. After a good one, drops what it did not use; after a failed
    /// one keeps everything, as the next build will likely go back to it.
    pub fn finish(&mut self, succeeded: bool) {
        self.stats.pages_rendered = self.pages.rendered.load(Ordering::Relaxed);
        self.stats.pages_reused = self.pages.reused.load(Ordering::Relaxed);
        self.stats.search_reused = self.search.reused.load(Ordering::Relaxed);
        self.markdown.finish(succeeded);
        self.pages.lock().finish(succeeded);
        self.search
            .memo
            .get_mut()
            .unwrap_or_else(|p| p.into_inner())
            .finish(succeeded);
    }
}

/// Everything a page's rendering depends on besides its own body.
pub fn frame(hb: &Handbook, theme_files: u64) -> u64 {
    let mut h = DefaultHasher::new();
    theme_files.hash(&mut h);
    let s = hb.sources;
    format!("{:?}", s.settings).hash(&mut h);
    format!("{:?}", s.channels).hash(&mut h);
    format!("{:?}", s.assets).hash(&mut h);
    for p in &s.pages {
        format!(
            "{:?}{:?}{:?}{:?}{:?}{:?}{}",
            p.lang, p.rel, p.source, p.kind, p.front, p.key_lines, p.body_line
        )
        .hash(&mut h);
    }
    for tree in &hb.langs {
        format!("{:?}", tree.nodes).hash(&mut h);
    }
    h.finish()
}

/// The site's own theme files (the embedded default theme is fixed per binary).
pub fn theme_files(root: &Path) -> u64 {
    let mut h = DefaultHasher::new();
    let walk = walkdir::WalkDir::new(root.join("themes")).sort_by_file_name();
    for entry in walk.into_iter().flatten() {
        entry.path().hash(&mut h);
        if entry.file_type().is_file() {
            std::fs::read(entry.path()).unwrap_or_default().hash(&mut h);
        }
    }
    h.finish()
}

pub fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}
