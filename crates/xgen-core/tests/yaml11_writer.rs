//! Every file the studio writes reads back, through a YAML 1.1 reader, as the
//! data the studio meant (docs/rendering.md#how-yaml-is-written).
//!
//! The states: the built-in example, every fixture project, and projects
//! generated with strings that YAML 1.1 would read as something else (`yes`,
//! `off`, `~`, `0755`, `1_000`, `.5`, `2026-01-02`, `=`, `<<`, ...) in vars
//! (ConfigMaps and Application parameters), descriptions and keys.
//!
//! - Always: the studio's reader (go-yaml v2's reading, proven against Helm by
//!   `yaml11_reader`) gives, for every data file, exactly what serde meant: the
//!   same data serde_yaml (YAML 1.2, which the emitter also quotes for) reads.
//! - With the `helm-parity` feature: Helm itself reads each file (`-f`,
//!   `toJson .Values`) and must give that data.

mod common;

use serde_yaml::Value;
use xgen_core::ProjectState;

const WORDS: &[&str] = &[
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "Y",
    "N",
    "YES",
    "Off",
    "true",
    "False",
    "~",
    "null",
    "Null",
    "",
    "1_000",
    "0755",
    "0x1F",
    "0o17",
    "0b101",
    "+12",
    ".5",
    "1e3",
    "-.inf",
    ".nan",
    "2026-01-02",
    "2001-12-14 21:59:43.10",
    "=",
    "<<",
    "08",
    "1.0",
    "007",
];

/// A project whose strings are the YAML 1.1 words, in a seeded arrangement.
fn word_project(seed: usize) -> ProjectState {
    let mut state = common::example();
    let project = &mut *state.project;
    let mut vars = xgen_core::ordered_map::OrderedMap::default();
    for (i, w) in WORDS.iter().enumerate() {
        let word = WORDS[(i * 7 + seed) % WORDS.len()];
        vars.insert(format!("WORD_{i}"), xgen_core::scalar::Scalar::Str(w.to_string()));
        vars.insert(word.to_owned(), xgen_core::scalar::Scalar::Str(word.to_owned()));
    }
    project.vars = Some(vars);
    if let Some(meta) = project.project.as_mut() {
        meta.description = Some(WORDS[seed % WORDS.len()].to_owned());
    }
    project.extra.insert(Value::String(WORDS[(seed + 3) % WORDS.len()].into()), Value::String("on".into()));
    state
}

fn states() -> Vec<(String, ProjectState)> {
    let mut out = vec![("example".to_owned(), common::example())];
    for (name, text) in common::fixture_projects() {
        let state = common::load(&name, &text);
        out.push((name, state));
    }
    for seed in 0..3 {
        out.push((format!("words-{seed}"), word_project(seed)));
    }
    out
}

/// The files that are data (not chart templates).
fn data_files(state: &ProjectState) -> Vec<(String, String)> {
    common::files(state)
        .into_iter()
        .filter(|f| f.path.ends_with(".yaml") && !f.path.contains("/templates/"))
        .map(|f| (f.path.into(), f.text.to_string()))
        .collect()
}

#[test]
fn every_written_file_reads_back_as_meant() {
    let mut checked = 0;
    for (name, state) in states() {
        for (path, text) in data_files(&state) {
            let meant: Vec<Value> = serde_yaml::Deserializer::from_str(&text)
                .map(|d| serde::Deserialize::deserialize(d).unwrap())
                .collect();
            let read: Vec<Value> = xgen_core::yaml::documents(&text).into_iter().map(|d| d.unwrap()).collect();
            assert_eq!(read, meant, "{name}: {path} reads back otherwise:\n{text}");
            checked += 1;
        }
    }
    assert!(checked > 300, "{checked} files");
}

#[test]
fn the_words_are_quoted_where_they_are_written() {
    let project_text = |state: &ProjectState| -> String {
        data_files(state).into_iter().find(|(p, _)| p.starts_with("k3s/argocd/projects/")).unwrap().1
    };
    // A file the studio writes itself: the typed writer quotes in single quotes.
    let mut fresh = word_project(0);
    fresh.originals = Default::default();
    let text = project_text(&fresh);
    for line in ["WORD_0: 'yes'", "WORD_16: '1_000'", "WORD_26: '2026-01-02'", "'on': 'on'", "'<<': '<<'"] {
        assert!(text.contains(line), "{line} in:\n{text}");
    }
    // The example as its author wrote it: new entries are quoted as their
    // siblings are (double quotes), and still quoted where YAML 1.1 would
    // misread them.
    let text = project_text(&word_project(0));
    for line in ["WORD_0: \"yes\"", "WORD_16: \"1_000\"", "WORD_26: \"2026-01-02\"", "'on': \"on\"", "'<<': \"<<\""] {
        assert!(text.contains(line), "{line} in:\n{text}");
    }
}

#[cfg(feature = "helm-parity")]
mod with_helm {
    use super::*;
    use serde_json::Value as Json;
    use std::path::{Path, PathBuf};
    use std::process::Command;

    use crate::common::helm;

    fn same(a: &Json, b: &Json) -> bool {
        match (a, b) {
            (Json::Number(x), Json::Number(y)) => x.as_f64() == y.as_f64(),
            (Json::Array(x), Json::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
            (Json::Object(x), Json::Object(y)) => {
                x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
            }
            _ => a == b,
        }
    }

    fn ask(chart: &Path, file: &Path) -> Result<Json, String> {
        let out = Command::new(helm()).arg("template").arg("probe").arg(chart).arg("-f").arg(file).output().unwrap();
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).into_owned());
        }
        let stdout = String::from_utf8(out.stdout).unwrap();
        Ok(serde_json::from_str(stdout.lines().find(|l| l.starts_with('{')).unwrap()).unwrap())
    }

    #[test]
    fn helm_reads_every_written_file_as_meant() {
        let dir = std::env::temp_dir().join(format!("xgen-yaml11-writer-{}", std::process::id()));
        let chart = dir.join("probe");
        std::fs::create_dir_all(chart.join("templates")).unwrap();
        std::fs::write(chart.join("Chart.yaml"), "apiVersion: v2\nname: probe\nversion: 0.1.0\n").unwrap();
        std::fs::write(chart.join("templates/out.txt"), "{{ toJson .Values }}\n").unwrap();
        // One mapping document per file: what Helm reads as values.
        let mut jobs: Vec<(String, PathBuf, Json)> = Vec::new();
        for (name, state) in states() {
            for (path, text) in data_files(&state) {
                let docs: Vec<Value> = serde_yaml::Deserializer::from_str(&text)
                    .map(|d| serde::Deserialize::deserialize(d).unwrap())
                    .collect();
                let [Value::Mapping(m)] = docs.as_slice() else { continue };
                let file = dir.join(format!("f{}.yaml", jobs.len()));
                std::fs::write(&file, &text).unwrap();
                jobs.push((format!("{name}: {path}"), file, serde_json::to_value(m).unwrap()));
            }
        }
        let threads = 4;
        let wrong: Vec<String> = std::thread::scope(|s| {
            let hs: Vec<_> = (0..threads)
                .map(|t| {
                    let (jobs, chart) = (&jobs, &chart);
                    s.spawn(move || {
                        (t..jobs.len())
                            .step_by(threads)
                            .filter_map(|i| {
                                let (label, file, meant) = &jobs[i];
                                match ask(chart, file) {
                                    Ok(helm) if same(&helm, meant) => None,
                                    other => Some(format!("{label}: helm {other:?}")),
                                }
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            hs.into_iter().flat_map(|h| h.join().unwrap()).collect()
        });
        std::fs::remove_dir_all(&dir).ok();
        assert!(jobs.len() > 300, "{} files", jobs.len());
        assert!(
            wrong.is_empty(),
            "{} of {} files read otherwise by Helm:\n{}",
            wrong.len(),
            jobs.len(),
            wrong.join("\n")
        );
    }
}
