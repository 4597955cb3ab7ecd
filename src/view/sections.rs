//! The sections of the page, and which section (and environment, and values
//! file) holds the field of a problem.

use xgen_core::checks::Problem;
use xgen_core::layout::{PROJECTS_DIR, SETTINGS_PATH, VALUES_DIR};
use xgen_core::names::ValuesFileName;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Section {
    Overview,
    Project,
    Environments,
    Services,
    Routes,
    Traffic,
    Alerts,
    Simulator,
    /// What Argo CD would change, against the baseline.
    Changes,
}

impl Section {
    pub const ALL: [Section; 9] = [
        Section::Overview,
        Section::Project,
        Section::Environments,
        Section::Services,
        Section::Routes,
        Section::Traffic,
        Section::Alerts,
        Section::Simulator,
        Section::Changes,
    ];
}

/// Where a problem's field is edited: the section, the environment to select
/// (if the section is per environment) and the values file (the traffic
/// policy form edits one file at a time).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Place {
    pub section: Section,
    pub env: Option<String>,
    pub values_file: Option<ValuesFileName>,
}

impl Place {
    fn of(section: Section) -> Place {
        Place { section, env: None, values_file: None }
    }
}

/// The form that edits a problem's field, if one does.
pub fn place_of(problem: &Problem) -> Option<Place> {
    place_of_field(problem.file(), problem.path())
}

/// The form that edits `path` of `file`, if one does.
pub fn place_of_field(file: &str, path: &str) -> Option<Place> {
    if let Some(values) = file.strip_prefix(VALUES_DIR) {
        if path.starts_with("ingress.") {
            return Some(Place::of(Section::Routes));
        }
        if path.starts_with("istio.") {
            return Some(Place { values_file: ValuesFileName::parse(values).ok(), ..Place::of(Section::Traffic) });
        }
        return None;
    }
    if file.starts_with("k3s/helm-chart/") {
        return path.starts_with("istio.").then(|| Place::of(Section::Traffic));
    }
    if file == SETTINGS_PATH {
        if !path.starts_with("alerts.") {
            return None;
        }
        let env = path.strip_prefix("alerts.contactPoints.").and_then(|p| p.split('.').next()).map(str::to_owned);
        return Some(Place { env, ..Place::of(Section::Alerts) });
    }
    if !file.starts_with(PROJECTS_DIR) {
        return None;
    }
    let first = path.split('.').next().unwrap_or("");
    match first {
        "project" | "source" | "vars" | "infra" | "site" | "registryHost" => Some(Place::of(Section::Project)),
        "destinations" => Some(Place::of(Section::Environments)),
        "environments" if path.contains(".services[") => {
            Some(Place { env: path.split('.').nth(1).map(str::to_owned), ..Place::of(Section::Services) })
        }
        "environments" => Some(Place::of(Section::Environments)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_lead_to_their_forms() {
        let p = |file: &str, path: &str| place_of_field(file, path).map(|p| (p.section, p.env, p.values_file));
        let values = "k3s/helm-chart/values/xgen-frontend.yaml";
        assert_eq!(p(values, "ingress.routes[0].prefix"), Some((Section::Routes, None, None)));
        let file = ValuesFileName::parse("xgen-frontend.yaml").ok();
        assert_eq!(p(values, "istio.destinationRule.trafficPolicy.x"), Some((Section::Traffic, None, file)));
        assert_eq!(p("k3s/helm-chart/values.yaml", "istio.destinationRule"), Some((Section::Traffic, None, None)));
        let project = "k3s/argocd/projects/xgen.yaml";
        assert_eq!(
            p(project, "environments.dev.services[2].replicas"),
            Some((Section::Services, Some("dev".into()), None))
        );
        assert_eq!(p(project, "destinations.prd.domain"), Some((Section::Environments, None, None)));
        assert_eq!(p(project, "vars.DB_PASSWORD"), Some((Section::Project, None, None)));
        assert_eq!(
            p("xgen-studio.yaml", "alerts.contactPoints.prd.webhookUrl"),
            Some((Section::Alerts, Some("prd".into()), None))
        );
        assert_eq!(p("xgen-studio.yaml", "routeTests[0]"), None);
        assert_eq!(p(values, "config.X"), None, "no form edits a values file's config");
    }
}
