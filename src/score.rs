//! The security score: a fixed scale from 0 to 100, made of fixed, visible
//! weights that sum to 100.
//!
//! Each rule (in `score/rules.rs`) says what it checks, why it matters, how to
//! earn it and where else it is checked (the CIS Docker Benchmark item, with
//! the benchmark version named, and the matching hadolint, kubesec, Trivy or
//! Checkov id where one exists). A rule reads the config only. Whether nginx
//! would start carries the largest weight, then the read-only root and the
//! writable mounts: a setup that cannot start cannot score above 70.
//!
//! Architecture Invariant: applying a failing rule's fix makes that rule pass
//! and changes no other rule's result, so the score rises by exactly the rule's
//! weight, and applying every fix reaches 100. The tests walk that from every
//! preset and from every combination of the seed's mounts.

mod rules;

use std::fmt;

use crate::model::Config;
use crate::predict::predict;

/// The top of the scale.
pub const MAX_SCORE: u32 = 100;

/// Where else a rule is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference {
    /// An item number of the CIS Docker Benchmark v1.6.0.
    Cis(&'static str),
    /// A hadolint rule (Dockerfile linter).
    Hadolint(&'static str),
    /// A kubesec rule id (Kubernetes manifests).
    Kubesec(&'static str),
    /// A Trivy misconfiguration id (Kubernetes manifests).
    Trivy(&'static str),
    /// A Checkov check id (Kubernetes manifests or Dockerfiles).
    Checkov(&'static str),
}

impl Reference {
    /// The tool or benchmark, with its version where the numbering depends on it.
    pub fn source(self) -> &'static str {
        match self {
            Reference::Cis(_) => "CIS Docker Benchmark v1.6.0",
            Reference::Hadolint(_) => "hadolint",
            Reference::Kubesec(_) => "kubesec",
            Reference::Trivy(_) => "Trivy",
            Reference::Checkov(_) => "Checkov",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Reference::Cis(id)
            | Reference::Hadolint(id)
            | Reference::Kubesec(id)
            | Reference::Trivy(id)
            | Reference::Checkov(id) => id,
        }
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.source(), self.id())
    }
}

/// One rule of the score.
#[derive(Debug)]
pub struct Rule {
    /// Stable kebab-case id, used by `apply_fix` and in links.
    pub id: &'static str,
    pub title: &'static str,
    /// Why it matters: what an attacker or an accident gets without it.
    pub why: &'static str,
    /// How to earn the points, in terms of the generated files.
    pub fix: &'static str,
    pub weight: u32,
    pub references: &'static [Reference],
    check: fn(&Config) -> Check,
    repair: fn(&mut Config),
}

impl Rule {
    /// This rule's result for `config`.
    pub fn check(&'static self, config: &Config) -> RuleResult {
        let Check { passed, detail } = (self.check)(config);
        RuleResult { rule: self, passed, detail }
    }
}

/// What a rule's check found.
struct Check {
    passed: bool,
    detail: String,
}

impl Check {
    fn pass(detail: impl Into<String>) -> Check {
        Check { passed: true, detail: detail.into() }
    }

    fn fail(detail: impl Into<String>) -> Check {
        Check { passed: false, detail: detail.into() }
    }
}

/// One rule applied to one config.
#[derive(Debug, Clone)]
pub struct RuleResult {
    pub rule: &'static Rule,
    pub passed: bool,
    /// What the rule saw in this config, as a sentence.
    pub detail: String,
}

impl RuleResult {
    /// The rule's weight when it passed, else 0.
    pub fn points(&self) -> u32 {
        if self.passed { self.rule.weight } else { 0 }
    }
}

/// A config's score and the result of every rule, in the order of `RULES`.
#[derive(Debug, Clone)]
pub struct Score {
    pub total: u32,
    pub rules: Vec<RuleResult>,
}

impl Score {
    /// The result of the rule with this id.
    pub fn result(&self, id: &str) -> Option<&RuleResult> {
        self.rules.iter().find(|r| r.rule.id == id)
    }
}

/// Every rule, highest weight first; the weights sum to `MAX_SCORE`.
pub fn rules() -> &'static [Rule] {
    rules::RULES
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    rules::RULES.iter().find(|r| r.id == id)
}

pub fn score(config: &Config) -> Score {
    let rules: Vec<RuleResult> = rules::RULES.iter().map(|rule| rule.check(config)).collect();
    let total = rules.iter().map(RuleResult::points).sum();
    Score { total, rules }
}

/// Changes `config` so that the rule `id` passes, without changing any other
/// rule's result. Returns false, changing nothing, when there is no such rule
/// or it already passes.
pub fn apply_fix(config: &mut Config, id: &str) -> bool {
    let Some(rule) = rule(id) else { return false };
    if (rule.check)(config).passed {
        return false;
    }

    // A fix that takes writable space away (a read-only root, fewer mounts)
    // would otherwise stop a setup that started, and cost the starting rule.
    let started = predict(config).starts();
    (rule.repair)(config);
    if started {
        rules::make_nginx_start(config);
    }
    true
}

impl fmt::Display for Score {
    /// The breakdown: one block a rule, failed ones with why, fix and references.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "score: {}/{MAX_SCORE}", self.total)?;
        for result in &self.rules {
            let rule = result.rule;
            let mark = if result.passed { "pass" } else { "FAIL" };
            let points = format!("{}/{}", result.points(), rule.weight);
            writeln!(f, "{mark} {points:>5}  {}: {}", rule.id, rule.title)?;
            writeln!(f, "            {}", result.detail)?;
            if result.passed {
                continue;
            }
            writeln!(f, "            why: {}", rule.why)?;
            writeln!(f, "            fix: {}", rule.fix)?;
            if !rule.references.is_empty() {
                let refs: Vec<String> = rule.references.iter().map(ToString::to_string).collect();
                writeln!(f, "            see: {}", refs.join("; "))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AbsPath, Hardening, Mount, Size};
    use crate::preset::{self, PRESETS};

    #[test]
    fn weights_are_fixed_and_sum_to_100() {
        assert_eq!(rules().iter().map(|r| r.weight).sum::<u32>(), MAX_SCORE);
        let ids: Vec<&str> = rules().iter().map(|r| r.id).collect();
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "duplicate ids in {ids:?}");
        for rule in rules() {
            let kebab = rule.id.split('-').all(|w| {
                !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            });
            assert!(kebab, "{} is not kebab-case", rule.id);
            for text in [rule.title, rule.why, rule.fix] {
                assert!(!text.is_empty() && !text.contains('\n'), "{}: {text:?}", rule.id);
            }
        }
        assert!(rules().windows(2).all(|w| w[0].weight >= w[1].weight), "highest weight first");
    }

    /// The golden scores: what each preset is worth, and what it fails.
    #[test]
    fn preset_scores() {
        let cases: &[(&str, u32, &[&str])] = &[
            ("seed", 60, &["drop-capabilities", "no-new-privileges", "pinned-images"]),
            ("consolidated", 60, &["drop-capabilities", "restart-on-failure"]),
            ("broken-pid", 30, &["nginx-starts", "memory-limit"]),
            ("wide-open", 40, &["read-only-root", "tmpfs-noexec"]),
            ("locked-down", 100, &[]),
        ];
        assert_eq!(cases.len(), PRESETS.len());
        for (name, total, some_failures) in cases {
            let score = score(&preset::find(name).unwrap().config());
            assert_eq!(score.total, *total, "{name}:\n{score}");
            for id in *some_failures {
                assert!(!score.result(id).unwrap().passed, "{name} should fail {id}");
            }
        }
    }

    /// From every preset, in two orders: each fix raises the score by exactly
    /// its weight, and all of them reach 100.
    #[test]
    fn every_fix_earns_exactly_its_weight_and_all_reach_100() {
        for preset in PRESETS {
            let forward: Vec<&str> = rules().iter().map(|r| r.id).collect();
            let backward: Vec<&str> = forward.iter().rev().copied().collect();
            for order in [forward, backward] {
                let mut config = preset.config();
                walk_fixes(preset.name, &mut config, &order);
                assert_eq!(score(&config).total, MAX_SCORE, "{}", preset.name);
                assert!(predict(&config).starts(), "{}", preset.name);
            }
        }
    }

    /// The same from all 64 on/off combinations of the seed's mounts, with the
    /// root read-only and writable: the fixes that add writable space or take
    /// it away must leave every other rule as it was.
    #[test]
    fn fixes_stay_independent_on_every_mount_combination() {
        let ids: Vec<&str> = rules().iter().map(|r| r.id).collect();
        for mask in 0u32..64 {
            for read_only_root in [true, false] {
                let mut config = Config::default();
                config.hardening.read_only_root = read_only_root;
                for (bit, mount) in config.mounts.iter_mut().enumerate() {
                    mount.enabled = mask & (1 << bit) != 0;
                }
                let name = format!("mask {mask:06b}, read-only {read_only_root}");
                for id in &ids {
                    let mut single = config.clone();
                    walk_fixes(&name, &mut single, &[id]);
                }
                walk_fixes(&name, &mut config, &ids);
                assert_eq!(score(&config).total, MAX_SCORE, "{name}");
            }
        }
    }

    /// An unused mount, a mount over the image's config and a PID file inside
    /// an image directory: the fixes never mount over files the image has.
    #[test]
    fn fixes_never_hide_the_image() {
        let mut config = Config::default();
        config.mounts.push(mount("/etc/nginx", "1m"));
        config.mounts.push(mount("/var/cache/app", "1m"));
        config.pid_file = AbsPath::parse("/etc/nginx/run/nginx.pid").unwrap();
        config.temp_root = Some(AbsPath::parse("/usr/share/nginx").unwrap());
        let ids: Vec<&str> = rules().iter().map(|r| r.id).collect();
        walk_fixes("hostile", &mut config, &ids);
        assert_eq!(score(&config).total, MAX_SCORE);
        let on: Vec<&str> = config.enabled_mounts().map(|m| m.path.as_str()).collect();
        assert!(on.iter().all(|p| !crate::predict::hides_image_files(&abs(p))), "{on:?}");
    }

    #[test]
    fn apply_fix_refuses_unknown_and_passing_rules() {
        let mut config = Config { hardening: Hardening::locked_down(), ..Config::default() };
        let before = config.clone();
        assert!(!apply_fix(&mut config, "no-such-rule"));
        assert!(!apply_fix(&mut config, "read-only-root"));
        assert_eq!(config, before);
    }

    #[test]
    fn the_breakdown_says_why_and_how() {
        let text = score(&preset::find("wide-open").unwrap().config()).to_string();
        assert!(text.starts_with("score: 40/100\n"), "{text}");
        assert!(text.contains("FAIL  0/20  read-only-root: Read-only root filesystem\n"), "{text}");
        assert!(
            text.contains("see: CIS Docker Benchmark v1.6.0 5.13; kubesec ReadOnlyRootFilesystem")
        );
        assert!(text.contains("pass 30/30  nginx-starts: nginx would start\n"), "{text}");
    }

    /// Applies each listed fix that is due, checking the invariant each time.
    fn walk_fixes(name: &str, config: &mut Config, ids: &[&str]) {
        for id in ids {
            let before = score(config);
            let due = !before.result(id).unwrap().passed;
            assert_eq!(apply_fix(config, id), due, "{name}: {id}");
            let after = score(config);
            let weight = if due { rule(id).unwrap().weight } else { 0 };
            assert_eq!(after.total, before.total + weight, "{name}: fixing {id}\n{after}");
            for (was, now) in before.rules.iter().zip(&after.rules) {
                let expected = was.passed || was.rule.id == *id;
                assert_eq!(now.passed, expected, "{name}: fixing {id} moved {}", now.rule.id);
            }
        }
    }

    fn abs(path: &str) -> AbsPath {
        AbsPath::parse(path).unwrap()
    }

    fn mount(path: &str, size: &str) -> Mount {
        Mount { path: abs(path), size: Size::parse(size).unwrap(), enabled: true }
    }
}
