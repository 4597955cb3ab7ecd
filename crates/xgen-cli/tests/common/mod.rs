//! Helpers shared by the CLI's tests.
#![allow(dead_code)]

use std::path::PathBuf;
use xgen_core::{import, InputFile, ProjectState};

/// The repository's root: the built-in example and the fixtures.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The built-in example the page opens on, as a path for the command line.
pub fn example_path() -> String {
    repo_root().join("public/examples/xgen.yaml").display().to_string()
}

/// The built-in example, loaded as the CLI loads it.
pub fn example() -> ProjectState {
    let text = std::fs::read(example_path()).unwrap();
    import(&ProjectState::empty(), &[InputFile::new("xgen.yaml", text)]).unwrap()
}
