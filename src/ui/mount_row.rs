//! One writable directory: on/off, its tmpfs size, why nginx needs it, remove.
//!
//! A plain view function, keyed by index and path so that removing a row keeps
//! the others' inputs (and focus) in place.

use crate::model::{DraftMount, Unit};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::state::{Action, on_checked, split_size};

pub struct MountRowProps {
    pub index: usize,
    pub mount: DraftMount,
    /// Why nginx needs this directory, one sentence per use, from `predict::uses`.
    pub reasons: Vec<&'static str>,
    pub removable: bool,
    pub path_error: Option<String>,
    pub size_error: Option<String>,
    pub on_action: Callback<Action>,
}

pub fn mount_row(props: MountRowProps) -> Html {
    let i = props.index;
    let path = &props.mount.path;
    let (amount, unit) = split_size(&props.mount.size);
    let size_id = format!("size-{i}");
    let size_error_id = format!("size-{i}-error");
    let path_error_id = format!("path-{i}-error");

    let on_toggle = on_checked(&props.on_action, move |on| Action::MountEnabled(i, on));
    let on_action = props.on_action.clone();
    let on_amount = Callback::from(move |e: InputEvent| {
        let text = e.target_unchecked_into::<HtmlInputElement>().value();
        on_action.emit(Action::MountAmount(i, text));
    });
    let on_action = props.on_action.clone();
    let on_unit = Callback::from(move |e: Event| {
        let text = e.target_unchecked_into::<HtmlSelectElement>().value();
        on_action.emit(Action::MountUnit(i, Unit::parse(&text).unwrap_or(Unit::M)));
    });
    let on_action = props.on_action.clone();
    let on_remove = Callback::from(move |_: MouseEvent| on_action.emit(Action::RemoveMount(i)));

    let units = Unit::ALL.iter().map(|&u| {
        html! { <option value={unit_value(u)} selected={u == unit}>{ unit_text(u) }</option> }
    });
    let reason = match props.reasons.as_slice() {
        [] => html! { "Nothing in nginx's own configuration writes here." },
        reasons => reasons.iter().map(|r| html! { <span>{ *r }</span> }).collect::<Html>(),
    };
    let path_invalid = props.path_error.is_some();
    let size_invalid = props.size_error.is_some();

    html! {
        <tr key={format!("{i}:{path}")} class={classes!((!props.mount.enabled).then_some("off"))}>
            <td class="dir">
                <label class="check">
                    <input type="checkbox" checked={props.mount.enabled} onchange={on_toggle}
                        aria-invalid={path_invalid.then_some("true")}
                        aria-describedby={path_invalid.then(|| path_error_id.clone())} />
                    <code>{ path }</code>
                </label>
                if let Some(error) = &props.path_error {
                    <p class="error" id={path_error_id}>{ error }</p>
                }
            </td>
            <td class="size">
                <label class="sr-only" for={size_id.clone()}>{ format!("Size of {path}") }</label>
                <input id={size_id} type="number" min="1" step="1" value={amount.to_string()}
                    oninput={on_amount} aria-invalid={size_invalid.then_some("true")}
                    aria-describedby={size_invalid.then(|| size_error_id.clone())} />
                <label class="sr-only" for={format!("unit-{i}")}>{ format!("Unit of {path}") }</label>
                <select id={format!("unit-{i}")} onchange={on_unit}>{ for units }</select>
                if let Some(error) = &props.size_error {
                    <p class="error" id={size_error_id}>{ error }</p>
                }
            </td>
            <td class="why">{ reason }</td>
            <td class="remove">
                if props.removable {
                    <button type="button" onclick={on_remove}
                        aria-label={format!("Remove {path}")}>{ "Remove" }</button>
                }
            </td>
        </tr>
    }
}

fn unit_value(unit: Unit) -> &'static str {
    match unit {
        Unit::B => "b",
        other => other.suffix(),
    }
}

fn unit_text(unit: Unit) -> &'static str {
    match unit {
        Unit::B => "bytes",
        Unit::K => "KiB",
        Unit::M => "MiB",
        Unit::G => "GiB",
    }
}
