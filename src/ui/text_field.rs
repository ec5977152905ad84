//! A labelled text field with the engine's sentence beside it when invalid.
//!
//! The value shown is always what was typed; the field never rewrites it.
//! A plain view function: Yew's diff leaves an unchanged field's DOM alone, and
//! a component per field would cost wasm bytes.

use web_sys::HtmlInputElement;
use yew::prelude::*;

pub struct TextFieldProps {
    /// The input's id; the error's id is derived from it.
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub error: Option<String>,
    pub numeric: bool,
    pub on_input: Callback<String>,
    /// Called when the user commits the value (blur or Enter).
    pub on_change: Option<Callback<()>>,
}

pub fn text_field(props: TextFieldProps) -> Html {
    let on_input = props.on_input.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        on_input.emit(e.target_unchecked_into::<HtmlInputElement>().value());
    });
    let onchange = props.on_change.clone().map(|cb| Callback::from(move |_: Event| cb.emit(())));
    let error_id = format!("{}-error", props.id);
    let invalid = props.error.is_some();

    html! {
        <div class="field">
            <label for={props.id.clone()}>{ &props.label }</label>
            <input id={props.id.clone()} type="text" value={props.value.clone()}
                inputmode={props.numeric.then_some("numeric")}
                spellcheck="false" autocomplete="off" {oninput} {onchange}
                aria-invalid={invalid.then_some("true")}
                aria-describedby={invalid.then(|| error_id.clone())} />
            if let Some(error) = &props.error {
                <p class="error" id={error_id}>{ error }</p>
            }
        </div>
    }
}
