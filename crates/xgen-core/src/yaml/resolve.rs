//! What a scalar means, decided as go-yaml v2 decides it (`resolve.go` of
//! go-yaml's `v2` branch, which `sigs.k8s.io/yaml`, and so Helm 4, Argo CD and
//! Kubernetes, read YAML with). The line numbers below are that file's.
//!
//! - A quoted or block scalar without a tag is a string (`decode.go`,
//!   `scalar()`: `n.tag == "" && !n.implicit`).
//! - A plain scalar is looked up by its first character (`resolve.go` 20-30)
//!   and then: the words of lines 37-48 (booleans `y`, `yes`, `on`, ... in three
//!   cases each; null `~`, `null` and the empty scalar; `.inf`, `.nan`; `<<`);
//!   after a `.`, a Go float (132-137); after a digit or sign, a timestamp
//!   (139-148, read into `interface{}` it stays the string, `decode.go`), an
//!   integer by Go's `strconv.ParseInt(s, 0, 64)` once every `_` is removed
//!   (150-158: `0x`, `0o`, `0b`, leading-zero octal, signs), an unsigned 64-bit
//!   integer (159-162), a float of the form of `yamlStyleFloat` (84, 163-168);
//!   anything else is a string.
//! - A tag asks for a type (86-110): `!!str` and `!!binary` take anything,
//!   `!!float` takes an integer too, and any other mismatch is refused with
//!   go-yaml's words ("cannot decode !!str `abc` as a !!int"). A tag that is
//!   not one of the core types (`!local`) leaves the text a string.

use std::borrow::Cow;

pub const STR: &str = "tag:yaml.org,2002:str";
pub const BOOL: &str = "tag:yaml.org,2002:bool";
pub const INT: &str = "tag:yaml.org,2002:int";
pub const FLOAT: &str = "tag:yaml.org,2002:float";
pub const NULL: &str = "tag:yaml.org,2002:null";
pub const TIMESTAMP: &str = "tag:yaml.org,2002:timestamp";
pub const BINARY: &str = "tag:yaml.org,2002:binary";
pub const MERGE: &str = "tag:yaml.org,2002:merge";

/// A scalar's value as go-yaml hands it to `interface{}`.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved<'a> {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(Cow<'a, str>),
}

/// Why a plain scalar is not the string it looks like: what the checks warn about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Exactly what YAML 1.2 (and most people) would read.
    AsExpected,
    /// `y`, `yes`, `on`, `n`, `no`, `off` (any case form): a boolean.
    BoolWord,
    /// `0755`: leading-zero octal.
    LegacyOctal,
    /// `1_000`, `0x1F`-like forms YAML 1.2's core schema reads otherwise (`0o`, `0b`, `_`, `+0x`, ...).
    OtherNumber,
}

/// Resolves a scalar. `tag` is the full tag (`tag:yaml.org,2002:int`) if the
/// node has one; `plain` is true for a plain scalar.
pub fn resolve<'a>(tag: Option<&str>, value: &'a str, plain: bool) -> Result<Resolved<'a>, String> {
    let tag = match tag {
        None if !plain => return Ok(Resolved::Str(Cow::Borrowed(value))),
        None => "",
        Some(t) => t,
    };
    if !matches!(tag, "" | STR | BOOL | INT | FLOAT | NULL | TIMESTAMP) {
        if tag == BINARY {
            return decode_base64(value).map(|s| Resolved::Str(Cow::Owned(s)));
        }
        return Ok(Resolved::Str(Cow::Borrowed(value)));
    }
    let (rtag, out) = resolve_untyped(tag, value);
    if tag.is_empty() || tag == rtag || tag == STR {
        return Ok(out);
    }
    if tag == FLOAT && rtag == INT {
        if let Resolved::Int(i) = out {
            return Ok(Resolved::Float(i as f64));
        }
    }
    Err(format!("cannot decode {} `{}` as a {}", short(rtag), value, short(tag)))
}

fn short(tag: &str) -> String {
    tag.strip_prefix("tag:yaml.org,2002:").map_or_else(|| tag.to_owned(), |t| format!("!!{t}"))
}

/// resolve.go `resolve` for a resolvable tag: the tag it found and the value.
fn resolve_untyped<'a>(tag: &str, s: &'a str) -> (&'static str, Resolved<'a>) {
    let string = (STR, Resolved::Str(Cow::Borrowed(s)));
    let hint = match s.as_bytes().first() {
        None => b'N',
        Some(b'+' | b'-') => b'S',
        Some(b'0'..=b'9') => b'D',
        Some(b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~') => b'M',
        Some(b'.') => b'.',
        Some(_) => 0,
    };
    if hint == 0 || tag == STR {
        return string;
    }
    if let Some(found) = word(s) {
        return found;
    }
    match hint {
        b'.' => match go_parse_float(s) {
            Some(f) => (FLOAT, Resolved::Float(f)),
            None => string,
        },
        b'D' | b'S' => {
            if (tag.is_empty() || tag == TIMESTAMP) && is_timestamp(s) {
                // Read into interface{}, a timestamp stays its text (decode.go).
                return (TIMESTAMP, Resolved::Str(Cow::Borrowed(s)));
            }
            let plain: String = s.chars().filter(|&c| c != '_').collect();
            if let Some(i) = go_parse_int(&plain) {
                return (INT, Resolved::Int(i));
            }
            if let Some(u) = go_parse_uint(&plain) {
                return (INT, Resolved::UInt(u));
            }
            if yaml_style_float(&plain) {
                if let Some(f) = finite(plain.parse::<f64>().ok()) {
                    return (FLOAT, Resolved::Float(f));
                }
            }
            string
        }
        _ => string,
    }
}

/// resolve.go 37-48.
fn word(s: &str) -> Option<(&'static str, Resolved<'static>)> {
    Some(match s {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            (BOOL, Resolved::Bool(true))
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            (BOOL, Resolved::Bool(false))
        }
        "" | "~" | "null" | "Null" | "NULL" => (NULL, Resolved::Null),
        ".nan" | ".NaN" | ".NAN" => (FLOAT, Resolved::Float(f64::NAN)),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => (FLOAT, Resolved::Float(f64::INFINITY)),
        "-.inf" | "-.Inf" | "-.INF" => (FLOAT, Resolved::Float(f64::NEG_INFINITY)),
        "<<" => (MERGE, Resolved::Str(Cow::Borrowed("<<"))),
        _ => return None,
    })
}

/// True for the plain scalar `<<` (a merge key when it is a key).
pub fn is_merge(value: &str) -> bool {
    value == "<<"
}

fn finite(f: Option<f64>) -> Option<f64> {
    // Go's ParseFloat fails with ErrRange where Rust gives an infinity.
    f.filter(|f| f.is_finite())
}

/// Go's `strconv.ParseInt(s, 0, 64)`: a sign, then `0x`, `0o`, `0b` or a
/// leading `0` (octal) picks the base.
fn go_parse_int(s: &str) -> Option<i64> {
    let (neg, rest) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let magnitude = parse_base0(rest)?;
    if neg {
        if magnitude <= i64::MAX as u64 + 1 {
            Some((magnitude as i128).wrapping_neg() as i64)
        } else {
            None
        }
    } else {
        i64::try_from(magnitude).ok()
    }
}

/// Go's `strconv.ParseUint(s, 0, 64)`: no sign.
fn go_parse_uint(s: &str) -> Option<u64> {
    if s.starts_with(['+', '-']) {
        return None;
    }
    parse_base0(s)
}

fn parse_base0(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    let (base, digits) = if b.len() >= 2 && b[0] == b'0' {
        match b[1].to_ascii_lowercase() {
            b'x' => (16, &s[2..]),
            b'o' => (8, &s[2..]),
            b'b' => (2, &s[2..]),
            _ => (8, &s[1..]),
        }
    } else {
        (10, s)
    };
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    u64::from_str_radix(digits, base).ok()
}

/// resolve.go 84: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn yaml_style_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Go's `strconv.ParseFloat(s, 64)` for a text that starts with `.`: decimal
/// digits with `_` between digits, an optional exponent.
fn go_parse_float(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'_' {
            let digit = |j: Option<&u8>| j.is_some_and(u8::is_ascii_digit);
            if !digit(i.checked_sub(1).and_then(|j| b.get(j))) || !digit(b.get(i + 1)) {
                return None;
            }
        }
    }
    let plain: String = s.chars().filter(|&c| c != '_').collect();
    if !yaml_style_float(&plain) {
        return None;
    }
    finite(plain.parse::<f64>().ok())
}

/// resolve.go `parseTimestamp` (224-258): `YYYY-` and then one of Go's layouts
/// `2006-1-2T15:4:5.999999999Z07:00` (or `t`), `2006-1-2 15:4:5.999999999`,
/// `2006-1-2`.
pub fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 5 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return false;
    }
    let mut i = 5;
    let num = |i: &mut usize, max: usize| -> Option<u32> {
        let start = *i;
        while *i < b.len() && *i - start < max && b[*i].is_ascii_digit() {
            *i += 1;
        }
        (*i > start).then(|| s[start..*i].parse().ok()).flatten()
    };
    let Some(month) = num(&mut i, 2) else { return false };
    if b.get(i) != Some(&b'-') {
        return false;
    }
    i += 1;
    let Some(day) = num(&mut i, 2) else { return false };
    let year: u32 = s[..4].parse().unwrap_or(0);
    if !(1..=12).contains(&month) || day < 1 || day > days_in(year, month) {
        return false;
    }
    if i == b.len() {
        return true;
    }
    let zone_required = match b[i] {
        b'T' | b't' => true,
        b' ' => false,
        _ => return false,
    };
    i += 1;
    let (Some(h), true) = (num(&mut i, 2), b.get(i) == Some(&b':')) else { return false };
    i += 1;
    let (Some(m), true) = (num(&mut i, 2), b.get(i) == Some(&b':')) else { return false };
    i += 1;
    let Some(sec) = num(&mut i, 2) else { return false };
    if h > 23 || m > 59 || sec > 59 {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if num(&mut i, 9).is_none() {
            return false;
        }
    }
    if !zone_required {
        return i == b.len();
    }
    match b.get(i) {
        Some(b'Z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            let z = &b[i + 1..];
            z.len() == 5
                && z[..2].iter().all(u8::is_ascii_digit)
                && z[2] == b':'
                && z[3..].iter().all(u8::is_ascii_digit)
        }
        _ => false,
    }
}

fn days_in(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `!!binary`: standard base64, line breaks allowed (go-yaml's decoder uses
/// `base64.StdEncoding`, which skips `\r` and `\n`).
fn decode_base64(s: &str) -> Result<String, String> {
    let fail = || "!!binary value contains invalid base64 data".to_owned();
    let clean: Vec<u8> = s.bytes().filter(|&c| c != b'\n' && c != b'\r').collect();
    if !clean.len().is_multiple_of(4) {
        return Err(fail());
    }
    let val = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(clean.len() / 4 * 3);
    for (n, quad) in clean.chunks(4).enumerate() {
        let last = n + 1 == clean.len() / 4;
        let pad = quad.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return Err(fail());
        }
        let mut acc = 0u32;
        for &c in &quad[..4 - pad] {
            acc = (acc << 6) | u32::from(val(c).ok_or_else(fail)?);
        }
        acc <<= 6 * pad as u32;
        let bytes = acc.to_be_bytes();
        out.extend_from_slice(&bytes[1..4 - pad]);
    }
    String::from_utf8(out).map_err(|_| "!!binary data is not UTF-8 text".to_owned())
}

/// How YAML 1.2 and a casual reader see a plain scalar that go-yaml reads as
/// `resolved`: [`Reading::AsExpected`] unless the two differ.
pub fn reading(value: &str, resolved: &Resolved) -> Reading {
    match resolved {
        Resolved::Bool(_) if !matches!(value, "true" | "True" | "TRUE" | "false" | "False" | "FALSE") => {
            Reading::BoolWord
        }
        Resolved::Int(_) | Resolved::UInt(_) => {
            let digits = value.trim_start_matches(['+', '-']);
            let b = digits.as_bytes();
            if b.len() > 1 && b[0] == b'0' && b[1..].iter().all(|c| c.is_ascii_digit() || *c == b'_') {
                Reading::LegacyOctal
            } else if value.contains('_') || value.starts_with('+') {
                Reading::OtherNumber
            } else {
                Reading::AsExpected
            }
        }
        _ => Reading::AsExpected,
    }
}

/// True when a YAML 1.1 reader (go-yaml v2) would read this text, written
/// plain, as something other than this string: such a string must be quoted.
pub fn needs_quotes_for_yaml11(s: &str) -> bool {
    !matches!(resolve_untyped("", s), (_, Resolved::Str(_))) || is_timestamp(s) || s == "<<" || s == "="
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> Resolved<'_> {
        resolve(None, s, true).unwrap()
    }

    #[test]
    fn plain_scalars_as_go_yaml_v2() {
        for s in ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"] {
            assert_eq!(r(s), Resolved::Bool(true), "{s}");
        }
        for s in ["n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"] {
            assert_eq!(r(s), Resolved::Bool(false), "{s}");
        }
        for s in ["", "~", "null", "Null", "NULL"] {
            assert_eq!(r(s), Resolved::Null, "{s}");
        }
        for (s, i) in
            [("0755", 493), ("0x1F", 31), ("0o17", 15), ("0b101", 5), ("1_000", 1000), ("+12", 12), ("-0x10", -16)]
        {
            assert_eq!(r(s), Resolved::Int(i), "{s}");
        }
        for (s, f) in [(".5", 0.5), ("1e3", 1000.0), ("08", 8.0), ("-.5", -0.5), ("1.", 1.0)] {
            assert_eq!(r(s), Resolved::Float(f), "{s}");
        }
        assert_eq!(r("18446744073709551615"), Resolved::UInt(u64::MAX));
        for s in ["yES", "oN", "2001-12-14", "1e400", "0x", "abc", "1.2.3", "._5", ".iNf", "+"] {
            assert!(matches!(r(s), Resolved::Str(_)), "{s}: {:?}", r(s));
        }
        assert!(matches!(r(".inf"), Resolved::Float(f) if f.is_infinite()));
        assert_eq!(resolve(None, "yes", false).unwrap(), Resolved::Str("yes".into()));
    }

    #[test]
    fn tags_ask_for_types() {
        assert_eq!(resolve(Some(INT), "12", false).unwrap(), Resolved::Int(12));
        assert_eq!(resolve(Some(FLOAT), "1", true).unwrap(), Resolved::Float(1.0));
        assert_eq!(resolve(Some(STR), "12", true).unwrap(), Resolved::Str("12".into()));
        assert_eq!(resolve(Some(BINARY), "aGVsbG8=", true).unwrap(), Resolved::Str("hello".into()));
        assert_eq!(resolve(Some("!local"), "12", true).unwrap(), Resolved::Str("12".into()));
        assert_eq!(resolve(Some(INT), "abc", true).unwrap_err(), "cannot decode !!str `abc` as a !!int");
    }

    #[test]
    fn timestamps_as_go_parses_them() {
        for s in
            ["2001-12-14", "2001-1-2", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10", "2001-12-14T21:59:43Z"]
        {
            assert!(is_timestamp(s), "{s}");
        }
        for s in ["2001-13-14", "2001-02-30", "201-12-14", "2001-12-14 21:59:43.10 -5", "2001-12-14T21:59:43"] {
            assert!(!is_timestamp(s), "{s}");
        }
    }

    #[test]
    fn yaml11_quoting() {
        for s in
            ["yes", "No", "on", "y", "~", "null", "", "1_000", "0755", "0x1F", ".5", "2001-12-14", "=", "<<", "1e3"]
        {
            assert!(needs_quotes_for_yaml11(s), "{s}");
        }
        for s in ["yES", "hello", "1.2.3", "v1", "-", "x-1"] {
            assert!(!needs_quotes_for_yaml11(s), "{s}");
        }
    }
}
