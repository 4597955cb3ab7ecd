//! Prometheus' own `promtool` accepts every exported rule file and scrape
//! configuration (docs/alerts.md#files-per-environment). Run with `cargo test --features promtool --test
//! promtool`; promtool is `$PROMTOOL`, else `.tools/bin/promtool`, else
//! `promtool` on PATH. It must be built with Kubernetes service discovery
//! (Debian trixie's is; scripts/install-promtool.sh installs that one).

mod common;

use std::path::PathBuf;
use std::process::Command;

fn promtool() -> PathBuf {
    if let Some(p) = std::env::var_os("PROMTOOL") {
        return p.into();
    }
    let local = common::repo_root().join(".tools/bin/promtool");
    if local.exists() {
        return local;
    }
    "promtool".into()
}

#[test]
fn promtool_accepts_every_rule_file() {
    let checked = check_each("prometheus-rules.yaml", &["check", "rules"], "SUCCESS: 6 rules found");
    println!("promtool: {checked} rule files accepted");
}

/// `check config` also loads the rule file the configuration names, so this
/// proves the pair fits together, and that the `xgen-services` job's
/// `kubernetes_sd_configs` and relabelling are what Prometheus reads.
#[test]
fn promtool_accepts_every_scrape_configuration() {
    let checked =
        check_each("prometheus.yml", &["check", "config"], "prometheus.yml is valid prometheus config file syntax");
    println!("promtool: {checked} scrape configurations accepted");
}

/// Writes every exported file of every fixture into a temporary tree, runs
/// promtool on each file whose path ends with `suffix`, and returns how many
/// it accepted.
fn check_each(suffix: &str, args: &[&str], success: &str) -> usize {
    let mut checked = 0;
    for (name, text) in common::fixture_projects() {
        let state = common::load(&name, &text);
        let dir = std::env::temp_dir().join(format!(
            "xgen-promtool-{}-{}-{}",
            std::process::id(),
            suffix,
            name.replace('/', "-")
        ));
        let files = common::files(&state);
        for f in &files {
            let path = dir.join(&f.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, f.text.as_bytes()).unwrap();
        }
        for f in files.iter().filter(|f| f.path.ends_with(suffix)) {
            let path = dir.join(&f.path);
            let out = Command::new(promtool()).args(args).arg(&path).output().unwrap_or_else(|e| {
                panic!("cannot run promtool ({e}): run scripts/install-promtool.sh or set PROMTOOL")
            });
            let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
            assert!(out.status.success(), "{name}: {}: {report}", f.path);
            assert!(report.contains(success), "{name}: {report}");
            if args[1] == "config" {
                assert!(report.contains("SUCCESS: 1 rule files found"), "{name}: {report}");
            }
            checked += 1;
        }
        std::fs::remove_dir_all(&dir).ok();
    }
    assert!(checked >= 4, "files checked: {checked}");
    checked
}
