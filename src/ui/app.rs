//! The page: the studio's state and memos (`studio`), the start-up, autosave,
//! shortcuts and drop zone, and the layout: header, banner, section forms,
//! problems, import, and the preview beside them (on a narrow screen, one
//! or the other: `sections::PaneSwitch`).

use super::autosave;
use super::banner::BannerLine;
use super::dropzone;
use super::forms::alerts::AlertsForm;
use super::forms::environments::EnvironmentsForm;
use super::forms::project::ProjectForm;
use super::forms::routes::RoutesForm;
use super::forms::services::ServicesForm;
use super::forms::simulator::SimulatorForm;
use super::forms::traffic::{TrafficPolicyForm, TrafficScope};
use super::forms::{CurrentSection, SelectedEnv, SelectedScope};
use super::header::Header;
use super::i18n::{self, t};
use super::import_panel::ImportPanel;
use super::importing::on_pick;
use super::overview::Overview;
use super::preview::Preview;
use super::problems::Problems;
use super::sections::{Pane, PaneSwitch, SectionNav, ShownPane};
use super::share::{ShareLink, SharedLink};
use super::shortcuts;
use super::startup;
use super::studio::Studio;
use crate::i18n::{
    DROP_FILES, EXAMPLE_NOTICE, EXAMPLE_NOTICE_HOW, OPEN_FILES, OPEN_FOLDER, OPEN_OWN_FILES, OPEN_OWN_FOLDER,
};
use crate::view::sections::Section;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    i18n::provide();
    let studio = Studio::provide();
    let section = RwSignal::new(Section::Overview);
    provide_context(CurrentSection(section));
    let selected_env = RwSignal::new(String::new());
    provide_context(SelectedEnv(selected_env));
    provide_context(SelectedScope(RwSignal::new(TrafficScope::default())));
    let pane = RwSignal::new(Pane::Form);
    provide_context(ShownPane(pane));
    // The selected environment follows the project: the first one when the
    // selected one is gone (renamed, removed, another project).
    let env_names = studio.env_names;
    Effect::new(move |_| {
        let names = env_names.get();
        if !names.contains(&selected_env.get_untracked()) {
            selected_env.set(names.first().cloned().unwrap_or_default());
        }
    });

    startup::start(studio);
    autosave::keep(studio);
    shortcuts::listen(studio.editor);
    let dragging = RwSignal::new(false);
    dropzone::listen(studio, dragging);
    let share = ShareLink::new(studio);
    let sticky_top = super::sticky::follow_header();

    view! {
        <div class="app" class:dragging=move || dragging.get() style:--sticky-top=move || sticky_top.get()>
            <Header share=share />
            <super::objects_import::ObjectsPicker />
            <BannerLine />
            <SharedLink link=share />
            <PaneSwitch />
            <main class="layout" class:show-preview=move || pane.get() == Pane::Preview>
                // Above both columns: on a wide screen the sections fit on one
                // row there; on a narrow one they belong to the form pane.
                <div class="layout-top form-pane">
                    <ExampleNotice />
                    <SectionNav />
                </div>
                <div class="column form-pane">
                    {move || match section.get() {
                        Section::Overview => view! { <Overview /> }.into_any(),
                        Section::Project => view! { <ProjectForm /> }.into_any(),
                        Section::Environments => view! { <EnvironmentsForm /> }.into_any(),
                        Section::Services => view! { <ServicesForm /> }.into_any(),
                        Section::Routes => view! { <RoutesForm /> }.into_any(),
                        Section::Traffic => view! { <TrafficPolicyForm /> }.into_any(),
                        Section::Alerts => view! { <AlertsForm /> }.into_any(),
                        Section::Simulator => view! { <SimulatorForm /> }.into_any(),
                        Section::Changes => view! { <super::changes::ChangesView /> }.into_any(),
                    }}
                    <Problems />
                    <ImportPanel />
                </div>
                <div class="column wide preview-pane">
                    <Preview />
                </div>
            </main>
            <div class="drop-overlay" aria-hidden="true">{t(DROP_FILES)}</div>
        </div>
    }
}

/// Where the eye lands first: the project shown is the built-in example, and
/// how to bring one's own.
#[component]
fn ExampleNotice() -> impl IntoView {
    let studio = super::studio::studio();
    let on_pick = on_pick(studio);
    view! {
        <Show when=move || studio.is_example.get()>
            <div class="example-notice" role="note" data-testid="example-notice">
                <p>
                    <strong>{move || crate::ui::code_text::code_text(EXAMPLE_NOTICE.get(i18n::lang()))}</strong>
                    " "
                    {move || crate::ui::code_text::code_text(EXAMPLE_NOTICE_HOW.get(i18n::lang()))}
                </p>
                <label class="button primary">
                    {t(OPEN_FILES)}
                    <input type="file" multiple accept=".yaml,.yml,.zip" class="visually-hidden" aria-label=t(OPEN_OWN_FILES) on:change=on_pick />
                </label>
                <label class="button">
                    {t(OPEN_FOLDER)}
                    <input type="file" prop:webkitdirectory=true class="visually-hidden" aria-label=t(OPEN_OWN_FOLDER) on:change=super::folder::on_pick_folder(studio) />
                </label>
            </div>
        </Show>
    }
}
