use tiemap_core::infer::SignalWeights;
use tiemap_core::Signal;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SignalPanelProps {
    pub weights: SignalWeights,
    /// Emitted with the new weights when a switch flips or a slider is let go.
    pub on_change: Callback<SignalWeights>,
    /// What the person's checks of ties said about each signal (and the weights learned).
    #[prop_or_default]
    pub checking: Option<tiemap_app::model::CheckingView>,
}

/// Each signal ties are inferred from, with a switch and a weight. Changes update the ties,
/// the clusters and the layout live; cluster names stay.
#[function_component]
pub fn SignalPanel(props: &SignalPanelProps) -> Html {
    let defaults = SignalWeights::default();
    html! {
        <section class="panel signals" aria-label="Tie signals">
            <h2>{ "Where ties come from" }</h2>
            <p class="muted">{ "Your export does not say who knows whom. tiemap infers ties from these signals; turn them off or weigh them." }</p>
            { for Signal::ALL.iter().map(|&signal| {
                let weight = props.weights.get(signal);
                let on = weight > 0.0;
                let toggle = {
                    let weights = props.weights;
                    let on_change = props.on_change.clone();
                    let default_weight = defaults.get(signal).max(0.1);
                    Callback::from(move |_: Event| {
                        let mut w = weights;
                        w.set(signal, if on { 0.0 } else { default_weight });
                        on_change.emit(w);
                    })
                };
                let slide = {
                    let weights = props.weights;
                    let on_change = props.on_change.clone();
                    Callback::from(move |e: Event| {
                        if let Some(v) = e.target_dyn_into::<HtmlInputElement>().and_then(|i| crate::browser::number(&i.value())).map(|v| v as f32) {
                            let mut w = weights;
                            w.set(signal, v);
                            on_change.emit(w);
                        }
                    })
                };
                let learned = props
                    .checking
                    .as_ref()
                    .and_then(|c| c.learned)
                    .map(|w| w.get(signal));
                let checked = props
                    .checking
                    .as_ref()
                    .and_then(|c| c.precision.iter().find(|p| p.signal == signal))
                    .filter(|p| p.checked > 0)
                    .map(|p| format!("{} of {} checked ties right", p.confirmed, p.checked));
                let note = match (learned, checked) {
                    (Some(w), Some(c)) => Some(format!("learned weight {w:.2}; {c}")),
                    (Some(w), None) => Some(format!("learned weight {w:.2}")),
                    (None, c) => c,
                };
                html! {
                    <div class="signal">
                        <label class="switch">
                            <input type="checkbox" checked={on} onchange={toggle} />
                            <span>{ signal.label() }</span>
                        </label>
                        <input
                            type="range" min="0" max="2" step="0.05"
                            value={format!("{weight:.2}")}
                            aria-label={format!("Weight of {}", signal.label().to_lowercase())}
                            disabled={!on}
                            onchange={slide}
                        />
                        if let Some(note) = note {
                            <span class="muted signal-precision">{ note }</span>
                        }
                    </div>
                }
            }) }
        </section>
    }
}
