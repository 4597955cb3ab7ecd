//! The project file, `k3s/argocd/projects/<site>.yaml` (docs/inputs.md#the-project-file).
//!
//! Every struct keeps the keys it does not model in `extra`, and every modelled key
//! is optional, so an unedited file exports as the same data.

use crate::keep_unknown::keep_unknown_keys;
use crate::ordered_map::OrderedMap;
use crate::scalar::Scalar;
use serde_yaml::Mapping;

#[derive(Debug, Clone, Default)]
pub struct ProjectFile {
    pub project: Option<ProjectMeta>,
    pub source: Option<Source>,
    pub destinations: Option<OrderedMap<Destination>>,
    /// The older single-environment form; its values are fallbacks.
    pub destination: Option<Destination>,
    pub domain: Option<String>,
    pub env: Option<String>,
    /// Registry site path segment (`global.registry.site`); not the file's site name.
    pub site: Option<Scalar>,
    pub registry_host: Option<String>,
    pub vars: Option<OrderedMap<Scalar>>,
    pub infra: Option<Infra>,
    pub environments: Option<OrderedMap<Environment>>,
    /// Fallback service list for environments without their own.
    pub services: Option<Vec<ServiceEntry>>,
    pub extra_apps: Option<Vec<ExtraApp>>,
    pub extra: Mapping,
}
keep_unknown_keys!(ProjectFile {
    project => "project", source => "source", destinations => "destinations",
    destination => "destination", domain => "domain", env => "env", site => "site",
    registry_host => "registryHost", vars => "vars", infra => "infra",
    environments => "environments", services => "services", extra_apps => "extraApps",
});

#[derive(Debug, Clone, Default)]
pub struct ProjectMeta {
    pub name: Option<String>,
    pub description: Option<String>,
    pub namespace: Option<String>,
    pub extra: Mapping,
}
keep_unknown_keys!(ProjectMeta { name => "name", description => "description", namespace => "namespace" });

#[derive(Debug, Clone, Default)]
pub struct Source {
    pub repo_url: Option<String>,
    pub target_revision: Option<String>,
    pub chart_path: Option<String>,
    pub extra: Mapping,
}
keep_unknown_keys!(Source { repo_url => "repoURL", target_revision => "targetRevision", chart_path => "chartPath" });

#[derive(Debug, Clone, Default)]
pub struct Destination {
    pub server: Option<String>,
    pub domain: Option<String>,
    pub extra: Mapping,
}
keep_unknown_keys!(Destination { server => "server", domain => "domain" });

#[derive(Debug, Clone, Default)]
pub struct Infra {
    pub postgres: Option<InfraHost>,
    pub redis: Option<InfraHost>,
    pub qdrant: Option<InfraHost>,
    pub minio: Option<InfraEndpoint>,
    pub extra: Mapping,
}
keep_unknown_keys!(Infra { postgres => "postgres", redis => "redis", qdrant => "qdrant", minio => "minio" });

#[derive(Debug, Clone, Default)]
pub struct InfraHost {
    pub host: Option<String>,
    pub extra: Mapping,
}
keep_unknown_keys!(InfraHost { host => "host" });

#[derive(Debug, Clone, Default)]
pub struct InfraEndpoint {
    pub endpoint: Option<String>,
    pub extra: Mapping,
}
keep_unknown_keys!(InfraEndpoint { endpoint => "endpoint" });

#[derive(Debug, Clone, Default)]
pub struct Environment {
    pub services: Option<Vec<ServiceEntry>>,
    pub extra: Mapping,
}
keep_unknown_keys!(Environment { services => "services" });

#[derive(Debug, Clone, Default)]
pub struct ServiceEntry {
    pub name: Option<String>,
    pub values_file: Option<String>,
    pub has_domain: Option<bool>,
    pub replicas: Option<u32>,
    pub autoscaling: Option<Autoscaling>,
    pub resources: Option<Resources>,
    pub namespace: Option<String>,
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

#[derive(Debug, Clone, Default)]
pub struct Autoscaling {
    /// A boolean as a rule; any scalar is taken, as Helm takes it: a
    /// template reads a non-empty string (`"false"` too) as true (XS217).
    pub enabled: Option<Scalar>,
    pub min_replicas: Option<u32>,
    pub max_replicas: Option<u32>,
    /// The service chart's HPA targets (values files only; the root chart
    /// does not pass them). Typed: the chart prints them as numbers.
    pub target_cpu: Option<u32>,
    pub target_memory: Option<u32>,
    pub extra: Mapping,
}
impl Autoscaling {
    /// `enabled` when it is a boolean.
    pub fn enabled_bool(&self) -> Option<bool> {
        self.enabled.as_ref().and_then(Scalar::as_bool)
    }

    /// The root chart's `and (hasKey $autoscaling "enabled") (not
    /// $autoscaling.enabled)`: `enabled` written and false for a template
    /// (`false`, `0`, `""`, `null`; not `"false"`).
    pub fn switched_off(&self) -> bool {
        self.enabled.as_ref().is_some_and(|e| !e.truthy()) || self.explicit_null("enabled")
    }
}
keep_unknown_keys!(Autoscaling {
    enabled => "enabled", min_replicas => "minReplicas", max_replicas => "maxReplicas",
    target_cpu => "targetCPUUtilizationPercentage", target_memory => "targetMemoryUtilizationPercentage",
});

/// `requests` / `limits`: resource name to quantity (`memory`, `cpu`,
/// `nvidia.com/gpu`, ...), kept as written (`cpu: 2` stays a number).
#[derive(Debug, Clone, Default)]
pub struct Resources {
    pub requests: Option<OrderedMap<Scalar>>,
    pub limits: Option<OrderedMap<Scalar>>,
    pub extra: Mapping,
}
keep_unknown_keys!(Resources { requests => "requests", limits => "limits" });

#[derive(Debug, Clone, Default)]
pub struct ExtraApp {
    pub name: Option<String>,
    pub path: Option<String>,
    pub namespace: Option<String>,
    pub server: Option<String>,
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
