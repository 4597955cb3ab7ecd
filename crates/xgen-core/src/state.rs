//! [`ProjectState`]: the one source of truth the UI edits and everything else
//! (bundle, rendered manifests, problems) is derived from.

use crate::builtin;
use crate::model::{ProjectFile, ServiceValues, StudioSettings};
use crate::names::{DnsLabel, ValuesFileName};
use std::collections::BTreeMap;
use std::sync::Arc;

/// A part of the state shared between its copies: the page's undo history
/// keeps hundreds of states, and the renderer remembers the last one. A copy
/// costs a pointer; the first change through a copy copies that part alone
/// (`Arc::make_mut`); two copies of one part are equal without comparing.
#[derive(Debug, Default)]
pub struct Shared<T>(Arc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Arc::new(value))
    }
    /// True when both are the very same part (equal without a comparison).
    pub fn same(a: &Self, b: &Self) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> std::ops::DerefMut for Shared<T> {
    fn deref_mut(&mut self) -> &mut T {
        Arc::make_mut(&mut self.0)
    }
}

impl<T: PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Shared::same(self, other) || *self.0 == *other.0
    }
}

impl<T> From<T> for Shared<T> {
    fn from(value: T) -> Self {
        Shared::new(value)
    }
}

impl<T: serde::Serialize> serde::Serialize for Shared<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// The values files of a state, by name. Each file is shared between the
/// copies of a state (the page's undo history keeps hundreds), so a copy
/// costs a pointer per file and an edit copies only the file it changes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ValuesFiles(BTreeMap<ValuesFileName, Shared<ServiceValues>>);

impl ValuesFiles {
    pub fn get(&self, file: &ValuesFileName) -> Option<&ServiceValues> {
        self.0.get(file).map(|v| &**v)
    }
    /// The file to edit: copied first if another state shares it.
    pub fn get_mut(&mut self, file: &ValuesFileName) -> Option<&mut ServiceValues> {
        self.0.get_mut(file).map(|v| &mut **v)
    }
    /// The shared file itself.
    pub fn shared(&self, file: &ValuesFileName) -> Option<&Shared<ServiceValues>> {
        self.0.get(file)
    }
    pub fn insert(&mut self, file: ValuesFileName, values: ServiceValues) {
        self.0.insert(file, Shared::new(values));
    }
    pub fn remove(&mut self, file: &ValuesFileName) -> Option<ServiceValues> {
        self.0.remove(file).map(|v| Arc::unwrap_or_clone(v.0))
    }
    pub fn contains_key(&self, file: &ValuesFileName) -> bool {
        self.0.contains_key(file)
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn keys(&self) -> impl Iterator<Item = &ValuesFileName> {
        self.0.keys()
    }
    pub fn values(&self) -> impl Iterator<Item = &ServiceValues> {
        self.0.values().map(|v| &**v)
    }
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut ServiceValues> {
        self.0.values_mut().map(|v| &mut **v)
    }
    pub fn iter(&self) -> impl Iterator<Item = (&ValuesFileName, &ServiceValues)> {
        self.0.iter().map(|(k, v)| (k, &**v))
    }
}

impl FromIterator<(ValuesFileName, ServiceValues)> for ValuesFiles {
    fn from_iter<I: IntoIterator<Item = (ValuesFileName, ServiceValues)>>(iter: I) -> Self {
        ValuesFiles(iter.into_iter().map(|(k, v)| (k, Shared::new(v))).collect())
    }
}

impl<'a> IntoIterator for &'a ValuesFiles {
    type Item = (&'a ValuesFileName, &'a ServiceValues);
    type IntoIter = Box<dyn Iterator<Item = Self::Item> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProjectState {
    /// The site: the `<site>` of `k3s/argocd/projects/<site>.yaml`.
    pub site: DnsLabel,
    pub project: Shared<ProjectFile>,
    /// `k3s/helm-chart/values.yaml`: the built-in defaults unless imported.
    pub chart_values: Shared<ServiceValues>,
    /// `k3s/helm-chart/values/<file>`: every values file of the project. Files the
    /// user did not import are filled in from the built-ins when the project is
    /// loaded (see [`ProjectState::complete_values`]), so exporting is a pure
    /// function of this state and a re-imported bundle gives back an equal state.
    pub values: ValuesFiles,
    pub settings: Shared<StudioSettings>,
    /// The cluster's own Istio objects, imported per environment from a
    /// file (docs/inputs.md): routed through with the chart's, never
    /// rendered as Argo CD output; the bundle carries each file as read
    /// (`cluster/<env>/istio-objects.yaml`).
    pub cluster: Shared<ClusterObjects>,
    /// Surprising plain scalars of the files as they were read (checks
    /// XS601-XS603), by bundle path; not part of the project's data, so
    /// ignored by equality.
    pub yaml_notes: Shared<crate::yaml::notes::FileNotes>,
    /// The imported files' text, by bundle path: written back byte for byte
    /// while their data is unchanged, else patched where it changed
    /// (`yaml::keep`). Not part of the project's data, so ignored by
    /// equality.
    pub originals: Shared<Originals>,
}

/// The imported Istio objects of each environment, by environment name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClusterObjects(pub BTreeMap<DnsLabel, Arc<crate::model::istio::ObjectsFile>>);

impl ClusterObjects {
    pub fn get(&self, env: &str) -> Option<&Arc<crate::model::istio::ObjectsFile>> {
        self.0.iter().find(|(k, _)| k.as_str() == env).map(|(_, v)| v)
    }
}

/// The text of each imported source file, with its syntax tree and data.
#[derive(Debug, Clone, Default)]
pub struct Originals(pub BTreeMap<String, Arc<crate::yaml::keep::Original>>);

impl PartialEq for Originals {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Originals {
    pub fn get(&self, path: &str) -> Option<&Arc<crate::yaml::keep::Original>> {
        self.0.get(path)
    }
}

/// The site name used when neither the file name nor the project name is a valid
/// DNS label.
pub const FALLBACK_SITE: &str = "project";

/// The site and project name of "Start fresh" ([`ProjectState::fresh`]).
pub const FRESH_SITE: &str = "new-site";
/// The one environment of "Start fresh".
pub const FRESH_ENV: &str = "dev";

impl ProjectState {
    /// No project loaded: what the studio holds before the example arrives.
    pub fn empty() -> Self {
        ProjectState {
            site: DnsLabel::parse(FALLBACK_SITE).expect("valid label"),
            project: Shared::default(),
            chart_values: builtin::chart_values().into(),
            values: ValuesFiles::default(),
            settings: Shared::default(),
            cluster: Shared::default(),
            yaml_notes: Shared::default(),
            originals: Shared::default(),
        }
    }

    /// "Start fresh": a new, empty site to fill in: the project `new-site`
    /// (namespace the same), one environment `dev` with no server, domain
    /// or services yet, and the built-in chart values and settings. The
    /// checks then lead to what is missing (XS201: the server).
    pub fn fresh() -> Self {
        use crate::model::project::{Destination, Environment, ProjectMeta};
        let name = FRESH_SITE.to_owned();
        let mut destinations = crate::ordered_map::OrderedMap::default();
        destinations.get_or_insert_with(FRESH_ENV, Destination::default);
        let mut environments = crate::ordered_map::OrderedMap::default();
        environments
            .get_or_insert_with(FRESH_ENV, || Environment { services: Some(Vec::new()), ..Environment::default() });
        let project = ProjectFile {
            project: Some(ProjectMeta { name: Some(name.clone()), namespace: Some(name), ..ProjectMeta::default() }),
            destinations: Some(destinations),
            environments: Some(environments),
            ..ProjectFile::default()
        };
        ProjectState::from_project(DnsLabel::parse(FRESH_SITE).expect("valid label"), project)
    }

    /// A freshly loaded project file with the built-in chart, values and settings.
    pub fn from_project(site: DnsLabel, project: ProjectFile) -> Self {
        let mut state = ProjectState { site, project: project.into(), ..ProjectState::empty() };
        state.complete_values();
        state
    }

    /// True when a project file has been loaded.
    pub fn has_project(&self) -> bool {
        *self.project != ProjectFile::default()
    }

    /// Adds a values file for every service that references one the state lacks:
    /// the built-in file for the seven standard services, else a minimal file that
    /// names the service (so Argo CD finds the file the Application points at).
    /// Invalid file names are skipped here and reported by the checks.
    pub fn complete_values(&mut self) {
        for (_, entry) in self.project.all_service_entries() {
            let Ok(file) = ValuesFileName::parse(&entry.values_file_name()) else { continue };
            if self.values.contains_key(&file) {
                continue;
            }
            let values = builtin::service_values(file.as_str())
                .unwrap_or_else(|| ServiceValues { service_name: entry.name.clone(), ..ServiceValues::default() });
            self.values.insert(file, values);
        }
    }
}

/// Picks the site name of a project file: the file name's stem when it is a DNS
/// label (`xgen.yaml` is site `xgen`), else `project.name`, else
/// [`FALLBACK_SITE`]. A browser hands over base names only; paths are cut here too.
pub fn site_name(file_name: &str, project: &ProjectFile) -> DnsLabel {
    let base = base_name(file_name);
    let stem = base.strip_suffix(".yaml").or_else(|| base.strip_suffix(".yml")).unwrap_or(base);
    DnsLabel::parse(stem)
        .or_else(|_| DnsLabel::parse(project.name().unwrap_or("")))
        .unwrap_or_else(|_| DnsLabel::parse(FALLBACK_SITE).expect("valid label"))
}

/// The last path segment of a file name, for either separator.
pub fn base_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_start_is_an_empty_site_with_one_environment_to_fill_in() {
        let fresh = ProjectState::fresh();
        assert!(fresh.has_project());
        assert_eq!(fresh.project.name(), Some(FRESH_SITE));
        assert_eq!(fresh.project.environment_names(), [FRESH_ENV]);
        assert!(fresh.project.services_of(FRESH_ENV).is_empty());
        let rendered = crate::rendered::render(&fresh);
        let problems = crate::checks::run_all(&fresh, &rendered, &crate::checks::xs406_promql_syntax::NoParser);
        let codes: Vec<&str> = problems.iter().map(|p| p.rule().code()).collect();
        assert!(codes.contains(&"XS201"), "the missing server is said: {codes:?}");
        assert!(crate::bundle::bundle_zip(&rendered).is_ok());
    }
}
