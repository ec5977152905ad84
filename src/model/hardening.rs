//! What the `docker run` command takes away from nginx beyond the root
//! filesystem: capabilities, privilege escalation, memory, CPU, processes,
//! endless restarts, executable scratch space and a changeable user.
//!
//! The defaults are the blog post's command, which has `--read-only` and
//! nothing else, so the seed preset stays its run target flag for flag. Each
//! option says in one line what it prevents; the score (`crate::score`) says
//! why that matters and what it is worth. This module only holds values: the
//! generators turn them into flags, and it must never print a flag itself.

use super::value::{Cpus, PidsLimit, RestartRetries, Size, Unit};

/// The smallest `--memory` the Docker daemon accepts (its `linuxMinMemory`, 6 MiB
/// in current releases; older ones took 4 MiB).
pub const MIN_MEMORY_BYTES: u64 = 6 << 20;

/// The mode written on every tmpfs: world-writable with the sticky bit, as
/// Docker's default, so uid 101 can write and nobody can remove others' files.
pub const TMPFS_MODE: &str = "1777";

/// The mount flags written on every tmpfs when `Hardening::tmpfs_noexec` is on.
pub const TMPFS_FLAGS: [&str; 3] = ["noexec", "nosuid", "nodev"];

/// The numeric user and group the run command forces: nginx-unprivileged's 101.
pub const RUN_AS: &str = "101:101";

/// The limits the "Fix" of each limit picks and the locked-down preset uses.
pub const SUGGESTED_MEMORY: Size = Size::from_trusted(128, Unit::M);
pub const SUGGESTED_CPUS: u32 = 100;
pub const SUGGESTED_PIDS: u32 = 128;
/// CIS Docker Benchmark v1.6.0, 5.15, asks for `on-failure:5`.
pub const SUGGESTED_RETRIES: u32 = 5;

/// The run command's options beyond the mounts. `None` leaves a limit unset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hardening {
    /// `--read-only`. On by default: the point of the whole project.
    pub read_only_root: bool,
    /// `--cap-drop=ALL`, plus `--cap-add=NET_BIND_SERVICE` only when the
    /// container port is below 1024.
    pub drop_capabilities: bool,
    /// `--security-opt=no-new-privileges`.
    pub no_new_privileges: bool,
    /// Every tmpfs written as `--tmpfs DIR:rw,noexec,nosuid,nodev,size=S,mode=1777`
    /// instead of the blog post's `--mount type=tmpfs,...`.
    ///
    /// FIXME: `--mount` cannot state mount flags: docker 28.2 refuses both a
    /// `tmpfs-options` key ("unexpected key") and a bare `noexec` ("must be a
    /// key=value pair"). Docker's daemon adds `noexec,nosuid,nodev` to every
    /// tmpfs either way; `--tmpfs` is the one form that shows them, at the
    /// price that the CLI checks nothing after the colon.
    pub tmpfs_noexec: bool,
    /// `--user 101:101`.
    pub numeric_user: bool,
    /// `--memory`.
    pub memory: Option<Size>,
    /// `--cpus`.
    pub cpus: Option<Cpus>,
    /// `--pids-limit`.
    pub pids_limit: Option<PidsLimit>,
    /// `--restart=on-failure:N`.
    pub restart_retries: Option<RestartRetries>,
}

impl Default for Hardening {
    /// The blog post's command: a read-only root and nothing more.
    fn default() -> Hardening {
        Hardening {
            read_only_root: true,
            drop_capabilities: false,
            no_new_privileges: false,
            tmpfs_noexec: false,
            numeric_user: false,
            memory: None,
            cpus: None,
            pids_limit: None,
            restart_retries: None,
        }
    }
}

impl Hardening {
    /// Every option on, with the suggested limits.
    pub fn locked_down() -> Hardening {
        Hardening {
            read_only_root: true,
            drop_capabilities: true,
            no_new_privileges: true,
            tmpfs_noexec: true,
            numeric_user: true,
            memory: Some(SUGGESTED_MEMORY),
            cpus: Some(suggested_cpus()),
            pids_limit: Some(suggested_pids()),
            restart_retries: Some(suggested_retries()),
        }
    }
}

pub fn suggested_cpus() -> Cpus {
    Cpus::from_hundredths(SUGGESTED_CPUS).expect("a valid built-in limit")
}

pub fn suggested_pids() -> PidsLimit {
    PidsLimit::new(SUGGESTED_PIDS).expect("a valid built-in limit")
}

pub fn suggested_retries() -> RestartRetries {
    RestartRetries::new(SUGGESTED_RETRIES).expect("a valid built-in limit")
}

/// One hardening option, for listing them with what each prevents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HardeningOption {
    ReadOnlyRoot,
    DropCapabilities,
    NoNewPrivileges,
    TmpfsNoexec,
    NumericUser,
    Memory,
    Cpus,
    PidsLimit,
    Restart,
}

impl HardeningOption {
    pub const ALL: [HardeningOption; 9] = [
        HardeningOption::ReadOnlyRoot,
        HardeningOption::DropCapabilities,
        HardeningOption::NoNewPrivileges,
        HardeningOption::TmpfsNoexec,
        HardeningOption::NumericUser,
        HardeningOption::Memory,
        HardeningOption::Cpus,
        HardeningOption::PidsLimit,
        HardeningOption::Restart,
    ];

    /// A short label for a form.
    pub fn label(self) -> &'static str {
        match self {
            HardeningOption::ReadOnlyRoot => "Read-only root filesystem",
            HardeningOption::DropCapabilities => "Drop all capabilities",
            HardeningOption::NoNewPrivileges => "No new privileges",
            HardeningOption::TmpfsNoexec => "tmpfs noexec, nosuid, nodev",
            HardeningOption::NumericUser => "Run as uid 101",
            HardeningOption::Memory => "Memory limit",
            HardeningOption::Cpus => "CPU limit",
            HardeningOption::PidsLimit => "PIDs limit",
            HardeningOption::Restart => "Restart on failure",
        }
    }

    /// What the option prevents, in one line.
    pub fn prevents(self) -> &'static str {
        match self {
            HardeningOption::ReadOnlyRoot => {
                "Code running in the container cannot change nginx, its config or the files it \
                 serves."
            }
            HardeningOption::DropCapabilities => {
                "Takes away the kernel privileges Docker grants by default (raw sockets, chown, \
                 setuid and more), so a compromised nginx has none to abuse."
            }
            HardeningOption::NoNewPrivileges => {
                "No setuid or file-capability program can raise a process's privileges inside \
                 the container."
            }
            HardeningOption::TmpfsNoexec => {
                "Nothing written to the writable directories can be run as a program, act as \
                 setuid or open a device."
            }
            HardeningOption::NumericUser => {
                "nginx runs as uid and gid 101 even if the image's USER is changed to root."
            }
            HardeningOption::Memory => {
                "A leak, a flood of requests or full tmpfs mounts cannot take the host's memory."
            }
            HardeningOption::Cpus => "A busy or hijacked nginx cannot starve the host of CPU.",
            HardeningOption::PidsLimit => "A fork bomb cannot exhaust the host's process table.",
            HardeningOption::Restart => {
                "A crash is retried a few times, not forever, so a crash loop stops and shows."
            }
        }
    }

    /// Whether `hardening` has this option on (a limit counts when it is set).
    pub fn is_on(self, hardening: &Hardening) -> bool {
        match self {
            HardeningOption::ReadOnlyRoot => hardening.read_only_root,
            HardeningOption::DropCapabilities => hardening.drop_capabilities,
            HardeningOption::NoNewPrivileges => hardening.no_new_privileges,
            HardeningOption::TmpfsNoexec => hardening.tmpfs_noexec,
            HardeningOption::NumericUser => hardening.numeric_user,
            HardeningOption::Memory => hardening.memory.is_some(),
            HardeningOption::Cpus => hardening.cpus.is_some(),
            HardeningOption::PidsLimit => hardening.pids_limit.is_some(),
            HardeningOption::Restart => hardening.restart_retries.is_some(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_the_blog_posts_command() {
        let blog = Hardening::default();
        let on: Vec<_> = HardeningOption::ALL.into_iter().filter(|o| o.is_on(&blog)).collect();
        assert_eq!(on, [HardeningOption::ReadOnlyRoot]);
    }

    #[test]
    fn locked_down_turns_everything_on() {
        let all = Hardening::locked_down();
        assert!(HardeningOption::ALL.iter().all(|o| o.is_on(&all)));
        assert_eq!(all.memory.map(|m| m.to_string()).as_deref(), Some("128m"));
        assert_eq!(all.cpus.map(|c| c.to_string()).as_deref(), Some("1"));
    }

    #[test]
    fn every_option_explains_itself_in_one_line() {
        for option in HardeningOption::ALL {
            let line = option.prevents();
            assert!(line.ends_with('.') && !line.contains('\n'), "{option:?}: {line}");
            assert!(line.len() < 140, "{option:?} is longer than a line: {line}");
        }
    }
}
