//! `xgen-studio simulate` and `xgen-studio test-routes`.

mod common;

use std::process::Command;

const PRD: &str = "https://jeju-xgen.x2bee.com";

fn tests_file() -> String {
    format!(
        "routeTests:\n  - {{env: prd, url: '{PRD}/api/workflow/execute/deploy/stream', service: xgen-frontend, port: 3000}}\n  - {{env: prd, url: '{PRD}/api/v1/x', service: xgen-backend-gateway}}\n  - {{env: dev, url: 'http://xgen.x2bee.com/api', service: xgen-backend-gateway}}\n"
    )
}

fn cli(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xgen-studio")).args(args).output().unwrap()
}

#[test]
fn cli_simulate_json_is_one_object_per_url_in_order() {
    let example = common::example_path();
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
    let example = common::example_path();
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

/// `--objects ENV=FILE` brings the cluster's own Istio objects in; `--method`
/// and `--header` set the request (docs/routing.md, "The whole gateway").
#[test]
fn cli_simulate_covers_the_whole_gateway() {
    let example = common::example_path();
    let dump = common::repo_root().join("tests/fixtures/cluster/example-dev.yaml").display().to_string();
    let objects = format!("dev={dump}");
    let out = cli(&[
        "simulate",
        &example,
        "--env",
        "dev",
        "--objects",
        &objects,
        "--method",
        "POST",
        "--header",
        "X-Canary: 1",
        "--format",
        "json",
        "http://xgen.x2bee.com/submit",
        "http://xgen.x2bee.com/canary/x",
        "http://status.x2bee.com/old/a?q=1",
        "http://status.x2bee.com/healthz",
        "http://xgen.x2bee.com/",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let a = v.as_array().unwrap();
    assert_eq!(a[0]["virtual_service"], "canary");
    assert_eq!(a[0]["virtual_service_namespace"], "team-b");
    assert_eq!(a[0]["upstream"], serde_json::json!({"path": "/v2/submit", "authority": "forms.internal"}));
    assert_eq!(
        a[1]["destinations"][1],
        serde_json::json!({"host": "canary", "port": 8080, "subset": "v2", "weight": 10})
    );
    assert_eq!(a[1]["status"], 200, "v2, undefined, takes 10%");
    assert_eq!(a[2]["redirect"], serde_json::json!({"status": 302, "location": "http://status.x2bee.com/new/?q=1"}));
    assert_eq!(a[3]["direct_response"], serde_json::json!({"status": 200, "body": "ok"}));
    assert_eq!(a[4]["virtual_service"], "xgen-frontend-vs");
    assert_eq!(a[4]["virtual_service_source"], "chart");
    assert!(a[4]["redirect"].is_null() && a[4]["direct_response"].is_null());
    // Without the objects, the imported hosts are not served.
    let out = cli(&["simulate", &example, "--env", "dev", "--format", "json", "http://status.x2bee.com/healthz"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["status"], 404);
    // The flags on the other commands, and their errors.
    let out = cli(&["lint", &example, "--objects", &objects]);
    assert_ne!(out.status.code(), Some(2), "lint: {}", String::from_utf8_lossy(&out.stderr));
    let tests = std::env::temp_dir().join(format!("xgen-whole-gateway-tests-{}.yaml", std::process::id()));
    std::fs::write(&tests, "- {env: dev, url: 'http://xgen.x2bee.com/team-api/x', service: team-b-api}\n").unwrap();
    let tests_arg = tests.display().to_string();
    let out = cli(&["test-routes", &example, "--tests", &tests_arg, "--objects", &objects]);
    assert_eq!(out.status.code(), Some(0), "an imported route passes: {}", String::from_utf8_lossy(&out.stdout));
    let out = cli(&["test-routes", &example, "--tests", &tests_arg]);
    assert_eq!(out.status.code(), Some(1), "without the objects the chart's catch-all answers");
    std::fs::remove_file(&tests).ok();
    let out = cli(&["diff", "--base", &example, "--head", &example, "--objects", &objects]);
    assert_eq!(out.status.code(), Some(0), "the same objects on both sides: {}", String::from_utf8_lossy(&out.stderr));
    let out = cli(&["simulate", &example, "--env", "dev", "--objects", &dump, "http://x.test/"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ENV=FILE"));
    let out = cli(&["simulate", &example, "--env", "dev", "--objects", "qa=/nonexistent.yaml", "http://x.test/"]);
    assert_eq!(out.status.code(), Some(2));
    let out = cli(&["simulate", &example, "--env", "dev", "--header", "no colon", "http://x.test/"]);
    assert_eq!(out.status.code(), Some(2));
}

/// `test-routes` reads istio-config-validator's test cases (its
/// docs/test-cases.md) and runs them over the whole gateway.
#[test]
fn cli_test_routes_runs_istio_config_validator_cases() {
    let example = common::example_path();
    let root = common::repo_root();
    let objects = format!("dev={}", root.join("tests/fixtures/cluster/example-dev.yaml").display());
    let cases = root.join("tests/fixtures/cluster/validator-tests.yaml").display().to_string();
    let out =
        cli(&["test-routes", &example, "--objects", &objects, "--env", "dev", "--tests", &cases, "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = v.as_array().unwrap();
    assert_eq!(results.len(), 4 + 1 + 1 + 1 + 1 + 1, "every authority x method x uri of each case");
    assert!(results.iter().all(|r| r["passed"] == true));
    // Without the cluster's objects the canary is not there: the cases fail.
    let out = cli(&["test-routes", &example, "--env", "dev", "--tests", &cases]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("FAIL the canary takes flagged requests: GET http://xgen.x2bee.com/canary/a [dev]"),
        "{text}"
    );
    // The environment is required for these.
    let out = cli(&["test-routes", &example, "--tests", &cases]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--env"));
}
