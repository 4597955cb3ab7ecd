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
    use xgen_studio::core::checks::{has_errors, run_all};
    use xgen_studio::core::{bundle, import, InputFile, ProjectState};

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
        },
        /// Write the bundle's files as a directory tree (the same tree as the zip).
        Render {
            #[arg(required = true)]
            inputs: Vec<PathBuf>,
            /// The directory to write into (created if missing).
            #[arg(short, long)]
            output: PathBuf,
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

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        let (inputs, run): (&[PathBuf], &dyn Fn(ProjectState) -> Result<ExitCode, String>) = match &cli.command {
            Command::Bundle { inputs, output } => (inputs, &move |state| {
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
