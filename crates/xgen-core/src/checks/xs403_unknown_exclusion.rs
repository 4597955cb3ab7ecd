//! XS403: the latency rule excludes a service the project does not have (a
//! typo lets that service's latency alert fire after all).

use super::alerts::{per_env, FILE};
use super::context::Context;
use super::{Problem, Severity};

pub fn check(ctx: &Context) -> Vec<Problem> {
    let known: Vec<&str> = ctx.envs.iter().flat_map(|e| e.services.iter().map(|s| s.name.as_str())).collect();
    let Some((_, a)) = per_env(ctx).into_iter().next() else { return Vec::new() };
    let Some(rule) = a.rules.iter().find(|r| r.id == "highLatency") else { return Vec::new() };
    rule.exclude
        .iter()
        .enumerate()
        .filter(|(_, name)| !known.contains(&name.as_str()))
        .map(|(i, name)| {
            Problem::en(
                "XS403",
                Severity::Warning,
                FILE,
                format!("alerts.rules.highLatency.exclude[{i}]"),
                format!("the latency rule excludes `{}`, which no environment deploys", name.escape_debug()),
                "pick the service from the project's services, or remove it",
            )
            .ko(
                format!("지연 시간 규칙이 어느 환경에도 배포되지 않는 `{}`을(를) 제외합니다", name.escape_debug()),
                "프로젝트의 서비스 중에서 고르거나 삭제하세요",
            )
        })
        .collect()
}
