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
