//! [`Scalar`]: a YAML scalar that remembers its type.
//!
//! Values such as `vars`, `config` and resource quantities may be written as
//! strings, numbers or booleans (`cpu: 2`, `DEBUG_MODE: "false"`). They are kept as
//! written so that an unedited file exports as the same data, and turned into a
//! string only where a string is needed (Argo CD parameters, ConfigMap values).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Null,
    Bool(bool),
    Int(i128),
    /// Integers above `i128::MAX` that still fit in 128 bits.
    UInt(u128),
    Float(f64),
    Str(String),
    /// A list or a map where a scalar is expected (`config: {HOSTS: [a, b]}`),
    /// kept as written: Helm takes it, and a template prints it with Go's
    /// `%v` (`[a b]`, docs/rendering.md "Helm's value semantics").
    Data(serde_yaml::Value),
}

impl Scalar {
    /// The value as text, as Helm prints a scalar (`true`, `8000`, `0.9`).
    pub fn to_param_string(&self) -> String {
        match self {
            Scalar::Null => String::new(),
            Scalar::Bool(b) => b.to_string(),
            Scalar::Int(i) => i.to_string(),
            Scalar::UInt(u) => u.to_string(),
            Scalar::Float(f) => f.to_string(),
            Scalar::Str(s) => s.clone(),
            Scalar::Data(v) => crate::yaml::to_string(v).map(|t| t.trim_end().to_owned()).unwrap_or_default(),
        }
    }
    /// Go template truth (`if`, `not`): nil, `false`, `0` and empty are false.
    pub fn truthy(&self) -> bool {
        match self {
            Scalar::Null | Scalar::Bool(false) => false,
            Scalar::Bool(true) => true,
            Scalar::Int(i) => *i != 0,
            Scalar::UInt(u) => *u != 0,
            Scalar::Float(f) => *f != 0.0,
            Scalar::Str(s) => !s.is_empty(),
            Scalar::Data(v) => {
                v.as_sequence().map_or_else(|| v.as_mapping().is_none_or(|m| !m.is_empty()), |l| !l.is_empty())
            }
        }
    }
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Scalar::Bool(b) => Some(*b),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Scalar::Str(s) => Some(s),
            _ => None,
        }
    }
}

impl From<&str> for Scalar {
    fn from(s: &str) -> Self {
        Scalar::Str(s.to_owned())
    }
}

impl Serialize for Scalar {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Scalar::Null => s.serialize_unit(),
            Scalar::Bool(b) => s.serialize_bool(*b),
            Scalar::Int(i) => s.serialize_i128(*i),
            Scalar::UInt(u) => s.serialize_u128(*u),
            Scalar::Float(f) => s.serialize_f64(*f),
            Scalar::Str(v) => s.serialize_str(v),
            Scalar::Data(v) => v.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, number, boolean, list or map")
            }
            fn visit_unit<E>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            fn visit_none<E>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Int(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::Int(v.into()))
            }
            fn visit_i128<E>(self, v: i128) -> Result<Scalar, E> {
                Ok(Scalar::Int(v))
            }
            fn visit_u128<E>(self, v: u128) -> Result<Scalar, E> {
                Ok(i128::try_from(v).map(Scalar::Int).unwrap_or(Scalar::UInt(v)))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Str(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar::Str(v))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Scalar, A::Error> {
                serde_yaml::Value::deserialize(serde::de::value::SeqAccessDeserializer::new(seq)).map(Scalar::Data)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Scalar, A::Error> {
                serde_yaml::Value::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Scalar::Data)
            }
        }
        d.deserialize_any(Visit)
    }
}
