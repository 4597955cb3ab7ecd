//! XS105: the same match (kind and value) appears twice among a VirtualService's
//! rules; only the first can ever match.

use super::context::Context;
use super::{Problem, Severity};
use crate::routing::match_path;

pub fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, rules) in ctx.ingress_rule_sets() {
        for (i, later) in rules.iter().enumerate() {
            let Some(m) = &later.matcher else { continue };
            if let Some(first) = rules[..i].iter().find(|r| r.matcher.as_ref() == Some(m)) {
                out.push(
                    Problem::en(
                        "XS105",
                        Severity::Warning,
                        file.clone(),
                        match_path(later),
                        format!("rule {} repeats the {} `{}` of rule {}", later.index, m.0.as_str(), m.1, first.index),
                        "remove the duplicate rule",
                    )
                    .ko(
                        format!(
                            "규칙 {}이(가) 규칙 {}의 {} `{}`을(를) 반복합니다",
                            later.index,
                            first.index,
                            m.0.as_str(),
                            m.1
                        ),
                        "중복된 규칙을 삭제하세요",
                    ),
                );
            }
        }
    }
    out
}
