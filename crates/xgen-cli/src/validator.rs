//! `test-routes` over istio-config-validator's test-case files
//! (getyourguide/istio-config-validator, docs/test-cases.md), so that a
//! team brings its tests along: each case's request is unfolded into every
//! authority × method × uri, with its headers, and simulated; the rule
//! that answers is compared as data with the case's `route`, `redirect`,
//! `rewrite`, `fault`, `headers` and `delegate`, each equal exactly when
//! `wantMatch` says so (its `unit.Run` compares with `reflect.DeepEqual`).

use serde::{Deserialize, Serialize};
use serde_yaml::Value;
use xgen_core::rendered::Rendered;
use xgen_core::simulator::{simulate_request, Extra, Gateway};

#[derive(Debug, Deserialize)]
struct File {
    #[serde(rename = "testCases", default)]
    test_cases: Vec<Case>,
}

#[derive(Debug, Deserialize)]
pub struct Case {
    #[serde(default)]
    description: String,
    request: Request,
    #[serde(rename = "wantMatch", default)]
    want_match: bool,
    route: Option<Value>,
    redirect: Option<Value>,
    rewrite: Option<Value>,
    fault: Option<Value>,
    headers: Option<Value>,
    delegate: Option<Value>,
}

#[derive(Debug, Deserialize)]
struct Request {
    #[serde(default)]
    authority: Vec<String>,
    #[serde(default)]
    method: Vec<String>,
    #[serde(default)]
    uri: Vec<String>,
    #[serde(default)]
    headers: std::collections::BTreeMap<String, String>,
}

/// One unfolded request of a case and its verdict.
#[derive(Debug, Serialize)]
pub struct Outcome {
    pub description: String,
    pub method: String,
    pub url: String,
    pub env: String,
    pub passed: bool,
    pub message: String,
}

/// True when the text is a test-case file (a `testCases` key at the top of
/// a document).
pub fn is_validator_file(text: &str) -> bool {
    xgen_core::yaml::documents(text).iter().any(|d| d.as_ref().is_ok_and(|v| v.get("testCases").is_some()))
}

/// Reads every document's `testCases`.
pub fn read(file: &str, text: &str) -> Result<Vec<Case>, String> {
    let mut out = Vec::new();
    for doc in xgen_core::yaml::documents(text) {
        let doc = doc.map_err(|e| format!("{file}: {e}"))?;
        let f: File = serde_yaml::from_value(doc).map_err(|e| format!("{file}: {e}"))?;
        out.extend(f.test_cases);
    }
    Ok(out)
}

/// Numbers compared by value (`8000` and `8000.0` alike), as protobuf's do.
fn normal(v: &Value) -> Value {
    match v {
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Value::Number((f as i64).into()),
            _ => v.clone(),
        },
        Value::Sequence(s) => Value::Sequence(s.iter().map(normal).collect()),
        Value::Mapping(m) => Value::Mapping(m.iter().map(|(k, v)| (normal(k), normal(v))).collect()),
        other => other.clone(),
    }
}

/// Runs the cases in `env`.
pub fn run(rendered: &Rendered, env: &str, cases: &[Case]) -> Result<Vec<Outcome>, String> {
    let gateway = rendered.env(env).map(Gateway::new);
    let simulate = |url: &str, extra: &Extra| match &gateway {
        Some(g) => g.simulate(url, extra),
        None => simulate_request(rendered, env, url, extra),
    };
    let mut out = Vec::new();
    for case in cases {
        let r = &case.request;
        if r.authority.is_empty() || r.method.is_empty() || r.uri.is_empty() {
            return Err(format!("test case `{}`: authority, method and uri each need one entry", case.description));
        }
        let headers: Vec<(String, String)> = r.headers.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        for uri in &r.uri {
            for authority in &r.authority {
                for method in &r.method {
                    let url = format!("http://{authority}{uri}");
                    let sim = simulate(&url, &Extra { method, headers: &headers });
                    let rule = sim.rule.clone().unwrap_or(Value::Null);
                    let mut wrong = Vec::new();
                    for (what, want) in [
                        ("route", &case.route),
                        ("redirect", &case.redirect),
                        ("rewrite", &case.rewrite),
                        ("fault", &case.fault),
                        ("headers", &case.headers),
                        ("delegate", &case.delegate),
                    ] {
                        let Some(want) = want else { continue };
                        let got = rule.get(what).map(normal).unwrap_or(Value::Null);
                        if (got == normal(want)) != case.want_match {
                            let shown = |v: &Value| serde_json::to_string(v).unwrap_or_default();
                            let verb = if case.want_match { "want" } else { "must not be" };
                            wrong.push(format!("{what} {}, {verb} {}", shown(&got), shown(want)));
                        }
                    }
                    let who = match (&sim.virtual_service_namespace, &sim.virtual_service, sim.rule_index) {
                        (Some(ns), Some(vs), Some(i)) => format!("{ns}/{vs} rule {i}"),
                        _ => format!("no rule (status {})", sim.status),
                    };
                    let passed = wrong.is_empty();
                    let message =
                        if passed { format!("as expected ({who})") } else { format!("{} ({who})", wrong.join("; ")) };
                    out.push(Outcome {
                        description: case.description.clone(),
                        method: method.clone(),
                        url,
                        env: env.to_owned(),
                        passed,
                        message,
                    });
                }
            }
        }
    }
    Ok(out)
}
