//! XS101: a route sends traffic to a service that is not deployed in that
//! environment (Envoy answers 503: no healthy upstream).

use super::context::Context;
use super::{Problem, Severity};
use crate::routing::{route_rules, RuleKind};

pub fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for env in &ctx.envs {
        let deployed: Vec<&str> = env.services.iter().map(|s| s.name.as_str()).collect();
        for svc in env.services.iter().filter(|s| s.objects().is_some_and(|o| o.virtual_service.is_some())) {
            for rule in route_rules(svc.merged().expect("rendered")).iter().filter(|r| r.kind == RuleKind::Api) {
                if !deployed.contains(&rule.host.as_str()) {
                    out.push(Problem::en(
                        "XS101",
                        Severity::Error,
                        svc.values_path(),
                        format!("{}.service", rule.source),
                        format!(
                            "in {}, route {} sends traffic to `{}`, which is not deployed there",
                            env.name, rule.index, rule.host
                        ),
                        format!(
                            "deploy `{}` in {} or point the route at a service of {}",
                            rule.host, env.name, env.name
                        ),).ko(format!("{}에서 라우트 {}이(가) `{}`(으)로 트래픽을 보내지만 그 서비스는 이 환경에 배포되지 않습니다", env.name, rule.index, rule.host), format!("{}에 `{}`을(를) 배포하거나 라우트를 {}의 서비스로 돌리세요", env.name, rule.host, env.name),
                    ));
                }
            }
        }
    }
    out
}
