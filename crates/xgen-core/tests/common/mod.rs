//! Helpers shared by the native integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use xgen_core::{import, InputFile, ProjectState};

/// The built-in example the page opens on.
pub const EXAMPLE: &str = include_str!("../../../../public/examples/xgen.yaml");

/// This crate's directory (its golden files live under `tests/golden/`).
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The repository's root: the fixtures, the built-in example, `.tools/`.
pub fn repo_root() -> PathBuf {
    crate_dir().join("../..")
}

/// The built-in example, then every project file of `tests/fixtures/projects/`
/// (see its README for where each comes from). A missing directory is a
/// failure, never a silent skip.
pub fn fixture_projects() -> Vec<(String, String)> {
    let mut out = vec![("xgen.yaml".to_owned(), EXAMPLE.to_owned())];
    let dir = repo_root().join("tests/fixtures/projects");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut paths: Vec<PathBuf> =
        entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "yaml")).collect();
    paths.sort();
    assert!(paths.len() >= 2, "{}: expected the fixture projects", dir.display());
    for p in paths {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        out.push((format!("fixtures/{name}"), std::fs::read_to_string(&p).unwrap()));
    }
    out
}

/// The routing fixture (tests/fixtures/routing/): a project file and its
/// values files, laid out like the repository, imported together.
pub fn routing_fixture() -> ProjectState {
    repo_fixture("routing").0
}

/// A fixture laid out like the repository (tests/fixtures/<name>/), imported
/// together; with its files as the user wrote them (path, bytes).
pub fn repo_fixture(name: &str) -> (ProjectState, Vec<(String, Vec<u8>)>) {
    let root = repo_root().join("tests/fixtures").join(name);
    let mut files = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "yaml") {
                let name = path.strip_prefix(&root).unwrap().display().to_string();
                files.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    assert!(files.len() >= 2, "the {name} fixture: a project file and its values files");
    let inputs: Vec<InputFile> = files.iter().map(|(n, b)| InputFile::new(n.clone(), b.clone())).collect();
    let state = import(&ProjectState::empty(), &inputs).unwrap_or_else(|e| panic!("{name} fixture: {e}"));
    (state, files)
}

pub fn load(name: &str, text: &str) -> ProjectState {
    import(&ProjectState::empty(), &[InputFile::new(name, text.as_bytes())]).unwrap_or_else(|e| panic!("{e}"))
}

pub fn example() -> ProjectState {
    load("xgen.yaml", EXAMPLE)
}

pub fn exists(p: &Path) -> bool {
    p.exists()
}

/// The state's rendered snapshot, as the page and the CLI make it.
pub fn rendered(state: &ProjectState) -> xgen_core::rendered::Rendered {
    xgen_core::rendered::render(state)
}

/// Every file of the state's bundle.
pub fn files(state: &ProjectState) -> Vec<xgen_core::layout::BundleFile> {
    rendered(state).files().unwrap().to_vec()
}

/// The problems list of a state, with the PromQL parser (as the CLI runs it).
pub fn lint(state: &ProjectState) -> Vec<xgen_core::checks::Problem> {
    xgen_core::checks::run_all(state, &rendered(state), &xgen_core::checks::xs406_promql_syntax::Parser)
}

/// The Helm binary the parity tests run: `$HELM`, else `.tools/bin/helm`
/// (scripts/install-helm.py), else `helm` on PATH.
pub fn helm() -> PathBuf {
    if let Some(h) = std::env::var_os("HELM") {
        return h.into();
    }
    let local = repo_root().join(".tools/bin/helm");
    if local.exists() {
        return local;
    }
    "helm".into()
}

/// A `--set` argument as Argo CD passes an Application parameter to Helm
/// (`cleanSetParameters`, util/helm/cmd.go): a value wrapped in `{}` is a
/// Helm list and passed as it is; otherwise every comma not already escaped
/// is escaped. The name is passed as it is. The tests keep their own copy of
/// this rule rather than the core's, so that they check the core's.
pub fn argo_set(name: &str, value: &str) -> String {
    if value.starts_with('{') && value.ends_with('}') {
        return format!("{name}={value}");
    }
    let mut out = String::new();
    let mut prev = '\0';
    for c in value.chars() {
        if c == ',' && prev != '\\' {
            out.push_str("\\,");
        } else {
            out.push(c);
        }
        prev = c;
    }
    format!("{name}={out}")
}

/// A small, seeded generator (xorshift64*): the same seed, the same edits.
/// Shared by the property tests that make random edits.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        (!items.is_empty()).then(|| &items[self.below(items.len())])
    }
}
