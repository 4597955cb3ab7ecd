//! XS401: an alert threshold out of range: a percentage outside 0..100, a
//! negative count, latency or request rate.

use super::alerts::{per_env, FILE};
use super::context::Context;
use super::{Problem, Severity};

pub fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    // Thresholds are the same in every environment: the first one tells.
    let Some((_, alerts)) = per_env(ctx).into_iter().next() else { return out };
    for r in &alerts.rules {
        let (ok, rule) = match r.id {
            "highMemory" | "highErrorRate" => ((0.0..=100.0).contains(&r.threshold), "a percentage from 0 to 100"),
            "podRestarts" => (r.threshold >= 1.0, "at least 1 restart"),
            "highLatency" => (r.threshold > 0.0, "more than 0 ms"),
            _ => (true, ""),
        };
        if !ok {
            out.push(Problem::new(
                "XS401",
                Severity::Error,
                FILE,
                format!("alerts.rules.{}.threshold", r.id),
                format!("{}: threshold {} is out of range", r.title, r.threshold),
                format!("use {rule}"),
            ));
        }
        if r.min_request_rate < 0.0 {
            out.push(Problem::new(
                "XS401",
                Severity::Error,
                FILE,
                format!("alerts.rules.{}.minRequestRate", r.id),
                format!("{}: the minimum request rate cannot be negative", r.title),
                "use 0 or more requests per second",
            ));
        }
    }
    out
}
