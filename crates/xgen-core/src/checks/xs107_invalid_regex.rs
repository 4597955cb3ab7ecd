//! XS107: a route regex that RE2 refuses as Envoy compiles it, or that
//! Istio's validation refuses (Go's `regexp`, at most 1024 bytes): the
//! VirtualService is not applied. Judged by `validate::re2_error`, which
//! compiles the pattern exactly as the simulator does, so a regex is either
//! refused here or used there, never both.

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::routing::MatchKind;
use crate::validate::re2_error;

pub static RULE: Rule = Rule {
    code: "XS107",
    severity: Severity::Error,
    title: Text { key: "XS107", en: "Regex Envoy or Istio refuses", ko: "Envoy나 Istio가 거부하는 정규식" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, rules) in ctx.ingress_rule_sets() {
        for rule in rules {
            let Some(m) = rule.matcher.as_ref().filter(|m| m.kind == MatchKind::Regex) else { continue };
            let Some(reason) = re2_error(&m.value) else { continue };
            let regex = &m.value;
            out.push(Problem::new(
                &RULE,
                file.clone(),
                rule.match_path(),
                Said::new(
                    format!("regex `{regex}` cannot route: {}", reason.en()),
                    format!("정규식 `{regex}`(으)로는 라우팅할 수 없습니다: {}", reason.ko()),
                ),
                Said::new(
                    "fix the regex (RE2 has no look-around or back-references)",
                    "정규식을 고치세요 (RE2에는 전후방 탐색과 역참조가 없습니다)",
                ),
            ));
        }
    }
    out
}
