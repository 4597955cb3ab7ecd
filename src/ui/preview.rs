//! The live preview of the bundle: a file tree grouped by environment, the
//! selected file as highlighted YAML, copy and download per file, and a diff
//! against the file as it was imported. Everything here is derived from the
//! bundle memo; file text only ever becomes text nodes.

use super::browser;
use super::i18n::{lang, t, Msg};
use crate::i18n::*;
use leptos::prelude::*;
use std::collections::BTreeMap;
use xgen_core::bundle::BundleFile;
use xgen_core::diff::{line_diff, Change};
use xgen_core::highlight::highlight_line;

/// The bundle and how long it took to build (render included), in ms.
#[derive(Clone, PartialEq, Default)]
pub struct BundleView {
    pub files: Vec<BundleFile>,
    pub millis: f64,
    pub error: Option<String>,
}

/// A group of the tree: "Sources", or one environment's rendered objects.
struct Group {
    /// The environment; None for the sources and charts.
    env: Option<String>,
    files: Vec<String>,
}

fn groups(paths: &[String]) -> Vec<Group> {
    let mut sources = Vec::new();
    let mut envs: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for path in paths {
        match path.strip_prefix("rendered/").and_then(|r| r.split_once('/')) {
            Some((env, _)) => envs.entry(env.to_owned()).or_default().push(path.clone()),
            None => sources.push(path.clone()),
        }
    }
    std::iter::once(Group { env: None, files: sources })
        .chain(envs.into_iter().map(|(env, files)| Group { env: Some(env), files }))
        .collect()
}

/// The tree shows paths within their group: `xgen-frontend/deployment.yaml`
/// under an environment, `argocd/projects/xgen.yaml` under the sources.
fn label_of(path: &str) -> String {
    match path.strip_prefix("rendered/").and_then(|r| r.split_once('/')) {
        Some((_, rest)) => rest.to_owned(),
        None => path.strip_prefix("k3s/").unwrap_or(path).to_owned(),
    }
}

/// Each line with the number of times the same text occurred before it: a
/// unique, stable key per line.
fn keyed_lines(text: &str) -> Vec<(String, usize)> {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    text.lines()
        .map(|line| {
            let n = seen.entry(line).or_insert(0);
            *n += 1;
            (line.to_owned(), *n)
        })
        .collect()
}

#[component]
pub fn Preview(
    bundle: Memo<BundleView>,
    sources: RwSignal<BTreeMap<String, String>>,
    on_error: Callback<Msg>,
) -> impl IntoView {
    let selected = RwSignal::new(String::from("k3s/argocd/projects/"));
    let compare = RwSignal::new(false);
    // The selected file, falling back to the project file when it disappears.
    let current = Memo::new(move |_| {
        bundle.with(|b| {
            let want = selected.get();
            b.files
                .iter()
                .find(|f| f.path == want)
                .or_else(|| b.files.iter().find(|f| f.path.starts_with("k3s/argocd/projects/")))
                .cloned()
        })
    });
    let original =
        Memo::new(move |_| current.with(|c| c.as_ref().and_then(|c| sources.with(|s| s.get(&c.path).cloned()))));
    // The tree depends on the list of paths and the selected path only, so an
    // edit that changes file contents re-renders neither the tree nor its
    // thousands of buttons (a 100-service project has 2,500 files).
    let paths = Memo::new(move |_| bundle.with(|b| b.files.iter().map(|f| f.path.clone()).collect::<Vec<_>>()));
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
                let (Some(file), Some(old)) = (current.get(), original.get()) else { return ().into_any() };
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
            browser::copy_text(f.text, on_error);
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
                        bundle
                            .with(|b| {
                                RENDER_STATS.fill(lang(), &[("n", &b.files.len()), ("ms", &format!("{:.1}", b.millis))])
                            })
                    }}
                </span>
            </div>
            {move || {
                bundle
                    .with(|b| b.error.clone())
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
