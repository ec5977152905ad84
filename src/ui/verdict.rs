//! nginx's verdict: "nginx starts" or the exact line it would print, and the
//! warnings about what starts fine but fails later.
//!
//! A plain view function, not a component: it changes with nearly every edit,
//! so a component's own bookkeeping would buy nothing and cost wasm bytes.

use crate::predict::Prediction;
use yew::prelude::*;

pub fn verdict(prediction: &Prediction) -> Html {
    let headline = match &prediction.failure {
        None => {
            html! { <p class="ok"><span aria-hidden="true">{ "✓ " }</span>{ "nginx starts" }</p> }
        }
        Some(failure) => html! {
            <p class="fail">
                <span class="sr-only">{ "nginx does not start: " }</span>
                <code>{ failure.log_line() }</code>
            </p>
        },
    };
    let warnings = prediction.warnings.iter().map(|w| html! { <li>{ w.to_string() }</li> });

    html! {
        <section class="verdict" role="status" aria-live="polite" aria-label="nginx verdict">
            <h2>{ "What nginx says" }</h2>
            { headline }
            if !prediction.warnings.is_empty() {
                <ul class="warnings">{ for warnings }</ul>
            }
        </section>
    }
}
