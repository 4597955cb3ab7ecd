//! What the loaded project holds: name, environments, and each environment's
//! services. A view of derived data only.

use super::i18n::{lang, t};
use crate::i18n::*;
use leptos::prelude::*;
use xgen_core::model::project::ServiceEntry;
use xgen_core::ProjectState;

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
    pub name: Option<String>,
    pub replicas: Option<u32>,
    pub autoscaling: Scaling,
    pub has_domain: bool,
    pub values_file: String,
}

/// A service's autoscaling as the summary says it (in the page's language).
#[derive(Clone, PartialEq)]
pub enum Scaling {
    Off,
    Range(u32, u32),
    MinOnly(u32),
    MaxOnly(u32),
    ChartDefault,
}

impl Scaling {
    fn text(&self, l: Lang) -> String {
        match self {
            Scaling::Off => OFF.get(l).to_owned(),
            Scaling::Range(min, max) => format!("{min}–{max}"),
            Scaling::MinOnly(min) => MIN_FROM_CHART.fill(l, &[("min", min)]),
            Scaling::MaxOnly(max) => MAX_FROM_CHART.fill(l, &[("max", max)]),
            Scaling::ChartDefault => CHART_DEFAULT.get(l).to_owned(),
        }
    }
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
        Some(a) if a.enabled == Some(false) => Scaling::Off,
        Some(a) => match (a.min_replicas, a.max_replicas) {
            (Some(min), Some(max)) => Scaling::Range(min, max),
            (Some(min), None) => Scaling::MinOnly(min),
            (None, Some(max)) => Scaling::MaxOnly(max),
            (None, None) => Scaling::ChartDefault,
        },
        None => Scaling::ChartDefault,
    };
    ServiceRow {
        name: s.name.clone(),
        replicas: s.replicas,
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
                                <h3 id=heading translate="no">{env.name.clone()}</h3>
                                <dl class="env-meta">
                                    <dt>{t(SERVER)}</dt>
                                    <dd translate="no">{env.server.clone()}</dd>
                                    <dt>{t(DOMAIN)}</dt>
                                    <dd translate="no">{env.domain.clone()}</dd>
                                </dl>
                                <table class="services">
                                    <caption>
                                        {
                                            let (n, name) = (env.services.len(), env.name.clone());
                                            move || SERVICES_IN_CAPTION.fill(lang(), &[("n", &n), ("env", &name)])
                                        }
                                    </caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{t(SERVICE)}</th>
                                            <th scope="col">{t(REPLICAS)}</th>
                                            <th scope="col">{t(AUTOSCALING)}</th>
                                            <th scope="col">{t(DOMAIN)}</th>
                                            <th scope="col">{t(VALUES_FILE)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {env
                                            .services
                                            .into_iter()
                                            .map(|s| {
                                                let (name, replicas, scaling, has_domain) =
                                                    (s.name, s.replicas, s.autoscaling, s.has_domain);
                                                view! {
                                                    <tr class="service">
                                                        <th scope="row" translate="no">{move || name.clone().unwrap_or_else(|| NO_NAME.get(lang()).to_owned())}</th>
                                                        <td>{move || replicas.map_or_else(|| CHART_DEFAULT.get(lang()).to_owned(), |r| r.to_string())}</td>
                                                        <td>{move || scaling.text(lang())}</td>
                                                        <td>{move || if has_domain { YES.get(lang()) } else { "" }}</td>
                                                        <td class="mono" translate="no">{s.values_file}</td>
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
