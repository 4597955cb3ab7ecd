//! Import: recognise each dropped file by its content and apply a batch of files
//! to the state, all or nothing.
//!
//! A file is, by content:
//! - a studio bundle (zip magic bytes), which replaces the whole state;
//! - a project file (top-level keys such as `project`, `destinations`, `source`),
//!   which starts a new project with the built-in values;
//! - a service values file (`serviceName`, `image`, `ingress`, ...), which replaces
//!   that file in the current project; it is named by its file name
//!   (`xgen-core.yaml`), else by its `serviceName`;
//! - the chart's `values.yaml` (named so, or with `global` and no `serviceName`
//!   under a name that is no values file's, such as pasted text);
//! - the studio settings (`kind: StudioSettings`).
//!
//! Anything else is refused with a message saying what was expected.

use crate::bundle;
use crate::error::ImportError;
use crate::model::settings::SETTINGS_KIND;
use crate::model::{ProjectFile, ServiceValues, StudioSettings};
use crate::names::ValuesFileName;
use crate::state::{base_name, site_name, ProjectState};
use crate::text::{decode, parse_yaml};
use serde_yaml::Value;

/// One file handed to the studio: its name (as dropped, picked or given on the
/// command line) and its bytes.
#[derive(Debug, Clone)]
pub struct InputFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl InputFile {
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        InputFile { name: name.into(), bytes: bytes.into() }
    }
}

/// What a file turned out to be.
#[derive(Debug, Clone)]
pub enum Recognised {
    /// A bundle, with the original text of the source files it held, by path.
    Bundle(Box<ProjectState>, Vec<(String, String)>),
    Project {
        file: String,
        project: Box<ProjectFile>,
        text: String,
    },
    Values {
        file: ValuesFileName,
        values: Box<ServiceValues>,
        text: String,
    },
    ChartValues(Box<ServiceValues>, String),
    Settings(Box<StudioSettings>, String),
    /// An empty file named like a values file. Helm reads an empty values
    /// file as no values, so it is an empty values file when the project (the
    /// batch's, else the current one) gives a service this file, or when it
    /// comes with other files (a repository's `values/` dropped whole);
    /// alone and unused it is refused, as there is nothing to import.
    EmptyValues {
        file: ValuesFileName,
        text: String,
    },
    /// The cluster's Istio objects of an environment, by their bundle path
    /// (`cluster/<env>/istio-objects.yaml`: the autosave and share links
    /// name them so).
    Objects(crate::names::DnsLabel, Box<crate::model::istio::ObjectsFile>),
}

impl Recognised {
    fn starts_project(&self) -> bool {
        matches!(self, Recognised::Bundle(..) | Recognised::Project { .. })
    }
}

const PROJECT_KEYS: &[&str] = &[
    "project",
    "source",
    "destinations",
    "destination",
    "extraApps",
    "vars",
    "infra",
    "registryHost",
    "site",
    "services",
];
const VALUES_KEYS: &[&str] = &[
    "serviceName",
    "image",
    "port",
    "healthCheck",
    "ingress",
    "istio",
    "config",
    "global",
    "nodeSelector",
    "affinity",
    "command",
    "probes",
    "replicas",
    "resources",
    "autoscaling",
];

/// The kinds of a file of Istio objects, which is imported for an
/// environment ([`import_objects`]), not recognised among the others.
const ISTIO_KINDS: &[&str] = &["Gateway", "VirtualService", "DestinationRule", "List"];

/// Imports a file of Istio objects (docs/inputs.md) as the cluster's own
/// objects of environment `env`, replacing that environment's earlier
/// file. All or nothing: an error leaves `current` as it was. A file with
/// no Gateway, VirtualService or DestinationRule is refused, saying what
/// it held.
pub fn import_objects(current: &ProjectState, env: &str, file: &InputFile) -> Result<ProjectState, ImportError> {
    let invalid = |reason: String| ImportError::Invalid { file: file.name.clone(), reason };
    if !current.project.environment_names().iter().any(|e| e == env) {
        return Err(invalid(format!("the project has no environment `{env}` to import these objects for")));
    }
    let label = crate::names::DnsLabel::parse(env)
        .map_err(|_| invalid(format!("the environment `{env}` cannot be a path in the bundle (XS210)")))?;
    let text = decode(&file.name, &file.bytes)?;
    let objects = crate::model::istio::ObjectsFile::parse(&file.name, &text)?;
    if objects.objects.is_empty() {
        let skipped: Vec<String> = objects.skipped.iter().map(|(k, n)| format!("{n} {k}")).collect();
        return Err(invalid(format!(
            "no Gateway, VirtualService or DestinationRule of networking.istio.io in it (skipped: {})",
            if skipped.is_empty() { "nothing".into() } else { skipped.join(", ") }
        )));
    }
    let mut state = current.clone();
    state.cluster.0.insert(label, std::sync::Arc::new(objects));
    crate::limits::check(&state)?;
    Ok(state)
}

/// Whether a file is one of Istio objects, to import for an environment
/// ([`import_objects`]) rather than with the project's files
/// ([`crate::model::istio::names_istio_objects`]). A file at a bundle's
/// `cluster/<env>/` path names its environment and is not one of these; a
/// file that cannot be read is not either (the import then says where it
/// fails).
pub fn is_objects_file(input: &InputFile) -> bool {
    if bundle::is_zip(&input.bytes) || crate::layout::cluster_env(&input.name).is_some() {
        return false;
    }
    decode(&input.name, &input.bytes).is_ok_and(|text| crate::model::istio::names_istio_objects(&text))
}

/// Recognises one file by its content and parses it.
pub fn recognise(input: &InputFile) -> Result<Recognised, ImportError> {
    let file = input.name.as_str();
    if bundle::is_zip(&input.bytes) {
        return bundle::read_bundle_with_sources(file, &input.bytes)
            .map(|(s, src)| Recognised::Bundle(Box::new(s), src));
    }
    let text = match decode(file, &input.bytes) {
        Err(ImportError::Empty { .. }) => return empty(file, String::new()),
        other => other?,
    };
    if let Some(env) = crate::layout::cluster_env(file) {
        let objects = crate::model::istio::ObjectsFile::parse(file, &text)?;
        return Ok(Recognised::Objects(env, Box::new(objects)));
    }
    // A first, light pass reads only the top-level keys (and finds syntax errors);
    // the typed parse below reports type errors and duplicates at their place.
    let top: TopLevel = parse_yaml(file, &text)?;
    let (keys, settings_kind, env_has_services) = match top {
        TopLevel::Mapping { istio_kind: true, .. } => {
            return Err(ImportError::Unrecognised {
                file: file.into(),
                reason: "a file of Istio objects (Gateway, VirtualService, DestinationRule or a List of them): \
                         import it for an environment, whose cluster it comes from (`--objects ENV=FILE` on \
                         the command line)"
                    .into(),
            })
        }
        TopLevel::Mapping { keys, settings_kind, env_has_services, .. } => (keys, settings_kind, env_has_services),
        TopLevel::Other("nothing") => return empty(file, text),
        TopLevel::Other(found) => {
            return Err(ImportError::Unrecognised {
                file: file.into(),
                reason: format!("expected a YAML mapping at the top, found {found}"),
            })
        }
    };
    let has = |k: &str| keys.iter().any(|key| key == k);
    if settings_kind {
        return Ok(Recognised::Settings(Box::new(parse_yaml(file, &text)?), text));
    }
    if PROJECT_KEYS.iter().any(|k| has(k)) || env_has_services {
        let project: ProjectFile = parse_yaml(file, &text)?;
        return Ok(Recognised::Project { file: file.into(), project: Box::new(project), text });
    }
    if VALUES_KEYS.iter().any(|k| has(k)) || has("environments") {
        let values: ServiceValues = parse_yaml(file, &text)?;
        let base = base_name(file);
        if base == "values.yaml" {
            return Ok(Recognised::ChartValues(Box::new(values), text));
        }
        // `global` and no `serviceName`: the name decides, as the chart
        // decides which file it reads. A values file's name is a service's
        // values file (Helm reads it through an Application's `valueFiles`,
        // and the chart's name stands for `serviceName`); a name that is no
        // values file's (pasted text) is the chart's `values.yaml`.
        if values.global.is_some() && values.service_name.is_none() && ValuesFileName::parse(base).is_err() {
            return Ok(Recognised::ChartValues(Box::new(values), text));
        }
        let name = ValuesFileName::parse(base)
            .or_else(|_| ValuesFileName::parse(&format!("{}.yaml", values.service_name.as_deref().unwrap_or(""))))
            .map_err(|_| ImportError::Invalid {
                file: file.into(),
                reason: "this looks like a service values file, but neither its file name nor its `serviceName` \
                         names a service: save it as `<service>.yaml`"
                    .into(),
            })?;
        return Ok(Recognised::Values { file: name, values: Box::new(values), text });
    }
    Err(ImportError::Unrecognised {
        file: file.into(),
        reason: "not a file the studio knows: expected a project file (`k3s/argocd/projects/<site>.yaml`, with \
                 `project:` and `destinations:`), a service values file (`values/<service>.yaml`), the studio \
                 settings (`xgen-studio.yaml`) or a bundle zip exported by the studio"
            .into(),
    })
}

/// A file with no data (nothing, a comment, `~`): an empty values file
/// under a values file's name, else refused.
fn empty(file: &str, text: String) -> Result<Recognised, ImportError> {
    let base = base_name(file);
    match ValuesFileName::parse(base) {
        Ok(name) if base != "values.yaml" => Ok(Recognised::EmptyValues { file: name, text }),
        _ => Err(ImportError::Empty { file: file.into() }),
    }
}

/// The top level of a YAML file, as much as recognition needs: the key names,
/// whether `kind` is the settings kind, and whether some `environments.<env>`
/// has `services` (only project files have that). Values are skipped unread.
enum TopLevel {
    Mapping { keys: Vec<String>, settings_kind: bool, env_has_services: bool, istio_kind: bool },
    Other(&'static str),
}

impl<'de> serde::Deserialize<'de> for TopLevel {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::IgnoredAny;
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = TopLevel;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a YAML mapping")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<TopLevel, A::Error> {
                let (mut keys, mut settings_kind, mut env_has_services) = (Vec::new(), false, false);
                let mut istio_kind = false;
                while let Some(key) = map.next_key::<Value>()? {
                    let key = key.as_str().unwrap_or_default().to_owned();
                    match key.as_str() {
                        "kind" => {
                            let kind = map.next_value::<Value>()?;
                            settings_kind = kind.as_str() == Some(SETTINGS_KIND);
                            istio_kind = ISTIO_KINDS.contains(&kind.as_str().unwrap_or_default());
                        }
                        "environments" => {
                            let envs: Value = map.next_value()?;
                            env_has_services =
                                envs.as_mapping().is_some_and(|e| e.values().any(|e| e.get("services").is_some()));
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                    keys.push(key);
                }
                Ok(TopLevel::Mapping { keys, settings_kind, env_has_services, istio_kind })
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<TopLevel, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(TopLevel::Other("a list"))
            }
            fn visit_str<E>(self, _: &str) -> Result<TopLevel, E> {
                Ok(TopLevel::Other("a string"))
            }
            fn visit_bool<E>(self, _: bool) -> Result<TopLevel, E> {
                Ok(TopLevel::Other("a boolean"))
            }
            fn visit_i64<E>(self, _: i64) -> Result<TopLevel, E> {
                Ok(TopLevel::Other("a number"))
            }
            fn visit_u64<E>(self, _: u64) -> Result<TopLevel, E> {
                Ok(TopLevel::Other("a number"))
            }
            fn visit_f64<E>(self, _: f64) -> Result<TopLevel, E> {
                Ok(TopLevel::Other("a number"))
            }
            fn visit_unit<E>(self) -> Result<TopLevel, E> {
                Ok(TopLevel::Other("nothing"))
            }
            fn visit_none<E>(self) -> Result<TopLevel, E> {
                Ok(TopLevel::Other("nothing"))
            }
        }
        d.deserialize_any(Visit)
    }
}

/// Keeps the surprising plain scalars of the files just read (checks
/// XS601-XS603): a new project starts afresh, other files replace their own.
fn record_notes(state: &mut ProjectState, new_project: bool, sources: &[(String, String)]) {
    let notes = &mut state.yaml_notes;
    if new_project {
        notes.0.clear();
    }
    for (path, text) in sources {
        let found = crate::yaml::parse(text).map(|s| crate::yaml::notes::notes(text, &s)).unwrap_or_default();
        if found.is_empty() {
            notes.0.remove(path);
        } else {
            notes.0.insert(path.clone(), found);
        }
    }
}

/// Keeps the text of the source files just read, to write them back as
/// they were (`yaml::keep`): a new project starts afresh, other files
/// replace their own. A file is kept with the data its model read.
fn record_originals(state: &mut ProjectState, new_project: bool, sources: &[(String, String)]) {
    let mut originals = if new_project { Default::default() } else { (*state.originals).clone() };
    for (path, text) in sources {
        let Some(typed) = source_data(state, path) else { continue };
        match crate::yaml::keep::Original::new(text, typed) {
            Some(o) => originals.0.insert(path.clone(), std::sync::Arc::new(o)),
            None => originals.0.remove(path),
        };
    }
    state.originals = originals.into();
}

/// The data of the model behind a source file's bundle path.
pub fn source_data(state: &ProjectState, path: &str) -> Option<Value> {
    let value = if path == crate::layout::project_path(&state.site) {
        serde_yaml::to_value(&*state.project)
    } else if path == crate::layout::CHART_VALUES_PATH {
        serde_yaml::to_value(&*state.chart_values)
    } else if path == crate::layout::SETTINGS_PATH {
        serde_yaml::to_value(&*state.settings)
    } else {
        let file = ValuesFileName::parse(path.strip_prefix(crate::layout::VALUES_DIR)?).ok()?;
        serde_yaml::to_value(state.values.get(&file)?)
    };
    value.ok()
}

/// The result of a successful import.
#[derive(Debug, Clone)]
pub struct Imported {
    pub state: ProjectState,
    /// True when the batch held a project file or bundle (a new project).
    pub new_project: bool,
    /// The original text of each imported source file, by its bundle path
    /// (for "compare with what was imported").
    pub sources: Vec<(String, String)>,
}

/// Applies a batch of files to `current` and returns the new state. If any file
/// fails, the error is returned and `current` is untouched (the caller keeps it).
///
/// A bundle or a project file starts a new project; at most one may be in a
/// batch. Values files, the chart values and settings in the same batch are
/// applied on top of it (or of `current` when the batch has no project).
pub fn import(current: &ProjectState, files: &[InputFile]) -> Result<ProjectState, ImportError> {
    import_with_sources(current, files).map(|i| i.state)
}

/// [`import`], also returning what the batch was and the files' original text.
pub fn import_with_sources(current: &ProjectState, files: &[InputFile]) -> Result<Imported, ImportError> {
    if files.is_empty() {
        return Err(ImportError::Batch("no files were given".into()));
    }
    let recognised = files.iter().map(recognise).collect::<Result<Vec<_>, _>>()?;
    let starter_names: Vec<&str> =
        recognised.iter().zip(files).filter(|(r, _)| r.starts_project()).map(|(_, f)| f.name.as_str()).collect();
    if starter_names.len() > 1 {
        return Err(ImportError::Batch(format!(
            "{} project files or bundles were given together ({}); give one project at a time",
            starter_names.len(),
            starter_names.join(", ")
        )));
    }
    let (starters, rest): (Vec<_>, Vec<_>) = recognised.into_iter().partition(Recognised::starts_project);
    let new_project = !starters.is_empty();
    let mut sources = Vec::new();
    let mut state = match starters.into_iter().next() {
        Some(Recognised::Bundle(s, src)) => {
            sources = src;
            *s
        }
        Some(Recognised::Project { file, project, text }) => {
            let state = ProjectState::from_project(site_name(&file, &project), *project);
            sources.push((crate::layout::project_path(&state.site), text));
            state
        }
        _ => current.clone(),
    };
    for r in rest {
        match r {
            Recognised::Values { file, values, text } => {
                sources.push((crate::layout::values_path(&file), text));
                state.values.insert(file, *values);
            }
            Recognised::ChartValues(v, text) => {
                sources.push((crate::layout::CHART_VALUES_PATH.into(), text));
                state.chart_values = (*v).into();
            }
            Recognised::Settings(s, text) => {
                sources.push((crate::layout::SETTINGS_PATH.into(), text));
                state.settings = (*s).into();
            }
            Recognised::EmptyValues { file, text } => {
                let used =
                    state.project.all_service_entries().iter().any(|(_, e)| e.values_file_name() == file.as_str());
                if !used && files.len() == 1 {
                    return Err(ImportError::Empty { file: files[0].name.clone() });
                }
                sources.push((crate::layout::values_path(&file), text));
                state.values.insert(file, ServiceValues::default());
            }
            Recognised::Objects(env, objects) => {
                state.cluster.0.insert(env, std::sync::Arc::from(objects));
            }
            // Partitioned off above.
            Recognised::Bundle(..) | Recognised::Project { .. } => {}
        }
    }
    state.complete_values();
    crate::limits::check(&state)?;
    record_notes(&mut state, new_project, &sources);
    record_originals(&mut state, new_project, &sources);
    Ok(Imported { state, new_project, sources })
}
