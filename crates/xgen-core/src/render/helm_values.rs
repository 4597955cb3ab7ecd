//! The Helm side of values: how `helm template` combines the chart's
//! `values.yaml`, a values file and `--set` parameters, and how a Go template
//! sees and prints the result. The service renderer works on these merged,
//! untyped values on purpose: Helm does, and matching it exactly is the point.

use super::go_format::go_float;
use crate::short_cache::{self, ShortCache};
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

/// The chart's defaults under the user's values, as Helm's
/// `coalesceValues` and `coalesceTablesFullKey` put them
/// (`pkg/chart/common/util/coalesce.go`, docs/rendering.md "Helm's value
/// semantics"): for every key of the chart, a user null deletes the key, two
/// maps coalesce key by key, any other user value wins, and a key the user
/// lacks takes the chart's value (its nulls cleaned). A user null at a key
/// the chart does not have stays: templates see nil there.
pub fn coalesce(user: &mut Mapping, chart: &Mapping) {
    for (key, default) in chart {
        if default.is_null() {
            continue;
        }
        match user.get_mut(key) {
            Some(Value::Null) => {
                user.remove(key);
            }
            Some(Value::Mapping(mine)) => {
                if let Value::Mapping(theirs) = default {
                    coalesce(mine, theirs);
                }
            }
            Some(_) => {}
            None => {
                let mut value = default.clone();
                clean_nulls(&mut value);
                user.insert(key.clone(), value);
            }
        }
    }
}

/// The user's values over the chart's (`coalesce`): what the templates see.
pub fn under_chart(mut user: Mapping, chart: &Value) -> Value {
    if let Value::Mapping(chart) = chart {
        coalesce(&mut user, chart);
    }
    Value::Mapping(user)
}

/// `cleanNilValues`: nulls removed from a map, recursively.
pub(crate) fn clean_nulls(v: &mut Value) {
    if let Value::Mapping(m) = v {
        m.retain(|_, v| !v.is_null());
        for (_, v) in m.iter_mut() {
            clean_nulls(v);
        }
    }
}

/// Numbers read from a values file as Helm has them: `sigs.k8s.io/yaml`
/// turns YAML into JSON and every JSON number into a float64, so an integer
/// in a file is a float (`1000000` prints as `1e+06`), unlike an integer
/// from `--set`, which strvals makes an int64 (`1000000`).
pub fn as_helm_numbers(v: &mut Value) {
    match v {
        Value::Number(n) if !n.is_f64() => {
            if let Some(f) = n.as_f64() {
                *v = Value::Number(f.into());
            }
        }
        Value::Mapping(m) => m.iter_mut().for_each(|(_, v)| as_helm_numbers(v)),
        Value::Sequence(s) => s.iter_mut().for_each(as_helm_numbers),
        _ => {}
    }
}

/// A `--set name=value` value typed as Helm's strvals types it (`typedVal`,
/// `pkg/strvals/parser.go`): `true`/`false`/`null` in any case are a
/// boolean or null, `0` and anything Go's `ParseInt(s, 10, 64)` takes that
/// does not start with `0` (`+5`, `-05`) an int64, anything else a string.
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
    if raw == "0" {
        return Value::Number(0.into());
    }
    if !raw.is_empty() && !raw.starts_with('0') {
        // Rust's i64 parsing takes what Go's base-10 ParseInt takes: an
        // optional sign, then decimal digits.
        if let Ok(i) = raw.parse::<i64>() {
            return Value::Number(i.into());
        }
    }
    Value::String(raw.to_owned())
}

/// Argo CD's `cleanSetParameters` (`util/helm/cmd.go`): a value wrapped in
/// `{}` is passed as it is (Helm's list form); otherwise every comma not
/// right after a backslash is escaped. Argo CD then runs
/// `helm template --set <name>=<escaped value>`.
pub fn argo_escape(value: &str) -> String {
    if value.starts_with('{') && value.ends_with('}') {
        return value.to_owned();
    }
    let mut out = String::with_capacity(value.len());
    let mut prev = None;
    for c in value.chars() {
        if c == ',' && prev != Some('\\') {
            out.push_str("\\,");
        } else {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

/// Helm's `strvals.ParseInto` of one `--set` line into the values the
/// values files gave (`pkg/strvals/parser.go`; `pkg/cli/values/options.go`
/// parses every `--set` into those values before the chart's defaults are
/// coalesced under them). The error is Helm's.
pub fn parse_set_into(line: &str, data: &mut Mapping) -> Result<(), String> {
    let mut p = SetParser { chars: line.chars().collect(), pos: 0 };
    loop {
        match p.key(data, 0) {
            Ok(()) => {}
            Err(Stop::End) => return Ok(()),
            Err(Stop::Fail(e)) => return Err(format!("failed parsing --set data: {e}")),
        }
    }
}

/// How strvals' `key` stops: at the end of the line, or with an error.
enum Stop {
    End,
    Fail(String),
}

struct SetParser {
    chars: Vec<char>,
    pos: usize,
}

/// Go's name of a value's dynamic type, as a failed type assertion says it.
fn go_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "nil",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float64",
        Value::Number(_) => "int64",
        Value::String(_) => "string",
        Value::Sequence(_) => "[]interface {}",
        Value::Mapping(_) | Value::Tagged(_) => "map[string]interface {}",
    }
}

impl SetParser {
    fn read(&mut self) -> Option<char> {
        let c = self.chars.get(self.pos).copied();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }

    /// `runesUntil`: the text up to a stop rune (None at the end), a
    /// backslash taking the next rune as it is.
    fn until(&mut self, stop: &[char]) -> (String, Option<char>) {
        let mut v = String::new();
        loop {
            match self.read() {
                None => return (v, None),
                Some(c) if stop.contains(&c) => return (v, Some(c)),
                Some('\\') => match self.read() {
                    None => return (v, None),
                    Some(next) => v.push(next),
                },
                Some(c) => v.push(c),
            }
        }
    }

    /// `key`: one name and its value, into `data`.
    fn key(&mut self, data: &mut Mapping, level: usize) -> Result<(), Stop> {
        let (k, last) = self.until(&['=', '[', ',', '.']);
        let set = |data: &mut Mapping, v: Value| {
            if !k.is_empty() {
                data.insert(Value::String(k.clone()), v);
            }
        };
        match last {
            None if k.is_empty() => Err(Stop::End),
            None => Err(Stop::Fail(format!("key {k:?} has no value"))),
            Some('[') => Err(Stop::Fail(format!("key {k:?}: a list index, which the studio does not pass"))),
            Some(',') => {
                set(data, Value::String(String::new()));
                Err(Stop::Fail(format!("key {k:?} has no value (cannot end with ,)")))
            }
            Some('=') => match self.read() {
                None => {
                    set(data, Value::String(String::new()));
                    Err(Stop::End)
                }
                Some('{') => {
                    let mut list = Vec::new();
                    loop {
                        let (item, last) = self.until(&[',', '}']);
                        match last {
                            None => return Err(Stop::Fail("list must terminate with '}'".into())),
                            Some('}') => {
                                if self.read().is_some_and(|c| c != ',') {
                                    self.pos -= 1;
                                }
                                list.push(typed_set_value(&item));
                                set(data, Value::Sequence(list));
                                return Ok(());
                            }
                            Some(_) => list.push(typed_set_value(&item)),
                        }
                    }
                }
                Some(_) => {
                    self.pos -= 1;
                    let (value, _) = self.until(&[',']);
                    set(data, typed_set_value(&value));
                    Ok(())
                }
            },
            Some(_) => {
                if level + 1 > 30 {
                    return Err(Stop::Fail(
                        "value name nested level is greater than maximum supported nested level of 30".into(),
                    ));
                }
                let name = Value::String(k.clone());
                let mut inner = match data.get(&name) {
                    None => Mapping::new(),
                    Some(Value::Mapping(m)) => m.clone(),
                    Some(other) => {
                        return Err(Stop::Fail(format!(
                            "unable to parse key: interface conversion: interface {{}} is {}, not map[string]interface {{}}",
                            go_type(other)
                        )))
                    }
                };
                let result = self.key(&mut inner, level + 1);
                if result.is_ok() && inner.is_empty() {
                    return Err(Stop::Fail(format!("key map {k:?} has no value")));
                }
                if !inner.is_empty() {
                    set(data, Value::Mapping(inner));
                }
                result
            }
        }
    }
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
        // Values-file numbers are float64 in Helm (`as_helm_numbers`) and
        // print with Go's `%v`; `--set` integers are int64 and print plainly.
        Some(Value::Number(n)) if n.is_f64() => n.as_f64().map_or_else(|| n.to_string(), go_float),
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => go_v(other),
    }
}

/// Go's `%v` of a list or map (`fmt`, print.go `printValue`): `[a b]` and
/// `map[k:v]`, map keys sorted, nil as `<nil>`.
fn go_v(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".into(),
        Value::Sequence(items) => format!("[{}]", items.iter().map(go_v).collect::<Vec<_>>().join(" ")),
        Value::Mapping(m) => {
            let mut entries: Vec<(String, String)> = m.iter().map(|(k, v)| (print(Some(k)), go_v(v))).collect();
            entries.sort();
            format!("map[{}]", entries.iter().map(|(k, v)| format!("{k}:{v}")).collect::<Vec<_>>().join(" "))
        }
        Value::Tagged(t) => go_v(&t.value),
        scalar => print(Some(scalar)),
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
    if !short_cache::fits(&text) {
        return read_back(text);
    }
    READ_BACK.with_borrow_mut(|cache| {
        if let Some(v) = cache.get(&text) {
            return v.clone();
        }
        let v = read_back(text.clone());
        *cache.entry(&text) = v.clone();
        v
    })
}

/// A printed scalar as the YAML parser reads it back.
fn read_back(text: String) -> Value {
    match crate::yaml::from_str::<Value>(&text) {
        Ok(v @ (Value::Bool(_) | Value::Number(_) | Value::String(_) | Value::Null)) => v,
        _ => Value::String(text),
    }
}

// What each short printed scalar reads back as: every service prints the
// same ports, replicas and percentages, and reading one back runs the YAML
// parser (most of a service's render when a project-wide value changes).
thread_local! {
    static READ_BACK: std::cell::RefCell<ShortCache<Value>> = std::cell::RefCell::new(ShortCache::new(1 << 12));
}

/// A map with its keys sorted, recursively: what `toYaml` prints. `toYaml`
/// goes through JSON, which writes a float64 without a fraction below 10^21
/// as digits, so YAML reads it back as an integer (`20.0` is `20`).
pub fn sorted(v: &Value) -> Value {
    match v {
        Value::Number(n) if n.is_f64() => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e18 => Value::Number((f as i64).into()),
            _ => v.clone(),
        },
        Value::Mapping(m) => {
            let mut entries: Vec<(&Value, &Value)> = m.iter().collect();
            // Each key printed once, not once per comparison.
            entries.sort_by_cached_key(|(k, _)| print(Some(k)));
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

    /// A remembered read-back is the one made afresh, the first time and
    /// every time after.
    #[test]
    fn a_remembered_read_back_is_the_read_back() {
        let texts = ["8080", "yes", "~", "1e3", "0x1F", "abc", "a: b", "- x", "[1]", "true", "007", "1.50", "null", ""];
        for text in texts {
            let v = Value::String(text.to_owned());
            let fresh = if text.is_empty() { Value::Null } else { read_back(text.to_owned()) };
            assert_eq!(printed_scalar(Some(&v)), fresh, "{text:?} first");
            assert_eq!(printed_scalar(Some(&v)), fresh, "{text:?} remembered");
        }
        assert_eq!(printed_scalar(Some(&Value::String("8080".into()))), y("8080"));
        assert_eq!(printed_scalar(Some(&Value::String("a: b".into()))), Value::String("a: b".into()));
    }

    #[test]
    fn merge_is_helm_coalescing() {
        let mut base = y("a: {b: 1, c: 2}\nl: [1, 2]\nk: keep\n");
        merge(&mut base, &y("a: {c: 3, d: 4}\nl: [9]\nk: null\n"));
        assert_eq!(base, y("a: {b: 1, c: 3, d: 4}\nl: [9]\n"));
    }

    #[test]
    fn escaped_keys_stay_one_key() {
        assert_eq!(escape_set_key("spring.profile"), "spring\\.profile");
        assert_eq!(escape_set_key(r"a\b[0],c=d"), r"a\\b\[0]\,c\=d");
    }

    #[test]
    fn set_values_are_typed_like_strvals() {
        assert_eq!(typed_set_value("true"), Value::Bool(true));
        assert_eq!(typed_set_value("FALSE"), Value::Bool(false));
        assert_eq!(typed_set_value("null"), Value::Null);
        assert_eq!(typed_set_value("2"), y("2"));
        assert_eq!(typed_set_value("-5"), y("-5"));
        assert_eq!(typed_set_value("+5"), y("5"));
        assert_eq!(typed_set_value("-05"), y("-5"));
        assert_eq!(typed_set_value("0"), y("0"));
        assert_eq!(typed_set_value("007"), Value::String("007".into()));
        assert_eq!(typed_set_value("1e+06"), Value::String("1e+06".into()));
        assert_eq!(typed_set_value("0.5"), Value::String("0.5".into()));
        assert_eq!(typed_set_value("a,b"), Value::String("a,b".into()));
    }

    fn set(values: &str, name: &str, value: &str) -> Result<Value, String> {
        let Value::Mapping(mut m) = y(values) else { panic!("a map") };
        parse_set_into(&format!("{name}={}", argo_escape(value)), &mut m).map(|()| Value::Mapping(m))
    }

    #[test]
    fn set_lines_are_read_like_strvals_after_argo_escaping() {
        // Backslashes escape the next rune; escaped commas stay commas.
        assert_eq!(set("{}", "k", r"C:\data\x").unwrap(), y("k: C:datax"));
        assert_eq!(set("{}", "k", "a,b").unwrap(), y("k: a,b"));
        // `{a,b}` is a list, its items typed.
        assert_eq!(set("{}", "k", "{a,2}").unwrap(), y("k: [a, 2]"));
        assert!(set("{}", "k", "{a,b").unwrap_err().contains("list must terminate"));
        // Names: dots nest, escaped dots do not.
        assert_eq!(set("{}", "config.spring.profile", "x").unwrap(), y("config: {spring: {profile: x}}"));
        let name = format!("config.{}", escape_set_key("spring.profile"));
        assert_eq!(set("config: {A: 1}", &name, "x").unwrap(), y("config: {A: 1, spring.profile: x}"));
        // An empty value is the empty string; `null` is null.
        assert_eq!(set("{}", "k", "").unwrap(), y("k: ''"));
        assert_eq!(set("{}", "k", "null").unwrap(), y("k: null"));
        // Into a null or a scalar of the values file, a dotted name fails as
        // Go's type assertion does.
        let e = set("resources: null", "resources.requests.cpu", "1").unwrap_err();
        assert!(e.contains("interface {} is nil, not map[string]interface {}"), "{e}");
        assert!(set("resources: x", "resources.cpu", "1").unwrap_err().contains("is string"));
        for key in ["spring.profile", r"a\b[0],c=d", "plain", "trailing\\"] {
            let name = format!("config.{}", escape_set_key(key));
            let out = set("{}", &name, "v").unwrap();
            assert_eq!(out["config"][key], y("v"), "{key}");
        }
    }

    #[test]
    fn coalescing_deletes_defaults_with_nulls() {
        let Value::Mapping(mut user) = y("a: {b: null, x: 1}\nl: null\nn: null\nk: 2") else { panic!() };
        let Value::Mapping(chart) = y("a: {b: 1, c: 2}\nl: [1]\nk: 1\nd: {e: 1}") else { panic!() };
        coalesce(&mut user, &chart);
        // `n` has no default: its null stays, as Helm keeps it.
        assert_eq!(Value::Mapping(user), y("a: {x: 1, c: 2}\nn: null\nk: 2\nd: {e: 1}"));
    }

    #[test]
    fn truth_and_printing() {
        assert!(!truthy(Some(&y("0"))));
        assert!(!truthy(Some(&y("''"))));
        assert!(!truthy(Some(&y("[]"))));
        assert!(truthy(Some(&y("x"))));
        assert_eq!(print(Some(&y("8000"))), "8000");
        // A file's numbers are float64, a `--set` integer an int64.
        let mut file = y("1000000");
        as_helm_numbers(&mut file);
        assert_eq!(print(Some(&file)), "1e+06");
        assert_eq!(print(Some(&typed_set_value("1000000"))), "1000000");
        assert_eq!(print(Some(&y("0.9"))), "0.9");
        assert_eq!(printed_scalar(Some(&y("'2'"))), y("2"));
        assert_eq!(printed_scalar(None), Value::Null);
        // A list or map prints as Go's `%v` does.
        let mut list = y("[a, 1.5, {k: 2}]");
        as_helm_numbers(&mut list);
        assert_eq!(print(Some(&list)), "[a 1.5 map[k:2]]");
    }
}
