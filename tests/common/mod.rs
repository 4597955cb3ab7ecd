//! Helpers shared by the native integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use xgen_studio::core::{import, InputFile, ProjectState};

/// The built-in example the page opens on.
pub const EXAMPLE: &str = include_str!("../../public/examples/xgen.yaml");

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The example project files from `../shared/fixtures/projects/` (beside the
/// repository in development and in CI), plus the built-in example.
pub fn fixture_projects() -> Vec<(String, String)> {
    let mut out = vec![("xgen.yaml".to_owned(), EXAMPLE.to_owned())];
    let dir = manifest_dir().join("../shared/fixtures/projects");
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            out.push((format!("shared/{name}"), std::fs::read_to_string(&p).unwrap()));
        }
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
