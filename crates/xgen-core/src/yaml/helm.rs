//! A values file as Helm 4 reads it (`helm template -f file`,
//! `pkg/chart/v2/loader/load.go` `LoadValues`, lines 208-261):
//!
//! 1. the text is cut into documents by apimachinery's `YAMLReader`: a line
//!    that starts with `---` ends a document (only blanks or a comment may
//!    follow the `---`, else the file is refused: "invalid Yaml document
//!    separator"); an empty document is skipped;
//! 2. each document goes through `sigs.k8s.io/yaml`'s `Unmarshal` into a
//!    `map[string]interface{}`: go-yaml v2 reads the first YAML document of the
//!    text ([`super::de`]), the result is turned into JSON and read back (so a
//!    document that is not a mapping or null is refused);
//! 3. the documents are merged, a later one winning, maps key by key
//!    (`MergeMaps`).
//!
//! A `%YAML` or `%TAG` directive is therefore always refused: the `---` after
//! it cuts it off into a document of its own, which go-yaml refuses ("did not
//! find expected `<document start>`").

use super::de::Reader;
use super::tree::Stream;
use super::Error;
use serde::Deserialize;
use serde_yaml::{Mapping, Value};

/// The values of a file as Helm reads them: a mapping with string keys.
pub fn read_values(text: &str) -> Result<Mapping, Error> {
    let stream = super::tree::parse(text)?;
    values_of(text, &stream)
}

/// [`read_values`] of a parsed stream.
pub fn values_of(text: &str, stream: &Stream) -> Result<Mapping, Error> {
    let mut values = Mapping::new();
    for doc in &stream.documents {
        let reader = Reader::new(text, doc);
        let Some(root) = reader.root() else { continue };
        let value = Value::deserialize(root)?;
        let at = doc.root.map_or(doc.span.start, |r| doc.node(r).span.start);
        match value {
            Value::Null => {}
            Value::Mapping(m) => merge_maps(&mut values, m),
            other => {
                return Err(Error::new(
                    at,
                    format!(
                    "cannot unmarshal {} into Go value of type map[string]interface {{}} (a values file is a mapping)",
                    json_kind(&other)
                ),
                ))
            }
        }
    }
    Ok(values)
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Sequence(_) => "array",
        _ => "object",
    }
}

/// load.go `MergeMaps`: maps merge key by key, anything else is replaced.
pub fn merge_maps(into: &mut Mapping, from: Mapping) {
    for (k, v) in from {
        match (into.get_mut(&k), v) {
            (Some(Value::Mapping(old)), Value::Mapping(new)) => merge_maps(old, new),
            (_, v) => {
                into.insert(k, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tree::split_documents;
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        split_documents(text).unwrap().iter().map(|c| c.span.text(text)).collect()
    }

    #[test]
    fn documents_are_cut_at_dash_lines() {
        assert_eq!(spans("a: 1\n---\nb: 2\n"), ["a: 1\n", "b: 2\n"]);
        assert_eq!(spans("---\na: 1\n"), ["---\na: 1\n"]);
        assert_eq!(spans("a: 1\n--- # c\n---\nb: 2"), ["a: 1\n", "---\nb: 2"]);
        assert!(split_documents("a: 1\n--- b: 2\n").is_err());
        assert!(split_documents("-----\n").is_err());
    }

    #[test]
    fn documents_merge_as_helm_merges_them() {
        let v = read_values("a: {p: 1, q: 2}\nb: 1\n---\na: {q: 3}\nb: [1]\n").unwrap();
        let want: Mapping = serde_yaml::from_str("{a: {p: 1, q: 3}, b: [1]}").unwrap();
        assert_eq!(v, want);
        assert!(read_values("- 1\n").is_err());
        assert!(read_values("%YAML 1.1\n---\na: 1\n").is_err());
        assert_eq!(read_values("# nothing\n").unwrap(), Mapping::new());
    }
}
