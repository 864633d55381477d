use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ClusterControlsProps {
    pub resolution: f64,
    pub modularity: f64,
    /// Emitted when the person lets go of the slider.
    pub on_resolution: Callback<f64>,
    /// Clusters smaller than this are folded into "Other" (0: none).
    pub fold_below: u32,
    pub on_fold: Callback<u32>,
}

/// The choices of the "fold small clusters" menu (0: fold none).
const FOLD_CHOICES: [u32; 6] = [0, 3, 5, 10, 20, 50];

/// The clustering's resolution: more, smaller clusters or fewer, larger ones.
#[function_component]
pub fn ClusterControls(props: &ClusterControlsProps) -> Html {
    let shown = use_state(|| props.resolution);
    {
        // A restored map brings its own resolution.
        let shown = shown.clone();
        use_effect_with(props.resolution.to_bits(), move |bits| {
            shown.set(f64::from_bits(*bits));
        });
    }
    let oninput = {
        let shown = shown.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = e
                .target_dyn_into::<HtmlInputElement>()
                .and_then(|i| crate::browser::number(&i.value()))
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
                .and_then(|i| crate::browser::number(&i.value()))
            {
                on_resolution.emit(v);
            }
        })
    };
    let on_fold_change = {
        let on_fold = props.on_fold.clone();
        Callback::from(move |e: Event| {
            if let Some(v) = e
                .target_dyn_into::<HtmlSelectElement>()
                .and_then(|s| s.value().parse::<u32>().ok())
            {
                on_fold.emit(v);
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
            <label class="select">
                <span>{ "Fold small clusters" }</span>
                <select onchange={on_fold_change}>
                    { for FOLD_CHOICES.iter().map(|&n| html! {
                        <option value={n.to_string()} selected={n == props.fold_below}>
                            { if n == 0 { "Show every cluster".to_string() } else { format!("Under {n} people into Other") } }
                        </option>
                    }) }
                </select>
            </label>
            <p class="muted">{ format!("Modularity {:.3}: how much more tied the clusters are inside than by chance (0 none, above 0.3 clear clusters).", props.modularity) }</p>
        </section>
    }
}
