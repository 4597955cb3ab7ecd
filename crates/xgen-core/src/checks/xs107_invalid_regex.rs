//! XS107: a route regex that does not parse as RE2 (Istio rejects the
//! VirtualService). Parsed with the regex crate's parser, whose syntax is RE2's
//! (no look-around, no back-references).

use super::context::Context;
use super::{Problem, Severity};
use crate::routing::{match_path, MatchKind};
use crate::validate::re2_error;

pub fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, rules) in ctx.ingress_rule_sets() {
        for rule in rules {
            let Some((MatchKind::Regex, regex)) = &rule.matcher else { continue };
            if let Some(reason) = re2_error(regex) {
                out.push(
                    Problem::en(
                        "XS107",
                        Severity::Error,
                        file.clone(),
                        match_path(&rule),
                        format!("regex `{regex}` is not valid RE2: {reason}"),
                        "fix the regex (RE2 has no look-around or back-references)",
                    )
                    .ko(
                        format!("정규식 `{regex}`은(는) 올바른 RE2가 아닙니다: {reason}"),
                        "정규식을 고치세요 (RE2에는 전후방 탐색과 역참조가 없습니다)",
                    ),
                );
            }
        }
    }
    out
}
