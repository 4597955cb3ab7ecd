//! The Alerts section: the seed's six rules (on/off, severity, `for`,
//! thresholds, windows, latency exclusions), the selected environment's Slack
//! contact point, the notification policy, the scrape interval and the
//! retention of metrics, logs and traces. Fields show the effective value (the
//! seed's default until edited). A rule's PromQL can be written by hand; the
//! page's PromQL worker checks it (XS406, see `ui::promql`).

use super::fields::{field_id, non_empty, TextField};
use super::SelectedEnv;
use crate::i18n::{self, Text};
use crate::ui::i18n::{lang, t};
use crate::ui::promql::{PromqlChecker, Status};
use crate::ui::slices::Slices;
use leptos::prelude::*;
use xgen_core::alerts::promql;
use xgen_core::layout::SETTINGS_PATH;
use xgen_core::model::alerts::{
    AlertSettings, ContactPointSettings, PolicySettings, RetentionSettings, RuleSettings, RULES,
};
use xgen_core::state::ProjectState;
use xgen_core::validate;

fn settings_mut(s: &mut ProjectState) -> &mut AlertSettings {
    s.settings.alerts.get_or_insert_with(AlertSettings::default)
}

fn rule_mut<'a>(s: &'a mut ProjectState, id: &str) -> &'a mut RuleSettings {
    settings_mut(s).rules.get_or_insert_with(Default::default).get_or_insert_with(id, Default::default)
}

/// What the threshold means for each rule (None: the rule has no threshold).
fn threshold_label(id: &str) -> Option<(Text, validate::Rule)> {
    match id {
        "highMemory" => Some((i18n::THRESHOLD_MEMORY, validate::percent)),
        "podRestarts" => Some((i18n::THRESHOLD_RESTARTS, validate::number)),
        "highErrorRate" => Some((i18n::THRESHOLD_ERRORS, validate::percent)),
        "highLatency" => Some((i18n::THRESHOLD_LATENCY, validate::number)),
        _ => None,
    }
}

fn id_of(path: &str) -> String {
    field_id(SETTINGS_PATH, path)
}

fn retention_mut(s: &mut ProjectState) -> &mut RetentionSettings {
    settings_mut(s).retention.get_or_insert_with(RetentionSettings::default)
}

/// A rule's PromQL: the generated expression until the user writes their own.
/// Text equal to the generated expression, or empty, means "generated".
#[component]
fn ExpressionField(id: &'static str, index: usize, effective: Memo<xgen_core::model::alerts::Alerts>) -> impl IntoView {
    let editor = crate::ui::studio::studio().editor;
    let checker = expect_context::<PromqlChecker>();
    let key = id_of(&format!("alerts.rules.{id}.expr"));
    let namespace = Memo::new(move |_| editor.state.with(|s| s.project.namespace().unwrap_or("default").to_owned()));
    let rule = move || effective.with(|a| a.rules[index].clone());
    let generated = move || namespace.with(|ns| promql::generated(&rule(), ns));
    let custom = move || rule().custom_expr;
    // While typing, the field shows what was typed (an emptied field would
    // otherwise jump back to the generated expression).
    let draft = RwSignal::new(None::<String>);
    let shown = move || draft.get().unwrap_or_else(|| custom().unwrap_or_else(generated));
    let verdict = move || custom().map(|e| checker.status(&e));
    let edit_key = key.clone();
    let msg_id = format!("{key}-msg");
    view! {
        <div class="field wide" class:invalid=move || matches!(verdict(), Some(Status::Refused(_)))>
            <label for=key.clone()>"PromQL"</label>
            <textarea id=key.clone() rows="3" spellcheck="false" aria-describedby=msg_id.clone()
                prop:value=shown
                on:input=move |e| {
                    let text = event_target_value(&e);
                    let own = (!text.trim().is_empty() && text.trim() != generated()).then(|| text.clone());
                    draft.set(Some(text));
                    editor.edit(&edit_key, move |s| rule_mut(s, id).expr = own);
                }
                on:blur=move |_| draft.set(None)
            ></textarea>
            <p class="field-msg" id=msg_id>
                {move || {
                    let l = lang();
                    match verdict() {
                        None => i18n::PROMQL_GENERATED.get(l).to_owned(),
                        Some(Status::Checking) => i18n::PROMQL_CHECKING.get(l).to_owned(),
                        Some(Status::Parses) => i18n::PROMQL_PARSES.get(l).to_owned(),
                        Some(Status::Refused(e)) => i18n::PROMQL_REFUSED.fill(l, &[("error", &e)]),
                        Some(Status::Unavailable(e)) => i18n::PROMQL_UNAVAILABLE.fill(l, &[("error", &e)]),
                    }
                }}
            </p>
            <Show when=move || custom().is_some()>
                <button type="button" class="secondary" on:click=move |_| {
                    draft.set(None);
                    editor.edit("alerts-expr-reset", move |s| rule_mut(s, id).expr = None)
                }>{t(i18n::USE_GENERATED)}</button>
            </Show>
        </div>
    }
}

#[component]
pub fn AlertsForm() -> impl IntoView {
    let editor = crate::ui::studio::studio().editor;
    let env = expect_context::<SelectedEnv>().0;
    let deployed = Memo::new(move |_| editor.state.with(|s| s.project.deployed_services()));
    let effective = Memo::new(move |_| {
        let env = env.get();
        deployed.with(|d| editor.state.with(|s| s.settings.alerts.clone().unwrap_or_default().effective(&env, d)))
    });
    // The services one may exclude: every deployed one, and any name the
    // exclusions hold that no environment deploys (XS403), so it can be unticked.
    let services = Memo::new(move |_| {
        let mut names = deployed.get();
        let excluded = effective.with(|a| a.rules.iter().flat_map(|r| r.exclude.clone()).collect::<Vec<_>>());
        for name in excluded {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    });
    let text = move |label: Text,
                     path: String,
                     get: fn(&xgen_core::model::alerts::Alerts) -> String,
                     rule: validate::Rule,
                     set: fn(&mut ProjectState, Option<String>)| {
        let key = id_of(&path);
        view! {
            <TextField label=label id=key.clone() value=Signal::derive(move || effective.with(get)) rule=rule strict=true
                on_change=Callback::new(move |t: String| editor.edit(&key, move |s| set(s, non_empty(t)))) />
        }
    };
    // Each rule's fields read that rule, each exclusion box its own mark
    // (keyed slices, ui::slices): an edit wakes what it changed.
    let by_rule = Slices::new(move || effective.with(|a| a.rules.iter().cloned().enumerate().collect()));
    let exclusions = Slices::new(move || {
        effective.with(|a| {
            a.rules.iter().enumerate().flat_map(|(i, r)| r.exclude.iter().map(move |s| ((i, s.clone()), ()))).collect()
        })
    });
    let rules = RULES
        .iter()
        .enumerate()
        .map(|(i, (id, title))| {
            let id: &'static str = id;
            let rule = by_rule.get(i);
            let get = move |f: fn(&xgen_core::model::alerts::Rule) -> String| Signal::derive(move || rule.with(|r| r.as_ref().map(f).unwrap_or_default()));
            let base = format!("alerts.rules.{id}");
            let for_key = id_of(&format!("{base}.for"));
            let sev_key = id_of(&format!("{base}.severity"));
            let on_key = id_of(&format!("{base}.enabled"));
            let on_for = on_key.clone();
            let threshold = threshold_label(id).map(|(label, rule)| {
                let key = id_of(&format!("{base}.threshold"));
                view! {
                    <TextField label=label id=key.clone() value=get(|r| r.threshold.to_string()) rule=rule strict=true
                        on_change=Callback::new(move |t: String| editor.edit(&key, move |s| rule_mut(s, id).threshold = t.trim().parse().ok())) />
                }
            });
            let window = matches!(id, "podRestarts" | "highErrorRate" | "highLatency").then(|| {
                let key = id_of(&format!("{base}.window"));
                view! {
                    <TextField label=i18n::WINDOW id=key.clone() value=get(|r| r.window.clone()) rule=validate::prometheus_duration strict=true
                        on_change=Callback::new(move |t: String| editor.edit(&key, move |s| rule_mut(s, id).window = non_empty(t))) />
                }
            });
            let min_rate = matches!(id, "highErrorRate" | "highLatency").then(|| {
                let key = id_of(&format!("{base}.minRequestRate"));
                view! {
                    <TextField label=i18n::MIN_RATE id=key.clone() value=get(|r| r.min_request_rate.to_string()) rule=validate::number strict=true
                        on_change=Callback::new(move |t: String| editor.edit(&key, move |s| rule_mut(s, id).min_request_rate = t.trim().parse().ok())) />
                }
            });
            let exclusions = (id == "highLatency").then(|| {
                view! {
                    <fieldset class="exclusions">
                        <legend>{t(i18n::EXCLUSIONS)}</legend>
                        {move || {
                            services.get().into_iter().map(|svc| {
                                let excluded = exclusions.get((i, svc.clone()));
                                let checked = move || excluded.with(Option::is_some);
                                let s2 = svc.clone();
                                // Where a problem about an exclusion (XS403) lands.
                                let place = effective.with_untracked(|a| a.rules[i].exclude.iter().position(|x| *x == svc))
                                    .map(|n| field_id(SETTINGS_PATH, &format!("alerts.rules.{id}.exclude[{n}]")));
                                view! {
                                    <label class="check">
                                        <input type="checkbox" id=place prop:checked=checked on:change=move |e| {
                                            let on = event_target_checked(&e);
                                            let svc = s2.clone();
                                            let current = effective.with_untracked(|a| a.rules[i].exclude.clone());
                                            editor.edit("alerts-exclude", move |s| {
                                                let mut list: Vec<String> = current.into_iter().filter(|x| *x != svc).collect();
                                                if on { list.push(svc); }
                                                rule_mut(s, id).exclude = Some(list);
                                            })
                                        } />
                                        <span translate="no">{
                                            let known = deployed.with(|d| d.contains(&svc));
                                            move || if known { svc.clone() } else { i18n::NOT_DEPLOYED.fill(lang(), &[("name", &svc)]) }
                                        }</span>
                                    </label>
                                }
                            }).collect_view()
                        }}
                    </fieldset>
                }
            });
            view! {
                <fieldset class="alert-rule">
                    <legend translate="no">{*title}</legend>
                    <div class="grid2">
                        <div class="field">
                            <label class="check" for=on_for>
                                <input id=on_key type="checkbox" prop:checked=move || rule.with(|r| r.as_ref().is_some_and(|r| r.enabled))
                                    on:change=move |e| { let on = event_target_checked(&e); editor.edit("alerts-enabled", move |s| rule_mut(s, id).enabled = Some(on)) } />
                                {t(i18n::RULE_ON)}
                            </label>
                        </div>
                        <div class="field">
                            <label for=sev_key.clone()>{t(i18n::SEVERITY)}</label>
                            <select id=sev_key translate="no" prop:value=move || rule.with(|r| r.as_ref().map(|r| r.severity.clone()).unwrap_or_default())
                                on:change=move |e| { let v = event_target_value(&e); editor.edit("alerts-severity", move |s| rule_mut(s, id).severity = Some(v)) }>
                                <option value="critical">"critical"</option>
                                <option value="warning">"warning"</option>
                                <option value="info">"info"</option>
                            </select>
                        </div>
                        <TextField label=i18n::FOR id=for_key.clone() value=get(|r| r.for_.clone()) rule=validate::prometheus_duration strict=true
                            on_change=Callback::new(move |t: String| editor.edit(&for_key, move |s| rule_mut(s, id).for_ = non_empty(t))) />
                        {threshold}
                        {window}
                        {min_rate}
                    </div>
                    {exclusions}
                    <ExpressionField id=id index=i effective=effective />
                </fieldset>
            }
        })
        .collect_view();

    let cp_field = move |label: Text,
                         key: &'static str,
                         get: fn(&xgen_core::model::alerts::ContactPoint) -> String,
                         set: fn(&mut ContactPointSettings, Option<String>)| {
        let path = move || format!("alerts.contactPoints.{}.{key}", env.get());
        view! {
            {move || {
                let id = id_of(&path());
                let edit_key = id.clone();
                view! {
                    <TextField label=label id=id value=Signal::derive(move || effective.with(|a| get(&a.contact_point)))
                        on_change=Callback::new(move |t: String| {
                            let env = env.get_untracked();
                            editor.edit(&edit_key, move |s| set(settings_mut(s).contact_points.get_or_insert_with(Default::default).get_or_insert_with(&env, Default::default), non_empty(t)))
                        }) />
                }
            }}
        }
    };

    view! {
        <section class="form" aria-labelledby="alerts-heading">
            <h2 id="alerts-heading">{t(i18n::ALERTS)}</h2>
            <p class="muted">{t(i18n::ALERTS_HELP)}</p>
            <fieldset>
                <legend>{t(i18n::RULE_GROUP)}</legend>
                <div class="grid2">
                    {text(i18n::GROUP, "alerts.group".into(), |a| a.group.clone(), validate::dns_label, |s, v| settings_mut(s).group = v)}
                    {text(i18n::FOLDER, "alerts.folder".into(), |a| a.folder.clone(), validate::folder, |s, v| settings_mut(s).folder = v)}
                    {text(i18n::EVALUATED_EVERY, "alerts.interval".into(), |a| a.interval.clone(), validate::prometheus_duration, |s, v| settings_mut(s).interval = v)}
                    {text(i18n::SCRAPE_INTERVAL, "alerts.scrapeInterval".into(), |a| a.scrape_interval.clone(), validate::prometheus_duration, |s, v| settings_mut(s).scrape_interval = v)}
                </div>
            </fieldset>
            <fieldset>
                <legend>{t(i18n::RETENTION)}</legend>
                <p class="muted">{t(i18n::RETENTION_HELP)}</p>
                <div class="grid2">
                    {text(i18n::RETENTION_METRICS, "alerts.retention.prometheus".into(), |a| a.retention.prometheus.clone(), validate::prometheus_duration, |s, v| retention_mut(s).prometheus = v)}
                    {text(i18n::RETENTION_LOGS, "alerts.retention.loki".into(), |a| a.retention.loki.clone(), validate::prometheus_duration, |s, v| retention_mut(s).loki = v)}
                    {text(i18n::RETENTION_TRACES, "alerts.retention.tempo".into(), |a| a.retention.tempo.clone(), validate::duration, |s, v| retention_mut(s).tempo = v)}
                </div>
            </fieldset>
            {rules}
            <fieldset>
                <legend>{move || i18n::CONTACT_POINT_FOR.fill(lang(), &[("env", &env.get())])}</legend>
                <div class="grid2">
                    {cp_field(i18n::CHANNEL, "channel", |c| c.channel.clone(), |c, v| c.channel = v)}
                    {cp_field(i18n::WEBHOOK_URL, "webhookUrl", |c| c.webhook_url.clone(), |c, v| c.webhook_url = v)}
                    {cp_field(i18n::TITLE_PREFIX, "titlePrefix", |c| c.title_prefix.clone(), |c, v| c.title_prefix = v)}
                    {cp_field(i18n::RESOLVED_PREFIX, "resolvedPrefix", |c| c.resolved_prefix.clone(), |c, v| c.resolved_prefix = v)}
                </div>
            </fieldset>
            <fieldset>
                <legend>{t(i18n::NOTIFICATION_POLICY)}</legend>
                <p class="muted">{move || i18n::SENDS_TO.fill(lang(), &[("receiver", &effective.with(|a| a.policy.receiver.clone()))])}</p>
                <div class="grid2">
                    {text(i18n::GROUP_BY, "alerts.policy.groupBy".into(), |a| a.policy.group_by.join(", "), validate::labels,
                        |s, v| settings_mut(s).policy.get_or_insert_with(PolicySettings::default).group_by = v.map(|v| v.split(',').map(|x| x.trim().to_owned()).filter(|x| !x.is_empty()).collect()))}
                    {text(i18n::GROUP_WAIT, "alerts.policy.groupWait".into(), |a| a.policy.group_wait.clone(), validate::prometheus_duration, |s, v| settings_mut(s).policy.get_or_insert_with(PolicySettings::default).group_wait = v)}
                    {text(i18n::GROUP_INTERVAL, "alerts.policy.groupInterval".into(), |a| a.policy.group_interval.clone(), validate::prometheus_duration, |s, v| settings_mut(s).policy.get_or_insert_with(PolicySettings::default).group_interval = v)}
                    {text(i18n::REPEAT_INTERVAL, "alerts.policy.repeatInterval".into(), |a| a.policy.repeat_interval.clone(), validate::prometheus_duration, |s, v| settings_mut(s).policy.get_or_insert_with(PolicySettings::default).repeat_interval = v)}
                </div>
            </fieldset>
        </section>
    }
}
