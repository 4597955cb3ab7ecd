//! XS302: a traffic-policy percentage outside 0..100.

use super::traffic_policy::{fields, policies};
use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};

pub static RULE: Rule = Rule {
    code: "XS302",
    severity: Severity::Error,
    title: Text { key: "XS302", en: "Percentage outside 0–100", ko: "0–100을 벗어난 비율" },
    check,
};

const PERCENT_KEYS: &[&str] = &["maxEjectionPercent", "minHealthPercent"];

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, policy) in policies(ctx) {
        for (path, key, value) in fields(policy) {
            if !PERCENT_KEYS.contains(&key.as_str()) || value.as_f64().is_some_and(|p| (0.0..=100.0).contains(&p)) {
                continue;
            }
            out.push(Problem::new(
                &RULE,
                file.clone(),
                path,
                Said::new(
                    format!("`{key}` must be a percentage from 0 to 100"),
                    format!("`{key}`은(는) 0에서 100 사이의 비율이어야 합니다"),
                ),
                Said::new("use a whole number from 0 to 100", "0에서 100 사이의 정수를 쓰세요"),
            ));
        }
    }
    out
}
