//! Any project that imports renders, lints, simulates and diffs against the
//! built-in example (change impact; none against itself) without a panic, and
//! a renderer that rendered the previous inputs (the built-in example first)
//! gives the same snapshot as a fresh one. The input's tail after a NUL byte
//! is the URL to simulate.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use xgen_core::checks::{run_all, xs406_promql_syntax::Parser};
use xgen_core::rendered::{render, Renderer};
use xgen_core::simulator::simulate;
use xgen_core::{import, InputFile, ProjectState};

fuzz_target!(|data: &[u8]| {
    let (file_part, url) = match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], String::from_utf8_lossy(&data[i + 1..]).into_owned()),
        None => (data, "https://xgen.x2bee.com/api/v1".to_owned()),
    };
    let Some(file) = common::input_file(file_part) else { return };
    let Ok(state) = import(&ProjectState::empty(), &[file]) else { return };
    let fresh = render(&state);
    let _ = run_all(&state, &fresh, &Parser);
    for env in state.project.environment_names() {
        let _ = simulate(&fresh, &env, &url);
    }
    assert!(xgen_core::impact::impact(&fresh, &fresh).is_empty(), "a state differs from itself");
    EXAMPLE.with(|example| {
        let _ = xgen_core::impact::impact(example, &fresh);
    });
    RENDERER.with_borrow_mut(|renderer| {
        assert_eq!(renderer.render(&state).files(), fresh.files(), "an incremental render differs from a fresh one");
    });
});

thread_local! {
    /// The built-in example's snapshot, the base of the change impact.
    static EXAMPLE: xgen_core::rendered::Rendered = {
        let example = include_str!("../../public/examples/xgen.yaml");
        render(&import(&ProjectState::empty(), &[InputFile::new("xgen.yaml", example)]).expect("the example imports"))
    };
    /// Kept from one input to the next, so each render is incremental.
    static RENDERER: std::cell::RefCell<Renderer> = std::cell::RefCell::new({
        let example = include_str!("../../public/examples/xgen.yaml");
        let example = import(&ProjectState::empty(), &[InputFile::new("xgen.yaml", example)]).expect("the example imports");
        let mut renderer = Renderer::new();
        renderer.render(&example);
        renderer
    });
}
