//! Form fields bound to the state through the editor. Each shows its label, the
//! value from the state, and the field's rule beside it as the user types.
//! A strict field (numbers, durations) keeps invalid text in the input only:
//! the state never receives it.

use crate::i18n::Lang;
use crate::i18n::{Text, NO, YES};
use crate::ui::editor::Draft;
use crate::ui::i18n::{lang, t};
use crate::ui::reruns::tick;
use leptos::prelude::*;
use xgen_core::validate::Rule;
use xgen_core::validate::Said;

pub use crate::view::ids::field_id;

#[component]
pub fn TextField(
    label: Text,
    /// The element id (see [`field_id`]).
    id: String,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(optional)] rule: Option<Rule>,
    /// Invalid text is not applied to the state.
    #[prop(optional)]
    strict: bool,
    /// Text this rule refuses is not applied to the state, as in a strict
    /// field, while other text `rule` flags is (a route's path: the checks
    /// judge what is typed, but an empty one is never written).
    #[prop(optional)]
    refuse: Option<Rule>,
    /// Apply when the field is left (renames), not at every keystroke.
    #[prop(optional)]
    on_commit: bool,
    /// An example value, or a text (use `ts`) saying where the value comes from.
    #[prop(optional, into)]
    placeholder: MaybeProp<String>,
) -> impl IntoView {
    // Text the state does not hold: not yet committed (kept here), or
    // invalid in a strict field (kept by the editor, so it survives a
    // section switch, counts in the header and stops the download). Shown
    // instead of the state's value until fixed.
    let draft = RwSignal::new(None::<String>);
    let editor = use_context::<crate::ui::studio::Studio>().map(|s| s.editor);
    let section = use_context::<super::CurrentSection>().map(|s| s.0.get_untracked());
    let env = use_context::<super::SelectedEnv>().map(|e| e.0.get_untracked()).unwrap_or_default();
    let invalid_draft = {
        let id = id.clone();
        move || editor.and_then(|e| e.drafts.with(|d| d.get(&id).map(|d| d.text.clone())))
    };
    let shown = move || {
        let _tick = tick();
        draft.get().or_else(invalid_draft.clone()).unwrap_or_else(|| value.get())
    };
    let message = Memo::new({
        let shown = shown.clone();
        move |_| rule.and_then(|r| r(&shown()))
    });
    let apply = {
        let id = id.clone();
        move |text: String| {
            let invalid = rule.and_then(|r| r(&text)).is_some();
            let refused = refuse.and_then(|r| r(&text)).is_some();
            draft.set(None);
            if (strict && invalid) || refused {
                let kept = Draft { label, text, section, env: env.clone() };
                if let Some(e) = editor {
                    e.set_draft(&id, Some(kept));
                } else {
                    draft.set(Some(kept.text));
                }
            } else {
                if let Some(e) = editor {
                    e.set_draft(&id, None);
                }
                on_change.run(text);
            }
        }
    };
    let problems_of = id.clone();
    let msg_id = format!("{id}-msg");
    let described = msg_id.clone();
    view! {
        <div class="field" class:invalid=move || message.with(Option::is_some)>
            <label for=id.clone()>{t(label)}</label>
            <input
                id=id
                type="text"
                spellcheck="false"
                autocomplete="off"
                placeholder=move || placeholder.get()
                prop:value=shown
                aria-invalid=move || if message.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=described
                on:input={
                    let apply = apply.clone();
                    move |e| {
                        let text = event_target_value(&e);
                        if on_commit { draft.set(Some(text)) } else { apply(text) }
                    }
                }
                on:change=move |e| {
                    if on_commit {
                        apply(event_target_value(&e))
                    }
                }
            />
            <p class="field-msg" id=msg_id>
                {move || message.get().map(|m| said(&m, lang())).unwrap_or_default()}
            </p>
            <FieldProblems id=problems_of />
        </div>
    }
}

/// The problems about the field with element id `id` (its own slice of the
/// problems, which notifies only when they change), for fields that are not
/// a [`TextField`] too (a select).
#[component]
pub fn FieldProblems(id: String) -> impl IntoView {
    let here = use_context::<crate::ui::studio::Studio>().map(|s| s.field_problems.get(id));
    let here = move || {
        let _tick = tick();
        here.and_then(|h| h.get()).unwrap_or_default()
    };
    move || {
        let problems = here();
        (!problems.is_empty()).then(|| {
            view! {
                <ul class="field-problems" data-testid="field-problems">
                    {problems
                        .into_iter()
                        .map(|p| {
                            let text = format!("{}: {}", p.code(), p.text(lang()).0);
                            view! { <li class=p.severity().as_str()>{crate::ui::code_text::code_text(&text)}</li> }
                        })
                        .collect_view()}
                </ul>
            }
        })
    }
}

/// A yes / no / "not set" choice for an optional boolean.
#[component]
pub fn TriState(
    label: Text,
    id: String,
    #[prop(into)] value: Signal<Option<bool>>,
    on_change: Callback<Option<bool>>,
    unset: Text,
) -> impl IntoView {
    let current = move || {
        let _tick = tick();
        value.get()
    };
    let current = move || match current() {
        None => "unset",
        Some(true) => "yes",
        Some(false) => "no",
    };
    view! {
        <div class="field">
            <label for=id.clone()>{t(label)}</label>
            <select
                id=id
                prop:value=current
                on:change=move |e| {
                    on_change
                        .run(
                            match event_target_value(&e).as_str() {
                                "yes" => Some(true),
                                "no" => Some(false),
                                _ => None,
                            },
                        )
                }
            >
                <option value="unset">{t(unset)}</option>
                <option value="yes">{t(YES)}</option>
                <option value="no">{t(NO)}</option>
            </select>
        </div>
    }
}

/// A rule's message in the page's language.
pub fn said(s: &Said, lang: Lang) -> String {
    s.get(lang).to_owned()
}

/// An empty field removes the key.
pub fn non_empty(text: String) -> Option<String> {
    (!text.trim().is_empty()).then(|| text.trim().to_owned())
}
