//! The Routes section: the VirtualService rules of the selected environment's
//! ingress service, edited in its values file (frontendRoutes, then routes; the
//! default rule comes last). Reorder with the arrow buttons or by dragging.
//!
//! What a row shows of its rule (its number, its match kind, the field its
//! problems are about, the default rule's destination) is read from the
//! snapshot's one reading of the rules (`xgen_core::routing`), never guessed
//! from the values. What is typed goes into the state as typed (an empty
//! path excepted), so the preview, the problems and the simulator judge the
//! rule the download would write (docs/decisions.md, "Routes as typed").

use super::fields::{field_id, FieldProblems, TextField};
use super::SelectedEnv;
use crate::i18n::*;
use crate::ui::code_text::{code_text, path_name};
use crate::ui::editor::Editor;
use crate::ui::i18n::{lang, t};
use crate::ui::slices::Slices;
use crate::ui::studio::studio;
use crate::view::routing::{envs_sharing_routes, ingress_rules, EnvRouting};
use leptos::prelude::*;
use xgen_core::edit::{self, route_match_value, set_route_match};
use xgen_core::layout::values_path;
use xgen_core::model::values::{Ingress, Route};
use xgen_core::names::ValuesFileName;
use xgen_core::routing::{MatchKind, RuleKind};
use xgen_core::validate::{self, Said};

/// The ingress of one values file, with the editor: every change of the
/// routes goes through here, as one undo step named by its key.
#[derive(Clone, Copy)]
struct IngressFile {
    editor: Editor,
    file: StoredValue<ValuesFileName>,
}

impl IngressFile {
    fn new(editor: Editor, file: ValuesFileName) -> Self {
        IngressFile { editor, file: StoredValue::new(file) }
    }

    /// The element id of the field that edits `yaml_path` of this file.
    fn id(&self, yaml_path: &str) -> String {
        field_id(&self.file.with_value(values_path), yaml_path)
    }

    /// Reads the file's ingress (None: no such file, or no ingress).
    fn read<T>(&self, f: impl FnOnce(&Ingress) -> T) -> Option<T> {
        self.file.with_value(|file| self.editor.state.with(|s| s.values.get(file)?.ingress.as_ref().map(f)))
    }

    /// Changes the ingress (made if the file has none).
    fn edit(&self, key: &str, change: impl FnOnce(&mut Ingress)) {
        let file = self.file.get_value();
        self.editor.edit(key, move |s| {
            if let Some(values) = s.values.get_mut(&file) {
                change(values.ingress.get_or_insert_with(Ingress::default));
            }
        });
    }

    /// Changes the SSE prefixes, if the file lists any.
    fn edit_sse(&self, key: &str, change: impl FnOnce(&mut Vec<String>)) {
        self.edit(key, |g| g.frontend_routes.as_mut().map_or((), change));
    }

    /// Changes the API routes, if the file lists any.
    fn edit_api(&self, key: &str, change: impl FnOnce(&mut Vec<Route>)) {
        self.edit(key, |g| g.routes.as_mut().map_or((), change));
    }

    /// Changes API route `i`, if there is one.
    fn edit_route(&self, key: &str, i: usize, change: impl FnOnce(&mut Route)) {
        self.edit_api(key, |l| l.get_mut(i).map_or((), change));
    }
}

/// What the snapshot says of one rule written in the values file: its number
/// in the VirtualService (what rows, problems and the simulator call it), the
/// match kind the chart renders (Go truth), and the place its problems are
/// about (`RouteRule::match_path`).
#[derive(Clone, Debug, PartialEq)]
struct RuleOf {
    number: usize,
    kind: Option<MatchKind>,
    match_path: String,
}

/// The match kind the chart renders for a route (its `if .exact` / `else if
/// .regex` / `else`), for a row the snapshot has not read yet.
fn written_kind(r: &Route) -> MatchKind {
    let set = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.is_empty());
    if set(&r.exact) {
        MatchKind::Exact
    } else if set(&r.regex) {
        MatchKind::Regex
    } else {
        MatchKind::Prefix
    }
}

/// An empty path is never written: the chart would render `prefix: ""`.
/// Every other text is, and the checks judge it.
fn empty_path(s: &str) -> Option<Said> {
    if s.is_empty() {
        validate::path_prefix(s)
    } else {
        None
    }
}

#[component]
pub fn RoutesForm() -> impl IntoView {
    let env = expect_context::<SelectedEnv>().0;
    let snapshot = studio().snapshot;
    let routing = Memo::new(move |_| {
        let env = env.get();
        snapshot.with(|s| s.rendered.env(&env).map(EnvRouting::of).unwrap_or_default())
    });
    let ingress = Memo::new(move |_| routing.with(|r| r.ingress.clone()));
    view! {
        <section class="form" aria-labelledby="routes-form-heading">
            <h2 id="routes-form-heading">
                {move || match ingress.get() {
                    Some((service, _)) => ROUTES_OF.fill(lang(), &[("service", &service)]),
                    None => ROUTES_IN.fill(lang(), &[("env", &env.get())]),
                }}
            </h2>
            {move || match ingress.get() {
                None => view! { <p class="note">{t(NO_INGRESS)}</p> }.into_any(),
                Some((service, file)) => {
                    view! {
                        <AppliesIn service=service file=file.clone() />
                        <IngressRoutes ingress=IngressFile::new(studio().editor, file) routing=routing />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// Which values file the routes are edited in, and every environment they
/// apply in (a button each, to look at that one).
#[component]
fn AppliesIn(service: String, file: ValuesFileName) -> impl IntoView {
    let env = expect_context::<SelectedEnv>().0;
    let snapshot = studio().snapshot;
    let path = values_path(&file);
    let sharing = Memo::new(move |_| snapshot.with(|s| envs_sharing_routes(&s.rendered, &file)));
    view! {
        <p class="note applies-in" data-testid="routes-apply-in">
            // The file and the service are names: they wrap only after a
            // `/`, never at a hyphen ("xgen-|frontend.yaml").
            {move || {
                let said = ROUTES_APPLY_IN.fill(lang(), &[("service", &"\u{1}"), ("file", &"\u{2}")]);
                said.split_inclusive(['\u{1}', '\u{2}'])
                    .map(|piece| {
                        let (text, name) = match piece.strip_suffix(['\u{1}', '\u{2}']) {
                            Some(text) if piece.ends_with('\u{1}') => (text, Some(&service)),
                            Some(text) => (text, Some(&path)),
                            None => (piece, None),
                        };
                        let name = name.map(|n| view! { <span class="mono" translate="no">{path_name(n)}</span> });
                        (text.to_owned(), name)
                    })
                    .collect_view()
            }}
            " "
            {move || {
                sharing
                    .get()
                    .into_iter()
                    .map(|e| {
                        let (pressed, picked) = (e.clone(), e.clone());
                        view! {
                            <button
                                type="button"
                                class="env-chip"
                                translate="no"
                                aria-pressed=move || (env.get() == pressed).to_string()
                                on:click=move |_| env.set(picked.clone())
                            >
                                {e}
                            </button>
                        }
                    })
                    .collect_view()
            }}
        </p>
    }
}

/// The rules of one ingress: SSE prefixes, API routes, then the default rule.
#[component]
fn IngressRoutes(ingress: IngressFile, routing: Memo<EnvRouting>) -> impl IntoView {
    let env = expect_context::<SelectedEnv>().0;
    let snapshot = studio().snapshot;
    // Each row reads its own rule (keyed slices, ui::slices): an edit wakes
    // the rows it changed, not every row.
    let rules = Slices::new(move || {
        let env = env.get();
        snapshot.with(|s| {
            let rules = s.rendered.env(&env).map(ingress_rules).unwrap_or_default();
            rules
                .iter()
                .filter(|r| r.kind != RuleKind::Default)
                .map(|r| {
                    let kind = r.matcher.as_ref().map(|m| m.kind);
                    (r.source.clone(), RuleOf { number: r.index, kind, match_path: r.match_path() })
                })
                .collect()
        })
    });
    // Where the default rule sends everything else, as rendered; without a
    // VirtualService (no host), the ingress service and its port.
    let default_destination = Memo::new(move |_| {
        let env = env.get();
        let rendered = snapshot.with(|s| {
            let rules = s.rendered.env(&env).map(ingress_rules).unwrap_or_default();
            rules.iter().find(|r| r.kind == RuleKind::Default).map(|r| (r.host.clone(), r.port_number()))
        });
        rendered.or_else(|| routing.with(|r| r.ingress.as_ref().map(|(s, _)| (s.clone(), r.port_of(s)))))
    });
    let sse_count = Memo::new(move |_| ingress.read(|g| g.frontend_routes.as_ref().map_or(0, Vec::len)).unwrap_or(0));
    view! {
        <p class="muted">{t(ROUTES_ORDER)}</p>
        <SseRoutes ingress=ingress rules=rules count=sse_count />
        <ApiRoutes ingress=ingress rules=rules sse_count=sse_count routing=routing default_destination=default_destination />
        <DefaultRule destination=default_destination />
    }
}

/// "Then: everything else goes to …", from the snapshot's default rule.
#[component]
fn DefaultRule(destination: Memo<Option<(String, Option<u16>)>>) -> impl IntoView {
    let text = move || {
        let (host, port) = destination.get()?;
        let port = port.map_or_else(|| "?".to_owned(), |p| p.to_string());
        Some(THEN_DEFAULT.fill(lang(), &[("service", &format!("{host}:{port}"))]))
    };
    view! { <p class="default-rule" data-testid="default-rule">{text}</p> }
}

/// A row's number, which names the rule everywhere (problems, simulator,
/// buttons), with the place it is written in the values file as its title.
#[component]
fn RuleNumber(number: Signal<usize>, source: String) -> impl IntoView {
    let title = move || format!("{source} · {}", DRAG_TO_REORDER.get(lang()));
    view! { <span class="rule-index" title=title>{move || number.get()}</span> }
}

/// Move up, move down and remove, naming the rule by its number.
#[component]
fn RowActions(
    number: Signal<usize>,
    i: usize,
    last: Signal<Option<bool>>,
    on_move: Callback<isize>,
    on_remove: Callback<()>,
) -> impl IntoView {
    let label = move |text: Text| move || text.fill(lang(), &[("n", &number.get())]);
    view! {
        <div class="card-actions">
            <button type="button" aria-label=label(MOVE_RULE_UP) disabled=i == 0 on:click=move |_| on_move.run(-1)>
                "↑"
            </button>
            <button
                type="button"
                aria-label=label(MOVE_RULE_DOWN)
                disabled=move || last.get().unwrap_or(true)
                on:click=move |_| on_move.run(1)
            >
                "↓"
            </button>
            <button type="button" aria-label=label(REMOVE_RULE) on:click=move |_| on_remove.run(())>
                {t(REMOVE)}
            </button>
        </div>
    }
}

/// The positions of a list of `count` items (a row each, keyed by place).
fn indices(count: Memo<usize>) -> Vec<usize> {
    (0..count.get()).collect()
}

/// Whether each row is the last: a route added or removed wakes the rows
/// whose mark changed, not every row that reads the count.
fn last_marks(count: Memo<usize>) -> Slices<usize, bool> {
    Slices::new(move || {
        let n = count.get();
        (0..n).map(|i| (i, i + 1 == n)).collect()
    })
}

/// Drag and drop within one list: the row being dragged, and a row's handlers.
#[derive(Clone, Copy)]
struct Dragging {
    from: RwSignal<Option<usize>>,
    /// Moves item `from` to `to` in the list.
    reorder: Callback<(usize, usize)>,
}

impl Dragging {
    fn new(reorder: impl Fn((usize, usize)) + Send + Sync + 'static) -> Self {
        Dragging { from: RwSignal::new(None), reorder: Callback::new(reorder) }
    }

    fn start(&self, i: usize, e: &web_sys::DragEvent, what: &str) {
        self.from.set(Some(i));
        if let Some(dt) = e.data_transfer() {
            let _ = dt.set_data("text/plain", &format!("{what} {i}"));
        }
    }

    fn drop_on(&self, i: usize, e: &web_sys::DragEvent) {
        e.prevent_default();
        e.stop_propagation();
        if let Some(from) = self.from.get_untracked() {
            self.reorder.run((from, i));
        }
        self.from.set(None);
    }
}

/// The SSE prefixes the ingress service serves itself.
#[component]
fn SseRoutes(ingress: IngressFile, rules: Slices<String, RuleOf>, count: Memo<usize>) -> impl IntoView {
    let values = Slices::new(move || {
        ingress.read(|g| g.frontend_routes.iter().flatten().cloned().enumerate().collect()).unwrap_or_default()
    });
    let dragging = Dragging::new(move |(from, to)| ingress.edit_sse("sse-drag", |l| edit::reorder(l, from, to)));
    let last = last_marks(count);
    let add = move |_| {
        ingress.edit("sse-add", |g| g.frontend_routes.get_or_insert_with(Vec::new).push("/api/new/stream".into()))
    };
    view! {
        <fieldset>
            <legend>{t(SSE_ROUTES)}</legend>
            <ol class="routes">
                <For each=move || indices(count) key=|i| *i let:i>
                    <SseRow ingress=ingress i=i value=values.get(i) rule=rules.get(format!("ingress.frontendRoutes[{i}]")) last=last.get(i) dragging=dragging />
                </For>
            </ol>
            <button type="button" on:click=add>{t(ADD_SSE)}</button>
        </fieldset>
    }
}

#[component]
fn SseRow(
    ingress: IngressFile,
    i: usize,
    value: Signal<Option<String>>,
    rule: Signal<Option<RuleOf>>,
    last: Signal<Option<bool>>,
    dragging: Dragging,
) -> impl IntoView {
    let source = format!("ingress.frontendRoutes[{i}]");
    let id = ingress.id(&source);
    let key = id.clone();
    let number = Signal::derive(move || rule.with(|r| r.as_ref().map_or(i, |r| r.number)));
    let on_change = Callback::new(move |text: String| {
        ingress.edit_sse(&key, |l| {
            if let Some(r) = l.get_mut(i) {
                *r = text;
            }
        })
    });
    let on_move = Callback::new(move |by: isize| ingress.edit_sse("sse-move", |l| edit::move_item(l, i, by)));
    let on_remove = Callback::new(move |()| {
        ingress.edit_sse("sse-remove", |l| {
            if i < l.len() {
                l.remove(i);
            }
        })
    });
    view! {
        <li
            class="route-row sse"
            draggable="true"
            on:dragstart=move |e| dragging.start(i, &e, "sse route")
            on:dragend=move |_| dragging.from.set(None)
            on:dragover=move |e| e.prevent_default()
            on:drop=move |e| dragging.drop_on(i, &e)
        >
            <RuleNumber number=number source=source />
            <TextField label=PATH_PREFIX id=id rule=validate::path_prefix refuse=empty_path
                value=Signal::derive(move || value.get().unwrap_or_default()) on_change=on_change />
            <RowActions number=number i=i last=last on_move=on_move on_remove=on_remove />
        </li>
    }
}

/// The routes to services, in the order they match.
#[component]
fn ApiRoutes(
    ingress: IngressFile,
    rules: Slices<String, RuleOf>,
    sse_count: Memo<usize>,
    routing: Memo<EnvRouting>,
    default_destination: Memo<Option<(String, Option<u16>)>>,
) -> impl IntoView {
    let routes = Slices::new(move || {
        ingress.read(|g| g.routes.iter().flatten().cloned().enumerate().collect()).unwrap_or_default()
    });
    let count = Memo::new(move |_| ingress.read(|g| g.routes.as_ref().map_or(0, Vec::len)).unwrap_or(0));
    let last = last_marks(count);
    let dragging = Dragging::new(move |(from, to)| ingress.edit_api("route-drag", |l| edit::reorder(l, from, to)));
    // A new route changes no answer until it is edited: it sends its path
    // where the default rule already sends it (docs/decisions.md).
    let add = move |_| {
        let (service, port) = default_destination.get_untracked().unzip();
        ingress.edit("route-add", |g| {
            g.routes.get_or_insert_with(Vec::new).push(Route {
                prefix: Some("/new/".into()),
                service,
                port: port.flatten(),
                ..Route::default()
            })
        })
    };
    view! {
        <fieldset>
            <legend>{t(API_ROUTES)}</legend>
            <ol class="routes">
                <For each=move || indices(count) key=|i| *i let:i>
                    <ApiRow ingress=ingress i=i route=routes.get(i) rule=rules.get(format!("ingress.routes[{i}]"))
                        sse_count=sse_count last=last.get(i) routing=routing dragging=dragging />
                </For>
            </ol>
            <button type="button" on:click=add>{t(ADD_API_ROUTE)}</button>
        </fieldset>
    }
}

#[component]
fn ApiRow(
    ingress: IngressFile,
    i: usize,
    route: Signal<Option<Route>>,
    rule: Signal<Option<RuleOf>>,
    sse_count: Memo<usize>,
    last: Signal<Option<bool>>,
    routing: Memo<EnvRouting>,
    dragging: Dragging,
) -> impl IntoView {
    let source = format!("ingress.routes[{i}]");
    let number =
        Signal::derive(move || rule.with(|r| r.as_ref().map(|r| r.number)).unwrap_or_else(|| sse_count.get() + i));
    let kind = Memo::new(move |_| {
        rule.with(|r| r.as_ref().and_then(|r| r.kind))
            .or_else(|| route.with(|r| r.as_ref().map(written_kind)))
            .unwrap_or(MatchKind::Prefix)
    });
    let on_move = Callback::new(move |by: isize| ingress.edit_api("route-move", |l| edit::move_item(l, i, by)));
    let on_remove = Callback::new(move |()| {
        ingress.edit_api("route-remove", |l| {
            if i < l.len() {
                l.remove(i);
            }
        })
    });
    view! {
        <li
            class="route-row api"
            draggable="true"
            class:drag-over=move || dragging.from.get().is_some_and(|d| d != i)
            on:dragstart=move |e| dragging.start(i, &e, "route")
            on:dragend=move |_| dragging.from.set(None)
            on:dragover=move |e| e.prevent_default()
            on:drop=move |e| dragging.drop_on(i, &e)
        >
            <RuleNumber number=number source=source.clone() />
            <MatchKindSelect ingress=ingress i=i kind=kind />
            <MatchValue ingress=ingress i=i route=route rule=rule kind=kind />
            <AnyCase ingress=ingress i=i route=route kind=kind />
            <Destination ingress=ingress i=i route=route routing=routing />
            <TextField label=PORT id=ingress.id(&format!("{source}.port")) rule=validate::port strict=true
                value=Signal::derive(move || route.with(|r| r.as_ref().and_then(|r| r.port).map(|p| p.to_string()).unwrap_or_default()))
                on_change=Callback::new(move |t: String| ingress.edit_route(&ingress.id(&format!("ingress.routes[{i}].port")), i, |r| r.port = t.parse().ok())) />
            <RowActions number=number i=i last=last on_move=on_move on_remove=on_remove />
        </li>
    }
}

/// Prefix, exact or regex; switching keeps the value.
#[component]
fn MatchKindSelect(ingress: IngressFile, i: usize, kind: Memo<MatchKind>) -> impl IntoView {
    let id = ingress.id(&format!("ingress.routes[{i}].kind"));
    let key = id.clone();
    let on_change = move |e| {
        let Some(to) = MatchKind::parse(&event_target_value(&e)) else { return };
        let from = kind.get_untracked();
        ingress.edit_route(&key, i, |r| {
            let value = route_match_value(r, from);
            set_route_match(r, to, value)
        })
    };
    view! {
        <div class="field">
            <label for=id.clone()>{t(MATCH)}</label>
            <select id=id translate="no" prop:value=move || kind.get().as_str() on:change=on_change>
                <option value="prefix">"prefix"</option>
                <option value="exact">"exact"</option>
                <option value="regex">"regex"</option>
            </select>
        </div>
    }
}

/// The path or regex, written as typed. Its id is the place the snapshot's
/// rule gives its problems (`…routes[i].exact` for an exact match), so the
/// problems show here and "go to field" lands here.
#[component]
fn MatchValue(
    ingress: IngressFile,
    i: usize,
    route: Signal<Option<Route>>,
    rule: Signal<Option<RuleOf>>,
    kind: Memo<MatchKind>,
) -> impl IntoView {
    let id = Memo::new(move |_| {
        let path = rule.with(|r| r.as_ref().map(|r| r.match_path.clone()));
        ingress.id(&path.unwrap_or_else(|| format!("ingress.routes[{i}].{}", kind.get().as_str())))
    });
    move || {
        let (kind, id) = (kind.get(), id.get());
        // The rule follows the match kind: a path, or an RE2 regex.
        let shown: validate::Rule = if kind == MatchKind::Regex { validate::regex } else { validate::path_prefix };
        let value =
            Signal::derive(move || route.with(|r| r.as_ref().map(|r| route_match_value(r, kind))).unwrap_or_default());
        let key = id.clone();
        let on_change =
            Callback::new(move |text: String| ingress.edit_route(&key, i, |r| set_route_match(r, kind, text)));
        view! { <TextField label=PATH id=id value=value on_change=on_change rule=shown refuse=empty_path /> }
    }
}

/// `ignoreUriCase`. Envoy ignores `case_sensitive` for a regex (RouteMatch
/// docs): the box stays visible and says so rather than silently doing nothing.
#[component]
fn AnyCase(ingress: IngressFile, i: usize, route: Signal<Option<Route>>, kind: Memo<MatchKind>) -> impl IntoView {
    let id = ingress.id(&format!("ingress.routes[{i}].ignoreUriCase"));
    let key = id.clone();
    let on = Memo::new(move |_| route.with(|r| r.as_ref().is_some_and(|r| r.ignore_uri_case == Some(true))));
    let label_for = id.clone();
    view! {
        <div class="field">
            <label class="check" for=label_for>
                <input id=id type="checkbox" prop:checked=move || on.get()
                    on:change=move |e| { let on = event_target_checked(&e); ingress.edit_route(&key, i, |r| r.ignore_uri_case = on.then_some(true)) } />
                {t(ANY_CASE_MATCH)}
            </label>
            {move || (kind.get() == MatchKind::Regex && on.get()).then(|| view! { <p class="field-msg">{code_text(ANY_CASE_REGEX.get(lang()))}</p> })}
        </div>
    }
}

/// The destination service, picked from the environment's services (the
/// port follows, as rendered). A service missing from the environment is
/// marked; the problems below name every environment it is missing from.
#[component]
fn Destination(
    ingress: IngressFile,
    i: usize,
    route: Signal<Option<Route>>,
    routing: Memo<EnvRouting>,
) -> impl IntoView {
    let id = ingress.id(&format!("ingress.routes[{i}].service"));
    let key = id.clone();
    let current = Memo::new(move |_| route.with(|r| r.as_ref().and_then(|r| r.service.clone())).unwrap_or_default());
    let missing = move || {
        let current = current.get();
        !current.is_empty() && !routing.with(|r| r.deploys(&current))
    };
    let on_change = move |e| {
        let service = event_target_value(&e);
        // The port the service listens on in this environment, as rendered.
        let port = routing.with_untracked(|r| r.port_of(&service));
        ingress.edit_route(&key, i, |r| {
            r.service = Some(service);
            if port.is_some() {
                r.port = port;
            }
        })
    };
    let options = move || {
        let current = current.get();
        let mut names: Vec<String> = routing.with(|r| r.services.iter().map(|(n, _)| n.clone()).collect());
        if !current.is_empty() && !names.contains(&current) {
            names.push(current.clone());
        }
        names
            .into_iter()
            .map(|n| {
                let deployed = routing.with(|r| r.deploys(&n));
                let label = if deployed { n.clone() } else { NOT_IN_ENV.fill(lang(), &[("name", &n)]) };
                view! { <option value=n>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="field service" class:invalid=missing>
            <label for=id.clone()>{t(SERVICE)}</label>
            <select id=id.clone() translate="no" prop:value=move || current.get() on:change=on_change>
                {options}
            </select>
            <FieldProblems id=id />
        </div>
    }
}
