//! The live preview of the bundle: a file tree grouped by environment, the
//! selected file as highlighted YAML, copy and download per file, and a diff
//! against the file as it was imported. Everything here is derived from the
//! bundle memo; file text only ever becomes text nodes.

use super::browser;
use super::i18n::{lang, t};
use super::reruns::tick;
use super::slices::Slices;
use super::studio::studio;
use crate::i18n::*;
use crate::view::preview::{chunks, filtered, groups, label_of, Chunk};
use leptos::prelude::*;
use xgen_core::diff::{line_diff, Change};
use xgen_core::highlight::highlight_line;
use xgen_core::layout::{rendered_env, BundleFile, PROJECTS_DIR};

#[component]
pub fn Preview() -> impl IntoView {
    let studio = studio();
    let (snapshot, sources) = (studio.snapshot, studio.sources);
    let on_error = Callback::new(move |e| studio.error(e));
    let selected = RwSignal::new(String::from(PROJECTS_DIR));
    let compare = RwSignal::new(false);
    // The tree depends on the list of paths only, and these two are signals
    // set when their value changes, not memos over the snapshot: an edit
    // that changes file contents then wakes none of the tree's thousands of
    // buttons (a 100-service project has 2,500 files), not even to check.
    let paths = RwSignal::new(Vec::<String>::new());
    // The files the last change rewrote or added, marked in the tree. The
    // previous snapshot is kept to compare texts; the first one marks nothing.
    let changed = RwSignal::new(std::collections::HashSet::<String>::new());
    // Another project (an import, the example at start: a new generation,
    // `Editor::generation`) marks nothing; a renamed project keeps its marks.
    let previous = StoredValue::new(None::<(u64, std::sync::Arc<xgen_core::rendered::Rendered>)>);
    Effect::new(move |_| {
        tick();
        let (now, rendered, now_generation) = snapshot.with(|s| {
            let paths = s.rendered.files().unwrap_or_default().iter().map(|f| f.path.to_string()).collect();
            (paths, s.rendered.clone(), s.generation)
        });
        let touched: std::collections::HashSet<String> = previous.with_value(|prev| match prev {
            Some((was, prev)) if *was == now_generation => rendered
                .files()
                .unwrap_or_default()
                .iter()
                .filter(|f| prev.file(&f.path).is_none_or(|old| old.text != f.text))
                .map(|f| f.path.to_string())
                .collect(),
            _ => Default::default(),
        });
        previous.set_value(Some((now_generation, rendered)));
        if changed.with_untracked(|c| *c != touched) {
            changed.set(touched);
        }
        if paths.with_untracked(|p| *p != now) {
            paths.set(now);
        }
    });
    let query = RwSignal::new(String::new());
    // The selected path, falling back to the project file when it disappears.
    let current_path = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        tick();
        let want = selected.get();
        let now = paths.with(|p| {
            if p.binary_search(&want).is_ok() {
                Some(want)
            } else {
                p.iter().find(|p| p.starts_with(PROJECTS_DIR)).cloned()
            }
        });
        if current_path.with_untracked(|c| *c != now) {
            current_path.set(now);
        }
    });
    let current = Memo::new(move |_| {
        tick();
        let path = current_path.get();
        path.and_then(|p| snapshot.with(|s| s.rendered.file(&p).cloned()))
    });
    let original = Memo::new(move |_| {
        current.with(|c| c.as_ref().and_then(|c| sources.with(|s| s.get(c.path.as_str()).cloned())))
    });
    let shown_paths = Memo::new(move |_| query.with(|q| paths.with(|p| filtered(p, q))));
    let tree_groups = Memo::new(move |_| shown_paths.with(|p| groups(p)));
    // A large bundle opens with only the sources and the selected file's
    // group unfolded; a small one, all of them.
    let small = Memo::new(move |_| paths.with(|p| p.len() <= 400));
    // Each file button reads its own "changed" and "selected" marks (keyed
    // slices, ui::slices): an edit that marks other files, or selecting
    // another file, wakes only the buttons whose mark flips, not thousands.
    let changed_marks = Slices::new(move || changed.with(|c| c.iter().map(|p| (p.clone(), ())).collect()));
    let selected_mark = Slices::new(move || current_path.with(|c| c.iter().map(|p| (p.clone(), ())).collect()));
    let file_button = move |path: String| {
        let label = label_of(&path);
        let selected_slice = selected_mark.get(path.clone());
        let is_selected = move || {
            tick();
            selected_slice.with(Option::is_some)
        };
        let p = path.clone();
        let changed_slice = changed_marks.get(path.clone());
        let was_changed = move || {
            tick();
            changed_slice.with(Option::is_some)
        };
        // Breaks only after a `/`: a file name never splits mid-word.
        let label: Vec<_> = label.split_inclusive('/').map(|part| view! { {part.to_owned()}<wbr /> }).collect();
        view! {
            <li>
                <button
                    type="button"
                    class="file"
                    class:changed=was_changed
                    class:selected=is_selected
                    aria-current=move || if is_selected() { "true" } else { "false" }
                    title=path.clone()
                    translate="no"
                    on:click=move |_| selected.set(p.clone())
                >
                    {label}
                </button>
            </li>
        }
    };
    // Keyed lists: a project of another shape changes only the groups and
    // files that differ, and each button's reactive parts go with it.
    let tree = move || {
        view! {
            <For each=move || tree_groups.with(|g| g.iter().map(|g| g.env.clone()).collect::<Vec<_>>()) key=|env| env.clone() let(env)>
                {
                    let files = {
                        let env = env.clone();
                        move || tree_groups.with(|g| g.iter().find(|g| g.env == env).map(|g| g.files.clone()).unwrap_or_default())
                    };
                    let count = {
                        let files = files.clone();
                        Memo::new(move |_| files().len())
                    };
                    let open = small.get_untracked()
                        || env.is_none()
                        || current_path.with_untracked(|c| c.as_deref().and_then(rendered_env) == env.as_deref());
                    let title = {
                        let env = env.clone();
                        move || {
                            let l = lang();
                            let count = count.get();
                            match &env {
                                None => format!("{} ({count})", SOURCES_AND_CHARTS.get(l)),
                                Some(env) => format!("{} ({count})", RENDERED_ENV.fill(l, &[("env", env)])),
                            }
                        }
                    };
                    view! {
                        <details class="group" open=open>
                            <summary>{title}</summary>
                            <ul>
                                <For each=files key=|path| path.clone() let(path)>
                                    {file_button(path)}
                                </For>
                            </ul>
                        </details>
                    }
                }
            </For>
        }
    };

    // The plain view is keyed by chunk of lines (content-defined, see
    // `view::preview::chunks`): an edit re-creates only the chunk it changed,
    // and the stylesheet's `content-visibility: auto` lets the browser skip
    // the chunks out of view. A 100-service project file has 4,000 lines;
    // re-building or even re-laying out all of them dominated an edit.
    let chunks = Memo::new(move |_| {
        tick();
        current.with(|c| c.as_ref().map(|f| chunks(&f.text)).unwrap_or_default())
    });
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
                    <For each=move || chunks.get() key=|c: &Chunk| c.clone() let(chunk)>
                        <span class="chunk">
                            {chunk
                                .text
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
                                .collect_view()}
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
                <span class="muted" data-testid="render-stats" data-wasm-memory=move || { snapshot.track(); browser::wasm_memory_bytes() }>
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
            <div class="preview-body">
                <nav class="tree" aria-label=t(BUNDLE_FILES)>{tree}</nav>
                <div class="viewer">
                    <div class="viewer-head">
                        <span class="mono path" data-testid="selected-path" translate="no">
                            {move || current.with(|c| c.as_ref().map(|c| c.path.to_string()).unwrap_or_default())}
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
