//! Named starting points: the blog post's setup and the variants a lesson needs.
//!
//! A preset is a function of nothing but the defaults, so the CLI, the page and
//! share links all get the same config for the same name.

use crate::model::{Config, Hardening, ImageRef};

/// A named config with a sentence saying what it shows.
#[derive(Debug, Clone, Copy)]
pub struct Preset {
    pub name: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    build: fn() -> Config,
}

impl Preset {
    pub fn config(&self) -> Config {
        (self.build)()
    }
}

pub const PRESETS: &[Preset] = &[
    Preset {
        name: "seed",
        title: "The blog post's setup",
        summary: "Six tmpfs mounts: the five temp dirs at 2m and the PID dir at 1m.",
        build: Config::default,
    },
    Preset {
        name: "consolidated",
        title: "One writable directory",
        summary: "All five temp paths moved beside the PID file: a single tmpfs mount.",
        build: consolidated,
    },
    Preset {
        name: "broken-pid",
        title: "PID directory not writable",
        summary: "The temp dirs are mounted but /tmp/nginx is not: nginx cannot write its PID file.",
        build: broken_pid,
    },
    Preset {
        name: "wide-open",
        title: "Wide open",
        summary: "The blog post's mounts without --read-only: anything in the container can be \
                  changed. Where a lesson starts.",
        build: wide_open,
    },
    Preset {
        name: "locked-down",
        title: "Locked down",
        summary: "One 1m tmpfs, every capability dropped, no new privileges, uid 101, memory, \
                  CPU and PIDs limits, bounded restarts, pinned images: every rule passes.",
        build: locked_down,
    },
];

/// Finds a preset by its name.
pub fn find(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

fn consolidated() -> Config {
    let mut config = Config::default();
    config.set_temp_root(Some(config.pid_dir()));
    config
}

fn broken_pid() -> Config {
    let mut config = Config::default();
    let pid_dir = config.pid_dir();
    for mount in &mut config.mounts {
        if mount.path == pid_dir {
            mount.enabled = false;
        }
    }
    config
}

fn wide_open() -> Config {
    let mut config = Config::default();
    config.hardening.read_only_root = false;
    config
}

fn locked_down() -> Config {
    let mut config = consolidated();
    config.hardening = Hardening::locked_down();
    let tag = config.build_image.tag().unwrap_or("1");
    let tagged = format!("{}:{tag}", config.image_name.name());
    config.image_name = ImageRef::parse(&tagged).expect("the default name with the build tag");
    config
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::predict::predict;

    #[test]
    fn names_are_unique_and_found() {
        for preset in PRESETS {
            assert_eq!(find(preset.name).map(|p| p.name), Some(preset.name));
        }
        assert!(find("nope").is_none());
    }

    #[test]
    fn each_preset_shows_what_it_says() {
        assert!(predict(&find("seed").unwrap().config()).starts());
        let consolidated = find("consolidated").unwrap().config();
        assert!(predict(&consolidated).starts());
        assert_eq!(consolidated.enabled_mounts().count(), 1);
        assert!(!predict(&find("broken-pid").unwrap().config()).starts());
        let wide_open = find("wide-open").unwrap().config();
        assert!(predict(&wide_open).starts() && !wide_open.hardening.read_only_root);
        let locked = find("locked-down").unwrap().config();
        assert!(predict(&locked).starts());
        assert_eq!(predict(&locked).warnings, []);
        assert_eq!(crate::score::score(&locked).total, crate::score::MAX_SCORE);
    }
}
