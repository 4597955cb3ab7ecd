//! YAML text from data, in serde_yaml's style (libyaml's emitter as serde_yaml
//! 0.9 drives it: block style, 2-space indentation, a list under a key at the
//! key's own indentation, `{}`/`[]` for empty collections, multi-line strings
//! as literal blocks), with one difference: a string is quoted whenever a
//! YAML 1.1 reader (go-yaml v2: Helm, Argo CD, Kubernetes) would read it,
//! written plain, as anything but that string (`yes`, `on`, `~`, `0755`,
//! `1_000`, `.5`, `2026-01-02`, `=`, `<<`, ...), as well as where serde_yaml
//! quoted it (YAML 1.2's non-strings).
//!
//! The style rules are libyaml's (`emitter.c`: `yaml_emitter_analyze_scalar`,
//! `yaml_emitter_select_scalar_style`, `yaml_emitter_write_*`), and a test holds
//! the output equal to serde_yaml's wherever YAML 1.1 does not ask for quotes.

use super::resolve::needs_quotes_for_yaml11;
use crate::short_cache::{self, ShortCache};
use serde_yaml::Value;

/// The text of one YAML document (no `---`), ending in a line break.
pub fn emit(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Mapping(m) if !m.is_empty() => mapping(&mut out, m, 0, true),
        Value::Sequence(s) if !s.is_empty() => sequence(&mut out, s, 0, true),
        other => scalar(&mut out, other, 2, false),
    }
    out.push('\n');
    out
}

fn new_line(out: &mut String, indent: usize, on_current_line: bool) {
    if !on_current_line {
        out.push('\n');
        push_indent(out, indent);
    }
}

/// A block mapping whose keys stand at `indent`; the first key goes where the
/// cursor is when `first_here` (after `- `, or at the start of the text).
fn mapping(out: &mut String, m: &serde_yaml::Mapping, indent: usize, first_here: bool) {
    for (i, (k, v)) in m.iter().enumerate() {
        new_line(out, indent, i == 0 && first_here);
        entry(out, k, v, indent);
    }
}

/// One `key: value` of a block mapping whose keys stand at `indent`, from
/// the cursor on.
fn entry(out: &mut String, k: &Value, v: &Value, indent: usize) {
    key(out, k);
    after_key(out, v, indent);
}

/// What follows a key of a block mapping whose keys stand at `indent`.
fn after_key(out: &mut String, v: &Value, indent: usize) {
    out.push(':');
    match v {
        Value::Mapping(vm) if !vm.is_empty() => mapping(out, vm, indent + 2, false),
        // A list under a key is not indented (libyaml's "indentless" sequence).
        Value::Sequence(vs) if !vs.is_empty() => sequence(out, vs, indent, false),
        other => {
            out.push(' ');
            scalar(out, other, indent + 2, false);
        }
    }
}

/// The text [`emit`] writes for `key: value` as a later entry of a block
/// mapping whose keys stand at `indent`, from the line break before it.
/// Written once, it ends many documents ([`Entries::written`]): a
/// project-wide traffic policy is the same in every service's
/// DestinationRule, and writing it 600 times was most of an edit of it.
#[derive(Debug)]
pub struct LaterEntry {
    text: String,
    indent: usize,
}

impl LaterEntry {
    pub fn new(key: &str, value: &Value, indent: usize) -> Self {
        let mut text = String::new();
        new_line(&mut text, indent, false);
        string(&mut text, key, 0, true);
        after_key(&mut text, value, indent);
        LaterEntry { text, indent }
    }
}

/// A document that is a block mapping, written entry by entry as [`emit`]
/// writes it, for objects made by hand: no `Mapping` is built (and hashed)
/// only to be written. A test holds the text equal to the whole data's.
pub fn emit_entries(write: impl FnOnce(&mut Entries)) -> String {
    // Room for a small object: growing the text a few times was a fifth
    // of writing one.
    let mut out = String::with_capacity(512);
    let mut entries = Entries { out: &mut out, indent: 0, first_here: true };
    write(&mut entries);
    if out.is_empty() {
        out.push_str("{}");
    }
    out.push('\n');
    out
}

/// The entries of one block mapping, in the order written.
pub struct Entries<'a> {
    out: &'a mut String,
    indent: usize,
    first_here: bool,
}

impl Entries<'_> {
    fn next_line(&mut self) {
        new_line(self.out, self.indent, std::mem::take(&mut self.first_here));
    }

    pub fn value(&mut self, key: &str, value: &Value) {
        self.next_line();
        string(self.out, key, 0, true);
        after_key(self.out, value, self.indent);
    }

    pub fn string(&mut self, key: &str, value: &str) {
        self.next_line();
        string(self.out, key, 0, true);
        self.out.push_str(": ");
        string(self.out, value, self.indent + 2, false);
    }

    /// `key:` and a mapping of what `write` writes (`{}` when nothing).
    pub fn mapping(&mut self, key: &str, write: impl FnOnce(&mut Entries)) {
        self.next_line();
        string(self.out, key, 0, true);
        self.out.push(':');
        let before = self.out.len();
        write(&mut Entries { out: self.out, indent: self.indent + 2, first_here: false });
        if self.out.len() == before {
            self.out.push_str(" {}");
        }
    }

    /// An entry written once for a mapping at this one's indentation, after
    /// the entries before it; at another indentation, or as the document's
    /// first line, it would not read as this mapping's, and is refused
    /// loudly.
    pub fn written(&mut self, entry: &LaterEntry) {
        assert!(entry.indent == self.indent && !self.first_here, "a later entry of a mapping at its indentation");
        self.out.push_str(&entry.text);
    }
}

fn sequence(out: &mut String, s: &[Value], indent: usize, first_here: bool) {
    for (i, item) in s.iter().enumerate() {
        new_line(out, indent, i == 0 && first_here);
        out.push_str("- ");
        match item {
            Value::Mapping(m) if !m.is_empty() => mapping(out, m, indent + 2, true),
            Value::Sequence(s) if !s.is_empty() => sequence(out, s, indent + 2, true),
            other => scalar(out, other, indent + 2, false),
        }
    }
}

fn push_indent(out: &mut String, indent: usize) {
    const SPACES: &str = "                                ";
    let mut left = indent;
    while left > 0 {
        let n = left.min(SPACES.len());
        out.push_str(&SPACES[..n]);
        left -= n;
    }
}

fn key(out: &mut String, k: &Value) {
    match k {
        Value::String(s) => string(out, s, 0, true),
        Value::Mapping(_) | Value::Sequence(_) => {
            // Never produced by the studio; written in flow style.
            out.push_str(&serde_json_like(k));
        }
        other => scalar(out, other, 0, true),
    }
}

fn serde_json_like(v: &Value) -> String {
    match v {
        Value::Mapping(m) => {
            let parts: Vec<String> =
                m.iter().map(|(k, v)| format!("{}: {}", serde_json_like(k), serde_json_like(v))).collect();
            format!("{{{}}}", parts.join(", "))
        }
        Value::Sequence(s) => format!("[{}]", s.iter().map(serde_json_like).collect::<Vec<_>>().join(", ")),
        other => {
            let mut s = String::new();
            scalar(&mut s, other, 0, true);
            s
        }
    }
}

fn scalar(out: &mut String, v: &Value, indent: usize, is_key: bool) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|_| n.is_f64()) {
                if f.is_nan() {
                    out.push_str(".nan");
                } else if f.is_infinite() {
                    out.push_str(if f > 0.0 { ".inf" } else { "-.inf" });
                } else {
                    out.push_str(ryu::Buffer::new().format_finite(f));
                }
            } else {
                out.push_str(&n.to_string());
            }
        }
        Value::String(s) => string(out, s, indent, is_key),
        Value::Sequence(_) => out.push_str("[]"),
        Value::Mapping(_) => out.push_str("{}"),
        Value::Tagged(t) => {
            out.push_str(&t.tag.to_string());
            out.push(' ');
            scalar(out, &t.value, indent, is_key);
        }
    }
}

/// True when serde_yaml (YAML 1.2 as serde_yaml reads it) would not read the
/// plain text back as this string: serde_yaml quoted those.
fn yaml12_non_string(s: &str) -> bool {
    if s.is_empty() || matches!(s, "~" | "null" | "Null" | "NULL") {
        return true;
    }
    if matches!(s, "true" | "True" | "TRUE" | "false" | "False" | "FALSE") {
        return true;
    }
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    if unsigned.len() > 1 && unsigned.starts_with('0') && unsigned[1..].bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unsigned.strip_prefix(prefix) {
            if !rest.starts_with(['+', '-']) && u128::from_str_radix(rest, radix).is_ok() {
                return true;
            }
        }
    }
    if s.parse::<i128>().is_ok() || unsigned.parse::<u128>().is_ok() {
        return true;
    }
    let f = s.strip_prefix('+').unwrap_or(s);
    if f.starts_with(['+', '-']) && s.starts_with('+') {
        return false;
    }
    if matches!(f, ".inf" | ".Inf" | ".INF" | "-.inf" | "-.Inf" | "-.INF" | ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    f.parse::<f64>().is_ok_and(f64::is_finite)
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

/// libyaml's analysis of a scalar (`yaml_emitter_analyze_scalar`).
struct Analysis {
    multiline: bool,
    block_plain: bool,
    single: bool,
    block: bool,
}

fn printable(c: char) -> bool {
    matches!(c, '\n' | '\u{20}'..='\u{7E}' | '\u{85}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && c != '\u{FEFF}'
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn analyze(s: &str) -> Analysis {
    if s.is_empty() {
        return Analysis { multiline: false, block_plain: true, single: true, block: false };
    }
    let (mut block_ind, mut flow_ind) = (false, false);
    let (mut line_breaks, mut special) = (false, false);
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) = (false, false, false, false);
    let (mut break_space, mut space_break) = (false, false);
    let (mut prev_space, mut prev_break) = (false, false);
    if s.starts_with("---") || s.starts_with("...") {
        block_ind = true;
        flow_ind = true;
    }
    let chars: Vec<char> = s.chars().collect();
    let mut preceded_by_ws = true;
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let followed_by_ws = next.is_none_or(|n| n == ' ' || n == '\t' || is_break(n));
        let first = i == 0;
        let last = i + 1 == chars.len();
        if first {
            if "#,[]{}&*!|>'\"%@`".contains(c) {
                flow_ind = true;
                block_ind = true;
            }
            if c == '?' || c == ':' {
                flow_ind = true;
                if followed_by_ws {
                    block_ind = true;
                }
            }
            if c == '-' && followed_by_ws {
                flow_ind = true;
                block_ind = true;
            }
        } else {
            if ",?[]{}".contains(c) {
                flow_ind = true;
            }
            if c == ':' {
                flow_ind = true;
                if followed_by_ws {
                    block_ind = true;
                }
            }
            if c == '#' && preceded_by_ws {
                flow_ind = true;
                block_ind = true;
            }
        }
        if !printable(c) {
            special = true;
        }
        if is_break(c) {
            line_breaks = true;
        }
        if c == ' ' {
            if first {
                leading_space = true;
            }
            if last {
                trailing_space = true;
            }
            if prev_break {
                break_space = true;
            }
            prev_space = true;
            prev_break = false;
        } else if is_break(c) {
            if first {
                leading_break = true;
            }
            if last {
                trailing_break = true;
            }
            if prev_space {
                space_break = true;
            }
            prev_space = false;
            prev_break = true;
        } else {
            prev_space = false;
            prev_break = false;
        }
        preceded_by_ws = c == ' ' || c == '\t' || is_break(c);
    }
    let mut a = Analysis { multiline: line_breaks, block_plain: true, single: true, block: true };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.block_plain = false;
    }
    if trailing_space {
        a.block = false;
    }
    if break_space {
        a.block_plain = false;
        a.single = false;
    }
    if space_break || special {
        a.block_plain = false;
        a.single = false;
        a.block = false;
    }
    if line_breaks {
        a.block_plain = false;
    }
    let _ = flow_ind;
    if block_ind {
        a.block_plain = false;
    }
    a
}

// The style of each short string already written, as a key and as a
// value: a rendered project writes the same keys and values thousands of
// times, and choosing a style reads the string several times over.
thread_local! {
    static STYLES: std::cell::RefCell<ShortCache<[Option<Style>; 2]>> = std::cell::RefCell::new(ShortCache::new(1 << 14));
}

fn string(out: &mut String, s: &str, indent: usize, is_key: bool) {
    let style = if short_cache::fits(s) {
        STYLES.with_borrow_mut(|cache| {
            if let Some(Some(style)) = cache.get(s).map(|styles| styles[is_key as usize]) {
                return style;
            }
            let style = style_of(s, is_key);
            cache.entry(s)[is_key as usize] = Some(style);
            style
        })
    } else {
        style_of(s, is_key)
    };
    match style {
        Style::Plain => out.push_str(s),
        Style::Single => {
            out.push('\'');
            out.push_str(&s.replace('\'', "''"));
            out.push('\'');
        }
        Style::Double => double_quoted(out, s),
        Style::Literal => literal(out, s, indent),
    }
}

/// libyaml's choice of a scalar style, with YAML 1.1's quotes.
fn style_of(s: &str, is_key: bool) -> Style {
    let requested = if s.contains('\n') {
        Style::Literal
    } else if yaml12_non_string(s) || needs_quotes_for_yaml11(s) {
        Style::Single
    } else {
        Style::Plain
    };
    let a = analyze(s);
    let mut style = requested;
    if style == Style::Plain && (!a.block_plain || (s.is_empty() && is_key) || (is_key && a.multiline)) {
        style = Style::Single;
    }
    if style == Style::Single && !a.single {
        style = Style::Double;
    }
    if style == Style::Literal && (!a.block || is_key) {
        style = Style::Double;
    }
    if is_key && a.multiline && style == Style::Single {
        style = Style::Double;
    }
    style
}

fn double_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\0' => out.push_str("\\0"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{B}' => out.push_str("\\v"),
            '\u{C}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\u{1B}' => out.push_str("\\e"),
            '\u{85}' => out.push_str("\\N"),
            '\u{A0}' => out.push_str("\\_"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if !printable(c) => {
                let n = c as u32;
                if n <= 0xFF {
                    out.push_str(&format!("\\x{n:02X}"));
                } else if n <= 0xFFFF {
                    out.push_str(&format!("\\u{n:04X}"));
                } else {
                    out.push_str(&format!("\\U{n:08X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A literal block (`|`), with libyaml's hints: an indentation indicator when
/// the text starts with a space or line break, `-` when it does not end in a
/// line break, `+` when it ends in more than one.
fn literal(out: &mut String, s: &str, indent: usize) {
    out.push('|');
    if s.starts_with([' ', '\n']) {
        out.push('2');
    }
    if !s.ends_with('\n') {
        out.push('-');
    } else if s.len() == 1 || s[..s.len() - 1].ends_with('\n') {
        out.push('+');
    }
    let body = s.strip_suffix('\n').unwrap_or(s);
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            push_indent(out, indent);
            out.push_str(line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_later_entry_ends_the_mapping_it_was_written_for() {
        let policy: Value = serde_yaml::from_str("{b: [1, {c: x}], a: {}}").unwrap();
        let entry = LaterEntry::new("policy", &policy, 2);
        let text = emit_entries(|doc| {
            doc.mapping("spec", |spec| {
                spec.string("host", "a");
                spec.written(&entry);
            })
        });
        let whole: Value = serde_yaml::from_str("{spec: {host: a, policy: {b: [1, {c: x}], a: {}}}}").unwrap();
        assert_eq!(text, emit(&whole));
    }

    #[test]
    #[should_panic(expected = "a later entry of a mapping at its indentation")]
    fn a_later_entry_at_another_indentation_is_refused() {
        let entry = LaterEntry::new("policy", &Value::Null, 4);
        emit_entries(|doc| {
            doc.string("host", "a");
            doc.written(&entry);
        });
    }

    fn same_as_serde_yaml(v: &Value) {
        let ours = emit(v);
        let theirs = serde_yaml::to_string(v).unwrap();
        assert_eq!(ours, theirs, "\n--- ours:\n{ours}\n--- serde_yaml:\n{theirs}");
    }

    fn y(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap()
    }

    /// The remembered style of a string is the one chosen afresh, as a key
    /// and as a value, whichever is written first.
    #[test]
    fn a_remembered_style_is_the_style() {
        let strings = ["yes", "a: b", "", "- x", "0755", "plain", "it's", "line\nbreak", " lead", "~", "<<", "1e3"];
        for s in strings {
            let as_value = Value::Mapping([(Value::from("k"), Value::from(s))].into_iter().collect());
            let as_key = Value::Mapping([(Value::from(s), Value::from("v"))].into_iter().collect());
            let first = (emit(&as_key), emit(&as_value));
            assert_eq!((emit(&as_key), emit(&as_value)), first, "{s:?}");
            for is_key in [true, false] {
                let (mut cached, mut fresh) = (String::new(), String::new());
                string(&mut cached, s, 2, is_key);
                let style = style_of(s, is_key);
                STYLES.with_borrow_mut(|c| c.clear());
                string(&mut fresh, s, 2, is_key);
                assert_eq!(cached, fresh, "{s:?} as key {is_key}: {style:?}");
            }
        }
    }

    #[test]
    fn writes_what_serde_yaml_wrote() {
        for text in [
            "a: 1\nb: [1, 2]\nc: {d: {e: x}}\nf: []\ng: {}\nh: null\ni: true\nj: 1.5\n",
            "- a\n- [b, c]\n- {d: 1, e: [f, {g: h}]}\n- []\n- [[x, w], z]\n",
            "s: \"line one\\nline two\\n\"\nt: \"x\\n\"\nu: \"\\nlead\"\nv: \"a\\n\\n\"\nw: \" lead\"\nx: \"trail \"\n",
            "k: \"a: b\"\nl: \"#x\"\nm: \"x #y\"\nnn: \"- x\"\no: \"it's\"\np: \"tab\\there\"\nq: \"@x\"\nr: \"\"\n",
            "'true': 1\n'123': 2\n'a b': 3\n'0123': 4\n'1.5': 5\nx: '1e3'\nq: '0x1F'\nz: 한국어 주석\n",
            "nested:\n  list:\n  - name: a\n    value: |\n      multi\n      line\n  - name: b\n",
            "- - - deep\n",
            "key: \"with \\\"quotes\\\" and \\\\\"\nbell: \"\\a\"\n",
        ] {
            same_as_serde_yaml(&y(text));
        }
    }

    #[test]
    fn quotes_what_yaml_11_would_read_otherwise() {
        for s in [
            "yes",
            "no",
            "on",
            "off",
            "y",
            "n",
            "Y",
            "NO",
            "~",
            "null",
            "1_000",
            "0755",
            "0x1F",
            ".5",
            "2026-01-02",
            "=",
            "<<",
            "0o17",
            "+1",
        ] {
            let text = emit(&Value::String(s.into()));
            assert!(text.starts_with('\'') || text.starts_with('"'), "{s}: {text}");
            let back: Value = crate::yaml::from_str(&text).unwrap();
            assert_eq!(back, Value::String(s.into()), "{s}");
        }
        assert_eq!(emit(&y("yes: x")), "'yes': x\n");
    }
}
