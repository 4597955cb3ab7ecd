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
    let studio = studio();
    // The environments and services as rendered (the snapshot), not read
    // again from the state.
    let snapshot = studio.snapshot;
    let envs = Memo::new(move |_| snapshot.with(|s| summary::environments(&s.rendered)));
    let no_project = t(NO_PROJECT);
    let project_name =
        move || snapshot.with(|s| s.state.project.name().map_or_else(|| no_project().to_owned(), name_text));
    view! {
        <section class="project" aria-labelledby="project-heading">
            <h2 id="project-heading">{t(OVERVIEW)}</h2>
            <dl class="project-meta">
                <dt>{t(NAME)}</dt>
                <dd data-testid="meta-name" translate="no">{project_name}</dd>
                <dt>{t(DESCRIPTION)}</dt>
                <dd translate="no">{move || snapshot.with(|s| name_text(s.state.project.description().unwrap_or("—")))}</dd>
                <dt>{t(NAMESPACE)}</dt>
                <dd translate="no">{move || snapshot.with(|s| name_text(s.state.project.namespace().unwrap_or("—")))}</dd>
                <dt>{t(FILE)}</dt>
                <dd class="mono" translate="no">{move || snapshot.with(|s| project_path(&s.state.site))}</dd>
            </dl>
            <h2>{move || ENVIRONMENTS_N.fill(lang(), &[("n", &envs.with(Vec::len))])}</h2>
            <Environments envs=envs />
        </section>
    }
}
