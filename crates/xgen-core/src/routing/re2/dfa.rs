//! Matching a path with RE2's own program, as a lazily built DFA (the way
//! RE2 itself runs a full match, re2/dfa.cc, in spirit): a state is the set
//! of instructions the threads wait at, built the first time it is reached
//! and kept, so a path costs one table look-up per byte once its states
//! are known. A new state costs one pass over the program; the cache is
//! emptied when it holds too many, so no path costs more than its length
//! times the program's size, and RE2's program-size limit bounds that.
//!
//! Empty-width assertions (`^`, `$`, `\b`, `\B`) depend on the byte before
//! and the byte after a position: a state keeps the threads before their
//! assertions are checked, with what the byte before was, and checks them
//! once the next byte is read.

use super::prog::{compile, Compiled, Empty, Kind};
use super::Re;
use std::collections::HashMap;
use std::sync::Mutex;

/// At most this many states, holding at most this many threads in all, are
/// kept; past either the cache starts over.
const MAX_STATES: usize = 1024;
const MAX_THREADS: usize = 1 << 20;

/// What the byte before a position was, as far as assertions care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Before {
    Start,
    Newline,
    Word,
    Other,
}

pub(super) fn before(c: u8) -> Before {
    match c {
        b'\n' => Before::Newline,
        c if is_word(c) => Before::Word,
        _ => Before::Other,
    }
}

fn is_word(c: u8) -> bool {
    c == b'_' || c.is_ascii_alphanumeric()
}

/// Whether an assertion holds between `before` and the byte `after`
/// (None: the end of the text).
pub(super) fn holds(op: Empty, before: Before, after: Option<u8>) -> bool {
    let word_before = before == Before::Word;
    let word_after = after.is_some_and(is_word);
    match op {
        Empty::BeginText => before == Before::Start,
        Empty::BeginLine => matches!(before, Before::Start | Before::Newline),
        Empty::EndText => after.is_none(),
        Empty::EndLine => after.is_none_or(|c| c == b'\n'),
        Empty::WordBoundary => word_before != word_after,
        Empty::NonWordBoundary => word_before == word_after,
    }
}

#[derive(Default)]
struct Cache {
    /// The instructions a closure has seen, by generation (no clearing).
    seen: Vec<u32>,
    generation: u32,
    stack: Vec<u32>,
    threads: usize,
    ids: HashMap<(Vec<u32>, Before), usize>,
    states: Vec<(Vec<u32>, Before)>,
    /// Per state, the next state for each byte (usize::MAX: not built yet).
    next: Vec<[usize; 256]>,
    /// Per state, whether a match is reached at the end of the text.
    accepts: Vec<Option<bool>>,
}

/// A full matcher for one regex.
pub struct Dfa {
    prog: Compiled,
    /// Whether any assertion depends on the byte before a position.
    needs_before: bool,
    cache: Mutex<Cache>,
}

impl std::fmt::Debug for Dfa {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "Dfa({} instructions)", self.prog.inst.len())
    }
}

/// The dead state: no thread left.
const DEAD: usize = usize::MAX - 1;
const UNBUILT: usize = usize::MAX;

impl Dfa {
    pub(super) fn new(re: &Re) -> Option<Dfa> {
        let prog = compile(re)?;
        let needs_before = prog.inst.iter().any(|i| matches!(i.kind, Kind::EmptyWidth(_)));
        Some(Dfa { prog, needs_before, cache: Mutex::new(Cache::default()) })
    }

    /// Whether the whole of `text` matches (`RE2::FullMatch`).
    pub fn full_match(&self, text: &[u8]) -> bool {
        if self.prog.start == 0 {
            return false;
        }
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        let mut state = self.state(&mut cache, vec![self.prog.start], Before::Start);
        for &c in text {
            if state == DEAD {
                return false;
            }
            let mut next = cache.next[state][c as usize];
            if next == UNBUILT {
                next = self.step(&mut cache, state, c);
                if next == UNBUILT {
                    // The cache was emptied: rebuild from the threads kept.
                    return self.finish_uncached(&mut cache, text, c);
                }
            }
            state = next;
        }
        state != DEAD && self.accepts(&mut cache, state)
    }

    /// The id of the state for `threads` after a byte of kind `before`.
    fn state(&self, cache: &mut Cache, mut threads: Vec<u32>, before: Before) -> usize {
        if threads.is_empty() {
            return DEAD;
        }
        threads.sort_unstable();
        threads.dedup();
        let before = if self.needs_before { before } else { Before::Other };
        let key = (threads, before);
        if let Some(&id) = cache.ids.get(&key) {
            return id;
        }
        let id = cache.states.len();
        cache.threads += key.0.len();
        cache.ids.insert(key.clone(), id);
        cache.states.push(key);
        cache.next.push([UNBUILT; 256]);
        cache.accepts.push(None);
        id
    }

    /// Follows the threads through alternations, no-ops, captures and the
    /// assertions that hold; calls `reached` with each byte range or match.
    fn closure(
        &self,
        cache: &mut Cache,
        threads: &[u32],
        before: Before,
        after: Option<u8>,
        mut reached: impl FnMut(u32),
    ) {
        let inst = &self.prog.inst;
        if cache.seen.len() != inst.len() || cache.generation == u32::MAX {
            cache.seen = vec![0; inst.len()];
            cache.generation = 0;
        }
        cache.generation += 1;
        let generation = cache.generation;
        let mut stack = std::mem::take(&mut cache.stack);
        stack.clear();
        stack.extend_from_slice(threads);
        while let Some(id) = stack.pop() {
            if id == 0 || cache.seen[id as usize] == generation {
                continue;
            }
            cache.seen[id as usize] = generation;
            let ip = inst[id as usize];
            match ip.kind {
                Kind::Alt | Kind::AltMatch => {
                    stack.push(ip.out1);
                    stack.push(ip.out);
                }
                Kind::Nop | Kind::Capture(_) => stack.push(ip.out),
                Kind::EmptyWidth(op) => {
                    if holds(op, before, after) {
                        stack.push(ip.out);
                    }
                }
                Kind::Byte(..) | Kind::Match => reached(id),
                Kind::Fail => {}
            }
        }
        cache.stack = stack;
    }

    /// The threads after reading `c` from `threads`.
    fn advance(&self, cache: &mut Cache, threads: &[u32], before: Before, c: u8) -> Vec<u32> {
        let inst = &self.prog.inst;
        let mut next = Vec::new();
        self.closure(cache, threads, before, Some(c), |id| {
            if let Kind::Byte(lo, hi, fold) = inst[id as usize].kind {
                let c = if fold && c.is_ascii_uppercase() { c + 32 } else { c };
                if lo <= c && c <= hi {
                    next.push(inst[id as usize].out);
                }
            }
        });
        next
    }

    /// Builds the transition of `state` on `c`; UNBUILT when the cache had
    /// to be emptied first.
    fn step(&self, cache: &mut Cache, state: usize, c: u8) -> usize {
        if cache.states.len() >= MAX_STATES || cache.threads >= MAX_THREADS {
            cache.clear();
            return UNBUILT;
        }
        let (threads, b) = cache.states[state].clone();
        let next = self.advance(cache, &threads, b, c);
        let id = self.state(cache, next, before(c));
        cache.next[state][c as usize] = id;
        id
    }

    /// Whether the threads of `state` reach a match at the end of the text.
    fn accepts(&self, cache: &mut Cache, state: usize) -> bool {
        if let Some(a) = cache.accepts[state] {
            return a;
        }
        let (threads, b) = cache.states[state].clone();
        let mut accepts = false;
        self.closure(cache, &threads, b, None, |id| accepts |= self.prog.inst[id as usize].kind == Kind::Match);
        cache.accepts[state] = Some(accepts);
        accepts
    }

    /// After the cache overflowed: runs the threads over the whole text
    /// again without it (each byte one pass over the program at most).
    fn finish_uncached(&self, cache: &mut Cache, text: &[u8], _at: u8) -> bool {
        cache.clear();
        let mut threads = vec![self.prog.start];
        let mut b = Before::Start;
        for &c in text {
            threads = self.advance(cache, &threads, b, c);
            threads.sort_unstable();
            threads.dedup();
            if threads.is_empty() {
                return false;
            }
            b = before(c);
        }
        let mut accepts = false;
        self.closure(cache, &threads, b, None, |id| accepts |= self.prog.inst[id as usize].kind == Kind::Match);
        accepts
    }
}

impl Cache {
    /// Forgets the states, keeps the scratch space.
    fn clear(&mut self) {
        self.ids.clear();
        self.states.clear();
        self.next.clear();
        self.accepts.clear();
        self.threads = 0;
    }
}
