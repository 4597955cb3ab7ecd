//! The Services section: the services of the selected environment, with
//! hasDomain, replicas, autoscaling, resources, namespace and values file.

use super::fields::{field_id, non_empty, said, TextField, TriState};
use super::SelectedEnv;
use crate::i18n::*;
use crate::ui::i18n::{lang, lang_scope, t, ts};
use crate::ui::reruns::tick;
use crate::ui::slices::Slices;
use leptos::prelude::*;
use xgen_core::builtin::STANDARD_SERVICES;
use xgen_core::edit;
use xgen_core::layout::project_path;
use xgen_core::model::project::{Autoscaling, Resources, ServiceEntry};
use xgen_core::scalar::Scalar;
use xgen_core::validate;

type ReadField = fn(&ServiceEntry) -> String;
type WriteField = fn(&mut ServiceEntry, String);

fn count_text(v: Option<u32>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}
fn count_value(t: &str) -> Option<u32> {
    t.trim().parse().ok()
}

fn resource_get(s: &ServiceEntry, group: &str, name: &str) -> String {
    let r = s.resources.as_ref();
    let list =
        if group == "requests" { r.and_then(|r| r.requests.as_ref()) } else { r.and_then(|r| r.limits.as_ref()) };
    list.and_then(|l| l.get(name)).map(Scalar::to_param_string).unwrap_or_default()
}

/// Sets or clears one quantity, dropping maps that become empty.
fn resource_set(s: &mut ServiceEntry, group: &str, name: &str, text: String) {
    let r = s.resources.get_or_insert_with(Resources::default);
    let list = if group == "requests" { &mut r.requests } else { &mut r.limits };
    let map = list.get_or_insert_with(Default::default);
    match non_empty(text) {
        Some(v) => {
            map.insert(name, Scalar::Str(v));
        }
        None => {
            map.remove(name);
        }
    }
    if map.is_empty() {
        *list = None;
    }
    if r.requests.is_none() && r.limits.is_none() && r.extra.is_empty() {
        s.resources = None;
    }
}

fn autoscaling(s: &mut ServiceEntry) -> &mut Autoscaling {
    s.autoscaling.get_or_insert_with(Autoscaling::default)
}

/// Drops `autoscaling: {}` left by clearing its last field.
fn tidy(s: &mut ServiceEntry) {
    if s.autoscaling.as_ref().is_some_and(|a| *a == Autoscaling::default()) {
        s.autoscaling = None;
    }
}

#[component]
pub fn ServicesForm() -> impl IntoView {
    let editor = crate::ui::studio::studio().editor;
    let env = expect_context::<SelectedEnv>().0;
    // Re-render the rows when the list's names change, not at every keystroke.
    let rows = Memo::new(move |_| {
        let _tick = tick();
        let env = env.get();
        editor.state.with(|s| {
            s.project.services_of(&env).iter().map(|e| e.name.clone().unwrap_or_default()).collect::<Vec<_>>()
        })
    });
    let shared = Memo::new(move |_| {
        let _tick = tick();
        let env = env.get();
        editor.state.with(|s| !edit::has_own_services(&s.project, &env) && s.project.services.is_some())
    });
    // Each card reads its own service: an edit wakes only the card it
    // changed (ui::slices), not every field of every card.
    let cards = Slices::new(move || {
        let env = env.get();
        editor.state.with(|s| s.project.services_of(&env).iter().cloned().enumerate().collect())
    });
    // The picker offers each standard service once: those the environment
    // does not have yet (a second entry would write one Application twice).
    let available = Memo::new(move |_| {
        let _tick = tick();
        rows.with(|names| {
            STANDARD_SERVICES
                .iter()
                .filter(|s| !names.iter().any(|n| n == *s))
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
        })
    });
    let picked = RwSignal::new(String::from("xgen-core"));
    // What the select shows: the pick while it is offered, else the first offered.
    let choice = Memo::new(move |_| {
        let p = picked.get();
        available.with(|a| if a.contains(&p) { Some(p) } else { a.first().cloned() })
    });
    let custom = RwSignal::new(String::new());
    let custom_error = Memo::new(move |_| {
        let c = custom.get();
        if !c.is_empty() && rows.with(|names| names.contains(&c)) {
            return Some(SERVICE_EXISTS.fill(lang(), &[("name", &c), ("env", &env.get())]));
        }
        validate::optional_dns_label(&c).map(|e| said(&e, lang()))
    });
    let add = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let name = match non_empty(custom.get_untracked()) {
            Some(_) if custom_error.get_untracked().is_some() => return,
            Some(n) => n,
            None => match choice.get_untracked() {
                Some(c) => c,
                None => return,
            },
        };
        let env = env.get_untracked();
        editor.edit("service-add", move |s| {
            if edit::add_service(&mut s.project, &env, &name) {
                s.complete_values();
            }
        });
        custom.set(String::new());
    };

    let row = move |i: usize, name: String, last: usize| {
        let file = editor.state.with_untracked(|s| project_path(&s.site));
        let env_name = env.get_untracked();
        let base = editor.state.with_untracked(|s| {
            if edit::has_own_services(&s.project, &env_name) || s.project.services.is_none() {
                format!("environments.{env_name}.services[{i}]")
            } else {
                format!("services[{i}]")
            }
        });
        let entry = cards.get(i);
        let get = move |f: ReadField| Signal::derive(move || entry.with(|e| e.as_ref().map(f).unwrap_or_default()));
        let set = move |key: String, f: WriteField| {
            Callback::new(move |t: String| {
                let env = env.get_untracked();
                editor.edit(&key, move |s| {
                    if let Some(entry) = edit::services_mut(&mut s.project, &env).get_mut(i) {
                        f(entry, t);
                        tidy(entry);
                    }
                    s.complete_values();
                })
            })
        };
        let id = |p: &str| field_id(&file, &format!("{base}.{p}"));
        let mv = move |delta: isize| {
            let env = env.get_untracked();
            editor.edit("service-move", move |s| edit::move_item(edit::services_mut(&mut s.project, &env), i, delta))
        };
        let remove = move |_| {
            let env = env.get_untracked();
            editor.edit("service-remove", move |s| {
                let list = edit::services_mut(&mut s.project, &env);
                if i < list.len() {
                    list.remove(i);
                }
            })
        };
        let has_domain = Signal::derive(move || entry.with(|e| e.as_ref().and_then(|e| e.has_domain)));
        let autoscaling_on =
            Signal::derive(move || entry.with(|e| e.as_ref().and_then(|e| e.autoscaling.as_ref()?.enabled_bool())));
        let tri = move |key: String, f: fn(&mut ServiceEntry, Option<bool>)| {
            Callback::new(move |v: Option<bool>| {
                let env = env.get_untracked();
                editor.edit(&key, move |s| {
                    if let Some(entry) = edit::services_mut(&mut s.project, &env).get_mut(i) {
                        f(entry, v);
                        tidy(entry);
                    }
                })
            })
        };
        view! {
            <li class="card service-card" data-service=name.clone()>
                <div class="card-head">
                    <TextField label=SERVICE id=id("name") value=get(|e| e.name.clone().unwrap_or_default())
                        rule=validate::dns_label strict=true on_commit=true on_change=set(id("name"), |e, t| e.name = Some(t)) />
                    <div class="card-actions">
                        <button type="button" aria-label={ let n = name.clone(); move || MOVE_UP.fill(lang(), &[("name", &n)]) } disabled=i == 0 on:click=move |_| mv(-1)>"↑"</button>
                        <button type="button" aria-label={ let n = name.clone(); move || MOVE_DOWN.fill(lang(), &[("name", &n)]) } disabled=i == last on:click=move |_| mv(1)>"↓"</button>
                        <button type="button" aria-label={ let n = name.clone(); move || REMOVE_SERVICE.fill(lang(), &[("name", &n)]) } on:click=remove>{t(REMOVE)}</button>
                    </div>
                </div>
                <div class="grid4">
                    <TriState label=RECEIVES_DOMAIN id=id("hasDomain") value=has_domain unset=NO_NOT_SET
                        on_change=tri(id("hasDomain"), |e, v| e.has_domain = v) />
                    <TextField label=REPLICAS id=id("replicas") value=get(|e| count_text(e.replicas)) rule=validate::count strict=true
                        placeholder=ts(FROM_CHART) on_change=set(id("replicas"), |e, t| e.replicas = count_value(&t)) />
                    <TextField label=NAMESPACE id=id("namespace") value=get(|e| e.namespace.clone().unwrap_or_default())
                        rule=validate::optional_dns_label placeholder=ts(FROM_PROJECT) on_change=set(id("namespace"), |e, t| e.namespace = non_empty(t)) />
                    <TextField label=VALUES_FILE id=id("valuesFile") value=get(|e| e.values_file.clone().unwrap_or_default())
                        placeholder=format!("{name}.yaml") on_commit=true on_change=set(id("valuesFile"), |e, t| e.values_file = non_empty(t)) />
                    <TriState label=AUTOSCALING id=id("autoscaling.enabled") value=autoscaling_on unset=CHART_DEFAULT
                        on_change=tri(id("autoscaling.enabled"), |e, v| autoscaling(e).enabled = v.map(Scalar::Bool)) />
                    <TextField label=MIN_REPLICAS id=id("autoscaling.minReplicas") value=get(|e| count_text(e.autoscaling.as_ref().and_then(|a| a.min_replicas)))
                        rule=validate::count strict=true placeholder=ts(FROM_CHART) on_change=set(id("autoscaling.minReplicas"), |e, t| autoscaling(e).min_replicas = count_value(&t)) />
                    <TextField label=MAX_REPLICAS id=id("autoscaling.maxReplicas") value=get(|e| count_text(e.autoscaling.as_ref().and_then(|a| a.max_replicas)))
                        rule=validate::count strict=true placeholder=ts(FROM_CHART) on_change=set(id("autoscaling.maxReplicas"), |e, t| autoscaling(e).max_replicas = count_value(&t)) />
                </div>
                <div class="grid4">
                    <TextField label=MEMORY_REQUEST id=id("resources.requests.memory") value=get(|e| resource_get(e, "requests", "memory"))
                        rule=validate::quantity strict=true placeholder=ts(FROM_CHART) on_change=set(id("resources.requests.memory"), |e, t| resource_set(e, "requests", "memory", t)) />
                    <TextField label=CPU_REQUEST id=id("resources.requests.cpu") value=get(|e| resource_get(e, "requests", "cpu"))
                        rule=validate::quantity strict=true placeholder=ts(FROM_CHART) on_change=set(id("resources.requests.cpu"), |e, t| resource_set(e, "requests", "cpu", t)) />
                    <TextField label=MEMORY_LIMIT id=id("resources.limits.memory") value=get(|e| resource_get(e, "limits", "memory"))
                        rule=validate::quantity strict=true placeholder=ts(FROM_CHART) on_change=set(id("resources.limits.memory"), |e, t| resource_set(e, "limits", "memory", t)) />
                    <TextField label=CPU_LIMIT id=id("resources.limits.cpu") value=get(|e| resource_get(e, "limits", "cpu"))
                        rule=validate::quantity strict=true placeholder=ts(FROM_CHART) on_change=set(id("resources.limits.cpu"), |e, t| resource_set(e, "limits", "cpu", t)) />
                </div>
            </li>
        }
    };

    view! {
        <section class="form" aria-labelledby="services-form-heading">
            <h2 id="services-form-heading">{move || SERVICES_IN.fill(lang(), &[("env", &env.get())])}</h2>
            <Show when=move || shared.get()>
                <p class="note">{t(SHARED_SERVICES)}</p>
            </Show>
            <ol class="cards">
                {move || {
                    // The cards' texts read the list's language, not the
                    // page's: each new list makes them again (i18n::lang_scope).
                    lang_scope();
                    let names = rows.get();
                    let last = names.len().saturating_sub(1);
                    names.into_iter().enumerate().map(|(i, n)| row(i, n, last)).collect_view()
                }}
            </ol>
            <form class="row add" on:submit=add>
                <div class="field">
                    <label for="add-service-known">{t(STANDARD_SERVICE)}</label>
                    <select id="add-service-known" translate="no" prop:disabled=move || available.with(Vec::is_empty)
                        prop:value=move || choice.get().unwrap_or_default() on:change=move |e| picked.set(event_target_value(&e))>
                        {move || {
                            let shown = choice.get();
                            available
                                .get()
                                .into_iter()
                                .map(|s| {
                                    let selected = shown.as_deref() == Some(s.as_str());
                                    view! { <option value=s.clone() selected=selected>{s.clone()}</option> }
                                })
                                .collect_view()
                        }}
                        {move || available.with(Vec::is_empty).then(|| view! { <option value="">{t(ALL_STANDARD_ADDED)}</option> })}
                    </select>
                </div>
                <div class="field" class:invalid=move || custom_error.with(Option::is_some)>
                    <label for="add-service-custom">{t(OR_NEW_NAME)}</label>
                    <input id="add-service-custom" type="text" placeholder="my-service" bind:value=custom aria-describedby="add-service-msg" />
                    <p class="field-msg" id="add-service-msg">{move || crate::ui::code_text::code_text(&custom_error.get().unwrap_or_default())}</p>
                </div>
                <button type="submit">{t(ADD_SERVICE)}</button>
            </form>
        </section>
    }
}
