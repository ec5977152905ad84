//! The run command's safeguards: one switch per engine `HardeningOption`,
//! labelled with what it prevents, and a value field for each limit.
//!
//! A plain view function; each limit's value is a `text_field`.

use yew::prelude::*;

use super::state::{Action, error_in, on_checked};
use super::text_field::{TextFieldProps, text_field};
use crate::model::{DraftHardening, FieldError, HardeningOption};

pub struct HardeningProps<'a> {
    pub draft: &'a DraftHardening,
    /// The form's problems; those of the limits are shown here.
    pub errors: &'a [FieldError],
    pub on_action: Callback<Action>,
}

pub fn hardening(props: &HardeningProps<'_>) -> Html {
    let rows =
        HardeningOption::ALL.iter().enumerate().map(|(i, &option)| view_option(i, option, props));
    html! {
        <fieldset class="hardening">
            <legend>{ "Safeguards in the run command" }</legend>
            <ul class="options">{ for rows }</ul>
        </fieldset>
    }
}

fn view_option(index: usize, option: HardeningOption, props: &HardeningProps<'_>) -> Html {
    let draft = &props.draft;
    let on = draft.switch(option);
    // Not from `Debug`: the release build prints no `Debug` text (scripts/wasm-env.sh).
    let id = format!("harden-{index}");
    let hint_id = format!("{id}-hint");

    let onchange = on_checked(&props.on_action, move |on| Action::Harden(option, on));
    let value = draft.limit(option).filter(|(limit, _)| limit.enabled).map(|(limit, field)| {
        let on_action = props.on_action.clone();
        let on_input = Callback::from(move |text| on_action.emit(Action::Text(field, text)));
        text_field(TextFieldProps {
            id: format!("{id}-value").into(),
            label: format!("{} value", option.label()).into(),
            value: limit.value.clone().into(),
            error: error_in(props.errors, field),
            numeric: false,
            on_input,
            on_change: None,
        })
    });

    html! {
        <li>
            <div class="switch">
                <input id={id.clone()} type="checkbox" checked={on} {onchange}
                    aria-describedby={hint_id.clone()} />
                <label for={id}>{ option.label() }</label>
            </div>
            <p class="hint" id={hint_id}>{ option.prevents() }</p>
            { for value }
        </li>
    }
}
