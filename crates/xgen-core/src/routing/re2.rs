//! RE2, as Envoy compiles a route's `safe_regex` (docs/routing.md).
//!
//! Envoy hands the pattern to RE2 and matches it against the whole
//! normalized path (`RE2::FullMatch`). The Envoy 1.40 we test against
//! compiles route regexes as Latin-1: every byte of the pattern is one
//! character (rune 0-255), `\x{100}` is an invalid escape, and `\p{Greek}`
//! holds no character (the Envoy parity test pins each of these). The path
//! Envoy matches is always ASCII: Envoy answers 400 to raw bytes above 0x7F,
//! and its canonicalizer keeps every other byte percent-encoded.
//!
//! This module is RE2's parser (re2/parse.cc, its stack machine: the same
//! escapes, classes, flags, repetition limits, error messages, and the
//! rewrites the parser makes as it goes: literal strings, one-character
//! classes, squashed repetitions, factored alternations). Its tree serves
//! three times: [`prog`] simplifies and compiles it as RE2 does to count
//! the program's instructions (`RE2::ProgramSize`, which Envoy limits),
//! [`dfa`] matches paths with that same program, as a lazily built DFA
//! whose cost per path is bounded by its length times the program's size,
//! and [`nfa`] finds matches and their groups with it, for a rewrite.
//! [`translate`] also writes an equivalent pattern over ASCII (the tests
//! hold the two to the same answers with `regex-lite`). The Unicode
//! groups RE2 knows are listed by name (re2/unicode_groups.cc) with the
//! Latin-1 characters each holds; a name RE2 does not know is an error, as
//! in Envoy.
//!
//! Istio's admission webhook compiles the same pattern with Go's `regexp`
//! before any of this (pkg/config/validation: `validateStringRegexp`), and
//! refuses what Go refuses: [`verdict`] says who refuses a pattern, the one
//! place that decides.

pub mod dfa;
pub mod nfa;
pub mod prog;

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
    /// the VirtualService although Envoy's RE2 parses the regex.
    pub istio_refuses: Option<Said>,
    /// The program RE2 compiles for it, as Envoy counts it.
    pub program: prog::Program,
}

/// A set of Latin-1 characters, one bit each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(crate) struct Class {
    pub(crate) lo: u128,
    pub(crate) hi: u128,
}

impl Class {
    pub(crate) const EMPTY: Class = Class { lo: 0, hi: 0 };
    const fn ascii(lo: u128) -> Class {
        Class { lo, hi: 0 }
    }

    pub(crate) fn contains(self, c: u8) -> bool {
        if c < 128 {
            self.lo & (1 << c) != 0
        } else {
            self.hi & (1 << (c - 128)) != 0
        }
    }

    fn range(lo: u8, hi: u8) -> Class {
        let mut s = Class::EMPTY;
        let mut c = lo as u32;
        while c <= hi as u32 {
            if c < 128 {
                s.lo |= 1 << c;
            } else {
                s.hi |= 1 << (c - 128);
            }
            c += 1;
        }
        s
    }

    fn union(self, o: Class) -> Class {
        Class { lo: self.lo | o.lo, hi: self.hi | o.hi }
    }

    fn not(self) -> Class {
        Class { lo: !self.lo, hi: !self.hi }
    }

    pub(crate) fn count(self) -> u32 {
        self.lo.count_ones() + self.hi.count_ones()
    }

    pub(crate) fn is_empty(self) -> bool {
        self.lo == 0 && self.hi == 0
    }

    /// The lowest character, if any.
    fn first(self) -> Option<u8> {
        (0..=255u8).find(|&c| self.contains(c))
    }

    /// RE2's AddFoldedRangeLatin1: under `(?i)` in Latin-1, only ASCII
    /// letters gain their other case.
    fn fold(self) -> Class {
        let upper = (self.lo & UPPER) << 32;
        let lower = (self.lo & LOWER) >> 32;
        Class { lo: self.lo | upper | lower, hi: self.hi }
    }

    /// The maximal runs of characters, as RE2's sorted ranges.
    pub(crate) fn ranges(self) -> Vec<(u8, u8)> {
        let mut out = Vec::new();
        let mut c = 0u32;
        while c < 256 {
            if !self.contains(c as u8) {
                c += 1;
                continue;
            }
            let lo = c;
            while c + 1 < 256 && self.contains((c + 1) as u8) {
                c += 1;
            }
            out.push((lo as u8, c as u8));
            c += 1;
        }
        out
    }

    /// RE2's FoldsASCII: the class behaves the same on A-Z as on a-z.
    pub(crate) fn folds_ascii(self) -> bool {
        ((self.lo & UPPER) << 32) == (self.lo & LOWER)
    }
}

const fn range(lo: u8, hi: u8) -> u128 {
    let mut s = 0u128;
    let mut c = lo;
    while c <= hi {
        s |= 1 << c;
        c += 1;
    }
    s
}
const DIGIT: u128 = range(b'0', b'9');
const UPPER: u128 = range(b'A', b'Z');
const LOWER: u128 = range(b'a', b'z');
const fn chars(list: &[u8]) -> u128 {
    let mut s = 0u128;
    let mut i = 0;
    while i < list.len() {
        s |= 1 << list[i];
        i += 1;
    }
    s
}
const WORD: u128 = DIGIT | UPPER | LOWER | chars(b"_");
const CNTRL: u128 = range(0, 0x1f) | chars(&[0x7f]);
const PUNCT: u128 = range(b'!', b'/') | range(b':', b'@') | range(b'[', b'`') | range(b'{', b'~');

/// The Perl classes (re2/perl_groups.cc): ASCII only, as in RE2.
fn perl_class(c: u8) -> Option<(Class, bool)> {
    let space = chars(b"\t\n\x0c\r ");
    let (set, negated) = match c {
        b'd' => (DIGIT, false),
        b'D' => (DIGIT, true),
        b's' => (space, false),
        b'S' => (space, true),
        b'w' => (WORD, false),
        b'W' => (WORD, true),
        _ => return None,
    };
    Some((Class::ascii(set), negated))
}

/// The POSIX classes inside brackets (re2/perl_groups.cc), `[:^name:]` negated.
fn posix_class(name: &[u8]) -> Option<(Class, bool)> {
    let (negated, name) = match name.strip_prefix(b"^") {
        Some(n) => (true, n),
        None => (false, name),
    };
    let set = match name {
        b"alnum" => DIGIT | UPPER | LOWER,
        b"alpha" => UPPER | LOWER,
        b"ascii" => u128::MAX,
        b"blank" => chars(b"\t "),
        b"cntrl" => CNTRL,
        b"digit" => DIGIT,
        b"graph" => range(b'!', b'~'),
        b"lower" => LOWER,
        b"print" => range(b' ', b'~'),
        b"punct" => PUNCT,
        b"space" => chars(b"\t\n\x0b\x0c\r "),
        b"upper" => UPPER,
        b"word" => WORD,
        b"xdigit" => DIGIT | range(b'A', b'F') | range(b'a', b'f'),
        _ => return None,
    };
    Some((Class::ascii(set), negated))
}

/// The Unicode groups RE2 knows (re2/unicode_groups.cc, and `Any`), each
/// with the Latin-1 characters it holds. Only these hold any: general
/// categories and the Latin and Common scripts.
fn unicode_group(name: &[u8]) -> Option<Class> {
    let letters = UPPER | LOWER;
    let (lo, hi) = match name {
        b"Any" => (u128::MAX, u128::MAX),
        b"C" => (CNTRL, 0x2000ffffffff),
        b"Cc" => (CNTRL, 0xffffffff),
        b"Cf" => (0, 0x200000000000),
        b"L" => (letters, 0xff7fffffff7fffff0420040000000000),
        b"Latin" => (letters, 0xff7fffffff7fffff0400040000000000),
        b"Lu" => (UPPER, 0x7f7fffff0000000000000000),
        b"Ll" => (LOWER, 0xff7fffff800000000020000000000000),
        b"Lo" => (0, 0x400040000000000),
        b"N" => (DIGIT, 0x720c000000000000),
        b"Nd" => (DIGIT, 0),
        b"No" => (0, 0x720c000000000000),
        b"P" => (chars(b"!\"#%&'()*,-./:;?@[\\]_{}"), 0x88c0088200000000),
        b"Pc" => (chars(b"_"), 0),
        b"Pd" => (chars(b"-"), 0),
        b"Ps" => (chars(b"([{"), 0),
        b"Pe" => (chars(b")]}"), 0),
        b"Pf" => (0, 0x800000000000000),
        b"Pi" => (0, 0x80000000000),
        b"Po" => (chars(b"!\"#%&'*,./:;?@\\"), 0x80c0008200000000),
        b"S" => (chars(b"$+<=>^`|~"), 0x800000008000000113d37c00000000),
        b"Sc" => (chars(b"$"), 0x3c00000000),
        b"Sk" => (chars(b"^`"), 0x110810000000000),
        b"Sm" => (chars(b"+<=>|~"), 0x800000008000000002100000000000),
        b"So" => (0, 0x1424000000000),
        b"Z" | b"Zs" => (chars(b" "), 0x100000000),
        b"Common" => (!letters, 0x80000000800000fbfffbffffffffff),
        _ => {
            let name = std::str::from_utf8(name).ok()?;
            return UNICODE_GROUPS_WITHOUT_LATIN1.binary_search(&name).is_ok().then_some(Class::EMPTY);
        }
    };
    Some(Class { lo, hi })
}

/// Every other group name of re2/unicode_groups.cc, sorted: valid, and
/// holding no Latin-1 character.
const UNICODE_GROUPS_WITHOUT_LATIN1: &[&str] = &[
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
    "Phags_Pa",
    "Phoenician",
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

/// RE2's parse flags that change what the parser builds (regexp.h); the
/// others are fixed by the options Envoy uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(crate) struct Flags(u8);

impl Flags {
    pub(crate) const FOLD_CASE: u8 = 1;
    const ONE_LINE: u8 = 2;
    const DOT_NL: u8 = 4;
    pub(crate) const NON_GREEDY: u8 = 8;
    const WAS_DOLLAR: u8 = 16;

    pub(crate) fn has(self, bit: u8) -> bool {
        self.0 & bit != 0
    }

    fn set(self, bit: u8, on: bool) -> Flags {
        if on {
            Flags(self.0 | bit)
        } else {
            Flags(self.0 & !bit)
        }
    }
}

/// A node of RE2's Regexp tree (regexp.h), over Latin-1 runes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Re {
    pub(crate) op: Op,
    pub(crate) flags: Flags,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    NoMatch,
    EmptyMatch,
    Literal(u8),
    LiteralString(Vec<u8>),
    Concat(Vec<Re>),
    Alternate(Vec<Re>),
    Star(Box<Re>),
    Plus(Box<Re>),
    Quest(Box<Re>),
    /// `{min,max}`; max None is unbounded.
    Repeat(Box<Re>, u32, Option<u32>),
    Capture(Box<Re>, u32, Option<String>),
    AnyChar,
    AnyByte,
    BeginLine,
    EndLine,
    WordBoundary,
    NoWordBoundary,
    BeginText,
    EndText,
    CharClass(Class),
}

impl Re {
    pub(crate) fn new(op: Op, flags: Flags) -> Re {
        Re { op, flags }
    }

    pub(crate) fn is_empty_width(&self) -> bool {
        matches!(
            self.op,
            Op::BeginLine | Op::EndLine | Op::WordBoundary | Op::NoWordBoundary | Op::BeginText | Op::EndText
        )
    }
}

/// RE2's TopEqual and Equal (regexp.cc): structure and the flags that matter.
pub(crate) fn equal(a: &Re, b: &Re) -> bool {
    let ng = |r: &Re| r.flags.has(Flags::NON_GREEDY);
    let fold = |r: &Re| r.flags.has(Flags::FOLD_CASE);
    match (&a.op, &b.op) {
        (Op::EndText, Op::EndText) => a.flags.has(Flags::WAS_DOLLAR) == b.flags.has(Flags::WAS_DOLLAR),
        (Op::Literal(x), Op::Literal(y)) => x == y && fold(a) == fold(b),
        (Op::LiteralString(x), Op::LiteralString(y)) => x == y && fold(a) == fold(b),
        (Op::Concat(x), Op::Concat(y)) | (Op::Alternate(x), Op::Alternate(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| equal(p, q))
        }
        (Op::Star(x), Op::Star(y)) | (Op::Plus(x), Op::Plus(y)) | (Op::Quest(x), Op::Quest(y)) => {
            ng(a) == ng(b) && equal(x, y)
        }
        (Op::Repeat(x, n1, m1), Op::Repeat(y, n2, m2)) => ng(a) == ng(b) && n1 == n2 && m1 == m2 && equal(x, y),
        (Op::Capture(x, c1, n1), Op::Capture(y, c2, n2)) => c1 == c2 && n1 == n2 && equal(x, y),
        (Op::CharClass(x), Op::CharClass(y)) => x == y,
        (x, y) => std::mem::discriminant(x) == std::mem::discriminant(y) && !matches!(x, Op::LiteralString(_)),
    }
}

/// The parser's stack: regexps and markers (re2/parse.cc, ParseState).
enum Item {
    Re(Re),
    /// `(`: the capture number (None for `(?:`), its name, the flags outside.
    LeftParen(Option<u32>, Option<String>, Flags),
    VerticalBar,
}

const MAX_REPEAT: u32 = 1000;

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
const TRAILING_BACKSLASH: &str = "trailing \\";

struct Parser<'a> {
    /// The pattern as typed (for error texts), and its bytes: each byte is
    /// one Latin-1 rune, as RE2 reads it under Envoy.
    text: &'a str,
    whole: &'a [u8],
    pos: usize,
    flags: Flags,
    stack: Vec<Item>,
    ncap: u32,
    capture_names: Vec<Vec<u8>>,
    uses_any_byte: bool,
    duplicate_capture_name: bool,
    non_ascii_capture_name: bool,
    /// The error is only Latin-1's: a code point above 0xFF, which Go's
    /// regexp (Istio's validation) takes.
    latin1_only: bool,
}

/// The text of bytes `from..to` of the pattern as typed, widened to whole
/// characters so that a message never shows half of one.
fn text_of(text: &str, mut from: usize, mut to: usize) -> String {
    to = to.min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    from = from.min(to);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    text[from..to].to_owned()
}

fn is_capture_name_char(c: u8) -> bool {
    // RE2 takes Lu, Ll, Lt, Lm, Lo, Nl, Mn, Mc, Nd and Pc; in Latin-1 these
    // are ASCII letters, digits and `_`, and ª µ º À-Ö Ø-ö ø-ÿ.
    c == b'_' || c.is_ascii_alphanumeric() || matches!(c, 0xaa | 0xb5 | 0xba | 0xc0..=0xd6 | 0xd8..=0xf6 | 0xf8..=0xff)
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.whole.get(self.pos).copied()
    }

    fn peek_at(&self, n: usize) -> Option<u8> {
        self.whole.get(self.pos + n).copied()
    }

    fn rest(&self) -> &'a [u8] {
        &self.whole[self.pos..]
    }

    fn error(&self, what: &'static str, from: usize, to: usize) -> Re2Error {
        Re2Error { what, arg: text_of(self.text, from, to) }
    }

    fn top_re(&mut self) -> Option<&mut Re> {
        match self.stack.last_mut() {
            Some(Item::Re(re)) => Some(re),
            _ => None,
        }
    }

    /// MaybeConcatString: the two regexps on top, both literals or strings
    /// of one case-folding, become one string; with `r`, the top is then
    /// reused as the literal `r`.
    fn maybe_concat_string(&mut self, r: Option<u8>, flags: Flags) -> bool {
        let n = self.stack.len();
        if n < 2 {
            return false;
        }
        let fold = |re: &Re| re.flags.has(Flags::FOLD_CASE);
        let is_lit = |it: &Item| matches!(it, Item::Re(Re { op: Op::Literal(_) | Op::LiteralString(_), .. }));
        if !is_lit(&self.stack[n - 1]) || !is_lit(&self.stack[n - 2]) {
            return false;
        }
        let (Item::Re(re2), Item::Re(re1)) = (&self.stack[n - 2], &self.stack[n - 1]) else { return false };
        if fold(re1) != fold(re2) {
            return false;
        }
        let mut runes = match &re2.op {
            Op::Literal(c) => vec![*c],
            Op::LiteralString(s) => s.clone(),
            _ => return false,
        };
        match &re1.op {
            Op::Literal(c) => runes.push(*c),
            Op::LiteralString(s) => runes.extend_from_slice(s),
            _ => return false,
        }
        if let Item::Re(re2) = &mut self.stack[n - 2] {
            re2.op = Op::LiteralString(runes);
        }
        if let Some(r) = r {
            self.stack[n - 1] = Item::Re(Re::new(Op::Literal(r), flags));
            return true;
        }
        self.stack.pop();
        false
    }

    /// PushRegexp: a class being parsed that holds one character is that
    /// literal, and `[Aa]` is `a` folded.
    fn push_regexp(&mut self, re: Re) {
        self.push(re, false);
    }

    fn push(&mut self, mut re: Re, building: bool) {
        self.maybe_concat_string(None, Flags::default());
        if let (Op::CharClass(class), true) = (re.op.clone(), building) {
            if class.count() == 1 {
                re = Re::new(Op::Literal(class.first().expect("one")), self.flags);
            } else if class.count() == 2 {
                let r = class.first().expect("two");
                if r.is_ascii_uppercase() && class.contains(r + 32) {
                    re = Re::new(Op::Literal(r + 32), self.flags.set(Flags::FOLD_CASE, true));
                }
            }
        }
        self.stack.push(Item::Re(re));
    }

    fn push_marker(&mut self, item: Item) {
        self.maybe_concat_string(None, Flags::default());
        self.stack.push(item);
    }

    fn push_simple(&mut self, op: Op) {
        self.push_regexp(Re::new(op, self.flags));
    }

    fn push_literal(&mut self, r: u8) {
        if self.flags.has(Flags::FOLD_CASE) && r.is_ascii_alphabetic() {
            let class = Class::range(r, r).fold();
            self.push(Re::new(Op::CharClass(class), self.flags.set(Flags::FOLD_CASE, false)), true);
            return;
        }
        if self.maybe_concat_string(Some(r), self.flags) {
            return;
        }
        self.push_regexp(Re::new(Op::Literal(r), self.flags));
    }

    fn push_class(&mut self, class: Class) {
        self.push(Re::new(Op::CharClass(class), self.flags.set(Flags::FOLD_CASE, false)), true);
    }

    /// PushRepeatOp: `*`, `+`, `?` over the regexp on top, squashing
    /// `(?:a*)*` and the like.
    fn push_repeat_op(&mut self, op: u8, from: usize, nongreedy: bool) -> Result<(), Re2Error> {
        let fl = if nongreedy { Flags(self.flags.0 ^ Flags::NON_GREEDY) } else { self.flags };
        let pos = self.pos;
        let Some(top) = self.top_re() else {
            return Err(self.error(REPEAT_ARGUMENT, from, pos));
        };
        let same_kind = matches!((op, &top.op), (b'*', Op::Star(_)) | (b'+', Op::Plus(_)) | (b'?', Op::Quest(_)));
        if same_kind && top.flags == fl {
            return Ok(());
        }
        if matches!(top.op, Op::Star(_) | Op::Plus(_) | Op::Quest(_)) && top.flags == fl {
            let sub = match std::mem::replace(&mut top.op, Op::EmptyMatch) {
                Op::Star(s) | Op::Plus(s) | Op::Quest(s) => s,
                _ => unreachable!("checked above"),
            };
            top.op = Op::Star(sub);
            return Ok(());
        }
        let sub = Box::new(std::mem::replace(top, Re::new(Op::EmptyMatch, fl)));
        top.op = match op {
            b'*' => Op::Star(sub),
            b'+' => Op::Plus(sub),
            _ => Op::Quest(sub),
        };
        Ok(())
    }

    /// PushRepetition: `{min,max}` over the regexp on top.
    fn push_repetition(&mut self, min: u32, max: Option<u32>, from: usize, nongreedy: bool) -> Result<(), Re2Error> {
        let pos = self.pos;
        if max.is_some_and(|m| m < min) || min > MAX_REPEAT || max.is_some_and(|m| m > MAX_REPEAT) {
            return Err(self.error(REPEAT_SIZE, from, pos));
        }
        let fl = if nongreedy { Flags(self.flags.0 ^ Flags::NON_GREEDY) } else { self.flags };
        let Some(top) = self.top_re() else {
            return Err(self.error(REPEAT_ARGUMENT, from, pos));
        };
        let sub = Box::new(std::mem::replace(top, Re::new(Op::EmptyMatch, fl)));
        top.op = Op::Repeat(sub, min, max);
        if (min >= 2 || max.is_some_and(|m| m >= 2)) && repeat_budget(top, MAX_REPEAT as i64) == 0 {
            return Err(self.error(REPEAT_SIZE, from, pos));
        }
        Ok(())
    }

    /// The regexps above the topmost marker, bottom first.
    fn take_above_marker(&mut self) -> Vec<Re> {
        let mut out = Vec::new();
        while let Some(Item::Re(_)) = self.stack.last() {
            if let Some(Item::Re(re)) = self.stack.pop() {
                out.push(re);
            }
        }
        out.reverse();
        out
    }

    /// DoCollapse: the regexps above the topmost marker become one
    /// concatenation or alternation, flattening those of the same kind.
    fn collapse(&mut self, alternate: bool) {
        let items = self.take_above_marker();
        if items.len() == 1 {
            self.stack.extend(items.into_iter().map(Item::Re));
            return;
        }
        let mut subs = Vec::new();
        for re in items {
            match re.op {
                Op::Alternate(s) if alternate => subs.extend(s),
                Op::Concat(s) if !alternate => subs.extend(s),
                op => subs.push(Re::new(op, re.flags)),
            }
        }
        let re = if alternate { alternate_of(subs, self.flags, true) } else { concat_of(subs, self.flags) };
        self.stack.push(Item::Re(re));
    }

    fn do_concatenation(&mut self) {
        if !matches!(self.stack.last(), Some(Item::Re(_))) {
            self.push_regexp(Re::new(Op::EmptyMatch, self.flags));
        }
        self.collapse(false);
    }

    /// DoVerticalBar: the concatenation so far becomes a branch below the
    /// bar; `.` in `(?s)` swallows a literal or class branch beside it.
    fn do_vertical_bar(&mut self) {
        self.maybe_concat_string(None, Flags::default());
        self.do_concatenation();
        let n = self.stack.len();
        if n >= 2 && matches!(self.stack[n - 2], Item::VerticalBar) {
            let any = |it: &Item| matches!(it, Item::Re(Re { op: Op::AnyChar, .. }));
            let small =
                |it: &Item| matches!(it, Item::Re(Re { op: Op::Literal(_) | Op::CharClass(_) | Op::AnyChar, .. }));
            if n >= 3 {
                if any(&self.stack[n - 3]) && small(&self.stack[n - 1]) {
                    self.stack.pop();
                    return;
                }
                if any(&self.stack[n - 1]) && small(&self.stack[n - 3]) {
                    let r1 = self.stack.pop().expect("r1");
                    self.stack[n - 3] = r1;
                    return;
                }
            }
            let r1 = self.stack.pop().expect("r1");
            self.stack.insert(n - 2, r1);
            return;
        }
        self.push_marker(Item::VerticalBar);
    }

    fn do_alternation(&mut self) {
        self.do_vertical_bar();
        self.stack.pop();
        self.collapse(true);
    }

    fn do_right_paren(&mut self) -> Result<(), Re2Error> {
        self.do_alternation();
        let n = self.stack.len();
        if n < 2 || !matches!(self.stack[n - 2], Item::LeftParen(..)) {
            return Err(self.error(UNEXPECTED_PAREN, 0, self.whole.len()));
        }
        let Some(Item::Re(r1)) = self.stack.pop() else { unreachable!("checked above") };
        let Some(Item::LeftParen(cap, name, flags)) = self.stack.pop() else { unreachable!("checked above") };
        self.flags = flags;
        let re = match cap {
            Some(cap) => Re::new(Op::Capture(Box::new(r1), cap, name), flags),
            None => r1,
        };
        self.push_regexp(re);
        Ok(())
    }

    fn do_finish(&mut self) -> Result<Re, Re2Error> {
        self.do_alternation();
        if self.stack.len() != 1 {
            return Err(self.error(MISSING_PAREN, 0, self.whole.len()));
        }
        let Some(Item::Re(re)) = self.stack.pop() else { unreachable!("one regexp") };
        Ok(re)
    }

    /// The main loop of Regexp::Parse.
    fn parse(&mut self) -> Result<Re, Re2Error> {
        // The repetition operator just parsed: RE2 refuses to stack them (`a**`).
        let mut last_repeat: Option<usize> = None;
        while let Some(c) = self.peek() {
            let start = self.pos;
            let mut repeated: Option<usize> = None;
            match c {
                b'(' => {
                    if self.peek_at(1) == Some(b'?') {
                        self.perl_flags()?;
                    } else {
                        self.ncap += 1;
                        let item = Item::LeftParen(Some(self.ncap), None, self.flags);
                        self.push_marker(item);
                        self.pos += 1;
                    }
                }
                b'|' => {
                    self.do_vertical_bar();
                    self.pos += 1;
                }
                b')' => {
                    self.do_right_paren()?;
                    self.pos += 1;
                }
                b'^' => {
                    self.pos += 1;
                    self.push_simple(if self.flags.has(Flags::ONE_LINE) { Op::BeginText } else { Op::BeginLine });
                }
                b'$' => {
                    self.pos += 1;
                    if self.flags.has(Flags::ONE_LINE) {
                        self.push_regexp(Re::new(Op::EndText, self.flags.set(Flags::WAS_DOLLAR, true)));
                    } else {
                        self.push_simple(Op::EndLine);
                    }
                }
                b'.' => {
                    self.pos += 1;
                    if self.flags.has(Flags::DOT_NL) {
                        self.push_simple(Op::AnyChar);
                    } else {
                        self.push_class(Class::range(b'\n', b'\n').not());
                    }
                }
                b'[' => {
                    let class = self.class()?;
                    self.push_class(class);
                }
                b'*' | b'+' | b'?' => {
                    self.pos += 1;
                    let mut nongreedy = false;
                    if self.peek() == Some(b'?') {
                        self.pos += 1;
                        nongreedy = true;
                    }
                    if let Some(prev) = last_repeat {
                        return Err(self.error(REPEAT_OP, prev, self.pos));
                    }
                    self.push_repeat_op(c, start, nongreedy)?;
                    repeated = Some(start);
                }
                b'{' => match self.counted_repetition() {
                    None => {
                        self.push_literal(b'{');
                        self.pos += 1;
                    }
                    Some((min, max)) => {
                        let mut nongreedy = false;
                        if self.peek() == Some(b'?') {
                            self.pos += 1;
                            nongreedy = true;
                        }
                        if let Some(prev) = last_repeat {
                            return Err(self.error(REPEAT_OP, prev, self.pos));
                        }
                        self.push_repetition(min, max, start, nongreedy)?;
                        repeated = Some(start);
                    }
                },
                b'\\' => self.escape_outside_class()?,
                c => {
                    self.pos += 1;
                    self.push_literal(c);
                }
            }
            last_repeat = repeated;
        }
        self.do_finish()
    }

    /// `(?flags)`, `(?flags:`, `(?P<name>`, `(?<name>` (ParsePerlFlags).
    fn perl_flags(&mut self) -> Result<(), Re2Error> {
        let t = self.rest();
        let at = self.pos;
        if (t.len() > 3 && (t[2] == b'=' || t[2] == b'!'))
            || (t.len() > 4 && t[2] == b'<' && (t[3] == b'=' || t[3] == b'!'))
        {
            let n = if t[2] == b'<' { 4 } else { 3 };
            return Err(self.error(BAD_PERL_OP, at, at + n));
        }
        if (t.len() > 4 && t[2] == b'P' && t[3] == b'<') || (t.len() > 3 && t[2] == b'<') {
            let begin = if t[2] == b'P' { 4 } else { 3 };
            let Some(end) = t[begin..].iter().position(|&c| c == b'>').map(|e| e + begin) else {
                return Err(self.error(BAD_NAMED_CAPTURE, at, self.whole.len()));
            };
            let name = &t[begin..end];
            if name.is_empty() || !name.iter().all(|&c| is_capture_name_char(c)) {
                return Err(self.error(BAD_NAMED_CAPTURE, at, at + end + 1));
            }
            if !name.is_ascii() {
                self.non_ascii_capture_name = true;
            }
            if self.capture_names.iter().any(|n| n == name) {
                self.duplicate_capture_name = true;
            }
            self.capture_names.push(name.to_vec());
            self.ncap += 1;
            let name = text_of(self.text, at + begin, at + end);
            let item = Item::LeftParen(Some(self.ncap), Some(name), self.flags);
            self.push_marker(item);
            self.pos = at + end + 1;
            return Ok(());
        }
        self.pos += 2;
        let mut next = self.flags;
        let mut negated = false;
        let mut saw_flag = false;
        loop {
            let Some(c) = self.peek() else {
                return Err(self.error(BAD_PERL_OP, at, self.pos));
            };
            self.pos += 1;
            match c {
                b'i' => next = next.set(Flags::FOLD_CASE, !negated),
                b'm' => next = next.set(Flags::ONE_LINE, negated),
                b's' => next = next.set(Flags::DOT_NL, !negated),
                b'U' => next = next.set(Flags::NON_GREEDY, !negated),
                b'-' if !negated => {
                    negated = true;
                    saw_flag = false;
                    continue;
                }
                b':' | b')' => {
                    if negated && !saw_flag {
                        return Err(self.error(BAD_PERL_OP, at, self.pos));
                    }
                    if c == b':' {
                        let item = Item::LeftParen(None, None, self.flags);
                        self.push_marker(item);
                    }
                    self.flags = next;
                    return Ok(());
                }
                _ => return Err(self.error(BAD_PERL_OP, at, self.pos)),
            }
            saw_flag = true;
        }
    }

    /// `{n}`, `{n,}` or `{n,m}` (no leading zeros), or None: then `{` is a literal.
    fn counted_repetition(&mut self) -> Option<(u32, Option<u32>)> {
        let s = self.rest().strip_prefix(b"{")?;
        let integer = |s: &'a [u8]| -> Option<(u32, &'a [u8])> {
            let digits = s.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 || (digits >= 2 && s[0] == b'0') || digits > 9 {
                return None;
            }
            let n = std::str::from_utf8(&s[..digits]).ok()?.parse().ok()?;
            Some((n, &s[digits..]))
        };
        let (min, s) = integer(s)?;
        let (max, s) = match s.strip_prefix(b",") {
            None => (Some(min), s),
            Some(s) if s.starts_with(b"}") => (None, s),
            Some(s) => {
                let (max, s) = integer(s)?;
                (Some(max), s)
            }
        };
        let s = s.strip_prefix(b"}")?;
        self.pos = self.whole.len() - s.len();
        Some((min, max))
    }

    fn escape_outside_class(&mut self) -> Result<(), Re2Error> {
        let at = self.pos;
        match self.peek_at(1) {
            Some(b'b') => {
                self.pos += 2;
                self.push_simple(Op::WordBoundary);
                return Ok(());
            }
            Some(b'B') => {
                self.pos += 2;
                self.push_simple(Op::NoWordBoundary);
                return Ok(());
            }
            Some(b'A') => {
                self.pos += 2;
                self.push_simple(Op::BeginText);
                return Ok(());
            }
            Some(b'z') => {
                self.pos += 2;
                self.push_simple(Op::EndText);
                return Ok(());
            }
            Some(b'C') => {
                self.pos += 2;
                self.uses_any_byte = true;
                self.push_simple(Op::AnyByte);
                return Ok(());
            }
            Some(b'Q') => {
                self.pos += 2;
                while let Some(c) = self.peek() {
                    if c == b'\\' && self.peek_at(1) == Some(b'E') {
                        self.pos += 2;
                        break;
                    }
                    self.pos += 1;
                    self.push_literal(c);
                }
                return Ok(());
            }
            Some(b'p' | b'P') if self.whole.len() - at >= 2 => {
                let class = self.unicode_group()?;
                self.push_class(class);
                return Ok(());
            }
            _ => {}
        }
        if let Some((set, negated)) = self.peek_at(1).and_then(perl_class) {
            self.pos += 2;
            let class = group(set, negated, self.flags.has(Flags::FOLD_CASE));
            self.push_class(class);
            return Ok(());
        }
        let r = self.escaped_rune()?;
        self.push_literal(r);
        Ok(())
    }

    /// `\pX`, `\p{Name}`, `\PX`, `\P{Name}`, `\p{^Name}` (ParseUnicodeGroup).
    fn unicode_group(&mut self) -> Result<Class, Re2Error> {
        let at = self.pos;
        let mut negated = self.peek_at(1) == Some(b'P');
        self.pos += 2;
        let name: &[u8] = match self.peek() {
            None => return Err(self.error(BAD_RANGE, at, self.whole.len())),
            Some(b'{') => {
                let Some(end) = self.rest().iter().position(|&c| c == b'}') else {
                    return Err(self.error(BAD_RANGE, at, self.whole.len()));
                };
                let name = &self.whole[self.pos + 1..self.pos + end];
                self.pos += end + 1;
                name
            }
            Some(_) => {
                self.pos += 1;
                &self.whole[self.pos - 1..self.pos]
            }
        };
        let name = match name.strip_prefix(b"^") {
            Some(n) => {
                negated = !negated;
                n
            }
            None => name,
        };
        let set = unicode_group(name).ok_or_else(|| self.error(BAD_RANGE, at, self.pos))?;
        Ok(group(set, negated, self.flags.has(Flags::FOLD_CASE)))
    }

    /// A single escaped rune (ParseEscape), at most 0xFF as in Latin-1.
    fn escaped_rune(&mut self) -> Result<u8, Re2Error> {
        let begin = self.pos;
        self.pos += 1;
        let Some(c) = self.peek() else {
            return Err(self.error(TRAILING_BACKSLASH, begin, begin));
        };
        self.pos += 1;
        let bad = |p: &Self| Err(p.error(BAD_ESCAPE, begin, p.pos));
        match c {
            b'1'..=b'7' if !matches!(self.peek(), Some(b'0'..=b'7')) => bad(self),
            b'0'..=b'7' => {
                let mut code = (c - b'0') as u32;
                for _ in 0..2 {
                    match self.peek() {
                        Some(d @ b'0'..=b'7') => {
                            self.pos += 1;
                            code = code * 8 + (d - b'0') as u32;
                        }
                        _ => break,
                    }
                }
                if code > 0xff {
                    self.latin1_only = true;
                    return bad(self);
                }
                Ok(code as u8)
            }
            b'x' => {
                let Some(first) = self.peek() else { return bad(self) };
                self.pos += 1;
                if first == b'{' {
                    let mut code: u32 = 0;
                    let mut digits = 0;
                    loop {
                        let Some(h) = self.peek() else { return bad(self) };
                        self.pos += 1;
                        match (h as char).to_digit(16) {
                            Some(d) => {
                                digits += 1;
                                code = code * 16 + d;
                                if code > 0xff {
                                    // Go's regexp takes any code point up to
                                    // 0x10FFFF written this way.
                                    let tail = self.rest();
                                    let more = tail.iter().take_while(|c| c.is_ascii_hexdigit()).count();
                                    let value = std::str::from_utf8(&tail[..more])
                                        .ok()
                                        .and_then(|t| u32::from_str_radix(&format!("{code:x}{t}"), 16).ok());
                                    self.latin1_only =
                                        tail.get(more) == Some(&b'}') && value.is_some_and(|v| v <= 0x10ffff);
                                    return bad(self);
                                }
                            }
                            None if h == b'}' && digits > 0 => return Ok(code as u8),
                            None => return bad(self),
                        }
                    }
                }
                let Some(second) = self.peek() else { return bad(self) };
                self.pos += 1;
                match ((first as char).to_digit(16), (second as char).to_digit(16)) {
                    (Some(a), Some(b)) => Ok((a * 16 + b) as u8),
                    _ => bad(self),
                }
            }
            b'n' => Ok(0x0a),
            b'r' => Ok(0x0d),
            b't' => Ok(0x09),
            b'a' => Ok(0x07),
            b'f' => Ok(0x0c),
            b'v' => Ok(0x0b),
            c if c < 0x80 && !c.is_ascii_alphanumeric() => Ok(c),
            _ => bad(self),
        }
    }

    /// A bracketed class (ParseCharClass).
    fn class(&mut self) -> Result<Class, Re2Error> {
        let whole = self.pos;
        let fold = self.flags.has(Flags::FOLD_CASE);
        self.pos += 1;
        let negated = self.peek() == Some(b'^');
        if negated {
            self.pos += 1;
        }
        let mut set = Class::EMPTY;
        let mut first = true;
        loop {
            match self.peek() {
                None => return Err(self.error(MISSING_BRACKET, whole, self.whole.len())),
                Some(b']') if !first => break,
                _ => {}
            }
            first = false;
            let t = self.rest();
            if t.len() > 2 && t.starts_with(b"[:") {
                if let Some(end) = t[2..].windows(2).position(|w| w == b":]") {
                    let name = &t[..end + 4];
                    let Some((class, negated)) = posix_class(&name[2..name.len() - 2]) else {
                        return Err(self.error(BAD_RANGE, self.pos, self.pos + name.len()));
                    };
                    set = set.union(group(class, negated, fold));
                    self.pos += name.len();
                    continue;
                }
            }
            if t.len() > 2 && (t.starts_with(b"\\p") || t.starts_with(b"\\P")) {
                set = set.union(self.unicode_group()?);
                continue;
            }
            if t.len() >= 2 && t[0] == b'\\' {
                if let Some((class, negated)) = perl_class(t[1]) {
                    self.pos += 2;
                    set = set.union(group(class, negated, fold));
                    continue;
                }
            }
            let begin = self.pos;
            let lo = self.class_rune(whole)?;
            let t = self.rest();
            let hi = if t.len() >= 2 && t[0] == b'-' && t[1] != b']' {
                self.pos += 1;
                let hi = self.class_rune(whole)?;
                if hi < lo {
                    return Err(self.error(BAD_RANGE, begin, self.pos));
                }
                hi
            } else {
                lo
            };
            let range = Class::range(lo, hi);
            set = set.union(if fold { range.fold() } else { range });
        }
        self.pos += 1;
        Ok(if negated { set.not() } else { set })
    }

    fn class_rune(&mut self, whole: usize) -> Result<u8, Re2Error> {
        match self.peek() {
            None => Err(self.error(MISSING_BRACKET, whole, self.whole.len())),
            Some(b'\\') => self.escaped_rune(),
            Some(c) => {
                self.pos += 1;
                Ok(c)
            }
        }
    }
}

/// A group as RE2 adds it (AddUGroup): under `(?i)` the positive group is
/// folded first and negated after.
fn group(positive: Class, negated: bool, fold_case: bool) -> Class {
    let set = if fold_case { positive.fold() } else { positive };
    if negated {
        set.not()
    } else {
        set
    }
}

/// RE2's RepetitionWalker: nested counted repetitions may not multiply past
/// 1000 copies of the innermost thing.
fn repeat_budget(re: &Re, budget: i64) -> i64 {
    let mut arg = budget;
    if let Op::Repeat(_, min, max) = &re.op {
        let m = max.unwrap_or(*min) as i64;
        if m > 0 {
            arg /= m;
        }
    }
    let children: Vec<&Re> = match &re.op {
        Op::Concat(items) | Op::Alternate(items) => items.iter().collect(),
        Op::Repeat(sub, ..) | Op::Star(sub) | Op::Plus(sub) | Op::Quest(sub) | Op::Capture(sub, ..) => vec![sub],
        _ => Vec::new(),
    };
    children.into_iter().map(|c| repeat_budget(c, arg)).fold(arg, i64::min)
}

/// Regexp::Concat: one regexp is itself; none is the empty match.
pub(crate) fn concat_of(mut subs: Vec<Re>, flags: Flags) -> Re {
    match subs.len() {
        0 => Re::new(Op::EmptyMatch, flags),
        1 => subs.pop().expect("one"),
        _ => Re::new(Op::Concat(subs), flags),
    }
}

/// Regexp::Alternate (factoring common prefixes) or AlternateNoFactor.
fn alternate_of(subs: Vec<Re>, flags: Flags, factor: bool) -> Re {
    let mut subs = if factor && subs.len() > 1 { factor_alternation(subs, flags) } else { subs };
    match subs.len() {
        0 => Re::new(Op::NoMatch, flags),
        1 => subs.pop().expect("one"),
        _ => Re::new(Op::Alternate(subs), flags),
    }
}

/// LeadingString: the literal runes `re` starts with, and their fold flag.
fn leading_string(re: &Re) -> (Vec<u8>, bool) {
    let mut re = re;
    while let Op::Concat(subs) = &re.op {
        match subs.first() {
            Some(first) => re = first,
            None => break,
        }
    }
    let fold = re.flags.has(Flags::FOLD_CASE);
    match &re.op {
        Op::Literal(c) => (vec![*c], fold),
        Op::LiteralString(s) => (s.clone(), fold),
        _ => (Vec::new(), fold),
    }
}

/// RemoveLeadingString: drops the first `n` runes of the leading string,
/// and the concatenations left starting with nothing.
fn remove_leading_string(re: &mut Re, n: usize) {
    match &mut re.op {
        Op::Concat(subs) if !subs.is_empty() => {
            remove_leading_string(&mut subs[0], n);
            if subs[0].op == Op::EmptyMatch {
                subs.remove(0);
                if subs.len() == 1 {
                    *re = subs.pop().expect("one");
                }
            }
        }
        Op::Literal(_) => re.op = Op::EmptyMatch,
        Op::LiteralString(s) => {
            if n >= s.len() {
                re.op = Op::EmptyMatch;
            } else if n == s.len() - 1 {
                re.op = Op::Literal(s[s.len() - 1]);
            } else {
                s.drain(..n);
            }
        }
        _ => {}
    }
}

/// LeadingRegexp: the first piece of a concatenation, or the regexp.
fn leading_regexp(re: &Re) -> Option<&Re> {
    match &re.op {
        Op::EmptyMatch => None,
        Op::Concat(subs) if subs.len() >= 2 => (subs[0].op != Op::EmptyMatch).then_some(&subs[0]),
        _ => Some(re),
    }
}

fn remove_leading_regexp(re: Re) -> Re {
    match re.op {
        Op::EmptyMatch => re,
        Op::Concat(mut subs) if subs.len() >= 2 => {
            if subs[0].op == Op::EmptyMatch {
                return Re::new(Op::Concat(subs), re.flags);
            }
            subs.remove(0);
            if subs.len() == 1 {
                return subs.pop().expect("one");
            }
            Re::new(Op::Concat(subs), re.flags)
        }
        _ => Re::new(Op::EmptyMatch, re.flags),
    }
}

/// Whether Round 2 may factor `first` out (an empty-width op, a class, any
/// character, or a fixed repetition of a literal or class).
fn factorable(first: &Re) -> bool {
    first.is_empty_width()
        || matches!(first.op, Op::CharClass(_) | Op::AnyChar | Op::AnyByte)
        || matches!(&first.op, Op::Repeat(sub, min, max) if Some(*min) == *max
            && matches!(sub.op, Op::Literal(_) | Op::CharClass(_) | Op::AnyChar | Op::AnyByte))
}

/// FactorAlternation (parse.cc): common literal prefixes (round 1), common
/// leading pieces (round 2), runs of literals and classes merged into one
/// class (round 3); the suffixes of rounds 1 and 2 are factored in turn.
fn factor_alternation(subs: Vec<Re>, flags: Flags) -> Vec<Re> {
    let subs = round1(subs, flags);
    let subs = round2(subs, flags);
    round3(subs, flags)
}

fn splice(prefix: Re, suffixes: Vec<Re>, flags: Flags) -> Re {
    let suffixes = factor_alternation(suffixes, flags);
    let alt = alternate_of(suffixes, flags, false);
    Re::new(Op::Concat(vec![prefix, alt]), flags)
}

fn round1(subs: Vec<Re>, flags: Flags) -> Vec<Re> {
    let leading: Vec<(Vec<u8>, bool)> = subs.iter().map(leading_string).collect();
    let mut out = Vec::new();
    let mut subs = subs.into_iter();
    let mut start = 0;
    let mut rune: &[u8] = &[];
    let mut rune_fold = false;
    let mut nrune = 0;
    // Each sub, then an end marker that closes the last run.
    for (i, item) in leading.iter().map(Some).chain(std::iter::once(None)).enumerate() {
        if let Some((r, f)) = item {
            if i > start && *f == rune_fold {
                let same = rune[..nrune].iter().zip(r.iter()).take_while(|(a, b)| a == b).count();
                if same > 0 {
                    nrune = same;
                    continue;
                }
            }
        }
        let run: Vec<Re> = subs.by_ref().take(i - start).collect();
        if run.len() >= 2 {
            let fold = Flags::default().set(Flags::FOLD_CASE, rune_fold);
            let prefix = match nrune {
                1 => Re::new(Op::Literal(rune[0]), fold),
                _ => Re::new(Op::LiteralString(rune[..nrune].to_vec()), fold),
            };
            let suffixes = run
                .into_iter()
                .map(|mut re| {
                    remove_leading_string(&mut re, nrune);
                    re
                })
                .collect();
            out.push(splice(prefix, suffixes, flags));
        } else {
            out.extend(run);
        }
        if let Some((r, f)) = item {
            start = i;
            rune = r;
            rune_fold = *f;
            nrune = rune.len();
        }
    }
    out
}

fn round2(subs: Vec<Re>, flags: Flags) -> Vec<Re> {
    let mut out = Vec::new();
    let mut run: Vec<Re> = Vec::new();
    let mut first: Option<Re> = None;
    let flush = |run: &mut Vec<Re>, first: &Option<Re>, out: &mut Vec<Re>| {
        if run.len() >= 2 {
            let prefix = first.clone().expect("a run has a first piece");
            let suffixes = run.drain(..).map(remove_leading_regexp).collect();
            out.push(splice(prefix, suffixes, flags));
        } else {
            out.append(run);
        }
    };
    for re in subs {
        let lead = leading_regexp(&re).cloned();
        let same = match (&first, &lead) {
            (Some(f), Some(l)) => factorable(f) && equal(f, l),
            _ => false,
        };
        if !same || run.is_empty() {
            flush(&mut run, &first, &mut out);
            first = lead;
        }
        run.push(re);
    }
    flush(&mut run, &first, &mut out);
    out
}

fn round3(subs: Vec<Re>, flags: Flags) -> Vec<Re> {
    let mut out = Vec::new();
    let mut run: Vec<Re> = Vec::new();
    let small = |re: &Re| matches!(re.op, Op::Literal(_) | Op::CharClass(_));
    let flush = |run: &mut Vec<Re>, out: &mut Vec<Re>| {
        if run.len() >= 2 {
            let mut class = Class::EMPTY;
            for re in run.drain(..) {
                class = class.union(match re.op {
                    Op::CharClass(c) => c,
                    Op::Literal(c) if re.flags.has(Flags::FOLD_CASE) => Class::range(c, c).fold(),
                    Op::Literal(c) => Class::range(c, c),
                    _ => unreachable!("runs hold literals and classes"),
                });
            }
            out.push(Re::new(Op::CharClass(class), flags.set(Flags::FOLD_CASE, false)));
        } else {
            out.append(run);
        }
    };
    for re in subs {
        let joins = run.first().is_some_and(small) && small(&re);
        if !joins {
            flush(&mut run, &mut out);
        }
        run.push(re);
    }
    flush(&mut run, &mut out);
    out
}

/// The ASCII characters of a literal: itself, and its other case when it
/// folds (RE2 folds ASCII letters only, in Latin-1); nothing above 0x7F.
fn literal_set(c: u8, fold: bool) -> u128 {
    if c >= 0x80 {
        return 0;
    }
    let set = 1u128 << c;
    if fold && c.is_ascii_alphabetic() {
        set | 1u128 << (c ^ 0x20)
    } else {
        set
    }
}

fn emit(re: &Re, out: &mut String) {
    let fold = re.flags.has(Flags::FOLD_CASE);
    match &re.op {
        Op::NoMatch => emit_set(0, out),
        Op::EmptyMatch => out.push_str("(?:)"),
        Op::Literal(c) => emit_set(literal_set(*c, fold), out),
        Op::LiteralString(s) => s.iter().for_each(|c| emit_set(literal_set(*c, fold), out)),
        Op::CharClass(class) => emit_set(class.lo, out),
        Op::AnyChar | Op::AnyByte => emit_set(u128::MAX, out),
        Op::BeginText => out.push_str(r"\A"),
        Op::EndText => out.push_str(r"\z"),
        Op::BeginLine => out.push_str("(?m:^)"),
        Op::EndLine => out.push_str("(?m:$)"),
        Op::WordBoundary => out.push_str(r"\b"),
        Op::NoWordBoundary => out.push_str(r"\B"),
        Op::Concat(items) => {
            out.push_str("(?:");
            items.iter().for_each(|n| emit(n, out));
            out.push(')');
        }
        Op::Alternate(items) => {
            out.push_str("(?:");
            for (i, n) in items.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                emit(n, out);
            }
            out.push(')');
        }
        Op::Capture(sub, ..) => {
            out.push_str("(?:");
            emit(sub, out);
            out.push(')');
        }
        Op::Star(sub) | Op::Plus(sub) | Op::Quest(sub) | Op::Repeat(sub, ..) => {
            let (min, max) = match &re.op {
                Op::Star(_) => (0, None),
                Op::Plus(_) => (1, None),
                Op::Quest(_) => (0, Some(1)),
                Op::Repeat(_, min, max) => (*min, *max),
                _ => unreachable!("repetitions only"),
            };
            // An empty-width assertion repeated is itself (at least once) or
            // nothing (zero times allowed); regex-lite need not see it repeated.
            if sub.is_empty_width() {
                if min > 0 {
                    emit(sub, out);
                }
                return;
            }
            out.push_str("(?:");
            emit(sub, out);
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

/// A set of ASCII characters as a regex-lite class of `\xHH` ranges; the
/// empty set as a class only non-ASCII characters are in, which no path holds.
fn emit_set(set: u128, out: &mut String) {
    if set == 0 {
        out.push_str(r"[^\x00-\x7F]");
        return;
    }
    out.push('[');
    for (lo, hi) in (Class { lo: set, hi: 0 }).ranges() {
        if lo == hi {
            write!(out, r"\x{lo:02X}").expect("string");
        } else {
            write!(out, r"\x{lo:02X}-\x{hi:02X}").expect("string");
        }
    }
    out.push(']');
}

/// The longest pattern Istio's validation takes (pkg/config/validation).
pub const ISTIO_MAX_LEN: usize = 1024;

/// The largest RE2 program an Istio ingress gateway's Envoy accepts: istiod
/// writes `re2.max_program_size.error_level: 32768` into every proxy's
/// bootstrap runtime (pkg/bootstrap/config.go, `extractRuntimeFlags`).
/// Envoy alone defaults to 100 (source/common/common/regex.cc).
pub const ISTIO_PROGRAM_SIZE_LIMIT: usize = 32768;

/// Envoy's own default for `re2.max_program_size.error_level`, without Istio.
pub const ENVOY_DEFAULT_PROGRAM_SIZE_LIMIT: usize = 100;

struct Parsed {
    re: Re,
    /// The number of capture groups.
    ncap: u32,
    uses_any_byte: bool,
    duplicate_capture_name: bool,
    non_ascii_capture_name: bool,
}

/// Parses `pattern` as Envoy's RE2 does, or says why it refuses it and
/// whether that refusal is Latin-1's only.
fn parse(pattern: &str) -> Result<Parsed, (Re2Error, bool)> {
    let mut p = Parser {
        text: pattern,
        whole: pattern.as_bytes(),
        pos: 0,
        flags: Flags(Flags::ONE_LINE),
        stack: Vec::new(),
        ncap: 0,
        capture_names: Vec::new(),
        uses_any_byte: false,
        duplicate_capture_name: false,
        non_ascii_capture_name: false,
        latin1_only: false,
    };
    match p.parse() {
        Ok(re) => Ok(Parsed {
            re,
            ncap: p.ncap,
            uses_any_byte: p.uses_any_byte,
            duplicate_capture_name: p.duplicate_capture_name,
            non_ascii_capture_name: p.non_ascii_capture_name,
        }),
        Err(e) => Err((e, p.latin1_only)),
    }
}

/// Parses `pattern` as RE2 does under Envoy and translates it for
/// regex-lite, anchored at both ends as Envoy's full match is.
pub fn translate(pattern: &str) -> Result<Translated, Re2Error> {
    let parsed = parse(pattern).map_err(|(e, _)| e)?;
    let mut lite = String::from(r"\A(?:");
    emit(&parsed.re, &mut lite);
    lite.push_str(r")\z");
    let istio_refuses = if pattern.is_empty() {
        Some(Said::new("Istio refuses an empty regex", "Istio는 빈 정규식을 거부합니다"))
    } else if pattern.len() > ISTIO_MAX_LEN {
        Some(Said::new(
            format!("Istio refuses a regex longer than {ISTIO_MAX_LEN} bytes"),
            format!("Istio는 {ISTIO_MAX_LEN}바이트보다 긴 정규식을 거부합니다"),
        ))
    } else if parsed.uses_any_byte {
        Some(Said::new(r"Istio's validation (Go regexp) has no \C", r"Istio의 검증(Go regexp)에는 \C가 없습니다"))
    } else if parsed.duplicate_capture_name {
        Some(Said::new(
            "Istio's validation (Go regexp) refuses a capture group name used twice",
            "Istio의 검증(Go regexp)은 두 번 쓰인 캡처 그룹 이름을 거부합니다",
        ))
    } else if parsed.non_ascii_capture_name {
        Some(Said::new(
            "Istio's validation (Go regexp) refuses a capture group name beyond ASCII letters, digits and _",
            "Istio의 검증(Go regexp)은 ASCII 문자, 숫자, _ 밖의 캡처 그룹 이름을 거부합니다",
        ))
    } else {
        None
    };
    // Istio refuses anything longer before Envoy sees it; the program is
    // only counted for what can reach Envoy.
    let program = if pattern.len() > ISTIO_MAX_LEN { prog::Program::NotCounted } else { prog::program(&parsed.re) };
    Ok(Translated { lite, istio_refuses, program })
}

/// Who refuses a route regex, and why.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Istio's admission webhook refuses the whole VirtualService: the
    /// cluster keeps the version it had, or none.
    Istio(Said),
    /// Istio accepts it, and Envoy refuses the route configuration istiod
    /// sends (a NACK): the gateway keeps the routes it had, for every host.
    Envoy(Said),
}

impl Refusal {
    pub fn reason(&self) -> &Said {
        match self {
            Refusal::Istio(s) | Refusal::Envoy(s) => s,
        }
    }
}

/// The one verdict on a route regex: None when Istio and Envoy both take it.
pub fn verdict(pattern: &str) -> Option<Refusal> {
    let t = match translate(pattern) {
        Ok(t) => t,
        Err(e) => {
            let latin1_only = parse(pattern).err().is_some_and(|(_, l)| l);
            let e = e.to_string();
            return Some(if latin1_only {
                Refusal::Envoy(Said::new(
                    format!("Envoy's RE2 reads a regex as Latin-1 and refuses it ({e}), although Istio's validation takes it"),
                    format!("Envoy의 RE2는 정규식을 Latin-1로 읽어 거부합니다 ({e}). Istio의 검증은 받아들입니다"),
                ))
            } else {
                Refusal::Istio(Said::new(
                    format!("RE2 refuses it ({e}), and so does Istio's validation (Go regexp)"),
                    format!("RE2가 거부하고 ({e}) Istio의 검증(Go regexp)도 거부합니다"),
                ))
            });
        }
    };
    if let Some(why) = t.istio_refuses {
        return Some(Refusal::Istio(why));
    }
    let limit = ISTIO_PROGRAM_SIZE_LIMIT;
    match t.program {
        prog::Program::Size(n) if n > limit => Some(Refusal::Envoy(Said::new(
            format!("its RE2 program has {n} instructions, more than the {limit} Envoy takes under Istio (re2.max_program_size.error_level)"),
            format!("RE2 프로그램이 명령어 {n}개로, Istio 아래의 Envoy가 받는 {limit}개(re2.max_program_size.error_level)보다 많습니다"),
        ))),
        prog::Program::TooLarge => Some(Refusal::Envoy(Said::new(
            "RE2 cannot compile it: its program is too large (pattern too large - compile failed)",
            "RE2가 컴파일할 수 없습니다: 프로그램이 너무 큽니다 (pattern too large - compile failed)",
        ))),
        _ => None,
    }
}

/// A matcher running RE2's own program for `pattern` as Envoy reads it
/// (a lazily built DFA), or None when RE2 refuses or cannot compile it.
pub fn matcher(pattern: &str) -> Option<dfa::Dfa> {
    dfa::Dfa::new(&parse(pattern).ok()?.re)
}

/// A searcher for `pattern` as Envoy reads it, to find matches and their
/// groups (a route's `regex_rewrite`), or None when RE2 refuses or cannot
/// compile it.
pub fn searcher(pattern: &str) -> Option<nfa::Searcher> {
    let parsed = parse(pattern).ok()?;
    nfa::Searcher::new(&parsed.re, parsed.ncap as usize + 1)
}

/// The program size Envoy's RE2 computes for `pattern` (`RE2::ProgramSize`),
/// or None when RE2 cannot compile it (or Istio refuses it for its length).
pub fn program_size(pattern: &str) -> Option<usize> {
    match translate(pattern).ok()?.program {
        prog::Program::Size(n) => Some(n),
        _ => None,
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `path` matches `pattern` in full: RE2's program (the DFA the
    /// matcher runs) and the regex-lite translation must agree.
    fn full_match(pattern: &str, path: &str) -> bool {
        let t = translate(pattern).unwrap_or_else(|e| panic!("{pattern}: {e}"));
        let lite =
            regex_lite::Regex::new(&t.lite).unwrap_or_else(|e| panic!("{pattern} -> {}: {e}", t.lite)).is_match(path);
        let dfa = matcher(pattern).expect("RE2 compiles it").full_match(path.as_bytes());
        assert_eq!(dfa, lite, "{pattern:?} against {path:?}: RE2's program says {dfa}, the translation {lite}");
        dfa
    }

    /// Any text, ASCII or not, is read without a panic: refused with a
    /// message that quotes whole characters, or compiled and matched.
    #[test]
    fn any_text_is_read_without_a_panic() {
        let pieces = [
            "é", "한", "ÿ", "\\", "[", "]", "(", ")", "-", "^", "$", "|", "*", "+", "?", "{", "}", "1", ",", "a",
            "\\p", "\\x", "{2}", "(?", "P<", ">", ":", "i", "[:", ":]", "\\Q", "\\E", ".", "\\C", "\\b",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut refused = 0;
        for _ in 0..5000 {
            let pattern: String = (0..1 + next(12)).map(|_| pieces[next(pieces.len())]).collect();
            match translate(&pattern) {
                Err(e) => {
                    refused += 1;
                    assert!(!e.to_string().contains('\u{fffd}'), "{pattern:?}: {e}");
                }
                Ok(_) => {
                    let m = matcher(&pattern).expect("RE2 compiles what it parses");
                    m.full_match(b"/a-b/\xc3\xa9");
                }
            }
            let _ = verdict(&pattern);
        }
        assert!(refused > 100 && refused < 5000, "{refused} refused");
    }

    /// RE2's program and the translation agree on random patterns and paths.
    #[test]
    fn the_program_and_the_translation_agree() {
        let atoms = [
            "a",
            "b",
            "ab",
            "A",
            "k",
            "é",
            ".",
            "\\.",
            "[a-z]",
            "[^/]",
            "[^a]",
            "\\d",
            "\\w",
            "\\W",
            "\\pL",
            "\\PN",
            "[[:alpha:]]",
            "^",
            "$",
            "\\b",
            "\\B",
            "\\A",
            "\\z",
            "(?s:.)",
            "(?i:k)",
            "(?i:[a-c])",
            "(?i)b",
            "(?:)",
            "/",
            "(?m:^)",
            "(?m:$)",
            "\\C",
            "[\\x00-\\xff]",
        ];
        let ops = ["", "", "*", "+", "?", "*?", "{2}", "{0,3}", "{1,}", "{0}"];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        fn gen(next: &mut dyn FnMut(usize) -> usize, atoms: &[&str], ops: &[&str], depth: u32) -> String {
            let r = next(10);
            if depth > 2 || r < 4 {
                return format!("{}{}", atoms[next(atoms.len())], ops[next(ops.len())]);
            }
            let parts: Vec<String> = (0..2 + next(3)).map(|_| gen(next, atoms, ops, depth + 1)).collect();
            if r < 7 {
                parts.concat()
            } else {
                format!("(?:{}){}", parts.join("|"), ops[next(ops.len())])
            }
        }
        let alphabet = b"/aAbBkK_-.1\n%";
        let mut checked = 0;
        for _ in 0..400 {
            let pattern = gen(&mut next, &atoms, &ops, 0);
            if translate(&pattern).is_err() {
                continue;
            }
            for _ in 0..12 {
                let len = next(7);
                let path: String = (0..len).map(|_| alphabet[next(alphabet.len())] as char).collect();
                full_match(&pattern, &path);
                checked += 1;
            }
        }
        assert!(checked > 2000, "{checked} checks");
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
            assert_eq!(unicode_group(name.as_bytes()).map(|c| c.lo), Some(mask), "{name}");
        }
        assert_eq!(unicode_group(b"greek"), None, "names are case-sensitive in RE2");
        assert_eq!(unicode_group(b"Letter"), None, "RE2 has no long category names");
        let mut sorted = UNICODE_GROUPS_WITHOUT_LATIN1.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, UNICODE_GROUPS_WITHOUT_LATIN1, "binary search needs the list sorted");
        assert_eq!(UNICODE_GROUPS_WITHOUT_LATIN1.len() + 27, 199, "re2/unicode_groups.cc has 199 groups");
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
        assert!(!full_match("(?i)\u{212a}", "k"), "in Latin-1 the KELVIN SIGN is three characters");
        assert!(!full_match("(?i)[\u{17f}]", "S"), "in Latin-1 the LONG S is two characters");
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
            (r"\x{110000}", r"invalid escape sequence: \x{110"),
            (r"\x{100}", r"invalid escape sequence: \x{100"),
            (r"\400", r"invalid escape sequence: \400"),
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
