//! The problems list: every check's result, derived from the state.

use super::code_text::{code_text, name_text};
use super::i18n::{lang, t};
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
    view! {
        <section class="problems" aria-labelledby="problems-heading">
            <h2 id="problems-heading">{move || PROBLEMS_N.fill(lang(), &[("n", &problems.with(Vec::len))])}</h2>
            <Show when=move || problems.with(|p| !p.is_empty()) fallback=|| view! { <p class="muted">{t(NO_PROBLEMS)}</p> }>
                <ul>
                    {move || {
                        problems
                            .get()
                            .into_iter()
                            .map(|p| {
                                let focusable = crate::view::sections::place_of(&p).is_some();
                                let is_new = new_problems.with(|n| n.contains(&p));
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
                                    <li class=format!("problem {}", p.severity().as_str()) class:new=is_new>
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
                                        {is_new.then(|| view! { <span class="new-mark" data-testid="new-problem">{t(NEW_PROBLEM)}</span> })}
                                        {title}
                                        <span class="message">{move || code_text(&message(lang()))}</span>
                                        <span class="place mono" translate="no">{name_text(&format!("{} · {}", p.file(), p.path()))}</span>
                                        <span class="hint">{move || code_text(&hint(lang()))}</span>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
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
