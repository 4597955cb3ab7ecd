//! Alerts: the generated PromQL parses, the Grafana files of the example match
//! their golden copies, and the alert checks fire where they should.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use xgen_core::alerts::promql::expr;
use xgen_core::alerts::syntax::promql_error;
use xgen_core::checks::Severity;
use xgen_core::model::alerts::AlertSettings;
use xgen_core::{import, InputFile};

#[test]
fn every_generated_rule_parses_as_promql() {
    let mut settings = AlertSettings::default();
    let deployed = common::example().project.deployed_services();
    for env in ["dev", "prd"] {
        for rule in settings.effective(env, &deployed).rules {
            let e = expr(&rule, "xgen");
            assert_eq!(promql_error(&e), None, "{}: {e}", rule.id);
        }
    }
    // Edited numbers, odd namespaces and exclusions still parse.
    settings = serde_yaml::from_str(
        "rules:\n  highLatency: {threshold: 1500.5, window: 30m, minRequestRate: 0.02, exclude: [a-b, 'we\"ird']}\n  podRestarts: {threshold: 3, window: 1h}\n",
    )
    .unwrap();
    for rule in settings.effective("dev", &deployed).rules {
        let e = expr(&rule, "ns-\"quoted\"");
        assert_eq!(promql_error(&e), None, "{}: {e}", rule.id);
    }
}

#[test]
fn default_latency_exclusions_name_only_deployed_services() {
    let settings = AlertSettings::default();
    let latency = |deployed: &[&str]| {
        let deployed: Vec<String> = deployed.iter().map(|d| d.to_string()).collect();
        settings.effective("dev", &deployed).rules.into_iter().find(|r| r.id == "highLatency").unwrap().exclude
    };
    assert_eq!(latency(&["xgen-model", "xgen-workflow", "xgen-core"]), ["xgen-model", "xgen-workflow"]);
    assert_eq!(latency(&["xgen-workflow", "xgen-core"]), ["xgen-workflow"]);
    assert!(latency(&["xgen-core"]).is_empty());
    // A project without xgen-model gets no XS403 from the defaults.
    let acme = std::fs::read_to_string(common::repo_root().join("tests/fixtures/projects/acme.yaml")).unwrap();
    let state = common::load("acme.yaml", &acme);
    assert!(!state.project.deployed_services().contains(&"xgen-model".to_owned()));
    let problems = common::lint(&state);
    assert!(problems.iter().all(|p| p.code() != "XS403"), "{problems:?}");
}

#[test]
fn grafana_files_of_the_example_match_the_golden_copies() {
    let files = common::files(&common::example());
    for (path, golden) in [
        ("rendered/prd/observability/grafana/alert-rules.yaml", "tests/golden/prd-alert-rules.yaml"),
        ("rendered/dev/observability/grafana/alerting.yaml", "tests/golden/dev-alerting.yaml"),
        ("rendered/prd/observability/grafana/alerting.yaml", "tests/golden/prd-alerting.yaml"),
    ] {
        let text = &files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("{path} missing")).text;
        let golden_path = common::crate_dir().join(golden);
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&golden_path, text.as_bytes()).unwrap();
        }
        let want = std::fs::read_to_string(&golden_path)
            .unwrap_or_else(|e| panic!("{golden}: {e} (UPDATE_GOLDEN=1 writes it)"));
        assert_eq!(&**text, want.as_str(), "{path} differs from {golden}");
    }
}

fn with_alerts(alerts: &str) -> Vec<xgen_core::checks::Problem> {
    let settings = format!("apiVersion: xgen-studio/v1\nkind: StudioSettings\nalerts:\n{alerts}");
    common::lint(&import(&common::example(), &[InputFile::new("xgen-studio.yaml", settings.as_bytes())]).unwrap())
}

fn has(ps: &[xgen_core::checks::Problem], code: &str, path: &str, severity: Severity) -> bool {
    ps.iter()
        .any(|p| p.code() == code && p.path() == path && p.severity() == severity && p.file() == "xgen-studio.yaml")
}

#[test]
fn alert_checks() {
    let ps = with_alerts("  rules:\n    highMemory: {threshold: 120}\n");
    assert!(has(&ps, "XS401", "alerts.rules.highMemory.threshold", Severity::Error), "{ps:#?}");
    let ps = with_alerts("  rules:\n    podNotRunning: {for: 2 minutes}\n");
    assert!(has(&ps, "XS402", "alerts.rules.podNotRunning.for", Severity::Error), "{ps:#?}");
    let ps = with_alerts("  rules:\n    highLatency: {exclude: [xgen-modle]}\n");
    assert!(has(&ps, "XS403", "alerts.rules.highLatency.exclude[0]", Severity::Warning), "{ps:#?}");
    let ps = with_alerts("  policy: {receiver: slack-xgen-243}\n");
    assert!(has(&ps, "XS405", "alerts.policy.receiver", Severity::Error), "{ps:#?}");
    let ps = with_alerts("  contactPoints:\n    dev: {webhookUrl: 'https://hooks.slack.com/services/T/B/x'}\n");
    assert!(has(&ps, "XS501", "alerts.contactPoints.dev.webhookUrl", Severity::Warning), "{ps:#?}");
    // The defaults raise none of them.
    assert!(!common::lint(&common::example()).iter().any(|p| p.code().starts_with("XS40")));
}

#[test]
fn memory_rule_without_a_memory_limit() {
    // The project file gives xgen-backend-gateway no resources, so without the
    // chart's default memory limit it has none.
    let chart = xgen_core::builtin::CHART_VALUES_YAML.replace("  limits:\n    memory: 1Gi\n", "  limits:\n");
    assert_ne!(chart, xgen_core::builtin::CHART_VALUES_YAML);
    let s = import(&common::example(), &[InputFile::new("values.yaml", chart)]).unwrap();
    let ps = common::lint(&s);
    assert!(
        ps.iter()
            .any(|p| p.code() == "XS404"
                && p.message().en().contains("`xgen-backend-gateway` has no memory limit in dev")),
        "{ps:#?}"
    );
    assert!(
        !ps.iter().any(|p| p.code() == "XS404" && p.message().en().contains("`xgen-core`")),
        "xgen-core has its limit from the project"
    );
}

#[test]
fn hand_written_promql_replaces_the_generated_one_and_is_checked() {
    let custom = "sum by (pod) (rate(container_cpu_usage_seconds_total{namespace=\"xgen\"}[5m])) > 2";
    let settings = format!(
        "apiVersion: xgen-studio/v1\nkind: StudioSettings\nalerts:\n  rules:\n    highMemory: {{expr: '{custom}'}}\n"
    );
    let state = import(&common::example(), &[InputFile::new("xgen-studio.yaml", settings.as_bytes())]).unwrap();
    let files = common::files(&state);
    for path in [
        "rendered/dev/observability/grafana/alert-rules.yaml",
        "k3s/observability/prd/prometheus/prometheus-rules.yaml",
    ] {
        let text = &files.iter().find(|f| f.path == path).unwrap().text;
        assert!(text.contains("container_cpu_usage_seconds_total"), "{path} lacks the hand-written expression");
        assert!(!text.contains("container_memory_working_set_bytes"), "{path} still has the generated memory rule");
    }
    assert!(!common::lint(&state).iter().any(|p| p.code() == "XS406"), "a valid expression is not a problem");

    // Unbalanced parentheses, an unknown function, a bad duration: each refused.
    for bad in ["sum(rate(x[5m])", "nosuchfunction(up)", "rate(up[5 minutes])"] {
        let ps = with_alerts(&format!("  rules:\n    podRestarts: {{expr: '{bad}'}}\n"));
        assert!(has(&ps, "XS406", "alerts.rules.podRestarts.expr", Severity::Error), "{bad}: {ps:#?}");
    }
    // A switched-off rule is not checked (it is not exported).
    let ps = with_alerts("  rules:\n    podRestarts: {enabled: false, expr: 'sum('}\n");
    assert!(!ps.iter().any(|p| p.code() == "XS406"), "{ps:#?}");
}

#[test]
fn retention_is_exported_and_checked() {
    let text_of = |state: &xgen_core::ProjectState, path: &str| {
        common::files(state).into_iter().find(|f| f.path == path).unwrap_or_else(|| panic!("{path} missing")).text
    };
    // The seed's defaults.
    let example = common::example();
    let patch = text_of(&example, "k3s/observability/dev/prometheus/deployment-patch.yaml");
    assert!(patch.contains("- --storage.tsdb.retention.time=15d\n"), "{patch}");
    assert!(patch.contains("kind: Deployment\n") && patch.contains("name: prometheus\n"), "{patch}");
    let loki = text_of(&example, "rendered/prd/observability/loki/retention.yaml");
    assert!(loki.contains("retention_period: 168h\n") && loki.contains("retention_enabled: true\n"), "{loki}");
    let tempo = text_of(&example, "rendered/prd/observability/tempo/retention.yaml");
    assert_eq!(&*tempo, "compactor:\n  compaction:\n    block_retention: 48h\n");

    // Edited values reach the files, and survive a bundle round trip.
    let settings = "apiVersion: xgen-studio/v1\nkind: StudioSettings\nalerts:\n  retention: {prometheus: 30d, loki: 336h, tempo: 72h}\n";
    let state = import(&example, &[InputFile::new("xgen-studio.yaml", settings)]).unwrap();
    assert!(text_of(&state, "k3s/observability/prd/prometheus/deployment-patch.yaml").contains("retention.time=30d"));
    assert!(text_of(&state, "k3s/observability/prd/loki/retention.yaml").contains("retention_period: 336h"));
    assert!(text_of(&state, "k3s/observability/prd/tempo/retention.yaml").contains("block_retention: 72h"));
    let zip = xgen_core::bundle::bundle_zip(&common::rendered(&state)).unwrap();
    let back = xgen_core::bundle::read_bundle("xgen.zip", &zip).unwrap();
    assert_eq!(back.settings.alerts, state.settings.alerts);

    // Tempo takes Go durations: no `d`. Prometheus and Loki take `d`.
    let ps = with_alerts("  retention: {prometheus: 2w, loki: 7d, tempo: 2d}\n");
    assert!(has(&ps, "XS402", "alerts.retention.tempo", Severity::Error), "{ps:#?}");
    assert!(!has(&ps, "XS402", "alerts.retention.prometheus", Severity::Error), "{ps:#?}");
    assert!(!has(&ps, "XS402", "alerts.retention.loki", Severity::Error), "{ps:#?}");
    let ps = with_alerts("  retention: {prometheus: 15 days}\n");
    assert!(has(&ps, "XS402", "alerts.retention.prometheus", Severity::Error), "{ps:#?}");
}
