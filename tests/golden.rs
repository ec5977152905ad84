//! Golden tests: every generated file of every preset, byte for byte.
//!
//! The expected files live in `tests/golden/<preset>/`. A change to a generator
//! shows up here as a diff to review; `UPDATE_GOLDEN=1 cargo test --test golden`
//! rewrites them after a deliberate change. The output of `check` and of
//! `score` is kept beside them, so the prediction and the score are pinned too.

use std::fs;
use std::path::PathBuf;

use nginx_lockdown::generate::Artifacts;
use nginx_lockdown::predict::predict;
use nginx_lockdown::preset::PRESETS;
use nginx_lockdown::score::score;

#[test]
fn every_preset_matches_its_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut mismatches = Vec::new();
    for preset in PRESETS {
        let config = preset.config();
        let artifacts = Artifacts::new(&config);
        let prediction = predict(&config);
        let mut verdict = match &prediction.failure {
            None => "nginx starts\n".to_string(),
            Some(failure) => format!("{}\n", failure.log_line()),
        };
        for warning in &prediction.warnings {
            verdict.push_str(&format!("warning: {warning}\n"));
        }
        let breakdown = score(&config).to_string();
        let extra = [("verdict.txt", verdict.as_str()), ("score.txt", breakdown.as_str())];
        let files = artifacts.files().into_iter().chain(extra);

        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(preset.name);
        for (name, actual) in files {
            let path = dir.join(name);
            if update {
                fs::create_dir_all(&dir).unwrap();
                fs::write(&path, actual).unwrap();
                continue;
            }
            let expected = fs::read_to_string(&path).unwrap_or_else(|e| {
                panic!("{}: {e}; run UPDATE_GOLDEN=1 cargo test --test golden", path.display())
            });
            if expected != actual {
                mismatches.push(format!(
                    "{}\n--- expected\n{expected}--- actual\n{actual}",
                    path.display()
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "golden files differ:\n{}", mismatches.join("\n"));
}

#[test]
fn generators_are_deterministic() {
    for preset in PRESETS {
        let config = preset.config();
        assert_eq!(Artifacts::new(&config), Artifacts::new(&config.clone()), "{}", preset.name);
    }
}
