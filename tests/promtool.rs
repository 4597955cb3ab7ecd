//! Prometheus' own `promtool` accepts every exported rule file (SPEC 3.3).
//! Run with `cargo test --features promtool --test promtool`; promtool is
//! `$PROMTOOL`, else `.tools/bin/promtool`, else `promtool` on PATH.
//!
//! The scrape configuration is not checked here: Debian's promtool is built
//! without Kubernetes service discovery and refuses `kubernetes_sd_configs`.

mod common;

use std::path::PathBuf;
use std::process::Command;
use xgen_studio::core::bundle::bundle_files;

fn promtool() -> PathBuf {
    if let Some(p) = std::env::var_os("PROMTOOL") {
        return p.into();
    }
    let local = common::manifest_dir().join(".tools/bin/promtool");
    if local.exists() {
        return local;
    }
    "promtool".into()
}

#[test]
fn promtool_accepts_every_rule_file() {
    let mut checked = 0;
    for (name, text) in common::fixture_projects() {
        let state = common::load(&name, &text);
        let dir = std::env::temp_dir().join(format!("xgen-promtool-{}-{}", std::process::id(), name.replace('/', "-")));
        for f in bundle_files(&state).unwrap().iter().filter(|f| f.path.ends_with("prometheus-rules.yaml")) {
            let path = dir.join(&f.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &f.text).unwrap();
            let out = Command::new(promtool()).args(["check", "rules"]).arg(&path).output().unwrap_or_else(|e| {
                panic!("cannot run promtool ({e}): run scripts/install-promtool.sh or set PROMTOOL")
            });
            let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
            assert!(out.status.success(), "{name}: {}: {report}", f.path);
            assert!(report.contains("SUCCESS: 6 rules found"), "{name}: {report}");
            checked += 1;
        }
        std::fs::remove_dir_all(&dir).ok();
    }
    assert!(checked >= 4, "rule files checked: {checked}");
    println!("promtool: {checked} rule files accepted");
}
