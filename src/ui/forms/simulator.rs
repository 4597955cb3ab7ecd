//! The Simulator section: which service answers a URL, and why; the route list
//! with the matched rule marked; and the route tests, re-run on every edit.

use super::diagram::{DiagramData, RoutingDiagram};
use super::SelectedEnv;
use crate::i18n::*;
use crate::ui::code_text::code_text;
use crate::ui::i18n::{lang, t};
use crate::ui::studio::studio;
use crate::view::routing::{rule_rows, vs_hosts, RuleRow};
use leptos::prelude::*;
use xgen_core::routing::{RuleKind, UriMatch};
use xgen_core::simulator::{environments_for_host, run_route_tests, simulate, url, RouteTest, DEFAULT_LOAD_BALANCER};

/// A rule's match as the list and the diagram say it.
fn match_text(m: Option<&UriMatch>, l: Lang) -> String {
    match m {
        None => EVERYTHING_ELSE.get(l).to_owned(),
        Some(m) => {
            let case = if m.ignore_case { ANY_CASE.get(l) } else { "" };
            format!("{} {}{case}", m.kind.as_str(), m.value)
        }
    }
}

#[component]
pub fn SimulatorForm() -> impl IntoView {
    let editor = crate::ui::studio::studio().editor;
    let snapshot = studio().snapshot;
    let selected = expect_context::<SelectedEnv>().0;
    let default_url = move || {
        editor.state.with(|s| {
            let env = selected.get_untracked();
            let domain = s.project.domain_of(&env).unwrap_or("example.com").to_owned();
            format!("https://{domain}/api/health")
        })
    };
    let url_text = RwSignal::new(default_url());
    // The environment: from the host when exactly one environment serves it.
    let env = Memo::new(move |_| {
        let host = url::parse(&url_text.get()).map(|r| r.host).unwrap_or_default();
        let from_host = snapshot.with(|s| environments_for_host(&s.rendered, &host));
        match from_host.as_slice() {
            [only] => (only.clone(), true),
            _ => (selected.get(), false),
        }
    });
    let result = Memo::new(move |_| {
        let (env, _) = env.get();
        let url = url_text.get();
        snapshot.with(|s| simulate(&s.rendered, &env, &url))
    });
    let rows = Memo::new(move |_| {
        let (env, _) = env.get();
        let vs = result.with(|r| r.virtual_service.clone());
        vs.and_then(|vs| snapshot.with(|s| s.rendered.env(&env).map(|e| rule_rows(e, &vs)))).unwrap_or_default()
    });
    let diagram = Memo::new(move |_| {
        let (env, _) = env.get();
        let (vs_name, hit_rule, hit_host) =
            result.with(|r| (r.virtual_service.clone(), r.rule_index, r.gateway_host.clone()));
        let Some(vs_name) = vs_name else { return DiagramData::default() };
        let (hosts, gateway) =
            snapshot.with(|s| s.rendered.env(&env).map(|e| vs_hosts(e, &vs_name)).unwrap_or_default());
        let l = lang();
        DiagramData {
            hosts,
            gateway,
            rules: rows.with(|r: &Vec<RuleRow>| {
                r.iter().map(|row| (match_text(row.matcher.as_ref(), l), row.service.clone())).collect()
            }),
            hit_host,
            hit_rule,
        }
    });
    let tests = Memo::new(move |_| editor.state.with(|s| s.settings.route_tests.clone().unwrap_or_default()));
    let results = Memo::new(move |_| {
        let tests = tests.get();
        snapshot.with(|s| run_route_tests(&s.rendered, &tests))
    });
    let add_test = move |_| {
        let (env, _) = env.get_untracked();
        let url = url_text.get_untracked();
        let dest = result.with_untracked(|r| r.destination.clone());
        editor.edit("route-test-add", move |s| {
            s.settings.route_tests.get_or_insert_with(Vec::new).push(RouteTest {
                env,
                url,
                service: dest.map(|d| d.host).unwrap_or_default(),
                port: None,
            })
        })
    };
    let edit_test = move |i: usize, f: fn(&mut RouteTest, String), text: String| {
        editor.edit(&format!("route-test-{i}"), move |s| {
            if let Some(t) = s.settings.route_tests.as_mut().and_then(|l| l.get_mut(i)) {
                f(t, text)
            }
        })
    };

    view! {
        <section class="form simulator" aria-labelledby="sim-heading">
            <h2 id="sim-heading">{t(ROUTE_SIMULATOR)}</h2>
            <div class="field">
                <label for="sim-url">"URL"</label>
                <input id="sim-url" type="url" spellcheck="false" bind:value=url_text />
                <p class="field-msg">
                    {move || {
                        let (e, from_host) = env.get();
                        let text = if from_host { ENV_FROM_HOST } else { ENV_FROM_SWITCH };
                        text.fill(lang(), &[("env", &e)])
                    }}
                </p>
            </div>
            <div class="sim-result" data-testid="sim-result" aria-live="polite">
                {move || {
                    let r = result.get();
                    let dest = r.destination.as_ref().map_or("—".into(), |d| format!("{}:{}", d.host, d.port.map_or("?".into(), |p| p.to_string())));
                    let l = lang();
                    let reasons: Vec<String> = r.reasons.iter().map(|s| s.get(l).to_owned()).collect();
                    let notes: Vec<String> = r.notes.iter().map(|s| s.get(l).to_owned()).collect();
                    let kind = match r.rule_kind {
                        Some(RuleKind::Sse) => SSE_PASSTHROUGH,
                        Some(RuleKind::Api) => API_ROUTE,
                        Some(RuleKind::Default) => DEFAULT_ROUTE,
                        None => NO_ROUTE,
                    }
                    .get(l);
                    view! {
                        <p class="sim-headline">
                            <span class=format!("status s{}", r.status) data-testid="sim-status">{r.status}</span>
                            " → "
                            <span class="mono" data-testid="sim-destination" translate="no">{dest}</span>
                            <span class="muted">{r.rule_index.map_or(String::new(), |i| format!(" · {}", RULE_N.fill(l, &[("n", &i), ("kind", &kind)])))}</span>
                        </p>
                        {r.path.as_ref().filter(|_| r.path_rewritten).map(|p| view! {
                            <p class="sim-path" data-testid="sim-path">{code_text(&ENVOY_MATCHES.fill(l, &[("path", p)]))}</p>
                        })}
                        <dl class="project-meta">
                            <dt>{APPLICATION.get(l)}</dt><dd translate="no">{r.application.clone().unwrap_or("—".into())}</dd>
                            <dt>{DEPLOYMENT.get(l)}</dt><dd translate="no">{r.deployment.clone().unwrap_or("—".into())}</dd>
                            <dt>{REPLICAS.get(l)}</dt><dd>{r.replicas.map_or("—".into(), |v| v.to_string())}</dd>
                            <dt>{LOAD_BALANCER.get(l)}</dt>
                            <dd translate="no">
                                {match r.load_balancer.as_deref() {
                                    Some(DEFAULT_LOAD_BALANCER) => DEFAULT_LB.get(l).to_owned(),
                                    other => other.unwrap_or("—").to_owned(),
                                }}
                            </dd>
                            <dt>{EJECTABLE.get(l)}</dt>
                            <dd>{r.ejectable_pods.map_or(NO_OUTLIER_DETECTION.get(l).to_owned(), |v| v.to_string())}</dd>
                        </dl>
                        <ul class="notes">{notes.into_iter().map(|n| view! { <li>{code_text(&n)}</li> }).collect_view()}</ul>
                        <details open=true>
                            <summary>{WHY.get(l)}</summary>
                            <ul class="reasons">{reasons.into_iter().map(|n| view! { <li>{code_text(&n)}</li> }).collect_view()}</ul>
                        </details>
                    }
                }}
            </div>
            <h3>{t(ROUTING)}</h3>
            <RoutingDiagram data=diagram />
            <h3>{t(VS_RULES)}</h3>
            <ol class="rule-list" start="0" data-testid="rule-list">
                {move || {
                    let matched = result.with(|r| r.rule_index);
                    rows.get()
                        .into_iter()
                        .map(|row| {
                            let hit = matched == Some(row.index);
                            view! {
                                <li class:matched=hit aria-current=if hit { "true" } else { "false" }>
                                    <span class="mono" translate="no">{match_text(row.matcher.as_ref(), lang())}</span>
                                    " → "
                                    <span class="mono" translate="no">{row.destination}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
            <h3>{t(ROUTE_TESTS)}</h3>
            <p class="muted">{t(ROUTE_TESTS_HELP)}</p>
            <ol class="route-tests">
                {move || {
                    let n = tests.with(Vec::len);
                    (0..n)
                        .map(|i| {
                            let get = move |f: fn(&RouteTest) -> String| move || tests.with(|t| t.get(i).map(f).unwrap_or_default());
                            let res = move || {
                                let ko = lang() == Lang::Ko;
                                let l = if ko { Lang::Ko } else { Lang::En };
                                results.with(|r| r.get(i).map(|r| (r.passed, r.message.get(l).to_owned())))
                            };
                            view! {
                                <li class="card route-test" data-testid="route-test" class:failed=move || res().is_some_and(|(p, _)| !p)>
                                    <div class="field">
                                        <label for=format!("rt-{i}-url")>"URL"</label>
                                        <input id=format!("rt-{i}-url") prop:value=get(|t| t.url.clone())
                                            on:change=move |e| edit_test(i, |t, v| t.url = v, event_target_value(&e)) />
                                    </div>
                                    <div class="row">
                                        <div class="field">
                                            <label for=format!("rt-{i}-env")>{t(ENVIRONMENT)}</label>
                                            <input id=format!("rt-{i}-env") prop:value=get(|t| t.env.clone())
                                                on:change=move |e| edit_test(i, |t, v| t.env = v, event_target_value(&e)) />
                                        </div>
                                        <div class="field">
                                            <label for=format!("rt-{i}-service")>{t(EXPECTED_SERVICE)}</label>
                                            <input id=format!("rt-{i}-service") prop:value=get(|t| t.service.clone())
                                                on:change=move |e| edit_test(i, |t, v| t.service = v, event_target_value(&e)) />
                                        </div>
                                        <div class="field port">
                                            <label for=format!("rt-{i}-port")>{t(PORT_OPTIONAL)}</label>
                                            <input id=format!("rt-{i}-port") prop:value=get(|t| t.port.map(|p| p.to_string()).unwrap_or_default())
                                                on:change=move |e| edit_test(i, |t, v| t.port = v.trim().parse().ok(), event_target_value(&e)) />
                                        </div>
                                        <button type="button" aria-label=move || REMOVE_TEST.fill(lang(), &[("n", &i)])
                                            on:click=move |_| editor.edit("route-test-remove", move |s| { if let Some(l) = s.settings.route_tests.as_mut() { if i < l.len() { l.remove(i); } } })>{t(REMOVE)}</button>
                                    </div>
                                    <p class="result" data-testid="route-test-result">
                                        <strong>{move || res().map(|(p, _)| if p { PASS.get(lang()) } else { FAIL.get(lang()) })}</strong>
                                        " "
                                        <span>{move || res().map(|(_, m)| m)}</span>
                                    </p>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
            <p class="muted" data-testid="route-test-summary">
                {move || results.with(|r| { let failed = r.iter().filter(|r| !r.passed).count(); TESTS_SUMMARY.fill(lang(), &[("passed", &(r.len() - failed)), ("failed", &failed)]) })}
            </p>
            <button type="button" on:click=add_test>{t(ADD_TEST)}</button>
        </section>
    }
}
