//! The preview's file tree: one foldable group per environment (and one for
//! the sources and charts), each file a button. Keyed lists: a project of
//! another shape changes only the groups and files that differ, and each
//! button's reactive parts go with it.

use super::state::PreviewState;
use crate::i18n::*;
use crate::ui::i18n::{lang, t};
use crate::ui::reruns::tick;
use crate::view::preview::label_of;
use leptos::prelude::*;
use xgen_core::layout::rendered_env;

/// A path that wraps only after a `/`: each part between slashes stays on
/// one line (`alerting.yaml`, never `aler|ting.yaml`; `xgen-frontend`, never
/// `xgen-|frontend`).
pub fn path_parts(path: &str) -> impl IntoView {
    path.split_inclusive('/').map(|part| view! { <span class="part">{part.to_owned()}</span><wbr /> }).collect_view()
}

#[component]
pub fn FileTree(state: PreviewState) -> impl IntoView {
    let groups = state.tree_groups;
    view! {
        <nav class="tree" id="preview-files" aria-label=t(BUNDLE_FILES)>
            <For each=move || groups.with(|g| g.iter().map(|g| g.env.clone()).collect::<Vec<_>>()) key=|env| env.clone() let(env)>
                <FileGroup state=state env=env />
            </For>
        </nav>
    }
}

/// One group: the sources and charts (`env` None) or one environment's
/// rendered files. A large bundle opens with only the sources and the
/// selected file's group unfolded; a small one, all of them. A folded group
/// holds no file buttons: renaming an environment of a large project then
/// rebuilds a group's title, not its hundreds of buttons. It unfolds when
/// opened, when the shown file moves into it, and while a filter narrows
/// the list.
#[component]
fn FileGroup(state: PreviewState, env: Option<String>) -> impl IntoView {
    // An import makes the groups again (i18n::lang_scope).
    crate::ui::i18n::lang_scope();
    let files = {
        let env = env.clone();
        move || state.tree_groups.with(|g| g.iter().find(|g| g.env == env).map(|g| g.files.clone()).unwrap_or_default())
    };
    let count = {
        let files = files.clone();
        Memo::new(move |_| files().len())
    };
    let holds_current = {
        let env = env.clone();
        move |c: &Option<String>| c.as_deref().and_then(rendered_env) == env.as_deref()
    };
    let open = RwSignal::new(
        state.small.get_untracked() || env.is_none() || state.current_path.with_untracked(&holds_current),
    );
    Effect::new(move |_| {
        let _tick = tick();
        if state.current_path.with(&holds_current) && !open.get_untracked() {
            open.set(true);
        }
    });
    let filtering = Memo::new(move |_| state.query.with(|q| !q.trim().is_empty()));
    let unfolded = move || open.get() || filtering.get();
    let title = move || {
        let l = lang();
        let count = count.get();
        match &env {
            None => format!("{} ({count})", SOURCES_AND_CHARTS.get(l)),
            Some(env) => format!("{} ({count})", RENDERED_ENV.fill(l, &[("env", env)])),
        }
    };
    view! {
        <details
            class="group"
            prop:open=unfolded
            on:toggle=move |e| {
                let now = event_target::<web_sys::Element>(&e).has_attribute("open");
                if now != open.get_untracked() && !filtering.get_untracked() {
                    open.set(now);
                }
            }
        >
            <summary>{title}</summary>
            <Show when=unfolded>
                <ul>
                    <For each=files.clone() key=|path| path.clone() let(path)>
                        <FileButton state=state path=path />
                    </For>
                </ul>
            </Show>
        </details>
    }
}

/// A file's button: marked when the last change touched it and when it is
/// shown, each mark read from its own keyed slice.
#[component]
fn FileButton(state: PreviewState, path: String) -> impl IntoView {
    let selected_slice = state.selected_mark.get(path.clone());
    let is_selected = move || {
        let _tick = tick();
        selected_slice.with(Option::is_some)
    };
    let changed_slice = state.changed_marks.get(path.clone());
    let was_changed = move || {
        let _tick = tick();
        changed_slice.with(Option::is_some)
    };
    let label = path_parts(&label_of(&path));
    let pick = path.clone();
    view! {
        <li>
            <button
                type="button"
                class="file"
                class:changed=was_changed
                class:selected=is_selected
                aria-current=move || if is_selected() { "true" } else { "false" }
                title=path
                translate="no"
                on:click=move |_| {
                    state.selected.set(pick.clone());
                    state.files_open.set(false);
                }
            >
                {label}
            </button>
        </li>
    }
}
