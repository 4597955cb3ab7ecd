//! The Traffic policy section: the DestinationRule's TrafficPolicy, as the
//! project default (the chart's values.yaml) or a service's own (its values
//! file), and whether each service gets a DestinationRule at all.
//!
//! `fields` holds the policy's fields and one input per field; `scope` the
//! editor of one policy (the default's or a service's). Each reads the
//! policy it edits through one memo, never the whole state.

mod fields;
mod scope;

use super::SelectedEnv;
use crate::i18n;
use crate::ui::i18n::{lang, t};
use leptos::prelude::*;
use scope::ScopeEditor;
use serde_yaml::Value;
use xgen_core::layout::{values_path, CHART_VALUES_PATH};
use xgen_core::model::values::{DestinationRuleValues, Istio};
use xgen_core::model::ServiceValues;
use xgen_core::names::ValuesFileName;
use xgen_core::state::ProjectState;

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
