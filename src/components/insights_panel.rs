//! "What the map says": a large dialog over the map with the insights the worker measured
//! (composition, diversity, growth, structure, tie strength, what is missing for a goal).
//! Every number has its meaning in a line under it and in its tooltip. Closes with Escape or
//! its close button.

use crate::components::chart_bars::{Bar, BarChart};
use crate::components::chart_stacked::{Series, StackedColumns};
use crate::components::modal::use_modal;
use tiemap_app::insights::{
    goal_choice, goal_from_choice, FindingTag, Insights, PersonFigure, TiePerson, GOAL_KINDS,
};
use tiemap_core::metrics::composition::{
    MEANING_COMPANIES, MEANING_FUNCTIONS, MEANING_SENIORITIES,
};
use tiemap_core::metrics::core_network::CORE_SIZES;
use tiemap_core::metrics::diversity::{
    MEANING_BLAU, MEANING_EFFECTIVE_CLUSTERS, MEANING_GROWTH, MEANING_SHANNON,
};
use tiemap_core::metrics::structure::{
    MEANING_BETWEENNESS, MEANING_DEGREE, MEANING_EGO_CONSTRAINT, MEANING_EGO_EFFECTIVE_SIZE,
    MEANING_EGO_EFFICIENCY,
};
use tiemap_core::metrics::ties::{MEANING_DORMANT, MEANING_ONE_WAY, MEANING_TIE_SCORE};
use tiemap_core::metrics::{bridges::MEANING_CLUSTER_BRIDGE, CoreChoice, Function, Goal};
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InsightsPanelProps {
    /// The latest insights for the map on screen (`None` while the worker measures).
    pub insights: Option<std::rc::Rc<Insights>>,
    /// The goal the person picked.
    pub goal: Goal,
    pub on_goal: Callback<Goal>,
    /// The person chose which people make up the core network.
    pub on_core: Callback<CoreChoice>,
    pub on_close: Callback<()>,
    /// An edit (a title correction) the person made.
    pub on_edit: Callback<tiemap_app::model::Edit>,
}

const MEANING_UNTITLED: &str = "People whose title is blank: they are left out of the charts.";
const MEANING_YEAR_TABLE: &str =
    "How varied the people you had connected with by the end of each year were.";
const MEANING_HUBS: &str =
    "The people with the most ties to others on your map: they know many of your people.";
const MEANING_LONE_BRIDGE: &str =
    "Groups whose every link to the rest of your map runs through one person: lose them and the group drifts off.";

fn rgb(c: [u8; 3]) -> String {
    format!("rgb({}, {}, {})", c[0], c[1], c[2])
}

/// A number with its label and its meaning under it (and in its tooltip). `note`, when
/// given, is said beside it ("ties inferred from …").
fn figure(label: &str, value: String, meaning: &str, note: Option<&str>) -> Html {
    html! {
        <div class="figure" title={meaning.to_string()}>
            <div class="figure-value">{ value }</div>
            <div class="figure-label">{ label.to_string() }</div>
            <div class="figure-meaning">{ meaning.to_string() }</div>
            if let Some(note) = note {
                <div class="figure-note">{ note.to_string() }</div>
            }
        </div>
    }
}

fn people_list(
    people: &[PersonFigure],
    insights: &Insights,
    value: impl Fn(f64) -> String,
    meaning: &str,
) -> Html {
    html! {
        <ol class="people-list">
            { for people.iter().map(|p| {
                let color = insights.clusters.get(p.cluster).map(|c| rgb(c.color)).unwrap_or_default();
                html! {
                    <li title={meaning.to_string()}>
                        <span class="swatch" style={format!("background: {color}")}></span>
                        <span class="person-name">{ p.name.clone() }</span>
                        <span class="person-value">{ value(p.value) }</span>
                    </li>
                }
            }) }
        </ol>
    }
}

fn tie_list(people: &[TiePerson]) -> Html {
    html! {
        <ol class="people-list">
            { for people.iter().map(|p| html! {
                <li class="tie" title={MEANING_TIE_SCORE}>
                    <span class="person-name">{ p.name.clone() }</span>
                    <span class="person-detail">{ format!("{} sent, {} received{}", p.sent, p.received,
                        p.last_contact.as_ref().map(|d| format!(", last {d}")).unwrap_or_default()) }</span>
                    <span class="person-value">{ format!("{:.1}", p.score) }</span>
                </li>
            }) }
        </ol>
    }
}

/// "Your core network": Burt's measures on the people the owner deals with, each with a
/// sentence for this person, the range for a core of this size and its source; the choice
/// of people; the clusters only the owner joins; the Gould–Fernandez roles.
fn core_section(ins: &Insights, on_core: &Callback<CoreChoice>) -> Html {
    let cluster_name = |i: usize| {
        ins.clusters
            .get(i)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    };
    let body = match (&ins.core, &ins.core_hint) {
        (Some(core), _) => {
            let on_change = {
                let on_core = on_core.clone();
                Callback::from(move |e: Event| {
                    let v = select_value(&e);
                    let choice = match v.parse::<usize>() {
                        Ok(top) => CoreChoice::Strongest { top },
                        Err(_) => CoreChoice::Interacted,
                    };
                    on_core.emit(choice);
                })
            };
            let selected = match core.choice {
                CoreChoice::Interacted => None,
                CoreChoice::Strongest { top } => Some(top),
            };
            let only_you: Vec<String> = core
                .clusters
                .iter()
                .filter(|c| c.only_you)
                .map(|c| format!("{} ({} of your core)", cluster_name(c.cluster), c.members))
                .collect();
            html! {
                <>
                <label class="select core-pick">
                    <span>{ "Core network" }</span>
                    <select aria-label="People in the core network" onchange={on_change}>
                        <option value="all" selected={selected.is_none()}>{ format!("Everyone you have messages, endorsements or recommendations with ({})", core.with_history) }</option>
                        { for CORE_SIZES.iter().filter(|&&n| n < core.with_history).map(|&n| html! {
                            <option value={n.to_string()} selected={selected == Some(n)}>{ format!("Your {n} strongest ties") }</option>
                        }) }
                    </select>
                </label>
                <p class="core-choice">{ format!("Measured on {}: {} people, {} ties among them.", core.choice_text, core.measures.size, core.measures.ties) }</p>
                <div class="core-figures">
                    { for core.figures.iter().map(|f| html! {
                        <div class="core-figure" data-key={f.key.clone()}>
                            <div class="figure-value">{ f.value.clone() }</div>
                            <div class="figure-label">{ f.label.clone() }</div>
                            <p class="core-sentence">{ f.sentence.clone() }</p>
                            <p class="core-range">{ f.range.clone() }</p>
                            <p class="core-source">{ format!("Source: {}", f.source) }</p>
                        </div>
                    }) }
                </div>
                <h4>{ "Clusters in your core" }</h4>
                <ul class="core-clusters">
                    { for core.clusters.iter().map(|c| {
                        let color = ins.clusters.get(c.cluster).map(|x| rgb(x.color)).unwrap_or_default();
                        html! {
                            <li>
                                <span class="swatch" style={format!("background: {color}")}></span>
                                { format!("{}: {} {}{}", cluster_name(c.cluster), c.members, if c.members == 1 { "person" } else { "people" }, if c.only_you { ", joined to the rest of your core only through you" } else { "" }) }
                            </li>
                        }
                    }) }
                </ul>
                if only_you.is_empty() {
                    <p class="muted core-only-you">{ "Every cluster of your core has ties to another besides you." }</p>
                } else {
                    <p class="core-only-you">{ format!("Only you join {} to the rest of your core.", only_you.join(", ")) }</p>
                }
                <h4>{ "Your brokerage roles between clusters" }</h4>
                <p class="core-sentence roles-sentence">{ core.roles_sentence.clone() }</p>
                <table class="roles-table">
                    <thead><tr><th scope="col">{ "Role" }</th><th scope="col">{ "Pairs of your contacts" }</th><th scope="col">{ "You join two people…" }</th></tr></thead>
                    <tbody>
                        { for core.roles.iter().map(|r| html! {
                            <tr><th scope="row">{ r.role.clone() }</th><td>{ r.pairs }</td><td>{ r.meaning.clone() }</td></tr>
                        }) }
                    </tbody>
                </table>
                <p class="core-source">{ format!("Source: {}", tiemap_app::career::SOURCE_ROLES) }</p>
                </>
            }
        }
        (None, Some(hint)) => html! { <p class="hint core-hint">{ hint.clone() }</p> },
        (None, None) => html! {},
    };
    html! {
        <section class="insight-section core-network" aria-label="Your core network">
            <h3>{ "Your core network" }</h3>
            <p class="meaning">{ "Burt's measures of brokerage were made for the few dozen people you actually deal with, not every connection: here they are on the people you exchange messages, endorsements or recommendations with." }</p>
            if let Some(note) = ins.ties_inferred_short.as_deref() {
                <p class="figure-note">{ format!("Ties among your contacts: {note}.") }</p>
            }
            { body }
        </section>
    }
}

/// Missing chapters of the owner's career (Positions.csv, Education.csv), each with the
/// number behind it, and every chapter in a table.
fn chapters_block(ins: &Insights) -> Html {
    let Some(c) = ins.chapters.as_ref() else {
        return html! {
            <p class="hint chapters-hint">{ "Drop the whole LinkedIn ZIP (with Positions.csv and Education.csv) to see which chapters of your career your map holds few people from." }</p>
        };
    };
    html! {
        <div class="chapters">
            <h4>{ "Missing chapters" }</h4>
            if c.findings.is_empty() {
                <p class="muted">{ "Every chapter of your career has people on your map." }</p>
            } else {
                <ul class="findings chapter-findings">
                    { for c.findings.iter().map(|f| html! {
                        <li class="finding thin"><span class="finding-tag">{ "Chapter" }</span>{ f.clone() }</li>
                    }) }
                </ul>
            }
            <details class="chapter-details">
                <summary>{ format!("Every chapter ({} job{}, {} school{})", c.positions.len(), if c.positions.len() == 1 { "" } else { "s" }, c.schools.len(), if c.schools.len() == 1 { "" } else { "s" }) }</summary>
                <ul class="bridge-list">
                    { for c.positions.iter().chain(&c.schools).map(|p| html! { <li>{ p.text.clone() }</li> }) }
                </ul>
            </details>
        </div>
    }
}

/// "Whom to reconnect with" and "Talked to lately".
fn reconnect_section(ins: &Insights) -> Html {
    let cluster_name = |i: usize| {
        ins.clusters
            .get(i)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    };
    let color = |i: usize| {
        ins.clusters
            .get(i)
            .map(|c| rgb(c.color))
            .unwrap_or_default()
    };
    if ins.tie_strength.is_none() {
        return html! {};
    }
    html! {
        <>
        <section class="insight-section reconnect" aria-label="Whom to reconnect with">
            <h3>{ format!("Whom to reconnect with ({})", ins.reconnect_total) }</h3>
            <p class="meaning">{ "People you have not been in touch with for two years, ranked by how strong the tie was and by what is new they would bring: another cluster, another function, more seniority (research on reviving dormant ties finds those bring the most new information)." }</p>
            if ins.reconnect.is_empty() {
                <p class="muted">{ "Nobody: everyone you exchanged messages with has heard from you in the last two years." }</p>
            } else {
                <ol class="people-list reconnect-list">
                    { for ins.reconnect.iter().map(|p| html! {
                        <li class="reconnect-person">
                            <span class="swatch" style={format!("background: {}", color(p.cluster))}></span>
                            <span class="person-name">{ p.name.clone() }</span>
                            <span class="person-detail reconnect-reason">{ p.reason.clone() }</span>
                        </li>
                    }) }
                </ol>
            }
        </section>
        <section class="insight-section lately" aria-label="Talked to lately">
            <h3>{ "Talked to lately" }</h3>
            <p class="meaning">{ "Your last message with each person, by cluster, the most recent first." }</p>
            <ul class="lately-list">
                { for ins.lately.iter().map(|c| html! {
                    <li class="lately-cluster">
                        <div class="lately-head">
                            <span class="swatch" style={format!("background: {}", color(c.cluster))}></span>
                            <strong>{ cluster_name(c.cluster) }</strong>
                            { format!(": {} people, {} in the last 12 months, last {}", c.total, c.last_year, c.last) }
                        </div>
                        <span class="lately-people">{ c.people.iter().map(|p| format!("{} ({})", p.name, p.last)).collect::<Vec<_>>().join(", ") }</span>
                    </li>
                }) }
            </ul>
        </section>
        </>
    }
}

/// The goal picker's value from a `<select>` change.
fn select_value(e: &Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

/// The insights dialog.
#[function_component]
pub fn InsightsPanel(props: &InsightsPanelProps) -> Html {
    let cluster_pick = use_state(|| None::<usize>);
    let dialog = use_node_ref();
    // The focus goes in when it opens, stays in, and goes back when it closes; Escape closes.
    use_modal(dialog.clone(), props.on_close.clone());
    let close = props.on_close.reform(|_: MouseEvent| ());
    let (kind, function) = goal_choice(&props.goal);
    let on_kind = {
        let on_goal = props.on_goal.clone();
        Callback::from(move |e: Event| on_goal.emit(goal_from_choice(&select_value(&e), function)))
    };
    let on_function = {
        let on_goal = props.on_goal.clone();
        Callback::from(move |e: Event| {
            let f = select_value(&e)
                .parse::<usize>()
                .ok()
                .and_then(|i| Function::ALL.get(i).copied());
            on_goal.emit(goal_from_choice(kind, f));
        })
    };
    let function_required = matches!(props.goal, Goal::MoveInto { .. } | Goal::Hire { .. });
    let goal_picker = html! {
        <div class="goal-picker">
            <label class="select">
                <span>{ "My goal" }</span>
                <select aria-label="Goal" onchange={on_kind}>
                    { for GOAL_KINDS.iter().map(|(value, label)| html! {
                        <option value={*value} selected={*value == kind}>{ *label }</option>
                    }) }
                </select>
            </label>
            <label class="select">
                <span>{ "Field" }</span>
                <select aria-label="Field of the goal" onchange={on_function}>
                    if !function_required {
                        <option value="" selected={function.is_none()}>{ "Any (as now)" }</option>
                    }
                    { for Function::ALL.iter().enumerate().filter(|(_, f)| **f != Function::Other).map(|(i, f)| html! {
                        <option value={i.to_string()} selected={function == Some(*f)}>{ f.label() }</option>
                    }) }
                </select>
            </label>
        </div>
    };

    let body = match props.insights.as_deref() {
        None => html! { <p class="muted" role="status">{ "Measuring your map…" }</p> },
        Some(ins) => {
            let inferred = ins.ties_inferred_short.as_deref();
            // 1) composition
            let counts = cluster_pick
                .and_then(|c| ins.per_cluster.get(c))
                .unwrap_or(&ins.whole);
            let mut functions: Vec<Bar> = counts
                .by_function
                .iter()
                .filter(|(_, n)| *n > 0)
                .map(|(f, n)| Bar {
                    label: f.label().to_string(),
                    value: *n as f64,
                    text: n.to_string(),
                    color: None,
                })
                .collect();
            tiemap_core::order::sort_by_number(&mut functions, |b| {
                u128::from(!tiemap_core::order::f64_key(b.value))
            });
            let seniorities: Vec<Bar> = counts
                .by_seniority
                .iter()
                .map(|(s, n)| Bar {
                    label: s.label().to_string(),
                    value: *n as f64,
                    text: n.to_string(),
                    color: None,
                })
                .collect();
            let cluster_color = cluster_pick
                .and_then(|c| ins.clusters.get(c))
                .map(|c| rgb(c.color));
            let functions: Vec<Bar> = functions
                .into_iter()
                .map(|b| Bar {
                    color: cluster_color.clone(),
                    ..b
                })
                .collect();
            let seniorities: Vec<Bar> = seniorities
                .into_iter()
                .map(|b| Bar {
                    color: cluster_color.clone(),
                    ..b
                })
                .collect();
            let companies: Vec<Bar> = ins
                .companies
                .iter()
                .map(|c| Bar {
                    label: c.company.clone(),
                    value: c.people as f64,
                    text: c.people.to_string(),
                    color: None,
                })
                .collect();
            let on_cluster = {
                let cluster_pick = cluster_pick.clone();
                Callback::from(move |e: Event| {
                    cluster_pick.set(select_value(&e).parse::<usize>().ok())
                })
            };
            let d = &ins.diversity;
            // 3) growth
            let series: Vec<Series> = ins
                .clusters
                .iter()
                .map(|c| Series {
                    name: c.name.clone(),
                    color: rgb(c.color),
                })
                .collect();
            let values: Vec<Vec<f64>> = ins
                .growth
                .counts
                .iter()
                .map(|row| row.iter().map(|&n| n as f64).collect())
                .collect();
            let years: Vec<String> = ins.growth.years.iter().map(|y| y.to_string()).collect();
            let s = &ins.structure;
            let cluster_name = |i: usize| {
                ins.clusters
                    .get(i)
                    .map(|c| c.name.clone())
                    .unwrap_or_default()
            };
            html! {
                <>
                <section class="insight-section" aria-label="Composition">
                    <h3>{ "Composition" }</h3>
                    <label class="select cluster-pick">
                        <span>{ "Show" }</span>
                        <select aria-label="Cluster to describe" onchange={on_cluster}>
                            <option value="" selected={cluster_pick.is_none()}>{ format!("The whole network ({} people)", ins.people) }</option>
                            { for ins.clusters.iter().enumerate().map(|(i, c)| html! {
                                <option value={i.to_string()} selected={*cluster_pick == Some(i)}>{ format!("{} ({} people)", c.name, c.size) }</option>
                            }) }
                        </select>
                    </label>
                    <div class="chart-pair charts">
                        <figure class="chart-box">
                            <figcaption title={MEANING_FUNCTIONS}>{ "Functions" }<span class="meaning">{ MEANING_FUNCTIONS }</span></figcaption>
                            <BarChart label="People by function" bars={functions} />
                        </figure>
                        <figure class="chart-box">
                            <figcaption title={MEANING_SENIORITIES}>{ "Seniority" }<span class="meaning">{ MEANING_SENIORITIES }</span></figcaption>
                            <BarChart label="People by seniority" bars={seniorities} />
                        </figure>
                    </div>
                    <p class="muted" title={MEANING_UNTITLED}>{ format!("{} of {} people have no title and are not counted.", counts.untitled, counts.people) }</p>
                    <figure class="chart-box">
                        <figcaption title={MEANING_COMPANIES}>{ "Top companies (whole network)" }<span class="meaning">{ MEANING_COMPANIES }</span></figcaption>
                        <BarChart label="People by company" bars={companies} />
                    </figure>
                    <crate::components::TitleFixes titles={std::rc::Rc::new(ins.titles.clone())} on_edit={props.on_edit.clone()} />
                </section>

                <section class="insight-section" aria-label="Diversity">
                    <h3>{ "Diversity" }</h3>
                    <div class="figures">
                        { figure("Effective number of clusters", format!("{:.1}", d.clusters_effective), MEANING_EFFECTIVE_CLUSTERS, None) }
                        { figure("Function diversity (Blau)", format!("{:.2}", d.function_blau), MEANING_BLAU, None) }
                        { figure("Function diversity (Shannon)", format!("{:.2}", d.function_shannon), MEANING_SHANNON, None) }
                        { figure("Seniority diversity (Blau)", format!("{:.2}", d.seniority_blau), MEANING_BLAU, None) }
                        { figure("Seniority diversity (Shannon)", format!("{:.2}", d.seniority_shannon), MEANING_SHANNON, None) }
                        { figure("Company diversity (Blau)", format!("{:.2}", d.company_blau), MEANING_BLAU, None) }
                        { figure("Company diversity (Shannon)", format!("{:.2}", d.company_shannon), MEANING_SHANNON, None) }
                        { figure("Companies", d.companies.to_string(), "How many different employers the people on your map work for.", None) }
                    </div>
                    if !ins.by_year.is_empty() {
                        <p class="meaning">{ MEANING_YEAR_TABLE }</p>
                        <div class="year-table-box">
                            <table class="year-table">
                                <thead><tr>
                                    <th scope="col">{ "Year" }</th>
                                    <th scope="col" title="Connections made that year.">{ "New" }</th>
                                    <th scope="col" title="Everyone connected by the end of that year.">{ "So far" }</th>
                                    <th scope="col" title={MEANING_EFFECTIVE_CLUSTERS}>{ "Eff. clusters" }</th>
                                    <th scope="col" title={MEANING_BLAU}>{ "Functions (Blau)" }</th>
                                    <th scope="col" title={MEANING_BLAU}>{ "Seniority (Blau)" }</th>
                                    <th scope="col" title={MEANING_BLAU}>{ "Companies (Blau)" }</th>
                                </tr></thead>
                                <tbody>
                                    { for ins.by_year.iter().rev().map(|y| html! {
                                        <tr>
                                            <th scope="row">{ y.year }</th>
                                            <td>{ y.new_connections }</td>
                                            <td>{ y.cumulative.people }</td>
                                            <td>{ format!("{:.1}", y.cumulative.clusters_effective) }</td>
                                            <td>{ format!("{:.2}", y.cumulative.function_blau) }</td>
                                            <td>{ format!("{:.2}", y.cumulative.seniority_blau) }</td>
                                            <td>{ format!("{:.2}", y.cumulative.company_blau) }</td>
                                        </tr>
                                    }) }
                                </tbody>
                            </table>
                        </div>
                    }
                </section>

                <section class="insight-section" aria-label="Growth">
                    <h3>{ "Growth" }</h3>
                    <p class="meaning">{ MEANING_GROWTH }</p>
                    if years.is_empty() {
                        <p class="muted">{ "No one on this map has a connection date, so there is no growth to show." }</p>
                    } else {
                        <figure class="chart-box wide">
                            <StackedColumns label="Connections per year by cluster" categories={years} series={series} values={values} />
                        </figure>
                        <ul class="growth-legend">
                            { for ins.clusters.iter().take(10).map(|c| html! {
                                <li><span class="swatch" style={format!("background: {}", rgb(c.color))}></span>{ c.name.clone() }</li>
                            }) }
                        </ul>
                    }
                    if ins.growth.undated > 0 {
                        <p class="muted">{ format!("{} people have no connection date and are not counted.", ins.growth.undated) }</p>
                    }
                </section>

                { core_section(ins, &props.on_core) }
                { reconnect_section(ins) }

                <section class="insight-section" aria-label="Structure">
                    <h3>{ "Whole network: every connection" }</h3>
                    <p class="meaning">{ "These figures are over every connection on the map, with the ties among them as inferred; Burt's measures were made for the few dozen people one deals with (see your core network above), so over hundreds of connections they come out near their limits for anyone." }</p>
                    if let Some(note) = ins.ties_inferred.clone() {
                        <p class="inferred-note">{ note }</p>
                    }
                    if let Some(owner) = s.owner {
                        <div class="figures">
                            { figure("Your constraint (whole network)", owner.constraint.map(|c| format!("{c:.3}")).unwrap_or_else(|| "–".into()), MEANING_EGO_CONSTRAINT, inferred) }
                            { figure("Your effective size (whole network)", owner.effective_size.map(|c| format!("{c:.1}")).unwrap_or_else(|| "–".into()), MEANING_EGO_EFFECTIVE_SIZE, inferred) }
                            { figure("Your efficiency (whole network)", owner.efficiency.map(|c| format!("{:.0} %", c * 100.0)).unwrap_or_else(|| "–".into()), MEANING_EGO_EFFICIENCY, inferred) }
                        </div>
                    } else {
                        <p class="muted">{ "This file has no owner, so your own constraint and effective size cannot be measured." }</p>
                    }
                    <div class="chart-pair">
                        <div>
                            <h4 title={MEANING_HUBS}>{ "Hubs" }</h4>
                            <p class="meaning">{ MEANING_HUBS }</p>
                            if let Some(note) = inferred { <p class="figure-note">{ note }</p> }
                            { people_list(&s.hubs, ins, |v| format!("{v:.0} ties"), MEANING_DEGREE) }
                        </div>
                        <div>
                            <h4 title={MEANING_BETWEENNESS}>{ "Brokers" }</h4>
                            <p class="meaning">{ MEANING_BETWEENNESS }
                                { if s.betweenness_exact { String::new() } else { format!(" Estimated from {} people.", s.betweenness_sources) } }</p>
                            if let Some(note) = inferred { <p class="figure-note">{ note }</p> }
                            { people_list(&s.brokers, ins, |v| format!("{v:.3}"), MEANING_BETWEENNESS) }
                        </div>
                    </div>
                    <h4 title={MEANING_LONE_BRIDGE}>{ "Clusters that hang on one person" }</h4>
                    <p class="meaning">{ MEANING_LONE_BRIDGE }</p>
                    if let Some(note) = inferred { <p class="figure-note">{ note }</p> }
                    if s.lone_bridges.is_empty() {
                        <p class="muted">{ "None: every cluster of 5 or more people has links through several people." }</p>
                    } else {
                        <ul class="bridge-list">
                            { for s.lone_bridges.iter().map(|l| html! {
                                <li>{ match &l.person {
                                    Some(p) => format!("{} ({} people): every link to the rest runs through {p} ({} ties).", cluster_name(l.cluster), l.size, l.outside_ties),
                                    None => format!("{} ({} people): no link to the rest of your map except you.", cluster_name(l.cluster), l.size),
                                } }</li>
                            }) }
                        </ul>
                    }
                    <h4 title={MEANING_CLUSTER_BRIDGE}>{ "Clusters joined through one or two people" }</h4>
                    <p class="meaning">{ MEANING_CLUSTER_BRIDGE }</p>
                    if let Some(note) = inferred { <p class="figure-note">{ note }</p> }
                    if s.cluster_bridges.is_empty() {
                        <p class="muted">{ "None: your clusters are joined through many people." }</p>
                    } else {
                        <ul class="bridge-list">
                            { for s.cluster_bridges.iter().map(|b| html! {
                                <li>{ format!("{} and {}: through {} ({} ties)", cluster_name(b.clusters.0), cluster_name(b.clusters.1), b.people.join(" and "), b.ties) }</li>
                            }) }
                        </ul>
                        if s.cluster_bridges_total > s.cluster_bridges.len() {
                            <p class="muted">{ format!("and {} more pairs of smaller clusters.", s.cluster_bridges_total - s.cluster_bridges.len()) }</p>
                        }
                    }
                </section>

                <section class="insight-section" aria-label="Tie strength">
                    <h3>{ "Tie strength and recency" }</h3>
                    if let Some(hint) = ins.tie_strength_hint.clone() {
                        <p class="hint">{ hint }</p>
                    }
                    if let Some(t) = ins.tie_strength.as_ref() {
                        if let Some(text) = t.dormant_text.clone() {
                            <p class="dormant-text" title={MEANING_DORMANT}>{ text }</p>
                        }
                        <div class="chart-pair">
                            <div>
                                <h4 title={MEANING_TIE_SCORE}>{ "Strongest ties" }</h4>
                                <p class="meaning">{ MEANING_TIE_SCORE }</p>
                                { tie_list(&t.strongest) }
                            </div>
                            <div>
                                <h4 title={MEANING_DORMANT}>{ format!("Dormant strong ties ({})", t.dormant_total) }</h4>
                                <p class="meaning">{ MEANING_DORMANT }</p>
                                if t.dormant.is_empty() { <p class="muted">{ "None: you have kept writing to the people you wrote to often." }</p> }
                                { tie_list(&t.dormant) }
                            </div>
                        </div>
                        <h4 title={MEANING_ONE_WAY}>{ format!("One-way ties ({})", t.one_way_total) }</h4>
                        <p class="meaning">{ MEANING_ONE_WAY }</p>
                        <ul class="bridge-list">
                            { for t.one_way.iter().map(|o| html! {
                                <li>{ if o.they_wrote {
                                    format!("{} wrote you {} messages; you never answered.", o.name, o.messages)
                                } else {
                                    format!("You wrote {} {} messages; they never answered.", o.name, o.messages)
                                } }</li>
                            }) }
                        </ul>
                    }
                </section>

                <section class="insight-section" aria-label="What's missing">
                    <h3>{ "What's missing" }</h3>
                    { chapters_block(ins) }
                    { goal_picker.clone() }
                    if ins.goal != props.goal {
                        <p class="muted" role="status">{ "Looking for gaps…" }</p>
                    } else if ins.findings.is_empty() {
                        <p class="findings-empty">{ "Nothing is missing for this goal: your map has the people it needs." }</p>
                    } else {
                        <ul class="findings">
                            { for ins.findings.iter().map(|f| {
                                let (class, tag) = match f.tag {
                                    FindingTag::Missing => ("finding missing", "Missing"),
                                    FindingTag::Thin => ("finding thin", "Thin"),
                                    FindingTag::LoneBridge => ("finding bridge", "One bridge"),
                                    FindingTag::Quiet => ("finding quiet", "Quiet"),
                                };
                                html! { <li class={class}><span class="finding-tag">{ tag }</span>{ f.text.clone() }</li> }
                            }) }
                        </ul>
                    }
                </section>
                </>
            }
        }
    };
    let subtitle = props.insights.as_deref().map(|ins| {
        format!(
            "{} people, {} ties{}",
            ins.people,
            ins.ties,
            ins.as_of
                .as_ref()
                .map(|d| format!("; measured as of {d}, the latest date in your data"))
                .unwrap_or_default()
        )
    });
    html! {
        <div class="insights-backdrop">
            <section class="insights" role="dialog" aria-modal="true" aria-labelledby="insights-title" tabindex="-1" ref={dialog}>
                <header class="insights-head">
                    <div>
                        <h2 id="insights-title">{ "What the map says" }</h2>
                        if let Some(subtitle) = subtitle {
                            <p class="muted">{ subtitle }</p>
                        }
                    </div>
                    <button class="button secondary" onclick={close} aria-label="Close insights" title="Close (Escape)">{ "Close" }</button>
                </header>
                <div class="insights-body"><div class="insights-columns">{ body }</div></div>
            </section>
        </div>
    }
}
