//! The whole page: inputs on one side, everything computed from them on the other.
//!
//! There is no "Generate" button: each input event reduces `State`, and the
//! outputs are recomputed from its last valid `Config` by the engine.

use crate::generate::{Artifacts, run_command};
use crate::link::Ignored;
use crate::model::Config;
use crate::predict::{Prediction, predict};
use crate::score::{Score, score};
use crate::session;
use yew::prelude::*;

use super::browser;
use super::hardening::{HardeningProps, hardening};
use super::mounts::mounts;
use super::notices::{NoticesProps, notices};
use super::output::Output;
use super::presets::presets;
use super::score::{ScoreProps, score_panel, use_change};
use super::settings::settings;
use super::share::Share;
use super::state::{Action, State};
use super::verdict::verdict;

/// Everything the engine computes from one config, ready to share with components.
struct Computed {
    dockerfile: AttrValue,
    run_script: AttrValue,
    makefile: AttrValue,
    command: AttrValue,
    prediction: Prediction,
    score: Score,
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
            score: score(config),
        }
    }
}

#[function_component]
pub fn App() -> Html {
    let start = use_memo((), |_| {
        session::start(&browser::location_hash(), browser::load_draft().as_deref())
    });
    let state = use_reducer({
        let config = start.config.clone();
        move || State::new(config)
    });
    let computed = use_memo(state.config.clone(), Computed::new);
    let change = use_change(&computed.score);
    let ignored = use_state(|| lines(&start.ignored));
    let conflict = use_state(|| start.draft.clone());
    // One callback for the page's lifetime, so components whose own props did
    // not change skip re-rendering.
    let on_action =
        use_callback(state.dispatcher(), |action: Action, dispatcher| dispatcher.dispatch(action));

    // The address and the saved draft follow every change; while the user has
    // not chosen between an opened link and a different draft, the draft stays.
    // The draft is saved at once; the address, which is slow to change, once
    // the edits pause.
    use_effect_with((state.config.clone(), conflict.is_some()), |(config, pending)| {
        let fragment = session::draft_text(config);
        if !*pending {
            browser::save_draft(&fragment);
        }
        browser::replace_fragment_soon(fragment);
    });
    // A link pasted into the address bar of the open page is opened like any link.
    {
        let (dispatcher, ignored, conflict) =
            (state.dispatcher(), ignored.clone(), conflict.clone());
        use_effect_with((), move |_| {
            let listener = browser::on_hash_change(move |fragment| {
                let start = session::start(&fragment, browser::load_draft().as_deref());
                ignored.set(lines(&start.ignored));
                conflict.set(start.draft);
                dispatcher.dispatch(Action::Load(start.config));
            });
            move || drop(listener)
        });
    }
    let on_dismiss = {
        let ignored = ignored.clone();
        Callback::from(move |()| ignored.set(Vec::new()))
    };
    let on_keep_link = {
        let conflict = conflict.clone();
        Callback::from(move |()| conflict.set(None))
    };
    let on_restore_draft = {
        let (conflict, dispatcher) = (conflict.clone(), state.dispatcher());
        Callback::from(move |()| {
            if let Some(draft) = (*conflict).clone() {
                dispatcher.dispatch(Action::Load(draft));
            }
            conflict.set(None);
        })
    };

    html! {
        <>
            <header class="top">
                <h1>{ "nginx lockdown" }</h1>
                <p>{ "Run nginx on distroless with a read-only root filesystem. \
                    Change anything: every output follows as you type." }</p>
                { presets(&on_action) }
                <Share config={state.config.clone()} can_undo={state.undo.is_some()}
                    on_action={on_action.clone()} />
                { notices(&NoticesProps {
                    ignored: &ignored,
                    on_dismiss,
                    conflict: conflict.is_some(),
                    on_keep_link,
                    on_restore_draft,
                }) }
            </header>
            <div class="layout">
                <div class="inputs">
                    { mounts(&state, &on_action) }
                    { hardening(&HardeningProps {
                        draft: &state.draft.hardening,
                        errors: &state.errors,
                        on_action: on_action.clone(),
                    }) }
                    { settings(&state, &on_action) }
                </div>
                <div class="results">
                    { verdict(&computed.prediction) }
                    <section class="outputs" aria-labelledby="outputs-title">
                        <h2 id="outputs-title">{ "Files" }</h2>
                        <p class="stale" role="status">
                            if state.is_stale() {
                                { "Showing the last valid setup: fix the marked field to update." }
                            }
                        </p>
                        <Output name="docker run" file_name="run.sh" text={computed.command.clone()}
                            download_text={computed.run_script.clone()} />
                        <Output name="Makefile" file_name="Makefile"
                            text={computed.makefile.clone()}
                            download_text={computed.makefile.clone()} />
                        <Output name="Dockerfile" file_name="Dockerfile"
                            text={computed.dockerfile.clone()}
                            download_text={computed.dockerfile.clone()} />
                    </section>
                    { score_panel(&ScoreProps {
                        score: &computed.score,
                        change: &change,
                        stale: state.is_stale(),
                        on_action: &on_action,
                    }) }
                </div>
            </div>
        </>
    }
}

/// Each ignored part of a link as the sentence the notice shows.
fn lines(ignored: &[Ignored]) -> Vec<String> {
    ignored.iter().map(ToString::to_string).collect()
}
