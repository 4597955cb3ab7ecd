//! The one rendered snapshot of a state: every environment's Applications and
//! AppProject, every service's merged values, objects and VirtualService
//! rules, and every file of the bundle with its text. The checks, the
//! bundle, the preview, the simulator, the route tests, the diagram, the
//! Routes form, the download and the CLI all read a [`Rendered`]; none of
//! them renders anything itself.
//!
//! A [`Renderer`] makes snapshots and remembers the last one, so that an edit
//! re-renders only what its inputs changed:
//! - a service is rendered again only when its Application's Helm
//!   parameters, its values file or the chart's `values.yaml` changed (the
//!   three inputs `helm template` takes); otherwise its output is shared;
//! - an object's YAML text is emitted again only when the object changed
//!   (compared as typed data, far cheaper than emitting);
//! - the source files (project file, values files, settings) likewise.
//!
//! [`render`] is the same with nothing remembered; a test holds the two equal
//! over random edit sequences (`tests/rendered.rs`).

use crate::alerts::render as obs;
use crate::charts::CHART_FILES;
use crate::emit;
use crate::layout::{self, same_shared, BundleFile, BundlePath, FileText};
use crate::model::alerts::Alerts;
use crate::model::project::ServiceEntry;
use crate::model::{ProjectFile, ServiceValues, StudioSettings};
use crate::names::{DnsLabel, ValuesFileName};
use crate::render::argocd::{self, AppContext, AppProject, Application, RootObjects};
use crate::render::merged::Merged;
use crate::render::reads::Changes;
use crate::render::service::{
    helm_data, render_again, with_parameters, DestinationRule, Last, ServiceObjects, SortedMemo, Traces,
};
use crate::routing::matcher::Matcher;
use crate::state::{ProjectState, Shared};
use crate::yaml::keep::{Kept, Original};
use env_last::EnvLast;
use project_value::project_value;
use serde::Serialize;
use serde_yaml::{Mapping, Value};
use std::collections::HashMap;
use std::sync::Arc;

mod env_last;
mod project_value;

/// A file could not be written as YAML (a key serde_yaml cannot print).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("could not write {path} as YAML: {message}")]
pub struct EmitError {
    pub path: String,
    pub message: String,
}

/// The rendered snapshot of one state.
#[derive(Debug)]
pub struct Rendered {
    /// Every environment of the project, in the project's order (also those
    /// whose name cannot be a path: the checks report them).
    pub envs: Vec<EnvRender>,
    files: Result<Vec<BundleFile>, EmitError>,
    /// How each source file that has an imported original was written,
    /// sorted by path (the same write that made its text; XS605 and the
    /// CLI read it from here).
    kept: Vec<(String, Kept)>,
}

#[derive(Debug)]
pub struct EnvRender {
    pub name: String,
    /// The name as a path segment; None when it is not a DNS label (XS210).
    pub label: Option<DnsLabel>,
    /// True when the services come from `environments.<env>.services`, false
    /// when from the top-level `services`.
    pub own_list: bool,
    /// Shared with the next render while the environment is unchanged.
    pub services: Arc<[ServiceRender]>,
    /// The root chart's objects for this environment.
    pub root: Arc<RootObjects>,
    /// The cluster's own Istio objects imported for this environment
    /// (`state.cluster`): routed through, never rendered.
    pub cluster: Option<Arc<crate::model::istio::ObjectsFile>>,
}

/// One service entry of an environment.
#[derive(Debug)]
pub struct ServiceRender {
    /// The entry's `name` ("" when it has none).
    pub name: String,
    /// `environments.<env>.services[i]` or `services[i]`.
    pub entry_path: String,
    pub values_file: Option<ValuesFileName>,
    /// None when the state has no values file for the entry (the checks say
    /// why); the Application would then fail to render in Argo CD as well.
    pub output: Option<Arc<ServiceOutput>>,
}

/// What `helm template` makes of one Application.
#[derive(Debug)]
pub struct ServiceOutput {
    /// The values the templates see: chart values, values file, parameters.
    pub merged: Merged,
    pub objects: ServiceObjects,
    /// What each object's template read, to keep it in the next render.
    traces: Traces,
    /// The objects' YAML texts, by file name (`layout::SERVICE_FILES`).
    texts: Vec<(&'static str, FileText)>,
    /// The VirtualService's rules compiled for matching (the simulator);
    /// the last render's when the rules are the same.
    pub matcher: Option<Arc<Matcher>>,
}

impl ServiceOutput {
    /// The YAML text of each rendered object, by file name.
    pub fn texts(&self) -> &[(&'static str, FileText)] {
        &self.texts
    }

    /// Where Helm stops rendering the Application: the `--set` it cannot
    /// parse first, else the chart's own `fail`.
    pub fn failure(&self) -> Option<&str> {
        failure(&self.merged, &self.objects)
    }
}

/// [`ServiceOutput::failure`], before the output is made.
fn failure<'a>(merged: &'a Merged, objects: &'a ServiceObjects) -> Option<&'a str> {
    merged.set_failure().or(objects.failure.as_ref()).map(String::as_str)
}

impl ServiceRender {
    pub fn merged(&self) -> Option<&Merged> {
        self.rendered().map(|o| &o.merged)
    }
    /// The objects, unless Helm would fail to render them.
    pub fn objects(&self) -> Option<&ServiceObjects> {
        self.rendered().map(|o| &o.objects)
    }
    /// The output, unless Helm would fail to render it.
    pub fn rendered(&self) -> Option<&ServiceOutput> {
        self.output.as_deref().filter(|o| o.failure().is_none())
    }
    /// Where Helm stops rendering the Application (XS215).
    pub fn failure(&self) -> Option<&str> {
        self.output.as_deref().and_then(ServiceOutput::failure)
    }
    /// The Deployment's replicas as rendered, when a number.
    pub fn replicas(&self) -> Option<f64> {
        self.objects()?.deployment.spec.replicas.as_f64()
    }
    /// The bundle path of the service's values file.
    pub fn values_path(&self) -> String {
        self.values_file.as_ref().map_or_else(|| "(no values file)".into(), layout::values_path)
    }
    /// The service's own port, as rendered into its Service.
    pub fn port(&self) -> Option<u16> {
        let port = self.objects()?.service.spec.ports.first()?.port.as_u64()?;
        u16::try_from(port).ok()
    }
}

impl EnvRender {
    /// The entry of a service by name (the first, if the name is repeated).
    pub fn service(&self, name: &str) -> Option<&ServiceRender> {
        self.services.iter().find(|s| s.name == name)
    }

    /// The services whose name can be a path and that render.
    pub fn rendered_services(&self) -> impl Iterator<Item = (&ServiceRender, &ServiceOutput)> {
        self.services.iter().filter(|s| DnsLabel::parse(&s.name).is_ok()).filter_map(|s| s.rendered().map(|o| (s, o)))
    }

    /// The ingress service: the first whose values enable `ingress` (the
    /// Routes form edits its rules).
    pub fn ingress_service(&self) -> Option<&ServiceRender> {
        use crate::render::helm_values::truthy;
        self.services.iter().find(|s| s.merged().is_some_and(|m| truthy(m.at(&["ingress", "enabled"]))))
    }
}

impl Rendered {
    /// Every file of the bundle, sorted by path; or the first file that could
    /// not be written.
    pub fn files(&self) -> Result<&[BundleFile], &EmitError> {
        self.files.as_deref()
    }

    /// One file of the bundle by path.
    pub fn file(&self, path: &str) -> Option<&BundleFile> {
        let files = self.files.as_ref().ok()?;
        files.binary_search_by(|f| f.path.as_str().cmp(path)).ok().map(|i| &files[i])
    }

    pub fn env(&self, name: &str) -> Option<&EnvRender> {
        self.envs.iter().find(|e| e.name == name)
    }

    /// How each source file with an imported original was written, by path.
    pub fn kept(&self) -> &[(String, Kept)] {
        &self.kept
    }

    /// The source files whose comments and layout a write does not keep.
    pub fn rewritten(&self) -> impl Iterator<Item = &str> {
        self.kept.iter().filter(|(_, k)| k.loses_layout()).map(|(p, _)| p.as_str())
    }

    /// The files the state is made of (project, chart values, values files,
    /// settings): importing them together gives the state back.
    pub fn source_files(&self) -> Result<Vec<BundleFile>, &EmitError> {
        Ok(self.files()?.iter().filter(|f| layout::is_source_path(&f.path)).cloned().collect())
    }
}

/// The source files of a state that is not rendered (the share link's copy
/// with placeholders): the same code as a snapshot's, nothing remembered.
pub fn source_files(state: &ProjectState) -> Result<Vec<BundleFile>, EmitError> {
    let mut files = Vec::new();
    Renderer::default().sources(state, &mut files)?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// What the last render did, for tests and benchmarks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderStats {
    /// Services whose chart was rendered (`helm template` of an Application).
    pub services_rendered: usize,
    /// Services whose output was shared from the previous render.
    pub services_reused: usize,
    /// Files whose YAML was emitted.
    pub texts_emitted: usize,
    /// Files whose text was kept from the previous render.
    pub texts_reused: usize,
}

/// What the last render made for one service entry of an environment
/// (keyed by environment and name): its Application with its file, and its
/// service chart output with its files. Reused as long as its inputs are the
/// same: the entry (the Application is the very same `Arc` when the entry and
/// the environment's context are unchanged), the values file and the chart's
/// values (by identity: the renderer hands out a new `Arc` only for a change).
#[derive(Debug)]
struct Place {
    app: Arc<Application>,
    app_file: Option<BundleFile>,
    service: Option<PlaceService>,
}

#[derive(Debug)]
struct PlaceService {
    file: ValuesFileName,
    chart: Arc<Value>,
    values: Arc<Value>,
    /// The values file with the Application's parameters set: kept while the
    /// file and the parameters stay (a chart edit re-renders every service,
    /// and re-reads no parameter).
    user: Arc<(Mapping, Option<String>)>,
    output: Arc<ServiceOutput>,
    files: Vec<BundleFile>,
    /// A text could not be written: the service is rendered again next
    /// time, so the render says so again instead of leaving the file out.
    failed: bool,
}

/// What an environment's services are rendered from.
#[derive(Clone, Copy)]
struct EnvInputs<'a> {
    env: &'a str,
    label: &'a Option<DnsLabel>,
    own_list: bool,
    entries: &'a [ServiceEntry],
    root: &'a Arc<RootObjects>,
    chart: &'a Arc<Value>,
    values: &'a HashMap<ValuesFileName, Arc<Value>>,
}

/// A source model and its text: the text is kept while the model is equal.
#[derive(Debug)]
struct Source<T> {
    model: T,
    /// The imported file it was written over, if any.
    original: Option<Arc<Original>>,
    text: Arc<str>,
    /// How `text` was written over `original` (None without one).
    kept: Option<Kept>,
}

fn same_original(a: &Option<Arc<Original>>, b: Option<&Arc<Original>>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        _ => false,
    }
}

/// The text of a source file: the imported file's own, patched where the
/// model's data changed (`yaml::keep`), or `fresh` when nothing was imported;
/// with how it was written over the original, if there is one.
fn kept<T: Serialize>(
    path: &str,
    original: Option<&Arc<Original>>,
    model: &T,
    fresh: impl FnOnce() -> Result<Arc<str>, EmitError>,
) -> Result<(Arc<str>, Option<Kept>), EmitError> {
    let Some(original) = original else { return Ok((fresh()?, None)) };
    let new = serde_yaml::to_value(model).map_err(|e| EmitError { path: path.to_owned(), message: e.to_string() })?;
    kept_value(path, original, &new, fresh)
}

/// [`kept`] of the model's data as a value.
fn kept_value(
    path: &str,
    original: &Original,
    new: &Value,
    fresh: impl FnOnce() -> Result<Arc<str>, EmitError>,
) -> Result<(Arc<str>, Option<Kept>), EmitError> {
    let error = |message: String| EmitError { path: path.to_owned(), message };
    if crate::yaml::same::same(new, original.typed()) {
        return Ok((original.text.clone(), Some(Kept::AsWritten)));
    }
    let mut failed = None;
    let (text, how) = crate::yaml::keep::write_changed(original, new, || match fresh() {
        Ok(t) => t.to_string(),
        Err(e) => {
            failed = Some(e);
            String::new()
        }
    })
    .map_err(|e| error(e.to_string()))?;
    match failed {
        Some(e) => Err(e),
        None => Ok((text.into(), Some(how))),
    }
}

/// Two versions of the chart's data and the paths where they differ (None:
/// too many to meet).
type ChartChanges = (Arc<Value>, Arc<Value>, Option<Arc<Changes>>);

/// Makes [`Rendered`] snapshots, reusing what the last one computed.
#[derive(Debug, Default)]
pub struct Renderer {
    /// The chart's `values.yaml` and each values file as Helm reads them
    /// (`helm_data`), made once per change, not once per service.
    chart: Option<(Shared<ServiceValues>, Arc<Value>)>,
    values: HashMap<ValuesFileName, (Shared<ServiceValues>, Arc<Value>)>,
    /// Each environment of the last render, by name: its services'
    /// places and what they made (`env_last`).
    envs: HashMap<String, EnvLast>,
    /// The last render's files in the order they were made: each path and
    /// its place once sorted.
    order: Vec<(BundlePath, usize)>,
    /// Each environment's Application context of the last render: with it
    /// and an unchanged entry, an Application is reused as it is.
    app_contexts: HashMap<String, AppContext>,
    /// Each environment's service Applications of the last render, by entry.
    root_apps: HashMap<String, Vec<Arc<Application>>>,
    root_apps_next: HashMap<String, Vec<Arc<Application>>>,
    /// Root chart texts by path: the typed object and its text.
    applications: HashMap<String, (Arc<Application>, Arc<str>)>,
    app_projects: HashMap<String, (AppProject, Arc<str>)>,
    observability: HashMap<DnsLabel, ((Alerts, String), Vec<BundleFile>)>,
    project: Option<Source<Shared<ProjectFile>>>,
    /// The data of `project`'s model as a value, when it has an original
    /// (`project_value`): the next one is made from it.
    project_value: Option<Value>,
    project_parts: emit::Parts,
    chart_text: Option<Source<Shared<ServiceValues>>>,
    values_texts: HashMap<ValuesFileName, Source<Shared<ServiceValues>>>,
    settings: Option<Source<Shared<StudioSettings>>>,
    /// Where the chart's data changed between two of its versions (the last
    /// pair asked): services whose own values stayed meet their reads
    /// against these paths instead of comparing values.
    chart_changes: Option<ChartChanges>,
    sorted: SortedMemo,
    /// The services some environment deploys, by the project they are of.
    deployed: Option<(Shared<ProjectFile>, Arc<[String]>)>,
    stats: RenderStats,
    /// How this render wrote each source file with an original.
    kept: Vec<(String, Kept)>,
}

/// A fresh render: the snapshot of `state` with nothing remembered.
pub fn render(state: &ProjectState) -> Rendered {
    Renderer::default().render(state)
}

fn emit<T: Serialize>(path: &str, value: &T) -> Result<Arc<str>, EmitError> {
    crate::yaml::to_string(value)
        .map(Arc::from)
        .map_err(|e| EmitError { path: path.to_owned(), message: e.to_string() })
}

impl Renderer {
    pub fn new() -> Self {
        Renderer::default()
    }

    /// What the last [`Renderer::render`] did.
    pub fn stats(&self) -> RenderStats {
        self.stats
    }

    /// The snapshot of `state`.
    pub fn render(&mut self, state: &ProjectState) -> Rendered {
        self.stats = RenderStats::default();
        self.kept.clear();
        let mut files = Vec::new();
        let result = self.render_into(state, &mut files);
        let mut kept = std::mem::take(&mut self.kept);
        kept.sort();
        match result {
            Ok(envs) => Rendered { envs, files: Ok(self.sorted(files)), kept },
            Err((envs, e)) => Rendered { envs, files: Err(e), kept },
        }
    }

    /// The files sorted by path. The files come in an order that depends only
    /// on the state's shape, so when the paths are the same as last time (an
    /// edit that adds or removes no file), last time's order is reused.
    fn sorted(&mut self, files: Vec<BundleFile>) -> Vec<BundleFile> {
        let same = self.order.len() == files.len() && self.order.iter().zip(&files).all(|((p, _), f)| *p == f.path);
        if !same {
            let mut indices: Vec<usize> = (0..files.len()).collect();
            indices.sort_by(|&a, &b| files[a].path.cmp(&files[b].path));
            let mut rank = vec![0; files.len()];
            for (to, from) in indices.into_iter().enumerate() {
                rank[from] = to;
            }
            self.order = files.iter().map(|f| f.path.clone()).zip(rank).collect();
        }
        let mut slots: Vec<Option<BundleFile>> = (0..files.len()).map(|_| None).collect();
        for (f, (_, to)) in files.into_iter().zip(&self.order) {
            slots[*to] = Some(f);
        }
        slots.into_iter().map(|f| f.expect("a permutation")).collect()
    }

    #[allow(clippy::type_complexity)]
    fn render_into(
        &mut self,
        state: &ProjectState,
        files: &mut Vec<BundleFile>,
    ) -> Result<Vec<EnvRender>, (Vec<EnvRender>, EmitError)> {
        let mut first_error = None;
        let mut keep = |r: Result<(), EmitError>| {
            if let Err(e) = r {
                first_error.get_or_insert(e);
            }
        };
        // The project of the last render, before `sources` remembers this one.
        let previous = self.project.as_ref().map(|s| s.model.clone());
        keep(self.sources(state, files));
        files.extend(CHART_FILES.iter().map(|(path, text)| BundleFile::at(path, *text)));
        let chart = self.chart_data(&state.chart_values);
        let values = self.values_data(state);
        let mut envs_next = HashMap::with_capacity(self.envs.len());
        let mut applications_next = HashMap::with_capacity(self.applications.len());
        let mut contexts_next = HashMap::new();
        let mut app_projects_next = HashMap::new();
        let mut observability_next = HashMap::new();
        let p = &state.project;
        let mut envs = Vec::new();
        // The latency rule's default exclusions depend on the whole project.
        let deployed = match &self.deployed {
            Some((project, names)) if Shared::same(project, &state.project) => names.clone(),
            _ => {
                let names: Arc<[String]> = p.deployed_services().into();
                self.deployed = Some((state.project.clone(), names.clone()));
                names
            }
        };
        for env in p.environment_names() {
            let label = DnsLabel::parse(&env).ok();
            let own_list = p.own_services(&env).is_some();
            let entries = p.services_of(&env);
            let last_env = self.envs.remove(&env);
            let root = env_last::root(
                last_env.as_ref(),
                entries.len(),
                self.root(p, previous.as_deref(), &env, &mut contexts_next),
            );
            // An environment whose every input is the last render's (its
            // entries, their values files, the chart's values) makes what it
            // made: 120 services are not gone through one by one.
            let inputs =
                EnvInputs { env: &env, label: &label, own_list, entries, root: &root, chart: &chart, values: &values };
            let unchanged = last_env.as_ref().is_some_and(|l| l.unchanged(&inputs));
            let this_env = match last_env {
                Some(mut last) if unchanged => {
                    self.stats.services_reused += last.services.len();
                    self.stats.texts_reused += last.files.len();
                    files.extend(last.files.iter().cloned());
                    // The root may be new (the AppProject reads the
                    // Description); its service Applications are the same.
                    last.root = root.clone();
                    last
                }
                last_env => {
                    let places = last_env.map(|l| l.places).unwrap_or_default();
                    self.env_services(&inputs, places, files, &mut keep)
                }
            };
            let services = this_env.services.clone();
            envs_next.insert(env.clone(), this_env);
            if let Some(env_label) = &label {
                // The extraApps' Applications (the services' are above).
                for app in root.applications.iter().skip(entries.len()) {
                    // An extraApps name: a path only when it is a label.
                    let Some(name) = app.metadata.name.as_deref().and_then(|n| DnsLabel::parse(n).ok()) else {
                        continue;
                    };
                    let path = layout::application_path(env_label, &name);
                    keep(self.root_text(&path, app, &mut applications_next, files));
                }
                let path = layout::app_project_path(env_label);
                keep(self.app_project_text(&path, &root.app_project, &mut app_projects_next, files));
                keep(self.observability_files(state, &deployed, env_label, &mut observability_next, files));
            }
            let cluster = state.cluster.get(&env).cloned();
            envs.push(EnvRender { name: env, label, own_list, services, root, cluster });
        }
        self.envs = envs_next;
        self.app_contexts = contexts_next;
        self.root_apps = std::mem::take(&mut self.root_apps_next);
        self.applications = applications_next;
        self.app_projects = app_projects_next;
        self.observability = observability_next;
        match first_error {
            None => Ok(envs),
            Some(e) => Err((envs, e)),
        }
    }

    /// An environment's services, gone through one by one: each reuses what
    /// its place made last time when its own inputs are the same.
    fn env_services(
        &mut self,
        inputs: &EnvInputs,
        mut last_places: HashMap<String, Place>,
        files: &mut Vec<BundleFile>,
        keep: &mut dyn FnMut(Result<(), EmitError>),
    ) -> EnvLast {
        let EnvInputs { env, label, own_list, entries, root, chart, values } = *inputs;
        // An environment that could not write a file is gone through again
        // next time (and says so again), not taken whole.
        let mut failed = false;
        let mut keep = |r: Result<(), EmitError>| {
            failed |= r.is_err();
            keep(r);
        };
        let mut places_next = HashMap::with_capacity(last_places.len());
        let first_file = files.len();
        let mut services = Vec::new();
        let mut service_values = Vec::new();
        for (i, (entry, app)) in entries.iter().zip(&root.applications).enumerate() {
            let name = entry.name.clone().unwrap_or_default();
            let values_file = ValuesFileName::parse(&entry.values_file_name()).ok();
            let last = last_places.remove(&name);
            let paths = label.as_ref().and_then(|e| DnsLabel::parse(&name).ok().map(|n| (e.clone(), n)));
            let app_file = match &paths {
                None => None,
                Some((env_label, svc)) => match last.as_ref().filter(|l| same_shared(&l.app, app)) {
                    Some(l) if l.app_file.is_some() => {
                        self.stats.texts_reused += 1;
                        l.app_file.clone()
                    }
                    _ => {
                        let app_name = DnsLabel::parse(&format!("{svc}-{env_label}")).ok();
                        match app_name {
                            None => None,
                            Some(app_name) => {
                                let path = layout::application_path(env_label, &app_name);
                                self.stats.texts_emitted += 1;
                                match emit(&path, &**app) {
                                    Ok(text) => Some(BundleFile::new(BundlePath::made(path), text)),
                                    Err(e) => {
                                        keep(Err(e));
                                        None
                                    }
                                }
                            }
                        }
                    }
                },
            };
            files.extend(app_file.iter().cloned());
            let service = match values_file.as_ref().and_then(|f| values.get(f).map(|v| (f, v))) {
                None => None,
                Some((file, data)) => {
                    let same_app = last.as_ref().is_some_and(|l| {
                        Arc::ptr_eq(&l.app, app)
                            || l.app.spec.source.helm.as_ref().map(|h| &h.parameters)
                                == app.spec.source.helm.as_ref().map(|h| &h.parameters)
                    });
                    let reusable = last.as_ref().and_then(|l| l.service.as_ref()).filter(|s| {
                        !s.failed
                            && same_app
                            && s.file == *file
                            && Arc::ptr_eq(&s.chart, chart)
                            && Arc::ptr_eq(&s.values, data)
                    });
                    match reusable {
                        Some(s) => {
                            self.stats.services_reused += 1;
                            self.stats.texts_reused += s.files.len();
                            Some(PlaceService {
                                file: file.clone(),
                                chart: chart.clone(),
                                values: data.clone(),
                                user: s.user.clone(),
                                output: s.output.clone(),
                                files: s.files.clone(),
                                failed: false,
                            })
                        }
                        None => {
                            let previous = last.as_ref().and_then(|l| l.service.as_ref()).map(|s| s.output.clone());
                            let params = app.spec.source.helm.as_ref().map(|h| h.parameters.as_slice()).unwrap_or(&[]);
                            let (user, changes) = match last.as_ref().and_then(|l| l.service.as_ref()) {
                                Some(s) if same_app && s.file == *file && Arc::ptr_eq(&s.values, data) => {
                                    (s.user.clone(), self.chart_changes(&s.chart, chart))
                                }
                                _ => (Arc::new(with_parameters(data, params)), None),
                            };
                            let (output, error) = self.service_output(
                                env,
                                &name,
                                &user,
                                chart,
                                previous.as_deref().map(|p| (p, changes.as_deref())),
                            );
                            let failed = error.is_some();
                            keep(error.map_or(Ok(()), Err));
                            // The place's paths of the last render, by file name:
                            // the same place makes the same paths.
                            let before: Vec<(&str, &BundlePath)> = match (&previous, last.as_ref()) {
                                (Some(p), Some(Place { service: Some(s), .. })) => {
                                    p.texts.iter().map(|(f, _)| *f).zip(s.files.iter().map(|b| &b.path)).collect()
                                }
                                _ => Vec::new(),
                            };
                            let files = match &paths {
                                None => Vec::new(),
                                Some((env_label, svc)) => output
                                    .texts
                                    .iter()
                                    .map(|(f, text)| BundleFile {
                                        path: match before.iter().find(|(name, _)| name == f) {
                                            Some((_, path)) => (*path).clone(),
                                            None => BundlePath::made(layout::service_object_path(env_label, svc, f)),
                                        },
                                        text: text.clone(),
                                    })
                                    .collect(),
                            };
                            Some(PlaceService {
                                file: file.clone(),
                                chart: chart.clone(),
                                values: data.clone(),
                                user,
                                output,
                                files,
                                failed,
                            })
                        }
                    }
                }
            };
            if let Some(s) = &service {
                files.extend(s.files.iter().cloned());
            }
            let output = service.as_ref().map(|s| s.output.clone());
            service_values.push(service.as_ref().map(|s| s.values.clone()));
            places_next.insert(name.clone(), Place { app: app.clone(), app_file, service });
            let entry_path =
                if own_list { format!("environments.{env}.services[{i}]") } else { format!("services[{i}]") };
            services.push(ServiceRender { name, entry_path, values_file, output });
        }
        EnvLast {
            root: root.clone(),
            label: label.clone(),
            own_list,
            chart: chart.clone(),
            values: service_values,
            services: services.into(),
            files: files[first_file..].to_vec(),
            places: places_next,
            failed,
        }
    }

    /// The chart's `values.yaml` as the data the templates see; a new `Arc`
    /// only when it changed.
    fn chart_data(&mut self, chart: &Shared<ServiceValues>) -> Arc<Value> {
        match &self.chart {
            Some((model, data)) if model == chart => data.clone(),
            _ => {
                let data = Arc::new(helm_data(serde_yaml::to_value(&**chart).unwrap_or_default()));
                self.chart = Some((chart.clone(), data.clone()));
                data
            }
        }
    }

    /// Where the chart's data `new` differs from `old`, when the user's
    /// values stayed: the merged values can differ only there (Helm's
    /// coalescing decides each path from the two values along it). None
    /// when too many paths changed to be worth meeting.
    fn chart_changes(&mut self, old: &Arc<Value>, new: &Arc<Value>) -> Option<Arc<Changes>> {
        match &self.chart_changes {
            Some((a, b, changes)) if Arc::ptr_eq(a, old) && Arc::ptr_eq(b, new) => changes.clone(),
            _ => {
                let changes = Changes::between(old, new, 16).map(Arc::new);
                self.chart_changes = Some((old.clone(), new.clone(), changes.clone()));
                changes
            }
        }
    }

    /// Every values file as data; a new `Arc` only for the files that changed.
    fn values_data(&mut self, state: &ProjectState) -> HashMap<ValuesFileName, Arc<Value>> {
        let mut next = HashMap::new();
        let mut out = HashMap::new();
        for file in state.values.keys() {
            let values = state.values.shared(file).expect("listed");
            let data = match self.values.remove(file) {
                // The same shared file (most edits touch none), or an equal one.
                Some((model, data)) if model == *values => data,
                _ => Arc::new(helm_data(serde_yaml::to_value(&**values).unwrap_or_default())),
            };
            out.insert(file.clone(), data.clone());
            next.insert(file.clone(), (values.clone(), data));
        }
        self.values = next;
        out
    }

    /// A new render of a service's chart, with the first object that could
    /// not be written, if any. Objects equal to the previous output's keep
    /// their text.
    fn service_output(
        &mut self,
        env: &str,
        name: &str,
        user: &Arc<(Mapping, Option<String>)>,
        chart: &Arc<Value>,
        last: Option<(&ServiceOutput, Option<&Changes>)>,
    ) -> (Arc<ServiceOutput>, Option<EmitError>) {
        let previous = last.map(|(p, _)| p);
        self.stats.services_rendered += 1;
        let merged = Merged::new(user.clone(), chart.clone());
        let last = last.map(|(p, changes)| Last { merged: &p.merged, objects: &p.objects, traces: &p.traces, changes });
        let (objects, traces) = render_again(&merged, last, &mut self.sorted);
        // Helm prints nothing for a failed render, and neither does the studio.
        let (texts, error) = match failure(&merged, &objects) {
            Some(_) => (Vec::new(), None),
            None => self.service_texts(&(env.to_owned(), name.to_owned()), &objects, previous),
        };
        // Compiling the rules' regexes is most of a service's render when a
        // project-wide value changes and the routes do not.
        let matcher = match previous.filter(|p| same_shared(&p.objects.routes, &objects.routes)) {
            Some(p) => p.matcher.clone(),
            None => (!objects.routes.is_empty()).then(|| Arc::new(Matcher::new(&objects.routes))),
        };
        (Arc::new(ServiceOutput { merged, objects, traces, texts, matcher }), error)
    }

    /// The objects' texts; an object equal to the same place's object of the
    /// last render keeps its text.
    fn service_texts(
        &mut self,
        (env, name): &(String, String),
        o: &ServiceObjects,
        previous: Option<&ServiceOutput>,
    ) -> (Vec<(&'static str, FileText)>, Option<EmitError>) {
        let mut texts = Vec::with_capacity(layout::SERVICE_FILES.len());
        let mut error = None;
        let before =
            |file: &str| previous.and_then(|p| p.texts.iter().find(|(f, _)| *f == file)).map(|(_, t)| t.clone());
        let prev = previous.map(|p| &p.objects);
        let stats = &mut self.stats;
        let mut text =
            |file: &'static str, same: bool, value: &dyn ErasedSerialize| match same.then(|| before(file)).flatten() {
                Some(t) => {
                    stats.texts_reused += 1;
                    texts.push((file, t));
                }
                None => match value.try_emit() {
                    Ok(t) => {
                        stats.texts_emitted += 1;
                        texts.push((file, t));
                    }
                    Err(message) => {
                        let path = format!("{}{env}/{name}/{file}", layout::RENDERED_DIR);
                        error.get_or_insert(EmitError { path, message });
                    }
                },
            };
        // A kept object is the very same `Arc` (`render_again`).
        fn same_opt<T: PartialEq>(a: Option<&Arc<T>>, b: &Arc<T>) -> bool {
            a.is_some_and(|a| same_shared(a, b))
        }
        text("configmap.yaml", prev.is_some_and(|p| same_shared(&p.config_map, &o.config_map)), &*o.config_map);
        text("service.yaml", prev.is_some_and(|p| same_shared(&p.service, &o.service)), &*o.service);
        text("deployment.yaml", prev.is_some_and(|p| same_shared(&p.deployment, &o.deployment)), &*o.deployment);
        if let Some(hpa) = &o.hpa {
            text("hpa.yaml", prev.is_some_and(|p| same_opt(p.hpa.as_ref(), hpa)), &**hpa);
        }
        if let Some(dr) = &o.destination_rule {
            text(
                "destinationrule.yaml",
                prev.is_some_and(|p| same_opt(p.destination_rule.as_ref(), dr)),
                &WrittenLater(dr),
            );
        }
        if let Some(gw) = &o.gateway {
            text("gateway.yaml", prev.is_some_and(|p| same_opt(p.gateway.as_ref(), gw)), &**gw);
        }
        if let Some(vs) = &o.virtual_service {
            text("virtualservice.yaml", prev.is_some_and(|p| same_opt(p.virtual_service.as_ref(), vs)), &**vs);
        }
        (texts, error)
    }

    /// The root chart's objects for `env`: each service's Application is the
    /// last render's when the environment's context and the entry are
    /// unchanged (comparing them is far cheaper than building one).
    fn root(
        &mut self,
        p: &ProjectFile,
        previous: Option<&ProjectFile>,
        env: &str,
        contexts: &mut HashMap<String, AppContext>,
    ) -> RootObjects {
        let ctx = AppContext::of(p, env);
        let same_ctx = self.app_contexts.get(env) == Some(&ctx);
        let before = previous.filter(|_| same_ctx).map(|prev| prev.services_of(env)).unwrap_or_default();
        let last = self.root_apps.remove(env).unwrap_or_default();
        let mut applications: Vec<Arc<Application>> = p
            .services_of(env)
            .iter()
            .enumerate()
            .map(|(i, entry)| match (before.get(i), last.get(i)) {
                // The same project (most edits): the very same entry.
                (Some(old), Some(app)) if std::ptr::eq(old, entry) || old == entry => app.clone(),
                _ => Arc::new(argocd::service_application(&ctx, entry)),
            })
            .collect();
        self.root_apps_next.insert(env.to_owned(), applications.clone());
        applications.extend(p.extra_apps.iter().flatten().map(|a| Arc::new(argocd::extra_application(&ctx, a))));
        let (server, domain) = (ctx.server.clone(), ctx.domain.clone());
        contexts.insert(env.to_owned(), ctx);
        RootObjects { applications, app_project: argocd::app_project(p), server, domain }
    }

    fn root_text(
        &mut self,
        path: &str,
        app: &Arc<Application>,
        next: &mut HashMap<String, (Arc<Application>, Arc<str>)>,
        files: &mut Vec<BundleFile>,
    ) -> Result<(), EmitError> {
        let text = match self.applications.remove(path) {
            Some((old, text)) if same_shared(&old, app) => {
                self.stats.texts_reused += 1;
                text
            }
            _ => {
                self.stats.texts_emitted += 1;
                emit(path, &**app)?
            }
        };
        files.push(BundleFile::new(BundlePath::made(path.to_owned()), text.clone()));
        next.insert(path.to_owned(), (app.clone(), text));
        Ok(())
    }

    fn app_project_text(
        &mut self,
        path: &str,
        project: &AppProject,
        next: &mut HashMap<String, (AppProject, Arc<str>)>,
        files: &mut Vec<BundleFile>,
    ) -> Result<(), EmitError> {
        let text = match self.app_projects.remove(path) {
            Some((old, text)) if old == *project => {
                self.stats.texts_reused += 1;
                text
            }
            _ => {
                self.stats.texts_emitted += 1;
                emit(path, project)?
            }
        };
        files.push(BundleFile::new(BundlePath::made(path.to_owned()), text.clone()));
        next.insert(path.to_owned(), (project.clone(), text));
        Ok(())
    }

    /// The observability files of an environment (docs/alerts.md), written
    /// twice: the repository's source and the rendered copy.
    fn observability_files(
        &mut self,
        state: &ProjectState,
        deployed: &[String],
        env: &DnsLabel,
        next: &mut HashMap<DnsLabel, ((Alerts, String), Vec<BundleFile>)>,
        files: &mut Vec<BundleFile>,
    ) -> Result<(), EmitError> {
        let alerts = state.settings.alerts.clone().unwrap_or_default().effective(env.as_str(), deployed);
        let ns = state.project.namespace().unwrap_or("default").to_owned();
        let inputs = (alerts, ns);
        let out = match self.observability.remove(env) {
            Some((old, out)) if old == inputs => {
                self.stats.texts_reused += out.len();
                out
            }
            _ => {
                let (a, ns) = (&inputs.0, inputs.1.as_str());
                // Each file once: the repository's folder and the bundle's
                // rendered copy hold the same text.
                let mut texts: Vec<(String, FileText)> = Vec::new();
                let mut file = |name: String, value: &dyn ErasedSerialize| -> Result<(), EmitError> {
                    let text = value.try_emit().map_err(|message| EmitError {
                        path: format!("{}/{name}", layout::observability_dirs(env)[0]),
                        message,
                    })?;
                    texts.push((name, text));
                    Ok(())
                };
                file("grafana/alert-rules.yaml".into(), &obs::grafana_rules(a, ns))?;
                file("grafana/alerting.yaml".into(), &obs::grafana_alerting(a))?;
                file(format!("prometheus/{}", obs::RULES_FILE), &obs::prometheus_rules(a, ns))?;
                file("prometheus/prometheus.yml".into(), &obs::prometheus_config(a, ns))?;
                file("prometheus/deployment-patch.yaml".into(), &obs::prometheus_patch(a))?;
                file("loki/retention.yaml".into(), &obs::loki_retention(a))?;
                file("tempo/retention.yaml".into(), &obs::tempo_retention(a))?;
                let mut out = Vec::new();
                for dir in layout::observability_dirs(env) {
                    for (name, text) in &texts {
                        out.push(BundleFile { path: BundlePath::made(format!("{dir}/{name}")), text: text.clone() });
                    }
                }
                self.stats.texts_emitted += texts.len();
                out
            }
        };
        files.extend(out.iter().cloned());
        next.insert(env.clone(), (inputs, out));
        Ok(())
    }

    /// The source files: project, chart values, settings and every values
    /// file, each emitted again only when its model changed.
    fn sources(&mut self, state: &ProjectState, files: &mut Vec<BundleFile>) -> Result<(), EmitError> {
        let stats = &mut self.stats;
        let project_path = layout::project_path(&state.site);
        // The project file, the largest source by far, is emitted by parts:
        // an edit re-emits the part it changed (see `crate::emit`).
        let original = state.originals.get(&project_path);
        let (text, how) = match &self.project {
            Some(s) if s.model == state.project && same_original(&s.original, original) => {
                stats.texts_reused += 1;
                (s.text.clone(), s.kept)
            }
            _ => {
                stats.texts_emitted += 1;
                let parts = &mut self.project_parts;
                let mut fresh = || {
                    emit::project_text(&state.project, parts)
                        .map(Arc::from)
                        .map_err(|e| EmitError { path: project_path.clone(), message: e.to_string() })
                };
                let (text, how) = match original {
                    None => {
                        // Nothing to patch: the value would pair with no model.
                        self.project_value = None;
                        (fresh()?, None)
                    }
                    Some(original) => {
                        let last = self.project_value.take();
                        // Made from the last value only over the same
                        // original: a new import starts afresh (parts compare
                        // as data, and a mapping's `==` ignores its order).
                        let last = match (&self.project, last) {
                            (Some(s), Some(v)) if same_original(&s.original, Some(original)) => Some((&*s.model, v)),
                            _ => None,
                        };
                        let new = project_value(&state.project, last)
                            .map_err(|e| EmitError { path: project_path.clone(), message: e.to_string() })?;
                        let written = kept_value(&project_path, original, &new, fresh)?;
                        self.project_value = Some(new);
                        written
                    }
                };
                self.project = Some(Source {
                    model: state.project.clone(),
                    original: original.cloned(),
                    text: text.clone(),
                    kept: how,
                });
                (text, how)
            }
        };
        if let Some(how) = how {
            self.kept.push((project_path.clone(), how));
        }
        files.push(BundleFile::new(BundlePath::made(project_path), text));
        let originals = &state.originals;
        let out = &mut self.kept;
        let text =
            cached_source(&mut self.chart_text, &state.chart_values, layout::CHART_VALUES_PATH, originals, stats, out)?;
        files.push(BundleFile::at(layout::CHART_VALUES_PATH, text));
        let text = cached_source(&mut self.settings, &state.settings, layout::SETTINGS_PATH, originals, stats, out)?;
        files.push(BundleFile::at(layout::SETTINGS_PATH, text));
        let mut next = HashMap::new();
        for file in state.values.keys() {
            let values = state.values.shared(file).expect("listed");
            let path = layout::values_path(file);
            let mut slot = self.values_texts.remove(file);
            let text = cached_source(&mut slot, values, &path, originals, stats, out)?;
            files.push(BundleFile::new(BundlePath::made(path), text));
            next.insert(file.clone(), slot.expect("filled"));
        }
        self.values_texts = next;
        // The cluster's objects travel as they were read.
        for (env, objects) in &state.cluster.0 {
            files.push(BundleFile {
                path: BundlePath::made(layout::cluster_objects_path(env)),
                text: objects.text.clone().into(),
            });
        }
        Ok(())
    }
}

fn cached_source<T: Clone + PartialEq + Serialize>(
    slot: &mut Option<Source<Shared<T>>>,
    model: &Shared<T>,
    path: &str,
    originals: &crate::state::Originals,
    stats: &mut RenderStats,
    out: &mut Vec<(String, Kept)>,
) -> Result<Arc<str>, EmitError> {
    let original = originals.get(path);
    // Shared parts compare by identity first: an edit elsewhere costs nothing.
    if let Some(s) = slot.as_ref().filter(|s| s.model == *model && same_original(&s.original, original)) {
        stats.texts_reused += 1;
        if let Some(how) = s.kept {
            out.push((path.to_owned(), how));
        }
        return Ok(s.text.clone());
    }
    stats.texts_emitted += 1;
    let (text, how) = kept(path, original, &**model, || emit(path, &**model))?;
    *slot = Some(Source { model: model.clone(), original: original.cloned(), text: text.clone(), kept: how });
    if let Some(how) = how {
        out.push((path.to_owned(), how));
    }
    Ok(text)
}

/// `Serialize` behind a reference, so one closure can emit objects of
/// several types.
trait ErasedSerialize {
    fn try_emit(&self) -> Result<FileText, String>;
}

/// A DestinationRule, written by [`DestinationRule::text`] when its text is
/// first read (`file_text`): an edit of the project-wide traffic policy
/// rebuilds every service's, and the preview shows one. It cannot fail.
struct WrittenLater<'a>(&'a Arc<DestinationRule>);

impl ErasedSerialize for WrittenLater<'_> {
    fn try_emit(&self) -> Result<FileText, String> {
        Ok(FileText::later(self.0.clone()))
    }
}

impl<T: Serialize> ErasedSerialize for T {
    fn try_emit(&self) -> Result<FileText, String> {
        crate::yaml::to_string(self).map(FileText::from).map_err(|e| e.to_string())
    }
}
