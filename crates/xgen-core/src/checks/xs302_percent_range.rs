//! XS302: a traffic-policy percentage outside 0..100.

use super::context::Context;
use super::traffic_policy::{fields, policies};
use super::{Problem, Severity};

const PERCENT_KEYS: &[&str] = &["maxEjectionPercent", "minHealthPercent"];

pub fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, policy) in policies(ctx) {
        for (path, key, value) in fields(&policy) {
            if !PERCENT_KEYS.contains(&key.as_str()) {
                continue;
            }
            if !value.as_f64().is_some_and(|p| (0.0..=100.0).contains(&p)) {
                out.push(
                    Problem::en(
                        "XS302",
                        Severity::Error,
                        file.clone(),
                        path,
                        format!("`{key}` must be a percentage from 0 to 100"),
                        "use a whole number from 0 to 100",
                    )
                    .ko(format!("`{key}`은(는) 0에서 100 사이의 비율이어야 합니다"), "0에서 100 사이의 정수를 쓰세요"),
                );
            }
        }
    }
    out
}
