//! Hostile text in the inputs reaches no reader live (docs/security.md,
//! "Output"): every command's text output and messages show control
//! characters, terminal sequences, bidirectional and invisible characters
//! escaped; `diff --format markdown` keeps its structure whatever the names;
//! JSON carries the exact strings.
//!
//! The hostile text enters where a project lets it: a values file's
//! `serviceName` (the objects' `metadata.name`), route prefixes and services,
//! project, namespace and environment names, `vars` keys, route tests, the
//! URLs given to `simulate`, `--env`, file names.

mod common;

use common::{example_path, run_bounded};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;
use xgen_core::inert::inert;

/// A name that, printed raw, would end a code span and the `<details>`
/// block, add a heading, a tracking image, a link and HTML to a Markdown
/// comment, and clear the terminal, print a green PASS, hide a link (OSC 8),
/// write the clipboard (OSC 52), and reverse the rest of the line.
const HOSTILE: &str = concat!(
    "x`` `\n\n</details>\n\n## \u{2705} No rendered changes: safe to merge\n\n",
    "![x](https://evil.example/p.png) [click](https://evil.example/) <img src=x onerror=alert(1)>\n",
    "| a | b |\n|---|---|\n~~~\n```\n",
    "\x1b[2J\x1b[H\x1b[32mPASS\x1b[0m \x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\ ",
    "\x1b]52;c;cm0gLXJmIH4=\x07 \u{9b}31m \t\r\u{7f}",
    "\u{202e}lmay.exe\u{202c} \u{2066}\u{2067}\u{2068}\u{2069}\u{200e}\u{200f}\u{61c}\u{200b}\u{200c}\u{200d}\u{2060}\u{feff}",
);

/// Pieces of [`HOSTILE`] that must never be Markdown prose, HTML or a
/// line's start.
const TELLTALES: [&str; 6] = ["evil", "PASS", "safe to merge", "onerror", "lmay", "| a |"];

const LIMIT: Duration = Duration::from_secs(120);

fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    run_bounded(args, LIMIT)
}

/// Characters that must not reach a reader raw (listed here, apart from
/// the code under test): C0 controls but the line feed between lines, DEL,
/// C1 controls, bidirectional formatting, zero-width characters.
fn raw_hidden(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c < ' ' && c != '\n')
                || ('\u{7f}'..='\u{9f}').contains(&c)
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
                || ['\u{200e}', '\u{200f}', '\u{61c}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}']
                    .contains(&c)
        })
        .collect()
}

fn assert_inert(what: &str, out: &Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: {stream} is not UTF-8: {e}"));
        let raw = raw_hidden(text);
        assert!(raw.is_empty(), "{what}: raw {raw:?} on {stream}:\n{text}");
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn parse_json(what: &str, out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{what}: stdout is not one JSON document: {e}"))
}

/// The fixtures, written as YAML by serde (never from strings).
struct Fixture {
    dir: PathBuf,
}

impl Fixture {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("xgen-hostile-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Fixture { dir }
    }

    fn yaml(&self, name: &str, value: &Value) -> String {
        let path = self.dir.join(name);
        std::fs::write(&path, serde_yaml::to_string(value).unwrap()).unwrap();
        path.display().to_string()
    }

    /// `serviceName` in a values file: the name of the service's objects.
    fn service_name(&self) -> String {
        self.yaml("xgen-core.yaml", &json!({"serviceName": HOSTILE}))
    }

    /// The ingress service's routes: a prefix and a destination.
    fn routes(&self) -> String {
        self.yaml(
            "xgen-frontend.yaml",
            &json!({"serviceName": "xgen-frontend", "ingress": {"enabled": true, "routes": [
                {"prefix": HOSTILE, "service": HOSTILE, "port": 8000},
                {"prefix": "/api/", "service": "xgen-backend-gateway", "port": 8000},
            ]}}),
        )
    }

    /// A project whose names, environment, `vars` key and domain are hostile.
    fn project(&self) -> String {
        self.yaml(
            "hostile.yaml",
            &json!({
                "project": {"name": HOSTILE, "namespace": HOSTILE, "description": HOSTILE},
                "source": {"repoURL": HOSTILE, "targetRevision": HOSTILE},
                "destinations": {"dev": {"server": "https://k", "domain": HOSTILE}, HOSTILE: {"server": HOSTILE}},
                "vars": {HOSTILE: HOSTILE},
                "site": HOSTILE,
                "environments": {"dev": {"services": [{"name": "xgen-core"}, {"name": HOSTILE}]}},
            }),
        )
    }

    fn route_tests(&self) -> String {
        self.yaml(
            "tests.yaml",
            &json!({"routeTests": [
                {"env": "prd", "url": HOSTILE, "service": HOSTILE},
                {"env": HOSTILE, "url": "https://jeju-xgen.x2bee.com/api/x", "service": "xgen-backend-gateway"},
                {"env": "prd", "url": format!("https://jeju-xgen.x2bee.com/{HOSTILE}"), "service": "xgen-frontend"},
            ]}),
        )
    }
}

/// The text lines a command prints: each must be one the tool made, never a
/// line a newline in a name started.
fn lines(out: &Output) -> Vec<String> {
    stdout(out).lines().map(str::to_owned).collect()
}

#[test]
fn lint_text_is_inert_and_json_is_exact() {
    let f = Fixture::new("lint");
    let inputs = [f.project(), f.routes(), f.service_name()];
    let text = run(&[&["lint".to_owned()][..], &inputs[..]].concat());
    assert_eq!(text.status.code(), Some(1), "{}", stderr(&text));
    assert_inert("lint", &text);
    let json = run(&[&["lint".to_owned()][..], &inputs[..], &["--format".into(), "json".into()]].concat());
    let problems = parse_json("lint", &json);
    let problems = problems.as_array().unwrap();
    // Exact in JSON: the hostile name, in messages and paths.
    assert!(problems.iter().any(|p| p["message"].as_str().unwrap().contains(HOSTILE)), "{problems:?}");
    assert!(problems.iter().any(|p| p["path"].as_str().unwrap().contains(HOSTILE)), "{problems:?}");
    // Two lines per problem and the count: no name adds a line.
    let lines = lines(&text);
    assert_eq!(lines.len(), 2 * problems.len() + 1, "{lines:#?}");
    for (i, p) in problems.iter().enumerate() {
        assert!(lines[2 * i].ends_with(&*inert(p["message"].as_str().unwrap())), "{}", lines[2 * i]);
        assert!(lines[2 * i + 1].starts_with("    hint: "));
    }
}

#[test]
fn simulate_text_is_inert_and_json_is_exact() {
    let f = Fixture::new("simulate");
    let url = format!("https://jeju-xgen.x2bee.com/api/{HOSTILE}");
    let args = |format: &str| {
        vec![
            "simulate".to_owned(),
            example_path(),
            f.routes(),
            "--env".into(),
            "prd".into(),
            "--format".into(),
            format.into(),
            url.clone(),
            "http://nope.example/".into(),
        ]
    };
    let text = run(&args("text"));
    assert_eq!(text.status.code(), Some(0), "{}", stderr(&text));
    assert_inert("simulate", &text);
    let sims = parse_json("simulate", &run(&args("json")));
    assert_eq!(sims[0]["url"], url.as_str());
    let reasons = sims[0]["reasons"].as_array().unwrap();
    assert!(reasons.iter().any(|r| r.as_str().unwrap().contains(HOSTILE)), "{reasons:?}");
    // One line per URL, reason and note.
    let expected: usize = sims
        .as_array()
        .unwrap()
        .iter()
        .map(|s| 1 + s["reasons"].as_array().unwrap().len() + s["notes"].as_array().unwrap().len())
        .sum();
    let lines = lines(&text);
    assert_eq!(lines.len(), expected, "{lines:#?}");
    assert!(lines[0].starts_with(&*inert(&url)), "{}", lines[0]);

    // An unknown --env is quoted in the message, inert.
    let bad = run(&["simulate", &example_path(), "--env", HOSTILE, "http://x.example/"]);
    assert_eq!(bad.status.code(), Some(2));
    assert_inert("simulate --env", &bad);
    assert_eq!(stderr(&bad), format!("xgen-studio: the project has no environment `{}`\n", inert(HOSTILE)));
}

#[test]
fn test_routes_text_is_inert_and_json_is_exact() {
    let f = Fixture::new("routes");
    let base = ["test-routes".to_owned(), example_path(), f.routes(), "--tests".into(), f.route_tests()];
    let text = run(&base);
    assert_eq!(text.status.code(), Some(1), "{}", stderr(&text));
    assert_inert("test-routes", &text);
    let lines = lines(&text);
    assert_eq!(lines.len(), 4, "one line per test and the tally: {lines:#?}");
    assert!(lines[..3].iter().all(|l| l.starts_with("PASS ") || l.starts_with("FAIL ")), "{lines:#?}");
    assert!(lines[0].starts_with(&format!("FAIL {} [prd]: ", inert(HOSTILE))), "{}", lines[0]);
    assert!(lines[2].starts_with(&format!("PASS https://jeju-xgen.x2bee.com/{} [prd]: ", inert(HOSTILE))));
    assert_eq!(lines[3], "1 passed, 2 failed");

    let json = run(&[&base[..], &["--format".into(), "json".into()]].concat());
    assert_eq!(json.status.code(), Some(1));
    // Standard output is the JSON document alone; the tally goes to stderr.
    let results = parse_json("test-routes", &json);
    assert_eq!(results[0]["test"]["url"], HOSTILE);
    assert_eq!(results[0]["test"]["service"], HOSTILE);
    assert_eq!(results[1]["test"]["env"], HOSTILE);
    assert_eq!(stderr(&json), "1 passed, 2 failed\n");
    assert_inert("test-routes json stderr", &Output { stdout: Vec::new(), ..json });
}

fn diff_args(f: &Fixture, format: &str) -> Vec<String> {
    let mut args = vec!["diff".to_owned(), "--base".into(), example_path(), "--head".into(), f.project()];
    args.extend([f.service_name(), f.routes(), "--format".into(), format.into()]);
    args
}

#[test]
fn diff_text_is_inert_line_by_line() {
    let f = Fixture::new("diff-text");
    let text = run(&diff_args(&f, "text"));
    assert_eq!(text.status.code(), Some(1), "{}", stderr(&text));
    assert_inert("diff", &text);
    let objects = parse_json("diff", &run(&diff_args(&f, "json")));
    let objects = objects.as_array().unwrap();
    // JSON names the objects exactly: the project's AppProject, the
    // service's objects.
    assert!(objects.iter().any(|o| o["kind"] == "AppProject" && o["name"] == HOSTILE), "{objects:?}");
    assert!(objects.iter().any(|o| o["kind"] == "Deployment" && o["name"] == HOSTILE));
    // Every line is the tool's (summary, `== env`, an object or source
    // heading) or a diff line, which starts with the diff's own marks.
    let lines = lines(&text);
    let mut headings = 0;
    for line in &lines[1..] {
        if line.is_empty() || line.starts_with("== ") {
            continue;
        }
        if ["added ", "changed ", "removed "].iter().any(|k| line.starts_with(k)) {
            headings += 1;
            continue;
        }
        let first = line.chars().next().unwrap();
        assert!([' ', '+', '-', '@', '\\'].contains(&first), "a line no diff makes: {line:?}");
    }
    let sources = lines
        .iter()
        .skip_while(|l| !l.starts_with("== sources ("))
        .filter(|l| ["added ", "changed ", "removed "].iter().any(|k| l.starts_with(k)));
    assert_eq!(headings, objects.len() + sources.count(), "{lines:#?}");
    for line in &lines {
        assert!(!TELLTALES.iter().any(|t| line.starts_with(t)) && !line.starts_with('#'), "{line:?}");
    }
}

/// What a CommonMark reader makes of a Markdown text.
#[derive(Default, Debug)]
struct Markdown {
    headings: Vec<String>,
    /// Text outside code: what a reader sees as prose.
    prose: Vec<String>,
    code_spans: Vec<String>,
    code_blocks: Vec<(String, String)>,
    html: Vec<String>,
    links_or_images: usize,
    tables: usize,
}

fn read_markdown(text: &str) -> Markdown {
    // GitHub's flavour: tables, strikethrough, task lists, footnotes.
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS | Options::ENABLE_FOOTNOTES;
    let mut md = Markdown::default();
    let (mut heading, mut block): (Option<String>, Option<(String, String)>) = (None, None);
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => md.headings.push(heading.take().unwrap()),
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => md.links_or_images += 1,
            Event::Start(Tag::Table(_)) => md.tables += 1,
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => "(indented)".into(),
                };
                block = Some((info, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => md.code_blocks.push(block.take().unwrap()),
            Event::Text(t) => match (&mut block, &mut heading) {
                (Some((_, body)), _) => body.push_str(&t),
                (None, Some(h)) => h.push_str(&t),
                (None, None) => md.prose.push(t.to_string()),
            },
            Event::Code(c) => md.code_spans.push(c.to_string()),
            Event::Html(h) | Event::InlineHtml(h) => md.html.push(h.to_string()),
            _ => {}
        }
    }
    md
}

#[test]
fn diff_markdown_keeps_its_structure_whatever_the_names() {
    let f = Fixture::new("diff-md");
    let out = run(&diff_args(&f, "markdown"));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_inert("diff markdown", &out);
    let text = stdout(&out);
    let objects = parse_json("diff", &run(&diff_args(&f, "json")));
    let objects = objects.as_array().unwrap();
    let md = read_markdown(&text);
    assert_eq!(md.headings, ["Change impact"], "{text}");
    assert_eq!((md.links_or_images, md.tables), (0, 0), "{text}");
    // `<details>` balanced: one per environment and one for the sources,
    // every one closed by the tool.
    let html = md.html.concat();
    let (open, close) = (html.matches("<details>").count(), html.matches("</details>").count());
    // (The hostile environment is no DNS label: it renders nothing.)
    assert_eq!((open, close), (3, 3), "dev, prd, sources: {html}");
    for t in TELLTALES.iter().chain(&["<img", "## "]) {
        assert!(!html.contains(t), "{t:?} in HTML: {html}");
        assert!(md.prose.iter().all(|p| !p.contains(t)), "{t:?} in prose: {:?}", md.prose);
    }
    // Names are code spans, whole: each object's kind, name and file.
    for o in objects {
        for field in ["kind", "name", "file"] {
            let want = inert(o[field].as_str().unwrap()).into_owned();
            if want.is_empty() {
                continue; // a document without `kind`
            }
            assert!(md.code_spans.contains(&want), "{field} {want:?} not a code span");
        }
    }
    // One fenced block per object and per source, each holding its whole diff.
    let sources = text.split("<summary><b>sources</b>: ").nth(1).expect("sources section");
    let source_count: usize = sources.split(' ').next().unwrap().parse().unwrap();
    assert_eq!(md.code_blocks.len(), objects.len() + source_count);
    for ((info, body), o) in md.code_blocks.iter().zip(objects) {
        assert_eq!(info, "diff");
        assert_eq!(body, &*xgen_core::inert::inert_lines(o["diff"].as_str().unwrap()));
    }
    // No line starts a heading but the tool's.
    let headings: Vec<&str> = text.lines().filter(|l| l.trim_start().starts_with('#')).collect();
    assert_eq!(headings, ["### Change impact"]);
}

#[test]
fn error_messages_are_inert() {
    let f = Fixture::new("errors");
    // A file name with a terminal sequence, a newline and a bidi override,
    // holding broken YAML whose error quotes it.
    let name = "bad\x1b[2J\x1b]52;c;aGk=\x07\u{202e}lmay.\n## x.yaml";
    let path = f.dir.join(name);
    std::fs::write(&path, format!("project: {{name: \"{}\", namespace: [\n", "\\e[2J\\u202e")).unwrap();
    let path = path.display().to_string();
    for args in [
        vec!["lint".to_owned(), path.clone()],
        vec!["lint".into(), f.dir.join(format!("missing-{name}")).display().to_string()],
        vec![
            "diff".into(),
            "--base".into(),
            example_path(),
            "--head".into(),
            path.clone(),
            "--format".into(),
            "markdown".into(),
        ],
        vec!["render".into(), path.clone(), "-o".into(), f.dir.join("out").display().to_string()],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_inert("error", &out);
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("xgen-studio: ") && err.contains(&*inert(name)), "{err}");
    }
    // A usage error quotes the argument: plain text, inert.
    let out = run(&["lint", &example_path(), "--format", HOSTILE]);
    assert_eq!(out.status.code(), Some(2));
    assert_inert("usage error", &out);
    assert!(stderr(&out).contains("--format"), "{}", stderr(&out));
    // The output directory's name, in render's report.
    let dir = f.dir.join(format!("out-{name}"));
    let out = run(&["render".to_owned(), example_path(), "-o".into(), dir.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_inert("render", &out);
    assert!(Path::new(&dir).join("xgen-studio.yaml").exists());
}
