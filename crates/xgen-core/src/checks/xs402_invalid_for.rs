//! XS402: an invalid `for`, window, interval or retention. Prometheus, Grafana
//! and Loki take Prometheus durations (`30s`, `5m`, `1h`, `15d`); Tempo's
//! `block_retention` is a Go duration, which has no `d` (`48h`, not `2d`).

use super::alerts::{per_env, FILE};
use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::quantity::{is_prometheus_duration, parse_go_duration};

pub static RULE: Rule = Rule {
    code: "XS402",
    severity: Severity::Error,
    title: Text { key: "XS402", en: "Invalid duration in the alert settings", ko: "알림 설정의 잘못된 시간 값" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
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
        let shown = a.retention.tempo.escape_debug();
        out.push(Problem::new(
            &RULE,
            FILE,
            "alerts.retention.tempo",
            Said::new(
                format!("`{shown}` is not a Go duration, which Tempo needs"),
                format!("`{shown}`은(는) Tempo가 요구하는 Go duration이 아닙니다"),
            ),
            Said::new(
                "write hours, e.g. `48h` (Go durations have no `d`)",
                "`48h`처럼 시간 단위로 쓰세요 (Go duration에는 `d`가 없습니다)",
            ),
        ));
    }
    for (path, value) in fields {
        if is_prometheus_duration(&value) {
            continue;
        }
        let shown = value.escape_debug();
        out.push(Problem::new(
            &RULE,
            FILE,
            path,
            Said::new(format!("`{shown}` is not a Prometheus duration"), format!("`{shown}`은(는) Prometheus duration이 아닙니다")),
            Said::new("write e.g. `30s`, `5m`, `1h` or `1h30m`", "`30s`, `5m`, `1h`, `1h30m`처럼 쓰세요"),
        ));
    }
    out
}
