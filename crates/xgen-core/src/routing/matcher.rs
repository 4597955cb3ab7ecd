//! Istio's HTTP route matching, as Envoy applies it to a VirtualService's
//! `http` rules (docs/routing.md):
//!
//! - rules are tried in order and the first that matches wins (Istio,
//!   VirtualService: "the first rule matching an incoming request is used");
//! - a rule without `match` matches every request (istiod gives it the
//!   Envoy match `prefix: /`);
//! - several entries under `match` are OR-ed; the conditions inside one entry
//!   are AND-ed (Istio, HTTPRoute.match and HTTPMatchRequest);
//! - `prefix` is a plain string prefix (Envoy RouteMatch.prefix: `/api` matches
//!   `/apix`, and `/api/` does not match `/api`), `exact` is equality (Envoy
//!   RouteMatch.path), `regex` is RE2 and must match the whole path (Envoy
//!   RouteMatch.safe_regex, `RE2::FullMatch`; see [`super::re2`]); all three
//!   see the normalized path without its query;
//! - matching is case-sensitive unless `ignoreUriCase` (istiod:
//!   `case_sensitive: false`), which Envoy applies to exact and prefix
//!   matches, comparing ASCII letters without case; it ignores it for regexes;
//! - a VirtualService with a regex that Istio's validation refuses is not
//!   applied at all, and one with a regex Envoy refuses is never taken into
//!   the gateway's routes: [`Matcher::refusal`] carries that verdict
//!   ([`re2::verdict`]), and the route table leaves the VirtualService out.

use crate::i18n::Said;
use crate::routing::re2::{self, dfa::Dfa, Refusal};
use crate::routing::{MatchKind, RouteRule, UriMatch};

enum Compiled {
    Any,
    Prefix(String, bool),
    Exact(String, bool),
    Regex { pattern: String, compiled: Result<Box<Dfa>, String> },
}

/// Rules compiled once (regexes built), ready to match many paths.
pub struct Matcher {
    rules: Vec<Compiled>,
    refusal: Option<RuleRefusal>,
}

/// Why the VirtualService these rules come from is refused as a whole: the
/// first rule whose regex is refused, and who refuses it.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleRefusal {
    /// Index of the rule in the VirtualService's `http` list.
    pub rule: usize,
    pub regex: String,
    pub refusal: Refusal,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "Matcher({} rules)", self.rules.len())
    }
}

/// The outcome for one path: the index of the rule that matched, and for each
/// rule tried before it, why it did not.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub rule: Option<usize>,
    pub misses: Vec<(usize, Said)>,
}

/// A match in English and in Korean (match kinds are Istio's words).
fn describe(c: &Compiled) -> (String, String) {
    let case = |i: bool, en: &'static str, ko: &'static str| if i { (en, ko) } else { ("", "") };
    match c {
        Compiled::Any => ("any path".into(), "모든 경로".into()),
        Compiled::Prefix(p, i) | Compiled::Exact(p, i) => {
            let kind = if matches!(c, Compiled::Prefix(..)) { "prefix" } else { "exact" };
            let (en, ko) = case(*i, " (any case)", " (대소문자 무시)");
            (format!("{kind} `{p}`{en}"), format!("{kind} `{p}`{ko}"))
        }
        Compiled::Regex { pattern, compiled: Ok(_) } => (format!("regex `{pattern}`"), format!("정규식 `{pattern}`")),
        Compiled::Regex { pattern, compiled: Err(e) } => {
            (format!("regex `{pattern}`, which is refused ({e})"), format!("거부되는 정규식 `{pattern}` ({e})"))
        }
    }
}

/// RE2's program for a pattern, ready to match paths, or why Istio or
/// Envoy refuses it ([`re2::verdict`]).
pub fn compile_regex(pattern: &str) -> Result<Box<Dfa>, String> {
    if let Some(refusal) = re2::verdict(pattern) {
        return Err(refusal.reason().en().to_owned());
    }
    re2::matcher(pattern).map(Box::new).ok_or_else(|| "RE2 cannot compile it".to_owned())
}

fn compile(m: Option<&UriMatch>) -> Compiled {
    let Some(m) = m else { return Compiled::Any };
    match m.kind {
        MatchKind::Prefix => Compiled::Prefix(fold(&m.value, m.ignore_case), m.ignore_case),
        MatchKind::Exact => Compiled::Exact(fold(&m.value, m.ignore_case), m.ignore_case),
        MatchKind::Regex => Compiled::Regex { pattern: m.value.clone(), compiled: compile_regex(&m.value) },
    }
}

fn refusal(rules: &[RouteRule]) -> Option<RuleRefusal> {
    let regexes = || {
        rules.iter().enumerate().filter_map(|(i, r)| {
            let m = r.matcher.as_ref().filter(|m| m.kind == MatchKind::Regex)?;
            Some((i, m.value.as_str()))
        })
    };
    let verdicts: Vec<(usize, &str, Refusal)> =
        regexes().filter_map(|(i, v)| re2::verdict(v).map(|r| (i, v, r))).collect();
    let emitted = rules.iter().position(|r| is_catch_all(r.matcher.as_ref())).unwrap_or(rules.len());
    let istio = verdicts.iter().find(|(_, _, r)| matches!(r, Refusal::Istio(_)));
    let envoy = verdicts.iter().find(|(i, _, r)| matches!(r, Refusal::Envoy(_)) && *i <= emitted);
    istio.or(envoy).map(|(i, v, r)| RuleRefusal { rule: *i, regex: (*v).to_owned(), refusal: r.clone() })
}

/// Istio's IsCatchAllRoute (route.go): the Envoy route takes every path, so
/// istiod emits nothing after it in its VirtualService and moves it after
/// the other VirtualServices' routes of the same host.
pub fn is_catch_all(m: Option<&UriMatch>) -> bool {
    match m {
        None => true,
        Some(m) => match m.kind {
            MatchKind::Prefix => m.value == "/",
            MatchKind::Regex => m.value == ".*",
            MatchKind::Exact => false,
        },
    }
}

impl Matcher {
    pub fn new(rules: &[RouteRule]) -> Self {
        Matcher { rules: rules.iter().map(|r| compile(r.matcher.as_ref())).collect(), refusal: refusal(rules) }
    }

    /// Why the whole VirtualService is refused, or None: Istio's validation
    /// checks every rule; Envoy sees only the routes istiod emits, which end
    /// at the first catch-all.
    pub fn refusal(&self) -> Option<&RuleRefusal> {
        self.refusal.as_ref()
    }

    fn matches(c: &Compiled, path: &str, lower: &str) -> bool {
        match c {
            Compiled::Any => true,
            Compiled::Prefix(p, i) => (if *i { lower } else { path }).starts_with(p.as_str()),
            Compiled::Exact(p, i) => (if *i { lower } else { path }) == p,
            Compiled::Regex { compiled: Ok(r), .. } => r.full_match(path.as_bytes()),
            Compiled::Regex { compiled: Err(_), .. } => false,
        }
    }

    /// Whether rule `i` matches `path` (normalized, without query).
    pub fn rule_matches(&self, i: usize, path: &str) -> bool {
        Self::matches(&self.rules[i], path, &path.to_ascii_lowercase())
    }

    /// Why rule `i` does not match `path`.
    pub fn miss(&self, i: usize, path: &str) -> Said {
        let (en, ko) = describe(&self.rules[i]);
        Said::new(format!("`{path}` does not match {en}"), format!("`{path}`은(는) {ko}와(과) 맞지 않습니다"))
    }

    /// The first rule that matches `path` (already normalized), or None.
    pub fn first(&self, path: &str) -> Option<usize> {
        let lower = path.to_ascii_lowercase();
        self.rules.iter().position(|c| Self::matches(c, path, &lower))
    }

    /// [`Matcher::first`], with the reason each earlier rule did not match.
    pub fn explain(&self, path: &str) -> Outcome {
        let lower = path.to_ascii_lowercase();
        let mut misses = Vec::new();
        for (i, c) in self.rules.iter().enumerate() {
            if Self::matches(c, path, &lower) {
                return Outcome { rule: Some(i), misses };
            }
            misses.push((i, self.miss(i, path)));
        }
        Outcome { rule: None, misses }
    }
}

/// Envoy compares without case by ASCII letters only (absl::StartsWithIgnoreCase).
fn fold(s: &str, ignore_case: bool) -> String {
    if ignore_case {
        s.to_ascii_lowercase()
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routing::RuleKind;

    fn rule(kind: Option<(MatchKind, &str)>, ignore_case: bool) -> RouteRule {
        RouteRule {
            index: 0,
            kind: if kind.is_some() { RuleKind::Api } else { RuleKind::Default },
            source: String::new(),
            matcher: kind.map(|(kind, v)| UriMatch { kind, value: v.into(), ignore_case }),
            host: "svc".into(),
            port: Some(80.0),
        }
    }
    fn prefix(p: &str) -> RouteRule {
        rule(Some((MatchKind::Prefix, p)), false)
    }
    fn exact(p: &str) -> RouteRule {
        rule(Some((MatchKind::Exact, p)), false)
    }
    fn regex(p: &str) -> RouteRule {
        rule(Some((MatchKind::Regex, p)), false)
    }

    /// Each case: rules, path, expected rule index, and the documented
    /// behaviour it checks.
    #[test]
    fn documented_semantics() {
        let catch_all = rule(None, false);
        let cases: Vec<(Vec<RouteRule>, &str, Option<usize>, &str)> = vec![
            (vec![prefix("/api")], "/apix", Some(0), "Envoy prefix is a plain string prefix: /api matches /apix"),
            (vec![prefix("/api/")], "/api", None, "Envoy prefix: /api/ does not match /api"),
            (vec![prefix("/api/")], "/api/v1", Some(0), "prefix match"),
            (vec![exact("/health")], "/health/", None, "Envoy path (exact) is equality"),
            (vec![exact("/health")], "/health", Some(0), "exact match"),
            (vec![regex("/v[0-9]+")], "/v1/users", None, "Envoy safe_regex must match the entire path"),
            (vec![regex("/v[0-9]+/.*")], "/v1/users", Some(0), "regex matching the whole path"),
            (vec![prefix("/API")], "/api/x", None, "matching is case-sensitive by default (Istio StringMatch)"),
            (vec![prefix("/a"), prefix("/a/b")], "/a/b", Some(0), "Istio: the first matching rule wins"),
            (vec![prefix("/x"), catch_all.clone()], "/anything", Some(1), "a rule without match catches everything"),
            (vec![catch_all, prefix("/x")], "/x", Some(0), "rules after a catch-all are never reached"),
            (vec![prefix("/x")], "/y", None, "no rule matches: 404"),
        ];
        for (rules, path, want, why) in cases {
            assert_eq!(Matcher::new(&rules).first(path), want, "{why}: {path}");
        }
    }

    #[test]
    fn ignore_uri_case_applies_to_exact_and_prefix_only() {
        let m = |kind, v| Matcher::new(&[rule(Some((kind, v)), true)]);
        assert_eq!(m(MatchKind::Prefix, "/API/").first("/api/x"), Some(0));
        assert_eq!(m(MatchKind::Exact, "/Health").first("/HEALTH"), Some(0));
        assert_eq!(
            m(MatchKind::Regex, "/API/.*").first("/api/x"),
            None,
            "Envoy: case_sensitive is ignored for safe_regex"
        );
    }

    #[test]
    fn explains_each_miss() {
        let out = Matcher::new(&[prefix("/a/"), exact("/b"), prefix("/")]).explain("/c");
        assert_eq!(out.rule, Some(2));
        assert_eq!(out.misses.len(), 2);
        assert!(out.misses[0].1.en().contains("prefix `/a/`"), "{:?}", out.misses);
    }

    #[test]
    fn refused_regexes_never_match() {
        let m = Matcher::new(&[regex("("), prefix("/")]);
        assert_eq!(m.first("/x"), Some(1));
        assert!(m.explain("/x").misses[0].1.en().contains("which is refused"));
        assert_eq!(m.refusal().map(|r| r.rule), Some(0));
    }

    #[test]
    fn the_verdict_covers_the_whole_virtual_service() {
        let m = Matcher::new(&[prefix("/a"), regex("(")]);
        let r = m.refusal().expect("Istio refuses a regex Go cannot read");
        assert_eq!(r.rule, 1);
        assert!(matches!(r.refusal, Refusal::Istio(_)));
        let huge = &format!("/{}", "(.*){999}".repeat(9));
        let m = Matcher::new(&[regex(huge), prefix("/")]);
        let r = m.refusal().expect("Envoy refuses a program this large");
        assert!(matches!(&r.refusal, Refusal::Envoy(s) if s.en().contains("35969 instructions")), "{r:?}");
        let m = Matcher::new(&[prefix("/"), regex(huge)]);
        assert!(m.refusal().is_none(), "istiod emits nothing after a catch-all: Envoy never sees the regex");
        let m = Matcher::new(&[prefix("/"), regex("")]);
        assert!(m.refusal().is_some(), "Istio's validation reads every rule");
    }

    #[test]
    fn re2_unicode_classes_route() {
        let m = Matcher::new(&[regex(r"/u/\pL+"), prefix("/")]);
        assert_eq!(m.first("/u/abc"), Some(0));
        assert_eq!(m.first("/u/%C3%A9"), Some(1), "an encoded letter is not a letter to Envoy");
    }

    #[test]
    fn ignore_case_folds_ascii_only() {
        let m = Matcher::new(&[rule(Some((MatchKind::Prefix, "/CAFÉ")), true)]);
        assert_eq!(m.first("/café"), None, "Envoy folds ASCII letters only");
        let m = Matcher::new(&[rule(Some((MatchKind::Prefix, "/caf%C3%A9")), true)]);
        assert_eq!(m.first("/CAF%c3%a9/x"), Some(0));
    }

    #[test]
    fn catch_alls_as_istio_counts_them() {
        let m = |kind, v: &str| UriMatch { kind, value: v.into(), ignore_case: false };
        assert!(is_catch_all(None));
        assert!(is_catch_all(Some(&m(MatchKind::Prefix, "/"))));
        assert!(is_catch_all(Some(&m(MatchKind::Regex, ".*"))));
        assert!(!is_catch_all(Some(&m(MatchKind::Regex, "/.*"))));
        assert!(!is_catch_all(Some(&m(MatchKind::Exact, "/"))));
    }
}
