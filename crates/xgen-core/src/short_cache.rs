//! A bounded map from short strings to what was worked out for them, for
//! the caches a render asks thousands of times with the same few hundred
//! strings: the YAML writer's string styles (`yaml::emit`) and a printed
//! scalar's read-back (`render::helm_values::printed_scalar`).
//!
//! Keys are hashed with FNV-1a, not the standard SipHash: the keys are short
//! and come from the project being rendered, so hashing them was most of a
//! lookup, and a hash flood would only slow the person's own page.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Strings longer than this are not kept (they are rarely written twice).
pub const MAX_KEY_LEN: usize = 64;

pub struct ShortCache<V> {
    map: HashMap<Box<str>, V, BuildHasherDefault<Fnv>>,
    max_entries: usize,
}

impl<V> ShortCache<V> {
    /// A cache cleared whenever it would pass `max_entries`.
    pub fn new(max_entries: usize) -> Self {
        ShortCache { map: HashMap::default(), max_entries }
    }

    /// Whether `key` may be kept at all.
    pub fn fits(key: &str) -> bool {
        key.len() <= MAX_KEY_LEN
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

/// FNV-1a, 64 bits.
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
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
        assert!(ShortCache::<u32>::fits(&"x".repeat(MAX_KEY_LEN)));
        assert!(!ShortCache::<u32>::fits(&"x".repeat(MAX_KEY_LEN + 1)));
    }

    #[test]
    fn fnv_hashes_as_published() {
        // The FNV-1a 64-bit test vectors.
        let hash = |s: &str| {
            let mut h = Fnv::default();
            h.write(s.as_bytes());
            h.finish()
        };
        assert_eq!(hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash("foobar"), 0x8594_4171_f739_67e8);
    }
}
