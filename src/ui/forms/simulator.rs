//! The Simulator section: which service answers a URL, and why; the route list
//! with the matched rule marked; and the route tests, re-run on every edit.

use super::diagram::{DiagramData, RoutingDiagram};
use super::SelectedEnv;
use crate::core::render::service_objects;
use crate::core::simulator::matcher::UriMatch;
use crate::core::simulator::{environments_for_host, http_rules, run_route_test, simulate, url, RouteTest, RuleKind};
use crate::ui::editor::Editor;
use leptos::prelude::*;

/// One rule of the route list.
#[derive(Clone, PartialEq)]
struct RuleRow {
    index: usize,
    matcher: String,
    service: String,
    destination: String,
}

fn rule_rows(state: &crate::core::ProjectState, env: &str, vs_name: &str) -> Vec<RuleRow> {
    service_objects(state, env)
        .into_iter()
        .filter_map(|(_, o)| o.virtual_service)
        .filter(|vs| vs.metadata.name == vs_name)
        .flat_map(|vs| {
            let rules = http_rules(&vs);
            vs.spec
                .http
                .iter()
                .zip(rules)
                .enumerate()
                .map(|(index, (route, rule))| {
                    let d = &route.route[0].destination;
                    RuleRow {
                        index,
                        matcher: if rule.matches.is_empty() {
                            "everything else".into()
                        } else {
                            rule.matches
                                .iter()
                                .map(|m| match &m.uri {
                                    Some(UriMatch::Prefix(p)) => format!("prefix {p}"),
                                    Some(UriMatch::Exact(p)) => format!("exact {p}"),
                                    Some(UriMatch::Regex(p)) => format!("regex {p}"),
                                    None => "any".into(),
                                })
                                .collect::<Vec<_>>()
                                .join(" or ")
                        },
                        service: d.host.clone().unwrap_or_default(),
                        destination: format!(
                            "{}:{}",
                            d.host.clone().unwrap_or_default(),
                            crate::core::render::helm_values::print(Some(&d.port.number))
                        ),
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[component]
pub fn SimulatorForm() -> impl IntoView {
    let editor = expect_context::<Editor>();
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
        let from_host = editor.state.with(|s| environments_for_host(s, &host));
        match from_host.as_slice() {
            [only] => (only.clone(), true),
            _ => (selected.get(), false),
        }
    });
    let result = Memo::new(move |_| {
        let (env, _) = env.get();
        let url = url_text.get();
        editor.state.with(|s| simulate(s, &env, &url))
    });
    let rows = Memo::new(move |_| {
        let (env, _) = env.get();
        let vs = result.with(|r| r.virtual_service.clone());
        vs.map(|vs| editor.state.with(|s| rule_rows(s, &env, &vs))).unwrap_or_default()
    });
    let diagram = Memo::new(move |_| {
        let (env, _) = env.get();
        let (vs_name, hit_rule, hit_host) =
            result.with(|r| (r.virtual_service.clone(), r.rule_index, r.gateway_host.clone()));
        let Some(vs_name) = vs_name else { return DiagramData::default() };
        let (hosts, gateway) = editor.state.with(|s| {
            service_objects(s, &env)
                .into_iter()
                .filter_map(|(_, o)| o.virtual_service)
                .find(|vs| vs.metadata.name == vs_name)
                .map(|vs| {
                    (
                        vs.spec.hosts.iter().flatten().cloned().collect::<Vec<_>>(),
                        vs.spec.gateways.first().cloned().unwrap_or_default(),
                    )
                })
                .unwrap_or_default()
        });
        DiagramData {
            hosts,
            gateway,
            rules: rows.with(|r| r.iter().map(|row| (row.matcher.clone(), row.service.clone())).collect()),
            hit_host,
            hit_rule,
        }
    });
    let tests = Memo::new(move |_| editor.state.with(|s| s.settings.route_tests.clone().unwrap_or_default()));
    let results = Memo::new(move |_| {
        let tests = tests.get();
        editor.state.with(|s| tests.iter().map(|t| run_route_test(s, t)).collect::<Vec<_>>())
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
            <h2 id="sim-heading">"Route simulator"</h2>
            <div class="field">
                <label for="sim-url">"URL"</label>
                <input id="sim-url" type="url" spellcheck="false" bind:value=url_text />
                <p class="field-msg">
                    {move || {
                        let (e, from_host) = env.get();
                        if from_host { format!("Environment {e}, from the host.") } else { format!("Environment {e}, from the switch above.") }
                    }}
                </p>
            </div>
            <div class="sim-result" data-testid="sim-result" aria-live="polite">
                {move || {
                    let r = result.get();
                    let dest = r.destination.as_ref().map_or("—".into(), |d| format!("{}:{}", d.host, d.port.map_or("?".into(), |p| p.to_string())));
                    let kind = match r.rule_kind {
                        Some(RuleKind::SsePassthrough) => "SSE passthrough",
                        Some(RuleKind::ApiRoute) => "API route",
                        Some(RuleKind::Default) => "default route",
                        None => "no route",
                    };
                    view! {
                        <p class="sim-headline">
                            <span class=format!("status s{}", r.status) data-testid="sim-status">{r.status}</span>
                            " → "
                            <span class="mono" data-testid="sim-destination">{dest}</span>
                            <span class="muted">{r.rule_index.map_or(String::new(), |i| format!(" · rule {i}, {kind}"))}</span>
                        </p>
                        <dl class="project-meta">
                            <dt>"Application"</dt><dd>{r.application.clone().unwrap_or("—".into())}</dd>
                            <dt>"Deployment"</dt><dd>{r.deployment.clone().unwrap_or("—".into())}</dd>
                            <dt>"Replicas"</dt><dd>{r.replicas.map_or("—".into(), |v| v.to_string())}</dd>
                            <dt>"Load balancer"</dt><dd>{r.load_balancer.clone().unwrap_or("—".into())}</dd>
                            <dt>"Pods outlier detection may eject"</dt>
                            <dd>{r.ejectable_pods.map_or("no outlier detection".into(), |v| v.to_string())}</dd>
                        </dl>
                        <ul class="notes">{r.notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                        <details open=true>
                            <summary>"Why"</summary>
                            <ul class="reasons">{r.reasons.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                        </details>
                    }
                }}
            </div>
            <h3>"Routing"</h3>
            <RoutingDiagram data=diagram />
            <h3>"Rules of the VirtualService"</h3>
            <ol class="rule-list" start="0" data-testid="rule-list">
                {move || {
                    let matched = result.with(|r| r.rule_index);
                    rows.get()
                        .into_iter()
                        .map(|row| {
                            let hit = matched == Some(row.index);
                            view! {
                                <li class:matched=hit aria-current=if hit { "true" } else { "false" }>
                                    <span class="mono">{row.matcher}</span>
                                    " → "
                                    <span class="mono">{row.destination}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
            <h3>"Route tests"</h3>
            <p class="muted">"Saved in xgen-studio.yaml and run on every edit; xgen-studio test-routes runs them in CI."</p>
            <ol class="route-tests">
                {move || {
                    let n = tests.with(Vec::len);
                    (0..n)
                        .map(|i| {
                            let get = move |f: fn(&RouteTest) -> String| move || tests.with(|t| t.get(i).map(f).unwrap_or_default());
                            let res = move || results.with(|r| r.get(i).map(|r| (r.passed, r.message.clone())));
                            view! {
                                <li class="card route-test" data-testid="route-test" class:failed=move || res().is_some_and(|(p, _)| !p)>
                                    <div class="field">
                                        <label for=format!("rt-{i}-url")>"URL"</label>
                                        <input id=format!("rt-{i}-url") prop:value=get(|t| t.url.clone())
                                            on:change=move |e| edit_test(i, |t, v| t.url = v, event_target_value(&e)) />
                                    </div>
                                    <div class="row">
                                        <div class="field">
                                            <label for=format!("rt-{i}-env")>"Environment"</label>
                                            <input id=format!("rt-{i}-env") prop:value=get(|t| t.env.clone())
                                                on:change=move |e| edit_test(i, |t, v| t.env = v, event_target_value(&e)) />
                                        </div>
                                        <div class="field">
                                            <label for=format!("rt-{i}-service")>"Expected service"</label>
                                            <input id=format!("rt-{i}-service") prop:value=get(|t| t.service.clone())
                                                on:change=move |e| edit_test(i, |t, v| t.service = v, event_target_value(&e)) />
                                        </div>
                                        <div class="field port">
                                            <label for=format!("rt-{i}-port")>"Port (optional)"</label>
                                            <input id=format!("rt-{i}-port") prop:value=get(|t| t.port.map(|p| p.to_string()).unwrap_or_default())
                                                on:change=move |e| edit_test(i, |t, v| t.port = v.trim().parse().ok(), event_target_value(&e)) />
                                        </div>
                                        <button type="button" aria-label=format!("Remove route test {i}")
                                            on:click=move |_| editor.edit("route-test-remove", move |s| { if let Some(l) = s.settings.route_tests.as_mut() { if i < l.len() { l.remove(i); } } })>"Remove"</button>
                                    </div>
                                    <p class="result" data-testid="route-test-result">{move || res().map(|(p, m)| format!("{} {m}", if p { "PASS" } else { "FAIL" }))}</p>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
            <p class="muted" data-testid="route-test-summary">
                {move || results.with(|r| { let failed = r.iter().filter(|r| !r.passed).count(); format!("{} passed, {failed} failed", r.len() - failed) })}
            </p>
            <button type="button" on:click=add_test>"Add this URL as a route test"</button>
        </section>
    }
}
