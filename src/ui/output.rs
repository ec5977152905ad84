//! One generated file: a named region with its text, Copy and Download.
//!
//! Copy puts exactly the shown text on the clipboard; Download saves
//! `download_text` (the same text, or the script around it) under `file_name`.

use yew::prelude::*;

use super::browser;

#[derive(Properties, PartialEq)]
pub struct OutputProps {
    /// The region's accessible name, also its heading.
    pub name: AttrValue,
    pub file_name: AttrValue,
    pub text: AttrValue,
    pub download_text: AttrValue,
}

/// What the last Copy or Download did, shown beside the buttons.
#[derive(Clone, PartialEq)]
enum Notice {
    None,
    Copied,
    Failed(String),
}

#[function_component]
pub fn Output(props: &OutputProps) -> Html {
    // A notice describes the text it was about, so it shows only while that text
    // is still the one shown (no effect that clears it, which would render twice).
    let notice = use_state(|| (props.text.clone(), Notice::None));
    let on_copy = {
        let (notice, text) = (notice.clone(), props.text.clone());
        Callback::from(move |_: MouseEvent| {
            let (notice, text) = (notice.clone(), text.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = match browser::copy(&text).await {
                    Ok(()) => Notice::Copied,
                    Err(message) => Notice::Failed(message),
                };
                notice.set((text, result));
            });
        })
    };
    let on_download = {
        let notice = notice.clone();
        let (file_name, text, shown) =
            (props.file_name.clone(), props.download_text.clone(), props.text.clone());
        Callback::from(move |_: MouseEvent| {
            if let Err(message) = browser::download(&file_name, &text) {
                notice.set((shown.clone(), Notice::Failed(message)));
            }
        })
    };
    let current = if notice.0 == props.text { &notice.1 } else { &Notice::None };
    let message = match current {
        Notice::None => html! {},
        Notice::Copied => html! { <span class="copied">{ "Copied" }</span> },
        Notice::Failed(message) => html! { <span class="error">{ message }</span> },
    };

    html! {
        <section class="output" aria-label={props.name.clone()}>
            <div class="output-head">
                <h3>{ &props.name }</h3>
                <div class="actions">
                    <button type="button" onclick={on_copy}
                        aria-label={format!("Copy {}", props.name)}>{ "Copy" }</button>
                    <button type="button" onclick={on_download}
                        aria-label={format!("Download {}", props.file_name)}>{ "Download" }</button>
                    <span class="notice" role="status">{ message }</span>
                </div>
            </div>
            // `elementtiming` lets `make bench` read when the text was first painted.
            <pre tabindex="0" elementtiming={props.name.clone()}><code>{ &props.text }</code></pre>
        </section>
    }
}
