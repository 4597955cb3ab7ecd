//! How Helm prints scalars, so parameters and ConfigMap values match it exactly.
//!
//! Helm reads numbers in values files as float64 and prints them with Go's `%v`,
//! which is `strconv.FormatFloat(f, 'g', -1, 64)`: the shortest digits that
//! round-trip, in exponent form when the exponent is below -4 or at least 6
//! (`1000000` prints as `1e+06`, `123456` as `123456`).

use crate::scalar::Scalar;

/// Go's `%v` of a float64.
pub fn go_float(f: f64) -> String {
    go_g(f, format!("{:e}", f.abs()))
}

/// Go's `strconv.FormatFloat(f, 'g', -1, 32)`: the shortest digits that
/// round-trip as a float32 (how `sigs.k8s.io/yaml` turns a float key into a
/// JSON key: `1.5: x` is `"1.5"`, `1e10: x` is `"1e+10"`).
pub fn go_float32(f: f64) -> String {
    go_g(f, format!("{:e}", (f as f32).abs()))
}

/// `%g` with the shortest digits `sci` (Rust's `{:e}` of the absolute value).
fn go_g(f: f64, sci: String) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "+Inf".into() } else { "-Inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0".into() } else { "0".into() };
    }
    // Rust's `{:e}` gives the shortest round-trip digits too: "1.234567e6".
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if f < 0.0 { "-" } else { "" };
    if !(-4..6).contains(&exp) {
        let (first, rest) = digits.split_at(1);
        let frac = if rest.is_empty() { String::new() } else { format!(".{rest}") };
        let esign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{first}{frac}e{esign}{:02}", exp.abs());
    }
    // Plain decimal: place the point `exp + 1` digits in.
    let point = exp + 1;
    let text = if point <= 0 {
        format!("0.{}{}", "0".repeat((-point) as usize), digits)
    } else if point as usize >= digits.len() {
        format!("{}{}", digits, "0".repeat(point as usize - digits.len()))
    } else {
        let (int, frac) = digits.split_at(point as usize);
        format!("{int}.{frac}")
    };
    format!("{sign}{text}")
}

/// A scalar from a values file as Helm's `quote` prints it; `None` for null
/// (`quote` of nil is empty, which YAML reads as null).
pub fn helm_string(value: &Scalar) -> Option<String> {
    match value {
        Scalar::Null => None,
        Scalar::Bool(b) => Some(b.to_string()),
        Scalar::Int(i) => Some(go_float(*i as f64)),
        Scalar::UInt(u) => Some(go_float(*u as f64)),
        Scalar::Float(f) => Some(go_float(*f)),
        Scalar::Str(s) => Some(s.clone()),
        Scalar::Data(v) => Some(go_v_file(v)),
    }
}

/// Go's `%v` of a list or map read from a file, where every number is a
/// float64 (`fmt`'s `printValue`): `[a b]`, `map[k:v]` with the keys sorted,
/// nil as `<nil>`.
pub fn go_v_file(v: &serde_yaml::Value) -> String {
    use serde_yaml::Value;
    match v {
        Value::Null => "<nil>".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), go_float),
        Value::String(s) => s.clone(),
        Value::Sequence(items) => format!("[{}]", items.iter().map(go_v_file).collect::<Vec<_>>().join(" ")),
        Value::Mapping(m) => {
            let mut entries: Vec<(String, String)> = m.iter().map(|(k, v)| (go_v_file(k), go_v_file(v))).collect();
            entries.sort();
            format!("map[{}]", entries.iter().map(|(k, v)| format!("{k}:{v}")).collect::<Vec<_>>().join(" "))
        }
        Value::Tagged(t) => go_v_file(&t.value),
    }
}

#[cfg(test)]
mod tests {
    use super::go_float;

    #[test]
    fn matches_go_percent_v() {
        // Expected values are what Go's fmt.Sprint prints for these float64s.
        for (f, want) in [
            (0.0, "0"),
            (2.0, "2"),
            (0.5, "0.5"),
            (0.9, "0.9"),
            (100.0, "100"),
            (123456.0, "123456"),
            (1000000.0, "1e+06"),
            (1234567.0, "1.234567e+06"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (-2.5, "-2.5"),
            (1e21, "1e+21"),
            (3600.0, "3600"),
        ] {
            assert_eq!(go_float(f), want, "{f}");
        }
    }

    #[test]
    fn matches_go_format_float_32() {
        // strconv.FormatFloat(f, 'g', -1, 32) in Go.
        for (f, want) in [(1.5, "1.5"), (0.1, "0.1"), (1e10, "1e+10"), (1.2345678901, "1.2345679"), (100.0, "100")] {
            assert_eq!(super::go_float32(f), want, "{f}");
        }
    }
}
