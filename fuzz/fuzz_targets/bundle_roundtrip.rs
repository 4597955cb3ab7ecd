//! Every bundle the studio writes re-imports to the state it came from, and
//! exports the same bytes again.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use xgen_core::bundle::bundle_zip;
use xgen_core::rendered::render;
use xgen_core::{import, InputFile, ProjectState};

fuzz_target!(|data: &[u8]| {
    let Some(file) = common::input_file(data) else { return };
    let Ok(state) = import(&ProjectState::empty(), &[file]) else { return };
    let Ok(zip) = bundle_zip(&render(&state)) else { return };
    // Re-imported as a person imports it, so the files keep their text.
    let back = import(&ProjectState::empty(), &[InputFile::new("bundle.zip", zip.clone())])
        .expect("a bundle the studio wrote re-imports");
    assert_eq!(back, state, "the re-imported state differs");
    assert_eq!(bundle_zip(&render(&back)).expect("exports again"), zip, "the second export differs");
});
