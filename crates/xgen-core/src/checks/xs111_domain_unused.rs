//! XS111: an environment has a domain but none of its services receives it
//! (`hasDomain`), so no Gateway serves the host: every request to it is a
//! 404 at the ingress gateway, and nothing else says so.

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};

pub static RULE: Rule = Rule {
    code: "XS111",
    severity: Severity::Warning,
    title: Text { key: "XS111", en: "Domain that no service receives", ko: "어떤 서비스도 받지 않는 도메인" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let p = &ctx.state.project;
    let mut out = Vec::new();
    for env in &ctx.envs {
        // Only a domain of the environment's own: the older top-level
        // `domain` is a fallback every environment shares.
        let Some(domain) = p.destinations.as_ref().and_then(|d| d.get(env.name)).and_then(|d| d.domain.as_deref())
        else {
            continue;
        };
        if domain.is_empty() || env.services.iter().any(|s| s.entry.has_domain == Some(true)) {
            continue;
        }
        let name = env.name;
        // The service that receives the domain elsewhere, if one does and is
        // deployed here.
        let elsewhere = env
            .services
            .iter()
            .find(|s| {
                ctx.envs.iter().filter(|o| o.name != name).any(|o| {
                    o.services.iter().any(|other| other.name == s.name && other.entry.has_domain == Some(true))
                })
            })
            .map(|s| s.name.clone());
        let hint = match elsewhere {
            Some(service) => Said::new(
                format!("turn on “Receives the domain” (`hasDomain: true`) for `{service}` in {name}, as in the other environments"),
                format!("{name}의 `{service}`에 “도메인 받기”(`hasDomain: true`)를 켜세요 (다른 환경과 같이)"),
            ),
            None => Said::new(
                format!("turn on “Receives the domain” (`hasDomain: true`) for the service that answers the site in {name}, usually `xgen-frontend`, or clear the domain"),
                format!("{name}에서 사이트를 받는 서비스(보통 `xgen-frontend`)에 “도메인 받기”(`hasDomain: true`)를 켜거나 도메인을 지우세요"),
            ),
        };
        out.push(Problem::new(
            &RULE,
            ctx.project_file.clone(),
            format!("destinations.{name}.domain"),
            Said::new(
                format!("{name}'s domain `{domain}` reaches no service: no service of {name} has hasDomain, so no Gateway serves the host and every request to it is a 404"),
                format!("{name}의 도메인 `{domain}`이(가) 어떤 서비스에도 닿지 않습니다: {name}에 hasDomain인 서비스가 없어 그 호스트를 받는 Gateway가 없고, 모든 요청이 404가 됩니다"),
            ),
            hint,
        ));
    }
    out
}
