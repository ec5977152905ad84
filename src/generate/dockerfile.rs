//! The multi-stage Dockerfile: nginx-unprivileged edited in a build stage, and a
//! distroless final stage holding only what nginx needs to run.
//!
//! Every `sed` here is followed by a `grep` for the line it should have written:
//! a `sed` that matches nothing succeeds silently, and the stock image's PID path
//! has changed before, so an edit that did not take must fail the build.

use std::fmt::Write;

use crate::model::{Config, STOCK_LISTEN_PORT};

/// Where the build stage assembles the final image's files (writable by uid 101).
pub const STAGING: &str = "/tmp/rootfs";

pub fn dockerfile(config: &Config) -> String {
    let mut out = String::with_capacity(3072);
    let port = config.container_port;

    out.push_str("# syntax=docker/dockerfile:1\n");
    out.push_str("# nginx from nginx-unprivileged, run on distroless with a read-only root.\n");
    out.push_str("# Keep the build image and the distroless base on the same Debian release.\n\n");
    let _ = writeln!(out, "FROM {} AS build", config.build_image);
    out.push_str("SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n\n");

    out.push_str("# Point nginx's writable paths at the tmpfs mounts; fail if an edit misses.\n");
    out.push_str("RUN ");
    out.push_str(&edits(config).join(" \\\n && "));
    out.push_str("\n\n");

    out.push_str("# Stage exactly what the final image needs: nginx, the shared libraries it\n");
    out.push_str("# links (found here, so the paths fit amd64 and arm64 alike), its config,\n");
    out.push_str("# the log symlinks, the html root and the nginx user.\n");
    let _ = writeln!(out, "RUN mkdir -p {STAGING}/usr/sbin {STAGING}/etc {STAGING}/var/log \\");
    let _ = writeln!(out, "        {STAGING}/usr/share/nginx \\");
    let _ = writeln!(out, " && cp -a /usr/sbin/nginx {STAGING}/usr/sbin/ \\");
    out.push_str(" && ldd /usr/sbin/nginx | awk '$2 == \"=>\" && $3 ~ /^\\// { print $3 }' \\\n");
    out.push_str("    | while read -r lib; do \\\n");
    let _ = writeln!(out, "        dir=\"{STAGING}$(dirname \"$(readlink -f \"$lib\")\")\"; \\");
    out.push_str("        mkdir -p \"$dir\" && cp -L \"$lib\" \"$dir/\"; \\\n");
    out.push_str("      done \\\n");
    let _ = writeln!(out, " && cp -a /etc/nginx {STAGING}/etc/ \\");
    let _ = writeln!(out, " && cp -a /var/log/nginx {STAGING}/var/log/ \\");
    let _ = writeln!(out, " && cp -a /usr/share/nginx/html {STAGING}/usr/share/nginx/ \\");
    let _ = writeln!(out, " && grep -E '^(root|nginx):' /etc/passwd > {STAGING}/etc/passwd \\");
    let _ = writeln!(out, " && grep -E '^(root|nginx):' /etc/group > {STAGING}/etc/group");
    out.push('\n');

    let _ = writeln!(out, "FROM {}", config.final_image);
    let _ = writeln!(out, "COPY --from=build --chown=0:0 {STAGING}/ /");
    out.push_str("USER 101\n");
    let _ = writeln!(out, "EXPOSE {port}");
    out.push_str("STOPSIGNAL SIGQUIT\n");
    out.push_str("ENTRYPOINT [\"/usr/sbin/nginx\", \"-g\", \"daemon off;\"]\n");
    out
}

/// The `sed` and `grep` pairs for the PID file, the temp paths and the port.
fn edits(config: &Config) -> Vec<String> {
    const CONF: &str = "/etc/nginx/nginx.conf";
    const SERVER: &str = "/etc/nginx/conf.d/default.conf";
    let mut steps = Vec::new();

    let mut directives = vec![("pid".to_string(), config.pid_file.to_string())];
    if config.temp_root.is_some() {
        for (kind, path) in config.temp_paths() {
            directives.push((kind.directive().to_string(), path.to_string()));
        }
    }
    let mut sed = String::from("sed -i -E");
    for (directive, value) in &directives {
        let _ = write!(sed, " \\\n      -e 's,^(\\s*{directive}\\s+)[^;]+;,\\1{value};,'");
    }
    let _ = write!(sed, " \\\n      {CONF}");
    steps.push(sed);
    for (directive, value) in &directives {
        steps.push(format!("grep -Eq '^\\s*{directive}\\s+{};' {CONF}", regex_literal(value)));
    }

    if config.container_port.get() != STOCK_LISTEN_PORT {
        let port = config.container_port;
        steps.push(format!(
            "sed -i -E 's,^(\\s*listen\\s+){STOCK_LISTEN_PORT};,\\1{port};,' {SERVER}"
        ));
        steps.push(format!("grep -Eq '^\\s*listen\\s+{port};' {SERVER}"));
    }
    steps
}

/// Escapes the only regex metacharacter a validated path can hold: `.`.
fn regex_literal(text: &str) -> String {
    text.replace('.', "\\.")
}
