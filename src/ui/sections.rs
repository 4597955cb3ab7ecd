//! The section navigation, the Form | Preview switch of a narrow screen, and
//! opening the field of a problem (where it lives is `crate::view::sections`).

use super::forms::traffic::TrafficScope;
use super::forms::{CurrentSection, SelectedEnv, SelectedScope};
use super::i18n::t;
use crate::i18n::{self, Text};
use crate::view::ids::field_id;
use crate::view::sections::{place_of, Place, Section};
use leptos::prelude::*;
use xgen_core::checks::Problem;

fn title(section: Section) -> Text {
    match section {
        Section::Overview => i18n::OVERVIEW,
        Section::Project => i18n::PROJECT,
        Section::Environments => i18n::ENVIRONMENTS,
        Section::Services => i18n::SERVICES,
        Section::Routes => i18n::ROUTES,
        Section::Traffic => i18n::TRAFFIC_POLICY,
        Section::Alerts => i18n::ALERTS,
        Section::Simulator => i18n::SIMULATOR,
        Section::Changes => i18n::CHANGES_SECTION,
    }
}

#[component]
pub fn SectionNav() -> impl IntoView {
    let section = expect_context::<CurrentSection>().0;
    view! {
        <nav class="sections" aria-label=t(i18n::SECTIONS)>
            {Section::ALL
                .into_iter()
                .map(|s| {
                    view! {
                        <button
                            type="button"
                            class:current=move || section.get() == s
                            aria-current=move || if section.get() == s { "page" } else { "false" }
                            on:click=move |_| section.set(s)
                        >
                            {t(title(s))}
                        </button>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// What a narrow screen shows: the form column or the preview. A wide one
/// shows both side by side, and the stylesheet hides the switch there.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Pane {
    #[default]
    Form,
    Preview,
}

/// The pane a narrow screen shows, in the context.
#[derive(Clone, Copy)]
pub struct ShownPane(pub RwSignal<Pane>);

/// The switch between the form and the preview on a narrow screen: it stays
/// at the top of the screen while the page scrolls, and each pane comes back
/// where it was left.
#[component]
pub fn PaneSwitch() -> impl IntoView {
    let pane = expect_context::<ShownPane>().0;
    // Where the page was scrolled in each pane.
    let scrolled = StoredValue::new([0.0_f64; 2]);
    let show = move |to: Pane| {
        let from = pane.get_untracked();
        if from == to {
            return;
        }
        let Some(window) = web_sys::window() else { return };
        let top_of_layout = window
            .document()
            .and_then(|d| d.query_selector("main.layout").ok().flatten())
            .map_or(0.0, |m| m.get_bounding_client_rect().top() + window.scroll_y().unwrap_or(0.0));
        let y = window.scroll_y().unwrap_or(0.0);
        scrolled.update_value(|s| s[from as usize] = y);
        pane.set(to);
        // Back where this pane was left, but never above the switch's place
        // if the page was scrolled past it.
        let back = scrolled.with_value(|s| s[to as usize]);
        let y = if y >= top_of_layout - 1.0 { back.max(top_of_layout) } else { y };
        request_animation_frame(move || {
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, y);
            }
        });
    };
    let button = move |p: Pane, text: Text| {
        view! {
            <button
                type="button"
                class:current=move || pane.get() == p
                aria-pressed=move || if pane.get() == p { "true" } else { "false" }
                on:click=move |_| show(p)
            >
                {t(text)}
            </button>
        }
    };
    view! {
        <div class="pane-switch" role="group" aria-label=t(i18n::SHOW_PANE) data-testid="pane-switch">
            {button(Pane::Form, i18n::FORM_PANE)}
            {button(Pane::Preview, i18n::PREVIEW)}
        </div>
    }
}

/// Opens the section of a problem and focuses its field (or the nearest one
/// the form has: `...autoscaling` focuses its first input).
pub fn focus_problem(problem: &Problem) {
    let Some(Place { section: target, env, values_file }) = place_of(problem) else { return };
    if let Some(env) = env {
        if let Some(selected) = use_context::<SelectedEnv>() {
            selected.0.set(env);
        }
    }
    if target == Section::Traffic {
        if let Some(SelectedScope(scope)) = use_context::<SelectedScope>() {
            scope.set(TrafficScope(values_file));
        }
    }
    if let Some(CurrentSection(section)) = use_context::<CurrentSection>() {
        section.set(target);
    }
    focus_on_next_frame(field_id(problem.file(), problem.path()));
}

/// Focuses the element `id` (or the first whose id starts with it) once the
/// section switched to has rendered, on the next frame.
fn focus_on_next_frame(id: String) {
    // On a narrow screen the field is in the form pane.
    if let Some(ShownPane(pane)) = use_context::<ShownPane>() {
        pane.set(Pane::Form);
    }
    request_animation_frame(move || {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let el = doc.get_element_by_id(&id).or_else(|| doc.query_selector(&format!("[id^=\"{id}\"]")).ok().flatten());
        if let Some(el) = el.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
            let _ = el.focus();
        }
    });
}

/// Leads to the first field holding invalid text: its section, the
/// environment it was typed in, the field itself.
pub fn focus_first_draft(editor: crate::ui::editor::Editor, section: RwSignal<Section>, env: RwSignal<String>) {
    let Some((id, draft)) = editor.drafts.with_untracked(|d| d.iter().next().map(|(k, v)| (k.clone(), v.clone())))
    else {
        return;
    };
    if let Some(target) = draft.section {
        section.set(target);
    }
    if !draft.env.is_empty() {
        env.set(draft.env);
    }
    focus_on_next_frame(id);
}
