//! The route simulator (docs/routing.md): what Istio does with a URL in an environment,
//! and why, computed from the rendered Gateways and VirtualServices. Route
//! tests (docs/routing.md, in the spirit of Envoy's `router_check_tool`) run it over a
//! table of URLs and expected services.

#[cfg(feature = "bench")]
pub mod bench;
pub mod gateway;
pub mod objects;
pub mod url;

pub use objects::Extra;

pub use crate::model::settings::RouteTest;
pub use crate::routing::matcher;

use crate::i18n::Said;
use crate::render::helm_values::at;
use crate::rendered::Rendered;
use crate::routing::re2::Refusal;
use crate::routing::RuleKind;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Destination {
    pub host: String,
    pub port: Option<u16>,
}

/// One destination of a weighted `route`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightedDestination {
    pub host: String,
    pub port: Option<u32>,
    pub subset: Option<String>,
    pub weight: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Redirect {
    pub status: u32,
    pub location: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DirectResponse {
    pub status: u32,
    pub body: Option<String>,
}

/// What the upstream receives: the request line's path (with its query)
/// and the authority, after any rewrite.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Upstream {
    pub path: String,
    pub authority: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Simulation {
    pub url: String,
    pub env: String,
    /// The path Envoy matches routes with: the typed path as the client
    /// sends it, normalized as Envoy normalizes it (docs/routing.md). None
    /// when the URL cannot be read or Envoy refuses the path.
    pub path: Option<String>,
    /// True when `path` is not the path as typed: the client encoded it or
    /// Envoy normalized it, and the page says "Envoy matches …".
    #[serde(skip)]
    pub path_rewritten: bool,
    /// 200; 400 when Envoy refuses the path; 431 when the request's head
    /// passes 60 KiB; 404 when no host or rule matches; 503 when the
    /// destination is not deployed in the environment (Envoy: no healthy
    /// upstream).
    pub status: u16,
    pub rule_index: Option<usize>,
    pub rule_kind: Option<RuleKind>,
    pub destination: Option<Destination>,
    /// Every destination of the rule, with its weight and subset.
    pub destinations: Vec<WeightedDestination>,
    /// The VirtualService whose rule answered (the child, for a delegate).
    pub virtual_service: Option<String>,
    pub virtual_service_namespace: Option<String>,
    /// `chart` or `objects` (the cluster's imported objects).
    pub virtual_service_source: Option<&'static str>,
    pub redirect: Option<Redirect>,
    pub direct_response: Option<DirectResponse>,
    pub upstream: Option<Upstream>,
    /// The rule that answered, as data (for a delegate, the child's rule
    /// with what it leaves unset taken from the parent's, and the parent's
    /// `delegate`): what a test of the rule's fields compares.
    #[serde(skip)]
    pub rule: Option<serde_yaml::Value>,
    /// The Gateway host pattern that took the request (exact, `*.suffix` or `*`).
    pub gateway_host: Option<String>,
    /// The place of the route that answered among [`host_routes`] of
    /// `gateway_host`.
    #[serde(skip)]
    pub route_position: Option<usize>,
    pub application: Option<String>,
    pub deployment: Option<String>,
    pub replicas: Option<u64>,
    pub load_balancer: Option<String>,
    /// floor(replicas x maxEjectionPercent / 100); None without outlier detection.
    pub ejectable_pods: Option<u64>,
    /// Why: the host chosen, each earlier rule that did not match, the match.
    pub reasons: Vec<Said>,
    pub notes: Vec<Said>,
    /// The VirtualServices left out of the route table that bear on this
    /// answer, each in one sentence (also among `reasons`).
    #[serde(skip)]
    pub refused: Vec<Said>,
}

impl Simulation {
    fn new(url: &str, env: &str) -> Self {
        Simulation {
            url: url.into(),
            env: env.into(),
            path: None,
            path_rewritten: false,
            status: 404,
            rule_index: None,
            rule_kind: None,
            destination: None,
            destinations: Vec::new(),
            virtual_service: None,
            virtual_service_namespace: None,
            virtual_service_source: None,
            redirect: None,
            direct_response: None,
            upstream: None,
            rule: None,
            gateway_host: None,
            route_position: None,
            application: None,
            deployment: None,
            replicas: None,
            load_balancer: None,
            ejectable_pods: None,
            reasons: Vec::new(),
            notes: Vec::new(),
            refused: Vec::new(),
        }
    }

    fn reason(&mut self, en: String, ko: String) {
        self.reasons.push(Said::new(en, ko));
    }

    fn note(&mut self, en: String, ko: String) {
        self.notes.push(Said::new(en, ko));
    }
}

/// What the simulation says when the DestinationRule sets no algorithm.
pub const DEFAULT_LOAD_BALANCER: &str = "LEAST_REQUEST (Istio's default)";

/// Simulates `url` in `env` of a rendered state (a `GET` with no headers
/// but `Host`).
pub fn simulate(rendered: &Rendered, env: &str, url: &str) -> Simulation {
    simulate_request(rendered, env, url, &Extra::default())
}

/// Simulates a request: `url` with a method and headers.
pub fn simulate_request(rendered: &Rendered, env: &str, url: &str, extra: &Extra) -> Simulation {
    match rendered.env(env) {
        Some(e) => Gateway::new(e).simulate(url, extra),
        None => {
            let mut sim = Simulation::new(url, env);
            if let Err(e) = url::parse(url) {
                not_a_url(&mut sim, &e);
            } else {
                sim.reason(
                    format!("the project has no environment `{env}`"),
                    format!("프로젝트에 `{env}` 환경이 없습니다"),
                );
            }
            sim
        }
    }
}

fn not_a_url(sim: &mut Simulation, e: &impl std::fmt::Display) {
    sim.reason(
        format!("not a URL the gateway can receive: {e}"),
        format!("게이트웨이가 받을 수 있는 URL이 아닙니다: {e}"),
    );
}

/// One environment's ingress gateway with its route table built once, to
/// answer many requests (a batch of URLs, the route tests).
pub struct Gateway<'a> {
    env: &'a crate::rendered::EnvRender,
    table: gateway::Table<'a>,
}

impl<'a> Gateway<'a> {
    pub fn new(env: &'a crate::rendered::EnvRender) -> Gateway<'a> {
        Gateway { env, table: gateway::route_table(env) }
    }

    /// Simulates a request: `url` with a method and headers.
    pub fn simulate(&self, url: &str, extra: &Extra) -> Simulation {
        simulate_in(self.env, &self.table, url, extra)
    }
}

fn simulate_in(
    env_render: &crate::rendered::EnvRender,
    table: &gateway::Table,
    url: &str,
    extra: &Extra,
) -> Simulation {
    let env = env_render.name.as_str();
    let mut sim = Simulation::new(url, env);
    let request = match url::parse(url) {
        Ok(r) => r,
        Err(e) => {
            not_a_url(&mut sim, &e);
            return sim;
        }
    };
    if request.head_bytes > url::MAX_REQUEST_HEAD {
        let (n, max) = (request.head_bytes, url::MAX_REQUEST_HEAD);
        sim.status = 431;
        sim.reason(
            format!("the request's line and headers take {n} bytes, more than the {max} Envoy reads (max_request_headers_kb, 60 KiB): Envoy answers 431 before any route"),
            format!("요청 줄과 헤더가 {n}바이트로, Envoy가 읽는 {max}바이트(max_request_headers_kb, 60 KiB)보다 깁니다: Envoy는 라우트를 보기 전에 431로 답합니다"),
        );
        return sim;
    }
    for refused in &table.refused {
        if let Some(said) = refusal_said(refused, &request.host) {
            sim.reasons.push(said.clone());
            sim.refused.push(said);
        }
    }
    sim.notes.extend(table.notes.iter().cloned());
    let Some(vhost) = gateway::pick(&table.hosts, &request.host) else {
        sim.reason(
            format!("no Gateway of {env} serves the host `{}`: no route", request.host),
            format!("{env}의 어떤 Gateway도 호스트 `{}`을(를) 받지 않아 라우트가 없습니다", request.host),
        );
        return sim;
    };
    let matched_host = vhost.domain.clone();
    sim.reason(
        format!("host `{}` is served by the Gateway host `{matched_host}`", request.host),
        format!("호스트 `{}`은(는) Gateway 호스트 `{matched_host}`이(가) 받습니다", request.host),
    );
    sim.gateway_host = Some(matched_host.clone());
    let label = |i: usize| {
        let vs = &table.vss[i];
        let from = if vs.from_file() { " (imported)" } else { "" };
        (format!("{}{from}", vs.name), format!("{}{}", vs.name, if vs.from_file() { " (가져온 객체)" } else { "" }))
    };
    if let [first, second, ..] = vhost.virtual_services.as_slice() {
        let ((a, a_ko), (b, b_ko)) = (label(*first), label(*second));
        let (order, order_ko) = if table.by_creation_time {
            (
                "creation order (the chart's first, then the imported objects by creationTimestamp)",
                "생성 순서(차트의 객체 먼저, 그다음 가져온 객체는 creationTimestamp 순서)",
            )
        } else {
            (
                "creation order (the chart's first, by name; then the imported objects in file order)",
                "생성 순서(차트의 객체 먼저 이름 순서로, 그다음 가져온 객체는 파일 순서)",
            )
        };
        sim.note(
            format!("{a} and {b} both claim `{matched_host}`: istiod merges their routes in {order}, catch-alls last."),
            format!("{a_ko}와(과) {b_ko}이(가) 모두 `{matched_host}`을(를) 받습니다: istiod는 {order_ko}로 라우트를 합치고 catch-all은 마지막에 둡니다."),
        );
    }
    if request.scheme == "https" {
        let has_https = vhost.routes.iter().any(|r| match &table.vss[r.vs].body {
            gateway::Body::Chart { output, .. } => output
                .objects
                .gateway
                .as_ref()
                .is_some_and(|g| g.spec.servers.iter().any(|s| s.port.protocol == "HTTPS")),
            gateway::Body::File(_) => false,
        });
        if !has_https {
            sim.note(
                "The Gateway has no HTTPS server: TLS must end in front of the ingress gateway (a load balancer), which then sends plain HTTP.".into(),
                "Gateway에 HTTPS 서버가 없습니다: TLS는 ingress gateway 앞(로드 밸런서)에서 끝나고, 그 뒤로는 평문 HTTP가 가야 합니다.".into(),
            );
        }
    }
    let path = match &request.path {
        Ok(p) => p.clone(),
        Err(refusal) => {
            sim.status = 400;
            sim.reason(
                format!("Envoy answers 400 before any route: {refusal}"),
                format!("Envoy는 라우트를 보기 전에 400으로 답합니다: {}", refusal.ko()),
            );
            return sim;
        }
    };
    if request.sent_path != request.typed_path {
        sim.reason(
            format!("the client sends `{}` as `{}`", request.typed_path, request.sent_path),
            format!("클라이언트는 `{}`을(를) `{}`(으)로 보냅니다", request.typed_path, request.sent_path),
        );
    }
    if path != request.sent_path {
        sim.reason(
            format!("Envoy normalizes `{}` to `{path}` and matches that", request.sent_path),
            format!("Envoy는 `{}`을(를) `{path}`(으)로 정규화해 그 경로로 매치합니다", request.sent_path),
        );
    }
    sim.path_rewritten = path != request.typed_path;
    sim.path = Some(path.clone());
    let mut chosen = None;
    let several = vhost.virtual_services.len() > 1;
    for (position, route) in vhost.routes.iter().enumerate() {
        let vs = &table.vss[route.vs];
        let why = match &vs.body {
            gateway::Body::Chart { output, .. } => {
                let matcher = output.matcher.as_ref().expect("a VirtualService has rules");
                (!matcher.rule_matches(route.rule, &path)).then(|| matcher.miss(route.rule, &path))
            }
            gateway::Body::File(c) => {
                let rule = &c.rules[route.rule];
                objects::miss(c, &rule.entries[route.entry], &path, &request, extra)
            }
        };
        let Some(why) = why else {
            chosen = Some(*route);
            sim.route_position = Some(position);
            break;
        };
        let (rule, entry) = match &vs.body {
            gateway::Body::File(c) => (c.rules[route.rule].index, Some(route.entry)),
            gateway::Body::Chart { .. } => (route.rule, None),
        };
        let at = entry.map_or(String::new(), |e| format!(", match {e}"));
        let (en, ko) = if several || vs.from_file() {
            let (name, name_ko) = label(route.vs);
            (format!("{name} rule {rule}{at}"), format!("{name_ko} 규칙 {rule}{at}"))
        } else {
            (format!("rule {rule}"), format!("규칙 {rule}"))
        };
        sim.reasons.push(Said::new(format!("{en}: {}", why.en()), format!("{ko}: {}", why.ko())));
    }
    let Some(route) = chosen else {
        let names: Vec<String> = vhost.virtual_services.iter().map(|i| label(*i).0).collect();
        let names = names.join(", ");
        sim.reason(
            format!("no rule of {names} matches `{path}`: 404"),
            format!("{names}의 어떤 규칙도 `{path}`와(과) 맞지 않습니다: 404"),
        );
        return sim;
    };
    let vs = &table.vss[route.vs];
    sim.virtual_service_namespace = Some(vs.namespace.clone());
    sim.upstream = Some(Upstream {
        path: match &request.query {
            Some(q) => format!("{path}?{q}"),
            None => path.clone(),
        },
        authority: request.authority.clone(),
    });
    let ingress = match &vs.body {
        gateway::Body::Chart { output, .. } => *output,
        gateway::Body::File(c) => {
            sim.virtual_service_source = Some("objects");
            answer_from_objects(&mut sim, env_render, c, route, &path, &request);
            return sim;
        }
    };
    sim.virtual_service_source = Some("chart");
    let index = route.rule;
    let objects = &ingress.objects;
    let vs = objects.virtual_service.as_ref().expect("routes come from VirtualServices");
    sim.virtual_service = Some(vs.metadata.name.clone());
    sim.rule = vs.spec.http.get(index).and_then(|r| serde_yaml::to_value(r).ok());
    let rule = &objects.routes[index];
    let host = rule.host.clone();
    let port = rule.port_number();
    let own = ingress.objects.deployment.metadata.name.clone();
    match rule.kind {
        RuleKind::Default => sim.reason(
            format!("rule {index} has no match: it takes every request left"),
            format!("규칙 {index}에는 match가 없어 남은 요청을 모두 받습니다"),
        ),
        _ if several => sim.reason(
            format!("{} rule {index} matches `{path}`", vs.metadata.name),
            format!("{} 규칙 {index}이(가) `{path}`와(과) 맞습니다", vs.metadata.name),
        ),
        _ => {
            sim.reason(format!("rule {index} matches `{path}`"), format!("규칙 {index}이(가) `{path}`와(과) 맞습니다"))
        }
    }
    if rule.kind == RuleKind::Sse {
        sim.note(
            format!("SSE stream served by {own} itself, so the ingress gateway does not buffer it."),
            format!("{own}이(가) 직접 제공하는 SSE 스트림이라 ingress gateway가 버퍼링하지 않습니다."),
        );
    }
    sim.rule_index = Some(index);
    sim.rule_kind = Some(rule.kind);
    sim.destination = Some(Destination { host: host.clone(), port });
    sim.destinations =
        vec![WeightedDestination { host: host.clone(), port: port.map(u32::from), subset: None, weight: 100 }];
    match env_render.rendered_services().find(|(svc, _)| svc.name == host) {
        None => {
            sim.status = 503;
            sim.note(
                format!("`{host}` is not deployed in {env}: Envoy answers 503 (no healthy upstream)."),
                format!("`{host}`은(는) {env}에 배포되지 않아 Envoy가 503(no healthy upstream)으로 답합니다."),
            );
        }
        Some((svc, o)) => {
            sim.status = 200;
            sim.application = Some(format!("{}-{env}", svc.name));
            sim.deployment = Some(o.objects.deployment.metadata.name.clone());
            let replicas = o.objects.deployment.spec.replicas.as_u64();
            sim.replicas = replicas;
            let policy = o.objects.destination_rule.as_ref().and_then(|d| d.spec.traffic_policy.as_ref());
            sim.load_balancer = Some(
                policy
                    .and_then(|p| at(p, &["loadBalancer", "simple"]))
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_else(|| DEFAULT_LOAD_BALANCER.into()),
            );
            if let Some((percent, ejectable)) =
                policy.and_then(|p| crate::outlier::ejectable(p, replicas.unwrap_or(0) as f64))
            {
                sim.ejectable_pods = Some(ejectable);
                if ejectable == 0 {
                    let n = replicas.unwrap_or(0);
                    sim.note(
                        format!("Outlier detection can never eject a pod of {host} here ({n} replica(s), {percent}%)."),
                        format!("여기서는 이상값 감지가 {host}의 파드를 하나도 제외할 수 없습니다 (레플리카 {n}개, {percent}%)."),
                    );
                }
            }
            if let Some(p) = port {
                let listens = svc.port();
                if listens != Some(p) {
                    let listens = listens.map_or("?".to_owned(), |l| l.to_string());
                    sim.note(
                        format!("{host} listens on {listens}, not {p}: the connection is refused."),
                        format!("{host}은(는) {p}이(가) 아니라 {listens} 포트에서 받아 연결이 거부됩니다."),
                    );
                }
            }
        }
    }
    sim
}

/// One route of a virtual host, in the order Envoy tries them: what the
/// rule list and the diagram show.
#[derive(Debug, Clone, PartialEq)]
pub struct HostRoute {
    pub namespace: String,
    /// The VirtualService the rule is written in (the child, for a delegate).
    pub name: String,
    /// From the cluster's imported objects, not the chart.
    pub imported: bool,
    /// The rule's index in its VirtualService's `http`.
    pub rule: usize,
    /// The match entry, for an imported rule (several entries are OR).
    pub entry: Option<usize>,
    /// The chart's kind of rule (SSE, API, default); None when imported.
    pub kind: Option<RuleKind>,
    pub uri: Option<crate::routing::UriMatch>,
    /// Conditions besides the uri ([`objects::Entry::conditions`]).
    pub conditions: Vec<String>,
    /// Where it goes, in one line: `host:port` (with subset and weight
    /// when weighted), `redirect 301 → uri`, or `directResponse 503`.
    pub destination: String,
    /// The service it goes to (the first destination with a weight), or
    /// the action (`redirect 301`, `directResponse 503`): the diagram's
    /// right column.
    pub service: String,
}

/// The routes of the virtual host `domain` (as [`Simulation::gateway_host`]
/// names it) of `env`'s gateway, in the order Envoy tries them; empty when
/// no Gateway serves it.
pub fn host_routes(env: &crate::rendered::EnvRender, domain: &str) -> Vec<HostRoute> {
    Gateway::new(env).host_routes(domain)
}

impl Gateway<'_> {
    /// The Gateways (`namespace/name`) whose servers give the virtual host
    /// `domain`; empty when none does.
    pub fn host_gateways(&self, domain: &str) -> Vec<String> {
        self.table.hosts.iter().find(|h| h.domain == domain).map(|h| h.gateways.clone()).unwrap_or_default()
    }

    /// [`host_routes`] of this gateway.
    pub fn host_routes(&self, domain: &str) -> Vec<HostRoute> {
        host_routes_in(&self.table, domain)
    }
}

fn host_routes_in(table: &gateway::Table, domain: &str) -> Vec<HostRoute> {
    let Some(vhost) = table.hosts.iter().find(|h| h.domain == domain) else { return Vec::new() };
    vhost
        .routes
        .iter()
        .map(|route| {
            let vs = &table.vss[route.vs];
            match &vs.body {
                gateway::Body::Chart { output, .. } => {
                    let r = &output.objects.routes[route.rule];
                    let port = r.port_number().map_or_else(|| "?".to_owned(), |p| p.to_string());
                    HostRoute {
                        namespace: vs.namespace.clone(),
                        name: vs.name.clone(),
                        imported: false,
                        rule: route.rule,
                        entry: None,
                        kind: Some(r.kind),
                        uri: r.matcher.clone(),
                        conditions: Vec::new(),
                        destination: format!("{}:{port}", r.host),
                        service: r.host.clone(),
                    }
                }
                gateway::Body::File(c) => {
                    let rule = &c.rules[route.rule];
                    let entry = &rule.entries[route.entry];
                    let (destination, service) = file_action(rule);
                    HostRoute {
                        namespace: rule.namespace.clone(),
                        name: rule.name.clone(),
                        imported: true,
                        rule: rule.index,
                        entry: Some(route.entry),
                        kind: None,
                        uri: c.uri_match(entry).cloned(),
                        conditions: entry.conditions(),
                        destination,
                        service,
                    }
                }
            }
        })
        .collect()
}

/// An imported rule's action in one line, and its main target.
fn file_action(rule: &objects::Rule) -> (String, String) {
    let (http, parent) = (rule.http, rule.parent);
    if let Some(r) = &http.redirect {
        let code = r.redirect_code.unwrap_or(301);
        let to = [r.scheme.as_deref().map(|s| format!("{s}://")), r.authority.clone(), r.uri.clone()]
            .into_iter()
            .flatten()
            .collect::<String>();
        return (format!("redirect {code} → {to}"), format!("redirect {code}"));
    }
    if let Some(d) = http.direct_response.as_ref().or_else(|| parent.and_then(|p| p.direct_response.as_ref())) {
        let text = format!("directResponse {}", d.status.unwrap_or(200));
        return (text.clone(), text);
    }
    let list = http.route.as_deref().unwrap_or_default();
    let single = list.len() == 1;
    let mut main = None;
    let parts: Vec<String> = list
        .iter()
        .map(|d| {
            let dest = d.destination.as_ref();
            let host = dest.and_then(|d| d.host.clone()).unwrap_or_default();
            let port = dest.and_then(|d| d.port.as_ref()).and_then(|p| p.number);
            let weight = d.weight.unwrap_or(if single { 100 } else { 0 });
            if main.is_none() && weight > 0 {
                main = Some(host.clone());
            }
            let mut text = match port {
                Some(p) => format!("{host}:{p}"),
                None => host,
            };
            if let Some(s) = dest.and_then(|d| d.subset.as_deref()) {
                text.push_str(&format!(" ({s})"));
            }
            if !single {
                text.push_str(&format!(" {weight}%"));
            }
            text
        })
        .collect();
    let main = main.or_else(|| list.first().and_then(|d| d.destination.as_ref()?.host.clone())).unwrap_or_default();
    (parts.join(", "), main)
}

/// What a refused VirtualService means for a request to `host`: Istio's
/// refusal matters where the VirtualService would have routed the host;
/// Envoy's refusal of the route configuration, for every host.
fn refusal_said(refused: &gateway::Refused, host: &str) -> Option<Said> {
    let name = &refused.name;
    let i = refused.rule.map_or("?".to_owned(), |i| i.to_string());
    let regex = &refused.regex;
    match &refused.refusal {
        Refusal::Istio(why) => refused.serves(host).then(|| {
            Said::new(
                format!("VirtualService `{name}` is refused by Istio's validation (rule {i}, regex `{regex}`: {}): the cluster keeps what it had, its previous version or none, so none of its rules route here (XS107)", why.en()),
                format!("VirtualService `{name}`은(는) Istio의 검증에서 거부됩니다 (규칙 {i}, 정규식 `{regex}`: {}): 클러스터는 이전 상태(이전 버전, 또는 없음)를 유지하므로 이 VirtualService의 규칙은 여기서 라우팅하지 않습니다 (XS107)", why.ko()),
            )
        }),
        Refusal::Envoy(why) => Some(Said::new(
            format!("Envoy refuses the gateway's route configuration because of VirtualService `{name}` (rule {i}, regex `{regex}`: {}): the gateway keeps the routes it had, for every host, so no change to this environment's routing takes effect; answered here without `{name}` (XS107)", why.en()),
            format!("VirtualService `{name}` 때문에 Envoy가 게이트웨이의 라우트 설정을 거부합니다 (규칙 {i}, 정규식 `{regex}`: {}): 게이트웨이는 모든 호스트에 대해 이전 라우트를 유지하므로 이 환경의 라우팅 변경은 적용되지 않습니다. 여기서는 `{name}` 없이 답합니다 (XS107)", why.ko()),
        )),
    }
}

/// The environments whose Gateways serve `host`: the simulator picks the
/// environment itself when exactly one does.
pub fn environments_for_host(rendered: &Rendered, host: &str) -> Vec<String> {
    let host = host.to_ascii_lowercase();
    rendered
        .envs
        .iter()
        .filter(|env| gateway::pick(&gateway::virtual_hosts(env), &host).is_some())
        .map(|env| env.name.clone())
        .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RouteTestResult {
    pub test: RouteTest,
    pub passed: bool,
    /// What was expected and what happened, in one sentence.
    pub message: Said,
    pub simulation: Simulation,
}

pub fn run_route_test(rendered: &Rendered, test: &RouteTest) -> RouteTestResult {
    match rendered.env(&test.env) {
        Some(e) => route_test_on(&Gateway::new(e), test),
        None => {
            let headers = test.header_list();
            let extra = Extra { method: test.method.as_deref().unwrap_or(""), headers: &headers };
            judge(test, simulate_request(rendered, &test.env, &test.url, &extra))
        }
    }
}

fn route_test_on(gateway: &Gateway, test: &RouteTest) -> RouteTestResult {
    let headers = test.header_list();
    let extra = Extra { method: test.method.as_deref().unwrap_or(""), headers: &headers };
    judge(test, gateway.simulate(&test.url, &extra))
}

/// A route test's verdict on its simulation.
fn judge(test: &RouteTest, sim: Simulation) -> RouteTestResult {
    let got = sim.destination.as_ref().map(|d| (d.host.clone(), d.port));
    let passed = sim.status == 200
        && got.as_ref().is_some_and(|(h, p)| *h == test.service && test.port.is_none_or(|want| *p == Some(want)));
    let want = match test.port {
        Some(p) => format!("{}:{p}", test.service),
        None => test.service.clone(),
    };
    let status = sim.status;
    let message = match (&got, passed) {
        (_, true) => Said::new(format!("{want} answers, as expected"), format!("기대한 대로 {want}이(가) 답합니다")),
        (Some((h, p)), false) => {
            let port = p.map_or("?".into(), |p| p.to_string());
            Said::new(
                format!("expected {want}, got {h}:{port} (status {status})"),
                format!("{want}을(를) 기대했지만 {h}:{port}이(가) 답했습니다 (상태 {status})"),
            )
        }
        (None, false) => Said::new(
            format!("expected {want}, got status {status} (no route)"),
            format!("{want}을(를) 기대했지만 상태 {status}입니다 (라우트 없음)"),
        ),
    };
    // A refused VirtualService is the likely cause of a surprise: say so.
    let message = match sim.refused.first() {
        Some(why) => Said::new(format!("{}; {}", message.en(), why.en()), format!("{}; {}", message.ko(), why.ko())),
        None => message,
    };
    RouteTestResult { test: test.clone(), passed, message, simulation: sim }
}

/// Every route test of the state's settings, over its snapshot.
pub fn run_route_tests(rendered: &Rendered, tests: &[RouteTest]) -> Vec<RouteTestResult> {
    // Each environment's route table once, for all of its tests.
    let mut gateways: Vec<Gateway> = Vec::new();
    let mut out = Vec::with_capacity(tests.len());
    for t in tests {
        let i = match gateways.iter().position(|g| g.env.name == t.env) {
            Some(i) => Some(i),
            None => rendered.env(&t.env).map(|e| {
                gateways.push(Gateway::new(e));
                gateways.len() - 1
            }),
        };
        out.push(match i {
            Some(i) => route_test_on(&gateways[i], t),
            None => run_route_test(rendered, t),
        });
    }
    out
}

/// The answer of a rule of an imported VirtualService (docs/routing.md,
/// "The whole gateway"): a redirect, a direct response, or a weighted
/// route, with what the upstream receives after a rewrite.
fn answer_from_objects(
    sim: &mut Simulation,
    env: &crate::rendered::EnvRender,
    c: &objects::Compiled,
    route: gateway::Route,
    path: &str,
    request: &url::Request,
) {
    use crate::model::istio::IstioObject;
    let rule = &c.rules[route.rule];
    let (http, parent) = (rule.http, rule.parent);
    sim.virtual_service = Some(rule.name.clone());
    sim.virtual_service_namespace = Some(rule.namespace.clone());
    sim.rule_index = Some(rule.index);
    let (ns, name, index) = (&rule.namespace, &rule.name, rule.index);
    sim.reason(
        format!("rule {index} of the imported VirtualService {ns}/{name} matches `{path}` (match {})", route.entry),
        format!(
            "가져온 VirtualService {ns}/{name}의 규칙 {index}이(가) `{path}`와(과) 맞습니다 (match {})",
            route.entry
        ),
    );
    if parent.is_some() {
        sim.note(
            format!("{ns}/{name} is a delegate: its rule's match is merged with the parent's, as istiod merges them."),
            format!("{ns}/{name}은(는) 위임 대상입니다: 규칙의 match는 istiod처럼 부모의 match와 합쳐집니다."),
        );
    }
    sim.rule = serde_yaml::to_value(http).ok();
    if let (Some(serde_yaml::Value::Mapping(rule)), Some(p)) = (sim.rule.as_mut(), parent) {
        if let Ok(serde_yaml::Value::Mapping(p)) = serde_yaml::to_value(p) {
            for key in [
                "rewrite",
                "directResponse",
                "timeout",
                "retries",
                "fault",
                "mirror",
                "corsPolicy",
                "headers",
                "delegate",
            ] {
                if let (false, Some(v)) = (rule.contains_key(key), p.get(key)) {
                    rule.insert(key.into(), v.clone());
                }
            }
        }
    }
    // mergeHTTPRoute: what the child's rule leaves unset comes from the parent's.
    let redirect = http.redirect.as_ref();
    let direct = http.direct_response.as_ref().or_else(|| parent.and_then(|p| p.direct_response.as_ref()));
    let rewrite = http.rewrite.as_ref().or_else(|| parent.and_then(|p| p.rewrite.as_ref()));
    for (what, value) in [
        ("timeout", http.timeout.as_ref().or_else(|| parent.and_then(|p| p.timeout.as_ref()))),
        ("retries", http.retries.as_ref().or_else(|| parent.and_then(|p| p.retries.as_ref()))),
        ("fault", http.fault.as_ref().or_else(|| parent.and_then(|p| p.fault.as_ref()))),
        ("mirror", http.mirror.as_ref().or_else(|| parent.and_then(|p| p.mirror.as_ref()))),
        ("headers", http.headers.as_ref().or_else(|| parent.and_then(|p| p.headers.as_ref()))),
        ("corsPolicy", http.cors_policy.as_ref().or_else(|| parent.and_then(|p| p.cors_policy.as_ref()))),
    ] {
        if let Some(v) = value {
            let text = serde_json_like(v);
            sim.note(format!("{what} (not simulated): {text}"), format!("{what} (시뮬레이션하지 않는 설정): {text}"));
        }
    }
    if let Some(r) = redirect {
        let status = r.redirect_code.unwrap_or(301);
        let location = redirect_location(r, request, path);
        sim.status = status as u16;
        sim.reason(
            format!("it redirects with {status} to `{location}`"),
            format!("{status}로 `{location}`에 리다이렉트합니다"),
        );
        sim.redirect = Some(Redirect { status, location });
        sim.upstream = None;
        return;
    }
    if let Some(d) = direct {
        let status = d.status.unwrap_or(200);
        let body = d.body.as_ref().and_then(|b| b.string.clone().or_else(|| b.bytes.clone()));
        sim.status = status as u16;
        sim.reason(
            format!("it answers {status} itself (directResponse)"),
            format!("directResponse로 직접 {status}을(를) 답합니다"),
        );
        sim.direct_response = Some(DirectResponse { status, body });
        sim.upstream = None;
        return;
    }
    let destinations = http.route.as_deref().unwrap_or_default();
    let single = destinations.len() == 1;
    sim.destinations = destinations
        .iter()
        .map(|d| {
            let dest = d.destination.as_ref();
            WeightedDestination {
                host: dest.and_then(|d| d.host.clone()).unwrap_or_default(),
                port: dest.and_then(|d| d.port.as_ref()).and_then(|p| p.number),
                subset: dest.and_then(|d| d.subset.clone()),
                weight: d.weight.unwrap_or(if single { 100 } else { 0 }),
            }
        })
        .collect();
    let Some(first) = sim.destinations.iter().find(|d| d.weight > 0).or(sim.destinations.first()).cloned() else {
        sim.status = 404;
        sim.reason("the rule has no destination".into(), "규칙에 목적지가 없습니다".into());
        return;
    };
    sim.destination =
        Some(Destination { host: first.host.clone(), port: first.port.and_then(|p| u16::try_from(p).ok()) });
    sim.status = 200;
    // A subset no DestinationRule defines: Envoy has no such cluster, 503
    // for the requests sent there; the client gets 503 when every
    // destination with a weight is such a one.
    let mut served = 0;
    for d in sim.destinations.clone().iter().filter(|d| d.weight > 0) {
        let Some(subset) = &d.subset else {
            served += 1;
            continue;
        };
        let short = d.host.split('.').next().unwrap_or(&d.host);
        let defined = env.cluster.iter().flat_map(|f| f.objects.iter()).any(|o| match o {
            IstioObject::DestinationRule(dr) => dr.spec.as_ref().is_some_and(|s| {
                s.host.as_deref().is_some_and(|h| h == d.host || h.split('.').next() == Some(short))
                    && s.subsets.iter().flatten().any(|x| x.name.as_deref() == Some(subset))
            }),
            _ => false,
        });
        if defined {
            served += 1;
            continue;
        }
        let (host, weight) = (&d.host, d.weight);
        sim.note(
            format!("No DestinationRule defines subset `{subset}` of `{host}`: Envoy has no such cluster and answers 503 to the requests sent there ({weight}%)."),
            format!("어떤 DestinationRule도 `{host}`의 subset `{subset}`을(를) 정의하지 않아, Envoy는 그쪽으로 보낸 요청({weight}%)에 503으로 답합니다."),
        );
    }
    if served == 0 {
        sim.status = 503;
    }
    if sim.destinations.len() > 1 {
        let list: Vec<String> = sim.destinations.iter().map(|d| format!("{} {}%", d.host, d.weight)).collect();
        let list = list.join(", ");
        sim.reason(format!("weighted: {list}"), format!("가중치: {list}"));
    }
    let mut up_path = path.to_owned();
    let mut authority = request.authority.clone();
    if let Some(rw) = rewrite {
        if let Some(a) = &rw.authority {
            authority = a.clone();
        }
        if let Some(rr) = &rw.uri_regex_rewrite {
            // istiod writes it as Envoy's `regex_rewrite` ahead of `uri`:
            // every match in the path (query aside) replaced, as RE2's
            // GlobalReplace does. Istio's validation refuses the
            // VirtualService when the pattern is refused, so it compiles here.
            let (pattern, with) = (rr.pattern.as_deref().unwrap_or(""), rr.rewrite.as_deref().unwrap_or(""));
            if let Some(s) = crate::routing::re2::searcher(pattern) {
                match s.replace_all(path, with) {
                    Some(p) => up_path = p,
                    None => {
                        // Nothing shown rather than a path that may be wrong.
                        sim.note(
                            "uriRegexRewrite: the rewrite of this path takes more work than the studio spends on one (a long path and a pattern that searches to its end each time); what the upstream receives is not computed.".into(),
                            "uriRegexRewrite: 이 경로의 재작성은 스튜디오가 한 번에 쓰는 계산량을 넘습니다 (긴 경로와 매번 끝까지 찾는 패턴). upstream이 받는 경로는 계산하지 않았습니다.".into(),
                        );
                        return;
                    }
                }
            }
        } else if let Some(new) = &rw.uri {
            // Envoy's prefix_rewrite replaces what the match's prefix took
            // (the whole path for an exact match).
            let kind = c.uri_of(&c.rules[route.rule].entries[route.entry]);
            up_path = match kind {
                Some((crate::routing::MatchKind::Prefix, p)) => format!("{new}{}", &path[p.len().min(path.len())..]),
                // A regex match: Envoy swaps out the whole path.
                Some((crate::routing::MatchKind::Exact | crate::routing::MatchKind::Regex, _)) => new.clone(),
                None => format!("{new}{}", path.strip_prefix('/').unwrap_or(path)),
            };
        }
    }
    sim.upstream = Some(Upstream {
        path: match &request.query {
            Some(q) => format!("{up_path}?{q}"),
            None => up_path,
        },
        authority,
    });
}

/// The `Location` of a redirect: istiod's `ApplyRedirect` (route.go) for
/// the port the route table serves, then Envoy's `newPath`
/// (source/common/router/config_impl.cc) for the request.
fn redirect_location(r: &crate::model::istio::HttpRedirect, request: &url::Request, path: &str) -> String {
    let set = |v: &Option<String>| v.clone().filter(|v| !v.is_empty());
    // The route table is port 80's; a URL with `https` is taken as the same
    // gateway ending TLS (docs/routing.md).
    let tls = request.scheme == "https";
    let port = match (r.port, r.derive_port.as_deref()) {
        (Some(p), _) => Some(p),
        // Envoy cannot derive a port: istiod writes the port it serves.
        (None, Some("FROM_REQUEST_PORT")) => Some(if tls { 443 } else { 80 }),
        _ => None,
    };
    // No explicit :80 for http, :443 for https (the scheme the redirect
    // names, else the server's).
    let named = set(&r.scheme).unwrap_or_else(|| if tls { "https" } else { "http" }.into());
    let port = port.filter(|p| *p != 0 && !((*p == 80 && named == "http") || (*p == 443 && named == "https")));
    let scheme = set(&r.scheme).unwrap_or_else(|| request.scheme.clone());
    let port = port.map(|p| format!(":{p}")).unwrap_or_default();
    let host = match set(&r.authority) {
        Some(a) => a,
        None => request_host(&request.authority, &scheme, !port.is_empty(), &request.scheme),
    };
    // The query stays unless the new path brings one.
    let mut target = match (set(&r.uri), &request.query) {
        (Some(u), _) if u.contains('?') => u,
        (Some(u), Some(q)) => format!("{u}?{q}"),
        (Some(u), None) => u,
        (None, Some(q)) => format!("{path}?{q}"),
        (None, None) => path.to_owned(),
    };
    if !target.starts_with('/') {
        target.insert(0, '/');
    }
    format!("{scheme}://{host}{port}{target}")
}

/// Envoy's `processRequestHost`: the request's `Host` loses its port when
/// the redirect names a port, or when the scheme changes away from the
/// request's and the port was that scheme's default.
fn request_host(host: &str, new_scheme: &str, new_port: bool, protocol: &str) -> String {
    let end = if host.starts_with('[') { host.rfind("]:").map(|i| i + 1) } else { host.rfind(':') };
    if let Some(end) = end {
        let port = &host[end..];
        let default_port = (protocol == "https" && port == ":443") || (protocol == "http" && port == ":80");
        if new_port || (new_scheme != protocol && default_port) {
            return host[..end].to_owned();
        }
    }
    host.to_owned()
}

/// A short one-line form of a kept value for the notes.
fn serde_json_like(v: &serde_yaml::Value) -> String {
    crate::yaml::to_string(v).map(|t| t.trim().replace('\n', "; ")).unwrap_or_default()
}
