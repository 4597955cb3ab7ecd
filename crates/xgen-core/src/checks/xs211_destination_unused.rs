//! XS211: a destination with no environment of its own and no top-level
//! `services`: nothing deploys there, which is easy to miss.

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};

pub static RULE: Rule = Rule {
    code: "XS211",
    severity: Severity::Warning,
    title: Text { key: "XS211", en: "Destination that deploys nothing", ko: "아무것도 배포하지 않는 destination" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let p = &ctx.state.project;
    let mut out = Vec::new();
    for env in p.destinations.iter().flat_map(|d| d.keys()) {
        let has_env = p.environments.as_ref().is_some_and(|e| e.get(env).is_some());
        if has_env || p.services.is_some() {
            continue;
        }
        out.push(Problem::new(
            &RULE,
            ctx.project_file.clone(),
            format!("destinations.{env}"),
            Said::new(
                format!("destination `{env}` has no environment and there is no top-level `services`: nothing deploys there"),
                format!("destination `{env}`에 해당하는 환경이 없고 최상위 `services`도 없어 아무것도 배포되지 않습니다"),
            ),
            Said::new(
                format!("add `environments.{env}.services`, or remove the destination"),
                format!("`environments.{env}.services`를 추가하거나 destination을 삭제하세요"),
            ),
        ));
    }
    out
}
