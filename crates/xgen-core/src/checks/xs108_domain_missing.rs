//! XS108: an environment has a `hasDomain` service but no domain, so no Gateway
//! or VirtualService is rendered and the site cannot be reached.

use super::context::Context;
use super::{Problem, Severity};

pub fn check(ctx: &Context) -> Vec<Problem> {
    let p = &ctx.state.project;
    ctx.envs
        .iter()
        .filter(|env| p.domain_of(&env.name).is_none_or(str::is_empty))
        .flat_map(|env| {
            env.services.iter().filter(|s| s.entry.has_domain == Some(true)).map(move |s| {
                Problem::en(
                    "XS108",
                    Severity::Error,
                    ctx.project_file.clone(),
                    format!("{}.hasDomain", s.entry_path),
                    format!(
                        "`{}` has hasDomain in {}, but {} has no domain: no Gateway is rendered",
                        s.name, env.name, env.name
                    ),
                    format!("set `destinations.{}.domain`", env.name),
                )
                .ko(
                    format!(
                        "`{}`은(는) {}에서 hasDomain이지만 {}에 도메인이 없어 Gateway가 만들어지지 않습니다",
                        s.name, env.name, env.name
                    ),
                    format!("`destinations.{}.domain`을 설정하세요", env.name),
                )
            })
        })
        .collect()
}
