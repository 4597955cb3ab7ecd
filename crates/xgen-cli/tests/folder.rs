//! A folder as input, `write FOLDER [--check]` and `diff --format patch`,
//! held to the real `git apply` (git is on every machine that builds the
//! repository; a missing git fails the test, it is never skipped).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    common::run_bounded(args, std::time::Duration::from_secs(300))
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xgen-cli-folder-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

/// A working copy of two commented sites (jeju: LF; busan: CRLF, no final
/// line feed), values files, settings, and files the studio does not know.
fn two_sites(name: &str) -> PathBuf {
    let dir = fresh_dir(name);
    let keep = common::repo_root().join("tests/fixtures/keep");
    for (from, to) in [
        ("jeju.yaml", "k3s/argocd/projects/jeju.yaml"),
        ("busan.yaml", "k3s/argocd/projects/busan.yaml"),
        ("values/xgen-backend-gateway.yaml", "k3s/helm-chart/values/xgen-backend-gateway.yaml"),
        ("values/xgen-frontend.yaml", "k3s/helm-chart/values/xgen-frontend.yaml"),
        ("xgen-studio.yaml", "xgen-studio.yaml"),
    ] {
        let path = dir.join(to);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::copy(keep.join(from), path).unwrap();
    }
    std::fs::write(dir.join("README.md"), "# infra\n").unwrap();
    std::fs::create_dir_all(dir.join(".git-like/objects")).unwrap();
    dir
}

/// Every file under `dir` (but `.git`) with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            let kind = e.file_type().unwrap();
            if e.file_name() == ".git" || kind.is_symlink() {
                continue;
            }
            if kind.is_dir() {
                stack.push(p);
            } else {
                out.insert(s(p.strip_prefix(dir).unwrap()), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git").args(args).current_dir(dir).output().expect("git must be installed to run this test")
}

fn git_ok(dir: &Path, args: &[&str]) -> String {
    let out = git(dir, args);
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
    stdout(&out)
}

fn commit_all(dir: &Path) {
    git_ok(dir, &["init", "-q"]);
    git_ok(dir, &["add", "-A"]);
    git_ok(dir, &["-c", "user.name=t", "-c", "user.email=t@example.test", "commit", "-qm", "c"]);
}

#[test]
fn a_folder_of_two_sites_is_opened_by_site() {
    let dir = two_sites("pick");
    let out = run(&["lint", &s(&dir)]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "xgen-studio: {}: the folder holds several sites (k3s/argocd/projects/busan.yaml, \
             k3s/argocd/projects/jeju.yaml); choose one (--site NAME)\n",
            s(&dir)
        )
    );
    let out = run(&["simulate", &s(&dir), "--site", "busan", "--env", "prd", "https://busan.example.com/"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("[prd]"), "{}", stdout(&out));
    for site in ["jeju", "k3s/argocd/projects/jeju.yaml"] {
        let out = run(&["lint", &s(&dir), "--site", site, "--format", "json"]);
        let problems: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let files: Vec<&str> = problems.as_array().unwrap().iter().filter_map(|p| p["file"].as_str()).collect();
        assert!(!files.iter().any(|f| f.contains("busan")), "{files:?}");
    }
    let out = run(&["lint", &s(&dir), "--site", "daegu"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no site `daegu` in the folder"), "{}", stderr(&out));
    let out = run(&["lint", &common::example_path(), "--site", "jeju"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--site picks a site of a folder input"), "{}", stderr(&out));
}

/// `write` brings the folder up to date and keeps every file the author
/// wrote byte for byte; `--check` is then quiet; an edit made in the copy
/// (a generated file changed by hand) makes `--check` exit 1 with a patch
/// `git apply` takes, after which `--check` is quiet again.
#[test]
fn write_and_check_gate_a_working_copy() {
    let dir = two_sites("write");
    let before = tree(&dir);
    let out = run(&["write", &s(&dir), "--site", "jeju", "--check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(tree(&dir), before, "--check writes nothing");
    assert!(stdout(&out).starts_with("diff --git a/"), "{}", stdout(&out));

    let out = run(&["write", &s(&dir), "--site", "jeju"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(said.contains("created k3s/observability/prd/loki/retention.yaml\n"), "{said}");
    assert!(said.ends_with(" files changed\n"), "{said}");
    let after = tree(&dir);
    for (path, bytes) in &before {
        assert_eq!(after.get(path), Some(bytes), "{path} came back changed");
    }
    let out = run(&["write", &s(&dir), "--site", "jeju", "--check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), "up to date\n");

    commit_all(&dir);
    let retention = dir.join("k3s/observability/prd/loki/retention.yaml");
    let generated = std::fs::read_to_string(&retention).unwrap();
    std::fs::write(&retention, generated.replace("168h", "24h")).unwrap();
    let out = run(&["write", &s(&dir), "--site", "jeju", "--check"]);
    assert_eq!(out.status.code(), Some(1));
    let patch = stdout(&out);
    assert!(patch.starts_with(
        "diff --git a/k3s/observability/prd/loki/retention.yaml b/k3s/observability/prd/loki/retention.yaml\n"
    ));
    assert_eq!(stderr(&out), "1 files are stale\n");
    let patch_file = dir.join("../xgen-cli-folder-write.patch");
    std::fs::write(&patch_file, &patch).unwrap();
    git_ok(&dir, &["apply", "--check", &s(&patch_file)]);
    git_ok(&dir, &["apply", &s(&patch_file)]);
    assert_eq!(std::fs::read_to_string(&retention).unwrap(), generated);
    assert_eq!(run(&["write", &s(&dir), "--site", "jeju", "--check"]).status.code(), Some(0));
    assert_eq!(git_ok(&dir, &["status", "--porcelain"]), "");
}

#[test]
fn diff_as_a_patch_applies_to_the_base_folder() {
    let base = two_sites("diff-base");
    assert_eq!(run(&["write", &s(&base), "--site", "jeju"]).status.code(), Some(0));
    let head = fresh_dir("diff-head");
    for (path, bytes) in tree(&base) {
        let to = head.join(&path);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, bytes).unwrap();
    }
    let project = head.join("k3s/argocd/projects/jeju.yaml");
    let text = std::fs::read_to_string(&project).unwrap();
    let edited = text.replacen("targetRevision: release/2.1", "targetRevision: release/2.2", 1);
    assert_ne!(edited, text);
    std::fs::write(&project, &edited).unwrap();
    let out = run(&["diff", "--base", &s(&base), "--head", &s(&head), "--site", "jeju", "--format", "patch"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let patch = stdout(&out);
    assert!(patch.contains("-  targetRevision: release/2.1\n+  targetRevision: release/2.2\n"), "{patch}");
    commit_all(&base);
    let patch_file = base.join("../xgen-cli-folder-diff.patch");
    std::fs::write(&patch_file, &patch).unwrap();
    git_ok(&base, &["apply", &s(&patch_file)]);
    assert_eq!(std::fs::read_to_string(base.join("k3s/argocd/projects/jeju.yaml")).unwrap(), edited);
    let numstat = git_ok(&base, &["diff", "--numstat"]);
    assert_eq!(numstat, "1\t1\tk3s/argocd/projects/jeju.yaml\n");
    let out = run(&["diff", "--base", &s(&base), "--head", &s(&head), "--site", "jeju", "--format", "patch"]);
    assert_eq!((out.status.code(), stdout(&out)), (Some(0), String::new()));
}

/// Each bad folder: a clear message, exit 2, nothing written.
fn refused(dir: &Path, site: &str, message: &str) {
    let before = tree(dir);
    let out = run(&["write", &s(dir), "--site", site]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains(message), "{}\nexpected: {message}", stderr(&out));
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    assert_eq!(tree(dir), before, "nothing written");
}

#[test]
fn a_folder_of_50000_files_is_refused() {
    let dir = two_sites("many");
    for d in 0..50 {
        let sub = dir.join(format!("assets/{d}"));
        std::fs::create_dir_all(&sub).unwrap();
        for f in 0..1000 {
            std::fs::write(sub.join(format!("{f}.txt")), "").unwrap();
        }
    }
    refused(&dir, "jeju", "the folder holds more than 20000 files (outside .git, node_modules and hidden folders)");
    // The same files under node_modules are skipped unread.
    std::fs::rename(dir.join("assets"), dir.join("node_modules")).unwrap();
    assert_eq!(run(&["write", &s(&dir), "--site", "jeju", "--check"]).status.code(), Some(1));
    // 50,000 files are not left behind in the temporary directory.
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_64_mb_file_is_refused_where_the_studio_reads_and_skipped_elsewhere() {
    let dir = two_sites("large");
    let big = std::fs::File::create(dir.join("k3s/helm-chart/values/big.yaml")).unwrap();
    big.set_len(64 << 20).unwrap();
    refused(&dir, "jeju", "k3s/helm-chart/values/big.yaml: the file is 67108864 bytes, larger than 4194304 bytes");
    std::fs::rename(dir.join("k3s/helm-chart/values/big.yaml"), dir.join("big.bin")).unwrap();
    assert_eq!(run(&["write", &s(&dir), "--site", "jeju", "--check"]).status.code(), Some(1));
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops_are_refused_where_read_and_never_followed_into() {
    let dir = two_sites("loop");
    // A link to a folder above: never followed, so the walk ends.
    std::os::unix::fs::symlink("../..", dir.join("k3s/argocd/again")).unwrap();
    assert_eq!(run(&["write", &s(&dir), "--site", "jeju", "--check"]).status.code(), Some(1));
    let values = dir.join("k3s/helm-chart/values/loop.yaml");
    std::os::unix::fs::symlink("loop.yaml", &values).unwrap();
    refused(&dir, "jeju", &format!("{}: cannot read: a symbolic link that loops or leads nowhere", s(&values)));
}

#[test]
fn an_unreadable_project_file_is_named_with_line_and_column() {
    let dir = two_sites("broken");
    std::fs::write(dir.join("k3s/argocd/projects/broken.yaml"), "project:\n  name: broken\n  namespace: [x\n").unwrap();
    let path = s(&dir.join("k3s/argocd/projects/broken.yaml"));
    let out = run(&["write", &s(&dir), "--site", "jeju"]);
    let err = stderr(&out);
    let at = err.find(&format!("{path}:")).unwrap_or_else(|| panic!("{err}"));
    let place: Vec<&str> = err[at + path.len() + 1..].splitn(3, ':').collect();
    assert!(place[0].parse::<usize>().is_ok() && place[1].parse::<usize>().is_ok(), "line and column: {err}");
    refused(&dir, "jeju", &format!("{path}:"));
}

#[test]
fn two_project_files_with_one_project_name_are_refused() {
    let dir = two_sites("same");
    std::fs::copy(dir.join("k3s/argocd/projects/jeju.yaml"), dir.join("k3s/argocd/projects/jeju-copy.yaml")).unwrap();
    refused(
        &dir,
        "jeju",
        "k3s/argocd/projects/jeju-copy.yaml and k3s/argocd/projects/jeju.yaml have the same project.name `jeju`",
    );
}
