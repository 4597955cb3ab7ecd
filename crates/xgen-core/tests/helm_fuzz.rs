//! A differential fuzzer against a real Helm 4 (docs/rendering.md, "Helm's
//! value semantics"). A fixed-seed generator writes VALID project and values
//! files from the model's grammar, as a user would write them by hand: nulls,
//! empty collections, strings that look like numbers, booleans or lists,
//! special characters in var keys and values, floats, duplicate keys,
//! multi-document values files, and the seed's real shapes. Each case is then
//! rendered twice:
//! - by Helm, on the user's own files exactly as Argo CD runs it: the root
//!   chart with the project file and `--set env=dev`, then each Application it
//!   emits with its valueFiles and its parameters through `--set` after Argo
//!   CD's comma escaping;
//! - by the studio (import, render, lint).
//!
//! The two agree when they give the same objects, compared as data, or when
//! both refuse: the studio by refusing the files or with an error in the
//! problems list, Helm by failing the root chart or an Application.
//!
//! `cargo test -p xgen-core --features helm-parity --test helm_fuzz` runs the
//! fixed corpus; `scripts/fuzz-helm.sh` runs a longer one (`FUZZ_CASES`,
//! `FUZZ_SEED`). Helm is `$HELM`, else `.tools/bin/helm`, else `helm`.

mod common;

use serde::Deserialize;
use serde_yaml::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use xgen_core::checks::Severity;
use xgen_core::rendered::render;
use xgen_core::{import, InputFile, ProjectState};

// ---------------------------------------------------------------- generator

/// xorshift64*: small, deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// True with `percent` % probability.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// A YAML node as the user writes it: scalars are raw YAML text (so the
/// generator decides quoting: `2026.10` is a float, `"2026.10"` a string),
/// maps keep repeated keys.
#[derive(Clone, Debug)]
enum Node {
    S(String),
    M(Vec<(String, Node)>),
    L(Vec<Node>),
}

fn s(text: &str) -> Node {
    Node::S(text.to_owned())
}

fn m(entries: Vec<(&str, Node)>) -> Node {
    Node::M(entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// Block-style YAML of a node at `indent`.
fn emit(node: &Node, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match node {
        Node::M(entries) => {
            for (k, v) in entries {
                match v {
                    Node::S(t) => writeln!(out, "{pad}{k}: {t}").unwrap(),
                    Node::M(e) if e.is_empty() => writeln!(out, "{pad}{k}: {{}}").unwrap(),
                    Node::L(e) if e.is_empty() => writeln!(out, "{pad}{k}: []").unwrap(),
                    Node::M(_) => {
                        writeln!(out, "{pad}{k}:").unwrap();
                        emit(v, indent + 2, out);
                    }
                    Node::L(_) => {
                        writeln!(out, "{pad}{k}:").unwrap();
                        emit(v, indent, out);
                    }
                }
            }
        }
        Node::L(items) => {
            for item in items {
                match item {
                    Node::S(t) => writeln!(out, "{pad}- {t}").unwrap(),
                    Node::M(e) if e.is_empty() => writeln!(out, "{pad}- {{}}").unwrap(),
                    Node::L(e) if e.is_empty() => writeln!(out, "{pad}- []").unwrap(),
                    _ => {
                        let mut inner = String::new();
                        emit(item, indent + 2, &mut inner);
                        let inner = inner.replacen(&format!("{pad}  "), &format!("{pad}- "), 1);
                        out.push_str(&inner);
                    }
                }
            }
        }
        Node::S(t) => writeln!(out, "{pad}{t}").unwrap(),
    }
}

/// A whole file: one document, or (`split`) the top-level keys cut into two
/// documents, which Helm 4 merges.
fn file_text(node: &Node, split: bool) -> String {
    let mut out = String::new();
    match node {
        Node::M(entries) if split && entries.len() >= 2 => {
            let cut = entries.len() / 2;
            emit(&Node::M(entries[..cut].to_vec()), 0, &mut out);
            out.push_str("---\n");
            emit(&Node::M(entries[cut..].to_vec()), 0, &mut out);
        }
        _ => emit(node, 0, &mut out),
    }
    out
}

/// Repeats one key of the map with another value before it: the last wins.
fn duplicate_a_key(node: &mut Node, rng: &mut Rng, earlier: Node) {
    if let Node::M(entries) = node {
        if !entries.is_empty() {
            let i = rng.below(entries.len());
            let key = entries[i].0.clone();
            entries.insert(i, (key, earlier));
        }
    }
}

const SERVICES: &[&str] = &["xgen-core", "xgen-frontend", "svc-a", "svc-b"];

/// The wider grammar: forms the fixed corpus does not generate yet, to find
/// what the studio does not follow (docs/decisions.md, "Helm's traps").
/// `FUZZ_OPEN=1` (scripts/fuzz-helm.sh --open) generates them too: strings
/// and numbers where a boolean is meant (`ingress.enabled`,
/// `destinationRule.enabled`, `hasDomain`, `autoscaling.enabled: 0`), a
/// list or map as a project var.
fn open_traps() -> bool {
    std::env::var_os("FUZZ_OPEN").is_some_and(|v| v == "1")
}

/// `closed`, and with the open traps also `open`.
fn open(closed: &[&'static str], open: &[&'static str]) -> Vec<&'static str> {
    let mut out = closed.to_vec();
    if open_traps() {
        out.extend_from_slice(open);
    }
    out
}

/// Strings, numbers, booleans, nulls and text that `--set` reads as syntax.
const VAR_VALUES: &[&str] = &[
    "v",
    "\"a,b,c\"",
    "'{a,b}'",
    "\"C:\\\\data\\\\x\"",
    "'+5'",
    "'null'",
    "null",
    "~",
    "1.10",
    "1234567",
    "0.5",
    "true",
    "'true'",
    "yes",
    "\"\"",
    "3",
    "'007'",
    "'1e3'",
    "\"a=b\"",
    "'x.y'",
    "'-05'",
    "'[0]'",
    "\"with space\"",
    "8000",
    "2026.10",
];

const VAR_KEYS: &[&str] = &["APP_SITE", "spring.profile", "A_B", "\"a[0]\"", "\"x,y\"", "k=v", "back\\slash", "KEY"];

fn var_map(rng: &mut Rng, keys: &[&str], values: &[&str]) -> Node {
    let n = rng.below(4);
    let mut entries = Vec::new();
    for _ in 0..n {
        let k = rng.pick(keys);
        if entries.iter().any(|(e, _): &(String, Node)| e == k) {
            continue;
        }
        entries.push((k.to_owned(), s(rng.pick(values))));
    }
    Node::M(entries)
}

fn service_entry(rng: &mut Rng, name: &str) -> Node {
    let mut e = vec![("name", s(name))];
    if name == "xgen-frontend" && rng.chance(60) {
        e.push(("hasDomain", s(rng.pick(&open(&["true", "yes", "false"], &["'true'", "1"])))));
    }
    if rng.chance(50) {
        e.push(("replicas", s(rng.pick(&["2", "1", "0", "'3'", "3.0", "0x2", "~"]))));
    }
    if rng.chance(50) {
        let a = match rng.below(8) {
            0 => m(vec![]),
            1 => m(vec![("enabled", s("false"))]),
            2 => m(vec![("minReplicas", s("1")), ("maxReplicas", s("4"))]),
            3 => m(vec![("minReplicas", s("2"))]),
            4 => s("~"),
            5 => m(vec![("enabled", s(rng.pick(&open(&["~", "'false'", "''"], &["0", "1"]))))]),
            6 => m(vec![("enabled", s("true")), ("maxReplicas", s("3"))]),
            _ => m(vec![("minReplicas", s("0")), ("maxReplicas", s("0"))]),
        };
        e.push(("autoscaling", a));
    }
    if rng.chance(40) {
        let r = match rng.below(6) {
            0 => m(vec![("requests", m(vec![("memory", s("512Mi")), ("cpu", s("200m"))]))]),
            1 => m(vec![("requests", m(vec![("cpu", s("1"))]))]),
            2 => m(vec![("limits", m(vec![("cpu", s("0.5")), ("memory", s("2Gi"))]))]),
            3 => m(vec![("requests", m(vec![("memory", s("~"))]))]),
            4 => s("~"),
            _ => m(vec![("limits", m(vec![("cpu", s("1000000"))]))]),
        };
        e.push(("resources", r));
    }
    if rng.chance(15) {
        e.push(("namespace", s(rng.pick(&["p-x", "~", "''"]))));
    }
    Node::M(e.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

fn service_list(rng: &mut Rng) -> Node {
    let n = 1 + rng.below(3);
    let mut names: Vec<&str> = Vec::new();
    for _ in 0..n {
        let name = rng.pick(SERVICES);
        if !names.contains(&name) || rng.chance(5) {
            names.push(name);
        }
    }
    Node::L(names.iter().map(|n| service_entry(rng, n)).collect())
}

/// A project file: the example's shape, with one environment `dev`.
fn project(rng: &mut Rng) -> Node {
    let mut top = vec![(
        "project",
        m(vec![
            ("name", s("p")),
            (
                "description",
                s(rng.pick(&["d", "\"xgen2.0 Platform\"", "1.10", "yes", "~", "''", "\"a, b\"", "1234567"])),
            ),
            ("namespace", s("p")),
        ]),
    )];
    let mut source = vec![("repoURL", s("https://git.example.com/p.git"))];
    source.push((
        "targetRevision",
        s(rng.pick(&["main", "v1.2.3", "2026.10", "\"2026.10\"", "1.0", "1234567", "HEAD", "'1.10'", "3", "~"])),
    ));
    if rng.chance(70) {
        source.push(("chartPath", s("k3s/helm-chart")));
    }
    top.push(("source", m(source)));
    let mut dev = vec![("server", s("https://k.example.com"))];
    if rng.chance(80) {
        dev.push(("domain", s(rng.pick(&["p.example.com", "~", "''"]))));
    }
    top.push(("destinations", m(vec![("dev", m(dev))])));
    if rng.chance(70) {
        top.push(("site", s(rng.pick(&["main", "s1", "1.5", "'007'", "~", "''", "true", "10"]))));
    }
    if rng.chance(30) {
        top.push(("registryHost", s(rng.pick(&["registry.example.com:5000", "~", "''"]))));
    }
    if rng.chance(80) {
        top.push(("vars", var_map(rng, VAR_KEYS, &open(VAR_VALUES, &["[a, b]", "{k: v}"]))));
    }
    if rng.chance(40) {
        let host = |rng: &mut Rng| s(rng.pick(&["pg.example", "''", "10.0.0.1", "1.5", "~"]));
        let infra = match rng.below(4) {
            0 => m(vec![]),
            1 => m(vec![("postgres", m(vec![("host", host(rng))]))]),
            2 => m(vec![("redis", m(vec![("host", host(rng))])), ("minio", m(vec![("endpoint", s("http://m:9000"))]))]),
            _ => m(vec![("qdrant", m(vec![("host", host(rng))]))]),
        };
        top.push(("infra", infra));
    }
    // Where the services come from: the environment's list (possibly empty
    // or null), the top-level list, or both.
    match rng.below(6) {
        0 => top.push(("services", service_list(rng))),
        1 => {
            top.push(("environments", m(vec![("dev", m(vec![("services", Node::L(vec![]))]))])));
            top.push(("services", service_list(rng)));
        }
        2 => {
            top.push(("environments", m(vec![("dev", m(vec![("services", s("~"))]))])));
            top.push(("services", service_list(rng)));
        }
        3 => {
            top.push(("environments", m(vec![("dev", m(vec![("services", service_list(rng))]))])));
            top.push(("services", service_list(rng)));
        }
        _ => top.push(("environments", m(vec![("dev", m(vec![("services", service_list(rng))]))]))),
    }
    if rng.chance(20) {
        top.push((
            "extraApps",
            Node::L(vec![m(vec![
                ("name", s("observability")),
                ("path", s("k3s/observability")),
                ("namespace", s("o")),
            ])]),
        ));
    }
    let mut node = m(top);
    if rng.chance(10) {
        duplicate_a_key(&mut node, rng, s("dropped-by-the-later-key"));
    }
    node
}

/// A values file for `service`: the seed's shape with the traps of the issue.
fn values(rng: &mut Rng, service: &str) -> Node {
    let mut e: Vec<(&str, Node)> = Vec::new();
    if rng.chance(90) {
        e.push(("serviceName", s(service)));
    }
    if rng.chance(50) {
        e.push(("port", s(rng.pick(&["8080", "3000", "'3000'", "3000.0", "~"]))));
    }
    if rng.chance(40) {
        e.push(("replicas", s(rng.pick(&["2", "'3'", "~", "3.0", "0", "''"]))));
    }
    if rng.chance(30) {
        let r = match rng.below(4) {
            0 => s("~"),
            1 => m(vec![]),
            3 => m(vec![("limits", s("~"))]),
            _ => m(vec![("requests", m(vec![("memory", s("1Gi"))]))]),
        };
        e.push(("resources", r));
    }
    if rng.chance(25) {
        let p = match rng.below(3) {
            0 => m(vec![("readiness", s("~"))]),
            2 => s("~"),
            _ => m(vec![("liveness", m(vec![("periodSeconds", s("20"))]))]),
        };
        e.push(("probes", p));
    }
    if rng.chance(35) {
        let a = match rng.below(6) {
            0 => s("~"),
            2 => m(vec![("enabled", s("'false'"))]),
            5 => m(vec![("enabled", s(rng.pick(&open(&["~"], &["0", "'yes'"]))))]),
            1 => m(vec![("enabled", s("false"))]),
            3 => m(vec![("maxReplicas", s("'8'"))]),
            _ => m(vec![("minReplicas", s("1")), ("maxReplicas", s("3"))]),
        };
        e.push(("autoscaling", a));
    }
    if rng.chance(35) {
        let i = match rng.below(5) {
            0 => m(vec![("tag", s("~"))]),
            1 => m(vec![("tag", s("1.10"))]),
            2 => m(vec![("tag", s("v1"))]),
            3 => m(vec![("repository", s("r.example.com/x")), ("tag", s("2"))]),
            _ => m(vec![("tag", s("1234567"))]),
        };
        e.push(("image", i));
    }
    if rng.chance(60) {
        let keys = &["K", "NULLK", "APP_HOST", "LOG_LEVEL", "\"a: b\"", "\"[x]\"", "\"dot.key\""];
        let vals = ["v", "~", "1.10", "1234567", "'true'", "yes", "0.5", "\"\"", "[a, b]", "{}", "[1.10, {k: 2}]"];
        e.push(("config", var_map(rng, keys, &vals)));
    }
    // With or without `serviceName`: a values file with `global` is the
    // file of the service that names it, as Helm reads it.
    if rng.chance(15) {
        e.push(("global", m(vec![("config", m(vec![("LOG_LEVEL", s(rng.pick(&["~", "DEBUG", "1.10"])))]))])));
    }
    if rng.chance(30) {
        let mut dev: Vec<(&str, Node)> = Vec::new();
        if rng.chance(50) {
            dev.push(("config", var_map(rng, &["K", "E", "APP_HOST"], &["e", "~", "2.50", "'5'"])));
        }
        if rng.chance(40) {
            dev.push(("replicas", s(rng.pick(&["1", "'2'", "~"]))));
        }
        if rng.chance(30) {
            dev.push(("resources", s("~")));
        }
        if rng.chance(30) {
            dev.push(("image", m(vec![("tag", s(rng.pick(&["dev", "~", "2.0"])))])));
        }
        if rng.chance(30) {
            dev.push(("autoscaling", m(vec![("enabled", s(rng.pick(&["false", "true", "~"])))])));
        }
        e.push(("environments", m(vec![("dev", m(dev))])));
    }
    if rng.chance(15) {
        e.push(("healthCheck", m(vec![("type", s(rng.pick(&["tcp", "http", "~"])))])));
    }
    if service == "xgen-frontend" && rng.chance(70) {
        e.push((
            "ingress",
            m(vec![
                ("enabled", s(rng.pick(&open(&["true"], &["'false'", "1"])))),
                ("hosts", Node::L(vec![s("h.example.com")])),
                (
                    "routes",
                    Node::L(vec![m(vec![("prefix", s("/api/")), ("service", s("svc-a")), ("port", s("8000"))])]),
                ),
            ]),
        ));
    }
    if rng.chance(10) {
        let enabled = rng.pick(&open(&["true", "false"], &["'false'", "0"]));
        e.push(("istio", m(vec![("destinationRule", m(vec![("enabled", s(enabled))]))])));
    }
    let mut node = m(e);
    if rng.chance(10) {
        duplicate_a_key(&mut node, rng, s("first"));
    }
    node
}

/// One case: the user's files, by name, as bytes.
struct Case {
    files: Vec<(String, String)>,
}

fn generate(seed: u64, index: u64) -> Case {
    let mut rng = Rng(seed ^ (index.wrapping_add(1)).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let project = project(&mut rng);
    let mut files = vec![("p.yaml".to_owned(), file_text(&project, rng.chance(10)))];
    for svc in SERVICES {
        // Custom services always have a file; standard ones sometimes
        // override the seed's.
        if svc.starts_with("svc-") || rng.chance(40) {
            let v = values(&mut rng, svc);
            files.push((format!("{svc}.yaml"), file_text(&v, rng.chance(15))));
        }
    }
    Case { files }
}

// ---------------------------------------------------------------- Helm side

use crate::common::helm;

type Objects = BTreeMap<(String, String), Value>;

/// `helm template` with `args`: its objects, or Err with Helm's words.
fn helm_template(args: &[String]) -> Result<Objects, String> {
    let out = Command::new(helm())
        .arg("template")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run helm ({e}): install it with scripts/install-helm.py or set HELM"));
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_owned());
    }
    objects(&String::from_utf8_lossy(&out.stdout))
}

/// Objects of a YAML stream by (kind, name); Err when a document is no YAML.
fn objects(text: &str) -> Result<Objects, String> {
    let mut out = BTreeMap::new();
    for doc in serde_yaml::Deserializer::from_str(text) {
        let v = Value::deserialize(doc).map_err(|e| format!("output is not YAML: {e}"))?;
        if v.is_null() {
            continue;
        }
        let text = |v: &Value| v.as_str().map_or_else(|| format!("{v:?}"), str::to_owned);
        out.insert((text(&v["kind"]), text(&v["metadata"]["name"])), v);
    }
    Ok(out)
}

use crate::common::argo_set;

/// What Helm makes of the case for env `dev`, as Argo CD runs it: the root
/// chart's objects (or its failure), and for each Application of the service
/// chart its objects or its failure.
struct HelmSide {
    root: Result<Objects, String>,
    apps: Vec<(String, Result<Objects, String>)>,
}

fn helm_side(charts: &Path, user: &Path) -> HelmSide {
    let root_args: Vec<String> = vec![
        "root".into(),
        charts.join("k3s/argocd").display().to_string(),
        "-f".into(),
        user.join("p.yaml").display().to_string(),
        "--set".into(),
        "env=dev".into(),
    ];
    let root = helm_template(&root_args);
    let mut apps = Vec::new();
    if let Ok(objects) = &root {
        for app in objects.values().filter(|o| o["kind"] == "Application") {
            let source = &app["spec"]["source"];
            let Some(helm) = source["helm"].as_mapping() else { continue };
            let name = app["metadata"]["name"].as_str().unwrap_or("app").to_owned();
            let chart = charts.join("k3s/helm-chart");
            let mut args: Vec<String> = vec!["release".into(), chart.display().to_string()];
            let mut missing = None;
            for f in helm.get("valueFiles").and_then(Value::as_sequence).into_iter().flatten() {
                let rel = f.as_str().unwrap_or_default();
                let own = rel.strip_prefix("values/").map(|n| user.join(n)).filter(|p| p.exists());
                let path = own.unwrap_or_else(|| chart.join(rel));
                if !path.exists() {
                    missing = Some(format!("{rel}: no such file"));
                }
                args.push("-f".into());
                args.push(path.display().to_string());
            }
            for p in helm.get("parameters").and_then(Value::as_sequence).into_iter().flatten() {
                args.push("--set".into());
                args.push(argo_set(p["name"].as_str().unwrap_or_default(), p["value"].as_str().unwrap_or_default()));
            }
            let result = match missing {
                Some(m) => Err(m),
                None => helm_template(&args),
            };
            apps.push((name, result));
        }
    }
    HelmSide { root, apps }
}

// ---------------------------------------------------------------- studio side

enum StudioSide {
    /// The files were refused on import, or the bundle cannot be written.
    Refused(String),
    /// The objects of `rendered/dev/` (the root chart's, and each service's),
    /// with the errors of the problems list as (code, what it says).
    Rendered { root: Objects, apps: BTreeMap<String, Objects>, errors: Vec<(String, String)> },
}

/// Errors where the studio is stricter than `helm template` on purpose
/// (docs/decisions.md, "Stricter than Helm"), each because what Helm prints
/// fails later: XS212 and XS207, a ConfigMap key or a request above its
/// limit that Kubernetes refuses on apply; XS101, a route to a service the
/// environment does not deploy, or on a port it does not listen on (503 at
/// run time); XS203, a service twice in one list (two Applications of one
/// name, which Argo CD cannot hold); XS108, `hasDomain` in an
/// environment without a domain (no Gateway, unlike what the entry asks);
/// XS205, `maxReplicas: 0`, which the root chart does not pass on; XS208, a
/// quantity Kubernetes cannot parse (a null quantity in the project file is
/// passed as `""`).
const STRICTER: &[&str] = &["XS101", "XS102", "XS108", "XS203", "XS205", "XS207", "XS208", "XS212"];

/// Import errors the studio gives on purpose where Helm may still render
/// (docs/decisions.md, "Refused on import on purpose"), each with its line
/// and column: `replicas: ""` in a values file, which Helm renders only when
/// an Application's parameter overrides it, and fails on otherwise; a switch
/// other than `autoscaling.enabled` (`hasDomain`, `ingress.enabled`,
/// `destinationRule.enabled`) written as a number or text, which a template
/// reads by its truth (`"false"` is true).
const REFUSED_ON_PURPOSE: &[&str] = &["replicas: invalid type: string \"\", expected u32", ", expected a boolean"];

fn studio_side(files: &[(String, String)]) -> StudioSide {
    let inputs: Vec<InputFile> = files.iter().map(|(n, t)| InputFile::new(n.clone(), t.as_bytes().to_vec())).collect();
    let state = match import(&ProjectState::empty(), &inputs) {
        Ok(s) => s,
        Err(e) => return StudioSide::Refused(format!("import: {e}")),
    };
    studio_render(&state)
}

fn studio_render(state: &ProjectState) -> StudioSide {
    let rendered = render(state);
    let problems = common::lint(state);
    let errors: Vec<(String, String)> = problems
        .iter()
        .filter(|p| p.severity() == Severity::Error)
        .map(|p| (p.code().to_owned(), format!("{} {}", p.path(), p.message().get(xgen_core::i18n::Lang::En))))
        .collect();
    let files = match rendered.files() {
        Ok(f) => f,
        Err(e) => return StudioSide::Refused(format!("bundle: {e}")),
    };
    let mut root = String::new();
    let mut apps: BTreeMap<String, String> = BTreeMap::new();
    for f in files {
        let Some(rest) = f.path.strip_prefix("rendered/dev/") else { continue };
        let (dir, _) = rest.split_once('/').unwrap_or((rest, ""));
        let text = format!("---\n{}", f.text);
        match dir {
            "argocd" => root.push_str(&text),
            "observability" | "prometheus" | "alerts" => {}
            svc => apps.entry(format!("{svc}-dev")).or_default().push_str(&text),
        }
    }
    let root = objects(&root).expect("the studio writes YAML");
    let apps = apps.into_iter().map(|(k, t)| (k, objects(&t).expect("the studio writes YAML"))).collect();
    StudioSide::Rendered { root, apps, errors }
}

// ---------------------------------------------------------------- comparison

/// The first place two values differ, as a path.
fn first_difference(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Mapping(x), Value::Mapping(y)) => {
            for (k, v) in x {
                let p = format!("{path}.{}", k.as_str().unwrap_or("?"));
                match y.get(k) {
                    None => return Some(format!("{p}: studio {v:?}, Helm has none")),
                    Some(w) => {
                        if let Some(d) = first_difference(v, w, &p) {
                            return Some(d);
                        }
                    }
                }
            }
            y.iter()
                .find(|(k, _)| !x.contains_key(*k))
                .map(|(k, w)| format!("{path}.{}: studio has none, Helm {w:?}", k.as_str().unwrap_or("?")))
        }
        (Value::Sequence(x), Value::Sequence(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (v, w))| first_difference(v, w, &format!("{path}[{i}]")))
        }
        _ if a == b => None,
        _ => Some(format!("{path}: studio {a:?}, Helm {b:?}")),
    }
}

fn compare_objects(label: &str, ours: &Objects, theirs: &Objects) -> Option<(String, String)> {
    if ours.keys().ne(theirs.keys()) {
        return Some((
            "different objects".into(),
            format!(
                "{label}: studio {:?}, Helm {:?}",
                ours.keys().collect::<Vec<_>>(),
                theirs.keys().collect::<Vec<_>>()
            ),
        ));
    }
    for (key, v) in ours {
        if let Some(d) = first_difference(v, &theirs[key], &format!("{}/{}", key.0, key.1)) {
            let kind = d.split(':').next().unwrap_or_default().to_owned();
            return Some((format!("different data at {kind}"), format!("{label}: {d}")));
        }
    }
    None
}

/// A disagreement: its kind (for counting) and what was seen.
type Disagreement = (String, String);

fn judge(helm: &HelmSide, studio: &StudioSide) -> Option<Disagreement> {
    let helm_failure = match &helm.root {
        Err(e) => Some(format!("root chart: {e}")),
        Ok(_) => helm.apps.iter().find_map(|(n, r)| r.as_ref().err().map(|e| format!("{n}: {e}"))),
    };
    let (root, apps, errors) = match (studio, &helm_failure) {
        (StudioSide::Refused(_), Some(_)) => return None,
        (StudioSide::Refused(why), None) if REFUSED_ON_PURPOSE.iter().any(|p| why.contains(p)) => return None,
        (StudioSide::Refused(why), None) => {
            let kind = why.split(':').next().unwrap_or_default();
            return Some((format!("studio refuses what Helm renders ({kind})"), why.clone()));
        }
        (StudioSide::Rendered { root, apps, errors }, _) => (root, apps, errors),
    };
    // A service twice in one environment (XS203): Helm prints two
    // Applications of one name, which Argo CD cannot hold; the harness keeps
    // one of them. The studio refuses the case, as Argo CD would.
    if errors.iter().any(|(code, _)| code == "XS203") {
        return None;
    }
    if let Some(e) = helm_failure {
        // Both refuse when the problems list has an error.
        return errors.is_empty().then(|| ("studio renders although Helm fails".into(), e));
    }
    if let Some((code, what)) = errors.iter().find(|(code, _)| !STRICTER.contains(&code.as_str())) {
        return Some((format!("studio refuses what Helm renders ({code})"), what.clone()));
    }
    let theirs_root = helm.root.as_ref().expect("rendered");
    if let Some(d) = compare_objects("root", root, theirs_root) {
        return Some(d);
    }
    for (name, result) in &helm.apps {
        let theirs = result.as_ref().expect("rendered");
        let empty = Objects::new();
        let ours = apps.get(name).unwrap_or(&empty);
        if let Some(d) = compare_objects(name, ours, theirs) {
            return Some(d);
        }
    }
    None
}

/// The charts as exported with every bundle, and the seed's values files.
fn write_charts(dir: &Path) {
    let state = common::example();
    let rendered = render(&state);
    for f in rendered.files().unwrap() {
        if f.path.starts_with("k3s/") {
            let path = dir.join(&f.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, f.text.as_bytes()).unwrap();
        }
    }
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn studio_agrees_with_helm_on_generated_files() {
    let cases = env_u64("FUZZ_CASES", 500);
    let seed = env_u64("FUZZ_SEED", 0x5EED_2026);
    let workers = env_u64("FUZZ_WORKERS", 2) as usize;
    let root = std::env::temp_dir().join(format!("xgen-fuzz-{}", std::process::id()));
    let charts = root.join("charts");
    write_charts(&charts);
    let results: Vec<(u64, usize, Option<Disagreement>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let (root, charts) = (&root, &charts);
                scope.spawn(move || {
                    let mut out = Vec::new();
                    for i in (0..cases).filter(|i| *i as usize % workers == w) {
                        let case = generate(seed, i);
                        let user = root.join(format!("case-{i}"));
                        std::fs::create_dir_all(&user).unwrap();
                        for (name, text) in &case.files {
                            std::fs::write(user.join(name), text).unwrap();
                        }
                        let helm = helm_side(charts, &user);
                        let studio = studio_side(&case.files);
                        let rendered_apps = helm.apps.iter().filter(|(_, r)| r.is_ok()).count();
                        let verdict = judge(&helm, &studio);
                        if verdict.is_none() {
                            std::fs::remove_dir_all(&user).ok();
                        }
                        out.push((i, rendered_apps, verdict));
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    let mut kinds: BTreeMap<String, Vec<(u64, String)>> = BTreeMap::new();
    let apps: usize = results.iter().map(|r| r.1).sum();
    for (i, _, verdict) in &results {
        if let Some((kind, detail)) = verdict {
            kinds.entry(kind.clone()).or_default().push((*i, detail.clone()));
        }
    }
    let disagreements: usize = kinds.values().map(Vec::len).sum();
    let mut report = format!(
        "helm fuzz: {cases} cases (seed {seed:#x}), {apps} Applications rendered by Helm, {disagreements} disagreements\n"
    );
    for (kind, list) in &kinds {
        writeln!(report, "  {kind}: {}", list.len()).unwrap();
        let shown = env_u64("FUZZ_SHOW", 3) as usize;
        for (i, detail) in list.iter().take(shown) {
            writeln!(report, "    case {i}: {}", detail.chars().take(300).collect::<String>()).unwrap();
        }
    }
    println!("{report}");
    if disagreements == 0 {
        std::fs::remove_dir_all(&root).ok();
    } else {
        println!("files of the disagreeing cases are kept in {}", root.display());
    }
    // The generated files reach Helm: most cases render Applications.
    assert!(apps as u64 > cases, "only {apps} Applications rendered in {cases} cases: the generator is too hostile");
    assert_eq!(disagreements, 0, "{report}");
}
