use crate::protocol::ClusterView;
use tiemap_core::view::palette::to_hex;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ClusterLegendProps {
    pub clusters: Vec<ClusterView>,
    pub highlighted: Option<u32>,
    /// A click on a cluster highlights it; a second click clears the highlight.
    pub on_highlight: Callback<Option<u32>>,
}

/// The legend: each cluster's colour, name and size, largest first.
#[function_component]
pub fn ClusterLegend(props: &ClusterLegendProps) -> Html {
    html! {
        <section class="panel legend" aria-label="Clusters">
            <h2>{ format!("Clusters ({})", props.clusters.len()) }</h2>
            <ul class="legend-list">
                { for props.clusters.iter().map(|c| {
                    let id = c.id;
                    let pressed = props.highlighted == Some(id);
                    let on_highlight = props.on_highlight.clone();
                    let onclick = Callback::from(move |_: MouseEvent| on_highlight.emit(if pressed { None } else { Some(id) }));
                    html! {
                        <li key={id}>
                            <button class="legend-item" aria-pressed={pressed.to_string()} {onclick}>
                                <span class="swatch" style={format!("background:{}", to_hex(c.color))}></span>
                                <span class="legend-name">{ c.name.clone() }</span>
                                <span class="legend-size">{ c.size }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
