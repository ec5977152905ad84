//! The rules of the score, one unit each: its text, its check, its fix, and
//! its pass and fail table test right below it.
//!
//! A check reads the config only (and may ask `crate::predict`). A fix changes
//! only what its check looks at; `super::apply_fix` then keeps a setup that
//! started starting. References are only ids that the named tool really has.

use super::{Check, Reference, Rule};
use crate::model::hardening::{self, SUGGESTED_MEMORY};
use crate::model::{AbsPath, Config, DEFAULT_BUILD_IMAGE, DEFAULT_FINAL_IMAGE, ImageRef, Mount};
use crate::model::{DEFAULT_PID_FILE, Size, Unit};
use crate::predict::{Call, Errno, Warning, hides_image_files, predict};

/// Every rule, highest weight first.
pub(super) static RULES: &[Rule] = &[
    NGINX_STARTS,
    READ_ONLY_ROOT,
    BOUNDED_WRITABLE_MOUNTS,
    DROP_CAPABILITIES,
    NO_NEW_PRIVILEGES,
    NON_ROOT_USER,
    MEMORY_LIMIT,
    PIDS_LIMIT,
    CPU_LIMIT,
    RESTART_ON_FAILURE,
    TMPFS_NOEXEC,
    PINNED_IMAGES,
];

const NGINX_STARTS: Rule = Rule {
    id: "nginx-starts",
    title: "nginx would start",
    why: "nginx creates its temp directories and writes its PID file before it serves anything; \
          a hardened setup that fails there serves nothing, and the usual way out is to drop \
          the hardening again.",
    fix: "Mount as tmpfs the directory of the PID file and each temp directory (or the shared \
          temp directory).",
    weight: 30,
    references: &[],
    check: nginx_starts,
    repair: make_nginx_start,
};

fn nginx_starts(config: &Config) -> Check {
    match predict(config).failure {
        None => Check::pass("nginx starts: every path it writes at startup is writable."),
        Some(failure) => Check::fail(format!("nginx stops with: {}", failure.log_line())),
    }
}

/// Makes writable what nginx's startup fails on, one failure at a time, never
/// with a tmpfs over files the image has. Every mount it adds or switches on
/// is one nginx uses, so the writable-mounts rule keeps its result.
pub(super) fn make_nginx_start(config: &mut Config) {
    // Each round fixes one failure; there are at most five temp paths and a
    // PID file (which can fail twice: a mount point in its place, then a
    // missing directory), so this bound is never reached.
    for _ in 0..16 {
        let Some(failure) = predict(config).failure else { return };
        match (failure.call, failure.errno) {
            (Call::Open, Errno::IsDirectory) => {
                // A mount sits where the PID file should be.
                set_enabled(config, &failure.path, false);
            }
            (Call::Open, _) => {
                let dir = config.pid_dir();
                if hides_image_files(&dir) {
                    config.pid_file = AbsPath::from_trusted(DEFAULT_PID_FILE.to_string());
                } else {
                    make_writable(config, dir, Size::from_trusted(1, Unit::M));
                }
            }
            (Call::Mkdir, _) => match config.temp_root.clone() {
                Some(root) if !hides_image_files(&root) => {
                    make_writable(config, root, Size::from_trusted(10, Unit::M));
                }
                _ => make_writable(config, failure.path, Size::from_trusted(2, Unit::M)),
            },
        }
    }
}

/// Switches on the mount at `path`, or adds one of `size`.
fn make_writable(config: &mut Config, path: AbsPath, size: Size) {
    match config.mounts.iter_mut().find(|m| m.path == path) {
        Some(mount) => mount.enabled = true,
        None => config.mounts.push(Mount { path, size, enabled: true }),
    }
}

fn set_enabled(config: &mut Config, path: &AbsPath, enabled: bool) {
    for mount in config.mounts.iter_mut().filter(|m| &m.path == path) {
        mount.enabled = enabled;
    }
}

#[cfg(test)]
#[test]
fn nginx_starts_table() {
    let cases: &[Case] = &[
        ("seed", |_| {}, true),
        ("no PID dir", |c| set_enabled(c, &c.pid_dir(), false), false),
        ("no mounts", |c| c.mounts.iter_mut().for_each(|m| m.enabled = false), false),
        ("consolidated", |c| c.set_temp_root(Some(c.pid_dir())), true),
        ("writable root, seed mounts", |c| c.hardening.read_only_root = false, true),
    ];
    check_table(&NGINX_STARTS, cases);
}

const READ_ONLY_ROOT: Rule = Rule {
    id: "read-only-root",
    title: "Read-only root filesystem",
    why: "With a writable root, anyone who gets code running in the container can replace \
          nginx, its config or the pages it serves, and keep tools there for later; with \
          --read-only only the tmpfs mounts can change, and they vanish with the container.",
    fix: "Add --read-only to docker run, with a tmpfs for each directory nginx writes to.",
    weight: 20,
    references: &[
        Reference::Cis("5.13"),
        Reference::Kubesec("ReadOnlyRootFilesystem"),
        Reference::Trivy("KSV014"),
        Reference::Checkov("CKV_K8S_22"),
    ],
    check: read_only_root,
    repair: |config| config.hardening.read_only_root = true,
};

fn read_only_root(config: &Config) -> Check {
    if config.hardening.read_only_root {
        let n = config.enabled_mounts().count();
        Check::pass(format!("--read-only: only the {n} tmpfs mount(s) can be written."))
    } else {
        Check::fail("No --read-only: every file in the container can be changed.")
    }
}

#[cfg(test)]
#[test]
fn read_only_root_table() {
    let cases: &[Case] = &[
        ("seed", |_| {}, true),
        ("writable root", |c| c.hardening.read_only_root = false, false),
        ("read-only even with nothing mounted", |c| c.mounts.clear(), true),
    ];
    check_table(&READ_ONLY_ROOT, cases);
}

const BOUNDED_WRITABLE_MOUNTS: Rule = Rule {
    id: "bounded-writable-mounts",
    title: "Only sized tmpfs that nginx uses",
    why: "Every writable directory is room for an attacker and memory the host gives up; each \
          tmpfs here has a size (unsized, Docker allows up to half the host's RAM), and one \
          nginx never writes to, or one laid over the image's own files, is room for nothing \
          good.",
    fix: "Remove the mounts nginx does not use, and any over a directory of the image; the \
          consolidated layout needs a single mount.",
    weight: 10,
    references: &[],
    check: bounded_writable_mounts,
    repair: |config| {
        let extra: Vec<AbsPath> = extra_mounts(config).into_iter().map(|m| m.path).collect();
        for path in extra {
            set_enabled(config, &path, false);
        }
    },
};

fn bounded_writable_mounts(config: &Config) -> Check {
    let extra = extra_mounts(config);
    if let Some(first) = extra.first() {
        let reason = if hides_image_files(&first.path) {
            "hides the image's files there"
        } else {
            "is not written by nginx"
        };
        let others = match extra.len() {
            1 => String::new(),
            n => format!(" ({} more like it)", n - 1),
        };
        return Check::fail(format!("The tmpfs on {} {reason}{others}.", first.path));
    }
    let n = config.enabled_mounts().count();
    let total = Size::describe_bytes(config.tmpfs_bytes());
    Check::pass(format!("{n} tmpfs mount(s), {total} in all, each sized and used by nginx."))
}

/// Enabled mounts that nginx does not use or that hide the image's files.
fn extra_mounts(config: &Config) -> Vec<Mount> {
    let unused: Vec<AbsPath> = predict(config)
        .warnings
        .into_iter()
        .filter_map(|w| match w {
            Warning::UnusedMount { path } => Some(path),
            _ => None,
        })
        .collect();
    config
        .enabled_mounts()
        .filter(|m| unused.contains(&m.path) || hides_image_files(&m.path))
        .cloned()
        .collect()
}

#[cfg(test)]
#[test]
fn bounded_writable_mounts_table() {
    let cases: &[Case] = &[
        ("seed: six, all used", |_| {}, true),
        ("consolidated: one", |c| c.set_temp_root(Some(c.pid_dir())), true),
        ("an unused mount", |c| c.mounts.push(test_mount("/var/cache/app")), false),
        ("a tmpfs over the config", |c| c.mounts.push(test_mount("/etc/nginx")), false),
        (
            "a mount switched off is not counted",
            |c| c.mounts.push(Mount { enabled: false, ..test_mount("/var/cache/app") }),
            true,
        ),
    ];
    check_table(&BOUNDED_WRITABLE_MOUNTS, cases);
}

const DROP_CAPABILITIES: Rule = Rule {
    id: "drop-capabilities",
    title: "All capabilities dropped",
    why: "Docker leaves 14 capabilities in a container by default (CHOWN, DAC_OVERRIDE, SETUID \
          and NET_RAW among them); nginx as uid 101 uses none, but they stay within reach of \
          anything that regains root. NET_BIND_SERVICE comes back only for a port below 1024.",
    fix: "Add --cap-drop=ALL (and --cap-add=NET_BIND_SERVICE only if nginx listens below 1024).",
    weight: 8,
    references: &[
        Reference::Cis("5.4"),
        Reference::Kubesec("CapDropAll"),
        Reference::Trivy("KSV003"),
        Reference::Checkov("CKV_K8S_37"),
    ],
    check: |config| {
        if !config.hardening.drop_capabilities {
            return Check::fail("Docker's default capabilities are kept.");
        }
        if config.needs_bind_service() {
            let port = config.container_port;
            Check::pass(format!("--cap-drop=ALL, with NET_BIND_SERVICE back for port {port}."))
        } else {
            Check::pass("--cap-drop=ALL, and nothing added back.")
        }
    },
    repair: |config| config.hardening.drop_capabilities = true,
};

#[cfg(test)]
#[test]
fn drop_capabilities_table() {
    let cases: &[Case] = &[
        ("seed", |_| {}, false),
        ("dropped", |c| c.hardening.drop_capabilities = true, true),
        (
            "dropped, port 80",
            |c| {
                c.hardening.drop_capabilities = true;
                c.container_port = crate::model::Port::new(80).unwrap();
            },
            true,
        ),
    ];
    check_table(&DROP_CAPABILITIES, cases);
}

const NO_NEW_PRIVILEGES: Rule = Rule {
    id: "no-new-privileges",
    title: "No new privileges",
    why: "Without it a setuid-root or file-capability program in the image raises the \
          privileges of whoever runs it; with it the kernel ignores both for every process in \
          the container.",
    fix: "Add --security-opt=no-new-privileges.",
    weight: 8,
    references: &[
        Reference::Cis("5.26"),
        Reference::Kubesec("AllowPrivilegeEscalation"),
        Reference::Trivy("KSV001"),
        Reference::Checkov("CKV_K8S_20"),
    ],
    check: |config| {
        if config.hardening.no_new_privileges {
            Check::pass("--security-opt=no-new-privileges.")
        } else {
            Check::fail("Processes in the container can gain privileges through setuid files.")
        }
    },
    repair: |config| config.hardening.no_new_privileges = true,
};

#[cfg(test)]
#[test]
fn no_new_privileges_table() {
    let cases: &[Case] =
        &[("seed", |_| {}, false), ("set", |c| c.hardening.no_new_privileges = true, true)];
    check_table(&NO_NEW_PRIVILEGES, cases);
}

const NON_ROOT_USER: Rule = Rule {
    id: "non-root-user",
    title: "Numeric non-root user in the run command",
    why: "The image's USER 101 is one edit away from root; --user 101:101 keeps nginx \
          unprivileged even then, and only a numeric user lets Kubernetes verify runAsNonRoot.",
    fix: "Add --user 101:101.",
    weight: 4,
    references: &[
        Reference::Cis("4.1"),
        Reference::Hadolint("DL3002"),
        Reference::Kubesec("RunAsNonRoot"),
        Reference::Trivy("KSV012"),
        Reference::Checkov("CKV_K8S_23"),
        Reference::Checkov("CKV_DOCKER_8"),
    ],
    check: |config| {
        if config.hardening.numeric_user {
            Check::pass(format!("--user {}.", hardening::RUN_AS))
        } else {
            Check::fail("The user comes from the image alone.")
        }
    },
    repair: |config| config.hardening.numeric_user = true,
};

#[cfg(test)]
#[test]
fn non_root_user_table() {
    let cases: &[Case] =
        &[("seed", |_| {}, false), ("set", |c| c.hardening.numeric_user = true, true)];
    check_table(&NON_ROOT_USER, cases);
}

const MEMORY_LIMIT: Rule = Rule {
    id: "memory-limit",
    title: "Memory limit",
    why: "Without a limit nginx, and the files in its tmpfs mounts, can take all of the host's \
          memory and take other services down with it.",
    fix: "Add --memory, for example --memory=128m, well above what the tmpfs mounts can hold.",
    weight: 4,
    references: &[
        Reference::Cis("5.11"),
        Reference::Kubesec("LimitsMemory"),
        Reference::Trivy("KSV018"),
        Reference::Checkov("CKV_K8S_13"),
    ],
    check: |config| match config.hardening.memory {
        Some(memory) => Check::pass(format!("--memory={memory}.")),
        None => Check::fail("No memory limit."),
    },
    repair: |config| config.hardening.memory = Some(suggested_memory(config)),
};

/// 128m, or twice what the tmpfs mounts can hold when that is more.
fn suggested_memory(config: &Config) -> Size {
    let twice_tmpfs_mib = (2 * config.tmpfs_bytes()).div_ceil(1 << 20);
    if twice_tmpfs_mib <= SUGGESTED_MEMORY.amount() {
        return SUGGESTED_MEMORY;
    }
    Size::new(twice_tmpfs_mib, Unit::M).unwrap_or(Size::from_trusted(16, Unit::G))
}

#[cfg(test)]
#[test]
fn memory_limit_table() {
    let cases: &[Case] =
        &[("seed", |_| {}, false), ("set", |c| c.hardening.memory = Some(SUGGESTED_MEMORY), true)];
    check_table(&MEMORY_LIMIT, cases);

    // The fix leaves room for the tmpfs mounts, so the prediction stays quiet.
    let mut big = Config::default();
    big.mounts[0].size = Size::new(100, Unit::M).unwrap();
    assert_eq!(suggested_memory(&big).to_string(), "218m");
    assert_eq!(suggested_memory(&Config::default()).to_string(), "128m");
}

const PIDS_LIMIT: Rule = Rule {
    id: "pids-limit",
    title: "PIDs limit",
    why: "A process that forks without end (a fork bomb or a bug) fills the host's process \
          table, and then nothing on the host can start a process.",
    fix: "Add --pids-limit, for example --pids-limit=128 (nginx needs a master and a worker per \
          CPU).",
    weight: 4,
    references: &[Reference::Cis("5.29")],
    check: |config| match config.hardening.pids_limit {
        Some(pids) => Check::pass(format!("--pids-limit={pids}.")),
        None => Check::fail("No limit on processes."),
    },
    repair: |config| config.hardening.pids_limit = Some(hardening::suggested_pids()),
};

#[cfg(test)]
#[test]
fn pids_limit_table() {
    let cases: &[Case] = &[
        ("seed", |_| {}, false),
        ("set", |c| c.hardening.pids_limit = Some(hardening::suggested_pids()), true),
    ];
    check_table(&PIDS_LIMIT, cases);
}

const CPU_LIMIT: Rule = Rule {
    id: "cpu-limit",
    title: "CPU limit",
    why: "Without a limit a busy or hijacked nginx (running a miner, say) can take every CPU of \
          the host.",
    fix: "Add --cpus, for example --cpus=1.",
    weight: 3,
    references: &[
        Reference::Cis("5.12"),
        Reference::Kubesec("LimitsCPU"),
        Reference::Trivy("KSV011"),
        Reference::Checkov("CKV_K8S_11"),
    ],
    check: |config| match config.hardening.cpus {
        Some(cpus) => Check::pass(format!("--cpus={cpus}.")),
        None => Check::fail("No CPU limit."),
    },
    repair: |config| config.hardening.cpus = Some(hardening::suggested_cpus()),
};

#[cfg(test)]
#[test]
fn cpu_limit_table() {
    let cases: &[Case] = &[
        ("seed", |_| {}, false),
        ("set", |c| c.hardening.cpus = Some(hardening::suggested_cpus()), true),
    ];
    check_table(&CPU_LIMIT, cases);
}

/// CIS Docker Benchmark v1.6.0, 5.15, asks for at most this many retries.
const MAX_RETRIES: u32 = 5;

const RESTART_ON_FAILURE: Rule = Rule {
    id: "restart-on-failure",
    title: "Bounded restart on failure",
    why: "A restart policy brings nginx back after a crash; a bounded on-failure count stops a \
          crash loop after a few tries, where it shows, instead of restarting it forever.",
    fix: "Add --restart=on-failure:5.",
    weight: 3,
    references: &[Reference::Cis("5.15")],
    check: |config| match config.hardening.restart_retries {
        Some(n) if n.get() <= MAX_RETRIES => Check::pass(format!("--restart=on-failure:{n}.")),
        Some(n) => Check::fail(format!("on-failure:{n} retries more than {MAX_RETRIES} times.")),
        None => Check::fail("No restart policy: a crash leaves nginx down."),
    },
    repair: |config| config.hardening.restart_retries = Some(hardening::suggested_retries()),
};

#[cfg(test)]
#[test]
fn restart_on_failure_table() {
    use crate::model::RestartRetries;
    let cases: &[Case] = &[
        ("seed", |_| {}, false),
        ("5", |c| c.hardening.restart_retries = Some(RestartRetries::new(5).unwrap()), true),
        ("1", |c| c.hardening.restart_retries = Some(RestartRetries::new(1).unwrap()), true),
        ("6", |c| c.hardening.restart_retries = Some(RestartRetries::new(6).unwrap()), false),
    ];
    check_table(&RESTART_ON_FAILURE, cases);
}

const TMPFS_NOEXEC: Rule = Rule {
    id: "tmpfs-noexec",
    title: "tmpfs mounts noexec, nosuid, nodev",
    why: "The tmpfs mounts are the only places a compromised nginx can write: noexec keeps a \
          dropped binary from running there, nosuid and nodev keep setuid files and device \
          nodes from working. Docker applies them by default, but only --tmpfs can say so in \
          the command you review.",
    fix: "Write each mount as --tmpfs DIR:rw,noexec,nosuid,nodev,size=SIZE,mode=1777.",
    weight: 3,
    references: &[],
    check: |config| {
        if config.hardening.tmpfs_noexec {
            Check::pass("Every tmpfs is noexec,nosuid,nodev with mode 1777, written out.")
        } else {
            Check::fail("The mount flags are left to Docker's defaults, unseen in the command.")
        }
    },
    repair: |config| config.hardening.tmpfs_noexec = true,
};

#[cfg(test)]
#[test]
fn tmpfs_noexec_table() {
    let cases: &[Case] =
        &[("seed", |_| {}, false), ("set", |c| c.hardening.tmpfs_noexec = true, true)];
    check_table(&TMPFS_NOEXEC, cases);
}

const PINNED_IMAGES: Rule = Rule {
    id: "pinned-images",
    title: "Pinned images",
    why: "An untagged or latest image changes under you: a rebuild can bring another nginx, \
          OpenSSL or C library than the one you tested, and docker run with an untagged name \
          may pull someone else's image of that name from Docker Hub.",
    fix: "Give the build image, the distroless base and your own image a tag other than \
          latest, or a digest.",
    weight: 3,
    references: &[
        Reference::Hadolint("DL3006"),
        Reference::Hadolint("DL3007"),
        Reference::Checkov("CKV_DOCKER_7"),
        Reference::Trivy("KSV013"),
        Reference::Checkov("CKV_K8S_14"),
    ],
    check: pinned_images,
    repair: pin_images,
};

fn pinned_images(config: &Config) -> Check {
    let loose: Vec<String> = [&config.build_image, &config.final_image, &config.image_name]
        .into_iter()
        .filter(|image| !image.is_pinned())
        .map(ToString::to_string)
        .collect();
    if loose.is_empty() {
        Check::pass("Every image has a tag other than latest, or a digest.")
    } else {
        Check::fail(format!("Not pinned: {}.", loose.join(", ")))
    }
}

/// The defaults for the two base images; our own image is tagged with the
/// build image's tag, which names the nginx version inside.
fn pin_images(config: &mut Config) {
    if !config.build_image.is_pinned() {
        config.build_image = image(DEFAULT_BUILD_IMAGE);
    }
    if !config.final_image.is_pinned() {
        config.final_image = image(DEFAULT_FINAL_IMAGE);
    }
    if !config.image_name.is_pinned() {
        let tag = config.build_image.tag().filter(|t| *t != "latest").unwrap_or("1");
        config.image_name = image(&format!("{}:{tag}", config.image_name.name()));
    }
}

fn image(text: &str) -> ImageRef {
    ImageRef::parse(text).expect("a name that parsed, with a tag that parsed")
}

#[cfg(test)]
#[test]
fn pinned_images_table() {
    let cases: &[Case] = &[
        ("seed: our image is untagged", |_| {}, false),
        ("tagged", |c| c.image_name = image("nginx-secure:1.28.0"), true),
        ("latest", |c| c.image_name = image("nginx-secure:latest"), false),
        (
            "tagged, base latest",
            |c| {
                c.image_name = image("nginx-secure:1");
                c.final_image = image("gcr.io/distroless/base-debian12:latest");
            },
            false,
        ),
    ];
    check_table(&PINNED_IMAGES, cases);

    let mut seed = Config::default();
    pin_images(&mut seed);
    assert_eq!(seed.image_name.as_str(), "nginx-secure:1.30.5-trixie");
}

/// A table case: its name, an edit of the seed config, and whether the rule passes.
#[cfg(test)]
type Case = (&'static str, fn(&mut Config), bool);

/// Checks `rule` on each case.
#[cfg(test)]
fn check_table(rule: &'static Rule, cases: &[Case]) {
    for (name, edit, expected) in cases {
        let mut config = Config::default();
        edit(&mut config);
        let result = rule.check(&config);
        assert_eq!(result.passed, *expected, "{}: {name}: {}", rule.id, result.detail);
        let one_line = !result.detail.is_empty() && !result.detail.contains('\n');
        assert!(one_line, "{}: {name}: {:?}", rule.id, result.detail);
    }
}

#[cfg(test)]
fn test_mount(path: &str) -> Mount {
    Mount {
        path: AbsPath::parse(path).unwrap(),
        size: Size::new(1, Unit::M).unwrap(),
        enabled: true,
    }
}
