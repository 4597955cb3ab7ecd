//! The `xgen-studio` binary: exit codes, messages and outputs.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use xgen_core::bundle::bundle_zip;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xgen-studio")).args(args).output().expect("runs")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xgen-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

fn example_path() -> String {
    common::example_path()
}

#[test]
fn lint_with_only_warnings_exits_0() {
    let out = run(&["lint", &example_path()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("(0 errors)"), "{text}");
    assert!(text.contains("warning[XS305]"), "{text}");
}

#[test]
fn lint_with_errors_exits_1_and_json_lists_them() {
    let dir = temp_dir("lint1");
    let file = write(
        &dir,
        "bad.yaml",
        "project: {name: bad, namespace: b}\ndestinations: {dev: {server: https://k}}\nenvironments:\n  dev:\n    services:\n      - name: Bad_Name\n",
    );
    let out = run(&["lint", &file, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let problems: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = problems.as_array().unwrap();
    let p = list.iter().find(|p| p["code"] == "XS203").expect("XS203 reported");
    assert_eq!(p["severity"], "error");
    assert_eq!(p["file"], "k3s/argocd/projects/bad.yaml");
    assert_eq!(p["path"], "environments.dev.services[0].name");
    assert!(p["message"].as_str().unwrap().contains("Bad_Name"));
    assert!(p["hint"].is_string());
}

#[test]
fn unreadable_input_exits_2_naming_file_line_and_column() {
    let dir = temp_dir("lint2");
    let file = write(&dir, "broken.yaml", "project:\n  name: x\n  namespace: [\n");
    let out = run(&["lint", &file]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.yaml:4:1") || err.contains("broken.yaml:3:"), "{err}");

    let missing = dir.join("missing.yaml").display().to_string();
    let out = run(&["lint", &missing]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.yaml"));

    let values_only = write(&dir, "xgen-core.yaml", "serviceName: xgen-core\n");
    let out = run(&["bundle", &values_only, "-o", &dir.join("x.zip").display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no project file"));
}

#[test]
fn bundle_writes_the_same_bytes_as_the_core() {
    let dir = temp_dir("bundle");
    let zip = dir.join("out.zip");
    let out = run(&["bundle", &example_path(), "-o", &zip.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let written = std::fs::read(&zip).unwrap();
    assert_eq!(written, bundle_zip(&xgen_core::rendered::render(&common::example())).unwrap());
    // A bundle is itself a valid input, and gives the same bytes again.
    let again = dir.join("again.zip");
    let out = run(&["bundle", &zip.display().to_string(), "-o", &again.display().to_string()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read(&again).unwrap(), written);
}

#[test]
fn values_files_given_with_the_project_are_used() {
    let dir = temp_dir("values");
    let values = write(&dir, "xgen-core.yaml", "serviceName: xgen-core\nport: 9100\n");
    let zip = dir.join("out.zip");
    let out = run(&["bundle", &example_path(), &values, "-o", &zip.display().to_string()]);
    assert_eq!(out.status.code(), Some(0));
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("k3s/helm-chart/values/xgen-core.yaml").unwrap(), &mut text)
        .unwrap();
    assert!(text.contains("port: 9100"), "{text}");
}

#[test]
fn render_writes_the_bundle_tree() {
    let dir = temp_dir("render");
    let out = run(&["render", &example_path(), "-o", &dir.join("tree").display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    for f in xgen_core::rendered::render(&common::example()).files().unwrap() {
        let written =
            std::fs::read_to_string(dir.join("tree").join(&f.path)).unwrap_or_else(|e| panic!("{}: {e}", f.path));
        assert_eq!(written, &*f.text, "{}", f.path);
    }
    assert!(dir.join("tree/rendered/prd/xgen-frontend/virtualservice.yaml").exists());
}

#[test]
fn diff_exits_0_for_no_rendered_change_1_for_a_change_2_for_bad_input() {
    let dir = temp_dir("diff");
    let example = std::fs::read_to_string(example_path()).unwrap();
    let edited = write(
        &dir,
        "xgen.yaml",
        &example.replacen("- name: xgen-model\n        replicas: 1", "- name: xgen-model\n        replicas: 3", 1),
    );
    let same = run(&["diff", "--base", &example_path(), "--head", &example_path()]);
    assert_eq!(same.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&same.stdout), "prd: 0 · dev: 0\n");

    let text = run(&["diff", "--base", &example_path(), "--head", &edited]);
    assert_eq!(text.status.code(), Some(1));
    let out = String::from_utf8_lossy(&text.stdout);
    assert!(out.starts_with("prd: 2 objects change · dev: 0\n"), "{out}");
    assert!(
        out.contains("changed Deployment xgen-model (xgen-model/deployment.yaml)\n")
            && out.contains("+  replicas: 3\n")
    );

    let json = run(&["diff", "--base", &example_path(), "--head", &edited, "--format", "json"]);
    assert_eq!(json.status.code(), Some(1));
    let list: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let deployment = list.as_array().unwrap().iter().find(|o| o["kind"] == "Deployment").expect("the Deployment");
    assert_eq!(deployment["env"], "prd");
    assert_eq!(deployment["file"], "xgen-model/deployment.yaml");
    assert_eq!(deployment["name"], "xgen-model");
    assert_eq!(deployment["change"], "changed");
    assert!(deployment["diff"].as_str().unwrap().contains("-  replicas: 1\n+  replicas: 3\n"));
    assert_eq!(list.as_array().unwrap().len(), 2, "the Application and the Deployment");

    let md = run(&["diff", "--base", &example_path(), "--head", &edited, "--format", "markdown"]);
    assert_eq!(md.status.code(), Some(1));
    let out = String::from_utf8_lossy(&md.stdout);
    assert!(out.contains("<details><summary><b>prd</b>: 2 objects change</summary>"), "{out}");
    assert!(out.contains("<details><summary><b>dev</b>: 0 objects change</summary>"));
    assert!(out.contains("```diff\n--- a/rendered/prd/xgen-model/deployment.yaml\n"));

    let bad = write(&dir, "bad.yaml", "project: [unclosed\n");
    let broken = run(&["diff", "--base", &example_path(), "--head", &bad]);
    assert_eq!(broken.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&broken.stderr).contains("bad.yaml"));
}
