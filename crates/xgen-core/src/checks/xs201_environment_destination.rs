//! XS201: an environment in `environments` without a destination: Argo CD has
//! no cluster to deploy its Applications to. (The reverse, a destination that
//! deploys nothing, is XS211.)

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};

pub static RULE: Rule = Rule {
    code: "XS201",
    severity: Severity::Error,
    title: Text { key: "XS201", en: "Environment without a destination", ko: "destination이 없는 환경" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let p = &ctx.state.project;
    let has_fallback_server = p.destination.as_ref().is_some_and(|d| d.server.is_some());
    let mut out = Vec::new();
    for env in p.environments.iter().flat_map(|e| e.keys()) {
        let has_dest = p.destinations.as_ref().is_some_and(|d| d.get(env).is_some());
        if has_dest || has_fallback_server {
            continue;
        }
        out.push(Problem::new(
            &RULE,
            ctx.project_file.clone(),
            format!("environments.{env}"),
            Said::new(
                format!("environment `{env}` has no destination: its Applications have no cluster"),
                format!("환경 `{env}`에 destination이 없어 Application을 배포할 클러스터가 없습니다"),
            ),
            Said::new(
                format!("add `destinations.{env}.server` (and `domain`), or remove the environment"),
                format!("`destinations.{env}.server`(와 `domain`)를 추가하거나 환경을 삭제하세요"),
            ),
        ));
    }
    out
}
