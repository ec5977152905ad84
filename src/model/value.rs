//! Typed, validated values: the only way raw text becomes part of a `Config`.
//!
//! Each type here has a `parse` that either returns a value that is safe to print
//! unquoted in a shell command, a Dockerfile, a `sed` expression and a Makefile,
//! or a `Problem` whose sentence the user sees next to the field. Nothing in this
//! module may accept a character that any of those four languages treats
//! specially; the generators rely on that and never quote.

use std::fmt;

/// Why a raw value was refused, as one sentence for the person who typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem(pub String);

impl Problem {
    pub fn new(sentence: impl Into<String>) -> Problem {
        Problem(sentence.into())
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An absolute, normalised directory or file path made only of `[A-Za-z0-9._-]`
/// segments, never `/` itself and never inside the kernel's pseudo filesystems.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AbsPath(String);

/// The longest path we accept; Linux allows more, nobody types more.
pub const MAX_PATH_LEN: usize = 200;

impl AbsPath {
    pub fn parse(raw: &str) -> Result<AbsPath, Problem> {
        let path = raw.trim();
        if path.is_empty() {
            return Err(Problem::new("Enter a path, for example /tmp/cache."));
        }
        if let Some(bad) = path.chars().find(|c| !is_path_char(*c)) {
            return Err(Problem::new(format!(
                "{} is not allowed in a path: use letters, digits, '.', '_', '-' and '/'.",
                describe_char(bad)
            )));
        }
        if !path.starts_with('/') {
            return Err(Problem::new("The path must be absolute: start it with /."));
        }
        if path == "/" {
            return Err(Problem::new("The whole root cannot be writable: name a directory."));
        }
        if path.len() > MAX_PATH_LEN {
            return Err(Problem::new(format!(
                "The path is longer than {MAX_PATH_LEN} characters."
            )));
        }
        if path.ends_with('/') {
            return Err(Problem::new("Remove the trailing /."));
        }
        for segment in path[1..].split('/') {
            match segment {
                "" => return Err(Problem::new("The path has an empty part (//).")),
                "." | ".." => {
                    return Err(Problem::new("The path must not contain . or .. parts."));
                }
                s if s.starts_with('-') => {
                    return Err(Problem::new("No part of the path may start with '-'."));
                }
                _ => {}
            }
        }
        for system in ["/proc", "/sys", "/dev"] {
            if path == system || path.starts_with(&format!("{system}/")) {
                return Err(Problem::new(format!(
                    "{system} belongs to the kernel and the container runtime; choose another path."
                )));
            }
        }
        Ok(AbsPath(path.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// For paths built in code from valid parts; checked in debug builds only.
    pub(crate) fn from_trusted(path: String) -> AbsPath {
        debug_assert_eq!(AbsPath::parse(&path).as_ref(), Ok(&AbsPath(path.clone())));
        AbsPath(path)
    }

    /// The directory holding this path; `None` only for a top-level entry's parent `/`.
    pub fn parent(&self) -> Option<AbsPath> {
        let cut = self.0.rfind('/')?;
        (cut > 0).then(|| AbsPath(self.0[..cut].to_string()))
    }

    /// This path with one more validated segment appended.
    pub fn join(&self, segment: &str) -> AbsPath {
        debug_assert!(!segment.is_empty() && segment.chars().all(is_segment_char));
        AbsPath(format!("{}/{segment}", self.0))
    }

    /// True when `self` is `other` or lies below it.
    pub fn is_within(&self, other: &AbsPath) -> bool {
        self.0 == other.0
            || (self.0.starts_with(&other.0) && self.0.as_bytes().get(other.0.len()) == Some(&b'/'))
    }

    /// Every proper ancestor, nearest first, excluding `/`.
    pub fn ancestors(&self) -> impl Iterator<Item = AbsPath> + '_ {
        std::iter::successors(self.parent(), AbsPath::parent)
    }
}

impl fmt::Display for AbsPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn is_segment_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')
}

fn is_path_char(c: char) -> bool {
    is_segment_char(c) || c == '/'
}

/// Names a refused character so that invisible ones (space, newline) are readable.
fn describe_char(c: char) -> String {
    match c {
        ' ' => "A space".to_string(),
        '\n' | '\r' => "A line break".to_string(),
        '\t' => "A tab".to_string(),
        c if c.is_control() => format!("The control character U+{:04X}", c as u32),
        c => format!("'{c}'"),
    }
}

/// The unit of a tmpfs size as Docker reads it: binary multiples.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    B,
    K,
    M,
    G,
}

impl Unit {
    pub const ALL: [Unit; 4] = [Unit::B, Unit::K, Unit::M, Unit::G];

    pub fn factor(self) -> u64 {
        match self {
            Unit::B => 1,
            Unit::K => 1 << 10,
            Unit::M => 1 << 20,
            Unit::G => 1 << 30,
        }
    }

    /// The suffix Docker accepts and we print (`b` is written as no suffix).
    pub fn suffix(self) -> &'static str {
        match self {
            Unit::B => "",
            Unit::K => "k",
            Unit::M => "m",
            Unit::G => "g",
        }
    }

    pub fn parse(raw: &str) -> Option<Unit> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "" | "b" => Some(Unit::B),
            "k" | "kb" | "kib" => Some(Unit::K),
            "m" | "mb" | "mib" => Some(Unit::M),
            "g" | "gb" | "gib" => Some(Unit::G),
            _ => None,
        }
    }
}

/// A tmpfs size: a positive amount of a binary unit, at most `Size::MAX_BYTES`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Size {
    amount: u64,
    unit: Unit,
}

impl Size {
    /// 16 GiB: more than any nginx scratch directory needs, and far below the
    /// point where a typo (`9999g`) would ask a host for more memory than it has.
    pub const MAX_BYTES: u64 = 16 << 30;
    /// Below one page a tmpfs holds nothing; the kernel rounds up anyway.
    pub const MIN_BYTES: u64 = 4096;

    pub fn new(amount: u64, unit: Unit) -> Result<Size, Problem> {
        if amount == 0 {
            return Err(Problem::new("The size must be more than 0."));
        }
        let bytes = amount.saturating_mul(unit.factor());
        if bytes > Size::MAX_BYTES {
            return Err(Problem::new("The size must be at most 16g."));
        }
        if bytes < Size::MIN_BYTES {
            return Err(Problem::new("The size must be at least 4k (one memory page)."));
        }
        Ok(Size { amount, unit })
    }

    /// For constants built in code; their tests check them with `Size::new`.
    pub(crate) const fn from_trusted(amount: u64, unit: Unit) -> Size {
        Size { amount, unit }
    }

    /// Reads `2m`, `512k`, `1G`, `4096`, `2 MiB` the way `docker run` does.
    pub fn parse(raw: &str) -> Result<Size, Problem> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(Problem::new("Enter a size, for example 2m."));
        }
        if text.starts_with('-') {
            return Err(Problem::new("The size must be more than 0."));
        }
        let digits_end = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
        let (digits, suffix) = text.split_at(digits_end);
        if digits.is_empty() {
            return Err(Problem::new("Start the size with a whole number, for example 2m."));
        }
        let Some(unit) = Unit::parse(suffix) else {
            return Err(Problem::new("Use a whole number with k, m or g, for example 512k or 2m."));
        };
        let Ok(amount) = digits.parse::<u64>() else {
            return Err(Problem::new("The size must be at most 16g."));
        };
        Size::new(amount, unit)
    }

    /// Any byte count in the largest binary unit that divides it, as Docker
    /// writes sizes: `11m`, `1536k`, `4097`.
    pub fn describe_bytes(bytes: u64) -> String {
        [(1u64 << 30, "g"), (1 << 20, "m"), (1 << 10, "k")]
            .into_iter()
            .find(|(factor, _)| bytes >= *factor && bytes % factor == 0)
            .map_or(bytes.to_string(), |(factor, unit)| format!("{}{unit}", bytes / factor))
    }

    pub fn amount(self) -> u64 {
        self.amount
    }

    pub fn unit(self) -> Unit {
        self.unit
    }

    pub fn bytes(self) -> u64 {
        self.amount * self.unit.factor()
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.amount, self.unit.suffix())
    }
}

/// A TCP port, 1 to 65535.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Port(u16);

impl Port {
    pub fn new(number: u16) -> Result<Port, Problem> {
        if number == 0 {
            return Err(Problem::new("The port must be between 1 and 65535."));
        }
        Ok(Port(number))
    }

    pub fn parse(raw: &str) -> Result<Port, Problem> {
        let text = raw.trim();
        if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit()) {
            return Err(Problem::new("The port must be a whole number between 1 and 65535."));
        }
        match text.parse::<u16>() {
            Ok(n) => Port::new(n),
            Err(_) => Err(Problem::new("The port must be between 1 and 65535.")),
        }
    }

    pub fn get(self) -> u16 {
        self.0
    }
}

impl fmt::Display for Port {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A CPU limit as `docker run --cpus` takes it: 0.01 to 256 CPUs in steps of 0.01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cpus(u32);

impl Cpus {
    /// The most we accept; the daemon also refuses more than the host has.
    pub const MAX_HUNDREDTHS: u32 = 256 * 100;

    /// `hundredths` of a CPU: 50 is half a CPU, 100 one CPU.
    pub fn from_hundredths(hundredths: u32) -> Result<Cpus, Problem> {
        if hundredths == 0 || hundredths > Cpus::MAX_HUNDREDTHS {
            return Err(Problem::new("The CPU limit must be between 0.01 and 256."));
        }
        Ok(Cpus(hundredths))
    }

    /// Reads `1`, `0.5` or `1.25`: a decimal number with at most two decimals.
    pub fn parse(raw: &str) -> Result<Cpus, Problem> {
        let text = raw.trim();
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(fraction) || text.ends_with('.') {
            return Err(Problem::new("Write the CPU limit as a number, for example 1 or 0.5."));
        }
        if fraction.len() > 2 {
            return Err(Problem::new(
                "The CPU limit takes at most two decimals, for example 0.25.",
            ));
        }
        let Ok(whole) = whole.parse::<u32>() else {
            return Err(Problem::new("The CPU limit must be between 0.01 and 256."));
        };
        let fraction = format!("{fraction:0<2}").parse::<u32>().unwrap_or(0);
        Cpus::from_hundredths(whole.saturating_mul(100).saturating_add(fraction))
    }

    pub fn hundredths(self) -> u32 {
        self.0
    }
}

impl fmt::Display for Cpus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, fraction) = (self.0 / 100, self.0 % 100);
        match fraction {
            0 => write!(f, "{whole}"),
            n if n % 10 == 0 => write!(f, "{whole}.{}", n / 10),
            n => write!(f, "{whole}.{n:02}"),
        }
    }
}

/// A limit on the processes and threads in the container (`--pids-limit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PidsLimit(u32);

impl PidsLimit {
    /// nginx's master and one worker.
    pub const MIN: u32 = 2;
    /// Linux's default `pid_max`: a higher limit limits nothing.
    pub const MAX: u32 = 32768;

    pub fn new(n: u32) -> Result<PidsLimit, Problem> {
        check_count(
            n,
            (PidsLimit::MIN, PidsLimit::MAX),
            "The PIDs limit",
            "nginx needs its master and one worker.",
        )
        .map(PidsLimit)
    }

    pub fn parse(raw: &str) -> Result<PidsLimit, Problem> {
        PidsLimit::new(parse_whole(raw, "The PIDs limit", "128")?)
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

impl fmt::Display for PidsLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// How often `--restart=on-failure:N` restarts a container that keeps failing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RestartRetries(u32);

impl RestartRetries {
    /// Docker reads `on-failure:0` as "retry forever", so the bound starts at 1.
    pub const MIN: u32 = 1;
    pub const MAX: u32 = 100;

    pub fn new(n: u32) -> Result<RestartRetries, Problem> {
        check_count(
            n,
            (RestartRetries::MIN, RestartRetries::MAX),
            "The retry count",
            "Docker reads 0 as retry forever.",
        )
        .map(RestartRetries)
    }

    pub fn parse(raw: &str) -> Result<RestartRetries, Problem> {
        RestartRetries::new(parse_whole(raw, "The retry count", "5")?)
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

impl fmt::Display for RestartRetries {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A whole number as typed; anything else is refused with an example.
fn parse_whole(raw: &str, what: &str, example: &str) -> Result<u32, Problem> {
    let text = raw.trim();
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit()) {
        return Err(Problem::new(format!("{what} must be a whole number, for example {example}.")));
    }
    // Only an overflow fails here, and that is above any maximum.
    Ok(text.parse::<u32>().unwrap_or(u32::MAX))
}

fn check_count(n: u32, (min, max): (u32, u32), what: &str, why_min: &str) -> Result<u32, Problem> {
    if n < min {
        return Err(Problem::new(format!("{what} must be at least {min}: {why_min}")));
    }
    if n > max {
        return Err(Problem::new(format!("{what} must be at most {max}.")));
    }
    Ok(n)
}

/// A container name as Docker accepts it: `[a-zA-Z0-9][a-zA-Z0-9_.-]*`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ContainerName(String);

impl ContainerName {
    pub const MAX_LEN: usize = 128;

    pub fn parse(raw: &str) -> Result<ContainerName, Problem> {
        let name = raw.trim();
        let mut chars = name.chars();
        let Some(first) = chars.next() else {
            return Err(Problem::new("Enter a container name, for example nginx-secure."));
        };
        if !first.is_ascii_alphanumeric() {
            return Err(Problem::new("A container name must start with a letter or a digit."));
        }
        if let Some(bad) = chars.find(|c| !(c.is_ascii_alphanumeric() || "_.-".contains(*c))) {
            return Err(Problem::new(format!(
                "{} is not allowed in a container name: use letters, digits, '_', '.' and '-'.",
                describe_char(bad)
            )));
        }
        if name.len() > ContainerName::MAX_LEN {
            return Err(Problem::new("A container name must be at most 128 characters."));
        }
        Ok(ContainerName(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ContainerName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An image reference by Docker's grammar: `[host[:port]/]path[:tag][@sha256:hex]`,
/// with lowercase path components.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImageRef {
    text: String,
    has_tag: bool,
    has_digest: bool,
    tag_start: usize,
}

impl ImageRef {
    pub fn parse(raw: &str) -> Result<ImageRef, Problem> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(Problem::new("Enter an image name, for example nginx-secure."));
        }
        if let Some(bad) =
            text.chars().find(|c| !(c.is_ascii_alphanumeric() || "/:._-@".contains(*c)))
        {
            return Err(Problem::new(format!(
                "{} is not allowed in an image name.",
                describe_char(bad)
            )));
        }
        let (name_and_tag, digest) = match text.split_once('@') {
            Some((left, digest)) => (left, Some(digest)),
            None => (text, None),
        };
        if let Some(digest) = digest {
            let hex = digest.strip_prefix("sha256:").unwrap_or("");
            if hex.len() != 64
                || !hex.chars().all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
            {
                return Err(Problem::new(
                    "A digest must be sha256: followed by 64 lowercase hex digits.",
                ));
            }
        }
        // A colon after the last slash starts the tag; an earlier one is a registry port.
        let last_slash = name_and_tag.rfind('/').map_or(0, |i| i + 1);
        let (name, tag) = match name_and_tag[last_slash..].find(':') {
            Some(i) => (&name_and_tag[..last_slash + i], Some(&name_and_tag[last_slash + i + 1..])),
            None => (name_and_tag, None),
        };
        if let Some(tag) = tag {
            check_tag(tag)?;
        }
        check_name(name)?;
        if name.len() > 255 {
            return Err(Problem::new("An image name must be at most 255 characters."));
        }
        Ok(ImageRef {
            text: text.to_string(),
            has_tag: tag.is_some(),
            has_digest: digest.is_some(),
            tag_start: name.len(),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The repository part, without tag or digest.
    pub fn name(&self) -> &str {
        &self.text[..self.tag_start]
    }

    /// The tag, if one was written.
    pub fn tag(&self) -> Option<&str> {
        if !self.has_tag {
            return None;
        }
        let rest = &self.text[self.tag_start + 1..];
        Some(rest.split('@').next().unwrap_or(rest))
    }

    pub fn has_digest(&self) -> bool {
        self.has_digest
    }

    /// Pinned means a digest, or a tag other than `latest`.
    pub fn is_pinned(&self) -> bool {
        self.has_digest || self.tag().is_some_and(|t| t != "latest")
    }
}

impl fmt::Display for ImageRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

fn check_tag(tag: &str) -> Result<(), Problem> {
    let ok = !tag.is_empty()
        && tag.len() <= 128
        && tag.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c));
    if ok {
        Ok(())
    } else {
        Err(Problem::new(
            "A tag uses letters, digits, '_', '.' and '-', starts with a letter, digit or '_', \
             and is at most 128 characters.",
        ))
    }
}

fn check_name(name: &str) -> Result<(), Problem> {
    let mut parts: Vec<&str> = name.split('/').collect();
    let first = parts[0];
    let is_domain = parts.len() > 1 && (first.contains(['.', ':']) || first == "localhost");
    if is_domain {
        check_domain(first)?;
        parts.remove(0);
    }
    for part in parts {
        check_path_component(part)?;
    }
    Ok(())
}

fn check_domain(domain: &str) -> Result<(), Problem> {
    let (host, port) = match domain.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (domain, None),
    };
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if !host.split('.').all(label_ok) {
        return Err(Problem::new(format!("{host} is not a valid registry host name.")));
    }
    if let Some(port) = port {
        if port.is_empty() || !port.chars().all(|c| c.is_ascii_digit()) {
            return Err(Problem::new("A registry port must be a number."));
        }
    }
    Ok(())
}

/// A path component: `[a-z0-9]+` runs joined by `.`, `_`, `__` or runs of `-`.
fn check_path_component(part: &str) -> Result<(), Problem> {
    if part.is_empty() {
        return Err(Problem::new(
            "An image name must not have an empty part (// or a trailing /).",
        ));
    }
    if part.chars().any(|c| c.is_ascii_uppercase()) {
        return Err(Problem::new("Docker image names must be lowercase."));
    }
    let bytes = part.as_bytes();
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let mut i = 0;
    let mut previous_was_alnum = false;
    while i < bytes.len() {
        if alnum(bytes[i]) {
            previous_was_alnum = true;
            i += 1;
            continue;
        }
        // A separator must sit between two alphanumeric runs.
        let start = i;
        while i < bytes.len() && !alnum(bytes[i]) {
            i += 1;
        }
        let sep = &part[start..i];
        let valid_sep = matches!(sep, "." | "_" | "__") || sep.bytes().all(|b| b == b'-');
        if !previous_was_alnum || i == bytes.len() || !valid_sep || sep.contains(':') {
            return Err(Problem::new(format!(
                "'{part}' is not a valid image name part: use lowercase letters and digits, \
                 joined by '.', '_', '__' or '-'."
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One line a case: input, and `Ok(printed)` or the start of the problem sentence.
    fn check<T: fmt::Display>(parse: fn(&str) -> Result<T, Problem>, cases: &[(&str, &str)]) {
        for (input, expected) in cases {
            let got = match parse(input) {
                Ok(v) => format!("ok {v}"),
                Err(p) => format!("err {p}"),
            };
            assert!(got.starts_with(expected), "input {input:?}: got {got:?}, want {expected:?}");
        }
    }

    #[test]
    fn paths() {
        check(
            AbsPath::parse,
            &[
                ("/tmp/nginx", "ok /tmp/nginx"),
                ("  /tmp/cache  ", "ok /tmp/cache"),
                ("/var/cache/nginx-1.2_x", "ok /var/cache/nginx-1.2_x"),
                ("tmp/x", "err The path must be absolute"),
                ("", "err Enter a path"),
                ("/", "err The whole root"),
                ("/tmp/", "err Remove the trailing"),
                ("/tmp//x", "err The path has an empty part"),
                ("/tmp/../etc", "err The path must not contain . or .."),
                ("/tmp/./x", "err The path must not contain . or .."),
                ("/tmp/x;rm -rf /", "err ';' is not allowed"),
                ("/tmp/$(id)", "err '$' is not allowed"),
                ("/tmp/`id`", "err '`' is not allowed"),
                ("/tmp/a b", "err A space is not allowed"),
                ("/tmp/a\nb", "err A line break is not allowed"),
                ("/tmp/a'b", "err ''' is not allowed"),
                ("/tmp/a\"b", "err '\"' is not allowed"),
                ("/tmp/a,b", "err ',' is not allowed"),
                ("/tmp/naïve", "err 'ï' is not allowed"),
                ("/tmp/\u{7}", "err The control character U+0007"),
                ("/proc", "err /proc belongs to the kernel"),
                ("/proc/self", "err /proc belongs"),
                ("/sys", "err /sys belongs"),
                ("/dev", "err /dev belongs"),
                ("/device", "ok /device"),
                ("/tmp/-rf", "err No part of the path may start with '-'"),
            ],
        );
        let long = format!("/{}", "a".repeat(MAX_PATH_LEN));
        assert!(AbsPath::parse(&long).is_err());
    }

    #[test]
    fn path_relations() {
        let p = AbsPath::parse("/tmp/nginx/nginx.pid").unwrap();
        assert_eq!(p.parent().unwrap().as_str(), "/tmp/nginx");
        let names: Vec<_> = p.ancestors().map(|a| a.0).collect();
        assert_eq!(names, ["/tmp/nginx", "/tmp"]);
        let tmp = AbsPath::parse("/tmp").unwrap();
        assert!(p.is_within(&tmp));
        assert!(tmp.is_within(&tmp));
        assert!(!AbsPath::parse("/tmpx").unwrap().is_within(&tmp));
        assert_eq!(tmp.parent(), None);
    }

    #[test]
    fn sizes() {
        check(
            Size::parse,
            &[
                ("2m", "ok 2m"),
                ("2M", "ok 2m"),
                ("2mb", "ok 2m"),
                ("2MiB", "ok 2m"),
                (" 512k ", "ok 512k"),
                ("1g", "ok 1g"),
                ("16g", "ok 16g"),
                ("4096", "ok 4096"),
                ("4096b", "ok 4096"),
                ("0", "err The size must be more than 0"),
                ("0m", "err The size must be more than 0"),
                ("-1m", "err The size must be more than 0"),
                ("9999g", "err The size must be at most 16g"),
                ("17g", "err The size must be at most 16g"),
                ("99999999999999999999999m", "err The size must be at most 16g"),
                ("1", "err The size must be at least 4k"),
                ("", "err Enter a size"),
                ("m", "err Start the size with a whole number"),
                ("1.5m", "err Use a whole number with k, m or g"),
                ("2t", "err Use a whole number with k, m or g"),
                ("2m;id", "err Use a whole number"),
                ("２m", "err Start the size"),
            ],
        );
        assert_eq!(Size::parse("2m").unwrap().bytes(), 2 * 1024 * 1024);
        let described = [11 << 20, 1 << 30, 1536 << 10, 4097, 0].map(Size::describe_bytes);
        assert_eq!(described, ["11m", "1g", "1536k", "4097", "0"]);
    }

    #[test]
    fn ports() {
        check(
            Port::parse,
            &[
                ("8080", "ok 8080"),
                ("1", "ok 1"),
                ("65535", "ok 65535"),
                ("0", "err The port must be between 1 and 65535"),
                ("65536", "err The port must be between 1 and 65535"),
                ("-1", "err The port must be a whole number"),
                ("80a", "err The port must be a whole number"),
                ("", "err The port must be a whole number"),
            ],
        );
    }

    #[test]
    fn cpus() {
        check(
            Cpus::parse,
            &[
                ("1", "ok 1"),
                ("0.5", "ok 0.5"),
                (" 1.25 ", "ok 1.25"),
                ("0.05", "ok 0.05"),
                ("2.50", "ok 2.5"),
                ("256", "ok 256"),
                ("0.01", "ok 0.01"),
                ("0", "err The CPU limit must be between 0.01 and 256"),
                ("0.00", "err The CPU limit must be between 0.01 and 256"),
                ("257", "err The CPU limit must be between 0.01 and 256"),
                ("99999999999", "err The CPU limit must be between 0.01 and 256"),
                ("0.001", "err The CPU limit takes at most two decimals"),
                ("", "err Write the CPU limit as a number"),
                (".5", "err Write the CPU limit as a number"),
                ("1.", "err Write the CPU limit as a number"),
                ("-1", "err Write the CPU limit as a number"),
                ("1e3", "err Write the CPU limit as a number"),
                ("1,5", "err Write the CPU limit as a number"),
                ("1;id", "err Write the CPU limit as a number"),
                ("$(nproc)", "err Write the CPU limit as a number"),
                ("１", "err Write the CPU limit as a number"),
            ],
        );
        assert_eq!(Cpus::parse("1.5").unwrap().hundredths(), 150);
    }

    #[test]
    fn pids_limits() {
        check(
            PidsLimit::parse,
            &[
                ("128", "ok 128"),
                (" 2 ", "ok 2"),
                ("32768", "ok 32768"),
                ("1", "err The PIDs limit must be at least 2: nginx needs its master"),
                ("0", "err The PIDs limit must be at least 2"),
                ("32769", "err The PIDs limit must be at most 32768."),
                ("99999999999999", "err The PIDs limit must be at most 32768."),
                ("-1", "err The PIDs limit must be a whole number, for example 128."),
                ("", "err The PIDs limit must be a whole number"),
                ("64 ;reboot", "err The PIDs limit must be a whole number"),
            ],
        );
    }

    #[test]
    fn restart_retries() {
        check(
            RestartRetries::parse,
            &[
                ("5", "ok 5"),
                ("1", "ok 1"),
                ("100", "ok 100"),
                ("0", "err The retry count must be at least 1: Docker reads 0 as retry forever."),
                ("101", "err The retry count must be at most 100."),
                ("always", "err The retry count must be a whole number, for example 5."),
                ("5\n", "ok 5"),
                ("5\nid", "err The retry count must be a whole number"),
            ],
        );
    }

    #[test]
    fn container_names() {
        check(
            ContainerName::parse,
            &[
                ("nginx-secure", "ok nginx-secure"),
                ("Web.1_a-b", "ok Web.1_a-b"),
                ("-x", "err A container name must start with a letter or a digit"),
                (".x", "err A container name must start"),
                ("a b", "err A space is not allowed in a container name"),
                ("a;b", "err ';' is not allowed in a container name"),
                ("a$(id)", "err '$' is not allowed"),
                ("", "err Enter a container name"),
                ("é", "err A container name must start"),
            ],
        );
    }

    #[test]
    fn image_refs() {
        check(
            ImageRef::parse,
            &[
                ("nginx-secure", "ok nginx-secure"),
                ("nginxinc/nginx-unprivileged:1.30.0-bookworm", "ok nginxinc/nginx-unprivileged"),
                ("gcr.io/distroless/base-debian12:nonroot", "ok gcr.io/distroless/base-debian12"),
                ("localhost:5000/team/app:v1", "ok localhost:5000/team/app:v1"),
                ("reaandrew/nginx-secure", "ok reaandrew/nginx-secure"),
                ("a__b/c.d/e--f", "ok a__b/c.d/e--f"),
                ("Nginx", "err Docker image names must be lowercase"),
                ("my image", "err A space is not allowed in an image name"),
                ("app:", "err A tag uses"),
                ("app:-x", "err A tag uses"),
                ("app/", "err An image name must not have an empty part"),
                ("a..b", "err 'a..b' is not a valid image name part"),
                ("-a", "err '-a' is not a valid image name part"),
                ("a-", "err 'a-' is not a valid image name part"),
                ("app@sha256:abc", "err A digest must be"),
                ("app;rm", "err ';' is not allowed"),
                ("$(id)", "err '$' is not allowed"),
            ],
        );
        let pinned = ImageRef::parse("gcr.io/distroless/base-debian12:nonroot").unwrap();
        assert_eq!(pinned.name(), "gcr.io/distroless/base-debian12");
        assert_eq!(pinned.tag(), Some("nonroot"));
        assert!(pinned.is_pinned());
        assert!(!ImageRef::parse("nginx:latest").unwrap().is_pinned());
        assert!(!ImageRef::parse("nginx").unwrap().is_pinned());
        let digest = format!("nginx@sha256:{}", "a".repeat(64));
        let by_digest = ImageRef::parse(&digest).unwrap();
        assert!(by_digest.is_pinned() && by_digest.has_digest());
        assert_eq!(by_digest.name(), "nginx");
    }
}
