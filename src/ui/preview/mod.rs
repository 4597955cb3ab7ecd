//! The live preview of the bundle: a file tree grouped by environment
//! (`tree`), the selected file as highlighted YAML, copy and download per
//! file, and a diff against the file as it was imported (`viewer`).
//! Everything here is derived from the snapshot through `state`; file text
//! only ever becomes text nodes.

mod state;
mod tree;
mod viewer;

use crate::i18n::*;
use crate::ui::browser;
use crate::ui::i18n::{lang, t};
use crate::ui::studio::studio;
use leptos::prelude::*;
use state::PreviewState;
use tree::FileTree;
use viewer::FileViewer;
use xgen_core::layout::BundleFile;

#[component]
pub fn Preview() -> impl IntoView {
    let state = PreviewState::new(studio());
    view! {
        <section class="preview" aria-labelledby="preview-heading">
            <PreviewHead />
            <BundleError />
            <PreviewTools state=state />
            <div class="preview-body" class:files-open=move || state.files_open.get()>
                <FilesToggle state=state />
                <FileTree state=state />
                <FileViewer state=state />
            </div>
        </section>
    }
}

/// The heading, with how many files the bundle has and how long the last
/// render took.
#[component]
fn PreviewHead() -> impl IntoView {
    let snapshot = studio().snapshot;
    view! {
        <div class="preview-head">
            <h2 id="preview-heading">{t(PREVIEW)}</h2>
            <span class="muted" data-testid="render-stats" data-wasm-memory=move || { snapshot.track(); browser::wasm_memory_bytes() }>
                {move || {
                    snapshot.with(|s| {
                        let n = s.rendered.files().map_or(0, <[BundleFile]>::len);
                        RENDER_STATS.fill(lang(), &[("n", &n), ("ms", &format!("{:.1}", s.millis))])
                    })
                }}
            </span>
        </div>
    }
}

/// Why there is no bundle, when the project cannot make one.
#[component]
fn BundleError() -> impl IntoView {
    let snapshot = studio().snapshot;
    move || {
        snapshot
            .with(|s| s.rendered.files().err().map(ToString::to_string))
            .map(|e| view! { <p class="banner error" role="alert">{move || BUNDLE_FAILED.fill(lang(), &[("error", &e)])}</p> })
    }
}

/// The filter box, how many files it lets through, and how many files the
/// last change touched.
#[component]
fn PreviewTools(state: PreviewState) -> impl IntoView {
    let (query, shown_paths, paths, changed) = (state.query, state.shown_paths, state.paths, state.changed);
    view! {
        <div class="preview-tools">
            <input
                type="search"
                class="file-filter"
                data-testid="file-filter"
                aria-label=t(FILTER_FILES)
                placeholder=t(FILTER_FILES_PLACEHOLDER)
                spellcheck="false"
                prop:value=move || query.get()
                on:input=move |e| query.set(event_target_value(&e))
            />
            <span class="muted" data-testid="filter-count">
                {move || {
                    let (shown, all) = (shown_paths.with(Vec::len), paths.with(Vec::len));
                    match shown {
                        _ if shown == all => String::new(),
                        0 => NO_FILES_MATCH.get(lang()).to_owned(),
                        _ => FILES_SHOWN.fill(lang(), &[("n", &shown), ("all", &all)]),
                    }
                }}
            </span>
            <span class="changed-count" data-testid="changed-count">
                {move || match changed.with(|c| c.len()) {
                    0 => String::new(),
                    1 => LAST_EDIT_CHANGED_ONE.get(lang()).to_owned(),
                    n => LAST_EDIT_CHANGED.fill(lang(), &[("n", &n)]),
                }}
            </span>
        </div>
    }
}

/// On a narrow screen (the stylesheet shows it there only), the file list
/// folds away above the file: this button says how many files the list
/// holds, and unfolds it.
#[component]
fn FilesToggle(state: PreviewState) -> impl IntoView {
    let (open, shown_paths) = (state.files_open, state.shown_paths);
    view! {
        <button
            type="button"
            class="files-toggle"
            data-testid="files-toggle"
            aria-controls="preview-files"
            aria-expanded=move || if open.get() { "true" } else { "false" }
            on:click=move |_| open.update(|o| *o = !*o)
        >
            {move || FILES_TOGGLE.fill(lang(), &[("n", &shown_paths.with(Vec::len))])}
        </button>
    }
}
