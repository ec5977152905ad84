//! Sharing and starting over: "Copy link" (the address always carries the
//! setup) and "Reset to defaults" with its undo.

use yew::prelude::*;

use super::browser;
use super::state::Action;
use crate::link;
use crate::model::Config;

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    pub config: Config,
    /// Whether "Undo" is on offer (a reset just happened).
    pub can_undo: bool,
    pub on_action: Callback<Action>,
}

#[function_component]
pub fn Share(props: &ShareProps) -> Html {
    // A confirmation describes the link it copied, so it shows only while the
    // setup is still the one it was copied from.
    let notice = use_state(|| None::<(Config, String)>);
    let shown = notice.as_ref().filter(|(config, _)| *config == props.config).map(|(_, text)| text);
    let on_copy = {
        let (notice, config) = (notice.clone(), props.config.clone());
        Callback::from(move |_: MouseEvent| {
            let url = link::share_url(&browser::location_href(), &config);
            let notice = notice.clone();
            let config = config.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let text = match browser::copy(&url).await {
                    Ok(()) => "Link copied".to_string(),
                    Err(message) => message,
                };
                notice.set(Some((config, text)));
            });
        })
    };
    let on_action = props.on_action.clone();
    let on_reset = Callback::from(move |_: MouseEvent| on_action.emit(Action::Reset));
    let on_action = props.on_action.clone();
    let on_undo = Callback::from(move |_: MouseEvent| on_action.emit(Action::Undo));

    html! {
        <div class="share">
            <button type="button" onclick={on_copy}>{ "Copy link" }</button>
            <button type="button" class="secondary" onclick={on_reset}>
                { "Reset to defaults" }
            </button>
            <span role="status" class="notice">
                { for shown }
                if props.can_undo {
                    { "Reset to the defaults. " }
                    <button type="button" class="secondary" onclick={on_undo}>{ "Undo" }</button>
                }
            </span>
        </div>
    }
}
