//! XS402: an invalid `for`, window or interval (Prometheus durations: `30s`,
//! `5m`, `1h`; Grafana and Prometheus refuse anything else).

use super::alerts::{per_env, FILE};
use super::context::Context;
use super::{Problem, Severity};
use crate::core::quantity::is_prometheus_duration;

pub fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    let Some((_, a)) = per_env(ctx).into_iter().next() else { return out };
    let mut fields: Vec<(String, String)> = vec![("alerts.interval".into(), a.interval.clone())];
    for r in &a.rules {
        fields.push((format!("alerts.rules.{}.for", r.id), r.for_.clone()));
        if matches!(r.id, "podRestarts" | "highErrorRate" | "highLatency") {
            fields.push((format!("alerts.rules.{}.window", r.id), r.window.clone()));
        }
    }
    for (path, value) in fields {
        if !is_prometheus_duration(&value) {
            out.push(Problem::new(
                "XS402",
                Severity::Error,
                FILE,
                path,
                format!("`{}` is not a Prometheus duration", value.escape_debug()),
                "write e.g. `30s`, `5m`, `1h` or `1h30m`",
            ));
        }
    }
    out
}
