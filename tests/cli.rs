//! The built `nginx-lockdown` binary reading share links: what it writes must be
//! byte for byte what the engine (and so the page) gives for the same link.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

use nginx_lockdown::generate::{Artifacts, DOCKERFILE, MAKEFILE, RUN_SCRIPT};
use nginx_lockdown::link::{decode, encode, share_url};
use nginx_lockdown::preset::PRESETS;

const BIN: &str = env!("CARGO_BIN_EXE_nginx-lockdown");

/// An edited setup with one hostile part, which must be named and left out.
const EDITED: &str = "https://example.org/nginx-lockdown/#v=1&name=web-prod&port=80\
                      &pid=/run/nginx/nginx.pid&temp=/run/nginx&del=nginx\
                      &off=proxy_temp,client_temp,fastcgi_temp,uwsgi_temp,scgi_temp\
                      &add=/run/nginx:8m,/tmp/x%3Bid:1m";

fn cli(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `render --link LINK --out DIR`, then the three files it wrote.
fn render_files(link: &str) -> (Output, Vec<(&'static str, String)>) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let output = cli(&["render", "--link", link, "--out", out]);
    assert!(output.status.success(), "{}", stderr(&output));
    let files = [DOCKERFILE, MAKEFILE, RUN_SCRIPT]
        .into_iter()
        .map(|name| (name, fs::read_to_string(dir.path().join(name)).unwrap()))
        .collect();
    (output, files)
}

#[test]
fn render_link_writes_what_the_engine_gives() {
    let decoded = decode(EDITED);
    assert_eq!(decoded.ignored.len(), 1, "{:?}", decoded.ignored);
    let expected = Artifacts::new(&decoded.config);

    let (output, files) = render_files(EDITED);
    for ((name, written), (expected_name, expected_text)) in files.iter().zip(expected.files()) {
        assert_eq!(*name, expected_name);
        assert_eq!(written, expected_text, "{name}");
    }
    assert!(!files.iter().any(|(_, text)| text.contains("/tmp/x")));
    assert_eq!(
        stderr(&output),
        "nginx-lockdown: ignored in the link: add=/tmp/x;id:1m: ';' is not allowed in a path: \
         use letters, digits, '.', '_', '-' and '/'.\n"
    );

    for (flag, text) in [("dockerfile", &expected.dockerfile), ("makefile", &expected.makefile)] {
        let output = cli(&["render", "--link", EDITED, "--print", flag]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(stdout(&output), *text, "--print {flag}");
    }
    let output = cli(&["render", "--link", &EDITED[EDITED.find('#').unwrap()..], "--print", "run"]);
    assert_eq!(stdout(&output), expected.run_script);
}

#[test]
fn an_encoded_preset_link_reproduces_the_golden_files() {
    for preset in PRESETS {
        let golden =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(preset.name);
        let url = share_url("https://example.org/nginx-lockdown/", &preset.config());
        let by_name = format!("v=1&preset={}", preset.name);
        for link in [url.as_str(), &by_name] {
            let (output, files) = render_files(link);
            assert_eq!(stderr(&output), "", "{link}");
            for (name, written) in files {
                let expected = fs::read_to_string(golden.join(name)).unwrap();
                assert_eq!(written, expected, "{link}: {name}");
            }
        }
    }
}

#[test]
fn check_link_predicts_like_the_preset() {
    let broken = encode(&PRESETS.iter().find(|p| p.name == "broken-pid").unwrap().config());
    let output = cli(&["check", "--link", &broken]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let verdict = fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/broken-pid/verdict.txt"),
    )
    .unwrap();
    assert_eq!(stdout(&output), format!("nginx does not start: {verdict}"));

    let output = cli(&["check", "--link", "#v=1&colour=red"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "nginx starts\n");
    assert_eq!(
        stderr(&output),
        "nginx-lockdown: ignored in the link: colour=red: No setting has this name in version 1 \
         links.\n"
    );
}

#[test]
fn link_and_preset_exclude_each_other() {
    let output = cli(&["check", "--link", "v=1&port=80", "--preset", "seed"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cannot be used with"), "{}", stderr(&output));
}
