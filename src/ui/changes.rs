//! The Changes view: what Argo CD would change in each environment, from
//! the baseline (the project as imported, or as last marked deployed) to
//! the current state, object by object with diffs (`xgen_core::impact`).
//! Every diff line is a text node.

use super::code_text::{name_text, path_name};
use super::i18n::{lang, t};
use super::studio::{studio, BaselineOrigin};
use crate::i18n::*;
use leptos::prelude::*;
use xgen_core::impact::ChangeKind;

fn change_text(c: ChangeKind) -> Text {
    match c {
        ChangeKind::Added => CHANGE_ADDED,
        ChangeKind::Removed => CHANGE_REMOVED,
        ChangeKind::Changed => CHANGE_CHANGED,
    }
}

/// A unified diff, one span per line (its bytes as they are, line feed
/// included), added and removed lines marked; headers muted. Text nodes
/// only: no user text is ever read as HTML.
fn diff_view(diff: String) -> impl IntoView {
    const HEADERS: &[&str] = &["+++", "---", "@@", "diff --git ", "new file mode ", "deleted file mode ", "\\"];
    let lines: Vec<(String, &'static str)> = diff
        .split_inclusive('\n')
        .map(|l| {
            let class = if HEADERS.iter().any(|h| l.starts_with(h)) {
                "line hunk"
            } else if l.starts_with('+') {
                "line added"
            } else if l.starts_with('-') {
                "line removed"
            } else {
                "line"
            };
            let mut l = l.to_owned();
            if !l.ends_with('\n') {
                l.push('\n');
            }
            (l, class)
        })
        .collect();
    view! {
        <pre class="code diff" translate="no"><code>
            {lines.into_iter().map(|(l, class)| view! { <span class=class>{l}</span> }).collect_view()}
        </code></pre>
    }
}

/// The Files part: every file the repository gets, with its part of the
/// patch, from the one list the patch and "Save to folder" take
/// (`super::folder::repo_changes`).
#[component]
fn FileChanges() -> impl IntoView {
    let studio = studio();
    let opened = super::folder::opened();
    move || {
        let changes = opened.with(|o| super::folder::repo_changes(o.as_ref(), studio));
        let (n, items) = match changes {
            Ok(changes) => (
                changes.len(),
                changes
                    .into_iter()
                    .map(|c| {
                        let change = match c.kind() {
                            xgen_core::patch::ChangeKind::Added => ChangeKind::Added,
                            xgen_core::patch::ChangeKind::Removed => ChangeKind::Removed,
                            xgen_core::patch::ChangeKind::Changed => ChangeKind::Changed,
                        };
                        let what = view! { <span class="mono" translate="no">{path_name(&c.path)}</span> };
                        change_item(change, what, c.git_diff(), Some("file-change"))
                    })
                    .collect_view()
                    .into_any(),
            ),
            Err(e) => (0, view! { <li class="muted">{e.to_string()}</li> }.into_any()),
        };
        view! {
            <section class="env-changes" data-testid="file-changes">
                <h3>{move || FILE_CHANGES.fill(lang(), &[("n", &n)])}</h3>
                <p class="muted">{t(FILE_CHANGES_HELP)}</p>
                <ul class="object-changes">{items}</ul>
            </section>
        }
    }
}

/// One changed object or file: its change, what it is, and its diff folded.
fn change_item(change: ChangeKind, what: impl IntoView, diff: String, testid: Option<&'static str>) -> impl IntoView {
    view! {
        <li data-testid=testid>
            <details>
                <summary>
                    <span class=format!("change {}", change.as_str())>{t(change_text(change))}</span>
                    " "
                    {what}
                </summary>
                {diff_view(diff)}
            </details>
        </li>
    }
}

#[component]
pub fn ChangesView() -> impl IntoView {
    let studio = studio();
    let impact = studio.impact;
    let said = RwSignal::new(None::<Text>);
    let save_supported = super::save::supported();
    let opened = super::folder::opened();
    let from_folder = Signal::derive(move || opened.with(Option::is_some));
    let groups = move || {
        impact.get().map(|i| {
            let counts = i.counts();
            let envs = counts
                .into_iter()
                .map(|(env, n)| {
                    let objects: Vec<_> = i.objects.iter().filter(|o| o.env == env).cloned().collect();
                    let label = env.clone();
                    view! {
                        <section class="env-changes" data-testid="env-changes" data-env=env>
                            <h3>{move || if n == 1 { CHANGES_IN_ENV_ONE.fill(lang(), &[("env", &label)]) } else { CHANGES_IN_ENV.fill(lang(), &[("env", &label), ("n", &n)]) }}</h3>
                            <ul class="object-changes">
                                {objects.into_iter().map(|o| {
                                    // A document without a kind (an alert rules file) has no
                                    // name either: the core numbers it `#0`, `#1`; the row names
                                    // its file, and the document after the first.
                                    let unnamed = o.kind.is_empty().then(|| o.name.strip_prefix('#').and_then(|i| i.parse::<usize>().ok())).flatten();
                                    let what = match unnamed {
                                        Some(i) => view! {
                                            <span class="mono" translate="no">{path_name(&o.file)}</span>
                                            {(i > 0).then(|| view! { " " <span class="muted">{move || DOCUMENT_N.fill(lang(), &[("n", &(i + 1))])}</span> })}
                                        }
                                        .into_any(),
                                        None => view! {
                                            <span class="mono" translate="no">{name_text(&format!("{} {}", o.kind, o.name))}</span>
                                            " "
                                            <span class="muted mono" translate="no">{path_name(&o.file)}</span>
                                        }
                                        .into_any(),
                                    };
                                    change_item(o.change, what, o.diff, Some("object-change"))
                                }).collect_view()}
                            </ul>
                        </section>
                    }
                })
                .collect_view();
            let sources = i.sources.clone();
            let n = sources.len();
            view! {
                {envs}
                <section class="env-changes" data-testid="source-changes">
                    <h3>{move || SOURCE_CHANGES.fill(lang(), &[("n", &n)])}</h3>
                    <ul class="object-changes">
                        {sources.into_iter().map(|s| {
                            let what = view! { <span class="mono" translate="no">{path_name(&s.path)}</span> };
                            change_item(s.change, what, s.diff, None)
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    };
    view! {
        <section class="form changes" aria-labelledby="changes-heading">
            <h2 id="changes-heading">{t(CHANGES_HEADING)}</h2>
            <p class="muted">{t(CHANGES_HELP)}</p>
            <p class="muted baseline-note" data-testid="baseline-note">
                {move || t(match studio.baseline_origin.get() {
                    BaselineOrigin::Opened => BASELINE_OF_OPENED,
                    BaselineOrigin::Shared => BASELINE_OF_SHARED,
                    BaselineOrigin::Marked => BASELINE_OF_MARKED,
                    BaselineOrigin::Fresh => BASELINE_OF_FRESH,
                })()}
            </p>
            <div class="row baseline-actions">
                // The files the repository would change, as a patch
                // (docs/bundle.md, "Save back as a patch").
                <button type="button" on:click=move |_| super::folder::download_patch(studio)>{t(DOWNLOAD_PATCH)}</button>
                // Into the opened folder, where the browser can write to one.
                <Show when=move || save_supported && from_folder.get()>
                    <button type="button" on:click=move |_| super::save::save(studio)>{t(SAVE_TO_FOLDER)}</button>
                </Show>
                <button type="button" on:click=move |_| {
                    studio.mark_deployed();
                    said.set(Some(BASELINE_SET));
                }>{t(SET_AS_BASELINE)}</button>
                <Show when=move || studio.previous_baseline.with(Option::is_some)>
                    <button type="button" on:click=move |_| {
                        studio.put_back_baseline();
                        said.set(Some(BASELINE_PUT_BACK_DONE));
                    }>{t(BASELINE_PUT_BACK)}</button>
                </Show>
            </div>
            <p class="muted save-note" data-testid="save-note">
                {move || (!save_supported).then(|| t(SAVE_UNSUPPORTED)()).or_else(|| (!from_folder.get()).then(|| t(SAVE_NEEDS_FOLDER)()))}
            </p>
            // What the buttons did, beside them (the banner may be out of view).
            <p class="baseline-said" role="status" data-testid="baseline-said">
                {move || said.get().map(|text| t(text)())}
            </p>
            <FileChanges />
            {groups}
        </section>
    }
}
