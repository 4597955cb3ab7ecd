//! The browser UI (wasm32 only): a thin Leptos layer over `xgen_core`.
//!
//! One source of truth, the `ProjectState` signal in [`app::App`]; everything
//! shown (summary, problems, the bundle) is derived from it with memos. Every
//! piece of user text reaches the page as a text node, never as HTML.

mod app;
mod bench;
mod browser;
mod editor;
mod forms;
mod i18n;
mod preview;
mod problems;
mod promql;
mod sections;
mod summary;

pub fn start() {
    console_error_panic_hook::set_once();
    if bench::requested() {
        leptos::mount::mount_to_body(bench::MatcherBench);
    } else {
        leptos::mount::mount_to_body(app::App);
    }
}
