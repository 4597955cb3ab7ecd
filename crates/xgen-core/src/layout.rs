//! Where each file of the bundle lives (docs/bundle.md#layout): fixed literals
//! joined with validated names, and nothing else, so no user text can become
//! a path. A leaf module: it knows names, not what the files hold (a
//! file's text is a [`FileText`], itself a leaf).

pub use crate::file_text::FileText;
use crate::names::{DnsLabel, ValuesFileName};
use std::sync::Arc;

pub const PROJECTS_DIR: &str = "k3s/argocd/projects/";
pub const CHART_VALUES_PATH: &str = "k3s/helm-chart/values.yaml";
pub const ROOT_CHART_DIR: &str = "k3s/argocd";
pub const VALUES_DIR: &str = "k3s/helm-chart/values/";
pub const SETTINGS_PATH: &str = "xgen-studio.yaml";
pub const RENDERED_DIR: &str = "rendered/";
/// Where the cluster's own Istio objects of each environment travel:
/// `cluster/<env>/istio-objects.yaml` (docs/bundle.md).
pub const CLUSTER_DIR: &str = "cluster/";
pub const CLUSTER_FILE: &str = "istio-objects.yaml";

/// A path in the bundle: relative, of plain segments ([`is_safe_entry_name`]).
/// The only way to name a zip entry or a file the CLI writes: the field is
/// private, so every path went through [`BundlePath::parse`] or is made of
/// fixed literals and validated names by the functions of this module.
///
/// Shared text: a snapshot holds thousands of paths and an edit copies them
/// all into the next one, so a copy is a count, not an allocation.
#[derive(Debug, Clone, PartialOrd, Ord)]
pub struct BundlePath(Arc<str>);

/// The very same path is equal at once: the renderer compares a render's
/// thousands of paths with the last render's, nearly all the same `Arc`s
/// (`Arc<str>`'s own `==` compares the text even then).
impl PartialEq for BundlePath {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}

impl Eq for BundlePath {}

/// As the text's, so that equal paths hash alike.
impl std::hash::Hash for BundlePath {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

/// A path that would leave the bundle's root or is not a plain relative path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{}` is not a safe path in the bundle (a relative path of plain segments)", .0.escape_debug())]
pub struct UnsafePath(pub String);

impl BundlePath {
    pub fn parse(path: impl Into<String>) -> Result<Self, UnsafePath> {
        let path = path.into();
        if is_safe_entry_name(&path) {
            Ok(BundlePath(path.into()))
        } else {
            Err(UnsafePath(path))
        }
    }

    /// A path made by this module's functions of fixed literals and
    /// validated names: safe by construction, and checked again (a bug there
    /// must not write outside the bundle).
    pub(crate) fn made(path: String) -> Self {
        match BundlePath::parse(path) {
            Ok(p) => p,
            Err(UnsafePath(p)) => panic!("layout made an unsafe path: {}", p.escape_debug()),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for BundlePath {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for BundlePath {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl AsRef<std::path::Path> for BundlePath {
    fn as_ref(&self) -> &std::path::Path {
        std::path::Path::new(&*self.0)
    }
}

impl std::borrow::Borrow<str> for BundlePath {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for BundlePath {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for BundlePath {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for BundlePath {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for BundlePath {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<BundlePath> for String {
    fn eq(&self, other: &BundlePath) -> bool {
        **self == *other.0
    }
}

impl PartialEq<BundlePath> for &str {
    fn eq(&self, other: &BundlePath) -> bool {
        **self == *other.0
    }
}

impl From<BundlePath> for String {
    fn from(p: BundlePath) -> String {
        p.0.to_string()
    }
}

/// The very same shared value (an unchanged file's text, an object the
/// renderer kept) or an equal one. `Arc`'s `==` compares the values whole
/// (for `str` too, `str` being unsized), so comparing thousands of texts or
/// objects by `==` alone reads every byte.
pub fn same_shared<T: ?Sized + PartialEq>(a: &Arc<T>, b: &Arc<T>) -> bool {
    Arc::ptr_eq(a, b) || a == b
}

/// One file of the bundle: a safe relative path and its text. The text is
/// shared: an edit that does not change a file keeps the very same text, so
/// [`FileText::same`] tells an unchanged file at once. A rendered object's
/// text may be written only when first read ([`FileText`]).
#[derive(Debug, Clone, PartialEq)]
pub struct BundleFile {
    pub path: BundlePath,
    pub text: FileText,
}

impl BundleFile {
    pub fn new(path: BundlePath, text: impl Into<FileText>) -> Self {
        BundleFile { path, text: text.into() }
    }

    /// A file at one of this module's fixed paths (`CHART_VALUES_PATH`, …).
    pub fn at(path: &'static str, text: impl Into<FileText>) -> Self {
        BundleFile { path: BundlePath::made(path.to_owned()), text: text.into() }
    }
}

pub fn project_path(site: &DnsLabel) -> String {
    format!("{PROJECTS_DIR}{site}.yaml")
}

pub fn values_path(file: &ValuesFileName) -> String {
    format!("{VALUES_DIR}{file}")
}

/// `cluster/<env>/istio-objects.yaml`: an environment's imported Istio objects.
pub fn cluster_objects_path(env: &DnsLabel) -> String {
    format!("{CLUSTER_DIR}{env}/{CLUSTER_FILE}")
}

/// The environment of a `cluster/<env>/istio-objects.yaml` path.
pub fn cluster_env(path: &str) -> Option<DnsLabel> {
    let env = path.strip_prefix(CLUSTER_DIR)?.strip_suffix(CLUSTER_FILE)?.strip_suffix('/')?;
    DnsLabel::parse(env).ok()
}

/// `rendered/<env>/argocd/application-<name>.yaml`
pub fn application_path(env: &DnsLabel, name: &DnsLabel) -> String {
    format!("{RENDERED_DIR}{env}/argocd/application-{name}.yaml")
}

/// `rendered/<env>/argocd/appproject.yaml`
pub fn app_project_path(env: &DnsLabel) -> String {
    format!("{RENDERED_DIR}{env}/argocd/appproject.yaml")
}

/// `rendered/<env>/<service>/<file>`, `file` one of [`SERVICE_FILES`].
pub fn service_object_path(env: &DnsLabel, service: &DnsLabel, file: &str) -> String {
    debug_assert!(SERVICE_FILES.contains(&file), "{file}");
    format!("{RENDERED_DIR}{env}/{service}/{file}")
}

/// The files a service's objects go to, in the service chart's output order.
pub const SERVICE_FILES: [&str; 7] = [
    "configmap.yaml",
    "service.yaml",
    "deployment.yaml",
    "hpa.yaml",
    "destinationrule.yaml",
    "gateway.yaml",
    "virtualservice.yaml",
];

/// The two homes of an environment's observability files: the repository's
/// source (`k3s/observability/<env>`) and the rendered copy
/// (`rendered/<env>/observability`). Folders, not files: a file under one is
/// named with [`BundlePath::parse`].
pub fn observability_dirs(env: &DnsLabel) -> [String; 2] {
    [format!("k3s/observability/{env}"), format!("{RENDERED_DIR}{env}/observability")]
}

/// The repository's observability source: `k3s/observability/<env>/<file>`,
/// `<file>` one of [`OBSERVABILITY_FILES`] (the rendered copy under
/// `rendered/<env>/observability/` is the bundle's, not the repository's).
pub const OBSERVABILITY_DIR: &str = "k3s/observability/";

/// The files the studio writes under each observability folder
/// (docs/alerts.md, "Files per environment"); `tests/folder.rs` holds the
/// snapshot to exactly these.
pub const OBSERVABILITY_FILES: [&str; 7] = [
    "grafana/alert-rules.yaml",
    "grafana/alerting.yaml",
    "prometheus/prometheus-rules.yaml",
    "prometheus/prometheus.yml",
    "prometheus/deployment-patch.yaml",
    "loki/retention.yaml",
    "tempo/retention.yaml",
];

/// The environment of an observability source file
/// (`k3s/observability/<env>/<file>`, `<file>` one the studio writes).
pub fn observability_env(path: &str) -> Option<&str> {
    let (env, file) = path.strip_prefix(OBSERVABILITY_DIR)?.split_once('/')?;
    (!env.is_empty() && OBSERVABILITY_FILES.contains(&file)).then_some(env)
}

/// True for the files the studio owns in a repository's working copy: the
/// source files ([`is_source_path`]) and the observability source files.
/// A folder's patch and `xgen-studio write` cover exactly these
/// (docs/bundle.md, "Open a folder").
pub fn is_owned_path(path: &str) -> bool {
    is_source_path(path) || observability_env(path).is_some()
}

/// True for the files a state is made of: the project file, the chart's
/// values, the values files, the studio settings and the cluster's objects.
pub fn is_source_path(path: &str) -> bool {
    path == CHART_VALUES_PATH
        || cluster_env(path).is_some()
        || path == SETTINGS_PATH
        || path.strip_prefix(PROJECTS_DIR).is_some_and(|rest| !rest.contains('/'))
        || path.strip_prefix(VALUES_DIR).is_some_and(|rest| !rest.contains('/'))
}

/// The environment a path under `rendered/` belongs to.
pub fn rendered_env(path: &str) -> Option<&str> {
    path.strip_prefix(RENDERED_DIR)?.split('/').next()
}

/// A relative path of plain segments: no `..` or `.`, no empty segment, no
/// backslash, no drive or absolute path, no control characters.
pub fn is_safe_entry_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && !name.contains('\\')
        && !name.contains(':')
        && !name.chars().any(char::is_control)
        && name.split('/').all(|seg| !seg.is_empty() && seg != "." && seg != "..")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_entry_names() {
        assert!(is_safe_entry_name("k3s/argocd/projects/xgen.yaml"));
        for bad in ["", "/etc/passwd", "../x", "a/../b", "a//b", "./a", "a\\b", "C:/x", "a\nb"] {
            assert!(!is_safe_entry_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn paths_are_made_of_validated_names() {
        let env = DnsLabel::parse("prd").unwrap();
        let svc = DnsLabel::parse("xgen-core").unwrap();
        assert_eq!(service_object_path(&env, &svc, "deployment.yaml"), "rendered/prd/xgen-core/deployment.yaml");
        assert_eq!(rendered_env("rendered/prd/argocd/appproject.yaml"), Some("prd"));
        assert_eq!(rendered_env("k3s/observability/prd/loki/retention.yaml"), None);
        assert_eq!(cluster_objects_path(&env), "cluster/prd/istio-objects.yaml");
        assert_eq!(cluster_env("cluster/prd/istio-objects.yaml"), Some(env.clone()));
        for not in ["cluster/prd/other.yaml", "cluster/Bad_Env/istio-objects.yaml", "cluster/istio-objects.yaml"] {
            assert_eq!(cluster_env(not), None, "{not}");
        }
        for p in [application_path(&env, &svc), app_project_path(&env)] {
            assert!(is_safe_entry_name(&p), "{p}");
        }
        for p in observability_dirs(&env) {
            assert!(is_safe_entry_name(&p), "{p}");
        }
    }

    #[test]
    fn owned_paths_are_the_sources_and_the_observability_source() {
        assert!(is_owned_path("k3s/argocd/projects/jeju.yaml"));
        assert!(is_owned_path("k3s/helm-chart/values/xgen-core.yaml"));
        assert!(is_owned_path("k3s/observability/prd/loki/retention.yaml"));
        assert_eq!(observability_env("k3s/observability/prd/grafana/alerting.yaml"), Some("prd"));
        for not in [
            "k3s/observability/prd/loki/other.yaml",
            "k3s/observability/loki/retention.yaml",
            "rendered/prd/observability/loki/retention.yaml",
            "k3s/argocd/Chart.yaml",
            "k3s/helm-chart/templates/deployment.yaml",
        ] {
            assert!(!is_owned_path(not), "{not}");
        }
    }

    #[test]
    fn a_bundle_path_is_only_a_safe_one() {
        assert_eq!(BundlePath::parse("k3s/x.yaml").unwrap(), "k3s/x.yaml");
        for bad in ["../x", "/etc/passwd", "a//b", "C:/x"] {
            assert_eq!(BundlePath::parse(bad), Err(UnsafePath(bad.into())));
        }
    }
}
