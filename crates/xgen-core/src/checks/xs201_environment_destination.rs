//! XS201: an environment in `environments` without a destination (Argo CD has no
//! cluster to deploy it to), or a destination with no environment of its own
//! (it deploys the top-level `services`, which is easy to miss).

use super::{Korean, Problem, Severity};
use crate::bundle::project_path;

pub fn check(ctx: &super::Context) -> Vec<Problem> {
    let state = ctx.state;
    let p = &state.project;
    let file = project_path(&state.site);
    let mut out = Vec::new();
    let has_fallback_server = p.destination.as_ref().is_some_and(|d| d.server.is_some());
    for env in p.environments.iter().flat_map(|e| e.keys()) {
        let has_dest = p.destinations.as_ref().is_some_and(|d| d.get(env).is_some());
        if !has_dest && !has_fallback_server {
            out.push(Problem {
                code: "XS201",
                severity: Severity::Error,
                file: file.clone(),
                path: format!("environments.{env}"),
                message: format!("environment `{env}` has no destination: its Applications have no cluster"),
                hint: format!("add `destinations.{env}.server` (and `domain`), or remove the environment"),
                ko: Korean::new(
                    format!("환경 `{env}`에 destination이 없어 Application을 배포할 클러스터가 없습니다"),
                    format!("`destinations.{env}.server`(와 `domain`)를 추가하거나 환경을 삭제하세요"),
                ),
            });
        }
    }
    for env in p.destinations.iter().flat_map(|d| d.keys()) {
        let has_env = p.environments.as_ref().is_some_and(|e| e.get(env).is_some());
        if !has_env && p.services.is_none() {
            out.push(Problem {
                code: "XS201",
                severity: Severity::Warning,
                file: file.clone(),
                path: format!("destinations.{env}"),
                message: format!("destination `{env}` has no environment and there is no top-level `services`: nothing deploys there"),
                hint: format!("add `environments.{env}.services`, or remove the destination"),
                ko: Korean::new(format!("destination `{env}`에 해당하는 환경이 없고 최상위 `services`도 없어 아무것도 배포되지 않습니다"), format!("`environments.{env}.services`를 추가하거나 destination을 삭제하세요")),
            });
        }
    }
    out
}
