//! The Traffic policy section: the DestinationRule's TrafficPolicy, as the
//! project default (the chart's values.yaml) or a service's own (its values
//! file), and whether each service gets a DestinationRule at all.

use super::fields::{field_id, TextField, TriState};
use super::SelectedEnv;
use crate::i18n::{self, Text};
use crate::ui::editor::Editor;
use crate::ui::i18n::{lang, t};
use leptos::prelude::*;
use serde_yaml::Value;
use xgen_core::edit::{modernize_traffic_policy, set_in};
use xgen_core::layout::{values_path, CHART_VALUES_PATH};
use xgen_core::model::values::{DestinationRuleValues, Istio};
use xgen_core::model::ServiceValues;
use xgen_core::names::ValuesFileName;
use xgen_core::render::helm_values::{at, print};
use xgen_core::state::ProjectState;
use xgen_core::validate;

pub const POLICY: &str = "istio.destinationRule.trafficPolicy";

#[derive(Clone, Copy)]
enum Kind {
    Count,
    Duration,
    Percent,
    Choice(&'static [&'static str]),
}

struct Field {
    label: Text,
    path: &'static [&'static str],
    kind: Kind,
}

const LB: &[&str] = &["LEAST_REQUEST", "ROUND_ROBIN", "RANDOM", "PASSTHROUGH", "LEAST_CONN"];
const H2: &[&str] = &["DEFAULT", "DO_NOT_UPGRADE", "UPGRADE"];

const GROUPS: &[(Text, &[Field])] = &[
    (
        i18n::POOL_TCP,
        &[
            Field {
                label: i18n::MAX_CONNECTIONS,
                path: &["connectionPool", "tcp", "maxConnections"],
                kind: Kind::Count,
            },
            Field {
                label: i18n::CONNECT_TIMEOUT,
                path: &["connectionPool", "tcp", "connectTimeout"],
                kind: Kind::Duration,
            },
            Field {
                label: i18n::KEEPALIVE_TIME,
                path: &["connectionPool", "tcp", "tcpKeepalive", "time"],
                kind: Kind::Duration,
            },
            Field {
                label: i18n::KEEPALIVE_INTERVAL,
                path: &["connectionPool", "tcp", "tcpKeepalive", "interval"],
                kind: Kind::Duration,
            },
            Field {
                label: i18n::KEEPALIVE_PROBES,
                path: &["connectionPool", "tcp", "tcpKeepalive", "probes"],
                kind: Kind::Count,
            },
        ],
    ),
    (
        i18n::POOL_HTTP,
        &[
            Field {
                label: i18n::H2_UPGRADE,
                path: &["connectionPool", "http", "h2UpgradePolicy"],
                kind: Kind::Choice(H2),
            },
            Field {
                label: i18n::MAX_PENDING,
                path: &["connectionPool", "http", "http1MaxPendingRequests"],
                kind: Kind::Count,
            },
            Field { label: i18n::MAX_H2, path: &["connectionPool", "http", "http2MaxRequests"], kind: Kind::Count },
            Field {
                label: i18n::MAX_PER_CONNECTION,
                path: &["connectionPool", "http", "maxRequestsPerConnection"],
                kind: Kind::Count,
            },
            Field { label: i18n::MAX_RETRIES, path: &["connectionPool", "http", "maxRetries"], kind: Kind::Count },
            Field { label: i18n::IDLE_TIMEOUT, path: &["connectionPool", "http", "idleTimeout"], kind: Kind::Duration },
        ],
    ),
    (
        i18n::LOAD_BALANCER,
        &[
            Field { label: i18n::ALGORITHM, path: &["loadBalancer", "simple"], kind: Kind::Choice(LB) },
            Field { label: i18n::WARMUP, path: &["loadBalancer", "warmup", "duration"], kind: Kind::Duration },
        ],
    ),
    (
        i18n::OUTLIER_DETECTION,
        &[
            Field {
                label: i18n::CONSECUTIVE_5XX,
                path: &["outlierDetection", "consecutive5xxErrors"],
                kind: Kind::Count,
            },
            Field { label: i18n::INTERVAL, path: &["outlierDetection", "interval"], kind: Kind::Duration },
            Field { label: i18n::BASE_EJECTION, path: &["outlierDetection", "baseEjectionTime"], kind: Kind::Duration },
            Field { label: i18n::MAX_EJECTION, path: &["outlierDetection", "maxEjectionPercent"], kind: Kind::Percent },
        ],
    ),
];

/// Whose policy is edited: the project default, or a service's values file.
#[derive(Clone, PartialEq)]
enum Scope {
    Default,
    Service(ValuesFileName),
}

fn values_of<'a>(s: &'a ProjectState, scope: &Scope) -> Option<&'a ServiceValues> {
    match scope {
        Scope::Default => Some(&s.chart_values),
        Scope::Service(f) => s.values.get(f),
    }
}

fn policy_of(s: &ProjectState, scope: &Scope) -> Option<Value> {
    values_of(s, scope)?.istio.as_ref()?.destination_rule.as_ref()?.traffic_policy.clone()
}

fn rule_mut<'a>(s: &'a mut ProjectState, scope: &Scope) -> Option<&'a mut DestinationRuleValues> {
    let values = match scope {
        Scope::Default => &mut s.chart_values,
        Scope::Service(f) => s.values.get_mut(f)?,
    };
    Some(values.istio.get_or_insert_with(Istio::default).destination_rule.get_or_insert_with(Default::default))
}

fn file_of(scope: &Scope) -> String {
    match scope {
        Scope::Default => CHART_VALUES_PATH.to_owned(),
        Scope::Service(f) => values_path(f),
    }
}

fn scope_key(scope: &Scope) -> String {
    match scope {
        Scope::Default => String::new(),
        Scope::Service(f) => f.as_str().to_owned(),
    }
}

#[component]
pub fn TrafficPolicyForm() -> impl IntoView {
    let editor = crate::ui::studio::studio().editor;
    let env = expect_context::<SelectedEnv>().0;
    let scope = expect_context::<super::SelectedScope>().0;
    let services = Memo::new(move |_| {
        let env = env.get();
        editor.state.with(|s| {
            s.project
                .services_of(&env)
                .iter()
                .filter_map(|e| Some((e.name.clone()?, ValuesFileName::parse(&e.values_file_name()).ok()?)))
                .map(|(n, f)| {
                    let own = policy_of(s, &Scope::Service(f.clone())).is_some();
                    (n, f, own)
                })
                .collect::<Vec<_>>()
        })
    });
    let current = Memo::new(move |_| match scope.get().0 {
        Some(f) if services.with(|l| l.iter().any(|(_, g, _)| *g == f)) => Scope::Service(f),
        _ => Scope::Default,
    });
    view! {
        <section class="form" aria-labelledby="traffic-form-heading">
            <h2 id="traffic-form-heading">{t(i18n::TRAFFIC_POLICY)}</h2>
            <div class="field">
                <label for="traffic-scope">{t(i18n::POLICY_OF)}</label>
                <select
                    id="traffic-scope"
                    prop:value=move || scope_key(&current.get())
                    on:change=move |e| {
                        let v = event_target_value(&e);
                        scope.set(TrafficScope(ValuesFileName::parse(&v).ok()));
                    }
                >
                    <option value="">{move || i18n::PROJECT_DEFAULT_FILE.fill(lang(), &[("file", &CHART_VALUES_PATH)])}</option>
                    {move || {
                        services
                            .get()
                            .into_iter()
                            .map(|(name, file, own)| {
                                let text = if own { i18n::OWN_POLICY } else { i18n::USES_DEFAULT };
                                let label = move || text.fill(lang(), &[("name", &name)]);
                                view! { <option value=file.as_str().to_owned()>{label}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            {move || {
                let sc = current.get();
                view! { <ScopeEditor scope=sc /> }
            }}
        </section>
    }
}

/// Which values file the Traffic policy section shows (None: the default);
/// kept in the context so a problem can open the right one.
#[derive(Clone, PartialEq, Default)]
pub struct TrafficScope(pub Option<ValuesFileName>);

#[component]
fn ScopeEditor(scope: Scope) -> impl IntoView {
    let editor = crate::ui::studio::studio().editor;
    let file = file_of(&scope);
    let s1 = scope.clone();
    let has_policy = Memo::new(move |_| editor.state.with(|s| policy_of(s, &s1).is_some()));
    let s2 = scope.clone();
    let deprecated = Memo::new(move |_| {
        editor.state.with(|s| policy_of(s, &s2).is_some_and(|mut p| modernize_traffic_policy(&mut p)))
    });
    let enabled_switch = match &scope {
        Scope::Default => None,
        Scope::Service(f) => {
            let (f1, f2) = (f.clone(), f.clone());
            let id = field_id(&values_path(f), "istio.destinationRule.enabled");
            let key = id.clone();
            Some(view! {
                <TriState
                    label=i18n::DESTINATION_RULE
                    id=id
                    unset=i18n::AS_CHART_ON
                    value=Signal::derive(move || editor.state.with(|s| s.values.get(&f1).and_then(|v| v.istio.as_ref()?.destination_rule.as_ref()?.enabled)))
                    on_change=Callback::new(move |v: Option<bool>| {
                        let f = f2.clone();
                        editor.edit(&key, move |s| { if let Some(r) = rule_mut(s, &Scope::Service(f)) { r.enabled = v } })
                    })
                />
            })
        }
    };
    let s3 = scope.clone();
    let s4 = scope.clone();
    let s5 = scope.clone();
    let adopt = move |_| {
        let sc = s3.clone();
        editor.edit("policy-own", move |s| {
            let default = policy_of(s, &Scope::Default).unwrap_or(Value::Mapping(Default::default()));
            if let Some(r) = rule_mut(s, &sc) {
                r.traffic_policy = Some(default);
            }
        })
    };
    // The project default may use deprecated fields; copying them as they are
    // would repeat its warnings for this service, so the copy can convert.
    let default_deprecated = Memo::new(move |_| {
        editor.state.with(|s| policy_of(s, &Scope::Default).is_some_and(|mut p| modernize_traffic_policy(&mut p)))
    });
    let s6 = scope.clone();
    let adopt_converted = Callback::new(move |()| {
        let sc = s6.clone();
        editor.edit("policy-own", move |s| {
            let mut default = policy_of(s, &Scope::Default).unwrap_or(Value::Mapping(Default::default()));
            modernize_traffic_policy(&mut default);
            if let Some(r) = rule_mut(s, &sc) {
                r.traffic_policy = Some(default);
            }
        })
    });
    let drop_own = move |_| {
        let sc = s4.clone();
        editor.edit("policy-default", move |s| {
            if let Some(r) = rule_mut(s, &sc) {
                r.traffic_policy = None;
            }
        })
    };
    let modernize = move |_| {
        let sc = s5.clone();
        editor.edit("policy-modernize", move |s| {
            if let Some(p) = rule_mut(s, &sc).and_then(|r| r.traffic_policy.as_mut()) {
                modernize_traffic_policy(p);
            }
        })
    };
    let is_service = matches!(scope, Scope::Service(_));
    let groups = {
        let (scope, file) = (scope.clone(), file.clone());
        move || {
            GROUPS
                .iter()
                .map(|(legend, fields)| {
                    let inputs = fields.iter().map(|f| policy_field(editor, scope.clone(), &file, f)).collect_view();
                    view! { <fieldset><legend>{t(*legend)}</legend><div class="grid2">{inputs}</div></fieldset> }
                })
                .collect_view()
        }
    };
    view! {
        {enabled_switch}
        <p class="muted">{t(i18n::EDITED_IN)} " " <span class="mono" translate="no">{file.clone()}</span></p>
        <Show when=move || deprecated.get()>
            <p class="note">
                {t(i18n::DEPRECATED_POLICY)}
                " "
                <button type="button" on:click=modernize.clone()>{t(i18n::CONVERT_DEPRECATED)}</button>
            </p>
        </Show>
        <Show
            when=move || has_policy.get() || !is_service
            fallback=move || view! {
                <p class="note">{t(i18n::USES_PROJECT_DEFAULT)} " "
                    <button type="button" on:click=adopt.clone()>{t(i18n::GIVE_OWN_POLICY)}</button>
                    <Show when=move || default_deprecated.get()>
                        " "
                        <button type="button" on:click=move |_| adopt_converted.run(())>{t(i18n::GIVE_OWN_POLICY_CONVERTED)}</button>
                    </Show>
                </p>
            }
        >
            {groups.clone()()}
            {is_service.then(|| view! { <button type="button" on:click=drop_own.clone()>{t(i18n::USE_PROJECT_DEFAULT)}</button> })}
        </Show>
    }
}

fn policy_field(editor: Editor, scope: Scope, file: &str, f: &'static Field) -> AnyView {
    let full = format!("{POLICY}.{}", f.path.join("."));
    let id = field_id(file, &full);
    let key = id.clone();
    let s1 = scope.clone();
    let value = Signal::derive(move || {
        editor
            .state
            .with(|s| policy_of(s, &s1).and_then(|p| at(&p, f.path).map(|v| print(Some(v)))).unwrap_or_default())
    });
    let set = move |v: Option<Value>| {
        let sc = scope.clone();
        editor.edit(&key, move |s| {
            if let Some(r) = rule_mut(s, &sc) {
                let p = r.traffic_policy.get_or_insert_with(|| Value::Mapping(Default::default()));
                set_in(p, f.path, v);
            }
        })
    };
    match f.kind {
        Kind::Choice(options) => {
            let current = value;
            view! {
                <div class="field">
                    <label for=id.clone()>{t(f.label)}</label>
                    <select id=id translate="no" prop:value=move || current.get() on:change=move |e| {
                        let v = event_target_value(&e);
                        set((!v.is_empty()).then(|| Value::String(v)))
                    }>
                        <option value="" translate="yes">{t(i18n::NOT_SET)}</option>
                        {options
                            .iter()
                            .map(|o| {
                                let label = move || if *o == "LEAST_CONN" { i18n::DEPRECATED.fill(lang(), &[("name", o)]) } else { (*o).to_owned() };
                                view! { <option value=*o>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
            }
            .into_any()
        }
        kind => {
            let rule: validate::Rule = match kind {
                Kind::Count => validate::count,
                Kind::Percent => validate::percent,
                _ => validate::duration,
            };
            let on_change = Callback::new(move |t: String| {
                let t = t.trim().to_owned();
                let v = if t.is_empty() {
                    None
                } else {
                    match kind {
                        Kind::Count | Kind::Percent => xgen_core::yaml::from_str::<Value>(&t).ok(),
                        _ => Some(Value::String(t)),
                    }
                };
                set(v)
            });
            view! { <TextField label=f.label id=id value=value on_change=on_change rule=rule strict=true /> }.into_any()
        }
    }
}
