//! The sections of the page and where a problem's field lives among them.

use super::forms::fields::field_id;
use super::forms::traffic::TrafficScope;
use super::forms::SelectedEnv;
use super::i18n::t;
use crate::i18n::{self, Text};
use leptos::prelude::*;
use xgen_core::checks::Problem;
use xgen_core::names::ValuesFileName;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Section {
    Overview,
    Project,
    Environments,
    Services,
    Routes,
    Traffic,
    Alerts,
    Simulator,
}

impl Section {
    pub const ALL: [Section; 8] = [
        Section::Overview,
        Section::Project,
        Section::Environments,
        Section::Services,
        Section::Routes,
        Section::Traffic,
        Section::Alerts,
        Section::Simulator,
    ];
    pub fn title(self) -> Text {
        match self {
            Section::Overview => i18n::OVERVIEW,
            Section::Project => i18n::PROJECT,
            Section::Environments => i18n::ENVIRONMENTS,
            Section::Services => i18n::SERVICES,
            Section::Routes => i18n::ROUTES,
            Section::Traffic => i18n::TRAFFIC_POLICY,
            Section::Alerts => i18n::ALERTS,
            Section::Simulator => i18n::SIMULATOR,
        }
    }
}

#[component]
pub fn SectionNav() -> impl IntoView {
    let section = expect_context::<RwSignal<Section>>();
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
                            {t(s.title())}
                        </button>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// The section (and environment) that shows the field of a problem in the
/// project file, if a form has it.
pub fn place_of(problem: &Problem) -> Option<(Section, Option<String>)> {
    if problem.file.starts_with("k3s/helm-chart/values/") && problem.path.starts_with("ingress.") {
        return Some((Section::Routes, None));
    }
    if problem.file.starts_with("k3s/helm-chart/") && problem.path.starts_with("istio.") {
        return Some((Section::Traffic, None));
    }
    if problem.file == "xgen-studio.yaml" && problem.path.starts_with("alerts.") {
        let env =
            problem.path.strip_prefix("alerts.contactPoints.").and_then(|p| p.split('.').next()).map(str::to_owned);
        return Some((Section::Alerts, env));
    }
    if !problem.file.starts_with("k3s/argocd/projects/") {
        return None;
    }
    let path = problem.path.as_str();
    let first = path.split('.').next().unwrap_or("");
    match first {
        "project" | "source" | "vars" | "infra" | "site" | "registryHost" => Some((Section::Project, None)),
        "destinations" => Some((Section::Environments, None)),
        "environments" if path.contains(".services[") => {
            Some((Section::Services, path.split('.').nth(1).map(str::to_owned)))
        }
        "environments" => Some((Section::Environments, None)),
        _ => None,
    }
}

/// Opens the section of a problem and focuses its field (or the nearest one
/// the form has: `...autoscaling` focuses its first input).
pub fn focus_problem(problem: &Problem) {
    let Some((target, env)) = place_of(problem) else { return };
    if let Some(env) = env {
        if let Some(selected) = use_context::<SelectedEnv>() {
            selected.0.set(env);
        }
    }
    if target == Section::Traffic {
        if let Some(scope) = use_context::<RwSignal<TrafficScope>>() {
            let file = problem.file.strip_prefix("k3s/helm-chart/values/").and_then(|f| ValuesFileName::parse(f).ok());
            scope.set(TrafficScope(file));
        }
    }
    if let Some(section) = use_context::<RwSignal<Section>>() {
        section.set(target);
    }
    let id = field_id(&problem.file, &problem.path);
    // The section renders on the next frame; focus then.
    let focus = move || {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let el = doc.get_element_by_id(&id).or_else(|| doc.query_selector(&format!("[id^=\"{id}\"]")).ok().flatten());
        if let Some(el) = el.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
            let _ = el.focus();
        }
    };
    request_animation_frame(focus);
}
