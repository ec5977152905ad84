//! One button per engine preset: where a lesson starts, in one click.
//!
//! A plain view function: five buttons cost less to rebuild than a component
//! costs in wasm bytes.

use yew::prelude::*;

use super::state::Action;
use crate::preset::PRESETS;

pub fn presets(on_action: &Callback<Action>) -> Html {
    let buttons = PRESETS.iter().map(|preset| {
        let on_action = on_action.clone();
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
