//! The Routes section: the VirtualService rules of the selected environment's
//! ingress service, edited in its values file (frontendRoutes, then routes; the
//! default rule comes last). Reorder with the arrow buttons or by dragging.

use super::fields::{field_id, TextField};
use super::SelectedEnv;
use crate::i18n::*;
use crate::ui::code_text::code_text;
use crate::ui::editor::Editor;
use crate::ui::i18n::{lang, t};
use crate::ui::slices::Slices;
use crate::ui::studio::studio;
use crate::view::routing::EnvRouting;
use leptos::prelude::*;
use xgen_core::edit;
use xgen_core::layout::values_path;
use xgen_core::model::values::{Ingress, Route};
use xgen_core::names::ValuesFileName;
use xgen_core::state::ProjectState;
use xgen_core::validate;

/// A change to one route.
type RouteChange = Box<dyn Fn(&mut Route) + Send + Sync>;

fn ingress_mut<'a>(s: &'a mut ProjectState, file: &ValuesFileName) -> Option<&'a mut Ingress> {
    Some(s.values.get_mut(file)?.ingress.get_or_insert_with(Ingress::default))
}

/// The value the rule matches on: of the kind the chart renders.
fn match_value(r: &Route, kind: &str) -> String {
    match kind {
        "exact" => r.exact.clone(),
        "regex" => r.regex.clone(),
        _ => r.prefix.clone(),
    }
    .unwrap_or_default()
}

fn set_match(r: &mut Route, kind: &str, value: String) {
    r.prefix = None;
    r.exact = None;
    r.regex = None;
    match kind {
        "exact" => r.exact = Some(value),
        "regex" => r.regex = Some(value),
        _ => r.prefix = Some(value),
    }
}

#[component]
pub fn RoutesForm() -> impl IntoView {
    let editor = crate::ui::studio::studio().editor;
    let env = expect_context::<SelectedEnv>().0;
    let snapshot = studio().snapshot;
    let routing = Memo::new(move |_| {
        let env = env.get();
        snapshot.with(|s| s.rendered.env(&env).map(EnvRouting::of).unwrap_or_default())
    });
    let dragged = RwSignal::new(None::<usize>);
    view! {
        <section class="form" aria-labelledby="routes-form-heading">
            <h2 id="routes-form-heading">
                {move || match routing.with(|r| r.ingress.clone()) {
                    Some((service, _)) => ROUTES_OF.fill(lang(), &[("service", &service)]),
                    None => ROUTES_IN.fill(lang(), &[("env", &env.get())]),
                }}
            </h2>
            {move || routing.with(|r| r.ingress.clone()).map(|(service, file)| {
                let sharing = snapshot.with(|s| crate::view::routing::envs_sharing_routes(&s.rendered, &file));
                view! {
                    <p class="note applies-in" data-testid="routes-apply-in">
                        {ROUTES_APPLY_IN.fill(lang(), &[("service", &service), ("file", &values_path(&file))])}
                        " "
                        {sharing.into_iter().map(|e| {
                            let name = e.clone();
                            view! {
                                <button type="button" class="env-chip" translate="no" aria-pressed=move || (env.get() == name).to_string()
                                    on:click={ let e = e.clone(); move |_| env.set(e.clone()) }>{e.clone()}</button>
                            }
                        }).collect_view()}
                    </p>
                }
            })}
            {move || match routing.get().ingress {
                None => view! {
                    <p class="note">{t(NO_INGRESS)}</p>
                }
                    .into_any(),
                Some((service, file)) => routes_of(editor, env, routing, service, file, dragged).into_any(),
            }}
        </section>
    }
}

fn routes_of(
    editor: Editor,
    env: RwSignal<String>,
    routing: Memo<EnvRouting>,
    service: String,
    file: ValuesFileName,
    dragged: RwSignal<Option<usize>>,
) -> impl IntoView {
    let snapshot = studio().snapshot;
    let path = values_path(&file);
    let f1 = file.clone();
    let sse = Memo::new(move |_| {
        editor.state.with(|s| {
            s.values.get(&f1).and_then(|v| v.ingress.as_ref()?.frontend_routes.clone()).unwrap_or_default().len()
        })
    });
    let f2 = file.clone();
    let api = Memo::new(move |_| {
        editor
            .state
            .with(|s| s.values.get(&f2).and_then(|v| v.ingress.as_ref()?.routes.as_ref().map(Vec::len)).unwrap_or(0))
    });
    let own_port = move || {
        let svc = service.clone();
        routing.with(|r| {
            r.services.iter().find(|(n, _)| *n == svc).and_then(|(_, p)| *p).map_or("?".into(), |p| p.to_string())
        })
    };
    let default_service = file.as_str().trim_end_matches(".yaml").to_owned();

    // Which SSE row is being dragged (API rows use `dragged`).
    let dragged_sse = RwSignal::new(None::<usize>);
    let sse_rows = {
        let file = file.clone();
        let path = path.clone();
        move || {
            let n = sse.get();
            (0..n)
                .map(|i| {
                    let id = field_id(&path, &format!("ingress.frontendRoutes[{i}]"));
                    let (fa, fb, fc, fd, fe, ff) =
                        (file.clone(), file.clone(), file.clone(), file.clone(), file.clone(), file.clone());
                    let key = id.clone();
                    view! {
                        <li
                            class="route-row sse"
                            draggable="true"
                            on:dragstart=move |e| {
                                dragged_sse.set(Some(i));
                                if let Some(dt) = e.data_transfer() {
                                    let _ = dt.set_data("text/plain", &format!("sse route {i}"));
                                }
                            }
                            on:dragend=move |_| dragged_sse.set(None)
                            on:dragover=move |e| e.prevent_default()
                            on:drop=move |e| {
                                e.prevent_default();
                                e.stop_propagation();
                                if let Some(from) = dragged_sse.get_untracked() {
                                    let f = ff.clone();
                                    editor.edit("sse-drag", move |s| { if let Some(l) = ingress_mut(s, &f).and_then(|g| g.frontend_routes.as_mut()) { edit::reorder(l, from, i) } });
                                }
                                dragged_sse.set(None);
                            }
                        >
                            <span class="rule-index">{i}</span>
                            <TextField label=PATH_PREFIX id=id rule=validate::path_prefix strict=true
                                value=Signal::derive(move || editor.state.with(|s| s.values.get(&fa).and_then(|v| v.ingress.as_ref()?.frontend_routes.as_ref()?.get(i).cloned()).unwrap_or_default()))
                                on_change=Callback::new(move |t: String| { let f = fb.clone(); editor.edit(&key, move |s| { if let Some(list) = ingress_mut(s, &f).and_then(|g| g.frontend_routes.as_mut()) { if let Some(r) = list.get_mut(i) { *r = t; } } }) }) />
                            <div class="card-actions">
                                <button type="button" aria-label=move || MOVE_SSE_UP.fill(lang(), &[("n", &i)]) disabled=i == 0
                                    on:click=move |_| { let f = fc.clone(); editor.edit("sse-move", move |s| { if let Some(l) = ingress_mut(s, &f).and_then(|g| g.frontend_routes.as_mut()) { edit::move_item(l, i, -1) } }) }>"↑"</button>
                                <button type="button" aria-label=move || MOVE_SSE_DOWN.fill(lang(), &[("n", &i)]) disabled=move || sse.get() <= i + 1
                                    on:click=move |_| { let f = fe.clone(); editor.edit("sse-move", move |s| { if let Some(l) = ingress_mut(s, &f).and_then(|g| g.frontend_routes.as_mut()) { edit::move_item(l, i, 1) } }) }>"↓"</button>
                                <button type="button" aria-label=move || REMOVE_SSE.fill(lang(), &[("n", &i)])
                                    on:click=move |_| { let f = fd.clone(); editor.edit("sse-remove", move |s| { if let Some(l) = ingress_mut(s, &f).and_then(|g| g.frontend_routes.as_mut()) { if i < l.len() { l.remove(i); } } }) }>{t(REMOVE)}</button>
                            </div>
                        </li>
                    }
                })
                .collect_view()
        }
    };

    // Each row reads its own rule and its own rendered match kind (keyed
    // slices, ui::slices): an edit wakes the row it changed, not every row.
    let rules = {
        let file = file.clone();
        Slices::new(move || {
            editor.state.with(|s| {
                let routes = s.values.get(&file).and_then(|v| v.ingress.as_ref()?.routes.as_ref());
                routes.map(|l| l.iter().cloned().enumerate().collect()).unwrap_or_default()
            })
        })
    };
    // The kind the chart renders (its `if .exact` / `else if .regex`: Go
    // truth), from the snapshot's reading of the rules, by rule number.
    let kinds = Slices::new(move || {
        let env = env.get();
        snapshot.with(|s| {
            let rules = s.rendered.env(&env).map(crate::view::routing::ingress_rules).unwrap_or_default();
            rules
                .iter()
                .enumerate()
                .map(|(n, r)| (n, r.matcher.as_ref().map_or("prefix", |m| m.kind.as_str()).to_owned()))
                .collect()
        })
    });
    let api_rows = {
        let file = file.clone();
        let path = path.clone();
        // One row, kept while its place is (a `For` keyed by place: adding a
        // route adds one row; the rows read their rules from `rules`).
        move |(offset, i): (usize, usize)| {
            let base = format!("ingress.routes[{i}]");
            let value_id = field_id(&path, &format!("{base}.{}", "prefix"));
            let port_id = field_id(&path, &format!("{base}.port"));
            let kind_id = field_id(&path, &format!("{base}.kind"));
            let service_id = field_id(&path, &format!("{base}.service"));
            let file = file.clone();
            let route = rules.get(i);
            let read = move |f: fn(&Route) -> String| {
                Signal::derive(move || route.with(|r| r.as_ref().map(f).unwrap_or_default()))
            };
            let write = {
                let file = file.clone();
                move |key: &str, f: RouteChange| {
                    let file = file.clone();
                    let key = key.to_owned();
                    let f = std::sync::Arc::new(f);
                    move || {
                        let file = file.clone();
                        let f = f.clone();
                        editor.edit(&key, move |s| {
                            if let Some(r) =
                                ingress_mut(s, &file).and_then(|g| g.routes.as_mut()).and_then(|l| l.get_mut(i))
                            {
                                f(r);
                            }
                        })
                    }
                }
            };
            let kind = kinds.get(offset + i);
            let kind = Signal::derive(move || kind.get().unwrap_or_else(|| "prefix".to_owned()));
            let value_key = value_id.clone();
            let wf = write.clone();
            let on_value = Callback::new(move |t: String| {
                let k = kind.get_untracked();
                wf(&value_key, Box::new(move |r| set_match(r, &k, t.clone())))()
            });
            let wk = write.clone();
            let kind_key = kind_id.clone();
            let ws = write.clone();
            let service_key = service_id.clone();
            let wp = write.clone();
            let port_key = port_id.clone();
            let case_id = field_id(&path, &format!("{base}.ignoreUriCase"));
            let wc = write.clone();
            let case_key = case_id.clone();
            let case_for = case_id.clone();
            let any_case = read(|r| if r.ignore_uri_case == Some(true) { "1".into() } else { String::new() });
            let fr = file.clone();
            view! {
                <li
                    class="route-row api"
                    draggable="true"
                    class:drag-over=move || dragged.get().is_some_and(|d| d != i)
                    on:dragstart=move |e| {
                        dragged.set(Some(i));
                        if let Some(dt) = e.data_transfer() {
                            let _ = dt.set_data("text/plain", &format!("route {i}"));
                        }
                    }
                    on:dragend=move |_| dragged.set(None)
                    on:dragover=move |e| e.prevent_default()
                    on:drop={
                        let file = file.clone();
                        move |e| {
                            e.prevent_default();
                            e.stop_propagation();
                            if let Some(from) = dragged.get_untracked() {
                                let f = file.clone();
                                editor.edit("route-drag", move |s| { if let Some(l) = ingress_mut(s, &f).and_then(|g| g.routes.as_mut()) { edit::reorder(l, from, i) } });
                            }
                            dragged.set(None);
                        }
                    }
                >
                    <span class="rule-index" title=t(DRAG_TO_REORDER)>{offset + i}</span>
                    <div class="field">
                        <label for=kind_id.clone()>{t(MATCH)}</label>
                        <select id=kind_id translate="no" prop:value=move || kind.get()
                            on:change=move |e| { let k = event_target_value(&e); let from = kind.get_untracked(); wk(&kind_key, Box::new(move |r| { let v = match_value(r, &from); set_match(r, &k, v) }))() }>
                            <option value="prefix">"prefix"</option>
                            <option value="exact">"exact"</option>
                            <option value="regex">"regex"</option>
                        </select>
                    </div>
                    {
                        let value = {
                            let file = file.clone();
                            Signal::derive(move || {
                                let k = kind.get();
                                editor.state.with(|s| s.values.get(&file).and_then(|v| v.ingress.as_ref()?.routes.as_ref()?.get(i).map(|r| match_value(r, &k))).unwrap_or_default())
                            })
                        };
                        // The rule follows the match kind: a path, or an RE2 regex.
                        move || {
                            let rule: validate::Rule = if kind.get() == "regex" { validate::regex } else { validate::path_prefix };
                            view! { <TextField label=PATH id=value_id.clone() value=value on_change=on_value rule=rule strict=true /> }
                        }
                    }
                    <div class="field">
                        // Envoy ignores `case_sensitive` for a regex (RouteMatch docs): the
                        // box stays visible and says so rather than silently doing nothing.
                        <label class="check" for=case_for>
                            <input id=case_id type="checkbox" prop:checked=move || !any_case.get().is_empty()
                                on:change=move |e| { let on = event_target_checked(&e); wc(&case_key, Box::new(move |r| r.ignore_uri_case = on.then_some(true)))() } />
                            {t(ANY_CASE_MATCH)}
                        </label>
                        {move || (kind.get() == "regex" && !any_case.get().is_empty()).then(|| view! { <p class="field-msg">{code_text(ANY_CASE_REGEX.get(lang()))}</p> })}
                    </div>
                    <div class="field service">
                        <label for=service_id.clone()>{t(SERVICE)}</label>
                        <select id=service_id translate="no" prop:value=read(|r| r.service.clone().unwrap_or_default())
                            on:change=move |e| {
                                let svc = event_target_value(&e);
                                // The port the service listens on in this environment, as rendered.
                                let port = routing.with_untracked(|r| r.port_of(&svc));
                                ws(&service_key, Box::new(move |r| {
                                    r.service = Some(svc.clone());
                                    if port.is_some() { r.port = port; }
                                }))()
                            }>
                            {move || {
                                let current = route.with(|r| r.as_ref().and_then(|r| r.service.clone())).unwrap_or_default();
                                let mut names: Vec<String> = routing.with(|r| r.services.iter().map(|(n, _)| n.clone()).collect());
                                if !current.is_empty() && !names.contains(&current) { names.push(current.clone()); }
                                names.into_iter().map(|n| { let deployed = routing.with(|r| r.services.iter().any(|(s, _)| *s == n)); let label = if deployed { n.clone() } else { NOT_IN_ENV.fill(lang(), &[("name", &n)]) }; view! { <option value=n>{label}</option> } }).collect_view()
                            }}
                        </select>
                    </div>
                    <TextField label=PORT id=port_id rule=validate::port strict=true
                        value=read(|r| r.port.map(|p| p.to_string()).unwrap_or_default())
                        on_change=Callback::new(move |t: String| wp(&port_key, Box::new(move |r| r.port = t.parse().ok()))()) />
                    <div class="card-actions">
                        <button type="button" aria-label=move || MOVE_ROUTE_UP.fill(lang(), &[("n", &(offset + i))]) disabled=i == 0
                            on:click=move |_| { let f = fr.clone(); editor.edit("route-move", move |s| { if let Some(l) = ingress_mut(s, &f).and_then(|g| g.routes.as_mut()) { edit::move_item(l, i, -1) } }) }>"↑"</button>
                        <button type="button" aria-label=move || MOVE_ROUTE_DOWN.fill(lang(), &[("n", &(offset + i))]) disabled=move || api.get() <= i + 1
                            on:click={ let f = file.clone(); move |_| { let f = f.clone(); editor.edit("route-move", move |s| { if let Some(l) = ingress_mut(s, &f).and_then(|g| g.routes.as_mut()) { edit::move_item(l, i, 1) } }) } }>"↓"</button>
                        <button type="button" aria-label=move || REMOVE_ROUTE.fill(lang(), &[("n", &(offset + i))])
                            on:click={ let f = file.clone(); move |_| { let f = f.clone(); editor.edit("route-remove", move |s| { if let Some(l) = ingress_mut(s, &f).and_then(|g| g.routes.as_mut()) { if i < l.len() { l.remove(i); } } }) } }>{t(REMOVE)}</button>
                    </div>
                </li>
            }
        }
    };

    let (fa, fb) = (file.clone(), file.clone());
    view! {
        <p class="muted">{t(ROUTES_ORDER)}</p>
        <fieldset>
            <legend>{t(SSE_ROUTES)}</legend>
            <ol class="routes">{sse_rows}</ol>
            <button type="button" on:click=move |_| { let f = fa.clone(); editor.edit("sse-add", move |s| { if let Some(g) = ingress_mut(s, &f) { g.frontend_routes.get_or_insert_with(Vec::new).push("/api/new/stream".into()) } }) }>
                {t(ADD_SSE)}
            </button>
        </fieldset>
        <fieldset>
            <legend>{t(API_ROUTES)}</legend>
            <ol class="routes">
                <For each=move || { let offset = sse.get(); (0..api.get()).map(|i| (offset, i)).collect::<Vec<_>>() } key=|k| *k children=api_rows />
            </ol>
            <button type="button" on:click=move |_| {
                let f = fb.clone();
                let own = f.as_str().trim_end_matches(".yaml").to_owned();
                let target = routing.with_untracked(|r| r.services.iter().find(|(n, _)| *n != own).cloned());
                editor.edit("route-add", move |s| {
                    if let Some(g) = ingress_mut(s, &f) {
                        g.routes.get_or_insert_with(Vec::new).push(Route {
                            prefix: Some("/new/".into()),
                            service: target.as_ref().map(|(n, _)| n.clone()),
                            port: target.as_ref().and_then(|(_, p)| *p),
                            ..Route::default()
                        })
                    }
                })
            }>{t(ADD_API_ROUTE)}</button>
        </fieldset>
        <p class="default-rule">
            {move || THEN_DEFAULT.fill(lang(), &[("service", &format!("{default_service}:{}", own_port()))])}
        </p>
    }
}
