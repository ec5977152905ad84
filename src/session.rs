//! Where the page starts: a share link, the draft saved in the browser, or the
//! defaults, and what the user must be asked before any of them is lost.
//!
//! The page reads the address's fragment and the saved draft (itself stored as
//! a link fragment, so it migrates like any link), and this module decides. It
//! never touches the browser: storage and history stay in `ui::browser`.
//!
//! Architecture Invariant: opening a link never silently replaces a saved draft
//! that differs from it. `Start::draft` then holds the draft, and the page keeps
//! it saved until the user picks one of the two.

use crate::link::{self, Ignored};
use crate::model::Config;

/// What the page opens with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Start {
    pub config: Config,
    pub source: Source,
    /// The parts of the link (or of the saved draft) that were left out, and why.
    pub ignored: Vec<Ignored>,
    /// The saved draft, when a link with a different setup was opened over it.
    pub draft: Option<Config>,
}

/// Where the starting setup came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Link,
    Draft,
    Defaults,
}

/// Decides the start from the address's fragment (with or without `#`; empty
/// when there is none) and the saved draft's fragment, if any. Total.
pub fn start(fragment: &str, saved: Option<&str>) -> Start {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let saved = saved.map(|s| link::decode(s).config).filter(|c| *c != Config::default());

    if !fragment.is_empty() {
        let opened = link::decode(fragment);
        let draft = saved.filter(|draft| *draft != opened.config);
        return Start {
            config: opened.config,
            source: Source::Link,
            ignored: opened.ignored,
            draft,
        };
    }
    match saved {
        Some(config) => Start { config, source: Source::Draft, ignored: Vec::new(), draft: None },
        None => Start {
            config: Config::default(),
            source: Source::Defaults,
            ignored: Vec::new(),
            draft: None,
        },
    }
}

/// The text the page saves as its draft: the setup's link fragment.
pub fn draft_text(config: &Config) -> String {
    link::encode(config)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preset;

    fn preset_fragment(name: &str) -> String {
        link::encode(&preset::find(name).expect("preset exists").config())
    }

    #[test]
    fn no_link_and_no_draft_gives_the_defaults() {
        let start = start("", None);
        assert_eq!(
            (start.config, start.source, start.draft),
            (Config::default(), Source::Defaults, None)
        );
    }

    #[test]
    fn a_saved_draft_comes_back() {
        let saved = preset_fragment("locked-down");
        let start = start("", Some(&saved));
        assert_eq!(start.source, Source::Draft);
        assert_eq!(start.config, preset::find("locked-down").unwrap().config());
        assert_eq!(start.draft, None);
    }

    #[test]
    fn a_link_over_a_different_draft_keeps_the_draft_for_the_user_to_pick() {
        let saved = preset_fragment("locked-down");
        let opened = preset_fragment("broken-pid");
        let start = start(&format!("#{opened}"), Some(&saved));
        assert_eq!(start.source, Source::Link);
        assert_eq!(start.config, preset::find("broken-pid").unwrap().config());
        assert_eq!(start.draft, Some(preset::find("locked-down").unwrap().config()));
    }

    #[test]
    fn a_link_equal_to_the_draft_or_over_a_default_draft_asks_nothing() {
        let same = preset_fragment("consolidated");
        assert_eq!(start(&same, Some(&same)).draft, None);
        assert_eq!(start(&same, Some("")).draft, None);
        assert_eq!(start(&same, None).draft, None);
    }

    #[test]
    fn a_broken_link_reports_its_parts_and_still_protects_the_draft() {
        let saved = preset_fragment("locked-down");
        let start = start("#v=1&pid=/tmp/$(id)&nonsense=1", Some(&saved));
        assert_eq!(start.ignored.len(), 2, "{:?}", start.ignored);
        assert_eq!(start.config, Config::default());
        assert!(start.draft.is_some());
    }

    #[test]
    fn the_draft_text_is_the_link_fragment() {
        let config = preset::find("wide-open").unwrap().config();
        assert_eq!(link::decode(&draft_text(&config)).config, config);
        assert_eq!(draft_text(&Config::default()), "");
    }
}
