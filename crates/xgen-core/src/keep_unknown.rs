//! Deserialization that keeps every key a struct does not model.
//!
//! `#[serde(flatten)]` would also keep unknown keys, but serde implements it by
//! buffering the whole mapping first, after which serde_yaml can no longer say on
//! which line a bad value stood: every error would point at the start of the file.
//! So each model struct declares its modelled keys with [`keep_unknown_keys!`],
//! which deserializes known keys straight from the YAML deserializer (exact line and
//! column on error) and collects every other key, in file order, into `extra`.
//! Serialization is plain `derive(Serialize)` with `#[serde(flatten)] extra`, which
//! has no such problem.
//!
//! Every modelled field is an `Option`: an absent key stays absent on export, so a
//! file that is imported and exported unchanged is equal as data.

/// Implements `Deserialize` for a struct whose modelled fields are all `Option<_>`
/// and which has `extra: serde_yaml::Mapping` for everything else.
/// Duplicate keys are an error (YAML forbids them; serde_yaml would keep the last).
macro_rules! keep_unknown_keys {
    ($ty:ident { $($field:ident => $key:literal),* $(,)? }) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Visit;
                impl<'de> serde::de::Visitor<'de> for Visit {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str(concat!("a mapping (", stringify!($ty), ")"))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$ty, A::Error> {
                        let mut out = $ty::default();
                        let mut seen: Vec<&'static str> = Vec::new();
                        while let Some(key) = map.next_key::<serde_yaml::Value>()? {
                            match key.as_str() {
                                $(Some($key) => {
                                    if seen.contains(&$key) {
                                        return $crate::keep_unknown::reject_duplicate(&mut map, $key);
                                    }
                                    seen.push($key);
                                    out.$field = map.next_value()?;
                                })*
                                _ => {
                                    if out.extra.contains_key(&key) {
                                        let shown = $crate::keep_unknown::describe_key(&key);
                                        return $crate::keep_unknown::reject_duplicate(&mut map, &shown);
                                    }
                                    let value: serde_yaml::Value = map.next_value()?;
                                    out.extra.insert(key, value);
                                }
                            }
                        }
                        Ok(out)
                    }
                }
                d.deserialize_map(Visit)
            }
        }
    };
}
pub(crate) use keep_unknown_keys;

/// A short printable form of a mapping key for error messages.
pub fn describe_key(key: &serde_yaml::Value) -> String {
    match key {
        serde_yaml::Value::String(s) => s.chars().take(80).collect(),
        other => {
            crate::yaml::to_string(other).map(|s| s.trim().chars().take(80).collect()).unwrap_or_else(|_| "?".into())
        }
    }
}

/// Fails on a duplicate key *while reading its value*, so that serde_yaml reports
/// the duplicate's own line and column (an error raised between entries would
/// carry the position of the enclosing mapping's start).
pub fn reject_duplicate<'de, A: serde::de::MapAccess<'de>, T>(map: &mut A, key: &str) -> Result<T, A::Error> {
    let message = format!("duplicate key `{key}`");
    map.next_value_seed(Reject(message.clone()))?;
    Err(serde::de::Error::custom(message))
}

struct Reject(String);

impl<'de> serde::de::DeserializeSeed<'de> for Reject {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

macro_rules! reject_all {
    ($($method:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $method<E: serde::de::Error>(self, $(_: $arg),*) -> Result<(), E> {
            Err(E::custom(self.0))
        })*
    };
}

impl<'de> serde::de::Visitor<'de> for Reject {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0)
    }
    reject_all!(
        visit_bool(bool),
        visit_i64(i64),
        visit_u64(u64),
        visit_i128(i128),
        visit_u128(u128),
        visit_f64(f64),
        visit_str(&str),
        visit_unit(),
    );
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(serde::de::Error::custom(self.0))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(serde::de::Error::custom(self.0))
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(serde::de::Error::custom(self.0))
    }
}
