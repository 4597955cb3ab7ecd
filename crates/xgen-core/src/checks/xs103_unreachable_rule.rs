//! XS103 (Istio IST0130): a rule that never matches because an earlier rule
//! catches every request it would: an earlier catch-all, or an earlier prefix
//! that every path of this prefix or exact match starts with. (Identical
//! matches are XS105; regex matches are judged by XS104.)

use super::context::Context;
use super::{Problem, Severity};
use crate::routing::{match_path, MatchKind, RuleKind};

pub fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, rules) in ctx.ingress_rule_sets() {
        for (i, later) in rules.iter().enumerate().filter(|(_, r)| r.kind != RuleKind::Default) {
            let Some((kind, value)) = &later.matcher else { continue };
            if *kind == MatchKind::Regex {
                continue;
            }
            let catcher = rules[..i].iter().find(|earlier| match &earlier.matcher {
                None => true,
                Some((MatchKind::Prefix, p)) => {
                    value.starts_with(p.as_str()) && !(p == value && *kind == MatchKind::Prefix)
                }
                _ => false,
            });
            if let Some(earlier) = catcher {
                out.push(Problem::en(
                    "XS103",
                    Severity::Error,
                    file.clone(),
                    match_path(later),
                    format!(
                        "rule {} ({} `{}`) is never reached: rule {} ({}) catches all its requests",
                        later.index,
                        kind.as_str(),
                        value,
                        earlier.index,
                        earlier.matcher.as_ref().map_or("catch-all".into(), |(k, v)| format!("{} `{v}`", k.as_str()))
                    ),
                    "move the more specific rule above the broader one, or remove it",).ko(format!("규칙 {} ({} `{}`)에는 요청이 닿지 않습니다: 규칙 {} ({})이(가) 그 요청을 모두 먼저 받습니다", later.index, kind.as_str(), value, earlier.index, earlier.matcher.as_ref().map_or("전체 매치".into(), |(k, v)| format!("{} `{v}`", k.as_str()))), "더 구체적인 규칙을 넓은 규칙 위로 옮기거나 삭제하세요",
                ));
            }
        }
    }
    out
}
