//! The service chart (`k3s/helm-chart`, docs/rendering.md#service-chart) for one Application: what
//! `helm template` prints for the chart values, the service's values file and
//! the Application's parameters. Mirrors `src/core/charts/helm-chart/templates/`
//! line by line; the Helm parity test holds the two together.
//!
//! Leaves that a template prints unquoted (`replicas: {{ $replicas }}`) are
//! `Value`s: Helm prints them and the YAML parser reads them back, so their type
//! is whatever that gives, and the studio does the same.

use super::argocd::HelmParameter;
use super::helm_values::{
    argo_escape, as_helm_numbers, at, coalesce, merge, or, parse_set_into, print, printed_scalar, quoted, sorted,
    truthy,
};
use crate::routing::{MatchKind, RouteRule, RuleKind, UriMatch as RuleMatch};
use serde::Serialize;
use serde_yaml::{Mapping, Value};
use std::collections::BTreeMap;

pub const CHART_NAME: &str = "xgen-service";
pub const DEFAULT_ISTIO_API_VERSION: &str = "networking.istio.io/v1alpha3";

type Labels = BTreeMap<&'static str, Option<String>>;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meta {
    pub name: String,
    pub labels: Labels,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfigMap {
    pub api_version: &'static str,
    pub kind: &'static str,
    pub metadata: Meta,
    pub data: BTreeMap<String, Option<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Service {
    pub api_version: &'static str,
    pub kind: &'static str,
    pub metadata: Meta,
    pub spec: ServiceSpec,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceSpec {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub selector: Labels,
    pub ports: Vec<ServicePort>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServicePort {
    pub name: &'static str,
    pub port: Value,
    pub target_port: &'static str,
    pub protocol: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Deployment {
    pub api_version: &'static str,
    pub kind: &'static str,
    pub metadata: Meta,
    pub spec: DeploymentSpec,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentSpec {
    pub replicas: Value,
    pub selector: MatchLabels,
    pub strategy: Strategy,
    pub template: PodTemplate,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MatchLabels {
    pub match_labels: Labels,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Strategy {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub rolling_update: RollingUpdate,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RollingUpdate {
    pub max_surge: &'static str,
    pub max_unavailable: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PodTemplate {
    pub metadata: PodMeta,
    pub spec: PodSpec,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PodMeta {
    pub labels: Labels,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodSpec {
    pub image_pull_secrets: Vec<NameRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node_selector: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topology_spread_constraints: Option<Vec<TopologySpread>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub affinity: Option<Value>,
    pub containers: Vec<Container>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NameRef {
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TopologySpread {
    pub max_skew: u32,
    pub topology_key: &'static str,
    pub when_unsatisfiable: &'static str,
    pub label_selector: MatchLabels,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Container {
    pub name: String,
    pub image: String,
    pub image_pull_policy: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command: Option<Value>,
    pub ports: Vec<ContainerPort>,
    pub env: Vec<EnvVar>,
    pub env_from: Vec<EnvFrom>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resources: Option<Value>,
    pub liveness_probe: Probe,
    pub readiness_probe: Probe,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerPort {
    pub name: &'static str,
    pub container_port: Value,
    pub protocol: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvVar {
    pub name: &'static str,
    pub value_from: FieldRefSource,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldRefSource {
    pub field_ref: FieldRef,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldRef {
    pub field_path: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvFrom {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config_map_ref: Option<NameRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_ref: Option<OptionalRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionalRef {
    pub name: Option<String>,
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Probe {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tcp_socket: Option<PortName>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_get: Option<HttpGet>,
    /// `probes.<kind>` as written (initialDelaySeconds, periodSeconds, ...).
    #[serde(flatten)]
    pub timings: Mapping,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PortName {
    pub port: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HttpGet {
    pub path: Option<String>,
    pub port: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Hpa {
    pub api_version: &'static str,
    pub kind: &'static str,
    pub metadata: Meta,
    pub spec: HpaSpec,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HpaSpec {
    pub scale_target_ref: ScaleTarget,
    pub min_replicas: Value,
    pub max_replicas: Value,
    pub metrics: Vec<Metric>,
    pub behavior: Behavior,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScaleTarget {
    pub api_version: &'static str,
    pub kind: &'static str,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metric {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub resource: ResourceMetric,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResourceMetric {
    pub name: &'static str,
    pub target: MetricTarget,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MetricTarget {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub average_utilization: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Behavior {
    pub scale_up: Stabilization,
    pub scale_down: Stabilization,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stabilization {
    pub stabilization_window_seconds: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DestinationRule {
    pub api_version: String,
    pub kind: &'static str,
    pub metadata: Meta,
    pub spec: DestinationRuleSpec,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DestinationRuleSpec {
    pub host: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub traffic_policy: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Gateway {
    pub api_version: String,
    pub kind: &'static str,
    pub metadata: Meta,
    pub spec: GatewaySpec,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GatewaySpec {
    pub selector: BTreeMap<&'static str, &'static str>,
    pub servers: Vec<GatewayServer>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GatewayServer {
    pub hosts: Vec<Option<String>>,
    pub port: GatewayPort,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls: Option<GatewayTls>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GatewayPort {
    pub name: &'static str,
    pub number: u16,
    pub protocol: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GatewayTls {
    pub mode: &'static str,
    pub credential_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VirtualService {
    pub api_version: String,
    pub kind: &'static str,
    pub metadata: Meta,
    pub spec: VirtualServiceSpec,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VirtualServiceSpec {
    pub hosts: Vec<Option<String>>,
    pub gateways: Vec<String>,
    pub http: Vec<HttpRoute>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HttpRoute {
    #[serde(rename = "match", skip_serializing_if = "Option::is_none")]
    pub matches: Option<Vec<HttpMatch>>,
    pub route: Vec<RouteDestination>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HttpMatch {
    pub uri: UriMatch,
    #[serde(rename = "ignoreUriCase", skip_serializing_if = "Option::is_none")]
    pub ignore_uri_case: Option<bool>,
}

/// Exactly one of prefix, exact and regex is set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UriMatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exact: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regex: Option<Option<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RouteDestination {
    pub destination: Destination,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Destination {
    pub host: Option<String>,
    pub port: PortNumber,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PortNumber {
    pub number: Value,
}

/// Everything the service chart renders for one Application, in Helm's
/// output order (templates sorted by file name within each kind group), and
/// the VirtualService's rules read as they are rendered (see `crate::routing`).
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceObjects {
    pub config_map: ConfigMap,
    pub service: Service,
    pub deployment: Deployment,
    pub hpa: Option<Hpa>,
    pub destination_rule: Option<DestinationRule>,
    pub gateway: Option<Gateway>,
    pub virtual_service: Option<VirtualService>,
    /// The VirtualService's `http` rules, one per entry, with their source;
    /// empty without a VirtualService.
    pub routes: Vec<RouteRule>,
    /// Where Helm stops instead of printing these objects: a `fail` of the
    /// chart (a count that is no number), or a `--set` it cannot parse
    /// (set by `crate::rendered`). Nothing is shown for a failed render.
    pub failure: Option<String>,
}

/// The values Helm hands the templates, as Argo CD runs it
/// (docs/rendering.md "Helm's value semantics"): the values file, then each
/// parameter as `--set <name>=<value>` after Argo CD's comma escaping, parsed
/// by strvals into those values, then the chart's `values.yaml` coalesced
/// under them (a null deletes a default). With the error Helm stops at, if
/// any (the values then are as far as Helm got).
pub fn merged_values(chart: &Value, file: &Value, params: &[HelmParameter]) -> (Value, Option<String>) {
    merged_helm_values(&helm_data(chart.clone()), &helm_data(file.clone()), params)
}

/// A values file's data as Helm reads it: a mapping (anything else is
/// empty), with its numbers as [`as_helm_numbers`] makes them. The renderer
/// keeps it per file, so that 600 services merging one chart convert the
/// chart once, not 600 times.
pub fn helm_data(file: Value) -> Value {
    let mut data = match file {
        Value::Mapping(m) => Value::Mapping(m),
        _ => Value::Mapping(Mapping::new()),
    };
    as_helm_numbers(&mut data);
    data
}

/// [`merged_values`] over data already made by [`helm_data`].
pub fn merged_helm_values(chart: &Value, file: &Value, params: &[HelmParameter]) -> (Value, Option<String>) {
    let (user, failure) = with_parameters(file, params);
    (under_chart(user, chart), failure)
}

/// A values file's data with the Application's parameters set over it (as
/// `--set`), and where setting them fails. It does not depend on the chart,
/// so the renderer keeps it while the file and the parameters stay.
pub fn with_parameters(file: &Value, params: &[HelmParameter]) -> (Mapping, Option<String>) {
    let mut user = match file {
        Value::Mapping(m) => m.clone(),
        _ => Mapping::new(),
    };
    let mut failure = None;
    for p in params {
        let line = format!("{}={}", p.name, argo_escape(p.value.as_deref().unwrap_or("")));
        if let Err(e) = parse_set_into(&line, &mut user) {
            failure = Some(e);
            break;
        }
    }
    (user, failure)
}

/// The user's values over the chart's (`coalesce`): what the templates see.
pub fn under_chart(mut user: Mapping, chart: &Value) -> Value {
    if let Value::Mapping(chart) = chart {
        coalesce(&mut user, chart);
    }
    Value::Mapping(user)
}

/// sprig's `toString`: nil prints as `<nil>`.
fn to_string(v: Option<&Value>) -> String {
    match v {
        None => "<nil>".into(),
        some => print(some),
    }
}

fn text(s: &str) -> Value {
    Value::String(s.to_owned())
}

pub fn render_service(v: &Value) -> ServiceObjects {
    let name = if truthy(at(v, &["serviceName"])) { print(at(v, &["serviceName"])) } else { CHART_NAME.to_owned() };
    let dev = text("dev");
    let env = print(or(at(v, &["env"]), Some(&dev)));
    let env_cfg = at(v, &["environments", &env]).cloned().unwrap_or(Value::Null);
    let platform = quoted(at(v, &["global", "platform"]));
    let labels: Labels = BTreeMap::from([
        ("app", Some(name.clone())),
        ("app.kubernetes.io/name", Some(name.clone())),
        ("app.kubernetes.io/part-of", platform.clone()),
        ("app.kubernetes.io/managed-by", Some("helm".into())),
        ("env", Some(env.clone())),
    ]);
    let selector: Labels = BTreeMap::from([("app", Some(name.clone())), ("app.kubernetes.io/part-of", platform)]);
    let meta = |n: String| Meta { name: n, labels: labels.clone() };

    // Autoscaling: the chart's, with the environment's merged over it.
    let mut autoscaling = at(v, &["autoscaling"]).cloned().unwrap_or(Value::Mapping(Mapping::new()));
    if let Some(over) = at(&env_cfg, &["autoscaling"]) {
        merge(&mut autoscaling, over);
    }

    let config_map = ConfigMap {
        api_version: "v1",
        kind: "ConfigMap",
        metadata: meta(format!("{name}-config")),
        data: config_data(v, &env_cfg),
    };
    let service = Service {
        api_version: "v1",
        kind: "Service",
        metadata: meta(name.clone()),
        spec: ServiceSpec {
            kind: "ClusterIP",
            selector: selector.clone(),
            ports: vec![ServicePort {
                name: "http",
                port: printed_scalar(at(v, &["port"])),
                target_port: "http",
                protocol: "TCP",
            }],
        },
    };
    let deployment = deployment(v, &env_cfg, &autoscaling, &name, meta(name.clone()), &labels, &selector);
    let hpa = truthy(at(&autoscaling, &["enabled"])).then(|| Hpa {
        api_version: "autoscaling/v2",
        kind: "HorizontalPodAutoscaler",
        metadata: meta(name.clone()),
        spec: HpaSpec {
            scale_target_ref: ScaleTarget { api_version: "apps/v1", kind: "Deployment", name: name.clone() },
            min_replicas: printed_scalar(at(&autoscaling, &["minReplicas"])),
            max_replicas: printed_scalar(at(&autoscaling, &["maxReplicas"])),
            metrics: vec![
                metric("cpu", or(at(&autoscaling, &["targetCPUUtilizationPercentage"]), Some(&Value::from(70)))),
                metric("memory", or(at(&autoscaling, &["targetMemoryUtilizationPercentage"]), Some(&Value::from(80)))),
            ],
            behavior: Behavior {
                scale_up: Stabilization { stabilization_window_seconds: 30 },
                scale_down: Stabilization { stabilization_window_seconds: 120 },
            },
        },
    });
    let default_api = text(DEFAULT_ISTIO_API_VERSION);
    let api_version = print(or(at(v, &["istio", "apiVersion"]), Some(&default_api)));
    let destination_rule = truthy(at(v, &["istio", "destinationRule", "enabled"])).then(|| DestinationRule {
        api_version: api_version.clone(),
        kind: "DestinationRule",
        metadata: meta(name.clone()),
        spec: DestinationRuleSpec {
            host: name.clone(),
            traffic_policy: at(v, &["istio", "destinationRule", "trafficPolicy"])
                .filter(|t| truthy(Some(t)))
                .map(sorted),
        },
    });
    let (gateway, virtual_service, routes) = match ingress(v, &name, &api_version, &meta) {
        Some((g, vs, routes)) => (Some(g), Some(vs), routes),
        None => (None, None, Vec::new()),
    };
    let failure = number_failure(v, &env_cfg, &autoscaling);
    ServiceObjects { config_map, service, deployment, hpa, destination_rule, gateway, virtual_service, routes, failure }
}

/// The chart's `xgen-service.number` helper (`_helpers.tpl`): nil prints
/// nothing, an int or float prints, a string of digits prints as it is, and
/// anything else stops the render with `fail`. The first such value in the
/// order Helm renders the templates (deployment.yaml, hpa.yaml, ingress.yaml,
/// service.yaml), with the helper's words.
fn number_failure(v: &Value, env_cfg: &Value, autoscaling: &Value) -> Option<String> {
    let check = |name: &str, value: Option<&Value>| -> Option<String> {
        match value {
            None | Some(Value::Null | Value::Number(_)) => None,
            Some(Value::String(s)) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => None,
            Some(other) => {
                let json = serde_json_like(other);
                Some(format!("execution error: {name} must be a number, not {json}"))
            }
        }
    };
    let autoscaling_on = truthy(at(autoscaling, &["enabled"]));
    let replicas = if at(env_cfg, &["replicas"]).is_some() {
        at(env_cfg, &["replicas"])
    } else if at(v, &["replicas"]).is_some() {
        at(v, &["replicas"])
    } else if autoscaling_on {
        at(autoscaling, &["minReplicas"])
    } else {
        None
    };
    let seventy = Value::from(70);
    let eighty = Value::from(80);
    check("replicas", replicas).or_else(|| check("port", at(v, &["port"]))).or_else(|| {
        if !autoscaling_on {
            return None;
        }
        check("autoscaling.minReplicas", at(autoscaling, &["minReplicas"]))
            .or_else(|| check("autoscaling.maxReplicas", at(autoscaling, &["maxReplicas"])))
            .or_else(|| {
                check(
                    "autoscaling.targetCPUUtilizationPercentage",
                    or(at(autoscaling, &["targetCPUUtilizationPercentage"]), Some(&seventy)),
                )
            })
            .or_else(|| {
                check(
                    "autoscaling.targetMemoryUtilizationPercentage",
                    or(at(autoscaling, &["targetMemoryUtilizationPercentage"]), Some(&eighty)),
                )
            })
    })
}

/// `toJson` of a scalar or collection, for the chart's `fail` message.
fn serde_json_like(v: &Value) -> String {
    match v {
        Value::String(s) => format!("{s:?}"),
        other => crate::yaml::to_string(other).unwrap_or_default().trim_end().to_owned(),
    }
}

fn config_data(v: &Value, env_cfg: &Value) -> BTreeMap<String, Option<String>> {
    let mut data = BTreeMap::new();
    for (key, path) in [
        ("POSTGRES_HOST", ["postgres", "host"]),
        ("REDIS_HOST", ["redis", "host"]),
        ("QDRANT_HOST", ["qdrant", "host"]),
        ("MINIO_ENDPOINT", ["minio", "endpoint"]),
    ] {
        let value = at(v, &["global", "infra", path[0], path[1]]);
        if truthy(value) {
            data.insert(key.to_owned(), quoted(value));
        }
    }
    let maps = [at(v, &["global", "config"]), at(v, &["config"]), at(env_cfg, &["config"])];
    for map in maps.into_iter().flatten().filter_map(Value::as_mapping) {
        for (k, value) in map {
            data.insert(print(Some(k)), quoted(Some(value)));
        }
    }
    data.insert("APP_PORT".into(), quoted(at(v, &["port"])));
    data
}

fn metric(name: &'static str, target: Option<&Value>) -> Metric {
    Metric {
        kind: "Resource",
        resource: ResourceMetric {
            name,
            target: MetricTarget { kind: "Utilization", average_utilization: printed_scalar(target) },
        },
    }
}

fn deployment(
    v: &Value,
    env_cfg: &Value,
    autoscaling: &Value,
    name: &str,
    metadata: Meta,
    labels: &Labels,
    selector: &Labels,
) -> Deployment {
    let repository = or(at(env_cfg, &["image", "repository"]), at(v, &["image", "repository"]));
    let repository = if truthy(repository) {
        print(repository)
    } else {
        let base = format!(
            "{}/{}",
            to_string(at(v, &["global", "registry", "host"])),
            to_string(at(v, &["global", "registry", "project"]))
        );
        match at(v, &["global", "registry", "site"]).filter(|s| truthy(Some(s))) {
            Some(site) => format!("{base}/{}", to_string(Some(site))),
            None => base,
        }
    };
    let tag = to_string(or(at(env_cfg, &["image", "tag"]), at(v, &["image", "tag"])));
    let resources = or(at(env_cfg, &["resources"]), at(v, &["resources"]));
    let replicas = if let Some(r) = at(env_cfg, &["replicas"]) {
        printed_scalar(Some(r))
    } else if let Some(r) = at(v, &["replicas"]) {
        printed_scalar(Some(r))
    } else if truthy(at(autoscaling, &["enabled"])) {
        printed_scalar(at(autoscaling, &["minReplicas"]))
    } else {
        Value::from(1)
    };
    let node_selector = at(v, &["nodeSelector"]).filter(|n| truthy(Some(n)));
    let if_not_present = text("IfNotPresent");
    Deployment {
        api_version: "apps/v1",
        kind: "Deployment",
        metadata,
        spec: DeploymentSpec {
            replicas,
            selector: MatchLabels { match_labels: selector.clone() },
            strategy: Strategy {
                kind: "RollingUpdate",
                rolling_update: RollingUpdate { max_surge: "100%", max_unavailable: 0 },
            },
            template: PodTemplate {
                metadata: PodMeta { labels: labels.clone() },
                spec: PodSpec {
                    image_pull_secrets: vec![NameRef { name: quoted(at(v, &["global", "secrets", "imagePull"])) }],
                    node_selector: node_selector.map(sorted),
                    topology_spread_constraints: node_selector.is_none().then(|| {
                        vec![TopologySpread {
                            max_skew: 1,
                            topology_key: "kubernetes.io/hostname",
                            when_unsatisfiable: "ScheduleAnyway",
                            label_selector: MatchLabels { match_labels: selector.clone() },
                        }]
                    }),
                    affinity: at(v, &["affinity"]).filter(|a| truthy(Some(a))).map(sorted),
                    containers: vec![Container {
                        name: name.to_owned(),
                        image: format!("{repository}/{name}:{tag}"),
                        image_pull_policy: quoted(or(at(v, &["image", "pullPolicy"]), Some(&if_not_present))),
                        command: at(v, &["command"]).filter(|c| truthy(Some(c))).map(sorted),
                        ports: vec![ContainerPort {
                            name: "http",
                            container_port: printed_scalar(at(v, &["port"])),
                            protocol: "TCP",
                        }],
                        env: vec![
                            EnvVar {
                                name: "POD_NAME",
                                value_from: FieldRefSource { field_ref: FieldRef { field_path: "metadata.name" } },
                            },
                            EnvVar {
                                name: "POD_IP",
                                value_from: FieldRefSource { field_ref: FieldRef { field_path: "status.podIP" } },
                            },
                        ],
                        env_from: vec![
                            EnvFrom {
                                config_map_ref: Some(NameRef { name: Some(format!("{name}-config")) }),
                                secret_ref: None,
                            },
                            EnvFrom {
                                config_map_ref: None,
                                secret_ref: Some(OptionalRef {
                                    name: quoted(at(v, &["global", "secrets", "name"])),
                                    optional: true,
                                }),
                            },
                        ],
                        resources: resources.filter(|r| truthy(Some(r))).map(sorted),
                        liveness_probe: probe(v, "liveness"),
                        readiness_probe: probe(v, "readiness"),
                    }],
                },
            },
        },
    }
}

fn probe(v: &Value, kind: &str) -> Probe {
    let http = text("http");
    let health = text("/health");
    let tcp = print(or(at(v, &["healthCheck", "type"]), Some(&http))) == "tcp";
    let timings = match at(v, &["probes", kind]).filter(|t| truthy(Some(t))).map(sorted) {
        Some(Value::Mapping(m)) => m,
        _ => Mapping::new(),
    };
    Probe {
        tcp_socket: tcp.then_some(PortName { port: "http" }),
        http_get: (!tcp)
            .then(|| HttpGet { path: quoted(or(at(v, &["healthCheck", "path"]), Some(&health))), port: "http" }),
        timings,
    }
}

/// The Gateway, the VirtualService, and the VirtualService's rules with the
/// place each comes from: built in one pass, so what the checks and the
/// simulator read is what is rendered.
fn ingress(
    v: &Value,
    name: &str,
    api_version: &str,
    meta: &dyn Fn(String) -> Meta,
) -> Option<(Gateway, VirtualService, Vec<RouteRule>)> {
    if !truthy(at(v, &["ingress", "enabled"])) {
        return None;
    }
    let hosts: Vec<Option<String>> = if truthy(at(v, &["domain"])) {
        vec![quoted(at(v, &["domain"]))]
    } else {
        at(v, &["ingress", "hosts"])
            .and_then(Value::as_sequence)
            .map(|h| h.iter().map(|h| quoted(Some(h))).collect())?
    };
    if hosts.is_empty() {
        return None;
    }
    let mut servers = vec![GatewayServer {
        hosts: hosts.clone(),
        port: GatewayPort { name: "http", number: 80, protocol: "HTTP" },
        tls: None,
    }];
    let credential = at(v, &["ingress", "tls", "credentialName"]);
    if truthy(credential) {
        servers.push(GatewayServer {
            hosts: hosts.clone(),
            port: GatewayPort { name: "https", number: 443, protocol: "HTTPS" },
            tls: Some(GatewayTls { mode: "SIMPLE", credential_name: quoted(credential) }),
        });
    }
    let gateway_name = format!("{name}-gateway");
    let gateway = Gateway {
        api_version: api_version.to_owned(),
        kind: "Gateway",
        metadata: meta(gateway_name.clone()),
        spec: GatewaySpec { selector: BTreeMap::from([("istio", "ingressgateway")]), servers },
    };
    let mut http: Vec<HttpRoute> = Vec::new();
    let mut rules: Vec<RouteRule> = Vec::new();
    let mut push = |kind: RuleKind,
                    source: String,
                    matcher: Option<(MatchKind, Option<String>, bool)>,
                    host: Option<String>,
                    port: Option<&Value>| {
        let number = printed_scalar(port);
        rules.push(RouteRule {
            index: http.len(),
            kind,
            source,
            matcher: matcher.as_ref().map(|(kind, value, ignore_case)| RuleMatch {
                kind: *kind,
                value: value.clone().unwrap_or_default(),
                ignore_case: *ignore_case,
            }),
            host: host.clone().unwrap_or_default(),
            port: number.as_f64(),
        });
        let matches = matcher.map(|(kind, value, ignore_case)| {
            let uri = match kind {
                MatchKind::Prefix => service_uri(Some(value), None, None),
                MatchKind::Exact => service_uri(None, Some(value), None),
                MatchKind::Regex => service_uri(None, None, Some(value)),
            };
            vec![HttpMatch { uri, ignore_uri_case: ignore_case.then_some(true) }]
        });
        http.push(HttpRoute {
            matches,
            route: vec![RouteDestination { destination: Destination { host, port: PortNumber { number } } }],
        });
    };
    let port = at(v, &["port"]);
    let own = Some(name.to_owned());
    for (i, prefix) in
        at(v, &["ingress", "frontendRoutes"]).and_then(Value::as_sequence).into_iter().flatten().enumerate()
    {
        let matcher = (MatchKind::Prefix, quoted(Some(prefix)), false);
        push(RuleKind::Sse, format!("ingress.frontendRoutes[{i}]"), Some(matcher), own.clone(), port);
    }
    for (i, route) in at(v, &["ingress", "routes"]).and_then(Value::as_sequence).into_iter().flatten().enumerate() {
        let field = |k: &str| at(route, &[k]);
        // The template's `if .exact` / `else if .regex` / `else`: Go truth.
        let kind = if truthy(field("exact")) {
            MatchKind::Exact
        } else if truthy(field("regex")) {
            MatchKind::Regex
        } else {
            MatchKind::Prefix
        };
        let matcher = (kind, quoted(field(kind.as_str())), truthy(field("ignoreUriCase")));
        push(RuleKind::Api, format!("ingress.routes[{i}]"), Some(matcher), quoted(field("service")), field("port"));
    }
    push(RuleKind::Default, String::new(), None, own, port);
    let virtual_service = VirtualService {
        api_version: api_version.to_owned(),
        kind: "VirtualService",
        metadata: meta(format!("{name}-vs")),
        spec: VirtualServiceSpec { hosts, gateways: vec![gateway_name], http },
    };
    Some((gateway, virtual_service, rules))
}

/// `match[].uri` with exactly one of prefix, exact and regex.
fn service_uri(
    prefix: Option<Option<String>>,
    exact: Option<Option<String>>,
    regex: Option<Option<String>>,
) -> UriMatch {
    UriMatch { prefix, exact, regex }
}
