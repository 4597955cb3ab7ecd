//! Each check fires where it should (code, severity, file, path), and the
//! example project has no errors.

mod common;

use xgen_core::checks::{Problem, Severity};
use xgen_core::i18n::has_hangul;
use xgen_core::{import, InputFile, ProjectState};

const PROJECT: &str = "project: {name: p, namespace: p}
destinations:
  dev: {server: https://k, domain: p.example.com}
environments:
  dev:
    services:
      - name: xgen-frontend
        hasDomain: true
      - name: xgen-backend-gateway
";

fn frontend(routes: &str) -> String {
    format!("serviceName: xgen-frontend\nport: 3000\ningress:\n  enabled: true\n  hosts: []\n  frontendRoutes: [/api/stream]\n  routes:\n{routes}")
}

fn problems(files: &[(&str, &str)]) -> Vec<Problem> {
    let inputs: Vec<InputFile> = files.iter().map(|(n, t)| InputFile::new(*n, t.as_bytes())).collect();
    let ps = common::lint(&import(&ProjectState::empty(), &inputs).unwrap_or_else(|e| panic!("{e}")));
    // Every problem the page can show in Korean has its Korean message and hint.
    for p in &ps {
        assert!(
            has_hangul(p.message().ko()) && has_hangul(p.hint().ko()),
            "{} has no Korean: {:?}",
            p.code(),
            p.message()
        );
    }
    ps
}

fn find<'a>(ps: &'a [Problem], code: &str) -> &'a Problem {
    ps.iter().find(|p| p.code() == code).unwrap_or_else(|| panic!("no {code} in {ps:#?}"))
}

fn assert_problem(ps: &[Problem], code: &str, severity: Severity, file: &str, path: &str) {
    let p = find(ps, code);
    assert_eq!((p.severity(), p.file(), p.path()), (severity, file, path), "{p:#?}");
    assert!(!p.message().en().is_empty() && !p.hint().en().is_empty());
}

const FE: &str = "k3s/helm-chart/values/xgen-frontend.yaml";
const PF: &str = "k3s/argocd/projects/p.yaml";
const CHART: &str = "k3s/helm-chart/values.yaml";

#[test]
fn the_example_has_no_errors() {
    let ps = common::lint(&common::example());
    assert!(ps.iter().all(|p| p.severity() != Severity::Error), "{ps:#?}");
    // The seed's own policy is flagged for what it is.
    for code in ["XS303", "XS304", "XS305"] {
        find(&ps, code);
    }
}

#[test]
fn routes() {
    let r = |routes: &str| problems(&[("p.yaml", PROJECT), ("xgen-frontend.yaml", &frontend(routes))]);
    let ps = r("    - {prefix: /api/, service: xgen-core, port: 8000}\n");
    assert_problem(&ps, "XS101", Severity::Error, FE, "ingress.routes[0].service");
    let ps = r("    - {prefix: /api/, service: xgen-backend-gateway, port: 9000}\n");
    assert_problem(&ps, "XS102", Severity::Error, FE, "ingress.routes[0].port");
    let ps = r("    - {prefix: /api/, service: xgen-backend-gateway, port: 8000}\n    - {prefix: /api/v2/, service: xgen-backend-gateway, port: 8000}\n");
    assert_problem(&ps, "XS103", Severity::Error, FE, "ingress.routes[1].prefix");
    let ps = r("    - {prefix: /api/, service: xgen-backend-gateway, port: 8000}\n    - {exact: /api/health, service: xgen-backend-gateway, port: 8000}\n");
    assert_problem(&ps, "XS103", Severity::Error, FE, "ingress.routes[1].exact");
    let ps = r("    - {prefix: /api/, service: xgen-backend-gateway, port: 8000}\n    - {regex: '/api/v[0-9]+/.*', service: xgen-backend-gateway, port: 8000}\n");
    assert_problem(&ps, "XS104", Severity::Warning, FE, "ingress.routes[1].regex");
    let ps = r("    - {prefix: /x/, service: xgen-backend-gateway, port: 8000}\n    - {prefix: /x/, service: xgen-backend-gateway, port: 8000}\n");
    assert_problem(&ps, "XS105", Severity::Warning, FE, "ingress.routes[1].prefix");
    assert!(ps.iter().all(|p| p.code() != "XS103"), "a duplicate is XS105, not also XS103");
    let ps = r("    - {prefix: api/, service: xgen-backend-gateway, port: 8000}\n");
    assert_problem(&ps, "XS106", Severity::Error, FE, "ingress.routes[0].prefix");
    let ps = r("    - {regex: '(?<=a)b', service: xgen-backend-gateway, port: 8000}\n");
    assert_problem(&ps, "XS107", Severity::Error, FE, "ingress.routes[0].regex");
    // Correct ordering (specific before general) is not a problem.
    let ps = r("    - {prefix: /api/v2/, service: xgen-backend-gateway, port: 8000}\n    - {prefix: /api/, service: xgen-backend-gateway, port: 8000}\n");
    assert!(ps.iter().all(|p| !p.code().starts_with("XS10")), "{ps:#?}");
}

#[test]
fn missing_domain() {
    let ps = problems(&[("p.yaml", &PROJECT.replace(", domain: p.example.com", ""))]);
    assert_problem(&ps, "XS108", Severity::Error, PF, "environments.dev.services[0].hasDomain");
}

#[test]
fn kubernetes_names() {
    let ps = problems(&[(
        "p.yaml",
        &PROJECT.replace("project: {name: p, namespace: p}", "project: {name: P_1, namespace: Team NS}"),
    )]);
    assert_problem(&ps, "XS210", Severity::Error, PF, "project.name");
    assert!(ps.iter().any(|p| p.code() == "XS210" && p.path() == "project.namespace"), "{ps:#?}");
    let ps = with_gateway("        namespace: Other\n");
    assert_problem(&ps, "XS210", Severity::Error, PF, "environments.dev.services[1].namespace");
}

#[test]
fn environments_and_destinations() {
    let ps = problems(&[("p.yaml", &format!("{PROJECT}  stg:\n    services: [{{name: xgen-core}}]\n"))]);
    assert_problem(&ps, "XS201", Severity::Error, PF, "environments.stg");
    let with_spare = PROJECT.replace("destinations:\n", "destinations:\n  qa: {server: https://q}\n");
    let ps = problems(&[("p.yaml", &with_spare)]);
    assert_problem(&ps, "XS211", Severity::Warning, PF, "destinations.qa");
    assert!(!ps.iter().any(|p| p.code() == "XS201"), "{ps:#?}");
}

#[test]
fn values_file_overrides_the_project() {
    let project = PROJECT.replace(
        "      - name: xgen-backend-gateway\n",
        "      - name: xgen-backend-gateway\n        resources: {requests: {cpu: 100m}}\n",
    );
    let values = "serviceName: xgen-backend-gateway\nenvironments:\n  dev:\n    resources: {requests: {cpu: 1}}\n";
    let ps = problems(&[("p.yaml", &project), ("xgen-backend-gateway.yaml", values)]);
    assert_problem(
        &ps,
        "XS202",
        Severity::Warning,
        "k3s/helm-chart/values/xgen-backend-gateway.yaml",
        "environments.dev.resources",
    );
}

fn with_gateway(extra: &str) -> Vec<Problem> {
    let project = PROJECT
        .replace("      - name: xgen-backend-gateway\n", &format!("      - name: xgen-backend-gateway\n{extra}"));
    problems(&[("p.yaml", &project)])
}

#[test]
fn replicas_and_autoscaling() {
    let path = "environments.dev.services[1]";
    let ps = with_gateway("        autoscaling: {minReplicas: 5, maxReplicas: 2}\n");
    assert_problem(&ps, "XS204", Severity::Error, PF, &format!("{path}.autoscaling.minReplicas"));
    let ps = with_gateway("        autoscaling: {maxReplicas: 0}\n");
    assert_problem(&ps, "XS205", Severity::Error, PF, &format!("{path}.autoscaling.maxReplicas"));
    let ps = with_gateway("        replicas: 9\n        autoscaling: {minReplicas: 1, maxReplicas: 4}\n");
    assert_problem(&ps, "XS206", Severity::Warning, PF, &format!("{path}.replicas"));
    let ps = with_gateway("        replicas: 9\n        autoscaling: {enabled: false}\n");
    assert!(ps.iter().all(|p| p.code() != "XS206"), "no range when autoscaling is off");
}

#[test]
fn resources() {
    let path = "environments.dev.services[1].resources";
    let ps = with_gateway("        resources: {requests: {cpu: '2'}, limits: {cpu: 1000m}}\n");
    assert_problem(&ps, "XS207", Severity::Error, PF, &format!("{path}.requests.cpu"));
    let ps = with_gateway("        resources: {limits: {memory: 1GB}}\n");
    assert_problem(&ps, "XS208", Severity::Error, PF, &format!("{path}.limits.memory"));
}

fn with_policy(policy: &str) -> Vec<Problem> {
    let chart = xgen_core::builtin::CHART_VALUES_YAML;
    let start = chart.find("    trafficPolicy:").unwrap();
    let chart = format!("{}    trafficPolicy:\n{policy}", &chart[..start]);
    problems(&[("p.yaml", PROJECT), ("values.yaml", &chart)])
}

#[test]
fn traffic_policy() {
    let tp = "istio.destinationRule.trafficPolicy";
    let ps = with_policy("      connectionPool: {tcp: {connectTimeout: '10'}}\n");
    assert_problem(&ps, "XS301", Severity::Error, CHART, &format!("{tp}.connectionPool.tcp.connectTimeout"));
    let ps = with_policy("      outlierDetection: {interval: 0.5ms}\n");
    assert_problem(&ps, "XS301", Severity::Error, CHART, &format!("{tp}.outlierDetection.interval"));
    let ps = with_policy("      outlierDetection: {maxEjectionPercent: 150}\n");
    assert_problem(&ps, "XS302", Severity::Error, CHART, &format!("{tp}.outlierDetection.maxEjectionPercent"));
    let ps = with_policy("      loadBalancer: {simple: LEAST_CONN, warmupDurationSecs: 30s}\n");
    assert_problem(&ps, "XS303", Severity::Warning, CHART, &format!("{tp}.loadBalancer.simple"));
    assert_problem(&ps, "XS304", Severity::Warning, CHART, &format!("{tp}.loadBalancer.warmupDurationSecs"));
    let ps = with_policy("      outlierDetection: {consecutive5xxErrors: 5}\n");
    assert_problem(&ps, "XS305", Severity::Warning, CHART, &format!("{tp}.outlierDetection.maxEjectionPercent"));
    let ps = with_policy("      connectionPool: {}\n");
    assert_problem(&ps, "XS306", Severity::Warning, CHART, &format!("{tp}.connectionPool"));
    let ps = with_policy("      loadBalancer: {simple: LEAST_REQUEST, warmup: {duration: 30s}}\n");
    assert!(ps.iter().all(|p| !p.code().starts_with("XS30")), "{ps:#?}");
}

#[test]
fn plain_secrets() {
    let project = format!("{PROJECT}vars:\n  DB_PASSWORD: hunter2\n  API_KEY: '${{API_KEY}}'\n  HOOK: https://hooks.slack.com/services/T0/B0/x\n");
    let ps = problems(&[("p.yaml", &project)]);
    assert_problem(&ps, "XS501", Severity::Warning, PF, "vars.DB_PASSWORD");
    assert!(ps.iter().any(|p| p.code() == "XS501" && p.path() == "vars.HOOK"));
    assert!(!ps.iter().any(|p| p.path() == "vars.API_KEY"), "a placeholder is not a secret");
}
