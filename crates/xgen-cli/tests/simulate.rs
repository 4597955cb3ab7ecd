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
