use gloo::events::EventListener;
use std::rc::Rc;
use tiemap_app::model::{CheckingView, Edit, Question, Questions};
use tiemap_core::infer::checking::{Answer, TieChecks};
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CheckTiesProps {
    /// The next ties to ask about, as the worker last sent them (`None` while it works).
    pub questions: Option<Rc<Questions>>,
    /// The answers given so far (the page's edits).
    pub checks: TieChecks,
    /// What the answers did, as the map on screen was inferred.
    pub checking: Option<CheckingView>,
    pub on_edit: Callback<Edit>,
    pub on_close: Callback<()>,
}

/// "Check ties": one inferred tie at a time with its evidence and three answers (Y / N / S;
/// arrows move between questions). Answers are edits: undone, saved and exported like names.
/// Drawn by the panels module (`crate::panels`, hosted in the sidebar by `PanelHost`): it is
/// not on the first screen, so it is not in the first download.
#[function_component]
pub fn CheckTies(props: &CheckTiesProps) -> Html {
    // which of the open questions is shown (arrows move it)
    let at = use_state(|| 0usize);
    let open: Vec<Question> = props
        .questions
        .as_ref()
        .map(|q| {
            q.questions
                .iter()
                .filter(|q| props.checks.get(&q.a_key, &q.b_key).is_none())
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let shown = open.get((*at).min(open.len().saturating_sub(1))).cloned();
    let answer = {
        let on_edit = props.on_edit.clone();
        let shown = shown.clone();
        Callback::from(move |answer: Answer| {
            if let Some(q) = &shown {
                on_edit.emit(Edit::AnswerTie {
                    a: q.a_key.clone(),
                    b: q.b_key.clone(),
                    answer: Some(answer),
                    checks: q.checks.clone(),
                });
            }
        })
    };
    let step = {
        let at = at.clone();
        let len = open.len();
        Callback::from(move |forward: bool| {
            let next = if forward {
                (*at + 1).min(len.saturating_sub(1))
            } else {
                at.saturating_sub(1)
            };
            at.set(next);
        })
    };
    // Y / N / S and the arrows, anywhere but in a text field
    {
        let answer = answer.clone();
        let step = step.clone();
        let on_close = props.on_close.clone();
        use_effect_with(shown.clone(), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "keydown", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                // only for the page itself or this panel: a text field, the map (its own
                // arrows) and other widgets keep their keys
                let ours = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_none_or(|el| {
                        el.tag_name() == "BODY"
                            || (el.tag_name() == "BUTTON"
                                && el.closest(".check-ties").ok().flatten().is_some())
                    });
                if !ours {
                    return;
                }
                match e.key().as_str() {
                    "y" | "Y" => answer.emit(Answer::Know),
                    "n" | "N" => answer.emit(Answer::DontKnow),
                    "s" | "S" => answer.emit(Answer::NotSure),
                    "ArrowRight" | "ArrowDown" => step.emit(true),
                    "ArrowLeft" | "ArrowUp" => step.emit(false),
                    "Escape" => on_close.emit(()),
                    _ => {}
                }
            });
            move || drop(listener)
        });
    }
    let said = |a: Answer| {
        props
            .checks
            .answers
            .iter()
            .filter(|x| x.answer == a)
            .count()
    };
    let (yes, no, unsure) = (
        said(Answer::Know),
        said(Answer::DontKnow),
        said(Answer::NotSure),
    );
    let learning = props.checks.learning;
    // weights refit, or ties taken out beyond those the person rejected (a link that no
    // longer makes a tie alone)
    let learned = props
        .checking
        .as_ref()
        .is_some_and(|c| c.learned.is_some() || c.applied.removed > no);
    let toggle_learning = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |_: MouseEvent| {
            on_edit.emit(Edit::SetLearning {
                learning: !learning,
            })
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    let click = |a: Answer| {
        let answer = answer.clone();
        Callback::from(move |_: MouseEvent| answer.emit(a))
    };
    html! {
        <section class="panel check-ties" aria-label="Check ties">
            <div class="person-head">
                <h2>{ "Check ties" }</h2>
                <button class="icon-button" aria-label="Close check ties" onclick={close}>{ "×" }</button>
            </div>
            <p class="muted">{ "Every tie is a guess. Say whether these two know each other; the map learns from your answers." }</p>
            {
                match &shown {
                    None if props.questions.is_none() => html! { <p class="muted">{ "Finding the ties worth checking…" }</p> },
                    None => html! { <p class="muted">{ "No more ties to check." }</p> },
                    Some(q) => html! {
                        <div class="question" aria-live="polite">
                            <p class="pair">{ format!("Do {} and {} know each other?", q.a_label, q.b_label) }</p>
                            <p class="evidence">{ format!("Why the map thinks so: {}.", q.evidence) }</p>
                            if q.bridge {
                                <p class="muted">{ "This tie links two clusters: your answer may move them." }</p>
                            }
                            if let Some(link) = &q.checks {
                                <p class="muted link-note">{ format!("Many pairs are linked only by {}: your answers about a few of them decide whether that alone still makes a tie.", link.describe()) }</p>
                            }
                            if q.cut {
                                <p class="muted cut-note">{ "If they don't, the cluster is cut between these dates, and groups in it that ties hold together become clusters of their own." }</p>
                            }
                            <div class="answers">
                                <button class="button primary" onclick={click(Answer::Know)} title="Y">{ "They know each other (Y)" }</button>
                                <button class="button" onclick={click(Answer::DontKnow)} title="N">{ "They don't (N)" }</button>
                                <button class="button" onclick={click(Answer::NotSure)} title="S">{ "Not sure (S)" }</button>
                            </div>
                            <div class="answers">
                                <button class="icon-button" aria-label="Previous question" onclick={step.reform(|_: MouseEvent| false)}>{ "←" }</button>
                                <button class="icon-button" aria-label="Next question" onclick={step.reform(|_: MouseEvent| true)}>{ "→" }</button>
                            </div>
                        </div>
                    },
                }
            }
            <p class="check-count" role="status">{ format!("{} answered: {yes} know each other, {no} don't, {unsure} not sure.", yes + no + unsure) }</p>
            if let Some(c) = &props.checking {
                if !c.changes.is_empty() {
                    <ul class="changes">
                        { for c.changes.iter().map(|s| html! { <li>{ s.clone() }</li> }) }
                    </ul>
                }
            }
            if learned || !learning {
                <button class="button" onclick={toggle_learning}>{ if learning { "Undo what the map learned" } else { "Learn from my answers again" } }</button>
            }
        </section>
    }
}
