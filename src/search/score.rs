//! Scoring every target: weighted, length-normalized, saturated term frequencies
//! per key (BM25F without the idf, which `index::finish` multiplies in), computed
//! in parallel chunks of targets.

use rayon::prelude::*;

use super::chunk::ChunkFields;
use super::fasthash::{FastMap, Interner};
use super::index::{Field, K1, PART_WEIGHT, SYNONYM_WEIGHT, average_lengths, field_index};
use super::synonyms::Synonyms;
use super::vocab::{Vocab, WordInfo};

/// What every chunk reads.
struct Shared<'a> {
    vocab: &'a Vocab,
    synonyms: &'a Synonyms,
    terms: &'a Interner,
    syn_terms: Vec<u32>,
    avg: [f64; 7],
    /// Per word id: its key's term id, with [`MORE`] set when the word has
    /// compound parts or may start a synonym. Read for every word, so kept apart
    /// from the rest of [`WordInfo`], which few words need.
    keys: Vec<u32>,
    /// Per word id: the term id of its exact-word key, if it occurs in a title or
    /// heading.
    exact: Vec<u32>,
    /// Phrase pair (key, key) -> its term id.
    pairs: FastMap<(u32, u32), u32>,
}

/// The postings of every term id: targets, ascending, with the saturated frequency
/// of the term in each, kept per chunk of targets as the chunks were scored.
pub(super) struct TermPostings {
    chunks: Vec<ChunkPostings>,
    /// Per term: its number of postings in all chunks.
    counts: Vec<u32>,
}

/// The postings of one chunk of targets, by term: term `t`'s are at
/// `starts[t]..starts[t + 1]`. Saturated frequencies are kept as `f32` (there
/// are millions, and they end as one of 128 levels).
struct ChunkPostings {
    starts: Vec<u32>,
    targets: Vec<u32>,
    sats: Vec<f32>,
}

/// A chunk's postings as scored, target by target: (term, saturated frequency),
/// target `first + i`'s at `ends[i - 1]..ends[i]`.
struct Scored {
    first: u32,
    postings: Vec<(u32, f32)>,
    ends: Vec<u32>,
}

impl ChunkPostings {
    /// Sorts a chunk's postings by term: a counting sort, so no list per term
    /// grows, and they are dropped while the chunk's data is still in the cache.
    fn gather(scored: Scored, terms: usize) -> ChunkPostings {
        let mut starts = vec![0u32; terms + 1];
        for &(term, _) in &scored.postings {
            starts[term as usize + 1] += 1;
        }
        for t in 0..terms {
            starts[t + 1] += starts[t];
        }
        let n = scored.postings.len();
        let (mut targets, mut sats) = (vec![0u32; n], vec![0f32; n]);
        let mut next = starts.clone();
        let mut from = 0;
        for (target, &end) in (scored.first..).zip(&scored.ends) {
            for &(term, sat) in &scored.postings[from..end as usize] {
                let i = &mut next[term as usize];
                (targets[*i as usize], sats[*i as usize]) = (target, sat);
                *i += 1;
            }
            from = end as usize;
        }
        ChunkPostings {
            starts,
            targets,
            sats,
        }
    }

    fn of(&self, t: usize) -> (&[u32], &[f32]) {
        let range = self.starts[t] as usize..self.starts[t + 1] as usize;
        (&self.targets[range.clone()], &self.sats[range])
    }
}

impl TermPostings {
    fn new(chunks: Vec<ChunkPostings>, terms: usize) -> TermPostings {
        let mut counts = vec![0u32; terms];
        for c in &chunks {
            for (t, n) in counts.iter_mut().enumerate() {
                *n += c.starts[t + 1] - c.starts[t];
            }
        }
        TermPostings { chunks, counts }
    }

    /// Number of term ids.
    pub fn terms(&self) -> usize {
        self.counts.len()
    }

    /// Number of targets term `t` occurs in.
    pub fn count(&self, t: usize) -> usize {
        self.counts[t] as usize
    }

    /// Calls `f` with each target of term `t` and its saturated frequency there, by
    /// target.
    pub fn for_each(&self, t: usize, mut f: impl FnMut(u32, f64)) {
        for c in &self.chunks {
            let (targets, sats) = c.of(t);
            for (&target, &sat) in targets.iter().zip(sats) {
                f(target, f64::from(sat));
            }
        }
    }
}

/// The postings of every term, from chunks of targets in target order (their
/// word ids in `vocab`). A chunk is scored by one parallel task, which drops its
/// words when done; its postings are sorted by term into an array of all terms'
/// offsets, so chunks should be few and large.
pub(super) fn score_all(
    vocab: &Vocab,
    synonyms: &Synonyms,
    chunks: Vec<ChunkFields>,
    terms: &mut Interner,
) -> TermPostings {
    let syn_terms = (0..synonyms.groups.len())
        .map(|g| terms.intern(&format!("~{g}")))
        .collect();
    let (exact, pairs) = short_field_keys(vocab, &chunks, terms);
    let keys = vocab.info.iter().map(|info| {
        let more = info.has_more();
        info.key | if more { MORE } else { 0 }
    });
    let shared = Shared {
        vocab,
        synonyms,
        terms,
        syn_terms,
        avg: average_lengths(&chunks),
        keys: keys.collect(),
        exact,
        pairs,
    };
    let terms_len = terms.names.len();
    let firsts = chunks.iter().scan(0u32, |next, c| {
        let first = *next;
        *next += c.spans.len() as u32 - 1;
        Some(first)
    });
    let firsts: Vec<u32> = firsts.collect();
    let chunks: Vec<ChunkPostings> = chunks
        .into_par_iter()
        .zip(firsts)
        .map(|(chunk, first)| {
            let mut scratch = Scratch {
                slot: vec![0; terms_len],
                order: Vec::new(),
            };
            let mut out = Scored {
                first,
                // About one posting for every other word.
                postings: Vec::with_capacity(chunk.words.len() / 2),
                ends: Vec::with_capacity(chunk.spans.len()),
            };
            for fields in chunk.targets() {
                scratch.score_target(&shared, &chunk, fields, &mut out.postings);
                out.ends.push(out.postings.len() as u32);
            }
            drop(chunk);
            ChunkPostings::gather(out, terms_len)
        })
        .collect();
    TermPostings::new(chunks, terms_len)
}

/// Interns the exact-word keys of titles and headings and the phrase pairs of
/// titles, headings and descriptions, before scoring in parallel.
fn short_field_keys(
    vocab: &Vocab,
    chunks: &[ChunkFields],
    terms: &mut Interner,
) -> (Vec<u32>, FastMap<(u32, u32), u32>) {
    let mut exact = vec![u32::MAX; vocab.info.len()];
    let mut pairs: FastMap<(u32, u32), u32> = FastMap::default();
    let fields = chunks
        .iter()
        .flat_map(|c| c.fields.iter().map(move |&f| (c, f)));
    for (chunk, f) in fields {
        let (field, ws) = (f.0, chunk.words(f));
        if field.has_exact_words() {
            for &w in ws {
                if exact[w as usize] == u32::MAX {
                    exact[w as usize] =
                        terms.intern(&format!("={}", vocab.info[w as usize].folded));
                }
            }
        }
        if field.has_phrases() {
            for pair in ws.windows(2) {
                let (a, b) = (
                    vocab.info[pair[0] as usize].key,
                    vocab.info[pair[1] as usize].key,
                );
                if let std::collections::hash_map::Entry::Vacant(e) = pairs.entry((a, b)) {
                    let name = format!("{} {}", terms.names[a as usize], terms.names[b as usize]);
                    e.insert(terms.intern(&name));
                }
            }
        }
    }
    (exact, pairs)
}

/// Marks a word that has more than its key to score (see [`Shared::keys`]).
const MORE: u32 = 1 << 31;

/// One task's running frequencies of the target being scored.
struct Scratch {
    /// Per term id: 1 + its index in `order` while scoring a target, else 0.
    slot: Vec<u32>,
    order: Vec<(u32, f64)>,
}

impl Scratch {
    fn add(&mut self, term: u32, amount: f64) {
        let t = term as usize;
        match self.slot[t] {
            0 => {
                self.order.push((term, amount));
                self.slot[t] = self.order.len() as u32;
            }
            i => self.order[i as usize - 1].1 += amount,
        }
    }

    fn score_target(
        &mut self,
        sh: &Shared,
        chunk: &ChunkFields,
        fields: &[(Field, u32, u32)],
        out: &mut Vec<(u32, f32)>,
    ) {
        for &f in fields {
            self.score_field(sh, f.0, chunk.words(f));
        }
        for &(term, tf) in &self.order {
            let saturated = tf * (K1 + 1.0) / (tf + K1);
            out.push((term, saturated as f32));
            self.slot[term as usize] = 0;
        }
        self.order.clear();
    }

    fn score_field(&mut self, sh: &Shared, field: Field, words: &[u32]) {
        let len = words.len() as f64;
        let avg = sh.avg[field_index(field)];
        let unit = field.weight() / (1.0 - field.b() + field.b() * len / avg);
        let (exact, phrases) = (field.has_exact_words(), field.has_phrases());
        for (i, &w) in words.iter().enumerate() {
            let key = sh.keys[w as usize];
            self.add(key & !MORE, unit);
            if exact {
                self.add(sh.exact[w as usize], unit);
            }
            if key & MORE != 0 {
                self.score_more(sh, &sh.vocab.info[w as usize], &words[i + 1..], unit);
            }
            if let Some(&next) = words.get(i + 1).filter(|_| phrases) {
                let pair = (key & !MORE, sh.keys[next as usize] & !MORE);
                if let Some(&id) = sh.pairs.get(&pair) {
                    self.add(id, unit);
                }
            }
        }
    }

    /// A word's compound parts, their synonym groups and the synonyms it starts;
    /// `rest` is the words after it.
    fn score_more(&mut self, sh: &Shared, info: &WordInfo, rest: &[u32], unit: f64) {
        for &part in info.parts() {
            self.add(part, unit * PART_WEIGHT);
        }
        for &g in info.syn_parts() {
            if let Some(&term) = sh.syn_terms.get(g as usize) {
                self.add(term, unit * PART_WEIGHT * SYNONYM_WEIGHT);
            }
        }
        // Few words start a synonym: skip the call for the others.
        if !info.syn_starts().is_empty() {
            self.add_synonyms(sh, info, rest, unit);
        }
    }

    fn add_synonyms(&mut self, sh: &Shared, info: &WordInfo, rest: &[u32], unit: f64) {
        // A group counts once per word; a word's starts are in group order, so the
        // members of one group are next to each other.
        let mut counted = None;
        for &(g, m) in info.syn_starts() {
            if counted == Some(g) {
                continue;
            }
            let len = sh.synonyms.member_len(g, m).saturating_sub(1);
            let Some(next) = rest.get(..len) else {
                continue;
            };
            if sh.synonyms.continues(g, m, next, &sh.vocab.info, sh.terms) {
                counted = Some(g);
                if let Some(&term) = sh.syn_terms.get(g as usize) {
                    self.add(term, unit * SYNONYM_WEIGHT);
                }
            }
        }
    }
}
