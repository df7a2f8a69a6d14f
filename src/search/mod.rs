//! The search index of one language: pure functions from page text to the script
//! files that `themes/default/static/search.js` loads in the browser.
//!
//! The line is: [`SearchDoc`]s -> `chunk` (pages cut into words by `tokens` in
//! parallel chunks, each word folded and stemmed by [`analyze`] into a `vocab`)
//! -> [`index`] (vocabularies merged, compounds split by `compound`, synonyms
//! found by `synonyms`, BM25F impacts per key and result target) -> [`write`]
//! (sharded JavaScript files). [`query`] is the Rust mirror of the browser's query code, used
//! by the tests to measure ranking without a browser.

pub mod analyze;
mod chunk;
mod compound;
mod fasthash;
pub mod index;
mod json;
pub mod matching;
pub mod query;
pub mod read;
mod score;
mod stopwords;
mod synonyms;
mod text;
mod tokens;
mod vocab;
pub mod write;

pub use analyze::Analyzer;
pub use chunk::{ChunkStore, Tokenized};
pub use index::Index;

/// One page to be found: a chapter, a section page or a channel profile.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SearchDoc {
    /// The page's href relative to its language's folder: `kanavat/facebook.html`.
    pub href: String,
    pub title: String,
    /// Section title(s) for display: `Kanavat`.
    pub crumb: String,
    pub description: Option<String>,
    /// Body text per heading; the first may have no heading (the introduction).
    pub sections: Vec<DocSection>,
}

/// The text under one heading of a page.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocSection {
    /// The heading's id: results link to `href#id`.
    pub id: Option<String>,
    pub heading: Option<String>,
    pub text: String,
}

/// One file of the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFile {
    /// Relative to the output root: `fi/search/index.js`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The index of one language, ready to write.
#[derive(Debug, Clone)]
pub struct LangIndex {
    pub files: Vec<IndexFile>,
    /// Output-root-relative path of the script a page loads first (on focus of the
    /// search box); it loads the others itself.
    pub entry: String,
    pub stats: IndexStats,
}

/// Sizes and counts of one language's index. Gzipped sizes are in
/// [`write::gzip_stats`]: compressing would slow every build for a figure only
/// reports need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IndexStats {
    /// All files together.
    pub raw_bytes: u64,
    /// The entry script, loaded on first focus.
    pub entry_raw_bytes: u64,
    /// The largest key shard and page shard (0 when the index is one file): a first
    /// query loads the entry, one or two key shards and its results' page shards.
    pub max_key_shard_raw_bytes: u64,
    pub max_page_shard_raw_bytes: u64,
    pub files: usize,
    /// Pages indexed.
    pub docs: usize,
    /// Result targets: pages and their headings.
    pub targets: usize,
    /// Distinct keys (stems, compound parts, exact words, phrase pairs, synonym
    /// groups).
    pub terms: usize,
    pub postings: usize,
}

/// The output-root-relative path of the script a page of `lang` loads first; fixed,
/// so pages can be rendered while the index is still being built.
pub fn entry_path(lang: &str) -> String {
    format!("{lang}/search/index.js")
}

/// Builds the search index of one language.
///
/// `lang` is the language code (`fi`), which picks the stemmer and stopwords; `docs`
/// the pages of that language; `synonyms` the site's synonym groups for it (each a
/// list of words or phrases that find each other).
pub fn build_index(lang: &str, docs: &[SearchDoc], synonyms: &[Vec<String>]) -> LangIndex {
    let index = Index::build(lang, docs, synonyms);
    write::write(&index)
}
