//! The Simulator section: which service answers a URL, and why; the route list
//! with the matched rule marked; and the route tests, re-run on every edit.

use super::diagram::{DiagramData, RoutingDiagram};
use super::SelectedEnv;
use crate::i18n::*;
use crate::ui::code_text::code_text;
use crate::ui::i18n::{lang, t};
use crate::ui::studio::studio;
use crate::view::routing::vs_hosts;
use leptos::prelude::*;
use xgen_core::ordered_map::OrderedMap;
use xgen_core::routing::{RuleKind, UriMatch};
use xgen_core::simulator::{
    environments_for_host, run_route_tests, simulate_request, url, Extra, Gateway, HostRoute, RouteTest,
    DEFAULT_LOAD_BALANCER,
};

/// The methods the simulator's request may have.
const METHODS: &[&str] = &["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/// A route as the rule list and the diagram say it: its match and its
/// other conditions.
fn route_text(r: &HostRoute, l: Lang) -> String {
    let mut text = match_text(r.uri.as_ref(), l);
    for c in &r.conditions {
        text.push_str(" · ");
        text.push_str(c);
    }
    text
}

/// Which rule of which VirtualService: `ns/name rule 2` (`, match 1`).
fn route_name(r: &HostRoute) -> String {
    let entry = r.entry.filter(|_| r.imported).map_or(String::new(), |e| format!(".{e}"));
    format!("{}/{} #{}{entry}", r.namespace, r.name, r.rule)
}

/// Headers of a route test as the editor shows them: `Name: value` lines.
fn headers_text(t: &RouteTest) -> String {
    t.header_list().iter().map(|(n, v)| format!("{n}: {v}")).collect::<Vec<_>>().join("\n")
}

/// `Name: value` lines back into headers; lines without a name are left out.
fn parse_headers(text: &str) -> Option<OrderedMap<String>> {
    let mut map = OrderedMap::default();
    for line in text.lines() {
        let (name, value) = line.split_once(':').unwrap_or((line, ""));
        if !name.trim().is_empty() {
            map.insert(name.trim(), value.trim().to_owned());
        }
    }
    (!map.is_empty()).then_some(map)
}

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
    let method = RwSignal::new("GET".to_owned());
    // The request's headers, as typed: (name, value) rows.
    let headers = RwSignal::new(Vec::<(String, String)>::new());
    let header_count = Memo::new(move |_| headers.with(Vec::len));
    let given_headers = Memo::new(move |_| {
        headers.with(|h| {
            h.iter()
                .filter(|(n, _)| !n.trim().is_empty())
                .map(|(n, v)| (n.trim().to_owned(), v.clone()))
                .collect::<Vec<_>>()
        })
    });
    // The simulation and every route of the virtual host that took the
    // request (the chart's and the imported VirtualServices', in the order
    // Envoy tries them), from one route table built per change.
    let answer = Memo::new(move |_| {
        let (env, _) = env.get();
        let url = url_text.get();
        let m = method.get();
        given_headers.with(|h| {
            snapshot.with(|s| {
                let extra = Extra { method: &m, headers: h };
                let Some(e) = s.rendered.env(&env) else {
                    return (simulate_request(&s.rendered, &env, &url, &extra), Vec::new(), Vec::new());
                };
                let g = Gateway::new(e);
                let sim = g.simulate(&url, &extra);
                let (routes, gateways) = match &sim.gateway_host {
                    Some(domain) => (g.host_routes(domain), g.host_gateways(domain)),
                    None => (Vec::new(), Vec::new()),
                };
                (sim, routes, gateways)
            })
        })
    });
    let result = Memo::new(move |_| answer.with(|a| a.0.clone()));
    let routes = Memo::new(move |_| answer.with(|a| (a.1.clone(), a.2.clone())));
    let diagram = Memo::new(move |_| {
        let (env, _) = env.get();
        let (hit_rule, hit_host) = result.with(|r| (r.route_position, r.gateway_host.clone()));
        let Some(domain) = hit_host.clone() else { return DiagramData::default() };
        let l = lang();
        routes.with(|(routes, gateways)| {
            // The hosts and gateway of the chart's VirtualService on the
            // host, else the host alone and the Gateways that serve it.
            let chart = routes.iter().find(|r| !r.imported).map(|r| r.name.clone());
            let (hosts, gateway) = chart
                .and_then(|name| snapshot.with(|s| s.rendered.env(&env).map(|e| vs_hosts(e, &name))))
                .filter(|(h, _)| h.contains(&domain))
                .unwrap_or_else(|| (vec![domain.clone()], gateways.join(", ")));
            let several = routes.iter().any(|r| r.imported || r.name != routes[0].name);
            DiagramData {
                hosts,
                gateway,
                rules: routes
                    .iter()
                    .map(|r| {
                        let mut label = route_text(r, l);
                        if several {
                            label = format!("{} {label}", r.name);
                        }
                        if r.imported {
                            label = format!("{label} ({})", IMPORTED_MARK.get(l));
                        }
                        (label, r.service.clone(), r.imported)
                    })
                    .collect(),
                hit_host,
                hit_rule,
            }
        })
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
        let m = method.get_untracked();
        let headers = given_headers.get_untracked();
        editor.edit("route-test-add", move |s| {
            s.settings.route_tests.get_or_insert_with(Vec::new).push(RouteTest {
                env,
                url,
                service: dest.map(|d| d.host).unwrap_or_default(),
                port: None,
                method: (m != "GET").then_some(m),
                headers: (!headers.is_empty()).then(|| {
                    let mut map = OrderedMap::default();
                    for (n, v) in headers {
                        map.insert(n, v);
                    }
                    map
                }),
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
            <ObjectsLine env=Signal::derive(move || env.get().0) />
            <div class="row sim-request">
                <div class="field method">
                    <label for="sim-method">{t(METHOD)}</label>
                    <select id="sim-method" on:change=move |e| method.set(event_target_value(&e)) prop:value=move || method.get()>
                        {METHODS.iter().map(|m| view! { <option value=*m translate="no">{*m}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field grow">
                    <label for="sim-url">"URL"</label>
                    <input id="sim-url" type="url" spellcheck="false" bind:value=url_text />
                </div>
            </div>
            <p class="field-msg">
                {move || {
                    let (e, from_host) = env.get();
                    let text = if from_host { ENV_FROM_HOST } else { ENV_FROM_SWITCH };
                    text.fill(lang(), &[("env", &e)])
                }}
            </p>
            <fieldset class="sim-headers">
                <legend>{t(HEADERS)}</legend>
                {move || (0..header_count.get()).map(|i| {
                    let cell = move |f: fn(&(String, String)) -> String| move || headers.with(|h| h.get(i).map(f).unwrap_or_default());
                    view! {
                        <div class="row header-row" data-testid="sim-header">
                            <div class="field">
                                <label for=format!("sim-h-{i}-name")>{t(NAME)}</label>
                                <input id=format!("sim-h-{i}-name") spellcheck="false" autocomplete="off" prop:value=cell(|h| h.0.clone())
                                    on:input=move |e| { let v = event_target_value(&e); headers.update(|h| if let Some(x) = h.get_mut(i) { x.0 = v }) } />
                            </div>
                            <div class="field grow">
                                <label for=format!("sim-h-{i}-value")>{t(HEADER_VALUE)}</label>
                                <input id=format!("sim-h-{i}-value") spellcheck="false" autocomplete="off" prop:value=cell(|h| h.1.clone())
                                    on:input=move |e| { let v = event_target_value(&e); headers.update(|h| if let Some(x) = h.get_mut(i) { x.1 = v }) } />
                            </div>
                            <button type="button" aria-label=move || REMOVE_HEADER.fill(lang(), &[("n", &(i + 1))])
                                on:click=move |_| headers.update(|h| { if i < h.len() { h.remove(i); } })>{t(REMOVE)}</button>
                        </div>
                    }
                }).collect_view()}
                <button type="button" on:click=move |_| headers.update(|h| h.push(Default::default()))>{t(ADD_HEADER)}</button>
            </fieldset>
            <div class="sim-result" data-testid="sim-result" aria-live="polite">
                {move || {
                    let r = result.get();
                    let dest = r.destination.as_ref().map_or("—".into(), |d| format!("{}:{}", d.host, d.port.map_or("?".into(), |p| p.to_string())));
                    let dest = match (&r.redirect, &r.direct_response) {
                        (Some(rd), _) => rd.location.clone(),
                        (_, Some(d)) => format!("directResponse {}", d.status),
                        _ => dest,
                    };
                    let l = lang();
                    let reasons: Vec<String> = r.reasons.iter().map(|s| s.get(l).to_owned()).collect();
                    let notes: Vec<String> = r.notes.iter().map(|s| s.get(l).to_owned()).collect();
                    let kind = match r.rule_kind {
                        Some(RuleKind::Sse) => SSE_PASSTHROUGH,
                        Some(RuleKind::Api) => API_ROUTE,
                        Some(RuleKind::Default) => DEFAULT_ROUTE,
                        None if r.virtual_service_source == Some("objects") => IMPORTED_MARK,
                        None => NO_ROUTE,
                    }
                    .get(l);
                    let chart = r.virtual_service_source == Some("chart");
                    // The answer as rows of a term and its lines (text nodes only).
                    let mut answer: Vec<(String, Vec<String>, &'static str)> = Vec::new();
                    if let Some(name) = &r.virtual_service {
                        let ns = r.virtual_service_namespace.as_deref().unwrap_or_default();
                        let source = if chart { VS_FROM_CHART } else { IMPORTED_MARK }.get(l);
                        answer.push((ANSWERED_BY.get(l).into(), vec![format!("{ns}/{name} · {source}")], "sim-vs"));
                    }
                    if !r.destinations.is_empty() && r.redirect.is_none() && r.direct_response.is_none() {
                        let lines = r.destinations.iter().map(|d| {
                            let at = d.port.map_or(String::new(), |p| format!(":{p}"));
                            let subset = d.subset.as_ref().map_or(String::new(), |s| format!(" · {}", SUBSET.fill(l, &[("s", s)])));
                            format!("{}{at}{subset} · {}", d.host, WEIGHT.fill(l, &[("w", &d.weight)]))
                        });
                        answer.push((DESTINATIONS.get(l).into(), lines.collect(), "sim-destinations"));
                    }
                    if let Some(rd) = &r.redirect {
                        answer.push((REDIRECT_TO.fill(l, &[("status", &rd.status)]), vec![rd.location.clone()], "sim-location"));
                    }
                    if let Some(d) = &r.direct_response {
                        let body = d.body.clone().unwrap_or_else(|| NO_BODY.get(l).to_owned());
                        answer.push((DIRECT_RESPONSE.fill(l, &[("status", &d.status)]), vec![body], "sim-body"));
                    }
                    if let Some(u) = &r.upstream {
                        let lines = vec![format!("{} {}", UPSTREAM_PATH.get(l), u.path), format!("{} {}", UPSTREAM_AUTHORITY.get(l), u.authority)];
                        answer.push((UPSTREAM_GETS.get(l).into(), lines, "sim-upstream"));
                    }
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
                        <dl class="project-meta sim-answer">
                            {answer.into_iter().map(|(term, lines, id)| view! {
                                <dt>{term}</dt>
                                <dd data-testid=id translate=if matches!(id, "sim-location" | "sim-body") { "no" } else { "yes" }>{lines.into_iter().map(|line| view! { <span class="answer-line">{line}</span>" " }).collect_view()}</dd>
                            }).collect_view()}
                        </dl>
                        {chart.then(|| view! {
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
                        })}
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
            <h3>{move || match result.with(|r| r.gateway_host.clone()) {
                Some(host) => HOST_RULES.fill(lang(), &[("host", &host)]),
                None => VS_RULES.get(lang()).to_owned(),
            }}</h3>
            <ol class="rule-list" start="0" data-testid="rule-list">
                {move || {
                    let matched = result.with(|r| r.route_position);
                    let l = lang();
                    routes.with(|(routes, _)| routes
                        .iter()
                        .enumerate()
                        .map(|(i, row)| {
                            let hit = matched == Some(i);
                            view! {
                                <li class:matched=hit class:imported=row.imported aria-current=if hit { "true" } else { "false" }>
                                    <span class="muted mono" translate="no">{route_name(row)}</span>
                                    {row.imported.then(|| view! { " " <span class="badge imported">{IMPORTED_MARK.get(l)}</span> })}
                                    " "
                                    <span class="mono" translate="no">{route_text(row, l)}</span>
                                    " → "
                                    <span class="mono" translate="no">{row.destination.clone()}</span>
                                </li>
                            }
                        })
                        .collect_view())
                }}
            </ol>
            <h3>{t(ROUTE_TESTS)}</h3>
            <p class="muted">{t(ROUTE_TESTS_HELP)}</p>
            <ol class="route-tests">
                {move || {
                    let n = tests.with(Vec::len);
                    (0..n)
                        .map(|i| {
                            // The row reads its own test, not the list.
                            let test = Memo::new(move |_| tests.with(|t| t.get(i).cloned()));
                            let get = move |f: fn(&RouteTest) -> String| move || test.with(|t| t.as_ref().map(f).unwrap_or_default());
                            let outcome = Memo::new(move |_| results.with(|r| r.get(i).map(|r| (r.passed, r.message.clone()))));
                            let res = move || outcome.with(|o| o.as_ref().map(|(p, m)| (*p, m.get(lang()).to_owned())));
                            view! {
                                <li class="card route-test" data-testid="route-test" class:failed=move || res().is_some_and(|(p, _)| !p)>
                                    <div class="row">
                                        <div class="field method">
                                            <label for=format!("rt-{i}-method")>{t(METHOD)}</label>
                                            <select id=format!("rt-{i}-method") prop:value=get(|t| t.method.clone().unwrap_or_else(|| "GET".into()))
                                                on:change=move |e| edit_test(i, |t, v| if t.method.is_some() || v != "GET" { t.method = Some(v) }, event_target_value(&e))>
                                                {METHODS.iter().map(|m| view! { <option value=*m translate="no">{*m}</option> }).collect_view()}
                                            </select>
                                        </div>
                                        <div class="field grow">
                                            <label for=format!("rt-{i}-url")>"URL"</label>
                                            <input id=format!("rt-{i}-url") prop:value=get(|t| t.url.clone())
                                                on:change=move |e| edit_test(i, |t, v| t.url = v, event_target_value(&e)) />
                                        </div>
                                    </div>
                                    <div class="field">
                                        <label for=format!("rt-{i}-headers")>{t(HEADERS_ONE_PER_LINE)}</label>
                                        <textarea id=format!("rt-{i}-headers") rows="1" spellcheck="false" prop:value=get(headers_text)
                                            on:change=move |e| edit_test(i, |t, v| { if v != headers_text(t) { t.headers = parse_headers(&v) } }, event_target_value(&e))></textarea>
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

/// What the cluster's imported objects of the environment are, with a
/// button to remove them.
#[component]
fn ObjectsLine(#[prop(into)] env: Signal<String>) -> impl IntoView {
    let studio = studio();
    let editor = studio.editor;
    // Only this environment's file: a pointer compare when others change.
    let file = Memo::new(move |_| {
        let env = env.get();
        editor.state.with(|s| s.cluster.get(&env).cloned())
    });
    move || {
        let f = file.get()?;
        let l = lang();
        let env = env.get();
        let kinds: Vec<String> = crate::ui::objects_import::kinds(&f).iter().map(|(k, n)| format!("{k} {n}")).collect();
        let skipped = f.skipped_count();
        let remove_env = env.clone();
        Some(view! {
            <p class="objects-line" data-testid="objects-line">
                <span>{OBJECTS_OF_ENV.fill(l, &[("env", &env), ("kinds", &kinds.join(", ")), ("skipped", &skipped)])}</span>
                " "
                <button type="button" class="link" on:click=move |_| {
                    let env = remove_env.clone();
                    editor.edit("objects-remove", move |s| { s.cluster.0.retain(|k, _| k.as_str() != env); })
                }>{OBJECTS_REMOVE.fill(l, &[("env", &env)])}</button>
            </p>
        })
    }
}
