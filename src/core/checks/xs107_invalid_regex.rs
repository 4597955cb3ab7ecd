//! XS107: a route regex that does not parse as RE2 (Istio rejects the
//! VirtualService). Parsed with the regex crate's parser, whose syntax is RE2's
//! (no look-around, no back-references).

use super::context::Context;
use super::{Problem, Severity};
use crate::core::routing::{match_path, route_rules, MatchKind};

pub fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for env in &ctx.envs {
        for svc in env.services.iter().filter(|s| s.objects().is_some_and(|o| o.virtual_service.is_some())) {
            for rule in route_rules(svc.merged().expect("rendered")) {
                let Some((MatchKind::Regex, regex)) = &rule.matcher else { continue };
                if let Err(e) = regex_syntax::ast::parse::Parser::new().parse(regex) {
                    if seen.insert((svc.values_path(), rule.index)) {
                        let reason = e.to_string().lines().last().unwrap_or("invalid").trim().to_owned();
                        out.push(Problem::new(
                            "XS107",
                            Severity::Error,
                            svc.values_path(),
                            match_path(&rule),
                            format!("regex `{regex}` is not valid RE2: {reason}"),
                            "fix the regex (RE2 has no look-around or back-references)",
                        ));
                    }
                }
            }
        }
    }
    out
}
