//! Service chart values (docs/inputs.md#chart-and-service-values): `k3s/helm-chart/values.yaml` (the chart's
//! defaults, with `global`) and `values/<service>.yaml` (one service's overrides)
//! share this one shape.

use crate::keep_unknown::keep_unknown_keys;
use crate::model::project::{Autoscaling, Resources};
use crate::ordered_map::OrderedMap;
use crate::scalar::Scalar;
use serde_yaml::{Mapping, Value};

#[derive(Debug, Clone, Default)]
pub struct ServiceValues {
    pub global: Option<Global>,
    pub service_name: Option<String>,
    pub image: Option<Image>,
    pub port: Option<u16>,
    pub replicas: Option<u32>,
    pub resources: Option<Resources>,
    pub health_check: Option<HealthCheck>,
    pub autoscaling: Option<Autoscaling>,
    pub config: Option<OrderedMap<Scalar>>,
    pub ingress: Option<Ingress>,
    pub istio: Option<Istio>,
    pub environments: Option<OrderedMap<EnvValues>>,
    pub node_selector: Option<OrderedMap<Scalar>>,
    /// Passed to the pod as written (a Kubernetes Affinity object).
    pub affinity: Option<Value>,
    pub command: Option<Vec<String>>,
    pub probes: Option<Probes>,
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

#[derive(Debug, Clone, Default)]
pub struct Global {
    pub platform: Option<String>,
    pub registry: Option<Registry>,
    pub secrets: Option<Secrets>,
    pub infra: Option<GlobalInfra>,
    pub config: Option<OrderedMap<Scalar>>,
    pub extra: Mapping,
}
keep_unknown_keys!(Global {
    platform => "platform", registry => "registry", secrets => "secrets", infra => "infra", config => "config",
});

#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub host: Option<String>,
    pub project: Option<String>,
    pub site: Option<Scalar>,
    pub extra: Mapping,
}
keep_unknown_keys!(Registry { host => "host", project => "project", site => "site" });

#[derive(Debug, Clone, Default)]
pub struct Secrets {
    pub name: Option<String>,
    pub image_pull: Option<String>,
    pub extra: Mapping,
}
keep_unknown_keys!(Secrets { name => "name", image_pull => "imagePull" });

#[derive(Debug, Clone, Default)]
pub struct GlobalInfra {
    pub namespace: Option<String>,
    pub postgres: Option<crate::model::project::InfraHost>,
    pub redis: Option<crate::model::project::InfraHost>,
    pub qdrant: Option<crate::model::project::InfraHost>,
    pub minio: Option<crate::model::project::InfraEndpoint>,
    pub extra: Mapping,
}
keep_unknown_keys!(GlobalInfra {
    namespace => "namespace", postgres => "postgres", redis => "redis", qdrant => "qdrant", minio => "minio",
});

#[derive(Debug, Clone, Default)]
pub struct Image {
    pub repository: Option<String>,
    pub tag: Option<Scalar>,
    pub pull_policy: Option<String>,
    pub extra: Mapping,
}
keep_unknown_keys!(Image { repository => "repository", tag => "tag", pull_policy => "pullPolicy" });

#[derive(Debug, Clone, Default)]
pub struct HealthCheck {
    /// `http` or `tcp`.
    pub kind: Option<String>,
    pub path: Option<String>,
    pub extra: Mapping,
}
keep_unknown_keys!(HealthCheck { kind => "type", path => "path" });

/// Probe timings (`initialDelaySeconds`, `periodSeconds`, ...), kept as written.
#[derive(Debug, Clone, Default)]
pub struct Probes {
    pub liveness: Option<OrderedMap<Scalar>>,
    pub readiness: Option<OrderedMap<Scalar>>,
    pub extra: Mapping,
}
keep_unknown_keys!(Probes { liveness => "liveness", readiness => "readiness" });

#[derive(Debug, Clone, Default)]
pub struct Ingress {
    pub enabled: Option<bool>,
    pub hosts: Option<Vec<String>>,
    pub tls: Option<Tls>,
    /// Path prefixes served by this service itself (SSE streams).
    pub frontend_routes: Option<Vec<String>>,
    pub routes: Option<Vec<Route>>,
    pub extra: Mapping,
}
keep_unknown_keys!(Ingress {
    enabled => "enabled", hosts => "hosts", tls => "tls", frontend_routes => "frontendRoutes", routes => "routes",
});

#[derive(Debug, Clone, Default)]
pub struct Tls {
    pub credential_name: Option<String>,
    pub extra: Mapping,
}
keep_unknown_keys!(Tls { credential_name => "credentialName" });

/// An `ingress.routes` entry: one of `prefix` (the seed's form), `exact` or `regex`.
#[derive(Debug, Clone, Default)]
pub struct Route {
    pub prefix: Option<String>,
    pub exact: Option<String>,
    pub regex: Option<String>,
    pub service: Option<String>,
    pub port: Option<u16>,
    /// The studio's edition of the chart: the match ignores case (Istio's
    /// `ignoreUriCase`, for prefix and exact matches).
    pub ignore_uri_case: Option<bool>,
    pub extra: Mapping,
}
keep_unknown_keys!(Route {
    prefix => "prefix", exact => "exact", regex => "regex", service => "service", port => "port",
    ignore_uri_case => "ignoreUriCase",
});

#[derive(Debug, Clone, Default)]
pub struct Istio {
    pub destination_rule: Option<DestinationRuleValues>,
    pub extra: Mapping,
}
keep_unknown_keys!(Istio { destination_rule => "destinationRule" });

#[derive(Debug, Clone, Default)]
pub struct DestinationRuleValues {
    pub enabled: Option<bool>,
    /// An Istio TrafficPolicy object, passed to the DestinationRule as written.
    pub traffic_policy: Option<Value>,
    pub extra: Mapping,
}
keep_unknown_keys!(DestinationRuleValues { enabled => "enabled", traffic_policy => "trafficPolicy" });

/// `environments.<env>` of a values file: that environment's overrides.
#[derive(Debug, Clone, Default)]
pub struct EnvValues {
    pub config: Option<OrderedMap<Scalar>>,
    pub resources: Option<Resources>,
    pub image: Option<Image>,
    pub replicas: Option<u32>,
    pub autoscaling: Option<Autoscaling>,
    pub extra: Mapping,
}
keep_unknown_keys!(EnvValues {
    config => "config", resources => "resources", image => "image", replicas => "replicas", autoscaling => "autoscaling",
});
