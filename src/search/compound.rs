//! Compound words (Finnish, Swedish, German...): the parts of a long word that are
//! words of their own, so that `kanava` finds `somekanava`.
//!
//! Splitting asks, for every place inside every long word of a language's pages,
//! whether the text before it is a known word. [`KnownWords`] answers that with a
//! hash that grows a byte at a time: each prefix costs one step of hashing and one
//! probe, where a map of strings hashed every prefix from its first byte again
//! (splitting took about half of the Finnish index's analysis of the shipped
//! handbook, BENCHMARKS.md).

use super::analyze::len16;
use super::fasthash::{Interner, SEED};

/// Shortest word tried as a compound, and shortest part.
pub(super) const MIN_COMPOUND: usize = 7;
const MIN_PART: usize = 3;

/// Words known on their own, each with a term id: surface words (to their keys),
/// keys, and the words of synonyms. Open addressing with linear probing, at most
/// half full; a slot holds the word's whole 64-bit hash, so a probe reads the word
/// itself only when the hashes are equal.
#[derive(Debug)]
pub(super) struct KnownWords<'a> {
    /// (hash, index in `words` + 1); 0 marks an empty slot.
    slots: Vec<(u64, u32)>,
    /// Where the slot index is in the hash: its top bits, the best mixed.
    shift: u32,
    words: Vec<(&'a str, u32)>,
}

/// The hash of a byte string extended by one byte.
#[inline]
fn step(hash: u64, byte: u8) -> u64 {
    (hash.rotate_left(5) ^ u64::from(byte)).wrapping_mul(SEED)
}

fn hash_of(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |h, &b| step(h, b))
}

impl<'a> KnownWords<'a> {
    /// An empty table with room for `n` words.
    pub fn with_capacity(n: usize) -> KnownWords<'a> {
        let size = (2 * n).next_power_of_two().max(16);
        KnownWords {
            slots: vec![(0, 0); size],
            shift: 64 - size.trailing_zeros(),
            words: Vec::with_capacity(n),
        }
    }

    /// Adds `word` with its term id, unless it is known already: the first id given
    /// a word stays.
    pub fn insert(&mut self, word: &'a str, id: u32) {
        let hash = hash_of(word.as_bytes());
        if let Err(slot) = self.find(word, hash) {
            self.words.push((word, id));
            self.slots[slot] = (hash, self.words.len() as u32);
            if self.words.len() * 2 > self.slots.len() {
                self.grow();
            }
        }
    }

    /// The term id of a known word.
    pub fn get(&self, word: &str) -> Option<u32> {
        self.find(word, hash_of(word.as_bytes())).ok()
    }

    /// The term id of `word`, given its hash; or the empty slot where it would go.
    #[inline]
    fn find(&self, word: &str, hash: u64) -> Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let mut i = (hash >> self.shift) as usize;
        loop {
            match self.slots[i] {
                (_, 0) => return Err(i),
                (h, w) if h == hash => {
                    let (known, id) = self.words[w as usize - 1];
                    if known == word {
                        return Ok(id);
                    }
                }
                _ => {}
            }
            i = (i + 1) & mask;
        }
    }

    /// Doubles the table, placing every word again.
    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        let old = std::mem::replace(&mut self.slots, vec![(0, 0); size]);
        self.shift -= 1;
        for (hash, w) in old.into_iter().filter(|&(_, w)| w != 0) {
            let mut i = (hash >> self.shift) as usize;
            while self.slots[i].1 != 0 {
                i = (i + 1) & (size - 1);
            }
            self.slots[i] = (hash, w);
        }
    }

    /// Every known word that starts `word` and leaves at least [`MIN_PART`]
    /// characters of it, itself of at least [`MIN_PART`] characters: (its length in
    /// bytes, its term id), shortest first.
    fn heads(&self, word: &str, mut each: impl FnMut(usize, u32)) {
        let n = len16(word);
        let bytes = word.as_bytes();
        let mut hash = 0;
        let mut hashed = 0;
        for (chars, (i, _)) in word.char_indices().enumerate() {
            if chars + MIN_PART > n {
                break;
            }
            if chars < MIN_PART {
                continue;
            }
            hash = bytes[hashed..i].iter().fold(hash, |h, &b| step(h, b));
            hashed = i;
            if let Ok(id) = self.find(&word[..i], hash) {
                each(i, id);
            }
        }
    }
}

/// The keys of the parts of a compound word, from splits whose first part is a word
/// known on its own: `somekanava` -> `some` + `kanav`, `vaalikausi` -> `vaali`.
///
/// `folded` is the word, `key` its own stem. The second part's key is the rest of the
/// stem when that is a key of its own (`kanav`); the first part is kept when the rest
/// is a known word or looks like the start of one (not two consonants, as in
/// `tapa|htuma`), so `tapahtuma` is no compound of `tapa`.
pub(super) fn compound_parts(
    folded: &str,
    key: &str,
    known: &KnownWords,
    terms: &Interner,
) -> Vec<u32> {
    let mut parts = Vec::new();
    known.heads(folded, |i, head| {
        let tail = &folded[i..];
        let stem_tail = key
            .get(i..)
            .filter(|t| key.starts_with(&folded[..i]) && len16(t) >= MIN_PART)
            .and_then(|t| terms.get(t));
        if let Some(t) = stem_tail {
            parts.push(t);
        } else if let Some(t) = known.get(tail) {
            parts.push(t);
        } else if !plausible_word_start(tail) {
            return;
        }
        parts.push(head);
    });
    parts.sort_unstable();
    parts.dedup();
    parts
}

/// A rest of at least four letters that does not open with two consonants.
fn plausible_word_start(tail: &str) -> bool {
    let mut chars = tail.chars();
    let (Some(a), Some(b)) = (chars.next(), chars.next()) else {
        return false;
    };
    len16(tail) >= 4 && (is_vowel(a) || is_vowel(b))
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Words with shared beginnings, non-ASCII letters, and enough of them that the
    /// table grows several times.
    fn words() -> Vec<String> {
        let stems = [
            "some",
            "kanava",
            "vaali",
            "näkyvyys",
            "työ",
            "äänestys",
            "x",
        ];
        let ends = ["", "kausi", "kanava", "ssa", "nantaja", "öljy", "t"];
        let mut out = Vec::new();
        for (i, s) in stems.iter().enumerate() {
            for e in ends {
                out.push(format!("{s}{e}"));
                out.push(format!("{s}{e}{i}"));
            }
        }
        out
    }

    #[test]
    fn known_words_answer_as_a_map_does_and_keep_the_first_id() {
        let words = words();
        let mut known = KnownWords::with_capacity(1);
        let mut map: HashMap<&str, u32> = HashMap::new();
        for (id, w) in (0u32..).zip(words.iter().chain(&words)) {
            known.insert(w, id);
            map.entry(w).or_insert(id);
        }
        assert!(known.slots.len() > 16, "the table grew");
        for w in &words {
            assert_eq!(known.get(w), map.get(w.as_str()).copied(), "{w}");
            // Every prefix, known or not, at every character boundary.
            for (i, _) in w.char_indices() {
                assert_eq!(known.get(&w[..i]), map.get(&w[..i]).copied(), "{w}");
            }
        }
        assert_eq!(known.get("kanavakausi9"), None);
    }

    #[test]
    fn heads_are_the_known_prefixes_that_leave_a_part() {
        let words = words();
        let mut known = KnownWords::with_capacity(words.len());
        for (id, w) in (0u32..).zip(&words) {
            known.insert(w, id);
        }
        for w in &words {
            let n = len16(w);
            let expected: Vec<(usize, u32)> = w
                .char_indices()
                .enumerate()
                .filter(|&(chars, _)| chars >= MIN_PART && chars + MIN_PART <= n)
                .filter_map(|(_, (i, _))| known.get(&w[..i]).map(|id| (i, id)))
                .collect();
            let mut found = Vec::new();
            known.heads(w, |i, id| found.push((i, id)));
            assert_eq!(found, expected, "{w}");
        }
        let mut found = Vec::new();
        known.heads("somekanava", |i, _| found.push(i));
        assert_eq!(found, [4], "some|kanava, and not kanava itself");
    }
}
