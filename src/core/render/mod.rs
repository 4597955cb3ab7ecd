//! Rendering: what Argo CD and Helm would produce, as typed objects serialized by
//! serde (no YAML is assembled from strings).
//!
//! - [`argocd`]: the root chart per environment (SPEC 3.1).
//!
//! Each object becomes one file under `rendered/<env>/`, named from fixed
//! literals and validated names only.

pub mod argocd;
pub mod go_format;

use crate::core::bundle::BundleFile;
use crate::core::names::DnsLabel;
use crate::core::state::ProjectState;
use serde::Serialize;

/// The environments whose names can be paths (the others are reported by XS210).
pub fn renderable_environments(state: &ProjectState) -> Vec<DnsLabel> {
    state.project.environment_names().iter().filter_map(|e| DnsLabel::parse(e).ok()).collect()
}

fn to_file<T: Serialize>(path: String, value: &T) -> Result<BundleFile, serde_yaml::Error> {
    Ok(BundleFile { text: serde_yaml::to_string(value)?, path })
}

/// Every rendered object of every environment, one file each.
pub fn rendered_files(state: &ProjectState) -> Result<Vec<BundleFile>, serde_yaml::Error> {
    let mut out = Vec::new();
    for env in renderable_environments(state) {
        let root = argocd::render_root(&state.project, env.as_str());
        for app in &root.applications {
            // `<service>-<env>` or an extraApps name: a path only when it is a label.
            let Some(name) = app.metadata.name.as_deref().and_then(|n| DnsLabel::parse(n).ok()) else { continue };
            out.push(to_file(format!("rendered/{env}/argocd/application-{name}.yaml"), app)?);
        }
        out.push(to_file(format!("rendered/{env}/argocd/appproject.yaml"), &root.app_project)?);
    }
    Ok(out)
}
