//! The `docker run` command, laid out like the blog post: one flag group a line.

use std::fmt::Write;

use crate::model::Config;

/// The command's arguments after `docker`, one entry per shell word.
pub fn run_args(config: &Config) -> Vec<String> {
    let mut args = vec![
        "run".to_string(),
        "--name".to_string(),
        config.container_name.to_string(),
        "--read-only".to_string(),
    ];
    for mount in config.enabled_mounts() {
        args.push("--mount".to_string());
        args.push(mount_spec(&mount.path.to_string(), &mount.size.to_string()));
    }
    args.extend(["-d".to_string(), "-p".to_string(), port_spec(config), "-t".to_string()]);
    args.push(config.image_name.to_string());
    args
}

/// The command as a user pastes it into a terminal, continued over lines.
pub fn run_command(config: &Config) -> String {
    command_text(config, &config.container_name.to_string(), &config.image_name.to_string(), "    ")
}

/// `run.sh`: the command with a shebang and a line saying what it does.
pub fn run_script(config: &Config) -> String {
    let mut out = String::with_capacity(640);
    out.push_str("#!/bin/sh\n");
    let _ = writeln!(
        out,
        "# Runs {} with a read-only root filesystem; only the tmpfs mounts below are writable.",
        config.image_name
    );
    out.push_str("set -eu\n");
    out.push_str(&run_command(config));
    out
}

/// The shared layout of the command, used by `run.sh` and the Makefile's `run`.
pub(crate) fn command_text(config: &Config, container: &str, image: &str, indent: &str) -> String {
    let mut out = String::with_capacity(512);
    let _ = writeln!(out, "docker run --name {container} --read-only \\");
    for mount in config.enabled_mounts() {
        let spec = mount_spec(mount.path.as_str(), &mount.size.to_string());
        let _ = writeln!(out, "{indent}--mount {spec} \\");
    }
    let _ = writeln!(out, "{indent}-d -p {} -t {image}", port_spec(config));
    out
}

fn mount_spec(path: &str, size: &str) -> String {
    format!("type=tmpfs,destination={path},tmpfs-size={size}")
}

fn port_spec(config: &Config) -> String {
    format!("{}:{}", config.host_port, config.container_port)
}
