//! A bounded map from short strings to what was worked out for them, for
//! the caches a render asks thousands of times with the same few hundred
//! strings: the YAML writer's string styles (`yaml::emit`) and a printed
//! scalar's read-back (`render::helm_values::printed_scalar`).
//!
//! Keys are hashed a word at a time (rustc's FxHash), not with the standard
//! SipHash: the keys are short and come from the project being rendered, so
//! hashing them was most of a lookup, and a flood of colliding keys would
//! only slow the person's own page, never change what a lookup finds.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Strings longer than this are not kept (they are rarely written twice).
pub const MAX_KEY_LEN: usize = 64;

/// Whether `key` is short enough to be kept.
pub fn fits(key: &str) -> bool {
    key.len() <= MAX_KEY_LEN
}

pub struct ShortCache<V> {
    map: HashMap<Box<str>, V, BuildHasherDefault<Fx>>,
    max_entries: usize,
}

impl<V> ShortCache<V> {
    /// A cache cleared whenever it would pass `max_entries`.
    pub fn new(max_entries: usize) -> Self {
        ShortCache { map: HashMap::default(), max_entries }
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.map.get(key)
    }

    /// The entry for `key`, made with `V::default()` when missing.
    pub fn entry(&mut self, key: &str) -> &mut V
    where
        V: Default,
    {
        if !self.map.contains_key(key) && self.map.len() >= self.max_entries {
            self.map.clear();
        }
        self.map.entry(key.into()).or_default()
    }

    pub fn clear(&mut self) {
        self.map.clear();
    }
}

/// FxHash: each 8-byte word rotated in and multiplied; started from a
/// constant that is not zero and with the length of a last partial word
/// mixed in, so that zero bytes are never lost.
pub struct Fx(u64);

impl Default for Fx {
    fn default() -> Self {
        Fx(0x243f_6a88_85a3_08d3)
    }
}

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut w = [0; 8];
            w.copy_from_slice(word);
            self.add(u64::from_le_bytes(w));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut w = [0; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_cache_starts_again_and_keeps_what_it_is_given() {
        let mut cache: ShortCache<u32> = ShortCache::new(2);
        *cache.entry("a") = 1;
        *cache.entry("b") = 2;
        assert_eq!((cache.get("a"), cache.get("b")), (Some(&1), Some(&2)));
        // An existing key never clears it.
        *cache.entry("a") += 1;
        assert_eq!(cache.get("b"), Some(&2));
        *cache.entry("c") = 3;
        assert_eq!((cache.get("a"), cache.get("c")), (None, Some(&3)));
        assert!(fits(&"x".repeat(MAX_KEY_LEN)));
        assert!(!fits(&"x".repeat(MAX_KEY_LEN + 1)));
    }

    #[test]
    fn keys_that_differ_anywhere_hash_apart() {
        use std::hash::BuildHasher;
        let hash = |s: &str| BuildHasherDefault::<Fx>::default().hash_one(s);
        assert_eq!(hash("apiVersion"), hash("apiVersion"));
        // A difference in a full word, in the rest, and in the length alone.
        let keys =
            ["apiVersion", "apiVersioN", "bpiVersion", "", "\0", "\0\0", "\0\0\0\0\0\0\0\0", "12345678", "123456789"];
        let hashes: std::collections::HashSet<u64> = keys.iter().map(|k| hash(k)).collect();
        assert_eq!(hashes.len(), keys.len());
    }
}
