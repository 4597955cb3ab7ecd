//! XS402: an invalid `for`, window, interval or retention. Prometheus, Grafana
//! and Loki take Prometheus durations (`30s`, `5m`, `1h`, `15d`); Tempo's
//! `block_retention` is a Go duration, which has no `d` (`48h`, not `2d`).

use super::alerts::{per_env, FILE};
use super::context::Context;
use super::{Problem, Severity};
use crate::quantity::{is_prometheus_duration, parse_go_duration};

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
    fields.push(("alerts.retention.prometheus".into(), a.retention.prometheus.clone()));
    fields.push(("alerts.retention.loki".into(), a.retention.loki.clone()));
    if !parse_go_duration(&a.retention.tempo).is_some_and(|secs| secs > 0.0) {
        out.push(
            Problem::en(
                "XS402",
                Severity::Error,
                FILE,
                "alerts.retention.tempo",
                format!("`{}` is not a Go duration, which Tempo needs", a.retention.tempo.escape_debug()),
                "write hours, e.g. `48h` (Go durations have no `d`)",
            )
            .ko(
                format!("`{}`은(는) Tempo가 요구하는 Go duration이 아닙니다", a.retention.tempo.escape_debug()),
                "`48h`처럼 시간 단위로 쓰세요 (Go duration에는 `d`가 없습니다)",
            ),
        );
    }
    for (path, value) in fields {
        if !is_prometheus_duration(&value) {
            out.push(
                Problem::en(
                    "XS402",
                    Severity::Error,
                    FILE,
                    path,
                    format!("`{}` is not a Prometheus duration", value.escape_debug()),
                    "write e.g. `30s`, `5m`, `1h` or `1h30m`",
                )
                .ko(
                    format!("`{}`은(는) Prometheus duration이 아닙니다", value.escape_debug()),
                    "`30s`, `5m`, `1h`, `1h30m`처럼 쓰세요",
                ),
            );
        }
    }
    out
}
