//! The page's state: the form as typed, and the last configuration that was valid.
//!
//! Every edit goes through `State::apply`, which updates the `Draft` and asks
//! the engine to validate it. Outputs are always computed from `config`, the
//! last valid setup, so a half-typed value never blanks them. This module holds
//! no defaults and no cross-field rules: those belong to the engine.

use std::rc::Rc;

use crate::model::hardening::HardeningOption;
use crate::model::{AbsPath, Config, Draft, DraftMount, Field, FieldError, Unit};
use crate::{preset, score};
use web_sys::HtmlInputElement;
use yew::{Callback, Event, Reducible, TargetCast};

/// One thing the user did.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Typed into a text field (anything but a mount size).
    Text(Field, String),
    MountEnabled(usize, bool),
    /// The number part of a mount size, as typed.
    MountAmount(usize, String),
    MountUnit(usize, Unit),
    RemoveMount(usize),
    /// Typed into the add form's path field.
    NewDirText(String),
    /// The add form was submitted: its path joins the list if `AbsPath::parse`
    /// takes it, or the form shows why not.
    AddNewDir,
    Consolidate(bool),
    /// The shared temp directory field lost focus or was submitted.
    CommitTempRoot,
    /// A hardening switch (for a limit, whether it is set).
    Harden(HardeningOption, bool),
    /// The "Fix" button of a failed score rule, by rule id.
    Fix(&'static str),
    /// One of the teaching presets, by name.
    Preset(&'static str),
    /// A whole setup from elsewhere: a link, or the saved draft the user chose.
    Load(Config),
    /// Back to the defaults, keeping the setup before for `Undo`.
    Reset,
    Undo,
}

/// A checkbox's `onchange`: sends `action(checked)`.
pub fn on_checked(
    on_action: &Callback<Action>,
    action: impl Fn(bool) -> Action + 'static,
) -> Callback<Event> {
    let on_action = on_action.clone();
    Callback::from(move |e: Event| {
        on_action.emit(action(e.target_unchecked_into::<HtmlInputElement>().checked()));
    })
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub draft: Draft,
    /// The last valid configuration: what every output shows.
    pub config: Config,
    /// Problems with `draft`; empty when `draft` is `config`.
    pub errors: Vec<FieldError>,
    /// The setup before the last "Reset to defaults", until the next change.
    pub undo: Option<Config>,
    /// The add form as typed; kept through every other action.
    pub new_dir: NewDir,
}

/// The "Add directory" form: the path as typed and why it was refused.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewDir {
    pub text: String,
    pub error: Option<String>,
}

impl State {
    pub fn new(config: Config) -> State {
        State {
            draft: Draft::from(&config),
            config,
            errors: Vec::new(),
            undo: None,
            new_dir: NewDir::default(),
        }
    }

    /// True while the outputs show an older setup than the form.
    pub fn is_stale(&self) -> bool {
        !self.errors.is_empty()
    }

    /// The engine's sentence for `field`, if it has a problem.
    pub fn error(&self, field: Field) -> Option<String> {
        error_in(&self.errors, field)
    }

    pub fn apply(&self, action: Action) -> State {
        match action {
            Action::NewDirText(text) => {
                State { new_dir: NewDir { text, error: None }, ..self.clone() }
            }
            Action::AddNewDir => match AbsPath::parse(&self.new_dir.text) {
                Ok(path) => {
                    let mut draft = self.draft.clone();
                    let size = Config::new_mount_size().to_string();
                    draft.mounts.push(DraftMount { path: path.to_string(), size, enabled: true });
                    self.validated(draft)
                }
                Err(problem) => {
                    let text = self.new_dir.text.clone();
                    State {
                        new_dir: NewDir { text, error: Some(problem.to_string()) },
                        ..self.clone()
                    }
                }
            },
            other => State { new_dir: self.new_dir.clone(), ..self.edit(other) },
        }
    }

    /// Every action but the add form's.
    fn edit(&self, action: Action) -> State {
        let mut draft = self.draft.clone();
        match action {
            Action::Text(field, text) => set_text(&mut draft, field, text),
            Action::MountEnabled(i, on) => {
                if let Some(mount) = draft.mounts.get_mut(i) {
                    mount.enabled = on;
                }
            }
            Action::MountAmount(i, amount) => {
                if let Some(mount) = draft.mounts.get_mut(i) {
                    let (_, unit) = split_size(&mount.size);
                    mount.size = join_size(&amount, unit);
                }
            }
            Action::MountUnit(i, unit) => {
                if let Some(mount) = draft.mounts.get_mut(i) {
                    let (amount, _) = split_size(&mount.size);
                    mount.size = join_size(amount, unit);
                }
            }
            Action::RemoveMount(i) => {
                if i < draft.mounts.len() {
                    draft.mounts.remove(i);
                }
            }
            // The add form's actions never reach here (see `apply`).
            Action::NewDirText(_) | Action::AddNewDir => {}
            Action::Consolidate(on) => return self.with_temp_root(draft, on),
            Action::CommitTempRoot => {
                if draft.consolidate {
                    return self.with_temp_root(draft, true);
                }
            }
            Action::Harden(option, on) => draft.hardening.set_switch(option, on),
            Action::Fix(id) => {
                // A fix edits the last valid setup; while the form has problems the
                // buttons are disabled, so no typed text is dropped here.
                let mut config = self.config.clone();
                return match score::apply_fix(&mut config, id) {
                    true => State::new(config),
                    false => self.clone(),
                };
            }
            Action::Load(config) => return State::new(config),
            Action::Reset => {
                // The draft may hold typed but invalid text; undo brings back the
                // last valid setup, which is what every output showed.
                return State { undo: Some(self.config.clone()), ..State::new(Config::default()) };
            }
            Action::Undo => {
                return match &self.undo {
                    Some(config) => State::new(config.clone()),
                    None => self.clone(),
                };
            }
            Action::Preset(name) => {
                return match preset::find(name) {
                    Some(preset) => State::new(preset.config()),
                    None => self.clone(),
                };
            }
        }
        self.validated(draft)
    }

    /// Applies the engine's consolidate rule when the form is valid. While some
    /// field is invalid, only the switch moves, so no typing is lost.
    fn with_temp_root(&self, mut draft: Draft, on: bool) -> State {
        draft.consolidate = on;
        let Ok(mut config) = draft.validate() else {
            // FIXME: the engine's rule (which mounts the layout enables) cannot run on an
            // invalid draft; it applies once the form is valid and the switch is used again.
            return self.validated(draft);
        };
        let root = if on { config.temp_root.clone() } else { None };
        config.set_temp_root(root);
        State::new(config)
    }

    fn validated(&self, draft: Draft) -> State {
        match draft.validate() {
            Ok(config) => {
                State { draft, config, errors: Vec::new(), undo: None, new_dir: NewDir::default() }
            }
            Err(errors) => {
                let config = self.config.clone();
                State { draft, config, errors, undo: None, new_dir: NewDir::default() }
            }
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

/// The engine's sentence for `field` among `errors`, if it has a problem.
pub fn error_in(errors: &[FieldError], field: Field) -> Option<String> {
    errors.iter().find(|e| e.field == field).map(|e| e.problem.to_string())
}

/// Splits a size as typed (`2m`, `512k`, `-1m`, `4096`) into its number and unit,
/// so the number field shows exactly what was typed.
pub fn split_size(text: &str) -> (&str, Unit) {
    let amount = text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let unit = Unit::parse(&text[amount.len()..]).unwrap_or(Unit::M);
    (amount, unit)
}

fn join_size(amount: &str, unit: Unit) -> String {
    format!("{}{}", amount.trim(), unit.suffix())
}

fn set_text(draft: &mut Draft, field: Field, text: String) {
    let slot = match field {
        Field::BuildImage => &mut draft.build_image,
        Field::FinalImage => &mut draft.final_image,
        Field::ImageName => &mut draft.image_name,
        Field::ContainerName => &mut draft.container_name,
        Field::HostPort => &mut draft.host_port,
        Field::ContainerPort => &mut draft.container_port,
        Field::PidFile => &mut draft.pid_file,
        Field::TempRoot => &mut draft.temp_root,
        Field::MountPath(i) => match draft.mounts.get_mut(i) {
            Some(mount) => &mut mount.path,
            None => return,
        },
        Field::MountSize(i) => match draft.mounts.get_mut(i) {
            Some(mount) => &mut mount.size,
            None => return,
        },
        Field::Memory => &mut draft.hardening.memory.value,
        Field::Cpus => &mut draft.hardening.cpus.value,
        Field::PidsLimit => &mut draft.hardening.pids_limit.value,
        Field::RestartRetries => &mut draft.hardening.restart_retries.value,
    };
    *slot = text;
}
