//! The TrafficPolicy's fields, and one input for each.

use super::{rule_mut, Scope};
use crate::i18n::{self, Text};
use crate::ui::editor::Editor;
use crate::ui::forms::fields::{field_id, TextField};
use crate::ui::i18n::{lang, t};
use leptos::prelude::*;
use serde_yaml::Value;
use xgen_core::edit::set_in;
use xgen_core::render::helm_values::{at, print};
use xgen_core::validate;

pub const POLICY: &str = "istio.destinationRule.trafficPolicy";

#[derive(Clone, Copy)]
pub enum Kind {
    Count,
    Duration,
    Percent,
    Choice(&'static [&'static str]),
}

pub struct Field {
    label: Text,
    path: &'static [&'static str],
    kind: Kind,
}

const LB: &[&str] = &["LEAST_REQUEST", "ROUND_ROBIN", "RANDOM", "PASSTHROUGH", "LEAST_CONN"];
const H2: &[&str] = &["DEFAULT", "DO_NOT_UPGRADE", "UPGRADE"];

pub const GROUPS: &[(Text, &[Field])] = &[
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

/// One field's input; `policy` is the edited policy as it is now.
pub fn policy_field(
    editor: Editor,
    scope: Scope,
    policy: Memo<Option<Value>>,
    file: &str,
    f: &'static Field,
) -> AnyView {
    let full = format!("{POLICY}.{}", f.path.join("."));
    let id = field_id(file, &full);
    let key = id.clone();
    let value = Signal::derive(move || {
        policy.with(|p| p.as_ref().and_then(|p| at(p, f.path).map(|v| print(Some(v)))).unwrap_or_default())
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
