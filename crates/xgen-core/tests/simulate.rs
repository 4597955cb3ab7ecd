//! The simulator over rendered projects, and route tests kept in the bundle.

mod common;

use xgen_core::bundle::bundle_zip;
use xgen_core::routing::RuleKind;
use xgen_core::simulator::{environments_for_host, run_route_test, simulate, RouteTest};
use xgen_core::{import, InputFile, ProjectState};

const PRD: &str = "https://jeju-xgen.x2bee.com";

#[test]
fn the_seed_routing_in_prd() {
    let s = common::rendered(&common::example());
    let sse = simulate(&s, "prd", &format!("{PRD}/api/workflow/execute/based_id/stream?x=1"));
    assert_eq!((sse.status, sse.rule_index, sse.rule_kind), (200, Some(0), Some(RuleKind::Sse)));
    assert_eq!(sse.destination.as_ref().map(|d| (d.host.as_str(), d.port)), Some(("xgen-frontend", Some(3000))));
    let api = simulate(&s, "prd", &format!("{PRD}/x/../api/a"));
    assert_eq!((api.rule_index, api.destination.unwrap().host.as_str()), (Some(2), "xgen-backend-gateway"));
    assert_eq!((api.path.as_deref(), api.path_rewritten), (Some("/api/a"), true));
    assert!(api.reasons.iter().any(|r| r.en().contains("normalizes `/x/../api/a` to `/api/a`")));
    assert_eq!(api.application.as_deref(), Some("xgen-backend-gateway-prd"));
    assert_eq!(api.replicas, Some(2));
    assert_eq!(api.ejectable_pods, Some(1), "floor(2 x 50 / 100)");
    // `/api` does not match `prefix: /api/`: it falls through to the frontend.
    let bare = simulate(&s, "prd", &format!("{PRD}/api"));
    assert_eq!((bare.rule_index, bare.rule_kind), (Some(3), Some(RuleKind::Default)));
    assert_eq!((bare.path.as_deref(), bare.path_rewritten), (Some("/api"), false), "matched as typed");
    let accented = simulate(&s, "prd", &format!("{PRD}/café"));
    assert_eq!((accented.path.as_deref(), accented.path_rewritten), (Some("/caf%C3%A9"), true), "sent encoded");
    assert!(bare.notes.iter().any(|n| n.en().contains("TLS must end")), "https without an HTTPS server");
    let encoded = simulate(&s, "prd", &format!("{PRD}/%2e%2e/api/x"));
    assert_eq!((encoded.path.as_deref(), encoded.rule_index), (Some("/api/x"), Some(2)));
    let nul = simulate(&s, "prd", &format!("{PRD}/api/a%00"));
    assert_eq!((nul.status, nul.rule_index, nul.path), (400, None, None));
    assert!(nul.reasons.iter().any(|r| r.en().contains("%00")));
    let unknown = simulate(&s, "prd", "http://other.example.com/");
    assert_eq!((unknown.status, unknown.rule_index, unknown.destination), (404, None, None));
}

#[test]
fn a_destination_missing_from_the_environment_is_a_503() {
    let values = "serviceName: xgen-frontend\nport: 3000\ningress:\n  enabled: true\n  routes:\n    - {prefix: /model/, service: xgen-model, port: 8000}\n";
    let s = common::rendered(&import(&common::example(), &[InputFile::new("xgen-frontend.yaml", values)]).unwrap());
    let sim = simulate(&s, "dev", "http://xgen.x2bee.com/model/x");
    assert_eq!(sim.status, 503);
    assert!(sim.notes.iter().any(|n| n.en().contains("not deployed in dev")));
    assert_eq!(simulate(&s, "prd", &format!("{PRD}/model/x")).status, 200);
}

#[test]
fn the_environment_is_found_from_the_host() {
    let s = common::rendered(&common::example());
    assert_eq!(environments_for_host(&s, "XGEN.x2bee.com"), ["dev"]);
    assert_eq!(environments_for_host(&s, "jeju-xgen.x2bee.com"), ["prd"]);
    assert!(environments_for_host(&s, "nope.com").is_empty());
}

fn tests_file() -> String {
    format!(
        "routeTests:\n  - {{env: prd, url: '{PRD}/api/workflow/execute/deploy/stream', service: xgen-frontend, port: 3000}}\n  - {{env: prd, url: '{PRD}/api/v1/x', service: xgen-backend-gateway}}\n  - {{env: dev, url: 'http://xgen.x2bee.com/api', service: xgen-backend-gateway}}\n"
    )
}

#[test]
fn route_tests_pass_fail_and_travel_in_the_bundle() {
    let settings = format!("apiVersion: xgen-studio/v1\nkind: StudioSettings\n{}", tests_file());
    let s = import(&common::example(), &[InputFile::new("xgen-studio.yaml", settings.as_bytes())]).unwrap();
    let tests = s.settings.route_tests.clone().unwrap();
    let rendered = common::rendered(&s);
    let results: Vec<bool> = tests.iter().map(|t| run_route_test(&rendered, t).passed).collect();
    assert_eq!(results, [true, true, false], "`/api` is not under `/api/`");
    let failed = run_route_test(&rendered, &tests[2]);
    assert!(
        failed.message.en().contains("expected xgen-backend-gateway, got xgen-frontend:3000"),
        "{}",
        failed.message
    );
    let back = import(&ProjectState::empty(), &[InputFile::new("b.zip", bundle_zip(&rendered).unwrap())]).unwrap();
    assert_eq!(back.settings.route_tests, Some(tests));
    let t = RouteTest {
        env: "prd".into(),
        url: format!("{PRD}/"),
        service: "xgen-frontend".into(),
        port: Some(9999),
        ..Default::default()
    };
    assert!(!run_route_test(&rendered, &t).passed, "a wrong port fails");
}

#[test]
fn every_reason_and_note_has_its_korean() {
    let korean = |s: &xgen_core::i18n::Said| xgen_core::i18n::has_hangul(s.ko());
    let s = common::rendered(&common::example());
    let urls = [
        format!("{PRD}/api/workflow/execute/based_id/stream"),
        format!("{PRD}/x/../api/a"),
        format!("{PRD}/api"),
        "http://other.example.com/".to_owned(),
        "not a url".to_owned(),
    ];
    for url in &urls {
        let sim = simulate(&s, "prd", url);
        assert!(!sim.reasons.is_empty() && sim.reasons.iter().chain(&sim.notes).all(korean), "{url}: {sim:#?}");
    }
    let test = RouteTest {
        env: "prd".into(),
        url: format!("{PRD}/api/a"),
        service: "xgen-core".into(),
        port: None,
        ..Default::default()
    };
    let result = run_route_test(&s, &test);
    assert!(!result.passed && korean(&result.message), "{:?}", result.message);
}

/// A VirtualService with a regex Istio's validation refuses is not routed
/// through as if applied: none of its rules route, and the simulator and
/// route tests say that the cluster keeps what it had (docs/routing.md).
#[test]
fn a_virtual_service_istio_refuses_never_routes() {
    let s = common::rendered(&common::routing_fixture());
    let stg = "http://stg.routing.example.test";
    let sim = simulate(&s, "stg", &format!("{stg}/refused/x"));
    assert_ne!(sim.virtual_service.as_deref(), Some("refused-istio-vs"), "{sim:#?}");
    let why = sim.reasons.iter().find(|r| r.en().contains("VirtualService `routing/refused-istio-vs`"));
    let why = why.unwrap_or_else(|| panic!("the refusal is a reason: {:#?}", sim.reasons));
    assert!(why.en().contains("refused by Istio's validation") && why.en().contains("keeps what it had"), "{why}");
    assert!(xgen_core::i18n::has_hangul(why.ko()));
    let elsewhere = simulate(&s, "stg", "http://docs.example.test/p/x");
    assert!(elsewhere.refused.is_empty(), "another host: Istio's refusal does not bear on it");
    let test = RouteTest {
        env: "stg".into(),
        url: format!("{stg}/refused/x"),
        service: "refused-istio".into(),
        port: None,
        ..Default::default()
    };
    let result = run_route_test(&s, &test);
    assert!(!result.passed);
    assert!(result.message.en().contains("refused by Istio's validation"), "{}", result.message);
    assert!(xgen_core::i18n::has_hangul(result.message.ko()));
}

/// A VirtualService whose regex Envoy refuses (RE2's program past istiod's
/// 32768 instructions) makes Envoy refuse the whole route configuration:
/// every answer of that environment says so, and routes without it.
#[test]
fn a_virtual_service_envoy_refuses_is_left_out_and_said_for_every_host() {
    let s = common::rendered(&common::routing_fixture());
    let sim = simulate(&s, "prd", "http://routing.example.test/huge-prefix/x");
    assert_ne!(sim.virtual_service.as_deref(), Some("refused-envoy-vs"), "{sim:#?}");
    let said = sim.refused.first().expect("the refusal bears on every host");
    assert!(said.en().contains("Envoy refuses the gateway's route configuration"), "{said}");
    assert!(said.en().contains("35974 instructions"), "{said}");
    let other = simulate(&s, "prd", "http://unknown.example.test/");
    assert_eq!(other.refused.len(), 1, "Envoy keeps its previous routes for every host");
    let dev = simulate(&s, "dev", "http://a.dev.routing.example.test/");
    assert!(dev.refused.is_empty(), "another environment, another gateway");
}

/// Envoy reads at most 60 KiB of request head (max_request_headers_kb):
/// past it, 431 before any route, so no path costs the matcher more.
#[test]
fn a_request_head_past_60_kib_is_a_431() {
    let s = common::rendered(&common::example());
    let room = 60 * 1024 - 25 - "jeju-xgen.x2bee.com".len();
    let fits = simulate(&s, "prd", &format!("{PRD}/{}", "a".repeat(room - 1)));
    assert_eq!(fits.status, 200, "{:?}", fits.reasons);
    let over = simulate(&s, "prd", &format!("{PRD}/{}", "a".repeat(room)));
    assert_eq!((over.status, over.rule_index), (431, None));
    assert!(over.reasons.iter().any(|r| r.en().contains("431") && xgen_core::i18n::has_hangul(r.ko())));
    let query = simulate(&s, "prd", &format!("{PRD}/a?{}", "q".repeat(room)));
    assert_eq!(query.status, 431, "the query is part of the request line");
}
