//! The root chart (`k3s/argocd`, docs/rendering.md#root-chart) for one environment: one Application
//! per service, one per `extraApps` entry, and the AppProject. Mirrors
//! `src/core/charts/argocd/templates/`, which the Helm parity test runs.

use super::go_format::helm_string;
use super::helm_values::escape_set_key;
use crate::model::project::{ExtraApp, ServiceEntry};
use crate::model::ProjectFile;
use crate::scalar::Scalar;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

pub const DEFAULT_CHART_PATH: &str = "k3s/helm-chart";

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Application {
    pub api_version: &'static str,
    pub kind: &'static str,
    pub metadata: Metadata,
    pub spec: ApplicationSpec,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metadata {
    pub name: Option<String>,
    pub namespace: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub finalizers: Vec<&'static str>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<&'static str, Option<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationSpec {
    pub project: Option<String>,
    pub source: AppSource,
    pub destination: AppDestination,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sync_policy: Option<SyncPolicy>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ignore_differences: Vec<IgnoreDifference>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppSource {
    #[serde(rename = "repoURL")]
    pub repo_url: Option<String>,
    pub target_revision: Option<String>,
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub helm: Option<HelmSource>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HelmSource {
    pub value_files: Vec<String>,
    pub parameters: Vec<HelmParameter>,
}

/// An Argo CD Helm parameter; Argo CD passes it as `--set name=value`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct HelmParameter {
    pub name: String,
    pub value: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppDestination {
    pub server: Option<String>,
    pub namespace: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncPolicy {
    pub sync_options: Vec<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IgnoreDifference {
    pub group: &'static str,
    pub kind: &'static str,
    pub json_pointers: Vec<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppProject {
    pub api_version: &'static str,
    pub kind: &'static str,
    pub metadata: Metadata,
    pub spec: AppProjectSpec,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppProjectSpec {
    pub description: Option<String>,
    pub source_repos: Vec<Option<String>>,
    pub destinations: Vec<AppDestination>,
    pub cluster_resource_whitelist: Vec<GroupKind>,
    pub namespace_resource_whitelist: Vec<GroupKind>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupKind {
    pub group: &'static str,
    pub kind: &'static str,
}

/// Go templates treat these as "empty" for `default`, `if` and `and`.
fn non_empty(s: Option<&str>) -> Option<&str> {
    s.filter(|s| !s.is_empty())
}

fn source(p: &ProjectFile) -> (Option<String>, Option<String>) {
    let s = p.source.as_ref();
    (s.and_then(|s| s.repo_url.clone()), s.and_then(|s| s.target_revision.clone()))
}

/// Everything the root chart renders for `env`, in Helm's output order
/// (templates in file-name order: applications.yaml, then appproject.yaml).
#[derive(Debug, Clone, PartialEq)]
pub struct RootObjects {
    pub applications: Vec<Arc<Application>>,
    pub app_project: AppProject,
    /// The environment's cluster server and domain as the root chart reads
    /// them (`AppContext`): what the Overview shows.
    pub server: Option<String>,
    pub domain: Option<String>,
}

/// Everything a service's Application reads besides its own entry: the
/// environment and the project-wide settings the template uses. An
/// Application is a function of this and the entry only (the renderer
/// reuses one whose two inputs are unchanged).
#[derive(Debug, Clone, PartialEq)]
pub struct AppContext {
    pub env: String,
    pub project: Option<String>,
    pub namespace: Option<String>,
    pub repo_url: Option<String>,
    pub target_revision: Option<String>,
    pub chart_path: String,
    pub server: Option<String>,
    /// The environment's domain, when it has one (empty is none).
    pub domain: Option<String>,
    pub site: Option<Scalar>,
    pub registry_host: Option<String>,
    /// `infra.<service>.<key>` values, sorted as Go ranges a map.
    pub infra: Vec<(String, String, Option<String>)>,
    /// `vars`, sorted by key.
    pub vars: Vec<(String, Scalar)>,
}

impl AppContext {
    pub fn of(p: &ProjectFile, env: &str) -> AppContext {
        let (repo_url, target_revision) = source(p);
        let chart_path =
            non_empty(p.source.as_ref().and_then(|s| s.chart_path.as_deref())).unwrap_or(DEFAULT_CHART_PATH);
        let mut vars: Vec<(String, Scalar)> =
            p.vars.iter().flat_map(|v| v.iter()).map(|(k, v)| (k.clone(), v.clone())).collect();
        vars.sort_by(|a, b| a.0.cmp(&b.0));
        AppContext {
            env: env.to_owned(),
            project: p.name().map(str::to_owned),
            namespace: p.namespace().map(str::to_owned),
            repo_url,
            target_revision,
            chart_path: chart_path.to_owned(),
            server: non_empty(p.server_of(env)).map(str::to_owned),
            domain: non_empty(p.domain_of(env)).map(str::to_owned),
            site: p.site.clone(),
            registry_host: p.registry_host.clone(),
            infra: infra_values(p),
            vars,
        }
    }
}

pub fn render_root(p: &ProjectFile, env: &str) -> RootObjects {
    let ctx = AppContext::of(p, env);
    let mut applications: Vec<Arc<Application>> =
        p.services_of(env).iter().map(|s| Arc::new(service_application(&ctx, s))).collect();
    applications.extend(p.extra_apps.iter().flatten().map(|a| Arc::new(extra_application(&ctx, a))));
    RootObjects { applications, app_project: app_project(p), server: ctx.server.clone(), domain: ctx.domain.clone() }
}

/// The Application of one service entry (`<service>-<env>`).
pub fn service_application(ctx: &AppContext, s: &ServiceEntry) -> Application {
    let env = &ctx.env;
    let name = s.name.as_deref().unwrap_or("");
    let values_file = non_empty(s.values_file.as_deref()).map_or_else(|| format!("{name}.yaml"), str::to_owned);
    Application {
        api_version: "argoproj.io/v1alpha1",
        kind: "Application",
        metadata: Metadata {
            name: Some(format!("{name}-{env}")),
            namespace: "argocd",
            finalizers: vec!["resources-finalizer.argocd.argoproj.io"],
            labels: BTreeMap::from([
                ("app.kubernetes.io/part-of", ctx.project.clone()),
                ("environment", Some(env.clone())),
            ]),
        },
        spec: ApplicationSpec {
            project: ctx.project.clone(),
            source: AppSource {
                repo_url: ctx.repo_url.clone(),
                target_revision: ctx.target_revision.clone(),
                path: Some(ctx.chart_path.clone()),
                helm: Some(HelmSource {
                    value_files: vec![format!("values/{values_file}")],
                    parameters: parameters(ctx, s),
                }),
            },
            destination: AppDestination {
                server: ctx.server.clone(),
                namespace: non_empty(s.namespace.as_deref()).map(str::to_owned).or_else(|| ctx.namespace.clone()),
            },
            sync_policy: Some(SyncPolicy { sync_options: vec!["CreateNamespace=true", "PruneLast=true"] }),
            ignore_differences: vec![IgnoreDifference {
                group: "apps",
                kind: "Deployment",
                json_pointers: vec!["/spec/replicas"],
            }],
        },
    }
}

/// The Application's Helm parameters, in the order of docs/rendering.md#root-chart.
pub fn parameters(ctx: &AppContext, s: &ServiceEntry) -> Vec<HelmParameter> {
    let mut out = vec![param("env", Some(ctx.env.clone()))];
    let truthy = |v: &Scalar| !matches!(v, Scalar::Null | Scalar::Bool(false)) && v.as_str() != Some("");
    if let Some(site) = ctx.site.as_ref().filter(|v| truthy(v)) {
        out.push(param("global.registry.site", helm_string(site)));
    }
    if let Some(host) = non_empty(ctx.registry_host.as_deref()) {
        out.push(param("global.registry.host", Some(host.to_owned())));
    }
    for (infra, key, value) in &ctx.infra {
        out.push(param(&format!("global.infra.{}.{}", escape_set_key(infra), escape_set_key(key)), value.clone()));
    }
    if let (Some(true), Some(domain)) = (s.has_domain, &ctx.domain) {
        out.push(param("domain", Some(domain.clone())));
    }
    for (key, value) in &ctx.vars {
        out.push(param(&format!("config.{}", escape_set_key(key)), helm_string(value)));
    }
    let resources = s.resources.as_ref();
    for (group, list) in [
        ("requests", resources.and_then(|r| r.requests.as_ref())),
        ("limits", resources.and_then(|r| r.limits.as_ref())),
    ] {
        for name in ["memory", "cpu"] {
            if let Some(v) = list.and_then(|l| l.get(name)) {
                out.push(param(&format!("resources.{group}.{name}"), helm_string(v)));
            }
        }
    }
    if let Some(r) = s.replicas {
        out.push(param("replicas", helm_string(&Scalar::Int(r.into()))));
    }
    let autoscaling = s.autoscaling.as_ref();
    if let Some(enabled) = autoscaling.and_then(|a| a.enabled) {
        out.push(param("autoscaling.enabled", Some(enabled.to_string())));
    }
    if autoscaling.and_then(|a| a.enabled) != Some(false) {
        for (name, v) in [
            ("minReplicas", autoscaling.and_then(|a| a.min_replicas)),
            ("maxReplicas", autoscaling.and_then(|a| a.max_replicas)),
        ] {
            if let Some(v) = v.filter(|v| *v != 0) {
                out.push(param(&format!("autoscaling.{name}"), helm_string(&Scalar::Int(v.into()))));
            }
        }
    }
    out
}

fn param(name: &str, value: Option<String>) -> HelmParameter {
    HelmParameter { name: name.to_owned(), value }
}

/// `infra.<service>.<key>` values, sorted as Go ranges a map: by service, then key.
fn infra_values(p: &ProjectFile) -> Vec<(String, String, Option<String>)> {
    let Some(infra) = &p.infra else { return Vec::new() };
    let Ok(serde_yaml::Value::Mapping(services)) = serde_yaml::to_value(infra) else { return Vec::new() };
    let mut out = Vec::new();
    for (svc, settings) in &services {
        let (Some(svc), Some(settings)) = (svc.as_str(), settings.as_mapping()) else { continue };
        for (key, value) in settings {
            let Some(key) = key.as_str() else { continue };
            let value: Option<Scalar> = serde_yaml::from_value(value.clone()).ok();
            out.push((svc.to_owned(), key.to_owned(), value.as_ref().and_then(helm_string)));
        }
    }
    out.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    out
}

/// The Application of an `extraApps` entry.
pub fn extra_application(ctx: &AppContext, a: &ExtraApp) -> Application {
    Application {
        api_version: "argoproj.io/v1alpha1",
        kind: "Application",
        metadata: Metadata { name: a.name.clone(), namespace: "argocd", finalizers: vec![], labels: BTreeMap::new() },
        spec: ApplicationSpec {
            project: ctx.project.clone(),
            source: AppSource {
                repo_url: ctx.repo_url.clone(),
                target_revision: ctx.target_revision.clone(),
                path: a.path.clone(),
                helm: None,
            },
            destination: AppDestination {
                server: non_empty(a.server.as_deref()).map(str::to_owned).or_else(|| ctx.server.clone()),
                namespace: non_empty(a.namespace.as_deref()).map(str::to_owned).or_else(|| ctx.namespace.clone()),
            },
            sync_policy: None,
            ignore_differences: vec![],
        },
    }
}

/// The AppProject (the same in every environment).
pub fn app_project(p: &ProjectFile) -> AppProject {
    let (repo_url, _) = source(p);
    let mut envs = p.environment_names();
    envs.sort();
    let namespace = p.namespace().unwrap_or("");
    let destinations = envs
        .iter()
        .flat_map(|env| {
            let server = non_empty(p.server_of(env)).map(str::to_owned);
            [
                AppDestination { namespace: p.namespace().map(str::to_owned), server: server.clone() },
                AppDestination { namespace: Some(format!("{namespace}-*")), server },
            ]
        })
        .collect();
    AppProject {
        api_version: "argoproj.io/v1alpha1",
        kind: "AppProject",
        metadata: Metadata {
            name: p.name().map(str::to_owned),
            namespace: "argocd",
            finalizers: vec![],
            labels: BTreeMap::new(),
        },
        spec: AppProjectSpec {
            description: p.description().map(str::to_owned),
            source_repos: vec![repo_url],
            destinations,
            cluster_resource_whitelist: vec![
                GroupKind { group: "", kind: "Namespace" },
                GroupKind { group: "rbac.authorization.k8s.io", kind: "ClusterRole" },
                GroupKind { group: "rbac.authorization.k8s.io", kind: "ClusterRoleBinding" },
            ],
            namespace_resource_whitelist: vec![GroupKind { group: "*", kind: "*" }],
        },
    }
}
