//! XS301: a traffic-policy duration that is not a Go duration of at least 1ms
//! (Istio rejects the DestinationRule).

use super::traffic_policy::{fields, policies};
use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::quantity::is_istio_duration;

pub static RULE: Rule = Rule {
    code: "XS301",
    severity: Severity::Error,
    title: Text { key: "XS301", en: "Invalid traffic-policy duration", ko: "잘못된 트래픽 정책 시간 값" },
    check,
};

/// TrafficPolicy fields whose values are durations.
const DURATION_KEYS: &[&str] = &[
    "connectTimeout",
    "time",
    "interval",
    "idleTimeout",
    "baseEjectionTime",
    "warmupDurationSecs",
    "duration",
    "maxConnectionDuration",
    "perTryTimeout",
];

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, policy) in policies(ctx) {
        for (path, key, value) in fields(policy) {
            if !DURATION_KEYS.contains(&key.as_str()) || value.is_mapping() || value.is_sequence() {
                continue;
            }
            let text = match value {
                serde_yaml::Value::String(s) => s.clone(),
                other => crate::yaml::to_string(other).unwrap_or_default().trim().to_owned(),
            };
            if is_istio_duration(&text) {
                continue;
            }
            let shown = text.escape_debug();
            out.push(Problem::new(
                &RULE,
                file.clone(),
                path,
                Said::new(
                    format!("`{key}: {shown}` is not a duration of at least 1ms"),
                    format!("`{key}: {shown}`은(는) 1ms 이상의 시간 값이 아닙니다"),
                ),
                Said::new(
                    "write a Go duration such as `10s`, `1m30s` or `300ms`",
                    "`10s`, `1m30s`, `300ms` 같은 Go duration으로 쓰세요",
                ),
            ));
        }
    }
    out
}
