//! The `docker run` command, laid out like the blog post: one flag group a line.
//!
//! `run_args` and the printed command come from the same list of lines, so the
//! words `run.sh` and the Makefile pass are exactly the argv the tests check.

use std::fmt::Write;

use crate::model::Config;
use crate::model::hardening::{RUN_AS, TMPFS_FLAGS, TMPFS_MODE};

/// The command's arguments after `docker`, one entry per shell word.
pub fn run_args(config: &Config) -> Vec<String> {
    let container = config.container_name.to_string();
    lines(config, &container, &config.image_name.to_string()).concat()
}

/// The command as a user pastes it into a terminal, continued over lines.
pub fn run_command(config: &Config) -> String {
    command_text(config, &config.container_name.to_string(), &config.image_name.to_string(), "    ")
}

/// `run.sh`: the command with a shebang and a line saying what it does.
pub fn run_script(config: &Config) -> String {
    let mut out = String::with_capacity(640);
    out.push_str("#!/bin/sh\n");
    if config.hardening.read_only_root {
        let _ = writeln!(
            out,
            "# Runs {} with a read-only root filesystem; only the tmpfs mounts below are writable.",
            config.image_name
        );
    } else {
        let _ = writeln!(
            out,
            "# Runs {} with a writable root filesystem: a process inside can change any file.",
            config.image_name
        );
    }
    out.push_str("set -eu\n");
    out.push_str(&run_command(config));
    out
}

/// The shared layout of the command, used by `run.sh` and the Makefile's `run`.
pub(crate) fn command_text(config: &Config, container: &str, image: &str, indent: &str) -> String {
    let mut out = String::with_capacity(512);
    out.push_str("docker ");
    let lines: Vec<String> = lines(config, container, image).iter().map(|l| l.join(" ")).collect();
    out.push_str(&lines.join(&format!(" \\\n{indent}")));
    out.push('\n');
    out
}

/// The command's words, grouped into the lines it is printed on.
fn lines(config: &Config, container: &str, image: &str) -> Vec<Vec<String>> {
    let hardening = &config.hardening;
    let mut lines = Vec::new();

    let mut first = words(&["run", "--name", container]);
    if hardening.read_only_root {
        first.push("--read-only".to_string());
    }
    lines.push(first);

    if hardening.numeric_user {
        lines.push(words(&["--user", RUN_AS]));
    }
    if hardening.drop_capabilities {
        let mut caps = words(&["--cap-drop=ALL"]);
        if config.needs_bind_service() {
            caps.push("--cap-add=NET_BIND_SERVICE".to_string());
        }
        lines.push(caps);
    }
    if hardening.no_new_privileges {
        lines.push(words(&["--security-opt=no-new-privileges"]));
    }
    let limits: Vec<String> = [
        hardening.memory.map(|m| format!("--memory={m}")),
        hardening.cpus.map(|c| format!("--cpus={c}")),
        hardening.pids_limit.map(|p| format!("--pids-limit={p}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !limits.is_empty() {
        lines.push(limits);
    }
    if let Some(retries) = hardening.restart_retries {
        lines.push(vec![format!("--restart=on-failure:{retries}")]);
    }

    for mount in config.enabled_mounts() {
        let (path, size) = (mount.path.as_str(), mount.size);
        lines.push(if hardening.tmpfs_noexec {
            let flags = TMPFS_FLAGS.join(",");
            vec!["--tmpfs".to_string(), format!("{path}:rw,{flags},size={size},mode={TMPFS_MODE}")]
        } else {
            vec!["--mount".to_string(), format!("type=tmpfs,destination={path},tmpfs-size={size}")]
        });
    }

    let port = format!("{}:{}", config.host_port, config.container_port);
    lines.push(words(&["-d", "-p", &port, "-t", image]));
    lines
}

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|w| w.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Hardening, Port};

    #[test]
    fn every_option_reaches_the_command() {
        let config = Config { hardening: Hardening::locked_down(), ..Config::default() };
        let text = run_command(&config);
        let expected = "docker run --name nginx-secure --read-only \\
    --user 101:101 \\
    --cap-drop=ALL \\
    --security-opt=no-new-privileges \\
    --memory=128m --cpus=1 --pids-limit=128 \\
    --restart=on-failure:5 \\
    --tmpfs /tmp/proxy_temp:rw,noexec,nosuid,nodev,size=2m,mode=1777 \\
";
        assert!(text.starts_with(expected), "{text}");
        assert!(text.ends_with("    -d -p 8080:8080 -t nginx-secure\n"), "{text}");
    }

    #[test]
    fn net_bind_service_comes_back_only_below_1024() {
        for (port, expected) in [(80, true), (1023, true), (1024, false), (8080, false)] {
            let config = Config {
                container_port: Port::new(port).unwrap(),
                hardening: Hardening { drop_capabilities: true, ..Hardening::default() },
                ..Config::default()
            };
            let args = run_args(&config);
            assert_eq!(
                args.contains(&"--cap-add=NET_BIND_SERVICE".to_string()),
                expected,
                "{port}"
            );
            assert!(args.contains(&"--cap-drop=ALL".to_string()));
        }
        // Without dropping, nothing is added back either.
        let low = Config { container_port: Port::new(80).unwrap(), ..Config::default() };
        assert!(!run_args(&low).iter().any(|a| a.starts_with("--cap")));
    }

    #[test]
    fn a_writable_root_drops_the_flag_and_says_so() {
        let config = Config {
            hardening: Hardening { read_only_root: false, ..Hardening::default() },
            ..Config::default()
        };
        assert!(!run_args(&config).contains(&"--read-only".to_string()));
        assert!(run_script(&config).contains("with a writable root filesystem"));
    }

    #[test]
    fn the_printed_command_is_the_argv() {
        let config = Config { hardening: Hardening::locked_down(), ..Config::default() };
        let printed: Vec<String> = run_command(&config)
            .replace("\\\n", " ")
            .split_whitespace()
            .map(str::to_string)
            .collect();
        assert_eq!(printed[0], "docker");
        assert_eq!(printed[1..], run_args(&config)[..]);
    }
}
