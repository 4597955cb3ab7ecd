//! The PromQL of the six seed rules, with the edited numbers. (PromQL is the
//! query language, not YAML: these strings become values of typed structs.)

use crate::model::alerts::Rule;

/// A service name as a literal inside the exclusion regex, inside a PromQL
/// double-quoted string: a regex metacharacter gets a regex escape (a backslash,
/// itself escaped in the string), and `"` a string escape.
fn regex_literal(s: &str) -> String {
    s.chars()
        .flat_map(|c| match c {
            c if c.is_ascii_alphanumeric() || c == '_' || c == '-' => vec![c],
            '"' => vec!['\\', '"'],
            c => vec!['\\', '\\', c],
        })
        .collect()
}

/// A number as PromQL takes it (`80`, `0.1`).
fn num(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// The rule's expression: the hand-written one when set, else the generated one.
pub fn expr(rule: &Rule, namespace: &str) -> String {
    match &rule.custom_expr {
        Some(custom) => custom.trim().to_owned(),
        None => generated(rule, namespace),
    }
}

/// The seed's expression for the rule, with the edited numbers.
pub fn generated(rule: &Rule, namespace: &str) -> String {
    let ns = namespace.replace('\\', "\\\\").replace('"', "\\\"");
    let w = &rule.window;
    let t = num(rule.threshold);
    let rate = num(rule.min_request_rate);
    match rule.id {
        "podNotRunning" => {
            format!(r#"kube_pod_status_phase{{namespace="{ns}", phase!="Running", phase!="Succeeded"}} > 0"#)
        }
        "highMemory" => format!(
            r#"(sum by (pod, namespace) (container_memory_working_set_bytes{{namespace="{ns}", container!="", container!="istio-proxy", container!="POD"}}) / sum by (pod, namespace) (kube_pod_container_resource_limits{{namespace="{ns}", resource="memory", container!="istio-proxy"}})) * 100 > {t}"#
        ),
        "podRestarts" => {
            format!(r#"increase(kube_pod_container_status_restarts_total{{namespace="{ns}"}}[{w}]) >= {t}"#)
        }
        "highErrorRate" => format!(
            r#"((sum by (destination_service_name) (rate(istio_requests_total{{destination_service_namespace="{ns}", response_code=~"5.."}}[{w}])) / sum by (destination_service_name) (rate(istio_requests_total{{destination_service_namespace="{ns}"}}[{w}]))) * 100 > {t}) and (sum by (destination_service_name) (rate(istio_requests_total{{destination_service_namespace="{ns}"}}[{w}])) > {rate})"#
        ),
        "highLatency" => {
            let not = if rule.exclude.is_empty() {
                String::new()
            } else {
                let names: Vec<String> = rule.exclude.iter().map(|e| regex_literal(e)).collect();
                format!(r#", destination_service_name!~"{}""#, names.join("|"))
            };
            format!(
                r#"(histogram_quantile(0.95, sum by (le, destination_service_name) (rate(istio_request_duration_milliseconds_bucket{{destination_service_namespace="{ns}"{not}}}[{w}]))) > {t}) and (sum by (destination_service_name) (rate(istio_requests_total{{destination_service_namespace="{ns}"{not}}}[{w}])) > {rate})"#
            )
        }
        _ => format!(
            r#"kube_deployment_status_replicas_available{{namespace="{ns}"}} < kube_deployment_spec_replicas{{namespace="{ns}"}}"#
        ),
    }
}

/// One sentence for the alert's summary annotation.
pub fn summary(rule: &Rule) -> String {
    let t = num(rule.threshold);
    match rule.id {
        "podNotRunning" => "Pod {{ $labels.pod }} is not Running or Succeeded".into(),
        "highMemory" => format!("Pod {{{{ $labels.pod }}}} uses more than {t}% of its memory limit"),
        "podRestarts" => format!("Pod {{{{ $labels.pod }}}} restarted {t} or more times in {}", rule.window),
        "highErrorRate" => {
            format!("{{{{ $labels.destination_service_name }}}}: more than {t}% of requests fail with 5xx")
        }
        "highLatency" => format!("{{{{ $labels.destination_service_name }}}}: p95 latency above {t} ms"),
        _ => "Deployment {{ $labels.deployment }} has fewer available replicas than desired".into(),
    }
}
