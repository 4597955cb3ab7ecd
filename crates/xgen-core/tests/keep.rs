//! Format-preserving writes (`yaml::keep`, docs/bundle.md "Files come back
//! as written"): imported files come back byte for byte when their data did
//! not change, and an edit changes only the text it touches.
//!
//! - the corpus (the built-in example as the seed writes it, and commented
//!   files of our own: Korean comments, blank lines, aligned flow maps,
//!   single and double quotes, CRLF, tabs, no final newline) comes back
//!   byte-identical through the zip;
//! - golden cases: an edit and the whole text it gives
//!   (`tests/golden/keep/<case>.yaml`, `UPDATE_GOLDEN=1` rewrites them);
//! - a property test: random edit sequences on the corpus; the written text
//!   reads back as exactly the model's data, only the edited lines change,
//!   and the edits one by one give the text the edits at once give.

mod common;

use serde_yaml::Value;
use std::collections::BTreeMap;
use xgen_core::edit;
use xgen_core::model::values::Route;
use xgen_core::names::ValuesFileName;
use xgen_core::scalar::Scalar;
use xgen_core::{import, InputFile, ProjectState};

const KEEP: &str = "tests/fixtures/keep";

fn fixture(rel: &str) -> InputFile {
    let path = common::repo_root().join(KEEP).join(rel);
    InputFile::new(rel.rsplit('/').next().unwrap(), std::fs::read(&path).unwrap())
}

/// Each site of the corpus: its input files.
fn corpus() -> Vec<(&'static str, Vec<InputFile>)> {
    let example = std::fs::read(common::repo_root().join("public/examples/xgen.yaml")).unwrap();
    vec![
        ("example", vec![InputFile::new("xgen.yaml", example)]),
        (
            "jeju",
            vec![
                fixture("jeju.yaml"),
                fixture("values/xgen-backend-gateway.yaml"),
                fixture("values/xgen-frontend.yaml"),
                fixture("xgen-studio.yaml"),
            ],
        ),
        ("busan", vec![fixture("busan.yaml")]),
    ]
}

fn load(files: &[InputFile]) -> ProjectState {
    import(&ProjectState::empty(), files).unwrap()
}

/// The source files the studio writes for a state, by bundle path.
fn written(state: &ProjectState) -> BTreeMap<String, String> {
    common::rendered(state)
        .source_files()
        .unwrap()
        .into_iter()
        .map(|f| (f.path.to_string(), f.text.to_string()))
        .collect()
}

/// The bundle path each input lands at.
fn path_of(state: &ProjectState, input: &InputFile) -> String {
    let name = input.name.as_str();
    if name == "xgen-studio.yaml" {
        "xgen-studio.yaml".into()
    } else if name.starts_with("xgen-") && name != "xgen.yaml" {
        format!("k3s/helm-chart/values/{name}")
    } else {
        xgen_core::layout::project_path(&state.site)
    }
}

#[test]
fn an_unedited_site_comes_back_byte_for_byte_through_the_zip() {
    for (site, files) in corpus() {
        let state = load(&files);
        let zip = xgen_core::bundle::bundle_zip(&common::rendered(&state)).unwrap();
        let (_, sources) = xgen_core::bundle::read_bundle_with_sources("b.zip", &zip).unwrap();
        let sources: BTreeMap<_, _> = sources.into_iter().collect();
        for input in &files {
            let path = path_of(&state, input);
            let got = sources.get(&path).unwrap_or_else(|| panic!("{site}: {path} is not in the zip"));
            assert_eq!(got.as_bytes(), input.bytes.as_slice(), "{site}: {path} changed without an edit");
        }
    }
}

#[test]
fn a_reimported_bundle_exports_the_same_bytes() {
    for (site, files) in corpus() {
        let state = load(&files);
        let zip = xgen_core::bundle::bundle_zip(&common::rendered(&state)).unwrap();
        let again = load(&[InputFile::new("b.zip", zip.clone())]);
        assert_eq!(again, state, "{site}");
        assert_eq!(xgen_core::bundle::bundle_zip(&common::rendered(&again)).unwrap(), zip, "{site}");
    }
}

// --- golden cases ---------------------------------------------------------

fn frontend(state: &mut ProjectState) -> &mut xgen_core::model::ServiceValues {
    state.values.get_mut(&ValuesFileName::parse("xgen-frontend.yaml").unwrap()).unwrap()
}

fn replicas(state: &mut ProjectState, env: &str, service: &str, n: u32) {
    let list = edit::services_mut(&mut state.project, env);
    list.iter_mut().find(|s| s.name.as_deref() == Some(service)).unwrap().replicas = Some(n);
}

type Edit = fn(&mut ProjectState);

/// (case, site, the file it checks, the edit)
fn cases() -> Vec<(&'static str, &'static str, &'static str, Edit)> {
    vec![
        ("value", "jeju", "k3s/argocd/projects/jeju.yaml", |s| replicas(s, "prd", "xgen-frontend", 4)),
        ("route", "jeju", "k3s/helm-chart/values/xgen-frontend.yaml", |s| {
            let routes = frontend(s).ingress.as_mut().unwrap().routes.as_mut().unwrap();
            routes.insert(
                1,
                Route {
                    prefix: Some("/api/docs/".into()),
                    service: Some("xgen-documents".into()),
                    port: Some(8000),
                    ..Route::default()
                },
            );
        }),
        ("environment-name", "jeju", "k3s/argocd/projects/jeju.yaml", |s| {
            assert!(edit::rename_environment(&mut s.project, "stg", "qa"));
        }),
        ("quoted-value-with-comment", "jeju", "k3s/argocd/projects/jeju.yaml", |s| {
            s.project.project.as_mut().unwrap().description = Some("제주 \"XGEN\" 플랫폼 2".into());
        }),
        ("new-var-follows-quoting", "jeju", "k3s/argocd/projects/jeju.yaml", |s| {
            s.project.vars.as_mut().unwrap().insert("NEW_FLAG", Scalar::Str("on".into()));
        }),
        ("removed-service-takes-its-comments", "jeju", "k3s/argocd/projects/jeju.yaml", |s| {
            edit::services_mut(&mut s.project, "prd").retain(|e| e.name.as_deref() != Some("xgen-model"));
        }),
        ("new-service", "jeju", "k3s/argocd/projects/jeju.yaml", |s| {
            let list = edit::services_mut(&mut s.project, "stg");
            let mut e = list[0].clone();
            e.name = Some("xgen-core".into());
            e.has_domain = None;
            list.push(e);
        }),
        ("removed-route", "jeju", "k3s/helm-chart/values/xgen-frontend.yaml", |s| {
            frontend(s).ingress.as_mut().unwrap().routes.as_mut().unwrap().remove(0);
        }),
        ("flow-map-value", "jeju", "k3s/argocd/projects/jeju.yaml", |s| {
            let list = edit::services_mut(&mut s.project, "prd");
            let r = list[0].resources.as_mut().unwrap();
            r.limits.as_mut().unwrap().insert("cpu", Scalar::Str("1500m".into()));
        }),
        ("crlf-no-final-newline", "busan", "k3s/argocd/projects/busan.yaml", |s| {
            replicas(s, "prd", "xgen-core", 3);
            s.project.vars.as_mut().unwrap().insert("LOG_LEVEL", Scalar::Str("debug".into()));
            let list = edit::services_mut(&mut s.project, "prd");
            let mut e = list[0].clone();
            e.name = Some("xgen-workflow".into());
            list.push(e);
        }),
        ("crlf-values", "jeju", "k3s/helm-chart/values/xgen-backend-gateway.yaml", |s| {
            let v = s.values.get_mut(&ValuesFileName::parse("xgen-backend-gateway.yaml").unwrap()).unwrap();
            v.port = Some(9000);
        }),
        ("new-route-test-in-flow", "jeju", "xgen-studio.yaml", |s| {
            let tests = s.settings.route_tests.as_mut().unwrap();
            let mut t = tests[0].clone();
            t.url = "https://jeju.example.com/api/core/x".into();
            tests.push(t);
        }),
        ("route-test-header", "jeju", "xgen-studio.yaml", |s| {
            let tests = s.settings.route_tests.as_mut().unwrap();
            let headers = tests[1].headers.as_mut().unwrap();
            *headers.get_mut("x-canary").unwrap() = "2".into();
            tests[1].method = Some("PUT".into());
        }),
    ]
}

fn site(name: &str) -> Vec<InputFile> {
    corpus().into_iter().find(|(n, _)| *n == name).unwrap().1
}

#[test]
fn every_golden_case_writes_its_expected_text() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let dir = common::crate_dir().join("tests/golden/keep");
    std::fs::create_dir_all(&dir).unwrap();
    let mut failures = Vec::new();
    for (case, site_name, path, edit) in cases() {
        let files = site(site_name);
        let mut state = load(&files);
        edit(&mut state);
        let got = written(&state).remove(path).unwrap();
        let file = dir.join(format!("{case}.yaml"));
        if update {
            std::fs::write(&file, &got).unwrap();
        } else if std::fs::read(&file).ok().as_deref() != Some(got.as_bytes()) {
            failures.push(format!("{case}: differs from {}\n{got}", file.display()));
        }
        // Whatever the case, the text reads back as the model's data.
        reads_back_as(&state, path, &got, case);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Nothing is lost silently: the snapshot says, per imported file, how its
/// text was written; a fallback to the typed writer (the CRLF case without a
/// final newline) is a warning naming the file, a patch stays quiet.
#[test]
fn a_rewrite_is_reported_and_a_patch_is_quiet() {
    use xgen_core::yaml::keep::Kept;
    let how = |case: &str| {
        let (_, site_name, path, edit) = cases().into_iter().find(|c| c.0 == case).unwrap();
        let mut state = load(&site(site_name));
        edit(&mut state);
        let rendered = common::rendered(&state);
        let kept = rendered.kept().iter().find(|(p, _)| p == path).map(|(_, k)| *k);
        let rewritten: Vec<String> = rendered.rewritten().map(str::to_owned).collect();
        let warned: Vec<String> =
            common::lint(&state).into_iter().filter(|p| p.code() == "XS605").map(|p| p.file().to_owned()).collect();
        (path, kept, rewritten, warned)
    };
    let (path, kept, rewritten, warned) = how("crlf-no-final-newline");
    assert_eq!(kept, Some(Kept::Rewritten));
    assert_eq!(rewritten, vec![path.to_owned()]);
    assert_eq!(warned, vec![path.to_owned()]);
    let (_, kept, rewritten, warned) = how("value");
    assert_eq!(kept, Some(Kept::Patched));
    assert!(rewritten.is_empty() && warned.is_empty(), "{rewritten:?} {warned:?}");
    // Unedited: every imported file is kept as written.
    let state = load(&site("jeju"));
    let rendered = common::rendered(&state);
    assert_eq!(rendered.kept().len(), 4, "{:?}", rendered.kept());
    assert!(rendered.kept().iter().all(|(_, k)| *k == Kept::AsWritten));
}

/// Lines of `a` not in `b` and of `b` not in `a`, by a line diff.
fn changed_lines(a: &str, b: &str) -> (Vec<String>, Vec<String>) {
    let diff = similar::TextDiff::from_lines(a, b);
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    for change in diff.iter_all_changes() {
        match change.tag() {
            similar::ChangeTag::Delete => removed.push(change.value().to_owned()),
            similar::ChangeTag::Insert => added.push(change.value().to_owned()),
            similar::ChangeTag::Equal => {}
        }
    }
    (removed, added)
}

/// The "done when": a value, a route and an environment name
/// change exactly their lines, and every comment survives.
#[test]
fn three_form_edits_change_exactly_their_lines() {
    let files = site("jeju");
    let base = load(&files);
    let before = written(&base);
    let project = "k3s/argocd/projects/jeju.yaml";
    let values = "k3s/helm-chart/values/xgen-frontend.yaml";
    let mut state = base.clone();
    replicas(&mut state, "prd", "xgen-frontend", 4);
    frontend(&mut state).ingress.as_mut().unwrap().routes.as_mut().unwrap()[1].prefix = Some("/api/v2/".into());
    assert!(edit::rename_environment(&mut state.project, "stg", "qa"));
    let after = written(&state);
    for (path, text) in &after {
        if path != project && path != values {
            assert_eq!(Some(text), before.get(path), "{path} changed");
        }
    }
    let (removed, added) = changed_lines(&before[project], &after[project]);
    assert_eq!(
        (removed, added),
        (
            vec!["  stg:\n".into(), "        replicas: 3\n".into(), "  stg:\n".into()],
            vec!["  qa:\n".into(), "        replicas: 4\n".into(), "  qa:\n".into()]
        )
    );
    let (removed, added) = changed_lines(&before[values], &after[values]);
    assert_eq!((removed, added), (vec!["    - prefix: /api/\n".into()], vec!["    - prefix: /api/v2/\n".into()]));
    for (path, text) in &before {
        for line in text.lines().filter(|l| l.contains('#')) {
            let comment = &line[line.find('#').unwrap()..];
            assert!(after[path].contains(comment), "{path}: the comment {comment:?} was lost");
        }
    }
}

#[test]
fn an_anchored_part_is_kept_and_an_edit_through_it_refused() {
    let text = "# 공통 설정\nserviceName: xgen-core\nconfig: &common\n  A: \"1\"\n  B: two\nenvironments:\n  prd:\n    config: *common\nport: 8000\n";
    let files = [InputFile::new("xgen-core.yaml", text)];
    let base = import(&common::example(), &files).unwrap();
    let path = "k3s/helm-chart/values/xgen-core.yaml";
    assert_eq!(written(&base)[path], text, "kept while unchanged");
    let file = ValuesFileName::parse("xgen-core.yaml").unwrap();
    let mut state = base.clone();
    state.values.get_mut(&file).unwrap().port = Some(9000);
    assert_eq!(written(&state)[path], text.replace("port: 8000", "port: 9000"), "an edit beside the anchor");
    let mut state = base.clone();
    state.values.get_mut(&file).unwrap().config.as_mut().unwrap().insert("A", Scalar::Str("2".into()));
    let e = common::rendered(&state).files().unwrap_err().clone();
    assert_eq!(e.path, path);
    assert!(e.message.contains("anchors and aliases"), "{}", e.message);
}

// --- the property test ----------------------------------------------------

use common::Rng;

/// What an edit may change in the text.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Footprint {
    /// At most this many lines replaced.
    InPlace(usize),
    /// Lines added only.
    Added,
    /// Lines removed only.
    Removed,
}

/// One random edit of the kinds the forms make.
fn edit_once(state: &mut ProjectState, rng: &mut Rng, step: usize) -> (String, Footprint) {
    let envs = state.project.environment_names();
    let env = envs[rng.below(envs.len())].clone();
    match rng.below(8) {
        0 | 1 => {
            let list = edit::services_mut(&mut state.project, &env);
            let i = rng.below(list.len());
            if list.is_empty() {
                return ("nothing".into(), Footprint::InPlace(0));
            }
            list[i].replicas = Some(5 + step as u32);
            (format!("replicas of {:?} in {env}", list[i].name), Footprint::InPlace(1))
        }
        2 => {
            let d = edit::destination_mut(&mut state.project, &env);
            d.domain = Some(format!("d{step}.example.com"));
            (format!("domain of {env}"), Footprint::InPlace(1))
        }
        3 => {
            let p = state.project.project.get_or_insert_with(Default::default);
            p.description = Some(format!("설명 {step}: \"quoted\" and 'single'"));
            ("description".into(), Footprint::InPlace(1))
        }
        4 => {
            let to = format!("env{step}");
            edit::rename_environment(&mut state.project, &env, &to);
            (format!("rename {env} to {to}"), Footprint::InPlace(2))
        }
        5 => {
            let vars = state.project.vars.get_or_insert_with(Default::default);
            vars.insert(format!("K{step}"), Scalar::Str(format!("v {step}")));
            ("new var".into(), Footprint::Added)
        }
        6 => {
            let list = edit::services_mut(&mut state.project, &env);
            if list.len() < 2 {
                return ("nothing".into(), Footprint::InPlace(0));
            }
            let i = rng.below(list.len());
            let name = list.remove(i).name;
            (format!("remove {name:?} from {env}"), Footprint::Removed)
        }
        _ => {
            let Some(file) = state.values.keys().next().cloned() else {
                return ("nothing".into(), Footprint::InPlace(0));
            };
            state.values.get_mut(&file).unwrap().port = Some(7000 + step as u16);
            (format!("port of {file}"), Footprint::InPlace(1))
        }
    }
}

/// The written text reads back, through the studio's reader and model, as
/// exactly the state's data (never a silent difference).
fn reads_back_as(state: &ProjectState, path: &str, text: &str, what: &str) {
    let back = import(&common::example(), &[InputFile::new(name_for(state, path), text.as_bytes())])
        .unwrap_or_else(|e| panic!("{what}: {path} does not read back: {e}\n{text}"));
    let want = xgen_core::import::source_data(state, path).unwrap();
    let got = xgen_core::import::source_data(&with_site(back, state), path).unwrap();
    assert_eq!(got, want, "{what}: {path} reads back otherwise:\n{text}");
    // The file's own data, as the go-yaml reader reads it, is the typed
    // writer's data where the corpus file said nothing the model drops.
    let read: Value = xgen_core::yaml::from_str(text).unwrap();
    let typed: Value = xgen_core::yaml::from_str(&xgen_core::yaml::to_string(&want).unwrap()).unwrap();
    assert_eq!(read, typed, "{what}: {path} as data differs from the typed writer's");
}

fn name_for(state: &ProjectState, path: &str) -> String {
    if path == xgen_core::layout::project_path(&state.site) {
        format!("{}.yaml", state.site)
    } else {
        path.rsplit('/').next().unwrap().to_owned()
    }
}

fn with_site(mut back: ProjectState, state: &ProjectState) -> ProjectState {
    back.site = state.site.clone();
    back
}

#[test]
fn random_edits_change_only_their_lines_and_read_back_as_the_data() {
    let mut checked = 0;
    for seed in 1..=40u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let (name, files) = &corpus()[seed as usize % 3];
        let base = load(files);
        let before = written(&base);
        let mut state = base.clone();
        let mut what = Vec::new();
        // One by one: each step's output imported as the next step's original.
        let mut stepwise = base.clone();
        for step in 0..1 + rng.below(4) {
            let mut probe = state.clone();
            let mut r2 = Rng(rng.0);
            let (desc, foot) = edit_once(&mut probe, &mut r2, step);
            let prev = written(&state);
            let next = written(&probe);
            for (path, text) in &next {
                let Some(old) = prev.get(path) else { continue };
                if base.originals.get(path).is_none() {
                    // Not imported: written by the typed writer, as before.
                    continue;
                }
                let (removed, added) = changed_lines(old, text);
                let ok = match foot {
                    // (or written new where the file had no such key)
                    Footprint::InPlace(n) => removed.len() <= n && added.len() <= n,
                    // Into a flow mapping: its one line changes.
                    Footprint::Added => removed.is_empty() || (removed.len() == 1 && added.len() == 1),
                    Footprint::Removed => added.is_empty(),
                };
                assert!(ok, "{name} seed {seed}: {desc} changed {path}: -{removed:?} +{added:?}");
            }
            rng.0 = r2.0;
            state = probe;
            what.push(desc);
            // The same edit on the state imported from the last step's files.
            let files: Vec<InputFile> = prev
                .iter()
                .filter(|(p, _)| base.originals.get(p).is_some())
                .map(|(p, t)| InputFile::new(name_for(&stepwise, p), t.as_bytes()))
                .collect();
            let mut again = import(&ProjectState::empty(), &files).unwrap();
            again.project = state.project.clone();
            again.values = state.values.clone();
            again.settings = state.settings.clone();
            stepwise = again;
        }
        let what = what.join(", ");
        let after = written(&state);
        let stepwise_after = written(&stepwise);
        for (path, text) in &after {
            if base.originals.get(path).is_none() {
                continue;
            }
            reads_back_as(&state, path, text, &format!("{name} seed {seed} ({what})"));
            assert_eq!(
                Some(text),
                stepwise_after.get(path),
                "{name} seed {seed} ({what}): {path} one by one differs from at once"
            );
            let (removed, _) = changed_lines(&before[path], text);
            for line in removed.iter().filter(|l| l.trim_start().starts_with('#')) {
                // A comment line goes only with the entry below it.
                assert!(what.contains("remove"), "{name} seed {seed} ({what}): {path} lost {line:?}");
            }
            checked += 1;
        }
    }
    assert!(checked > 40, "{checked} files checked");
}

#[cfg(feature = "helm-parity")]
mod with_helm {
    //! Real Helm reads the patched files as the typed writer's files.
    use super::*;
    use std::process::Command;

    fn helm_json(chart: &std::path::Path, file: &std::path::Path) -> serde_json::Value {
        let out =
            Command::new(common::helm()).arg("template").arg("probe").arg(chart).arg("-f").arg(file).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let stdout = String::from_utf8(out.stdout).unwrap();
        serde_json::from_str(stdout.lines().find(|l| l.starts_with('{')).unwrap()).unwrap()
    }

    #[test]
    fn helm_reads_patched_files_as_the_typed_writers() {
        let dir = std::env::temp_dir().join(format!("xgen-keep-helm-{}", std::process::id()));
        let chart = dir.join("probe");
        std::fs::create_dir_all(chart.join("templates")).unwrap();
        std::fs::write(chart.join("Chart.yaml"), "apiVersion: v2\nname: probe\nversion: 0.1.0\n").unwrap();
        std::fs::write(chart.join("templates/out.txt"), "{{ toJson .Values }}\n").unwrap();
        let mut n = 0;
        for (case, site_name, path, edit) in cases() {
            let mut state = load(&site(site_name));
            edit(&mut state);
            let patched = written(&state).remove(path).unwrap();
            let typed = xgen_core::yaml::to_string(&xgen_core::import::source_data(&state, path).unwrap()).unwrap();
            let (a, b) = (dir.join(format!("{case}-patched.yaml")), dir.join(format!("{case}-typed.yaml")));
            std::fs::write(&a, &patched).unwrap();
            std::fs::write(&b, &typed).unwrap();
            assert_eq!(helm_json(&chart, &a), helm_json(&chart, &b), "{case}: Helm reads {path} otherwise");
            n += 1;
        }
        std::fs::remove_dir_all(&dir).ok();
        assert!(n >= 10);
    }
}
