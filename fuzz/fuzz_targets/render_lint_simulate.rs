//! Any project that imports renders, lints and simulates without a panic.
//! The input's tail after a NUL byte is the URL to simulate.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use xgen_core::bundle::bundle_files;
use xgen_core::checks::run_all;
use xgen_core::simulator::simulate;
use xgen_core::{import, ProjectState};

fuzz_target!(|data: &[u8]| {
    let (file_part, url) = match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], String::from_utf8_lossy(&data[i + 1..]).into_owned()),
        None => (data, "https://xgen.x2bee.com/api/v1".to_owned()),
    };
    let Some(file) = common::input_file(file_part) else { return };
    let Ok(state) = import(&ProjectState::empty(), &[file]) else { return };
    let _ = bundle_files(&state);
    let _ = run_all(&state);
    for env in state.project.environment_names() {
        let _ = simulate(&state, &env, &url);
    }
});
