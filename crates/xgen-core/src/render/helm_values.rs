//! The Helm side of values: how `helm template` combines the chart's
//! `values.yaml`, a values file and `--set` parameters, and how a Go template
//! sees and prints the result. The service renderer works on these merged,
//! untyped values on purpose: Helm does, and matching it exactly is the point.

use super::go_format::go_float;
use serde_yaml::{Mapping, Value};

/// Helm's coalescing: maps merge key by key, anything else in `over` replaces
/// what is in `base`, and a null in `over` deletes the key.
pub fn merge(base: &mut Value, over: &Value) {
    match (base, over) {
        (Value::Mapping(b), Value::Mapping(o)) => {
            for (k, v) in o {
                if v.is_null() {
                    b.remove(k);
                } else if let Some(existing) = b.get_mut(k) {
                    merge(existing, v);
                } else {
                    b.insert(k.clone(), v.clone());
                }
            }
        }
        (b, o) => *b = o.clone(),
    }
}

/// A `--set name=value` value typed as Helm's strvals types it: `true`/`false`
/// (any case) are booleans, `null` is null, a decimal integer without a leading
/// zero is an int64, anything else is a string.
pub fn typed_set_value(raw: &str) -> Value {
    if raw.eq_ignore_ascii_case("true") {
        return Value::Bool(true);
    }
    if raw.eq_ignore_ascii_case("false") {
        return Value::Bool(false);
    }
    if raw.eq_ignore_ascii_case("null") {
        return Value::Null;
    }
    let digits = raw.strip_prefix('-').unwrap_or(raw);
    let leading_zero = digits.len() > 1 && digits.starts_with('0');
    if !leading_zero && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(i) = raw.parse::<i64>() {
            return Value::Number(i.into());
        }
    }
    Value::String(raw.to_owned())
}

/// One map key as a segment of a `--set` name: Helm's strvals reads `.`, `[`,
/// `,` and `=` in a name as syntax and `\` as the escape of the next rune
/// (strvals/parser.go, `runesUntil`), so each of them is escaped. The root
/// chart's `xgen-argocd.setKey` does the same.
pub fn escape_set_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        if matches!(c, '\\' | '.' | '[' | ',' | '=') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The keys of a `--set` name: split at `.`, with `\` escaping the next rune.
pub fn set_name_keys(name: &str) -> Vec<String> {
    let mut keys = vec![String::new()];
    let mut chars = name.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => keys.last_mut().expect("one key").extend(chars.next()),
            '.' => keys.push(String::new()),
            c => keys.last_mut().expect("one key").push(c),
        }
    }
    keys
}

/// Applies `--set a.b.c=value` (the value already typed) to `values`.
pub fn set_path(values: &mut Value, dotted: &str, value: Value) {
    let mut node = values;
    let keys = set_name_keys(dotted);
    let mut keys = keys.iter().peekable();
    while let Some(key) = keys.next() {
        if !node.is_mapping() {
            *node = Value::Mapping(Mapping::new());
        }
        let Value::Mapping(map) = node else { return };
        let key = Value::String(key.clone());
        if keys.peek().is_none() {
            map.insert(key, value);
            return;
        }
        node = map.entry(key).or_insert_with(|| Value::Mapping(Mapping::new()));
    }
}

/// The value at a path of keys, or None (Go templates read missing keys as nil).
pub fn at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |node, key| node.as_mapping()?.get(*key)).filter(|v| !v.is_null())
}

/// Go template truth: false, 0, nil, and empty strings, lists and maps are false.
pub fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Sequence(s)) => !s.is_empty(),
        Some(Value::Mapping(m)) => !m.is_empty(),
        Some(Value::Tagged(_)) => true,
    }
}

/// `default`: the value if truthy, else the fallback.
pub fn or<'a>(v: Option<&'a Value>, fallback: Option<&'a Value>) -> Option<&'a Value> {
    if truthy(v) {
        v
    } else {
        fallback
    }
}

/// How `{{ v }}` prints a scalar: strings as they are, numbers with Go's `%v`,
/// booleans as `true`/`false`, nil as nothing.
pub fn print(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::String(s)) => s.clone(),
        // Values-file numbers are float64 in Helm and print with Go's `%v`.
        // `--set` integers are int64 and print plainly, but the only ones that
        // reach the service chart come from the root chart, which already
        // printed them with `%v`, so below 10^6 (plain either way) is all there is.
        Some(Value::Number(n)) => n.as_f64().map_or_else(|| n.to_string(), go_float),
        Some(other) => crate::yaml::to_string(other).unwrap_or_default().trim_end().to_owned(),
    }
}

/// `{{ v | quote }}`: the printed value, or None for nil (`quote` of nil is
/// empty, which YAML reads as null).
pub fn quoted(v: Option<&Value>) -> Option<String> {
    match v {
        None | Some(Value::Null) => None,
        _ => Some(print(v)),
    }
}

/// An unquoted `{{ v }}` in a template is printed and then read back by the YAML
/// parser: `replicas: {{ 2 }}` is the integer 2, `{{ "abc" }}` the string abc.
pub fn printed_scalar(v: Option<&Value>) -> Value {
    let text = print(v);
    if text.is_empty() {
        return Value::Null;
    }
    match crate::yaml::from_str::<Value>(&text) {
        Ok(v @ (Value::Bool(_) | Value::Number(_) | Value::String(_) | Value::Null)) => v,
        _ => Value::String(text),
    }
}

/// A map with its keys sorted, recursively: what `toYaml` prints.
pub fn sorted(v: &Value) -> Value {
    match v {
        Value::Mapping(m) => {
            let mut entries: Vec<(&Value, &Value)> = m.iter().collect();
            entries.sort_by_key(|(k, _)| print(Some(k)));
            Value::Mapping(entries.into_iter().map(|(k, v)| (k.clone(), sorted(v))).collect())
        }
        Value::Sequence(s) => Value::Sequence(s.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn y(s: &str) -> Value {
        serde_yaml::from_str(s).unwrap()
    }

    #[test]
    fn merge_is_helm_coalescing() {
        let mut base = y("a: {b: 1, c: 2}\nl: [1, 2]\nk: keep\n");
        merge(&mut base, &y("a: {c: 3, d: 4}\nl: [9]\nk: null\n"));
        assert_eq!(base, y("a: {b: 1, c: 3, d: 4}\nl: [9]\n"));
    }

    #[test]
    fn set_values_are_typed_like_strvals() {
        assert_eq!(typed_set_value("true"), Value::Bool(true));
        assert_eq!(typed_set_value("FALSE"), Value::Bool(false));
        assert_eq!(typed_set_value("null"), Value::Null);
        assert_eq!(typed_set_value("2"), y("2"));
        assert_eq!(typed_set_value("-5"), y("-5"));
        assert_eq!(typed_set_value("0"), y("0"));
        assert_eq!(typed_set_value("007"), Value::String("007".into()));
        assert_eq!(typed_set_value("1e+06"), Value::String("1e+06".into()));
        assert_eq!(typed_set_value("0.5"), Value::String("0.5".into()));
        assert_eq!(typed_set_value("a,b"), Value::String("a,b".into()));
    }

    #[test]
    fn escaped_keys_stay_one_key() {
        assert_eq!(escape_set_key("spring.profile"), "spring\\.profile");
        assert_eq!(escape_set_key(r"a\b[0],c=d"), r"a\\b\[0]\,c\=d");
        for key in ["spring.profile", r"a\b[0],c=d", "plain", "trailing\\"] {
            assert_eq!(set_name_keys(&format!("config.{}", escape_set_key(key))), ["config", key]);
        }
        let mut v = y("config: {}");
        set_path(&mut v, &format!("config.{}", escape_set_key("A.B")), Value::String("x".into()));
        assert_eq!(v, y("config: {A.B: x}"));
    }

    #[test]
    fn set_path_creates_maps() {
        let mut v = y("a: {x: 1}");
        set_path(&mut v, "a.b.c", Value::Bool(true));
        assert_eq!(v, y("a: {x: 1, b: {c: true}}"));
    }

    #[test]
    fn truth_and_printing() {
        assert!(!truthy(Some(&y("0"))));
        assert!(!truthy(Some(&y("''"))));
        assert!(!truthy(Some(&y("[]"))));
        assert!(truthy(Some(&y("x"))));
        assert_eq!(print(Some(&y("8000"))), "8000");
        assert_eq!(print(Some(&y("1000000"))), "1e+06");
        assert_eq!(print(Some(&y("0.9"))), "0.9");
        assert_eq!(printed_scalar(Some(&y("'2'"))), y("2"));
        assert_eq!(printed_scalar(None), Value::Null);
    }
}
