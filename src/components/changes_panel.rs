//! "What changed": a dialog comparing the map open before with the one on screen (people
//! added and gone, clusters that grew, shrank, split, merged or appeared, ties that warmed
//! or cooled, connections per year in both). The worker measures it (`tiemap_app::diff`).

use crate::components::modal::use_modal;
use tiemap_app::diff::{Changes, ClusterFate, PersonChange, TieChange};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChangesPanelProps {
    /// `None` while the worker compares.
    pub changes: Option<std::rc::Rc<Changes>>,
    /// The title of the older map.
    pub previous: String,
    pub on_close: Callback<()>,
}

/// People listed under "added" and "gone".
const LISTED: usize = 12;

fn people(list: &[PersonChange]) -> Html {
    html! {
        <ul class="bridge-list change-people">
            { for list.iter().take(LISTED).map(|p| html! {
                <li>{ format!("{}{} ({}{})", p.name,
                    p.company.as_ref().map(|c| format!(", {c}")).unwrap_or_default(),
                    p.cluster,
                    p.connected.as_ref().map(|d| format!(", connected {d}")).unwrap_or_default()) }</li>
            }) }
            if list.len() > LISTED {
                <li class="muted">{ format!("and {} more", list.len() - LISTED) }</li>
            }
        </ul>
    }
}

fn ties(list: &[TieChange]) -> Html {
    html! {
        <ul class="bridge-list change-ties">
            { for list.iter().take(LISTED).map(|t| html! {
                <li>{ format!("{}: {} → {} messages{}", t.name, t.before, t.after,
                    t.last.as_ref().map(|d| format!(", last {d}")).unwrap_or_default()) }</li>
            }) }
        </ul>
    }
}

#[function_component]
pub fn ChangesPanel(props: &ChangesPanelProps) -> Html {
    let dialog = use_node_ref();
    use_modal(dialog.clone(), props.on_close.clone());
    let close = props.on_close.reform(|_: MouseEvent| ());
    let body = match props.changes.as_deref() {
        None => html! { <p class="muted" role="status">{ "Comparing the two maps…" }</p> },
        Some(c) => {
            let max = c
                .timeline
                .iter()
                .map(|y| y.before.max(y.after))
                .max()
                .unwrap_or(1)
                .max(1);
            html! {
                <>
                <p class="changes-summary">{ c.summary.clone() }</p>
                <p class="muted">{ format!("{} people before ({}), {} now ({}); {} in both, {} of them matched by name and company (no profile URL).",
                    c.people_before, c.before_as_of.clone().unwrap_or_default(),
                    c.people_after, c.after_as_of.clone().unwrap_or_default(),
                    c.matched, c.matched_by_name) }</p>
                <section class="insight-section" aria-label="Clusters that changed">
                    <h3>{ "Clusters" }</h3>
                    <p class="meaning">{ "Clusters that continue keep the names they had." }</p>
                    <ul class="findings change-clusters">
                        { for c.clusters.iter().map(|x| {
                            let tag = match x.fate {
                                ClusterFate::Grew => "Grew",
                                ClusterFate::Shrank => "Shrank",
                                ClusterFate::Same => "Same",
                                ClusterFate::Split => "Split",
                                ClusterFate::Merged => "Merged",
                                ClusterFate::Appeared => "New",
                                ClusterFate::Gone => "Gone",
                            };
                            html! { <li class="finding"><span class="finding-tag">{ tag }</span>{ x.text.clone() }</li> }
                        }) }
                    </ul>
                </section>
                <div class="chart-pair">
                    <section class="insight-section" aria-label="People added">
                        <h3>{ format!("People added ({})", c.added.len()) }</h3>
                        { people(&c.added) }
                    </section>
                    <section class="insight-section" aria-label="People gone">
                        <h3>{ format!("People gone ({})", c.gone.len()) }</h3>
                        { people(&c.gone) }
                    </section>
                </div>
                <div class="chart-pair">
                    <section class="insight-section" aria-label="Ties that warmed">
                        <h3>{ format!("Ties that warmed ({})", c.warmed.len()) }</h3>
                        <p class="meaning">{ "People you exchanged messages with since the older export." }</p>
                        { ties(&c.warmed) }
                    </section>
                    <section class="insight-section" aria-label="Ties that cooled">
                        <h3>{ format!("Ties that cooled ({})", c.cooled.len()) }</h3>
                        <p class="meaning">{ "People you wrote with in the year before the older export, and not since." }</p>
                        { ties(&c.cooled) }
                    </section>
                </div>
                <section class="insight-section" aria-label="Timeline of both">
                    <h3>{ "Connections per year, before and now" }</h3>
                    <table class="year-table change-timeline">
                        <thead><tr><th scope="col">{ "Year" }</th><th scope="col">{ "Before" }</th><th scope="col">{ "Now" }</th><th scope="col"></th></tr></thead>
                        <tbody>
                            { for c.timeline.iter().map(|y| html! {
                                <tr>
                                    <th scope="row">{ y.year }</th>
                                    <td>{ y.before }</td>
                                    <td>{ y.after }</td>
                                    <td class="change-bars">
                                        <span class="change-bar before" style={format!("width: {:.1}%", 100.0 * y.before as f64 / max as f64)}></span>
                                        <span class="change-bar after" style={format!("width: {:.1}%", 100.0 * y.after as f64 / max as f64)}></span>
                                    </td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </section>
                </>
            }
        }
    };
    html! {
        <div class="insights-backdrop">
            <section class="insights" role="dialog" aria-modal="true" aria-labelledby="changes-title" tabindex="-1" ref={dialog}>
                <header class="insights-head">
                    <div>
                        <h2 id="changes-title">{ "What changed" }</h2>
                        <p class="muted">{ format!("Since {}", props.previous) }</p>
                    </div>
                    <button class="button secondary" onclick={close} aria-label="Close what changed" title="Close (Escape)">{ "Close" }</button>
                </header>
                <div class="insights-body">{ body }</div>
            </section>
        </div>
    }
}
