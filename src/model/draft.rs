//! Raw input as typed (`Draft`) and the single step that turns it into a `Config`.
//!
//! The form, the share-link decoder and the CLI all hold text here; `validate`
//! is the only door into `Config`. It reports every problem at once, each tied
//! to the field it belongs to, so the UI can show it next to that field. It must
//! never panic, whatever the text.

use std::fmt;

use super::hardening::{self, Hardening, HardeningOption, MIN_MEMORY_BYTES};
use super::value::{
    AbsPath, ContainerName, Cpus, ImageRef, PidsLimit, Port, Problem, RestartRetries, Size,
};
use super::{Config, Mount};

/// A form field, so a problem can be shown where it was typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    BuildImage,
    FinalImage,
    ImageName,
    ContainerName,
    HostPort,
    ContainerPort,
    PidFile,
    TempRoot,
    MountPath(usize),
    MountSize(usize),
    Memory,
    Cpus,
    PidsLimit,
    RestartRetries,
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::BuildImage => f.write_str("build image"),
            Field::FinalImage => f.write_str("final image"),
            Field::ImageName => f.write_str("image name"),
            Field::ContainerName => f.write_str("container name"),
            Field::HostPort => f.write_str("host port"),
            Field::ContainerPort => f.write_str("container port"),
            Field::PidFile => f.write_str("PID file"),
            Field::TempRoot => f.write_str("shared temp directory"),
            Field::MountPath(i) => write!(f, "writable directory {}", i + 1),
            Field::MountSize(i) => write!(f, "size of writable directory {}", i + 1),
            Field::Memory => f.write_str("memory limit"),
            Field::Cpus => f.write_str("CPU limit"),
            Field::PidsLimit => f.write_str("PIDs limit"),
            Field::RestartRetries => f.write_str("restart retries"),
        }
    }
}

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.problem)
    }
}

/// A writable directory as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftMount {
    pub path: String,
    pub size: String,
    pub enabled: bool,
}

/// A limit as typed: a switch, and the text it keeps while switched off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftLimit {
    pub enabled: bool,
    pub value: String,
}

impl DraftLimit {
    /// On with `value`, or off with `suggestion` ready for when it is switched on.
    fn from_option(value: Option<impl ToString>, suggestion: impl ToString) -> DraftLimit {
        match value {
            Some(v) => DraftLimit { enabled: true, value: v.to_string() },
            None => DraftLimit { enabled: false, value: suggestion.to_string() },
        }
    }
}

/// The run command's safeguards as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftHardening {
    pub read_only_root: bool,
    pub drop_capabilities: bool,
    pub no_new_privileges: bool,
    pub tmpfs_noexec: bool,
    pub numeric_user: bool,
    pub memory: DraftLimit,
    pub cpus: DraftLimit,
    pub pids_limit: DraftLimit,
    pub restart_retries: DraftLimit,
}

impl From<&Hardening> for DraftHardening {
    fn from(h: &Hardening) -> DraftHardening {
        DraftHardening {
            read_only_root: h.read_only_root,
            drop_capabilities: h.drop_capabilities,
            no_new_privileges: h.no_new_privileges,
            tmpfs_noexec: h.tmpfs_noexec,
            numeric_user: h.numeric_user,
            memory: DraftLimit::from_option(h.memory, hardening::SUGGESTED_MEMORY),
            cpus: DraftLimit::from_option(h.cpus, hardening::suggested_cpus()),
            pids_limit: DraftLimit::from_option(h.pids_limit, hardening::suggested_pids()),
            restart_retries: DraftLimit::from_option(
                h.restart_retries,
                hardening::suggested_retries(),
            ),
        }
    }
}

impl DraftHardening {
    /// Whether `option` is switched on (for a limit: whether it is set).
    pub fn switch(&self, option: HardeningOption) -> bool {
        match option {
            HardeningOption::ReadOnlyRoot => self.read_only_root,
            HardeningOption::DropCapabilities => self.drop_capabilities,
            HardeningOption::NoNewPrivileges => self.no_new_privileges,
            HardeningOption::TmpfsNoexec => self.tmpfs_noexec,
            HardeningOption::NumericUser => self.numeric_user,
            HardeningOption::Memory
            | HardeningOption::Cpus
            | HardeningOption::PidsLimit
            | HardeningOption::Restart => {
                self.limit(option).is_some_and(|(limit, _)| limit.enabled)
            }
        }
    }

    /// Switches `option` on or off; a limit keeps its typed value either way.
    pub fn set_switch(&mut self, option: HardeningOption, on: bool) {
        match option {
            HardeningOption::ReadOnlyRoot => self.read_only_root = on,
            HardeningOption::DropCapabilities => self.drop_capabilities = on,
            HardeningOption::NoNewPrivileges => self.no_new_privileges = on,
            HardeningOption::TmpfsNoexec => self.tmpfs_noexec = on,
            HardeningOption::NumericUser => self.numeric_user = on,
            HardeningOption::Memory => self.memory.enabled = on,
            HardeningOption::Cpus => self.cpus.enabled = on,
            HardeningOption::PidsLimit => self.pids_limit.enabled = on,
            HardeningOption::Restart => self.restart_retries.enabled = on,
        }
    }

    /// A limit's typed value and the field its problems are reported on;
    /// `None` for the options that are plain switches.
    pub fn limit(&self, option: HardeningOption) -> Option<(&DraftLimit, Field)> {
        match option {
            HardeningOption::Memory => Some((&self.memory, Field::Memory)),
            HardeningOption::Cpus => Some((&self.cpus, Field::Cpus)),
            HardeningOption::PidsLimit => Some((&self.pids_limit, Field::PidsLimit)),
            HardeningOption::Restart => Some((&self.restart_retries, Field::RestartRetries)),
            HardeningOption::ReadOnlyRoot
            | HardeningOption::DropCapabilities
            | HardeningOption::NoNewPrivileges
            | HardeningOption::TmpfsNoexec
            | HardeningOption::NumericUser => None,
        }
    }

    /// A limit's typed value, to edit; `None` for the options that are plain switches.
    pub fn limit_mut(&mut self, option: HardeningOption) -> Option<&mut DraftLimit> {
        match option {
            HardeningOption::Memory => Some(&mut self.memory),
            HardeningOption::Cpus => Some(&mut self.cpus),
            HardeningOption::PidsLimit => Some(&mut self.pids_limit),
            HardeningOption::Restart => Some(&mut self.restart_retries),
            HardeningOption::ReadOnlyRoot
            | HardeningOption::DropCapabilities
            | HardeningOption::NoNewPrivileges
            | HardeningOption::TmpfsNoexec
            | HardeningOption::NumericUser => None,
        }
    }

    /// The safeguards, or `None` with every problem recorded. Never panics.
    fn validate(&self, errors: &mut Vec<FieldError>) -> Option<Hardening> {
        let before = errors.len();
        let memory = limit(errors, Field::Memory, &self.memory, memory_limit);
        let cpus = limit(errors, Field::Cpus, &self.cpus, Cpus::parse);
        let pids_limit = limit(errors, Field::PidsLimit, &self.pids_limit, PidsLimit::parse);
        let restart_retries =
            limit(errors, Field::RestartRetries, &self.restart_retries, RestartRetries::parse);
        (errors.len() == before).then(|| Hardening {
            read_only_root: self.read_only_root,
            drop_capabilities: self.drop_capabilities,
            no_new_privileges: self.no_new_privileges,
            tmpfs_noexec: self.tmpfs_noexec,
            numeric_user: self.numeric_user,
            memory: memory.flatten(),
            cpus: cpus.flatten(),
            pids_limit: pids_limit.flatten(),
            restart_retries: restart_retries.flatten(),
        })
    }
}

/// The whole form as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub build_image: String,
    pub final_image: String,
    pub image_name: String,
    pub container_name: String,
    pub host_port: String,
    pub container_port: String,
    pub pid_file: String,
    pub consolidate: bool,
    pub temp_root: String,
    pub mounts: Vec<DraftMount>,
    pub hardening: DraftHardening,
}

impl From<&Config> for Draft {
    fn from(config: &Config) -> Draft {
        Draft {
            build_image: config.build_image.to_string(),
            final_image: config.final_image.to_string(),
            image_name: config.image_name.to_string(),
            container_name: config.container_name.to_string(),
            host_port: config.host_port.to_string(),
            container_port: config.container_port.to_string(),
            pid_file: config.pid_file.to_string(),
            consolidate: config.temp_root.is_some(),
            temp_root: config.temp_root.as_ref().unwrap_or(&config.pid_dir()).to_string(),
            mounts: config
                .mounts
                .iter()
                .map(|m| DraftMount {
                    path: m.path.to_string(),
                    size: m.size.to_string(),
                    enabled: m.enabled,
                })
                .collect(),
            hardening: DraftHardening::from(&config.hardening),
        }
    }
}

impl Default for Draft {
    fn default() -> Draft {
        Draft::from(&Config::default())
    }
}

/// The most writable directories one setup may list; a guard for links and scripts.
pub const MAX_MOUNTS: usize = 32;

impl Draft {
    /// Every problem, or the config. Never panics.
    pub fn validate(&self) -> Result<Config, Vec<FieldError>> {
        let mut errors = Vec::new();

        let build_image = take(&mut errors, Field::BuildImage, ImageRef::parse(&self.build_image));
        let final_image = take(&mut errors, Field::FinalImage, ImageRef::parse(&self.final_image));
        let image_name = take(&mut errors, Field::ImageName, ImageRef::parse(&self.image_name));
        let container_name =
            take(&mut errors, Field::ContainerName, ContainerName::parse(&self.container_name));
        let host_port = take(&mut errors, Field::HostPort, Port::parse(&self.host_port));
        let container_port =
            take(&mut errors, Field::ContainerPort, Port::parse(&self.container_port));
        let pid_file = take(
            &mut errors,
            Field::PidFile,
            AbsPath::parse(&self.pid_file).and_then(pid_file_rule),
        );
        let temp_root = if self.consolidate {
            take(&mut errors, Field::TempRoot, AbsPath::parse(&self.temp_root)).map(Some)
        } else {
            Some(None)
        };

        let mut mounts = Vec::with_capacity(self.mounts.len());
        for (i, raw) in self.mounts.iter().enumerate() {
            let path = take(&mut errors, Field::MountPath(i), AbsPath::parse(&raw.path));
            let size = take(&mut errors, Field::MountSize(i), Size::parse(&raw.size));
            let duplicate =
                path.as_ref().is_some_and(|p| mounts.iter().any(|m: &Mount| &m.path == p));
            if duplicate {
                let problem = Problem::new(format!("{} is already in the list.", raw.path.trim()));
                errors.push(FieldError { field: Field::MountPath(i), problem });
            } else if let (Some(path), Some(size)) = (path, size) {
                mounts.push(Mount { path, size, enabled: raw.enabled });
            }
        }
        let hardening = self.hardening.validate(&mut errors);
        if self.mounts.len() > MAX_MOUNTS {
            let problem = Problem::new(format!("At most {MAX_MOUNTS} writable directories."));
            errors.push(FieldError { field: Field::MountPath(MAX_MOUNTS), problem });
        }

        match (
            build_image,
            final_image,
            image_name,
            container_name,
            host_port,
            container_port,
            pid_file,
            temp_root,
            hardening,
        ) {
            (
                Some(build_image),
                Some(final_image),
                Some(image_name),
                Some(container_name),
                Some(host_port),
                Some(container_port),
                Some(pid_file),
                Some(temp_root),
                Some(hardening),
            ) if errors.is_empty() => Ok(Config {
                build_image,
                final_image,
                image_name,
                container_name,
                host_port,
                container_port,
                pid_file,
                temp_root,
                mounts,
                hardening,
            }),
            _ => Err(errors),
        }
    }
}

/// The value, or `None` with its problem recorded against `field`.
fn take<T>(errors: &mut Vec<FieldError>, field: Field, result: Result<T, Problem>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(problem) => {
            errors.push(FieldError { field, problem });
            None
        }
    }
}

/// `Some(value)` for a switched-on limit, `Some(None)` for one switched off,
/// and `None` with its problem recorded when the text is wrong.
fn limit<T>(
    errors: &mut Vec<FieldError>,
    field: Field,
    draft: &DraftLimit,
    parse: fn(&str) -> Result<T, Problem>,
) -> Option<Option<T>> {
    if !draft.enabled {
        return Some(None);
    }
    take(errors, field, parse(&draft.value)).map(Some)
}

/// A memory limit as `--memory` reads it, no less than the daemon accepts.
fn memory_limit(raw: &str) -> Result<Size, Problem> {
    let size = Size::parse(raw)?;
    if size.bytes() < MIN_MEMORY_BYTES {
        return Err(Problem::new("Docker refuses a memory limit below 6m."));
    }
    Ok(size)
}

/// The PID file needs a directory of its own: one directly under `/` could only
/// be written with the whole root writable.
fn pid_file_rule(path: AbsPath) -> Result<AbsPath, Problem> {
    if path.parent().is_none() {
        return Err(Problem::new(
            "Put the PID file in a directory of its own, for example /tmp/nginx/nginx.pid.",
        ));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors_of(edit: impl FnOnce(&mut Draft)) -> Vec<String> {
        let mut draft = Draft::default();
        edit(&mut draft);
        match draft.validate() {
            Ok(_) => vec![],
            Err(errors) => errors.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn the_default_draft_is_the_default_config() {
        assert_eq!(Draft::default().validate(), Ok(Config::default()));
    }

    #[test]
    fn each_switch_turns_exactly_its_option_on_and_off() {
        for option in HardeningOption::ALL {
            let base = Draft::default();
            let start = base.hardening.switch(option);
            let mut draft = base.clone();
            draft.hardening.set_switch(option, !start);
            assert_eq!(draft.hardening.switch(option), !start, "{option:?}");
            let config = draft.validate().expect("suggested limits are valid");
            assert_eq!(option.is_on(&config.hardening), !start, "{option:?}");
            for other in HardeningOption::ALL.into_iter().filter(|o| *o != option) {
                assert_eq!(other.is_on(&config.hardening), start_of(other), "{option:?}");
            }
            draft.hardening.set_switch(option, start);
            assert_eq!(draft, base, "{option:?} switches back without losing the value");
        }
    }

    fn start_of(option: HardeningOption) -> bool {
        option.is_on(&Config::default().hardening)
    }

    #[test]
    fn problems_name_their_field() {
        type Case = (&'static str, fn(&mut Draft), &'static str);
        let cases: &[Case] = &[
            (
                "bad size",
                |d| d.mounts[1].size = "0".into(),
                "size of writable directory 2: The size must be more than 0.",
            ),
            (
                "hostile path",
                |d| d.mounts[0].path = "/tmp/x;rm -rf /".into(),
                "writable directory 1: ';' is not allowed",
            ),
            (
                "duplicate",
                |d| d.mounts[1].path = "/tmp/proxy_temp".into(),
                "writable directory 2: /tmp/proxy_temp is already in the list.",
            ),
            (
                "pid at root",
                |d| d.pid_file = "/nginx.pid".into(),
                "PID file: Put the PID file in a directory of its own",
            ),
            (
                "port",
                |d| d.host_port = "70000".into(),
                "host port: The port must be between 1 and 65535.",
            ),
            (
                "image",
                |d| d.image_name = "Nginx".into(),
                "image name: Docker image names must be lowercase.",
            ),
            (
                "container",
                |d| d.container_name = "$(id)".into(),
                "container name: A container name must start",
            ),
            (
                "temp root",
                |d| {
                    d.consolidate = true;
                    d.temp_root = "tmp".into()
                },
                "shared temp directory: The path must be absolute",
            ),
            (
                "memory below docker's minimum",
                |d| on(&mut d.hardening.memory, "4m"),
                "memory limit: Docker refuses a memory limit below 6m.",
            ),
            (
                "memory with a shell payload",
                |d| on(&mut d.hardening.memory, "64m$(reboot)"),
                "memory limit: Use a whole number with k, m or g",
            ),
            (
                "cpus as a word",
                |d| on(&mut d.hardening.cpus, "all"),
                "CPU limit: Write the CPU limit as a number",
            ),
            (
                "cpus too precise",
                |d| on(&mut d.hardening.cpus, "0.125"),
                "CPU limit: The CPU limit takes at most two decimals",
            ),
            (
                "unlimited pids",
                |d| on(&mut d.hardening.pids_limit, "-1"),
                "PIDs limit: The PIDs limit must be a whole number",
            ),
            (
                "one pid",
                |d| on(&mut d.hardening.pids_limit, "1"),
                "PIDs limit: The PIDs limit must be at least 2",
            ),
            (
                "retry forever",
                |d| on(&mut d.hardening.restart_retries, "0"),
                "restart retries: The retry count must be at least 1: Docker reads 0 as retry forever.",
            ),
            (
                "a restart policy name instead of a count",
                |d| on(&mut d.hardening.restart_retries, "unless-stopped"),
                "restart retries: The retry count must be a whole number",
            ),
        ];
        for (name, edit, expected) in cases {
            let errors = errors_of(edit);
            assert_eq!(errors.len(), 1, "{name}: {errors:?}");
            assert!(errors[0].starts_with(expected), "{name}: {errors:?}");
        }
    }

    fn on(limit: &mut DraftLimit, value: &str) {
        limit.enabled = true;
        limit.value = value.into();
    }

    #[test]
    fn a_switched_off_limit_is_not_checked() {
        let mut draft = Draft::default();
        draft.hardening.memory.value = "nonsense".into();
        draft.hardening.cpus.value = "$(id)".into();
        assert_eq!(draft.validate(), Ok(Config::default()));
    }

    #[test]
    fn hardening_round_trips_through_the_draft() {
        let config = Config { hardening: Hardening::locked_down(), ..Config::default() };
        let draft = Draft::from(&config);
        assert_eq!(draft.hardening.memory, DraftLimit { enabled: true, value: "128m".into() });
        assert_eq!(draft.validate(), Ok(config));

        // Switched off, each limit keeps a suggestion ready for the switch.
        let blog = Draft::default().hardening;
        let suggestions = [&blog.memory, &blog.cpus, &blog.pids_limit, &blog.restart_retries]
            .map(|l| (l.enabled, l.value.as_str()));
        assert_eq!(suggestions, [(false, "128m"), (false, "1"), (false, "128"), (false, "5")]);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let errors = errors_of(|d| {
            d.host_port = "0".into();
            d.mounts[0].size = "-1m".into();
            d.mounts[2].path = "..".into();
            on(&mut d.hardening.cpus, "0");
        });
        assert_eq!(errors.len(), 4, "{errors:?}");
    }

    #[test]
    fn an_unused_temp_root_is_not_checked() {
        assert!(errors_of(|d| d.temp_root = "not a path".into()).is_empty());
    }

    #[test]
    fn too_many_mounts_are_refused() {
        let errors = errors_of(|d| {
            d.mounts = (0..=MAX_MOUNTS)
                .map(|i| DraftMount { path: format!("/m{i}"), size: "1m".into(), enabled: true })
                .collect()
        });
        assert_eq!(
            errors,
            [format!("writable directory 33: At most {MAX_MOUNTS} writable directories.")]
        );
    }
}
