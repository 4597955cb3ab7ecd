//! Service chart values (docs/inputs.md#chart-and-service-values): `k3s/helm-chart/values.yaml` (the chart's
//! defaults, with `global`) and `values/<service>.yaml` (one service's overrides)
//! share this one shape.

use crate::keep_unknown::keep_unknown_keys;
use crate::model::project::{Autoscaling, Resources};
use crate::ordered_map::OrderedMap;
use crate::scalar::Scalar;
use serde::Serialize;
use serde_yaml::{Mapping, Value};

fn is_empty(m: &Mapping) -> bool {
    m.is_empty()
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ServiceValues {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub global: Option<Global>,
    #[serde(rename = "serviceName", skip_serializing_if = "Option::is_none")]
    pub service_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replicas: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resources: Option<Resources>,
    #[serde(rename = "healthCheck", skip_serializing_if = "Option::is_none")]
    pub health_check: Option<HealthCheck>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub autoscaling: Option<Autoscaling>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config: Option<OrderedMap<Scalar>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ingress: Option<Ingress>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub istio: Option<Istio>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub environments: Option<OrderedMap<EnvValues>>,
    #[serde(rename = "nodeSelector", skip_serializing_if = "Option::is_none")]
    pub node_selector: Option<OrderedMap<Scalar>>,
    /// Passed to the pod as written (a Kubernetes Affinity object).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub affinity: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probes: Option<Probes>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}

impl ServiceValues {
    /// The traffic policy this file writes, if any (null is none): the
    /// checks XS301-XS306 read it, and the context tells which file holds the
    /// policy a service uses.
    pub fn traffic_policy(&self) -> Option<&serde_yaml::Value> {
        let istio = self.istio.as_ref()?;
        istio.destination_rule.as_ref()?.traffic_policy.as_ref().filter(|p| !p.is_null())
    }
}
keep_unknown_keys!(ServiceValues {
    global => "global", service_name => "serviceName", image => "image", port => "port",
    replicas => "replicas", resources => "resources", health_check => "healthCheck",
    autoscaling => "autoscaling", config => "config", ingress => "ingress", istio => "istio",
    environments => "environments", node_selector => "nodeSelector", affinity => "affinity",
    command => "command", probes => "probes",
});

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Global {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registry: Option<Registry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secrets: Option<Secrets>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub infra: Option<GlobalInfra>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config: Option<OrderedMap<Scalar>>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(Global {
    platform => "platform", registry => "registry", secrets => "secrets", infra => "infra", config => "config",
});

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Registry {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<Scalar>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(Registry { host => "host", project => "project", site => "site" });

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Secrets {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "imagePull", skip_serializing_if = "Option::is_none")]
    pub image_pull: Option<String>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(Secrets { name => "name", image_pull => "imagePull" });

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GlobalInfra {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postgres: Option<crate::model::project::InfraHost>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redis: Option<crate::model::project::InfraHost>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qdrant: Option<crate::model::project::InfraHost>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minio: Option<crate::model::project::InfraEndpoint>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(GlobalInfra {
    namespace => "namespace", postgres => "postgres", redis => "redis", qdrant => "qdrant", minio => "minio",
});

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Image {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repository: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<Scalar>,
    #[serde(rename = "pullPolicy", skip_serializing_if = "Option::is_none")]
    pub pull_policy: Option<String>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(Image { repository => "repository", tag => "tag", pull_policy => "pullPolicy" });

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct HealthCheck {
    /// `http` or `tcp`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(HealthCheck { kind => "type", path => "path" });

/// Probe timings (`initialDelaySeconds`, `periodSeconds`, ...), kept as written.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Probes {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub liveness: Option<OrderedMap<Scalar>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub readiness: Option<OrderedMap<Scalar>>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(Probes { liveness => "liveness", readiness => "readiness" });

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Ingress {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hosts: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls: Option<Tls>,
    /// Path prefixes served by this service itself (SSE streams).
    #[serde(rename = "frontendRoutes", skip_serializing_if = "Option::is_none")]
    pub frontend_routes: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub routes: Option<Vec<Route>>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(Ingress {
    enabled => "enabled", hosts => "hosts", tls => "tls", frontend_routes => "frontendRoutes", routes => "routes",
});

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Tls {
    #[serde(rename = "credentialName", skip_serializing_if = "Option::is_none")]
    pub credential_name: Option<String>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(Tls { credential_name => "credentialName" });

/// An `ingress.routes` entry: one of `prefix` (the seed's form), `exact` or `regex`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Route {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exact: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regex: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// The studio's edition of the chart: the match ignores case (Istio's
    /// `ignoreUriCase`, for prefix and exact matches).
    #[serde(rename = "ignoreUriCase", skip_serializing_if = "Option::is_none")]
    pub ignore_uri_case: Option<bool>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(Route {
    prefix => "prefix", exact => "exact", regex => "regex", service => "service", port => "port",
    ignore_uri_case => "ignoreUriCase",
});

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Istio {
    #[serde(rename = "destinationRule", skip_serializing_if = "Option::is_none")]
    pub destination_rule: Option<DestinationRuleValues>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(Istio { destination_rule => "destinationRule" });

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DestinationRuleValues {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// An Istio TrafficPolicy object, passed to the DestinationRule as written.
    #[serde(rename = "trafficPolicy", skip_serializing_if = "Option::is_none")]
    pub traffic_policy: Option<Value>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(DestinationRuleValues { enabled => "enabled", traffic_policy => "trafficPolicy" });

/// `environments.<env>` of a values file: that environment's overrides.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EnvValues {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config: Option<OrderedMap<Scalar>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resources: Option<Resources>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replicas: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub autoscaling: Option<Autoscaling>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(EnvValues {
    config => "config", resources => "resources", image => "image", replicas => "replicas", autoscaling => "autoscaling",
});
