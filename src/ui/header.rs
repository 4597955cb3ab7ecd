//! The header: the project, the environment switch, the language, and the
//! actions (open, undo and redo, example, start fresh, share, download).

use super::code_text::name_text;
use super::download::{download, Refused};
use super::forms::SelectedEnv;
use super::i18n::{self, lang, t, Msg};
use super::importing::{load_example, on_pick, start_fresh, Announce};
use super::share::ShareLink;
use super::studio::studio;
use crate::i18n::*;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use xgen_core::checks::{xs501_plain_secret, Severity};

#[component]
pub fn Header(share: ShareLink) -> impl IntoView {
    let studio = studio();
    let editor = studio.editor;
    let selected_env = expect_context::<SelectedEnv>().0;
    let lang_signal = i18n::signal();
    let env_names = studio.env_names;
    let error_count =
        Memo::new(move |_| studio.problems.with(|p| p.iter().filter(|p| p.severity() == Severity::Error).count()));
    let warning_count =
        Memo::new(move |_| studio.problems.with(|p| p.iter().filter(|p| p.severity() == Severity::Warning).count()));
    let section = expect_context::<crate::ui::forms::CurrentSection>().0;
    let invalid_count = Memo::new(move |_| editor.drafts.with(|d| d.len()));
    let secret_count = Memo::new(move |_| {
        studio.problems.with(|p| p.iter().filter(|p| p.rule() == &xs501_plain_secret::RULE).count())
    });
    // "Secrets as placeholders": the download (not the state) gets `${NAME}`
    // in place of each plain-text secret, as `xgen-studio bundle --placeholders`.
    let placeholders = RwSignal::new(false);
    let no_project = t(NO_PROJECT);
    let project_name =
        move || studio.state.with(|s| s.project.name().map_or_else(|| no_project().to_owned(), name_text));
    let on_pick = on_pick(studio);
    // "Start fresh" throws the project away: it asks first, in a dialog that
    // takes focus, keeps it (Tab cycles its two buttons), closes on Esc and
    // gives focus back to the button that opened it; and stays undoable.
    let confirming = RwSignal::new(false);
    let fresh_button = NodeRef::<leptos::html::Button>::new();
    let keep_button = NodeRef::<leptos::html::Button>::new();
    let confirm_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(keep) = keep_button.get() {
            let _ = keep.focus();
        }
    });
    let close_dialog = move || {
        confirming.set(false);
        if let Some(b) = fresh_button.get_untracked() {
            let _ = b.focus();
        }
    };
    let start_fresh = move |_| {
        close_dialog();
        start_fresh(studio);
        section.set(crate::view::sections::Section::Environments);
    };
    let dialog_keys = move |e: leptos::ev::KeyboardEvent| match e.key().as_str() {
        "Escape" => {
            e.prevent_default();
            close_dialog();
        }
        "Tab" => {
            let (Some(first), Some(last)) = (confirm_button.get_untracked(), keep_button.get_untracked()) else {
                return;
            };
            let active = document().active_element().map(|a| a.id()).unwrap_or_default();
            if e.shift_key() && active == "fresh-confirm" {
                e.prevent_default();
                let _ = last.focus();
            } else if !e.shift_key() && active == "fresh-keep" {
                e.prevent_default();
                let _ = first.focus();
            }
        }
        _ => {}
    };
    // A refused download says why beside the button, in the sticky header:
    // focus may move down to an invalid field, and the banner scrolls away.
    let refusal = RwSignal::new(None::<Msg>);
    Effect::new(move |_| {
        studio.state.track();
        editor.drafts.track();
        refusal.set(None);
    });
    view! {
        <header class="top">
            <h1>"XGEN Config Studio"</h1>
            <span class="project-name" data-testid="project-name" translate="no">{project_name}</span>
            <label class="env-switch">
                {t(ENVIRONMENT)}
                <select translate="no" prop:value=move || selected_env.get() on:change=move |e| selected_env.set(event_target_value(&e))>
                    // Each option says whether it is the selected one: a select whose
                    // options are drawn anew (another project) would otherwise show its
                    // first option while the forms edit the selected environment.
                    {move || {
                        env_names
                            .get()
                            .into_iter()
                            .map(|n| {
                                let chosen = n.clone();
                                view! { <option value=n.clone() prop:selected=move || selected_env.with(|s| *s == chosen)>{name_text(&n)}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <label class="lang-switch">
                {t(LANGUAGE)}
                <select
                    data-testid="language"
                    prop:value=move || lang().code()
                    on:change=move |e| i18n::choose(lang_signal, Lang::from_code(&event_target_value(&e)).unwrap_or_default())
                >
                    {Lang::ALL.into_iter().map(|l| view! { <option value=l.code() lang=l.code()>{l.native_name()}</option> }).collect_view()}
                </select>
            </label>
            <div class="actions">
                <label class="button">
                    {t(OPEN_FILES)}
                    <input type="file" multiple accept=".yaml,.yml,.zip" class="visually-hidden" aria-label=t(OPEN_FILES_LABEL) on:change=on_pick />
                </label>
                <button type="button" aria-keyshortcuts="Control+Z" prop:disabled=move || editor.history.with(|h| !h.can_undo()) on:click=move |_| editor.undo()>
                    {t(UNDO)}
                </button>
                <button type="button" aria-keyshortcuts="Control+Shift+Z" prop:disabled=move || editor.history.with(|h| !h.can_redo()) on:click=move |_| editor.redo()>
                    {t(REDO)}
                </button>
                <button type="button" on:click=move |_| load_example(studio, Announce::Yes)>{t(LOAD_EXAMPLE)}</button>
                <button type="button" node_ref=fresh_button aria-haspopup="dialog" aria-expanded=move || confirming.get().to_string() on:click=move |_| confirming.update(|c| *c = !*c)>
                    {t(START_FRESH)}
                </button>
                <button type="button" on:click=move |_| share.make(studio)>{t(SHARE_LINK)}</button>
                <button type="button" class="primary" aria-describedby="download-errors download-refused" on:click=move |_| {
                    match download(studio, placeholders.get_untracked(), lang_signal.get_untracked()) {
                        Ok(()) => refusal.set(None),
                        Err(Refused::InvalidFields(why)) => {
                            refusal.set(Some(why));
                            super::sections::focus_first_draft(editor, section, selected_env);
                        }
                        Err(Refused::Other(why)) => refusal.set(Some(why)),
                    }
                }>
                    {t(DOWNLOAD_BUNDLE)}
                </button>
                <label class="check secrets-toggle" class:warn=move || 0 < secret_count.get()>
                    <input type="checkbox" prop:checked=move || placeholders.get() on:change=move |e| placeholders.set(event_target_checked(&e)) />
                    {move || match secret_count.get() {
                        0 => SECRETS_AS_PLACEHOLDERS.get(lang()).to_owned(),
                        n => SECRETS_AS_PLACEHOLDERS_N.fill(lang(), &[("n", &n)]),
                    }}
                </label>
                <button type="button" class="link change-counts" data-testid="change-counts" title=t(CHANGES_COUNT_LABEL)
                    on:click=move |_| section.set(crate::view::sections::Section::Changes)>
                    {move || {
                        let counts = studio.impact.with(|i| i.as_ref().map(|i| i.counts()).unwrap_or_default());
                        let parts: Vec<String> = counts.iter().map(|(e, n)| CHANGE_COUNT.fill(lang(), &[("env", e), ("n", n)])).collect();
                        format!("{}: {}", CHANGES_SECTION.get(lang()), parts.join(" · "))
                    }}
                </button>
                <span id="download-errors" class="error-count" class:none=move || error_count.get() == 0 && invalid_count.get() == 0>
                    {move || {
                        let errors = match error_count.get() {
                            0 if invalid_count.get() > 0 => return String::new(),
                            0 => NO_ERRORS.get(lang()).to_owned(),
                            1 => ONE_ERROR.get(lang()).to_owned(),
                            n => N_ERRORS.fill(lang(), &[("n", &n)]),
                        };
                        // "no errors" alone would hide the warnings the list holds.
                        match warning_count.get() {
                            0 => errors,
                            1 => format!("{errors} · {}", ONE_WARNING.get(lang())),
                            n => format!("{errors} · {}", N_WARNINGS.fill(lang(), &[("n", &n)])),
                        }
                    }}
                    <Show when=move || invalid_count.get() != 0>
                        " "
                        <button type="button" class="link invalid-fields" data-testid="invalid-fields" on:click=move |_| super::sections::focus_first_draft(editor, section, selected_env)>
                            {move || match invalid_count.get() {
                                1 => ONE_INVALID_FIELD.get(lang()).to_owned(),
                                n => N_INVALID_FIELDS.fill(lang(), &[("n", &n)]),
                            }}
                        </button>
                    </Show>
                </span>
            </div>
            <p id="download-refused" class="download-refused" role="alert" data-testid="download-refused" class:none=move || refusal.with(Option::is_none)>
                {move || refusal.get().map(|why| view! {
                    <span>{move || super::code_text::code_text(&why.show(lang()))}</span>
                    " "
                    <button type="button" class="link" on:click=move |_| refusal.set(None)>{t(DOWNLOAD_REFUSED_DISMISS)}</button>
                })}
            </p>
            {move || {
                studio.saving.with(|s| match s {
                    super::autosave::Saving::Failed(e) => Some(e.clone()),
                    _ => None,
                })
                .map(|e| view! {
                    <p class="autosave-failed" role="alert" data-testid="autosave-failed">
                        {move || NOT_SAVED_HERE.fill(lang(), &[("error", &e)])}
                    </p>
                })
            }}
            <SitePicker />
            <Show when=move || confirming.get()>
                <div class="confirm" role="alertdialog" aria-modal="true" aria-labelledby="fresh-question" on:keydown=dialog_keys>
                    <span id="fresh-question">{move || super::code_text::code_text(START_FRESH_QUESTION.get(lang()))}</span>
                    <button type="button" class="danger" id="fresh-confirm" node_ref=confirm_button on:click=start_fresh>{t(START_FRESH_CONFIRM)}</button>
                    <button type="button" id="fresh-keep" node_ref=keep_button on:click=move |_| close_dialog()>{t(KEEP_WORKING)}</button>
                </div>
            </Show>
        </header>
    }
}

/// Which site of a folder to open: one button per project file, by its
/// path in the folder; picking one imports it, Escape or "Cancel" opens
/// nothing. Opening moves focus to the first choice; closing gives it back
/// to where it was.
#[component]
fn SitePicker() -> impl IntoView {
    let studio = studio();
    let picking = super::folder::picking();
    let was_focused = StoredValue::new_local(None::<web_sys::HtmlElement>);
    let list = NodeRef::<leptos::html::Ul>::new();
    // The picker appeared (its list mounted): remember the focus, then take it.
    Effect::new({
        let picking = picking.clone();
        move |_| {
            let ul = list.get();
            if picking.with(Option::is_none) {
                return;
            }
            let Some(first) = ul
                .and_then(|ul| ul.query_selector("button").ok().flatten())
                .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
                .filter(|b| b.is_connected())
            else {
                return;
            };
            if was_focused.with_value(Option::is_none) {
                let active = document().active_element().and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok());
                was_focused.set_value(active);
            }
            let _ = first.focus();
        }
    });
    let close = {
        let picking = picking.clone();
        move || {
            picking.set(None);
            if let Some(el) = was_focused.try_update_value(Option::take).flatten() {
                if el.is_connected() {
                    let _ = el.focus();
                }
            }
        }
    };
    let keys = {
        let close = close.clone();
        move |e: leptos::ev::KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                close();
            }
        }
    };
    move || {
        let folder = picking.get()?;
        let close = close.clone();
        let buttons = folder
            .sites()
            .iter()
            .map(|site| {
                let (folder, file, close) = (folder.clone(), site.file.clone(), close.clone());
                view! {
                    <li>
                        <button type="button" translate="no" on:click=move |_| {
                            close();
                            super::folder::open_site(studio, &folder, Some(&file));
                        }>{site.file.clone()}</button>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <div class="confirm site-picker" role="dialog" aria-modal="true" aria-labelledby="site-picker-question" on:keydown=keys.clone()>
                <span id="site-picker-question">{t(PICK_SITE)}</span>
                <ul class="site-list" node_ref=list>{buttons}</ul>
                <button type="button" on:click=move |_| close()>{t(CANCEL)}</button>
            </div>
        })
    }
}
