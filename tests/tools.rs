//! The generated files against the real tools that will read them: the docker
//! CLI, GNU make, bash, shellcheck and hadolint.
//!
//! This file owns proving that what `nginx_lockdown::generate` prints is accepted
//! by those tools, for every preset and for edited configs that reach the
//! generators' other branches, and that each check can fail (a broken argument
//! or a `latest` tag is caught). It never talks to a Docker daemon: the CLI is
//! pointed at a socket that does not exist, and `make` and `run.sh` call a
//! stand-in `docker` that records its argv. A missing tool fails the test with
//! a sentence naming `scripts/install-test-tools.sh`; nothing here is skipped.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::{
    CANNOT_CONNECT, FakeDocker, artifacts_dir, configs, docker_verdict, docker_without_daemon,
    hadolint, require_tool, text,
};
use nginx_lockdown::generate::{DOCKERFILE, MAKEFILE, RUN_SCRIPT, run_args};
use nginx_lockdown::model::Config;
use nginx_lockdown::preset;

#[test]
fn docker_cli_accepts_every_run_command() {
    let dir = tempfile::tempdir().unwrap();
    for (name, config) in configs() {
        let args = run_args(&config);
        let output = docker_without_daemon(&args, dir.path());
        assert_cannot_connect(&name, &args, &output);
        assert_eq!(output.status.code(), Some(125), "{name}: {}", text(&output));
    }
}

/// Proves the check above can fail: each broken command must end in the
/// CLI's own complaint, never in the search for a daemon.
#[test]
fn docker_cli_rejects_broken_run_commands() {
    let cases: &[BrokenCase] = &[
        ("bad size unit", |a| replace_in(a, "tmpfs-size=2m", "tmpfs-size=2q"), "tmpfs-size: 2q"),
        ("misspelt mount key", |a| replace_in(a, "destination=", "destinaton="), "unexpected key"),
        ("uppercase image", |a| *a.last_mut().unwrap() = "Nginx-Secure".into(), "lowercase"),
        (
            "port out of range",
            |a| replace_in(a, "8080:8080", "8080:99999"),
            "invalid containerPort",
        ),
    ];
    assert_cli_refuses(&Config::default(), cases);
}

/// The same for the hardening flags, broken in the locked-down command.
///
/// FIXME: the CLI checks neither capability names nor anything after the
/// colon of `--tmpfs`, so those cannot be proved here; `tests/nginx_sandbox.rs`
/// mounts each `--tmpfs` with its exact options instead.
#[test]
fn docker_cli_rejects_broken_hardening_flags() {
    let cases: &[BrokenCase] = &[
        ("memory unit", |a| replace_in(a, "--memory=128m", "--memory=128q"), "invalid suffix"),
        ("cpus as a word", |a| replace_in(a, "--cpus=1", "--cpus=one"), "rational number"),
        ("pids as a word", |a| replace_in(a, "--pids-limit=128", "--pids-limit=x"), "pids-limit"),
        (
            "retries as a word",
            |a| replace_in(a, "on-failure:5", "on-failure:x"),
            "maximum retry count must be an integer",
        ),
        (
            "misspelt security option",
            |a| replace_in(a, "no-new-privileges", "no-new-privilege"),
            "Invalid --security-opt",
        ),
    ];
    assert_cli_refuses(&preset::find("locked-down").unwrap().config(), cases);
}

/// One broken form of `config`'s run command: a name, the edit that breaks it,
/// and the words the docker CLI must refuse it with.
type BrokenCase = (&'static str, fn(&mut Vec<String>), &'static str);

/// Each case's command must end in the CLI's own complaint (exit 125), never
/// in the search for a daemon.
fn assert_cli_refuses(config: &Config, cases: &[BrokenCase]) {
    let dir = tempfile::tempdir().unwrap();
    for (name, break_args, complaint) in cases {
        let mut args = run_args(config);
        break_args(&mut args);
        let output = docker_without_daemon(&args, dir.path());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !stderr.contains(CANNOT_CONNECT) && stderr.contains(complaint),
            "{name}: expected the CLI to refuse with {complaint:?}: {}",
            text(&output)
        );
        assert_eq!(output.status.code(), Some(125), "{name}");
    }
}

#[test]
fn makefile_targets_pass_exact_argv_that_docker_parses() {
    for (name, config) in configs() {
        let dir = artifacts_dir(&config);
        let fake = FakeDocker::new(&dir.path().join("fake"));
        let image = config.image_name.to_string();
        let container = config.container_name.to_string();

        make(dir.path(), &fake, "run");
        let run_calls = fake.take_calls();
        let build = strings(&["build", "-t", &image, "."]);
        assert_eq!(run_calls, [build, run_args(&config)], "{name}: make run");

        make(dir.path(), &fake, "kill");
        let kill = [strings(&["kill", &container]), strings(&["rm", &container])];
        assert_eq!(fake.take_calls(), kill, "{name}: make kill");

        make(dir.path(), &fake, "logs");
        let logs = fake.take_calls();
        assert_eq!(logs, [strings(&["logs", &container])], "{name}: make logs");

        // The same argv through the real CLI: `docker build` reads the
        // Dockerfile in the context directory before it looks for a daemon.
        for args in run_calls.iter().chain(&kill).chain(&logs) {
            assert_cannot_connect(&name, args, &docker_without_daemon(args, dir.path()));
        }
    }
}

/// The seed preset's `make run` is the blog post's `run` target, flag for flag,
/// with our image name where the post has `reaandrew/nginx-secure`.
#[test]
fn seed_make_run_is_the_blog_posts_command() {
    let config = preset::find("seed").unwrap().config();
    let dir = artifacts_dir(&config);
    let fake = FakeDocker::new(&dir.path().join("fake"));
    make(dir.path(), &fake, "run");

    let mut blog = strings(&["run", "--name", "nginx-secure", "--read-only"]);
    for (dir, size) in [
        ("/tmp/proxy_temp", "2m"),
        ("/tmp/client_temp", "2m"),
        ("/tmp/fastcgi_temp", "2m"),
        ("/tmp/uwsgi_temp", "2m"),
        ("/tmp/scgi_temp", "2m"),
        ("/tmp/nginx", "1m"),
    ] {
        blog.push("--mount".into());
        blog.push(format!("type=tmpfs,destination={dir},tmpfs-size={size}"));
    }
    blog.extend(strings(&["-d", "-p", "8080:8080", "-t", "nginx-secure"]));
    let calls = fake.take_calls();
    assert_eq!(calls.get(1), Some(&blog), "all calls: {calls:?}");
}

#[test]
fn makefile_dry_runs_and_indents_recipes_with_tabs() {
    for (name, config) in configs() {
        let dir = artifacts_dir(&config);

        let output = Command::new(require_tool("make"))
            .args(["-n", "run", "kill", "logs"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{name}: make -n: {}", text(&output));
        let printed = String::from_utf8_lossy(&output.stdout);
        let read_only = if config.hardening.read_only_root { " --read-only" } else { "" };
        for expected in [
            format!("docker build -t {} .", config.image_name),
            format!("docker run --name {}{read_only}", config.container_name),
            format!("docker rm {} 2> /dev/null || :", config.container_name),
            format!("docker logs {}", config.container_name),
        ] {
            assert!(printed.contains(&expected), "{name}: make -n lacks {expected:?}:\n{printed}");
        }

        let makefile = std::fs::read_to_string(dir.path().join(MAKEFILE)).unwrap();
        assert_eq!(recipe_lines_without_tab(&makefile), Vec::<String>::new(), "{name}");
    }

    // The tab check itself must catch a recipe indented with spaces.
    assert_eq!(recipe_lines_without_tab("x := 1\nrun:\n    docker ps\n"), ["    docker ps"]);
}

/// A line in a rule's recipe (after `target:` up to the next blank line) that
/// does not start with a tab; make would read it as a new rule or fail.
fn recipe_lines_without_tab(makefile: &str) -> Vec<String> {
    let mut in_recipe = false;
    let mut bad = Vec::new();
    for line in makefile.lines() {
        if line.trim().is_empty() {
            in_recipe = false;
        } else if in_recipe && !line.starts_with('\t') {
            bad.push(line.to_string());
        } else if !line.starts_with(['\t', '.', '#']) && line.contains(':') {
            // `IMAGE := x` is an assignment, not a rule.
            in_recipe = !line.contains(":=");
        }
    }
    bad
}

#[test]
fn run_script_passes_bash_n_and_shellcheck_and_runs_the_exact_argv() {
    for (name, config) in configs() {
        let dir = artifacts_dir(&config);
        let script = dir.path().join(RUN_SCRIPT);

        let syntax = Command::new(require_tool("bash")).arg("-n").arg(&script).output().unwrap();
        assert_silent_success(&format!("{name}: bash -n run.sh"), &syntax);
        let lint = Command::new(require_tool("shellcheck")).arg(&script).output().unwrap();
        assert_silent_success(&format!("{name}: shellcheck run.sh"), &lint);

        // Run it as a user would (`sh run.sh`, matching its `#!/bin/sh`).
        let fake = FakeDocker::new(&dir.path().join("fake"));
        let output = Command::new(require_tool("sh"))
            .arg(&script)
            .env("PATH", fake.path_var())
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(output.status.success(), "{name}: sh run.sh: {}", text(&output));
        assert_eq!(fake.take_calls(), [run_args(&config)], "{name}: run.sh argv");
    }
}

#[test]
fn hadolint_finds_nothing_in_any_generated_dockerfile() {
    for (name, config) in configs() {
        let dir = artifacts_dir(&config);
        let output = run_hadolint(dir.path(), DOCKERFILE);
        assert!(
            output.status.success(),
            "{name}: hadolint failed at warning level: {}",
            text(&output)
        );
        // The goal is no finding at all, info and style included.
        assert_silent_success(&format!("{name}: hadolint Dockerfile"), &output);
    }
}

/// Proves hadolint really runs and reads the file: `latest` must be caught.
#[test]
fn hadolint_flags_a_latest_tag() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(DOCKERFILE), "FROM nginx:latest\n").unwrap();
    let output = run_hadolint(dir.path(), DOCKERFILE);
    assert!(!output.status.success(), "hadolint accepted `FROM nginx:latest`: {}", text(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("DL3007"), "{}", text(&output));
}

fn run_hadolint(dir: &Path, file: &str) -> Output {
    // HOME and XDG_CONFIG_HOME point at the temp dir so no personal
    // hadolint.yaml can silence a rule.
    Command::new(hadolint())
        .args(["--no-color", "--failure-threshold", "warning", file])
        .current_dir(dir)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .output()
        .unwrap()
}

fn make(dir: &Path, fake: &FakeDocker, target: &str) {
    let output = Command::new(require_tool("make"))
        .args(["--no-print-directory", target])
        .current_dir(dir)
        .env("PATH", fake.path_var())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(output.status.success(), "make {target}: {}", text(&output));
}

fn assert_cannot_connect(name: &str, args: &[String], output: &Output) {
    assert!(
        docker_verdict(output).contains(CANNOT_CONNECT),
        "{name}: the docker CLI did not accept `docker {}`: {}",
        args.join(" "),
        text(output)
    );
}

fn assert_silent_success(what: &str, output: &Output) {
    assert!(
        output.status.success() && output.stdout.is_empty() && output.stderr.is_empty(),
        "{what}: expected exit 0 and no output: {}",
        text(output)
    );
}

fn replace_in(args: &mut [String], from: &str, to: &str) {
    let arg = args.iter_mut().find(|a| a.contains(from)).expect("the argument to break");
    *arg = arg.replacen(from, to, 1);
}

fn strings(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}
