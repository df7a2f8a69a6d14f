//! Scoring every target: weighted, length-normalized, saturated term frequencies
//! per key (BM25F without the idf, which `index::finish` multiplies in), computed
//! in parallel chunks of targets.

use rayon::prelude::*;

use super::fasthash::FastMap;
use super::index::{
    Field, K1, PART_WEIGHT, SYNONYM_WEIGHT, TargetFields, average_lengths, field_index,
};
use super::vocab::{Interner, Synonyms, Vocab, WordInfo};

/// Targets scored per parallel task.
const TARGET_CHUNK: usize = 256;

/// What every chunk reads.
struct Shared<'a> {
    vocab: &'a Vocab,
    synonyms: &'a Synonyms,
    terms: &'a Interner,
    syn_terms: Vec<u32>,
    avg: [f64; 7],
    words: &'a [u32],
    /// Per word id: the term id of its exact-word key, if it occurs in a title or
    /// heading.
    exact: Vec<u32>,
    /// Phrase pair (key, key) -> its term id.
    pairs: FastMap<(u32, u32), u32>,
}

/// The postings of every term id: targets, ascending, with the saturated frequency
/// of the term in each, all terms' lists in two flat arrays.
pub(super) struct TermPostings {
    /// Term `t`'s postings are at `starts[t]..starts[t + 1]`.
    starts: Vec<usize>,
    targets: Vec<u32>,
    sats: Vec<f64>,
}

impl TermPostings {
    /// Sorts the (term, target, saturated frequency) triples of scored chunks,
    /// given in target order, by term (a counting sort: no list per term to grow).
    /// Each chunk is freed once placed, so the triples and the arrays are not all
    /// in memory at once (the arrays' zeroed pages are only mapped when written).
    fn gather(chunks: Vec<Vec<(u32, u32, f64)>>, terms: usize) -> TermPostings {
        let mut starts = vec![0usize; terms + 1];
        for &(term, _, _) in chunks.iter().flatten() {
            starts[term as usize + 1] += 1;
        }
        for t in 0..terms {
            starts[t + 1] += starts[t];
        }
        let total = starts[terms];
        let (mut targets, mut sats) = (vec![0u32; total], vec![0f64; total]);
        let mut next = starts.clone();
        for chunk in chunks {
            for (term, target, sat) in chunk {
                let i = &mut next[term as usize];
                (targets[*i], sats[*i]) = (target, sat);
                *i += 1;
            }
        }
        TermPostings {
            starts,
            targets,
            sats,
        }
    }

    /// Number of term ids.
    pub fn terms(&self) -> usize {
        self.starts.len() - 1
    }

    /// Targets of term `t` with its saturated frequency in each.
    pub fn of(&self, t: usize) -> (&[u32], &[f64]) {
        let range = self.starts[t]..self.starts[t + 1];
        (&self.targets[range.clone()], &self.sats[range])
    }
}

/// The postings of every term.
pub(super) fn score_all(
    vocab: &Vocab,
    synonyms: &Synonyms,
    words: &[u32],
    fields: &[TargetFields],
    terms: &mut Interner,
) -> TermPostings {
    let syn_terms = (0..synonyms.groups.len())
        .map(|g| terms.intern(&format!("~{g}")))
        .collect();
    let (exact, pairs) = short_field_keys(vocab, words, fields, terms);
    let shared = Shared {
        vocab,
        synonyms,
        terms,
        syn_terms,
        avg: average_lengths(fields),
        words,
        exact,
        pairs,
    };
    let chunks: Vec<Vec<(u32, u32, f64)>> = fields
        .par_chunks(TARGET_CHUNK)
        .enumerate()
        .map(|(c, fields)| {
            let mut scratch = Scratch {
                slot: vec![0; shared.terms.names.len()],
                order: Vec::new(),
            };
            // About one posting for every other word.
            let words: usize = fields
                .iter()
                .flat_map(|f| &f.fields)
                .map(|f| f.2 - f.1)
                .sum();
            let mut out = Vec::with_capacity(words / 2);
            for (t, f) in ((c * TARGET_CHUNK) as u32..).zip(fields) {
                scratch.score_target(&shared, t, f, &mut out);
            }
            out
        })
        .collect();
    TermPostings::gather(chunks, terms.names.len())
}

/// Interns the exact-word keys of titles and headings and the phrase pairs of
/// titles, headings and descriptions, before scoring in parallel.
fn short_field_keys(
    vocab: &Vocab,
    words: &[u32],
    fields: &[TargetFields],
    terms: &mut Interner,
) -> (Vec<u32>, FastMap<(u32, u32), u32>) {
    let mut exact = vec![u32::MAX; vocab.info.len()];
    let mut pairs: FastMap<(u32, u32), u32> = FastMap::default();
    for &(field, start, end) in fields.iter().flat_map(|t| &t.fields) {
        let ws = &words[start..end];
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
        target: u32,
        fields: &TargetFields,
        out: &mut Vec<(u32, u32, f64)>,
    ) {
        for &(field, start, end) in &fields.fields {
            self.score_field(sh, field, &sh.words[start..end]);
        }
        for &(term, tf) in &self.order {
            let saturated = tf * (K1 + 1.0) / (tf + K1);
            out.push((term, target, saturated));
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
            let info = &sh.vocab.info[w as usize];
            self.add(info.key, unit);
            if exact {
                self.add(sh.exact[w as usize], unit);
            }
            for &part in &info.parts {
                self.add(part, unit * PART_WEIGHT);
            }
            for &g in &info.syn_parts {
                if let Some(&term) = sh.syn_terms.get(g as usize) {
                    self.add(term, unit * PART_WEIGHT * SYNONYM_WEIGHT);
                }
            }
            // Few words start a synonym: skip the call for the others.
            if !info.syn_starts.is_empty() {
                self.add_synonyms(sh, info, &words[i + 1..], unit);
            }
            if let Some(&next) = words.get(i + 1).filter(|_| phrases) {
                let pair = (info.key, sh.vocab.info[next as usize].key);
                if let Some(&id) = sh.pairs.get(&pair) {
                    self.add(id, unit);
                }
            }
        }
    }

    fn add_synonyms(&mut self, sh: &Shared, info: &WordInfo, rest: &[u32], unit: f64) {
        // A group counts once per word; a word's starts are in group order, so the
        // members of one group are next to each other.
        let mut counted = None;
        for &(g, m) in &info.syn_starts {
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
