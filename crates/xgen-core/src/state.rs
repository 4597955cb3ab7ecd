//! [`ProjectState`]: the one source of truth the UI edits and everything else
//! (bundle, rendered manifests, problems) is derived from.

use crate::builtin;
use crate::model::{ProjectFile, ServiceValues, StudioSettings};
use crate::names::{DnsLabel, ValuesFileName};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
pub struct ProjectState {
    /// The site: the `<site>` of `k3s/argocd/projects/<site>.yaml`.
    pub site: DnsLabel,
    pub project: ProjectFile,
    /// `k3s/helm-chart/values.yaml`: the built-in defaults unless imported.
    pub chart_values: ServiceValues,
    /// `k3s/helm-chart/values/<file>`: every values file of the project. Files the
    /// user did not import are filled in from the built-ins when the project is
    /// loaded (see [`ProjectState::complete_values`]), so exporting is a pure
    /// function of this state and a re-imported bundle gives back an equal state.
    pub values: BTreeMap<ValuesFileName, ServiceValues>,
    pub settings: StudioSettings,
}

/// The site name used when neither the file name nor the project name is a valid
/// DNS label.
pub const FALLBACK_SITE: &str = "project";

impl ProjectState {
    /// No project loaded: what the studio holds before the example arrives.
    pub fn empty() -> Self {
        ProjectState {
            site: DnsLabel::parse(FALLBACK_SITE).expect("valid label"),
            project: ProjectFile::default(),
            chart_values: builtin::chart_values(),
            values: BTreeMap::new(),
            settings: StudioSettings::default(),
        }
    }

    /// A freshly loaded project file with the built-in chart, values and settings.
    pub fn from_project(site: DnsLabel, project: ProjectFile) -> Self {
        let mut state = ProjectState { site, project, ..ProjectState::empty() };
        state.complete_values();
        state
    }

    /// True when a project file has been loaded.
    pub fn has_project(&self) -> bool {
        self.project != ProjectFile::default()
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
