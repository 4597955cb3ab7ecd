//! XS403: the latency rule excludes a service the project does not have (a
//! typo lets that service's latency alert fire after all).

use super::alerts::{per_env, FILE};
use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};

pub static RULE: Rule = Rule {
    code: "XS403",
    severity: Severity::Warning,
    title: Text { key: "XS403", en: "Excluded service does not exist", ko: "존재하지 않는 제외 서비스" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let known: Vec<&str> = ctx.envs.iter().flat_map(|e| e.services.iter().map(|s| s.name.as_str())).collect();
    let Some((_, a)) = per_env(ctx).into_iter().next() else { return Vec::new() };
    let Some(rule) = a.rules.iter().find(|r| r.id == "highLatency") else { return Vec::new() };
    let mut out = Vec::new();
    for (i, name) in rule.exclude.iter().enumerate().filter(|(_, name)| !known.contains(&name.as_str())) {
        let shown = name.escape_debug();
        out.push(Problem::new(
            &RULE,
            FILE,
            format!("alerts.rules.highLatency.exclude[{i}]"),
            Said::new(
                format!("the latency rule excludes `{shown}`, which no environment deploys"),
                format!("지연 시간 규칙이 어느 환경에도 배포되지 않는 `{shown}`을(를) 제외합니다"),
            ),
            Said::new(
                "pick the service from the project's services, or remove it",
                "프로젝트의 서비스 중에서 고르거나 삭제하세요",
            ),
        ));
    }
    out
}
