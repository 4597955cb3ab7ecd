//! `xgen-studio`: the studio's core on the command line, for CI pipelines.
//!
//! Exit codes: 0 success; 1 problems of severity error (`lint`); 2 an input
//! cannot be read (the message names the file, and line and column where known)
//! or the output cannot be written.

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use clap::{Parser, Subcommand, ValueEnum};
    use std::path::PathBuf;
    use std::process::ExitCode;
    use xgen_core::checks::{has_errors, run_all};
    use xgen_core::simulator::{run_route_test, simulate, RouteTest, RouteTestResult, Simulation};
    use xgen_core::text::parse_yaml;
    use xgen_core::{bundle, import, InputFile, ProjectState};

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
        },
        /// Run the route tests (from the bundle's xgen-studio.yaml, or --tests);
        /// exit 1 when any fails.
        TestRoutes {
            #[arg(required = true)]
            inputs: Vec<PathBuf>,
            /// A YAML file with `routeTests:` (an xgen-studio.yaml) or a list of tests.
            #[arg(long)]
            tests: Option<PathBuf>,
            #[arg(long, value_enum, default_value_t = Format::Text)]
            format: Format,
        },
        /// Check the project; exit 1 when there are problems of severity error.
        Lint {
            #[arg(required = true)]
            inputs: Vec<PathBuf>,
            #[arg(long, value_enum, default_value_t = Format::Text)]
            format: Format,
        },
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum Format {
        Text,
        Json,
    }

    /// Reads and imports the inputs exactly as the browser does when they are
    /// dropped together on a fresh studio.
    fn load(inputs: &[PathBuf]) -> Result<ProjectState, String> {
        let mut files = Vec::new();
        for path in inputs {
            let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
            files.push(InputFile::new(path.display().to_string(), bytes));
        }
        let state = import(&ProjectState::empty(), &files).map_err(|e| e.to_string())?;
        if !state.has_project() {
            return Err("no project file among the inputs (k3s/argocd/projects/<site>.yaml or a bundle zip)".into());
        }
        Ok(state)
    }

    /// Route tests from a file: a list, or a mapping with `routeTests`.
    fn read_tests(path: &PathBuf) -> Result<Vec<RouteTest>, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        let file = path.display().to_string();
        #[derive(serde::Deserialize)]
        struct Wrapped {
            #[serde(rename = "routeTests")]
            route_tests: Vec<RouteTest>,
        }
        parse_yaml::<Vec<RouteTest>>(&file, &text)
            .or_else(|_| parse_yaml::<Wrapped>(&file, &text).map(|w| w.route_tests))
            .map_err(|e| e.to_string())
    }

    fn print_simulation(s: &Simulation) {
        let dest = s
            .destination
            .as_ref()
            .map_or("-".into(), |d| format!("{}:{}", d.host, d.port.map_or("?".into(), |p| p.to_string())));
        println!("{} [{}] -> {} {}", s.url, s.env, s.status, dest);
        for r in &s.reasons {
            println!("    because {r}");
        }
        for n in &s.notes {
            println!("    note: {n}");
        }
    }

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        // `simulate` takes inputs and URLs in one list: arguments with `://` are URLs.
        let (sim_inputs, sim_urls): (Vec<PathBuf>, Vec<String>) = match &cli.command {
            Command::Simulate { args, .. } => {
                let (urls, inputs): (Vec<&String>, Vec<&String>) = args.iter().partition(|a| a.contains("://"));
                (inputs.into_iter().map(PathBuf::from).collect(), urls.into_iter().cloned().collect())
            }
            _ => (Vec::new(), Vec::new()),
        };
        let (inputs, run): (&[PathBuf], &dyn Fn(ProjectState) -> Result<ExitCode, String>) = match &cli.command {
            Command::Bundle { inputs, output, placeholders } => (inputs, &move |state| {
                let state = if *placeholders { xgen_core::secrets::with_placeholders(&state).0 } else { state };
                let zip = bundle::bundle_zip(&state).map_err(|e| e.to_string())?;
                std::fs::write(output, zip).map_err(|e| format!("{}: cannot write: {e}", output.display()))?;
                Ok(ExitCode::SUCCESS)
            }),
            Command::Render { inputs, output } => (inputs, &move |state| {
                let files = bundle::bundle_files(&state).map_err(|e| e.to_string())?;
                for f in &files {
                    // Paths are validated relative names (see core::bundle); joined
                    // under the output directory only.
                    let path = output.join(&f.path);
                    if let Some(dir) = path.parent() {
                        std::fs::create_dir_all(dir).map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
                    }
                    std::fs::write(&path, &f.text).map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
                }
                println!("wrote {} files under {}", files.len(), output.display());
                Ok(ExitCode::SUCCESS)
            }),
            Command::Simulate { env, format, .. } => (&sim_inputs[..], &move |state| {
                if sim_urls.is_empty() {
                    return Err("give at least one URL (with http:// or https://)".into());
                }
                if !state.project.environment_names().contains(env) {
                    return Err(format!("the project has no environment `{env}`"));
                }
                let sims: Vec<Simulation> = sim_urls.iter().map(|u| simulate(&state, env, u)).collect();
                match format {
                    Format::Json => println!("{}", serde_json::to_string_pretty(&sims).map_err(|e| e.to_string())?),
                    Format::Text => sims.iter().for_each(print_simulation),
                }
                Ok(ExitCode::SUCCESS)
            }),
            Command::TestRoutes { inputs, tests, format } => (inputs, &move |state| {
                let tests = match tests {
                    Some(path) => read_tests(path)?,
                    None => state.settings.route_tests.clone().unwrap_or_default(),
                };
                if tests.is_empty() {
                    return Err("no route tests: add routeTests to xgen-studio.yaml or give --tests FILE".into());
                }
                let results: Vec<RouteTestResult> = tests.iter().map(|t| run_route_test(&state, t)).collect();
                match format {
                    Format::Json => println!("{}", serde_json::to_string_pretty(&results).map_err(|e| e.to_string())?),
                    Format::Text => {
                        for r in &results {
                            println!(
                                "{} {} [{}]: {}",
                                if r.passed { "PASS" } else { "FAIL" },
                                r.test.url,
                                r.test.env,
                                r.message
                            );
                        }
                    }
                }
                let failed = results.iter().filter(|r| !r.passed).count();
                println!("{} passed, {failed} failed", results.len() - failed);
                Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
            }),
            Command::Lint { inputs, format } => (inputs, &move |state| {
                let problems = run_all(&state);
                match format {
                    Format::Json => {
                        println!("{}", serde_json::to_string_pretty(&problems).map_err(|e| e.to_string())?)
                    }
                    Format::Text => {
                        for p in &problems {
                            println!("{}: {}: {}[{}]: {}", p.file, p.path, p.severity.as_str(), p.code, p.message);
                            println!("    hint: {}", p.hint);
                        }
                        let errors = problems.iter().filter(|p| p.severity.as_str() == "error").count();
                        println!("{} problems ({errors} errors)", problems.len());
                    }
                }
                Ok(if has_errors(&problems) { ExitCode::from(1) } else { ExitCode::SUCCESS })
            }),
        };
        match load(inputs).and_then(run) {
            Ok(code) => code,
            Err(message) => {
                eprintln!("xgen-studio: {message}");
                ExitCode::from(2)
            }
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

/// The CLI is native only; the web page is `xgen-studio-web`.
#[cfg(target_arch = "wasm32")]
fn main() {}
