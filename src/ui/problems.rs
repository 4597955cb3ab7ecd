//! The problems list: every check's result, derived from the state.

use super::code_text::{code_text, name_parts};
use super::i18n::{lang, t};
use super::reruns::tick;
use super::studio::studio;
use crate::i18n::{
    Lang, Text, GO_TO_FIELD, NEW_PROBLEM, NO_PROBLEMS, PROBLEMS_N, SEVERITY_ERROR, SEVERITY_INFO, SEVERITY_WARNING,
};
use leptos::prelude::*;
use xgen_core::checks::Severity;

#[component]
pub fn Problems() -> impl IntoView {
    let problems = studio().problems;
    let new_problems = studio().new_problems;
    // Keyed rows: a change of the list adds and removes only the rows that
    // differ; the others keep their nodes (a problem is its key, with its
    // rank among equal ones).
    let rows = Memo::new(move |_| {
        tick();
        problems.with(|ps| {
            let mut seen = std::collections::HashMap::<String, usize>::new();
            ps.iter()
                .map(|p| {
                    let key = format!("{}\u{0}{}\u{0}{}\u{0}{}", p.code(), p.file(), p.path(), p.text(Lang::En).0);
                    let n = seen.entry(key.clone()).or_default();
                    *n += 1;
                    ((key, *n), p.clone())
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="problems" aria-labelledby="problems-heading">
            <h2 id="problems-heading">{move || PROBLEMS_N.fill(lang(), &[("n", &problems.with(Vec::len))])}</h2>
            <Show when=move || problems.with(|p| !p.is_empty()) fallback=|| view! { <p class="muted">{t(NO_PROBLEMS)}</p> }>
                <ul>
                    <For each=move || rows.get() key=|(key, _)| key.clone() let((_, p))>
                        {
                                let focusable = crate::view::sections::place_of(&p).is_some();
                                let is_new = {
                                    let p = p.clone();
                                    Memo::new(move |_| {
                                        tick();
                                        new_problems.with(|n| n.contains(&p))
                                    })
                                };
                                let target = p.clone();
                                let severity = t(severity_text(p.severity()));
                                let shown = std::sync::Arc::new(p.clone());
                                let message = {
                                    let p = shown.clone();
                                    move |l: Lang| p.text(l).0.to_owned()
                                };
                                let hint = move |l: Lang| shown.text(l).1.to_owned();
                                let code = p.code();
                                // In Korean the check's title leads (English
                                // messages already say what the code is about).
                                let title = p.title();
                                let title = view! {
                                    <Show when=move || lang() == Lang::Ko>
                                        <span class="title">{t(title)}</span>
                                    </Show>
                                };
                                view! {
                                    <li class=format!("problem {}", p.severity().as_str()) class:new=move || is_new.get()>
                                        <button
                                            type="button"
                                            class="code"
                                            disabled=!focusable
                                            aria-label=move || GO_TO_FIELD.fill(lang(), &[("code", &code), ("severity", &severity())])
                                            on:click=move |_| super::sections::focus_problem(&target)
                                        >
                                            {code}
                                        </button>
                                        <span class="severity">{severity}</span>
                                        <Show when=move || is_new.get()>
                                            <span class="new-mark" data-testid="new-problem">{t(NEW_PROBLEM)}</span>
                                        </Show>
                                        {title}
                                        <span class="message">{move || code_text(&message(lang()))}</span>
                                        <span class="place mono" translate="no">{name_parts(&format!("{} · {}", p.file(), p.path()))}</span>
                                        <span class="hint">{move || code_text(&hint(lang()))}</span>
                                    </li>
                                }
                        }
                    </For>
                </ul>
            </Show>
        </section>
    }
}

fn severity_text(severity: Severity) -> Text {
    match severity {
        Severity::Error => SEVERITY_ERROR,
        Severity::Warning => SEVERITY_WARNING,
        Severity::Info => SEVERITY_INFO,
    }
}
