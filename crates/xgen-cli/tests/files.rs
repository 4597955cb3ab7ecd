//! The files `xgen-studio` reads and writes (docs/security.md, "Files the
//! CLI writes", "Files the CLI reads"): never through a symbolic link, never outside the
//! output directory, atomically; inputs only regular files under a limit.
#![cfg(unix)]

mod common;

use common::{example_path, run_bounded};
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

/// Far above what any of these commands takes; it only stops a hang.
const LIMIT: Duration = Duration::from_secs(120);

fn run(args: &[&str]) -> Output {
    run_bounded(args, LIMIT)
}

fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xgen-files-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file under `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.symlink_metadata().unwrap().is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn render_refuses_a_file_that_is_a_symlink_and_leaves_its_target_alone() {
    let dir = fresh_dir("link-file");
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "precious\n").unwrap();
    let out_dir = dir.join("out");
    std::fs::create_dir(&out_dir).unwrap();
    // A committed `out/xgen-studio.yaml -> ../victim.txt`.
    symlink("../victim.txt", out_dir.join("xgen-studio.yaml")).unwrap();
    let out = run(&["render", &example_path(), "-o", &s(&out_dir)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("xgen-studio.yaml: refusing to write through a symbolic link (to ../victim.txt)"), "{err}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    // Refused before anything was written: only the link is there.
    assert_eq!(tree(&out_dir), ["xgen-studio.yaml"]);
    assert!(out_dir.join("xgen-studio.yaml").symlink_metadata().unwrap().file_type().is_symlink());
}

#[test]
fn render_never_writes_through_a_symlinked_directory() {
    let dir = fresh_dir("link-dir");
    let elsewhere = dir.join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let out_dir = dir.join("out");
    std::fs::create_dir(&out_dir).unwrap();
    // A committed `out/rendered -> ../elsewhere`, and one deeper down.
    symlink("../elsewhere", out_dir.join("rendered")).unwrap();
    let out = run(&["render", &example_path(), "-o", &s(&out_dir)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("rendered: refusing to write through a symbolic link (to ../elsewhere)"));
    assert!(tree(&elsewhere).is_empty(), "{:?}", tree(&elsewhere));

    let deeper = fresh_dir("link-deeper");
    let out_dir = deeper.join("out");
    std::fs::create_dir_all(out_dir.join("k3s")).unwrap();
    std::fs::create_dir(deeper.join("elsewhere")).unwrap();
    symlink("../../elsewhere", out_dir.join("k3s/argocd")).unwrap();
    let out = run(&["render", &example_path(), "-o", &s(&out_dir)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("k3s/argocd: refusing to write through a symbolic link"), "{}", stderr(&out));
    assert!(tree(&deeper.join("elsewhere")).is_empty());
}

#[test]
fn render_replaces_files_atomically_and_leaves_no_temporary_file() {
    let dir = fresh_dir("atomic");
    let out_dir = dir.join("out");
    std::fs::create_dir(&out_dir).unwrap();
    // A hard link is no symbolic link, but a write in place would reach
    // `outside.txt` through it; a rename replaces the name only.
    let outside = dir.join("outside.txt");
    std::fs::write(&outside, "outside\n").unwrap();
    std::fs::hard_link(&outside, out_dir.join("xgen-studio.yaml")).unwrap();
    let out = run(&["render", &example_path(), "-o", &s(&out_dir)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "outside\n");
    assert!(std::fs::read_to_string(out_dir.join("xgen-studio.yaml")).unwrap().contains("StudioSettings"));
    let files = tree(&out_dir);
    let expected = xgen_core::rendered::render(&common::example()).files().unwrap().len();
    assert_eq!(files.len(), expected, "no temporary file left: {files:?}");
    assert!(files.iter().all(|f| !f.ends_with(".tmp")));
    // A second render over the first is fine.
    let again = run(&["render", &example_path(), "-o", &s(&out_dir)]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(tree(&out_dir), files);
}

#[test]
fn bundle_refuses_an_output_that_is_a_symlink_and_writes_atomically() {
    let dir = fresh_dir("bundle-link");
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "precious\n").unwrap();
    symlink("victim.txt", dir.join("out.zip")).unwrap();
    let out = run(&["bundle", &example_path(), "-o", &s(&dir.join("out.zip"))]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("out.zip: refusing to write through a symbolic link (to victim.txt)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");

    std::fs::hard_link(&victim, dir.join("hard.zip")).unwrap();
    let out = run(&["bundle", &example_path(), "-o", &s(&dir.join("hard.zip"))]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    assert!(std::fs::read(dir.join("hard.zip")).unwrap().starts_with(b"PK\x03\x04"));
    assert_eq!(tree(&dir), ["hard.zip", "out.zip", "victim.txt"]);
}

#[test]
fn a_fifo_a_device_and_a_directory_are_refused_as_inputs() {
    let dir = fresh_dir("special");
    let fifo = dir.join("project.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    for (input, why) in [
        (s(&fifo), "it is a named pipe (FIFO); only regular files are read"),
        ("/dev/zero".to_owned(), "it is a device; only regular files are read"),
        (s(&dir), "it is a directory; only regular files are read"),
    ] {
        for command in [vec!["lint", &input], vec!["test-routes", &example_path(), "--tests", &input]] {
            let out = run(&command);
            assert_eq!(out.status.code(), Some(2), "{command:?}: {}", stderr(&out));
            if command[0] == "lint" && input == s(&dir) {
                // A directory input is a folder (tests/folder.rs); this one
                // holds no project file (its FIFO is not at a known path,
                // so it is never opened).
                assert_eq!(
                    stderr(&out),
                    format!(
                        "xgen-studio: {input}: no project file in the folder: the studio opens a repository with \
                         `k3s/argocd/projects/<site>.yaml`\n"
                    )
                );
                continue;
            }
            assert_eq!(stderr(&out), format!("xgen-studio: {input}: cannot read: {why}\n"));
        }
    }
}

#[test]
fn an_input_over_the_limit_is_refused_without_reading_it() {
    let dir = fresh_dir("large");
    let big = dir.join("big.zip");
    // Sparse: its length is all that matters.
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(xgen_core::bundle::MAX_BUNDLE_BYTES + 1).unwrap();
    let out = run(&["lint", &s(&big)]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "xgen-studio: {}: cannot read: the file is larger than 67108864 bytes, the most that is read\n",
            s(&big)
        )
    );
    // A YAML file is held to the core's text limit.
    let yaml = dir.join("big.yaml");
    std::fs::write(&yaml, "a: 1\n".repeat(xgen_core::text::MAX_TEXT_BYTES / 5 + 1)).unwrap();
    let out = run(&["lint", &s(&yaml)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("the file is larger than 4194304 bytes"), "{}", stderr(&out));
    let out = run(&["test-routes", &example_path(), "--tests", &s(&yaml)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("the file is larger than 4194304 bytes"), "{}", stderr(&out));
}
