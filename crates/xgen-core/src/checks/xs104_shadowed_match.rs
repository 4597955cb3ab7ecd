//! XS104 (Istio IST0131): a regex match whose literal beginning lies under an
//! earlier prefix, so the earlier rule takes (at least some of) its requests.

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::routing::MatchKind;

pub static RULE: Rule = Rule {
    code: "XS104",
    severity: Severity::Warning,
    title: Text { key: "XS104", en: "Regex under an earlier prefix", ko: "앞선 접두사 규칙에 가려지는 정규식" },
    check,
};

/// The literal text a regex must start with (up to its first special character).
pub fn literal_start(regex: &str) -> String {
    let body = regex.strip_prefix('^').unwrap_or(regex);
    let mut out = String::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n) if "./-_~".contains(n) => out.push(n),
                _ => break,
            },
            '.' | '[' | '(' | '*' | '+' | '?' | '{' | '|' | '^' | '$' => {
                // A quantifier applies to the character before it.
                if matches!(c, '*' | '?' | '{') {
                    out.pop();
                }
                break;
            }
            c => {
                if matches!(chars.peek(), Some('*' | '?' | '{')) {
                    break;
                }
                out.push(c);
            }
        }
    }
    out
}

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, rules) in ctx.ingress_rule_sets() {
        for (i, later) in rules.iter().enumerate() {
            let Some(m) = later.matcher.as_ref().filter(|m| m.kind == MatchKind::Regex) else { continue };
            let start = literal_start(&m.value);
            let shadow = rules[..i].iter().find_map(|e| {
                let p = e.matcher.as_ref().filter(|p| p.kind == MatchKind::Prefix && !p.value.is_empty())?;
                let under = if p.ignore_case {
                    start.to_ascii_lowercase().starts_with(&p.value.to_ascii_lowercase())
                } else {
                    start.starts_with(&p.value)
                };
                under.then_some((e.index, &p.value))
            });
            let Some((index, prefix)) = shadow else { continue };
            let (regex, later_index) = (&m.value, later.index);
            out.push(Problem::new(
                &RULE,
                file.clone(),
                later.match_path(),
                Said::new(
                    format!("regex `{regex}` of rule {later_index} is shadowed by the prefix `{prefix}` of rule {index}"),
                    format!("규칙 {later_index}의 정규식 `{regex}`은(는) 규칙 {index}의 접두사 `{prefix}`에 가려집니다"),
                ),
                Said::new(
                    "put the regex rule before the prefix rule if it should win",
                    "정규식 규칙이 이겨야 한다면 접두사 규칙보다 앞에 두세요",
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::literal_start;

    #[test]
    fn literal_starts() {
        assert_eq!(literal_start("^/api/v[0-9]+/x"), "/api/v");
        assert_eq!(literal_start("/api/.*"), "/api/");
        assert_eq!(literal_start("/apis?/x"), "/api");
        assert_eq!(literal_start("/a\\.b/c"), "/a.b/c");
        assert_eq!(literal_start("(a|b)"), "");
    }
}
