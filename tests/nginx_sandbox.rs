//! nginx itself decides: the generated build stage replayed for real, and
//! Debian's nginx started as uid 101 on a read-only root with exactly the tmpfs
//! mounts the generated `docker run` asks for.
//!
//! This file owns checking `nginx_lockdown::predict` against real nginx inside
//! bubblewrap sandboxes: every on/off combination of the seed mounts, the
//! consolidated layout, the too-small `client_temp` and read-only temp dir
//! warnings, and nginx started from a root filesystem that holds only what the
//! final stage copies plus the dynamic loader. Each sandbox has its own network
//! and PID namespaces, so cases run in parallel without port clashes, and every
//! child runs under `timeout`. It never edits the engine and never reaches the
//! network beyond 127.0.0.1 inside a sandbox. These tests need root (CI runs
//! them as root) and the tools from `scripts/install-test-tools.sh`.

mod common;

use std::fs;
use std::os::unix::fs::{chown, symlink};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use common::{INSTALL, abs, fixture_root, require_tool, run_bounded, size, text};
use nginx_lockdown::generate::{dockerfile, run_args};
use nginx_lockdown::model::{Config, Mount, NGINX_UID, Port, TempKind};
use nginx_lockdown::predict::{CLIENT_MAX_BODY_SIZE, Warning, predict};
use nginx_lockdown::preset;
use tempfile::TempDir;

/// Every on/off combination of the six seed mounts: nginx starts and serves
/// `GET /` exactly when predicted, and otherwise prints the predicted line.
#[test]
fn all_64_seed_mount_combinations_match_the_prediction() {
    let seed = Config::default();
    let staged = replay(&dockerfile(&seed), None).unwrap_or_else(|e| panic!("{e}"));
    let cases: Vec<(String, Config)> = (0u32..64)
        .map(|mask| {
            let mut config = seed.clone();
            for (bit, mount) in config.mounts.iter_mut().enumerate() {
                mount.enabled = mask & (1 << bit) != 0;
            }
            let on: Vec<&str> = config.enabled_mounts().map(|m| m.path.as_str()).collect();
            (format!("mask {mask:06b} ({})", on.join(" ")), config)
        })
        .collect();

    // Every combination shares the seed Dockerfile, so one replay serves all.
    assert!(cases.iter().all(|(_, c)| dockerfile(c) == dockerfile(&seed)));
    let failures = parallel(&cases, |(name, config)| check_against_nginx(name, config, &staged));
    let starting = cases.iter().filter(|(_, c)| predict(c).starts()).count();
    assert_eq!(failures, Vec::<String>::new(), "{} of 64 disagree", failures.len());
    // The mask with everything on starts and the one with nothing on does not,
    // so both outcomes were exercised against real nginx.
    assert!(starting > 0 && starting < 64, "{starting} of 64 predicted to start");
}

#[test]
fn consolidated_layouts_match_the_prediction() {
    let consolidated = preset::find("consolidated").unwrap().config();
    let mut unmounted = consolidated.clone();
    unmounted.mounts.iter_mut().for_each(|m| m.enabled = false);
    let broken_pid = preset::find("broken-pid").unwrap().config();
    let port = Config { container_port: Port::new(9090).unwrap(), ..Config::default() };

    let cases = [
        ("consolidated", consolidated),
        ("consolidated with its mount off", unmounted),
        ("broken-pid", broken_pid),
        ("container port 9090", port),
    ];
    let failures = parallel(&cases, |(name, config)| {
        let staged = replay(&dockerfile(config), None).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_against_nginx(name, config, &staged)
    });
    assert_eq!(failures, Vec::<String>::new());
}

/// The staged tree carries the config's paths and port, and the files the
/// final stage needs.
#[test]
fn build_stage_replay_writes_the_configured_paths() {
    let mut port = preset::find("consolidated").unwrap().config();
    port.container_port = Port::new(9090).unwrap();
    for config in [Config::default(), preset::find("consolidated").unwrap().config(), port] {
        let staged = replay(&dockerfile(&config), None).unwrap_or_else(|e| panic!("{e}"));
        let conf = fs::read_to_string(staged.etc_nginx().join("nginx.conf")).unwrap();
        assert_eq!(directive(&conf, "pid").as_deref(), Some(config.pid_file.as_str()));
        for (kind, path) in config.temp_paths() {
            assert_eq!(directive(&conf, kind.directive()).as_deref(), Some(path.as_str()));
        }
        let server = fs::read_to_string(staged.etc_nginx().join("conf.d/default.conf")).unwrap();
        let listen = config.container_port.to_string();
        assert_eq!(directive(&server, "listen").as_deref(), Some(listen.as_str()));

        let passwd = fs::read_to_string(staged.root().join("etc/passwd")).unwrap();
        assert!(passwd.lines().any(|l| l.starts_with("nginx:x:101:101:")), "{passwd}");
        assert!(staged.root().join("usr/sbin/nginx").is_file());
        let error_log = fs::read_link(staged.root().join("var/log/nginx/error.log")).unwrap();
        assert_eq!(error_log, Path::new("/dev/stderr"));
    }
}

/// A `sed` that matches nothing succeeds silently; the Dockerfile's `grep`
/// must turn that into a failed build.
#[test]
fn build_stage_fails_when_an_edit_misses() {
    let stock = fs::read_to_string(fixture_root().join("etc/nginx/nginx.conf")).unwrap();
    let without = |directive: &str| -> String {
        let kept: Vec<&str> =
            stock.lines().filter(|l| !l.trim_start().starts_with(directive)).collect();
        assert_eq!(kept.len() + 1, stock.lines().count(), "one {directive} line in the fixture");
        kept.join("\n")
    };
    let consolidated = preset::find("consolidated").unwrap().config();
    let cases = [
        ("seed, no pid line", Config::default(), without("pid ")),
        ("consolidated, no client_body_temp_path", consolidated, without("client_body_temp_path")),
    ];
    for (name, config, conf) in cases {
        match replay(&dockerfile(&config), Some(&conf)) {
            Ok(_) => panic!("{name}: the build stage succeeded although its edit could not apply"),
            Err(message) => assert!(message.contains("exit Some(1)"), "{name}: {message}"),
        }
    }
}

/// A `client_temp` tmpfs smaller than an accepted upload: nginx starts, and a
/// 1 MiB body gets a 500 with `No space left on device`. The warning must be
/// predicted for exactly the sizes that fail.
#[test]
fn small_client_temp_warning_matches_real_uploads() {
    let seed = Config::default();
    let staged = replay(&dockerfile(&seed), None).unwrap_or_else(|e| panic!("{e}"));
    let sizes = ["512k", "1m", "2m"];
    let cases: Vec<(String, Config)> = sizes
        .iter()
        .map(|s| {
            let mut config = seed.clone();
            config.mounts[1].size = size(s);
            (format!("client_temp {s}"), config)
        })
        .collect();
    let failures = parallel(&cases, |(name, config)| {
        let run = start_nginx(config, &staged.with_upload_server(), Some(CLIENT_MAX_BODY_SIZE));
        let warned =
            predict(config).warnings.iter().any(|w| matches!(w, Warning::SmallClientTemp { .. }));
        let failed = run.upload.as_deref() != Some("204");
        let mut problems = Vec::new();
        if run.get != "200" {
            problems.push(format!("{name}: GET / gave {}:\n{}", run.get, run.log));
        }
        if warned != failed {
            problems.push(format!(
                "{name}: warning predicted {warned}, upload got {:?}:\n{}",
                run.upload, run.log
            ));
        }
        if failed && !run.log.contains("(28: No space left on device)") {
            problems.push(format!("{name}: the upload failed for another reason:\n{}", run.log));
        }
        problems
    });
    assert_eq!(failures, Vec::<String>::new());
    assert!(cases.iter().any(|(_, c)| !predict(c).warnings.is_empty()), "512k must warn");
}

/// A mount below `/tmp/client_temp` makes the directory exist on the read-only
/// root: nginx starts, and an upload that spills gets a 500.
#[test]
fn read_only_temp_dir_warning_matches_a_real_upload() {
    let mut config = Config::default();
    config.mounts[1].enabled = false;
    let sub = Mount { path: abs("/tmp/client_temp/sub"), size: size("2m"), enabled: true };
    config.mounts.push(sub);
    let prediction = predict(&config);
    assert!(prediction.starts());
    assert!(matches!(
        prediction.warnings[..],
        [Warning::ReadOnlyTempDir { kind: TempKind::ClientBody, .. }]
    ));

    let staged = replay(&dockerfile(&config), None).unwrap_or_else(|e| panic!("{e}"));
    let run = start_nginx(&config, &staged.with_upload_server(), Some(CLIENT_MAX_BODY_SIZE));
    assert_eq!(run.get, "200", "{}", run.log);
    assert_eq!(run.upload.as_deref(), Some("500"), "{}", run.log);
    assert!(run.log.contains("/tmp/client_temp/0000000001\" failed (30: Read-only file system)"));
}

/// nginx started from a root filesystem holding only the staged tree and the
/// dynamic loader (what distroless base ships that nginx needs), mounted
/// read-only as `/`.
#[test]
fn nginx_starts_from_a_root_holding_only_the_final_stage() {
    let seed = Config::default();
    let staged = replay(&dockerfile(&seed), None).unwrap_or_else(|e| panic!("{e}"));
    let rootfs = TempDir::new().unwrap();
    copy_tree(&staged.root(), rootfs.path());
    let loader = interpreter(&rootfs.path().join("usr/sbin/nginx"));
    let loader_copy = rootfs.path().join(loader.strip_prefix("/").unwrap());
    fs::create_dir_all(loader_copy.parent().unwrap()).unwrap();
    fs::copy(&loader, &loader_copy).unwrap();
    for dir in ["tmp", "dev", "proc"] {
        fs::create_dir_all(rootfs.path().join(dir)).unwrap();
    }
    set_mode(&rootfs.path().join("tmp"), 0o1777);

    let mut no_pid = seed.clone();
    no_pid.mounts[5].enabled = false;
    for (name, config) in [("seed", seed), ("seed without the PID mount", no_pid)] {
        let run = start_in_rootfs(&config, rootfs.path());
        let problems = compare(name, &config, &run);
        assert_eq!(problems, Vec::<String>::new());
    }
}

/// The locked-down preset as Docker would run it, as far as a sandbox can:
/// its build stage replayed, its `--tmpfs` mounted with exactly the options
/// the run command gives, the `--user` it names, every capability dropped
/// (bwrap `--cap-drop ALL` in a user namespace that maps uid 101 to itself),
/// no new privileges, and its `--pids-limit` and `--memory` applied as rlimits.
/// nginx must serve `GET /` with 200, and `/proc` must show each safeguard on
/// the running master.
///
/// FIXME: `--cpus` is not applied, and the other two limits only approximately:
/// Docker puts them in the container's cgroup, and this test must not create
/// cgroups on a host it shares (the layout differs too: v1 here, often v2 in
/// CI). `RLIMIT_NPROC` counts every process of uid 101 rather than the
/// container's, and `RLIMIT_AS` caps address space, not resident memory plus
/// tmpfs pages as the memory cgroup does. `--restart` is the daemon's job.
#[test]
fn locked_down_serves_with_every_safeguard_applied() {
    let config = preset::find("locked-down").unwrap().config();
    let run = run_args(&config);
    let flag = |name: &str| run.iter().find_map(|a| a.strip_prefix(name)).map(str::to_string);
    let user = run.windows(2).find(|w| w[0] == "--user").map(|w| w[1].clone()).expect("--user");
    let (uid, gid) = user.split_once(':').expect("--user UID:GID");
    assert_eq!(flag("--cap-drop="), Some("ALL".to_string()), "{run:?}");
    assert!(!run.iter().any(|a| a.starts_with("--cap-add")), "port 8080 needs nothing back");
    assert_eq!(flag("--security-opt="), Some("no-new-privileges".to_string()));
    let pids = flag("--pids-limit=").expect("--pids-limit");
    let memory = size(&flag("--memory=").expect("--memory")).bytes().to_string();
    assert!(!kernel_tmpfs(&config).is_empty(), "the preset writes its mounts as --tmpfs");

    // The driver stays root to mount and to stop nginx; nginx gets the limits,
    // the user, no new privileges, then a user namespace with no capabilities.
    let launch = format!(
        "{prlimit} --nproc={pids} --as={memory} {setpriv} --reuid={uid} --regid={gid} \
         --clear-groups --no-new-privs {bwrap} --unshare-user --uid {uid} --gid {gid} \
         --cap-drop ALL --dev-bind / / sh -c \"nginx -g 'daemon off;' 2>&1 | cat\" &",
        prlimit = require_tool("prlimit").display(),
        setpriv = require_tool("setpriv").display(),
        bwrap = require_tool("bwrap").display(),
    );
    let pid_file = config.pid_file.as_str();
    let scratch = config.enabled_mounts().next().unwrap().path.join("probe");
    let probe = format!(
        r#"pid=$(cat {pid_file})
for key in Uid Gid CapEff CapBnd NoNewPrivs; do
    echo "@@$key=$(awk -v k="$key:" '$1 == k {{ print $2 }}' /proc/$pid/status)"
done
echo "@@nproc=$(awk '/^Max processes/ {{ print $3 }}' /proc/$pid/limits)"
echo "@@as=$(awk '/^Max address space/ {{ print $4 }}' /proc/$pid/limits)"
echo "@@flags=$(awk '$5 == "{dir}" {{ print $6 }}' /proc/self/mountinfo)"
echo "@@mode=$(stat -c %a {dir})"
{setpriv} --reuid={uid} --regid={gid} --clear-groups sh -c 'cp /bin/true {scratch} && {scratch}; echo "@@exec=$?"' 2>&1"#,
        dir = config.pid_dir(),
        setpriv = require_tool("setpriv").display(),
    );

    let staged = replay(&dockerfile(&config), None).unwrap_or_else(|e| panic!("{e}"));
    let result = run_driver(&config, &staged, &launch, &probe, None);
    assert_eq!(compare("locked-down", &config, &result), Vec::<String>::new());
    assert_eq!(result.get, "200", "{}", result.log);

    let seen =
        |key: &str| result.marker(key).unwrap_or_else(|| panic!("no {key}:\n{}", result.log));
    assert_eq!((seen("Uid"), seen("Gid")), (uid.to_string(), gid.to_string()), "real ids");
    assert_eq!(seen("CapEff"), "0000000000000000", "no effective capability");
    assert_eq!(seen("CapBnd"), "0000000000000000", "none left to regain");
    assert_eq!(seen("NoNewPrivs"), "1");
    assert_eq!((seen("nproc"), seen("as")), (pids, memory));
    let flags = seen("flags");
    for wanted in ["noexec", "nosuid", "nodev"] {
        assert!(flags.split(',').any(|f| f == wanted), "{wanted} missing from {flags}");
    }
    assert_eq!(seen("mode"), "1777");
    // noexec at work: a copy of a program in the tmpfs cannot be run (126).
    assert_eq!(seen("exec"), "126", "{}", result.log);
}

/// Where the build stage assembles the final image's files. The engine's
/// constant (`generate::dockerfile::STAGING`) is private, so `build_stage`
/// checks that the final stage copies from exactly here.
const STAGING: &str = "/tmp/rootfs";

/// The `/tmp/rootfs` tree a replayed build stage left, and its scratch files.
struct Staged {
    dir: TempDir,
}

impl Staged {
    fn root(&self) -> PathBuf {
        self.dir.path().join("rootfs")
    }

    fn etc_nginx(&self) -> PathBuf {
        self.root().join("etc/nginx")
    }

    /// A copy of the staged config with a test-only server whose `/upload`
    /// reads the request body (proxying needs all of it first, and a body over
    /// `client_body_buffer_size` goes to `client_temp`) and a second server
    /// that answers 204. `return` alone would discard the body unread.
    fn with_upload_server(&self) -> Staged {
        let copy = Staged { dir: TempDir::new().unwrap() };
        copy_tree(&self.root(), &copy.root());
        fs::write(copy.etc_nginx().join("conf.d/upload.conf"), UPLOAD_CONF).unwrap();
        copy
    }
}

/// The test-only servers `Staged::with_upload_server` adds.
const UPLOAD_CONF: &str = r#"server {
    listen 8082;
    location = /upload {
        proxy_pass http://127.0.0.1:8081/;
    }
}
server {
    listen 8081;
    location / {
        return 204;
    }
}
"#;

/// Replays the first stage's `RUN` instructions, as uid 101 with the stage's
/// `SHELL`, on a writable copy of nginx-unprivileged's config (with
/// `nginx.conf` replaced when given) and returns the staged tree, or the
/// sandbox's output when a step fails.
fn replay(dockerfile: &str, nginx_conf: Option<&str>) -> Result<Staged, String> {
    require_root();
    let (shell, runs) = build_stage(dockerfile);
    assert_eq!(shell, ["/bin/bash", "-o", "pipefail", "-c"], "the stage's SHELL");
    let staged = Staged { dir: TempDir::new().unwrap() };
    let scratch = staged.dir.path();

    let etc_nginx = scratch.join("etc-nginx");
    copy_tree(&fixture_root().join("etc/nginx"), &etc_nginx);
    if let Some(conf) = nginx_conf {
        fs::write(etc_nginx.join("nginx.conf"), conf).unwrap();
    }
    let logs = log_symlinks(scratch);
    fs::create_dir(staged.root()).unwrap();
    chown_tree(&etc_nginx);
    chown_tree(&staged.root());

    let fixture = fixture_root();
    let binds = [
        ("--bind", etc_nginx.clone(), "/etc/nginx"),
        ("--ro-bind", logs, "/var/log/nginx"),
        ("--ro-bind", fixture.join("usr/share/nginx/html"), "/usr/share/nginx/html"),
        ("--ro-bind", fixture.join("etc/passwd"), "/etc/passwd"),
        ("--ro-bind", fixture.join("etc/group"), "/etc/group"),
    ];
    let mut args = host_root_args();
    for (how, from, to) in &binds {
        args.extend([how.to_string(), path_arg(from), to.to_string()]);
    }
    // Docker's /tmp is writable during a build; the staging dir is bound from
    // the host so the tree outlives the sandbox.
    args.extend(["--perms", "1777", "--tmpfs", "/tmp", "--bind"].map(String::from));
    args.extend([path_arg(&staged.root()), STAGING.to_string()]);
    args.extend(["--unshare-net", "--unshare-pid", "--die-with-parent"].map(String::from));
    args.extend(as_nginx_user());
    // Each RUN gets the Dockerfile's SHELL; the first failure stops the build.
    args.extend(
        ["sh", "-ec", "for step do /bin/bash -o pipefail -c \"$step\"; done", "replay"]
            .map(String::from),
    );
    args.extend(runs);

    let output = run_bounded(60, &require_tool("bwrap").to_string_lossy(), &args);
    if output.status.success() { Ok(staged) } else { Err(text(&output)) }
}

/// The first stage's `SHELL` (as its JSON words) and its `RUN` instructions,
/// with line continuations joined the way Docker joins them.
fn build_stage(dockerfile: &str) -> (Vec<String>, Vec<String>) {
    let joined = dockerfile.replace("\\\n", "");
    let mut shell = Vec::new();
    let mut runs = Vec::new();
    let mut from_seen = 0;
    for line in joined.lines() {
        let (instruction, rest) = line.split_once(' ').unwrap_or((line, ""));
        match instruction {
            "FROM" => from_seen += 1,
            "SHELL" if from_seen == 1 => {
                shell = rest
                    .trim_matches(['[', ']'])
                    .split(',')
                    .map(|w| w.trim().trim_matches('"').to_string())
                    .collect();
            }
            "RUN" if from_seen == 1 => runs.push(rest.to_string()),
            _ => {}
        }
    }
    assert!(runs.len() >= 2, "expected the edit and staging RUNs in:\n{dockerfile}");
    let copy = format!("COPY --from=build --chown=0:0 {STAGING}/ /");
    assert!(joined.lines().any(|l| l == copy), "the final stage must {copy}");
    (shell, runs)
}

/// What one nginx run showed: the `GET /` status (`000` when nothing
/// answered), the upload's status if one was sent, and everything nginx printed.
struct Run {
    get: String,
    upload: Option<String>,
    log: String,
}

impl Run {
    /// The value the driver printed as `@@key=value`, if it did.
    fn marker(&self, key: &str) -> Option<String> {
        let prefix = format!("@@{key}=");
        self.log.lines().find_map(|l| l.strip_prefix(&prefix)).map(|v| v.trim().to_string())
    }
}

/// Compares one real run with the prediction; returns the disagreements.
fn compare(name: &str, config: &Config, run: &Run) -> Vec<String> {
    let predicted = predict(config).failure.map(|f| f.log_line());
    let actual = first_emerg(&run.log);
    let verdict = match (&predicted, run.get.as_str()) {
        (None, "200") if actual.is_none() => return Vec::new(),
        (Some(line), code) if code != "200" && actual.as_ref() == Some(line) => return Vec::new(),
        (None, _) => "predicted to start".to_string(),
        (Some(line), _) => format!("predicted {line}"),
    };
    vec![format!("{name}: {verdict}, got GET {} and {actual:?}:\n{}", run.get, run.log)]
}

fn check_against_nginx(name: &str, config: &Config, staged: &Staged) -> Vec<String> {
    compare(name, config, &start_nginx(config, staged, None))
}

/// Starts Debian's nginx as uid 101 on the host's root, read-only, with the
/// staged config, log symlinks and html bound in, an empty read-only `/tmp`
/// (a distroless `/tmp` under `--read-only`) and exactly the run command's
/// tmpfs mounts; polls `GET /`, optionally uploads `upload` bytes, then stops it.
fn start_nginx(config: &Config, staged: &Staged, upload: Option<u64>) -> Run {
    // The pipe through `cat` matters: uid 101 cannot open the test's
    // /dev/stderr, but it can write to a pipe its own shell made. The driver
    // itself stays root so it can stop nginx and wait for `cat` to drain.
    let nginx =
        format!("{} sh -c \"nginx -g 'daemon off;' 2>&1 | cat\" &", as_nginx_user().join(" "));
    run_driver(config, staged, &nginx, "", upload)
}

/// The sandbox `start_nginx` describes, with `launch` starting nginx in the
/// background and `probe` run once `GET /` was answered (or given up on).
/// Before `launch`, the driver (still root) mounts every `--tmpfs` of the run
/// command with exactly its options, as the kernel will read them.
fn run_driver(
    config: &Config,
    staged: &Staged,
    launch: &str,
    probe: &str,
    upload: Option<u64>,
) -> Run {
    let root = staged.root();
    let mut args = host_root_args();
    for (dir, target) in [
        ("etc/nginx", "/etc/nginx"),
        ("var/log/nginx", "/var/log/nginx"),
        ("usr/share/nginx/html", "/usr/share/nginx/html"),
    ] {
        args.extend(["--ro-bind".to_string(), path_arg(&root.join(dir)), target.to_string()]);
    }
    args.extend(tmpfs_args(config));
    args.extend(["--unshare-net", "--unshare-pid", "--die-with-parent"].map(String::from));

    let mounts: String = kernel_tmpfs(config)
        .iter()
        .map(|(dest, options)| format!("mount -t tmpfs -o {options} tmpfs {dest}\n"))
        .collect();
    let driver = format!("{mounts}{launch}\n{}", poll_script(config.pid_file.as_str(), probe));
    args.extend(["sh".to_string(), "-c".to_string(), driver, "driver".to_string()]);
    args.extend([config.container_port.to_string(), upload.unwrap_or(0).to_string()]);
    parse_run(&run_bounded(20, &require_tool("bwrap").to_string_lossy(), &args))
}

/// Starts nginx from `rootfs` mounted read-only as `/`. curl is not in that
/// root, so both share a network namespace from `unshare --net` and curl runs
/// in the host's view. setpriv is not there either, so bwrap's own user
/// namespace (`--unshare-user --uid 101 --gid 101`) makes nginx uid 101.
fn start_in_rootfs(config: &Config, rootfs: &Path) -> Run {
    assert!(kernel_tmpfs(config).is_empty(), "this sandbox has no driver to mount --tmpfs");
    let mut bwrap = vec![require_tool("bwrap").to_string_lossy().to_string()];
    bwrap.extend(["--ro-bind".to_string(), path_arg(rootfs), "/".to_string()]);
    bwrap.extend(["--dev", "/dev", "--proc", "/proc"].map(String::from));
    bwrap.extend(tmpfs_args(config));
    bwrap.extend(
        ["--unshare-user", "--uid", "101", "--gid", "101", "--unshare-pid"].map(String::from),
    );
    bwrap.extend(["--die-with-parent", "/usr/sbin/nginx", "-g", "daemon off;"].map(String::from));
    let quoted: Vec<String> = bwrap.iter().map(|a| format!("'{a}'")).collect();

    // Without a PID file of its own namespace to read, the driver stops nginx
    // by ending bwrap, whose PID namespace takes nginx with it.
    let driver = format!("ip link set lo up\n{} 2>&1 &\n{}", quoted.join(" "), poll_script("", ""));
    let args = ["--net", "sh", "-c", &driver, "driver", &config.container_port.to_string(), "0"];
    parse_run(&run_bounded(20, &require_tool("unshare").to_string_lossy(), args))
}

/// The driver's polling half, after nginx was started as background job `$!`:
/// bounded polling of `GET /` (50 tries, 0.1 s apart) that stops early when
/// nginx has exited, an optional upload, then a stop and a wait so every line
/// nginx printed is read. `$1` is the port, `$2` the upload size in bytes.
/// `probe` runs after the upload, while nginx still runs.
fn poll_script(pid_file: &str, probe: &str) -> String {
    let stop = if pid_file.is_empty() {
        "kill \"$job\" 2> /dev/null".to_string()
    } else {
        format!("[ -f {pid_file} ] && kill -TERM \"$(cat {pid_file})\"")
    };
    format!(
        r#"job=$!
code=000
tries=0
while [ "$tries" -lt 50 ]; do
    code=$(curl -s -o /dev/null -w '%{{http_code}}' "http://127.0.0.1:$1/")
    [ "$code" = 200 ] && break
    kill -0 "$job" 2> /dev/null || break
    sleep 0.1
    tries=$((tries + 1))
done
echo "@@get=$code"
if [ "$code" = 200 ] && [ "$2" -gt 0 ]; then
    up=$(head -c "$2" /dev/zero | curl -s -o /dev/null -w '%{{http_code}}' -H 'Expect:' \
        --data-binary @- http://127.0.0.1:8082/upload)
    echo "@@upload=$up"
fi
{probe}
{stop}
wait "$job"
"#
    )
}

fn parse_run(output: &std::process::Output) -> Run {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let marker =
        |key: &str| stdout.lines().find_map(|l| l.strip_prefix(key)).map(|v| v.trim().to_string());
    let log = format!("{stdout}{}", String::from_utf8_lossy(&output.stderr));
    let get = marker("@@get=").unwrap_or_else(|| panic!("the driver did not finish:\n{log}"));
    Run { get, upload: marker("@@upload="), log }
}

/// bwrap's tmpfs mounts for the generated run command: an empty `/tmp` first
/// (the host's has files in it), then each `--mount` of `run_args` with its
/// size, and a mount point for each `--tmpfs` (the driver mounts those with
/// their own options), then `/tmp` read-only. Docker creates mount points in
/// the container layer; making them on a fresh tmpfs does the same here.
fn tmpfs_args(config: &Config) -> Vec<String> {
    let run = run_args(config);
    assert!(run.contains(&"--read-only".to_string()), "{run:?}");
    let mut args: Vec<String> = ["--perms", "1777", "--tmpfs", "/tmp"].map(String::from).to_vec();
    for pair in run.windows(2).filter(|w| w[0] == "--mount") {
        let spec = &pair[1];
        let fields: Vec<(&str, &str)> =
            spec.split(',').map(|kv| kv.split_once('=').expect("key=value")).collect();
        let [("type", "tmpfs"), ("destination", dest), ("tmpfs-size", tmpfs_size)] = fields[..]
        else {
            panic!("unexpected mount spec {spec}");
        };
        assert!(dest.starts_with("/tmp/"), "the sandbox mounts only below /tmp: {dest}");
        let bytes = size(tmpfs_size).bytes().to_string();
        args.extend(["--perms", "1777", "--size", &bytes, "--tmpfs", dest].map(String::from));
    }
    for (dest, _) in kernel_tmpfs(config) {
        args.extend(["--perms".to_string(), "0755".to_string(), "--dir".to_string(), dest]);
    }
    args.extend(["--remount-ro", "/tmp"].map(String::from));
    args
}

/// Each `--tmpfs DIR:OPTIONS` of the run command, split at the colon.
fn kernel_tmpfs(config: &Config) -> Vec<(String, String)> {
    let run = run_args(config);
    run.windows(2)
        .filter(|w| w[0] == "--tmpfs")
        .map(|w| {
            let (dest, options) = w[1].split_once(':').expect("--tmpfs DIR:OPTIONS");
            assert!(dest.starts_with("/tmp/"), "the sandbox mounts only below /tmp: {dest}");
            (dest.to_string(), options.to_string())
        })
        .collect()
}

/// The first `[emerg]` line of nginx's error log, with the timestamp removed
/// and `PID#TID:` replaced by `1#1:` as in `Failure::log_line`. The
/// `nginx: [emerg]` copy that nginx writes to stderr has no `PID#TID:` and is skipped.
fn first_emerg(log: &str) -> Option<String> {
    log.lines().find_map(|line| {
        let rest = &line[line.find("[emerg] ")? + "[emerg] ".len()..];
        let (ids, message) = rest.split_once(": ")?;
        let (pid, tid) = ids.split_once('#')?;
        let numeric = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        (numeric(pid) && numeric(tid)).then(|| format!("[emerg] 1#1: {message}"))
    })
}

/// The value of the first `name value;` directive in an nginx config.
fn directive(conf: &str, name: &str) -> Option<String> {
    conf.lines().find_map(|line| {
        let mut words = line.split_whitespace();
        (words.next() == Some(name)).then(|| words.next())?.map(|v| v.trim_end_matches(';').into())
    })
}

/// The program interpreter (dynamic loader) an ELF file names, via `readelf -l`.
fn interpreter(elf: &Path) -> PathBuf {
    let output =
        run_bounded(10, &require_tool("readelf").to_string_lossy(), ["-l", &path_arg(elf)]);
    let listing = String::from_utf8_lossy(&output.stdout);
    let loader = listing
        .lines()
        .find_map(|l| l.split_once("[Requesting program interpreter: "))
        .map(|(_, rest)| rest.trim_end_matches(']').to_string())
        .unwrap_or_else(|| {
            panic!("no interpreter in readelf -l {}: {}", elf.display(), text(&output))
        });
    PathBuf::from(loader)
}

/// Fails with a clear sentence when not root: the sandboxes chown files to
/// uid 101, mount namespaces and drop to uid 101 with setpriv.
fn require_root() {
    let status = fs::read_to_string("/proc/self/status").unwrap();
    let uid = status.lines().find_map(|l| l.strip_prefix("Uid:")).unwrap_or("");
    assert_eq!(
        uid.split_whitespace().nth(1),
        Some("0"),
        "the nginx sandbox tests run as root, as CI does; install their tools with {INSTALL}"
    );
}

/// The shared start of a sandbox that sees the host's root, read-only.
fn host_root_args() -> Vec<String> {
    ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"].map(String::from).to_vec()
}

fn as_nginx_user() -> Vec<String> {
    let id = NGINX_UID.to_string();
    vec![
        "setpriv".into(),
        format!("--reuid={id}"),
        format!("--regid={id}"),
        "--clear-groups".into(),
    ]
}

/// A directory holding nginx-unprivileged's log symlinks.
fn log_symlinks(parent: &Path) -> PathBuf {
    let logs = parent.join("log");
    fs::create_dir(&logs).unwrap();
    symlink("/dev/stdout", logs.join("access.log")).unwrap();
    symlink("/dev/stderr", logs.join("error.log")).unwrap();
    logs
}

/// Runs `check` on every case over a few threads and gathers the problems.
/// Each sandbox has its own network namespace, so cases never share a port.
fn parallel<T: Sync>(cases: &[T], check: impl Fn(&T) -> Vec<String> + Sync) -> Vec<String> {
    let next = Mutex::new(0usize);
    let problems = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                loop {
                    let index = {
                        let mut next = next.lock().unwrap();
                        *next += 1;
                        *next - 1
                    };
                    let Some(case) = cases.get(index) else { break };
                    let found = check(case);
                    problems.lock().unwrap().extend(found);
                }
            });
        }
    });
    problems.into_inner().unwrap()
}

/// Copies a tree, keeping symlinks as symlinks and file modes.
fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            copy_tree(&source, &target);
        } else if kind.is_symlink() {
            symlink(fs::read_link(&source).unwrap(), &target).unwrap();
        } else {
            fs::copy(&source, &target).unwrap();
        }
    }
}

/// Gives a tree to uid and gid 101, as nginx-unprivileged's `/etc/nginx` is.
fn chown_tree(path: &Path) {
    chown(path, Some(NGINX_UID), Some(NGINX_UID)).unwrap();
    if path.is_dir() {
        for entry in fs::read_dir(path).unwrap() {
            chown_tree(&entry.unwrap().path());
        }
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

fn path_arg(path: &Path) -> String {
    path.to_str().expect("temp paths are UTF-8").to_string()
}
