//! "Search people": a combobox with a listbox of suggestions (WAI-ARIA combobox pattern).
//! Choosing a person hands their node index to `on_choose` (the map flies there).

use std::rc::Rc;
use tiemap_app::model::MapData;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// At most this many suggestions.
pub const MAX_SUGGESTIONS: usize = 8;

#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    pub map: super::Shared<MapData>,
    pub on_choose: Callback<usize>,
}

/// People whose name matches `query` (case-insensitive): names that start with it first,
/// then a word that starts with it, then anywhere; within each, most ties first.
pub fn suggestions(map: &MapData, query: &str, limit: usize) -> Vec<usize> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<(u8, u32, usize)> = map
        .nodes
        .iter()
        .enumerate()
        .filter_map(|(i, n)| {
            let label = n.label.to_lowercase();
            let rank = if label.starts_with(&q) {
                0
            } else if label.split_whitespace().any(|w| w.starts_with(&q)) {
                1
            } else if label.contains(&q) {
                2
            } else {
                return None;
            };
            Some((rank, n.degree, i))
        })
        .collect();
    // Best match, then most ties, then map order (`hits` is in map order; the sort is stable).
    tiemap_core::order::sort_by_number(&mut hits, |&(rank, degree, _)| {
        u128::from(rank) << 32 | u128::from(u32::MAX - degree)
    });
    hits.into_iter().take(limit).map(|(_, _, i)| i).collect()
}

#[function_component]
pub fn SearchBox(props: &SearchBoxProps) -> Html {
    let query = use_state(String::new);
    let open = use_state(|| false);
    let active = use_state(|| None::<usize>);
    let found = suggestions(&props.map, &query, MAX_SUGGESTIONS);
    let expanded = *open && !found.is_empty();

    let choose = {
        let (query, open, active) = (query.clone(), open.clone(), active.clone());
        let on_choose = props.on_choose.clone();
        let map = props.map.clone();
        Rc::new(move |node: usize| {
            if let Some(n) = map.nodes.get(node) {
                query.set(n.label.clone());
            }
            open.set(false);
            active.set(None);
            on_choose.emit(node);
        })
    };
    let oninput = {
        let (query, open, active) = (query.clone(), open.clone(), active.clone());
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            query.set(input.value());
            open.set(true);
            active.set(None);
        })
    };
    let onkeydown = {
        let (open, active) = (open.clone(), active.clone());
        let found = found.clone();
        let choose = choose.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "ArrowDown" | "ArrowUp" if !found.is_empty() => {
                e.prevent_default();
                let n = found.len();
                let next = match (*active, e.key().as_str()) {
                    (None, "ArrowDown") => 0,
                    (None, _) => n - 1,
                    (Some(k), "ArrowDown") => (k + 1) % n,
                    (Some(k), _) => (k + n - 1) % n,
                };
                open.set(true);
                active.set(Some(next));
            }
            "Enter" => {
                let pick = active.map_or(found.first(), |k| found.get(k));
                if let Some(&node) = pick {
                    e.prevent_default();
                    choose(node);
                }
            }
            "Escape" => {
                open.set(false);
                active.set(None);
            }
            _ => {}
        })
    };
    let onfocus = {
        let open = open.clone();
        Callback::from(move |_: FocusEvent| open.set(true))
    };
    let onblur = {
        let open = open.clone();
        Callback::from(move |_: FocusEvent| open.set(false))
    };

    let listbox_id = "map-search-listbox";
    let option_id = |k: usize| format!("map-search-option-{k}");
    let active_descendant = active.filter(|_| expanded).map(option_id);
    html! {
        <div class="search-box" style="position:relative;">
            <input
                type="search"
                role="combobox"
                aria-label="Search people"
                aria-autocomplete="list"
                aria-expanded={expanded.to_string()}
                aria-controls={listbox_id}
                aria-activedescendant={active_descendant}
                placeholder="Search people"
                autocomplete="off"
                value={(*query).clone()}
                style="font:inherit;font-size:0.9rem;padding:0.42rem 0.7rem;border-radius:6px;border:1px solid var(--line,#e2e5ec);width:14rem;background:var(--panel,#fff);color:var(--text,#1d2330);"
                {oninput}
                {onkeydown}
                {onfocus}
                {onblur}
            />
            <ul
                id={listbox_id}
                role="listbox"
                aria-label="People"
                hidden={!expanded}
                style="position:absolute;top:100%;left:0;right:0;margin:0.2rem 0 0;padding:0.2rem 0;list-style:none;background:var(--panel,#fff);border:1px solid var(--line,#e2e5ec);border-radius:6px;box-shadow:0 4px 14px rgba(0,0,0,0.12);max-height:20rem;overflow:auto;"
            >
                { for found.iter().enumerate().map(|(k, &node)| {
                    let n = &props.map.nodes[node];
                    let selected = *active == Some(k);
                    let choose = choose.clone();
                    // mousedown, not click: it comes before the input's blur closes the list.
                    let onmousedown = Callback::from(move |e: MouseEvent| {
                        e.prevent_default();
                        choose(node);
                    });
                    let detail = [n.title.clone(), n.company.clone()]
                        .into_iter()
                        .flatten()
                        .filter(|s| !s.trim().is_empty())
                        .collect::<Vec<_>>()
                        .join(" · ");
                    html! {
                        <li
                            id={option_id(k)}
                            role="option"
                            aria-selected={selected.to_string()}
                            style={format!("padding:0.3rem 0.7rem;cursor:pointer;font-size:0.85rem;{}",
                                if selected { "background:rgba(0,114,178,0.12);" } else { "" })}
                            {onmousedown}
                        >
                            <span>{ n.label.clone() }</span>
                            if !detail.is_empty() {
                                <span style="display:block;color:var(--muted,#5b6475);font-size:0.78rem;">{ detail }</span>
                            }
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tiemap_app::model::NodeView;

    #[test]
    fn prefix_matches_come_first_then_by_degree() {
        let node = |label: &str, degree| NodeView {
            key: format!("k{}", label),
            label: label.into(),
            company: None,
            title: None,
            url: None,
            degree,
            cluster: 0,
            connected: None,
            ..Default::default()
        };
        let map = MapData {
            modularity: 0.0,
            density: 0.0,
            signals: None,
            map_id: 1,
            title: String::new(),
            summary: String::new(),
            ties_note: String::new(),
            nodes: vec![
                node("Maria Anders", 1),
                node("Anna Berg", 2),
                node("Joan Annan", 9),
                node("Annika Holm", 5),
                node("Bo", 50),
            ],
            ties: Vec::new(),
            pos_in_graph: Vec::new(),
            clusters: Vec::new(),
            report: Vec::new(),
            is_sample: false,
            fingerprint: String::new(),
            resolution: 1.0,
            fold_below: 0,
            edits: Default::default(),
            ..Default::default()
        };
        assert_eq!(suggestions(&map, " ANN", 8), vec![3, 1, 2]);
        assert_eq!(suggestions(&map, "nders", 8), vec![0]);
        assert_eq!(suggestions(&map, "ann", 1), vec![3]);
        assert!(suggestions(&map, "   ", 8).is_empty());
    }
}
