//! XS102: a route's port differs from the port the destination service listens
//! on in that environment (the connection is refused).

use super::context::Context;
use super::{Problem, Severity};
use crate::core::render::helm_values::{at, print};
use crate::core::routing::{route_rules, RuleKind};

pub fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for env in &ctx.envs {
        for svc in env.services.iter().filter(|s| s.objects().is_some_and(|o| o.virtual_service.is_some())) {
            for rule in route_rules(svc.merged().expect("rendered")).iter().filter(|r| r.kind == RuleKind::Api) {
                let Some(dest) = env.services.iter().find(|s| s.name == rule.host) else { continue };
                let Some(dest_port) = dest.merged().and_then(|m| at(m, &["port"])) else { continue };
                if rule.port != dest_port.as_f64() {
                    out.push(
                        Problem::en(
                            "XS102",
                            Severity::Error,
                            svc.values_path(),
                            format!("{}.port", rule.source),
                            format!(
                                "in {}, route {} uses port {} but `{}` listens on {}",
                                env.name,
                                rule.index,
                                rule.port.map_or("(none)".into(), |p| p.to_string()),
                                rule.host,
                                print(Some(dest_port))
                            ),
                            format!("set the route's port to {}", print(Some(dest_port))),
                        )
                        .ko(
                            format!(
                                "{}에서 라우트 {}의 포트는 {}이지만 `{}`은(는) {} 포트에서 받습니다",
                                env.name,
                                rule.index,
                                rule.port.map_or("(없음)".into(), |p| p.to_string()),
                                rule.host,
                                print(Some(dest_port))
                            ),
                            format!("라우트 포트를 {}(으)로 바꾸세요", print(Some(dest_port))),
                        ),
                    );
                }
            }
        }
    }
    out
}
