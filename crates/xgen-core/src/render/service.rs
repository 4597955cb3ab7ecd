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
    argo_escape, as_helm_numbers, at, merge, or, parse_set_into, print, printed_scalar, quoted, sorted, truthy,
};
use super::merged::Merged;
use super::reads::{identical, Changes, Reads, Trace};
use crate::file_text::{TextCache, WritesItself};
use crate::routing::{MatchKind, RouteRule, RuleKind, UriMatch as RuleMatch};
use crate::yaml::emit;
use serde::Serialize;
use serde_yaml::{Mapping, Value};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock, Weak};

pub const CHART_NAME: &str = "xgen-service";
pub const DEFAULT_ISTIO_API_VERSION: &str = "networking.istio.io/v1alpha3";

/// Shared by the objects of one Application: cloned, not copied.
type Labels = Arc<BTreeMap<&'static str, Option<String>>>;

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
    /// Its text once read ([`crate::file_text::FileText::later`]): not its data.
    #[serde(skip)]
    pub written: TextCache,
}

impl WritesItself for DestinationRule {
    fn written(&self) -> &Arc<str> {
        self.written.get_or_write(|| self.text())
    }

    fn is_written(&self) -> bool {
        self.written.is_written()
    }
}

impl DestinationRule {
    /// The object's text, equal to the writer's text of its serde data (a
    /// test holds the two equal), written entry by entry: not through
    /// serde's value serializer, which hashed every key of every object
    /// again. The traffic policy's entry is written once per policy and
    /// shared by the objects that print it.
    pub fn text(&self) -> String {
        emit::emit_entries(|doc| {
            doc.string("apiVersion", &self.api_version);
            doc.string("kind", self.kind);
            doc.mapping("metadata", |meta| {
                meta.string("name", &self.metadata.name);
                meta.mapping("labels", |labels| {
                    for (k, v) in self.metadata.labels.iter() {
                        match v {
                            Some(v) => labels.string(k, v),
                            None => labels.value(k, &Value::Null),
                        }
                    }
                });
            });
            doc.mapping("spec", |spec| {
                spec.string("host", &self.spec.host);
                if let Some(policy) = &self.spec.traffic_policy {
                    spec.written(policy.entry());
                }
            });
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DestinationRuleSpec {
    pub host: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub traffic_policy: Option<SharedValue>,
}

/// A traffic policy shared by the objects that print it (a project-wide
/// policy is the same in every service's DestinationRule), with its text
/// as `spec.trafficPolicy`, written when first asked for: equal when the
/// same or [`identical`], which is what its text depends on.
#[derive(Debug, Clone)]
pub struct SharedValue(Arc<Written>);

#[derive(Debug)]
struct Written {
    value: Value,
    entry: OnceLock<emit::LaterEntry>,
    /// The first other policy this one was compared with, and the answer.
    /// A project-wide policy edit compares the new policy with the old one
    /// once per service, 600 times at 120 x 5: the same pair each time.
    /// A `Weak` keeps the other's address from being reused.
    compared: OnceLock<(Weak<Written>, bool)>,
}

impl SharedValue {
    pub fn new(value: Value) -> Self {
        SharedValue(Arc::new(Written { value, entry: OnceLock::new(), compared: OnceLock::new() }))
    }

    /// The policy's entry in its DestinationRule's `spec`.
    fn entry(&self) -> &emit::LaterEntry {
        self.0.entry.get_or_init(|| emit::LaterEntry::new("trafficPolicy", &self.0.value, 2))
    }
}

impl PartialEq for SharedValue {
    fn eq(&self, other: &Self) -> bool {
        if Arc::ptr_eq(&self.0, &other.0) {
            return true;
        }
        let asked = |w: &Written, of: &Arc<Written>| match w.compared.get() {
            Some((with, same)) if std::ptr::eq(with.as_ptr(), Arc::as_ptr(of)) => Some(*same),
            _ => None,
        };
        if let Some(same) = asked(&self.0, &other.0).or_else(|| asked(&other.0, &self.0)) {
            return same;
        }
        let same = identical(&self.0.value, &other.0.value);
        let _ = self.0.compared.set((Arc::downgrade(&other.0), same));
        same
    }
}

impl std::ops::Deref for SharedValue {
    type Target = Value;
    fn deref(&self) -> &Value {
        &self.0.value
    }
}

impl Serialize for SharedValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.value.serialize(serializer)
    }
}

/// The last traffic policy printed sorted, with what it printed: the
/// services of a project mostly share the chart's, so one sort serves them
/// all (a policy identical to the last one takes its result).
#[derive(Debug, Default)]
pub struct SortedMemo {
    last: Option<(Value, SharedValue)>,
    /// The chart's own policy, by the chart's data it is in: a service
    /// without a policy of its own reads the chart's in place, at the same
    /// address for every service, so it is known without comparing it
    /// (600 comparisons per edit at 120 x 5). The `Arc` keeps the address
    /// the chart's.
    chart: Option<(Arc<Value>, SharedValue)>,
}

/// Where the chart's values hold the DestinationRule's traffic policy.
const POLICY: [&str; 3] = ["istio", "destinationRule", "trafficPolicy"];

impl SortedMemo {
    /// `v`, the policy the templates read for a service whose chart data is
    /// `chart`, printed sorted.
    fn sorted(&mut self, v: &Value, chart: &Arc<Value>) -> SharedValue {
        let in_chart = at(chart, &POLICY).is_some_and(|c| std::ptr::eq(c, v));
        if let Some((c, output)) = self.chart.as_ref().filter(|(c, _)| in_chart && Arc::ptr_eq(c, chart)) {
            debug_assert!(identical(at(c, &POLICY).expect("in the chart"), v));
            return output.clone();
        }
        let output = match &self.last {
            Some((input, output)) if identical(input, v) => output.clone(),
            _ => {
                let output = SharedValue::new(sorted(v));
                self.last = Some((v.clone(), output.clone()));
                output
            }
        };
        if in_chart {
            self.chart = Some((chart.clone(), output.clone()));
        }
        output
    }
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
    // Shared: an object whose reads hold is the last render's (`render_again`).
    pub config_map: Arc<ConfigMap>,
    pub service: Arc<Service>,
    pub deployment: Arc<Deployment>,
    pub hpa: Option<Arc<Hpa>>,
    pub destination_rule: Option<Arc<DestinationRule>>,
    pub gateway: Option<Arc<Gateway>>,
    pub virtual_service: Option<Arc<VirtualService>>,
    /// The VirtualService's `http` rules, one per entry, with their source;
    /// empty without a VirtualService.
    pub routes: Arc<Vec<RouteRule>>,
    /// Where the chart's templates stop instead of printing these objects:
    /// a `fail` of the chart (a count that is no number). A `--set` Helm
    /// cannot parse stops it before, and is the merged values'
    /// (`Merged::set_failure`; `crate::rendered::ServiceOutput::failure`
    /// tells either). Nothing is shown for a failed render.
    pub failure: Option<String>,
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

/// What one Application's templates read, per object ([`super::reads`]): the
/// values shared by every object (name, environment, labels, autoscaling),
/// and each object's own reads, and the render failure's. The
/// HorizontalPodAutoscaler reads nothing but the shared values.
#[derive(Debug, Clone)]
pub struct Traces {
    common: Trace,
    /// The shared values themselves, kept while `common` holds.
    shared: Arc<Common>,
    config_map: Trace,
    service: Trace,
    deployment: Trace,
    destination_rule: Trace,
    ingress: Trace,
    failure: Trace,
}

/// The last render of the same Application: its merged values, objects and
/// traces.
#[derive(Clone, Copy)]
pub struct Last<'a> {
    pub merged: &'a Merged,
    pub objects: &'a ServiceObjects,
    pub traces: &'a Traces,
    /// When known, the only paths under which `merged` and the new values
    /// may differ (only the chart's values changed): read paths are met
    /// against them instead of comparing values.
    pub changes: Option<&'a Changes>,
}

/// What the templates print for the merged values `v`, keeping each object
/// of `last` whose reads return identical values in `v` (the same `Arc`),
/// with what each object read.
pub fn render_again(v: &Merged, last: Option<Last<'_>>, memo: &mut SortedMemo) -> (ServiceObjects, Traces) {
    let (c, common) = again(v, last, |t| &t.common, |l| l.traces.shared.clone(), |r| Arc::new(Common::read(r)));
    // An object's build also reads the shared values: it is kept only when
    // they were (the very same `Arc`).
    let last = last.filter(|l| Arc::ptr_eq(&l.traces.shared, &c));
    let (config_map, config_map_trace) =
        again(v, last, |t| &t.config_map, |l| l.objects.config_map.clone(), |r| Arc::new(config_map(&c, r)));
    let (service, service_trace) =
        again(v, last, |t| &t.service, |l| l.objects.service.clone(), |r| Arc::new(service(&c, r)));
    let (deployment, deployment_trace) =
        again(v, last, |t| &t.deployment, |l| l.objects.deployment.clone(), |r| Arc::new(deployment(&c, r)));
    let hpa = match last {
        Some(l) => l.objects.hpa.clone(),
        None => hpa(&c).map(Arc::new),
    };
    let (destination_rule, destination_rule_trace) = again(
        v,
        last,
        |t| &t.destination_rule,
        |l| l.objects.destination_rule.clone(),
        |r| destination_rule(&c, r, v.chart(), memo).map(Arc::new),
    );
    let ((gateway, virtual_service, routes), ingress_trace) = again(
        v,
        last,
        |t| &t.ingress,
        |l| (l.objects.gateway.clone(), l.objects.virtual_service.clone(), l.objects.routes.clone()),
        |r| match ingress(&c, r) {
            Some((g, vs, routes)) => (Some(Arc::new(g)), Some(Arc::new(vs)), Arc::new(routes)),
            None => (None, None, Arc::default()),
        },
    );
    let (failure, failure_trace) =
        again(v, last, |t| &t.failure, |l| l.objects.failure.clone(), |r| number_failure(&c, r));
    let objects = ServiceObjects {
        config_map,
        service,
        deployment,
        hpa,
        destination_rule,
        gateway,
        virtual_service,
        routes,
        failure,
    };
    let traces = Traces {
        common,
        shared: c.clone(),
        config_map: config_map_trace,
        service: service_trace,
        deployment: deployment_trace,
        destination_rule: destination_rule_trace,
        ingress: ingress_trace,
        failure: failure_trace,
    };
    (objects, traces)
}

/// The last render's part (`keep`) when its trace (`trace`) holds over `v`,
/// else a new build with its trace.
fn again<T>(
    v: &Merged,
    last: Option<Last>,
    trace: fn(&Traces) -> &Trace,
    keep: impl FnOnce(&Last) -> T,
    build: impl FnOnce(&Reads) -> T,
) -> (T, Trace) {
    if let Some(l) = last {
        let trace = trace(l.traces);
        if trace.holds(l.merged, v, l.changes) {
            return (keep(&l), trace.clone());
        }
    }
    let reads = Reads::new(v);
    let built = build(&reads);
    (built, reads.finish())
}

/// The values every object's template reads first.
#[derive(Debug)]
struct Common {
    name: String,
    /// `environments.<env>` (null when there is none).
    env_cfg: Value,
    labels: Labels,
    selector: Labels,
    /// The chart's autoscaling, with the environment's merged over it.
    autoscaling: Value,
}

impl Common {
    fn read(r: &Reads) -> Common {
        let name = if truthy(r.at(&["serviceName"])) { print(r.at(&["serviceName"])) } else { CHART_NAME.to_owned() };
        let dev = text("dev");
        let env = print(or(r.at(&["env"]), Some(&dev)));
        let env_cfg = r.environment(&env).cloned().unwrap_or(Value::Null);
        let platform = quoted(r.at(&["global", "platform"]));
        let labels: Labels = Arc::new(BTreeMap::from([
            ("app", Some(name.clone())),
            ("app.kubernetes.io/name", Some(name.clone())),
            ("app.kubernetes.io/part-of", platform.clone()),
            ("app.kubernetes.io/managed-by", Some("helm".into())),
            ("env", Some(env)),
        ]));
        let selector: Labels =
            Arc::new(BTreeMap::from([("app", Some(name.clone())), ("app.kubernetes.io/part-of", platform)]));
        let mut autoscaling = r.at(&["autoscaling"]).cloned().unwrap_or(Value::Mapping(Mapping::new()));
        if let Some(over) = at(&env_cfg, &["autoscaling"]) {
            merge(&mut autoscaling, over);
        }
        Common { name, env_cfg, labels, selector, autoscaling }
    }

    fn meta(&self, name: String) -> Meta {
        Meta { name, labels: self.labels.clone() }
    }
}

fn config_map(c: &Common, r: &Reads) -> ConfigMap {
    ConfigMap {
        api_version: "v1",
        kind: "ConfigMap",
        metadata: c.meta(format!("{}-config", c.name)),
        data: config_data(c, r),
    }
}

fn service(c: &Common, r: &Reads) -> Service {
    Service {
        api_version: "v1",
        kind: "Service",
        metadata: c.meta(c.name.clone()),
        spec: ServiceSpec {
            kind: "ClusterIP",
            selector: c.selector.clone(),
            ports: vec![ServicePort {
                name: "http",
                port: printed_scalar(r.at(&["port"])),
                target_port: "http",
                protocol: "TCP",
            }],
        },
    }
}

fn hpa(c: &Common) -> Option<Hpa> {
    let autoscaling = &c.autoscaling;
    truthy(at(autoscaling, &["enabled"])).then(|| Hpa {
        api_version: "autoscaling/v2",
        kind: "HorizontalPodAutoscaler",
        metadata: c.meta(c.name.clone()),
        spec: HpaSpec {
            scale_target_ref: ScaleTarget { api_version: "apps/v1", kind: "Deployment", name: c.name.clone() },
            min_replicas: printed_scalar(at(autoscaling, &["minReplicas"])),
            max_replicas: printed_scalar(at(autoscaling, &["maxReplicas"])),
            metrics: vec![
                metric("cpu", or(at(autoscaling, &["targetCPUUtilizationPercentage"]), Some(&Value::from(70)))),
                metric("memory", or(at(autoscaling, &["targetMemoryUtilizationPercentage"]), Some(&Value::from(80)))),
            ],
            behavior: Behavior {
                scale_up: Stabilization { stabilization_window_seconds: 30 },
                scale_down: Stabilization { stabilization_window_seconds: 120 },
            },
        },
    })
}

/// The Istio objects' `apiVersion`.
fn istio_api_version(r: &Reads) -> String {
    let default_api = text(DEFAULT_ISTIO_API_VERSION);
    print(or(r.at(&["istio", "apiVersion"]), Some(&default_api)))
}

fn destination_rule(c: &Common, r: &Reads, chart: &Arc<Value>, memo: &mut SortedMemo) -> Option<DestinationRule> {
    truthy(r.at(&["istio", "destinationRule", "enabled"])).then(|| DestinationRule {
        api_version: istio_api_version(r),
        kind: "DestinationRule",
        metadata: c.meta(c.name.clone()),
        spec: DestinationRuleSpec {
            host: c.name.clone(),
            traffic_policy: r.at(&POLICY).filter(|t| truthy(Some(t))).map(|t| memo.sorted(t, chart)),
        },
        written: TextCache::default(),
    })
}

/// The chart's `xgen-service.number` helper (`_helpers.tpl`): nil prints
/// nothing, an int or float prints, a string of digits prints as it is, and
/// anything else stops the render with `fail`. The first such value in the
/// order Helm renders the templates (deployment.yaml, hpa.yaml, ingress.yaml,
/// service.yaml), with the helper's words.
fn number_failure(c: &Common, r: &Reads) -> Option<String> {
    let (env_cfg, autoscaling) = (&c.env_cfg, &c.autoscaling);
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
    } else if r.at(&["replicas"]).is_some() {
        r.at(&["replicas"])
    } else if autoscaling_on {
        at(autoscaling, &["minReplicas"])
    } else {
        None
    };
    let seventy = Value::from(70);
    let eighty = Value::from(80);
    check("replicas", replicas).or_else(|| check("port", r.at(&["port"]))).or_else(|| {
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

fn config_data(c: &Common, r: &Reads) -> BTreeMap<String, Option<String>> {
    let mut data = BTreeMap::new();
    const INFRA: [(&str, &[&str]); 4] = [
        ("POSTGRES_HOST", &["global", "infra", "postgres", "host"]),
        ("REDIS_HOST", &["global", "infra", "redis", "host"]),
        ("QDRANT_HOST", &["global", "infra", "qdrant", "host"]),
        ("MINIO_ENDPOINT", &["global", "infra", "minio", "endpoint"]),
    ];
    for (key, path) in INFRA {
        let value = r.at(path);
        if truthy(value) {
            data.insert(key.to_owned(), quoted(value));
        }
    }
    let maps = [r.at(&["global", "config"]), r.at(&["config"]), at(&c.env_cfg, &["config"])];
    for map in maps.into_iter().flatten().filter_map(Value::as_mapping) {
        for (k, value) in map {
            data.insert(print(Some(k)), quoted(Some(value)));
        }
    }
    data.insert("APP_PORT".into(), quoted(r.at(&["port"])));
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

fn deployment(c: &Common, r: &Reads) -> Deployment {
    let (env_cfg, autoscaling, name) = (&c.env_cfg, &c.autoscaling, c.name.as_str());
    let (labels, selector) = (&c.labels, &c.selector);
    let repository = or(at(env_cfg, &["image", "repository"]), r.at(&["image", "repository"]));
    let repository = if truthy(repository) {
        print(repository)
    } else {
        let base = format!(
            "{}/{}",
            to_string(r.at(&["global", "registry", "host"])),
            to_string(r.at(&["global", "registry", "project"]))
        );
        match r.at(&["global", "registry", "site"]).filter(|s| truthy(Some(s))) {
            Some(site) => format!("{base}/{}", to_string(Some(site))),
            None => base,
        }
    };
    let tag = to_string(or(at(env_cfg, &["image", "tag"]), r.at(&["image", "tag"])));
    let resources = or(at(env_cfg, &["resources"]), r.at(&["resources"]));
    let replicas = if let Some(r) = at(env_cfg, &["replicas"]) {
        printed_scalar(Some(r))
    } else if let Some(r) = r.at(&["replicas"]) {
        printed_scalar(Some(r))
    } else if truthy(at(autoscaling, &["enabled"])) {
        printed_scalar(at(autoscaling, &["minReplicas"]))
    } else {
        Value::from(1)
    };
    let node_selector = r.at(&["nodeSelector"]).filter(|n| truthy(Some(n)));
    let if_not_present = text("IfNotPresent");
    Deployment {
        api_version: "apps/v1",
        kind: "Deployment",
        metadata: c.meta(c.name.clone()),
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
                    image_pull_secrets: vec![NameRef { name: quoted(r.at(&["global", "secrets", "imagePull"])) }],
                    node_selector: node_selector.map(sorted),
                    topology_spread_constraints: node_selector.is_none().then(|| {
                        vec![TopologySpread {
                            max_skew: 1,
                            topology_key: "kubernetes.io/hostname",
                            when_unsatisfiable: "ScheduleAnyway",
                            label_selector: MatchLabels { match_labels: selector.clone() },
                        }]
                    }),
                    affinity: r.at(&["affinity"]).filter(|a| truthy(Some(a))).map(sorted),
                    containers: vec![Container {
                        name: name.to_owned(),
                        image: format!("{repository}/{name}:{tag}"),
                        image_pull_policy: quoted(or(r.at(&["image", "pullPolicy"]), Some(&if_not_present))),
                        command: r.at(&["command"]).filter(|c| truthy(Some(c))).map(sorted),
                        ports: vec![ContainerPort {
                            name: "http",
                            container_port: printed_scalar(r.at(&["port"])),
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
                                    name: quoted(r.at(&["global", "secrets", "name"])),
                                    optional: true,
                                }),
                            },
                        ],
                        resources: resources.filter(|r| truthy(Some(r))).map(sorted),
                        liveness_probe: probe(r, &["probes", "liveness"]),
                        readiness_probe: probe(r, &["probes", "readiness"]),
                    }],
                },
            },
        },
    }
}

/// A probe, its timings at `timings` (`probes.<kind>`).
fn probe(r: &Reads, timings: &'static [&'static str]) -> Probe {
    let http = text("http");
    let health = text("/health");
    let tcp = print(or(r.at(&["healthCheck", "type"]), Some(&http))) == "tcp";
    let timings = match r.at(timings).filter(|t| truthy(Some(t))).map(sorted) {
        Some(Value::Mapping(m)) => m,
        _ => Mapping::new(),
    };
    Probe {
        tcp_socket: tcp.then_some(PortName { port: "http" }),
        http_get: (!tcp)
            .then(|| HttpGet { path: quoted(or(r.at(&["healthCheck", "path"]), Some(&health))), port: "http" }),
        timings,
    }
}

/// The Gateway, the VirtualService, and the VirtualService's rules with the
/// place each comes from: built in one pass, so what the checks and the
/// simulator read is what is rendered.
fn ingress(c: &Common, r: &Reads) -> Option<(Gateway, VirtualService, Vec<RouteRule>)> {
    let name = c.name.as_str();
    if !truthy(r.at(&["ingress", "enabled"])) {
        return None;
    }
    let hosts: Vec<Option<String>> = if truthy(r.at(&["domain"])) {
        vec![quoted(r.at(&["domain"]))]
    } else {
        r.at(&["ingress", "hosts"]).and_then(Value::as_sequence).map(|h| h.iter().map(|h| quoted(Some(h))).collect())?
    };
    if hosts.is_empty() {
        return None;
    }
    let mut servers = vec![GatewayServer {
        hosts: hosts.clone(),
        port: GatewayPort { name: "http", number: 80, protocol: "HTTP" },
        tls: None,
    }];
    let credential = r.at(&["ingress", "tls", "credentialName"]);
    if truthy(credential) {
        servers.push(GatewayServer {
            hosts: hosts.clone(),
            port: GatewayPort { name: "https", number: 443, protocol: "HTTPS" },
            tls: Some(GatewayTls { mode: "SIMPLE", credential_name: quoted(credential) }),
        });
    }
    let api_version = istio_api_version(r);
    let gateway_name = format!("{name}-gateway");
    let gateway = Gateway {
        api_version: api_version.to_owned(),
        kind: "Gateway",
        metadata: c.meta(gateway_name.clone()),
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
    let port = r.at(&["port"]);
    let own = Some(name.to_owned());
    for (i, prefix) in
        r.at(&["ingress", "frontendRoutes"]).and_then(Value::as_sequence).into_iter().flatten().enumerate()
    {
        let matcher = (MatchKind::Prefix, quoted(Some(prefix)), false);
        push(RuleKind::Sse, format!("ingress.frontendRoutes[{i}]"), Some(matcher), own.clone(), port);
    }
    for (i, route) in r.at(&["ingress", "routes"]).and_then(Value::as_sequence).into_iter().flatten().enumerate() {
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
        metadata: c.meta(format!("{name}-vs")),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_policy_remembers_one_comparison_and_answers_the_others() {
        let policy = |yaml: &str| SharedValue::new(serde_yaml::from_str(yaml).unwrap());
        let (a, b, c) = (policy("{x: 1, y: [2]}"), policy("{x: 1, y: [3]}"), policy("{x: 1, y: [2]}"));
        for _ in 0..2 {
            assert!(a != b, "compared");
            assert!(b != a, "remembered either way");
        }
        assert!(a == c, "another pair is compared");
        assert!(c == a);
        assert!(b != c);
        assert!(c != b);
        assert!(policy("{a: 1, b: 2}") != policy("{b: 2, a: 1}"), "identical: in order, as printed");
    }

    #[test]
    fn a_destination_rule_writes_what_serde_writes() {
        let policy = |yaml: &str| SharedValue::new(serde_yaml::from_str(yaml).unwrap());
        let policies = [
            None,
            Some(policy("{loadBalancer: {simple: ROUND_ROBIN}, outlierDetection: {consecutive5xxErrors: 5.5}}")),
            Some(policy("{b: [1, {c: null}], a: !tag x, 'y': '01', z: \"two\\nlines\\n\"}")),
            Some(policy("[{a: 1}, []]")),
            Some(policy("{}")),
            Some(policy("'on'")),
        ];
        let labels = [
            BTreeMap::from([("app", Some("a".to_owned())), ("env", None)]),
            BTreeMap::new(),
            BTreeMap::from([
                ("yes", Some("on".to_owned())),
                ("x", Some("a: b\nc".to_owned())),
                ("", Some(String::new())),
            ]),
        ];
        for labels in labels {
            for traffic_policy in policies.clone() {
                let dr = DestinationRule {
                    api_version: DEFAULT_ISTIO_API_VERSION.into(),
                    kind: "DestinationRule",
                    metadata: Meta { name: "a".into(), labels: Arc::new(labels.clone()) },
                    spec: DestinationRuleSpec { host: "- a".into(), traffic_policy },
                    written: TextCache::default(),
                };
                // Twice: the second takes the policy's written entry.
                for _ in 0..2 {
                    assert_eq!(dr.text(), crate::yaml::to_string(&dr).unwrap());
                }
            }
        }
    }
}
