//! The problems list: every check's result, derived from the state.

use crate::core::checks::Problem;
use leptos::prelude::*;

#[component]
pub fn Problems(problems: Memo<Vec<Problem>>) -> impl IntoView {
    view! {
        <section class="problems" aria-labelledby="problems-heading">
            <h2 id="problems-heading">{move || format!("Problems ({})", problems.with(Vec::len))}</h2>
            <Show when=move || problems.with(|p| !p.is_empty()) fallback=|| view! { <p class="muted">"No problems found."</p> }>
                <ul>
                    {move || {
                        problems
                            .get()
                            .into_iter()
                            .map(|p| {
                                let focusable = super::sections::place_of(&p).is_some();
                                let target = p.clone();
                                view! {
                                    <li class=format!("problem {}", p.severity.as_str())>
                                        <button
                                            type="button"
                                            class="code"
                                            disabled=!focusable
                                            aria-label=format!("{} {}: go to the field", p.code, p.severity.as_str())
                                            on:click=move |_| super::sections::focus_problem(&target)
                                        >
                                            {p.code}
                                        </button>
                                        <span class="severity">{p.severity.as_str()}</span>
                                        <span class="message">{p.message}</span>
                                        <span class="place mono">{format!("{} · {}", p.file, p.path)}</span>
                                        <span class="hint">{p.hint}</span>
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
