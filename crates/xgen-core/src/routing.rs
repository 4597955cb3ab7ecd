//! The ordered HTTP rules of a service's VirtualService, read from its merged
//! values in the chart's order (frontendRoutes, routes, then the default rule),
//! each with the place in the values file it comes from.

use crate::render::helm_values::{at, print, truthy};
use serde_yaml::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    Prefix,
    Exact,
    Regex,
}

impl MatchKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Prefix => "prefix",
            MatchKind::Exact => "exact",
            MatchKind::Regex => "regex",
        }
    }
}

/// What a rule is for: an SSE stream the service serves itself
/// (`frontendRoutes`), an API route to another service (`routes`), or the
/// catch-all default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    Sse,
    Api,
    Default,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RouteRule {
    /// Index in the VirtualService's `http` list.
    pub index: usize,
    pub kind: RuleKind,
    /// YAML path in the values file (`ingress.routes[0]`); empty for the default.
    pub source: String,
    pub matcher: Option<(MatchKind, String)>,
    pub host: String,
    pub port: Option<f64>,
}

pub fn route_rules(merged: &Value) -> Vec<RouteRule> {
    let own = print(at(merged, &["serviceName"]));
    let own_port = at(merged, &["port"]).and_then(Value::as_f64);
    let mut rules = Vec::new();
    let seq = |path: &[&str]| at(merged, path).and_then(Value::as_sequence).cloned().unwrap_or_default();
    for (i, prefix) in seq(&["ingress", "frontendRoutes"]).iter().enumerate() {
        rules.push(RouteRule {
            index: rules.len(),
            kind: RuleKind::Sse,
            source: format!("ingress.frontendRoutes[{i}]"),
            matcher: Some((MatchKind::Prefix, print(Some(prefix)))),
            host: own.clone(),
            port: own_port,
        });
    }
    for (i, route) in seq(&["ingress", "routes"]).iter().enumerate() {
        let field = |k: &str| at(route, &[k]);
        let matcher = if truthy(field("exact")) {
            (MatchKind::Exact, print(field("exact")))
        } else if truthy(field("regex")) {
            (MatchKind::Regex, print(field("regex")))
        } else {
            (MatchKind::Prefix, print(field("prefix")))
        };
        rules.push(RouteRule {
            index: rules.len(),
            kind: RuleKind::Api,
            source: format!("ingress.routes[{i}]"),
            matcher: Some(matcher),
            host: print(field("service")),
            port: field("port").and_then(Value::as_f64),
        });
    }
    rules.push(RouteRule {
        index: rules.len(),
        kind: RuleKind::Default,
        source: String::new(),
        matcher: None,
        host: own,
        port: own_port,
    });
    rules
}

/// The place of a rule's match value in the values file.
pub fn match_path(rule: &RouteRule) -> String {
    match (rule.kind, &rule.matcher) {
        (RuleKind::Api, Some((kind, _))) => format!("{}.{}", rule.source, kind.as_str()),
        _ => rule.source.clone(),
    }
}
