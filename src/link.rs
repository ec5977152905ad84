//! Share links: a setup as a short, readable URL fragment, and the way back.
//!
//! The fragment is this module's own format, not a dump of `Config`: a version
//! and only the settings that differ from the seed setup, as `key=value` pairs
//! joined by `&`, for example
//! `v=1&pid=/run/nginx/nginx.pid&off=client_temp&size.proxy_temp=4m&add=/var/cache/app:8m`.
//! The seed setup is the empty fragment, so its link is the page's plain address.
//!
//! Version 1 keys, applied in this order whatever their order in the link:
//!
//! | key | value | meaning |
//! |---|---|---|
//! | `v` | `1` | the format version; a link without one is read as version 1 |
//! | `preset` | a preset name | start from that preset instead of the seed (read only) |
//! | `build`, `final`, `image` | image reference | build image, final base image, built tag |
//! | `name` | container name | `docker run --name` |
//! | `port`, `listen` | 1 to 65535 | host port, container port |
//! | `pid` | absolute path | the PID file |
//! | `temp` | absolute path, or empty | put all five temp paths there; empty turns that off |
//! | `del` | names, comma-separated | remove these built-in writable directories |
//! | `off`, `on` | names, comma-separated | switch these built-in directories off or on |
//! | `size.NAME` | size such as `4m` | the size of built-in directory NAME |
//! | `add` | `PATH:SIZE[:off]`, comma-separated | append writable directories, in order |
//! | `read-only`, `cap-drop`, `tmpfs-noexec`, `user` | `on` or `off` | run command safeguards |
//! | `no-new-privileges` | `on` or `off` | `--security-opt=no-new-privileges` |
//! | `memory`, `cpus` | `128m`, `1.5`; empty for none | `--memory`, `--cpus` |
//! | `pids-limit`, `restart` | `128`, `5`; empty for none | `--pids-limit`, on-failure retries |
//!
//! The built-in names are the last part of each seed mount's path: `proxy_temp`,
//! `client_temp`, `fastcgi_temp`, `uwsgi_temp`, `scgi_temp` and `nginx`; in
//! `del`, `off` and `on`, `temps` stands for the five temp directories at once.
//!
//! Decoding never fails as a whole. Every value goes through `Draft::validate`,
//! the same check the form uses, one part at a time: a part that would make the
//! setup invalid is left out and reported as `Ignored`, and the rest applies.
//! Input is bounded (`MAX_FRAGMENT_LEN`, `MAX_PAIRS`, `MAX_ITEMS`), so time and
//! memory are too. This module must never hand out a `Config` that did not come
//! from `Draft::validate`, and must never panic, whatever the input.
//!
//! Architecture Invariant: a link that decoded once decodes to the same setup
//! forever. The version-1 baseline is pinned by the tests; when the defaults or
//! a key's meaning change, bump `VERSION` and add a step to `MIGRATIONS`.

use std::collections::BTreeSet;
use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

use crate::model::draft::MAX_MOUNTS;
use crate::model::{
    AbsPath, Config, Draft, DraftHardening, DraftMount, Hardening, HardeningOption, Mount, Problem,
    TempKind,
};
use crate::preset::{self, PRESETS};

/// The version `encode` writes.
pub const VERSION: u32 = 1;

/// The longest fragment read, in bytes; what follows the last `&` before it is
/// dropped. The longest valid setup encodes to well under this (see the tests).
pub const MAX_FRAGMENT_LEN: usize = 16 * 1024;

/// The most `key=value` parts read; later parts are dropped.
pub const MAX_PAIRS: usize = 64;

/// The most items read from one comma-separated value.
pub const MAX_ITEMS: usize = MAX_MOUNTS;

/// How many characters of an ignored key or value are kept to show the user.
pub const MAX_SHOWN: usize = 80;

/// What a link gave: a valid setup, and each part that was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub config: Config,
    /// In the order the parts appear in the link.
    pub ignored: Vec<Ignored>,
}

/// One part of a link that did not apply; its setting kept its default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignored {
    /// The key as decoded (as written when it is not text), at most `MAX_SHOWN`
    /// characters; empty for a part dropped by a limit before it was read.
    pub key: String,
    /// The value, or the one list item, at most `MAX_SHOWN` characters.
    pub value: String,
    pub reason: Reason,
}

/// Why a part of a link was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// No setting has this key in the link's version.
    UnknownKey,
    /// The form would refuse this value; the problem says why.
    BadValue(Problem),
    /// The version is not one this build reads; the rest is read as the current one.
    UnsupportedVersion,
    /// The key appeared earlier in the link; the first one counts.
    DuplicateKey,
    /// The link is longer than the limit; this part and all after it were dropped.
    TooLong { limit: usize },
    /// There were more parts, or list items, than the limit; this one and all
    /// after it were dropped.
    TooMany { limit: usize },
    /// After percent-decoding, the key or value is not UTF-8 text.
    NotText,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::UnknownKey => write!(f, "No setting has this name in version {VERSION} links."),
            Reason::BadValue(problem) => write!(f, "{problem}"),
            Reason::UnsupportedVersion => {
                write!(
                    f,
                    "This link version is not known here; the rest was read as version {VERSION}."
                )
            }
            Reason::DuplicateKey => {
                f.write_str("This setting appears twice; the first one was used.")
            }
            Reason::TooLong { limit } => write!(
                f,
                "The link is over {limit} characters; this part and the rest were dropped."
            ),
            Reason::TooMany { limit } => write!(
                f,
                "There are more than {limit} parts; this one and all after it were dropped."
            ),
            Reason::NotText => f.write_str("After percent-decoding this is not valid UTF-8 text."),
        }
    }
}

impl fmt::Display for Ignored {
    /// Escapes control and bidirectional-override characters, which the key, the
    /// value and a problem quoting them may hold: a hostile link must not move a
    /// terminal's cursor or reorder the text around it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.key.is_empty() {
            write!(f, "{}=", Escaped(&self.key))?;
        }
        write!(f, "{}: {}", Escaped(&self.value), Escaped(&self.reason.to_string()))
    }
}

/// The fragment for `config`, without the `#`: empty for the seed setup.
pub fn encode(config: &Config) -> String {
    let base = Config::default();
    let mut pairs = Vec::new();
    for key in KEYS {
        (key.write)(config, &base, &mut pairs);
    }
    if pairs.is_empty() {
        return String::new();
    }

    let mut fragment = format!("v={VERSION}");
    for (key, value) in &pairs {
        fragment.push('&');
        fragment.extend(utf8_percent_encode(key, LINK_ESCAPES));
        fragment.push('=');
        fragment.extend(utf8_percent_encode(value, LINK_ESCAPES));
    }
    fragment
}

/// The page address `page` (any old fragment removed) carrying `config`.
pub fn share_url(page: &str, config: &Config) -> String {
    let page = page.split_once('#').map_or(page, |(before, _)| before);
    let fragment = encode(config);
    if fragment.is_empty() { page.to_string() } else { format!("{page}#{fragment}") }
}

/// Reads a link: a whole URL (what follows its first `#`), a fragment with or
/// without its `#`, or an address with no fragment (the seed setup). Total.
pub fn decode(link: &str) -> Decoded {
    let mut ignored = Vec::new();
    let pairs = split(fragment_of(link), &mut ignored);
    let (version, pairs) = take_version(pairs, &mut ignored);
    let pairs = migrate(version, pairs);
    let (base, pairs) = take_preset(pairs, &mut ignored);

    let mut known = Vec::new();
    for pair in pairs {
        match lookup(&pair.key) {
            Some((order, suffix)) => known.push((order, suffix, pair)),
            None => ignored.push(pair.ignored(&pair.value, Reason::UnknownKey)),
        }
    }
    // A stable sort: keys apply in table order, and one key's parts in link order.
    known.sort_by_key(|(order, _, pair)| (*order, pair.position));

    let mut reading = Reading {
        draft: Draft::from(&base),
        config: base,
        ignored,
        position: 0,
        key: String::new(),
    };
    for (order, suffix, pair) in known {
        reading.position = pair.position;
        reading.key = shown(&pair.key);
        (KEYS[order].read)(&mut reading, &pair.key[suffix..], &pair.value);
    }

    let mut ignored = reading.ignored;
    ignored.sort_by_key(|(position, _)| *position);
    Decoded { config: reading.config, ignored: ignored.into_iter().map(|(_, i)| i).collect() }
}

/// What `encode` escapes: everything but letters, digits and `-._~/:,@`, which
/// a fragment may hold as they are and which keep paths and images readable.
/// `&`, `=`, `#`, `%` and `+` are among the escaped.
const LINK_ESCAPES: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/')
    .remove(b':')
    .remove(b',')
    .remove(b'@');

/// Upgrades pairs from version `i + 1` to `i + 2`, renaming or filling in keys,
/// so that `MIGRATIONS.len() == VERSION - 1`. There is no step yet: version 1
/// is the first. A step must keep each pair's position, so what it cannot
/// migrate is still reported where the user wrote it.
const MIGRATIONS: &[fn(&mut Vec<Pair>)] = &[];

/// One setting a link can carry, and how to write and read it. Adding a setting
/// is adding one entry; entries apply in this order, and each must leave the
/// setup valid on its own (removals come before additions for that reason).
struct Key {
    /// The key; a name ending in `.` is a family (`size.NAME`).
    name: &'static str,
    /// Appends `(key, value)` for what `config` changes from the seed `base`.
    write: fn(&Config, &Config, &mut Vec<(String, String)>),
    /// Applies one value; the `&str` before it is what follows a family's name.
    read: fn(&mut Reading, &str, &str),
}

/// A setting that is one field of the same name in `Config` and in `Draft`.
macro_rules! scalar {
    ($name:literal, $field:ident) => {
        Key {
            name: $name,
            write: |config, base, out| {
                if config.$field != base.$field {
                    out.push(($name.to_string(), config.$field.to_string()));
                }
            },
            read: |reading, _, value| {
                reading.edit(value, |draft| {
                    draft.$field = value.to_string();
                    Ok(())
                })
            },
        }
    };
}

/// A hardening option: `on`/`off` for a switch, the value (empty for none) for a limit.
macro_rules! harden {
    ($name:literal, $option:ident) => {
        Key {
            name: $name,
            write: |config, base, out| {
                write_hardening(config, base, out, $name, HardeningOption::$option)
            },
            read: |reading, _, value| read_hardening(reading, value, HardeningOption::$option),
        }
    };
}

const KEYS: &[Key] = &[
    scalar!("build", build_image),
    scalar!("final", final_image),
    scalar!("image", image_name),
    scalar!("name", container_name),
    scalar!("port", host_port),
    scalar!("listen", container_port),
    harden!("read-only", ReadOnlyRoot),
    harden!("cap-drop", DropCapabilities),
    harden!("no-new-privileges", NoNewPrivileges),
    harden!("tmpfs-noexec", TmpfsNoexec),
    harden!("user", NumericUser),
    harden!("memory", Memory),
    harden!("cpus", Cpus),
    harden!("pids-limit", PidsLimit),
    harden!("restart", Restart),
    scalar!("pid", pid_file),
    Key { name: "temp", write: write_temp, read: read_temp },
    Key { name: "del", write: write_del, read: read_del },
    Key { name: "off", write: |c, b, out| write_switch(c, b, out, false), read: read_off },
    Key { name: "on", write: |c, b, out| write_switch(c, b, out, true), read: read_on },
    Key { name: "size.", write: write_sizes, read: read_size },
    Key { name: "add", write: write_add, read: read_add },
];

/// In `del`, `off` and `on`: the five temp directories at once.
const TEMPS: &str = "temps";

/// Keys read before the table: the version and the starting preset.
const VERSION_KEY: &str = "v";
const PRESET_KEY: &str = "preset";

/// A decoded `key=value` part and where it stood in the link.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pair {
    position: usize,
    key: String,
    value: String,
}

impl Pair {
    fn ignored(&self, value: &str, reason: Reason) -> (usize, Ignored) {
        (self.position, Ignored { key: shown(&self.key), value: shown(value), reason })
    }
}

/// The decoder's state: the draft as applied so far, always valid.
struct Reading {
    draft: Draft,
    /// `draft`, validated.
    config: Config,
    ignored: Vec<(usize, Ignored)>,
    /// The part being read, for what gets ignored.
    position: usize,
    key: String,
}

impl Reading {
    /// Applies `change` if the draft stays valid, else records why and keeps it as it was.
    fn edit(&mut self, item: &str, change: impl FnOnce(&mut Draft) -> Result<(), Problem>) {
        let mut draft = self.draft.clone();
        let result = change(&mut draft).and_then(|()| {
            draft.validate().map_err(|errors| match errors.into_iter().next() {
                Some(error) => error.problem,
                None => Problem::new("The form refused this value."),
            })
        });
        match result {
            Ok(config) => {
                self.draft = draft;
                self.config = config;
            }
            Err(problem) => self.ignore(item, Reason::BadValue(problem)),
        }
    }

    fn ignore(&mut self, value: &str, reason: Reason) {
        let ignored = Ignored { key: self.key.clone(), value: shown(value), reason };
        self.ignored.push((self.position, ignored));
    }

    /// Calls `apply` on each non-empty comma-separated item, up to `MAX_ITEMS`.
    fn each_item(&mut self, value: &str, apply: impl Fn(&mut Reading, &str)) {
        let mut items = value.split(',').filter(|item| !item.is_empty());
        for item in items.by_ref().take(MAX_ITEMS) {
            apply(self, item);
        }
        if let Some(first_dropped) = items.next() {
            self.ignore(first_dropped, Reason::TooMany { limit: MAX_ITEMS });
        }
    }

    /// `each_item` for lists of built-in names, with `TEMPS` standing for the
    /// five temp directories.
    fn each_name(&mut self, value: &str, apply: fn(&mut Reading, &str)) {
        self.each_item(value, |reading, name| {
            if name == TEMPS {
                for kind in TempKind::ALL {
                    apply(reading, kind.dir_name());
                }
            } else {
                apply(reading, name);
            }
        });
    }

    /// The index in the draft of built-in directory `name`, or why there is none.
    fn built_in(&self, name: &str) -> Result<usize, Problem> {
        let Some(path) = built_in_path(name) else {
            let seed = Config::default();
            let names: Vec<&str> = seed.mounts.iter().map(mount_name).collect();
            return Err(Problem::new(format!(
                "There is no built-in writable directory called {}; the names are {}.",
                shown(name),
                names.join(", ")
            )));
        };
        self.draft
            .mounts
            .iter()
            .position(|m| m.path == path.as_str())
            .ok_or_else(|| Problem::new(format!("{path} is not in the list.")))
    }

    /// Sets `enabled` on built-in directory `name`.
    fn switch(&mut self, name: &str, enabled: bool) {
        match self.built_in(name) {
            Ok(i) => self.edit(name, |draft| {
                draft.mounts[i].enabled = enabled;
                Ok(())
            }),
            Err(problem) => self.ignore(name, Reason::BadValue(problem)),
        }
    }
}

/// Text with its invisible, layout-changing characters written as escapes.
struct Escaped<'a>(&'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            let bidi = matches!(
                c,
                '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
            );
            if c.is_control() || bidi {
                write!(f, "{}", c.escape_debug())?;
            } else {
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

/// What follows the first `#`; an address without one carries the seed setup.
fn fragment_of(link: &str) -> &str {
    let link = link.trim();
    match link.split_once('#') {
        Some((_, fragment)) => fragment,
        None if link.contains("://") => "",
        None => link,
    }
}

/// The decoded pairs, first duplicates only, within the limits.
fn split(fragment: &str, ignored: &mut Vec<(usize, Ignored)>) -> Vec<Pair> {
    let mut text = fragment;
    if fragment.len() > MAX_FRAGMENT_LEN {
        // `&` is one byte, so cutting before it keeps UTF-8 whole.
        let cut =
            fragment.as_bytes()[..=MAX_FRAGMENT_LEN].iter().rposition(|&b| b == b'&').unwrap_or(0);
        text = &fragment[..cut];
        let dropped = Ignored {
            key: String::new(),
            value: shown(&fragment[cut..]),
            reason: Reason::TooLong { limit: MAX_FRAGMENT_LEN },
        };
        ignored.push((usize::MAX, dropped));
    }

    let mut parts = text.split('&').filter(|part| !part.is_empty());
    let mut pairs = Vec::new();
    let mut seen = BTreeSet::new();
    for (position, part) in parts.by_ref().take(MAX_PAIRS).enumerate() {
        let (raw_key, raw_value) = part.split_once('=').unwrap_or((part, ""));
        let key = percent_decode_str(raw_key).decode_utf8();
        let value = percent_decode_str(raw_value).decode_utf8();
        let (Ok(key), Ok(value)) = (key, value) else {
            // Shown as written: the decoded bytes are not text.
            let ignored_part =
                Ignored { key: shown(raw_key), value: shown(raw_value), reason: Reason::NotText };
            ignored.push((position, ignored_part));
            continue;
        };
        let pair = Pair { position, key: key.into_owned(), value: value.into_owned() };
        if seen.contains(&pair.key) {
            ignored.push(pair.ignored(&pair.value, Reason::DuplicateKey));
        } else {
            seen.insert(pair.key.clone());
            pairs.push(pair);
        }
    }
    if let Some(first_dropped) = parts.next() {
        let dropped = Ignored {
            key: String::new(),
            value: shown(first_dropped),
            reason: Reason::TooMany { limit: MAX_PAIRS },
        };
        ignored.push((MAX_PAIRS, dropped));
    }
    pairs
}

/// The link's version, taken out of the pairs; an unknown one reads as the current.
fn take_version(mut pairs: Vec<Pair>, ignored: &mut Vec<(usize, Ignored)>) -> (u32, Vec<Pair>) {
    let Some(i) = pairs.iter().position(|p| p.key == VERSION_KEY) else {
        // Links without a version are hand-written or older than versions: v1 is the first.
        return (1, pairs);
    };
    let pair = pairs.remove(i);
    match pair.value.parse::<u32>() {
        Ok(version) if (1..=VERSION).contains(&version) => (version, pairs),
        _ => {
            ignored.push(pair.ignored(&pair.value, Reason::UnsupportedVersion));
            (VERSION, pairs)
        }
    }
}

/// Runs each migration step from `version` up to the current one.
fn migrate(version: u32, mut pairs: Vec<Pair>) -> Vec<Pair> {
    let first = usize::try_from(version.saturating_sub(1)).unwrap_or(usize::MAX);
    for step in MIGRATIONS.iter().skip(first) {
        step(&mut pairs);
    }
    pairs
}

/// The setup the link starts from: its `preset`, or the seed.
///
/// FIXME: a `preset=` link means the preset as it is defined today, so editing a
/// preset changes what old links with it give. `encode` never writes `preset`
/// for that reason; freezing each preset per link version would lift the limit.
fn take_preset(mut pairs: Vec<Pair>, ignored: &mut Vec<(usize, Ignored)>) -> (Config, Vec<Pair>) {
    let Some(i) = pairs.iter().position(|p| p.key == PRESET_KEY) else {
        return (Config::default(), pairs);
    };
    let pair = pairs.remove(i);
    match preset::find(&pair.value) {
        Some(preset) => (preset.config(), pairs),
        None => {
            let names: Vec<&str> = PRESETS.iter().map(|p| p.name).collect();
            let problem = Problem::new(format!(
                "There is no preset called {}; the presets are {}.",
                shown(&pair.value),
                names.join(", ")
            ));
            ignored.push(pair.ignored(&pair.value, Reason::BadValue(problem)));
            (Config::default(), pairs)
        }
    }
}

/// The table index of `key` and where a family member's own name starts.
fn lookup(key: &str) -> Option<(usize, usize)> {
    KEYS.iter().enumerate().find_map(|(order, entry)| {
        if entry.name.ends_with('.') {
            let member = key.strip_prefix(entry.name)?;
            (!member.is_empty()).then_some((order, entry.name.len()))
        } else {
            (key == entry.name).then_some((order, key.len()))
        }
    })
}

/// `text`, cut to `MAX_SHOWN` characters with an ellipsis.
fn shown(text: &str) -> String {
    match text.char_indices().nth(MAX_SHOWN) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// A built-in directory's name in links: the last part of its path.
fn mount_name(mount: &Mount) -> &str {
    mount.path.as_str().rsplit('/').next().unwrap_or_default()
}

/// The path of the seed's writable directory called `name`.
fn built_in_path(name: &str) -> Option<AbsPath> {
    Config::default().mounts.into_iter().find(|m| mount_name(m) == name).map(|m| m.path)
}

/// How many leading mounts of `config` are the seed's, in the seed's order:
/// those are described by `del`, `off`, `on` and `size.NAME`, the rest by `add`.
fn kept(config: &Config, base: &Config) -> usize {
    let mut next = 0;
    for (count, mount) in config.mounts.iter().enumerate() {
        match base.mounts[next..].iter().position(|b| b.path == mount.path) {
            Some(i) => next += i + 1,
            None => return count,
        }
    }
    config.mounts.len()
}

fn push_list(out: &mut Vec<(String, String)>, key: &str, items: Vec<String>) {
    if !items.is_empty() {
        out.push((key.to_string(), items.join(",")));
    }
}

/// `push_list` for built-in names: all five temp directories become `TEMPS`,
/// written where the first of them stood.
fn push_names(out: &mut Vec<(String, String)>, key: &str, mut names: Vec<String>) {
    let is_temp = |name: &String| TempKind::ALL.iter().any(|k| k.dir_name() == name);
    if names.iter().filter(|n| is_temp(n)).count() == TempKind::ALL.len() {
        let first = names.iter().position(is_temp).unwrap_or(0);
        names.retain(|n| !is_temp(n));
        names.insert(first, TEMPS.to_string());
    }
    push_list(out, key, names);
}

/// What a link writes for `option`: `on`/`off`, or a limit's value (empty when unset).
fn hardening_text(hardening: &Hardening, option: HardeningOption) -> String {
    // As the form holds it, so which options are limits is decided in one place.
    let draft = DraftHardening::from(hardening);
    match draft.limit(option) {
        Some((limit, _)) if limit.enabled => limit.value.clone(),
        Some(_) => String::new(),
        None if draft.switch(option) => "on".to_string(),
        None => "off".to_string(),
    }
}

fn write_hardening(
    config: &Config,
    base: &Config,
    out: &mut Vec<(String, String)>,
    name: &str,
    option: HardeningOption,
) {
    let text = hardening_text(&config.hardening, option);
    if text != hardening_text(&base.hardening, option) {
        out.push((name.to_string(), text));
    }
}

fn read_hardening(reading: &mut Reading, value: &str, option: HardeningOption) {
    reading.edit(value, |draft| {
        let hardening = &mut draft.hardening;
        let Some(limit) = hardening.limit_mut(option) else {
            let on = match value {
                "on" => true,
                "off" => false,
                _ => return Err(Problem::new("Write on or off.")),
            };
            hardening.set_switch(option, on);
            return Ok(());
        };
        // An empty value unsets the limit; the suggestion stays for the form.
        limit.enabled = !value.is_empty();
        if limit.enabled {
            limit.value = value.to_string();
        }
        Ok(())
    });
}

fn write_temp(config: &Config, base: &Config, out: &mut Vec<(String, String)>) {
    if config.temp_root != base.temp_root {
        let value = config.temp_root.as_ref().map(ToString::to_string).unwrap_or_default();
        out.push(("temp".to_string(), value));
    }
}

fn read_temp(reading: &mut Reading, _: &str, value: &str) {
    reading.edit(value, |draft| {
        draft.consolidate = !value.is_empty();
        draft.temp_root = value.to_string();
        Ok(())
    });
}

fn write_del(config: &Config, base: &Config, out: &mut Vec<(String, String)>) {
    let kept = &config.mounts[..kept(config, base)];
    let removed = base
        .mounts
        .iter()
        .filter(|b| !kept.iter().any(|m| m.path == b.path))
        .map(|b| mount_name(b).to_string())
        .collect();
    push_names(out, "del", removed);
}

fn read_del(reading: &mut Reading, _: &str, value: &str) {
    reading.each_name(value, |reading, name| match reading.built_in(name) {
        Ok(i) => reading.edit(name, |draft| {
            draft.mounts.remove(i);
            Ok(())
        }),
        Err(problem) => reading.ignore(name, Reason::BadValue(problem)),
    });
}

/// `off` (with `enabled == false`) or `on`: kept mounts switched from the seed.
fn write_switch(config: &Config, base: &Config, out: &mut Vec<(String, String)>, enabled: bool) {
    let switched = config.mounts[..kept(config, base)]
        .iter()
        .filter(|m| {
            m.enabled == enabled && base.mount(&m.path).is_some_and(|b| b.enabled != enabled)
        })
        .map(|m| mount_name(m).to_string())
        .collect();
    push_names(out, if enabled { "on" } else { "off" }, switched);
}

fn read_off(reading: &mut Reading, _: &str, value: &str) {
    reading.each_name(value, |reading, name| reading.switch(name, false));
}

fn read_on(reading: &mut Reading, _: &str, value: &str) {
    reading.each_name(value, |reading, name| reading.switch(name, true));
}

fn write_sizes(config: &Config, base: &Config, out: &mut Vec<(String, String)>) {
    for mount in &config.mounts[..kept(config, base)] {
        if base.mount(&mount.path).is_some_and(|b| b.size != mount.size) {
            out.push((format!("size.{}", mount_name(mount)), mount.size.to_string()));
        }
    }
}

fn read_size(reading: &mut Reading, name: &str, value: &str) {
    if built_in_path(name).is_none() {
        reading.ignore(value, Reason::UnknownKey);
        return;
    }
    match reading.built_in(name) {
        Ok(i) => reading.edit(value, |draft| {
            draft.mounts[i].size = value.to_string();
            Ok(())
        }),
        Err(problem) => reading.ignore(value, Reason::BadValue(problem)),
    }
}

fn write_add(config: &Config, base: &Config, out: &mut Vec<(String, String)>) {
    let added = config.mounts[kept(config, base)..]
        .iter()
        .map(|m| format!("{}:{}{}", m.path, m.size, if m.enabled { "" } else { ":off" }))
        .collect();
    push_list(out, "add", added);
}

fn read_add(reading: &mut Reading, _: &str, value: &str) {
    reading.each_item(value, |reading, item| {
        reading.edit(item, |draft| {
            let mut fields = item.splitn(3, ':');
            let (Some(path), Some(size)) = (fields.next(), fields.next()) else {
                return Err(Problem::new(
                    "Write an added directory as PATH:SIZE, for example /var/cache/app:8m.",
                ));
            };
            let enabled = match fields.next() {
                None => true,
                Some("off") => false,
                Some(_) => {
                    return Err(Problem::new(
                        "After PATH:SIZE only :off may follow, for a directory switched off.",
                    ));
                }
            };
            draft.mounts.push(DraftMount { path: path.into(), size: size.into(), enabled });
            Ok(())
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ImageRef, Port, Size};

    /// One line a case: a link, and the start of each ignored part as displayed.
    fn check(cases: &[(&str, &[&str])]) {
        for (link, expected) in cases {
            let got: Vec<String> = decode(link).ignored.iter().map(ToString::to_string).collect();
            let matches = got.len() == expected.len()
                && got.iter().zip(expected.iter()).all(|(g, e)| g.starts_with(e));
            assert!(matches, "link {link:?}: got {got:?}, want {expected:?}");
        }
    }

    fn edited(edit: impl FnOnce(&mut Config)) -> Config {
        let mut config = Config::default();
        edit(&mut config);
        config
    }

    #[test]
    fn the_seed_is_the_plain_address() {
        assert_eq!(encode(&Config::default()), "");
        assert_eq!(share_url("https://example.org/lockdown/#old", &Config::default()), {
            "https://example.org/lockdown/"
        });
        for plain in ["", "#", "https://example.org/lockdown/", "  https://example.org/#  "] {
            assert_eq!(decode(plain), Decoded { config: Config::default(), ignored: vec![] });
        }
    }

    #[test]
    fn the_example_link_reads_as_written() {
        let link = "#v=1&pid=/run/nginx/nginx.pid&off=client_temp&size.proxy_temp=4m\
                    &add=/var/cache/app:8m";
        let decoded = decode(link);
        assert_eq!(decoded.ignored, []);
        let config = decoded.config;
        assert_eq!(config.pid_file.as_str(), "/run/nginx/nginx.pid");
        assert!(!config.mounts[1].enabled);
        assert_eq!(config.mounts[0].size, Size::parse("4m").unwrap());
        let last = config.mounts.last().unwrap();
        assert_eq!((last.path.as_str(), last.size.to_string(), last.enabled), {
            ("/var/cache/app", "8m".to_string(), true)
        });
        assert_eq!(encode(&config), &link[1..]);
    }

    #[test]
    fn encoding_keeps_paths_readable_and_escapes_separators() {
        let registry =
            edited(|c| c.image_name = ImageRef::parse("localhost:5000/team/web:1.0").unwrap());
        assert_eq!(encode(&registry), "v=1&image=localhost:5000/team/web:1.0");
        let escaped = utf8_percent_encode("a&b=c#d%e+f g", LINK_ESCAPES).to_string();
        assert_eq!(escaped, "a%26b%3Dc%23d%25e%2Bf%20g");
    }

    #[test]
    fn each_reason_for_ignoring() {
        check(&[
            ("v=1&colour=red", &["colour=red: No setting has this name in version 1 links."]),
            ("size.tmp=4m", &["size.tmp=4m: No setting has this name in version 1 links."]),
            ("size.=4m", &["size.=4m: No setting has this name in version 1 links."]),
            (
                "v=9&port=80",
                &["v=9: This link version is not known here; the rest was read as version 1."],
            ),
            ("v=0", &["v=0: This link version is not known here; the rest was read as version 1."]),
            ("port=80&port=81", &["port=81: This setting appears twice; the first one was used."]),
            ("pid=%FF", &["pid=%FF: After percent-decoding this is not valid UTF-8 text."]),
            ("p%C3id=1", &["p%C3id=1: After percent-decoding this is not valid UTF-8 text."]),
            ("port=0", &["port=0: The port must be between 1 and 65535."]),
            (
                "preset=nope",
                &["preset=nope: There is no preset called nope; the presets are seed, consol"],
            ),
            (
                "off=cache",
                &["off=cache: There is no built-in writable directory called cache; the names are"],
            ),
            ("del=nginx&on=nginx", &["on=nginx: /tmp/nginx is not in the list."]),
            (
                "add=/srv",
                &["add=/srv: Write an added directory as PATH:SIZE, for example /var/cache/"],
            ),
            ("add=/srv:1m:no", &["add=/srv:1m:no: After PATH:SIZE only :off may follow"]),
            ("cap-drop=yes", &["cap-drop=yes: Write on or off."]),
            ("user=", &["user=: Write on or off."]),
            ("memory=4m", &["memory=4m: Docker refuses a memory limit below 6m."]),
            ("restart=0", &["restart=0: The retry count must be at least 1"]),
            ("cpus=1.005", &["cpus=1.005: The CPU limit takes at most two decimals"]),
        ]);
    }

    #[test]
    fn hostile_values_are_refused_and_the_rest_applies() {
        let link = "v=1&port=80&pid=/tmp/x;rm%20-rf%20/&name=$(id)&build=`id`\
                    &temp=/tmp/a%0Ab&add=/srv/../etc:1m,/srv/ok:1m,/srv/big:99999g\
                    &image=My%20Image&final=Nginx&size.nginx=1m%3Bid";
        check(&[(
            link,
            &[
                "pid=/tmp/x;rm -rf /: ';' is not allowed in a path",
                "name=$(id): A container name must start with a letter or a digit.",
                "build=`id`: '`' is not allowed in an image name.",
                "temp=/tmp/a\\nb: A line break is not allowed in a path",
                "add=/srv/../etc:1m: The path must not contain . or .. parts.",
                "add=/srv/big:99999g: The size must be at most 16g.",
                "image=My Image: A space is not allowed in an image name.",
                "final=Nginx: Docker image names must be lowercase.",
                "size.nginx=1m;id: Use a whole number with k, m or g",
            ],
        )]);
        let decoded = decode(link);
        let expected = edited(|c| {
            c.host_port = Port::new(80).unwrap();
            c.mounts.push(Mount {
                path: AbsPath::parse("/srv/ok").unwrap(),
                size: Size::parse("1m").unwrap(),
                enabled: true,
            });
        });
        assert_eq!(decoded.config, expected);
    }

    #[test]
    fn what_is_shown_cannot_steer_a_terminal() {
        check(&[
            (
                "off=%1B[2J",
                &["off=\\u{1b}[2J: There is no built-in writable directory called \\u{1b}[2J;"],
            ),
            (
                "pid=/tmp/%E2%80%AEfdp",
                &["pid=/tmp/\\u{202e}fdp: '\\u{202e}' is not allowed in a path"],
            ),
            ("%0D=1", &["\\r=1: No setting has this name"]),
        ]);
    }

    #[test]
    fn limits_drop_the_excess_and_say_so() {
        let many: String = (0..MAX_PAIRS + 10).map(|i| format!("k{i}=x&")).collect();
        let decoded = decode(&many);
        assert_eq!(decoded.ignored.len(), MAX_PAIRS + 1);
        assert_eq!(
            decoded.ignored.last().unwrap().to_string(),
            "k64=x: There are more than 64 parts; this one and all after it were dropped."
        );

        let long = format!("port=80&name={}", "a".repeat(MAX_FRAGMENT_LEN));
        let decoded = decode(&long);
        assert_eq!(decoded.config.host_port.get(), 80);
        assert_eq!(decoded.ignored.len(), 1);
        assert_eq!(decoded.ignored[0].reason, Reason::TooLong { limit: MAX_FRAGMENT_LEN });
        assert_eq!(decoded.ignored[0].value.chars().count(), MAX_SHOWN + 1);

        let items: Vec<String> = (0..MAX_ITEMS + 3).map(|i| format!("/m{i}:1m")).collect();
        let decoded = decode(&format!(
            "del=proxy_temp,client_temp,fastcgi_temp,uwsgi_temp,scgi_temp,nginx&add={}",
            items.join(",")
        ));
        assert_eq!(decoded.config.mounts.len(), MAX_ITEMS);
        let got: Vec<String> = decoded.ignored.iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            ["add=/m32:1m: There are more than 32 parts; this one and all after it were dropped."]
        );
    }

    #[test]
    fn keys_apply_in_table_order_whatever_the_link_order() {
        let forward = decode("del=nginx&add=/tmp/nginx:4m:off&size.proxy_temp=8m");
        let backward = decode("size.proxy_temp=8m&add=/tmp/nginx:4m:off&del=nginx");
        assert_eq!(forward, backward);
        assert_eq!(forward.ignored, []);
        let last = forward.config.mounts.last().unwrap();
        assert_eq!((last.path.as_str(), last.enabled), ("/tmp/nginx", false));
    }

    #[test]
    fn temps_names_the_five_temp_directories() {
        let grouped = decode("off=temps");
        let spelled = decode("off=proxy_temp,client_temp,fastcgi_temp,uwsgi_temp,scgi_temp");
        assert_eq!((&grouped, grouped.ignored.len()), (&spelled, 0));
        assert_eq!(grouped.config.enabled_mounts().count(), 1);
        assert_eq!(encode(&grouped.config), "v=1&off=temps");

        let mut four_off = grouped.config.clone();
        four_off.mounts[2].enabled = true;
        assert_eq!(encode(&four_off), "v=1&off=proxy_temp,client_temp,uwsgi_temp,scgi_temp");
        assert_eq!(decode("del=temps,nginx").config.mounts, []);
    }

    #[test]
    fn hardening_reads_on_off_and_limits() {
        let locked = preset::find("locked-down").unwrap().config();
        let decoded = decode("preset=locked-down&cap-drop=off&memory=&cpus=0.25");
        assert_eq!(decoded.ignored, []);
        let hardening = decoded.config.hardening;
        assert!(!hardening.drop_capabilities && hardening.no_new_privileges);
        assert_eq!((hardening.memory, hardening.cpus.map(|c| c.to_string())), {
            (None, Some("0.25".to_string()))
        });
        assert_eq!(hardening.pids_limit, locked.hardening.pids_limit);
        assert_eq!(encode(&edited(|c| c.hardening.read_only_root = false)), "v=1&read-only=off");
    }

    #[test]
    fn a_preset_is_a_starting_point() {
        let broken = preset::find("broken-pid").unwrap().config();
        assert_eq!(decode("preset=broken-pid"), Decoded { config: broken, ignored: vec![] });
        let fixed = decode("v=1&preset=broken-pid&on=nginx");
        assert_eq!(fixed, Decoded { config: Config::default(), ignored: vec![] });
    }

    #[test]
    fn the_table_and_the_migrations_agree_with_the_version() {
        assert_eq!(MIGRATIONS.len() as u32, VERSION - 1);
        let names: BTreeSet<&str> = KEYS.iter().map(|k| k.name).collect();
        assert_eq!(names.len(), KEYS.len(), "key names are unique");
        assert!(!names.contains(VERSION_KEY) && !names.contains(PRESET_KEY));
    }

    #[test]
    fn built_in_names_are_distinct() {
        let seed = Config::default();
        let names: BTreeSet<&str> = seed.mounts.iter().map(mount_name).collect();
        assert_eq!(names.len(), seed.mounts.len());
    }
}
