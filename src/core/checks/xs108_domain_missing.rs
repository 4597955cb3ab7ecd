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
                Problem::new(
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
            })
        })
        .collect()
}
