//! The artifacts: plain, total, deterministic functions of a `Config`.
//!
//! Every value a generator prints comes from a validated `Config`, whose types
//! admit no character that a shell, `sed`, a Dockerfile or `make` would read
//! specially, so generators never quote. They read no clock, no environment and
//! no randomness: the same config always gives the same bytes, in the CLI and
//! in the page alike.

mod dockerfile;
mod makefile;
mod run;

pub use dockerfile::dockerfile;
pub use makefile::makefile;
pub use run::{run_args, run_command, run_script};

use crate::model::Config;

/// The file names the CLI writes and the page offers for download.
pub const DOCKERFILE: &str = "Dockerfile";
pub const MAKEFILE: &str = "Makefile";
pub const RUN_SCRIPT: &str = "run.sh";

/// All three files for one config, in a fixed order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifacts {
    pub dockerfile: String,
    pub run_script: String,
    pub makefile: String,
}

impl Artifacts {
    pub fn new(config: &Config) -> Artifacts {
        Artifacts {
            dockerfile: dockerfile(config),
            run_script: run_script(config),
            makefile: makefile(config),
        }
    }

    /// `(file name, contents)` pairs, in the order they are written.
    pub fn files(&self) -> [(&'static str, &str); 3] {
        [(DOCKERFILE, &self.dockerfile), (MAKEFILE, &self.makefile), (RUN_SCRIPT, &self.run_script)]
    }
}
