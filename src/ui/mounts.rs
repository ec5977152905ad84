//! The writable directories: a table of tmpfs mounts, the add form and the
//! consolidate-temp-paths switch with its shared directory.

use std::rc::Rc;

use crate::model::{AbsPath, Field};
use crate::predict::uses;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::add_mount::AddMount;
use super::mount_row::MountRow;
use super::state::{Action, State};
use super::text_field::TextField;

#[derive(Properties, PartialEq)]
pub struct MountsProps {
    pub state: Rc<State>,
    pub on_action: Callback<Action>,
}

#[function_component]
pub fn Mounts(props: &MountsProps) -> Html {
    let state = &props.state;
    let rows = state.draft.mounts.iter().enumerate().map(|(i, mount)| {
        let parsed = AbsPath::parse(&mount.path).ok();
        let valid = parsed.as_ref().and_then(|p| state.config.mount(p));
        let reasons = valid
            .map(|m| uses(&state.config, m).into_iter().map(|u| u.reason()).collect::<Vec<_>>())
            .unwrap_or_default();
        let removable = parsed.is_none_or(|p| state.config.is_own_mount(&p));
        html! {
            <MountRow key={format!("{i}:{}", mount.path)} index={i} mount={mount.clone()}
                {reasons} {removable} on_action={props.on_action.clone()}
                path_error={state.error(Field::MountPath(i))}
                size_error={state.error(Field::MountSize(i))} />
        }
    });

    let on_action = props.on_action.clone();
    let on_switch = Callback::from(move |e: Event| {
        let on = e.target_unchecked_into::<HtmlInputElement>().checked();
        on_action.emit(Action::Consolidate(on));
    });
    let on_action = props.on_action.clone();
    let on_root = Callback::from(move |text| on_action.emit(Action::Text(Field::TempRoot, text)));
    let on_action = props.on_action.clone();
    let on_commit = Callback::from(move |()| on_action.emit(Action::CommitTempRoot));

    html! {
        <section class="mounts" aria-labelledby="mounts-title">
            <h2 id="mounts-title">{ "Writable directories" }</h2>
            <p class="hint">{ "The root filesystem is read-only; only these tmpfs mounts \
                can be written. Turn one off to see what nginx says." }</p>
            <div class="table-wrap">
                <table>
                    <thead><tr>
                        <th scope="col">{ "Directory" }</th>
                        <th scope="col">{ "tmpfs size" }</th>
                        <th scope="col">{ "Why nginx needs it" }</th>
                        <th scope="col"><span class="sr-only">{ "Remove" }</span></th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <AddMount on_action={props.on_action.clone()} />
            <div class="switch">
                <input id="consolidate" type="checkbox" role="switch"
                    checked={state.draft.consolidate} onchange={on_switch} />
                <label for="consolidate">{ "Put all five temp paths in one directory" }</label>
            </div>
            if state.draft.consolidate {
                <TextField id="temp-root" label="Shared temp directory"
                    value={state.draft.temp_root.clone()} error={state.error(Field::TempRoot)}
                    on_input={on_root} on_change={on_commit} />
            }
        </section>
    }
}
