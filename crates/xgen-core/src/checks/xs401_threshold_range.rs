//! XS401: an alert threshold out of range: a percentage outside 0..100, a
//! negative count, latency or request rate.

use super::alerts::{per_env, FILE};
use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};

pub static RULE: Rule = Rule {
    code: "XS401",
    severity: Severity::Error,
    title: Text { key: "XS401", en: "Alert threshold out of range", ko: "범위를 벗어난 알림 임계값" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    // Thresholds are the same in every environment: the first one tells.
    let Some((_, alerts)) = per_env(ctx).into_iter().next() else { return out };
    for r in &alerts.rules {
        let (ok, rule, rule_ko) = match r.id {
            "highMemory" | "highErrorRate" => {
                ((0.0..=100.0).contains(&r.threshold), "a percentage from 0 to 100", "0에서 100 사이의 비율")
            }
            "podRestarts" => (r.threshold >= 1.0, "at least 1 restart", "재시작 1회 이상"),
            "highLatency" => (r.threshold > 0.0, "more than 0 ms", "0 ms보다 큰 값"),
            _ => (true, "", ""),
        };
        let (title, id) = (r.title, r.id);
        if !ok {
            let threshold = r.threshold;
            out.push(Problem::new(
                &RULE,
                FILE,
                format!("alerts.rules.{id}.threshold"),
                Said::new(
                    format!("{title}: threshold {threshold} is out of range"),
                    format!("{title}: 임계값 {threshold}이(가) 범위를 벗어났습니다"),
                ),
                Said::new(format!("use {rule}"), format!("{rule_ko}을(를) 쓰세요")),
            ));
        }
        if r.min_request_rate < 0.0 {
            out.push(Problem::new(
                &RULE,
                FILE,
                format!("alerts.rules.{id}.minRequestRate"),
                Said::new(
                    format!("{title}: the minimum request rate cannot be negative"),
                    format!("{title}: 최소 요청률은 음수일 수 없습니다"),
                ),
                Said::new("use 0 or more requests per second", "초당 0 이상의 요청 수를 쓰세요"),
            ));
        }
    }
    out
}
