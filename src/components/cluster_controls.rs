use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ClusterControlsProps {
    pub resolution: f64,
    pub modularity: f64,
    /// Emitted when the person lets go of the slider.
    pub on_resolution: Callback<f64>,
}

/// The clustering's resolution: more, smaller clusters or fewer, larger ones.
#[function_component]
pub fn ClusterControls(props: &ClusterControlsProps) -> Html {
    let shown = use_state(|| props.resolution);
    let oninput = {
        let shown = shown.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = e
                .target_dyn_into::<HtmlInputElement>()
                .and_then(|i| i.value().parse::<f64>().ok())
            {
                shown.set(v);
            }
        })
    };
    let onchange = {
        let on_resolution = props.on_resolution.clone();
        Callback::from(move |e: Event| {
            if let Some(v) = e
                .target_dyn_into::<HtmlInputElement>()
                .and_then(|i| i.value().parse::<f64>().ok())
            {
                on_resolution.emit(v);
            }
        })
    };
    html! {
        <section class="panel" aria-label="Clustering">
            <h2>{ "Clustering" }</h2>
            <label class="slider">
                <span>{ format!("Cluster resolution {:.1}", *shown) }</span>
                <input type="range" min="0.2" max="3" step="0.1" value={format!("{:.1}", *shown)} {oninput} {onchange} />
            </label>
            <p class="muted">{ format!("Modularity {:.3}: how much more tied the clusters are inside than by chance (0 none, above 0.3 clear clusters).", props.modularity) }</p>
        </section>
    }
}
