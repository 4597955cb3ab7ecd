//! What the loaded project holds, as the overview shows it: each
//! environment's server, domain and services, read from the rendered
//! snapshot (what Argo CD and Helm make of the project), never guessed from
//! the state: a replica count or an autoscaling range is the one the
//! Deployment and the HorizontalPodAutoscaler carry.

use crate::i18n::*;
use serde_yaml::Value;
use xgen_core::render::helm_values::truthy;
use xgen_core::rendered::{Rendered, ServiceRender};

/// One environment as shown: derived from the snapshot, compared cheaply by memos.
#[derive(Clone, PartialEq)]
pub struct EnvSummary {
    pub name: String,
    pub server: String,
    pub domain: String,
    pub services: Vec<ServiceRow>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ServiceRow {
    pub name: Option<String>,
    pub replicas: Replicas,
    pub autoscaling: Scaling,
    pub has_domain: bool,
    pub values_file: String,
}

/// The Deployment's `replicas` as rendered.
#[derive(Clone, Debug, PartialEq)]
pub enum Replicas {
    Count(String),
    /// The Deployment sets none (Kubernetes' default, or the autoscaler's).
    Unset,
    /// Helm would not render the service (no values file, a failed render).
    NotRendered,
}

impl Replicas {
    pub fn text(&self, l: Lang) -> String {
        match self {
            Replicas::Count(n) => n.clone(),
            Replicas::Unset => "—".to_owned(),
            Replicas::NotRendered => NOT_RENDERED.get(l).to_owned(),
        }
    }
}

/// A service's autoscaling as rendered (in the page's language).
#[derive(Clone, Debug, PartialEq)]
pub enum Scaling {
    /// No HorizontalPodAutoscaler.
    Off,
    /// The HorizontalPodAutoscaler's minReplicas and maxReplicas.
    Range(String, String),
    NotRendered,
}

impl Scaling {
    pub fn text(&self, l: Lang) -> String {
        match self {
            Scaling::Off => OFF.get(l).to_owned(),
            Scaling::Range(min, max) => format!("{min}–{max}"),
            Scaling::NotRendered => NOT_RENDERED.get(l).to_owned(),
        }
    }
}

/// A number the chart printed (a count, or a string of digits), as text.
fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

pub fn environments(rendered: &Rendered) -> Vec<EnvSummary> {
    rendered
        .envs
        .iter()
        .map(|e| EnvSummary {
            name: e.name.clone(),
            server: e.root.server.clone().unwrap_or_else(|| "—".to_owned()),
            domain: e.root.domain.clone().unwrap_or_else(|| "—".to_owned()),
            services: e.services.iter().map(service_row).collect(),
        })
        .collect()
}

fn service_row(s: &ServiceRender) -> ServiceRow {
    let (replicas, autoscaling) = match s.objects() {
        None => (Replicas::NotRendered, Scaling::NotRendered),
        Some(o) => (
            match scalar_text(&o.deployment.spec.replicas) {
                Some(n) => Replicas::Count(n),
                None => Replicas::Unset,
            },
            match &o.hpa {
                None => Scaling::Off,
                Some(h) => Scaling::Range(
                    scalar_text(&h.spec.min_replicas).unwrap_or_default(),
                    scalar_text(&h.spec.max_replicas).unwrap_or_default(),
                ),
            },
        ),
    };
    ServiceRow {
        name: (!s.name.is_empty()).then(|| s.name.clone()),
        replicas,
        autoscaling,
        has_domain: s.merged().is_some_and(|m| truthy(m.at(&["domain"]))),
        values_file: s.values_file.as_ref().map(|f| f.as_str().to_owned()).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xgen_core::{import, InputFile, ProjectState};

    #[test]
    fn the_example_summary() {
        let text = include_str!("../../public/examples/xgen.yaml");
        let state = import(&ProjectState::empty(), &[InputFile::new("xgen.yaml", text)]).unwrap();
        let envs = environments(&xgen_core::rendered::render(&state));
        assert_eq!(
            envs.iter().map(|e| (e.name.as_str(), e.services.len())).collect::<Vec<_>>(),
            [("prd", 7), ("dev", 6)]
        );
        assert_eq!(envs[0].domain, "jeju-xgen.x2bee.com");
        assert!(envs[0].services[0].has_domain);
        assert_eq!(Scaling::Range("2".into(), "4".into()).text(Lang::En), "2–4");
        assert_eq!(Scaling::Off.text(Lang::Ko), OFF.ko);
    }

    /// What the chart renders, not a guess: a service whose entry sets no
    /// replicas shows the Deployment's count from the chart's values; an
    /// autoscaled one, its HorizontalPodAutoscaler's range; a service
    /// without a values file, that it is not rendered.
    #[test]
    fn rows_come_from_the_rendered_objects() {
        let text = include_str!("../../public/examples/xgen.yaml");
        let mut state = import(&ProjectState::empty(), &[InputFile::new("xgen.yaml", text)]).unwrap();
        let env = state.project.environment_names()[0].clone();
        {
            let list = xgen_core::edit::services_mut(&mut state.project, &env);
            list[0].replicas = None;
            list[0].autoscaling = None;
            list[1].values_file = Some("nowhere.yaml".into());
        }
        let rendered = xgen_core::rendered::render(&state);
        let envs = environments(&rendered);
        let e = &rendered.envs[0];
        let first = &envs[0].services[0];
        let deployed = e.services[0].objects().unwrap().deployment.spec.replicas.clone();
        assert_eq!(first.replicas, scalar_text(&deployed).map_or(Replicas::Unset, Replicas::Count));
        assert!(matches!(first.replicas, Replicas::Count(_) | Replicas::Unset));
        assert!(first.replicas.text(Lang::En) != CHART_DEFAULT.en);
        assert!(envs[0].services[1].replicas == Replicas::NotRendered);
        assert_eq!(envs[0].services[1].autoscaling.text(Lang::En), NOT_RENDERED.en);
        let scaled: Vec<&ServiceRow> =
            envs.iter().flat_map(|e| &e.services).filter(|s| matches!(s.autoscaling, Scaling::Range(..))).collect();
        assert!(!scaled.is_empty(), "the example autoscales some services");
        for (e, r) in rendered.envs.iter().zip(&envs) {
            for (s, row) in e.services.iter().zip(&r.services) {
                let hpa = s.objects().and_then(|o| o.hpa.as_ref());
                assert_eq!(hpa.is_some(), matches!(row.autoscaling, Scaling::Range(..)), "{} in {}", s.name, e.name);
            }
        }
    }
}
