//! Helm parity (docs/rendering.md): a real `helm template` of the exported charts gives
//! the same objects as the studio's `rendered/` files, compared as parsed data,
//! object by object. Run with `cargo test --features helm-parity --test
//! helm_parity`; helm is `$HELM`, else `.tools/bin/helm`, else `helm` on PATH.

mod common;

use serde_yaml::{Mapping, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use xgen_core::layout::{project_path, BundleFile};
use xgen_core::rendered::{render, Rendered};
use xgen_core::ProjectState;

use crate::common::{argo_set, helm};

fn run_helm(args: &[&str]) -> String {
    let out = Command::new(helm())
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run helm ({e}): install it with scripts/install-helm.py or set HELM"));
    assert!(out.status.success(), "helm {}: {}", args.join(" "), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Objects of a multi-document YAML stream, keyed by kind and name.
fn objects(text: &str) -> BTreeMap<(String, String), Value> {
    let mut out = BTreeMap::new();
    for doc in serde_yaml::Deserializer::from_str(text) {
        let v = Value::deserialize(doc).unwrap();
        if v.is_null() {
            continue;
        }
        let key = (
            v["kind"].as_str().unwrap_or_default().to_owned(),
            v["metadata"]["name"].as_str().unwrap_or_default().to_owned(),
        );
        assert!(out.insert(key.clone(), v).is_none(), "duplicate object {key:?}");
    }
    out
}

use serde::Deserialize;

fn write_bundle(rendered: &Rendered, dir: &Path) {
    for f in rendered.files().unwrap() {
        let path = dir.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, f.text.as_bytes()).unwrap();
    }
}

/// The environments whose names are paths, with their snapshots.
fn path_envs(rendered: &Rendered) -> impl Iterator<Item = (&str, &xgen_core::rendered::EnvRender)> {
    rendered.envs.iter().filter_map(|e| e.label.as_ref().map(|l| (l.as_str(), e)))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xgen-parity-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Asserts that the studio's files under `prefix` and Helm's output hold the
/// same objects, equal as data; returns how many were compared.
fn assert_same_objects(label: &str, files: &[BundleFile], prefix: &str, helm_out: &str) -> usize {
    let theirs = objects(helm_out);
    let ours: String =
        files.iter().filter(|f| f.path.starts_with(prefix)).map(|f| format!("---\n{}", f.text)).collect();
    let ours = objects(&ours);
    assert_eq!(ours.keys().collect::<Vec<_>>(), theirs.keys().collect::<Vec<_>>(), "{label}: different objects");
    for (key, value) in &ours {
        assert_eq!(
            value,
            &theirs[key],
            "{label}: {key:?} differs\nstudio:\n{}\nhelm:\n{}",
            serde_yaml::to_string(value).unwrap(),
            serde_yaml::to_string(&theirs[key]).unwrap()
        );
    }
    ours.len()
}

/// Compares the root chart for every environment; returns objects compared.
fn root_chart_parity(name: &str, state: &ProjectState, own: &[OwnFile]) -> usize {
    let dir = temp_dir(name);
    let rendered = render(state);
    write_bundle(&rendered, &dir);
    write_own(own, &dir);
    let files = rendered.files().unwrap();
    let mut compared = 0;
    for (env, _) in path_envs(&rendered) {
        let helm_out = run_helm(&[
            "template",
            "root",
            dir.join("k3s/argocd").to_str().unwrap(),
            "-f",
            dir.join(project_path(&state.site)).to_str().unwrap(),
            "--set",
            &format!("env={env}"),
        ]);
        compared += assert_same_objects(&format!("{name}/{env}"), files, &format!("rendered/{env}/argocd/"), &helm_out);
    }
    std::fs::remove_dir_all(&dir).ok();
    compared
}

/// A synthetic project: many services (standard and custom), three
/// environments, vars with commas and numbers, infra and registry overrides, an
/// environment on the top-level `services` fallback, and the older `destination`.
fn synthetic() -> String {
    let mut m = Mapping::new();
    let s = |x: &str| Value::String(x.into());
    let map = |pairs: Vec<(&str, Value)>| Value::Mapping(pairs.into_iter().map(|(k, v)| (s(k), v)).collect());
    m.insert(
        s("project"),
        map(vec![("name", s("synth")), ("description", s("synthetic, with commas")), ("namespace", s("synth"))]),
    );
    m.insert(
        s("source"),
        map(vec![
            ("repoURL", s("https://git.example.com/s.git")),
            ("targetRevision", s("v1.2.3")),
            ("chartPath", s("charts/svc")),
        ]),
    );
    m.insert(s("destination"), map(vec![("server", s("https://fallback.example.com"))]));
    m.insert(s("domain"), s("fallback.example.com"));
    m.insert(
        s("destinations"),
        map(vec![
            ("dev", map(vec![("server", s("https://dev.example.com")), ("domain", s("dev.example.com"))])),
            ("stg", map(vec![("domain", s("stg.example.com"))])),
        ]),
    );
    m.insert(s("site"), s("s1"));
    m.insert(s("registryHost"), s("registry.example.com:5000"));
    m.insert(
        s("vars"),
        map(vec![
            ("Z_LAST", s("z")),
            ("LIST", s("a,b,c")),
            ("PORT", Value::Number(8080.into())),
            ("BIG", Value::Number(1_000_000.into())),
            ("RATIO", Value::Number(serde_yaml::Number::from(0.25))),
            ("FLAG", Value::Bool(true)),
            ("A_FIRST", s("with spaces and = sign")),
        ]),
    );
    m.insert(
        s("infra"),
        map(vec![
            ("redis", map(vec![("host", s("10.0.0.2"))])),
            ("postgres", map(vec![("host", s("10.0.0.1")), ("port", Value::Number(5432.into()))])),
            ("minio", map(vec![("endpoint", s("https://s3.example.com"))])),
            // Empty: the chart's `with` skips it, so the ConfigMap has no QDRANT_HOST.
            ("qdrant", map(vec![("host", s(""))])),
        ]),
    );
    let service = |name: String, i: usize| {
        let mut e = vec![("name", Value::String(name))];
        if i.is_multiple_of(3) {
            e.push(("replicas", Value::Number((i % 5).into())));
        }
        if i.is_multiple_of(4) {
            e.push((
                "autoscaling",
                map(vec![("minReplicas", Value::Number(1.into())), ("maxReplicas", Value::Number((i + 2).into()))]),
            ));
        }
        if i.is_multiple_of(7) {
            e.push((
                "autoscaling",
                map(vec![("enabled", Value::Bool(false)), ("minReplicas", Value::Number(3.into()))]),
            ));
        }
        if i.is_multiple_of(5) {
            e.push((
                "resources",
                map(vec![
                    ("requests", map(vec![("memory", s("256Mi")), ("cpu", Value::Number(1.into()))])),
                    ("limits", map(vec![("cpu", s("2"))])),
                ]),
            ));
        }
        if i.is_multiple_of(6) {
            e.push(("namespace", s("synth-extra")));
        }
        if i == 0 {
            e.push(("hasDomain", Value::Bool(true)));
        }
        if i % 8 == 1 {
            e.push(("valuesFile", s("shared-values.yaml")));
        }
        map(e)
    };
    let names: Vec<String> = xgen_core::builtin::STANDARD_SERVICES
        .iter()
        .map(|n| n.to_string())
        .chain((0..23).map(|i| format!("custom-{i}")))
        .collect();
    let list = |skip: usize| {
        Value::Sequence(names.iter().enumerate().skip(skip).map(|(i, n)| service(n.clone(), i)).collect())
    };
    m.insert(
        s("environments"),
        map(vec![
            ("dev", map(vec![("services", list(0))])),
            ("prd", map(vec![("services", list(3))])),
            ("stg", Value::Mapping(Mapping::new())),
        ]),
    );
    m.insert(s("services"), list(10));
    m.insert(
        s("extraApps"),
        Value::Sequence(vec![
            map(vec![
                ("name", s("observability")),
                ("path", s("k3s/observability")),
                ("namespace", s("observability")),
            ]),
            map(vec![("name", s("ingress")), ("path", s("k3s/ingress")), ("server", s("https://other.example.com"))]),
        ]),
    );
    serde_yaml::to_string(&Value::Mapping(m)).unwrap()
}

/// Compares the service chart for every Application of every environment.
fn service_chart_parity(name: &str, state: &ProjectState, own: &[OwnFile]) -> usize {
    let dir = temp_dir(&format!("svc-{name}"));
    let rendered = render(state);
    write_bundle(&rendered, &dir);
    write_own(own, &dir);
    let files = rendered.files().unwrap();
    let mut compared = 0;
    for (env, env_render) in path_envs(&rendered) {
        for app in env_render.root.applications.iter().filter(|a| a.spec.source.helm.is_some()) {
            let helm = app.spec.source.helm.as_ref().unwrap();
            let app_name = app.metadata.name.clone().unwrap();
            let service = app_name.strip_suffix(&format!("-{env}")).unwrap();
            let mut args =
                vec!["template".to_owned(), service.to_owned(), dir.join("k3s/helm-chart").display().to_string()];
            for f in &helm.value_files {
                args.push("-f".into());
                args.push(dir.join("k3s/helm-chart").join(f).display().to_string());
            }
            for p in &helm.parameters {
                args.push("--set".into());
                // Argo CD's parameter value is a string: a null one is empty.
                args.push(argo_set(&p.name, p.value.as_deref().unwrap_or_default()));
            }
            let helm_out = run_helm(&args.iter().map(String::as_str).collect::<Vec<_>>());
            let prefix = format!("rendered/{env}/{service}/");
            compared += assert_same_objects(&format!("{name}/{env}/{service}"), files, &prefix, &helm_out);
        }
    }
    std::fs::remove_dir_all(&dir).ok();
    compared
}

fn parity_projects() -> Vec<(String, String)> {
    let mut projects = common::fixture_projects();
    projects.push(("synth.yaml".into(), synthetic()));
    projects
}

/// A file as the user wrote it: its path in the repository and its bytes.
type OwnFile = (String, Vec<u8>);

/// Puts the user's own files back over the studio's copies: Helm renders
/// what the user keeps in Git (YAML 1.1 words, merge keys, comments), so
/// parity holds for the files themselves, not only for the studio's
/// re-emitted text.
fn write_own(own: &[OwnFile], dir: &Path) {
    for (path, bytes) in own {
        let path = dir.join(path);
        assert!(path.exists(), "{}: the bundle has no file at the user's path", path.display());
        std::fs::write(path, bytes).unwrap();
    }
}

/// The parity projects, imported, with their own files; the routing fixture
/// (exact, regex and `ignoreUriCase` routes in values files) and the YAML 1.1
/// fixture (words for booleans, hex, octal, merge keys), laid out like the
/// repository.
fn parity_states() -> Vec<(String, ProjectState, Vec<OwnFile>)> {
    let mut out: Vec<(String, ProjectState, Vec<OwnFile>)> = parity_projects()
        .into_iter()
        .map(|(name, text)| {
            let state = common::load(&name, &text);
            let own = vec![(project_path(&state.site), text.into_bytes())];
            (name, state, own)
        })
        .collect();
    for fixture in ["routing", "yaml11"] {
        let (state, own) = common::repo_fixture(fixture);
        out.push((fixture.into(), state, own));
    }
    out
}

#[test]
fn service_chart_matches_helm_for_every_application() {
    let mut total = 0;
    for (name, state, own) in parity_states() {
        let n = service_chart_parity(&name.replace('/', "-"), &state, &own);
        assert!(n > 0, "{name}: nothing compared");
        total += n;
    }
    println!("helm parity: {total} service-chart objects compared");
}

#[test]
fn root_chart_matches_helm_for_every_environment() {
    let projects = parity_states();
    let mut total = 0;
    for (name, state, own) in &projects {
        let n = root_chart_parity(&name.replace('/', "-"), state, own);
        assert!(n > 0, "{name}: nothing compared");
        total += n;
    }
    println!("helm parity: {total} root-chart objects compared across {} projects", projects.len());
}
