//! What the loaded project holds, as the overview shows it: each
//! environment's server, domain and services.

use crate::i18n::*;
use xgen_core::model::project::ServiceEntry;
use xgen_core::ProjectState;

/// One environment as shown: derived from the state, compared cheaply by memos.
#[derive(Clone, PartialEq)]
pub struct EnvSummary {
    pub name: String,
    pub server: String,
    pub domain: String,
    pub services: Vec<ServiceRow>,
}

#[derive(Clone, PartialEq)]
pub struct ServiceRow {
    pub name: Option<String>,
    pub replicas: Option<u32>,
    pub autoscaling: Scaling,
    pub has_domain: bool,
    pub values_file: String,
}

/// A service's autoscaling as the summary says it (in the page's language).
#[derive(Clone, PartialEq)]
pub enum Scaling {
    Off,
    Range(u32, u32),
    MinOnly(u32),
    MaxOnly(u32),
    ChartDefault,
}

impl Scaling {
    pub fn text(&self, l: Lang) -> String {
        match self {
            Scaling::Off => OFF.get(l).to_owned(),
            Scaling::Range(min, max) => format!("{min}–{max}"),
            Scaling::MinOnly(min) => MIN_FROM_CHART.fill(l, &[("min", min)]),
            Scaling::MaxOnly(max) => MAX_FROM_CHART.fill(l, &[("max", max)]),
            Scaling::ChartDefault => CHART_DEFAULT.get(l).to_owned(),
        }
    }
}

pub fn environments(state: &ProjectState) -> Vec<EnvSummary> {
    let p = &state.project;
    p.environment_names()
        .into_iter()
        .map(|env| EnvSummary {
            server: p.server_of(&env).unwrap_or("—").to_owned(),
            domain: p.domain_of(&env).unwrap_or("—").to_owned(),
            services: p.services_of(&env).iter().map(service_row).collect(),
            name: env,
        })
        .collect()
}

fn service_row(s: &ServiceEntry) -> ServiceRow {
    let autoscaling = match &s.autoscaling {
        Some(a) if a.switched_off() => Scaling::Off,
        Some(a) => match (a.min_replicas, a.max_replicas) {
            (Some(min), Some(max)) => Scaling::Range(min, max),
            (Some(min), None) => Scaling::MinOnly(min),
            (None, Some(max)) => Scaling::MaxOnly(max),
            (None, None) => Scaling::ChartDefault,
        },
        None => Scaling::ChartDefault,
    };
    ServiceRow {
        name: s.name.clone(),
        replicas: s.replicas,
        autoscaling,
        has_domain: s.has_domain == Some(true),
        values_file: s.values_file_name(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use xgen_core::{import, InputFile};

    #[test]
    fn the_example_summary() {
        let text = include_str!("../../public/examples/xgen.yaml");
        let state = import(&ProjectState::empty(), &[InputFile::new("xgen.yaml", text)]).unwrap();
        let envs = environments(&state);
        assert_eq!(
            envs.iter().map(|e| (e.name.as_str(), e.services.len())).collect::<Vec<_>>(),
            [("prd", 7), ("dev", 6)]
        );
        assert_eq!(envs[0].domain, "jeju-xgen.x2bee.com");
        assert!(envs[0].services[0].has_domain);
        assert_eq!(Scaling::Range(2, 4).text(Lang::En), "2–4");
        assert_eq!(Scaling::Off.text(Lang::Ko), OFF.ko);
    }
}
