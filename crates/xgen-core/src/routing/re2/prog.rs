//! RE2's program size, as Envoy reads it (`RE2::ProgramSize`, which Envoy
//! compares with `re2.max_program_size.error_level`; docs/routing.md).
//!
//! The count follows RE2 step by step:
//! - re2/re2.cc, `RE2::Init`: a literal prefix after `^` is taken out
//!   (`RequiredPrefix`) and only the rest is compiled;
//! - re2/simplify.cc: runs like `a*a` coalesce into one repetition, then
//!   `x{n,m}` expands into n copies of x and m-n nested optional copies,
//!   an empty class matches nothing;
//! - re2/compile.cc: the compiler's fragments, Latin-1 encoding (one byte
//!   range per class range, chained by alternations), a leading `^` and
//!   trailing `$` taken out as anchors, the match instruction, and the
//!   unanchored `.*?` prefix;
//! - re2/prog.cc: `Optimize` (no-ops skipped, `AltMatch`) and `Flatten`,
//!   whose instruction count is the program size.
//!
//! Instructions are numbered in RE2's order, since `Flatten` visits its
//! roots by number.

use super::{concat_of, equal, Class, Flags, Op, Re};
use std::rc::Rc;

/// What RE2 makes of a pattern it parses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Program {
    /// The number of instructions (`RE2::ProgramSize`).
    Size(usize),
    /// RE2 gives up compiling: more instructions than its memory budget
    /// (Envoy: "pattern too large - compile failed").
    TooLarge,
    /// Not counted: Istio refuses the pattern before Envoy sees it.
    NotCounted,
}

/// RE2's default `max_mem` (8 MiB), two thirds of which go to the forward
/// program; `Compiler::Setup` allows that budget less `sizeof(Prog)`, in
/// instructions of 8 bytes (an approximation only at the very top: far
/// above the limit Envoy enforces).
const MAX_INST: usize = ((8 << 20) * 2 / 3 - 512) / 8;

pub(super) fn program(re: &Re) -> Program {
    let suffix = required_prefix_suffix(re);
    match compile(suffix.as_ref().unwrap_or(re)) {
        None => Program::TooLarge,
        Some(p) if p.start == 0 && p.start_unanchored == 0 => Program::Size(1),
        Some(mut p) => {
            optimize(&mut p.inst, p.start);
            Program::Size(flatten(&p.inst, p.start, p.start_unanchored))
        }
    }
}

/// A compiled program: its instructions (0 is Fail) and where the anchored
/// and unanchored runs start (0: nothing can match).
pub(super) struct Compiled {
    pub(super) inst: Vec<Inst>,
    pub(super) start: u32,
    pub(super) start_unanchored: u32,
    /// A leading `^` and a trailing `$` taken out of the program: a search
    /// must then start at the text's start, or end at its end.
    pub(super) anchor_start: bool,
    pub(super) anchor_end: bool,
}

/// Compiler::Compile: simplified, anchors taken out, compiled, a match at
/// the end, and the `.*?` loop in front when not anchored; None when RE2
/// gives up (too many instructions).
pub(super) fn compile(re: &Re) -> Option<Compiled> {
    let coalesced = coalesce(re);
    let (simplified, _) = simplify(&coalesced);
    let mut sre = Rc::new(simplified);
    let anchor_start = anchor_start(&mut sre, 0);
    let anchor_end = anchor_end(&mut sre, 0);
    let mut c = Compiler { inst: vec![Inst::new(Kind::Fail)], failed: false, visits: 0 };
    let all = c.walk(&sre);
    if c.failed {
        return None;
    }
    let m = c.match_();
    let all = c.cat(all, m);
    let start = all.begin;
    let start_unanchored = if anchor_start {
        start
    } else {
        let dot_star = c.dot_star();
        c.cat(dot_star, all).begin
    };
    (!c.failed).then_some(Compiled { inst: c.inst, start, start_unanchored, anchor_start, anchor_end })
}

/// RE2::Init's RequiredPrefix: `^abc…` compiles only what follows `abc`.
fn required_prefix_suffix(re: &Re) -> Option<Re> {
    let Op::Concat(subs) = &re.op else { return None };
    let i = subs.iter().take_while(|s| s.op == Op::BeginText).count();
    if i == 0 || i >= subs.len() || !matches!(subs[i].op, Op::Literal(_) | Op::LiteralString(_)) {
        return None;
    }
    Some(concat_of(subs[i + 1..].to_vec(), re.flags))
}

// ---- re2/simplify.cc: CoalesceWalker -------------------------------------

fn is_repeat_of_char(r: &Re) -> Option<&Re> {
    match &r.op {
        Op::Star(sub) | Op::Plus(sub) | Op::Quest(sub) | Op::Repeat(sub, ..)
            if matches!(sub.op, Op::Literal(_) | Op::CharClass(_) | Op::AnyChar | Op::AnyByte) =>
        {
            Some(sub)
        }
        _ => None,
    }
}

fn can_coalesce(r1: &Re, r2: &Re) -> bool {
    let Some(sub1) = is_repeat_of_char(r1) else { return false };
    let ng = |r: &Re| r.flags.has(Flags::NON_GREEDY);
    if let Op::Star(sub2) | Op::Plus(sub2) | Op::Quest(sub2) | Op::Repeat(sub2, ..) = &r2.op {
        if equal(sub1, sub2) && ng(r1) == ng(r2) {
            return true;
        }
    }
    if equal(sub1, r2) {
        return true;
    }
    match (&sub1.op, &r2.op) {
        (Op::Literal(c), Op::LiteralString(s)) => {
            s.first() == Some(c) && sub1.flags.has(Flags::FOLD_CASE) == r2.flags.has(Flags::FOLD_CASE)
        }
        _ => false,
    }
}

/// DoCoalesce: r1 and r2 become an empty match and one repetition (or the
/// repetition and what is left of a literal string).
fn do_coalesce(r1: &Re, r2: &Re) -> (Re, Re) {
    let sub = is_repeat_of_char(r1).expect("can_coalesce checked").clone();
    let (mut min, mut max): (u32, Option<u32>) = match &r1.op {
        Op::Star(_) => (0, None),
        Op::Plus(_) => (1, None),
        Op::Quest(_) => (0, Some(1)),
        Op::Repeat(_, min, max) => (*min, *max),
        _ => unreachable!("a repetition"),
    };
    let empty = Re::new(Op::EmptyMatch, Flags::default());
    let mk = |min, max| Re::new(Op::Repeat(Box::new(sub.clone()), min, max), r1.flags);
    match &r2.op {
        Op::Star(_) => (empty, mk(min, None)),
        Op::Plus(_) => (empty, mk(min + 1, None)),
        Op::Quest(_) => (empty, mk(min, max.map(|m| m + 1))),
        Op::Repeat(_, min2, max2) => {
            let max = match (max, max2) {
                (Some(a), Some(b)) => Some(a + b),
                _ => None,
            };
            (empty, mk(min + min2, max))
        }
        Op::LiteralString(s) => {
            let Op::Literal(r) = sub.op else { unreachable!("a literal") };
            let n = 1 + s[1..].iter().take_while(|&&c| c == r).count();
            min += n as u32;
            max = max.map(|m| m + n as u32);
            if n == s.len() {
                return (empty, mk(min, max));
            }
            let rest = &s[n..];
            let rest = if rest.len() == 1 { Op::Literal(rest[0]) } else { Op::LiteralString(rest.to_vec()) };
            (mk(min, max), Re::new(rest, r2.flags))
        }
        _ => (empty, mk(min + 1, max.map(|m| m + 1))),
    }
}

fn coalesce(re: &Re) -> Re {
    let flags = re.flags;
    let op = match &re.op {
        Op::Concat(subs) => {
            let mut subs: Vec<Re> = subs.iter().map(coalesce).collect();
            if !subs.windows(2).any(|w| can_coalesce(&w[0], &w[1])) {
                return Re::new(Op::Concat(subs), flags);
            }
            for i in 0..subs.len().saturating_sub(1) {
                if can_coalesce(&subs[i], &subs[i + 1]) {
                    let (a, b) = do_coalesce(&subs[i], &subs[i + 1]);
                    subs[i] = a;
                    subs[i + 1] = b;
                }
            }
            subs.retain(|s| s.op != Op::EmptyMatch);
            Op::Concat(subs)
        }
        Op::Alternate(subs) => Op::Alternate(subs.iter().map(coalesce).collect()),
        Op::Star(s) => Op::Star(Box::new(coalesce(s))),
        Op::Plus(s) => Op::Plus(Box::new(coalesce(s))),
        Op::Quest(s) => Op::Quest(Box::new(coalesce(s))),
        Op::Repeat(s, min, max) => Op::Repeat(Box::new(coalesce(s)), *min, *max),
        Op::Capture(s, cap, name) => Op::Capture(Box::new(coalesce(s)), *cap, name.clone()),
        other => other.clone(),
    };
    Re::new(op, flags)
}

// ---- re2/simplify.cc: SimplifyWalker --------------------------------------

/// A simplified regexp: no counted repetitions; shared copies.
#[derive(Debug)]
struct S {
    op: SOp,
    flags: Flags,
}

#[derive(Debug)]
enum SOp {
    NoMatch,
    Empty,
    /// A byte range instruction: a literal, any character, any byte; the
    /// flag folds ASCII letters.
    Byte(u8, u8, bool),
    Str(Vec<u8>, bool),
    Class(Class),
    EmptyWidth(Empty),
    BeginText,
    EndText,
    Concat(Vec<Rc<S>>),
    Alternate(Vec<Rc<S>>),
    Star(Rc<S>),
    Plus(Rc<S>),
    Quest(Rc<S>),
    /// A group and its number (1 for the first).
    Capture(Rc<S>, u32),
    /// `x{n,m}`'s tail: `count` times Quest(Concat(x, …)) around `inner`.
    QuestChain {
        x: Rc<S>,
        count: u32,
        inner: Rc<S>,
    },
}

fn s(op: SOp, flags: Flags) -> S {
    S { op, flags }
}

/// StarPlusOrQuest (regexp.cc): `x**` is `x*`, and `*+?` mixed are `*`.
fn star_plus_quest(kind: u8, sub: Rc<S>, flags: Flags) -> Rc<S> {
    let sub_kind = match sub.op {
        SOp::Star(_) => Some(b'*'),
        SOp::Plus(_) => Some(b'+'),
        SOp::Quest(_) => Some(b'?'),
        _ => None,
    };
    if let Some(k) = sub_kind {
        if sub.flags == flags {
            if k == kind || k == b'*' {
                return sub;
            }
            let (SOp::Plus(inner) | SOp::Quest(inner)) = &sub.op else { unreachable!("plus or quest") };
            return Rc::new(s(SOp::Star(inner.clone()), flags));
        }
    }
    Rc::new(s(
        match kind {
            b'*' => SOp::Star(sub),
            b'+' => SOp::Plus(sub),
            _ => SOp::Quest(sub),
        },
        flags,
    ))
}

fn is_empty_op(x: &S) -> bool {
    matches!(x.op, SOp::EmptyWidth(_) | SOp::BeginText | SOp::EndText)
}

/// SimplifyRepeat: `x{n,m}` in terms of copies, `+` and `?`.
fn simplify_repeat(x: Rc<S>, mut min: u32, mut max: Option<u32>, f: Flags) -> S {
    let all_empty = match &x.op {
        SOp::Concat(subs) | SOp::Alternate(subs) => subs.iter().all(|s| is_empty_op(s)),
        _ => is_empty_op(&x),
    };
    if all_empty {
        min = min.min(1);
        max = max.map(|m| m.min(1));
    }
    let unwrap = |r: Rc<S>| Rc::try_unwrap(r).unwrap_or_else(|r| s(SOp::Concat(vec![r]), f));
    let Some(max) = max else {
        return match min {
            0 => unwrap(star_plus_quest(b'*', x, f)),
            1 => unwrap(star_plus_quest(b'+', x, f)),
            _ => {
                let mut subs: Vec<Rc<S>> = (0..min - 1).map(|_| x.clone()).collect();
                subs.push(star_plus_quest(b'+', x, f));
                s(SOp::Concat(subs), f)
            }
        };
    };
    if min == 0 && max == 0 {
        return s(SOp::Empty, f);
    }
    if min == 1 && max == 1 {
        return unwrap(x);
    }
    let prefix = match min {
        0 => None,
        1 => Some(x.clone()),
        _ => Some(Rc::new(s(SOp::Concat((0..min).map(|_| x.clone()).collect()), f))),
    };
    let suffix = (max > min).then(|| {
        let inner = star_plus_quest(b'?', x.clone(), f);
        match max - min - 1 {
            0 => inner,
            count => Rc::new(s(SOp::QuestChain { x: x.clone(), count, inner }, f)),
        }
    });
    match (prefix, suffix) {
        (Some(p), Some(q)) => s(SOp::Concat(vec![p, q]), f),
        (Some(p), None) => unwrap(p),
        (None, Some(q)) => unwrap(q),
        (None, None) => s(SOp::NoMatch, f),
    }
}

/// The simplified regexp, and whether it differs from `re` (RE2 keeps a
/// node whose children did not change, even `(?:a*)*` built by hand).
fn simplify(re: &Re) -> (S, bool) {
    let f = re.flags;
    let many = |subs: &[Re]| {
        let mut changed = false;
        let out: Vec<Rc<S>> = subs
            .iter()
            .map(|x| {
                let (y, c) = simplify(x);
                changed |= c;
                Rc::new(y)
            })
            .collect();
        (out, changed)
    };
    match &re.op {
        Op::NoMatch => (s(SOp::NoMatch, f), false),
        Op::EmptyMatch => (s(SOp::Empty, f), false),
        Op::Literal(c) => (s(SOp::Byte(*c, *c, f.has(Flags::FOLD_CASE)), f), false),
        Op::AnyChar | Op::AnyByte => (s(SOp::Byte(0x00, 0xff, false), f), false),
        Op::LiteralString(v) => (s(SOp::Str(v.clone(), f.has(Flags::FOLD_CASE)), f), false),
        Op::BeginText => (s(SOp::BeginText, f), false),
        Op::EndText => (s(SOp::EndText, f), false),
        Op::BeginLine => (s(SOp::EmptyWidth(Empty::BeginLine), f), false),
        Op::EndLine => (s(SOp::EmptyWidth(Empty::EndLine), f), false),
        Op::WordBoundary => (s(SOp::EmptyWidth(Empty::WordBoundary), f), false),
        Op::NoWordBoundary => (s(SOp::EmptyWidth(Empty::NonWordBoundary), f), false),
        Op::CharClass(c) if c.is_empty() => (s(SOp::NoMatch, f), true),
        Op::CharClass(c) => (s(SOp::Class(*c), f), false),
        Op::Concat(subs) => {
            let (out, changed) = many(subs);
            (s(SOp::Concat(out), f), changed)
        }
        Op::Alternate(subs) => {
            let (out, changed) = many(subs);
            (s(SOp::Alternate(out), f), changed)
        }
        Op::Capture(sub, cap, _) => {
            let (x, changed) = simplify(sub);
            (s(SOp::Capture(Rc::new(x), *cap), f), changed)
        }
        Op::Star(sub) | Op::Plus(sub) | Op::Quest(sub) => {
            let (x, changed) = simplify(sub);
            if matches!(x.op, SOp::Empty) {
                return (x, true);
            }
            let kind = match re.op {
                Op::Star(_) => b'*',
                Op::Plus(_) => b'+',
                _ => b'?',
            };
            let same_kind =
                matches!((kind, &x.op), (b'*', SOp::Star(_)) | (b'+', SOp::Plus(_)) | (b'?', SOp::Quest(_)));
            if changed && same_kind && x.flags == f {
                return (x, true);
            }
            let x = Rc::new(x);
            let op = match kind {
                b'*' => SOp::Star(x),
                b'+' => SOp::Plus(x),
                _ => SOp::Quest(x),
            };
            (s(op, f), changed)
        }
        Op::Repeat(sub, min, max) => {
            let (x, _) = simplify(sub);
            if matches!(x.op, SOp::Empty) {
                return (x, true);
            }
            (simplify_repeat(Rc::new(x), *min, *max, f), true)
        }
    }
}

/// IsAnchorStart (compile.cc): a leading `^` (through concatenations and
/// captures, four levels deep) is taken out and the program anchored.
fn anchor_start(re: &mut Rc<S>, depth: u32) -> bool {
    anchor(re, depth, true)
}

fn anchor_end(re: &mut Rc<S>, depth: u32) -> bool {
    anchor(re, depth, false)
}

fn anchor(re: &mut Rc<S>, depth: u32, start: bool) -> bool {
    if depth >= 4 {
        return false;
    }
    let flags = re.flags;
    match &re.op {
        SOp::Concat(subs) if !subs.is_empty() => {
            let mut subs = subs.clone();
            let i = if start { 0 } else { subs.len() - 1 };
            if !anchor(&mut subs[i], depth + 1, start) {
                return false;
            }
            *re = if subs.len() == 1 { subs.pop().expect("one") } else { Rc::new(s(SOp::Concat(subs), flags)) };
            true
        }
        SOp::Capture(sub, cap) => {
            let mut sub = sub.clone();
            if !anchor(&mut sub, depth + 1, start) {
                return false;
            }
            *re = Rc::new(s(SOp::Capture(sub, *cap), flags));
            true
        }
        SOp::BeginText if start => {
            *re = Rc::new(s(SOp::Empty, flags));
            true
        }
        SOp::EndText if !start => {
            *re = Rc::new(s(SOp::Empty, flags));
            true
        }
        _ => false,
    }
}

// ---- re2/compile.cc ------------------------------------------------------

/// An empty-width assertion (prog.h's EmptyOp).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Empty {
    BeginLine,
    EndLine,
    BeginText,
    EndText,
    WordBoundary,
    NonWordBoundary,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Fail,
    Match,
    /// lo, hi, and whether an ASCII capital is compared as its small letter.
    Byte(u8, u8, bool),
    Alt,
    AltMatch,
    Nop,
    /// Records the position in this slot: 2n where group n starts, 2n+1
    /// where it ends.
    Capture(u32),
    EmptyWidth(Empty),
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Inst {
    pub(super) kind: Kind,
    pub(super) out: u32,
    pub(super) out1: u32,
}

impl Inst {
    fn new(kind: Kind) -> Inst {
        Inst { kind, out: 0, out1: 0 }
    }
}

/// A list of outs to patch: `index << 1`, `| 1` for out1; 0 is empty.
#[derive(Debug, Clone, Copy, Default)]
struct Patch {
    head: u32,
    tail: u32,
}

impl Patch {
    fn mk(p: u32) -> Patch {
        Patch { head: p, tail: p }
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Frag {
    begin: u32,
    end: Patch,
    nullable: bool,
}

struct Compiler {
    inst: Vec<Inst>,
    failed: bool,
    visits: usize,
}

impl Compiler {
    fn alloc(&mut self, n: usize) -> Option<u32> {
        if self.failed || self.inst.len() + n > MAX_INST {
            self.failed = true;
            return None;
        }
        let id = self.inst.len() as u32;
        self.inst.extend(std::iter::repeat_n(Inst::new(Kind::Nop), n));
        Some(id)
    }

    fn patch(&mut self, l: Patch, p: u32) {
        let mut head = l.head;
        while head != 0 {
            let ip = &mut self.inst[(head >> 1) as usize];
            if head & 1 == 1 {
                head = ip.out1;
                ip.out1 = p;
            } else {
                head = ip.out;
                ip.out = p;
            }
        }
    }

    fn append(&mut self, l1: Patch, l2: Patch) -> Patch {
        if l1.head == 0 {
            return l2;
        }
        if l2.head == 0 {
            return l1;
        }
        let ip = &mut self.inst[(l1.tail >> 1) as usize];
        if l1.tail & 1 == 1 {
            ip.out1 = l2.head;
        } else {
            ip.out = l2.head;
        }
        Patch { head: l1.head, tail: l2.tail }
    }

    fn cat(&mut self, a: Frag, b: Frag) -> Frag {
        if a.begin == 0 || b.begin == 0 {
            return Frag::default();
        }
        let begin = self.inst[a.begin as usize];
        if begin.kind == Kind::Nop && a.end.head == a.begin << 1 && begin.out == 0 {
            self.patch(a.end, b.begin);
            return b;
        }
        self.patch(a.end, b.begin);
        Frag { begin: a.begin, end: b.end, nullable: a.nullable && b.nullable }
    }

    fn alt(&mut self, a: Frag, b: Frag) -> Frag {
        if a.begin == 0 {
            return b;
        }
        if b.begin == 0 {
            return a;
        }
        let Some(id) = self.alloc(1) else { return Frag::default() };
        self.inst[id as usize] = Inst { kind: Kind::Alt, out: a.begin, out1: b.begin };
        let end = self.append(a.end, b.end);
        Frag { begin: id, end, nullable: a.nullable || b.nullable }
    }

    /// The Alt of a loop or option: greedy tries `a` first (out), the
    /// non-greedy one last (out1); the other out is left to patch.
    fn loop_alt(&mut self, a: u32, nongreedy: bool) -> Option<(u32, Patch)> {
        let id = self.alloc(1)?;
        if nongreedy {
            self.inst[id as usize] = Inst { kind: Kind::Alt, out: 0, out1: a };
            Some((id, Patch::mk(id << 1)))
        } else {
            self.inst[id as usize] = Inst { kind: Kind::Alt, out: a, out1: 0 };
            Some((id, Patch::mk((id << 1) | 1)))
        }
    }

    fn plus(&mut self, a: Frag, nongreedy: bool) -> Frag {
        let Some((id, pl)) = self.loop_alt(a.begin, nongreedy) else { return Frag::default() };
        self.patch(a.end, id);
        Frag { begin: a.begin, end: pl, nullable: a.nullable }
    }

    fn star(&mut self, a: Frag, nongreedy: bool) -> Frag {
        if a.nullable {
            let p = self.plus(a, nongreedy);
            return self.quest(p, nongreedy);
        }
        let Some((id, pl)) = self.loop_alt(a.begin, nongreedy) else { return Frag::default() };
        self.patch(a.end, id);
        Frag { begin: id, end: pl, nullable: true }
    }

    fn quest(&mut self, a: Frag, nongreedy: bool) -> Frag {
        if a.begin == 0 {
            return self.nop();
        }
        let Some((id, pl)) = self.loop_alt(a.begin, nongreedy) else { return Frag::default() };
        let end = self.append(pl, a.end);
        Frag { begin: id, end, nullable: true }
    }

    fn single(&mut self, kind: Kind, nullable: bool) -> Frag {
        let Some(id) = self.alloc(1) else { return Frag::default() };
        self.inst[id as usize] = Inst::new(kind);
        Frag { begin: id, end: Patch::mk(id << 1), nullable }
    }

    fn byte(&mut self, lo: u8, hi: u8, fold: bool) -> Frag {
        self.single(Kind::Byte(lo, hi, fold), false)
    }

    fn nop(&mut self) -> Frag {
        self.single(Kind::Nop, true)
    }

    fn match_(&mut self) -> Frag {
        let Some(id) = self.alloc(1) else { return Frag::default() };
        self.inst[id as usize] = Inst::new(Kind::Match);
        Frag { begin: id, end: Patch::default(), nullable: false }
    }

    fn capture(&mut self, a: Frag, cap: u32) -> Frag {
        if a.begin == 0 {
            return Frag::default();
        }
        let Some(id) = self.alloc(2) else { return Frag::default() };
        self.inst[id as usize] = Inst { kind: Kind::Capture(2 * cap), out: a.begin, out1: 0 };
        self.inst[id as usize + 1] = Inst::new(Kind::Capture(2 * cap + 1));
        self.patch(a.end, id + 1);
        Frag { begin: id, end: Patch::mk((id + 1) << 1), nullable: a.nullable }
    }

    /// A character class: its ranges (A-Z dropped when the class folds
    /// ASCII), each a byte range, chained by alternations (Latin-1's
    /// AddSuffix).
    fn class(&mut self, cc: Class) -> Frag {
        let folds = cc.folds_ascii();
        let mut begin = 0u32;
        let mut end = Patch::default();
        for (lo, hi) in cc.ranges() {
            if folds && lo >= b'A' && hi <= b'Z' {
                continue;
            }
            // The fold flag only where the range holds some ASCII letters.
            let fold = folds && !((lo <= b'A' && b'z' <= hi) || hi < b'A' || b'z' < lo || (b'Z' < lo && hi < b'a'));
            let f = self.byte(lo, hi, fold);
            if self.failed {
                return Frag::default();
            }
            end = self.append(end, f.end);
            if begin == 0 {
                begin = f.begin;
            } else {
                let Some(alt) = self.alloc(1) else { return Frag::default() };
                self.inst[alt as usize] = Inst { kind: Kind::Alt, out: begin, out1: f.begin };
                begin = alt;
            }
        }
        Frag { begin, end, nullable: false }
    }

    fn dot_star(&mut self) -> Frag {
        let b = self.byte(0x00, 0xff, false);
        self.star(b, true)
    }

    /// The post-order walk (WalkExponential: shared copies compiled each time).
    fn walk(&mut self, re: &S) -> Frag {
        self.visits += 1;
        if self.failed || self.visits > 2 * MAX_INST {
            self.failed = true;
            return Frag::default();
        }
        let ng = re.flags.has(Flags::NON_GREEDY);
        match &re.op {
            SOp::NoMatch => Frag::default(),
            SOp::Empty => self.nop(),
            SOp::Byte(lo, hi, fold) => self.byte(*lo, *hi, *fold),
            SOp::Str(runes, fold) => {
                let mut f = Frag::default();
                for (i, &c) in runes.iter().enumerate() {
                    let g = self.byte(c, c, *fold);
                    f = if i == 0 { g } else { self.cat(f, g) };
                }
                f
            }
            SOp::Class(cc) => self.class(*cc),
            SOp::EmptyWidth(op) => self.single(Kind::EmptyWidth(*op), true),
            SOp::BeginText => self.single(Kind::EmptyWidth(Empty::BeginText), true),
            SOp::EndText => self.single(Kind::EmptyWidth(Empty::EndText), true),
            SOp::Concat(subs) => {
                let frags: Vec<Frag> = subs.iter().map(|x| self.walk(x)).collect();
                let mut it = frags.into_iter();
                let first = it.next().unwrap_or_default();
                it.fold(first, |f, g| self.cat(f, g))
            }
            SOp::Alternate(subs) => {
                let frags: Vec<Frag> = subs.iter().map(|x| self.walk(x)).collect();
                let mut it = frags.into_iter();
                let first = it.next().unwrap_or_default();
                it.fold(first, |f, g| self.alt(f, g))
            }
            SOp::Star(x) => {
                let a = self.walk(x);
                self.star(a, ng)
            }
            SOp::Plus(x) => {
                let a = self.walk(x);
                self.plus(a, ng)
            }
            SOp::Quest(x) => {
                let a = self.walk(x);
                self.quest(a, ng)
            }
            SOp::Capture(x, cap) => {
                let a = self.walk(x);
                self.capture(a, *cap)
            }
            SOp::QuestChain { x, count, inner } => {
                // Quest(Concat(x, Quest(Concat(x, … inner)))): every x first,
                // in order, then the alternations from the inside out.
                let copies: Vec<Frag> = (0..*count).map(|_| self.walk(x)).collect();
                let mut f = self.walk(inner);
                for x in copies.into_iter().rev() {
                    self.visits += 2;
                    let c = self.cat(x, f);
                    f = self.quest(c, ng);
                }
                f
            }
        }
    }
}

// ---- re2/prog.cc ---------------------------------------------------------

/// Optimize: no-ops skipped on the paths from `start`, and the loops
/// `.*` before a match marked `AltMatch`.
fn optimize(inst: &mut [Inst], start: u32) {
    let skip = |inst: &[Inst], mut j: u32| {
        while j != 0 && inst[j as usize].kind == Kind::Nop {
            j = inst[j as usize].out;
        }
        j
    };
    let mut queue = Queue::new(inst.len());
    queue.add(start);
    let mut i = 0;
    while i < queue.items.len() {
        let id = queue.items[i] as usize;
        i += 1;
        let out = skip(inst, inst[id].out);
        inst[id].out = out;
        queue.add(out);
        if inst[id].kind == Kind::Alt {
            let out1 = skip(inst, inst[id].out1);
            inst[id].out1 = out1;
            queue.add(out1);
        }
    }
    let is_match = |inst: &[Inst], mut j: u32| loop {
        match inst[j as usize].kind {
            Kind::Capture(_) | Kind::Nop => j = inst[j as usize].out,
            Kind::Match => return true,
            _ => return false,
        }
    };
    let mut queue = Queue::new(inst.len());
    queue.add(start);
    let mut i = 0;
    while i < queue.items.len() {
        let id = queue.items[i];
        i += 1;
        let ip = inst[id as usize];
        queue.add(ip.out);
        if ip.kind == Kind::Alt {
            queue.add(ip.out1);
            let any_loop = |k: u32| {
                let k = inst[k as usize];
                matches!(k.kind, Kind::Byte(0x00, 0xff, _)) && k.out == id
            };
            if (any_loop(ip.out) && is_match(inst, ip.out1)) || (is_match(inst, ip.out) && any_loop(ip.out1)) {
                inst[id as usize].kind = Kind::AltMatch;
            }
        }
    }
}

/// RE2's Workq: ids in insertion order, each once, never 0.
struct Queue {
    items: Vec<u32>,
    seen: Vec<bool>,
}

impl Queue {
    fn new(n: usize) -> Queue {
        Queue { items: Vec::new(), seen: vec![false; n] }
    }

    fn add(&mut self, id: u32) {
        if id != 0 && !self.seen[id as usize] {
            self.seen[id as usize] = true;
            self.items.push(id);
        }
    }
}

/// Roots in the order they were marked, and each instruction's root number.
struct Roots {
    order: Vec<u32>,
    index: Vec<Option<usize>>,
}

impl Roots {
    fn has(&self, id: u32) -> bool {
        self.index[id as usize].is_some()
    }

    fn mark(&mut self, id: u32) {
        if !self.has(id) {
            self.index[id as usize] = Some(self.order.len());
            self.order.push(id);
        }
    }
}

/// RE2's SparseSet: a set of ids, cleared in constant time.
struct Marks {
    stamp: Vec<u32>,
    generation: u32,
    list: Vec<u32>,
}

impl Marks {
    fn new(n: usize) -> Marks {
        Marks { stamp: vec![0; n], generation: 1, list: Vec::new() }
    }

    fn clear(&mut self) {
        self.generation += 1;
        self.list.clear();
    }

    fn contains(&self, id: u32) -> bool {
        self.stamp[id as usize] == self.generation
    }

    /// Adds `id`; false when it was there.
    fn insert(&mut self, id: u32) -> bool {
        if self.contains(id) {
            return false;
        }
        self.stamp[id as usize] = self.generation;
        self.list.push(id);
        true
    }
}

/// Flatten: the number of instructions of the flattened program. Each
/// "root" (the start, the targets of byte ranges, captures and empty-width
/// ops, and what else a predecessor reaches from outside its tree) gets a
/// list of the non-epsilon instructions it reaches through alternations,
/// a no-op for each other root it reaches, and two for an `AltMatch`.
fn flatten(inst: &[Inst], start: u32, start_unanchored: u32) -> usize {
    let n = inst.len();
    let mut roots = Roots { order: Vec::new(), index: vec![None; n] };
    roots.mark(0);
    roots.mark(start_unanchored);
    roots.mark(start);
    let mut preds: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut marks = Marks::new(n);
    // MarkSuccessors.
    let mut stack = vec![start_unanchored];
    while let Some(mut id) = stack.pop() {
        while marks.insert(id) {
            let ip = inst[id as usize];
            match ip.kind {
                Kind::Alt | Kind::AltMatch => {
                    preds[ip.out as usize].push(id);
                    preds[ip.out1 as usize].push(id);
                    stack.push(ip.out1);
                    id = ip.out;
                }
                Kind::Byte(..) | Kind::Capture(_) | Kind::EmptyWidth(_) => {
                    roots.mark(ip.out);
                    id = ip.out;
                }
                Kind::Nop => id = ip.out,
                Kind::Match | Kind::Fail => break,
            }
        }
    }
    // MarkDominator, over the roots marked so far by decreasing number.
    let mut sorted = roots.order.clone();
    sorted.sort_unstable();
    for &root in sorted.iter().skip(1).rev() {
        if root == start_unanchored || root == start {
            continue;
        }
        epsilon_tree(inst, &roots, root, &mut marks, None);
        let tree = marks.list.clone();
        for id in tree {
            if preds[id as usize].iter().any(|&p| !marks.contains(p)) {
                roots.mark(id);
            }
        }
    }
    // EmitList for every root.
    let mut total = 0;
    let mut i = 0;
    while i < roots.order.len() {
        let mut count = 0;
        epsilon_tree(inst, &roots, roots.order[i], &mut marks, Some(&mut count));
        total += count;
        i += 1;
    }
    total
}

/// What `root` reaches through alternations and no-ops, stopping at other
/// roots (MarkDominator's walk); with `count`, EmitList's count of what it
/// emits: each instruction that is not an alternation or a no-op, a no-op
/// for each other root, one more for an `AltMatch`.
fn epsilon_tree(inst: &[Inst], roots: &Roots, root: u32, marks: &mut Marks, mut count: Option<&mut usize>) {
    marks.clear();
    let emit = |count: &mut Option<&mut usize>| {
        if let Some(c) = count.as_deref_mut() {
            *c += 1;
        }
    };
    let mut stack = vec![root];
    while let Some(mut id) = stack.pop() {
        while marks.insert(id) {
            if id != root && roots.has(id) {
                emit(&mut count);
                break;
            }
            let ip = inst[id as usize];
            match ip.kind {
                Kind::Alt | Kind::AltMatch => {
                    if ip.kind == Kind::AltMatch {
                        emit(&mut count);
                    }
                    stack.push(ip.out1);
                    id = ip.out;
                }
                Kind::Nop => id = ip.out,
                _ => {
                    emit(&mut count);
                    break;
                }
            }
        }
    }
}
