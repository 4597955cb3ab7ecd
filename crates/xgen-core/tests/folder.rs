//! Opening a folder of two sites and saving back as a patch, held to the
//! real `git apply` and `patch -p1` (both on every machine that runs the
//! tests: git for the repository itself, patch from the base image; a
//! missing binary fails the test, it is never skipped).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use xgen_core::edit;
use xgen_core::folder::{open_folder, FolderError, Opened};
use xgen_core::layout::{self, OBSERVABILITY_FILES};
use xgen_core::patch::{changes, git_patch, ChangeKind};
use xgen_core::rendered::render;
use xgen_core::{import, ProjectState};

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(common::repo_root().join("tests/fixtures/keep").join(rel)).unwrap()
}

/// A working copy with two sites: the commented jeju (LF) and busan (CRLF,
/// no final line feed), values files, settings and an unrelated file.
fn two_sites() -> BTreeMap<String, Vec<u8>> {
    [
        ("k3s/argocd/projects/jeju.yaml", fixture("jeju.yaml")),
        ("k3s/argocd/projects/busan.yaml", fixture("busan.yaml")),
        ("k3s/helm-chart/values/xgen-backend-gateway.yaml", fixture("values/xgen-backend-gateway.yaml")),
        ("k3s/helm-chart/values/xgen-frontend.yaml", fixture("values/xgen-frontend.yaml")),
        ("xgen-studio.yaml", fixture("xgen-studio.yaml")),
        ("README.md", b"# infra\n".to_vec()),
    ]
    .into_iter()
    .map(|(p, b)| (p.to_owned(), b))
    .collect()
}

/// Opens `site` of `files` as the page and the CLI do: the folder read,
/// then one import of the site's files.
fn open(files: &BTreeMap<String, Vec<u8>>, site: &str) -> (ProjectState, Opened) {
    let folder =
        open_folder(files.iter().map(|(p, b)| (p.clone(), b.len() as u64)), |p| files.get(p).cloned().ok_or("missing"))
            .unwrap();
    let chosen = folder.choose(Some(site)).unwrap();
    (import(&ProjectState::empty(), &chosen.inputs).unwrap(), chosen.opened)
}

/// The folder after saving `state` in full (every owned file as the studio
/// writes it): the starting point of a repository kept by the studio.
fn saved(files: &BTreeMap<String, Vec<u8>>, state: &ProjectState, opened: &Opened) -> BTreeMap<String, Vec<u8>> {
    let mut out = files.clone();
    for c in changes(opened, &render(state)).unwrap() {
        match c.new {
            Some(text) => out.insert(c.path, text.as_bytes().to_vec()),
            None => out.remove(&c.path),
        };
    }
    out
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xgen-folder-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write_tree(dir: &Path, files: &BTreeMap<String, Vec<u8>>) {
    for (p, b) in files {
        let path = dir.join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, b).unwrap();
    }
}

fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if e.file_name() == ".git" {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn run(dir: &Path, program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{program} must be installed to run this test: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?}: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn git_repo(name: &str, files: &BTreeMap<String, Vec<u8>>) -> PathBuf {
    let dir = temp_dir(name);
    write_tree(&dir, files);
    run(&dir, "git", &["init", "-q"]);
    run(&dir, "git", &["add", "-A"]);
    run(&dir, "git", &["-c", "user.name=t", "-c", "user.email=t@example.test", "commit", "-qm", "before"]);
    dir
}

#[test]
fn the_snapshots_observability_files_are_the_ones_a_folder_reads() {
    let (state, _) = open(&two_sites(), "jeju");
    let rendered = render(&state);
    for env in state.project.environment_names() {
        let prefix = format!("{}{env}/", layout::OBSERVABILITY_DIR);
        let mut got: Vec<&str> =
            rendered.files().unwrap().iter().filter_map(|f| f.path.as_str().strip_prefix(prefix.as_str())).collect();
        got.sort();
        let mut want = OBSERVABILITY_FILES.to_vec();
        want.sort();
        assert_eq!(got, want, "{env}");
    }
}

#[test]
fn an_unedited_site_changes_no_file_it_opened() {
    let files = two_sites();
    let (state, opened) = open(&files, "jeju");
    let cs = changes(&opened, &render(&state)).unwrap();
    // The folder had no observability files and not every values file:
    // those are new; every file that was opened stays as it is.
    assert!(!cs.is_empty());
    for c in &cs {
        assert_eq!(c.kind(), ChangeKind::Added, "{}", c.path);
        assert!(!opened.files.contains_key(&c.bundle_path));
    }
    // Saved once, the folder is up to date.
    let files = saved(&files, &state, &opened);
    let (state, opened) = open(&files, "jeju");
    assert_eq!(changes(&opened, &render(&state)).unwrap(), []);
}

/// The "done when": a patch from a folder of two sites applies with
/// `git apply` and `patch -p1`, changing exactly the edited lines; new and
/// removed files included (an environment renamed moves its observability
/// files); CRLF and a missing final line feed stay as they were.
#[test]
fn a_patch_applies_with_git_and_patch_and_changes_only_the_edits() {
    let start = two_sites();
    let (state, opened) = open(&start, "jeju");
    let files = saved(&start, &state, &opened);
    let (base, opened) = open(&files, "jeju");
    let mut state = base.clone();
    let list = edit::services_mut(&mut state.project, "prd");
    list.iter_mut().find(|s| s.name.as_deref() == Some("xgen-frontend")).unwrap().replicas = Some(4);
    assert!(edit::rename_environment(&mut state.project, "stg", "qa"));
    let rendered = render(&state);
    let cs = changes(&opened, &rendered).unwrap();
    let patch = git_patch(&cs);
    let kinds = |k: ChangeKind| cs.iter().filter(|c| c.kind() == k).count();
    assert_eq!(kinds(ChangeKind::Removed), OBSERVABILITY_FILES.len(), "{patch}");
    assert_eq!(kinds(ChangeKind::Added), OBSERVABILITY_FILES.len(), "{patch}");
    assert!(patch.contains("--- /dev/null\n+++ b/k3s/observability/qa/"), "{patch}");
    assert!(patch.contains("--- a/k3s/observability/stg/loki/retention.yaml\n+++ /dev/null\n"), "{patch}");

    let mut want = files.clone();
    for c in &cs {
        match &c.new {
            Some(t) => want.insert(c.path.clone(), t.as_bytes().to_vec()),
            None => want.remove(&c.path),
        };
    }
    let dir = git_repo("git", &files);
    std::fs::write(dir.join("../xgen-folder-git.patch"), &patch).unwrap();
    let patch_file = dir.join("../xgen-folder-git.patch").display().to_string();
    run(&dir, "git", &["apply", "--check", &patch_file]);
    run(&dir, "git", &["apply", &patch_file]);
    assert_eq!(read_tree(&dir), want);
    run(&dir, "git", &["add", "-A"]);
    let numstat = run(&dir, "git", &["diff", "--cached", "--numstat", "--", "k3s/argocd/projects/jeju.yaml"]);
    // replicas, and `stg:` under destinations and environments.
    assert_eq!(numstat, "3\t3\tk3s/argocd/projects/jeju.yaml\n");
    let other = run(
        &dir,
        "git",
        &["diff", "--cached", "--name-only", "--", "k3s/argocd/projects/busan.yaml", "k3s/helm-chart"],
    );
    assert_eq!(other, "", "no other site's or values file changed");

    let dir = temp_dir("patch");
    write_tree(&dir, &files);
    run(&dir, "patch", &["-p1", "--quiet", "-i", &patch_file]);
    assert_eq!(read_tree(&dir), want);
}

#[test]
fn a_crlf_file_without_a_final_line_feed_is_patched_byte_for_byte() {
    let start = two_sites();
    let (state, opened) = open(&start, "busan");
    let files = saved(&start, &state, &opened);
    let (base, opened) = open(&files, "busan");
    let mut state = base.clone();
    let env = state.project.environment_names()[0].clone();
    let list = edit::services_mut(&mut state.project, &env);
    list[0].replicas = Some(7);
    // Within three lines of the last line, which has no line feed.
    list[1].replicas = Some(5);
    let cs = changes(&opened, &render(&state)).unwrap();
    let project = cs.iter().find(|c| c.bundle_path == "k3s/argocd/projects/busan.yaml").expect("the edit");
    let new = project.new.as_deref().unwrap().as_bytes().to_vec();
    assert!(new.windows(2).any(|w| w == b"\r\n") && !new.ends_with(b"\n"), "still CRLF, no final line feed");
    let patch = git_patch(&cs);
    assert!(patch.contains("\n+                replicas: 7\r\n"), "{patch}");
    assert!(patch.ends_with(" # 끝\n\\ No newline at end of file\n"), "{patch}");
    let dir = git_repo("crlf", &files);
    let patch_file = dir.join("../xgen-folder-crlf.patch");
    std::fs::write(&patch_file, &patch).unwrap();
    let patch_file = patch_file.display().to_string();
    run(&dir, "git", &["apply", "--check", &patch_file]);
    run(&dir, "git", &["apply", &patch_file]);
    assert_eq!(std::fs::read(dir.join("k3s/argocd/projects/busan.yaml")).unwrap(), new);
    let dir = temp_dir("crlf-patch");
    write_tree(&dir, &files);
    run(&dir, "patch", &["-p1", "--quiet", "-i", &patch_file]);
    assert_eq!(std::fs::read(dir.join("k3s/argocd/projects/busan.yaml")).unwrap(), new);
}

#[test]
fn single_files_give_a_patch_with_the_bundles_paths() {
    let files = two_sites();
    let inputs = [
        xgen_core::InputFile::new("jeju.yaml", files["k3s/argocd/projects/jeju.yaml"].clone()),
        xgen_core::InputFile::new("xgen-frontend.yaml", files["k3s/helm-chart/values/xgen-frontend.yaml"].clone()),
    ];
    let base = import(&ProjectState::empty(), &inputs).unwrap();
    let opened = Opened::from_originals(&base);
    assert_eq!(opened.root, "");
    let mut state = base.clone();
    let list = edit::services_mut(&mut state.project, "prd");
    list.iter_mut().find(|s| s.name.as_deref() == Some("xgen-frontend")).unwrap().replicas = Some(4);
    let cs = changes(&opened, &render(&state)).unwrap();
    let changed: Vec<&str> = cs.iter().filter(|c| c.kind() == ChangeKind::Changed).map(|c| c.path.as_str()).collect();
    assert_eq!(changed, ["k3s/argocd/projects/jeju.yaml"]);
}

#[test]
fn a_folder_under_a_prefix_names_patch_paths_from_the_opened_folder() {
    let files: BTreeMap<String, Vec<u8>> = two_sites().into_iter().map(|(p, b)| (format!("infra/{p}"), b)).collect();
    let (state, opened) = open(&files, "jeju");
    assert_eq!(opened.root, "infra/");
    let patch = git_patch(&changes(&opened, &render(&state)).unwrap());
    assert!(patch.contains("+++ b/infra/k3s/observability/prd/"), "{patch}");
    assert!(!patch.contains(" b/k3s/"), "{patch}");
}

#[test]
fn two_sites_with_one_project_name_are_refused() {
    let mut files = two_sites();
    files.insert("k3s/argocd/projects/jeju-copy.yaml".into(), files["k3s/argocd/projects/jeju.yaml"].clone());
    let err =
        open_folder(files.iter().map(|(p, b)| (p.clone(), b.len() as u64)), |p| files.get(p).cloned().ok_or("missing"))
            .unwrap_err();
    assert!(matches!(err, FolderError::SameProjectName { ref name, .. } if name == "jeju"), "{err}");
}
