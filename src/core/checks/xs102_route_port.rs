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
                    out.push(Problem::new(
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
                    ));
                }
            }
        }
    }
    out
}
