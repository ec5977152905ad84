//! The "Add directory" form: a path, checked by the engine before it joins the list.

use crate::model::AbsPath;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::state::Action;

#[derive(Properties, PartialEq)]
pub struct AddMountProps {
    pub on_action: Callback<Action>,
}

#[function_component]
pub fn AddMount(props: &AddMountProps) -> Html {
    let text = use_state(String::new);
    let error = use_state(|| None::<String>);

    let oninput = {
        let (text, error) = (text.clone(), error.clone());
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlInputElement>().value());
            error.set(None);
        })
    };
    let onsubmit = {
        let (text, error, on_action) = (text.clone(), error.clone(), props.on_action.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match AbsPath::parse(&text) {
                Ok(path) => {
                    on_action.emit(Action::AddMount(path));
                    text.set(String::new());
                }
                Err(problem) => error.set(Some(problem.to_string())),
            }
        })
    };
    let invalid = error.is_some();

    html! {
        <form class="add" {onsubmit}>
            <label for="new-dir">{ "New writable directory" }</label>
            <div class="row">
                <input id="new-dir" type="text" value={(*text).clone()} {oninput}
                    placeholder="/var/cache/nginx" spellcheck="false" autocomplete="off"
                    aria-invalid={invalid.then_some("true")}
                    aria-describedby={invalid.then_some("new-dir-error")} />
                <button type="submit">{ "Add directory" }</button>
            </div>
            if let Some(error) = &*error {
                <p class="error" id="new-dir-error">{ error }</p>
            }
        </form>
    }
}
