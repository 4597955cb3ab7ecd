//! The one reading of a VirtualService's HTTP rules, and how Envoy matches
//! them ([`matcher`]). The service renderer
//! makes these beside the VirtualService it renders (`render::service`), in
//! the chart's order (frontendRoutes, routes, then the default rule), each
//! with the place in the values file it comes from. The checks, the
//! simulator, the diagram and the Routes form all read these; nothing reads
//! the rules a second way.

pub mod matcher;
pub mod re2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatchKind {
    Prefix,
    Exact,
    Regex,
}

impl MatchKind {
    pub const ALL: [MatchKind; 3] = [MatchKind::Prefix, MatchKind::Exact, MatchKind::Regex];

    /// Istio's word for it, as in `match[].uri.<kind>`.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Prefix => "prefix",
            MatchKind::Exact => "exact",
            MatchKind::Regex => "regex",
        }
    }

    pub fn parse(s: &str) -> Option<MatchKind> {
        MatchKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// What a rule is for: an SSE stream the ingress service serves itself
/// (`frontendRoutes`), a route to a service (`routes`), or the catch-all
/// default rule the chart adds last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    #[serde(rename = "sse-passthrough")]
    Sse,
    #[serde(rename = "api-route")]
    Api,
    Default,
}

/// A rule's `match[].uri`: kind, the value as rendered, and `ignoreUriCase`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UriMatch {
    pub kind: MatchKind,
    pub value: String,
    pub ignore_case: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RouteRule {
    /// Index in the VirtualService's `http` list.
    pub index: usize,
    pub kind: RuleKind,
    /// YAML path in the values file (`ingress.routes[0]`); empty for the
    /// default rule, which the chart adds.
    pub source: String,
    /// None: the rule has no match and takes every request.
    pub matcher: Option<UriMatch>,
    /// The destination host and port, as rendered.
    pub host: String,
    pub port: Option<f64>,
}

impl RouteRule {
    /// The place of the rule's match value in the values file
    /// (`ingress.routes[0].prefix`, `ingress.frontendRoutes[1]`).
    pub fn match_path(&self) -> String {
        match (self.kind, &self.matcher) {
            (RuleKind::Api, Some(m)) => format!("{}.{}", self.source, m.kind.as_str()),
            _ => self.source.clone(),
        }
    }

    /// The destination port as a port number, when it is one.
    pub fn port_number(&self) -> Option<u16> {
        self.port.filter(|p| p.fract() == 0.0 && (1.0..=65535.0).contains(p)).map(|p| p as u16)
    }
}
