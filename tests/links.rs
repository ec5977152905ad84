//! Share links that must keep working, hostile links, and link length.
//!
//! `LINKS` is the fixed list of links that once worked. Each expected setup is
//! written out against `V1_SEED`, a frozen copy of the version-1 defaults, not
//! against `Config::default()`: if the defaults change, these tests fail, and
//! the fix is a new link version with a migration, never an edit to this list.

use std::collections::BTreeMap;

use nginx_lockdown::generate::Artifacts;
use nginx_lockdown::link::{Decoded, MAX_FRAGMENT_LEN, Reason, decode, encode, share_url};
use nginx_lockdown::model::{
    AbsPath, Config, ContainerName, Cpus, Hardening, HardeningOption, ImageRef, Mount, PidsLimit,
    Port, RestartRetries, Size,
};
use nginx_lockdown::preset::PRESETS;

/// The seed setup as version-1 links assume it, field by field.
const V1_SEED: &[(&str, &str)] = &[
    ("build", "nginxinc/nginx-unprivileged:1.30.5-trixie"),
    ("final", "gcr.io/distroless/base-debian13:nonroot"),
    ("image", "nginx-secure"),
    ("name", "nginx-secure"),
    ("port", "8080"),
    ("listen", "8080"),
    ("pid", "/tmp/nginx/nginx.pid"),
    ("temp", "-"),
    (
        "mounts",
        "/tmp/proxy_temp=2m /tmp/client_temp=2m /tmp/fastcgi_temp=2m /tmp/uwsgi_temp=2m \
         /tmp/scgi_temp=2m /tmp/nginx=1m",
    ),
    ("hardening", "ReadOnlyRoot"),
    ("limits", "memory=- cpus=- pids=- retries=-"),
];

/// Links that once worked, and how their setup differs from `V1_SEED`.
const LINKS: &[(&str, &[(&str, &str)])] = &[
    ("", &[]),
    ("https://example.org/nginx-lockdown/", &[]),
    ("https://example.org/nginx-lockdown/#", &[]),
    (
        "https://example.org/nginx-lockdown/#v=1&pid=/run/nginx/nginx.pid&off=client_temp\
         &size.proxy_temp=4m&add=/var/cache/app:8m",
        &[
            ("pid", "/run/nginx/nginx.pid"),
            (
                "mounts",
                "/tmp/proxy_temp=4m /tmp/client_temp=2m(off) /tmp/fastcgi_temp=2m \
                 /tmp/uwsgi_temp=2m /tmp/scgi_temp=2m /tmp/nginx=1m /var/cache/app=8m",
            ),
        ],
    ),
    ("pid=/run/nginx/nginx.pid", &[("pid", "/run/nginx/nginx.pid")]),
    ("#v=1&pid=%2Frun%2Fnginx%2Fnginx.pid", &[("pid", "/run/nginx/nginx.pid")]),
    ("v=1&preset=consolidated", CONSOLIDATED),
    (
        "v=1&temp=/tmp/nginx&off=proxy_temp,client_temp,fastcgi_temp,uwsgi_temp,\
         scgi_temp",
        CONSOLIDATED,
    ),
    ("v=1&temp=/tmp/nginx&off=temps", CONSOLIDATED),
    (
        "v=1&preset=consolidated&temp=&on=proxy_temp,client_temp,fastcgi_temp,\
         uwsgi_temp,scgi_temp",
        &[],
    ),
    (
        "v=1&preset=broken-pid",
        &[(
            "mounts",
            "/tmp/proxy_temp=2m /tmp/client_temp=2m /tmp/fastcgi_temp=2m /tmp/uwsgi_temp=2m \
             /tmp/scgi_temp=2m /tmp/nginx=1m(off)",
        )],
    ),
    (
        "v=1&build=nginxinc/nginx-unprivileged:1.28.0-bookworm\
         &final=gcr.io/distroless/base-debian12:nonroot&image=localhost:5000/team/web:1.0\
         &name=Web_1.blue-green&port=80&listen=9090",
        &[
            ("build", "nginxinc/nginx-unprivileged:1.28.0-bookworm"),
            ("final", "gcr.io/distroless/base-debian12:nonroot"),
            ("image", "localhost:5000/team/web:1.0"),
            ("name", "Web_1.blue-green"),
            ("port", "80"),
            ("listen", "9090"),
        ],
    ),
    (
        "v=1&del=proxy_temp,nginx&add=/tmp/nginx:512k,/tmp/proxy_temp:16m:off",
        &[(
            "mounts",
            "/tmp/client_temp=2m /tmp/fastcgi_temp=2m /tmp/uwsgi_temp=2m /tmp/scgi_temp=2m \
             /tmp/nginx=512k /tmp/proxy_temp=16m(off)",
        )],
    ),
    (
        "v=1&pid=/run/nginx/nginx.pid&temp=/run/nginx&del=proxy_temp,client_temp,fastcgi_temp,\
         uwsgi_temp,scgi_temp,nginx&add=/run/nginx:8m",
        &[("pid", "/run/nginx/nginx.pid"), ("temp", "/run/nginx"), ("mounts", "/run/nginx=8m")],
    ),
    (
        "v=1&read-only=off&cap-drop=on&no-new-privileges=on&tmpfs-noexec=on&user=on\
         &memory=256m&cpus=0.5&pids-limit=64&restart=3",
        &[
            ("hardening", "DropCapabilities NoNewPrivileges TmpfsNoexec NumericUser"),
            ("limits", "memory=256m cpus=0.5 pids=64 retries=3"),
        ],
    ),
    (
        "v=1&preset=locked-down&memory=&restart=",
        &[
            ("hardening", "ReadOnlyRoot DropCapabilities NoNewPrivileges TmpfsNoexec NumericUser"),
            ("limits", "memory=- cpus=1 pids=128 retries=-"),
            ("image", "nginx-secure:1.30.5-trixie"),
            ("temp", "/tmp/nginx"),
            (
                "mounts",
                "/tmp/proxy_temp=2m(off) /tmp/client_temp=2m(off) /tmp/fastcgi_temp=2m(off) \
                 /tmp/uwsgi_temp=2m(off) /tmp/scgi_temp=2m(off) /tmp/nginx=1m",
            ),
        ],
    ),
];

const CONSOLIDATED: &[(&str, &str)] = &[
    ("temp", "/tmp/nginx"),
    (
        "mounts",
        "/tmp/proxy_temp=2m(off) /tmp/client_temp=2m(off) /tmp/fastcgi_temp=2m(off) \
         /tmp/uwsgi_temp=2m(off) /tmp/scgi_temp=2m(off) /tmp/nginx=1m",
    ),
];

/// The hardening options that are limits, spelled out in `limits` instead.
const LIMITS: [HardeningOption; 4] = [
    HardeningOption::Memory,
    HardeningOption::Cpus,
    HardeningOption::PidsLimit,
    HardeningOption::Restart,
];

/// Every field of `config` spelled out, so a test pins meaning, not defaults.
fn describe(config: &Config) -> BTreeMap<&'static str, String> {
    let mounts: Vec<String> = config
        .mounts
        .iter()
        .map(|m| format!("{}={}{}", m.path, m.size, if m.enabled { "" } else { "(off)" }))
        .collect();
    let h = &config.hardening;
    let on: Vec<String> = HardeningOption::ALL
        .into_iter()
        .filter(|o| o.is_on(h) && !LIMITS.contains(o))
        .map(|o| format!("{o:?}"))
        .collect();
    let show = |v: Option<String>| v.unwrap_or_else(|| "-".to_string());
    let limits = format!(
        "memory={} cpus={} pids={} retries={}",
        show(h.memory.map(|v| v.to_string())),
        show(h.cpus.map(|v| v.to_string())),
        show(h.pids_limit.map(|v| v.to_string())),
        show(h.restart_retries.map(|v| v.to_string())),
    );
    BTreeMap::from([
        ("build", config.build_image.to_string()),
        ("final", config.final_image.to_string()),
        ("image", config.image_name.to_string()),
        ("name", config.container_name.to_string()),
        ("port", config.host_port.to_string()),
        ("listen", config.container_port.to_string()),
        ("pid", config.pid_file.to_string()),
        ("temp", config.temp_root.as_ref().map_or("-".to_string(), ToString::to_string)),
        ("mounts", mounts.join(" ")),
        ("hardening", on.join(" ")),
        ("limits", limits),
    ])
}

fn v1_seed_with(changes: &[(&'static str, &str)]) -> BTreeMap<&'static str, String> {
    let mut fields: BTreeMap<&str, String> =
        V1_SEED.iter().map(|(k, v)| (*k, v.to_string())).collect();
    for (field, value) in changes {
        fields.insert(field, value.to_string());
    }
    fields
}

#[test]
fn the_v1_baseline_is_still_the_default() {
    // When this fails, links written before the change would change meaning:
    // add link version 2 and a migration step instead of editing V1_SEED.
    assert_eq!(describe(&Config::default()), v1_seed_with(&[]));
}

#[test]
fn every_link_that_ever_worked_still_works() {
    for (link, changes) in LINKS {
        let decoded = decode(link);
        assert_eq!(decoded.ignored, [], "{link}");
        assert_eq!(describe(&decoded.config), v1_seed_with(changes), "{link}");
        let again = decode(&encode(&decoded.config));
        assert_eq!(again, Decoded { config: decoded.config, ignored: vec![] }, "{link}");
    }
}

#[test]
fn each_preset_encodes_to_a_link_that_gives_it_back() {
    for preset in PRESETS {
        let config = preset.config();
        let url = share_url("https://example.org/nginx-lockdown/", &config);
        assert_eq!(decode(&url), Decoded { config: config.clone(), ignored: vec![] });
        let by_name = decode(&format!("v=1&preset={}", preset.name));
        assert_eq!(by_name, Decoded { config, ignored: vec![] }, "{}", preset.name);
    }
}

#[test]
fn typical_edited_links_are_short() {
    let abs = |p: &str| AbsPath::parse(p).unwrap();
    let size = |s: &str| Size::parse(s).unwrap();
    let mut consolidated_in_run =
        Config { pid_file: abs("/run/nginx/nginx.pid"), ..Config::default() };
    consolidated_in_run.mounts.retain(|m| m.path.as_str() != "/tmp/nginx");
    consolidated_in_run.mounts.push(Mount {
        path: abs("/run/nginx"),
        size: size("8m"),
        enabled: true,
    });
    consolidated_in_run.set_temp_root(Some(abs("/run/nginx")));

    let mut workshop = Config {
        container_name: ContainerName::parse("web-prod").unwrap(),
        host_port: Port::new(80).unwrap(),
        pid_file: abs("/tmp/nginx/run/nginx.pid"),
        ..Config::default()
    };
    workshop.mounts[0].size = size("16m");
    workshop.mounts[1].size = size("64m");
    workshop.mounts[3].enabled = false;
    workshop.mounts.push(Mount { path: abs("/var/cache/app"), size: size("8m"), enabled: true });

    let mut new_release = Config {
        build_image: ImageRef::parse("nginxinc/nginx-unprivileged:1.28.0-bookworm").unwrap(),
        final_image: ImageRef::parse("gcr.io/distroless/base-debian12:nonroot").unwrap(),
        ..Config::default()
    };
    new_release.mounts[1].size = size("8m");

    let consolidated = PRESETS.iter().find(|p| p.name == "consolidated").unwrap().config();
    let locked_down = PRESETS.iter().find(|p| p.name == "locked-down").unwrap().config();
    for config in [consolidated, consolidated_in_run, workshop, new_release, locked_down] {
        let fragment = encode(&config);
        assert!(fragment.len() < 200, "{} characters: {fragment}", fragment.len());
        eprintln!("{:>3} characters: {fragment}", fragment.len());
        assert_eq!(decode(&fragment).config, config);
    }
}

/// Values a link could use to reach a shell, `sed`, `make` or a Dockerfile.
const HOSTILE: &[&str] =
    &["x;id", "$(id)", "`id`", "a%0Aid", "a%0Did", "a b", "a%00b", "x'y", "a\"b"];

#[test]
fn hostile_values_never_reach_an_artifact() {
    let seed = Artifacts::new(&Config::default());
    let mut parts: Vec<String> = Vec::new();
    for bad in HOSTILE {
        for key in ["build", "final", "image", "name"] {
            parts.push(format!("{key}={bad}"));
        }
        for key in ["pid", "temp"] {
            parts.push(format!("{key}=/tmp/{bad}"));
        }
        parts.push(format!("port=80{bad}"));
        parts.push(format!("listen={bad}"));
        parts.push(format!("size.nginx=1m{bad}"));
        parts.push(format!("add=/tmp/{bad}:1m"));
        parts.push(format!("add=/tmp/ok:1m{bad}"));
        for key in ["memory", "cpus", "pids-limit", "restart"] {
            parts.push(format!("{key}=1{bad}"));
        }
        for key in ["read-only", "cap-drop", "no-new-privileges", "tmpfs-noexec", "user"] {
            parts.push(format!("{key}=on{bad}"));
        }
    }
    let others = [
        "build=Nginx",
        "image=My-Image",
        "final=nginx:LATEST;x",
        "pid=/tmp/../etc/passwd",
        "pid=/nginx.pid",
        "temp=/proc/self",
        "add=/dev/shm:1m",
        "add=/:1m",
        "add=/tmp/-rf:1m",
        "size.proxy_temp=99999999999999999999g",
        "size.proxy_temp=17g",
        "size.proxy_temp=0",
        "port=65536",
        "name=-x",
        "memory=5m",
        "memory=1t",
        "cpus=0",
        "cpus=257",
        "cpus=0.125",
        "pids-limit=1",
        "restart=0",
        "restart=101",
        "cap-drop=yes",
        "read-only=",
    ];
    parts.extend(others.iter().map(ToString::to_string));

    for part in &parts {
        for link in [format!("v=1&{part}"), format!("https://example.org/#{part}")] {
            let decoded = decode(&link);
            assert_eq!(decoded.config, Config::default(), "{link}");
            assert_eq!(decoded.ignored.len(), 1, "{link}: {:?}", decoded.ignored);
            assert!(matches!(decoded.ignored[0].reason, Reason::BadValue(_)), "{link}");
            assert_eq!(Artifacts::new(&decoded.config), seed, "{link}");
        }
    }
}

#[test]
fn the_longest_valid_setup_fits_the_decoder_limit() {
    let digest = format!("@sha256:{}", "f".repeat(64));
    let image = |c: char| {
        ImageRef::parse(&format!("{}:{}{digest}", c.to_string().repeat(255), "t".repeat(128)))
            .unwrap()
    };
    let long_path = |i: usize| AbsPath::parse(&format!("/{i:02}{}", "p".repeat(197))).unwrap();
    let config = Config {
        build_image: image('a'),
        final_image: image('b'),
        image_name: image('c'),
        container_name: ContainerName::parse(&"n".repeat(ContainerName::MAX_LEN)).unwrap(),
        host_port: Port::new(65535).unwrap(),
        container_port: Port::new(65534).unwrap(),
        pid_file: AbsPath::parse(&format!("/r/{}", "q".repeat(197))).unwrap(),
        temp_root: Some(long_path(99)),
        mounts: (0..32)
            .map(|i| Mount {
                path: long_path(i),
                size: Size::parse("17179869184").unwrap(),
                enabled: false,
            })
            .collect(),
        hardening: Hardening {
            read_only_root: false,
            drop_capabilities: true,
            no_new_privileges: true,
            tmpfs_noexec: true,
            numeric_user: true,
            memory: Some(Size::parse("17179869184").unwrap()),
            cpus: Some(Cpus::from_hundredths(Cpus::MAX_HUNDREDTHS - 1).unwrap()),
            pids_limit: Some(PidsLimit::new(PidsLimit::MAX).unwrap()),
            restart_retries: Some(RestartRetries::new(RestartRetries::MAX).unwrap()),
        },
    };
    let fragment = encode(&config);
    assert!(fragment.len() <= MAX_FRAGMENT_LEN, "{} bytes", fragment.len());
    assert_eq!(decode(&fragment), Decoded { config, ignored: vec![] });
}
