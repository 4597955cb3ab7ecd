//! The browser UI (wasm32 only): a thin Leptos layer over `xgen_core`.
//!
//! One source of truth, the `ProjectState` signal of `studio::Studio`;
//! everything shown is derived from it and its one rendered snapshot with
//! memos. Every piece of user text reaches the page as a text node, never as
//! HTML.

mod app;
mod autosave;
mod banner;
#[cfg(feature = "bench")]
mod bench;
mod browser;
mod changes;
mod code_text;
mod download;
mod dropzone;
mod editor;
mod folder;
mod forms;
mod header;
mod i18n;
mod import_panel;
mod importing;
mod objects_import;
mod overview;
mod preview;
mod problems;
mod promql;
mod reruns;
mod save;
mod sections;
mod share;
mod shortcuts;
mod slices;
mod startup;
mod sticky;
mod storage;
mod studio;
mod summary;

pub fn start() {
    console_error_panic_hook::set_once();
    reruns::expose();
    #[cfg(feature = "bench")]
    if bench::requested() {
        leptos::mount::mount_to_body(bench::MatcherBench);
        return;
    }
    leptos::mount::mount_to_body(app::App);
}
