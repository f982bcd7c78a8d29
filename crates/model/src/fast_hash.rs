//! A fast hasher for maps keyed by what Meridian derives from a stack file: the source map's
//! stack paths and the plan's registries of logical IDs and Terraform names (tens of thousands of
//! keys at the largest stacks).
//!
//! The standard library's SipHash guards a map against keys chosen to collide, which costs about
//! five times more per key than this multiply-rotate scheme (the one Firefox and rustc use); the
//! keys here come from a file the user runs on their own machine, whose size the loader bounds.
//! Like the standard library's (randomly seeded) maps, these are never listed in an order that
//! reaches the output: lookups, counts, or listings sorted first.

use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` keyed with [`FastHasher`].
pub type FastHashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// A `HashSet` keyed with [`FastHasher`].
pub type FastHashSet<T> = std::collections::HashSet<T, BuildHasherDefault<FastHasher>>;

/// The multiply-rotate hasher: eight bytes at a time, then the remainder.
#[derive(Debug, Default, Clone, Copy)]
pub struct FastHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }

    fn write_u16(&mut self, value: u16) {
        self.add(u64::from(value));
    }

    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }

    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, BuildHasherDefault};

    fn hash(text: &str) -> u64 {
        BuildHasherDefault::<FastHasher>::default().hash_one(text)
    }

    #[test]
    fn ids_that_share_long_prefixes_hash_apart() {
        // Derived IDs differ late (`...Service17TargetGroup` against `...Service18...`): every
        // byte must reach the hash, the remainder of a length not a multiple of eight included.
        let ids: Vec<String> = (0..2000)
            .map(|n| format!("ApiServiceInEuWest1Number{n}TaskDefinition"))
            .chain((0..9).map(|n| "x".repeat(n)))
            .collect();
        let hashes: std::collections::BTreeSet<u64> = ids.iter().map(|id| hash(id)).collect();
        assert_eq!(hashes.len(), ids.len());
        assert_ne!(hash("ab"), hash("ba"));
    }

    #[test]
    fn a_map_with_it_finds_what_it_holds() {
        let mut map: FastHashMap<String, usize> = FastHashMap::default();
        for n in 0..5000 {
            map.insert(format!("Resource{n}"), n);
        }
        assert!((0..5000).all(|n| map.get(&format!("Resource{n}")) == Some(&n)));
        assert_eq!(map.get("Resource5000"), None);
    }
}
