//! Import: recognition by content, unknown keys kept, errors with file, line and
//! column, and all-or-nothing batches.

mod common;

use common::{example, load, EXAMPLE};
use xgen_core::bundle::bundle_zip;
use xgen_core::import::{recognise, Recognised};
use xgen_core::{import, ImportError, InputFile, ProjectState};

fn yaml(text: &str) -> serde_yaml::Value {
    xgen_core::yaml::from_str(text).unwrap()
}

#[test]
fn example_loads_with_its_environments_and_services() {
    let s = example();
    assert_eq!(s.site.as_str(), "xgen");
    assert_eq!(s.project.name(), Some("xgen"));
    assert_eq!(s.project.environment_names(), vec!["prd", "dev"]);
    assert_eq!(s.project.services_of("prd").len(), 7);
    assert_eq!(s.project.services_of("dev").len(), 6);
    // Every referenced values file is present, from the built-ins.
    assert_eq!(s.values.len(), 7);
}

#[test]
fn top_level_services_are_the_fallback_list() {
    let s = load("xgen-aws.yaml", include_str!("../../../tests/fixtures/projects/xgen-aws.yaml"));
    assert_eq!(s.project.environment_names(), vec!["prd", "stg"]);
    assert_eq!(s.project.services_of("stg").len(), 5, "stg: {{}} deploys the top-level services");
    assert_eq!(s.project.services_of("prd")[0].replicas, Some(3));
}

#[test]
fn unknown_keys_are_kept_at_every_level() {
    let text = r#"
project: {name: p, namespace: ns, owner: team-a}
future: {nested: [1, 2, {x: y}]}
destinations:
  dev: {server: https://k, domain: d.example.com, zone: a}
environments:
  dev:
    note: keep me
    services:
      - name: svc
        annotations: {a: b}
        resources: {requests: {memory: 1Gi, ephemeral-storage: 1Gi}, limits: {cpu: 2}, claims: []}
        autoscaling: {minReplicas: 1, behavior: {x: 1}}
vars: {N: 8000, B: true, F: 0.5, S: "x", E: null}
"#;
    let s = load("p.yaml", text);
    let exported = xgen_core::yaml::to_string(&s.project).unwrap();
    assert_eq!(yaml(&exported), yaml(text), "exported:\n{exported}");
}

#[test]
fn unedited_fixture_exports_as_the_same_data() {
    for (name, text) in common::fixture_projects() {
        let s = load(&name, &text);
        let exported = xgen_core::yaml::to_string(&s.project).unwrap();
        assert_eq!(yaml(&exported), yaml(&text), "{name}");
    }
}

#[test]
fn recognises_each_kind_by_content() {
    let r = |name: &str, text: &str| recognise(&InputFile::new(name, text.as_bytes())).unwrap();
    assert!(matches!(r("anything.txt", EXAMPLE), Recognised::Project { .. }));
    assert!(matches!(r("x.yaml", "serviceName: xgen-core\nport: 8000\n"), Recognised::Values { .. }));
    assert!(matches!(r("values.yaml", "global: {platform: p}\nport: 1\n"), Recognised::ChartValues(..)));
    assert!(matches!(r("s.yaml", "apiVersion: xgen-studio/v1\nkind: StudioSettings\n"), Recognised::Settings(..)));
    let zip = bundle_zip(&common::rendered(&example())).unwrap();
    assert!(matches!(recognise(&InputFile::new("b.zip", zip)).unwrap(), Recognised::Bundle(..)));
    // A values file named otherwise is named by its serviceName.
    match r("download (1).yaml", "serviceName: xgen-core\nport: 8000\n") {
        Recognised::Values { file, .. } => assert_eq!(file.as_str(), "xgen-core.yaml"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn unrecognised_files_get_a_clear_message() {
    for text in ["apiVersion: v1\nkind: ConfigMap\n", "- a\n- b\n", "just a string\n"] {
        let err = recognise(&InputFile::new("x.yaml", text.as_bytes())).unwrap_err();
        assert!(matches!(err, ImportError::Unrecognised { .. }), "{err:?}");
        assert!(err.to_string().starts_with("x.yaml: "), "{err}");
    }
}

#[test]
fn type_errors_point_at_the_line_and_column() {
    let text = "project:\n  name: p\nenvironments:\n  dev:\n    services:\n      - name: a\n        replicas: many\n";
    let err = recognise(&InputFile::new("p.yaml", text.as_bytes())).unwrap_err();
    match &err {
        ImportError::Yaml { file, line, column, message } => {
            assert_eq!(file, "p.yaml");
            assert_eq!(*line, 7, "{err}");
            assert_eq!(*column, 19, "{err}");
            assert!(message.contains("replicas"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_failed_batch_changes_nothing() {
    let before = example();
    let files = [
        InputFile::new("xgen-core.yaml", "serviceName: xgen-core\nport: 9000\n"),
        InputFile::new("broken.yaml", "project: [\n"),
    ];
    let err = import(&before, &files).unwrap_err();
    assert_eq!(err.file(), Some("broken.yaml"));
    // The caller keeps `before`; import never mutates it.
    assert_eq!(before, example());
}

#[test]
fn values_file_alone_replaces_that_file_in_the_current_project() {
    let before = example();
    let after = import(&before, &[InputFile::new("xgen-core.yaml", "serviceName: xgen-core\nport: 9000\n")]).unwrap();
    assert_eq!(after.project, before.project);
    let core = after.values.iter().find(|(k, _)| k.as_str() == "xgen-core.yaml").unwrap().1;
    assert_eq!(core.port, Some(9000));
}

#[test]
fn a_new_project_file_resets_values_to_the_builtins() {
    let custom =
        import(&example(), &[InputFile::new("xgen-core.yaml", "serviceName: xgen-core\nport: 9000\n")]).unwrap();
    let fresh = import(&custom, &[InputFile::new("xgen.yaml", EXAMPLE)]).unwrap();
    assert_eq!(fresh, example());
}

#[test]
fn two_projects_in_one_batch_are_refused() {
    let files = [InputFile::new("a.yaml", EXAMPLE), InputFile::new("b.yaml", EXAMPLE)];
    let err = import(&ProjectState::empty(), &files).unwrap_err();
    assert!(err.to_string().contains("a.yaml, b.yaml"), "{err}");
}

#[test]
fn site_comes_from_the_file_name_else_the_project_name() {
    assert_eq!(load("k3s/argocd/projects/jeju.yaml", EXAMPLE).site.as_str(), "jeju");
    assert_eq!(load("My Site (1).yaml", EXAMPLE).site.as_str(), "xgen");
    assert_eq!(load("", EXAMPLE).site.as_str(), "xgen");
}

#[test]
fn import_keeps_the_original_text_of_each_file_by_bundle_path() {
    use xgen_core::import::import_with_sources;
    let files =
        [InputFile::new("xgen.yaml", EXAMPLE), InputFile::new("xgen-core.yaml", "serviceName: xgen-core # mine\n")];
    let imported = import_with_sources(&ProjectState::empty(), &files).unwrap();
    assert!(imported.new_project);
    let paths: Vec<&str> = imported.sources.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["k3s/argocd/projects/xgen.yaml", "k3s/helm-chart/values/xgen-core.yaml"]);
    assert_eq!(imported.sources[1].1, "serviceName: xgen-core # mine\n");
    let zip = bundle_zip(&common::rendered(&imported.state)).unwrap();
    let again = import_with_sources(&ProjectState::empty(), &[InputFile::new("b.zip", zip)]).unwrap();
    assert!(again.sources.iter().any(|(p, _)| p == "k3s/argocd/projects/xgen.yaml"));
    assert!(!again.sources.iter().any(|(p, _)| p.starts_with("rendered/")), "only source files");
}

#[test]
fn a_values_file_is_named_by_its_place_as_helm_reads_it() {
    let r = |name: &str, text: &str| recognise(&InputFile::new(name, text.as_bytes())).unwrap();
    // `global` and no `serviceName`: a service's values file under a values
    // file's name (an Application's `valueFiles` names it), the chart's
    // `values.yaml` only as pasted text.
    let global = "global: {config: {LOG_LEVEL: DEBUG}}\nport: 1\n";
    assert!(matches!(r("svc-a.yaml", global), Recognised::Values { .. }));
    assert!(matches!(r("(pasted text)", global), Recognised::ChartValues(..)));
    // An empty file: no values when a service uses it or it comes with
    // other files; refused alone.
    let project =
        "project: {name: p, namespace: p}\ndestinations: {dev: {server: https://k}}\nservices: [{name: svc-a}]\n";
    let files = [InputFile::new("p.yaml", project.as_bytes()), InputFile::new("svc-a.yaml", &b""[..])];
    let state = xgen_core::import(&ProjectState::empty(), &files).unwrap();
    let file = xgen_core::names::ValuesFileName::parse("svc-a.yaml").unwrap();
    assert_eq!(state.values.get(&file), Some(&xgen_core::model::ServiceValues::default()));
    let alone = xgen_core::import(&state, &[InputFile::new("other.yaml", &b""[..])]);
    assert!(matches!(alone, Err(xgen_core::ImportError::Empty { .. })), "{alone:?}");
    // Used by the project, an empty file alone is its values file.
    assert!(xgen_core::import(&state, &[InputFile::new("svc-a.yaml", &b"\n"[..])]).is_ok());
}
