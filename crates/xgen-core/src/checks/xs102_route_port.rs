//! XS102: a route's port differs from the port the destination service listens
//! on in that environment (the connection is refused).

use super::context::Context;
use super::{Problem, Severity};
use crate::render::helm_values::{at, print};
use crate::routing::{route_rules, RuleKind};

pub fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for env in &ctx.envs {
        for svc in env.services.iter().filter(|s| s.objects().is_some_and(|o| o.virtual_service.is_some())) {
            for rule in route_rules(svc.merged().expect("rendered")).iter().filter(|r| r.kind == RuleKind::Api) {
                let Some(dest) = env.services.iter().find(|s| s.name == rule.host) else { continue };
                let Some(dest_port) = dest.merged().and_then(|m| at(m, &["port"])) else { continue };
                if rule.port != dest_port.as_f64() {
                    let (env, index, host) = (&env.name, rule.index, &rule.host);
                    let listens = print(Some(dest_port));
                    let port = |none: &str| rule.port.map_or(none.to_owned(), |p| p.to_string());
                    out.push(
                        Problem::en(
                            "XS102",
                            Severity::Error,
                            svc.values_path(),
                            format!("{}.port", rule.source),
                            format!(
                                "in {env}, route {index} uses port {} but `{host}` listens on {listens}",
                                port("(none)")
                            ),
                            format!("set the route's port to {listens}"),
                        )
                        .ko(
                            format!(
                                "{env}에서 라우트 {index}의 포트는 {}이지만 `{host}`은(는) {listens} 포트에서 받습니다",
                                port("(없음)")
                            ),
                            format!("라우트 포트를 {listens}(으)로 바꾸세요"),
                        ),
                    );
                }
            }
        }
    }
    out
}
