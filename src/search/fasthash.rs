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
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
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
    }
}
