//! A file of the cluster's own Istio objects (docs/inputs.md), dropped or
//! picked: the page asks which environment's cluster it comes from, then
//! stores it with the studio settings as the CLI's `--objects ENV=FILE`
//! does (`xgen_core::import::import_objects`: all or nothing).

use super::i18n::{lang, t, Msg};
use super::studio::{studio, Studio};
use crate::i18n::*;
use leptos::prelude::*;
use xgen_core::InputFile;

thread_local! {
    /// The files waiting for their environment, first first
    /// (reference-counted: owned by no component, it lives with the page).
    static WAITING: ArcRwSignal<Vec<InputFile>> = ArcRwSignal::new(Vec::new());
}

fn waiting() -> ArcRwSignal<Vec<InputFile>> {
    WAITING.with(Clone::clone)
}

/// Takes the files of Istio objects out of a batch and asks for their
/// environment; returns the rest, to import as the project's files.
pub fn take_objects(files: Vec<InputFile>) -> Vec<InputFile> {
    let (objects, rest): (Vec<_>, Vec<_>) = files.into_iter().partition(xgen_core::import::is_objects_file);
    if !objects.is_empty() {
        waiting().update(|w| w.extend(objects));
    }
    rest
}

/// `Service 2, ConfigMap 1`, or "nothing".
fn counted(map: &std::collections::BTreeMap<String, usize>, l: crate::i18n::Lang) -> String {
    if map.is_empty() {
        return OBJECTS_SKIPPED_NONE.get(l).to_owned();
    }
    map.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", ")
}

/// The kinds of an objects file, counted: `VirtualService 3, Gateway 1`.
pub fn kinds(file: &xgen_core::model::istio::ObjectsFile) -> std::collections::BTreeMap<String, usize> {
    use xgen_core::model::istio::IstioObject;
    let mut out = std::collections::BTreeMap::new();
    for o in &file.objects {
        let kind = match o {
            IstioObject::Gateway(_) => "Gateway",
            IstioObject::VirtualService(_) => "VirtualService",
            IstioObject::DestinationRule(_) => "DestinationRule",
        };
        *out.entry(kind.to_owned()).or_insert(0) += 1;
    }
    out
}

fn import(studio: Studio, env: &str, file: &InputFile) {
    match studio.state.with_untracked(|s| xgen_core::import::import_objects(s, env, file)) {
        Ok(state) => {
            let Some(objects) = state.cluster.get(env).cloned() else { return };
            if let Ok(label) = xgen_core::names::DnsLabel::parse(env) {
                let path = xgen_core::layout::cluster_objects_path(&label);
                studio.sources.update(|known| {
                    known.insert(path, objects.text.to_string());
                });
            }
            studio.editor.replace(state);
            let (name, env) = (file.name.clone(), env.to_owned());
            studio.info(Msg::by_lang(move |l| {
                OBJECTS_IMPORTED.fill(
                    l,
                    &[
                        ("count", &objects.objects.len()),
                        ("file", &name),
                        ("env", &env),
                        ("kinds", &counted(&kinds(&objects), l)),
                        ("skipped", &counted(&objects.skipped, l)),
                    ],
                )
            }));
        }
        Err(e) => studio.error(Msg::fill(NOTHING_CHANGED, vec![("error", e.to_string())])),
    }
}

/// The question: which environment's cluster the first waiting file comes
/// from. Escape or "Cancel" drops that file.
#[component]
pub fn ObjectsPicker() -> impl IntoView {
    let studio = studio();
    let waiting = waiting();
    let selected = expect_context::<super::forms::SelectedEnv>().0;
    let env = RwSignal::new(String::new());
    // The question takes the focus when it opens, as a dialog does.
    let select_ref = NodeRef::<leptos::html::Select>::new();
    Effect::new(move |_| {
        if let Some(el) = select_ref.get() {
            let _ = el.focus();
        }
    });
    let next = {
        let waiting = waiting.clone();
        move || waiting.update(|w| drop(w.remove(0)))
    };
    move || {
        let f = waiting.with(|w| w.first().cloned())?;
        env.set(selected.get_untracked());
        let (cancel, ok) = (next.clone(), next.clone());
        let keys = {
            let next = next.clone();
            move |e: leptos::ev::KeyboardEvent| {
                if e.key() == "Escape" {
                    next();
                }
            }
        };
        let name = f.name.clone();
        let options = move || {
            studio
                .env_names
                .get()
                .into_iter()
                .map(|e| view! { <option value=e.clone()>{e.clone()}</option> })
                .collect_view()
        };
        Some(view! {
            <div class="confirm objects-picker" role="dialog" aria-modal="true" aria-labelledby="objects-question" on:keydown=keys>
                <span id="objects-question">{move || super::code_text::code_text(&OBJECTS_WHICH_ENV.fill(lang(), &[("file", &name)]))}</span>
                <label for="objects-env">{t(OBJECTS_ENV)}</label>
                <select id="objects-env" node_ref=select_ref on:change=move |e| env.set(event_target_value(&e)) prop:value=move || env.get()>{options}</select>
                <button type="button" on:click=move |_| {
                    ok();
                    import(studio, &env.get_untracked(), &f);
                }>{t(OBJECTS_IMPORT)}</button>
                <button type="button" on:click=move |_| cancel()>{t(CANCEL)}</button>
            </div>
        })
    }
}
