//! The shown file: its path, "Compare with imported", copy and download, and
//! its text as highlighted YAML or as a diff against the imported original.
//! File text only ever becomes text nodes.

use super::state::PreviewState;
use super::tree::path_parts;
use crate::i18n::*;
use crate::ui::browser;
use crate::ui::i18n::t;
use crate::ui::studio::studio;
use crate::view::preview::Chunk;
use leptos::prelude::*;
use xgen_core::diff::{line_diff, Change};
use xgen_core::highlight::highlight_line;

#[component]
pub fn FileViewer(state: PreviewState) -> impl IntoView {
    let has_file = Memo::new(move |_| state.current.with(Option::is_some));
    view! {
        <div class="viewer">
            <ViewerHead state=state />
            {move || {
                if !has_file.get() {
                    view! { <p class="muted">{t(NO_FILE)}</p> }.into_any()
                } else if state.showing_diff.get() {
                    view! { <DiffView state=state /> }.into_any()
                } else {
                    view! { <CodeView state=state /> }.into_any()
                }
            }}
        </div>
    }
}

/// The shown file's path and what one can do with the file.
#[component]
fn ViewerHead(state: PreviewState) -> impl IntoView {
    let studio = studio();
    let on_error = Callback::new(move |e| studio.error(e));
    let (current, original, compare) = (state.current, state.original, state.compare);
    let copy = move |_| {
        if let Some(f) = current.get_untracked() {
            browser::copy_text(f.text.to_string(), on_error);
        }
    };
    let download = move |_| {
        if let Some(f) = current.get_untracked() {
            let name = f.path.rsplit('/').next().unwrap_or("file.yaml").to_owned();
            if let Err(e) = browser::download(&name, "application/yaml", f.text.as_bytes()) {
                on_error.run(e);
            }
        }
    };
    let no_original = move || original.with(Option::is_none);
    view! {
        <div class="viewer-head">
            <span class="mono path" data-testid="selected-path" translate="no">
                {move || current.with(|c| c.as_ref().map(|c| path_parts(&c.path)))}
            </span>
            <label class="compare" class:disabled=no_original>
                <input
                    type="checkbox"
                    prop:checked=move || compare.get()
                    prop:disabled=no_original
                    on:change=move |e| compare.set(event_target_checked(&e))
                />
                {t(COMPARE)}
            </label>
            <button type="button" on:click=copy>{t(COPY_FILE)}</button>
            <button type="button" on:click=download>{t(DOWNLOAD_FILE)}</button>
        </div>
    }
}

/// The file as highlighted YAML, keyed by chunk of lines: an edit re-creates
/// only the chunk it changed, and the stylesheet's `content-visibility: auto`
/// lets the browser skip the chunks out of view. A 100-service project file
/// has 4,000 lines; re-building or even re-laying out all of them dominated
/// an edit.
#[component]
fn CodeView(state: PreviewState) -> impl IntoView {
    let chunks = state.chunks;
    view! {
        <pre class="code" data-testid="code" tabindex="0" role="region" aria-label=t(FILE_CONTENTS) translate="no">
            <code>
                <For each=move || chunks.get() key=|c: &Chunk| c.clone() let(chunk)>
                    <CodeChunk text=chunk.text />
                </For>
            </code>
        </pre>
    }
}

/// A run of lines, each highlighted token its own text node.
#[component]
fn CodeChunk(text: String) -> impl IntoView {
    let lines = text
        .lines()
        .map(|line| {
            view! {
                <span class="line">
                    {highlight_line(line)
                        .into_iter()
                        .map(|(token, text)| view! { <span class=token.class()>{text.to_owned()}</span> })
                        .collect_view()}
                    "\n"
                </span>
            }
        })
        .collect_view();
    view! { <span class="chunk">{lines}</span> }
}

/// The file against the imported original, line by line.
#[component]
fn DiffView(state: PreviewState) -> impl IntoView {
    let (current, original) = (state.current, state.original);
    let lines = move || {
        let (Some(file), Some(old)) = (current.get(), original.get()) else {
            return ().into_any();
        };
        line_diff(&old, &file.text)
            .into_iter()
            .map(|(change, line)| {
                let (class, mark) = match change {
                    Change::Same => ("line", "  "),
                    Change::Removed => ("line removed", "- "),
                    Change::Added => ("line added", "+ "),
                };
                view! { <span class=class><span class="mark" aria-hidden="true">{mark}</span>{line.to_owned()}"\n"</span> }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <pre class="code diff" data-testid="diff" tabindex="0" role="region" aria-label=t(CHANGES_REGION) translate="no"><code>{lines}</code></pre>
    }
}
