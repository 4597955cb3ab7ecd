//! A `serde::Deserializer` over a [`Document`]: every model struct reads
//! through it, and so does `serde_yaml::Value` for the keys the model keeps
//! unread. It reads the data as Helm does (go-yaml v2, then
//! `sigs.k8s.io/yaml`'s conversion to JSON):
//!
//! - plain scalars are resolved by [`super::resolve`]; quoted ones are strings;
//!   a field that wants a string gets the scalar's text as written;
//! - a mapping's entries are go-yaml's (`decode.go`, `mapping()` and
//!   `merge()`): in order, a later key replaces an earlier equal one (go-yaml's
//!   `Unmarshal` is not strict), `<<: *a` and `<<: {…}` set the merged keys at
//!   that point, `<<: [*a, *b]` merges from the last to the first so that the
//!   first wins;
//! - keys are turned into strings as `sigs.k8s.io/yaml` does
//!   (`convertToJSONableObject`): a boolean key is `"true"`/`"false"`, an
//!   integer its digits, a float Go's `FormatFloat(f, 'g', -1, 32)`; a null or
//!   an unsigned 64-bit key is refused as it refuses them; two keys that become
//!   the same string are refused (Helm would keep one of them at random);
//! - NaN and infinities are refused, as `json.Marshal` refuses them;
//! - aliases are expanded with go-yaml's bound on alias expansion
//!   ("document contains excessive aliasing", `decode.go` 318-358);
//! - every error carries the offset of the node it is about.

use super::resolve::{self, Resolved};
use super::tree::{Document, Kind, NodeId};
use super::Error;
use crate::render::go_format::go_float;
use indexmap::IndexMap;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};

/// The state of one document's reading: the counters of go-yaml's alias bound.
pub struct Reader<'a> {
    pub text: &'a str,
    pub doc: &'a Document,
    decodes: Cell<usize>,
    aliased: Cell<usize>,
    alias_depth: Cell<usize>,
    active: RefCell<Vec<NodeId>>,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str, doc: &'a Document) -> Self {
        Reader {
            text,
            doc,
            decodes: Cell::new(0),
            aliased: Cell::new(0),
            alias_depth: Cell::new(0),
            active: RefCell::default(),
        }
    }

    pub fn root(&self) -> Option<NodeDe<'_, 'a>> {
        self.doc.root.map(|id| NodeDe { r: self, id, path: &Path::Root })
    }

    /// go-yaml's `decoder.unmarshal` counters and bound (decode.go 318-358).
    fn count(&self, at: usize) -> Result<(), Error> {
        let decodes = self.decodes.get() + 1;
        self.decodes.set(decodes);
        if self.alias_depth.get() > 0 {
            self.aliased.set(self.aliased.get() + 1);
        }
        let aliased = self.aliased.get();
        if aliased > 100 && decodes > 1000 && aliased as f64 / decodes as f64 > allowed_alias_ratio(decodes) {
            return Err(Error::new(at, "document contains excessive aliasing".into()));
        }
        Ok(())
    }

    fn enter_alias(&self, id: NodeId) -> Result<(), Error> {
        let node = self.doc.node(id);
        let mut active = self.active.borrow_mut();
        if active.contains(&id) {
            let name = match &node.kind {
                Kind::Alias { name, .. } => name.as_str(),
                _ => "",
            };
            return Err(Error::new(node.span.start, format!("anchor '{name}' value contains itself")));
        }
        active.push(id);
        self.alias_depth.set(self.alias_depth.get() + 1);
        Ok(())
    }

    fn leave_alias(&self) {
        self.active.borrow_mut().pop();
        self.alias_depth.set(self.alias_depth.get() - 1);
    }

    /// The scalar at `id` (not an alias), resolved.
    fn scalar(&self, id: NodeId) -> Result<Option<(Resolved<'a>, &'a str)>, Error> {
        let node = self.doc.node(id);
        let Kind::Scalar { value, style } = &node.kind else { return Ok(None) };
        let plain = *style == super::tree::ScalarStyle::Plain;
        let tag = node.tag.as_ref().map(|t| t.full.as_str());
        let resolved = resolve::resolve(tag, value, plain).map_err(|m| Error::new(node.span.start, m))?;
        Ok(Some((resolved, value.as_str())))
    }

    /// Runs `f` on the node `id` stands for, counting it, through aliases.
    fn through<T>(&self, id: NodeId, f: impl FnOnce(NodeId) -> Result<T, Error>) -> Result<T, Error> {
        let node = self.doc.node(id);
        self.count(node.span.start)?;
        match node.kind {
            Kind::Alias { target, .. } => {
                self.enter_alias(id)?;
                let result = self.through(target, f);
                self.leave_alias();
                result
            }
            _ => f(id),
        }
    }

    /// A mapping's entries as go-yaml sets them: later equal keys replace
    /// earlier ones, merge keys set the merged mapping's keys where they stand.
    fn entries(&self, id: NodeId) -> Result<Vec<(String, NodeId, NodeId)>, Error> {
        let mut out: IndexMap<GoKey, (NodeId, NodeId)> = IndexMap::new();
        self.collect(id, &mut out)?;
        let mut strings: IndexMap<String, (NodeId, NodeId)> = IndexMap::with_capacity(out.len());
        let mut all_strings = true;
        let mut keyed = Vec::with_capacity(out.len());
        for (key, (k, v)) in out {
            all_strings &= matches!(key, GoKey::Str(_));
            let text = key.into_json_key().map_err(|m| Error::new(self.doc.node(k).span.start, m))?;
            keyed.push((text, k, v));
        }
        if all_strings {
            return Ok(keyed);
        }
        for (text, k, v) in keyed {
            if let Some((first, _)) = strings.get(&text) {
                let shown = |n: NodeId| self.doc.node(n).span.text(self.text);
                return Err(Error::new(
                    self.doc.node(k).span.start,
                    format!(
                        "the keys `{}` and `{}` both become \"{text}\" for Helm, which keeps one of them at random",
                        shown(*first),
                        shown(k)
                    ),
                ));
            }
            strings.insert(text, (k, v));
        }
        Ok(strings.into_iter().map(|(t, (k, v))| (t, k, v)).collect())
    }

    fn collect(&self, id: NodeId, out: &mut IndexMap<GoKey, (NodeId, NodeId)>) -> Result<(), Error> {
        let Kind::Mapping { entries, .. } = &self.doc.node(id).kind else { return Ok(()) };
        for entry in entries {
            let key_node = self.doc.node(entry.key);
            let is_merge = match &key_node.kind {
                Kind::Scalar { value, style } => {
                    resolve::is_merge(value)
                        && match &key_node.tag {
                            None => *style == super::tree::ScalarStyle::Plain,
                            Some(t) => t.full == resolve::MERGE,
                        }
                }
                _ => false,
            };
            if is_merge {
                self.merge(entry.value, out)?;
                continue;
            }
            let key = self.through(entry.key, |k| self.go_key(k))?;
            out.insert(key, (entry.key, entry.value));
        }
        Ok(())
    }

    /// decode.go `merge()`.
    fn merge(&self, id: NodeId, out: &mut IndexMap<GoKey, (NodeId, NodeId)>) -> Result<(), Error> {
        let node = self.doc.node(id);
        let want_map = || Error::new(node.span.start, "map merge requires map or sequence of maps as the value".into());
        match &node.kind {
            Kind::Mapping { .. } => self.through(id, |m| self.collect(m, out)),
            Kind::Alias { target, .. } => {
                if !matches!(self.doc.node(*target).kind, Kind::Mapping { .. }) {
                    return Err(want_map());
                }
                self.through(id, |m| self.collect(m, out))
            }
            Kind::Sequence { items, .. } => {
                for &item in items.iter().rev() {
                    let ok = match &self.doc.node(item).kind {
                        Kind::Alias { target, .. } => matches!(self.doc.node(*target).kind, Kind::Mapping { .. }),
                        Kind::Mapping { .. } => true,
                        _ => false,
                    };
                    if !ok {
                        return Err(want_map());
                    }
                    self.through(item, |m| self.collect(m, out))?;
                }
                Ok(())
            }
            Kind::Scalar { .. } => Err(want_map()),
        }
    }

    fn go_key(&self, id: NodeId) -> Result<GoKey, Error> {
        let node = self.doc.node(id);
        let Some((resolved, _)) = self.scalar(id)? else {
            return Err(Error::new(node.span.start, "invalid map key: a mapping or list cannot be a key".into()));
        };
        Ok(match resolved {
            Resolved::Null => GoKey::Null,
            Resolved::Bool(b) => GoKey::Bool(b),
            Resolved::Int(i) => GoKey::Int(i),
            Resolved::UInt(u) => GoKey::UInt(u),
            Resolved::Float(f) => GoKey::Float(f.to_bits()),
            Resolved::Str(s) => GoKey::Str(s.into_owned()),
        })
    }
}

fn place(mut e: Error, at: usize, path: &Path) -> Error {
    if e.offset.is_none() {
        e.offset = Some(at);
        if !matches!(path, Path::Root) {
            e.message = format!("{path}: {}", e.message);
        }
    }
    e
}

/// decode.go `allowedAliasRatio`.
fn allowed_alias_ratio(decodes: usize) -> f64 {
    const LOW: usize = 400_000;
    const HIGH: usize = 4_000_000;
    if decodes <= LOW {
        0.99
    } else if decodes >= HIGH {
        0.10
    } else {
        0.99 - 0.89 * ((decodes - LOW) as f64 / (HIGH - LOW) as f64)
    }
}

/// A key as go-yaml puts it in a `map[interface{}]interface{}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum GoKey {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(u64),
    Str(String),
}

impl GoKey {
    /// sigs.k8s.io/yaml `convertToJSONableObject` (yaml.go 212-249).
    fn into_json_key(self) -> Result<String, String> {
        Ok(match self {
            GoKey::Str(s) => s,
            GoKey::Bool(b) => b.to_string(),
            GoKey::Int(i) => i.to_string(),
            GoKey::Float(bits) => {
                let f = f64::from_bits(bits);
                if f.is_nan() {
                    ".nan".into()
                } else if f.is_infinite() {
                    if f > 0.0 {
                        ".inf".into()
                    } else {
                        "-.inf".into()
                    }
                } else {
                    crate::render::go_format::go_float32(f)
                }
            }
            GoKey::Null => return Err("unsupported map key of type: <nil> (Helm cannot read a null key)".into()),
            GoKey::UInt(u) => {
                return Err(format!("unsupported map key of type: uint64, key: {u} (Helm cannot read this key)"))
            }
        })
    }
}

/// Where a node is: `environments.dev.services[0].replicas` in messages.
#[derive(Clone, Copy)]
enum Path<'p> {
    Root,
    Key(&'p str, &'p Path<'p>),
    Index(usize, &'p Path<'p>),
}

impl std::fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Key(k, Path::Root) => f.write_str(k),
            Path::Key(k, parent) => write!(f, "{parent}.{k}"),
            Path::Index(i, parent) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// One node, ready to be deserialized.
#[derive(Clone, Copy)]
pub struct NodeDe<'r, 'a> {
    r: &'r Reader<'a>,
    id: NodeId,
    path: &'r Path<'r>,
}

impl<'r, 'a> NodeDe<'r, 'a> {
    fn start(&self) -> usize {
        self.r.doc.node(self.id).span.start
    }

    /// Gives an error without a place this node's place and path.
    fn place(&self, e: Error) -> Error {
        place(e, self.start(), self.path)
    }

    fn any<'de, V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        let r = self.r;
        r.through(self.id, |id| {
            let node = r.doc.node(id);
            match &node.kind {
                Kind::Scalar { .. } => {
                    let (resolved, _) = r.scalar(id)?.expect("a scalar");
                    match resolved {
                        Resolved::Null => v.visit_unit(),
                        Resolved::Bool(b) => v.visit_bool(b),
                        Resolved::Int(i) => v.visit_i64(i),
                        Resolved::UInt(u) => v.visit_u64(u),
                        Resolved::Float(f) if !f.is_finite() => Err(Error::new(
                            node.span.start,
                            format!("{} has no JSON form, and Helm refuses it (json: unsupported value)", f),
                        )),
                        Resolved::Float(f) => v.visit_f64(f),
                        Resolved::Str(Cow::Borrowed(s)) => v.visit_str(s),
                        Resolved::Str(Cow::Owned(s)) => v.visit_string(s),
                    }
                    .map_err(|e| place(e, node.span.start, self.path))
                }
                Kind::Sequence { items, .. } => v
                    .visit_seq(Seq { r, items, next: 0, path: self.path })
                    .map_err(|e| place(e, node.span.start, self.path)),
                Kind::Mapping { .. } => {
                    let entries = r.entries(id)?;
                    v.visit_map(Map { r, entries: entries.into_iter(), value: None, path: self.path })
                        .map_err(|e| place(e, node.span.start, self.path))
                }
                Kind::Alias { .. } => unreachable!("through() follows aliases"),
            }
        })
        .map_err(|e| self.place(e))
    }

    /// A count or a port (`replicas`, `minReplicas`, `port`): the service
    /// chart prints it with its `xgen-service.number` helper, which takes a
    /// number (`3.0` prints as `3`) and a string of digits (`"3"`) alike, and
    /// the root chart passes either through `quote` as the same parameter. So
    /// an integral float and a string of digits without a leading zero read
    /// as that count; anything else is refused as before (`""`, `"0"`: the
    /// root chart's truth test tells `"0"` from `0`; more than six digits:
    /// Go prints the number as `1e+06`, the string as it is).
    fn count_like<'de, V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        let count = match self.r.scalar(self.target())? {
            Some((Resolved::Float(f), _)) if f.is_finite() && f >= 0.0 && f.fract() == 0.0 && f < 1e15 => {
                Some(f as u64)
            }
            Some((Resolved::Str(s), _))
                if !s.is_empty() && !s.starts_with('0') && s.len() <= 6 && s.bytes().all(|b| b.is_ascii_digit()) =>
            {
                s.parse::<u64>().ok()
            }
            _ => None,
        };
        match count {
            Some(n) => {
                self.r.count(self.start())?;
                v.visit_u64(n).map_err(|e: Error| self.place(e))
            }
            None => self.any(v),
        }
    }

    /// The node `id` stands for, without counting (for peeking).
    fn target(&self) -> NodeId {
        self.r.doc.resolved(self.id)
    }
}

impl<'de> de::Deserializer<'de> for NodeDe<'_, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.any(v)
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.r.scalar(self.target())? {
            Some((Resolved::Null, _)) => {
                self.r.count(self.start())?;
                v.visit_none()
            }
            _ => v.visit_some(self),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        // A field that wants a string takes a boolean or a number as the text
        // Helm's templates print for it: go-yaml reads it as a bool or a
        // number, `sigs.k8s.io/yaml` makes every number a float64, and Go's
        // `%v` prints it (`targetRevision: 2026.10` is "2026.1", `1234567` is
        // "1.234567e+06", `yes` is "true"; docs/inputs.md, XS604 warns).
        match self.r.scalar(self.target())? {
            Some((Resolved::Str(s), _)) => {
                self.r.count(self.start())?;
                v.visit_string(s.into_owned()).map_err(|e: Error| self.place(e))
            }
            Some((Resolved::Bool(b), _)) => {
                self.r.count(self.start())?;
                v.visit_string(b.to_string()).map_err(|e: Error| self.place(e))
            }
            Some((Resolved::Int(i), _)) => {
                self.r.count(self.start())?;
                v.visit_string(go_float(i as f64)).map_err(|e: Error| self.place(e))
            }
            Some((Resolved::UInt(u), _)) => {
                self.r.count(self.start())?;
                v.visit_string(go_float(u as f64)).map_err(|e: Error| self.place(e))
            }
            Some((Resolved::Float(f), _)) if f.is_finite() => {
                self.r.count(self.start())?;
                v.visit_string(go_float(f)).map_err(|e: Error| self.place(e))
            }
            Some((_, text)) => {
                self.r.count(self.start())?;
                v.visit_str(text).map_err(|e: Error| self.place(e))
            }
            None => self.any(v),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_str(v)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, v: V) -> Result<V::Value, Error> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        match self.r.scalar(self.target())? {
            Some((_, text)) => {
                let d: de::value::StrDeserializer<'_, Error> = text.into_deserializer();
                v.visit_enum(d).map_err(|e| self.place(e))
            }
            None => Err(self.place(de::Error::custom("expected a name of a choice"))),
        }
    }

    fn deserialize_u16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.count_like(v)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.count_like(v)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u64 u128 f32 f64 char bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

struct Seq<'r, 'a> {
    r: &'r Reader<'a>,
    items: &'a [NodeId],
    next: usize,
    path: &'r Path<'r>,
}

impl<'de> SeqAccess<'de> for Seq<'_, '_> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        let Some(&id) = self.items.get(self.next) else { return Ok(None) };
        let path = Path::Index(self.next, self.path);
        self.next += 1;
        seed.deserialize(NodeDe { r: self.r, id, path: &path }).map(Some)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.next)
    }
}

struct Map<'r, 'a> {
    r: &'r Reader<'a>,
    entries: std::vec::IntoIter<(String, NodeId, NodeId)>,
    value: Option<(String, NodeId)>,
    path: &'r Path<'r>,
}

impl<'de> MapAccess<'de> for Map<'_, '_> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some((key, k, v)) = self.entries.next() else { return Ok(None) };
        let at = self.r.doc.node(k).span.start;
        let d: de::value::StrDeserializer<Error> = key.as_str().into_deserializer();
        let out = seed.deserialize(d).map(Some).map_err(|e| place(e, at, self.path));
        self.value = Some((key, v));
        out
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let (key, id) = self.value.take().expect("next_key before next_value");
        let path = Path::Key(&key, self.path);
        seed.deserialize(NodeDe { r: self.r, id, path: &path })
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}
