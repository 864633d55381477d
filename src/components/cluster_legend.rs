use tiemap_app::model::{ClusterView, Edit};
use tiemap_core::view::palette::to_hex;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ClusterLegendProps {
    pub clusters: Vec<ClusterView>,
    /// Sub-clusters (each with its `parent`), shown under a cluster the person expands.
    #[prop_or_default]
    pub subclusters: Vec<ClusterView>,
    pub highlighted: Option<u32>,
    /// A click on a cluster highlights it; a second click clears the highlight.
    pub on_highlight: Callback<Option<u32>>,
    /// Rename, recolour, hide, show, merge.
    pub on_edit: Callback<Edit>,
    pub can_undo: bool,
    pub can_redo: bool,
    pub on_undo: Callback<()>,
    pub on_redo: Callback<()>,
    /// Start renaming this cluster (a click on its name on the map); the second number changes
    /// with each request.
    #[prop_or_default]
    pub rename_request: Option<(u32, u32)>,
}

/// `#rrggbb` -> `[r, g, b]`.
fn parse_hex(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// The legend: each cluster's colour, name and size, largest first; the person names,
/// recolours, hides and merges clusters here, with undo and redo.
#[function_component]
pub fn ClusterLegend(props: &ClusterLegendProps) -> Html {
    // The cluster whose name is being edited.
    let editing = use_state(|| None::<u32>);
    let name_input = use_node_ref();
    {
        let name_input = name_input.clone();
        use_effect_with(*editing, move |editing| {
            if editing.is_some() {
                if let Some(input) = name_input.cast::<HtmlInputElement>() {
                    // The current name, once, as the editor opens: the box is not given a
                    // `value` on every render (Yew would put the name back over what the person
                    // is typing whenever the legend renders again, as when the worker arrives).
                    input.set_value(&input.get_attribute("data-name").unwrap_or_default());
                    let _ = input.focus();
                    input.select();
                }
            }
        });
    }
    let merge_target = use_state(|| None::<u32>);
    // The clusters whose sub-clusters are shown.
    let expanded = use_state(std::collections::BTreeSet::<u32>::new);
    {
        let editing = editing.clone();
        use_effect_with(props.rename_request, move |request| {
            if let Some((id, _)) = request {
                editing.set(Some(*id));
            }
        });
    }

    let rows = props.clusters.iter().map(|c| {
        let id = c.id;
        let pressed = props.highlighted == Some(id);
        let on_highlight = props.on_highlight.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            on_highlight.emit(if pressed { None } else { Some(id) })
        });
        let on_color = {
            let on_edit = props.on_edit.clone();
            Callback::from(move |e: Event| {
                if let Some(color) = e
                    .target_dyn_into::<HtmlInputElement>()
                    .and_then(|i| parse_hex(&i.value()))
                {
                    on_edit.emit(Edit::Recolor { cluster: id, color });
                }
            })
        };
        let on_rename_click = {
            let editing = editing.clone();
            Callback::from(move |_: MouseEvent| editing.set(Some(id)))
        };
        let on_hide = {
            let on_edit = props.on_edit.clone();
            let hidden = c.hidden;
            Callback::from(move |_: MouseEvent| {
                on_edit.emit(Edit::SetHidden {
                    cluster: id,
                    hidden: !hidden,
                })
            })
        };
        let name_cell = if *editing == Some(id) {
            let commit = {
                let editing = editing.clone();
                let on_edit = props.on_edit.clone();
                move |input: HtmlInputElement| {
                    editing.set(None);
                    on_edit.emit(Edit::Rename {
                        cluster: id,
                        name: input.value(),
                    });
                }
            };
            let onkeydown = rename_keys(editing.clone(), props.on_edit.clone(), id);
            let onblur = {
                let editing = editing.clone();
                Callback::from(move |e: FocusEvent| {
                    // Blur after Enter or Escape finds the editor already closed.
                    if *editing == Some(id) {
                        if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                            commit(input);
                        }
                    }
                })
            };
            html! {
                <input
                    ref={name_input.clone()}
                    class="legend-rename"
                    type="text"
                    aria-label="Cluster name"
                    title="Enter to keep, Escape to cancel; empty for the suggested name"
                    placeholder={c.suggested_name.clone()}
                    data-name={c.name.clone()}
                    {onkeydown}
                    {onblur}
                />
            }
        } else {
            html! {
                <button class="legend-item" aria-pressed={pressed.to_string()} title={c.description.clone()} {onclick}>
                    <span class="legend-name"><bdi>{ c.name.clone() }</bdi></span>
                    <span class="legend-size">{ c.size }</span>
                </button>
            }
        };
        let subs: Vec<&ClusterView> = props
            .subclusters
            .iter()
            .filter(|s| s.parent == Some(id))
            .collect();
        let is_open = expanded.contains(&id);
        let expander = (!subs.is_empty()).then(|| {
            let expanded = expanded.clone();
            let onclick = Callback::from(move |_: MouseEvent| {
                let mut next = (*expanded).clone();
                if !next.remove(&id) {
                    next.insert(id);
                }
                expanded.set(next);
            });
            html! {
                <button
                    class="icon-button expander"
                    aria-expanded={is_open.to_string()}
                    aria-label={format!("{} the {} sub-clusters of {}", if is_open { "Hide" } else { "Show" }, subs.len(), c.name)}
                    title={format!("{} sub-clusters", subs.len())}
                    {onclick}
                >{ if is_open { "▾" } else { "▸" } }</button>
            }
        });
        let sub_list = (is_open && !subs.is_empty()).then(|| {
            html! {
                <ul class="legend-sub" aria-label={format!("Sub-clusters of {}", c.name)}>
                    { for subs.iter().map(|sc| sub_row(sc, &editing, &name_input, &props.on_edit)) }
                </ul>
            }
        });
        html! {
            <li key={id} class={classes!("legend-row", c.hidden.then_some("hidden"))}>
                <input
                    class="swatch-input"
                    type="color"
                    aria-label={format!("Colour of {}", c.name)}
                    value={to_hex(c.color)}
                    onchange={on_color}
                />
                { name_cell }
                <button class="icon-button" aria-label={format!("Rename {}", c.name)} title="Rename" onclick={on_rename_click}>{ "✎" }</button>
                <button
                    class="icon-button"
                    aria-label={format!("{} {}", if c.hidden { "Show" } else { "Hide" }, c.name)}
                    title={if c.hidden { "Show" } else { "Hide" }}
                    aria-pressed={c.hidden.to_string()}
                    onclick={on_hide}
                >{ if c.hidden { "◌" } else { "●" } }</button>
                { expander.unwrap_or_default() }
                if !c.description.is_empty() {
                    <div class="legend-desc">{ c.description.clone() }</div>
                }
                { sub_list.unwrap_or_default() }
            </li>
        }
    });

    // Merging: the highlighted cluster into another one.
    let merge = props
        .highlighted
        .and_then(|h| props.clusters.iter().find(|c| c.id == h))
        .filter(|_| props.clusters.len() > 1)
        .map(|from| {
            let from_id = from.id;
            let others: Vec<&ClusterView> =
                props.clusters.iter().filter(|c| c.id != from_id).collect();
            let target = merge_target
                .filter(|t| others.iter().any(|c| c.id == *t))
                .unwrap_or(others[0].id);
            let on_target = {
                let merge_target = merge_target.clone();
                Callback::from(move |e: Event| {
                    if let Some(v) = e
                        .target_dyn_into::<HtmlSelectElement>()
                        .and_then(|s| s.value().parse::<u32>().ok())
                    {
                        merge_target.set(Some(v));
                    }
                })
            };
            let on_merge = {
                let on_edit = props.on_edit.clone();
                let on_highlight = props.on_highlight.clone();
                Callback::from(move |_: MouseEvent| {
                    on_edit.emit(Edit::Merge {
                        from: from_id,
                        into: target,
                    });
                    on_highlight.emit(Some(target));
                })
            };
            html! {
                <div class="merge">
                    <label class="select">
                        <span>{ format!("Merge {} into", from.name) }</span>
                        <select aria-label="Merge into" onchange={on_target}>
                            { for others.iter().map(|c| html! {
                                <option value={c.id.to_string()} selected={c.id == target}>{ c.name.clone() }</option>
                            }) }
                        </select>
                    </label>
                    <button class="button secondary" onclick={on_merge}>{ "Merge" }</button>
                </div>
            }
        });

    let on_undo = props.on_undo.reform(|_: MouseEvent| ());
    let on_redo = props.on_redo.reform(|_: MouseEvent| ());
    html! {
        <section class="panel legend" aria-label="Clusters">
            <div class="legend-head">
                <h2>{ format!("Clusters ({})", props.clusters.len()) }</h2>
                <div class="button-row">
                    <button class="icon-button" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!props.can_undo} onclick={on_undo}>{ "↶" }</button>
                    <button class="icon-button" aria-label="Redo" title="Redo (Ctrl+Shift+Z)" disabled={!props.can_redo} onclick={on_redo}>{ "↷" }</button>
                </div>
            </div>
            <ul class="legend-list">{ for rows }</ul>
            { merge.unwrap_or_default() }
        </section>
    }
}

/// The rename box's keys: Enter keeps the name (empty: the suggestion), Escape cancels.
fn rename_keys(
    editing: UseStateHandle<Option<u32>>,
    on_edit: Callback<Edit>,
    id: u32,
) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
        "Enter" => {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                editing.set(None);
                on_edit.emit(Edit::Rename {
                    cluster: id,
                    name: input.value(),
                });
            }
        }
        "Escape" => editing.set(None),
        _ => {}
    })
}

/// A sub-cluster's row: its colour, name (renamed in place, as a cluster is) and size.
fn sub_row(
    c: &ClusterView,
    editing: &UseStateHandle<Option<u32>>,
    name_input: &NodeRef,
    on_edit: &Callback<Edit>,
) -> Html {
    let id = c.id;
    let name_cell = if **editing == Some(id) {
        let onkeydown = rename_keys(editing.clone(), on_edit.clone(), id);
        html! {
            <input
                ref={name_input.clone()}
                class="legend-rename"
                type="text"
                aria-label="Sub-cluster name"
                placeholder={c.suggested_name.clone()}
                data-name={c.name.clone()}
                {onkeydown}
            />
        }
    } else {
        html! {
            <span class="legend-item sub" title={c.description.clone()}>
                <span class="legend-name"><bdi>{ c.name.clone() }</bdi></span>
                <span class="legend-size">{ c.size }</span>
            </span>
        }
    };
    let on_rename = {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| editing.set(Some(id)))
    };
    html! {
        <li key={id} class="legend-sub-row">
            <span class="swatch-dot" style={format!("background:{}", to_hex(c.color))}></span>
            { name_cell }
            <button class="icon-button" aria-label={format!("Rename {}", c.name)} title="Rename" onclick={on_rename}>{ "✎" }</button>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::parse_hex;

    #[test]
    fn colour_inputs_parse() {
        assert_eq!(parse_hex("#0a0B10"), Some([10, 11, 16]));
        assert_eq!(parse_hex("0a0b10"), None);
        assert_eq!(parse_hex("#0a0b1"), None);
        assert_eq!(parse_hex("#zz0000"), None);
    }
}
