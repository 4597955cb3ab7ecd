//! The studio's one YAML reader and its writer (docs/inputs.md#how-yaml-is-read,
//! docs/rendering.md#how-yaml-is-written, docs/decisions.md "One YAML reader").
//!
//! - [`tree`]: text to a syntax tree that keeps, for every node, its span,
//!   style, anchor, tag and key spans, and the file's comments and document
//!   markers; the layer a format-preserving writer patches.
//! - [`resolve`]: what a plain scalar means, as go-yaml v2 (Helm, Argo CD,
//!   Kubernetes) reads it.
//! - [`de`]: a `serde::Deserializer` over the tree, so every model struct reads
//!   the data as Helm does, with the place of every error.
//! - [`helm`]: a whole values file as `helm template -f` reads it.
//! - [`emit`]: YAML text from data, quoting every string a YAML 1.1 reader
//!   would take for something else.
//! - [`keep`]: an imported file written back as its author wrote it, patched
//!   only where its data changed.
//! - `syntax`: the scanner and parser underneath (from saphyr-parser).

pub mod de;
pub mod emit;
pub mod helm;
pub mod keep;
pub mod notes;
pub mod resolve;
pub mod same;
mod syntax;
pub mod tree;

use serde::de::DeserializeOwned;
use std::fmt;

pub use tree::{parse, Span, Stream};

/// A reading error at a byte offset of the text (`None`: no one place).
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    pub offset: Option<usize>,
    pub message: String,
}

impl Error {
    pub fn new(offset: usize, message: String) -> Self {
        Error { offset: Some(offset), message }
    }
    /// Places an error that has no place yet.
    pub fn at(mut self, offset: usize) -> Self {
        self.offset.get_or_insert(offset);
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl serde::de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error { offset: None, message: msg.to_string() }
    }
}

/// Reads a file's data into `T`, as Helm reads a values file: a single
/// document directly (every error at its place), several documents merged
/// as Helm merges them.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    let stream = parse(text)?;
    from_stream(text, &stream)
}

/// [`from_str`] of a parsed file.
pub fn from_stream<T: DeserializeOwned>(text: &str, stream: &Stream) -> Result<T, Error> {
    let docs: Vec<_> = stream.documents.iter().filter(|d| d.root.is_some()).collect();
    match docs.as_slice() {
        [] => T::deserialize(serde::de::value::UnitDeserializer::<Error>::new()),
        [doc] => {
            let reader = de::Reader::new(text, doc);
            T::deserialize(reader.root().expect("a root"))
        }
        [first, ..] => {
            // The merged data, written and read again by this reader, so that
            // every field reads it as from one document (a number into a
            // string field, a word into a boolean).
            let merged = helm::values_of(text, stream)?;
            let again = emit::emit(&serde_yaml::Value::Mapping(merged));
            let at = |e: Error| Error::new(first.span.start, e.message);
            let stream = parse(&again).map_err(at)?;
            let doc = stream.documents.iter().find(|d| d.root.is_some()).expect("a mapping");
            let reader = de::Reader::new(&again, doc);
            T::deserialize(reader.root().expect("a root")).map_err(at)
        }
    }
}

/// Every document of a text (cut as Helm cuts them) as data, each read on its
/// own: what `kubectl` and Argo CD make of a rendered file.
pub fn documents(text: &str) -> Vec<Result<serde_yaml::Value, Error>> {
    use serde::Deserialize;
    match parse(text) {
        Err(e) => vec![Err(e)],
        Ok(stream) => stream
            .documents
            .iter()
            .filter_map(|doc| {
                let reader = de::Reader::new(text, doc);
                reader.root().map(serde_yaml::Value::deserialize)
            })
            .collect(),
    }
}

/// The data of `value` as YAML text, in the studio's style ([`emit`]).
pub fn to_string<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, serde_yaml::Error> {
    let value = serde_yaml::to_value(value)?;
    Ok(emit::emit(&value))
}
