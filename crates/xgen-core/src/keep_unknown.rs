//! Deserialization that keeps every key a struct does not model, and every
//! explicit `null` of a key it does.
//!
//! `#[serde(flatten)]` would also keep unknown keys, but serde implements it by
//! buffering the whole mapping first, after which serde_yaml can no longer say on
//! which line a bad value stood: every error would point at the start of the file.
//! So each model struct declares its modelled keys with [`keep_unknown_keys!`],
//! which deserializes known keys straight from the YAML deserializer (exact line and
//! column on error) and collects every other key, in file order, into `extra`.
//!
//! Every modelled field is an `Option`: an absent key stays absent on export, so a
//! file that is imported and exported unchanged is equal as data.
//!
//! A modelled key written as `null` (`resources: ~`, `tag:`) is not absent for
//! Helm: a values file's null deletes the chart's default, and a null in the
//! project file is passed on by the root chart (docs/rendering.md, "Helm's
//! value semantics"). The field then stays `None` and the null is kept in
//! `extra` under its key; the macro's `Serialize` writes it at the field's
//! place, so the render sees what Helm sees and the export is what the user
//! wrote. A value given to the field (an edit) wins over the kept null, which
//! is then neither written nor compared ([`PartialEq`] is the macro's too).

/// Implements `Deserialize`, `Serialize` and `PartialEq` for a struct whose
/// modelled fields are all `Option<_>` and which has `extra: serde_yaml::Mapping`
/// for everything else (and the nulls of modelled keys), and
/// `$ty::explicit_null(key)`. Fields are written in the order listed, which is
/// the struct's order, then `extra` in file order.
/// A duplicate modelled key is an error; the caller's reader decides about
/// duplicate keys before this (the last one wins, docs/decisions.md).
macro_rules! keep_unknown_keys {
    ($ty:ident { $($field:ident => $key:literal),* $(,)? }) => {
        impl $ty {
            /// The keys this struct models, as written in YAML.
            #[allow(dead_code)]
            pub const MODELLED_KEYS: &'static [&'static str] = &[$($key),*];

            /// True when the modelled `key` was written as an explicit `null`
            /// and no value was given to its field since.
            #[allow(dead_code)]
            pub fn explicit_null(&self, key: &str) -> bool {
                let unset = match key {
                    $($key => self.$field.is_none(),)*
                    _ => false,
                };
                unset && self.extra.get(key).is_some_and(serde_yaml::Value::is_null)
            }

            /// `extra` as written: unknown keys, and the nulls of modelled
            /// keys whose field has no value.
            #[allow(dead_code)]
            pub fn written_extra(&self) -> std::borrow::Cow<'_, serde_yaml::Mapping> {
                $crate::keep_unknown::written_extra(&self.extra, |k| {
                    Self::MODELLED_KEYS.contains(&k) && !self.explicit_null(k)
                })
            }
        }
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
                                    if $crate::keep_unknown::read_field(&mut map, &mut out.$field)? {
                                        out.extra.insert(key, serde_yaml::Value::Null);
                                    }
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
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut map = s.serialize_map(None)?;
                $(
                    if let Some(value) = &self.$field {
                        map.serialize_entry($key, value)?;
                    } else if self.explicit_null($key) {
                        map.serialize_entry($key, &())?;
                    }
                )*
                for (key, value) in self.extra.iter() {
                    if !key.as_str().is_some_and(|k| Self::MODELLED_KEYS.contains(&k)) {
                        map.serialize_entry(key, value)?;
                    }
                }
                map.end()
            }
        }
        impl PartialEq for $ty {
            fn eq(&self, other: &Self) -> bool {
                $(self.$field == other.$field &&)*
                    self.written_extra() == other.written_extra()
            }
        }
    };
}
pub(crate) use keep_unknown_keys;

/// Reads a modelled field's value into `slot`; true when it was an explicit
/// `null` (the field then stays `None`).
pub fn read_field<'de, A: serde::de::MapAccess<'de>, T: serde::Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
) -> Result<bool, A::Error> {
    *slot = map.next_value::<Option<T>>()?;
    Ok(slot.is_none())
}

/// `extra` as it is written: without the nulls of modelled keys whose field
/// has a value (`shadowed`). Borrowed when nothing is left out.
pub fn written_extra<'a>(
    extra: &'a serde_yaml::Mapping,
    shadowed: impl Fn(&str) -> bool,
) -> std::borrow::Cow<'a, serde_yaml::Mapping> {
    let hidden = |k: &serde_yaml::Value| k.as_str().is_some_and(&shadowed);
    if !extra.keys().any(hidden) {
        return std::borrow::Cow::Borrowed(extra);
    }
    std::borrow::Cow::Owned(extra.iter().filter(|(k, _)| !hidden(k)).map(|(k, v)| (k.clone(), v.clone())).collect())
}

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

#[cfg(test)]
mod tests {
    use crate::model::project::Resources;
    use crate::model::ServiceValues;
    use crate::text::parse_yaml;
    use serde_yaml::Value;

    fn values(text: &str) -> ServiceValues {
        parse_yaml("v.yaml", text).unwrap()
    }

    #[test]
    fn an_explicit_null_is_kept_at_its_place_and_written_back() {
        let v = values("serviceName: a\nresources: ~\nimage: {tag: null, repository: r}\nport: 8000\nx: 1\n");
        assert_eq!(v.resources, None);
        assert!(v.explicit_null("resources"));
        assert!(!v.explicit_null("port"));
        assert!(v.image.as_ref().unwrap().explicit_null("tag"));
        // Written in the struct's order, the null at its field's place, the
        // unknown key last; nothing twice.
        let text = crate::yaml::to_string(&v).unwrap();
        assert_eq!(text, "serviceName: a\nimage:\n  repository: r\n  tag: null\nport: 8000\nresources: null\nx: 1\n");
        assert_eq!(values(&text), v, "re-read as the same data");
        // The render's data sees the null, as Helm does.
        let data = serde_yaml::to_value(&v).unwrap();
        assert_eq!(data.get("resources"), Some(&Value::Null));
    }

    #[test]
    fn a_value_given_to_the_field_wins_over_the_kept_null() {
        let mut v = values("resources: ~\n");
        v.resources = Some(Resources::default());
        assert!(!v.explicit_null("resources"));
        assert_eq!(crate::yaml::to_string(&v).unwrap(), "resources: {}\n");
        // Equal to the same value read from its export: the shadowed null
        // is neither written nor compared.
        assert_eq!(v, values("resources: {}\n"));
        // Cleared again, the null the user wrote is back.
        v.resources = None;
        assert_eq!(crate::yaml::to_string(&v).unwrap(), "resources: null\n");
        assert_ne!(v, ServiceValues::default());
    }
}
