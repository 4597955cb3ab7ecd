//! XS102: a route's port differs from the port the destination service listens
//! on in that environment (the connection is refused).

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::render::helm_values::print;
use crate::routing::RuleKind;

pub static RULE: Rule = Rule {
    code: "XS102",
    severity: Severity::Error,
    title: Text { key: "XS102", en: "Route port differs from the service's port", ko: "서비스 포트와 다른 라우트 포트" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for env in &ctx.envs {
        for svc in &env.services {
            let Some(objects) = svc.objects() else { continue };
            for rule in objects.routes.iter().filter(|r| r.kind == RuleKind::Api) {
                let Some(dest) = env.services.iter().find(|s| s.name == rule.host) else { continue };
                let Some(dest_port) = dest.merged().and_then(|m| m.at(&["port"])) else { continue };
                if rule.port == dest_port.as_f64() {
                    continue;
                }
                let (env, index, host) = (env.name, rule.index, &rule.host);
                let listens = print(Some(dest_port));
                let port = |none: &str| rule.port.map_or(none.to_owned(), |p| p.to_string());
                out.push(Problem::new(
                    &RULE,
                    svc.values_path(),
                    format!("{}.port", rule.source),
                    Said::new(
                        format!("in {env}, rule {index} uses port {} but `{host}` listens on {listens}", port("(none)")),
                        format!(
                            "{env}에서 규칙 {index}의 포트는 {}이지만 `{host}`은(는) {listens} 포트에서 받습니다",
                            port("(없음)")
                        ),
                    ),
                    Said::new(
                        format!("set the route's port to {listens}"),
                        format!("라우트 포트를 {listens}(으)로 바꾸세요"),
                    ),
                ));
            }
        }
    }
    out
}
