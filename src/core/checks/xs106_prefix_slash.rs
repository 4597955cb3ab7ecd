//! XS106: a prefix or exact path that does not start with `/` (request paths
//! always do, so it never matches).

use super::context::Context;
use super::{Problem, Severity};
use crate::core::routing::{match_path, route_rules, MatchKind};

pub fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for env in &ctx.envs {
        for svc in env.services.iter().filter(|s| s.objects().is_some_and(|o| o.virtual_service.is_some())) {
            for rule in route_rules(svc.merged().expect("rendered")) {
                let Some((kind @ (MatchKind::Prefix | MatchKind::Exact), value)) = &rule.matcher else { continue };
                if !value.starts_with('/') && seen.insert((svc.values_path(), rule.index)) {
                    out.push(Problem::new(
                        "XS106",
                        Severity::Error,
                        svc.values_path(),
                        match_path(&rule),
                        format!("{} `{value}` does not start with `/`, so no request path matches it", kind.as_str()),
                        format!("write it as `/{}`", value.trim_start_matches('/')),
                    ));
                }
            }
        }
    }
    out
}
