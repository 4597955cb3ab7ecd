//! Import of arbitrary bytes, onto an empty state and onto the example: an
//! error or a new state, never a panic.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use xgen_core::{import, InputFile, ProjectState};

fn example() -> &'static ProjectState {
    static EXAMPLE: OnceLock<ProjectState> = OnceLock::new();
    EXAMPLE.get_or_init(|| {
        let text = include_str!("../../public/examples/xgen.yaml");
        import(&ProjectState::empty(), &[InputFile::new("xgen.yaml", text)]).expect("the example imports")
    })
}

fuzz_target!(|data: &[u8]| {
    let Some(file) = common::input_file(data) else { return };
    let _ = import(&ProjectState::empty(), std::slice::from_ref(&file));
    let _ = import(example(), &[file]);
});
