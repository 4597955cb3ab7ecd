//! What the rules look at, computed once per run: for every environment, each
//! service entry with its place in the project file, its values file, and (when
//! it can be rendered) its merged values and rendered objects.

use crate::bundle::{project_path, values_path, CHART_VALUES_PATH};
use crate::model::project::ServiceEntry;
use crate::model::ServiceValues;
use crate::names::ValuesFileName;
use crate::render::helm_values::at;
use crate::render::render_entry;
use crate::render::service::ServiceObjects;
use crate::routing::{route_rules, RouteRule};
use crate::state::ProjectState;
use serde_yaml::Value;

pub struct Context<'a> {
    pub state: &'a ProjectState,
    /// `k3s/argocd/projects/<site>.yaml`
    pub project_file: String,
    pub envs: Vec<EnvContext<'a>>,
}

pub struct EnvContext<'a> {
    pub name: String,
    pub services: Vec<ServiceContext<'a>>,
}

pub struct ServiceContext<'a> {
    pub name: String,
    /// `environments.<env>.services[i]` or `services[i]`.
    pub entry_path: String,
    pub entry: &'a ServiceEntry,
    pub values_file: Option<ValuesFileName>,
    pub rendered: Option<(Value, ServiceObjects)>,
}

impl ServiceContext<'_> {
    /// The bundle path of the service's values file.
    pub fn values_path(&self) -> String {
        self.values_file.as_ref().map_or_else(|| "(no values file)".into(), values_path)
    }
    pub fn merged(&self) -> Option<&Value> {
        self.rendered.as_ref().map(|(v, _)| v)
    }
    pub fn objects(&self) -> Option<&ServiceObjects> {
        self.rendered.as_ref().map(|(_, o)| o)
    }
    /// The Deployment's replicas as rendered, when a number.
    pub fn replicas(&self) -> Option<f64> {
        self.objects()?.deployment.spec.replicas.as_f64()
    }
}

impl<'a> Context<'a> {
    pub fn new(state: &'a ProjectState) -> Self {
        let p = &state.project;
        let chart = serde_yaml::to_value(&state.chart_values).unwrap_or_default();
        let envs = p
            .environment_names()
            .into_iter()
            .map(|env| {
                let own = p.environments.as_ref().and_then(|e| e.get(&env)).and_then(|e| e.services.as_ref()).is_some();
                let services = p
                    .services_of(&env)
                    .iter()
                    .enumerate()
                    .map(|(i, entry)| ServiceContext {
                        name: entry.name.clone().unwrap_or_default(),
                        entry_path: if own {
                            format!("environments.{env}.services[{i}]")
                        } else {
                            format!("services[{i}]")
                        },
                        entry,
                        values_file: ValuesFileName::parse(&entry.values_file_name()).ok(),
                        rendered: render_entry(state, &chart, &env, entry),
                    })
                    .collect();
                EnvContext { name: env, services }
            })
            .collect();
        Context { state, project_file: project_path(&state.site), envs }
    }

    /// Every values file with its bundle path, the chart's `values.yaml` first.
    pub fn values_files(&self) -> Vec<(String, &'a ServiceValues)> {
        std::iter::once((CHART_VALUES_PATH.to_owned(), &self.state.chart_values))
            .chain(self.state.values.iter().map(|(f, v)| (values_path(f), v)))
            .collect()
    }

    /// The rules of each ingress service, once per values file: they come from
    /// the values file, so they are the same in every environment that deploys
    /// the service, and a problem in them is reported once.
    pub fn ingress_rule_sets(&self) -> Vec<(String, Vec<RouteRule>)> {
        let mut out: Vec<(String, Vec<RouteRule>)> = Vec::new();
        for svc in self.envs.iter().flat_map(|e| e.services.iter()) {
            let (Some(merged), Some(objects)) = (svc.merged(), svc.objects()) else { continue };
            let file = svc.values_path();
            if objects.virtual_service.is_some() && !out.iter().any(|(f, _)| *f == file) {
                out.push((file, route_rules(merged)));
            }
        }
        out
    }

    /// The file that holds the traffic policy a service uses: its own values
    /// file when that sets one, else the chart's `values.yaml`.
    pub fn traffic_policy_file(&self, svc: &ServiceContext) -> String {
        let own = svc
            .values_file
            .as_ref()
            .and_then(|f| self.state.values.get(f))
            .and_then(|v| serde_yaml::to_value(v).ok())
            .is_some_and(|v| at(&v, &["istio", "destinationRule", "trafficPolicy"]).is_some());
        if own {
            svc.values_path()
        } else {
            CHART_VALUES_PATH.to_owned()
        }
    }
}
