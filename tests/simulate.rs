//! The simulator over rendered projects, the CLI's `simulate` and
//! `test-routes`, and route tests kept in the bundle.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::process::Command;
use xgen_studio::core::bundle::bundle_zip;
use xgen_studio::core::simulator::{environments_for_host, run_route_test, simulate, RouteTest, RuleKind};
use xgen_studio::core::{import, InputFile, ProjectState};

const PRD: &str = "https://jeju-xgen.x2bee.com";

#[test]
fn the_seed_routing_in_prd() {
    let s = common::example();
    let sse = simulate(&s, "prd", &format!("{PRD}/api/workflow/execute/based_id/stream?x=1"));
    assert_eq!((sse.status, sse.rule_index, sse.rule_kind), (200, Some(0), Some(RuleKind::SsePassthrough)));
    assert_eq!(sse.destination.as_ref().map(|d| (d.host.as_str(), d.port)), Some(("xgen-frontend", Some(3000))));
    let api = simulate(&s, "prd", &format!("{PRD}/x/../api/a"));
    assert_eq!((api.rule_index, api.destination.unwrap().host.as_str()), (Some(2), "xgen-backend-gateway"));
    assert!(api.reasons.iter().any(|r| r.contains("normalized to `/api/a`")));
    assert_eq!(api.application.as_deref(), Some("xgen-backend-gateway-prd"));
    assert_eq!(api.replicas, Some(2));
    assert_eq!(api.ejectable_pods, Some(1), "floor(2 x 50 / 100)");
    // `/api` does not match `prefix: /api/`: it falls through to the frontend.
    let bare = simulate(&s, "prd", &format!("{PRD}/api"));
    assert_eq!((bare.rule_index, bare.rule_kind), (Some(3), Some(RuleKind::Default)));
    assert!(bare.notes.iter().any(|n| n.contains("TLS must end")), "https without an HTTPS server");
    let unknown = simulate(&s, "prd", "http://other.example.com/");
    assert_eq!((unknown.status, unknown.rule_index, unknown.destination), (404, None, None));
}

#[test]
fn a_destination_missing_from_the_environment_is_a_503() {
    let values = "serviceName: xgen-frontend\nport: 3000\ningress:\n  enabled: true\n  routes:\n    - {prefix: /model/, service: xgen-model, port: 8000}\n";
    let s = import(&common::example(), &[InputFile::new("xgen-frontend.yaml", values)]).unwrap();
    let sim = simulate(&s, "dev", "http://xgen.x2bee.com/model/x");
    assert_eq!(sim.status, 503);
    assert!(sim.notes.iter().any(|n| n.contains("not deployed in dev")));
    assert_eq!(simulate(&s, "prd", &format!("{PRD}/model/x")).status, 200);
}

#[test]
fn the_environment_is_found_from_the_host() {
    let s = common::example();
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
    let results: Vec<bool> = tests.iter().map(|t| run_route_test(&s, t).passed).collect();
    assert_eq!(results, [true, true, false], "`/api` is not under `/api/`");
    let failed = run_route_test(&s, &tests[2]);
    assert!(failed.message.contains("expected xgen-backend-gateway, got xgen-frontend:3000"), "{}", failed.message);
    let back = import(&ProjectState::empty(), &[InputFile::new("b.zip", bundle_zip(&s).unwrap())]).unwrap();
    assert_eq!(back.settings.route_tests, Some(tests));
    let t = RouteTest { env: "prd".into(), url: format!("{PRD}/"), service: "xgen-frontend".into(), port: Some(9999) };
    assert!(!run_route_test(&s, &t).passed, "a wrong port fails");
}

fn cli(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xgen-studio")).args(args).output().unwrap()
}

#[test]
fn cli_simulate_json_is_one_object_per_url_in_order() {
    let example = common::manifest_dir().join("public/examples/xgen.yaml").display().to_string();
    let out =
        cli(&["simulate", &example, "--env", "prd", "--format", "json", &format!("{PRD}/api/x"), "http://nope.com/"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let a = v.as_array().unwrap();
    assert_eq!(a.len(), 2);
    assert_eq!(a[0]["url"], format!("{PRD}/api/x"));
    assert_eq!(a[0]["env"], "prd");
    assert_eq!(a[0]["status"], 200);
    assert_eq!(a[0]["rule_index"], 2);
    assert_eq!(a[0]["destination"]["host"], "xgen-backend-gateway");
    assert_eq!(a[0]["destination"]["port"], 8000);
    assert!(a[0]["reasons"].as_array().unwrap().len() >= 2);
    assert_eq!(a[1]["status"], 404);
    assert!(a[1]["rule_index"].is_null() && a[1]["destination"].is_null());
    let bad_env = cli(&["simulate", &example, "--env", "qa", "http://x.com/"]);
    assert_eq!(bad_env.status.code(), Some(2));
}

#[test]
fn cli_test_routes_exits_1_on_a_failure() {
    let dir = std::env::temp_dir().join(format!("xgen-routes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let example = common::manifest_dir().join("public/examples/xgen.yaml").display().to_string();
    let all = dir.join("tests.yaml");
    std::fs::write(&all, tests_file()).unwrap();
    let out = cli(&["test-routes", &example, "--tests", &all.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("FAIL http://xgen.x2bee.com/api [dev]") && text.contains("2 passed, 1 failed"), "{text}");
    let passing = dir.join("pass.yaml");
    std::fs::write(&passing, tests_file().lines().take(3).collect::<Vec<_>>().join("\n")).unwrap();
    let out = cli(&["test-routes", &example, "--tests", &passing.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let none = cli(&["test-routes", &example]);
    assert_eq!(none.status.code(), Some(2), "no tests is not a pass");
}

#[test]
fn every_reason_and_note_has_its_korean() {
    let korean = |s: &String| xgen_studio::i18n::has_hangul(s);
    let s = common::example();
    let urls = [
        format!("{PRD}/api/workflow/execute/based_id/stream"),
        format!("{PRD}/x/../api/a"),
        format!("{PRD}/api"),
        "http://other.example.com/".to_owned(),
        "not a url".to_owned(),
    ];
    for url in &urls {
        let sim = simulate(&s, "prd", url);
        assert_eq!(sim.reasons.len(), sim.reasons_ko.len(), "{url}");
        assert_eq!(sim.notes.len(), sim.notes_ko.len(), "{url}");
        assert!(
            !sim.reasons_ko.is_empty() && sim.reasons_ko.iter().chain(&sim.notes_ko).all(korean),
            "{url}: {sim:#?}"
        );
    }
    let test = RouteTest { env: "prd".into(), url: format!("{PRD}/api/a"), service: "xgen-core".into(), port: None };
    let result = run_route_test(&s, &test);
    assert!(!result.passed && korean(&result.message_ko), "{}", result.message_ko);
}
