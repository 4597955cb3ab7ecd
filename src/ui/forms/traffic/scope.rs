//! The editor of one TrafficPolicy: the project default's or a service's.

use super::fields::{policy_field, GROUPS};
use super::{file_of, policy_of, rule_mut, Scope};
use crate::i18n;
use crate::ui::forms::fields::{field_id, TriState};
use crate::ui::i18n::t;
use leptos::prelude::*;
use serde_yaml::Value;
use xgen_core::edit::modernize_traffic_policy;
use xgen_core::layout::values_path;

#[component]
pub fn ScopeEditor(scope: Scope) -> impl IntoView {
    let editor = crate::ui::studio::studio().editor;
    let file = file_of(&scope);
    // The policy this editor shows, read once: its fields and notes read
    // this memo, so an edit elsewhere re-runs one closure, not every field.
    let s1 = scope.clone();
    let policy = Memo::new(move |_| editor.state.with(|s| policy_of(s, &s1)));
    let has_policy = Memo::new(move |_| policy.with(Option::is_some));
    let deprecated =
        Memo::new(move |_| policy.with(|p| p.clone().is_some_and(|mut p| modernize_traffic_policy(&mut p))));
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
                    let inputs =
                        fields.iter().map(|f| policy_field(editor, scope.clone(), policy, &file, f)).collect_view();
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
