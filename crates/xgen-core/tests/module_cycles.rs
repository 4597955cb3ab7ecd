//! ARCHITECTURE.md's invariant: the core's modules form no cycle. Every
//! `crate::…`, `super::…` and `self::…` path in code (not in comments) is an
//! edge from the file that names it to the module it reaches; a module and
//! its own parent or children are one piece and not counted.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn modules(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            modules(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).unwrap().with_extension("");
            let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
            if parts.last().is_some_and(|p| p == "mod") {
                parts.pop();
            }
            if parts == ["lib"] {
                continue;
            }
            out.insert(parts.join("::"), std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// The code of a file without comments and without its test module.
fn code(src: &str) -> String {
    let src = src.split("#[cfg(test)]\nmod tests").next().unwrap();
    src.lines().map(|l| l.split("//").next().unwrap()).collect::<Vec<_>>().join("\n")
}

fn resolve(modules: &BTreeMap<String, String>, from: &str, path: &[&str]) -> Option<String> {
    let mut base: Vec<&str> = from.split("::").collect();
    let mut segs = path;
    match segs.first() {
        Some(&"crate") => base.clear(),
        Some(&"self") => {}
        Some(&"super") => {
            base.pop();
            while segs.get(1) == Some(&"super") {
                base.pop();
                segs = &segs[1..];
            }
        }
        _ => return None,
    }
    let mut cand: Vec<&str> = base.into_iter().chain(segs[1..].iter().copied()).collect();
    while !cand.is_empty() {
        let key = cand.join("::");
        if modules.contains_key(&key) {
            return Some(key);
        }
        cand.pop();
    }
    None
}

fn related(a: &str, b: &str) -> bool {
    a == b || a.starts_with(&format!("{b}::")) || b.starts_with(&format!("{a}::"))
}

#[test]
fn the_core_has_no_module_cycle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut mods = BTreeMap::new();
    modules(&root, &root, &mut mods);
    assert!(mods.len() > 50, "the core's modules: {}", mods.len());
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, src) in &mods {
        let code = code(src);
        let bytes = code.as_bytes();
        let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b':';
        let mut skip_to = 0;
        for (i, _) in code.char_indices() {
            if i < skip_to {
                continue;
            }
            let starts = ["crate::", "super::", "self::"].iter().any(|p| code[i..].starts_with(p));
            if starts && (i == 0 || !ident(bytes[i - 1])) {
                let end = code[i..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                    .map_or(code.len(), |n| i + n);
                let path: Vec<&str> = code[i..end].split("::").filter(|s| !s.is_empty()).collect();
                if let Some(to) = resolve(&mods, m, &path) {
                    if !related(m, &to) {
                        edges.entry(m.clone()).or_default().insert(to);
                    }
                }
                skip_to = end;
            }
        }
    }
    // Depth-first search for a back edge; the cycle is named if found.
    fn visit(
        m: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(m.to_owned(), 1);
        stack.push(m.to_owned());
        for to in edges.get(m).into_iter().flatten() {
            match state.get(to.as_str()) {
                Some(1) => {
                    let at = stack.iter().position(|s| s == to).unwrap();
                    let mut cycle = stack[at..].to_vec();
                    cycle.push(to.clone());
                    return Some(cycle);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(to, edges, state, stack) {
                        return Some(c);
                    }
                }
            }
        }
        stack.pop();
        state.insert(m.to_owned(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in mods.keys() {
        if !state.contains_key(m) {
            if let Some(cycle) = visit(m, &edges, &mut state, &mut Vec::new()) {
                panic!("a module cycle in the core: {}", cycle.join(" -> "));
            }
        }
    }
}
