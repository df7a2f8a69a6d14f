//! A fast, deterministic hasher for the index builder's maps of short words and
//! integers (the Firefox/rustc "Fx" scheme). SipHash guards against hash flooding,
//! which does not apply to a build's own text, and cost a third of the indexing
//! time. Iteration order of these maps never reaches the output.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Fx: rotate, xor, multiply per 8-byte word.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Whole 8-byte words, then the rest as one word read with fixed-size loads
        // (a copy of variable length would call `memcpy` for every short word).
        let mut rest = bytes;
        while let Some((word, tail)) = rest.split_first_chunk::<8>() {
            self.add(u64::from_le_bytes(*word));
            rest = tail;
        }
        let n = rest.len() as u64;
        if let (Some((head, _)), Some((_, last))) =
            (rest.split_first_chunk::<4>(), rest.split_last_chunk::<4>())
        {
            // 4 to 7 bytes: the first four and the last four, overlapping.
            self.add(
                u64::from(u32::from_le_bytes(*head)) | u64::from(u32::from_le_bytes(*last)) << 32,
            );
        } else if let (Some(&first), Some(&last)) = (rest.first(), rest.last()) {
            let mid = rest[rest.len() / 2];
            self.add(n << 24 | u64::from(first) | u64::from(mid) << 8 | u64::from(last) << 16);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// The Fx hash of a byte string, eight bytes a step. Its high bits are the
/// well-mixed ones.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(bytes);
    h.finish()
}

/// Byte-string equality without a call to `memcmp` for words up to 16 bytes, the
/// length of nearly every word: a hash map of words compares one per lookup.
pub fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let word8 = |s: Option<&[u8; 8]>| s.map(|w| u64::from_le_bytes(*w));
    let word4 = |s: Option<&[u8; 4]>| s.map(|w| u32::from_le_bytes(*w));
    match a.len() {
        0..4 => a.iter().zip(b).all(|(x, y)| x == y),
        // Overlapping loads of the first and last bytes cover the whole word.
        4..8 => {
            word4(a.first_chunk()) == word4(b.first_chunk())
                && word4(a.last_chunk()) == word4(b.last_chunk())
        }
        8..=16 => {
            word8(a.first_chunk()) == word8(b.first_chunk())
                && word8(a.last_chunk()) == word8(b.last_chunk())
        }
        _ => a == b,
    }
}

/// A map from byte strings borrowed for `'t` to `u32`, for the hottest loop of
/// index building: a lookup for every word of every page. Open addressing with
/// linear probing in a power-of-two table kept at most half full; a slot holds
/// 32 bits of its key's hash beside the entry's index, so a probe rarely reads an
/// entry that is not the one sought. `std`'s `HashMap` (SIMD groups, a generic
/// hasher, an `Option` per step) took about twice the instructions here.
#[derive(Debug)]
pub struct BytesMap<'t> {
    /// (hash tag, entry index + 1); index 0 marks an empty slot.
    slots: Vec<(u32, u32)>,
    /// Where the slot index is in the hash: its top bits, Fx's best mixed.
    shift: u32,
    entries: Vec<(&'t [u8], u32)>,
}

impl Default for BytesMap<'_> {
    fn default() -> Self {
        BytesMap {
            slots: vec![(0, 0); 1 << 10],
            shift: 64 - 10,
            entries: Vec::new(),
        }
    }
}

impl<'t> BytesMap<'t> {
    /// The value of `key`, inserting `make()` if it has none.
    #[inline]
    pub fn get_or_insert_with(&mut self, key: &'t [u8], make: impl FnOnce() -> u32) -> u32 {
        let hash = hash_bytes(key);
        let tag = (hash >> 16) as u32;
        let mask = self.slots.len() - 1;
        let mut i = (hash >> self.shift) as usize;
        loop {
            let (t, e) = self.slots[i];
            if e == 0 {
                let value = make();
                self.entries.push((key, value));
                self.slots[i] = (tag, self.entries.len() as u32);
                if self.entries.len() * 2 > self.slots.len() {
                    self.grow();
                }
                return value;
            }
            if t == tag {
                let (k, v) = self.entries[e as usize - 1];
                if bytes_eq(k, key) {
                    return v;
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Doubles the table, placing every entry again.
    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        self.slots = vec![(0, 0); size];
        self.shift -= 1;
        for (e, (key, _)) in (1u32..).zip(&self.entries) {
            let hash = hash_bytes(key);
            let mut i = (hash >> self.shift) as usize;
            while self.slots[i].1 != 0 {
                i = (i + 1) & (size - 1);
            }
            self.slots[i] = ((hash >> 16) as u32, e);
        }
    }
}

/// A `HashMap` with [`FxHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_work_and_hashes_differ() {
        let mut m: FastMap<String, u32> = FastMap::default();
        m.insert("kanava".into(), 1);
        m.insert("kanavat".into(), 2);
        assert_eq!(m.get("kanava"), Some(&1));
        assert_eq!(m.get("kanavat"), Some(&2));
        let h = |s: &str| {
            let mut h = FxHasher::default();
            h.write(s.as_bytes());
            h.finish()
        };
        assert_ne!(h("a"), h("b"));
        assert_ne!(h("abcdefgh1"), h("abcdefgh2"));
        assert_ne!(h("abcde"), h("abcdf"));
        assert_ne!(h("ab"), h("ba"));
        assert_ne!(h("a"), h("aa"));
    }

    #[test]
    fn bytes_map_agrees_with_a_hash_map() {
        let words: Vec<String> = (0..5000u32)
            .map(|i| format!("w{}", i.wrapping_mul(2_654_435_761) % 3000))
            .collect();
        let mut fast = BytesMap::default();
        let mut reference: HashMap<&str, u32> = HashMap::new();
        for (i, w) in (0u32..).zip(&words) {
            let expected = *reference.entry(w.as_str()).or_insert(i);
            assert_eq!(fast.get_or_insert_with(w.as_bytes(), || i), expected, "{w}");
        }
        assert_eq!(fast.entries.len(), reference.len());
        assert!(fast.slots.len() >= 2 * fast.entries.len());
    }

    #[test]
    fn bytes_eq_compares_every_byte() {
        let words = [
            "", "a", "ab", "abc", "abcd", "abce", "abcdefg", "bbcdefg", "abcdefgh",
        ];
        let long = "a".repeat(40);
        let longer = [
            "abcdefghijklmnop",
            "abcdefghijklmnoq",
            "abcdefgXijklmnop",
            long.as_str(),
        ];
        let all: Vec<&str> = words.iter().chain(&longer).copied().collect();
        for a in &all {
            for b in &all {
                assert_eq!(bytes_eq(a.as_bytes(), b.as_bytes()), a == b, "{a} {b}");
            }
        }
    }
}
