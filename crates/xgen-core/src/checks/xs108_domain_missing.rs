//! XS108: an environment has a `hasDomain` service but no domain, so no Gateway
//! or VirtualService is rendered and the site cannot be reached.

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};

pub static RULE: Rule = Rule {
    code: "XS108",
    severity: Severity::Error,
    title: Text { key: "XS108", en: "hasDomain service without a domain", ko: "도메인 없는 hasDomain 서비스" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let p = &ctx.state.project;
    let mut out = Vec::new();
    for env in ctx.envs.iter().filter(|env| p.domain_of(env.name).is_none_or(str::is_empty)) {
        for s in env.services.iter().filter(|s| s.entry.has_domain == Some(true)) {
            let (name, env) = (&s.name, env.name);
            out.push(Problem::new(
                &RULE,
                ctx.project_file.clone(),
                format!("{}.hasDomain", s.entry_path),
                Said::new(
                    format!("`{name}` has hasDomain in {env}, but {env} has no domain: no Gateway is rendered"),
                    format!("`{name}`은(는) {env}에서 hasDomain이지만 {env}에 도메인이 없어 Gateway가 만들어지지 않습니다"),
                ),
                Said::new(
                    format!("set `destinations.{env}.domain`"),
                    format!("`destinations.{env}.domain`을 설정하세요"),
                ),
            ));
        }
    }
    out
}
