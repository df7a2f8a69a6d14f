//! Building one language's index in memory: result targets (pages and their
//! headings), and for every key the targets it occurs in with a BM25F impact.
//!
//! Scores are precomputed: a posting carries the finished BM25F weight of its key in
//! its target (fields weighted, lengths normalized, frequency saturated, times idf),
//! quantized to one of [`LEVELS`] levels on a log scale. A query then only adds
//! numbers, which keeps the browser's work small and identical to [`super::query`].

use super::analyze::Analyzer;
use super::fasthash::FastMap;
use super::vocab::{Interner, Synonyms, Vocab, WordInfo};
use super::{DocSection, SearchDoc};

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

/// Quantizes impacts: `round(ln(1 + impact) / step)` clamped to 1..LEVELS-1, done
/// as a search among the levels' lower bounds (a logarithm per posting cost more
/// than the rest of quantizing millions of postings).
struct Quantizer {
    /// `bounds[l]`: the least impact of level `l + 1`.
    bounds: Vec<f64>,
}

impl Quantizer {
    fn new() -> Quantizer {
        let step = (1.0 + MAX_IMPACT).ln() / (LEVELS - 1) as f64;
        let bounds = (1..LEVELS)
            .map(|l| ((l as f64 - 0.5) * step).exp() - 1.0)
            .collect();
        Quantizer { bounds }
    }

    fn level(&self, impact: f64) -> u8 {
        let above = self.bounds.partition_point(|&b| b <= impact);
        above.clamp(1, LEVELS - 1) as u8
    }
}

/// The fields of a target and how much a word in each counts (BM25F).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
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

    fn weight(self) -> f64 {
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
    fn b(self) -> f64 {
        match self {
            Field::Title | Field::Heading | Field::Context | Field::Crumb => 0.3,
            Field::Description | Field::Headings => 0.5,
            Field::Body => 0.75,
        }
    }

    /// Adjacent words of short fields also form phrase keys.
    fn has_phrases(self) -> bool {
        matches!(self, Field::Title | Field::Heading | Field::Description)
    }

    /// Words of titles and headings also form exact-word keys (`=manager`), so
    /// that the word typed beats another word with the same stem (`management`).
    fn has_exact_words(self) -> bool {
        matches!(self, Field::Title | Field::Heading)
    }
}

const K1: f64 = 3.0;
/// A compound part counts this much of a word.
const PART_WEIGHT: f64 = 0.5;
/// A synonym occurrence counts this much of a word.
const SYNONYM_WEIGHT: f64 = 0.9;

/// A target's fields as word-id ranges of the flat word list.
struct TargetFields {
    fields: Vec<(Field, usize, usize)>,
}

impl Index {
    /// Builds the index of one language from its pages and synonym groups.
    pub fn build(lang: &str, docs: &[SearchDoc], synonym_groups: &[Vec<String>]) -> Index {
        let analyzer = Analyzer::new(lang);
        let mut vocab = Vocab::default();
        let mut words: Vec<u32> = Vec::new();
        let mut pages = Vec::with_capacity(docs.len());
        let mut targets = Vec::new();
        let mut fields = Vec::new();
        for (p, doc) in (0u32..).zip(docs) {
            pages.push(Page {
                href: doc.href.clone(),
                title: clean(&doc.title, usize::MAX),
                crumb: clean(&doc.crumb, usize::MAX),
            });
            for (target, texts) in targets_of(p, doc) {
                let mut ranges = Vec::with_capacity(texts.len());
                for (field, text) in texts {
                    let start = words.len();
                    vocab.push_text(&analyzer, text, &mut words);
                    ranges.push((field, start, words.len()));
                }
                targets.push(target);
                fields.push(TargetFields { fields: ranges });
            }
        }
        let synonyms = Synonyms::new(&analyzer, synonym_groups);
        let mut terms = Interner::default();
        vocab.analyze(&analyzer, &mut terms, &synonyms);
        let syn_terms: Vec<u32> = (0..synonyms.groups.len())
            .map(|g| terms.intern(&format!("~{g}")))
            .collect();
        let mut scorer = Scorer {
            vocab: &vocab,
            synonyms: &synonyms,
            syn_terms: &syn_terms,
            avg: average_lengths(&fields),
            words: &words,
            slot: Vec::new(),
            order: Vec::new(),
            pairs: FastMap::default(),
            exact: vec![u32::MAX; vocab.info.len()],
            postings: Vec::new(),
        };
        for (t, target) in (0u32..).zip(&fields) {
            scorer.score_target(t, target, &mut terms);
        }
        let postings = scorer.postings;
        finish(lang, pages, targets, terms, postings, &analyzer, &synonyms)
    }
}

/// The targets of a page, each with its fields' texts.
fn targets_of(page: u32, doc: &SearchDoc) -> Vec<(Target, Vec<(Field, &str)>)> {
    let (intro, rest): (&[DocSection], &[DocSection]) = match doc.sections.split_first() {
        Some((first, rest)) if first.heading.is_none() => (std::slice::from_ref(first), rest),
        _ => (&[], &doc.sections[..]),
    };
    let mut page_fields = vec![(Field::Title, doc.title.as_str())];
    if let Some(d) = &doc.description {
        page_fields.push((Field::Description, d.as_str()));
    }
    page_fields.push((Field::Crumb, doc.crumb.as_str()));
    for s in rest {
        if let Some(h) = &s.heading {
            page_fields.push((Field::Headings, h.as_str()));
        }
    }
    for s in intro {
        page_fields.push((Field::Body, s.text.as_str()));
    }
    let intro_text: Vec<&str> = doc
        .description
        .iter()
        .map(String::as_str)
        .chain(intro.iter().map(|s| s.text.as_str()))
        .collect();
    let mut out = vec![(
        Target {
            page,
            anchor: String::new(),
            heading: String::new(),
            text: clean(&intro_text.join("\n"), TEXT_CAP),
        },
        page_fields,
    )];
    for s in rest {
        let heading = s.heading.as_deref().unwrap_or_default();
        match out.last_mut() {
            // Text under no heading after the first belongs to the target before it.
            Some((target, fields)) if s.heading.is_none() => {
                fields.push((Field::Body, s.text.as_str()));
                let joined = format!("{} {}", target.text, s.text);
                target.text = clean(&joined, TEXT_CAP);
            }
            _ => out.push((
                Target {
                    page,
                    anchor: s.id.clone().unwrap_or_default(),
                    heading: clean(heading, usize::MAX),
                    text: clean(&s.text, TEXT_CAP),
                },
                vec![
                    (Field::Heading, heading),
                    (Field::Context, doc.title.as_str()),
                    (Field::Body, s.text.as_str()),
                ],
            )),
        }
    }
    out
}

/// Collapses ASCII white space and cuts at a word boundary after at most `cap`
/// characters. Works on bytes: it runs over every text of the site.
fn clean(text: &str, cap: usize) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(text.len().min(cap.saturating_mul(2)));
    let (mut chars, mut space, mut last_word_end) = (0usize, false, 0usize);
    for &b in text.as_bytes() {
        if b.is_ascii_whitespace() {
            space = !out.is_empty();
            continue;
        }
        let starts_char = b & 0xC0 != 0x80;
        if space {
            if chars + 1 > cap {
                out.extend_from_slice("…".as_bytes());
                break;
            }
            last_word_end = out.len();
            out.push(b' ');
            chars += 1;
            space = false;
        }
        if starts_char {
            if chars + 1 > cap {
                // Cut inside a word: drop it, unless it is the only one.
                if last_word_end > 0 {
                    out.truncate(last_word_end);
                }
                out.extend_from_slice("…".as_bytes());
                break;
            }
            chars += 1;
        }
        out.push(b);
    }
    // Only whole characters were copied, so this never fails.
    String::from_utf8(out).unwrap_or_default()
}

/// Average length in words of each field over the targets that have it.
fn average_lengths(fields: &[TargetFields]) -> [f64; 7] {
    let mut sum = [0usize; 7];
    let mut count = [0usize; 7];
    for t in fields {
        for &(field, start, end) in &t.fields {
            let i = field_index(field);
            sum[i] += end - start;
            count[i] += usize::from(end > start);
        }
    }
    let mut avg = [1.0; 7];
    for i in 0..7 {
        if count[i] > 0 {
            avg[i] = (sum[i] as f64 / count[i] as f64).max(1.0);
        }
    }
    avg
}

fn field_index(field: Field) -> usize {
    Field::ALL.iter().position(|&f| f == field).unwrap_or(0)
}

/// Accumulates each target's weighted term frequencies and saturates them.
struct Scorer<'a> {
    vocab: &'a Vocab,
    synonyms: &'a Synonyms,
    syn_terms: &'a [u32],
    avg: [f64; 7],
    words: &'a [u32],
    /// Per term id: 1 + its index in `order` while scoring a target, else 0.
    slot: Vec<u32>,
    order: Vec<(u32, f64)>,
    /// Phrase pair (key, key) -> its term id.
    pairs: FastMap<(u32, u32), u32>,
    /// Per word id: the term id of its exact-word key, `u32::MAX` until needed.
    exact: Vec<u32>,
    /// Per term id: (target, saturated frequency).
    postings: Vec<Vec<(u32, f64)>>,
}

impl Scorer<'_> {
    fn add(&mut self, term: u32, amount: f64) {
        let t = term as usize;
        if t >= self.slot.len() {
            self.slot.resize(t + 1, 0);
        }
        match self.slot[t] {
            0 => {
                self.order.push((term, amount));
                self.slot[t] = self.order.len() as u32;
            }
            i => self.order[i as usize - 1].1 += amount,
        }
    }

    fn pair(&mut self, a: u32, b: u32, terms: &mut Interner) -> u32 {
        *self.pairs.entry((a, b)).or_insert_with(|| {
            let name = format!("{} {}", terms.names[a as usize], terms.names[b as usize]);
            terms.intern(&name)
        })
    }

    fn exact(&mut self, word: u32, terms: &mut Interner) -> u32 {
        let w = word as usize;
        if self.exact[w] == u32::MAX {
            self.exact[w] = terms.intern(&format!("={}", self.vocab.info[w].folded));
        }
        self.exact[w]
    }

    fn score_target(&mut self, target: u32, fields: &TargetFields, terms: &mut Interner) {
        for &(term, _) in &self.order {
            self.slot[term as usize] = 0;
        }
        self.order.clear();
        for &(field, start, end) in &fields.fields {
            let len = (end - start) as f64;
            let avg = self.avg[field_index(field)];
            let unit = field.weight() / (1.0 - field.b() + field.b() * len / avg);
            let words = &self.words[start..end];
            for (i, &w) in words.iter().enumerate() {
                let info = &self.vocab.info[w as usize];
                self.add(info.key, unit);
                if field.has_exact_words() {
                    let id = self.exact(w, terms);
                    self.add(id, unit);
                }
                for &part in &info.parts {
                    self.add(part, unit * PART_WEIGHT);
                }
                for &g in &info.syn_parts {
                    if let Some(&term) = self.syn_terms.get(g as usize) {
                        self.add(term, unit * PART_WEIGHT * SYNONYM_WEIGHT);
                    }
                }
                self.add_synonyms(info, &words[i + 1..], unit, terms);
                if let Some(&next) = words.get(i + 1).filter(|_| field.has_phrases()) {
                    let next_key = self.vocab.info[next as usize].key;
                    let id = self.pair(info.key, next_key, terms);
                    self.add(id, unit);
                }
            }
        }
        if self.postings.len() < terms.names.len() {
            self.postings.resize_with(terms.names.len(), Vec::new);
        }
        for &(term, tf) in &self.order {
            let saturated = tf * (K1 + 1.0) / (tf + K1);
            self.postings[term as usize].push((target, saturated));
        }
    }

    fn add_synonyms(&mut self, info: &WordInfo, rest: &[u32], unit: f64, terms: &Interner) {
        let mut seen: Vec<u32> = Vec::new();
        for &(g, m) in &info.syn_starts {
            if seen.contains(&g) {
                continue;
            }
            let len = self.synonyms.member_len(g, m).saturating_sub(1);
            let Some(next) = rest.get(..len) else {
                continue;
            };
            let next: Vec<&WordInfo> = next.iter().map(|&w| &self.vocab.info[w as usize]).collect();
            if self.synonyms.continues(g, m, &next, terms) {
                seen.push(g);
                if let Some(&term) = self.syn_terms.get(g as usize) {
                    self.add(term, unit * SYNONYM_WEIGHT);
                }
            }
        }
    }
}

/// Turns saturated frequencies into quantized impacts and sorts the keys.
fn finish(
    lang: &str,
    pages: Vec<Page>,
    targets: Vec<Target>,
    terms: Interner,
    mut raw: Vec<Vec<(u32, f64)>>,
    analyzer: &Analyzer,
    synonyms: &Synonyms,
) -> Index {
    raw.resize_with(terms.names.len(), Vec::new);
    let n = targets.len() as f64;
    let quantizer = Quantizer::new();
    let mut order: Vec<usize> = (0..terms.names.len())
        .filter(|&t| !raw[t].is_empty())
        .collect();
    order.sort_by(|&a, &b| terms.names[a].cmp(&terms.names[b]));
    let mut keys = Vec::with_capacity(order.len());
    let mut postings = Vec::with_capacity(order.len());
    for t in order {
        let list = std::mem::take(&mut raw[t]);
        let df = list.len() as f64;
        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        postings.push(
            list.into_iter()
                .map(|(target, sat)| Posting {
                    target,
                    level: quantizer.level(idf * sat),
                })
                .collect(),
        );
        keys.push(terms.names[t].clone());
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
