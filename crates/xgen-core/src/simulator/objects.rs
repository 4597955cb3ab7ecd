//! The rules of an imported VirtualService (docs/routing.md, "The whole
//! gateway"), compiled for matching as istiod translates them for Envoy
//! (`pilot/pkg/networking/core/route/route.go`): one Envoy route per
//! `match` entry (`BuildHTTPRoutesForVirtualService`), its conditions those
//! of `TranslateRouteMatch`, and the action of its rule. A `delegate` rule
//! is replaced by the child's rules, each entry merged with the parent's as
//! `mergeHTTPMatchRequest` (pilot/pkg/model/virtualservice.go) merges them.

use crate::i18n::Said;
use crate::model::istio::{HttpMatch, HttpRoute, StringMatch, VirtualServiceObject};
use crate::routing::matcher::{compile_regex, Matcher};
use crate::routing::re2::{self, dfa::Dfa, Refusal};
use crate::routing::{MatchKind, RouteRule, RuleKind, UriMatch};
use std::collections::BTreeMap;

/// What a request brings besides its URL.
#[derive(Debug, Clone, Default)]
pub struct Extra<'r> {
    /// `GET` when empty.
    pub method: &'r str,
    /// Header names as given; compared without case.
    pub headers: &'r [(String, String)],
}

/// A string condition, as Envoy's `StringMatcher` or `present_match`.
enum Cond {
    Present,
    Exact(String),
    Prefix(String),
    Regex(String, Result<Box<Dfa>, String>),
}

impl Cond {
    fn new(m: &StringMatch) -> Cond {
        // istiod's canBeConvertedToPresentMatch: no match type, or regex `*`.
        match (&m.exact, &m.prefix, &m.regex) {
            (Some(e), ..) => Cond::Exact(e.clone()),
            (_, Some(p), _) => Cond::Prefix(p.clone()),
            (.., Some(r)) if r == "*" => Cond::Present,
            (.., Some(r)) => Cond::Regex(r.clone(), compile_regex(r)),
            _ => Cond::Present,
        }
    }
    fn matches(&self, value: Option<&str>) -> bool {
        match (self, value) {
            (_, None) => false,
            (Cond::Present, Some(_)) => true,
            (Cond::Exact(e), Some(v)) => v == e,
            (Cond::Prefix(p), Some(v)) => v.starts_with(p.as_str()),
            (Cond::Regex(_, Ok(r)), Some(v)) => r.full_match(v.as_bytes()),
            (Cond::Regex(_, Err(_)), Some(_)) => false,
        }
    }
    fn describe(&self) -> String {
        match self {
            Cond::Present => "present".into(),
            Cond::Exact(e) => format!("exact `{e}`"),
            Cond::Prefix(p) => format!("prefix `{p}`"),
            Cond::Regex(r, _) => format!("regex `{r}`"),
        }
    }
}

/// Where a condition looks.
#[derive(Debug, Clone, PartialEq)]
enum Target {
    /// A header, lower-cased; `:method`, `:authority` and `:scheme` too.
    Header(String),
    Query(String),
}

struct Check {
    target: Target,
    cond: Cond,
    /// `withoutHeaders`: the header must not match (a missing header
    /// counts as empty, unless the condition is a presence match).
    invert: bool,
}

/// `resolveGatewayName` (pilot/pkg/model/config.go): `name` is
/// `<namespace>/name`, `./name` too; the legacy `name.ns.svc…` is `ns/name`.
pub fn resolve_gateway(gateway: &str, namespace: &str) -> String {
    match gateway.split_once('/') {
        Some((".", name)) => format!("{namespace}/{name}"),
        Some(_) => gateway.to_owned(),
        None => match gateway.split_once('.') {
            None => format!("{namespace}/{gateway}"),
            Some((name, rest)) => format!("{}/{name}", rest.split('.').next().unwrap_or(rest)),
        },
    }
}

/// One Envoy route: an entry of a rule (or of a delegate's rule).
pub struct Entry {
    /// The index into the VirtualService's uri [`Matcher`].
    uri: usize,
    checks: Vec<Check>,
    /// istiod's `IsCatchAllRoute`: prefix `/` or regex `.*`, and no
    /// header or query condition.
    pub catch_all: bool,
    /// `match[].gateways`, resolved: the entry is only for these gateways
    /// (`sourceMatchHTTP`, route.go); empty, for every one.
    pub gateways: Vec<String>,
}

impl Entry {
    /// The entry's conditions besides the uri, in the order they are
    /// checked, each as `name kind value` (`:method exact POST`,
    /// `?v exact 2` for a query parameter, `not` for `withoutHeaders`):
    /// what the rule list shows.
    pub fn conditions(&self) -> Vec<String> {
        self.checks
            .iter()
            .map(|c| {
                let what = match &c.target {
                    Target::Header(n) => n.clone(),
                    Target::Query(n) => format!("?{n}"),
                };
                let not = if c.invert { "not " } else { "" };
                let cond = match &c.cond {
                    Cond::Present => "present".to_owned(),
                    Cond::Exact(v) => format!("exact {v}"),
                    Cond::Prefix(v) => format!("prefix {v}"),
                    Cond::Regex(v, _) => format!("regex {v}"),
                };
                format!("{what} {not}{cond}")
            })
            .collect()
    }

    /// Whether every request this entry's conditions besides the uri let
    /// through is let through by `earlier`'s too: each condition of
    /// `earlier` is implied by one of this entry's on the same header or
    /// query parameter (the same condition; a presence match by any
    /// condition; a prefix by an exact value or a longer prefix it
    /// starts). A regex or a `withoutHeaders` condition is implied only by
    /// the same one: beyond that it cannot be decided here (docs/checks.md,
    /// XS117).
    pub fn conditions_imply(&self, earlier: &Entry) -> bool {
        earlier.checks.iter().all(|e| {
            self.checks.iter().any(|l| {
                l.target == e.target
                    && l.invert == e.invert
                    && match (&e.cond, &l.cond) {
                        (Cond::Present, Cond::Present) => true,
                        (Cond::Present, _) => !e.invert,
                        (Cond::Exact(a), Cond::Exact(b)) => a == b,
                        (Cond::Prefix(p), Cond::Prefix(q)) => p == q || !e.invert && q.starts_with(p.as_str()),
                        (Cond::Prefix(p), Cond::Exact(v)) => !e.invert && v.starts_with(p.as_str()),
                        (Cond::Regex(a, _), Cond::Regex(b, _)) => a == b,
                        _ => false,
                    }
            })
        })
    }

    /// Whether istiod emits this entry's route for gateway `key` (`ns/name`).
    pub fn for_gateway(&self, key: &str) -> bool {
        self.gateways.is_empty() || self.gateways.iter().any(|g| g == key)
    }
}

/// One rule of the VirtualService as routed: its own, or a delegate's
/// rule merged with the parent's.
pub struct Rule<'a> {
    /// The VirtualService the rule is written in (`ns/name`): the child's
    /// for a delegate.
    pub namespace: String,
    pub name: String,
    /// The rule's index in that VirtualService's `http`.
    pub index: usize,
    pub http: &'a HttpRoute,
    /// The parent's rule for a delegate: its actions fill what the child leaves.
    pub parent: Option<&'a HttpRoute>,
    pub entries: Vec<Entry>,
}

/// An imported VirtualService compiled for matching.
pub struct Compiled<'a> {
    pub rules: Vec<Rule<'a>>,
    uri: Matcher,
    uris: Vec<RouteRule>,
    /// Why Istio's validation or Envoy refuses it, if they do: the rule
    /// of the first refused regex, the regex, and who refuses it.
    pub refusal: Option<(usize, String, Refusal)>,
    /// Notes on how istiod reads it (a missing delegate, a conflict).
    pub notes: Vec<Said>,
}

fn uri_match(m: &HttpMatch) -> Option<UriMatch> {
    let uri = m.uri.as_ref()?;
    let ignore_case = m.ignore_uri_case.unwrap_or(false);
    let (kind, value) = match (&uri.exact, &uri.prefix, &uri.regex) {
        (Some(e), ..) => (MatchKind::Exact, e),
        (_, Some(p), _) => (MatchKind::Prefix, p),
        (.., Some(r)) => (MatchKind::Regex, r),
        _ => return None,
    };
    Some(UriMatch { kind, value: value.clone(), ignore_case })
}

fn checks(m: &HttpMatch) -> Vec<Check> {
    let mut out = Vec::new();
    let header = |name: &str| Target::Header(name.to_ascii_lowercase());
    for (name, s) in m.headers.iter().flatten() {
        out.push(Check { target: header(name), cond: Cond::new(s), invert: false });
    }
    for (name, s) in m.without_headers.iter().flatten() {
        out.push(Check { target: header(name), cond: Cond::new(s), invert: true });
    }
    for (name, s) in [(":method", &m.method), (":authority", &m.authority), (":scheme", &m.scheme)] {
        if let Some(s) = s {
            out.push(Check { target: header(name), cond: Cond::new(s), invert: false });
        }
    }
    for (name, s) in m.query_params.iter().flatten() {
        out.push(Check { target: Target::Query(name.clone()), cond: Cond::new(s), invert: false });
    }
    out
}

/// istiod's `mergeHTTPMatchRequest`: the child's entry, with what it
/// leaves unset taken from the parent's, maps merged (the child wins).
fn merge(root: &HttpMatch, child: &HttpMatch) -> HttpMatch {
    let mut out = child.clone();
    out.uri = out.uri.or_else(|| root.uri.clone());
    out.scheme = out.scheme.or_else(|| root.scheme.clone());
    out.method = out.method.or_else(|| root.method.clone());
    out.authority = out.authority.or_else(|| root.authority.clone());
    let maps = |a: &Option<BTreeMap<String, StringMatch>>, b: &Option<BTreeMap<String, StringMatch>>| {
        let mut m = a.clone().unwrap_or_default();
        m.extend(b.clone().unwrap_or_default());
        (!m.is_empty()).then_some(m)
    };
    out.headers = maps(&root.headers, &child.headers);
    out.without_headers = maps(&root.without_headers, &child.without_headers);
    out.query_params = maps(&root.query_params, &child.query_params);
    out.port = out.port.or(root.port);
    out.ignore_uri_case = out.ignore_uri_case.or(root.ignore_uri_case);
    out
}

/// istiod's `hasConflict` (virtualservice.go), for the uri: a child's
/// entry must stay within the parent's. Conservative: a differing exact
/// or a prefix outside the parent's prefix conflicts; regexes are taken
/// as they come.
fn conflicts(root: &HttpMatch, child: &HttpMatch) -> bool {
    let (Some(r), Some(c)) = (uri_match(root), uri_match(child)) else { return false };
    match (r.kind, c.kind) {
        (MatchKind::Prefix, MatchKind::Prefix | MatchKind::Exact) => !c.value.starts_with(&r.value),
        (MatchKind::Exact, MatchKind::Exact) => c.value != r.value,
        (MatchKind::Exact, MatchKind::Prefix) => true,
        _ => false,
    }
}

fn namespace_of(vs: &VirtualServiceObject) -> &str {
    vs.metadata.as_ref().and_then(|m| m.namespace.as_deref()).filter(|n| !n.is_empty()).unwrap_or("default")
}

fn name_of(vs: &VirtualServiceObject) -> &str {
    vs.metadata.as_ref().and_then(|m| m.name.as_deref()).unwrap_or("")
}

/// Compiles `vs` for the gateway's port 80; `find` looks up a delegate.
pub fn compile<'a>(
    vs: &'a VirtualServiceObject,
    find: &dyn Fn(&str, &str) -> Option<&'a VirtualServiceObject>,
) -> Compiled<'a> {
    let mut rules = Vec::new();
    let mut notes = Vec::new();
    let mut uris: Vec<RouteRule> = Vec::new();
    let (ns, name) = (namespace_of(vs), name_of(vs));
    let http = vs.spec.as_ref().and_then(|s| s.http.as_ref()).map_or(&[][..], Vec::as_slice);
    let make = |ms: &[HttpMatch], uris: &mut Vec<RouteRule>| -> (Vec<Entry>, bool) {
        let mut entries = Vec::new();
        if ms.is_empty() {
            uris.push(synthetic(uris.len(), None));
            entries.push(Entry { uri: uris.len() - 1, checks: Vec::new(), catch_all: true, gateways: Vec::new() });
            return (entries, true);
        }
        for m in ms {
            // BuildHTTPRoutesForVirtualService builds the routes of one
            // listener port: an entry for another port is left out.
            if m.port.is_some_and(|p| p != 80) {
                continue;
            }
            let uri = uri_match(m);
            let checks = checks(m);
            let catch_all = checks.is_empty() && crate::routing::matcher::is_catch_all(uri.as_ref());
            uris.push(synthetic(uris.len(), uri));
            let gateways: Vec<String> = m.gateways.iter().flatten().map(|g| resolve_gateway(g, ns)).collect();
            // A catch-all for some gateways only (`match[].gateways`) ends
            // the routes of those gateways, not of the others: istiod skips
            // an entry for another gateway (`sourceMatchHTTP`) before it
            // looks for a catch-all (BuildHTTPRoutesForVirtualService), so
            // the route table cuts there per gateway (`gateway::route_table`).
            let scoped = !gateways.is_empty();
            entries.push(Entry { uri: uris.len() - 1, checks, catch_all, gateways });
            if catch_all && !scoped {
                return (entries, true);
            }
        }
        (entries, false)
    };
    'rules: for (index, rule) in http.iter().enumerate() {
        let own = rule.matches.as_deref().unwrap_or_default();
        if let Some(d) = &rule.delegate {
            let child_ns = d.namespace.as_deref().filter(|n| !n.is_empty()).unwrap_or(ns);
            let child_name = d.name.as_deref().unwrap_or("");
            let Some(child) = find(child_ns, child_name) else {
                notes.push(Said::new(
                    format!("{ns}/{name} rule {index} delegates to {child_ns}/{child_name}, which is not among the objects: istiod routes nothing for it"),
                    format!("{ns}/{name} 규칙 {index}은(는) {child_ns}/{child_name}에 위임하지만 그런 객체가 없어 istiod는 이 규칙으로 라우팅하지 않습니다"),
                ));
                continue;
            };
            let child_http = child.spec.as_ref().and_then(|s| s.http.as_ref()).map_or(&[][..], Vec::as_slice);
            for (ci, c) in child_http.iter().enumerate() {
                if c.delegate.is_some() {
                    notes.push(Said::new(
                        format!("{child_ns}/{child_name} rule {ci} delegates again: Istio allows one level, so it is left out"),
                        format!("{child_ns}/{child_name} 규칙 {ci}은(는) 다시 위임합니다: Istio는 한 단계만 허용하므로 제외됩니다"),
                    ));
                    continue;
                }
                let theirs = c.matches.as_deref().unwrap_or_default();
                let merged: Vec<HttpMatch> = match (own.is_empty(), theirs.is_empty()) {
                    (true, _) => theirs.to_vec(),
                    (false, true) => own.to_vec(),
                    (false, false) => {
                        let mut out = Vec::new();
                        for t in theirs {
                            let found: Vec<HttpMatch> =
                                own.iter().filter(|o| !conflicts(o, t)).map(|o| merge(o, t)).collect();
                            if found.is_empty() {
                                out.clear();
                                break;
                            }
                            out.extend(found);
                        }
                        if out.is_empty() {
                            notes.push(Said::new(
                                format!("{child_ns}/{child_name} rule {ci} conflicts with the match of {ns}/{name} rule {index}: istiod leaves it out"),
                                format!("{child_ns}/{child_name} 규칙 {ci}은(는) {ns}/{name} 규칙 {index}의 match와 충돌해 istiod가 제외합니다"),
                            ));
                            continue;
                        }
                        out
                    }
                };
                let (entries, catch_all) = make(&merged, &mut uris);
                rules.push(Rule {
                    namespace: child_ns.to_owned(),
                    name: child_name.to_owned(),
                    index: ci,
                    http: c,
                    parent: Some(rule),
                    entries,
                });
                if catch_all {
                    break 'rules;
                }
            }
            continue;
        }
        let (entries, catch_all) = make(own, &mut uris);
        rules.push(Rule { namespace: ns.to_owned(), name: name.to_owned(), index, http: rule, parent: None, entries });
        if catch_all {
            break;
        }
    }
    let refusal = refusal(vs);
    Compiled { uri: Matcher::new(&uris), uris, rules, refusal, notes }
}

fn synthetic(index: usize, matcher: Option<UriMatch>) -> RouteRule {
    let kind = if matcher.is_some() { RuleKind::Api } else { RuleKind::Default };
    RouteRule { index, kind, source: String::new(), matcher, host: String::new(), port: None }
}

/// Istio's validation reads every regex of the VirtualService (a refusal
/// refuses it whole); Envoy, those of the routes istiod emits.
fn refusal<'a>(vs: &'a VirtualServiceObject) -> Option<(usize, String, Refusal)> {
    let mut regexes: Vec<(usize, &'a str)> = Vec::new();
    for (i, rule) in vs.spec.iter().flat_map(|s| s.http.iter().flatten()).enumerate() {
        let mut add = |m: &'a StringMatch| {
            if let Some(r) = m.regex.as_deref().filter(|r| *r != "*") {
                regexes.push((i, r))
            }
        };
        for m in rule.matches.iter().flatten() {
            [&m.uri, &m.scheme, &m.method, &m.authority].into_iter().flatten().for_each(&mut add);
            for map in [&m.headers, &m.without_headers, &m.query_params].into_iter().flatten() {
                map.values().for_each(&mut add);
            }
        }
        if let Some(rr) = rule.rewrite.as_ref().and_then(|r| r.uri_regex_rewrite.as_ref()) {
            regexes.push((i, rr.pattern.as_deref().unwrap_or("")));
        }
    }
    let mut verdicts: Vec<(usize, String, Refusal)> = rewrite_refusals(vs);
    verdicts.extend(regexes.into_iter().filter_map(|(i, r)| re2::verdict(r).map(|v| (i, r.to_owned(), v))));
    let istio = verdicts.iter().find(|(_, _, v)| matches!(v, Refusal::Istio(_)));
    istio.or(verdicts.first()).cloned()
}

/// Istio's validation of a rewrite (`validateHTTPRewrite`): `uri` and
/// `uriRegexRewrite` together, or a `uriRegexRewrite` without both its
/// `match` and its `rewrite`, refuse the VirtualService.
fn rewrite_refusals(vs: &VirtualServiceObject) -> Vec<(usize, String, Refusal)> {
    let mut out = Vec::new();
    for (i, rule) in vs.spec.iter().flat_map(|s| s.http.iter().flatten()).enumerate() {
        let Some(rw) = &rule.rewrite else { continue };
        let Some(rr) = &rw.uri_regex_rewrite else { continue };
        let pattern = rr.pattern.clone().unwrap_or_default();
        let why = if rw.uri.as_deref().is_some_and(|u| !u.is_empty()) {
            Said::new(
                "a rewrite may hold only one of uri and uriRegexRewrite",
                "rewrite에는 uri와 uriRegexRewrite 중 하나만 둘 수 있습니다",
            )
        } else if pattern.is_empty() || rr.rewrite.as_deref().unwrap_or("").is_empty() {
            Said::new(
                "uriRegexRewrite needs both match and rewrite",
                "uriRegexRewrite에는 match와 rewrite가 모두 필요합니다",
            )
        } else {
            continue;
        };
        out.push((i, pattern, Refusal::Istio(why)));
    }
    out
}

impl Compiled<'_> {
    /// The uri match of an entry: its kind and value.
    pub fn uri_of(&self, entry: &Entry) -> Option<(MatchKind, &str)> {
        self.uri_match(entry).map(|m| (m.kind, m.value.as_str()))
    }

    /// The uri match of an entry, whole (with `ignoreUriCase`).
    pub fn uri_match(&self, entry: &Entry) -> Option<&UriMatch> {
        self.uris.get(entry.uri).and_then(|r| r.matcher.as_ref())
    }
}

/// Why an entry did not match, or None when it matches.
pub fn miss(c: &Compiled, entry: &Entry, path: &str, req: &super::url::Request, extra: &Extra) -> Option<Said> {
    if !c.uri.rule_matches(entry.uri, path) {
        return Some(c.uri.miss(entry.uri, path));
    }
    let method = if extra.method.is_empty() { "GET" } else { extra.method };
    let header = |name: &str| -> Option<String> {
        match name {
            ":method" => Some(method.to_owned()),
            ":authority" => Some(req.authority.clone()),
            ":scheme" => Some(req.scheme.clone()),
            "host" => Some(req.authority.clone()),
            _ => {
                let values: Vec<&str> = extra
                    .headers
                    .iter()
                    .filter(|(n, _)| n.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.as_str())
                    .collect();
                (!values.is_empty()).then(|| values.join(","))
            }
        }
    };
    for check in &entry.checks {
        let (what, what_ko, value) = match &check.target {
            Target::Header(n) => (format!("header `{n}`"), format!("헤더 `{n}`"), header(n)),
            Target::Query(n) => {
                (format!("query parameter `{n}`"), format!("쿼리 매개변수 `{n}`"), query_value(req.query.as_deref(), n))
            }
        };
        let hit = if check.invert {
            // withoutHeaders: Envoy inverts; a missing header is empty
            // unless the condition is a presence match.
            let value = match (&check.cond, value.as_deref()) {
                (Cond::Present, v) => v.map(str::to_owned),
                (_, v) => Some(v.unwrap_or("").to_owned()),
            };
            !check.cond.matches(value.as_deref())
        } else {
            check.cond.matches(value.as_deref())
        };
        if !hit {
            let shown = value.as_deref().map_or("missing".to_owned(), |v| format!("`{v}`"));
            let shown_ko = value.as_deref().map_or("없음".to_owned(), |v| format!("`{v}`"));
            let cond = check.cond.describe();
            let (en, ko) = if check.invert {
                (
                    format!("{what} ({shown}) must not match {cond}"),
                    format!("{what_ko}({shown_ko})은(는) {cond}와(과) 맞으면 안 됩니다"),
                )
            } else {
                (
                    format!("{what} ({shown}) does not match {cond}"),
                    format!("{what_ko}({shown_ko})은(는) {cond}와(과) 맞지 않습니다"),
                )
            };
            return Some(Said::new(en, ko));
        }
    }
    None
}

/// The first value of a query parameter, as Envoy's
/// `QueryParamsMulti::parseQueryString` reads it (not decoded; a name
/// without `=` has the empty value).
fn query_value(query: Option<&str>, name: &str) -> Option<String> {
    query?.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == name).then(|| v.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::istio::{IstioObject, ObjectsFile};

    fn vs(yaml: &str) -> VirtualServiceObject {
        let f = ObjectsFile::parse("t.yaml", yaml).unwrap();
        match f.objects.into_iter().next() {
            Some(IstioObject::VirtualService(v)) => v,
            other => panic!("{other:?}"),
        }
    }

    fn request(url: &str) -> super::super::url::Request {
        super::super::url::parse(url).unwrap()
    }

    const HEAD: &str = "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: a, namespace: t}\nspec:\n  hosts: [a.test]\n  http:\n";

    #[test]
    fn every_condition_of_an_entry_must_hold() {
        let v = vs(&format!("{HEAD}  - match:\n    - uri: {{prefix: /api}}\n      method: {{exact: POST}}\n      headers: {{x-team: {{prefix: ob}}, x-any: {{}}}}\n      queryParams: {{v: {{exact: \"2\"}}}}\n    route: [{{destination: {{host: b}}}}]\n"));
        let c = compile(&v, &|_, _| None);
        let e = &c.rules[0].entries[0];
        assert!(!e.catch_all);
        let headers = vec![("X-Team".to_owned(), "obs".to_owned()), ("x-any".to_owned(), String::new())];
        let post = Extra { method: "POST", headers: &headers };
        let r = request("http://a.test/api/x?v=2");
        assert!(miss(&c, e, "/api/x", &r, &post).is_none());
        assert!(miss(&c, e, "/api/x", &r, &Extra { method: "GET", headers: &headers }).is_some());
        let r3 = request("http://a.test/api/x?v=3");
        let why = miss(&c, e, "/api/x", &r3, &post).unwrap();
        assert!(why.en().contains("query parameter `v`"), "{why:?}");
        let without = Extra { method: "POST", headers: &headers[..1] };
        assert!(miss(&c, e, "/api/x", &r, &without).is_some(), "a presence match needs the header");
    }

    #[test]
    fn without_headers_and_catch_alls() {
        let v = vs(&format!("{HEAD}  - match:\n    - withoutHeaders: {{x-canary: {{exact: \"1\"}}}}\n    route: [{{destination: {{host: b}}}}]\n  - route: [{{destination: {{host: c}}}}]\n  - route: [{{destination: {{host: never}}}}]\n"));
        let c = compile(&v, &|_, _| None);
        assert_eq!(c.rules.len(), 2, "nothing after a rule without match");
        assert!(!c.rules[0].entries[0].catch_all, "a header condition is no catch-all");
        let r = request("http://a.test/");
        let h = vec![("x-canary".to_owned(), "1".to_owned())];
        assert!(miss(&c, &c.rules[0].entries[0], "/", &r, &Extra::default()).is_none(), "missing is empty");
        assert!(miss(&c, &c.rules[0].entries[0], "/", &r, &Extra { method: "", headers: &h }).is_some());
    }

    #[test]
    fn a_delegate_merges_the_parents_match() {
        let parent = vs(&format!(
            "{HEAD}  - match: [{{uri: {{prefix: /team/}}}}]\n    delegate: {{name: child, namespace: other}}\n"
        ));
        let child = vs("apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: child, namespace: other}\nspec:\n  http:\n  - match: [{uri: {prefix: /team/a}, method: {exact: GET}}]\n    route: [{destination: {host: a}}]\n  - match: [{uri: {prefix: /elsewhere}}]\n    route: [{destination: {host: x}}]\n  - route: [{destination: {host: b}}]\n");
        let c = compile(&parent, &|ns, n| (ns == "other" && n == "child").then_some(&child));
        assert_eq!(c.rules.len(), 2, "the conflicting rule is left out: {:?}", c.notes);
        assert_eq!((c.rules[0].name.as_str(), c.rules[0].index), ("child", 0));
        assert_eq!(c.rules[1].index, 2);
        let r = request("http://a.test/team/zzz");
        assert!(miss(&c, &c.rules[1].entries[0], "/team/zzz", &r, &Extra::default()).is_none());
        assert!(
            miss(&c, &c.rules[1].entries[0], "/other", &request("http://a.test/other"), &Extra::default()).is_some(),
            "the child's catch-all keeps the parent's prefix"
        );
        let missing = compile(&parent, &|_, _| None);
        assert!(missing.rules.is_empty() && missing.notes.len() == 1);
    }

    #[test]
    fn a_refused_regex_anywhere_refuses_it() {
        let v = vs(&format!(
            "{HEAD}  - match: [{{headers: {{x: {{regex: \"(\"}}}}}}]\n    route: [{{destination: {{host: b}}}}]\n"
        ));
        let c = compile(&v, &|_, _| None);
        assert!(matches!(c.refusal, Some((0, _, Refusal::Istio(_)))));
    }

    #[test]
    fn istio_refuses_a_rewrite_with_both_uris_or_a_half_regex_rewrite() {
        let rule = |rewrite: &str| {
            let v = vs(&format!("{HEAD}  - route: [{{destination: {{host: b}}}}]\n    rewrite: {rewrite}\n"));
            compile(&v, &|_, _| None).refusal
        };
        let both = rule("{uri: /x, uriRegexRewrite: {match: a, rewrite: b}}");
        assert!(matches!(&both, Some((0, _, Refusal::Istio(w))) if w.en().contains("only one of")), "{both:?}");
        let half = rule("{uriRegexRewrite: {match: a}}");
        assert!(matches!(&half, Some((0, _, Refusal::Istio(w))) if w.en().contains("both match")), "{half:?}");
        let bad = rule("{uriRegexRewrite: {match: \"(\", rewrite: b}}");
        assert!(matches!(bad, Some((0, ref r, Refusal::Istio(_))) if r == "("), "{bad:?}");
        assert_eq!(rule("{uriRegexRewrite: {match: a, rewrite: b}}"), None);
    }
}
