//! Memos that let `serve` rebuild only what a change touched, with output that is
//! byte-identical to a full build by construction: each memo is keyed by everything
//! its result is computed from, so a hit returns exactly what recomputing would.
//!
//! The key of a page's Markdown, template and print-part results is its *frame*
//! (everything in the site except page bodies: settings, every page's front matter
//! and place, channels, assets, the theme's files) plus the page's own body; a
//! language's search index and print page are keyed by the frame and the bodies of
//! all its pages. A body edit thus re-renders that page (in every language that
//! shows it), the print page and the search index of its language; a front matter or
//! template change changes the frame and re-renders pages. Files are parsed again
//! only when they changed on disk (see [`load::ParseCache`]).

use super::resolve::RenderedPage;
use crate::assemble::{Handbook, LangTree, Node};
use crate::error::Diagnostic;
use crate::load::ParseCache;
use crate::markdown::AnchorUse;
use crate::search::{ChunkStore, IndexFile, Tokenized};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// What a build may reuse from the previous one. `Default` is an inert cache that
/// keeps nothing (what a one-shot `pipeline::build` wants: no copies of every page,
/// no keys to compute); [`Cache::keeping`] is the one `serve` holds for its session.
#[derive(Default)]
pub struct Cache {
    keep: bool,
    /// Parsed source files, by path and what the file looked like on disk.
    pub parse: ParseCache,
    markdown: SharedMemo<NodeKey, MarkdownResult>,
    pages: SharedMemo<NodeKey, String>,
    print_parts: SharedMemo<NodeKey, String>,
    print_pages: SharedMemo<u64, String>,
    search: SharedMemo<u64, (Vec<IndexFile>, String)>,
    search_chunks: SharedMemo<u64, Tokenized>,
    /// Counters of the last build, for tests and the terminal.
    pub stats: Stats,
}

/// How much of the last build came from the cache.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub files_parsed: usize,
    pub files_reused: usize,
    pub markdown_rendered: usize,
    pub markdown_reused: usize,
    pub pages_rendered: usize,
    pub pages_reused: usize,
    pub print_parts_made: usize,
    pub print_parts_reused: usize,
    pub print_pages_rendered: usize,
    pub print_pages_reused: usize,
    pub search_built: usize,
    pub search_reused: usize,
    pub search_chunks_made: usize,
    pub search_chunks_reused: usize,
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

/// The keys of one build, computed once: the frame and each page's body hash.
#[derive(Debug, Default)]
pub struct Keys {
    frame: u64,
    /// By index into `sources.pages`.
    bodies: Vec<u64>,
}

impl Keys {
    /// The keys of an assembled site whose own theme files hash to `theme_files`.
    pub fn new(hb: &Handbook, theme_files: u64) -> Keys {
        Keys {
            frame: frame(hb, theme_files),
            bodies: hb
                .sources
                .pages
                .par_iter()
                .map(|p| hash_of(&p.body))
                .collect(),
        }
    }

    /// The key of a page's results at `node`.
    pub fn node(&self, node: &Node) -> NodeKey {
        NodeKey {
            frame: self.frame,
            output: node.output.clone(),
            body: self.bodies.get(node.page).copied().unwrap_or_default(),
        }
    }

    /// The key of a language's results that read all its pages (search index, print
    /// page): the frame and every page's body, in order.
    pub fn lang(&self, tree: &LangTree) -> u64 {
        let mut h = DefaultHasher::new();
        (self.frame, &tree.lang).hash(&mut h);
        for n in &tree.nodes {
            self.bodies.get(n.page).hash(&mut h);
        }
        h.finish()
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

/// A memo shared by the threads that fill it, counting its hits and misses. Values
/// are kept behind `Arc`s so that a hit is copied outside the lock.
pub struct SharedMemo<K, V> {
    memo: Mutex<Memo<K, Arc<V>>>,
    made: AtomicUsize,
    reused: AtomicUsize,
}

impl<K, V> Default for SharedMemo<K, V> {
    fn default() -> Self {
        SharedMemo {
            memo: Mutex::new(Memo::default()),
            made: AtomicUsize::new(0),
            reused: AtomicUsize::new(0),
        }
    }
}

impl<K: Eq + Hash + Clone, V: Clone> SharedMemo<K, V> {
    pub fn get(&self, key: &K) -> Option<V> {
        let hit = self.lock().take(key)?;
        self.reused.fetch_add(1, Ordering::Relaxed);
        Some(V::clone(&hit))
    }

    pub fn put(&self, key: K, value: V) {
        self.made.fetch_add(1, Ordering::Relaxed);
        self.lock().put(key, Arc::new(value));
    }

    /// `(made, reused)` since the last call; the counters restart from zero.
    fn counts(&self) -> (usize, usize) {
        (
            self.made.swap(0, Ordering::Relaxed),
            self.reused.swap(0, Ordering::Relaxed),
        )
    }

    fn finish(&self, succeeded: bool) {
        self.lock().finish(succeeded);
    }

    fn lock(&self) -> MutexGuard<'_, Memo<K, Arc<V>>> {
        self.memo.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Tokenized chunks of search documents, for a language whose index is rebuilt.
impl ChunkStore for SharedMemo<u64, Tokenized> {
    fn get(&self, key: u64) -> Option<Tokenized> {
        SharedMemo::get(self, &key)
    }

    fn put(&self, key: u64, chunk: Tokenized) {
        SharedMemo::put(self, key, chunk);
    }
}

/// Rendered pages by key.
pub type PageMemo = SharedMemo<NodeKey, String>;
/// Search index files and entry by language key.
pub type SearchMemo = SharedMemo<u64, (Vec<IndexFile>, String)>;

impl Cache {
    /// A cache that keeps each build's results for the next one.
    pub fn keeping() -> Self {
        Cache {
            keep: true,
            parse: ParseCache::keeping(),
            ..Cache::default()
        }
    }

    /// Whether results are kept; when not, callers skip computing keys and copies.
    pub fn keeps(&self) -> bool {
        self.keep
    }

    /// The keys of this build; empty when nothing is kept.
    pub fn keys(&self, hb: &Handbook, root: &Path) -> Keys {
        if self.keep {
            Keys::new(hb, theme_files(root))
        } else {
            Keys::default()
        }
    }

    /// The Markdown memo, when results are kept.
    pub fn markdown_memo(&self) -> Option<&SharedMemo<NodeKey, MarkdownResult>> {
        self.keep.then_some(&self.markdown)
    }

    /// The page memo, when results are kept.
    pub fn page_memo(&self) -> Option<&PageMemo> {
        self.keep.then_some(&self.pages)
    }

    /// The memo of pages re-homed for the print page, when results are kept.
    pub fn print_part_memo(&self) -> Option<&SharedMemo<NodeKey, String>> {
        self.keep.then_some(&self.print_parts)
    }

    /// The memo of whole print pages by language key, when results are kept.
    pub fn print_page_memo(&self) -> Option<&SharedMemo<u64, String>> {
        self.keep.then_some(&self.print_pages)
    }

    /// The search memo, when results are kept.
    pub fn search_memo(&self) -> Option<&SearchMemo> {
        self.keep.then_some(&self.search)
    }

    /// The store of tokenized search documents, when results are kept.
    pub fn search_chunks(&self) -> Option<&dyn ChunkStore> {
        self.keep.then_some(&self.search_chunks as &dyn ChunkStore)
    }

    /// Starts a build: counters from zero.
    pub fn begin(&mut self) {
        self.stats = Stats::default();
        self.collect_counts();
    }

    /// Ends a build. After a good one, drops what it did not use; after a failed
    /// one keeps everything, as the next build will likely go back to it.
    pub fn finish(&mut self, succeeded: bool) {
        self.collect_counts();
        self.markdown.finish(succeeded);
        self.pages.finish(succeeded);
        self.print_parts.finish(succeeded);
        self.print_pages.finish(succeeded);
        self.search.finish(succeeded);
        self.search_chunks.finish(succeeded);
    }

    fn collect_counts(&mut self) {
        let s = &mut self.stats;
        (s.files_reused, s.files_parsed) = self.parse.counts();
        (s.markdown_rendered, s.markdown_reused) = self.markdown.counts();
        (s.pages_rendered, s.pages_reused) = self.pages.counts();
        (s.print_parts_made, s.print_parts_reused) = self.print_parts.counts();
        (s.print_pages_rendered, s.print_pages_reused) = self.print_pages.counts();
        (s.search_built, s.search_reused) = self.search.counts();
        (s.search_chunks_made, s.search_chunks_reused) = self.search_chunks.counts();
    }
}

/// Everything a page's rendering depends on besides its own body.
fn frame(hb: &Handbook, theme_files: u64) -> u64 {
    let mut h = DefaultHasher::new();
    theme_files.hash(&mut h);
    let s = hb.sources;
    (&s.settings, &s.channels, &s.assets).hash(&mut h);
    for p in &s.pages {
        (&p.lang, &p.rel, &p.source, p.kind, &p.front, &p.key_lines).hash(&mut h);
        p.body_line.hash(&mut h);
    }
    for tree in &hb.langs {
        (&tree.lang, &tree.nodes).hash(&mut h);
    }
    hb.channels.hash(&mut h);
    h.finish()
}

/// The site's own theme files (the embedded default theme is fixed per binary).
fn theme_files(root: &Path) -> u64 {
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
