//! RE2's search with submatches, and `RE2::GlobalReplace` on top of it: what
//! Envoy does to a path for a route's `regex_rewrite` (Istio's
//! `uriRegexRewrite`; docs/routing.md).
//!
//! The search runs RE2's own program as RE2's NFA does (re2/nfa.cc): the
//! threads in priority order, a new thread at each position until a match
//! is found, and a match cutting every thread of lower priority, which is
//! leftmost-first (Perl's) choice. Group 0 is the NFA's own, as in RE2: the
//! program records groups 1 and up. `^` and `$` taken out of the program as
//! anchors hold the search to the text's start and end; every other
//! assertion sees the whole text around the search.

use super::dfa::{before, holds, Before};
use super::prog::{compile, Compiled, Kind};
use super::Re;

/// A compiled pattern that can find its matches and their groups.
pub struct Searcher {
    prog: Compiled,
    /// The number of groups, with group 0.
    groups: usize,
}

impl std::fmt::Debug for Searcher {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "Searcher({} instructions, {} groups)", self.prog.inst.len(), self.groups)
    }
}

/// Where each group starts and ends (`2n`, `2n + 1`); None: not taken.
type Slots = Vec<Option<usize>>;

struct Thread {
    pc: u32,
    slots: Slots,
}

/// One position's threads, each instruction once (marked with the list's
/// generation, so clearing costs nothing per instruction).
struct List {
    threads: Vec<Thread>,
    seen: Vec<u32>,
    generation: u32,
}

impl List {
    fn new(n: usize) -> List {
        List { threads: Vec::new(), seen: vec![0; n], generation: 1 }
    }

    fn clear(&mut self) {
        self.threads.clear();
        if self.generation == u32::MAX {
            self.seen.iter_mut().for_each(|s| *s = 0);
            self.generation = 0;
        }
        self.generation += 1;
    }

    /// Marks `id`; false when it was marked already.
    fn mark(&mut self, id: u32) -> bool {
        let seen = &mut self.seen[id as usize];
        let fresh = *seen != self.generation;
        *seen = self.generation;
        fresh
    }
}

/// How much work a rewrite may take, in threads stepped (and the program's
/// size for each search started): a
/// path is at most 60 KiB (Envoy's request head), and a pattern whose
/// every search runs to the path's end costs the square of its length.
/// Past it the studio says the rewrite is not computed rather than hang.
pub const REWRITE_BUDGET: u64 = 20_000_000;

/// AddToThreadq's explicit stack: an instruction to follow, or a slot to
/// put back once the branch under a capture is done.
enum Job {
    Follow(u32),
    Restore(usize, Option<usize>),
}

impl Searcher {
    pub(super) fn new(re: &Re, groups: usize) -> Option<Searcher> {
        Some(Searcher { prog: compile(re)?, groups })
    }

    /// The number of groups, with group 0.
    pub fn groups(&self) -> usize {
        self.groups
    }

    /// The leftmost-first match at or after `from`, with the slots of every
    /// group (`RE2::Match` with `startpos`, UNANCHORED).
    pub fn find_at(&self, text: &[u8], from: usize) -> Option<Slots> {
        let mut unbounded = u64::MAX;
        self.find_within(text, from, &mut unbounded).ok().flatten()
    }

    /// [`Searcher::find_at`], spending `budget`; Err when it runs out.
    fn find_within(&self, text: &[u8], from: usize, budget: &mut u64) -> Result<Option<Slots>, ()> {
        let p = &self.prog;
        if p.start == 0 || from > text.len() || (p.anchor_start && from != 0) {
            return Ok(None);
        }
        let n = p.inst.len();
        // The two lists cost the program's size to set up.
        *budget = budget.checked_sub(n as u64).ok_or(())?;
        let (mut run, mut next) = (List::new(n), List::new(n));
        let mut stack = Vec::new();
        let mut matched: Option<Slots> = None;
        let mut at = from;
        loop {
            // A new thread, of the lowest priority, while nothing matched.
            if matched.is_none() && (!p.anchor_start || at == from) {
                let mut slots = vec![None; 2 * self.groups];
                slots[0] = Some(at);
                self.add(&mut run, p.start, text, at, &mut slots, &mut stack);
            }
            if run.threads.is_empty() && (matched.is_some() || p.anchor_start) {
                break;
            }
            next.clear();
            let byte = text.get(at).copied();
            let threads = std::mem::take(&mut run.threads);
            *budget = budget.checked_sub(threads.len() as u64 + 1).ok_or(())?;
            for t in threads {
                let ip = p.inst[t.pc as usize];
                match ip.kind {
                    Kind::Match => {
                        if p.anchor_end && at != text.len() {
                            continue;
                        }
                        let mut slots = t.slots;
                        slots[1] = Some(at);
                        matched = Some(slots);
                        // Leftmost-first: the threads after this one lose.
                        break;
                    }
                    Kind::Byte(lo, hi, fold) => {
                        let Some(c) = byte else { continue };
                        let c = if fold && c.is_ascii_uppercase() { c + 32 } else { c };
                        if lo <= c && c <= hi {
                            let mut slots = t.slots;
                            self.add(&mut next, ip.out, text, at + 1, &mut slots, &mut stack);
                        }
                    }
                    _ => {}
                }
            }
            if at >= text.len() {
                break;
            }
            std::mem::swap(&mut run, &mut next);
            at += 1;
        }
        Ok(matched)
    }

    /// Follows `pc` through alternations, no-ops, captures and the
    /// assertions that hold at `at`, adding a thread at each byte range
    /// and match, in priority order.
    fn add(&self, list: &mut List, pc: u32, text: &[u8], at: usize, slots: &mut Slots, stack: &mut Vec<Job>) {
        let inst = &self.prog.inst;
        let b = if at == 0 { Before::Start } else { before(text[at - 1]) };
        let after = text.get(at).copied();
        stack.clear();
        stack.push(Job::Follow(pc));
        while let Some(job) = stack.pop() {
            let id = match job {
                Job::Restore(slot, old) => {
                    slots[slot] = old;
                    continue;
                }
                Job::Follow(id) => id,
            };
            if id == 0 || !list.mark(id) {
                continue;
            }
            let ip = inst[id as usize];
            match ip.kind {
                Kind::Fail => {}
                Kind::Alt | Kind::AltMatch => {
                    stack.push(Job::Follow(ip.out1));
                    stack.push(Job::Follow(ip.out));
                }
                Kind::Nop => stack.push(Job::Follow(ip.out)),
                Kind::Capture(slot) => {
                    let slot = slot as usize;
                    if slot < slots.len() {
                        stack.push(Job::Restore(slot, slots[slot]));
                        slots[slot] = Some(at);
                    }
                    stack.push(Job::Follow(ip.out));
                }
                Kind::EmptyWidth(op) => {
                    if holds(op, b, after) {
                        stack.push(Job::Follow(ip.out));
                    }
                }
                Kind::Byte(..) | Kind::Match => list.threads.push(Thread { pc: id, slots: slots.clone() }),
            }
        }
    }

    /// `RE2::GlobalReplace(text, re, rewrite)`: every leftmost-first match,
    /// left to right and never overlapping, replaced by `rewrite` (`\0` to
    /// `\9` name a group, `\\` is a backslash). As in RE2, a rewrite that
    /// names a group the pattern does not have changes nothing; an empty
    /// match right after the previous match is skipped; and a rewrite stops
    /// at its first backslash not followed by a digit or a backslash.
    /// None when the work runs past [`REWRITE_BUDGET`].
    pub fn replace_all(&self, text: &str, rewrite: &str) -> Option<String> {
        let bytes = text.as_bytes();
        let nvec = 1 + max_submatch(rewrite);
        if nvec > self.groups {
            return Some(text.to_owned());
        }
        let mut budget = REWRITE_BUDGET;
        let mut out: Vec<u8> = Vec::with_capacity(text.len());
        let (mut p, mut last_end, mut count) = (0usize, None, 0usize);
        while p <= bytes.len() {
            let Some(slots) = self.find_within(bytes, p, &mut budget).ok()? else { break };
            let (start, end) = (slots[0].unwrap_or(p), slots[1].unwrap_or(p));
            out.extend_from_slice(&bytes[p..start]);
            if Some(start) == last_end && start == end {
                // Latin-1: one byte forward.
                if p < bytes.len() {
                    out.push(bytes[p]);
                }
                p += 1;
                continue;
            }
            rewrite_into(&mut out, rewrite, bytes, &slots);
            p = end;
            last_end = Some(end);
            count += 1;
        }
        if count == 0 {
            return Some(text.to_owned());
        }
        if p < bytes.len() {
            out.extend_from_slice(&bytes[p..]);
        }
        // A path is ASCII, and a rewrite is text: the result is text.
        Some(String::from_utf8_lossy(&out).into_owned())
    }
}

/// `RE2::MaxSubmatch`: the highest group a rewrite names.
fn max_submatch(rewrite: &str) -> usize {
    let b = rewrite.as_bytes();
    let (mut max, mut i) = (0, 0);
    while i < b.len() {
        if b[i] == b'\\' {
            i += 1;
            if let Some(c) = b.get(i).filter(|c| c.is_ascii_digit()) {
                max = max.max((c - b'0') as usize);
            }
        }
        i += 1;
    }
    max
}

/// `RE2::Rewrite`, appending to `out`.
fn rewrite_into(out: &mut Vec<u8>, rewrite: &str, text: &[u8], slots: &Slots) {
    let b = rewrite.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            out.push(b[i]);
            i += 1;
            continue;
        }
        match b.get(i + 1) {
            Some(c) if c.is_ascii_digit() => {
                let n = (c - b'0') as usize;
                if let (Some(Some(s)), Some(Some(e))) = (slots.get(2 * n), slots.get(2 * n + 1)) {
                    out.extend_from_slice(&text[*s..*e]);
                }
            }
            Some(b'\\') => out.push(b'\\'),
            // RE2 logs "invalid rewrite pattern" and stops this rewrite.
            _ => return,
        }
        i += 2;
    }
}

#[cfg(test)]
mod tests {
    use crate::routing::re2::searcher;

    fn replace(pattern: &str, rewrite: &str, text: &str) -> String {
        searcher(pattern).expect("RE2 compiles it").replace_all(text, rewrite).expect("within the budget")
    }

    /// A pattern whose every search runs to the end (`a.*z` first, at each
    /// `a`) over a long path: the work stops at the budget, in bounded time.
    #[test]
    fn a_costly_rewrite_stops_at_its_budget() {
        let s = searcher("a.*z|a").unwrap();
        let long = "a".repeat(60 * 1024);
        assert_eq!(s.replace_all(&long, "b"), None);
        assert_eq!(s.replace_all(&long[..100], "b").as_deref(), Some(&*"b".repeat(100)));
    }

    /// RE2's own table for GlobalReplace (re2/testing/re2_test.cc).
    #[test]
    fn global_replace_answers_as_re2_does() {
        let cases = [
            (
                "(qu|[b-df-hj-np-tv-z]*)([a-z]+)",
                r"\2\1ay",
                "the quick brown fox jumps over the lazy dogs.",
                "ethay ickquay ownbray oxfay umpsjay overay ethay azylay ogsday.",
            ),
            (r"\w+", r"\0-NOSPAM", "abcd.efghi@google.com", "abcd-NOSPAM.efghi-NOSPAM@google-NOSPAM.com-NOSPAM"),
            ("^", "(START)", "foo", "(START)foo"),
            ("^", "(START)", "", "(START)"),
            ("$", "(END)", "", "(END)"),
            ("b", "bb", "ababababab", "abbabbabbabbabb"),
            ("b", "bb", "bbbbbb", "bbbbbbbbbbbb"),
            ("b+", "bb", "bbbbbb", "bb"),
            ("b*", "bb", "bbbbbb", "bb"),
            ("b*", "bb", "aaaaa", "bbabbabbabbabbabb"),
            ("a.*a", r"(\0)", "aba\naba", "(aba)\n(aba)"),
        ];
        for (pattern, rewrite, text, want) in cases {
            assert_eq!(replace(pattern, rewrite, text), want, "{pattern:?} {rewrite:?} on {text:?}");
        }
    }

    /// Istio's own examples of `uriRegexRewrite`, and RE2's corners: a
    /// group that did not take part is empty, a group the pattern lacks
    /// changes nothing, `\\` is a backslash, a bad escape ends the rewrite.
    #[test]
    fn rewrites_of_a_path() {
        assert_eq!(replace("^/service/([^/]+)(/.*)$", r"\2/instance/\1", "/service/a/b/c"), "/b/c/instance/a");
        assert_eq!(replace("/z2m(/|$)(.*)", r"/\2", "/z2m/devices"), "/devices");
        assert_eq!(replace("/z2m(/|$)(.*)", r"/\2", "/z2m"), "/");
        assert_eq!(replace("^/api(/v[0-9]+)?/", "/", "/api/users"), "/users");
        assert_eq!(replace("(a)|b", r"[\1]", "ab"), "[a][]");
        assert_eq!(replace("(a)", r"\2", "a"), "a");
        assert_eq!(replace("a", r"x\\y", "a"), r"x\y");
        assert_eq!(replace("a", r"x\qy", "aa"), "xx");
        assert_eq!(replace("^/a", "/b", "/a/a"), "/b/a");
        assert_eq!(replace("/a$", "/b", "/a/a"), "/a/b");
        assert_eq!(replace(r"\bx", "y", "x x"), "y y");
        assert_eq!(replace("(?i)ab", "-", "aBAbab"), "---");
        assert_eq!(replace("x*?", "-", "xx"), "-x-x-");
        assert_eq!(replace("nothing", "-", "/path"), "/path");
    }

    /// The groups found agree with regex-lite's on patterns both read the
    /// same way (ASCII, leftmost-first), at every start position.
    #[test]
    fn groups_agree_with_regex_lite() {
        let patterns = [
            "(a+)(b*)",
            "(a|ab)(c|bcd)(d*)",
            "(a*?)(a*)",
            "/(v[0-9]+)/(.*)",
            "([^/]+)$",
            r"\b(\w+)\b",
            "(x)?y",
            "((a)|(b))+",
            "^/(api|web)(/.*)?$",
            "(?i)(ab)+",
            "(a*)+",
            "(a|b)*?c",
        ];
        let texts =
            ["", "a", "aab", "abcd", "/v1/x/y", "ab ab", "xyy", "abba", "/api/x", "/web", "ABab", "aaac", "bbc"];
        for pattern in patterns {
            let s = searcher(pattern).expect("RE2 compiles it");
            let lite = regex_lite::Regex::new(pattern).expect("regex-lite reads it");
            for text in texts {
                for from in 0..=text.len() {
                    let ours = s.find_at(text.as_bytes(), from);
                    let theirs = lite.captures_at(text, from).map(|c| {
                        (0..s.groups())
                            .flat_map(|i| {
                                let m = c.get(i);
                                [m.map(|m| m.start()), m.map(|m| m.end())]
                            })
                            .collect::<Vec<_>>()
                    });
                    assert_eq!(ours, theirs, "{pattern:?} in {text:?} from {from}");
                }
            }
        }
    }
}
