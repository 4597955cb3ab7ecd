//! [`OrderedMap`]: a string-keyed mapping that keeps file order and rejects
//! duplicate keys (indexmap's own `Deserialize` silently keeps the last one).

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub struct OrderedMap<V>(IndexMap<String, V>);

impl<V> Default for OrderedMap<V> {
    fn default() -> Self {
        OrderedMap(IndexMap::new())
    }
}

impl<V> OrderedMap<V> {
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.get(key)
    }
    pub fn iter(&self) -> indexmap::map::Iter<'_, String, V> {
        self.0.iter()
    }
    pub fn keys(&self) -> indexmap::map::Keys<'_, String, V> {
        self.0.keys()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.0.get_mut(key)
    }
    pub fn contains_key(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }
    pub fn iter_mut(&mut self) -> indexmap::map::IterMut<'_, String, V> {
        self.0.iter_mut()
    }
    pub fn values_mut(&mut self) -> indexmap::map::ValuesMut<'_, String, V> {
        self.0.values_mut()
    }
    /// The value at `key`, inserted at the end with `make` if missing.
    pub fn get_or_insert_with(&mut self, key: &str, make: impl FnOnce() -> V) -> &mut V {
        self.0.entry(key.to_owned()).or_insert_with(make)
    }
    /// Removes `key`, keeping the order of the others.
    pub fn remove(&mut self, key: &str) -> Option<V> {
        self.0.shift_remove(key)
    }
    /// Renames `from` to `to` in its place; false (nothing changed) if
    /// `from` is missing or `to` exists already.
    pub fn rename(&mut self, from: &str, to: &str) -> bool {
        if from == to || self.0.contains_key(to) {
            return false;
        }
        let Some(index) = self.0.get_index_of(from) else { return false };
        let (_, value) = self.0.shift_remove_index(index).expect("index exists");
        self.0.shift_insert(index, to.to_owned(), value);
        true
    }
    /// Moves `key` by `delta` places; out-of-range moves do nothing.
    pub fn move_by(&mut self, key: &str, delta: isize) {
        let Some(i) = self.0.get_index_of(key) else { return };
        let j = i as isize + delta;
        if j >= 0 && (j as usize) < self.0.len() {
            self.0.move_index(i, j as usize);
        }
    }
    pub fn insert(&mut self, key: impl Into<String>, value: V) -> Option<V> {
        self.0.insert(key.into(), value)
    }
}

impl<'a, V> IntoIterator for &'a OrderedMap<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = indexmap::map::Iter<'a, String, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<V: Serialize> Serialize for OrderedMap<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Visit<V> {
            type Value = OrderedMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = IndexMap::new();
                while let Some(key) = map.next_key::<super::scalar::Scalar>()? {
                    let key = key.to_param_string();
                    if out.contains_key(&key) {
                        return super::keep_unknown::reject_duplicate(&mut map, &key);
                    }
                    let value = map.next_value()?;
                    out.insert(key, value);
                }
                Ok(OrderedMap(out))
            }
        }
        d.deserialize_map(Visit(std::marker::PhantomData))
    }
}
