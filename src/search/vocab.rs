//! The words of one language's pages: each distinct word once, with its index key,
//! its compound parts and the synonym phrases it may start.

use super::analyze::{Analyzer, MAX_WORD_LEN, fold_into, len16, lower_into};
use super::compound::{KnownWords, MIN_COMPOUND, compound_parts};
use super::fasthash::{BytesMap, Interner};
use super::synonyms::Synonyms;
use super::tokens::next_word;
use std::sync::atomic::{AtomicBool, Ordering};

/// What is known about one distinct word: 40 bytes, so that the vocabulary of a
/// small site (up to 2,048 words) stays below the allocator's "large" objects,
/// each of which opens a page of its own and clears a huge page on a thread that
/// has none of that size yet (BENCHMARKS.md).
#[derive(Debug, Default, Clone)]
pub(super) struct WordInfo {
    pub folded: String,
    /// Term id of its key (its stem, folded).
    pub key: u32,
    /// Its compound parts and synonyms: few words have any.
    more: Option<Box<More>>,
}

/// The rarer facts of a word.
#[derive(Debug, Default, Clone)]
struct More {
    /// Term ids of the keys of its compound parts.
    parts: Vec<u32>,
    /// Synonym phrases whose first word this is: (group, member), in that order.
    syn_starts: Vec<(u32, u32)>,
    /// Synonym groups one of its compound parts belongs to (`somekanava`: `some`).
    syn_parts: Vec<u32>,
}

impl WordInfo {
    /// Term ids of the keys of its compound parts.
    pub fn parts(&self) -> &[u32] {
        self.more.as_ref().map_or(&[], |m| &m.parts)
    }

    /// Synonym phrases whose first word this is: (group, member), in that order.
    pub fn syn_starts(&self) -> &[(u32, u32)] {
        self.more.as_ref().map_or(&[], |m| &m.syn_starts)
    }

    /// Synonym groups one of its compound parts belongs to (`somekanava`: `some`).
    pub fn syn_parts(&self) -> &[u32] {
        self.more.as_ref().map_or(&[], |m| &m.syn_parts)
    }

    /// Whether it has compound parts or starts or ends in a synonym.
    pub fn has_more(&self) -> bool {
        self.more.is_some()
    }

    fn more(&mut self) -> &mut More {
        self.more.get_or_insert_with(Box::default)
    }
}

/// Every distinct lowercased word of a language's pages but the stopwords.
#[derive(Debug, Default)]
pub(super) struct Vocab {
    words: Interner,
    pub info: Vec<WordInfo>,
    lower: String,
}

/// Marks a surface form that is not indexed: a stopword or an overlong word.
const SKIP: u32 = u32::MAX;

/// Builds a [`Vocab`] from texts that outlive it, remembering every surface form
/// (the word as written, borrowed from its text) with its word id: a text repeats
/// its words, so most tokens cost one lookup and no lowercasing, folding or copying.
#[derive(Debug, Default)]
pub(super) struct VocabBuilder<'t> {
    pub vocab: Vocab,
    surfaces: BytesMap<'t>,
}

impl<'t> VocabBuilder<'t> {
    /// Appends the ids of the non-stopwords of `text` to `out`.
    pub fn push_text(&mut self, analyzer: &Analyzer, text: &'t str, out: &mut Vec<u32>) {
        // The words of `tokens(text)`, as byte ranges: slicing bytes needs no
        // check of character boundaries.
        let mut pos = 0;
        while let Some((start, end, next)) = next_word(text, pos) {
            pos = next;
            let (vocab, form) = (&mut self.vocab, &text.as_bytes()[start..end]);
            let id = self
                .surfaces
                .get_or_insert_with(form, || vocab.add(analyzer, &text[start..end]));
            if id != SKIP {
                out.push(id);
            }
        }
    }
}

/// The distinct words of `texts` (lowercased, but stopwords and overlong words),
/// text by text until `stop` is set, and the key and the folded form of each by
/// its id.
pub(super) fn stem_ahead<'t>(
    analyzer: &Analyzer,
    texts: impl Iterator<Item = &'t str>,
    stop: &AtomicBool,
) -> (Interner, Vec<String>, Vec<String>) {
    let mut builder = VocabBuilder::default();
    let (mut ids, mut keys) = (Vec::new(), Vec::new());
    for text in texts {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        builder.push_text(analyzer, text, &mut ids);
        ids.clear();
        for word in &builder.vocab.words.names[keys.len()..] {
            keys.push(analyzer.key(word).into_owned());
        }
    }
    let Vocab { words, info, .. } = builder.vocab;
    (words, keys, info.into_iter().map(|i| i.folded).collect())
}

impl Vocab {
    /// The id of a word as written, adding it if new; [`SKIP`] for stopwords and
    /// overlong words.
    fn add(&mut self, analyzer: &Analyzer, token: &str) -> u32 {
        // Most words are lowercase already: look them up without copying.
        let lower = if is_lowercase(token) {
            token
        } else {
            lower_into(token, &mut self.lower);
            self.lower.as_str()
        };
        if lower.len() > MAX_WORD_LEN && len16(lower) > MAX_WORD_LEN {
            return SKIP;
        }
        if let Some(id) = self.words.get(lower) {
            return id;
        }
        let folded = match analyzer.learned_folded(lower) {
            // Folded and found no stopword by the stemming ahead.
            Some(folded) => folded.to_owned(),
            None => {
                let mut folded = String::new();
                fold_into(lower, &mut folded);
                if analyzer.is_stopword(&folded) {
                    return SKIP;
                }
                folded
            }
        };
        let id = self.words.intern(lower);
        self.info.push(WordInfo {
            folded,
            ..WordInfo::default()
        });
        id
    }

    /// Adds the words of another vocabulary; returns their ids here, by their ids
    /// there, or `None` when they keep their ids (this vocabulary was empty, and
    /// is now the other one).
    pub fn merge(&mut self, other: Vocab) -> Option<Vec<u32>> {
        if self.info.is_empty() {
            *self = other;
            return None;
        }
        let mut ids = Vec::with_capacity(other.info.len());
        for (name, info) in other.words.names.into_iter().zip(other.info) {
            let id = self.words.intern(&name);
            if id as usize == self.info.len() {
                self.info.push(info);
            }
            ids.push(id);
        }
        Some(ids)
    }

    /// As [`merge`](Self::merge), for a vocabulary that stays where it is.
    pub fn merge_shared(&mut self, other: &Vocab) -> Vec<u32> {
        let mut ids = Vec::with_capacity(other.info.len());
        for (name, info) in other.words.names.iter().zip(&other.info) {
            let id = self.words.intern(name);
            if id as usize == self.info.len() {
                self.info.push(info.clone());
            }
            ids.push(id);
        }
        ids
    }

    /// Stems every word into `terms`, then finds compound parts and synonym starts.
    pub fn analyze(&mut self, analyzer: &Analyzer, terms: &mut Interner, synonyms: &Synonyms) {
        for (lower, info) in self.words.names.iter().zip(self.info.iter_mut()) {
            info.key = terms.intern(&analyzer.key(lower));
        }
        if analyzer.splits_compounds() {
            self.split_compounds(terms, synonyms);
        }
        for info in &mut self.info {
            let key = &terms.names[info.key as usize];
            let starts = synonyms.starts(&info.folded, key);
            if !starts.is_empty() {
                info.more().syn_starts = starts;
            }
            let mut syn_parts = Vec::new();
            for &part in info.parts() {
                for &g in synonyms.single_word_groups(&terms.names[part as usize]) {
                    if !syn_parts.contains(&g) {
                        syn_parts.push(g);
                    }
                }
            }
            if !syn_parts.is_empty() {
                info.more().syn_parts = syn_parts;
            }
        }
    }

    fn split_compounds(&mut self, terms: &Interner, synonyms: &Synonyms) {
        // Words known on their own: every surface word (to its key) and every key.
        let mut known = KnownWords::with_capacity(self.info.len() + terms.names.len());
        for info in &self.info {
            known.insert(&info.folded, info.key);
        }
        for (name, id) in terms.names.iter().zip(0u32..) {
            known.insert(name, id);
        }
        for (word, key) in synonyms.words() {
            if let Some(id) = terms.get(key) {
                known.insert(word, id);
            }
        }
        let parts: Vec<Vec<u32>> = self
            .info
            .iter()
            .map(|info| {
                if len16(&info.folded) < MIN_COMPOUND {
                    return Vec::new();
                }
                let key = &terms.names[info.key as usize];
                let mut parts = compound_parts(&info.folded, key, &known, terms);
                parts.retain(|&p| p != info.key);
                parts
            })
            .collect();
        for (info, parts) in self.info.iter_mut().zip(parts) {
            if !parts.is_empty() {
                info.more().parts = parts;
            }
        }
    }
}

/// Whether lowercasing leaves a word as it is.
fn is_lowercase(word: &str) -> bool {
    let bytes = word.as_bytes();
    // ASCII and Latin-1 (0xC3 xx): capitals are A-Z and 0xC3 0x80..=0x9E.
    let mut simple = true;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if b.is_ascii_uppercase() {
                return false;
            }
            i += 1;
        } else if b == 0xC3 {
            if bytes
                .get(i + 1)
                .is_some_and(|&c| (0x80..=0x9E).contains(&c))
            {
                return false;
            }
            i += 2;
        } else {
            simple = false;
            break;
        }
    }
    simple
        || word.chars().all(|c| {
            let mut lower = c.to_lowercase();
            lower.next() == Some(c) && lower.next().is_none()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab_of(lang: &str, text: &str) -> (Vocab, Interner) {
        let analyzer = Analyzer::new(lang);
        let mut builder = VocabBuilder::default();
        let mut ids = Vec::new();
        builder.push_text(&analyzer, text, &mut ids);
        let mut vocab = builder.vocab;
        let mut terms = Interner::default();
        vocab.analyze(&analyzer, &mut terms, &Synonyms::default());
        (vocab, terms)
    }

    #[test]
    fn a_small_sites_vocabulary_is_no_large_allocation() {
        // mimalloc's "medium" objects end at about 84 KiB.
        assert!(2048 * std::mem::size_of::<WordInfo>() <= 84 * 1024);
    }

    fn parts_of(vocab: &Vocab, terms: &Interner, word: &str) -> Vec<String> {
        let info = vocab.info.iter().find(|i| i.folded == word);
        let mut parts: Vec<String> = info
            .map(|i| {
                i.parts()
                    .iter()
                    .map(|&p| terms.names[p as usize].clone())
                    .collect()
            })
            .unwrap_or_default();
        parts.sort();
        parts
    }

    #[test]
    fn compounds_split_on_words_known_from_the_corpus() {
        let (vocab, terms) = vocab_of(
            "fi",
            "Some on tärkeä. Kanava ja somekanava. Vaalit ja vaalikausi. Tapa ja tapahtuma.",
        );
        assert_eq!(parts_of(&vocab, &terms, "somekanava"), ["kanav", "some"]);
        assert_eq!(parts_of(&vocab, &terms, "vaalikausi"), ["vaali"]);
        assert!(parts_of(&vocab, &terms, "tapahtuma").is_empty());
    }

    #[test]
    fn words_stemmed_ahead_are_added_as_fresh_ones() {
        // Diacritics (folded), capitals, a stopword and words met only later.
        let ahead_text = "Näkyvyys ja SOMESSA; työnantajakuva ääni.";
        let text = "Somessa näkyvyys, työnantajakuva ja Ääni. Kanavalla yö.";
        let vocab = |analyzer: &Analyzer| {
            let mut builder = VocabBuilder::default();
            builder.push_text(analyzer, text, &mut Vec::new());
            let v = builder.vocab;
            let folded = v.info.iter().map(|i| i.folded.clone());
            v.words
                .names
                .iter()
                .cloned()
                .zip(folded)
                .collect::<Vec<_>>()
        };
        let mut ahead = Analyzer::new("fi");
        ahead.learn([ahead_text].into_iter(), &AtomicBool::new(false));
        assert_eq!(ahead.learned_folded("näkyvyys"), Some("nakyvyys"));
        assert_eq!(ahead.learned_folded("ja"), None, "a stopword");
        let fresh = vocab(&Analyzer::new("fi"));
        assert_eq!(vocab(&ahead), fresh);
        assert!(fresh.contains(&("ääni".to_owned(), "aani".to_owned())));
    }

    #[test]
    fn lowercase_words_are_recognized() {
        assert!(is_lowercase("näkyvyys"));
        assert!(!is_lowercase("Näkyvyys"));
        assert!(!is_lowercase("NÄKYVYYS"));
        assert!(!is_lowercase("ǅ"));
        assert!(is_lowercase("24h"));
    }

    #[test]
    fn english_does_not_split() {
        let (vocab, terms) = vocab_of("en", "some times and sometimes");
        assert!(parts_of(&vocab, &terms, "sometimes").is_empty());
    }
}
