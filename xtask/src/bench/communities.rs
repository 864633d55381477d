//! The communities area: Leiden, ours in wasm beside graphology's Louvain in the same page
//! (`community.json`, page.mjs's `communities`), igraph's Leiden natively (`igraph.json`) and
//! ours natively (criterion).

use super::criterion;
use super::goals::{Goal, COMMUNITY_TIME, MODULARITY};
use super::report::{fmt, int, table, Run, Section};
use super::results::Results;
use serde::Deserialize;
use std::fmt::Write as _;

/// `community.json`.
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct Communities {
    pub browser: Option<String>,
    pub graphs: Vec<Graph>,
}

#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct Graph {
    pub graph: Option<String>,
    pub nodes: Option<f64>,
    pub edges: Option<f64>,
    pub ours: Side,
    pub graphology_louvain: Side,
}

/// One side's runs over the seeds (modularity by our formula for both sides).
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct Side {
    pub best_modularity: Option<f64>,
    pub median_ms: Option<f64>,
}

/// ">= igraph's - 0.001"
fn modularity_goal(g: &Goal) -> String {
    let sign = if g.threshold < 0.0 { '-' } else { '+' };
    format!(
        "{} igraph's {sign} {}",
        g.direction.op(),
        g.unit.show(g.threshold.abs())
    )
}

/// "<= igraph" (and its margin, if any)
fn time_goal(g: &Goal) -> String {
    if g.threshold == 0.0 {
        format!("{} igraph", g.direction.op())
    } else {
        format!("{} igraph + {}", g.direction.op(), g.value())
    }
}

/// "Communities", with its goals: modularity against igraph's on every graph, and the time
/// against igraph's on the big ones.
pub fn section(r: &Results, _run: &Run) -> Section {
    let igraph = &r.igraph.got;
    let mut goals = Vec::new();
    let mut sec = String::new();
    let _ = writeln!(sec, "## Communities\n");
    let _ = writeln!(
        sec,
        "Best modularity over seeds and median time of one run. Ours: Leiden (`community::leiden`, default settings) \
         in wasm. graphology-communities-louvain in the same page, its partition scored with our `modularity` \
         (resolution 1, weighted). igraph: `community_leiden(objective_function=\"modularity\", n_iterations=-1)`, native, \
         from `tools/bench/community/compare.py` (best of {} seeds); ours native: criterion `community_*` (mean). \
         Planted graphs: mean degree 15, mixing 0.25.\n",
        fmt(igraph.seeds, 0)
    );
    let mut rows = Vec::new();
    for g in &r.community.got.graphs {
        let name = g.graph.as_deref().unwrap_or("?");
        let ig = igraph.graph(name);
        let q_ours = g.ours.best_modularity;
        let q_ig = ig.and_then(|s| s.best_modularity);
        let gap = q_ours.zip(q_ig).map(|(a, b)| a - b);
        let gap_text = gap.map_or("-".into(), |g| format!("{g:+.6}"));
        let q_met = MODULARITY.met(gap);
        let t_ours = g.ours.median_ms;
        let t_ig = ig.and_then(|s| s.median_time_s).map(|s| s * 1000.0);
        let nodes = g.nodes.unwrap_or(0.0);
        let time_goal_stated = COMMUNITY_TIME.applies_to(nodes);
        let t_met = COMMUNITY_TIME.met(t_ours.zip(t_ig).map(|(a, b)| a - b));
        let native = criterion::native_ms(&r.criterion.got, &criterion::leiden(name, nodes));
        rows.push(vec![
            name.to_string(),
            int(nodes),
            fmt(g.edges, 0),
            fmt(q_ours, 4),
            fmt(g.graphology_louvain.best_modularity, 4),
            fmt(q_ig, 4),
            gap_text.clone(),
            q_met.to_string(),
            fmt(t_ours, 1),
            fmt(g.graphology_louvain.median_ms, 1),
            fmt(t_ig, 1),
            fmt(native, 1),
            if time_goal_stated {
                t_met.to_string()
            } else {
                String::new()
            },
        ]);
        goals.push(MODULARITY.row(
            format!("{} on {name}", MODULARITY.what),
            modularity_goal(&MODULARITY),
            gap_text,
            q_met,
        ));
        if time_goal_stated {
            goals.push(COMMUNITY_TIME.row(
                format!("{} on {name}", COMMUNITY_TIME.what),
                format!("{} native", time_goal(&COMMUNITY_TIME)),
                format!("{} ms vs {} ms", fmt(t_ours, 0), fmt(t_ig, 0)),
                t_met,
            ));
        }
    }
    let head = format!(
        "| graph | nodes | ties | Q ours | Q graphology | Q igraph | Q ours - igraph | met ({}) | ours, wasm (ms) | graphology (ms) | igraph, native (ms) | ours, native (ms) | time met (wasm {}) |\n\
         |---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|",
        MODULARITY.bound(),
        time_goal(&COMMUNITY_TIME)
    );
    sec.push_str(&table(&head, &rows, r.community.why()));
    Section {
        markdown: sec,
        goals,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::goals::{Direction, Met};

    #[test]
    fn goals_read_as_before() {
        assert_eq!(modularity_goal(&MODULARITY), ">= igraph's - 0.001");
        assert_eq!(time_goal(&COMMUNITY_TIME), "<= igraph");
        let slack = Goal {
            threshold: 50.0,
            direction: Direction::Below,
            ..COMMUNITY_TIME
        };
        assert_eq!(time_goal(&slack), "< igraph + 50 ms");
        assert_eq!(slack.met(Some(49.0)), Met::Yes);
    }
}
