//! The image, container, port and PID file fields.

use crate::model::{Draft, Field};
use yew::prelude::*;

use super::state::{Action, State, error_in};
use super::text_field::TextField;

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    /// Each field's text as typed and its problem, in `FIELDS` order (see `fields`).
    pub fields: Vec<(String, Option<String>)>,
    pub on_action: Callback<Action>,
}

/// What `Settings` shows of `state`: only this, so other edits skip it.
pub fn fields(state: &State) -> Vec<(String, Option<String>)> {
    FIELDS
        .iter()
        .map(|&(field, ..)| {
            (text_of(&state.draft, field).to_string(), error_in(&state.errors, field))
        })
        .collect()
}

/// `(field, input id, label, numeric)` in the order the form shows them.
const FIELDS: [(Field, &str, &str, bool); 7] = [
    (Field::ImageName, "image-name", "Image name", false),
    (Field::ContainerName, "container-name", "Container name", false),
    (Field::HostPort, "host-port", "Host port", true),
    (Field::ContainerPort, "container-port", "Container port", true),
    (Field::PidFile, "pid-file", "PID file", false),
    (Field::BuildImage, "build-image", "Build image", false),
    (Field::FinalImage, "final-image", "Final base image", false),
];

#[function_component]
pub fn Settings(props: &SettingsProps) -> Html {
    let fields = FIELDS.iter().zip(&props.fields).map(|(&(field, id, label, numeric), shown)| {
        let (value, error) = shown.clone();
        let on_action = props.on_action.clone();
        let on_input = Callback::from(move |text| on_action.emit(Action::Text(field, text)));
        html! {
            <TextField key={id} id={id} label={label} {numeric} {on_input}
                {value} {error} />
        }
    });

    html! {
        <fieldset class="settings">
            <legend>{ "Image, container and ports" }</legend>
            <div class="grid">{ for fields }</div>
        </fieldset>
    }
}

fn text_of(draft: &Draft, field: Field) -> &str {
    match field {
        Field::BuildImage => &draft.build_image,
        Field::FinalImage => &draft.final_image,
        Field::ImageName => &draft.image_name,
        Field::ContainerName => &draft.container_name,
        Field::HostPort => &draft.host_port,
        Field::ContainerPort => &draft.container_port,
        Field::PidFile => &draft.pid_file,
        Field::TempRoot => &draft.temp_root,
        Field::MountPath(_)
        | Field::MountSize(_)
        | Field::Memory
        | Field::Cpus
        | Field::PidsLimit
        | Field::RestartRetries => "",
    }
}
