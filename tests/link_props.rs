//! Property tests of the share-link codec: round trips over generated valid
//! setups, and the decoder fed arbitrary text, bytes and huge repetitive input.
//!
//! Each property runs a fixed number of cases through a `TestRunner` and
//! prints how many passed (`cargo test --test link_props -- --nocapture`);
//! the counts are asserted, so a run that quietly did less fails.

use std::cell::Cell;
use std::time::{Duration, Instant};

use nginx_lockdown::link::{
    Decoded, MAX_FRAGMENT_LEN, MAX_ITEMS, MAX_PAIRS, MAX_SHOWN, decode, encode, share_url,
};
use nginx_lockdown::model::draft::MAX_MOUNTS;
use nginx_lockdown::model::hardening::MIN_MEMORY_BYTES;
use nginx_lockdown::model::{
    AbsPath, Config, ContainerName, Cpus, Draft, Hardening, ImageRef, Mount, PidsLimit, Port,
    RestartRetries, Size, Unit,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use proptest::test_runner::{Config as ProptestConfig, TestCaseError, TestRunner};

/// Cases for the round trip and for each fuzz property.
const CASES: u32 = 10_000;
/// Cases for the huge inputs, each up to `HUGE_LEN` bytes.
const HUGE_CASES: u32 = 300;
const HUGE_LEN: usize = 1 << 20;
/// Far above what a decode takes even unoptimised; only a runaway loop hits it.
const TIME_LIMIT: Duration = Duration::from_secs(2);

#[test]
fn every_valid_setup_survives_a_round_trip() {
    run("round trip", CASES, config(), |config| {
        prop_assert_eq!(Draft::from(&config).validate(), Ok(config.clone()), "generator");
        let fragment = encode(&config);
        prop_assert!(fragment.len() <= MAX_FRAGMENT_LEN);
        let expected = Decoded { config: config.clone(), ignored: vec![] };
        prop_assert_eq!(decode(&fragment), expected.clone());
        let url = share_url("https://example.org/nginx-lockdown/?x=1#old", &config);
        prop_assert_eq!(decode(&url), expected);
        Ok(())
    });
}

#[test]
fn arbitrary_text_never_breaks_the_decoder() {
    run("arbitrary text", CASES, any::<String>(), |text| well_behaved(&text));
}

#[test]
fn link_like_token_soup_never_breaks_the_decoder() {
    run("token soup", CASES, soup(), |text| well_behaved(&text));
}

#[test]
fn arbitrary_bytes_never_break_the_decoder() {
    let strategy = (select(KEYS), vec(any::<u8>(), 0..512));
    run("arbitrary bytes", CASES, strategy, |(key, bytes)| {
        let escaped: String = bytes.iter().map(|b| format!("%{b:02X}")).collect();
        well_behaved(&format!("v=1&{key}={escaped}"))?;
        well_behaved(&format!("{escaped}={escaped}"))?;
        well_behaved(&String::from_utf8_lossy(&bytes))
    });
}

#[test]
fn huge_and_repetitive_input_is_bounded() {
    let chunk = prop_oneof![select(CHUNKS).prop_map(str::to_string), soup()];
    let strategy = (chunk, 1usize..=HUGE_LEN, "[a-z=&#%]{0,8}");
    run("huge input", HUGE_CASES, strategy, |(chunk, times, prefix)| {
        let times = times.min(HUGE_LEN / chunk.len().max(1));
        well_behaved(&format!("{prefix}{}", chunk.repeat(times)))
    });
}

/// What any input must give: a setup the form accepts, which is also a fixed
/// point of the codec, a bounded report, and an answer in bounded time.
fn well_behaved(input: &str) -> Result<(), TestCaseError> {
    let start = Instant::now();
    let decoded = decode(input);
    let elapsed = start.elapsed();
    prop_assert!(elapsed < TIME_LIMIT, "{elapsed:?} for {} bytes", input.len());

    let config = decoded.config;
    prop_assert_eq!(Draft::from(&config).validate(), Ok(config.clone()));
    let again = decode(&encode(&config));
    prop_assert_eq!(again, Decoded { config, ignored: vec![] });

    prop_assert!(decoded.ignored.len() <= 2 + MAX_PAIRS * (MAX_ITEMS + 1));
    for ignored in &decoded.ignored {
        prop_assert!(ignored.key.chars().count() <= MAX_SHOWN + 1);
        prop_assert!(ignored.value.chars().count() <= MAX_SHOWN + 1);
        let shown = ignored.to_string();
        let steering = ['\n', '\r', '\u{1b}', '\0', '\u{202e}', '\u{2066}'];
        prop_assert!(!shown.contains(steering), "{}", shown);
    }
    Ok(())
}

/// Runs `test` on `cases` values of `strategy`, fails with the smallest
/// counterexample, and prints and checks how many cases ran.
fn run<S: Strategy>(
    name: &str,
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    let config = ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() };
    let ran = Cell::new(0u32);
    let start = Instant::now();
    let result = TestRunner::new(config).run(&strategy, |value| {
        ran.set(ran.get() + 1);
        test(value)
    });
    if let Err(failure) = result {
        panic!("{name}: {failure}");
    }
    eprintln!("{name}: {} cases passed in {:.1?}", ran.get(), start.elapsed());
    assert_eq!(ran.get(), cases, "{name}");
}

/// Pieces a link is made of besides the keys, hostile ones included, for `soup`.
const TOKENS: &[&str] = &[
    "v",
    "=",
    "&",
    "#",
    "1",
    "2",
    "0",
    "99999999999",
    "seed",
    "consolidated",
    "broken-pid",
    "size.",
    "size.nginx",
    "temps",
    "on",
    "off",
    "proxy_temp",
    "client_temp",
    "nginx",
    ",",
    ":",
    ":off",
    "/",
    "/tmp",
    "/tmp/nginx",
    "/var/cache/app",
    "..",
    ".",
    "%",
    "%25",
    "%00",
    "%0A",
    "%0a",
    "%0D",
    "%FF",
    "%C3",
    "%C3%A9",
    "%E2%80%AE",
    "%1B[31m",
    "%2F",
    "%26",
    "%3D",
    "%2C",
    "%3A",
    "%23",
    "%2",
    "%zz",
    "%%",
    "+",
    " ",
    "\n",
    ";",
    "$(id)",
    "`id`",
    "'",
    "\"",
    "\\",
    "m",
    "k",
    "g",
    "4",
    "4096",
    "16g",
    "17g",
    "-",
    "a",
    "Z",
    "é",
    "\u{202e}",
    "\u{0}",
    "https://example.org/#",
    "nginx:latest",
    "@sha256:",
    "localhost:5000/",
];

/// Chunks for `huge_and_repetitive_input_is_bounded`, repeated up to a megabyte.
const CHUNKS: &[&str] = &[
    "&",
    "=",
    "#",
    ",",
    "%",
    "%25",
    "%00",
    "a=b&",
    "v=1&",
    "add=/a:1m,",
    "/a:4k,",
    "off=nginx&",
    "size.nginx=1m&",
    "port=80&",
    "memory=6m&",
    "cap-drop=on&",
    "x",
    "é",
    "&&&=&&=",
    "%25%32%35",
];

const KEYS: &[&str] = &[
    "v",
    "preset",
    "build",
    "final",
    "image",
    "name",
    "port",
    "listen",
    "pid",
    "temp",
    "del",
    "off",
    "on",
    "size.proxy_temp",
    "add",
    "read-only",
    "cap-drop",
    "no-new-privileges",
    "tmpfs-noexec",
    "user",
    "memory",
    "cpus",
    "pids-limit",
    "restart",
    "unknown",
];

fn soup() -> impl Strategy<Value = String> {
    let token = prop_oneof![select(TOKENS), select(KEYS)];
    vec(token, 0..300).prop_map(|tokens| tokens.concat())
}

fn config() -> impl Strategy<Value = Config> {
    let images = (image(), image(), image());
    let ports = (1u16.., 1u16..).prop_map(|(h, c)| (Port::new(h).unwrap(), Port::new(c).unwrap()));
    let temp = prop_oneof![
        Just(TempChoice::Off),
        Just(TempChoice::PidDir),
        path().prop_map(TempChoice::At)
    ];
    (images, container_name(), ports, pid_file(), temp, mounts(), hardening()).prop_map(
        |(
            (build_image, final_image, image_name),
            container_name,
            ports,
            pid_file,
            temp,
            mounts,
            hardening,
        )| {
            let temp_root = match temp {
                TempChoice::Off => None,
                TempChoice::PidDir => pid_file.parent(),
                TempChoice::At(path) => Some(path),
            };
            Config {
                build_image,
                final_image,
                image_name,
                container_name,
                host_port: ports.0,
                container_port: ports.1,
                pid_file,
                temp_root,
                mounts,
                hardening,
            }
        },
    )
}

/// Every switch either way, and each limit unset or anywhere in its range.
fn hardening() -> impl Strategy<Value = Hardening> {
    let switches = [any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()];
    let memory = size().prop_filter("at least Docker's minimum", |s| s.bytes() >= MIN_MEMORY_BYTES);
    let cpus = (1..=Cpus::MAX_HUNDREDTHS).prop_map(|n| Cpus::from_hundredths(n).unwrap());
    let pids = (PidsLimit::MIN..=PidsLimit::MAX).prop_map(|n| PidsLimit::new(n).unwrap());
    let retries =
        (RestartRetries::MIN..=RestartRetries::MAX).prop_map(|n| RestartRetries::new(n).unwrap());
    let limits = (
        proptest::option::of(memory),
        proptest::option::of(cpus),
        proptest::option::of(pids),
        proptest::option::of(retries),
    );
    (switches, limits).prop_map(|([ro, caps, nnp, noexec, user], (memory, cpus, pids, retries))| {
        Hardening {
            read_only_root: ro,
            drop_capabilities: caps,
            no_new_privileges: nnp,
            tmpfs_noexec: noexec,
            numeric_user: user,
            memory,
            cpus,
            pids_limit: pids,
            restart_retries: retries,
        }
    })
}

#[derive(Debug, Clone)]
enum TempChoice {
    Off,
    PidDir,
    At(AbsPath),
}

fn image() -> impl Strategy<Value = ImageRef> {
    let default = ImageRef::parse(nginx_lockdown::model::DEFAULT_BUILD_IMAGE).unwrap();
    let generated = "(localhost:5000/|gcr\\.io/|[a-z0-9]{1,6}\\.[a-z]{2,3}(:[0-9]{2,5})?/)?\
                     [a-z0-9]{1,8}((\\.|_|__|-{1,3})[a-z0-9]{1,6})?(/[a-z0-9]{1,8}){0,2}\
                     (:[A-Za-z0-9_][A-Za-z0-9_.-]{0,15})?(@sha256:[0-9a-f]{64})?";
    prop_oneof![
        1 => Just(default),
        4 => generated.prop_filter_map("a valid image reference", |s| ImageRef::parse(&s).ok()),
    ]
}

fn container_name() -> impl Strategy<Value = ContainerName> {
    "[a-zA-Z0-9][a-zA-Z0-9_.-]{0,30}".prop_map(|s| ContainerName::parse(&s).unwrap())
}

fn path() -> impl Strategy<Value = AbsPath> {
    "(/[a-zA-Z0-9_][a-zA-Z0-9._-]{0,7}){1,4}"
        .prop_filter_map("outside the kernel's directories", |s| AbsPath::parse(&s).ok())
}

fn pid_file() -> impl Strategy<Value = AbsPath> {
    "(/[a-zA-Z0-9_][a-zA-Z0-9._-]{0,7}){2,4}"
        .prop_filter_map("outside the kernel's directories", |s| AbsPath::parse(&s).ok())
}

/// Any valid size, drawn per unit so that nothing needs filtering; small ones often.
fn size() -> impl Strategy<Value = Size> {
    let max = Size::MAX_BYTES;
    let of = |unit: Unit| move |amount: u64| Size::new(amount, unit).unwrap();
    prop_oneof![
        3 => (1u64..=64).prop_map(of(Unit::M)),
        1 => (Size::MIN_BYTES..=max).prop_map(of(Unit::B)),
        1 => (4u64..=max >> 10).prop_map(of(Unit::K)),
        1 => (1u64..=max >> 20).prop_map(of(Unit::M)),
        1 => (1u64..=max >> 30).prop_map(of(Unit::G)),
    ]
}

/// Some of the seed's mounts, in its order or shuffled, each maybe switched or
/// resized, then added ones (which may reuse a seed path the first part left out).
fn mounts() -> impl Strategy<Value = Vec<Mount>> {
    let seed = Config::default().mounts;
    let stock: Vec<AbsPath> = seed.iter().map(|m| m.path.clone()).collect();
    let kept = prop_oneof![
        subsequence(seed.clone(), 0..=seed.len()),
        subsequence(seed.clone(), 0..=seed.len()).prop_shuffle(),
    ];
    let edits = vec((any::<bool>(), proptest::option::of(size())), seed.len());
    let added_path = prop_oneof![path(), select(stock)];
    let added = prop_oneof![
        4 => vec((added_path.clone(), size(), any::<bool>()), 0..6),
        1 => vec((added_path, size(), any::<bool>()), 0..40),
    ];
    (kept, edits, added).prop_map(|(mut kept, edits, added)| {
        for (mount, (switch, resize)) in kept.iter_mut().zip(edits) {
            mount.enabled ^= switch;
            mount.size = resize.unwrap_or(mount.size);
        }
        for (path, size, enabled) in added {
            if kept.len() < MAX_MOUNTS && kept.iter().all(|m| m.path != path) {
                kept.push(Mount { path, size, enabled });
            }
        }
        kept
    })
}
