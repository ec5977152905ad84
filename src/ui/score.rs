//! The security score panel, shown from `nginx_lockdown::score::score`.
//!
//! The score is computed by the engine only; until the engine has it, the panel
//! says so rather than inventing points of its own.

use yew::prelude::*;

#[function_component]
pub fn ScorePanel() -> Html {
    // FIXME: wire `nginx_lockdown::score::score(&Config)` here once src/score.rs lands.
    html! {
        <section class="score" role="status" aria-live="polite" aria-label="Security score">
            <h2>{ "Security score" }</h2>
            <p>{ "The score arrives with the next version." }</p>
        </section>
    }
}
