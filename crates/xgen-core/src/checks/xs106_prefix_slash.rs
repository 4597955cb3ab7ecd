//! XS106: a prefix or exact path that does not start with `/` (request paths
//! always do, so it never matches).

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::routing::MatchKind;

pub static RULE: Rule = Rule {
    code: "XS106",
    severity: Severity::Error,
    title: Text { key: "XS106", en: "Path that does not start with /", ko: "/로 시작하지 않는 경로" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, rules) in ctx.ingress_rule_sets() {
        for rule in rules {
            let Some(m) = rule.matcher.as_ref().filter(|m| m.kind != MatchKind::Regex) else { continue };
            if m.value.starts_with('/') {
                continue;
            }
            let (kind, value) = (m.kind.as_str(), &m.value);
            let fixed = value.trim_start_matches('/');
            out.push(Problem::new(
                &RULE,
                file.clone(),
                rule.match_path(),
                Said::new(
                    format!("{kind} `{value}` does not start with `/`, so no request path matches it"),
                    format!("{kind} `{value}`이(가) `/`로 시작하지 않아 어떤 요청 경로와도 맞지 않습니다"),
                ),
                Said::new(format!("write it as `/{fixed}`"), format!("`/{fixed}`처럼 쓰세요")),
            ));
        }
    }
    out
}
