//! The whole page: inputs on one side, everything computed from them on the other.
//!
//! There is no "Generate" button: each input event reduces `State`, and the
//! outputs are recomputed from its last valid `Config` by the engine.

use std::rc::Rc;

use crate::generate::{Artifacts, run_command};
use crate::model::Config;
use crate::predict::{Prediction, predict};
use yew::prelude::*;

use super::hardening::Hardening;
use super::mounts::Mounts;
use super::output::Output;
use super::presets::Presets;
use super::score::ScorePanel;
use super::settings::Settings;
use super::state::{Action, State};
use super::verdict::Verdict;

/// Everything the engine computes from one config, ready to share with components.
struct Computed {
    dockerfile: AttrValue,
    run_script: AttrValue,
    makefile: AttrValue,
    command: AttrValue,
    prediction: Prediction,
}

impl Computed {
    fn new(config: &Config) -> Computed {
        let Artifacts { dockerfile, run_script, makefile } = Artifacts::new(config);
        Computed {
            dockerfile: dockerfile.into(),
            run_script: run_script.into(),
            makefile: makefile.into(),
            command: run_command(config).into(),
            prediction: predict(config),
        }
    }
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(|| State::new(Config::default()));
    let computed = use_memo(state.config.clone(), Computed::new);
    let on_action = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    let shown: Rc<State> = Rc::new((*state).clone());

    html! {
        <>
            <header class="top">
                <h1>{ "nginx lockdown" }</h1>
                <p>{ "Run nginx on distroless with a read-only root filesystem. \
                    Change anything: every output follows as you type." }</p>
                <Presets on_action={on_action.clone()} />
            </header>
            <div class="layout">
                <div class="inputs">
                    <Mounts state={shown.clone()} on_action={on_action.clone()} />
                    <Hardening state={shown.clone()} on_action={on_action.clone()} />
                    <Settings state={shown} on_action={on_action.clone()} />
                </div>
                <div class="results">
                    <Verdict prediction={computed.prediction.clone()} />
                    <ScorePanel config={state.config.clone()} stale={state.is_stale()}
                        {on_action} />
                    <section class="outputs" aria-labelledby="outputs-title">
                        <h2 id="outputs-title">{ "Files" }</h2>
                        <p class="stale" role="status">
                            if state.is_stale() {
                                { "Showing the last valid setup: fix the marked field to update." }
                            }
                        </p>
                        <Output name="Dockerfile" file_name="Dockerfile"
                            text={computed.dockerfile.clone()}
                            download_text={computed.dockerfile.clone()} />
                        <Output name="docker run" file_name="run.sh" text={computed.command.clone()}
                            download_text={computed.run_script.clone()} />
                        <Output name="Makefile" file_name="Makefile"
                            text={computed.makefile.clone()}
                            download_text={computed.makefile.clone()} />
                    </section>
                </div>
            </div>
        </>
    }
}
