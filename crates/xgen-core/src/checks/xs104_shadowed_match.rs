//! XS104 (Istio IST0131): a regex match whose literal beginning lies under an
//! earlier prefix, so the earlier rule takes (at least some of) its requests.

use super::context::Context;
use super::{Problem, Severity};
use crate::routing::{match_path, MatchKind};

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

pub fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, rules) in ctx.ingress_rule_sets() {
        for (i, later) in rules.iter().enumerate() {
            let Some((MatchKind::Regex, regex)) = &later.matcher else { continue };
            let start = literal_start(regex);
            let shadow = rules[..i].iter().find_map(|e| match &e.matcher {
                Some((MatchKind::Prefix, p)) if !p.is_empty() && start.starts_with(p.as_str()) => Some((e.index, p)),
                _ => None,
            });
            if let Some((index, prefix)) = shadow {
                out.push(
                    Problem::en(
                        "XS104",
                        Severity::Warning,
                        file.clone(),
                        match_path(later),
                        format!(
                            "regex `{regex}` of rule {} is shadowed by the prefix `{prefix}` of rule {index}",
                            later.index
                        ),
                        "put the regex rule before the prefix rule if it should win",
                    )
                    .ko(
                        format!(
                            "규칙 {}의 정규식 `{regex}`은(는) 규칙 {index}의 접두사 `{prefix}`에 가려집니다",
                            later.index
                        ),
                        "정규식 규칙이 이겨야 한다면 접두사 규칙보다 앞에 두세요",
                    ),
                );
            }
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
