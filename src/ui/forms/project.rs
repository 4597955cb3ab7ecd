//! The Project section: name, description, namespace, Git source, registry,
//! vars and infrastructure overrides.

use super::fields::{field_id, non_empty, TextField};
use crate::i18n::*;
use crate::ui::editor::Editor;
use crate::ui::i18n::{lang, t};
use leptos::prelude::*;
use xgen_core::layout::project_path;
use xgen_core::model::project::{InfraEndpoint, InfraHost, ProjectMeta, Source};
use xgen_core::model::ProjectFile;
use xgen_core::scalar::Scalar;
use xgen_core::validate;

/// A text field over one optional string of the project file.
fn project_field(
    editor: Editor,
    label: Text,
    path: &'static str,
    get: fn(&ProjectFile) -> Option<String>,
    set: fn(&mut ProjectFile, Option<String>),
    rule: Option<validate::Rule>,
) -> impl IntoView {
    let id = editor.state.with_untracked(|s| field_id(&project_path(&s.site), path));
    let value = Signal::derive(move || editor.state.with(|s| get(&s.project).unwrap_or_default()));
    let key = id.clone();
    let on_change = Callback::new(move |text: String| editor.edit(&key, |s| set(&mut s.project, non_empty(text))));
    // Fields with a rule (Kubernetes names) are strict: invalid text stays in the input.
    match rule {
        Some(rule) => {
            view! { <TextField label=label id=id value=value on_change=on_change rule=rule strict=true /> }.into_any()
        }
        None => view! { <TextField label=label id=id value=value on_change=on_change /> }.into_any(),
    }
}

fn meta(p: &mut ProjectFile) -> &mut ProjectMeta {
    p.project.get_or_insert_with(ProjectMeta::default)
}
fn source(p: &mut ProjectFile) -> &mut Source {
    p.source.get_or_insert_with(Source::default)
}
fn infra_host<'a>(p: &'a mut ProjectFile, which: &str) -> &'a mut Option<InfraHost> {
    let infra = p.infra.get_or_insert_with(Default::default);
    match which {
        "postgres" => &mut infra.postgres,
        "redis" => &mut infra.redis,
        _ => &mut infra.qdrant,
    }
}

#[component]
pub fn ProjectForm() -> impl IntoView {
    let editor = crate::ui::studio::studio().editor;
    let var_keys = Memo::new(move |_| {
        editor
            .state
            .with(|s| s.project.vars.as_ref().map(|v| v.keys().cloned().collect::<Vec<_>>()).unwrap_or_default())
    });
    let file = move || editor.state.with(|s| project_path(&s.site));
    view! {
        <section class="form" aria-labelledby="project-form-heading">
            <h2 id="project-form-heading">{t(PROJECT)}</h2>
            <p class="muted mono" translate="no">{file}</p>
            <fieldset>
                <legend>{t(ARGO_PROJECT)}</legend>
                {project_field(editor, NAME, "project.name", |p| p.name().map(str::to_owned), |p, v| meta(p).name = v, Some(validate::dns_label))}
                {project_field(editor, DESCRIPTION, "project.description", |p| p.description().map(str::to_owned), |p, v| meta(p).description = v, None)}
                {project_field(editor, NAMESPACE, "project.namespace", |p| p.namespace().map(str::to_owned), |p, v| meta(p).namespace = v, Some(validate::dns_label))}
            </fieldset>
            <fieldset>
                <legend>{t(GIT_SOURCE)}</legend>
                {project_field(editor, REPO_URL, "source.repoURL", |p| p.source.as_ref().and_then(|s| s.repo_url.clone()), |p, v| source(p).repo_url = v, None)}
                {project_field(editor, TARGET_REVISION, "source.targetRevision", |p| p.source.as_ref().and_then(|s| s.target_revision.clone()), |p, v| source(p).target_revision = v, None)}
                {project_field(editor, CHART_PATH, "source.chartPath", |p| p.source.as_ref().and_then(|s| s.chart_path.clone()), |p, v| source(p).chart_path = v, None)}
            </fieldset>
            <fieldset>
                <legend>{t(IMAGE_REGISTRY)}</legend>
                {project_field(editor, REGISTRY_SITE, "site", |p| p.site.as_ref().map(Scalar::to_param_string), |p, v| p.site = v.map(Scalar::Str), None)}
                {project_field(editor, REGISTRY_HOST, "registryHost", |p| p.registry_host.clone(), |p, v| p.registry_host = v, None)}
            </fieldset>
            <fieldset>
                <legend>{t(INFRA)}</legend>
                {project_field(editor, POSTGRES_HOST, "infra.postgres.host", |p| p.infra.as_ref().and_then(|i| i.postgres.as_ref()).and_then(|h| h.host.clone()), |p, v| infra_host(p, "postgres").get_or_insert_with(Default::default).host = v, None)}
                {project_field(editor, REDIS_HOST, "infra.redis.host", |p| p.infra.as_ref().and_then(|i| i.redis.as_ref()).and_then(|h| h.host.clone()), |p, v| infra_host(p, "redis").get_or_insert_with(Default::default).host = v, None)}
                {project_field(editor, QDRANT_HOST, "infra.qdrant.host", |p| p.infra.as_ref().and_then(|i| i.qdrant.as_ref()).and_then(|h| h.host.clone()), |p, v| infra_host(p, "qdrant").get_or_insert_with(Default::default).host = v, None)}
                {project_field(editor, MINIO_ENDPOINT, "infra.minio.endpoint", |p| p.infra.as_ref().and_then(|i| i.minio.as_ref()).and_then(|m| m.endpoint.clone()), |p, v| p.infra.get_or_insert_with(Default::default).minio.get_or_insert_with(InfraEndpoint::default).endpoint = v, None)}
            </fieldset>
            <fieldset>
                <legend>{t(VARIABLES)}</legend>
                {move || {
                    var_keys
                        .get()
                        .into_iter()
                        .map(|key| {
                            let file = editor.state.with_untracked(|s| project_path(&s.site));
                            let k1 = key.clone();
                            let k2 = key.clone();
                            let k3 = key.clone();
                            let value = Signal::derive(move || {
                                editor.state.with(|s| s.project.vars.as_ref().and_then(|v| v.get(&k1)).map(Scalar::to_param_string).unwrap_or_default())
                            });
                            let key_id = field_id(&file, &format!("vars.{key}#key"));
                            let value_id = field_id(&file, &format!("vars.{key}"));
                            let edit_key = value_id.clone();
                            view! {
                                <div class="row var">
                                    <TextField
                                        label=NAME
                                        id=key_id
                                        value=Signal::derive(move || k2.clone())
                                        on_commit=true
                                        rule=validate::env_var_name
                                        strict=true
                                        on_change=Callback::new(move |to: String| {
                                            let from = k3.clone();
                                            editor.edit("vars-rename", move |s| {
                                                if let Some(vars) = s.project.vars.as_mut() {
                                                    vars.rename(&from, &to);
                                                }
                                            })
                                        })
                                    />
                                    <TextField
                                        label=VALUE
                                        id=value_id
                                        value=value
                                        on_change=Callback::new({
                                            let key = key.clone();
                                            move |text: String| {
                                                let key = key.clone();
                                                editor.edit(&edit_key, move |s| {
                                                    s.project.vars.get_or_insert_with(Default::default).insert(key, Scalar::Str(text));
                                                })
                                            }
                                        })
                                    />
                                    <button
                                        type="button"
                                        class="icon"
                                        aria-label={
                                            let key = key.clone();
                                            move || REMOVE_VARIABLE.fill(lang(), &[("name", &key)])
                                        }
                                        on:click={
                                            let key = key.clone();
                                            move |_| {
                                                let key = key.clone();
                                                editor.edit("vars-remove", move |s| {
                                                    if let Some(v) = s.project.vars.as_mut() {
                                                        v.remove(&key);
                                                    }
                                                })
                                            }
                                        }
                                    >
                                        {t(REMOVE)}
                                    </button>
                                </div>
                            }
                        })
                        .collect_view()
                }}
                <button
                    type="button"
                    on:click=move |_| {
                        editor.edit("vars-add", |s| {
                            let vars = s.project.vars.get_or_insert_with(Default::default);
                            let name = (1..).map(|i| format!("NEW_VAR_{i}")).find(|n| !vars.contains_key(n)).expect("a free name");
                            vars.insert(name, Scalar::Str(String::new()));
                        })
                    }
                >
                    {t(ADD_VARIABLE)}
                </button>
            </fieldset>
        </section>
    }
}
