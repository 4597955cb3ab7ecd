//! What a template read from a service's merged values, so that the object
//! it built is built again only when one of those reads would now return
//! something else (docs/decisions.md, "An object is built again only when
//! what it read changed").
//!
//! The dependency is observed, never declared: a template reaches the merged
//! values only through [`Reads`], which logs each path it reads. Everything
//! else a template sees is derived from those reads, so a template run is a
//! function of the values its logged paths returned. When each path returns
//! an identical value in the new merged values ([`Trace::holds`]), running it
//! again would build the same object, and the last one is kept.

use super::merged::Merged;
use serde_yaml::Value;
use std::cell::RefCell;
use std::sync::Arc;

/// One path read from the merged values.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Path {
    Fixed(&'static [&'static str]),
    /// `environments.<env>`: the one path whose key is not in the template.
    Environment(String),
}

impl Path {
    /// Whether this path and `change` lie on one line: one is the other or
    /// under it (a read of a mapping sees every key under it; a read under a
    /// replaced value sees the replacement).
    fn meets(&self, change: &[Value]) -> bool {
        let key = |i: usize| match self {
            Path::Fixed(path) => path.get(i).copied(),
            Path::Environment(env) => ["environments", env.as_str()].get(i).copied(),
        };
        change.iter().enumerate().all(|(i, segment)| match key(i) {
            None => true,
            Some(k) => matches!(segment, Value::String(s) if s == k),
        })
    }

    fn read<'v>(&self, values: &'v Merged) -> Option<&'v Value> {
        match self {
            Path::Fixed(path) => values.at(path),
            Path::Environment(env) => values.at(&["environments", env]),
        }
    }
}

/// The merged values as a template may read them: each read is logged.
pub struct Reads<'v> {
    values: &'v Merged,
    log: RefCell<Vec<Path>>,
}

impl<'v> Reads<'v> {
    pub fn new(values: &'v Merged) -> Self {
        Reads { values, log: RefCell::new(Vec::new()) }
    }

    /// The value at `path` (`at`: a null is no value), logged.
    pub fn at(&self, path: &'static [&'static str]) -> Option<&'v Value> {
        self.log(Path::Fixed(path));
        self.values.at(path)
    }

    /// `environments.<env>`, logged.
    pub fn environment(&self, env: &str) -> Option<&'v Value> {
        let path = Path::Environment(env.to_owned());
        let value = path.read(self.values);
        self.log(path);
        value
    }

    fn log(&self, path: Path) {
        let mut log = self.log.borrow_mut();
        if !log.contains(&path) {
            log.push(path);
        }
    }

    /// The paths read, for [`Trace::holds`].
    pub fn finish(self) -> Trace {
        Trace(self.log.into_inner().into())
    }
}

/// The paths one template run read. Shared: a kept object keeps its trace.
#[derive(Debug, Clone, Default)]
pub struct Trace(Arc<[Path]>);

impl Trace {
    /// Whether every path read returns an identical value in `new` as it did
    /// in `old`, the values the trace was taken over.
    /// With `changes`, the paths outside which `new` is known to be
    /// identical to `old`, no value is compared: no read path may meet one.
    pub fn holds(&self, old: &Merged, new: &Merged, changes: Option<&Changes>) -> bool {
        match changes {
            Some(changes) => !self.0.iter().any(|p| changes.0.iter().any(|c| p.meets(c))),
            None => self.0.iter().all(|p| match (p.read(old), p.read(new)) {
                (None, None) => true,
                (Some(a), Some(b)) => identical(a, b),
                _ => false,
            }),
        }
    }
}

/// Where two values differ, as key paths: every path under which the new
/// value is not [`identical`] to the old. A mapping whose keys are the same,
/// in the same order, is looked into; any other difference is its own path
/// (a key added, removed or moved changes the whole mapping).
#[derive(Debug, Clone, PartialEq)]
pub struct Changes(Vec<Vec<Value>>);

impl Changes {
    /// The changes from `old` to `new`; None past `limit` of them (comparing
    /// values is then cheaper than meeting paths).
    pub fn between(old: &Value, new: &Value, limit: usize) -> Option<Changes> {
        fn walk(old: &Value, new: &Value, path: &mut Vec<Value>, out: &mut Vec<Vec<Value>>, limit: usize) -> bool {
            match (old, new) {
                (Value::Mapping(a), Value::Mapping(b))
                    if a.len() == b.len() && a.keys().zip(b.keys()).all(|(x, y)| identical(x, y)) =>
                {
                    a.iter().zip(b.values()).all(|((key, x), y)| {
                        path.push(key.clone());
                        let within = walk(x, y, path, out, limit);
                        path.pop();
                        within
                    })
                }
                _ if identical(old, new) => true,
                _ => {
                    out.push(path.clone());
                    out.len() <= limit
                }
            }
        }
        let mut out = Vec::new();
        walk(old, new, &mut Vec::new(), &mut out, limit).then_some(Changes(out))
    }
}

/// Equal in everything a template can see: mappings in their order (a
/// template that prints a mapping, or folds keys that print alike, sees it),
/// floats by their bits (`-0` prints apart from `0`; `Value`'s `==` takes
/// them as equal), tags as printed (`Tag`'s `==` is its text without `!`).
pub fn identical(a: &Value, b: &Value) -> bool {
    if std::ptr::eq(a, b) {
        return true;
    }
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            _ if x.is_f64() != y.is_f64() => false,
            (Some(f), Some(g)) if x.is_f64() => f.to_bits() == g.to_bits(),
            _ => x == y,
        },
        (Value::Sequence(x), Value::Sequence(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| identical(a, b)),
        (Value::Mapping(x), Value::Mapping(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|((k, v), (l, w))| identical(k, l) && identical(v, w))
        }
        (Value::Tagged(x), Value::Tagged(y)) => x.tag == y.tag && identical(&x.value, &y.value),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(s: &str) -> Value {
        serde_yaml::from_str(s).unwrap()
    }

    /// The merged values of a fixed user's values over `chart`.
    fn over(chart: &Value) -> Merged {
        let user = yaml("port: 8000\nistio: {destinationRule: {enabled: true}}");
        Merged::new(Arc::new((user.as_mapping().unwrap().clone(), None)), Arc::new(chart.clone()))
    }

    #[test]
    fn a_trace_holds_until_a_read_path_changes() {
        let chart = yaml("port: 80\nistio: {apiVersion: v1, destinationRule: {trafficPolicy: {}}}\nenvironments: {dev: {replicas: 2}}");
        let old = over(&chart);
        let reads = Reads::new(&old);
        assert_eq!(reads.at(&["istio", "apiVersion"]), Some(&Value::from("v1")));
        assert_eq!(reads.at(&["port"]), Some(&Value::from(8000)));
        reads.environment("dev");
        let trace = reads.finish();
        // Each case both ways: comparing values, and meeting the chart's
        // changes (which may rebuild more, never less).
        let holds = |new_chart: &str| {
            let new_chart = yaml(new_chart);
            let by_value = trace.holds(&old, &over(&new_chart), None);
            let changes = Changes::between(&chart, &new_chart, 100).expect("few");
            let by_paths = trace.holds(&old, &over(&new_chart), Some(&changes));
            assert!(by_value || !by_paths, "{new_chart:?}");
            (by_value, by_paths)
        };
        let same = "port: 80\nistio: {apiVersion: v1, destinationRule: {trafficPolicy: {}}}\nenvironments: {dev: {replicas: 2}}";
        assert_eq!(holds(same), (true, true));
        // A path not read changes.
        let unread = "port: 80\nistio: {apiVersion: v1, destinationRule: {trafficPolicy: {a: 1}}}\nenvironments: {dev: {replicas: 2}}";
        assert_eq!(holds(unread), (true, true));
        // A read path whose value the user's values decide.
        let overridden = "port: 90\nistio: {apiVersion: v1, destinationRule: {trafficPolicy: {}}}\nenvironments: {dev: {replicas: 2}}";
        assert_eq!(holds(overridden), (true, false));
        // A read path changes, or stops being there.
        assert_eq!(holds("port: 80\nistio: {apiVersion: v2, destinationRule: {trafficPolicy: {}}}\nenvironments: {dev: {replicas: 2}}"), (false, false));
        assert_eq!(holds("port: 80\nistio: x\nenvironments: {dev: {replicas: 2}}"), (false, false));
        assert_eq!(holds("port: 80\nistio: {apiVersion: v1, destinationRule: {trafficPolicy: {}}}\nenvironments: {dev: {replicas: 3}}"), (false, false));
    }

    #[test]
    fn changes_are_the_paths_that_differ() {
        let old = yaml("a: {b: 1, c: [1, 2]}\nd: x");
        let paths = |new: &str| Changes::between(&old, &yaml(new), 10).map(|c| c.0);
        let key = |k: &str| Value::from(k);
        assert_eq!(paths("a: {b: 1, c: [1, 2]}\nd: x"), Some(vec![]));
        assert_eq!(paths("a: {b: 2, c: [1, 2]}\nd: y"), Some(vec![vec![key("a"), key("b")], vec![key("d")]]));
        // A key added or moved: the whole mapping.
        assert_eq!(paths("a: {b: 1, c: [1, 2], e: 0}\nd: x"), Some(vec![vec![key("a")]]));
        assert_eq!(paths("a: {c: [1, 2], b: 1}\nd: x"), Some(vec![vec![key("a")]]));
        assert_eq!(paths("a: {b: 1, c: [1, 3]}\nd: x"), Some(vec![vec![key("a"), key("c")]]));
        assert_eq!(paths("[]"), Some(vec![vec![]]));
        assert_eq!(Changes::between(&old, &yaml("a: {b: 2, c: [1, 2]}\nd: y"), 1), None);
    }

    #[test]
    fn identical_sees_order_signed_zeros_and_number_kinds() {
        assert!(identical(&yaml("{a: 1, b: [x, 2.5]}"), &yaml("{a: 1, b: [x, 2.5]}")));
        // `Value`'s `==` takes each of these pairs as equal.
        assert_eq!(yaml("{a: 1, b: 2}"), yaml("{b: 2, a: 1}"));
        assert!(!identical(&yaml("{a: 1, b: 2}"), &yaml("{b: 2, a: 1}")));
        assert_eq!(yaml("0.0"), yaml("-0.0"));
        assert!(!identical(&yaml("0.0"), &yaml("-0.0")));
        assert!(!identical(&yaml("1"), &yaml("1.0")));
        assert!(identical(&yaml(".nan"), &yaml(".nan")));
        assert!(!identical(&yaml("!a x"), &yaml("!b x")));
    }
}
