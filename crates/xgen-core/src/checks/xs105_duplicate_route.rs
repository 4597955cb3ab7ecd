//! XS105: the same match (kind, value and case) appears twice among a
//! VirtualService's rules; only the first can ever match.

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};

pub static RULE: Rule = Rule {
    code: "XS105",
    severity: Severity::Warning,
    title: Text { key: "XS105", en: "Same match twice", ko: "같은 매치가 두 번" },
    check,
};

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, rules) in ctx.ingress_rule_sets() {
        for (i, later) in rules.iter().enumerate() {
            let Some(m) = &later.matcher else { continue };
            let Some(first) = rules[..i].iter().find(|r| r.matcher.as_ref() == Some(m)) else { continue };
            let (later_index, kind, value, first_index) = (later.index, m.kind.as_str(), &m.value, first.index);
            out.push(Problem::new(
                &RULE,
                file.clone(),
                later.match_path(),
                Said::new(
                    format!("rule {later_index} repeats the {kind} `{value}` of rule {first_index}"),
                    format!("규칙 {later_index}이(가) 규칙 {first_index}의 {kind} `{value}`을(를) 반복합니다"),
                ),
                Said::new("remove the duplicate rule", "중복된 규칙을 삭제하세요"),
            ));
        }
    }
    out
}
