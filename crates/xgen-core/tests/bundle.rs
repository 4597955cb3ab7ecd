//! The bundle: deterministic bytes, safe entry names, and a lossless round trip.

mod common;

use common::example;
use std::io::{Cursor, Read};
use xgen_core::bundle::{bundle_zip, write_zip};
use xgen_core::layout::{is_safe_entry_name, BundleFile};
use xgen_core::{import, ImportError, InputFile, ProjectState};

fn entries(zip: &[u8]) -> Vec<(String, Vec<u8>, zip::DateTime)> {
    let mut a = zip::ZipArchive::new(Cursor::new(zip)).unwrap();
    (0..a.len())
        .map(|i| {
            let mut e = a.by_index(i).unwrap();
            let mut buf = Vec::new();
            e.read_to_end(&mut buf).unwrap();
            (e.name().to_owned(), buf, e.last_modified().unwrap_or_default())
        })
        .collect()
}

#[test]
fn bundle_holds_the_project_values_and_settings_sorted() {
    let zip = bundle_zip(&common::rendered(&example())).unwrap();
    let names: Vec<String> = entries(&zip).into_iter().map(|(n, _, _)| n).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    for want in [
        "k3s/argocd/projects/xgen.yaml",
        "k3s/helm-chart/values.yaml",
        "k3s/helm-chart/values/xgen-frontend.yaml",
        "k3s/helm-chart/values/xgen-model.yaml",
        "xgen-studio.yaml",
    ] {
        assert!(names.iter().any(|n| n == want), "missing {want} in {names:?}");
    }
    assert!(names.iter().all(|n| is_safe_entry_name(n)));
}

#[test]
fn timestamps_are_fixed() {
    for (name, _, time) in entries(&bundle_zip(&common::rendered(&example())).unwrap()) {
        assert_eq!((time.year(), time.month(), time.day(), time.hour(), time.minute()), (1980, 1, 1, 0, 0), "{name}");
    }
}

#[test]
fn same_input_same_bytes_and_reimport_restores_the_state() {
    for (name, text) in common::fixture_projects() {
        let state = common::load(&name, &text);
        let first = bundle_zip(&common::rendered(&state)).unwrap();
        assert_eq!(first, bundle_zip(&common::rendered(&state.clone())).unwrap(), "{name}: not deterministic");
        let back = import(&ProjectState::empty(), &[InputFile::new("bundle.zip", first.clone())]).unwrap();
        assert_eq!(back, state, "{name}: re-import changed the state");
        assert_eq!(bundle_zip(&common::rendered(&back)).unwrap(), first, "{name}: second export differs");
    }
}

#[test]
fn entry_order_does_not_depend_on_input_order() {
    let files = common::files(&example());
    let mut reversed = files.clone();
    reversed.reverse();
    assert_eq!(write_zip(&files).unwrap(), write_zip(&reversed).unwrap());
}

#[test]
fn exported_project_file_is_the_imported_data() {
    let zip = bundle_zip(&common::rendered(&example())).unwrap();
    let (_, bytes, _) = entries(&zip).into_iter().find(|(n, _, _)| n == "k3s/argocd/projects/xgen.yaml").unwrap();
    let exported: serde_yaml::Value = xgen_core::yaml::from_str(std::str::from_utf8(&bytes).unwrap()).unwrap();
    let original: serde_yaml::Value = xgen_core::yaml::from_str(common::EXAMPLE).unwrap();
    assert_eq!(exported, original);
}

fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in files {
        z.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap().into_inner()
}

#[test]
fn hostile_bundles_are_refused() {
    let project = common::EXAMPLE.as_bytes();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("dotdot", zip_of(&[("k3s/argocd/projects/x.yaml", project), ("../evil.yaml", b"a: 1")])),
        ("absolute", zip_of(&[("/etc/passwd", b"x"), ("k3s/argocd/projects/x.yaml", project)])),
        ("no project", zip_of(&[("xgen-studio.yaml", b"kind: StudioSettings\n")])),
        ("two projects", zip_of(&[("k3s/argocd/projects/a.yaml", project), ("k3s/argocd/projects/b.yaml", project)])),
        ("bad yaml inside", zip_of(&[("k3s/argocd/projects/a.yaml", b"project: [\n")])),
        ("truncated", bundle_zip(&common::rendered(&example())).unwrap()[..200].to_vec()),
    ];
    for (what, bytes) in cases {
        let err = import(&ProjectState::empty(), &[InputFile::new("b.zip", bytes)]).expect_err(what);
        assert_eq!(err.file().map(|f| f.starts_with("b.zip")), Some(true), "{what}: {err}");
    }
    // An error inside an entry names the entry, with line and column.
    let bad = zip_of(&[("k3s/argocd/projects/a.yaml", b"project:\n  name: [\n")]);
    let err = import(&ProjectState::empty(), &[InputFile::new("b.zip", bad)]).unwrap_err();
    assert!(matches!(&err, ImportError::Yaml { file, .. } if file == "b.zip!k3s/argocd/projects/a.yaml"), "{err}");
}

/// `bytes` with every `from` replaced by `to` (of the same length): a zip's
/// names are in its local headers and again in its central directory.
fn patched(bytes: &[u8], from: &str, to: &str, only_the_directory: bool) -> Vec<u8> {
    assert_eq!(from.len(), to.len());
    let mut out = bytes.to_vec();
    let hits: Vec<usize> =
        out.windows(from.len()).enumerate().filter(|(_, w)| *w == from.as_bytes()).map(|(i, _)| i).collect();
    assert_eq!(hits.len(), 2, "the name once in its local header, once in the directory");
    for at in if only_the_directory { &hits[1..] } else { &hits[..] } {
        out[*at..*at + to.len()].copy_from_slice(to.as_bytes());
    }
    out
}

#[test]
fn duplicate_entry_names_are_refused_naming_the_entry() {
    let project = common::EXAMPLE.as_bytes();
    let other = common::EXAMPLE.replace("name: xgen", "name: other");
    // Two project files of the same name: each reader would see another project.
    let zip = zip_of(&[("k3s/argocd/projects/a.yaml", project), ("k3s/argocd/projects/b.yaml", other.as_bytes())]);
    // Two values files of the same name (a later one silently replaced the first).
    let values = zip_of(&[
        ("k3s/argocd/projects/a.yaml", project),
        ("k3s/helm-chart/values/xgen-core.yaml", b"serviceName: xgen-core\nport: 1\n"),
        ("k3s/helm-chart/values/xgen-cora.yaml", b"serviceName: xgen-core\nport: 2\n"),
    ]);
    let cases = [
        ("projects", patched(&zip, "projects/b.yaml", "projects/a.yaml", false), "k3s/argocd/projects/a.yaml"),
        (
            "projects, directory only",
            patched(&zip, "projects/b.yaml", "projects/a.yaml", true),
            "k3s/argocd/projects/a.yaml",
        ),
        ("values", patched(&values, "xgen-cora.yaml", "xgen-core.yaml", false), "k3s/helm-chart/values/xgen-core.yaml"),
    ];
    for (what, bytes, entry) in cases {
        // The zip crate itself reads it, keeping one of the two.
        assert!(zip::ZipArchive::new(Cursor::new(&bytes)).is_ok(), "{what}");
        let err = import(&ProjectState::empty(), &[InputFile::new("b.zip", bytes)]).expect_err(what);
        match &err {
            ImportError::DuplicateEntry { file, entry: e } => assert_eq!((file.as_str(), e.as_str()), ("b.zip", entry)),
            other => panic!("{what}: {other:?}"),
        }
        // What the page and the CLI show.
        assert_eq!(
            err.to_string(),
            format!("b.zip: not a usable studio bundle: it has two entries named `{entry}` (zip tools disagree on which one counts)")
        );
    }
    // The same zips with distinct names are read.
    assert!(import(&ProjectState::empty(), &[InputFile::new("b.zip", values)]).is_ok());
}

#[test]
fn a_bundle_file_larger_than_its_contents_may_be_is_refused() {
    let mut bytes = bundle_zip(&common::rendered(&example())).unwrap();
    bytes.resize(xgen_core::bundle::MAX_BUNDLE_BYTES as usize + 1, 0);
    let err = import(&ProjectState::empty(), &[InputFile::new("b.zip", bytes)]).unwrap_err();
    assert!(err.to_string().contains("larger than 67108864 bytes"), "{err}");
}

#[test]
fn zip_bomb_entries_are_bounded() {
    let huge = vec![b'a'; 5 * 1024 * 1024];
    let zip =
        zip_of(&[("k3s/argocd/projects/a.yaml", common::EXAMPLE.as_bytes()), ("k3s/helm-chart/values/x.yaml", &huge)]);
    let err = import(&ProjectState::empty(), &[InputFile::new("b.zip", zip)]).unwrap_err();
    assert!(err.to_string().contains("larger than"), "{err}");
}

#[test]
fn bundle_files_are_plain_relative_paths() {
    for BundleFile { path, .. } in common::files(&example()) {
        assert!(is_safe_entry_name(&path));
    }
}

#[test]
fn source_files_import_back_to_the_same_state() {
    use xgen_core::rendered::source_files;
    for (name, text) in common::fixture_projects() {
        let state = common::load(&name, &text);
        let files: Vec<InputFile> =
            source_files(&state).unwrap().into_iter().map(|f| InputFile::new(f.path, f.text.as_bytes())).collect();
        assert_eq!(import(&ProjectState::empty(), &files).unwrap(), state, "{name}");
    }
}

#[test]
fn an_incremental_render_gives_the_same_files_as_a_fresh_one() {
    use xgen_core::rendered::{render, Renderer};
    let mut renderer = Renderer::new();
    for (name, text) in common::fixture_projects() {
        let state = common::load(&name, &text);
        let fresh = common::files(&state);
        // First after another project, then again with everything remembered.
        assert_eq!(renderer.render(&state).files().unwrap(), fresh, "{name}");
        assert_eq!(renderer.render(&state).files().unwrap(), fresh, "{name}, again");
        assert_eq!(renderer.stats().services_rendered, 0, "{name}: nothing changed, nothing rendered");
        // An edit that changes some objects and not others.
        let edit =
            "apiVersion: xgen-studio/v1\nkind: StudioSettings\nalerts:\n  rules:\n    highMemory: {threshold: 91}\n";
        let edited = import(&state, &[InputFile::new("xgen-studio.yaml", edit)]).unwrap();
        let want = render(&edited);
        assert_ne!(want.files().unwrap(), fresh);
        assert_eq!(renderer.render(&edited).files().unwrap(), want.files().unwrap(), "{name}, edited");
    }
}

#[test]
fn two_files_at_one_path_are_refused_by_name_not_as_a_zip_error() {
    use xgen_core::bundle::ExportError;
    use xgen_core::layout::BundlePath;
    let path = || BundlePath::parse("k3s/helm-chart/values/a.yaml").unwrap();
    let files = [BundleFile::new(path(), "a: 1\n"), BundleFile::new(path(), "a: 2\n")];
    match write_zip(&files) {
        Err(e @ ExportError::Duplicate(_)) => {
            assert_eq!(
                e.to_string(),
                "two files at `k3s/helm-chart/values/a.yaml`: fix the problem that names it twice, then export again"
            )
        }
        other => panic!("expected a refusal naming the path, got {other:?}"),
    }
    assert!(BundlePath::parse("../a.yaml").is_err());
}
