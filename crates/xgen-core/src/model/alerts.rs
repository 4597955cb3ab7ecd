//! Alert settings (docs/alerts.md), kept in `xgen-studio.yaml` under `alerts`. Every
//! field is optional and unknown keys are kept; [`AlertSettings::effective`]
//! fills in the seed's defaults.

use crate::keep_unknown::keep_unknown_keys;
use crate::ordered_map::OrderedMap;
use serde_yaml::Mapping;

#[derive(Debug, Clone, Default)]
pub struct AlertSettings {
    pub group: Option<String>,
    pub folder: Option<String>,
    pub interval: Option<String>,
    pub rules: Option<OrderedMap<RuleSettings>>,
    pub contact_points: Option<OrderedMap<ContactPointSettings>>,
    pub policy: Option<PolicySettings>,
    pub scrape_interval: Option<String>,
    pub retention: Option<RetentionSettings>,
    pub extra: Mapping,
}
keep_unknown_keys!(AlertSettings {
    group => "group", folder => "folder", interval => "interval", rules => "rules",
    contact_points => "contactPoints", policy => "policy", scrape_interval => "scrapeInterval",
    retention => "retention",
});

/// How long each store keeps its data (the seed: metrics 15 days, logs 7 days,
/// traces 2 days). The same for every environment.
#[derive(Debug, Clone, Default)]
pub struct RetentionSettings {
    /// Prometheus' `--storage.tsdb.retention.time` (a Prometheus duration).
    pub prometheus: Option<String>,
    /// Loki's `limits_config.retention_period` (a Prometheus duration).
    pub loki: Option<String>,
    /// Tempo's `compactor.compaction.block_retention` (a Go duration: no `d`).
    pub tempo: Option<String>,
    pub extra: Mapping,
}
keep_unknown_keys!(RetentionSettings { prometheus => "prometheus", loki => "loki", tempo => "tempo" });

/// One rule's settings; which fields a rule uses depends on the rule.
#[derive(Debug, Clone, Default)]
pub struct RuleSettings {
    pub enabled: Option<bool>,
    pub for_: Option<String>,
    pub severity: Option<String>,
    /// Percent (memory, error rate), count (restarts) or milliseconds (latency).
    pub threshold: Option<f64>,
    pub window: Option<String>,
    /// Requests per second below which error-rate and latency rules stay quiet.
    pub min_request_rate: Option<f64>,
    /// Services the latency rule leaves out.
    pub exclude: Option<Vec<String>>,
    /// A PromQL expression written by hand, used instead of the generated one
    /// (threshold, window, rate and exclusions then no longer apply).
    pub expr: Option<String>,
    pub extra: Mapping,
}
keep_unknown_keys!(RuleSettings {
    enabled => "enabled", for_ => "for", severity => "severity", threshold => "threshold", window => "window",
    min_request_rate => "minRequestRate", exclude => "exclude", expr => "expr",
});

#[derive(Debug, Clone, Default)]
pub struct ContactPointSettings {
    pub channel: Option<String>,
    /// A secret: a placeholder such as `${SLACK_WEBHOOK_DEV}` by default.
    pub webhook_url: Option<String>,
    pub title_prefix: Option<String>,
    pub resolved_prefix: Option<String>,
    pub extra: Mapping,
}
keep_unknown_keys!(ContactPointSettings {
    channel => "channel", webhook_url => "webhookUrl", title_prefix => "titlePrefix", resolved_prefix => "resolvedPrefix",
});

#[derive(Debug, Clone, Default)]
pub struct PolicySettings {
    /// The receiver; by default the environment's contact point.
    pub receiver: Option<String>,
    pub group_by: Option<Vec<String>>,
    pub group_wait: Option<String>,
    pub group_interval: Option<String>,
    pub repeat_interval: Option<String>,
    pub extra: Mapping,
}
keep_unknown_keys!(PolicySettings {
    receiver => "receiver", group_by => "groupBy", group_wait => "groupWait", group_interval => "groupInterval",
    repeat_interval => "repeatInterval",
});

/// The six rules of the seed, in order: `(id, title)`.
pub const RULES: &[(&str, &str)] = &[
    ("podNotRunning", "Pod Not Running"),
    ("highMemory", "High Memory Usage"),
    ("podRestarts", "Pod Restart Detected"),
    ("highErrorRate", "High Error Rate"),
    ("highLatency", "High Response Latency"),
    ("replicasMismatch", "Deployment Replicas Mismatch"),
];

/// A rule with every value decided.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub id: &'static str,
    pub title: &'static str,
    pub enabled: bool,
    pub for_: String,
    pub severity: String,
    pub threshold: f64,
    pub window: String,
    pub min_request_rate: f64,
    pub exclude: Vec<String>,
    /// The hand-written expression, if any (see [`RuleSettings::expr`]).
    pub custom_expr: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Retention {
    pub prometheus: String,
    pub loki: String,
    pub tempo: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ContactPoint {
    pub name: String,
    pub channel: String,
    pub webhook_url: String,
    pub title_prefix: String,
    pub resolved_prefix: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub receiver: String,
    pub group_by: Vec<String>,
    pub group_wait: String,
    pub group_interval: String,
    pub repeat_interval: String,
}

/// The alert settings of one environment, defaults filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Alerts {
    pub group: String,
    pub folder: String,
    pub interval: String,
    pub rules: Vec<Rule>,
    pub contact_point: ContactPoint,
    pub policy: Policy,
    pub scrape_interval: String,
    pub retention: Retention,
}

fn rule_defaults(id: &str) -> (&'static str, &'static str, f64, &'static str, f64, &'static [&'static str]) {
    // (for, severity, threshold, window, minRequestRate, exclude)
    match id {
        "podNotRunning" => ("2m", "critical", 0.0, "", 0.0, &[]),
        "highMemory" => ("5m", "warning", 80.0, "", 0.0, &[]),
        "podRestarts" => ("2m", "warning", 2.0, "15m", 0.0, &[]),
        "highErrorRate" => ("5m", "critical", 20.0, "10m", 0.1, &[]),
        "highLatency" => ("10m", "warning", 60000.0, "10m", 0.1, &["xgen-model", "xgen-workflow"]),
        _ => ("5m", "critical", 0.0, "", 0.0, &[]),
    }
}

/// The contact point name of an environment: `slack-xgen` for dev (as in the
/// seed), `slack-xgen-<env>` for the others.
pub fn contact_point_name(env: &str) -> String {
    if env == "dev" {
        "slack-xgen".into()
    } else {
        format!("slack-xgen-{env}")
    }
}

impl AlertSettings {
    /// The six rules with every value decided (the same in every environment).
    /// A default exclusion names a service only when the project deploys it
    /// (`deployed`): the seed's list names `xgen-model`, and a project
    /// without it would get a warning about a setting it never made.
    pub fn effective_rules(&self, deployed: &[String]) -> Vec<Rule> {
        RULES
            .iter()
            .map(|(id, title)| {
                let s = self.rules.as_ref().and_then(|r| r.get(id)).cloned().unwrap_or_default();
                let (for_, severity, threshold, window, rate, exclude) = rule_defaults(id);
                Rule {
                    id,
                    title,
                    enabled: s.enabled.unwrap_or(true),
                    for_: s.for_.unwrap_or_else(|| for_.into()),
                    severity: s.severity.unwrap_or_else(|| severity.into()),
                    threshold: s.threshold.unwrap_or(threshold),
                    window: s.window.unwrap_or_else(|| window.into()),
                    min_request_rate: s.min_request_rate.unwrap_or(rate),
                    exclude: s.exclude.unwrap_or_else(|| {
                        exclude.iter().filter(|e| deployed.iter().any(|d| d == *e)).map(|e| (*e).to_owned()).collect()
                    }),
                    custom_expr: s.expr.filter(|e| !e.trim().is_empty()),
                }
            })
            .collect()
    }

    pub fn effective(&self, env: &str, deployed: &[String]) -> Alerts {
        let rules = self.effective_rules(deployed);
        let cp = self.contact_points.as_ref().and_then(|c| c.get(env)).cloned().unwrap_or_default();
        let upper = env.to_ascii_uppercase();
        let contact_point = ContactPoint {
            name: contact_point_name(env),
            channel: cp.channel.unwrap_or_else(|| if env == "dev" { "#xgen".into() } else { format!("#xgen-{env}") }),
            webhook_url: cp.webhook_url.unwrap_or_else(|| format!("${{SLACK_WEBHOOK_{}}}", upper.replace('-', "_"))),
            title_prefix: cp.title_prefix.unwrap_or_else(|| format!("[{upper} ALERT]")),
            resolved_prefix: cp.resolved_prefix.unwrap_or_else(|| format!("[{upper} RESOLVED]")),
        };
        let p = self.policy.clone().unwrap_or_default();
        let policy = Policy {
            receiver: p.receiver.unwrap_or_else(|| contact_point.name.clone()),
            group_by: p.group_by.unwrap_or_else(|| vec!["alertname".into(), "destination_service_name".into()]),
            group_wait: p.group_wait.unwrap_or_else(|| "30s".into()),
            group_interval: p.group_interval.unwrap_or_else(|| "5m".into()),
            repeat_interval: p.repeat_interval.unwrap_or_else(|| "4h".into()),
        };
        Alerts {
            group: self.group.clone().unwrap_or_else(|| "xgen-alerts".into()),
            folder: self.folder.clone().unwrap_or_else(|| "XGEN".into()),
            interval: self.interval.clone().unwrap_or_else(|| "1m".into()),
            rules,
            contact_point,
            policy,
            scrape_interval: self.scrape_interval.clone().unwrap_or_else(|| "15s".into()),
            retention: {
                let r = self.retention.clone().unwrap_or_default();
                Retention {
                    prometheus: r.prometheus.unwrap_or_else(|| "15d".into()),
                    loki: r.loki.unwrap_or_else(|| "168h".into()),
                    tempo: r.tempo.unwrap_or_else(|| "48h".into()),
                }
            },
        }
    }
}
