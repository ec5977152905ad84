//! The writable directories: a table of tmpfs mounts, the add form and the
//! consolidate-temp-paths switch with its shared directory.
//!
//! A plain view function over the `State`, one `mount_row` per directory.

use crate::model::{AbsPath, Field};
use crate::predict::uses;
use yew::prelude::*;

use super::add_mount::add_mount;
use super::mount_row::{MountRowProps, mount_row};
use super::state::{Action, State, on_checked};
use super::text_field::{TextFieldProps, text_field};

pub fn mounts(state: &State, on_action: &Callback<Action>) -> Html {
    let rows = state.draft.mounts.iter().enumerate().map(|(i, mount)| {
        let parsed = AbsPath::parse(&mount.path).ok();
        let valid = parsed.as_ref().and_then(|p| state.config.mount(p));
        let reasons = valid
            .map(|m| uses(&state.config, m).into_iter().map(|u| u.reason()).collect::<Vec<_>>())
            .unwrap_or_default();
        let removable = parsed.is_none_or(|p| state.config.is_own_mount(&p));
        mount_row(MountRowProps {
            index: i,
            mount: mount.clone(),
            reasons,
            removable,
            path_error: state.error(Field::MountPath(i)),
            size_error: state.error(Field::MountSize(i)),
            on_action: on_action.clone(),
        })
    });

    let on_switch = on_checked(on_action, Action::Consolidate);
    let on_root = {
        let on_action = on_action.clone();
        Callback::from(move |text| on_action.emit(Action::Text(Field::TempRoot, text)))
    };
    let on_commit = {
        let on_action = on_action.clone();
        Callback::from(move |()| on_action.emit(Action::CommitTempRoot))
    };
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
            { add_mount(&state.new_dir, on_action) }
            <div class="switch">
                <input id="consolidate" type="checkbox" role="switch"
                    checked={state.draft.consolidate} onchange={on_switch} />
                <label for="consolidate">{ "Put all five temp paths in one directory" }</label>
            </div>
            if state.draft.consolidate {
                { text_field(TextFieldProps {
                    id: "temp-root".into(),
                    label: "Shared temp directory".into(),
                    value: state.draft.temp_root.clone().into(),
                    error: state.error(Field::TempRoot),
                    numeric: false,
                    on_input: on_root,
                    on_change: Some(on_commit),
                }) }
            }
        </section>
    }
}
