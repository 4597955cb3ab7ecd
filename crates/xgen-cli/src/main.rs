//! `xgen-studio`: the studio's core on the command line, for CI pipelines.
//!
//! Every command loads its inputs as the page does when they are dropped
//! together on a fresh studio, renders the state once, and reads that
//! snapshot.
//!
//! Exit codes: 0 success; 1 problems of severity error (`lint`), a failed
//! route test (`test-routes`); 2 an input cannot be read (the message names
//! the file, and line and column where known) or the output cannot be written.
//!
//! Text output and messages show input text inert (`xgen_core::inert`):
//! control characters, terminal sequences, bidirectional and invisible
//! characters are printed escaped. JSON is exact (docs/security.md,
//! "Output").

mod files;
mod validator;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use xgen_core::checks::{has_errors, run_all, xs406_promql_syntax::Parser as PromqlParser};
use xgen_core::inert::inert;
use xgen_core::rendered::{render, Rendered};
use xgen_core::simulator::{run_route_tests, simulate_request, Extra, RouteTest, Simulation};
use xgen_core::text::{decode, parse_yaml, MAX_TEXT_BYTES};
use xgen_core::{bundle, import, InputFile, ProjectState};

/// The most read of one input: a bundle may be as large as
/// [`bundle::MAX_BUNDLE_BYTES`]; a YAML file is then refused by the core
/// above [`MAX_TEXT_BYTES`].
const MAX_INPUT_BYTES: u64 =
    if bundle::MAX_BUNDLE_BYTES > MAX_TEXT_BYTES as u64 { bundle::MAX_BUNDLE_BYTES } else { MAX_TEXT_BYTES as u64 };

/// Prints one line of text output, inert.
fn say(line: &str) {
    println!("{}", inert(line));
}

#[derive(Parser)]
#[command(name = "xgen-studio", version, about = "XGEN Config Studio on the command line")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write the bundle zip: byte-identical to the studio's "Download bundle".
    Bundle {
        /// Project file, values files, xgen-studio.yaml, or a bundle zip.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Where to write the zip.
        #[arg(short, long)]
        output: PathBuf,
        /// Replace plain-text secrets (XS501) with `${NAME}` placeholders,
        /// as the page's "Secrets as placeholders" does.
        #[arg(long)]
        placeholders: bool,
    },
    /// Write the bundle's files as a directory tree (the same tree as the zip).
    Render {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The directory to write into (created if missing).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// What Istio does with each URL in an environment, and why.
    ///
    /// Arguments with `://` are URLs; the others are inputs.
    Simulate {
        #[arg(required = true, value_name = "INPUT|URL")]
        args: Vec<String>,
        #[arg(long)]
        env: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// The request's method.
        #[arg(long, default_value = "GET")]
        method: String,
        /// A request header, `Name: value`. Repeatable.
        #[arg(long = "header", value_name = "NAME: VALUE")]
        headers: Vec<String>,
        /// The cluster's own Istio objects for an environment (Gateways,
        /// VirtualServices, DestinationRules; `kubectl get … -o yaml`),
        /// routed through with the chart's. Repeatable.
        #[arg(long = "objects", value_name = "ENV=FILE")]
        objects: Vec<String>,
    },
    /// Run the route tests (from the bundle's xgen-studio.yaml, or --tests);
    /// exit 1 when any fails.
    TestRoutes {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// A YAML file with `routeTests:` (an xgen-studio.yaml), a list of
        /// tests, or istio-config-validator's test cases (`testCases:`).
        #[arg(long)]
        tests: Option<PathBuf>,
        /// The environment istio-config-validator's test cases run in.
        #[arg(long)]
        env: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// The cluster's own Istio objects for an environment (Gateways,
        /// VirtualServices, DestinationRules; `kubectl get … -o yaml`),
        /// routed through with the chart's. Repeatable.
        #[arg(long = "objects", value_name = "ENV=FILE")]
        objects: Vec<String>,
    },
    /// What Argo CD would change in each environment between two states:
    /// the rendered objects that are added, removed or changed, with diffs.
    /// Exit 0 when nothing rendered differs, 1 when something does.
    Diff {
        /// The state before (anything the other commands take).
        #[arg(long, required = true, num_args = 1.., value_name = "INPUT")]
        base: Vec<PathBuf>,
        /// The state after.
        #[arg(long, required = true, num_args = 1.., value_name = "INPUT")]
        head: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// Applied to both states.
        /// The cluster's own Istio objects for an environment (Gateways,
        /// VirtualServices, DestinationRules; `kubectl get … -o yaml`),
        /// routed through with the chart's. Repeatable.
        #[arg(long = "objects", value_name = "ENV=FILE")]
        objects: Vec<String>,
    },
    /// Check the project; exit 1 when there are problems of severity error.
    Lint {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// The cluster's own Istio objects for an environment (Gateways,
        /// VirtualServices, DestinationRules; `kubectl get … -o yaml`),
        /// routed through with the chart's. Repeatable.
        #[arg(long = "objects", value_name = "ENV=FILE")]
        objects: Vec<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Text,
    Json,
    /// For a pull-request comment: a collapsible section per environment.
    Markdown,
}

type Outcome = Result<ExitCode, String>;

/// Reads and imports the inputs exactly as the browser does when they are
/// dropped together on a fresh studio.
fn load(inputs: &[PathBuf]) -> Result<ProjectState, String> {
    let mut files = Vec::new();
    for path in inputs {
        let bytes = files::read_input(path, MAX_INPUT_BYTES)?;
        files.push(InputFile::new(path.display().to_string(), bytes));
    }
    let state = import(&ProjectState::empty(), &files).map_err(|e| e.to_string())?;
    if !state.has_project() {
        return Err("no project file among the inputs (k3s/argocd/projects/<site>.yaml or a bundle zip)".into());
    }
    Ok(state)
}

/// Adds each `--objects ENV=FILE` to the state, as the page imports a
/// dropped file of Istio objects for an environment.
fn with_objects(mut state: ProjectState, objects: &[String]) -> Result<ProjectState, String> {
    for arg in objects {
        let (env, path) = arg.split_once('=').ok_or_else(|| format!("--objects takes ENV=FILE, not `{arg}`"))?;
        let path = PathBuf::from(path);
        let bytes = files::read_input(&path, MAX_TEXT_BYTES as u64)?;
        let file = InputFile::new(path.display().to_string(), bytes);
        state = xgen_core::import::import_objects(&state, env, &file).map_err(|e| e.to_string())?;
    }
    Ok(state)
}

/// `Name: value` headers.
fn parse_headers(headers: &[String]) -> Result<Vec<(String, String)>, String> {
    headers
        .iter()
        .map(|h| {
            let (name, value) = h.split_once(':').ok_or_else(|| format!("--header takes `Name: value`, not `{h}`"))?;
            let name = name.trim();
            if name.is_empty() || name.bytes().any(|b| !b.is_ascii_graphic()) {
                return Err(format!("--header: `{name}` is not a header name"));
            }
            Ok((name.to_owned(), value.trim().to_owned()))
        })
        .collect()
}

fn json<T: serde::Serialize>(value: &T) -> Result<(), String> {
    println!("{}", serde_json::to_string_pretty(value).map_err(|e| e.to_string())?);
    Ok(())
}

fn bundle_command(state: ProjectState, output: &Path, placeholders: bool) -> Outcome {
    // With placeholders the download is of another state (secrets replaced),
    // so it has its own snapshot.
    let state = if placeholders { xgen_core::secrets::with_placeholders(&state).0 } else { state };
    let rendered = render(&state);
    let zip = bundle::bundle_zip(&rendered).map_err(|e| e.to_string())?;
    files::write_file(output, &zip)?;
    note_rewritten(&rendered);
    Ok(ExitCode::SUCCESS)
}

fn render_command(rendered: &Rendered, output: &Path) -> Outcome {
    let files = rendered.files().map_err(|e| e.to_string())?;
    // Paths are validated relative names (see xgen_core::layout), written
    // under the output directory only, never through a symbolic link.
    files::Tree::new(output)?.write_all(files.iter().map(|f| (f.path.as_str(), f.text.as_bytes())))?;
    say(&format!("wrote {} files under {}", files.len(), output.display()));
    note_rewritten(rendered);
    Ok(ExitCode::SUCCESS)
}

/// One line per imported file the write could not patch (XS605): nothing
/// is lost silently (docs/bundle.md, "A file the user brought in…").
fn note_rewritten(rendered: &Rendered) {
    rewritten_notes(rendered).iter().for_each(|line| say(line));
}

fn rewritten_notes(rendered: &Rendered) -> Vec<String> {
    rendered
        .kept()
        .iter()
        .filter(|(_, k)| k.loses_layout())
        .map(|(path, how)| format!("note: {path}: {}", how.as_str()))
        .collect()
}

fn print_simulation(s: &Simulation) {
    let dest = s
        .destination
        .as_ref()
        .map_or("-".into(), |d| format!("{}:{}", d.host, d.port.map_or("?".into(), |p| p.to_string())));
    say(&format!("{} [{}] -> {} {}", s.url, s.env, s.status, dest));
    for r in &s.reasons {
        say(&format!("    because {r}"));
    }
    for n in &s.notes {
        say(&format!("    note: {n}"));
    }
}

fn simulate_command(
    state: &ProjectState,
    rendered: &Rendered,
    env: &str,
    urls: &[String],
    extra: &Extra,
    format: Format,
) -> Outcome {
    if urls.is_empty() {
        return Err("give at least one URL (with http:// or https://)".into());
    }
    if !state.project.environment_names().iter().any(|e| e == env) {
        return Err(format!("the project has no environment `{env}`"));
    }
    let sims: Vec<Simulation> = urls.iter().map(|u| simulate_request(rendered, env, u, extra)).collect();
    match format {
        Format::Json => json(&sims)?,
        Format::Text => sims.iter().for_each(print_simulation),
    }
    Ok(ExitCode::SUCCESS)
}

/// Route tests from a file: a list, or a mapping with `routeTests`.
fn read_tests(path: &Path) -> Result<Vec<RouteTest>, String> {
    let file = path.display().to_string();
    let text = decode(&file, &files::read_input(path, MAX_TEXT_BYTES as u64)?).map_err(|e| e.to_string())?;
    #[derive(serde::Deserialize)]
    struct Wrapped {
        #[serde(rename = "routeTests")]
        route_tests: Vec<RouteTest>,
    }
    parse_yaml::<Vec<RouteTest>>(&file, &text)
        .or_else(|_| parse_yaml::<Wrapped>(&file, &text).map(|w| w.route_tests))
        .map_err(|e| e.to_string())
}

fn test_routes_command(state: &ProjectState, rendered: &Rendered, tests: Option<&Path>, format: Format) -> Outcome {
    let tests = match tests {
        Some(path) => read_tests(path)?,
        None => state.settings.route_tests.clone().unwrap_or_default(),
    };
    if tests.is_empty() {
        return Err("no route tests: add routeTests to xgen-studio.yaml or give --tests FILE".into());
    }
    let results = run_route_tests(rendered, &tests);
    match format {
        Format::Json => json(&results)?,
        Format::Text => {
            for r in &results {
                let verdict = if r.passed { "PASS" } else { "FAIL" };
                say(&format!("{verdict} {} [{}]: {}", r.test.url, r.test.env, r.message));
            }
        }
    }
    let failed = results.iter().filter(|r| !r.passed).count();
    let tally = format!("{} passed, {failed} failed", results.len() - failed);
    match format {
        // Standard output holds the JSON document alone.
        Format::Json => eprintln!("{tally}"),
        Format::Text => say(&tally),
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// istio-config-validator's test cases, in one environment.
fn validator_command(
    state: &ProjectState,
    rendered: &Rendered,
    file: &str,
    text: &str,
    env: Option<&str>,
    format: Format,
) -> Outcome {
    let env = env.ok_or("istio-config-validator's test cases name no environment: give --env ENV")?;
    if !state.project.environment_names().iter().any(|e| e == env) {
        return Err(format!("the project has no environment `{env}`"));
    }
    let cases = validator::read(file, text)?;
    if cases.is_empty() {
        return Err(format!("{file}: no test cases"));
    }
    let results = validator::run(rendered, env, &cases)?;
    match format {
        Format::Json => json(&results)?,
        Format::Text => {
            for r in &results {
                let verdict = if r.passed { "PASS" } else { "FAIL" };
                say(&format!("{verdict} {}: {} {} [{}]: {}", r.description, r.method, r.url, r.env, r.message));
            }
        }
    }
    let failed = results.iter().filter(|r| !r.passed).count();
    let tally = format!("{} passed, {failed} failed", results.len() - failed);
    match format {
        Format::Json => eprintln!("{tally}"),
        Format::Text => say(&tally),
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn lint_command(state: &ProjectState, rendered: &Rendered, format: Format) -> Outcome {
    let problems = run_all(state, rendered, &PromqlParser);
    match format {
        Format::Json => json(&problems)?,
        Format::Text => {
            for p in &problems {
                say(&format!("{}: {}: {}[{}]: {}", p.file(), p.path(), p.severity().as_str(), p.code(), p.message()));
                say(&format!("    hint: {}", p.hint()));
            }
            let errors = problems.iter().filter(|p| p.severity() == xgen_core::checks::Severity::Error).count();
            say(&format!("{} problems ({errors} errors)", problems.len()));
        }
    }
    Ok(if has_errors(&problems) { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn diff_command(base: &[PathBuf], head: &[PathBuf], objects: &[String], format: DiffFormat) -> Outcome {
    let (base, head) = (with_objects(load(base)?, objects)?, with_objects(load(head)?, objects)?);
    let (base, head) = (render(&base), render(&head));
    for side in [&base, &head] {
        side.files().map_err(|e| e.to_string())?;
    }
    let impact = xgen_core::impact::impact(&base, &head);
    match format {
        DiffFormat::Json => json(&impact.objects)?,
        DiffFormat::Text => print!("{}", xgen_core::impact::text(&impact)),
        DiffFormat::Markdown => print!("{}", xgen_core::impact::markdown(&impact)),
    }
    Ok(if impact.objects.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn run(command: Command) -> Outcome {
    match command {
        Command::Bundle { inputs, output, placeholders } => bundle_command(load(&inputs)?, &output, placeholders),
        Command::Render { inputs, output } => render_command(&render(&load(&inputs)?), &output),
        Command::Simulate { args, env, format, method, headers, objects } => {
            let (urls, inputs): (Vec<String>, Vec<String>) = args.into_iter().partition(|a| a.contains("://"));
            let inputs: Vec<PathBuf> = inputs.into_iter().map(PathBuf::from).collect();
            let state = with_objects(load(&inputs)?, &objects)?;
            let headers = parse_headers(&headers)?;
            let extra = Extra { method: &method, headers: &headers };
            simulate_command(&state, &render(&state), &env, &urls, &extra, format)
        }
        Command::TestRoutes { inputs, tests, env, format, objects } => {
            let state = with_objects(load(&inputs)?, &objects)?;
            if let Some(path) = &tests {
                let file = path.display().to_string();
                let text =
                    decode(&file, &files::read_input(path, MAX_TEXT_BYTES as u64)?).map_err(|e| e.to_string())?;
                if validator::is_validator_file(&text) {
                    return validator_command(&state, &render(&state), &file, &text, env.as_deref(), format);
                }
            }
            test_routes_command(&state, &render(&state), tests.as_deref(), format)
        }
        Command::Diff { base, head, format, objects } => diff_command(&base, &head, &objects, format),
        Command::Lint { inputs, format, objects } => {
            let state = with_objects(load(&inputs)?, &objects)?;
            lint_command(&state, &render(&state), format)
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => e.exit(), // --help, --version
        Err(e) => {
            // A usage error quotes the arguments, which may be file names:
            // its plain text (clap's own styling left out), inert.
            eprint!("{}", xgen_core::inert::inert_lines(&e.render().to_string()));
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match run(cli.command) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("xgen-studio: {}", inert(&message));
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The busan file (CRLF, no final newline) edited as the keep golden
    /// case `crlf-no-final-newline` edits it: the edit cannot be patched.
    fn busan(edited: bool) -> ProjectState {
        let original = include_str!("../../../tests/fixtures/keep/busan.yaml");
        let state = import(&ProjectState::empty(), &[InputFile::new("busan.yaml", original.as_bytes())]).unwrap();
        if !edited {
            return state;
        }
        let text = include_str!("../../xgen-core/tests/golden/keep/crlf-no-final-newline.yaml");
        let mut after = import(&state, &[InputFile::new("busan.yaml", text.as_bytes())]).unwrap();
        after.originals = state.originals.clone();
        after
    }

    #[test]
    fn a_rewritten_file_gets_a_note_and_a_kept_one_none() {
        let notes = rewritten_notes(&render(&busan(true)));
        assert_eq!(notes, ["note: k3s/argocd/projects/busan.yaml: rewritten (comments and layout not kept)"]);
        assert!(rewritten_notes(&render(&busan(false))).is_empty());
    }
}
