//! XS105: the same match (kind and value) appears twice among a VirtualService's
//! rules; only the first can ever match.

use super::context::Context;
use super::{Problem, Severity};
use crate::core::routing::{match_path, route_rules};

pub fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut seen_files = std::collections::BTreeSet::new();
    for env in &ctx.envs {
        for svc in env.services.iter().filter(|s| s.objects().is_some_and(|o| o.virtual_service.is_some())) {
            if !seen_files.insert(svc.values_path()) {
                continue;
            }
            let rules = route_rules(svc.merged().expect("rendered"));
            for (i, later) in rules.iter().enumerate() {
                let Some(m) = &later.matcher else { continue };
                if let Some(first) = rules[..i].iter().find(|r| r.matcher.as_ref() == Some(m)) {
                    out.push(Problem::new(
                        "XS105",
                        Severity::Warning,
                        svc.values_path(),
                        match_path(later),
                        format!("rule {} repeats the {} `{}` of rule {}", later.index, m.0.as_str(), m.1, first.index),
                        "remove the duplicate rule",
                    ));
                }
            }
        }
    }
    out
}
