//! The words of one language's pages: each distinct word once, with its index key,
//! its compound parts and the synonym phrases it may start.

use super::analyze::{Analyzer, MAX_WORD_LEN, fold_into, len16, lower_into, next_word, tokens};
use super::compound::{KnownWords, MIN_COMPOUND, compound_parts};
use super::fasthash::{BytesMap, FastMap, Interner};
use super::matching::is_form_of;
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

/// The site's synonym groups of one language, analyzed: each member a sequence of
/// keys. A phrase of a text is an occurrence of a member when each of its words is a
/// form of the member's key at that place.
#[derive(Debug, Default)]
pub struct Synonyms {
    /// group -> member -> (folded word, key) per word.
    pub groups: Vec<Vec<Vec<(String, String)>>>,
    /// The members (group, member) by their first word's key, and by that key's
    /// first three bytes: the only members a word can be a form of (see
    /// [`starts`](Self::starts)).
    by_key: FastMap<String, Vec<(u32, u32)>>,
    by_head: FastMap<Vec<u8>, Vec<(u32, u32)>>,
    /// The groups with a member of one word, by that word's key, in group order:
    /// asked for every compound part of every word.
    by_single: FastMap<String, Vec<u32>>,
}

impl Synonyms {
    pub fn new(analyzer: &Analyzer, groups: &[Vec<String>]) -> Synonyms {
        let mut lower = String::new();
        let mut out = Vec::new();
        for group in groups {
            let mut members = Vec::new();
            for member in group {
                let mut words = Vec::new();
                for token in tokens(member) {
                    lower_into(token, &mut lower);
                    let mut folded = String::new();
                    fold_into(&lower, &mut folded);
                    if !analyzer.is_stopword(&folded) {
                        words.push((folded, analyzer.key(&lower).into_owned()));
                    }
                }
                if !words.is_empty() && !members.contains(&words) {
                    members.push(words);
                }
            }
            if members.len() > 1 {
                out.push(members);
            }
        }
        let mut syn = Synonyms {
            groups: out,
            ..Synonyms::default()
        };
        for (g, group) in (0u32..).zip(&syn.groups) {
            for (m, member) in (0u32..).zip(group) {
                if let [(_, k)] = member.as_slice() {
                    let groups = syn.by_single.entry(k.clone()).or_default();
                    if groups.last() != Some(&g) {
                        groups.push(g);
                    }
                }
                if let Some((_, k)) = member.first() {
                    syn.by_key.entry(k.clone()).or_default().push((g, m));
                    syn.by_head
                        .entry(head3(k).to_vec())
                        .or_default()
                        .push((g, m));
                }
            }
        }
        syn
    }

    /// Every (folded word, key) of every member.
    fn words(&self) -> impl Iterator<Item = (&str, &str)> {
        self.groups
            .iter()
            .flatten()
            .flatten()
            .map(|(w, k)| (w.as_str(), k.as_str()))
    }

    /// The members whose first word a text word (folded, with its key) is a form of,
    /// in order of group and member.
    ///
    /// Index building asks this of every distinct word: rather than trying every
    /// member, it looks at those whose first key is the word's own key, and those
    /// whose first key starts with the word's first three bytes, which every other
    /// form shares (see [`is_form_of`]).
    fn starts(&self, folded: &str, key: &str) -> Vec<(u32, u32)> {
        let mut out: Vec<(u32, u32)> = self.by_key.get(key).cloned().unwrap_or_default();
        if let Some(candidates) = self.by_head.get(head3(folded)) {
            out.extend(candidates.iter().filter(|&&(g, m)| {
                self.groups[g as usize][m as usize]
                    .first()
                    .is_some_and(|(_, k)| is_form_of(folded, k))
            }));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// [`starts`](Self::starts) by trying every member.
    #[cfg(test)]
    fn starts_by_trying_all(&self, folded: &str, key: &str) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        for (g, group) in (0u32..).zip(&self.groups) {
            for (m, member) in (0u32..).zip(group) {
                if member
                    .first()
                    .is_some_and(|(_, k)| word_is_form(folded, key, k))
                {
                    out.push((g, m));
                }
            }
        }
        out
    }

    /// Groups with a one-word member whose key is `key`, in order.
    fn single_word_groups(&self, key: &str) -> &[u32] {
        self.by_single.get(key).map_or(&[], Vec::as_slice)
    }

    /// Whether the words after a matched first word (ids into `words`) continue
    /// member `m` of group `g`.
    pub fn continues(
        &self,
        g: u32,
        m: u32,
        rest: &[u32],
        words: &[WordInfo],
        terms: &Interner,
    ) -> bool {
        let Some(member) = self
            .groups
            .get(g as usize)
            .and_then(|gr| gr.get(m as usize))
        else {
            return false;
        };
        let tail = member.get(1..).unwrap_or_default();
        tail.len() <= rest.len()
            && tail.iter().zip(rest).all(|((_, k), &w)| {
                let info = &words[w as usize];
                word_is_form(&info.folded, &terms.names[info.key as usize], k)
            })
    }

    /// Length in words of member `m` of group `g`.
    pub fn member_len(&self, g: u32, m: u32) -> usize {
        self.groups
            .get(g as usize)
            .and_then(|gr| gr.get(m as usize))
            .map_or(0, Vec::len)
    }
}

/// The first three bytes of a word, or all of a shorter one.
fn head3(word: &str) -> &[u8] {
    &word.as_bytes()[..word.len().min(3)]
}

/// A text word (folded, with its own key) is a form of a synonym's key `k`.
fn word_is_form(folded: &str, key: &str, k: &str) -> bool {
    key == k || is_form_of(folded, k)
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

    #[test]
    fn synonym_members_are_analyzed_phrases() {
        let analyzer = Analyzer::new("fi");
        let groups = vec![vec![
            "some".to_owned(),
            "sosiaalinen media".to_owned(),
            "sosiaalisen median".to_owned(),
        ]];
        let syn = Synonyms::new(&analyzer, &groups);
        let keys: Vec<Vec<&str>> = syn.groups[0]
            .iter()
            .map(|m| m.iter().map(|(_, k)| k.as_str()).collect())
            .collect();
        assert_eq!(
            keys,
            [
                vec!["some"],
                vec!["sosiaalin", "med"],
                vec!["sosiaalis", "media"]
            ]
        );
        assert_eq!(syn.starts("sosiaalisessa", "sosiaalis"), [(0, 1), (0, 2)]);
        assert_eq!(syn.starts("somessa", "some"), [(0, 0)]);
        assert!(syn.starts("sosiaaliturva", "sosiaaliturv").is_empty());
    }

    #[test]
    fn synonym_starts_are_found_as_by_trying_every_member() {
        let analyzer = Analyzer::new("fi");
        let groups: Vec<Vec<String>> = [
            &["some", "sosiaalinen media", "sosiaalisen median"][..],
            &["x", "twitter"],
            &["fb", "facebook"],
            &["vaalit", "vaalikausi"],
            &["ääni", "äänestys"],
        ]
        .iter()
        .map(|g| g.iter().map(|w| (*w).to_owned()).collect())
        .collect();
        let syn = Synonyms::new(&analyzer, &groups);
        let words = [
            "some",
            "somessa",
            "sosiaalisessa",
            "sosiaalinen",
            "x",
            "xx",
            "twitterissä",
            "fb",
            "facebookissa",
            "vaaleissa",
            "vaalit",
            "äänet",
            "äänestyksessä",
            "so",
            "tw",
            "",
        ];
        for w in words {
            let mut lower = String::new();
            lower_into(w, &mut lower);
            let key = analyzer.key(&lower);
            let mut folded = String::new();
            fold_into(&lower, &mut folded);
            assert_eq!(
                syn.starts(&folded, &key),
                syn.starts_by_trying_all(&folded, &key),
                "{w}"
            );
        }
        assert_eq!(syn.starts("somessa", "some"), [(0, 0)]);
    }

    #[test]
    fn single_word_groups_are_those_a_scan_of_every_member_finds() {
        let analyzer = Analyzer::new("fi");
        // `kanava` is a one-word member of two groups and twice of one; `some` is
        // one word of a group and the first of a phrase in another.
        let groups: Vec<Vec<String>> = [
            &["some", "sosiaalinen media"][..],
            &["kanava", "kanavat", "somekanava"],
            &["some kanava", "kanava", "x"],
            &["twitter", "x"],
        ]
        .iter()
        .map(|g| g.iter().map(|w| (*w).to_owned()).collect())
        .collect();
        let syn = Synonyms::new(&analyzer, &groups);
        let scan = |key: &str| -> Vec<u32> {
            let groups = (0u32..).zip(&syn.groups);
            let has =
                |g: &Vec<Vec<(String, String)>>| g.iter().any(|m| m.len() == 1 && m[0].1 == key);
            groups.filter(|(_, g)| has(g)).map(|(g, _)| g).collect()
        };
        let keys: Vec<String> = syn.words().map(|(_, k)| k.to_owned()).collect();
        for key in keys.iter().map(String::as_str).chain(["media", "nothing"]) {
            assert_eq!(syn.single_word_groups(key), scan(key), "{key}");
        }
        assert_eq!(syn.single_word_groups(&analyzer.key("kanava")), [1, 2]);
    }

    #[test]
    fn groups_of_one_member_are_dropped() {
        let analyzer = Analyzer::new("en");
        let groups = vec![vec!["Tweet".to_owned(), "tweet".to_owned()], vec![]];
        assert!(Synonyms::new(&analyzer, &groups).groups.is_empty());
    }
}
