//! [`OrderedMap`]: a string-keyed mapping that keeps file order and rejects
//! duplicate keys (indexmap's own `Deserialize` silently keeps the last one).

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub struct OrderedMap<V>(pub IndexMap<String, V>);

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
