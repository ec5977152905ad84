//! The security score from `crate::score`: the total, every rule with its
//! weight, why it counts and where else it is checked, a "Fix" button beside
//! each failed rule, and the change the last edit made ("+8 no-new-privileges").
//!
//! Points, rules and fixes all come from the engine; this panel only shows them.
//! A plain view function: the page computes the score with the other outputs,
//! and `use_change` (a hook the page calls) remembers the score before.

use yew::prelude::*;

use super::state::Action;
use crate::score::{MAX_SCORE, RuleResult, Score};

/// What the panel shows.
pub struct ScoreProps<'a> {
    pub score: &'a Score,
    /// From `use_change`.
    pub change: &'a Change,
    /// While the form has problems a fix would drop them, so fixes wait.
    pub stale: bool,
    pub on_action: &'a Callback<Action>,
}

pub fn score_panel(props: &ScoreProps<'_>) -> Html {
    let (score, change) = (props.score, props.change);
    let rules = score.rules.iter().map(|result| view_rule(result, props));
    html! {
        <section class="score" role="status" aria-live="polite" aria-label="Security score"
            aria-atomic="false">
            <h2>{ "Security score" }</h2>
            <p class="score-total">{ format!("{} / {MAX_SCORE}", score.total) }</p>
            <p class="delta" key={change.serial}>{ &change.text }</p>
            <ul class="rules">{ for rules }</ul>
        </section>
    }
}

/// What the last change of config did to the score, and a serial number so the
/// note restarts its fade each time.
#[derive(Clone, Default, PartialEq)]
pub struct Change {
    serial: u32,
    text: String,
}

/// Compares each new score with the one before it. Worked out while rendering,
/// from what the last render saw, so an edit renders the panel once (an effect
/// that set state would render it twice).
#[hook]
pub fn use_change(score: &Score) -> Change {
    let memory = use_mut_ref(|| (None::<Vec<(&'static str, bool, u32)>>, Change::default()));
    let now: Vec<_> = score.rules.iter().map(|r| (r.rule.id, r.passed, r.rule.weight)).collect();
    let mut memory = memory.borrow_mut();
    let (before, change) = &mut *memory;
    if before.as_ref() != Some(&now) {
        if let Some(before) = before.as_deref() {
            let text = describe(before, &now);
            if !text.is_empty() {
                *change = Change { serial: change.serial + 1, text };
            }
        }
        *before = Some(now);
    }
    change.clone()
}

fn describe(before: &[(&'static str, bool, u32)], now: &[(&'static str, bool, u32)]) -> String {
    let parts: Vec<String> = before
        .iter()
        .zip(now)
        .filter(|(b, n)| b.1 != n.1)
        .map(|(_, &(id, passed, weight))| {
            format!("{}{weight} {id}", if passed { "+" } else { "\u{2212}" })
        })
        .collect();
    parts.join(", ")
}

fn view_rule(result: &RuleResult, props: &ScoreProps<'_>) -> Html {
    let rule = result.rule;
    let (mark, class) = if result.passed { ("Passed", "passed") } else { ("Failed", "failed") };
    let points = format!("{} / {}", result.points(), rule.weight);
    let fix = (!result.passed).then(|| {
        let on_action = props.on_action.clone();
        let id = rule.id;
        let onclick = Callback::from(move |_: MouseEvent| on_action.emit(Action::Fix(id)));
        html! {
            <button type="button" {onclick} disabled={props.stale}
                aria-label={format!("Fix {}: +{}", rule.title, rule.weight)}>
                { format!("Fix (+{})", rule.weight) }
            </button>
        }
    });
    let references = rule.references.iter().map(ToString::to_string).collect::<Vec<_>>();

    html! {
        <li class={class}>
            <div class="rule-head">
                <span class="mark">{ mark }</span>
                <strong>{ rule.title }</strong>
                <span class="points">{ points }</span>
                { for fix }
            </div>
            <p class="detail">{ &result.detail }</p>
            <details>
                <summary>{ format!("Why it counts: {}", rule.id) }</summary>
                <p>{ rule.why }</p>
                <p>{ format!("How: {}", rule.fix) }</p>
                if !references.is_empty() {
                    <p>{ format!("See: {}", references.join("; ")) }</p>
                }
            </details>
        </li>
    }
}
