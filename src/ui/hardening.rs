//! The run command's safeguards: one switch per engine `HardeningOption`,
//! labelled with what it prevents, and a value field for each limit.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::state::{Action, error_in};
use super::text_field::TextField;
use crate::model::{DraftHardening, FieldError, HardeningOption};

#[derive(Properties, PartialEq)]
pub struct HardeningProps {
    pub draft: DraftHardening,
    /// The form's problems; those of the limits are shown here.
    pub errors: Vec<FieldError>,
    pub on_action: Callback<Action>,
}

#[function_component]
pub fn Hardening(props: &HardeningProps) -> Html {
    let rows = HardeningOption::ALL.iter().map(|&option| view_option(option, props));
    html! {
        <fieldset class="hardening">
            <legend>{ "Safeguards in the run command" }</legend>
            <ul class="options">{ for rows }</ul>
        </fieldset>
    }
}

fn view_option(option: HardeningOption, props: &HardeningProps) -> Html {
    let draft = &props.draft;
    let on = draft.switch(option);
    let id = format!("harden-{option:?}").to_lowercase();
    let hint_id = format!("{id}-hint");

    let on_action = props.on_action.clone();
    let onchange = Callback::from(move |e: Event| {
        let on = e.target_unchecked_into::<HtmlInputElement>().checked();
        on_action.emit(Action::Harden(option, on));
    });
    let value = draft.limit(option).filter(|(limit, _)| limit.enabled).map(|(limit, field)| {
        let on_action = props.on_action.clone();
        let on_input = Callback::from(move |text| on_action.emit(Action::Text(field, text)));
        html! {
            <TextField id={format!("{id}-value")} label={format!("{} value", option.label())}
                value={limit.value.clone()} error={error_in(&props.errors, field)} {on_input} />
        }
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
