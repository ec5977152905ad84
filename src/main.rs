//! The command-line tool: the same engine as the page, for scripts and for people
//! who paste into projects.
//!
//! It only parses arguments, calls the engine and writes files; every byte it
//! writes comes from `nginx_lockdown::generate`, so it matches the page exactly.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::fs;
    use std::io::Write;
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    use clap::{Parser, Subcommand, ValueEnum};
    use nginx_lockdown::generate::Artifacts;
    use nginx_lockdown::link;
    use nginx_lockdown::model::Config;
    use nginx_lockdown::predict::predict;
    use nginx_lockdown::preset::{self, PRESETS};
    use nginx_lockdown::score::score;

    /// Generate a distroless NGINX setup with a read-only root filesystem, and
    /// predict whether nginx starts with the directories you make writable.
    #[derive(Debug, Parser)]
    #[command(name = "nginx-lockdown", version, propagate_version = true)]
    #[command(after_help = "Examples:\n  \
        nginx-lockdown render --preset seed --out ./nginx-secure\n  \
        nginx-lockdown render --preset consolidated --print dockerfile\n  \
        nginx-lockdown render --link 'https://example.org/#v=1&port=80' --out ./web\n  \
        nginx-lockdown check --preset broken-pid\n  \
        nginx-lockdown score --preset wide-open\n  \
        nginx-lockdown presets")]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Debug, Subcommand)]
    enum Command {
        /// Write the Dockerfile, the Makefile and run.sh (the docker run command).
        Render {
            #[command(flatten)]
            source: Source,
            /// Directory to write into; created if missing, files in it are replaced.
            #[arg(long, value_name = "DIR", required_unless_present = "print")]
            out: Option<PathBuf>,
            /// Print one file to standard output instead of writing files.
            #[arg(long, value_enum, conflicts_with = "out")]
            print: Option<Artifact>,
        },
        /// Say whether nginx would start; exits 1 when it would not.
        Check {
            #[command(flatten)]
            source: Source,
        },
        /// Print the security score out of 100, with every rule's result, weight,
        /// why it matters and how to fix it.
        Score {
            #[command(flatten)]
            source: Source,
        },
        /// List the presets.
        Presets,
    }

    #[derive(Debug, clap::Args)]
    struct Source {
        /// Start from a named preset (see `presets`).
        #[arg(long, value_name = "NAME", default_value = "seed")]
        preset: String,
        /// Read the setup from a share link: the page's address, or what follows its `#`.
        /// Parts that cannot be used are named on standard error and keep their defaults.
        #[arg(long, value_name = "URL_OR_FRAGMENT", conflicts_with = "preset")]
        link: Option<String>,
    }

    #[derive(Debug, Clone, Copy, ValueEnum)]
    enum Artifact {
        Dockerfile,
        Makefile,
        Run,
    }

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        match run(cli) {
            Ok(code) => code,
            Err(message) => {
                eprintln!("nginx-lockdown: {message}");
                ExitCode::from(2)
            }
        }
    }

    fn run(cli: Cli) -> Result<ExitCode, String> {
        match cli.command {
            Command::Render { source, out, print } => {
                let artifacts = Artifacts::new(&source.config()?);
                match (print, out) {
                    (Some(which), _) => {
                        let text = match which {
                            Artifact::Dockerfile => &artifacts.dockerfile,
                            Artifact::Makefile => &artifacts.makefile,
                            Artifact::Run => &artifacts.run_script,
                        };
                        std::io::stdout()
                            .write_all(text.as_bytes())
                            .map_err(|e| format!("could not write to standard output: {e}"))?;
                    }
                    (None, Some(dir)) => write_files(&artifacts, &dir)?,
                    (None, None) => unreachable!("clap requires --out or --print"),
                }
                Ok(ExitCode::SUCCESS)
            }
            Command::Check { source } => {
                let prediction = predict(&source.config()?);
                match &prediction.failure {
                    None => println!("nginx starts"),
                    Some(failure) => println!("nginx does not start: {}", failure.log_line()),
                }
                for warning in &prediction.warnings {
                    println!("warning: {warning}");
                }
                Ok(if prediction.starts() { ExitCode::SUCCESS } else { ExitCode::from(1) })
            }
            Command::Score { source } => {
                print_all(&score(&source.config()?).to_string())?;
                Ok(ExitCode::SUCCESS)
            }
            Command::Presets => {
                for preset in PRESETS {
                    println!("{:<14} {}: {}", preset.name, preset.title, preset.summary);
                }
                Ok(ExitCode::SUCCESS)
            }
        }
    }

    impl Source {
        fn config(&self) -> Result<Config, String> {
            if let Some(text) = &self.link {
                let decoded = link::decode(text);
                for ignored in &decoded.ignored {
                    eprintln!("nginx-lockdown: ignored in the link: {ignored}");
                }
                return Ok(decoded.config);
            }
            match preset::find(&self.preset) {
                Some(preset) => Ok(preset.config()),
                None => {
                    let names: Vec<&str> = PRESETS.iter().map(|p| p.name).collect();
                    Err(format!(
                        "there is no preset '{}'; choose one of: {}",
                        self.preset,
                        names.join(", ")
                    ))
                }
            }
        }
    }

    /// Writes `text` to standard output; a reader that stopped early (`| head`)
    /// is not an error.
    fn print_all(text: &str) -> Result<(), String> {
        match std::io::stdout().write_all(text.as_bytes()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(format!("could not write to standard output: {e}"))
            }
            _ => Ok(()),
        }
    }

    fn write_files(artifacts: &Artifacts, dir: &Path) -> Result<(), String> {
        fs::create_dir_all(dir).map_err(|e| format!("could not create {}: {e}", dir.display()))?;
        for (name, text) in artifacts.files() {
            let path = dir.join(name);
            fs::write(&path, text)
                .map_err(|e| format!("could not write {}: {e}", path.display()))?;
            println!("wrote {}", path.display());
        }
        make_executable(&dir.join(nginx_lockdown::generate::RUN_SCRIPT))
    }

    #[cfg(unix)]
    fn make_executable(path: &Path) -> Result<(), String> {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o755))
            .map_err(|e| format!("could not make {} executable: {e}", path.display()))
    }

    #[cfg(not(unix))]
    fn make_executable(_: &Path) -> Result<(), String> {
        Ok(())
    }
}
