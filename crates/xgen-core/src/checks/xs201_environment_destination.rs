//! XS201: an environment in `environments` without a destination, or whose
//! destination has no cluster `server` (and no project-wide
//! `destination.server` stands in): its Applications render `server: null`,
//! and Argo CD refuses such an Application ("Destination server missing from
//! app spec", `ErrDestinationMissing` in argo-cd's util/argo/argo.go). No
//! default is applied: the studio does not guess a cluster
//! (docs/decisions.md). (The reverse, a destination that deploys nothing, is
//! XS211.)

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
        let dest = p.destinations.as_ref().and_then(|d| d.get(env));
        if has_fallback_server || dest.is_some_and(|d| d.server.as_deref().is_some_and(|s| !s.trim().is_empty())) {
            continue;
        }
        if dest.is_some() {
            out.push(Problem::new(
                &RULE,
                ctx.project_file.clone(),
                format!("destinations.{env}.server"),
                Said::new(
                    format!("environment `{env}` has no cluster server: Argo CD refuses its Applications (`server: null`)"),
                    format!("환경 `{env}`에 클러스터 server가 없어 Argo CD가 Application을 거부합니다 (`server: null`)"),
                ),
                Said::new(
                    format!("set `destinations.{env}.server`, e.g. `https://kubernetes.default.svc` for the cluster Argo CD runs in"),
                    format!("`destinations.{env}.server`를 정하세요. 예: Argo CD가 도는 클러스터라면 `https://kubernetes.default.svc`"),
                ),
            ));
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
