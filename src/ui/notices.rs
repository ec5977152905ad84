//! What the page must tell the user about how it started: the parts of a link
//! it left out (dismissible), and the choice between an opened link and a
//! different saved draft. It only displays what `crate::session` decided.
//!
//! A plain view function over `NoticesProps`, not a component: it is empty on
//! almost every render, and a component would cost wasm bytes for nothing.

use yew::prelude::*;

pub struct NoticesProps<'a> {
    /// Each ignored part of the link, as a sentence.
    pub ignored: &'a [String],
    pub on_dismiss: Callback<()>,
    /// True while a saved draft differs from the opened link.
    pub conflict: bool,
    pub on_keep_link: Callback<()>,
    pub on_restore_draft: Callback<()>,
}

pub fn notices(props: &NoticesProps<'_>) -> Html {
    let emit = |callback: &Callback<()>| {
        let callback = callback.clone();
        Callback::from(move |_: MouseEvent| callback.emit(()))
    };
    let items = props.ignored.iter().map(|line| html! { <li><code>{ line }</code></li> });

    html! {
        <div class="notices" role="status" aria-label="Link notices">
            if props.conflict {
                <div class="notice-box">
                    <p>{ "This link's setup differs from the draft you were working on. \
                        Your draft is still saved: which one do you want?" }</p>
                    <button type="button" onclick={emit(&props.on_keep_link)}>
                        { "Keep the link's setup" }
                    </button>
                    <button type="button" class="secondary" onclick={emit(&props.on_restore_draft)}>
                        { "Restore my draft" }
                    </button>
                </div>
            }
            if !props.ignored.is_empty() {
                <div class="notice-box">
                    <p>{ "Some parts of the link were left out; their settings kept their \
                        defaults:" }</p>
                    <ul>{ for items }</ul>
                    <button type="button" class="secondary" onclick={emit(&props.on_dismiss)}>
                        { "Dismiss" }
                    </button>
                </div>
            }
        </div>
    }
}
