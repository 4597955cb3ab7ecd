//! The Environments section: add, rename, remove and reorder environments, and
//! each one's cluster server and public domain.

use super::fields::{field_id, non_empty, said, TextField};
use crate::i18n::*;
use crate::ui::i18n::{lang, t};
use leptos::prelude::*;
use xgen_core::edit;
use xgen_core::layout::project_path;
use xgen_core::validate;

/// Why a new environment's name is refused.
#[derive(Clone, PartialEq)]
enum NameError {
    Exists(String),
    Invalid(validate::Said),
}

#[component]
pub fn EnvironmentsForm() -> impl IntoView {
    let editor = crate::ui::studio::studio().editor;
    let names = crate::ui::studio::studio().env_names;
    let new_name = RwSignal::new(String::new());
    let new_error = Memo::new(move |_| {
        let n = new_name.get();
        if n.is_empty() {
            None
        } else if names.with(|e| e.contains(&n)) {
            Some(NameError::Exists(n))
        } else {
            validate::dns_label(&n).map(NameError::Invalid)
        }
    });
    let add = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let name = new_name.get_untracked().trim().to_owned();
        if name.is_empty() || new_error.get_untracked().is_some() {
            return;
        }
        editor.edit("env-add", |s| edit::add_environment(&mut s.project, &name));
        new_name.set(String::new());
    };
    view! {
        <section class="form" aria-labelledby="envs-form-heading">
            <h2 id="envs-form-heading">{t(ENVIRONMENTS)}</h2>
            <ol class="cards">
                {move || {
                    let all = names.get();
                    let last = all.len().saturating_sub(1);
                    all.into_iter()
                        .enumerate()
                        .map(|(i, env)| {
                            let file = editor.state.with_untracked(|s| project_path(&s.site));
                            let (e1, e2, e3, e4, e5, e6) = (env.clone(), env.clone(), env.clone(), env.clone(), env.clone(), env.clone());
                            let server_id = field_id(&file, &format!("destinations.{env}.server"));
                            let domain_id = field_id(&file, &format!("destinations.{env}.domain"));
                            let (sk, dk) = (server_id.clone(), domain_id.clone());
                            view! {
                                <li class="card" data-env=env.clone()>
                                    <div class="card-head">
                                        <TextField
                                            label=NAME
                                            id=field_id(&file, &format!("environments.{env}"))
                                            value=Signal::derive(move || e1.clone())
                                            rule=validate::dns_label
                                            strict=true
                                            on_commit=true
                                            on_change=Callback::new(move |to: String| {
                                                let from = e2.clone();
                                                editor.edit("env-rename", move |s| {
                                                    edit::rename_environment_everywhere(s, &from, &to);
                                                })
                                            })
                                        />
                                        <div class="card-actions">
                                            <button type="button" aria-label={ let n = env.clone(); move || MOVE_UP.fill(lang(), &[("name", &n)]) } disabled=i == 0
                                                on:click=move |_| { let n = e3.clone(); editor.edit("env-move", move |s| edit::move_environment(&mut s.project, &n, -1)) }>"↑"</button>
                                            <button type="button" aria-label={ let n = env.clone(); move || MOVE_DOWN.fill(lang(), &[("name", &n)]) } disabled=i == last
                                                on:click=move |_| { let n = e4.clone(); editor.edit("env-move", move |s| edit::move_environment(&mut s.project, &n, 1)) }>"↓"</button>
                                            <button type="button" aria-label={ let n = env.clone(); move || REMOVE_ENV.fill(lang(), &[("name", &n)]) }
                                                on:click=move |_| { let n = e5.clone(); editor.edit("env-remove", move |s| edit::remove_environment(&mut s.project, &n)) }>{t(REMOVE)}</button>
                                        </div>
                                    </div>
                                    <div class="grid2">
                                        <TextField
                                            label=CLUSTER_SERVER
                                            id=server_id
                                            placeholder="https://kubernetes.default.svc"
                                            value=Signal::derive({ let env = env.clone(); move || editor.state.with(|s| s.project.destinations.as_ref().and_then(|d| d.get(&env)).and_then(|d| d.server.clone()).unwrap_or_default()) })
                                            rule=validate::server_url
                                            on_change=Callback::new({ let env = env.clone(); move |t: String| { let env = env.clone(); editor.edit(&sk, move |s| edit::destination_mut(&mut s.project, &env).server = non_empty(t)) } })
                                        />
                                        <TextField
                                            label=DOMAIN
                                            id=domain_id
                                            placeholder="site.example.com"
                                            value=Signal::derive(move || editor.state.with(|s| s.project.destinations.as_ref().and_then(|d| d.get(&e6)).and_then(|d| d.domain.clone()).unwrap_or_default()))
                                            rule=validate::host_name
                                            on_change=Callback::new({ let env = env.clone(); move |t: String| { let env = env.clone(); editor.edit(&dk, move |s| edit::destination_mut(&mut s.project, &env).domain = non_empty(t)) } })
                                        />
                                    </div>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
            <form class="row add" on:submit=add>
                <div class="field" class:invalid=move || new_error.with(Option::is_some)>
                    <label for="new-env">{t(NEW_ENV)}</label>
                    <input id="new-env" type="text" placeholder="stg" bind:value=new_name aria-describedby="new-env-msg" />
                    <p class="field-msg" id="new-env-msg">
                        {move || {
                            let text = match new_error.get() {
                                None => String::new(),
                                Some(NameError::Exists(name)) => ENV_EXISTS.fill(lang(), &[("name", &name)]),
                                Some(NameError::Invalid(why)) => said(&why, lang()),
                            };
                            // The name in backticks is shown as code, as in every message.
                            crate::ui::code_text::code_text(&text)
                        }}
                    </p>
                </div>
                <button type="submit">{t(ADD_ENV)}</button>
            </form>
        </section>
    }
}
