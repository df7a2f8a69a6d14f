//! The index builder's maps of short words and integers: a fast, deterministic
//! hasher (the Firefox/rustc "Fx" scheme), a map from borrowed words to ids for
//! the tokenizer's hot loop, and an interner. SipHash guards against hash flooding,
//! which does not apply to a build's own text, and cost a third of the indexing
//! time. Iteration order of these maps never reaches the output.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Fx: rotate, xor, multiply per 8-byte word.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

/// The Fx multiplier; `compound.rs` hashes a byte at a time with it.
pub(super) const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

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
/// linear probing in a power-of-two table kept at most half full. A slot holds
/// its key's first eight bytes and length beside the value, so a lookup reads one
/// slot and, for words of up to eight bytes (most), not their text, which lies
/// wherever the word first occurred. `std`'s `HashMap` (SIMD groups, a generic
/// hasher, an `Option` per step) took about twice the instructions here.
#[derive(Debug)]
pub struct BytesMap<'t> {
    slots: Vec<Slot<'t>>,
    /// Where the slot index is in the hash: its top bits, Fx's best mixed.
    shift: u32,
    /// Keys in the map.
    count: usize,
}

#[derive(Debug, Clone, Copy, Default)]
struct Slot<'t> {
    /// The key's first eight bytes, little-endian, zero-padded.
    head: u64,
    /// The key's length plus one; 0 marks an empty slot.
    len: u32,
    value: u32,
    key: &'t [u8],
}

/// The first eight bytes of `key`, little-endian, zero-padded. Shorter keys are
/// read as two overlapping words, or three bytes (a copy into a buffer, then a
/// load of it, stalled the hottest loop).
#[inline]
fn head(key: &[u8]) -> u64 {
    let n = key.len();
    if let Some(first) = key.first_chunk::<8>() {
        return u64::from_le_bytes(*first);
    }
    if let (Some(lo), Some(hi)) = (key.first_chunk::<4>(), key.last_chunk::<4>()) {
        // Bytes both words hold are the same, so or-ing them is exact.
        let (lo, hi) = (u32::from_le_bytes(*lo), u32::from_le_bytes(*hi));
        return u64::from(lo) | u64::from(hi) << (8 * (n - 4));
    }
    match (key.first(), key.get(n / 2), key.last()) {
        (Some(&a), Some(&b), Some(&c)) => {
            u64::from(a) | u64::from(b) << (8 * (n / 2)) | u64::from(c) << (8 * (n - 1))
        }
        _ => 0,
    }
}

impl Default for BytesMap<'_> {
    fn default() -> Self {
        BytesMap {
            slots: vec![Slot::default(); 1 << 10],
            shift: 64 - 10,
            count: 0,
        }
    }
}

impl<'t> BytesMap<'t> {
    /// The value of `key`, inserting `make()` if it has none.
    #[inline]
    pub fn get_or_insert_with(&mut self, key: &'t [u8], make: impl FnOnce() -> u32) -> u32 {
        let (hash, head, len) = (hash_bytes(key), head(key), key.len() as u32 + 1);
        let mask = self.slots.len() - 1;
        let mut i = (hash >> self.shift) as usize;
        loop {
            let slot = self.slots[i];
            if slot.len == 0 {
                let value = make();
                self.slots[i] = Slot {
                    head,
                    len,
                    value,
                    key,
                };
                self.count += 1;
                if self.count * 2 > self.slots.len() {
                    self.grow();
                }
                return value;
            }
            // Keys of up to eight bytes are equal when their heads and lengths are.
            if slot.head == head
                && slot.len == len
                && (len <= 9 || bytes_eq(&slot.key[8..], &key[8..]))
            {
                return slot.value;
            }
            i = (i + 1) & mask;
        }
    }

    /// Doubles the table, placing every key again.
    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); size]);
        self.shift -= 1;
        for slot in old.into_iter().filter(|s| s.len != 0) {
            let mut i = (hash_bytes(slot.key) >> self.shift) as usize;
            while self.slots[i].len != 0 {
                i = (i + 1) & (size - 1);
            }
            self.slots[i] = slot;
        }
    }
}

/// Interned strings with dense ids in order of first appearance. Each string is
/// stored once, in `names`; the table beside it holds ids (and 32 bits of each
/// string's hash), so a lookup hashes once and an insert allocates once.
#[derive(Debug)]
pub struct Interner {
    /// Open addressing, linear probing, at most half full: (hash tag, id + 1),
    /// 0 marking an empty slot.
    slots: Vec<(u32, u32)>,
    /// Where the slot index is in the hash: its top bits.
    shift: u32,
    pub names: Vec<String>,
}

impl Default for Interner {
    fn default() -> Self {
        Interner {
            slots: vec![(0, 0); 1 << 6],
            shift: 64 - 6,
            names: Vec::new(),
        }
    }
}

impl Interner {
    pub fn intern(&mut self, s: &str) -> u32 {
        let hash = hash_bytes(s.as_bytes());
        match self.find(s, hash) {
            Ok(id) => id,
            Err(slot) => {
                let id = self.names.len() as u32;
                self.names.push(s.to_owned());
                self.slots[slot] = ((hash >> 16) as u32, id + 1);
                if self.names.len() * 2 > self.slots.len() {
                    self.grow();
                }
                id
            }
        }
    }

    pub fn get(&self, s: &str) -> Option<u32> {
        self.find(s, hash_bytes(s.as_bytes())).ok()
    }

    /// The id of `s`, or the empty slot where it would go.
    fn find(&self, s: &str, hash: u64) -> Result<u32, usize> {
        let (tag, mask) = ((hash >> 16) as u32, self.slots.len() - 1);
        let mut i = (hash >> self.shift) as usize;
        loop {
            match self.slots[i] {
                (_, 0) => return Err(i),
                (t, e)
                    if t == tag
                        && bytes_eq(self.names[e as usize - 1].as_bytes(), s.as_bytes()) =>
                {
                    return Ok(e - 1);
                }
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Doubles the table, placing every name again.
    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        self.slots = vec![(0, 0); size];
        self.shift -= 1;
        for (id, name) in (1u32..).zip(&self.names) {
            let hash = hash_bytes(name.as_bytes());
            let mut i = (hash >> self.shift) as usize;
            while self.slots[i].1 != 0 {
                i = (i + 1) & (size - 1);
            }
            self.slots[i] = ((hash >> 16) as u32, id);
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
    fn heads_are_the_first_eight_bytes() {
        let text = b"abcdefghij";
        for n in 0..=text.len() {
            let mut buf = [0u8; 8];
            let take = n.min(8);
            buf[..take].copy_from_slice(&text[..take]);
            assert_eq!(head(&text[..n]), u64::from_le_bytes(buf), "{n} bytes");
        }
    }

    #[test]
    fn interning_gives_dense_ids_in_order_of_first_appearance() {
        let mut interner = Interner::default();
        let mut reference: std::collections::HashMap<String, u32> = Default::default();
        // Enough names to grow the table several times; short, long and empty.
        let names = (0..3000u32).map(|i| {
            let n = i.wrapping_mul(2_654_435_761) % 1000;
            if i % 2 == 0 {
                format!("sana{n}")
            } else {
                format!("pitkä yhdyssana {n}")
            }
        });
        for name in names.chain([String::new(), "sana1".into()]) {
            let next = reference.len() as u32;
            let expected = *reference.entry(name.clone()).or_insert(next);
            assert_eq!(interner.intern(&name), expected, "{name}");
            assert_eq!(interner.get(&name), Some(expected));
        }
        assert_eq!(interner.names.len(), reference.len());
        for (name, &id) in &reference {
            assert_eq!(&interner.names[id as usize], name);
        }
        assert_eq!(interner.get("ei ole"), None);
    }

    #[test]
    fn bytes_map_agrees_with_a_hash_map() {
        // Short keys, long keys sharing their first eight bytes (and length), long
        // keys differing only there, and the empty key.
        let words: Vec<String> = (0..6000u32)
            .map(|i| {
                let n = i.wrapping_mul(2_654_435_761) % 3000;
                match i % 3 {
                    0 => format!("w{n}"),
                    1 => format!("kanavat-{n:04}x"),
                    _ => format!("{n:04}-kanavat"),
                }
            })
            .chain([String::new(), "kanavat-".into(), "kanavat".into()])
            .collect();
        let mut fast = BytesMap::default();
        let mut reference: HashMap<&str, u32> = HashMap::new();
        for (i, w) in (0u32..).zip(&words) {
            let expected = *reference.entry(w.as_str()).or_insert(i);
            assert_eq!(fast.get_or_insert_with(w.as_bytes(), || i), expected, "{w}");
        }
        assert_eq!(fast.count, reference.len());
        assert!(fast.slots.len() >= 2 * fast.count);
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
