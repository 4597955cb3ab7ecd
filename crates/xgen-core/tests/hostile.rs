//! Hostile inputs: each is refused with a clear message (or imported safely), and
//! none panics or hangs. Run under `cargo test`, so a panic fails the test.

mod common;

use xgen_core::bundle::bundle_zip;
use xgen_core::layout::is_safe_entry_name;
use xgen_core::{import, ImportError, InputFile, ProjectState};

fn try_import(name: &str, bytes: &[u8]) -> Result<ProjectState, ImportError> {
    import(&ProjectState::empty(), &[InputFile::new(name, bytes)])
}

fn refused(name: &str, bytes: &[u8]) -> ImportError {
    let err = try_import(name, bytes).expect_err("hostile input must be refused");
    assert_eq!(err.file(), Some(name), "the message names the file: {err}");
    err
}

fn assert_line(err: &ImportError) {
    assert!(err.line_column().is_some(), "expected a line and column: {err}");
}

#[test]
fn truncated_yaml() {
    let cut = &common::EXAMPLE[..common::EXAMPLE.len() / 3];
    // Cut mid-document: either a syntax error or a valid prefix. It must not panic;
    // if it fails, the message has a place.
    if let Err(e) = try_import("cut.yaml", cut.as_bytes()) {
        assert_eq!(e.file(), Some("cut.yaml"));
    }
    // A file cut inside a quoted string or a flow mapping: refused, saying
    // where the reader stopped and what it expected.
    let e = refused("cut.yaml", b"project:\n  name: \"unterminated\n");
    assert_eq!(e.to_string(), "cut.yaml:2:9: while scanning a quoted scalar, found unexpected end of stream");
    let e = refused("cut.yaml", b"project:\n  name: x\ndestinations:\n  dev: {server: https://k\n");
    assert_eq!(e.to_string(), "cut.yaml:5:1: while parsing a flow mapping, did not find expected ',' or '}'");
    // Every cut of the example at a line's middle: refused with the file and
    // a place, or a valid prefix; never a panic.
    for (i, _) in common::EXAMPLE.match_indices('\n').step_by(7) {
        let end = (i + 4).min(common::EXAMPLE.len());
        if !common::EXAMPLE.is_char_boundary(end) {
            continue;
        }
        let cut = &common::EXAMPLE[..end];
        if let Err(e) = try_import("cut.yaml", cut.as_bytes()) {
            assert_eq!(e.file(), Some("cut.yaml"), "{e}");
            assert!(e.to_string().starts_with("cut.yaml"), "{e}");
        }
    }
}

#[test]
fn tab_indentation() {
    let e = refused("tabs.yaml", b"project:\n\tname: x\n");
    assert_line(&e);
}

#[test]
fn wrong_types() {
    assert_line(&refused("t.yaml", b"project: {name: x}\ndestinations: [a, b]\n"));
    assert_line(&refused("t.yaml", b"project: {name: [x]}\n"));
    assert_line(&refused("t.yaml", b"project: {name: x}\nservices:\n  - name: a\n    hasDomain: maybe\n"));
}

#[test]
fn collections_where_a_scalar_is_meant_are_taken_as_helm_takes_them() {
    // Helm takes a list or map as a var or config value and prints it with
    // Go's `%v`; the studio keeps it as written and prints the same.
    let state = try_import("t.yaml", b"project: {name: x}\nvars: {A: {nested: map}, B: [a, 1.10]}\n").unwrap();
    let vars = state.project.vars.as_ref().unwrap();
    assert!(matches!(vars.get("A"), Some(xgen_core::scalar::Scalar::Data(_))));
    let values = [("A", "map[nested:map]"), ("B", "[a 1.1]")];
    for (key, printed) in values {
        assert_eq!(xgen_core::render::go_format::helm_string(vars.get(key).unwrap()).as_deref(), Some(printed));
    }
}

#[test]
fn binary_files() {
    let e = refused("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe");
    assert!(matches!(e, ImportError::NotText { .. }), "{e}");
    let noise: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    refused("noise.bin", &noise);
}

#[test]
fn empty_files() {
    assert!(matches!(refused("e.yaml", b""), ImportError::Empty { .. }));
    assert!(matches!(refused("e.yaml", b"\n  \n"), ImportError::Empty { .. }));
    assert!(matches!(refused("e.yaml", b"# only a comment\n"), ImportError::Empty { .. }));
    assert!(matches!(refused("e.yaml", b"~\n"), ImportError::Empty { .. }));
}

#[test]
fn alias_bombs() {
    let mut bomb = String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    let names = ["b", "c", "d", "e", "f", "g", "h", "i", "j"];
    let mut prev = "a";
    for n in names {
        bomb.push_str(&format!(
            "{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
        prev = n;
    }
    bomb.push_str("project: {name: *j}\n");
    let start = std::time::Instant::now();
    let e = refused("bomb.yaml", bomb.as_bytes());
    // go-yaml v2's own bound on alias expansion, with its words (docs/inputs.md).
    assert!(e.to_string().contains("excessive aliasing"), "{e}");
    assert_line(&e);
    // Not a timing assertion on speed, only that expansion was cut off, not run.
    assert!(start.elapsed().as_secs() < 30);
}

#[test]
fn deep_nesting() {
    let deep = format!("project: {{name: x}}\nextra: {}{}\n", "[".repeat(20_000), "]".repeat(20_000));
    let e = refused("deep.yaml", deep.as_bytes());
    assert!(e.to_string().contains("nesting deeper than"), "{e}");
    assert_line(&e);
    // Deep, but under the scanner's limit: serde_yaml's recursion limit refuses it.
    let e = refused(
        "deep.yaml",
        format!("project: {{name: x}}\nextra: {}{}\n", "[".repeat(900), "]".repeat(900)).as_bytes(),
    );
    assert!(e.to_string().contains("recursion limit"), "{e}");
    let deep_map = format!("project: {{name: x}}\nextra: {}1{}\n", "{a: ".repeat(20_000), "}".repeat(20_000));
    refused("deep2.yaml", deep_map.as_bytes());
    let dashes = format!("project: {{name: x}}\nextra:\n{}x\n", "- ".repeat(100_000));
    assert_line(&refused("dashes.yaml", dashes.as_bytes()));
    let block: String = (0..20_000).map(|i| format!("{}k:\n", " ".repeat(i % 200))).collect();
    let _ = try_import("block.yaml", block.as_bytes()); // must return, either way
}

#[test]
fn duplicate_keys_last_wins_as_in_helm() {
    // Helm 4 reads values with go-yaml v2's non-strict Unmarshal: a repeated key
    // replaces the earlier one (docs/decisions.md, "Duplicate keys").
    let s = try_import("dup.yaml", b"project: {name: a}\nproject: {name: b}\n").unwrap();
    assert_eq!(s.project.name(), Some("b"));
    let s = try_import("dup.yaml", b"project: {name: a}\nunknown: 1\nunknown: 2\n").unwrap();
    assert_eq!(s.project.extra.get("unknown"), Some(&serde_yaml::Value::from(2)));
    let s =
        try_import("dup.yaml", b"project: {name: a}\ndestinations:\n  dev: {server: a}\n  dev: {server: b}\n").unwrap();
    assert_eq!(s.project.server_of("dev"), Some("b"));
    // Keys that are different in YAML but one string for Helm: Helm keeps one
    // of them at random, the studio refuses.
    let e = refused("dup.yaml", b"project: {name: a}\nvars: {1: a, '1': b}\n");
    assert!(e.to_string().contains("at random"), "{e}");
    assert_line(&e);
}

#[test]
fn integer_overflow() {
    assert_line(&refused(
        "big.yaml",
        b"project: {name: a}\nservices:\n  - name: s\n    replicas: 99999999999999999999999\n",
    ));
    assert_line(&refused("big.yaml", b"project: {name: a}\nservices:\n  - name: s\n    replicas: -1\n"));
    assert_line(&refused("big.yaml", b"serviceName: s\nport: 70000\n"));
    // Kept as written where any scalar is allowed.
    let s = try_import("v.yaml", b"project: {name: a}\nvars: {BIG: 99999999999999999999999}\n").unwrap();
    assert!(s.project.vars.is_some());
}

#[test]
fn names_with_dot_dot_never_become_paths() {
    let text = b"project: {name: a}\ndestinations: {dev: {server: https://k}}\nenvironments:\n  dev:\n    services:\n      - name: ../../etc\n      - name: ok\n        valuesFile: ../../../passwd.yaml\n      - name: /abs\n";
    let s = try_import("../../evil.yaml", text).unwrap();
    assert_eq!(s.site.as_str(), "evil", "only the base name counts");
    for f in common::files(&s) {
        assert!(is_safe_entry_name(&f.path), "{}", f.path);
        assert!(!f.path.contains(".."), "{}", f.path);
    }
    let codes: Vec<&str> = common::lint(&s).iter().map(|p| p.code()).collect();
    assert_eq!(codes.iter().filter(|c| **c == "XS203").count(), 2, "{codes:?}");
    assert!(codes.contains(&"XS209"), "{codes:?}");

    let envs = b"project: {name: a}\ndestinations: {../up: {server: https://k}, ok: {server: https://k}}\nextraApps: [{name: ../x, path: p}]\n";
    let s = try_import("envs.yaml", envs).unwrap();
    for f in common::files(&s) {
        assert!(is_safe_entry_name(&f.path) && !f.path.contains(".."), "{}", f.path);
    }
    assert!(common::files(&s).iter().any(|f| f.path == "rendered/ok/argocd/appproject.yaml"));
    assert_eq!(common::lint(&s).iter().filter(|p| p.code() == "XS210").count(), 2);
    // The names stay data inside the project file.
    let zip = bundle_zip(&common::rendered(&s)).unwrap();
    let back = import(&ProjectState::empty(), &[InputFile::new("b.zip", zip)]).unwrap();
    assert_eq!(back, s);
}

#[test]
fn utf16_with_bom_is_read() {
    let text = "project:\n  name: 유니코드\n  namespace: x\n";
    let bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
    let s = try_import("utf16.yaml", &bytes).unwrap();
    assert_eq!(s.project.name(), Some("유니코드"));
    // UTF-16 without a BOM is not guessed at.
    let no_bom: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    refused("nobom.yaml", &no_bom);
}

#[test]
fn multiple_documents_merge_as_in_helm() {
    // Helm 4's LoadValues merges the documents of a values file, the later winning.
    let s = try_import("multi.yaml", b"project: {name: a, namespace: ns}\n---\nproject: {name: b}\n").unwrap();
    assert_eq!((s.project.name(), s.project.namespace()), (Some("b"), Some("ns")));
    refused("multi.yaml", b"project: {name: a}\n--- x\n");
}

#[test]
fn oversized_files_are_refused_before_parsing() {
    let big = vec![b'#'; 5 * 1024 * 1024];
    assert!(matches!(refused("big.yaml", &big), ImportError::TooLarge { .. }));
}
