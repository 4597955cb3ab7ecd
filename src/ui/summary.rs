//! What the loaded project holds: name, environments, and each environment's
//! services. A view of derived data only.

use super::code_text::name_text;
use super::i18n::{lang, lang_scope, t};
use super::reruns::tick;
use super::slices::Slices;
use crate::i18n::*;
use crate::view::summary::{EnvSummary, ServiceRow};
use leptos::prelude::*;

#[component]
pub fn Environments(envs: Memo<Vec<EnvSummary>>) -> impl IntoView {
    // Keyed by environment and by row: an edit of one service re-draws its
    // row only (ui::slices), not every table of every environment.
    let names = Memo::new(move |_| {
        let _tick = tick();
        envs.with(|e| e.iter().map(|e| e.name.clone()).collect::<Vec<_>>())
    });
    let heads = Slices::new(move || {
        envs.with(|e| {
            e.iter().map(|e| (e.name.clone(), (e.server.clone(), e.domain.clone(), e.services.len()))).collect()
        })
    });
    let rows = Slices::new(move || {
        envs.with(|e| {
            e.iter()
                .flat_map(|e| e.services.iter().enumerate().map(|(i, s)| ((e.name.clone(), i), s.clone())))
                .collect()
        })
    });
    view! {
        <div class="envs">
            <For each=move || names.get() key=|n| n.clone() let(name)>
                {
                    // Its 600 cells' texts read the section's language, not
                    // the page's: an import makes them again (i18n::lang_scope).
                    lang_scope();
                    let head = heads.get(name.clone());
                    let (server, domain, count) = (
                        move || head.with(|h| h.as_ref().map(|h| name_text(&h.0))),
                        move || head.with(|h| h.as_ref().map(|h| name_text(&h.1))),
                        Memo::new(move |_| {
                            let _tick = tick();
                            head.with(|h| h.as_ref().map_or(0, |h| h.2))
                        }),
                    );
                    let heading = format!("env-{name}");
                    let labelled_by = heading.clone();
                    let caption = {
                        let name = name.clone();
                        move || SERVICES_IN_CAPTION.fill(lang(), &[("n", &count.get()), ("env", &name)])
                    };
                    let env = name.clone();
                    view! {
                        // Focusable: a table wider than the card scrolls in it, by keyboard too.
                        <section class="env" tabindex="0" aria-labelledby=labelled_by data-env=name.clone()>
                            <h3 id=heading translate="no">{name_text(&name)}</h3>
                            <dl class="env-meta">
                                <dt>{t(SERVER)}</dt>
                                <dd translate="no">{server}</dd>
                                <dt>{t(DOMAIN)}</dt>
                                <dd translate="no">{domain}</dd>
                            </dl>
                            <table class="services">
                                <caption>{caption}</caption>
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
                                    <For each=move || 0..count.get() key=|i| *i let(i)>
                                        {
                                            let row = rows.get((env.clone(), i));
                                            let cell = move |f: fn(&ServiceRow, Lang) -> String| move || {
                                                let _tick = tick();
                                                row.with(|r| r.as_ref().map(|r| f(r, lang())).unwrap_or_default())
                                            };
                                            view! {
                                                <tr class="service">
                                                    <th scope="row" translate="no">{cell(|s, l| s.name.as_deref().map_or_else(|| NO_NAME.get(l).to_owned(), name_text))}</th>
                                                    <td>{cell(|s, l| s.replicas.text(l))}</td>
                                                    <td>{cell(|s, l| s.autoscaling.text(l))}</td>
                                                    <td>{cell(|s, l| if s.has_domain { YES.get(l).to_owned() } else { String::new() })}</td>
                                                    <td class="mono" translate="no">{cell(|s, _| s.values_file.clone())}</td>
                                                </tr>
                                            }
                                        }
                                    </For>
                                </tbody>
                            </table>
                        </section>
                    }
                }
            </For>
        </div>
    }
}
