//! The project file, `k3s/argocd/projects/<site>.yaml` (docs/inputs.md#the-project-file).
//!
//! Every struct keeps the keys it does not model in `extra`, and every modelled key
//! is optional, so an unedited file exports as the same data.

use crate::keep_unknown::keep_unknown_keys;
use crate::ordered_map::OrderedMap;
use crate::scalar::Scalar;
use serde::Serialize;
use serde_yaml::Mapping;

fn is_empty(m: &Mapping) -> bool {
    m.is_empty()
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ProjectFile {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<ProjectMeta>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destinations: Option<OrderedMap<Destination>>,
    /// The older single-environment form; its values are fallbacks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination: Option<Destination>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub env: Option<String>,
    /// Registry site path segment (`global.registry.site`); not the file's site name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<Scalar>,
    #[serde(rename = "registryHost", skip_serializing_if = "Option::is_none")]
    pub registry_host: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vars: Option<OrderedMap<Scalar>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub infra: Option<Infra>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub environments: Option<OrderedMap<Environment>>,
    /// Fallback service list for environments without their own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub services: Option<Vec<ServiceEntry>>,
    #[serde(rename = "extraApps", skip_serializing_if = "Option::is_none")]
    pub extra_apps: Option<Vec<ExtraApp>>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(ProjectFile {
    project => "project", source => "source", destinations => "destinations",
    destination => "destination", domain => "domain", env => "env", site => "site",
    registry_host => "registryHost", vars => "vars", infra => "infra",
    environments => "environments", services => "services", extra_apps => "extraApps",
});

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ProjectMeta {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(ProjectMeta { name => "name", description => "description", namespace => "namespace" });

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Source {
    #[serde(rename = "repoURL", skip_serializing_if = "Option::is_none")]
    pub repo_url: Option<String>,
    #[serde(rename = "targetRevision", skip_serializing_if = "Option::is_none")]
    pub target_revision: Option<String>,
    #[serde(rename = "chartPath", skip_serializing_if = "Option::is_none")]
    pub chart_path: Option<String>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(Source { repo_url => "repoURL", target_revision => "targetRevision", chart_path => "chartPath" });

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Destination {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(Destination { server => "server", domain => "domain" });

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Infra {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postgres: Option<InfraHost>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redis: Option<InfraHost>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qdrant: Option<InfraHost>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minio: Option<InfraEndpoint>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(Infra { postgres => "postgres", redis => "redis", qdrant => "qdrant", minio => "minio" });

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct InfraHost {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(InfraHost { host => "host" });

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct InfraEndpoint {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(InfraEndpoint { endpoint => "endpoint" });

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Environment {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub services: Option<Vec<ServiceEntry>>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(Environment { services => "services" });

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ServiceEntry {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(rename = "valuesFile", skip_serializing_if = "Option::is_none")]
    pub values_file: Option<String>,
    #[serde(rename = "hasDomain", skip_serializing_if = "Option::is_none")]
    pub has_domain: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replicas: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub autoscaling: Option<Autoscaling>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resources: Option<Resources>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(ServiceEntry {
    name => "name", values_file => "valuesFile", has_domain => "hasDomain", replicas => "replicas",
    autoscaling => "autoscaling", resources => "resources", namespace => "namespace",
});

impl ServiceEntry {
    /// The values file this service uses: `valuesFile`, else `<name>.yaml`
    /// (the root chart's `default`: an empty `valuesFile` is no valuesFile).
    pub fn values_file_name(&self) -> String {
        match (self.values_file.as_deref().filter(|f| !f.is_empty()), &self.name) {
            (Some(f), _) => f.to_owned(),
            (None, Some(n)) => format!("{n}.yaml"),
            (None, None) => String::new(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Autoscaling {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(rename = "minReplicas", skip_serializing_if = "Option::is_none")]
    pub min_replicas: Option<u32>,
    #[serde(rename = "maxReplicas", skip_serializing_if = "Option::is_none")]
    pub max_replicas: Option<u32>,
    /// The service chart's HPA targets (values files only; the root chart
    /// does not pass them). Typed: the chart prints them as numbers.
    #[serde(rename = "targetCPUUtilizationPercentage", skip_serializing_if = "Option::is_none")]
    pub target_cpu: Option<u32>,
    #[serde(rename = "targetMemoryUtilizationPercentage", skip_serializing_if = "Option::is_none")]
    pub target_memory: Option<u32>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(Autoscaling {
    enabled => "enabled", min_replicas => "minReplicas", max_replicas => "maxReplicas",
    target_cpu => "targetCPUUtilizationPercentage", target_memory => "targetMemoryUtilizationPercentage",
});

/// `requests` / `limits`: resource name to quantity (`memory`, `cpu`,
/// `nvidia.com/gpu`, ...), kept as written (`cpu: 2` stays a number).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Resources {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requests: Option<OrderedMap<Scalar>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limits: Option<OrderedMap<Scalar>>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(Resources { requests => "requests", limits => "limits" });

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ExtraApp {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server: Option<String>,
    #[serde(flatten, skip_serializing_if = "is_empty")]
    pub extra: Mapping,
}
keep_unknown_keys!(ExtraApp { name => "name", path => "path", namespace => "namespace", server => "server" });

impl ProjectFile {
    /// The environments: the union of the keys of `destinations` and
    /// `environments`, in file order (destinations first, as they are read first).
    pub fn environment_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        let from_dest = self.destinations.iter().flat_map(|d| d.keys());
        let from_envs = self.environments.iter().flat_map(|e| e.keys());
        for name in from_dest.chain(from_envs) {
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
        names
    }

    /// Every service name some environment deploys, sorted, each once.
    pub fn deployed_services(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .environment_names()
            .iter()
            .flat_map(|e| self.services_of(e).iter().filter_map(|x| x.name.clone()))
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// The services of `env`: `environments.<env>.services`, else top-level
    /// `services`. The root chart reads them with sprig's `default`, which
    /// takes an empty list for no list: `environments.<env>.services: []`
    /// deploys the top-level services (docs/rendering.md, "Helm's value
    /// semantics"; XS214 warns).
    pub fn services_of(&self, env: &str) -> &[ServiceEntry] {
        self.own_services(env).or(self.services.as_deref()).unwrap_or(&[])
    }

    /// `environments.<env>.services` when it is a list that is not empty:
    /// the list the root chart uses for `env` before the top-level one.
    pub fn own_services(&self, env: &str) -> Option<&[ServiceEntry]> {
        self.environments
            .as_ref()
            .and_then(|e| e.get(env))
            .and_then(|e| e.services.as_deref())
            .filter(|list| !list.is_empty())
    }

    /// `destinations.<env>.server`, else `destination.server`.
    pub fn server_of(&self, env: &str) -> Option<&str> {
        self.destinations
            .as_ref()
            .and_then(|d| d.get(env))
            .and_then(|d| d.server.as_deref())
            .or_else(|| self.destination.as_ref().and_then(|d| d.server.as_deref()))
    }

    /// `destinations.<env>.domain`, else top-level `domain`, else none.
    pub fn domain_of(&self, env: &str) -> Option<&str> {
        self.destinations.as_ref().and_then(|d| d.get(env)).and_then(|d| d.domain.as_deref()).or(self.domain.as_deref())
    }

    pub fn name(&self) -> Option<&str> {
        self.project.as_ref().and_then(|p| p.name.as_deref())
    }
    pub fn namespace(&self) -> Option<&str> {
        self.project.as_ref().and_then(|p| p.namespace.as_deref())
    }
    pub fn description(&self) -> Option<&str> {
        self.project.as_ref().and_then(|p| p.description.as_deref())
    }

    /// Every service entry in the file with its YAML path, for checks.
    pub fn all_service_entries(&self) -> Vec<(String, &ServiceEntry)> {
        let mut out = Vec::new();
        for (env, e) in self.environments.iter().flat_map(|m| m.iter()) {
            for (i, s) in e.services.iter().flatten().enumerate() {
                out.push((format!("environments.{env}.services[{i}]"), s));
            }
        }
        for (i, s) in self.services.iter().flatten().enumerate() {
            out.push((format!("services[{i}]"), s));
        }
        out
    }
}
