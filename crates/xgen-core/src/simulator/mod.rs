//! The route simulator (docs/routing.md): what Istio does with a URL in an environment,
//! and why, computed from the rendered Gateways and VirtualServices. Route
//! tests (docs/routing.md, in the spirit of Envoy's `router_check_tool`) run it over a
//! table of URLs and expected services.

#[cfg(feature = "bench")]
pub mod bench;
pub mod gateway;
pub mod url;

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
    pub virtual_service: Option<String>,
    /// The Gateway host pattern that took the request (exact, `*.suffix` or `*`).
    pub gateway_host: Option<String>,
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
            virtual_service: None,
            gateway_host: None,
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

/// Simulates `url` in `env` of a rendered state.
pub fn simulate(rendered: &Rendered, env: &str, url: &str) -> Simulation {
    let mut sim = Simulation::new(url, env);
    let request = match url::parse(url) {
        Ok(r) => r,
        Err(e) => {
            sim.reason(
                format!("not a URL the gateway can receive: {e}"),
                format!("게이트웨이가 받을 수 있는 URL이 아닙니다: {e}"),
            );
            return sim;
        }
    };
    let Some(env_render) = rendered.env(env) else {
        sim.reason(format!("the project has no environment `{env}`"), format!("프로젝트에 `{env}` 환경이 없습니다"));
        return sim;
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
    for refused in gateway::refused(env_render) {
        if let Some(said) = refusal_said(&refused, &request.host) {
            sim.reasons.push(said.clone());
            sim.refused.push(said);
        }
    }
    let hosts = gateway::virtual_hosts(env_render);
    let Some(vhost) = gateway::pick(&hosts, &request.host) else {
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
    if let [first, second, ..] = vhost.virtual_services.as_slice() {
        sim.note(
            format!("{first} and {second} both claim `{matched_host}`: istiod merges their routes in creation order (name order when applied together), catch-alls last."),
            format!("{first}와(과) {second}이(가) 모두 `{matched_host}`을(를) 받습니다: istiod는 생성 순서(함께 적용되면 이름 순서)로 라우트를 합치고 catch-all은 마지막에 둡니다."),
        );
    }
    if request.scheme == "https" {
        let has_https = vhost.routes.iter().any(|r| {
            r.output.objects.gateway.as_ref().is_some_and(|g| g.spec.servers.iter().any(|s| s.port.protocol == "HTTPS"))
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
    for route in &vhost.routes {
        let matcher = route.output.matcher.as_ref().expect("a VirtualService has rules");
        let vs_name = route.output.objects.virtual_service.as_ref().map_or("", |v| v.metadata.name.as_str());
        if matcher.rule_matches(route.rule, &path) {
            chosen = Some(*route);
            break;
        }
        let why = matcher.miss(route.rule, &path);
        let (en, ko) = if vhost.virtual_services.len() > 1 {
            (format!("{vs_name} rule {}", route.rule), format!("{vs_name} 규칙 {}", route.rule))
        } else {
            (format!("rule {}", route.rule), format!("규칙 {}", route.rule))
        };
        sim.reasons.push(Said::new(format!("{en}: {}", why.en()), format!("{ko}: {}", why.ko())));
    }
    let Some(route) = chosen else {
        let names = vhost.virtual_services.join(", ");
        sim.reason(
            format!("no rule of {names} matches `{path}`: 404"),
            format!("{names}의 어떤 규칙도 `{path}`와(과) 맞지 않습니다: 404"),
        );
        return sim;
    };
    let index = route.rule;
    let ingress = route.output;
    let objects = &ingress.objects;
    let vs = objects.virtual_service.as_ref().expect("routes come from VirtualServices");
    sim.virtual_service = Some(vs.metadata.name.clone());
    let rule = &objects.routes[index];
    let host = rule.host.clone();
    let port = rule.port_number();
    let own = ingress.objects.deployment.metadata.name.clone();
    match rule.kind {
        RuleKind::Default => sim.reason(
            format!("rule {index} has no match: it takes every request left"),
            format!("규칙 {index}에는 match가 없어 남은 요청을 모두 받습니다"),
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

/// What a refused VirtualService means for a request to `host`: Istio's
/// refusal matters where the VirtualService would have routed the host;
/// Envoy's refusal of the route configuration, for every host.
fn refusal_said(refused: &gateway::Refused, host: &str) -> Option<Said> {
    let name = &refused.name;
    let r = refused.refusal;
    let (i, regex) = (r.rule, &r.regex);
    match &r.refusal {
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
    let sim = simulate(rendered, &test.env, &test.url);
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
    tests.iter().map(|t| run_route_test(rendered, t)).collect()
}
