//! Istio's HTTP route matching, as Envoy applies it to a VirtualService's
//! `http` rules (docs/routing.md):
//!
//! - rules are tried in order and the first that matches wins (Istio,
//!   VirtualService: "the first rule matching an incoming request is used");
//! - a rule without `match` matches every request;
//! - several entries under `match` are OR-ed; the conditions inside one entry
//!   are AND-ed (Istio, HTTPRoute.match and HTTPMatchRequest);
//! - `prefix` is a plain string prefix (Envoy RouteMatch.prefix: `/api` matches
//!   `/apix`, and `/api/` does not match `/api`), `exact` is equality (Envoy
//!   RouteMatch.path), `regex` must match the whole path (Envoy
//!   RouteMatch.safe_regex, RE2: "the entire path must match");
//! - matching is case-sensitive unless `ignoreUriCase`, which applies to exact
//!   and prefix matches only (Istio, HTTPMatchRequest.ignoreUriCase).

use regex_lite::Regex;

#[derive(Debug, Clone, PartialEq)]
pub enum UriMatch {
    Prefix(String),
    Exact(String),
    Regex(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct MatchEntry {
    pub uri: Option<UriMatch>,
    pub ignore_uri_case: bool,
}

/// One `http` rule: its match entries (empty = catch-all).
#[derive(Debug, Clone, PartialEq)]
pub struct HttpRule {
    pub matches: Vec<MatchEntry>,
}

enum Compiled {
    Any,
    Prefix(String, bool),
    Exact(String, bool),
    Regex(Result<Regex, String>),
}

/// Rules compiled once (regexes built), ready to match many paths.
pub struct Matcher {
    rules: Vec<Vec<Compiled>>,
}

/// The outcome for one path: the index of the rule that matched, and for each
/// rule tried before it, why it did not.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub rule: Option<usize>,
    /// `(rule, why in English, why in Korean)`.
    pub misses: Vec<(usize, String, String)>,
}

/// A match entry in English and in Korean (match kinds are Istio's words).
fn describe(c: &Compiled) -> (String, String) {
    let case = |i: bool, en: &'static str, ko: &'static str| if i { (en, ko) } else { ("", "") };
    match c {
        Compiled::Any => ("any path".into(), "모든 경로".into()),
        Compiled::Prefix(p, i) | Compiled::Exact(p, i) => {
            let kind = if matches!(c, Compiled::Prefix(..)) { "prefix" } else { "exact" };
            let (en, ko) = case(*i, " (any case)", " (대소문자 무시)");
            (format!("{kind} `{p}`{en}"), format!("{kind} `{p}`{ko}"))
        }
        Compiled::Regex(Ok(r)) => {
            let text = format!("regex `{}`", r.as_str().trim_start_matches("^(?:").trim_end_matches(")$"));
            (text.clone(), text)
        }
        Compiled::Regex(Err(e)) => (format!("regex that cannot be used ({e})"), format!("쓸 수 없는 정규식 ({e})")),
    }
}

impl Matcher {
    pub fn new(rules: &[HttpRule]) -> Self {
        let rules = rules
            .iter()
            .map(|r| {
                if r.matches.is_empty() {
                    return vec![Compiled::Any];
                }
                r.matches
                    .iter()
                    .map(|m| match &m.uri {
                        None => Compiled::Any,
                        Some(UriMatch::Prefix(p)) => Compiled::Prefix(fold(p, m.ignore_uri_case), m.ignore_uri_case),
                        Some(UriMatch::Exact(p)) => Compiled::Exact(fold(p, m.ignore_uri_case), m.ignore_uri_case),
                        // Anchored so that the whole path must match, as Envoy's safe_regex does.
                        Some(UriMatch::Regex(r)) => Compiled::Regex(
                            Regex::new(&format!("^(?:{r})$"))
                                .map_err(|e| e.to_string().lines().last().unwrap_or("invalid").trim().to_owned()),
                        ),
                    })
                    .collect()
            })
            .collect();
        Matcher { rules }
    }

    fn entry_matches(c: &Compiled, path: &str, lower: &str) -> bool {
        match c {
            Compiled::Any => true,
            Compiled::Prefix(p, i) => (if *i { lower } else { path }).starts_with(p.as_str()),
            Compiled::Exact(p, i) => (if *i { lower } else { path }) == p,
            Compiled::Regex(Ok(r)) => r.is_match(path),
            Compiled::Regex(Err(_)) => false,
        }
    }

    /// The first rule that matches `path` (already normalized), or None.
    pub fn first(&self, path: &str) -> Option<usize> {
        let lower = path.to_lowercase();
        self.rules.iter().position(|entries| entries.iter().any(|c| Self::entry_matches(c, path, &lower)))
    }

    /// [`Matcher::first`], with the reason each earlier rule did not match.
    pub fn explain(&self, path: &str) -> Outcome {
        let lower = path.to_lowercase();
        let mut misses = Vec::new();
        for (i, entries) in self.rules.iter().enumerate() {
            if entries.iter().any(|c| Self::entry_matches(c, path, &lower)) {
                return Outcome { rule: Some(i), misses };
            }
            let (en, ko): (Vec<String>, Vec<String>) = entries.iter().map(describe).unzip();
            misses.push((
                i,
                format!("`{path}` does not match {}", en.join(" or ")),
                format!("`{path}`은(는) {} 중 어느 것과도 맞지 않습니다", ko.join(", ")),
            ));
        }
        Outcome { rule: None, misses }
    }
}

fn fold(s: &str, ignore_case: bool) -> String {
    if ignore_case {
        s.to_lowercase()
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(m: &[UriMatch]) -> HttpRule {
        HttpRule { matches: m.iter().map(|u| MatchEntry { uri: Some(u.clone()), ignore_uri_case: false }).collect() }
    }
    fn prefix(p: &str) -> UriMatch {
        UriMatch::Prefix(p.into())
    }
    fn exact(p: &str) -> UriMatch {
        UriMatch::Exact(p.into())
    }
    fn regex(p: &str) -> UriMatch {
        UriMatch::Regex(p.into())
    }

    /// Each case: rules, path, expected rule index, and the documented
    /// behaviour it checks.
    #[test]
    fn documented_semantics() {
        let catch_all = HttpRule { matches: vec![] };
        let cases: Vec<(Vec<HttpRule>, &str, Option<usize>, &str)> = vec![
            (
                vec![rule(&[prefix("/api")])],
                "/apix",
                Some(0),
                "Envoy prefix is a plain string prefix: /api matches /apix",
            ),
            (vec![rule(&[prefix("/api/")])], "/api", None, "Envoy prefix: /api/ does not match /api"),
            (vec![rule(&[prefix("/api/")])], "/api/v1", Some(0), "prefix match"),
            (vec![rule(&[exact("/health")])], "/health/", None, "Envoy path (exact) is equality"),
            (vec![rule(&[exact("/health")])], "/health", Some(0), "exact match"),
            (vec![rule(&[regex("/v[0-9]+")])], "/v1/users", None, "Envoy safe_regex must match the entire path"),
            (vec![rule(&[regex("/v[0-9]+/.*")])], "/v1/users", Some(0), "regex matching the whole path"),
            (
                vec![rule(&[prefix("/API")])],
                "/api/x",
                None,
                "matching is case-sensitive by default (Istio StringMatch)",
            ),
            (
                vec![rule(&[prefix("/a")]), rule(&[prefix("/a/b")])],
                "/a/b",
                Some(0),
                "Istio: the first matching rule wins",
            ),
            (vec![rule(&[prefix("/x"), prefix("/y")])], "/y/1", Some(0), "Istio: match entries are OR-ed"),
            (
                vec![rule(&[prefix("/x")]), catch_all.clone()],
                "/anything",
                Some(1),
                "a rule without match catches everything",
            ),
            (vec![catch_all, rule(&[prefix("/x")])], "/x", Some(0), "rules after a catch-all are never reached"),
            (vec![rule(&[prefix("/x")])], "/y", None, "no rule matches: 404"),
        ];
        for (rules, path, want, why) in cases {
            assert_eq!(Matcher::new(&rules).first(path), want, "{why}: {path}");
        }
    }

    #[test]
    fn ignore_uri_case_applies_to_exact_and_prefix_only() {
        let m = |u: UriMatch| {
            Matcher::new(&[HttpRule { matches: vec![MatchEntry { uri: Some(u), ignore_uri_case: true }] }])
        };
        assert_eq!(m(prefix("/API/")).first("/api/x"), Some(0));
        assert_eq!(m(exact("/Health")).first("/HEALTH"), Some(0));
        assert_eq!(m(regex("/API/.*")).first("/api/x"), None, "Istio: case is ignored only for exact and prefix");
    }

    #[test]
    fn explains_each_miss() {
        let out = Matcher::new(&[rule(&[prefix("/a/")]), rule(&[exact("/b")]), rule(&[prefix("/")])]).explain("/c");
        assert_eq!(out.rule, Some(2));
        assert_eq!(out.misses.len(), 2);
        assert!(out.misses[0].1.contains("prefix `/a/`"), "{:?}", out.misses);
    }

    #[test]
    fn unusable_regexes_never_match() {
        let m = Matcher::new(&[rule(&[regex("(")]), rule(&[prefix("/")])]);
        assert_eq!(m.first("/x"), Some(1));
        assert!(m.explain("/x").misses[0].1.contains("cannot be used"));
    }
}
