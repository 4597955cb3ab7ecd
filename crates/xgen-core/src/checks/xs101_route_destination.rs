//! XS101: a route sends traffic to a service that is not deployed in that
//! environment (Envoy answers 503: no healthy upstream).

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::routing::RuleKind;

pub static RULE: Rule = Rule {
    code: "XS101",
    severity: Severity::Error,
    title: Text {
        key: "XS101",
        en: "Route to a service not deployed here",
        ko: "이 환경에 배포되지 않은 서비스로 가는 라우트",
    },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for env in &ctx.envs {
        let deployed: Vec<&str> = env.services.iter().map(|s| s.name.as_str()).collect();
        for svc in &env.services {
            let Some(objects) = svc.objects() else { continue };
            for rule in objects.routes.iter().filter(|r| r.kind == RuleKind::Api) {
                if deployed.contains(&rule.host.as_str()) {
                    continue;
                }
                let (env, index, host) = (env.name, rule.index, &rule.host);
                out.push(Problem::new(
                    &RULE,
                    svc.values_path(),
                    format!("{}.service", rule.source),
                    Said::new(
                        format!("in {env}, rule {index} sends traffic to `{host}`, which is not deployed there"),
                        format!("{env}에서 규칙 {index}이(가) `{host}`(으)로 트래픽을 보내지만 그 서비스는 이 환경에 배포되지 않습니다"),
                    ),
                    Said::new(
                        format!("deploy `{host}` in {env} or point the route at a service of {env}"),
                        format!("{env}에 `{host}`을(를) 배포하거나 라우트를 {env}의 서비스로 돌리세요"),
                    ),
                ));
            }
        }
    }
    out
}
