//! The image, container, port and PID file fields.
//!
//! A plain view function over the `State`, one `text_field` per setting.

use crate::model::{Draft, Field};
use yew::prelude::*;

use super::state::{Action, State, error_in};
use super::text_field::{TextFieldProps, text_field};

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

pub fn settings(state: &State, on_action: &Callback<Action>) -> Html {
    let fields = FIELDS.iter().map(|&(field, id, label, numeric)| {
        let value = text_of(&state.draft, field).to_string();
        let error = error_in(&state.errors, field);
        let on_action = on_action.clone();
        let on_input = Callback::from(move |text| on_action.emit(Action::Text(field, text)));
        text_field(TextFieldProps {
            id: id.into(),
            label: label.into(),
            value: value.into(),
            error,
            numeric,
            on_input,
            on_change: None,
        })
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
