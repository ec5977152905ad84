//! The Makefile: `build`, `run` (after `build`), `kill` and `logs`, all phony.

use std::fmt::Write;

use super::run::command_text;
use crate::model::Config;

pub fn makefile(config: &Config) -> String {
    let mut out = String::with_capacity(1024);
    if config.hardening.read_only_root {
        out.push_str("# Build and run nginx on distroless with a read-only root filesystem.\n");
    } else {
        out.push_str(
            "# Build and run nginx on distroless; `run` leaves the root filesystem writable.\n",
        );
    }
    let _ = writeln!(out, "IMAGE := {}", config.image_name);
    let _ = writeln!(out, "CONTAINER := {}", config.container_name);
    out.push('\n');

    out.push_str(".PHONY: build\nbuild:\n\tdocker build -t $(IMAGE) .\n\n");

    out.push_str(".PHONY: run\nrun: build\n");
    for line in command_text(config, "$(CONTAINER)", "$(IMAGE)", "\t\t").lines() {
        // The first line is the recipe line; the continuations carry their own indent.
        if !line.starts_with('\t') {
            out.push('\t');
        }
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');

    out.push_str(".PHONY: kill\nkill:\n");
    out.push_str("\tdocker kill $(CONTAINER) 2> /dev/null || :\n");
    out.push_str("\tdocker rm $(CONTAINER) 2> /dev/null || :\n\n");

    out.push_str(".PHONY: logs\nlogs:\n\tdocker logs $(CONTAINER)\n");
    out
}
