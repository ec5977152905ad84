//! One button per engine preset: where a lesson starts, in one click.

use yew::prelude::*;

use super::state::Action;
use crate::preset::PRESETS;

#[derive(Properties, PartialEq)]
pub struct PresetsProps {
    pub on_action: Callback<Action>,
}

#[function_component]
pub fn Presets(props: &PresetsProps) -> Html {
    let buttons = PRESETS.iter().map(|preset| {
        let on_action = props.on_action.clone();
        let name = preset.name;
        let onclick = Callback::from(move |_: MouseEvent| on_action.emit(Action::Preset(name)));
        html! {
            <li>
                <button type="button" class="preset" {onclick} title={preset.summary}>
                    { preset.title }
                </button>
            </li>
        }
    });
    html! {
        <nav class="presets" aria-label="Presets">
            <h2>{ "Start from" }</h2>
            <ul>{ for buttons }</ul>
        </nav>
    }
}
