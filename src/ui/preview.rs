//! The live preview of the bundle: a file tree grouped by environment, the
//! selected file as highlighted YAML, copy and download per file, and a diff
//! against the file as it was imported. Everything here is derived from the
//! bundle memo; file text only ever becomes text nodes.

use super::browser;
use super::i18n::{lang, t};
use super::studio::studio;
use crate::i18n::*;
use crate::view::preview::{groups, keyed_lines, label_of};
use leptos::prelude::*;
use xgen_core::diff::{line_diff, Change};
use xgen_core::highlight::highlight_line;
use xgen_core::layout::{BundleFile, PROJECTS_DIR};

#[component]
pub fn Preview() -> impl IntoView {
    let studio = studio();
    let (snapshot, sources) = (studio.snapshot, studio.sources);
    let on_error = Callback::new(move |e| studio.error(e));
    let selected = RwSignal::new(String::from(PROJECTS_DIR));
    let compare = RwSignal::new(false);
    // The selected file, falling back to the project file when it disappears.
    let current = Memo::new(move |_| {
        snapshot.with(|s| {
            let files = s.rendered.files().unwrap_or_default();
            let want = selected.get();
            s.rendered.file(&want).or_else(|| files.iter().find(|f| f.path.starts_with(PROJECTS_DIR))).cloned()
        })
    });
    let original =
        Memo::new(move |_| current.with(|c| c.as_ref().and_then(|c| sources.with(|s| s.get(&c.path).cloned()))));
    // The tree depends on the list of paths and the selected path only, so an
    // edit that changes file contents re-renders neither the tree nor its
    // thousands of buttons (a 100-service project has 2,500 files).
    let paths = Memo::new(move |_| {
        snapshot.with(|s| s.rendered.files().unwrap_or_default().iter().map(|f| f.path.clone()).collect::<Vec<_>>())
    });
    let current_path = Memo::new(move |_| current.with(|c| c.as_ref().map(|c| c.path.clone())));

    let tree = move || {
        paths.with(|paths| {
            groups(paths)
                .into_iter()
                .map(|g| {
                    let count = g.files.len();
                    let env = g.env;
                    let title = move || {
                        let l = lang();
                        match &env {
                            None => format!("{} ({count})", SOURCES_AND_CHARTS.get(l)),
                            Some(env) => format!("{} ({count})", RENDERED_ENV.fill(l, &[("env", env)])),
                        }
                    };
                    view! {
                        <details class="group" open=true>
                            <summary>{title}</summary>
                            <ul>
                                {g.files
                                    .into_iter()
                                    .map(|path| {
                                        let label = label_of(&path);
                                        let is_selected = {
                                            let path = path.clone();
                                            move || current_path.with(|c| c.as_deref() == Some(path.as_str()))
                                        };
                                        let p = path.clone();
                                        view! {
                                            <li>
                                                <button
                                                    type="button"
                                                    class="file"
                                                    class:selected=is_selected.clone()
                                                    aria-current=move || if is_selected() { "true" } else { "false" }
                                                    title=path.clone()
                                                    translate="no"
                                                    on:click=move |_| selected.set(p.clone())
                                                >
                                                    {label}
                                                </button>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </details>
                    }
                })
                .collect_view()
        })
    };

    // The plain view is keyed by line: an edit re-creates only the lines whose
    // text changed (a line's key is its text and how often that text occurred
    // above it, so inserting a line does not re-key the rest). Re-building
    // every highlighted line on each keystroke dominated edit-to-preview time.
    let lines = Memo::new(move |_| current.with(|c| c.as_ref().map(|f| keyed_lines(&f.text)).unwrap_or_default()));
    let showing_diff = Memo::new(move |_| compare.get() && original.with(Option::is_some));
    let has_file = Memo::new(move |_| current.with(Option::is_some));
    let code = move || {
        if !has_file.get() {
            return view! { <p class="muted">{t(NO_FILE)}</p> }.into_any();
        }
        if showing_diff.get() {
            let diff = move || {
                let (Some(file), Some(old)): (Option<BundleFile>, Option<String>) = (current.get(), original.get())
                else {
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
            return view! {
                <pre class="code diff" data-testid="diff" tabindex="0" role="region" aria-label=t(CHANGES_REGION) translate="no"><code>{diff}</code></pre>
            }
            .into_any();
        }
        view! {
            <pre class="code" data-testid="code" tabindex="0" role="region" aria-label=t(FILE_CONTENTS) translate="no">
                <code>
                    <For each=move || lines.get() key=|l| l.clone() let((line, _))>
                        <span class="line">
                            {highlight_line(&line)
                                .into_iter()
                                .map(|(token, text)| view! { <span class=token.class()>{text.to_owned()}</span> })
                                .collect_view()}
                            "\n"
                        </span>
                    </For>
                </code>
            </pre>
        }
        .into_any()
    };

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

    view! {
        <section class="preview" aria-labelledby="preview-heading">
            <div class="preview-head">
                <h2 id="preview-heading">{t(PREVIEW)}</h2>
                <span class="muted" data-testid="render-stats">
                    {move || {
                        snapshot.with(|s| {
                            let n = s.rendered.files().map_or(0, <[BundleFile]>::len);
                            RENDER_STATS.fill(lang(), &[("n", &n), ("ms", &format!("{:.1}", s.millis))])
                        })
                    }}
                </span>
            </div>
            {move || {
                snapshot
                    .with(|s| s.rendered.files().err().map(ToString::to_string))
                    .map(|e| {
                        view! { <p class="banner error" role="alert">{move || BUNDLE_FAILED.fill(lang(), &[("error", &e)])}</p> }
                    })
            }}
            <div class="preview-body">
                <nav class="tree" aria-label=t(BUNDLE_FILES)>{tree}</nav>
                <div class="viewer">
                    <div class="viewer-head">
                        <span class="mono path" data-testid="selected-path" translate="no">
                            {move || current.with(|c| c.as_ref().map(|c| c.path.clone()).unwrap_or_default())}
                        </span>
                        <label class="compare" class:disabled=move || original.with(Option::is_none)>
                            <input
                                type="checkbox"
                                prop:checked=move || compare.get()
                                prop:disabled=move || original.with(Option::is_none)
                                on:change=move |e| compare.set(event_target_checked(&e))
                            />
                            {t(COMPARE)}
                        </label>
                        <button type="button" on:click=copy>{t(COPY_FILE)}</button>
                        <button type="button" on:click=download>{t(DOWNLOAD_FILE)}</button>
                    </div>
                    {code}
                </div>
            </div>
        </section>
    }
}
