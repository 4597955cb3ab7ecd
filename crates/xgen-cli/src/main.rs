//! `xgen-studio`: the studio's core on the command line, for CI pipelines.
//!
//! Every command loads its inputs as the page does when they are dropped
//! together on a fresh studio, renders the state once, and reads that
//! snapshot.
//!
//! An input may be a folder (a repository's working copy): the studio reads
//! the files it knows in it (docs/inputs.md, "A folder"); `--site NAME`
//! picks one site when it holds several.
//!
//! Exit codes: 0 success; 1 problems of severity error (`lint`), a failed
//! route test (`test-routes`), a stale working copy (`write --check`),
//! a difference (`diff`); 2 an input cannot be read (the message names
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
use xgen_core::folder::Opened;
use xgen_core::inert::inert;
use xgen_core::patch::ChangeKind;
use xgen_core::rendered::{render, Rendered};
use xgen_core::simulator::{run_route_tests, simulate_request, Extra, Gateway, RouteTest, Simulation};
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
    /// The site to open when a folder input holds several: its project
    /// file's path in the folder, its file name's stem, or its project.name.
    #[arg(long, global = true, value_name = "NAME")]
    site: Option<String>,
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
    /// Bring every file the studio owns in a working copy up to date (the
    /// project file, values files, xgen-studio.yaml, the observability
    /// files), as the studio writes them, and print what changed.
    ///
    /// With --check nothing is written: the patch is printed, and the exit
    /// code is 1 when anything is stale (a CI gate).
    Write {
        /// The repository's folder.
        folder: PathBuf,
        /// Write nothing; print the patch; exit 1 when a file is stale.
        #[arg(long)]
        check: bool,
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
    /// A git-format unified patch of the files the studio owns (project,
    /// values, settings, observability files), from what the base writes
    /// to what the head writes; `git apply` takes it.
    Patch,
}

type Outcome = Result<ExitCode, String>;

/// Inputs loaded: the state, and the files as they were opened (a
/// folder's, by bundle path under its root; else the imported files').
struct Loaded {
    state: ProjectState,
    opened: Opened,
}

/// Reads and imports the inputs exactly as the browser does when they are
/// dropped together on a fresh studio; a folder as the page opens one
/// (its site's files, named by their path in it, in the same batch).
fn load_opened(inputs: &[PathBuf], site: Option<&str>) -> Result<Loaded, String> {
    let mut files = Vec::new();
    let mut opened = None;
    for path in inputs {
        if path.is_dir() {
            if opened.is_some() {
                return Err("give one folder at a time".into());
            }
            let chosen = files::read_folder(path)?.choose(site).map_err(|e| format!("{}: {e}", path.display()))?;
            for input in chosen.inputs {
                let name = path.join(&input.name).display().to_string();
                files.push(InputFile::new(name, input.bytes));
            }
            opened = Some(chosen.opened);
            continue;
        }
        let bytes = files::read_input(path, MAX_INPUT_BYTES)?;
        files.push(InputFile::new(path.display().to_string(), bytes));
    }
    if site.is_some() && opened.is_none() {
        return Err("--site picks a site of a folder input; no folder was given".into());
    }
    let state = import(&ProjectState::empty(), &files).map_err(|e| e.to_string())?;
    if !state.has_project() {
        return Err("no project file among the inputs (k3s/argocd/projects/<site>.yaml or a bundle zip)".into());
    }
    let opened = opened.unwrap_or_else(|| Opened::from_originals(&state));
    Ok(Loaded { state, opened })
}

fn load(inputs: &[PathBuf], site: Option<&str>) -> Result<ProjectState, String> {
    load_opened(inputs, site).map(|l| l.state)
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
    // The route table once for every URL.
    let sims: Vec<Simulation> = match rendered.env(env) {
        Some(e) => {
            let gateway = Gateway::new(e);
            urls.iter().map(|u| gateway.simulate(u, extra)).collect()
        }
        None => urls.iter().map(|u| simulate_request(rendered, env, u, extra)).collect(),
    };
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
    Ok(tally(results.len(), results.iter().filter(|r| !r.passed).count(), format))
}

/// Prints "N passed, M failed" after route tests; exit 1 when any failed.
fn tally(total: usize, failed: usize, format: Format) -> ExitCode {
    let tally = format!("{} passed, {failed} failed", total - failed);
    match format {
        // Standard output holds the JSON document alone.
        Format::Json => eprintln!("{tally}"),
        Format::Text => say(&tally),
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
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
    Ok(tally(results.len(), results.iter().filter(|r| !r.passed).count(), format))
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

/// `write FOLDER [--check]`: the folder's owned files against what the
/// studio writes for them. Writes only after every path was checked
/// (`files::Tree`), never through a symbolic link.
fn write_command(folder: &Path, site: Option<&str>, check: bool) -> Outcome {
    if !folder.is_dir() {
        return Err(format!("{}: not a folder; write takes a repository's folder", folder.display()));
    }
    let Loaded { state, opened } = load_opened(&[folder.to_path_buf()], site)?;
    let rendered = render(&state);
    let changes = xgen_core::patch::changes(&opened, &rendered).map_err(|e| e.to_string())?;
    note_rewritten(&rendered);
    if check {
        // The patch is data to apply, printed exact (docs/security.md, "Output").
        print!("{}", xgen_core::patch::git_patch(&changes));
        let stale = changes.len();
        eprintln!("{}", inert(&if stale == 0 { "up to date".to_owned() } else { format!("{stale} files are stale") }));
        return Ok(if changes.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) });
    }
    let written: Vec<(&str, &[u8])> =
        changes.iter().filter_map(|c| Some((c.path.as_str(), c.new.as_deref()?.as_bytes()))).collect();
    files::Tree::new(folder)?.write_all(written.iter().copied())?;
    for c in &changes {
        if c.new.is_none() {
            files::remove_file(&folder.join(&c.path))?;
        }
    }
    for c in &changes {
        let what = match c.kind() {
            ChangeKind::Added => "created",
            ChangeKind::Changed => "updated",
            ChangeKind::Removed => "removed",
        };
        say(&format!("{what} {}", c.path));
    }
    say(&if changes.is_empty() { "up to date".to_owned() } else { format!("{} files changed", changes.len()) });
    Ok(ExitCode::SUCCESS)
}

fn diff_command(
    base: &[PathBuf],
    head: &[PathBuf],
    site: Option<&str>,
    objects: &[String],
    format: DiffFormat,
) -> Outcome {
    if let DiffFormat::Patch = format {
        return patch_command(base, head, site, objects);
    }
    let (base, head) = (with_objects(load(base, site)?, objects)?, with_objects(load(head, site)?, objects)?);
    let (base, head) = (render(&base), render(&head));
    for side in [&base, &head] {
        side.files().map_err(|e| e.to_string())?;
    }
    let impact = xgen_core::impact::impact(&base, &head);
    match format {
        DiffFormat::Json => json(&impact.objects)?,
        DiffFormat::Text => print!("{}", xgen_core::impact::text(&impact)),
        DiffFormat::Markdown => print!("{}", xgen_core::impact::markdown(&impact)),
        DiffFormat::Patch => unreachable!("handled above"),
    }
    Ok(if impact.objects.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `diff --format patch`: the owned files as the base writes them, to as
/// the head writes them; named under the base folder's root when the base
/// is a folder. Exit 1 when the patch is not empty.
fn patch_command(base: &[PathBuf], head: &[PathBuf], site: Option<&str>, objects: &[String]) -> Outcome {
    let mut base = load_opened(base, site)?;
    base.state = with_objects(base.state, objects)?;
    let head = render(&with_objects(load(head, site)?, objects)?);
    let written = render(&base.state);
    let files = written.files().map_err(|e| e.to_string())?;
    let opened = Opened {
        root: base.opened.root,
        files: files
            .iter()
            .filter(|f| xgen_core::layout::is_owned_path(&f.path))
            .map(|f| (f.path.to_string(), f.text.arc()))
            .collect(),
    };
    let patch = xgen_core::patch::patch(&opened, &head).map_err(|e| e.to_string())?;
    // The patch is data to apply, printed exact (docs/security.md, "Output").
    print!("{patch}");
    Ok(if patch.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn run(command: Command, site: Option<&str>) -> Outcome {
    let load = |inputs: &[PathBuf]| load(inputs, site);
    match command {
        Command::Bundle { inputs, output, placeholders } => bundle_command(load(&inputs)?, &output, placeholders),
        Command::Render { inputs, output } => render_command(&render(&load(&inputs)?), &output),
        Command::Write { folder, check } => write_command(&folder, site, check),
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
        Command::Diff { base, head, format, objects } => diff_command(&base, &head, site, &objects, format),
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
    match run(cli.command, cli.site.as_deref()) {
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
