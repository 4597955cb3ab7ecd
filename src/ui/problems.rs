//! The problems list: every check's result, derived from the state.

use super::code_text::{code_text, name_parts};
use super::i18n::{lang, lang_scope, t};
use super::reruns::tick;
use super::slices::Slices;
use super::studio::studio;
use crate::i18n::{
    Lang, Text, GO_TO_FIELD, NEW_PROBLEM, NO_PROBLEMS, PROBLEMS_N, SEVERITY_ERROR, SEVERITY_INFO, SEVERITY_WARNING,
};
use leptos::prelude::*;
use xgen_core::checks::{Problem, Severity};

#[component]
pub fn Problems() -> impl IntoView {
    let problems = studio().problems;
    let new_problems = studio().new_problems;
    // Keyed rows: a change of the list adds and removes only the rows that
    // differ. A row is its place and code (with its rank among equal ones);
    // its message reads its own slice, so a message that changes with a
    // value (XS305 on 600 DestinationRules when the default's percent is
    // typed) updates its text in place instead of rebuilding the row.
    let keyed = Memo::new(move |_| {
        let _tick = tick();
        problems.with(|ps| {
            let mut seen = std::collections::HashMap::<String, usize>::new();
            ps.iter()
                .map(|p| {
                    let key = format!("{}\u{0}{}\u{0}{}", p.code(), p.file(), p.path());
                    let n = seen.entry(key.clone()).or_default();
                    *n += 1;
                    ((key, *n), p.clone())
                })
                .collect::<Vec<_>>()
        })
    });
    let slices = Slices::new(move || keyed.get());
    // Which rows are new, each row reading its own mark: a change of the new
    // problems notifies the rows whose mark changed, not every row.
    let news = Slices::new(move || {
        keyed.with(|rows| {
            new_problems.with(|new| {
                rows.iter().filter(|(_, p)| new.contains(p)).map(|(key, _)| (key.clone(), ())).collect::<Vec<_>>()
            })
        })
    });
    view! {
        <section class="problems" aria-labelledby="problems-heading">
            <h2 id="problems-heading">{move || PROBLEMS_N.fill(lang(), &[("n", &problems.with(Vec::len))])}</h2>
            <Show when=move || problems.with(|p| !p.is_empty()) fallback=|| view! { <p class="muted">{t(NO_PROBLEMS)}</p> }>
                <ul>
                    <For each=move || keyed.get() key=|(key, _)| key.clone() let((key, first))>
                        <ProblemRow first=first problem=slices.get(key.clone()) new=news.get(key) />
                    </For>
                </ul>
            </Show>
        </section>
    }
}

/// One problem: its place and code stay; its message and severity follow
/// its slice (`first` until the slice has caught up with a new row).
#[component]
fn ProblemRow(first: Problem, problem: Signal<Option<Problem>>, new: Signal<Option<()>>) -> impl IntoView {
    // An import makes the rows again (i18n::lang_scope).
    lang_scope();
    let focusable = crate::view::sections::place_of(&first).is_some();
    let shown = Memo::new({
        let first = first.clone();
        move |_| problem.get().unwrap_or_else(|| first.clone())
    });
    let is_new = Memo::new(move |_| {
        let _tick = tick();
        new.with(Option::is_some)
    });
    let severity = Memo::new(move |_| shown.with(Problem::severity));
    let severity_label = move || t(severity_text(severity.get()))();
    let text =
        move |l: Lang, hint: bool| shown.with(|p| if hint { p.text(l).1.to_owned() } else { p.text(l).0.to_owned() });
    let code = first.code();
    // In Korean the check's title leads (English messages already say what
    // the code is about).
    let title = first.title();
    let title = view! {
        <Show when=move || lang() == Lang::Ko>
            <span class="title">{t(title)}</span>
        </Show>
    };
    view! {
        <li class=move || format!("problem {}", severity.get().as_str()) class:new=move || is_new.get()>
            <button
                type="button"
                class="code"
                disabled=!focusable
                aria-label=move || GO_TO_FIELD.fill(lang(), &[("code", &code), ("severity", &severity_label())])
                on:click=move |_| shown.with_untracked(super::sections::focus_problem)
            >
                {code}
            </button>
            <span class="severity">{severity_label}</span>
            <Show when=move || is_new.get()>
                <span class="new-mark" data-testid="new-problem">{t(NEW_PROBLEM)}</span>
            </Show>
            {title}
            <span class="message">{move || code_text(&text(lang(), false))}</span>
            <span class="place mono" translate="no">{name_parts(&format!("{} · {}", first.file(), first.path()))}</span>
            <span class="hint">{move || code_text(&text(lang(), true))}</span>
        </li>
    }
}

fn severity_text(severity: Severity) -> Text {
    match severity {
        Severity::Error => SEVERITY_ERROR,
        Severity::Warning => SEVERITY_WARNING,
        Severity::Info => SEVERITY_INFO,
    }
}
