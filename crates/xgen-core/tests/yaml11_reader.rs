//! The YAML reader against real Helm (docs/inputs.md#how-yaml-is-read).
//!
//! The corpus (`tests/yaml11/`): every plain scalar of `scalars.txt` as a value
//! and as a key, and the documents of `documents.txt` (merge keys, anchors,
//! keys, duplicates, several documents, directives, escapes, tags, refusals).
//! `helm-answers.json` holds what Helm 4 made of each: `helm template` of a
//! probe chart whose one template prints `{{ toJson .Values }}`, given the case
//! as a values file (`-f`), or Helm's refusal.
//!
//! - `the_studio_reads_every_case_as_helm_does` (always): the studio's reading
//!   equals Helm's recorded JSON, compared as data (numbers as float64, as
//!   Helm holds them), and the studio refuses exactly the cases Helm refused.
//! - `helm_gives_the_recorded_answers` (feature `helm-parity`): runs the real
//!   Helm over the whole corpus and requires the recorded answers;
//!   `UPDATE_GOLDEN=1` records them anew.

mod common;

use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/yaml11")
}

pub struct Case {
    pub name: String,
    pub bytes: Vec<u8>,
}

fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    let scalars = std::fs::read_to_string(corpus_dir().join("scalars.txt")).unwrap();
    for line in scalars.lines().filter(|l| !l.starts_with('#')) {
        let s = if line == "<empty>" { "" } else { line };
        out.push(Case { name: format!("value {line}"), bytes: format!("v: {s}\n").into_bytes() });
        out.push(Case { name: format!("key {line}"), bytes: format!("{s}: k\n").into_bytes() });
    }
    let docs = std::fs::read_to_string(corpus_dir().join("documents.txt")).unwrap();
    let mut current: Option<(String, String)> = None;
    let push = |c: Option<(String, String)>, out: &mut Vec<Case>| {
        if let Some((name, text)) = c {
            let bytes = match name.as_str() {
                "crlf" => text.replace('\n', "\r\n").into_bytes(),
                "bom" => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
                _ => text.into_bytes(),
            };
            out.push(Case { name, bytes });
        }
    };
    for line in docs.lines() {
        if let Some(name) = line.strip_prefix("### ") {
            push(current.take(), &mut out);
            current = Some((name.to_owned(), String::new()));
        } else if let Some((_, text)) = current.as_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    push(current, &mut out);
    out
}

/// The studio's reading of a case: the JSON data, or its refusal.
fn studio(case: &Case) -> Result<Json, String> {
    let text = match xgen_core::text::decode("case.yaml", &case.bytes) {
        Ok(t) => t,
        // The studio refuses empty files; Helm reads them as no values.
        Err(xgen_core::ImportError::Empty { .. }) => return Ok(Json::Object(Default::default())),
        Err(e) => return Err(e.to_string()),
    };
    let values = xgen_core::yaml::helm::read_values(&text).map_err(|e| e.message)?;
    Ok(serde_json::to_value(&values).unwrap())
}

/// Equal as Helm's data: numbers are float64 there.
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

fn answers() -> BTreeMap<String, Json> {
    serde_json::from_str(&std::fs::read_to_string(corpus_dir().join("helm-answers.json")).unwrap()).unwrap()
}

#[test]
fn the_corpus_is_large_enough() {
    let cases = cases();
    assert!(cases.len() >= 300, "{} cases", cases.len());
    let names: std::collections::BTreeSet<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.len(), cases.len(), "case names are unique");
    assert_eq!(answers().len(), cases.len(), "every case has Helm's answer (UPDATE_GOLDEN=1 with helm-parity)");
}

#[test]
fn the_studio_reads_every_case_as_helm_does() {
    let answers = answers();
    let mut wrong = Vec::new();
    let (mut read, mut refused) = (0, 0);
    for case in cases() {
        let helm = &answers[&case.name];
        let ours = studio(&case);
        match (helm.get("json"), &ours) {
            (Some(theirs), Ok(ours)) if same(theirs, ours) => read += 1,
            (None, Err(_)) => refused += 1,
            _ => wrong.push(format!("{}: helm {helm}, studio {ours:?}", case.name)),
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} cases differ:\n{}",
        wrong.len(),
        read + refused + wrong.len(),
        wrong.join("\n")
    );
    assert!(refused > 30 && read > 250, "read {read}, refused {refused}");
}

#[cfg(feature = "helm-parity")]
mod with_helm {
    use super::*;
    use std::process::Command;

    use crate::common::helm;

    /// Helm's answer for one values file: `{"json": ...}` or `{"error": ...}`.
    fn ask(chart: &std::path::Path, file: &std::path::Path) -> Json {
        let out = Command::new(helm())
            .arg("template")
            .arg("probe")
            .arg(chart)
            .arg("-f")
            .arg(file)
            .output()
            .unwrap_or_else(|e| panic!("cannot run helm ({e}): scripts/install-helm.py or HELM"));
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            let err = err.lines().next().unwrap_or_default().replace(&file.display().to_string(), "case.yaml");
            return serde_json::json!({ "error": err });
        }
        let stdout = String::from_utf8(out.stdout).unwrap();
        let line = stdout.lines().find(|l| l.starts_with('{')).expect("toJson output");
        serde_json::json!({ "json": serde_json::from_str::<Json>(line).unwrap() })
    }

    #[test]
    fn helm_gives_the_recorded_answers() {
        let dir = std::env::temp_dir().join(format!("xgen-yaml11-{}", std::process::id()));
        let chart = dir.join("probe");
        std::fs::create_dir_all(chart.join("templates")).unwrap();
        std::fs::write(chart.join("Chart.yaml"), "apiVersion: v2\nname: probe\nversion: 0.1.0\n").unwrap();
        std::fs::write(chart.join("templates/out.txt"), "{{ toJson .Values }}\n").unwrap();
        let cases = cases();
        let files: Vec<PathBuf> = cases
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let f = dir.join(format!("case-{i}.yaml"));
                std::fs::write(&f, &c.bytes).unwrap();
                f
            })
            .collect();
        // Helm starts in ~50 ms; four at a time on the CI machine's two cores.
        let threads = 4;
        let results: Vec<(usize, Json)> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    let (files, chart) = (&files, &chart);
                    s.spawn(move || {
                        (t..files.len()).step_by(threads).map(|i| (i, ask(chart, &files[i]))).collect::<Vec<_>>()
                    })
                })
                .collect();
            handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
        });
        let mut got = BTreeMap::new();
        for (i, answer) in results {
            got.insert(cases[i].name.clone(), answer);
        }
        std::fs::remove_dir_all(&dir).ok();
        let path = corpus_dir().join("helm-answers.json");
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&path, serde_json::to_string_pretty(&got).unwrap() + "\n").unwrap();
            return;
        }
        let recorded = answers();
        let differ: Vec<String> = got
            .iter()
            .filter(|(name, answer)| {
                let old = &recorded[*name];
                match (answer.get("json"), old.get("json")) {
                    (Some(a), Some(b)) => !same(a, b),
                    (None, None) => false,
                    _ => true,
                }
            })
            .map(|(name, answer)| format!("{name}: now {answer}, recorded {}", recorded[name]))
            .collect();
        assert!(differ.is_empty(), "Helm answers otherwise than recorded:\n{}", differ.join("\n"));
    }
}
