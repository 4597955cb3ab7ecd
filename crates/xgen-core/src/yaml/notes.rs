//! Plain scalars that mean something else than most people expect, found in
//! the text a file was read from (checks XS601-XS603, docs/checks.md): a
//! boolean word (`yes`, `off`, `y`), a leading-zero octal (`0755` is 493), a
//! key that is not a string for go-yaml (`on:` becomes the key `"true"`).

use super::resolve::{self, Reading, Resolved};
use super::tree::{Document, Kind, NodeId, ScalarStyle, Stream};
use serde_yaml::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// `yes`, `no`, `on`, `off`, `y`, `n` in any case form: a boolean.
    BoolWord,
    /// `0755`: an octal integer.
    LegacyOctal,
    /// A plain key that is a boolean, number or null (`on:`, `1:`).
    KeyNotString,
    /// A plain number that Helm prints otherwise than it is written: a
    /// float64 through Go's `%v` (`2026.10` is `2026.1`, `1234567` is
    /// `1.234567e+06`, `0x1F` is `31`).
    GoNumber,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// One surprising plain scalar.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub kind: NoteKind,
    /// The YAML path of the value (of the entry, for a key), keys as Helm has them.
    pub path: Vec<Seg>,
    pub line: usize,
    pub column: usize,
    /// The scalar as written.
    pub text: String,
    /// What Helm reads: the value, or for a key the string it becomes.
    pub read_as: Value,
}

impl Note {
    pub fn path_text(&self) -> String {
        let mut out = String::new();
        for seg in &self.path {
            match seg {
                Seg::Key(k) if out.is_empty() => out.push_str(k),
                Seg::Key(k) => {
                    out.push('.');
                    out.push_str(k);
                }
                Seg::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }
}

/// Every surprising plain scalar of a parsed file.
pub fn notes(text: &str, stream: &Stream) -> Vec<Note> {
    let mut out = Vec::new();
    for doc in &stream.documents {
        if let Some(root) = doc.root {
            walk(text, stream, doc, root, &mut Vec::new(), &mut out);
        }
    }
    out
}

fn plain_resolved<'d>(doc: &'d Document, id: NodeId) -> Option<(&'d str, Resolved<'d>)> {
    let node = doc.node(id);
    match &node.kind {
        Kind::Scalar { value, style: ScalarStyle::Plain } if node.tag.is_none() => {
            resolve::resolve(None, value, true).ok().map(|r| (value.as_str(), r))
        }
        _ => None,
    }
}

fn walk(text: &str, stream: &Stream, doc: &Document, id: NodeId, path: &mut Vec<Seg>, out: &mut Vec<Note>) {
    let node = doc.node(id);
    let at = |id: NodeId| stream.lines.line_column(text, doc.node(id).span.start);
    match &node.kind {
        Kind::Mapping { entries, .. } => {
            for e in entries {
                let key = match plain_resolved(doc, e.key) {
                    Some(("<<", _)) => {
                        walk(text, stream, doc, e.value, path, out);
                        continue;
                    }
                    Some((written, resolved)) => {
                        let key = match &resolved {
                            Resolved::Str(s) => s.to_string(),
                            Resolved::Bool(b) => b.to_string(),
                            Resolved::Int(i) => i.to_string(),
                            Resolved::UInt(u) => u.to_string(),
                            Resolved::Float(f) => crate::render::go_format::go_float32(*f),
                            Resolved::Null => "null".into(),
                        };
                        if !matches!(resolved, Resolved::Str(_)) {
                            let (line, column) = at(e.key);
                            path.push(Seg::Key(key.clone()));
                            out.push(Note {
                                kind: NoteKind::KeyNotString,
                                path: path.clone(),
                                line,
                                column,
                                text: written.to_owned(),
                                read_as: Value::String(key.clone()),
                            });
                            path.pop();
                        }
                        key
                    }
                    None => match &doc.node(e.key).kind {
                        Kind::Scalar { value, .. } => value.clone(),
                        _ => continue,
                    },
                };
                path.push(Seg::Key(key));
                walk(text, stream, doc, e.value, path, out);
                path.pop();
            }
        }
        Kind::Sequence { items, .. } => {
            for (i, &item) in items.iter().enumerate() {
                path.push(Seg::Index(i));
                walk(text, stream, doc, item, path, out);
                path.pop();
            }
        }
        Kind::Scalar { .. } => {
            let Some((written, resolved)) = plain_resolved(doc, id) else { return };
            let kind = match resolve::reading(written, &resolved) {
                Reading::BoolWord => NoteKind::BoolWord,
                Reading::LegacyOctal => NoteKind::LegacyOctal,
                _ => {
                    let read_as = match resolved {
                        Resolved::Int(i) => Value::from(i),
                        Resolved::UInt(u) => Value::from(u),
                        Resolved::Float(f) if f.is_finite() => Value::from(f),
                        _ => return,
                    };
                    let printed = read_as.as_f64().map(crate::render::go_format::go_float);
                    if printed.as_deref() == Some(written) {
                        return;
                    }
                    let (line, column) = at(id);
                    let text = written.to_owned();
                    out.push(Note { kind: NoteKind::GoNumber, path: path.clone(), line, column, text, read_as });
                    return;
                }
            };
            let read_as = match resolved {
                Resolved::Bool(b) => Value::Bool(b),
                Resolved::Int(i) => Value::from(i),
                Resolved::UInt(u) => Value::from(u),
                _ => return,
            };
            let (line, column) = at(id);
            out.push(Note { kind, path: path.clone(), line, column, text: written.to_owned(), read_as });
        }
        Kind::Alias { .. } => {}
    }
}

/// The notes of every file of a state, by bundle path. They describe the text
/// the files were read from, not the project's data: two states with the same
/// data are equal whatever notes they carry.
#[derive(Debug, Clone, Default)]
pub struct FileNotes(pub std::collections::BTreeMap<String, Vec<Note>>);

impl PartialEq for FileNotes {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// The value at `path` in `root`, if any.
pub fn lookup<'v>(root: &'v Value, path: &[Seg]) -> Option<&'v Value> {
    path.iter().try_fold(root, |v, seg| match seg {
        Seg::Key(k) => v.as_mapping()?.get(k.as_str()),
        Seg::Index(i) => v.as_sequence()?.get(*i),
    })
}
