//! The "Add directory" form: a path, checked by the engine before it joins the list.
//!
//! A plain view function: what was typed, and why it was refused, are part of
//! `State` (`NewDir`), so the reducer checks the path like every other input.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::state::{Action, NewDir};

pub fn add_mount(new_dir: &NewDir, on_action: &Callback<Action>) -> Html {
    let oninput = on_action.reform(|e: InputEvent| {
        Action::NewDirText(e.target_unchecked_into::<HtmlInputElement>().value())
    });
    let onsubmit = on_action.reform(|e: SubmitEvent| {
        e.prevent_default();
        Action::AddNewDir
    });
    let invalid = new_dir.error.is_some();

    html! {
        <form class="add" {onsubmit}>
            <label for="new-dir">{ "New writable directory" }</label>
            <div class="row">
                <input id="new-dir" type="text" value={new_dir.text.clone()} {oninput}
                    placeholder="/var/cache/nginx" spellcheck="false" autocomplete="off"
                    aria-invalid={invalid.then_some("true")}
                    aria-describedby={invalid.then_some("new-dir-error")} />
                <button type="submit">{ "Add directory" }</button>
            </div>
            if let Some(error) = &new_dir.error {
                <p class="error" id="new-dir-error">{ error }</p>
            }
        </form>
    }
}
