//! Helpers shared by the real-tool tests (`tests/tools.rs`, `tests/nginx_sandbox.rs`).
//!
//! This module owns finding the real tools (and failing, never skipping, with a
//! sentence naming `scripts/install-test-tools.sh` when one is missing), the
//! configs every real-tool test walks, writing artifacts to disk, the stand-in
//! `docker` that records its argv, the real docker CLI pointed at a daemon that
//! does not exist, and running a child under a time limit. It never changes the
//! engine's output: every file it writes comes from `nginx_lockdown::generate`.

#![allow(dead_code)] // Each test crate uses a different part of this module.

use std::env;
use std::ffi::OsStr;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use nginx_lockdown::generate::Artifacts;
use nginx_lockdown::model::{
    AbsPath, Config, ContainerName, Hardening, ImageRef, Mount, Port, Size,
};
use nginx_lockdown::preset::PRESETS;

/// The one way to get the tools, named in every "missing tool" failure.
pub const INSTALL: &str = "scripts/install-test-tools.sh";

/// The daemon address the docker CLI is pointed at: nothing listens there, so a
/// command the CLI accepts ends in `Cannot connect to the Docker daemon`.
pub const NO_DAEMON: &str = "unix:///nonexistent/docker.sock";

/// What the docker CLI says once it has parsed everything and looks for a daemon.
pub const CANNOT_CONNECT: &str = "Cannot connect to the Docker daemon";

/// The package root, where `tests/` and `.tools/` live.
pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The copy of nginx-unprivileged's files the build stage is replayed on.
pub fn fixture_root() -> PathBuf {
    manifest_dir().join("tests/fixtures/nginx-unprivileged")
}

/// The absolute path of `name` on PATH; panics with the install command when absent.
pub fn require_tool(name: &str) -> PathBuf {
    find_on_path(name).unwrap_or_else(|| {
        panic!("`{name}` is not installed or not on PATH: run {INSTALL} (as root) first")
    })
}

/// hadolint from `$HADOLINT`, else `.tools/venv/bin/hadolint`, else PATH.
pub fn hadolint() -> PathBuf {
    if let Some(path) = env::var_os("HADOLINT") {
        let path = PathBuf::from(path);
        assert!(
            path.is_file(),
            "HADOLINT={} is not a file: unset it or run {INSTALL}",
            path.display()
        );
        return path;
    }
    let venv = manifest_dir().join(".tools/venv/bin/hadolint");
    if venv.is_file() {
        return venv;
    }
    find_on_path("hadolint").unwrap_or_else(|| {
        panic!("hadolint is not in .tools/venv, $HADOLINT or PATH: run {INSTALL} first")
    })
}

/// Every preset plus edited configs that reach the generators' other branches.
pub fn configs() -> Vec<(String, Config)> {
    let mut all: Vec<(String, Config)> =
        PRESETS.iter().map(|p| (format!("preset {}", p.name), p.config())).collect();

    let mut var_cache = Config::default();
    var_cache.set_temp_root(Some(abs("/var/cache/nginx")));
    all.push(("consolidated into /var/cache/nginx".into(), var_cache));

    let mut custom = Config::default();
    custom.mounts.push(Mount { path: abs("/var/cache/app"), size: size("512k"), enabled: true });
    all.push(("a custom 512k mount".into(), custom));

    let port = Config {
        container_port: Port::new(9090).unwrap(),
        host_port: Port::new(80).unwrap(),
        ..Config::default()
    };
    all.push(("container port 9090 on host port 80".into(), port));

    let registry = Config {
        image_name: ImageRef::parse("localhost:5000/team/web:1.0").unwrap(),
        container_name: ContainerName::parse("web_1.blue-green").unwrap(),
        ..Config::default()
    };
    all.push(("an image name with a registry".into(), registry));

    let low_port = Config {
        container_port: Port::new(80).unwrap(),
        host_port: Port::new(8080).unwrap(),
        hardening: Hardening::locked_down(),
        ..Config::default()
    };
    all.push(("every safeguard, nginx on port 80 (NET_BIND_SERVICE)".into(), low_port));
    all
}

pub fn abs(path: &str) -> AbsPath {
    AbsPath::parse(path).unwrap_or_else(|p| panic!("{path}: {p}"))
}

pub fn size(text: &str) -> Size {
    Size::parse(text).unwrap_or_else(|p| panic!("{text}: {p}"))
}

/// A fresh temp dir holding the Dockerfile, Makefile and run.sh of `config`.
pub fn artifacts_dir(config: &Config) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in Artifacts::new(config).files() {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// A directory holding a stand-in `docker` that appends its argv to a log
/// instead of running anything; put `bin` first on PATH.
pub struct FakeDocker {
    pub bin: PathBuf,
    pub log: PathBuf,
}

/// Separates arguments in the log. No validated value can contain it, and a
/// line break ends each call, so the log splits back into argv exactly.
const ARG_SEPARATOR: char = '\u{1f}';

impl FakeDocker {
    pub fn new(dir: &Path) -> FakeDocker {
        let bin = dir.join("bin");
        fs::create_dir_all(&bin).unwrap();
        let log = dir.join("docker-calls.log");
        let script = format!(
            "#!/bin/sh\n# Records one call per line, each argument followed by \\037.\n\
             printf '%s\\037' \"$@\" >> '{}'\nprintf '\\n' >> '{}'\n",
            log.display(),
            log.display()
        );
        let docker = bin.join("docker");
        fs::write(&docker, script).unwrap();
        fs::set_permissions(&docker, fs::Permissions::from_mode(0o755)).unwrap();
        FakeDocker { bin, log }
    }

    /// PATH with the stand-in first, so `docker` resolves to it.
    pub fn path_var(&self) -> String {
        format!("{}:{}", self.bin.display(), env::var("PATH").unwrap_or_default())
    }

    /// Every recorded call's argv (without `docker` itself), oldest first; clears the log.
    pub fn take_calls(&self) -> Vec<Vec<String>> {
        let text = fs::read_to_string(&self.log).unwrap_or_default();
        let _ = fs::remove_file(&self.log);
        text.lines()
            .map(|line| {
                let mut args: Vec<String> = line.split(ARG_SEPARATOR).map(str::to_string).collect();
                // Each argument is followed by the separator, so the last piece is empty.
                assert_eq!(args.pop().as_deref(), Some(""), "malformed record {line:?}");
                args
            })
            .collect()
    }
}

/// Runs the real docker CLI with `args` against a daemon that does not exist,
/// with an empty client config so no user's settings or contexts apply.
pub fn docker_without_daemon(args: &[String], cwd: &Path) -> Output {
    let docker = require_tool("docker");
    let config_dir = tempfile::tempdir().unwrap();
    Command::new(docker)
        .args(args)
        .current_dir(cwd)
        .env("DOCKER_HOST", NO_DAEMON)
        .env("DOCKER_CONFIG", config_dir.path())
        .env_remove("DOCKER_CONTEXT")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// The CLI's last word: the last non-empty line of stderr that is not the
/// `Run 'docker ... --help'` hint, nor the echo of `docker build` giving up on
/// sending its context once the daemon was found missing (that line races the
/// verdict and sometimes comes after it).
pub fn docker_verdict(output: &Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr);
    stderr
        .lines()
        .map(str::trim)
        .rfind(|line| {
            !line.is_empty()
                && !line.starts_with("Run 'docker")
                && !line.contains("to tar: io: read/write on closed pipe")
        })
        .unwrap_or("")
        .to_string()
}

/// Runs `program args` under `timeout`, so a hung child fails the test instead
/// of hanging it; `-k` kills what ignores the polite signal.
pub fn run_bounded<I, S>(seconds: u32, program: &str, args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let output = Command::new(require_tool("timeout"))
        .args(["-k", "2", &seconds.to_string(), program])
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_ne!(
        output.status.code(),
        Some(124),
        "{program} took over {seconds} s: {}",
        text(&output)
    );
    output
}

/// stdout and stderr together, for failure messages.
pub fn text(output: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}--- stderr\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = env::var_os("PATH")?;
    env::split_paths(&path).map(|dir| dir.join(name)).find(|candidate| {
        candidate.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    })
}
