//! What the rules look at: the state and its rendered snapshot, arranged for
//! checking. Nothing here renders; every merged value, object and rule comes
//! from the [`Rendered`] snapshot the page and the CLI already have.

use crate::layout::{project_path, values_path, CHART_VALUES_PATH, SETTINGS_PATH};
use crate::model::project::ServiceEntry;
use crate::model::ServiceValues;
use crate::ordered_map::OrderedMap;
use crate::render::merged::Merged;
use crate::render::service::ServiceObjects;
use crate::rendered::{EnvRender, Rendered, ServiceRender};
use crate::routing::RouteRule;
use crate::scalar::Scalar;
use crate::simulator::gateway::{route_table, Table};
use crate::state::ProjectState;
use serde_yaml::Value;
use std::ops::Deref;

pub struct Context<'a> {
    pub state: &'a ProjectState,
    pub rendered: &'a Rendered,
    /// `k3s/argocd/projects/<site>.yaml`
    pub project_file: String,
    pub envs: Vec<EnvContext<'a>>,
    /// The verdicts on hand-written PromQL (XS406).
    pub promql: &'a dyn super::PromqlSyntax,
}

pub struct EnvContext<'a> {
    pub name: &'a str,
    pub render: &'a EnvRender,
    pub services: Vec<ServiceContext<'a>>,
    /// The gateway's route table, built when a check first asks for it.
    route_table: std::cell::OnceCell<Table<'a>>,
}

impl<'a> EnvContext<'a> {
    /// The route table istiod builds for the environment's gateway
    /// (`simulator::gateway::route_table`), once per lint.
    pub fn route_table(&self) -> &Table<'a> {
        self.route_table.get_or_init(|| route_table(self.render))
    }
}

/// A service entry of an environment: the entry as written and its render.
pub struct ServiceContext<'a> {
    pub entry: &'a ServiceEntry,
    pub render: &'a ServiceRender,
}

impl Deref for ServiceContext<'_> {
    type Target = ServiceRender;
    fn deref(&self) -> &ServiceRender {
        self.render
    }
}

impl ServiceContext<'_> {
    pub fn merged(&self) -> Option<&Merged> {
        self.render.merged()
    }
    pub fn objects(&self) -> Option<&ServiceObjects> {
        self.render.objects()
    }
}

impl<'a> Context<'a> {
    pub fn new(state: &'a ProjectState, rendered: &'a Rendered, promql: &'a dyn super::PromqlSyntax) -> Self {
        let envs = rendered
            .envs
            .iter()
            .map(|env| EnvContext {
                name: &env.name,
                render: env,
                services: state
                    .project
                    .services_of(&env.name)
                    .iter()
                    .zip(env.services.iter())
                    .map(|(entry, render)| ServiceContext { entry, render })
                    .collect(),
                route_table: std::cell::OnceCell::new(),
            })
            .collect();
        Context { state, rendered, project_file: project_path(&state.site), envs, promql }
    }

    /// Every values file with its bundle path, the chart's `values.yaml` first.
    pub fn values_files(&self) -> Vec<(String, &'a ServiceValues)> {
        std::iter::once((CHART_VALUES_PATH.to_owned(), &*self.state.chart_values))
            .chain(self.state.values.iter().map(|(f, v)| (values_path(f), v)))
            .collect()
    }

    /// Every map of ConfigMap entries the user wrote, with its file and YAML
    /// path: the project's `vars`, then each values file's `global.config`,
    /// `config` and `environments.<env>.config`.
    pub fn config_maps(&self) -> Vec<(String, String, &'a OrderedMap<Scalar>)> {
        let mut out = Vec::new();
        if let Some(vars) = &self.state.project.vars {
            out.push((self.project_file.clone(), "vars".to_owned(), vars));
        }
        for (file, values) in self.values_files() {
            if let Some(c) = values.global.as_ref().and_then(|g| g.config.as_ref()) {
                out.push((file.clone(), "global.config".to_owned(), c));
            }
            if let Some(c) = &values.config {
                out.push((file.clone(), "config".to_owned(), c));
            }
            for (env, e) in values.environments.iter().flat_map(|e| e.iter()) {
                if let Some(c) = &e.config {
                    out.push((file.clone(), format!("environments.{env}.config"), c));
                }
            }
        }
        out
    }

    /// Every source file as the data it holds, with its bundle path: the
    /// project file, the chart's `values.yaml`, each values file and the
    /// studio settings (for rules that look at every key and value).
    pub fn source_data(&self) -> Vec<(String, Value)> {
        let data = |v: Result<Value, serde_yaml::Error>| v.unwrap_or(Value::Null);
        let mut out = vec![(self.project_file.clone(), data(serde_yaml::to_value(&*self.state.project)))];
        out.extend(self.values_files().into_iter().map(|(file, v)| (file, data(serde_yaml::to_value(v)))));
        out.push((SETTINGS_PATH.to_owned(), data(serde_yaml::to_value(&*self.state.settings))));
        out
    }

    /// The rules of each ingress service, once per values file: they come from
    /// the values file, so they are the same in every environment that deploys
    /// the service, and a problem in them is reported once.
    pub fn ingress_rule_sets(&self) -> Vec<(String, &'a [RouteRule])> {
        let mut out: Vec<(String, &'a [RouteRule])> = Vec::new();
        for env in &self.rendered.envs {
            for svc in env.services.iter() {
                let Some(objects) = svc.objects() else { continue };
                let file = svc.values_path();
                if objects.virtual_service.is_some() && !out.iter().any(|(f, _)| *f == file) {
                    out.push((file, &objects.routes));
                }
            }
        }
        out
    }

    /// The file that holds the traffic policy a service uses: its own values
    /// file when that sets one, else the chart's `values.yaml`.
    pub fn traffic_policy_file(&self, svc: &ServiceRender) -> String {
        let own =
            svc.values_file.as_ref().and_then(|f| self.state.values.get(f)).and_then(ServiceValues::traffic_policy);
        if own.is_some() {
            svc.values_path()
        } else {
            CHART_VALUES_PATH.to_owned()
        }
    }
}
