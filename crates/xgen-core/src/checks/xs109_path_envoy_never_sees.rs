//! XS109: a prefix or exact path no request can match, because Envoy
//! compares the path only after the client has percent-encoded it and
//! Envoy has normalized it (docs/routing.md, "What Envoy matches"). A
//! written `/café/` is sent as `/caf%C3%A9/`; `/%61pi/` is decoded to
//! `/api/`; `/a/../b` is resolved to `/b`; `\` becomes `/`. Such a rule
//! stays in the route table and silently never answers.
//!
//! The test is the normalization itself: an exact path is reachable when
//! normalizing it changes nothing; a prefix when some normalized path still
//! starts with it, and `prefix + "x"` is such a path whenever one exists
//! (the added letter closes no escape, dot segment or `;` form).

use super::{Context, Problem, Rule, Severity};
use crate::i18n::{Said, Text};
use crate::routing::MatchKind;
use crate::simulator::url::{encode_as_sent, envoy_path};

pub static RULE: Rule = Rule {
    code: "XS109",
    severity: Severity::Error,
    title: Text { key: "XS109", en: "Path Envoy never sees", ko: "Envoy가 받을 수 없는 경로" },
    check,
};

fn same(a: &str, b: &str, ignore_case: bool) -> bool {
    if ignore_case {
        a.eq_ignore_ascii_case(b)
    } else {
        a == b
    }
}

/// None when a request can match; else the value as Envoy would see it.
fn as_envoy_sees(kind: MatchKind, value: &str, ignore_case: bool) -> Option<Option<String>> {
    let reachable = match kind {
        MatchKind::Exact => envoy_path(value.as_bytes()).is_ok_and(|n| same(&n, value, ignore_case)),
        _ => envoy_path(format!("{value}x").as_bytes())
            .is_ok_and(|n| n.get(..value.len()).is_some_and(|head| same(head, value, ignore_case))),
    };
    if reachable {
        return None;
    }
    // What to write instead: the value as a browser sends it, normalized.
    let sent = encode_as_sent(value);
    let fixed = match kind {
        MatchKind::Exact => envoy_path(sent.as_bytes()).ok(),
        _ => envoy_path(format!("{sent}x").as_bytes()).ok().and_then(|n| n.strip_suffix('x').map(str::to_owned)),
    };
    Some(fixed.filter(|f| f != value))
}

fn check(ctx: &Context) -> Vec<Problem> {
    let mut out = Vec::new();
    for (file, rules) in ctx.ingress_rule_sets() {
        for rule in rules {
            let Some(m) = rule.matcher.as_ref().filter(|m| m.kind != MatchKind::Regex) else { continue };
            // Without a leading `/` it is XS106's.
            if !m.value.starts_with('/') {
                continue;
            }
            let Some(fixed) = as_envoy_sees(m.kind, &m.value, m.ignore_case) else { continue };
            let (kind, value) = (m.kind.as_str(), &m.value);
            let hint = match &fixed {
                Some(f) => Said::new(
                    format!("write it as Envoy sees it: `{f}`"),
                    format!("Envoy가 보는 형태인 `{f}`로 쓰세요"),
                ),
                None => Said::new(
                    "write the path with ASCII characters only, percent-encoding the rest",
                    "ASCII 문자만 쓰고 나머지는 퍼센트 인코딩하세요",
                ),
            };
            out.push(Problem::new(
                &RULE,
                file.clone(),
                rule.match_path(),
                Said::new(
                    format!("{kind} `{value}` never matches: Envoy matches the encoded, normalized path, and no request path has this form"),
                    format!("{kind} `{value}`은(는) 매치되지 않습니다: Envoy는 인코딩되고 정규화된 경로로 매칭하므로 이 형태의 요청 경로는 없습니다"),
                ),
                hint,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(kind: MatchKind, v: &str) -> Option<Option<String>> {
        as_envoy_sees(kind, v, false)
    }

    #[test]
    fn paths_envoy_sees_as_written_are_reachable() {
        for v in ["/", "/api/", "/api", "/a/.", "/a/..", "/a%2Fb/", "/a//b", "/caf%C3%A9/", "/a%2", "/x;y", "/api/."] {
            assert_eq!(verdict(MatchKind::Prefix, v), None, "prefix {v}");
        }
        for v in ["/", "/healthz", "/a%2Fb", "/caf%C3%A9", "/a//b"] {
            assert_eq!(verdict(MatchKind::Exact, v), None, "exact {v}");
        }
    }

    #[test]
    fn paths_envoy_rewrites_are_unreachable_with_the_form_to_write() {
        let fix = |k, v| verdict(k, v).expect(v);
        assert_eq!(fix(MatchKind::Prefix, "/café/"), Some("/caf%C3%A9/".into()));
        assert_eq!(fix(MatchKind::Prefix, "/%61pi/"), Some("/api/".into()));
        assert_eq!(fix(MatchKind::Prefix, "/a/../b/"), Some("/b/".into()));
        assert_eq!(fix(MatchKind::Prefix, "/a\\b"), Some("/a/b".into()));
        assert_eq!(fix(MatchKind::Prefix, "/static/..;/api"), Some("/api".into()));
        assert_eq!(fix(MatchKind::Exact, "/a/."), Some("/a/".into()));
        assert_eq!(fix(MatchKind::Exact, "/a b"), Some("/a%20b".into()));
        assert_eq!(fix(MatchKind::Exact, "/%7e"), Some("/~".into()));
    }

    #[test]
    fn case_is_compared_as_the_rule_says() {
        assert_eq!(as_envoy_sees(MatchKind::Prefix, "/API/", true), None);
        assert!(as_envoy_sees(MatchKind::Prefix, "/%41PI/", true).is_some());
    }
}
