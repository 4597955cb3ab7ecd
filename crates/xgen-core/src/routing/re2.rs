//! RE2, as Envoy compiles a route's `safe_regex` (docs/routing.md).
//!
//! Envoy hands the pattern to RE2 with its default options and matches it
//! against the whole normalized path (`RE2::FullMatch`). That path is always
//! ASCII: Envoy answers 400 to raw bytes above 0x7F, and its canonicalizer
//! keeps every other byte percent-encoded. So a class such as `\pL` or
//! `\p{Hangul}` only ever meets ASCII characters, and what it means there is
//! fixed: `\pL` is `[A-Za-z]`, `\p{Hangul}` matches nothing.
//!
//! This module is RE2's parser (re2/parse.cc: the same escapes, classes,
//! flags, repetition limits and error messages) that turns the pattern into
//! an equivalent pattern over ASCII for `regex-lite`, which has no Unicode
//! tables and so keeps the page small. The Unicode groups RE2 knows are
//! listed by name (re2/unicode_groups.cc) with the ASCII characters each
//! holds; a name RE2 does not know is an error, as in Envoy.
//!
//! Istio's admission webhook compiles the same pattern with Go's `regexp`
//! before any of this (pkg/config/validation: `validateStringRegexp`), and
//! refuses what Go refuses even where RE2 would accept it: [`Translated::istio_refuses`].

use crate::i18n::Said;
use std::fmt::Write as _;

/// Why RE2 refuses a pattern, worded as RE2 words it (`RegexpStatus::Text`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what}: {arg}")]
pub struct Re2Error {
    pub what: &'static str,
    pub arg: String,
}

/// A pattern RE2 accepts, as a `regex-lite` pattern with the same full
/// matches over ASCII paths.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translated {
    pub lite: String,
    /// Why Istio's validation (Go's `regexp`, at most 1024 bytes) refuses
    /// the VirtualService although Envoy would accept the regex.
    pub istio_refuses: Option<Said>,
}

/// A set of ASCII characters, one bit each.
type Set = u128;

const ALL: Set = u128::MAX;
const fn range(lo: u8, hi: u8) -> Set {
    let mut s = 0u128;
    let mut c = lo;
    while c <= hi {
        s |= 1 << c;
        c += 1;
    }
    s
}
const DIGIT: Set = range(b'0', b'9');
const UPPER: Set = range(b'A', b'Z');
const LOWER: Set = range(b'a', b'z');
const fn chars(list: &[u8]) -> Set {
    let mut s = 0u128;
    let mut i = 0;
    while i < list.len() {
        s |= 1 << list[i];
        i += 1;
    }
    s
}
const WORD: Set = DIGIT | UPPER | LOWER | chars(b"_");
const CNTRL: Set = range(0, 0x1f) | chars(&[0x7f]);
const PUNCT: Set = range(b'!', b'/') | range(b':', b'@') | range(b'[', b'`') | range(b'{', b'~');

/// The Perl classes (re2/perl_groups.cc): ASCII only, as in RE2.
fn perl_class(c: char) -> Option<(Set, bool)> {
    let space = chars(b"\t\n\x0c\r ");
    Some(match c {
        'd' => (DIGIT, false),
        'D' => (DIGIT, true),
        's' => (space, false),
        'S' => (space, true),
        'w' => (WORD, false),
        'W' => (WORD, true),
        _ => return None,
    })
}

/// The POSIX classes inside brackets (re2/perl_groups.cc), `[:^name:]` negated.
fn posix_class(name: &str) -> Option<(Set, bool)> {
    let (negated, name) = match name.strip_prefix('^') {
        Some(n) => (true, n),
        None => (false, name),
    };
    let set = match name {
        "alnum" => DIGIT | UPPER | LOWER,
        "alpha" => UPPER | LOWER,
        "ascii" => ALL,
        "blank" => chars(b"\t "),
        "cntrl" => CNTRL,
        "digit" => DIGIT,
        "graph" => range(b'!', b'~'),
        "lower" => LOWER,
        "print" => range(b' ', b'~'),
        "punct" => PUNCT,
        "space" => chars(b"\t\n\x0b\x0c\r "),
        "upper" => UPPER,
        "word" => WORD,
        "xdigit" => DIGIT | range(b'A', b'F') | range(b'a', b'f'),
        _ => return None,
    };
    Some((set, negated))
}

/// The Unicode groups RE2 knows (re2/unicode_groups.cc, and `Any`), each
/// with the ASCII characters it holds. Only these hold any:
/// general categories and the Latin and Common scripts.
fn unicode_group(name: &str) -> Option<Set> {
    let letters = UPPER | LOWER;
    let set = match name {
        "Any" => ALL,
        "C" | "Cc" => CNTRL,
        "L" | "Latin" => letters,
        "Lu" => UPPER,
        "Ll" => LOWER,
        "N" | "Nd" => DIGIT,
        "P" => chars(b"!\"#%&'()*,-./:;?@[\\]_{}"),
        "Pc" => chars(b"_"),
        "Pd" => chars(b"-"),
        "Ps" => chars(b"([{"),
        "Pe" => chars(b")]}"),
        "Po" => chars(b"!\"#%&'*,./:;?@\\"),
        "S" => chars(b"$+<=>^`|~"),
        "Sc" => chars(b"$"),
        "Sk" => chars(b"^`"),
        "Sm" => chars(b"+<=>|~"),
        "Z" | "Zs" => chars(b" "),
        "Common" => !letters,
        _ => {
            return UNICODE_GROUPS_WITHOUT_ASCII.binary_search(&name).is_ok().then_some(0);
        }
    };
    Some(set)
}

/// Every other group name of re2/unicode_groups.cc, sorted: valid, and
/// holding no ASCII character.
const UNICODE_GROUPS_WITHOUT_ASCII: &[&str] = &[
    "Adlam",
    "Ahom",
    "Anatolian_Hieroglyphs",
    "Arabic",
    "Armenian",
    "Avestan",
    "Balinese",
    "Bamum",
    "Bassa_Vah",
    "Batak",
    "Bengali",
    "Bhaiksuki",
    "Bopomofo",
    "Brahmi",
    "Braille",
    "Buginese",
    "Buhid",
    "Canadian_Aboriginal",
    "Carian",
    "Caucasian_Albanian",
    "Cf",
    "Chakma",
    "Cham",
    "Cherokee",
    "Chorasmian",
    "Co",
    "Coptic",
    "Cs",
    "Cuneiform",
    "Cypriot",
    "Cypro_Minoan",
    "Cyrillic",
    "Deseret",
    "Devanagari",
    "Dives_Akuru",
    "Dogra",
    "Duployan",
    "Egyptian_Hieroglyphs",
    "Elbasan",
    "Elymaic",
    "Ethiopic",
    "Georgian",
    "Glagolitic",
    "Gothic",
    "Grantha",
    "Greek",
    "Gujarati",
    "Gunjala_Gondi",
    "Gurmukhi",
    "Han",
    "Hangul",
    "Hanifi_Rohingya",
    "Hanunoo",
    "Hatran",
    "Hebrew",
    "Hiragana",
    "Imperial_Aramaic",
    "Inherited",
    "Inscriptional_Pahlavi",
    "Inscriptional_Parthian",
    "Javanese",
    "Kaithi",
    "Kannada",
    "Katakana",
    "Kawi",
    "Kayah_Li",
    "Kharoshthi",
    "Khitan_Small_Script",
    "Khmer",
    "Khojki",
    "Khudawadi",
    "Lao",
    "Lepcha",
    "Limbu",
    "Linear_A",
    "Linear_B",
    "Lisu",
    "Lm",
    "Lo",
    "Lt",
    "Lycian",
    "Lydian",
    "M",
    "Mahajani",
    "Makasar",
    "Malayalam",
    "Mandaic",
    "Manichaean",
    "Marchen",
    "Masaram_Gondi",
    "Mc",
    "Me",
    "Medefaidrin",
    "Meetei_Mayek",
    "Mende_Kikakui",
    "Meroitic_Cursive",
    "Meroitic_Hieroglyphs",
    "Miao",
    "Mn",
    "Modi",
    "Mongolian",
    "Mro",
    "Multani",
    "Myanmar",
    "Nabataean",
    "Nag_Mundari",
    "Nandinagari",
    "New_Tai_Lue",
    "Newa",
    "Nko",
    "Nl",
    "No",
    "Nushu",
    "Nyiakeng_Puachue_Hmong",
    "Ogham",
    "Ol_Chiki",
    "Old_Hungarian",
    "Old_Italic",
    "Old_North_Arabian",
    "Old_Permic",
    "Old_Persian",
    "Old_Sogdian",
    "Old_South_Arabian",
    "Old_Turkic",
    "Old_Uyghur",
    "Oriya",
    "Osage",
    "Osmanya",
    "Pahawh_Hmong",
    "Palmyrene",
    "Pau_Cin_Hau",
    "Pf",
    "Phags_Pa",
    "Phoenician",
    "Pi",
    "Psalter_Pahlavi",
    "Rejang",
    "Runic",
    "Samaritan",
    "Saurashtra",
    "Sharada",
    "Shavian",
    "Siddham",
    "SignWriting",
    "Sinhala",
    "So",
    "Sogdian",
    "Sora_Sompeng",
    "Soyombo",
    "Sundanese",
    "Syloti_Nagri",
    "Syriac",
    "Tagalog",
    "Tagbanwa",
    "Tai_Le",
    "Tai_Tham",
    "Tai_Viet",
    "Takri",
    "Tamil",
    "Tangsa",
    "Tangut",
    "Telugu",
    "Thaana",
    "Thai",
    "Tibetan",
    "Tifinagh",
    "Tirhuta",
    "Toto",
    "Ugaritic",
    "Vai",
    "Vithkuqi",
    "Wancho",
    "Warang_Citi",
    "Yezidi",
    "Yi",
    "Zanabazar_Square",
    "Zl",
    "Zp",
];

/// RE2's case folding, restricted to what can reach ASCII: the other case
/// of a letter, and the two non-ASCII runes whose fold orbit holds ASCII
/// letters (KELVIN SIGN with k, LATIN SMALL LETTER LONG S with s).
fn fold(set: Set) -> Set {
    let upper = (set & UPPER) << 32;
    let lower = (set & LOWER) >> 32;
    set | upper | lower
}

/// The ASCII part of the runes `lo..=hi`, folded when asked.
fn rune_range(lo: u32, hi: u32, fold_case: bool) -> Set {
    let mut set = if lo <= 0x7f { range(lo as u8, hi.min(0x7f) as u8) } else { 0 };
    if fold_case {
        set = fold(set);
        if (lo..=hi).contains(&0x17f) {
            set |= chars(b"sS");
        }
        if (lo..=hi).contains(&0x212a) {
            set |= chars(b"kK");
        }
    }
    set
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Assertion {
    BeginText,
    EndText,
    BeginLine,
    EndLine,
    WordBoundary,
    NotWordBoundary,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    Set(Set),
    Assert(Assertion),
    Concat(Vec<Node>),
    Alternate(Vec<Node>),
    Repeat { node: Box<Node>, min: u32, max: Option<u32> },
}

#[derive(Debug, Clone, Copy)]
struct Flags {
    fold_case: bool,
    multi_line: bool,
    dot_nl: bool,
}

const MAX_REPEAT: u32 = 1000;

struct Parser<'a> {
    whole: &'a str,
    rest: &'a str,
    uses_any_byte: bool,
    capture_names: Vec<&'a str>,
    duplicate_capture_name: bool,
}

fn error(what: &'static str, arg: &str) -> Re2Error {
    Re2Error { what, arg: arg.to_owned() }
}

const BAD_ESCAPE: &str = "invalid escape sequence";
const BAD_RANGE: &str = "invalid character class range";
const MISSING_BRACKET: &str = "missing ]";
const MISSING_PAREN: &str = "missing )";
const UNEXPECTED_PAREN: &str = "unexpected )";
const REPEAT_ARGUMENT: &str = "no argument for repetition operator";
const REPEAT_SIZE: &str = "invalid repetition size";
const REPEAT_OP: &str = "bad repetition operator";
const BAD_PERL_OP: &str = "invalid perl operator";
const BAD_NAMED_CAPTURE: &str = "invalid named capture group";

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<char> {
        self.rest.chars().next()
    }

    fn peek2(&self) -> Option<char> {
        self.rest.chars().nth(1)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.rest = &self.rest[c.len_utf8()..];
        Some(c)
    }

    /// The text consumed since `from` (a suffix of the pattern).
    fn since(&self, from: &'a str) -> &'a str {
        &from[..from.len() - self.rest.len()]
    }

    /// An alternation up to `)` or the end; the caller handles the `)`.
    fn alternation(&mut self, flags: &mut Flags, depth: usize) -> Result<Node, Re2Error> {
        let mut branches = vec![self.concatenation(flags, depth)?];
        while self.peek() == Some('|') {
            self.bump();
            branches.push(self.concatenation(flags, depth)?);
        }
        Ok(if branches.len() == 1 { branches.pop().expect("one") } else { Node::Alternate(branches) })
    }

    fn concatenation(&mut self, flags: &mut Flags, depth: usize) -> Result<Node, Re2Error> {
        let mut items: Vec<Node> = Vec::new();
        // The repetition operator just parsed: RE2 refuses to stack them (`a**`).
        let mut last_repeat: Option<&'a str> = None;
        while let Some(c) = self.peek() {
            let start = self.rest;
            let mut repeated: Option<&'a str> = None;
            match c {
                '|' | ')' => break,
                '(' => {
                    if self.peek2() == Some('?') {
                        if let Some(node) = self.perl_group(flags, depth)? {
                            items.push(node);
                        }
                    } else {
                        self.bump();
                        items.push(self.group_body(*flags, depth)?);
                    }
                }
                '^' => {
                    self.bump();
                    items.push(Node::Assert(if flags.multi_line {
                        Assertion::BeginLine
                    } else {
                        Assertion::BeginText
                    }));
                }
                '$' => {
                    self.bump();
                    items.push(Node::Assert(if flags.multi_line { Assertion::EndLine } else { Assertion::EndText }));
                }
                '.' => {
                    self.bump();
                    items.push(Node::Set(if flags.dot_nl { ALL } else { ALL & !chars(b"\n") }));
                }
                '[' => items.push(Node::Set(self.class(*flags)?)),
                '*' | '+' | '?' => {
                    self.bump();
                    if self.peek() == Some('?') {
                        self.bump();
                    }
                    let op = self.since(start);
                    if let Some(prev) = last_repeat {
                        let whole = &prev[..prev.len() - self.rest.len()];
                        return Err(error(REPEAT_OP, whole));
                    }
                    let node = items.pop().ok_or_else(|| error(REPEAT_ARGUMENT, op))?;
                    let (min, max) = match c {
                        '*' => (0, None),
                        '+' => (1, None),
                        _ => (0, Some(1)),
                    };
                    items.push(Node::Repeat { node: Box::new(node), min, max });
                    repeated = Some(start);
                }
                '{' => match self.counted_repetition() {
                    None => {
                        self.bump();
                        items.push(Node::Set(literal('{', *flags)));
                    }
                    Some((min, max)) => {
                        if self.peek() == Some('?') {
                            self.bump();
                        }
                        let op = self.since(start);
                        if let Some(prev) = last_repeat {
                            let whole = &prev[..prev.len() - self.rest.len()];
                            return Err(error(REPEAT_OP, whole));
                        }
                        if max.is_some_and(|m| m < min) || min > MAX_REPEAT || max.is_some_and(|m| m > MAX_REPEAT) {
                            return Err(error(REPEAT_SIZE, op));
                        }
                        let node = items.pop().ok_or_else(|| error(REPEAT_ARGUMENT, op))?;
                        let node = Node::Repeat { node: Box::new(node), min, max };
                        if (min >= 2 || max.is_some_and(|m| m >= 2)) && repeat_budget(&node, MAX_REPEAT as i64) == 0 {
                            return Err(error(REPEAT_SIZE, op));
                        }
                        items.push(node);
                        repeated = Some(start);
                    }
                },
                '\\' => {
                    if let Some(node) = self.escape_outside_class(*flags)? {
                        items.push(node);
                    }
                }
                c => {
                    self.bump();
                    items.push(Node::Set(literal(c, *flags)));
                }
            }
            last_repeat = repeated;
        }
        Ok(if items.len() == 1 { items.pop().expect("one") } else { Node::Concat(items) })
    }

    /// The body of a group after its opening, up to and with its `)`.
    /// Flags set inside end with the group.
    fn group_body(&mut self, outer: Flags, depth: usize) -> Result<Node, Re2Error> {
        let mut inner = outer;
        let node = self.alternation(&mut inner, depth + 1)?;
        if self.bump() != Some(')') {
            return Err(error(MISSING_PAREN, self.whole));
        }
        Ok(node)
    }

    /// `(?flags)`, `(?flags:...)`, `(?P<name>...)`, `(?<name>...)`; None
    /// for a bare flag setting, which only changes the flags.
    fn perl_group(&mut self, flags: &mut Flags, depth: usize) -> Result<Option<Node>, Re2Error> {
        let t = self.rest;
        let b = t.as_bytes();
        if (t.len() > 3 && (b[2] == b'=' || b[2] == b'!'))
            || (t.len() > 4 && b[2] == b'<' && (b[3] == b'=' || b[3] == b'!'))
        {
            let n = if b[2] == b'<' { 4 } else { 3 };
            return Err(error(BAD_PERL_OP, &t[..n]));
        }
        if (t.len() > 4 && b[2] == b'P' && b[3] == b'<') || (t.len() > 3 && b[2] == b'<') {
            let begin = if b[2] == b'P' { 4 } else { 3 };
            let Some(end) = t[begin..].find('>').map(|e| e + begin) else {
                return Err(error(BAD_NAMED_CAPTURE, t));
            };
            let name = &t[begin..end];
            // Envoy's RE2 takes the historical [0-9A-Za-z_]+ (newer RE2
            // also takes Unicode letters; Envoy 1.40 refuses them).
            let valid = !name.is_empty() && name.bytes().all(|c| c == b'_' || c.is_ascii_alphanumeric());
            if !valid {
                return Err(error(BAD_NAMED_CAPTURE, &t[..=end]));
            }
            if self.capture_names.contains(&name) {
                self.duplicate_capture_name = true;
            }
            self.capture_names.push(name);
            self.rest = &t[end + 1..];
            return self.group_body(*flags, depth).map(Some);
        }
        self.bump();
        self.bump();
        let mut next = *flags;
        let mut negated = false;
        let mut saw_flag = false;
        loop {
            let Some(c) = self.bump() else {
                return Err(error(BAD_PERL_OP, self.since(t)));
            };
            match c {
                'i' => next.fold_case = !negated,
                'm' => next.multi_line = !negated,
                's' => next.dot_nl = !negated,
                // Non-greedy by default: no effect on whether a path matches.
                'U' => {}
                '-' if !negated => {
                    negated = true;
                    saw_flag = false;
                    continue;
                }
                ':' | ')' => {
                    if negated && !saw_flag {
                        return Err(error(BAD_PERL_OP, self.since(t)));
                    }
                    if c == ')' {
                        *flags = next;
                        return Ok(None);
                    }
                    return self.group_body(next, depth).map(Some);
                }
                _ => return Err(error(BAD_PERL_OP, self.since(t))),
            }
            saw_flag = true;
        }
    }

    /// `{n}`, `{n,}` or `{n,m}` (no leading zeros), or None: then `{` is a literal.
    fn counted_repetition(&mut self) -> Option<(u32, Option<u32>)> {
        let s = self.rest.strip_prefix('{')?;
        let integer = |s: &'a str| -> Option<(u32, &'a str)> {
            let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits == 0 || (digits >= 2 && s.starts_with('0')) || digits > 9 {
                return None;
            }
            Some((s[..digits].parse().ok()?, &s[digits..]))
        };
        let (min, s) = integer(s)?;
        let (max, s) = match s.strip_prefix(',') {
            None => (Some(min), s),
            Some(s) if s.starts_with('}') => (None, s),
            Some(s) => {
                let (max, s) = integer(s)?;
                (Some(max), s)
            }
        };
        let s = s.strip_prefix('}')?;
        self.rest = s;
        Some((min, max))
    }

    /// An escape outside brackets; None for `\Q...\E` with nothing inside.
    fn escape_outside_class(&mut self, flags: Flags) -> Result<Option<Node>, Re2Error> {
        let t = self.rest;
        let assertion = match self.peek2() {
            Some('b') => Some(Assertion::WordBoundary),
            Some('B') => Some(Assertion::NotWordBoundary),
            Some('A') => Some(Assertion::BeginText),
            Some('z') => Some(Assertion::EndText),
            _ => None,
        };
        if let Some(a) = assertion {
            self.rest = &t[2..];
            return Ok(Some(Node::Assert(a)));
        }
        match self.peek2() {
            Some('C') => {
                // Any byte: over an ASCII path, any character.
                self.rest = &t[2..];
                self.uses_any_byte = true;
                return Ok(Some(Node::Set(ALL)));
            }
            Some('Q') => {
                let body = &t[2..];
                let (quoted, rest) = match body.find("\\E") {
                    Some(e) => (&body[..e], &body[e + 2..]),
                    None => (body, ""),
                };
                self.rest = rest;
                let items: Vec<Node> = quoted.chars().map(|c| Node::Set(literal(c, flags))).collect();
                return Ok(match items.len() {
                    0 => None,
                    1 => items.into_iter().next(),
                    _ => Some(Node::Concat(items)),
                });
            }
            Some('p' | 'P') => return self.unicode_group(flags).map(|s| Some(Node::Set(s))),
            _ => {}
        }
        if let Some((set, negated)) = self.peek2().and_then(perl_class) {
            self.rest = &t[2..];
            return Ok(Some(Node::Set(group(set, negated, flags.fold_case))));
        }
        let c = self.escaped_rune()?;
        Ok(Some(Node::Set(rune_set(c, flags.fold_case))))
    }

    /// `\pX`, `\p{Name}`, `\PX`, `\P{Name}`, `\p{^Name}`.
    fn unicode_group(&mut self, flags: Flags) -> Result<Set, Re2Error> {
        let seq = self.rest;
        let mut negated = self.peek2() == Some('P');
        self.rest = &seq[2..];
        let name = match self.bump() {
            None => return Err(error(BAD_RANGE, seq)),
            Some('{') => {
                let Some(end) = self.rest.find('}') else {
                    return Err(error(BAD_RANGE, seq));
                };
                let name = &self.rest[..end];
                self.rest = &self.rest[end + 1..];
                name
            }
            Some(c) => &seq[2..2 + c.len_utf8()],
        };
        let name = match name.strip_prefix('^') {
            Some(n) => {
                negated = !negated;
                n
            }
            None => name,
        };
        let set = unicode_group(name).ok_or_else(|| error(BAD_RANGE, self.since(seq)))?;
        Ok(group(set, negated, flags.fold_case))
    }

    /// A single escaped rune (re2 ParseEscape), as a code point.
    fn escaped_rune(&mut self) -> Result<u32, Re2Error> {
        let begin = self.rest;
        self.bump();
        let Some(c) = self.bump() else {
            return Err(error("trailing \\", ""));
        };
        let bad = |p: &Self| Err(error(BAD_ESCAPE, p.since(begin)));
        match c {
            '1'..='7' if !matches!(self.peek(), Some('0'..='7')) => bad(self),
            '0'..='7' => {
                let mut code = c as u32 - '0' as u32;
                for _ in 0..2 {
                    match self.peek() {
                        Some(d @ '0'..='7') => {
                            self.bump();
                            code = code * 8 + (d as u32 - '0' as u32);
                        }
                        _ => break,
                    }
                }
                Ok(code)
            }
            'x' => {
                let Some(first) = self.bump() else { return bad(self) };
                if first == '{' {
                    let mut code: u32 = 0;
                    let mut digits = 0;
                    loop {
                        match self.bump() {
                            Some(h) if h.is_ascii_hexdigit() => {
                                digits += 1;
                                code = code * 16 + h.to_digit(16).expect("hex");
                                if code > 0x10ffff {
                                    return bad(self);
                                }
                            }
                            Some('}') if digits > 0 => return Ok(code),
                            _ => return bad(self),
                        }
                    }
                }
                let Some(second) = self.bump() else { return bad(self) };
                match (first.to_digit(16), second.to_digit(16)) {
                    (Some(a), Some(b)) => Ok(a * 16 + b),
                    _ => bad(self),
                }
            }
            'n' => Ok(0x0a),
            'r' => Ok(0x0d),
            't' => Ok(0x09),
            'a' => Ok(0x07),
            'f' => Ok(0x0c),
            'v' => Ok(0x0b),
            c if c.is_ascii() && !c.is_ascii_alphanumeric() => Ok(c as u32),
            _ => bad(self),
        }
    }

    /// A bracketed class (re2 ParseCharClass), as the ASCII set it matches.
    fn class(&mut self, flags: Flags) -> Result<Set, Re2Error> {
        let whole = self.rest;
        self.bump();
        let negated = self.peek() == Some('^');
        if negated {
            self.bump();
        }
        let mut set: Set = 0;
        let mut first = true;
        loop {
            match self.peek() {
                None => return Err(error(MISSING_BRACKET, whole)),
                Some(']') if !first => break,
                _ => {}
            }
            first = false;
            if self.rest.len() > 2 && self.rest.starts_with("[:") {
                if let Some(end) = self.rest[2..].find(":]") {
                    let name = &self.rest[..end + 4];
                    let (class, negated) =
                        posix_class(&name[2..name.len() - 2]).ok_or_else(|| error(BAD_RANGE, name))?;
                    set |= group(class, negated, flags.fold_case);
                    self.rest = &self.rest[name.len()..];
                    continue;
                }
            }
            if self.rest.len() > 2 && (self.rest.starts_with("\\p") || self.rest.starts_with("\\P")) {
                set |= self.unicode_group(flags)?;
                continue;
            }
            if self.rest.len() >= 2 && self.rest.starts_with('\\') {
                if let Some((class, negated)) = self.peek2().and_then(perl_class) {
                    self.rest = &self.rest[2..];
                    set |= group(class, negated, flags.fold_case);
                    continue;
                }
            }
            let begin = self.rest;
            let lo = self.class_rune(whole)?;
            let hi = if self.rest.len() >= 2 && self.rest.starts_with('-') && !self.rest[1..].starts_with(']') {
                self.bump();
                let hi = self.class_rune(whole)?;
                if hi < lo {
                    return Err(error(BAD_RANGE, self.since(begin)));
                }
                hi
            } else {
                lo
            };
            set |= rune_range(lo, hi, flags.fold_case);
        }
        self.bump();
        Ok(if negated { !set } else { set })
    }

    fn class_rune(&mut self, whole: &str) -> Result<u32, Re2Error> {
        match self.peek() {
            None => Err(error(MISSING_BRACKET, whole)),
            Some('\\') => self.escaped_rune(),
            Some(c) => {
                self.bump();
                Ok(c as u32)
            }
        }
    }
}

/// A group as RE2 adds it (AddUGroup): under `(?i)` the positive group is
/// folded first and negated after, so a letter is out of a negated group
/// when either of its cases is in the group.
fn group(positive: Set, negated: bool, fold_case: bool) -> Set {
    let set = if fold_case { fold(positive) } else { positive };
    if negated {
        !set
    } else {
        set
    }
}

/// A literal rune: its ASCII self, or nothing (a non-ASCII rune never meets
/// an ASCII path), with its case partners under `(?i)`.
fn rune_set(c: u32, fold_case: bool) -> Set {
    rune_range(c, c, fold_case)
}

fn literal(c: char, flags: Flags) -> Set {
    rune_set(c as u32, flags.fold_case)
}

/// RE2's RepetitionWalker: nested counted repetitions may not multiply past
/// 1000 copies of the innermost thing.
fn repeat_budget(node: &Node, budget: i64) -> i64 {
    let mut arg = budget;
    if let Node::Repeat { min, max, .. } = node {
        let m = max.unwrap_or(*min) as i64;
        if m > 0 {
            arg /= m;
        }
    }
    let children: Vec<&Node> = match node {
        Node::Concat(items) | Node::Alternate(items) => items.iter().collect(),
        Node::Repeat { node, .. } => vec![node],
        Node::Set(_) | Node::Assert(_) => Vec::new(),
    };
    children.into_iter().map(|c| repeat_budget(c, arg)).fold(arg, i64::min)
}

fn emit(node: &Node, out: &mut String) {
    match node {
        Node::Set(set) => emit_set(*set, out),
        Node::Assert(a) => out.push_str(match a {
            Assertion::BeginText => r"\A",
            Assertion::EndText => r"\z",
            Assertion::BeginLine => "(?m:^)",
            Assertion::EndLine => "(?m:$)",
            Assertion::WordBoundary => r"\b",
            Assertion::NotWordBoundary => r"\B",
        }),
        Node::Concat(items) => {
            out.push_str("(?:");
            items.iter().for_each(|n| emit(n, out));
            out.push(')');
        }
        Node::Alternate(items) => {
            out.push_str("(?:");
            for (i, n) in items.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                emit(n, out);
            }
            out.push(')');
        }
        // An empty-width assertion repeated is itself (at least once) or
        // nothing (zero times allowed); regex-lite need not see it repeated.
        Node::Repeat { node, min, .. } if matches!(**node, Node::Assert(_)) => {
            if *min > 0 {
                emit(node, out);
            }
        }
        Node::Repeat { node, min, max } => {
            out.push_str("(?:");
            emit(node, out);
            out.push(')');
            match (min, max) {
                (0, None) => out.push('*'),
                (1, None) => out.push('+'),
                (0, Some(1)) => out.push('?'),
                (n, None) => write!(out, "{{{n},}}").expect("string"),
                (n, Some(m)) if n == m => write!(out, "{{{n}}}").expect("string"),
                (n, Some(m)) => write!(out, "{{{n},{m}}}").expect("string"),
            }
        }
    }
}

/// A set as a regex-lite class of `\xHH` ranges; the empty set as a class
/// only non-ASCII characters are in, which no path holds.
fn emit_set(set: Set, out: &mut String) {
    if set == 0 {
        out.push_str(r"[^\x00-\x7F]");
        return;
    }
    out.push('[');
    let mut c = 0u32;
    while c < 128 {
        if set & (1 << c) == 0 {
            c += 1;
            continue;
        }
        let lo = c;
        while c + 1 < 128 && set & (1 << (c + 1)) != 0 {
            c += 1;
        }
        if lo == c {
            write!(out, r"\x{lo:02X}").expect("string");
        } else {
            write!(out, r"\x{lo:02X}-\x{c:02X}").expect("string");
        }
        c += 1;
    }
    out.push(']');
}

/// The longest pattern Istio's validation takes (pkg/config/validation).
pub const ISTIO_MAX_LEN: usize = 1024;

/// Parses `pattern` as RE2 does and translates it for regex-lite, anchored
/// at both ends as Envoy's full match is.
pub fn translate(pattern: &str) -> Result<Translated, Re2Error> {
    let mut p = Parser {
        whole: pattern,
        rest: pattern,
        uses_any_byte: false,
        capture_names: Vec::new(),
        duplicate_capture_name: false,
    };
    let mut flags = Flags { fold_case: false, multi_line: false, dot_nl: false };
    let node = p.alternation(&mut flags, 0)?;
    if p.peek() == Some(')') {
        return Err(error(UNEXPECTED_PAREN, pattern));
    }
    let mut lite = String::from(r"\A(?:");
    emit(&node, &mut lite);
    lite.push_str(r")\z");
    let istio_refuses = if pattern.is_empty() {
        Some(Said::new("Istio refuses an empty regex", "Istio는 빈 정규식을 거부합니다"))
    } else if pattern.len() > ISTIO_MAX_LEN {
        Some(Said::new(
            format!("Istio refuses a regex longer than {ISTIO_MAX_LEN} bytes"),
            format!("Istio는 {ISTIO_MAX_LEN}바이트보다 긴 정규식을 거부합니다"),
        ))
    } else if p.uses_any_byte {
        Some(Said::new(r"Istio's validation (Go regexp) has no \C", r"Istio의 검증(Go regexp)에는 \C가 없습니다"))
    } else if p.duplicate_capture_name {
        Some(Said::new(
            "Istio's validation (Go regexp) refuses a capture group name used twice",
            "Istio의 검증(Go regexp)은 두 번 쓰인 캡처 그룹 이름을 거부합니다",
        ))
    } else {
        None
    };
    Ok(Translated { lite, istio_refuses })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full_match(pattern: &str, path: &str) -> bool {
        let t = translate(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
        regex_lite::Regex::new(&t.lite).unwrap_or_else(|e| panic!("{pattern} -> {}: {e}", t.lite)).is_match(path)
    }

    /// The ASCII members of the groups that hold any, as
    /// re2/unicode_groups.cc lists them (bit n is character n).
    #[test]
    fn unicode_groups_hold_the_ascii_re2_lists() {
        for (name, mask) in [
            ("C", 0x800000000000000000000000ffffffffu128),
            ("Cc", 0x800000000000000000000000ffffffff),
            ("Common", 0xf8000001f8000001ffffffffffffffff),
            ("L", 0x7fffffe07fffffe0000000000000000),
            ("Latin", 0x7fffffe07fffffe0000000000000000),
            ("Ll", 0x7fffffe000000000000000000000000),
            ("Lu", 0x7fffffe0000000000000000),
            ("N", 0x3ff000000000000),
            ("Nd", 0x3ff000000000000),
            ("P", 0x28000000b80000018c00f7ee00000000),
            ("Pc", 0x800000000000000000000000),
            ("Pd", 0x200000000000),
            ("Pe", 0x20000000200000000000020000000000),
            ("Po", 0x100000018c00d4ee00000000),
            ("Ps", 0x8000000080000000000010000000000),
            ("S", 0x50000001400000007000081000000000),
            ("Sc", 0x1000000000),
            ("Sk", 0x1400000000000000000000000),
            ("Sm", 0x50000000000000007000080000000000),
            ("Z", 0x100000000),
            ("Zs", 0x100000000),
            ("Hangul", 0),
            ("Greek", 0),
        ] {
            assert_eq!(unicode_group(name), Some(mask), "{name}");
        }
        assert_eq!(unicode_group("greek"), None, "names are case-sensitive in RE2");
        assert_eq!(unicode_group("Letter"), None, "RE2 has no long category names");
        let mut sorted = UNICODE_GROUPS_WITHOUT_ASCII.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, UNICODE_GROUPS_WITHOUT_ASCII, "binary search needs the list sorted");
    }

    #[test]
    fn unicode_classes_over_encoded_paths() {
        assert!(full_match(r"/re/\pL+", "/re/abcXYZ"));
        assert!(!full_match(r"/re/\pL+", "/re/%C3%A9"), "an encoded letter is %, digits and letters");
        assert!(!full_match(r"/hg/\p{Hangul}+", "/hg/%ED%95%9C"));
        assert!(full_match(r"/x/\P{Hangul}+", "/x/%ED%95%9C"));
        assert!(full_match(r"/dot/caf.", "/dot/cafe"));
        assert!(!full_match(r"/dot/caf.", "/dot/caf%C3%A9"), "`.` is one ASCII character of the encoding");
        assert!(full_match(r"/dot/caf.{6}", "/dot/caf%C3%A9"));
        assert!(!full_match("/café", "/caf%C3%A9"), "a non-ASCII literal never meets an encoded path");
        assert!(full_match(r"[\p{^Lu}]+", "abc"));
        assert!(full_match(r"\p{Any}+", "/x"));
    }

    #[test]
    fn case_folding_as_re2() {
        assert!(full_match("(?i)/API/.*", "/api/x"));
        assert!(full_match("(?i)/a(?-i)B", "/AB"));
        assert!(!full_match("(?i)/a(?-i)B", "/Ab"));
        assert!(full_match("(?i)\u{212a}", "k"), "KELVIN SIGN folds to k");
        assert!(full_match("(?i)[\u{17f}]", "S"), "LONG S folds to s");
        assert!(full_match(r"(?i)\p{Lu}", "a"));
        assert!(!full_match(r"(?i)[^k]", "K"));
        assert!(!full_match(r"(?i)\W", "a"));
        assert!(full_match(r"(?i)\W", "-"));
        assert!(!full_match(r"(?i)[[:^alpha:]]", "Q"));
    }

    #[test]
    fn syntax_as_re2() {
        for (pattern, path, want) in [
            (r"/v[0-9]+/.*", "/v1/users", true),
            (r"/v[0-9]+", "/v1/users", false),
            (r"^/a$", "/a", true),
            (r"/(a|b)", "/b", true),
            (r"/a|/b", "/b", true),
            (r"/\Q.*\E", "/.*", true),
            (r"/\Q.*\E", "/xy", false),
            (r"/\x41\x{42}\101", "/ABA", true),
            (r"/a{2}", "/aa", true),
            (r"/a{,2}", "/a{,2}", true),
            (r"/a{01}", "/a{01}", true),
            (r"/a{", "/a{", true),
            (r"[]a]+", "]a", true),
            (r"[a-]+", "-a", true),
            (r"[\d-z]+", "1-z", true),
            (r"/\.", "/.", true),
            (r"/\_", "/_", true),
            (r"\Ax\z", "x", true),
            (r"/(?P<id>\d+)", "/12", true),
            (r"/(?<id>\d+)", "/12", true),
            (r"/a\b", "/a", true),
            (r"(?s)/.", "/\n", true),
            (r"/.", "/\n", false),
            (r"/a*?b", "/aab", true),
            (r"/a(?i)*", "/aaa", true),
            (r"^*/x", "/x", true),
            (r"/(?:)", "/", true),
            (r"/a|", "", true),
            (r"[[:word:]]+", "a_1", true),
            (r"[^\n]", "a", true),
        ] {
            assert_eq!(full_match(pattern, path), want, "{pattern} against {path:?}");
        }
    }

    #[test]
    fn errors_as_re2_words_them() {
        for (pattern, want) in [
            ("(", "missing ): ("),
            ("a)", "unexpected ): a)"),
            ("[a", "missing ]: [a"),
            ("[z-a]", "invalid character class range: z-a"),
            ("*a", "no argument for repetition operator: *"),
            ("(*)", "no argument for repetition operator: *"),
            ("a|*", "no argument for repetition operator: *"),
            ("a**", "bad repetition operator: **"),
            ("a*??", "bad repetition operator: *??"),
            ("a{2}{3}", "bad repetition operator: {2}{3}"),
            ("a{1001}", "invalid repetition size: {1001}"),
            ("a{3,2}", "invalid repetition size: {3,2}"),
            ("(a{10}){101}", "invalid repetition size: {101}"),
            (r"\1", r"invalid escape sequence: \1"),
            (r"\q", r"invalid escape sequence: \q"),
            (r"\Z", r"invalid escape sequence: \Z"),
            (r"\é", r"invalid escape sequence: \é"),
            (r"\x{110000}", r"invalid escape sequence: \x{110000"),
            (r"\xg0", r"invalid escape sequence: \xg0"),
            (r"\p{Foo}", r"invalid character class range: \p{Foo}"),
            (r"\p{greek}", r"invalid character class range: \p{greek}"),
            ("[[:foo:]]", "invalid character class range: [:foo:]"),
            ("(?=a)", "invalid perl operator: (?="),
            ("(?<!a)", "invalid perl operator: (?<!"),
            ("(?x)a", "invalid perl operator: (?x"),
            ("(?i-)a", "invalid perl operator: (?i-)"),
            ("(?P<>a)", "invalid named capture group: (?P<>"),
            ("(?P<a-b>a)", "invalid named capture group: (?P<a-b>"),
            ("(?P<이름>a)", "invalid named capture group: (?P<이름>"),
            ("a\\", "trailing \\: "),
        ] {
            assert_eq!(translate(pattern).map(|_| ()).unwrap_err().to_string(), want, "{pattern}");
        }
        assert!(translate("(a{10}){100}").is_ok(), "1000 copies is the limit, not past it");
    }

    #[test]
    fn istio_refuses_what_go_refuses() {
        assert!(translate(r"/a\C").unwrap().istio_refuses.is_some());
        assert!(translate("(?P<a>x)(?P<a>y)").unwrap().istio_refuses.is_some());
        assert!(translate("").unwrap().istio_refuses.is_some());
        assert!(translate(&"a".repeat(1025)).unwrap().istio_refuses.is_some());
        assert!(translate(&"a".repeat(1024)).unwrap().istio_refuses.is_none());
        assert!(translate(r"/\pL").unwrap().istio_refuses.is_none());
    }
}
