//! The Overview section: the project's name, description, namespace and file,
//! and each environment's services.

use super::code_text::name_text;
use super::i18n::{lang, t};
use super::studio::studio;
use super::summary::Environments;
use crate::i18n::*;
use crate::view::summary;
use leptos::prelude::*;
use xgen_core::layout::project_path;

#[component]
pub fn Overview() -> impl IntoView {
    let state = studio().state;
    let envs = Memo::new(move |_| state.with(summary::environments));
    let no_project = t(NO_PROJECT);
    let project_name = move || state.with(|s| s.project.name().map_or_else(|| no_project().to_owned(), name_text));
    view! {
        <section class="project" aria-labelledby="project-heading">
            <h2 id="project-heading">{t(OVERVIEW)}</h2>
            <dl class="project-meta">
                <dt>{t(NAME)}</dt>
                <dd data-testid="meta-name" translate="no">{project_name}</dd>
                <dt>{t(DESCRIPTION)}</dt>
                <dd translate="no">{move || state.with(|s| name_text(s.project.description().unwrap_or("—")))}</dd>
                <dt>{t(NAMESPACE)}</dt>
                <dd translate="no">{move || state.with(|s| name_text(s.project.namespace().unwrap_or("—")))}</dd>
                <dt>{t(FILE)}</dt>
                <dd class="mono" translate="no">{move || state.with(|s| project_path(&s.site))}</dd>
            </dl>
            <h2>{move || ENVIRONMENTS_N.fill(lang(), &[("n", &envs.with(Vec::len))])}</h2>
            <Environments envs=envs />
        </section>
    }
}
