//! The page: header with import and download, the banner, the project summary,
//! problems and the bundle's contents.

use super::browser;
use super::editor::Editor;
use super::forms::alerts::AlertsForm;
use super::forms::environments::EnvironmentsForm;
use super::forms::project::ProjectForm;
use super::forms::routes::RoutesForm;
use super::forms::services::ServicesForm;
use super::forms::simulator::SimulatorForm;
use super::forms::traffic::{TrafficPolicyForm, TrafficScope};
use super::forms::SelectedEnv;
use super::i18n::{self, t, Msg};
use super::preview::{BundleView, Preview};
use super::problems::Problems;
use super::promql::PromqlChecker;
use super::sections::{Section, SectionNav};
use super::summary::{self, Environments};
use crate::i18n::*;
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;
use xgen_core::bundle::{bundle_file_name, bundle_files, bundle_files_cached, bundle_zip, project_path};
use xgen_core::checks::{run_all, sort, Severity};
use xgen_core::import::import_with_sources;
use xgen_core::render::TextCache;
use xgen_core::session;
use xgen_core::share;
use xgen_core::{InputFile, ProjectState};

/// How long typing pauses before the work is saved in this browser.
const AUTOSAVE_PAUSE: std::time::Duration = std::time::Duration::from_millis(300);

/// Where the built-in example is served from (copied from `public/` by trunk).
const EXAMPLE_URL: &str = "examples/xgen.yaml";

#[derive(Clone)]
enum Banner {
    Error(Msg),
    Info(Msg),
}

#[component]
pub fn App() -> impl IntoView {
    let lang = i18n::provide();
    // The one source of truth. Everything below is derived from it.
    let state = RwSignal::new(ProjectState::empty());
    let banner = RwSignal::new(None::<Banner>);
    let dragging = RwSignal::new(false);
    let editor = Editor::new(state);
    provide_context(editor);
    let section = RwSignal::new(Section::Overview);
    provide_context(section);
    let selected_env = RwSignal::new(String::new());
    provide_context(SelectedEnv(selected_env));
    provide_context(RwSignal::new(TrafficScope::default()));

    let envs = Memo::new(move |_| state.with(summary::environments));
    let env_names = Memo::new(move |_| state.with(|s| s.project.environment_names()));
    // The selected environment follows the project: the first one when the
    // selected one is gone (renamed, removed, another project).
    Effect::new(move |_| {
        let names = env_names.get();
        if !names.contains(&selected_env.get_untracked()) {
            selected_env.set(names.first().cloned().unwrap_or_default());
        }
    });
    let promql = PromqlChecker::new(state);
    provide_context(promql);
    let problems = Memo::new(move |_| {
        state.with(|s| {
            let mut all = run_all(s);
            all.extend(promql.problems());
            sort(&mut all);
            all
        })
    });
    let error_count = Memo::new(move |_| problems.with(|p| p.iter().filter(|p| p.severity == Severity::Error).count()));
    // The original text of imported files, by bundle path: what the preview's
    // diff compares with. It describes the import, not the project.
    let sources = RwSignal::new(BTreeMap::<String, String>::new());
    // Rendered texts of the last run: an edit re-emits only the objects it
    // changed (see `core::render::TextCache`).
    let text_cache = StoredValue::new(TextCache::default());
    let bundle = Memo::new(move |_| {
        let start = browser::now_ms();
        let files = text_cache.try_update_value(|cache| state.with(|s| bundle_files_cached(s, Some(cache))));
        match files.unwrap_or_else(|| state.with(bundle_files)) {
            Ok(files) => BundleView { files, millis: browser::now_ms() - start, error: None },
            Err(e) => BundleView { error: Some(e.to_string()), ..BundleView::default() },
        }
    });

    // Applies a batch of files; on any error the state stays exactly as it was.
    // `announce` says whether to confirm success (not for the example at start-up).
    let apply_with = move |files: Vec<InputFile>, announce: bool| {
        let names: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
        match state.with_untracked(|s| import_with_sources(s, &files)) {
            Ok(imported) => {
                sources.update(|known| {
                    if imported.new_project {
                        known.clear();
                    }
                    known.extend(imported.sources);
                });
                // What the user loads is an undoable step; the example opened
                // at start-up (not announced) is where history begins.
                if announce {
                    editor.replace(imported.state);
                } else {
                    state.set(imported.state);
                }
                // A load the user did not ask for (the example at start-up or
                // after "Start fresh") keeps the message that explains it.
                if announce {
                    banner.set(Some(Banner::Info(Msg::fill(LOADED, vec![("names", names.join(", "))]))));
                }
            }
            Err(e) => banner.set(Some(Banner::Error(Msg::fill(NOTHING_CHANGED, vec![("error", e.to_string())])))),
        }
    };
    let apply = move |files: Vec<InputFile>| apply_with(files, true);
    let apply_file_list = move |list: web_sys::FileList| {
        let files = browser::files_of(&list);
        spawn_local(async move {
            match browser::read_files(files).await {
                Ok(files) if files.is_empty() => {}
                Ok(files) => apply(files),
                Err(e) => banner.set(Some(Banner::Error(e))),
            }
        })
    };
    let open_url = move |url: String, announce: bool| {
        spawn_local(async move {
            match browser::fetch_file(&url).await {
                Ok(file) => apply_with(vec![file], announce),
                Err(e) => banner.set(Some(Banner::Error(Msg::wrap(NOTHING_CHANGED, "error", e)))),
            }
        })
    };
    let load_example = move |announce: bool| open_url(EXAMPLE_URL.to_owned(), announce);
    // A share link first; else restore the last session; else the example.
    let shared = browser::location_hash().filter(|h| share::is_share_fragment(h)).map(|h| share::decode(&h));
    if shared.is_some() {
        browser::clear_hash();
    }
    let link_error = match &shared {
        Some(Err(e)) => Some(Msg::fill(LINK_NOT_OPENED, vec![("error", e.to_string())])),
        _ => None,
    };
    if let Some(Ok(opened)) = shared {
        state.set(opened);
        banner.set(Some(Banner::Info(Msg::text(OPENED_SHARED))));
    } else {
        match browser::load_saved(session::STORAGE_KEY).map(|text| session::restore(&text)) {
            Some(Ok(saved)) => {
                state.set(saved);
                banner.set(Some(match link_error {
                    Some(e) => Banner::Error(e.then(Msg::text(RESTORED_INSTEAD))),
                    None => Banner::Info(Msg::text(RESTORED)),
                }));
            }
            Some(Err(e)) => {
                let restore = Msg::fill(RESTORE_FAILED, vec![("error", e.to_string())]);
                banner.set(Some(Banner::Error(match link_error {
                    Some(l) => l.then(restore),
                    None => restore,
                })));
                load_example(false);
            }
            None => {
                if let Some(e) = link_error {
                    banner.set(Some(Banner::Error(e.then(Msg::text(OPENED_EXAMPLE_INSTEAD)))));
                }
                load_example(false);
            }
        }
    }
    // Autosave: once the user has changed something in this tab (there is
    // history), the state is kept in this browser. The example opened at
    // start-up or by "Start fresh" is not saved: there is no work to keep.
    // It is written when typing pauses and when the page is hidden or left
    // (reload, close), not at every keystroke: serializing the whole project
    // on each one delayed every edit's preview by a few ms.
    let save_now = move || {
        let worked = editor.history.with_untracked(|h| h.can_undo() || h.can_redo());
        let text = state.with_untracked(|s| (worked && s.has_project()).then(|| session::save(s)));
        if let Some(Ok(text)) = text {
            browser::save(session::STORAGE_KEY, &text);
        }
    };
    let pending_save = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        state.track();
        editor.history.track();
        if let Some(handle) = pending_save.get_value() {
            handle.clear();
        }
        pending_save.set_value(set_timeout_with_handle(save_now, AUTOSAVE_PAUSE).ok());
    });
    let _ = window_event_listener(ev::pagehide, move |_| save_now());
    let _ = window_event_listener(ev::visibilitychange, move |_| save_now());
    let start_fresh = move |_| {
        browser::forget(session::STORAGE_KEY);
        editor.history.update(|h| h.clear());
        sources.update(|s| s.clear());
        state.set(ProjectState::empty());
        load_example(false);
        banner.set(Some(Banner::Info(Msg::text(STARTED_FRESH))));
    };
    // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) undo and redo, except in the import
    // fields, which are not part of the project.
    let _ = window_event_listener(ev::keydown, move |e| {
        if !(e.ctrl_key() || e.meta_key()) {
            return;
        }
        let in_import_field = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.id().as_str(), "paste-yaml" | "open-url"));
        if in_import_field {
            return;
        }
        match (e.key().to_ascii_lowercase().as_str(), e.shift_key()) {
            ("z", false) => {
                e.prevent_default();
                editor.undo();
            }
            ("z", true) | ("y", false) => {
                e.prevent_default();
                editor.redo();
            }
            _ => {}
        }
    });

    // Drag and drop anywhere on the page.
    let _ = window_event_listener(ev::dragover, |e| e.prevent_default());
    let _ = window_event_listener(ev::dragenter, move |e| {
        // Only files: dragging a route row to reorder it is not an import.
        let files = e.data_transfer().is_some_and(|d| d.types().includes(&"Files".into(), 0));
        if files {
            e.prevent_default();
            dragging.set(true);
        }
    });
    let _ = window_event_listener(ev::dragleave, move |e| {
        // Leaving the window (not moving between children) ends the hover.
        if e.related_target().is_none() {
            dragging.set(false);
        }
    });
    let _ = window_event_listener(ev::drop, move |e| {
        e.prevent_default();
        dragging.set(false);
        if let Some(files) = e.data_transfer().and_then(|d| d.files()) {
            apply_file_list(files);
        }
    });
    // Paste anywhere outside a text field: files, or YAML text.
    let _ = window_event_listener(ev::paste, move |e| {
        let in_field = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA"));
        if in_field {
            return;
        }
        let Some(data) = e.clipboard_data() else { return };
        e.prevent_default();
        match data.files() {
            Some(files) if files.length() > 0 => apply_file_list(files),
            _ => {
                if let Ok(text) = data.get_data("text") {
                    apply(vec![InputFile::new("(pasted text)", text)]);
                }
            }
        }
    });

    let on_pick = move |e: ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        if let Some(files) = input.files() {
            apply_file_list(files);
        }
        input.set_value("");
    };

    let url = RwSignal::new(String::new());
    let on_open_url = move |e: ev::SubmitEvent| {
        e.prevent_default();
        let target = url.get_untracked().trim().to_owned();
        if !target.is_empty() {
            open_url(target, true);
        }
    };

    let paste_text = RwSignal::new(String::new());
    let on_paste_import = move |e: ev::SubmitEvent| {
        e.prevent_default();
        let text = paste_text.get_untracked();
        if !text.trim().is_empty() {
            apply(vec![InputFile::new("(pasted text)", text)]);
        }
    };

    // "Secrets as placeholders": the download (not the state) gets `${NAME}`
    // in place of each plain-text secret, as `xgen-studio bundle --placeholders`.
    let placeholders = RwSignal::new(false);
    let secret_count = Memo::new(move |_| problems.with(|p| p.iter().filter(|p| p.code == "XS501").count()));
    // The share link: the project (secrets as placeholders) in the fragment,
    // copied to the clipboard and shown for copying by hand.
    let share_link = RwSignal::new(None::<String>);
    let on_share = move |_| match state.with_untracked(share::encode) {
        Ok(shared) => {
            let url = format!("{}#{}", browser::page_url(), shared.fragment);
            browser::copy_text(url.clone(), Callback::new(move |e| banner.set(Some(Banner::Error(e)))));
            share_link.set(Some(url));
            banner.set(Some(Banner::Info(match shared.placeholders {
                0 => Msg::text(SHARE_COPIED),
                1 => Msg::text(SHARE_COPIED_SECRET),
                n => Msg::fill(SHARE_COPIED_SECRETS, vec![("n", n.to_string())]),
            })));
        }
        Err(e) => {
            share_link.set(None);
            banner.set(Some(Banner::Error(Msg::fill(NO_LINK, vec![("error", e.to_string())]))));
        }
    };
    // A link shown is of the state it was made from: any change retires it.
    Effect::new(move |_| {
        state.track();
        share_link.set(None);
    });
    let on_download = move |_| {
        let result = state.with_untracked(|s| {
            let export =
                if placeholders.get_untracked() { xgen_core::secrets::with_placeholders(s).0 } else { s.clone() };
            bundle_zip(&export)
                .map_err(|e| Msg::fill(BUNDLE_FAILED, vec![("error", e.to_string())]))
                .map(|zip| (bundle_file_name(&export), zip))
        });
        match result.and_then(|(name, zip)| browser::download(&name, "application/zip", &zip)) {
            Ok(()) => {}
            Err(e) => banner.set(Some(Banner::Error(e))),
        }
    };

    let no_project = t(NO_PROJECT);
    let project_name = move || state.with(|s| s.project.name().map_or_else(|| no_project().to_owned(), str::to_owned));

    view! {
        <div class="app" class:dragging=move || dragging.get()>
            <header class="top">
                <h1>"XGEN Config Studio"</h1>
                <span class="project-name" data-testid="project-name" translate="no">{project_name}</span>
                <label class="env-switch">
                    {t(ENVIRONMENT)}
                    <select translate="no" prop:value=move || selected_env.get() on:change=move |e| selected_env.set(event_target_value(&e))>
                        {move || env_names.get().into_iter().map(|n| view! { <option value=n.clone()>{n.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="lang-switch">
                    {t(LANGUAGE)}
                    <select
                        data-testid="language"
                        prop:value=move || lang.get().code()
                        on:change=move |e| i18n::choose(lang, Lang::from_code(&event_target_value(&e)).unwrap_or_default())
                    >
                        {Lang::ALL
                            .into_iter()
                            .map(|l| view! { <option value=l.code() lang=l.code()>{l.native_name()}</option> })
                            .collect_view()}
                    </select>
                </label>
                <div class="actions">
                    <label class="button">
                        {t(OPEN_FILES)}
                        <input
                            type="file"
                            multiple
                            accept=".yaml,.yml,.zip"
                            class="visually-hidden"
                            aria-label=t(OPEN_FILES_LABEL)
                            on:change=on_pick
                        />
                    </label>
                    <button
                        type="button"
                        aria-keyshortcuts="Control+Z"
                        prop:disabled=move || editor.history.with(|h| !h.can_undo())
                        on:click=move |_| editor.undo()
                    >
                        {t(UNDO)}
                    </button>
                    <button
                        type="button"
                        aria-keyshortcuts="Control+Shift+Z"
                        prop:disabled=move || editor.history.with(|h| !h.can_redo())
                        on:click=move |_| editor.redo()
                    >
                        {t(REDO)}
                    </button>
                    <button type="button" on:click=move |_| load_example(true)>{t(LOAD_EXAMPLE)}</button>
                    <button type="button" on:click=start_fresh>{t(START_FRESH)}</button>
                    <button type="button" on:click=on_share>{t(SHARE_LINK)}</button>
                    <button
                        type="button"
                        class="primary"
                        aria-describedby="download-errors"
                        on:click=on_download
                    >
                        {t(DOWNLOAD_BUNDLE)}
                    </button>
                    <label class="check secrets-toggle" class:warn=move || 0 < secret_count.get()>
                        <input type="checkbox" prop:checked=move || placeholders.get() on:change=move |e| placeholders.set(event_target_checked(&e)) />
                        {move || match secret_count.get() {
                            0 => SECRETS_AS_PLACEHOLDERS.get(lang.get()).to_owned(),
                            n => SECRETS_AS_PLACEHOLDERS_N.fill(lang.get(), &[("n", &n)]),
                        }}
                    </label>
                    <span id="download-errors" class="error-count" class:none=move || error_count.get() == 0>
                        {move || match error_count.get() {
                            0 => NO_ERRORS.get(lang.get()).to_owned(),
                            1 => ONE_ERROR.get(lang.get()).to_owned(),
                            n => N_ERRORS.fill(lang.get(), &[("n", &n)]),
                        }}
                    </span>
                </div>
            </header>

            {move || {
                banner
                    .get()
                    .map(|b| {
                        let (class, role, text) = match b {
                            Banner::Error(t) => ("banner error", "alert", t),
                            Banner::Info(t) => ("banner info", "status", t),
                        };
                        view! {
                            <div class=class role=role data-testid="banner">
                                <span>{move || text.show(lang.get())}</span>
                                <button type="button" aria-label=t(DISMISS) on:click=move |_| banner.set(None)>
                                    "×"
                                </button>
                            </div>
                        }
                    })
            }}

            {move || {
                share_link.get().map(|url| {
                    view! {
                        <div class="share-link">
                            <label for="share-url">{t(SHARE_LINK_COPIED)}</label>
                            <input id="share-url" type="url" readonly prop:value=url />
                        </div>
                    }
                })
            }}

            <main class="layout">
                <div class="column">
                    <SectionNav />
                    {move || match section.get() {
                        Section::Overview => {
                            view! {
                                <section class="project" aria-labelledby="project-heading">
                                    <h2 id="project-heading">{t(OVERVIEW)}</h2>
                                    <dl class="project-meta">
                                        <dt>{t(NAME)}</dt>
                                        <dd data-testid="meta-name" translate="no">{project_name}</dd>
                                        <dt>{t(DESCRIPTION)}</dt>
                                        <dd translate="no">{move || state.with(|s| s.project.description().unwrap_or("—").to_owned())}</dd>
                                        <dt>{t(NAMESPACE)}</dt>
                                        <dd translate="no">{move || state.with(|s| s.project.namespace().unwrap_or("—").to_owned())}</dd>
                                        <dt>{t(FILE)}</dt>
                                        <dd class="mono" translate="no">{move || state.with(|s| project_path(&s.site))}</dd>
                                    </dl>
                                    <h2>{move || ENVIRONMENTS_N.fill(lang.get(), &[("n", &envs.with(Vec::len))])}</h2>
                                    <Environments envs=envs />
                                </section>
                            }
                                .into_any()
                        }
                        Section::Project => view! { <ProjectForm /> }.into_any(),
                        Section::Environments => view! { <EnvironmentsForm /> }.into_any(),
                        Section::Services => view! { <ServicesForm /> }.into_any(),
                        Section::Routes => view! { <RoutesForm /> }.into_any(),
                        Section::Traffic => view! { <TrafficPolicyForm /> }.into_any(),
                        Section::Alerts => view! { <AlertsForm /> }.into_any(),
                        Section::Simulator => view! { <SimulatorForm /> }.into_any(),
                    }}
                    <Problems problems=problems />
                    <section class="import-more" aria-labelledby="import-heading">
                        <h2 id="import-heading">{t(IMPORT)}</h2>
                        <p class="muted">{t(IMPORT_HELP)}</p>
                        <form class="row" on:submit=on_open_url>
                            <label for="open-url">{t(PROJECT_URL)}</label>
                            <input id="open-url" type="url" placeholder="https://…/projects/site.yaml" bind:value=url />
                            <button type="submit">{t(OPEN_URL)}</button>
                        </form>
                        <form class="paste" on:submit=on_paste_import>
                            <label for="paste-yaml">{t(PASTE_YAML)}</label>
                            <textarea id="paste-yaml" rows="4" spellcheck="false" bind:value=paste_text></textarea>
                            <button type="submit">{t(IMPORT_PASTED)}</button>
                        </form>
                    </section>
                </div>
                <div class="column wide">
                    <Preview bundle=bundle sources=sources on_error=Callback::new(move |e| banner.set(Some(Banner::Error(e)))) />
                </div>
            </main>
            <div class="drop-overlay" aria-hidden="true">{t(DROP_FILES)}</div>
        </div>
    }
}
