use std::rc::Rc;
use tiemap_app::model::{Edit, Explanation, MapData};
use tiemap_core::view::palette::to_hex;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PersonPanelProps {
    pub map: super::Shared<MapData>,
    pub node: u32,
    /// Why the person is tied to each neighbour, once the worker answered.
    pub explanation: Option<Rc<Explanation>>,
    pub on_select: Callback<Option<u32>>,
    /// Moving the person to another cluster.
    pub on_edit: Callback<Edit>,
}

/// The selected person: who they are and why they are tied to each neighbour.
#[function_component]
pub fn PersonPanel(props: &PersonPanelProps) -> Html {
    let Some(node) = props.map.nodes.get(props.node as usize) else {
        return html! {};
    };
    let cluster = props.map.clusters.iter().find(|c| c.id == node.cluster);
    let close = props.on_select.reform(|_: MouseEvent| None);
    let on_move = {
        let on_edit = props.on_edit.clone();
        let person_key = node.key.clone();
        Callback::from(move |e: Event| {
            if let Some(into) = e
                .target_dyn_into::<HtmlSelectElement>()
                .and_then(|s| s.value().parse::<u32>().ok())
            {
                on_edit.emit(Edit::Move {
                    person_key: person_key.clone(),
                    into,
                });
            }
        })
    };
    let inferred = props.map.signals.is_some();
    let answer = |other: u32, answer: tiemap_core::infer::checking::Answer| {
        let on_edit = props.on_edit.clone();
        let a = node.key.clone();
        let b = props
            .map
            .nodes
            .get(other as usize)
            .map(|n| n.key.clone())
            .unwrap_or_default();
        Callback::from(move |_: MouseEvent| {
            on_edit.emit(Edit::AnswerTie {
                a: a.clone(),
                b: b.clone(),
                answer: Some(answer),
                checks: None,
            })
        })
    };
    // "X and Y know each other": a tie the export does not show, to a person picked by name
    let known = use_state(String::new);
    let on_known_input = {
        let known = known.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                known.set(i.value());
            }
        })
    };
    let known_node = props
        .map
        .nodes
        .iter()
        .position(|n| n.label == known.trim() && n.key != node.key)
        .map(|v| v as u32);
    let add_known = known_node.map(|other| {
        let known = known.clone();
        let add = answer(other, tiemap_core::infer::checking::Answer::Know);
        Callback::from(move |e: MouseEvent| {
            add.emit(e);
            known.set(String::new());
        })
    });
    let list_id = format!("people-{}", props.node);
    html! {
        <section class="panel person" aria-label={format!("About {}", node.label)}>
            <div class="person-head">
                <h2>{ node.label.clone() }</h2>
                <button class="icon-button" aria-label="Close details" onclick={close}>{ "×" }</button>
            </div>
            if let Some(title) = &node.title { <p>{ title.clone() }</p> }
            if let Some(company) = &node.company { <p class="muted">{ company.clone() }</p> }
            if let Some(url) = &node.url { <p class="url">{ url.clone() }</p> }
            if let Some(invitation) = &node.invitation {
                <p class="muted invitation">{ invitation.clone() }</p>
            }
            if node.from_address_book {
                <p class="muted provenance">{ "From your address book (LinkedIn's Contacts.csv), not a connection" }</p>
            }
            if let Some(c) = cluster {
                <label class="select person-cluster">
                    <span><span class="swatch" style={format!("background:{}", to_hex(c.color))}></span>{ "Cluster" }</span>
                    <select aria-label={format!("Cluster of {}", node.label)} onchange={on_move}>
                        { for props.map.clusters.iter().filter(|k| k.folded == 0 || k.id == c.id).map(|k| html! {
                            <option value={k.id.to_string()} selected={k.id == c.id}>{ k.name.clone() }</option>
                        }) }
                    </select>
                </label>
                if !c.description.is_empty() {
                    <p class="muted cluster-desc">{ c.description.clone() }</p>
                }
                if let Some(sub) = node.subcluster.and_then(|id| props.map.subclusters.iter().find(|s| s.id == id)) {
                    <p class="muted">{ format!("Sub-cluster: {}", sub.name) }</p>
                }
            }
            <h3>{ if inferred { "Inferred ties, and why" } else { "Ties" } }</h3>
            {
                match &props.explanation {
                    None => html! { <p class="muted">{ "…" }</p> },
                    Some(why) if why.ties.is_empty() => html! { <p class="muted">{ "No ties: nothing links this person to the others." }</p> },
                    Some(why) => html! {
                        <ul class="ties">
                            { for why.ties.iter().map(|t| {
                                let other = t.other;
                                let on_select = props.on_select.clone();
                                let onclick = Callback::from(move |_: MouseEvent| on_select.emit(Some(other)));
                                let reject = answer(other, tiemap_core::infer::checking::Answer::DontKnow);
                                let label = format!("{} and {} don't know each other", node.label, t.other_label);
                                html! {
                                    <li>
                                        <button class="link" {onclick}>{ t.other_label.clone() }</button>
                                        <span class="why">{ format!(": {}", t.why) }</span>
                                        <button class="icon-button reject-tie" aria-label={label.clone()} title={label} onclick={reject}>{ "✕" }</button>
                                    </li>
                                }
                            }) }
                        </ul>
                    },
                }
            }
            <div class="know-each-other">
                <input
                    type="text"
                    list={list_id.clone()}
                    placeholder="Someone they know"
                    aria-label={format!("Someone {} knows", node.label)}
                    value={(*known).clone()}
                    oninput={on_known_input}
                />
                <datalist id={list_id}>
                    { for props.map.nodes.iter().filter(|n| n.key != node.key).take(2000).map(|n| html! { <option value={n.label.clone()} /> }) }
                </datalist>
                <button class="button" disabled={add_known.is_none()} onclick={add_known.unwrap_or_default()}>
                    { match known_node.and_then(|v| props.map.nodes.get(v as usize)) {
                        Some(other) => format!("{} and {} know each other", node.label, other.label),
                        None => "They know each other".to_string(),
                    } }
                </button>
            </div>
        </section>
    }
}
