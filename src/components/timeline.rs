//! The growth timeline over the map: a slider over the months the owner made connections in.
//! Moving it (or pressing Play) draws only the people connected by that month, so the person
//! watches their map grow; "Show all" puts everyone back. Shown only when the map has
//! connection dates in at least two months (a personal export; graph files have none).

use std::rc::Rc;
use tiemap_app::model::month_label;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Milliseconds between steps while playing.
const TICK_MS: u32 = 80;
/// Steps a whole play takes (about 8 s).
const PLAY_STEPS: u32 = 100;

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// Every dated person's connection month ([`tiemap_app::model::month_index`]), sorted.
    pub months: Rc<Vec<u32>>,
    /// People on the map in all (dated or not).
    pub people: usize,
    /// The month shown up to; `None` shows everyone.
    pub until: Option<u32>,
    pub on_change: Callback<Option<u32>>,
}

/// People connected by the end of `until` (`months` sorted).
pub fn connected_by(months: &[u32], until: u32) -> usize {
    months.partition_point(|&m| m <= until)
}

/// The month after `at` when playing through `first..=last` in [`PLAY_STEPS`] steps; `None`
/// once past the end.
pub fn next_step(at: u32, first: u32, last: u32) -> Option<u32> {
    let step = ((last - first) / PLAY_STEPS).max(1);
    (at < last).then(|| (at + step).min(last))
}

#[function_component]
pub fn Timeline(props: &TimelineProps) -> Html {
    // Hooks first, always in the same order; the bar shows only with two months or more.
    let first = props.months.first().copied().unwrap_or(0);
    let last = props.months.last().copied().unwrap_or(0);
    let playing = use_state(|| false);
    // While playing: one step every TICK_MS, from the start if the slider is at the end.
    {
        let on_change = props.on_change.clone();
        let playing_handle = playing.clone();
        let at = props.until.unwrap_or(last);
        use_effect_with((*playing, at), move |(playing, at)| {
            let timer = playing.then(|| {
                let at = *at;
                gloo::timers::callback::Timeout::new(TICK_MS, move || {
                    match next_step(at, first, last) {
                        Some(next) => on_change.emit(Some(next)),
                        None => {
                            playing_handle.set(false);
                            on_change.emit(None);
                        }
                    }
                })
            });
            move || drop(timer)
        });
    }
    let on_input = {
        let on_change = props.on_change.clone();
        let playing = playing.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            {
                if let Ok(m) = i.value().parse::<u32>() {
                    playing.set(false);
                    on_change.emit((m < last).then_some(m));
                }
            }
        })
    };
    // Where the person asked for less motion, nothing plays by itself: the button steps once.
    let still = use_memo((), |_| crate::components::map_canvas::reduced_motion());
    let on_play = {
        let on_change = props.on_change.clone();
        let playing = playing.clone();
        let until = props.until;
        let still = *still;
        Callback::from(move |_: MouseEvent| {
            if still {
                on_change.emit(match until {
                    None => Some(first),
                    Some(at) => next_step(at, first, last),
                });
            } else if *playing {
                playing.set(false);
            } else {
                if until.is_none() {
                    on_change.emit(Some(first));
                }
                playing.set(true);
            }
        })
    };
    let on_all = {
        let on_change = props.on_change.clone();
        let playing = playing.clone();
        Callback::from(move |_: MouseEvent| {
            playing.set(false);
            on_change.emit(None);
        })
    };
    if first == last {
        return html! {};
    }
    let at = props.until.unwrap_or(last);
    let shown = match props.until {
        Some(u) => connected_by(&props.months, u),
        None => props.people,
    };
    let undated = props.people - props.months.len();
    let status = match props.until {
        None => format!("Everyone: {} people", props.people),
        Some(u) => format!(
            "Connected by {}: {} of {} people{}",
            month_label(u),
            shown,
            props.people,
            if undated > 0 {
                format!(" ({undated} without a date left out)")
            } else {
                String::new()
            }
        ),
    };
    html! {
        <div class="timeline" role="group" aria-label="Growth timeline">
            <button type="button" class="button timeline-play" onclick={on_play} aria-pressed={(!*still).then(|| playing.to_string())}>
                { if *still { "Step" } else if *playing { "Pause" } else { "Play" } }
            </button>
            <span class="timeline-end">{ month_label(first) }</span>
            <input
                type="range"
                class="timeline-slider"
                aria-label="Show connections made up to"
                aria-valuetext={month_label(at)}
                min={first.to_string()}
                max={last.to_string()}
                step="1"
                value={at.to_string()}
                oninput={on_input}
            />
            <span class="timeline-end">{ month_label(last) }</span>
            <span class="timeline-status" role="status">{ status }</span>
            if props.until.is_some() {
                <button type="button" class="button timeline-all" onclick={on_all}>{ "Show all" }</button>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_steps() {
        let months = [10, 10, 12, 20, 31];
        assert_eq!(connected_by(&months, 9), 0);
        assert_eq!(connected_by(&months, 10), 2);
        assert_eq!(connected_by(&months, 19), 3);
        assert_eq!(connected_by(&months, 31), 5);
        // 21 months in 100 steps: one month a step, ending exactly at the last.
        assert_eq!(next_step(10, 10, 31), Some(11));
        assert_eq!(next_step(30, 10, 31), Some(31));
        assert_eq!(next_step(31, 10, 31), None);
        // 1,000 months: ten a step, clamped to the end.
        assert_eq!(next_step(0, 0, 1_000), Some(10));
        assert_eq!(next_step(995, 0, 1_000), Some(1_000));
    }
}
