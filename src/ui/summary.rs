//! What the loaded project holds: name, environments, and each environment's
//! services. A view of derived data only.

use crate::core::model::project::ServiceEntry;
use crate::core::ProjectState;
use leptos::prelude::*;

/// One environment as shown: derived from the state, compared cheaply by memos.
#[derive(Clone, PartialEq)]
pub struct EnvSummary {
    pub name: String,
    pub server: String,
    pub domain: String,
    pub services: Vec<ServiceRow>,
}

#[derive(Clone, PartialEq)]
pub struct ServiceRow {
    pub name: String,
    pub replicas: String,
    pub autoscaling: String,
    pub has_domain: bool,
    pub values_file: String,
}

pub fn environments(state: &ProjectState) -> Vec<EnvSummary> {
    let p = &state.project;
    p.environment_names()
        .into_iter()
        .map(|env| EnvSummary {
            server: p.server_of(&env).unwrap_or("—").to_owned(),
            domain: p.domain_of(&env).unwrap_or("—").to_owned(),
            services: p.services_of(&env).iter().map(service_row).collect(),
            name: env,
        })
        .collect()
}

fn service_row(s: &ServiceEntry) -> ServiceRow {
    let autoscaling = match &s.autoscaling {
        Some(a) if a.enabled == Some(false) => "off".to_owned(),
        Some(a) => match (a.min_replicas, a.max_replicas) {
            (Some(min), Some(max)) => format!("{min}–{max}"),
            (Some(min), None) => format!("min {min}, max from chart"),
            (None, Some(max)) => format!("max {max}, min from chart"),
            (None, None) => "chart default".to_owned(),
        },
        None => "chart default".to_owned(),
    };
    ServiceRow {
        name: s.name.clone().unwrap_or_else(|| "(no name)".into()),
        replicas: s.replicas.map_or("chart default".to_owned(), |r| r.to_string()),
        autoscaling,
        has_domain: s.has_domain == Some(true),
        values_file: s.values_file_name(),
    }
}

#[component]
pub fn Environments(envs: Memo<Vec<EnvSummary>>) -> impl IntoView {
    view! {
        <div class="envs">
            {move || {
                envs.get()
                    .into_iter()
                    .map(|env| {
                        let heading = format!("env-{}", env.name);
                        let labelled_by = heading.clone();
                        view! {
                            <section class="env" aria-labelledby=labelled_by data-env=env.name.clone()>
                                <h3 id=heading>{env.name.clone()}</h3>
                                <dl class="env-meta">
                                    <dt>"Server"</dt>
                                    <dd>{env.server.clone()}</dd>
                                    <dt>"Domain"</dt>
                                    <dd>{env.domain.clone()}</dd>
                                </dl>
                                <table class="services">
                                    <caption>{format!("{} services in {}", env.services.len(), env.name)}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">"Service"</th>
                                            <th scope="col">"Replicas"</th>
                                            <th scope="col">"Autoscaling"</th>
                                            <th scope="col">"Domain"</th>
                                            <th scope="col">"Values file"</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {env
                                            .services
                                            .into_iter()
                                            .map(|s| {
                                                view! {
                                                    <tr class="service">
                                                        <th scope="row">{s.name}</th>
                                                        <td>{s.replicas}</td>
                                                        <td>{s.autoscaling}</td>
                                                        <td>{if s.has_domain { "yes" } else { "" }}</td>
                                                        <td class="mono">{s.values_file}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </section>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}
