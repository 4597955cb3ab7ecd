//! Rendering: what Argo CD and Helm would produce, as typed objects serialized by
//! serde (no YAML is assembled from strings).
//!
//! - [`argocd`]: the root chart per environment (docs/rendering.md#root-chart);
//! - [`service`]: the service chart per Application (docs/rendering.md#service-chart), over values
//!   merged as Helm merges them ([`helm_values`]).
//!
//! Each object becomes one file under `rendered/<env>/`, named from fixed
//! literals and validated names only.

pub mod argocd;
pub mod go_format;
pub mod helm_values;
pub mod service;

use crate::bundle::BundleFile;
use crate::names::{DnsLabel, ValuesFileName};
use crate::state::ProjectState;
use serde::Serialize;
use std::collections::HashMap;

/// The environments whose names can be paths (the others are reported by XS210).
pub fn renderable_environments(state: &ProjectState) -> Vec<DnsLabel> {
    state.project.environment_names().iter().filter_map(|e| DnsLabel::parse(e).ok()).collect()
}

/// The YAML text of the rendered files of the last run, kept by the page
/// between edits. Emitting YAML is most of the cost of a render, and an edit
/// changes few objects: an object equal (as YAML data) to last time's keeps
/// last time's text. Comparing as `serde_yaml::Value` costs about a third of
/// emitting, and `to_string` of that value is byte for byte `to_string` of the
/// object, so the files are the same with or without the cache (a test holds
/// the two together).
#[derive(Debug, Default)]
pub struct TextCache {
    entries: HashMap<String, (serde_yaml::Value, String)>,
}

/// Serializes the files of one run, through a [`TextCache`] when there is one.
struct Writer<'a> {
    cache: Option<&'a mut TextCache>,
    next: HashMap<String, (serde_yaml::Value, String)>,
}

impl Writer<'_> {
    fn file<T: Serialize>(&mut self, path: String, value: &T) -> Result<BundleFile, serde_yaml::Error> {
        let Some(cache) = self.cache.as_deref() else {
            return Ok(BundleFile { text: serde_yaml::to_string(value)?, path });
        };
        let data = serde_yaml::to_value(value)?;
        let text = match cache.entries.get(&path) {
            Some((old, text)) if *old == data => text.clone(),
            _ => serde_yaml::to_string(&data)?,
        };
        self.next.insert(path.clone(), (data, text.clone()));
        Ok(BundleFile { path, text })
    }

    /// Keeps this run's texts for the next one (and forgets files gone).
    fn finish(self) {
        if let Some(cache) = self.cache {
            cache.entries = self.next;
        }
    }
}

/// Every rendered object of every environment, one file each.
pub fn rendered_files(state: &ProjectState) -> Result<Vec<BundleFile>, serde_yaml::Error> {
    rendered_files_cached(state, None)
}

/// [`rendered_files`], reusing the texts of unchanged objects from `cache`.
pub fn rendered_files_cached(
    state: &ProjectState,
    cache: Option<&mut TextCache>,
) -> Result<Vec<BundleFile>, serde_yaml::Error> {
    let mut w = Writer { cache, next: HashMap::new() };
    let out = rendered_with(state, &mut w)?;
    w.finish();
    Ok(out)
}

fn rendered_with(state: &ProjectState, w: &mut Writer) -> Result<Vec<BundleFile>, serde_yaml::Error> {
    let mut out = Vec::new();
    for env in renderable_environments(state) {
        let root = argocd::render_root(&state.project, env.as_str());
        for app in &root.applications {
            // `<service>-<env>` or an extraApps name: a path only when it is a label.
            let Some(name) = app.metadata.name.as_deref().and_then(|n| DnsLabel::parse(n).ok()) else { continue };
            out.push(w.file(format!("rendered/{env}/argocd/application-{name}.yaml"), app)?);
        }
        out.push(w.file(format!("rendered/{env}/argocd/appproject.yaml"), &root.app_project)?);
        out.extend(observability_files(state, &env, w)?);
        for (service, objects) in service_objects(state, env.as_str()) {
            let dir = format!("rendered/{env}/{service}");
            out.push(w.file(format!("{dir}/configmap.yaml"), &objects.config_map)?);
            out.push(w.file(format!("{dir}/service.yaml"), &objects.service)?);
            out.push(w.file(format!("{dir}/deployment.yaml"), &objects.deployment)?);
            if let Some(hpa) = &objects.hpa {
                out.push(w.file(format!("{dir}/hpa.yaml"), hpa)?);
            }
            if let Some(rule) = &objects.destination_rule {
                out.push(w.file(format!("{dir}/destinationrule.yaml"), rule)?);
            }
            if let Some(gateway) = &objects.gateway {
                out.push(w.file(format!("{dir}/gateway.yaml"), gateway)?);
            }
            if let Some(vs) = &objects.virtual_service {
                out.push(w.file(format!("{dir}/virtualservice.yaml"), vs)?);
            }
        }
    }
    Ok(out)
}

/// The service chart's objects for every service of `env` whose name can be a
/// path and whose values file the state holds (the others are reported by the
/// checks), with the Application's parameters applied as Argo CD applies them.
pub fn service_objects(state: &ProjectState, env: &str) -> Vec<(DnsLabel, service::ServiceObjects)> {
    let chart = serde_yaml::to_value(&state.chart_values).unwrap_or_default();
    state
        .project
        .services_of(env)
        .iter()
        .filter_map(|s| {
            let name = DnsLabel::parse(s.name.as_deref()?).ok()?;
            let (_, objects) = render_entry(state, &chart, env, s)?;
            Some((name, objects))
        })
        .collect()
}

/// One service entry of `env` rendered: its merged values and its objects, or
/// None when the state has no values file for it.
pub fn render_entry(
    state: &ProjectState,
    chart: &serde_yaml::Value,
    env: &str,
    entry: &crate::model::project::ServiceEntry,
) -> Option<(serde_yaml::Value, service::ServiceObjects)> {
    let p = &state.project;
    let file = ValuesFileName::parse(&entry.values_file_name()).ok()?;
    let values = serde_yaml::to_value(state.values.get(&file)?).ok()?;
    let params = argocd::parameters(p, env, entry, p.domain_of(env).filter(|d| !d.is_empty()));
    let merged = service::merged_values(chart, &values, &params);
    let objects = service::render_service(&merged);
    Some((merged, objects))
}

/// The observability files of an environment, written twice
/// (docs/alerts.md#files-per-environment): the repository's source under
/// `k3s/observability/<env>/` and
/// the rendered copy under `rendered/<env>/observability/`.
fn observability_files(
    state: &ProjectState,
    env: &DnsLabel,
    w: &mut Writer,
) -> Result<Vec<BundleFile>, serde_yaml::Error> {
    use crate::alerts::render::{
        grafana_alerting, grafana_rules, loki_retention, prometheus_config, prometheus_patch, prometheus_rules,
        tempo_retention, RULES_FILE,
    };
    let alerts = state.settings.alerts.clone().unwrap_or_default().effective(env.as_str());
    let ns = state.project.namespace().unwrap_or("default");
    let mut out = Vec::new();
    for base in [format!("k3s/observability/{env}"), format!("rendered/{env}/observability")] {
        out.push(w.file(format!("{base}/grafana/alert-rules.yaml"), &grafana_rules(&alerts, ns))?);
        out.push(w.file(format!("{base}/grafana/alerting.yaml"), &grafana_alerting(&alerts))?);
        out.push(w.file(format!("{base}/prometheus/{RULES_FILE}"), &prometheus_rules(&alerts, ns))?);
        out.push(w.file(format!("{base}/prometheus/prometheus.yml"), &prometheus_config(&alerts, ns))?);
        out.push(w.file(format!("{base}/prometheus/deployment-patch.yaml"), &prometheus_patch(&alerts))?);
        out.push(w.file(format!("{base}/loki/retention.yaml"), &loki_retention(&alerts))?);
        out.push(w.file(format!("{base}/tempo/retention.yaml"), &tempo_retention(&alerts))?);
    }
    Ok(out)
}
