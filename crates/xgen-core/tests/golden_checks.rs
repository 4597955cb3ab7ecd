//! Golden cases per check, in the manner of selene's: every rule has a
//! directory `tests/golden/checks/<code>/` of cases. A case `<name>.yaml`
//! gives the files to import (onto the built-in example with `base:
//! example`, or onto nothing), and optionally `edited`: files whose data
//! then replaces the imported data while the imported texts stay the
//! originals the studio writes over (an edit made in the studio);
//! `objects` gives the cluster's Istio objects of an environment;
//! `<name>.problems` holds exactly the problems
//! of that rule's code the studio reports for it, in both languages.
//! `UPDATE_GOLDEN=1 cargo test -p xgen-core --test golden_checks` writes the
//! `.problems` files; review the diff before committing them.

mod common;

use std::path::Path;
use xgen_core::checks::{Problem, RULES};
use xgen_core::{import, InputFile, ProjectState};

#[derive(serde::Deserialize)]
struct Case {
    /// `example` starts from the built-in example; otherwise from nothing.
    #[serde(default)]
    base: Option<String>,
    /// File name to text, imported together.
    files: std::collections::BTreeMap<String, String>,
    /// File name to text: the same files as edited in the studio.
    #[serde(default)]
    edited: std::collections::BTreeMap<String, String>,
    /// Environment to the text of a file of the cluster's Istio objects
    /// (`import_objects`), applied after `files`.
    #[serde(default)]
    objects: std::collections::BTreeMap<String, String>,
}

fn load_case(path: &Path) -> ProjectState {
    let text = std::fs::read_to_string(path).unwrap();
    let case: Case = serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let base = match case.base.as_deref() {
        Some("example") => common::example(),
        None => ProjectState::empty(),
        Some(other) => panic!("{}: unknown base `{other}`", path.display()),
    };
    let files: Vec<InputFile> = case.files.iter().map(|(n, t)| InputFile::new(n.clone(), t.as_bytes())).collect();
    let mut base = base;
    for (env, text) in &case.objects {
        let file = InputFile::new(format!("{env}-objects.yaml"), text.as_bytes());
        base =
            xgen_core::import::import_objects(&base, env, &file).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    if files.is_empty() {
        return base;
    }
    let state = import(&base, &files).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if case.edited.is_empty() {
        return state;
    }
    let edited: Vec<InputFile> = case.edited.iter().map(|(n, t)| InputFile::new(n.clone(), t.as_bytes())).collect();
    let mut after = import(&state, &edited).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    // The edit is the studio's: the files it writes over are the imported ones.
    after.originals = state.originals.clone();
    after
}

/// The problems of one code, as the golden files write them.
fn describe(problems: &[&Problem]) -> String {
    let mut out = String::new();
    for p in problems {
        // Escaped: a path may hold any key, line breaks and hidden characters too.
        out.push_str(&format!("{} {} {} {}\n", p.severity().as_str(), p.code(), p.file(), p.path().escape_debug()));
        out.push_str(&format!("  en: {}\n  ko: {}\n", p.message().en(), p.message().ko()));
        out.push_str(&format!("  hint en: {}\n  hint ko: {}\n", p.hint().en(), p.hint().ko()));
    }
    out
}

#[test]
fn every_check_matches_its_golden_cases() {
    let root = common::crate_dir().join("tests/golden/checks");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    let mut cases = 0;
    for rule in RULES {
        let dir = root.join(rule.code());
        let mut inputs: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}; every check needs golden cases", dir.display()))
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        inputs.sort();
        let (mut fired, mut quiet) = (false, false);
        for input in &inputs {
            let state = load_case(input);
            let all = common::lint(&state);
            let mine: Vec<&Problem> = all.iter().filter(|p| p.code() == rule.code()).collect();
            fired |= !mine.is_empty();
            quiet |= mine.is_empty();
            let got = describe(&mine);
            let golden = input.with_extension("problems");
            if update {
                std::fs::write(&golden, &got).unwrap();
            }
            let want = match std::fs::read_to_string(&golden) {
                Ok(want) => want,
                Err(e) => {
                    failures.push(format!("{}: {e} (write it with UPDATE_GOLDEN=1)", golden.display()));
                    continue;
                }
            };
            if got != want {
                failures.push(format!("{}:\n--- want\n{want}--- got\n{got}", input.display()));
            }
            cases += 1;
        }
        assert!(fired, "{}: no golden case makes the check fire", rule.code());
        assert!(quiet, "{}: no golden case shows where the check stays quiet", rule.code());
    }
    assert!(failures.is_empty(), "{} of {cases} cases differ:\n{}", failures.len(), failures.join("\n"));
}

/// Every folder and file under `golden/checks/` belongs to a rule: a folder
/// named after a code that no longer exists, or a `.problems` file without
/// its case, would be a test that silently stopped running.
#[test]
fn no_golden_case_is_orphaned() {
    let root = common::crate_dir().join("tests/golden/checks");
    let mut orphans = Vec::new();
    for dir in std::fs::read_dir(&root).unwrap().flatten().map(|e| e.path()) {
        let code = dir.file_name().unwrap().to_string_lossy().into_owned();
        if !dir.is_dir() || !RULES.iter().any(|r| r.code() == code) {
            orphans.push(dir.display().to_string());
            continue;
        }
        for file in std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()) {
            let case = file.with_extension("yaml");
            let known = match file.extension().and_then(|x| x.to_str()) {
                Some("yaml") => file.with_extension("problems").exists(),
                Some("problems") => case.exists(),
                _ => false,
            };
            if !known {
                orphans.push(file.display().to_string());
            }
        }
    }
    assert!(orphans.is_empty(), "golden files without a rule or a partner:\n{}", orphans.join("\n"));
}
