//! What the loaded project holds: name, environments, and each environment's
//! services. A view of derived data only.

use super::code_text::name_text;
use super::i18n::{lang, t};
use crate::i18n::*;
use crate::view::summary::EnvSummary;
use leptos::prelude::*;

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
                                <h3 id=heading translate="no">{name_text(&env.name)}</h3>
                                <dl class="env-meta">
                                    <dt>{t(SERVER)}</dt>
                                    <dd translate="no">{name_text(&env.server)}</dd>
                                    <dt>{t(DOMAIN)}</dt>
                                    <dd translate="no">{name_text(&env.domain)}</dd>
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
                                                        <th scope="row" translate="no">{move || name.as_deref().map_or_else(|| NO_NAME.get(lang()).to_owned(), name_text)}</th>
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
