//! XS214: `environments.<env>.services: []` beside a top-level `services`
//! list. The root chart reads the environment's list with sprig's `default`,
//! which takes an empty list for no list, so the environment deploys every
//! top-level service instead of none (docs/rendering.md, "Helm's value
//! semantics").

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};

pub static RULE: Rule = Rule {
    code: "XS214",
    severity: Severity::Warning,
    title: Text {
        key: "XS214",
        en: "an empty service list that `default` replaces",
        ko: "`default`가 대신하는 빈 서비스 목록",
    },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let p = &ctx.state.project;
    let shared = p.services.as_deref().unwrap_or(&[]);
    if shared.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (env, e) in p.environments.iter().flat_map(|e| e.iter()) {
        if e.services.as_ref().is_some_and(Vec::is_empty) {
            out.push(Problem::new(
                &RULE,
                ctx.project_file.clone(),
                format!("environments.{env}.services"),
                Said::new(
                    format!(
                        "`services: []` in {env} is empty, and Helm's `default` takes an empty list for none: {env} \
                         deploys the {} top-level services",
                        shared.len()
                    ),
                    format!(
                        "{env}의 `services: []`는 비어 있고, Helm의 `default`는 빈 목록을 없는 것으로 봅니다: {env}에 \
                         최상위 서비스 {}개가 배포됩니다",
                        shared.len()
                    ),
                ),
                Said::new(
                    format!("to deploy nothing to {env}, remove it from `destinations` and `environments`; to deploy the top-level services, delete the empty list"),
                    format!("{env}에 아무것도 배포하지 않으려면 `destinations`와 `environments`에서 지우고, 최상위 서비스를 배포하려면 빈 목록을 지우세요"),
                ),
            ));
        }
    }
    out
}
