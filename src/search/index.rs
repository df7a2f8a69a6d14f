//! Building one language's index in memory: result targets (pages and their
//! headings), and for every key the targets it occurs in with a BM25F impact.
//!
//! Scores are precomputed: a posting carries the finished BM25F weight of its key in
//! its target (fields weighted, lengths normalized, frequency saturated, times idf),
//! quantized to one of [`LEVELS`] levels on a log scale. A query then only adds
//! numbers, which keeps the browser's work small and identical to [`super::query`].

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::SearchDoc;
use super::analyze::Analyzer;
use super::chunk::{Chunk, ChunkFields, ChunkStore, tokenize_owned};
#[cfg(test)]
use super::chunk::{PAGE_CHUNK, tokenize_chunk};
use super::fasthash::Interner;
use super::score::{self, TermPostings};
use super::synonyms::Synonyms;
use super::vocab::Vocab;

/// One language's index, as the browser receives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    pub lang: String,
    pub pages: Vec<Page>,
    /// Result targets, grouped by page in page order; each page's first target is the
    /// page itself, the others its headings.
    pub targets: Vec<Target>,
    /// Keys sorted by UTF-16 unit (which is char order: keys are BMP-only). Stems,
    /// compound parts, `"stem stem"` phrase pairs of titles and headings, `=word`
    /// for the exact words of titles and headings, and `~N` for synonym group N.
    pub keys: Vec<String>,
    /// Per key, its postings sorted by target.
    pub postings: Vec<Vec<Posting>>,
    /// Folded stopwords, sorted.
    pub stopwords: Vec<String>,
    /// Synonym groups: group -> member -> keys of its words.
    pub synonyms: Vec<Vec<Vec<String>>>,
}

/// A page that results link to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Relative to the language's folder.
    pub href: String,
    pub title: String,
    pub crumb: String,
}

/// Something a result links to: a page or one of its headings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub page: u32,
    /// The heading's id; empty for the page itself.
    pub anchor: String,
    /// The heading; empty for the page itself.
    pub heading: String,
    /// Text for the snippet, at most [`TEXT_CAP`] characters.
    pub text: String,
}

/// A key's occurrence in a target, with its quantized impact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub target: u32,
    pub level: u8,
}

/// Number of impact levels; level 0 is unused. 128 levels are 3% apart, fine
/// enough that two different scores rarely tie.
pub const LEVELS: usize = 128;
/// Impacts at or above this get the top level (idf of a unique key among 25,000
/// targets is about 10, times at most `K1 + 1`).
const MAX_IMPACT: f64 = 50.0;
/// Snippet text kept per target.
pub const TEXT_CAP: usize = 1200;

/// The impact of each level: `exp(level * ln(1 + MAX_IMPACT) / (LEVELS - 1)) - 1`. Shipped
/// with the index, so the browser adds exactly the same numbers.
pub fn impact_table() -> Vec<f64> {
    let step = (1.0 + MAX_IMPACT).ln() / (LEVELS - 1) as f64;
    (0..LEVELS)
        .map(|l| ((l as f64 * step).exp() - 1.0) * 1000.0)
        .map(|v| v.round() / 1000.0)
        .collect()
}

/// Quantizes impacts: `round(ln(1 + impact) / step)` clamped to 1..LEVELS-1, found
/// among the levels' lower bounds (a logarithm per posting cost more than the
/// rest of quantizing a million postings).
///
/// A table over the bits of the impact narrows the search: positive floats order
/// like their bits, so the top bits of `bits - bits(bounds[0])` cut the range into
/// buckets of 1/128 octave (0.5%), narrower than the gap between two levels (3% at
/// the least), so a bucket holds at most one bound: the table gives the level at
/// the bucket's start, one comparison the rest.
struct Quantizer {
    /// `bounds[l]`: the least impact of level `l + 1`.
    bounds: Vec<f64>,
    /// Per bucket: the number of bounds at or below its start.
    table: Vec<u8>,
}

/// Bits of an `f64` below the bucket index: 52 mantissa bits less 7 (128 buckets
/// an octave).
const BUCKET_SHIFT: u32 = 45;

impl Quantizer {
    fn new() -> Quantizer {
        let step = (1.0 + MAX_IMPACT).ln() / (LEVELS - 1) as f64;
        let bounds: Vec<f64> = (1..LEVELS)
            .map(|l| ((l as f64 - 0.5) * step).exp() - 1.0)
            .collect();
        let (low, high) = (bounds[0].to_bits(), bounds[LEVELS - 2].to_bits());
        let table = (0..=(high - low) >> BUCKET_SHIFT)
            .map(|k| {
                let start = f64::from_bits(low + (k << BUCKET_SHIFT));
                bounds.partition_point(|&b| b <= start) as u8
            })
            .collect();
        Quantizer { bounds, table }
    }

    #[inline]
    fn level(&self, impact: f64) -> u8 {
        let (first, last) = (self.bounds[0], self.bounds[LEVELS - 2]);
        // Below the first bound, and NaN: level 1; at or above the last: the top.
        if impact.is_nan() || impact < first {
            return 1;
        }
        if impact >= last {
            return (LEVELS - 1) as u8;
        }
        let bucket = (impact.to_bits() - first.to_bits()) >> BUCKET_SHIFT;
        let mut above = usize::from(self.table[bucket as usize]);
        if self.bounds[above] <= impact {
            above += 1;
        }
        above.clamp(1, LEVELS - 1) as u8
    }

    /// The plain search that `level` shortens.
    #[cfg(test)]
    fn level_by_search(&self, impact: f64) -> u8 {
        let above = self.bounds.partition_point(|&b| b <= impact);
        above.clamp(1, LEVELS - 1) as u8
    }
}

/// The fields of a target and how much a word in each counts (BM25F).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Title,
    Heading,
    Description,
    /// A page's list of its own headings.
    Headings,
    /// The page title, for a heading target.
    Context,
    /// The section crumb, for a page.
    Crumb,
    Body,
}

impl Field {
    const ALL: [Field; 7] = [
        Field::Title,
        Field::Heading,
        Field::Description,
        Field::Headings,
        Field::Context,
        Field::Crumb,
        Field::Body,
    ];

    pub(super) fn weight(self) -> f64 {
        match self {
            Field::Title => 8.0,
            Field::Heading => 5.0,
            Field::Description => 3.0,
            Field::Headings => 1.5,
            Field::Context => 3.0,
            Field::Crumb => 1.5,
            Field::Body => 1.0,
        }
    }

    /// BM25 length normalization strength.
    pub(super) fn b(self) -> f64 {
        match self {
            Field::Title | Field::Heading | Field::Context | Field::Crumb => 0.3,
            Field::Description | Field::Headings => 0.5,
            Field::Body => 0.75,
        }
    }

    /// Adjacent words of short fields also form phrase keys.
    pub(super) fn has_phrases(self) -> bool {
        matches!(self, Field::Title | Field::Heading | Field::Description)
    }

    /// Words of titles and headings also form exact-word keys (`=manager`), so
    /// that the word typed beats another word with the same stem (`management`).
    pub(super) fn has_exact_words(self) -> bool {
        matches!(self, Field::Title | Field::Heading)
    }
}

pub(super) const K1: f64 = 3.0;
/// A compound part counts this much of a word.
pub(super) const PART_WEIGHT: f64 = 0.5;
/// A synonym occurrence counts this much of a word.
pub(super) const SYNONYM_WEIGHT: f64 = 0.9;

impl Index {
    /// Builds the index of one language from its pages and synonym groups.
    ///
    /// Pages are tokenized and targets scored in parallel, in chunks of a fixed
    /// size merged in order, so the result does not depend on the number of
    /// threads.
    pub fn build(lang: &str, docs: &[SearchDoc], synonym_groups: &[Vec<String>]) -> Index {
        let analyzer = Analyzer::new(lang);
        Self::build_from(&analyzer, lang, docs.to_vec(), synonym_groups, None).0
    }

    /// As [`build`](Self::build), with `lang`'s analyzer (which may have stemmed
    /// some words ahead, see [`Analyzer::learn`]), taking from `store` the chunks
    /// of pages an earlier build tokenized (`serve` keeps them: an edit
    /// re-tokenizes the one chunk that holds the page), and dropping the pages once
    /// they are tokenized: the rest of the work needs memory, and their text is a
    /// lot of it. The result is the same; beside it, how long each step took
    /// (which `HANDBOOK_TIMINGS` reports).
    pub fn build_from(
        analyzer: &Analyzer,
        lang: &str,
        docs: Vec<SearchDoc>,
        synonym_groups: &[Vec<String>],
        store: Option<&dyn ChunkStore>,
    ) -> (Index, Steps) {
        let mut steps = Steps::start();
        let chunks = tokenize_owned(analyzer, lang, docs, store);
        steps.lap("tokenize");
        let index = Self::from_chunks(lang, analyzer, chunks, synonym_groups, &mut steps);
        (index, steps)
    }

    /// [`build`](Self::build) in chunks of `size` pages.
    #[cfg(test)]
    fn build_in_chunks(
        lang: &str,
        docs: &[SearchDoc],
        synonyms: &[Vec<String>],
        size: usize,
    ) -> Index {
        let analyzer = Analyzer::new(lang);
        let chunks = docs
            .chunks(size)
            .enumerate()
            .map(|(c, docs)| tokenize_chunk(&analyzer, lang, c * size, docs, None))
            .collect();
        Self::from_chunks(lang, &analyzer, chunks, synonyms, &mut Steps::start())
    }

    /// Merges the chunks' vocabularies in order, then analyzes and scores their
    /// words. Each chunk's words stay where tokenizing put them, renumbered into
    /// the merged vocabulary, and are freed as soon as the chunk is scored.
    fn from_chunks(
        lang: &str,
        analyzer: &Analyzer,
        chunks: Vec<Arc<Chunk>>,
        synonym_groups: &[Vec<String>],
        steps: &mut Steps,
    ) -> Index {
        let mut vocab = Vocab::default();
        // Sized once: a vector grown chunk by chunk is copied at every doubling,
        // each time into memory the system clears anew.
        let pages_len = chunks.iter().map(|c| c.pages.len()).sum();
        let targets_len = chunks.iter().map(|c| c.targets.len()).sum();
        let (mut pages, mut targets) = (
            Vec::with_capacity(pages_len),
            Vec::with_capacity(targets_len),
        );
        let mut chunk_fields = Vec::with_capacity(chunks.len());
        for chunk in chunks {
            // A chunk the store holds too is read, not taken apart.
            let fields = match Arc::try_unwrap(chunk) {
                Ok(own) => {
                    let ids = vocab.merge(own.vocab);
                    pages.extend(own.pages);
                    targets.extend(own.targets);
                    let mut fields = own.fields;
                    if let Some(ids) = ids {
                        for w in &mut fields.words {
                            *w = ids[*w as usize];
                        }
                    }
                    fields
                }
                Err(shared) => {
                    let ids = vocab.merge_shared(&shared.vocab);
                    pages.extend_from_slice(&shared.pages);
                    targets.extend_from_slice(&shared.targets);
                    let f = &shared.fields;
                    ChunkFields {
                        words: f.words.iter().map(|&w| ids[w as usize]).collect(),
                        fields: f.fields.clone(),
                        spans: f.spans.clone(),
                    }
                }
            };
            chunk_fields.push(fields);
        }
        steps.lap("merge");
        let synonyms = Synonyms::new(analyzer, synonym_groups);
        let mut terms = Interner::default();
        vocab.analyze(analyzer, &mut terms, &synonyms);
        steps.lap("stem and split");
        let postings = score::score_all(&vocab, &synonyms, chunk_fields, &mut terms);
        steps.lap("score");
        // Freed before the postings are quantized into lists as large again.
        drop(vocab);
        let index = finish(lang, pages, targets, terms, postings, analyzer, &synonyms);
        steps.lap("finish");
        index
    }
}

/// How long each step of building an index took, in order: what
/// `HANDBOOK_TIMINGS` reports of the index, which is built beside the pages.
#[derive(Debug, Clone)]
pub struct Steps {
    pub steps: Vec<(&'static str, Duration)>,
    last: Instant,
}

impl Steps {
    fn start() -> Steps {
        Steps {
            steps: Vec::with_capacity(5),
            last: Instant::now(),
        }
    }

    fn lap(&mut self, step: &'static str) {
        let now = Instant::now();
        self.steps.push((step, now - self.last));
        self.last = now;
    }
}

/// Average length in words of each field over the targets that have it.
pub(super) fn average_lengths(chunks: &[ChunkFields]) -> [f64; 7] {
    let mut sum = [0usize; 7];
    let mut count = [0usize; 7];
    for &(field, start, end) in chunks.iter().flat_map(|c| &c.fields) {
        let i = field_index(field);
        sum[i] += (end - start) as usize;
        count[i] += usize::from(end > start);
    }
    let mut avg = [1.0; 7];
    for i in 0..7 {
        if count[i] > 0 {
            avg[i] = (sum[i] as f64 / count[i] as f64).max(1.0);
        }
    }
    avg
}

pub(super) fn field_index(field: Field) -> usize {
    Field::ALL.iter().position(|&f| f == field).unwrap_or(0)
}

/// Turns saturated frequencies into quantized impacts and sorts the keys.
fn finish(
    lang: &str,
    pages: Vec<Page>,
    targets: Vec<Target>,
    terms: Interner,
    raw: TermPostings,
    analyzer: &Analyzer,
    synonyms: &Synonyms,
) -> Index {
    let n = targets.len() as f64;
    let quantizer = Quantizer::new();
    let mut order: Vec<usize> = (0..raw.terms()).filter(|&t| raw.count(t) > 0).collect();
    // Term names are distinct: an unstable sort gives the one order.
    order.sort_unstable_by(|&a, &b| terms.names[a].cmp(&terms.names[b]));
    let mut keys = Vec::with_capacity(order.len());
    let mut postings = Vec::with_capacity(order.len());
    let mut names = terms.names;
    for t in order {
        let df = raw.count(t);
        let idf = (1.0 + (n - df as f64 + 0.5) / (df as f64 + 0.5)).ln();
        let mut list = Vec::with_capacity(df);
        raw.for_each(t, |target, sat| {
            list.push(Posting {
                target,
                level: quantizer.level(idf * sat),
            });
        });
        postings.push(list);
        keys.push(std::mem::take(&mut names[t]));
    }
    Index {
        lang: lang.to_owned(),
        pages,
        targets,
        keys,
        postings,
        stopwords: analyzer.stopwords().to_vec(),
        synonyms: synonyms
            .groups
            .iter()
            .map(|g| {
                g.iter()
                    .map(|m| m.iter().map(|(_, k)| k.clone()).collect())
                    .collect()
            })
            .collect(),
    }
}

#[cfg(test)]
#[path = "index_tests.rs"]
mod tests;
