//! A service's merged values: the chart's values coalesced under the user's
//! (`helm_values::coalesce`), made one top-level key at a time, when a
//! template or a check first reads under that key.
//!
//! Why: a project-wide edit (the chart's `values.yaml`) changes the values
//! of every service. Merging them whole cloned every service's values and
//! the chart's, and dropped the last render's copies, though the edit's
//! templates read a handful of keys (docs/decisions.md, "An object is built
//! again only when what it read changed"). `coalesce` decides each top-level
//! key from the two values at that key alone, so the merged value at a key
//! is the coalesce of the two values there; a key only the chart has is
//! read from the chart in place unless it holds a null to clean. A test
//! holds every path equal to the whole merge's.

use super::helm_values::{at, clean_nulls, coalesce, under_chart};
use serde_yaml::{Mapping, Value};
use std::sync::Arc;
use std::sync::OnceLock;

/// The values the templates see, for one Application.
pub struct Merged {
    /// The values file with the Application's parameters set, and where
    /// setting them failed (`service::with_parameters`).
    user: Arc<(Mapping, Option<String>)>,
    /// The chart's `values.yaml` as Helm reads it (`service::helm_data`).
    chart: Arc<Value>,
    /// A value made for a key, once: for the user's keys by position, the
    /// two mappings coalesced; then for the chart's keys by position, the
    /// chart's value cleaned of nulls (None: it has none, and is read in
    /// place).
    made: Box<[OnceLock<Option<Value>>]>,
}

impl std::fmt::Debug for Merged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Merged").field("user", &self.user.0).field("chart", &"…").finish()
    }
}

impl Merged {
    pub fn new(user: Arc<(Mapping, Option<String>)>, chart: Arc<Value>) -> Self {
        let slots = user.0.len() + chart.as_mapping().map_or(0, Mapping::len);
        Merged { user, chart, made: (0..slots).map(|_| OnceLock::new()).collect() }
    }

    /// The chart's data the values are merged over.
    pub fn chart(&self) -> &Arc<Value> {
        &self.chart
    }

    /// Where setting the Application's parameters failed, if it did.
    pub fn set_failure(&self) -> Option<&String> {
        self.user.1.as_ref()
    }

    /// The merged value at a top-level key, as `coalesce` over the whole
    /// makes it (a user null that no default deletes stays a null).
    pub fn get(&self, key: &str) -> Option<&Value> {
        let user = find(&self.user.0, key);
        // A null default is no default.
        let chart = self.chart.as_mapping().and_then(|m| find(m, key)).filter(|(_, v)| !v.is_null());
        match (user, chart) {
            (None, None) => None,
            (Some((_, mine)), None) => Some(mine),
            (Some((_, Value::Null)), Some(_)) => None,
            (Some((i, Value::Mapping(mine))), Some((_, Value::Mapping(theirs)))) => self.made[i]
                .get_or_init(|| {
                    let mut mine = mine.clone();
                    coalesce(&mut mine, theirs);
                    Some(Value::Mapping(mine))
                })
                .as_ref(),
            (Some((_, mine)), Some(_)) => Some(mine),
            (None, Some((j, theirs))) => {
                let made = self.made[self.user.0.len() + j].get_or_init(|| {
                    has_nulls(theirs).then(|| {
                        let mut value = theirs.clone();
                        clean_nulls(&mut value);
                        value
                    })
                });
                Some(made.as_ref().unwrap_or(theirs))
            }
        }
    }

    /// `helm_values::at` over the merged values. A path is read in place,
    /// down the user's and the chart's values side by side, wherever the
    /// merge would take its value whole from one side: a project-wide
    /// traffic policy is read by 600 services whose values have `istio`
    /// keys of their own, and making each service's `istio` copied the
    /// chart's into it.
    pub fn at(&self, path: &[&str]) -> Option<&Value> {
        let (first, rest) = path.split_first()?;
        if !rest.is_empty() {
            let user = find(&self.user.0, first).map(|(_, v)| v);
            let chart = self.chart.as_mapping().and_then(|m| find(m, first)).map(|(_, v)| v);
            if let Some(found) = in_place(user, chart.filter(|v| !v.is_null()), rest) {
                return found;
            }
        }
        at(self.get(first)?, rest)
    }

    /// The merged values whole, as `under_chart` makes them.
    pub fn to_value(&self) -> Value {
        under_chart(self.user.0.clone(), &self.chart)
    }
}

/// A key's position and value (top-level mappings have a few dozen keys: a
/// scan costs less than hashing the key).
fn find<'m>(m: &'m Mapping, key: &str) -> Option<(usize, &'m Value)> {
    m.iter().enumerate().find(|(_, (k, _))| k.as_str() == Some(key)).map(|(i, (_, v))| (i, v))
}

/// The merged value at `path` below a key whose user value is `mine` and
/// whose chart default is `theirs` (a null default is none), when the merge
/// takes it whole from one side, as `coalesce` decides: None when it would
/// be made (two mappings coalesced, or nulls cleaned).
fn in_place<'a>(mine: Option<&'a Value>, theirs: Option<&'a Value>, path: &[&str]) -> Option<Option<&'a Value>> {
    match (mine, theirs) {
        (None, None) | (Some(Value::Null), Some(_)) => Some(None),
        (Some(Value::Mapping(m)), Some(Value::Mapping(t))) => {
            let (key, rest) = path.split_first()?;
            in_place(m.get(*key), t.get(*key).filter(|v| !v.is_null()), rest)
        }
        // A user value the chart has no default for, or any other user
        // value over a default, is the user's as written.
        (Some(mine), _) => Some(at(mine, path)),
        (None, Some(theirs)) => {
            let found = at(theirs, path);
            (!found.is_some_and(has_nulls)).then_some(found)
        }
    }
}

/// Whether `clean_nulls` would change `v`: a null in a mapping, at any depth
/// of mappings.
fn has_nulls(v: &Value) -> bool {
    match v {
        Value::Mapping(m) => m.values().any(|v| v.is_null() || has_nulls(v)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::reads::identical;

    /// A small random tree over few keys, with nulls, scalars, sequences and
    /// mappings at every depth.
    fn next(seed: &mut u64) -> u64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    }

    fn tree(seed: &mut u64, depth: u32) -> Value {
        match next(seed) % if depth == 0 { 4 } else { 7 } {
            0 => Value::Null,
            1 => Value::from(next(seed) % 3),
            2 => Value::from(["a", "b"][(next(seed) % 2) as usize]),
            3 => Value::Sequence(vec![Value::Null, Value::from(1)]),
            _ => {
                let mut m = Mapping::new();
                for _ in 0..next(seed) % 4 {
                    let key = ["a", "b", "c", "d"][(next(seed) % 4) as usize];
                    let value = tree(seed, depth - 1);
                    m.insert(Value::from(key), value);
                }
                Value::Mapping(m)
            }
        }
    }

    #[test]
    fn every_path_reads_as_in_the_whole_merge() {
        let keys = ["a", "b", "c", "d", "e"];
        let mut seed = 0x9e37_79b9_7f4a_7c15;
        for case in 0..3000 {
            let Value::Mapping(user) = tree(&mut seed, 3) else { continue };
            let chart = tree(&mut seed, 3);
            let whole = under_chart(user.clone(), &chart);
            let merged = Merged::new(Arc::new((user, None)), Arc::new(chart));
            let mut paths: Vec<Vec<&str>> = keys.iter().map(|k| vec![*k]).collect();
            for _ in 0..2 {
                let longer: Vec<Vec<&str>> = paths
                    .iter()
                    .flat_map(|p| keys.iter().map(move |k| p.iter().copied().chain([*k]).collect()))
                    .collect();
                paths.extend(longer);
            }
            for path in &paths {
                let (a, b) = (merged.at(path), at(&whole, path));
                let same = match (a, b) {
                    (None, None) => true,
                    (Some(a), Some(b)) => identical(a, b),
                    _ => false,
                };
                assert!(same, "case {case}, {path:?}: {a:?} against {b:?}");
            }
            // A top-level key read whole, a null included.
            for key in keys {
                let whole_key = whole.as_mapping().and_then(|m| m.get(key));
                let same = match (merged.get(key), whole_key) {
                    (None, None) => true,
                    (Some(a), Some(b)) => identical(a, b),
                    _ => false,
                };
                assert!(same, "case {case}, {key}");
            }
            assert_eq!(merged.to_value(), whole);
        }
    }
}
