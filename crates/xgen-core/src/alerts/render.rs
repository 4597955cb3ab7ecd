//! The observability files of an environment (docs/alerts.md#files-per-environment): Grafana alert rules
//! and contact points / notification policy in Grafana's file-provisioning
//! format, the same rules as a Prometheus rule file, and Prometheus' scrape
//! configuration with the `xgen-services` job.

use super::promql::{expr, summary};
use crate::model::alerts::{Alerts, Rule};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GrafanaRules {
    pub api_version: u32,
    pub groups: Vec<GrafanaGroup>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GrafanaGroup {
    pub org_id: u32,
    pub name: String,
    pub folder: String,
    pub interval: String,
    pub rules: Vec<GrafanaRule>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GrafanaRule {
    pub uid: String,
    pub title: String,
    pub condition: &'static str,
    pub data: Vec<GrafanaQuery>,
    pub no_data_state: &'static str,
    pub exec_err_state: &'static str,
    #[serde(rename = "for")]
    pub for_: String,
    pub labels: BTreeMap<&'static str, String>,
    pub annotations: BTreeMap<&'static str, String>,
    pub is_paused: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GrafanaQuery {
    pub ref_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relative_time_range: Option<TimeRange>,
    pub datasource_uid: &'static str,
    pub model: serde_yaml::Value,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeRange {
    pub from: u32,
    pub to: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GrafanaAlerting {
    pub api_version: u32,
    pub contact_points: Vec<ContactPointFile>,
    pub policies: Vec<PolicyFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactPointFile {
    pub org_id: u32,
    pub name: String,
    pub receivers: Vec<Receiver>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Receiver {
    pub uid: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub settings: BTreeMap<&'static str, String>,
}

/// Grafana's notification-policy provisioning: `orgId`, then snake_case keys.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolicyFile {
    #[serde(rename = "orgId")]
    pub org_id: u32,
    pub receiver: String,
    pub group_by: Vec<String>,
    pub group_wait: String,
    pub group_interval: String,
    pub repeat_interval: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrometheusRules {
    pub groups: Vec<PrometheusGroup>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrometheusGroup {
    pub name: String,
    pub interval: String,
    pub rules: Vec<PrometheusRule>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrometheusRule {
    pub alert: String,
    pub expr: String,
    #[serde(rename = "for")]
    pub for_: String,
    pub labels: BTreeMap<&'static str, String>,
    pub annotations: BTreeMap<&'static str, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrometheusConfig {
    pub global: BTreeMap<&'static str, String>,
    pub rule_files: Vec<&'static str>,
    pub scrape_configs: Vec<ScrapeConfig>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScrapeConfig {
    pub job_name: &'static str,
    pub kubernetes_sd_configs: Vec<KubernetesSd>,
    pub relabel_configs: Vec<Relabel>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KubernetesSd {
    pub role: &'static str,
    pub namespaces: BTreeMap<&'static str, Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relabel {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub source_labels: Vec<&'static str>,
    pub action: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regex: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replacement: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_label: Option<&'static str>,
}

/// `PodNotRunning` from `podNotRunning`.
fn alert_name(rule: &Rule) -> String {
    let mut c = rule.id.chars();
    c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
}

fn uid(rule: &Rule) -> String {
    let kebab: String = rule
        .id
        .chars()
        .flat_map(|c| if c.is_ascii_uppercase() { vec!['-', c.to_ascii_lowercase()] } else { vec![c] })
        .collect();
    format!("xgen-{kebab}")
}

fn annotations(rule: &Rule) -> BTreeMap<&'static str, String> {
    BTreeMap::from([("summary", summary(rule))])
}

pub fn grafana_rules(a: &Alerts, namespace: &str) -> GrafanaRules {
    let rules = a
        .rules
        .iter()
        .filter(|r| r.enabled)
        .map(|r| {
            let query = serde_yaml::to_value(BTreeMap::from([
                ("expr", serde_yaml::Value::from(expr(r, namespace))),
                ("instant", serde_yaml::Value::from(true)),
                ("refId", serde_yaml::Value::from("A")),
            ]))
            .unwrap_or_default();
            let threshold: serde_yaml::Value = serde_yaml::to_value(BTreeMap::from([
                ("type", serde_yaml::Value::from("threshold")),
                ("expression", serde_yaml::Value::from("A")),
                ("refId", serde_yaml::Value::from("C")),
                (
                    "conditions",
                    serde_yaml::to_value(vec![BTreeMap::from([(
                        "evaluator",
                        BTreeMap::from([
                            ("type", serde_yaml::Value::from("gt")),
                            ("params", serde_yaml::Value::from(vec![0])),
                        ]),
                    )])])
                    .unwrap_or_default(),
                ),
            ]))
            .unwrap_or_default();
            GrafanaRule {
                uid: uid(r),
                title: r.title.into(),
                condition: "C",
                data: vec![
                    GrafanaQuery {
                        ref_id: "A",
                        relative_time_range: Some(TimeRange { from: 600, to: 0 }),
                        datasource_uid: "prometheus",
                        model: query,
                    },
                    GrafanaQuery {
                        ref_id: "C",
                        relative_time_range: None,
                        datasource_uid: "__expr__",
                        model: threshold,
                    },
                ],
                no_data_state: "OK",
                exec_err_state: "Error",
                for_: r.for_.clone(),
                labels: BTreeMap::from([("severity", r.severity.clone())]),
                annotations: annotations(r),
                is_paused: false,
            }
        })
        .collect();
    GrafanaRules {
        api_version: 1,
        groups: vec![GrafanaGroup {
            org_id: 1,
            name: a.group.clone(),
            folder: a.folder.clone(),
            interval: a.interval.clone(),
            rules,
        }],
    }
}

pub fn grafana_alerting(a: &Alerts) -> GrafanaAlerting {
    let cp = &a.contact_point;
    // Grafana's own message template (Go template), not YAML.
    let title = format!(
        "{{{{ if eq .Status \"firing\" }}}}{} {{{{ .CommonLabels.alertname }}}}{{{{ else }}}}{} {{{{ .CommonLabels.alertname }}}}{{{{ end }}}}",
        cp.title_prefix, cp.resolved_prefix
    );
    GrafanaAlerting {
        api_version: 1,
        contact_points: vec![ContactPointFile {
            org_id: 1,
            name: cp.name.clone(),
            receivers: vec![Receiver {
                uid: format!("{}-receiver", cp.name),
                kind: "slack",
                settings: BTreeMap::from([
                    ("url", cp.webhook_url.clone()),
                    ("recipient", cp.channel.clone()),
                    ("title", title),
                ]),
            }],
        }],
        policies: vec![PolicyFile {
            org_id: 1,
            receiver: a.policy.receiver.clone(),
            group_by: a.policy.group_by.clone(),
            group_wait: a.policy.group_wait.clone(),
            group_interval: a.policy.group_interval.clone(),
            repeat_interval: a.policy.repeat_interval.clone(),
        }],
    }
}

pub fn prometheus_rules(a: &Alerts, namespace: &str) -> PrometheusRules {
    PrometheusRules {
        groups: vec![PrometheusGroup {
            name: a.group.clone(),
            interval: a.interval.clone(),
            rules: a
                .rules
                .iter()
                .filter(|r| r.enabled)
                .map(|r| PrometheusRule {
                    alert: alert_name(r),
                    expr: expr(r, namespace),
                    for_: r.for_.clone(),
                    labels: BTreeMap::from([("severity", r.severity.clone())]),
                    annotations: annotations(r),
                })
                .collect(),
        }],
    }
}

/// The rule file's name next to `prometheus.yml`.
pub const RULES_FILE: &str = "prometheus-rules.yaml";

pub fn prometheus_config(a: &Alerts, namespace: &str) -> PrometheusConfig {
    let r = |source: Vec<&'static str>, action, regex, replacement, target| Relabel {
        source_labels: source,
        action,
        regex,
        replacement,
        target_label: target,
    };
    PrometheusConfig {
        global: BTreeMap::from([
            ("scrape_interval", a.scrape_interval.clone()),
            ("evaluation_interval", a.scrape_interval.clone()),
        ]),
        rule_files: vec![RULES_FILE],
        scrape_configs: vec![ScrapeConfig {
            job_name: "xgen-services",
            kubernetes_sd_configs: vec![KubernetesSd {
                role: "pod",
                namespaces: BTreeMap::from([("names", vec![namespace.to_owned()])]),
            }],
            relabel_configs: vec![
                r(vec!["__meta_kubernetes_pod_annotation_prometheus_io_scrape"], "keep", Some("true"), None, None),
                r(
                    vec!["__meta_kubernetes_pod_annotation_prometheus_io_path"],
                    "replace",
                    Some("(.+)"),
                    None,
                    Some("__metrics_path__"),
                ),
                r(
                    vec!["__address__", "__meta_kubernetes_pod_annotation_prometheus_io_port"],
                    "replace",
                    Some(r"([^:]+)(?::\d+)?;(\d+)"),
                    Some("$1:$2"),
                    Some("__address__"),
                ),
                r(vec![], "labelmap", Some("__meta_kubernetes_pod_label_(.+)"), None, None),
                r(vec!["__meta_kubernetes_namespace"], "replace", None, None, Some("namespace")),
                r(vec!["__meta_kubernetes_pod_name"], "replace", None, None, Some("pod")),
            ],
        }],
    }
}

/// A Kustomize strategic-merge patch for the `prometheus` Deployment: the
/// retention is a command-line flag, not a `prometheus.yml` setting. A
/// strategic merge replaces a container's `args` list whole, so the patch
/// carries every flag the stack needs: the configuration file, the data
/// directory, the retention, and the remote-write receiver that Tempo's
/// metrics generator writes to (the seed's `http://prometheus:9090/api/v1/write`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentPatch {
    pub api_version: &'static str,
    pub kind: &'static str,
    pub metadata: PatchMetadata,
    pub spec: PatchSpec,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatchMetadata {
    pub name: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatchSpec {
    pub template: PatchTemplate,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatchTemplate {
    pub spec: PatchPodSpec,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatchPodSpec {
    pub containers: Vec<PatchContainer>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatchContainer {
    pub name: &'static str,
    pub args: Vec<String>,
}

pub fn prometheus_patch(a: &Alerts) -> DeploymentPatch {
    DeploymentPatch {
        api_version: "apps/v1",
        kind: "Deployment",
        metadata: PatchMetadata { name: "prometheus" },
        spec: PatchSpec {
            template: PatchTemplate {
                spec: PatchPodSpec {
                    containers: vec![PatchContainer {
                        name: "prometheus",
                        args: vec![
                            "--config.file=/etc/prometheus/prometheus.yml".into(),
                            "--storage.tsdb.path=/prometheus".into(),
                            format!("--storage.tsdb.retention.time={}", a.retention.prometheus),
                            "--web.enable-remote-write-receiver".into(),
                        ],
                    }],
                },
            },
        },
    }
}

/// The retention section of Loki's configuration (the seed's
/// `k3s/observability/loki/configmap.yaml`), to merge into it. Loki only
/// deletes old chunks when the compactor runs with retention on, so the
/// section switches it on too.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LokiRetention {
    pub limits_config: LokiLimits,
    pub compactor: LokiCompactor,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LokiLimits {
    pub retention_period: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LokiCompactor {
    pub working_directory: &'static str,
    pub retention_enabled: bool,
    pub delete_request_store: &'static str,
}

pub fn loki_retention(a: &Alerts) -> LokiRetention {
    LokiRetention {
        limits_config: LokiLimits { retention_period: a.retention.loki.clone() },
        compactor: LokiCompactor {
            working_directory: "/loki/compactor",
            retention_enabled: true,
            delete_request_store: "filesystem",
        },
    }
}

/// The retention section of Tempo's configuration (the seed's
/// `k3s/observability/tempo/configmap.yaml`), to merge into it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TempoRetention {
    pub compactor: TempoCompactor,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TempoCompactor {
    pub compaction: TempoCompaction,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TempoCompaction {
    pub block_retention: String,
}

pub fn tempo_retention(a: &Alerts) -> TempoRetention {
    TempoRetention {
        compactor: TempoCompactor { compaction: TempoCompaction { block_retention: a.retention.tempo.clone() } },
    }
}
