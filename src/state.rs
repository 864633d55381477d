//! The page's state and the actions that change it (Yew's `Reducible`, as in todomvc).

use crate::protocol::MapEvent;
use std::rc::Rc;
use tiemap_app::model::{ClusterEdits, Edit, Explanation, MapData};
use yew::Reducible;

/// Everything the page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The map on screen. A failed import never replaces it.
    pub map: Option<Rc<MapData>>,
    /// Bumped each time `map` is replaced, so views know to refit.
    pub map_version: u32,
    /// The latest positions of the map's nodes (`[x0, y0, ...]`, graph space).
    pub positions: Option<Rc<Vec<f32>>>,
    /// The layout has settled.
    pub layout_converged: bool,
    /// How far the layout is from settled, 0 to 1.
    pub layout_progress: f32,
    /// The one-sentence error banner, if any.
    pub error: Option<String>,
    /// The worker stopped (a crash or out of memory): the banner offers to start it again.
    pub worker_stopped: bool,
    /// The worker has answered: it is downloaded and running (on a first visit it starts
    /// after the baked sample is drawn).
    pub worker_ready: bool,
    /// What the worker is doing, while it works.
    pub busy: Option<String>,
    /// A file is being dragged over the window.
    pub dragging: bool,
    /// The selected node and, once the worker answered, why it is tied to its neighbours.
    pub selected: Option<u32>,
    pub explanation: Option<Rc<Explanation>>,
    /// The layout is paused by the person.
    pub layout_paused: bool,
    /// The cluster the person highlighted (in the legend or on the map).
    pub highlighted_cluster: Option<u32>,
    /// The clustering resolution the person chose.
    pub resolution: f64,
    /// Clusters smaller than this are shown as "Other" (0: none).
    pub fold_below: u32,
    /// The person's edits of the clusters; the page sends them to the worker when they change.
    pub edits: ClusterEdits,
    /// Earlier edits, most recent last (Undo), and undone ones (Redo).
    pub undo: Vec<ClusterEdits>,
    pub redo: Vec<ClusterEdits>,
    /// What the map says, as last measured for the map on screen.
    pub insights: Option<Rc<tiemap_app::insights::Insights>>,
    /// What people's sizes stand for, and the values the worker sent for it (`None` while
    /// they are measured, and always for `SizeBy::Ties`, which the map itself carries).
    pub size_by: tiemap_app::model::SizeBy,
    pub sizes: Option<Rc<tiemap_app::model::Sizes>>,
    /// Counts the maps (and re-inferred ties) received: sizes are measured again for each.
    pub loads: u32,
    /// The person asked for less motion (`prefers-reduced-motion`): the map does not move
    /// while the layout runs; it shows where the layout settles (or is paused).
    pub still: bool,
    /// With `still`: the latest frame of a layout still running, shown when it is paused.
    pub held_positions: Option<Rc<Vec<f32>>>,
    /// The title of the map open before this one (not the sample): what changed can be told.
    pub previous_map: Option<String>,
    /// What changed since `previous_map`, as last measured.
    pub changes: Option<Rc<tiemap_app::diff::Changes>>,
    /// The next ties to ask about ("Check ties"), for the map on screen.
    pub questions: Option<Rc<tiemap_app::model::Questions>>,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            map: None,
            map_version: 0,
            positions: None,
            layout_converged: false,
            layout_progress: 0.0,
            error: None,
            worker_stopped: false,
            worker_ready: false,
            busy: None,
            dragging: false,
            selected: None,
            explanation: None,
            layout_paused: false,
            highlighted_cluster: None,
            resolution: 1.0,
            fold_below: 0,
            edits: ClusterEdits::default(),
            undo: Vec::new(),
            redo: Vec::new(),
            insights: None,
            size_by: tiemap_app::model::SizeBy::Ties,
            sizes: None,
            loads: 0,
            still: false,
            held_positions: None,
            previous_map: None,
            changes: None,
            questions: None,
        }
    }
}

/// How many edits can be undone.
pub const UNDO_DEPTH: usize = 200;

/// What can happen to the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    DragEnter,
    DragLeave,
    /// Work started (reading files, building the sample).
    StartWork {
        what: String,
    },
    /// The worker answered.
    Worker(MapEvent),
    /// Something failed on the page's side (a file too large to read, say).
    Fail {
        sentence: String,
    },
    DismissError,
    /// The worker stopped; the map on screen stays.
    WorkerStopped {
        sentence: String,
    },
    /// A new worker was started after one stopped.
    WorkerRestarted,
    /// The worker answered for the first time since it was started.
    WorkerReady,
    /// The person selected a node (or cleared the selection).
    Select(Option<u32>),
    /// The person paused or resumed the layout.
    SetPaused(bool),
    /// The person highlighted a cluster (or cleared the highlight).
    Highlight(Option<u32>),
    /// The person chose a clustering resolution.
    SetResolution(f64),
    /// The person chose the size under which clusters fold into "Other" (0: none).
    SetFold(u32),
    /// The person edited the clusters (undoable).
    Edit(Edit),
    Undo,
    Redo,
    /// Edits restored from a save: they replace the current ones, with a fresh history.
    RestoreEdits(ClusterEdits),
    /// Another tab stored `theirs` for this map since this tab saw `base`: their changes
    /// join this tab's edits and its undo and redo history (`tiemap_app::tabs`), so Undo
    /// here never takes back the other tab's edit.
    FromOtherTab {
        base: ClusterEdits,
        theirs: ClusterEdits,
    },
    /// The person chose what people's sizes stand for.
    SizeBy(tiemap_app::model::SizeBy),
}

impl AppState {
    /// The next state after `action` (pure, so it is tested natively).
    pub fn next(&self, action: Action) -> AppState {
        let mut s = self.clone();
        match action {
            Action::DragEnter => s.dragging = true,
            Action::DragLeave => s.dragging = false,
            Action::StartWork { what } => {
                s.dragging = false;
                s.busy = Some(what);
            }
            Action::Worker(MapEvent::Progress { stage, fraction }) => {
                // the stage, and how far it is once it has said (a fraction of the stage)
                s.busy = Some(if fraction > 0.0 {
                    format!("{stage}: {:.0} %", (fraction * 100.0).floor())
                } else {
                    stage
                });
            }
            Action::Worker(MapEvent::Loaded(map)) => {
                let same_map = s.map.as_ref().map(|m| m.map_id) == Some(map.map_id);
                if !same_map {
                    s.previous_map = s
                        .map
                        .as_ref()
                        .filter(|m| !m.is_sample)
                        .map(|m| m.title.clone());
                    s.changes = None;
                }
                s.busy = None;
                s.error = None;
                s.positions = Some(Rc::new(map.pos_in_graph.clone()));
                s.layout_converged = false;
                s.layout_progress = 0.0;
                s.layout_paused = false;
                // The map comes with its settings and edits (a restored map with saved ones).
                s.resolution = map.resolution;
                s.fold_below = map.fold_below;
                s.edits = map.edits.clone();
                s.map = Some(Rc::new(*map));
                if !same_map {
                    // A new map: refit the view, forget the selection, the highlight and the
                    // edit history.
                    s.map_version += 1;
                    s.selected = None;
                    s.highlighted_cluster = None;
                    s.undo.clear();
                    s.redo.clear();
                    s.questions = None;
                }
                s.explanation = None;
                s.sizes = None;
                s.loads += 1;
            }
            Action::Worker(MapEvent::Reinferred(map)) => {
                // Ties inferred again after answers: the same map with new ties and clusters.
                // The page's edits stay as they are (a later answer may be on its way).
                if s.map.as_ref().map(|m| m.map_id) == Some(map.map_id) {
                    s.positions = Some(Rc::new(map.pos_in_graph.clone()));
                    s.layout_converged = false;
                    s.layout_progress = 0.0;
                    s.layout_paused = false;
                    if let Some(h) = s.highlighted_cluster {
                        if !map.clusters.iter().any(|c| c.id == h) {
                            s.highlighted_cluster = None;
                        }
                    }
                    s.map = Some(Rc::new(*map));
                    s.explanation = None;
                    s.sizes = None;
                    s.loads += 1;
                }
                s.busy = None;
            }
            Action::Worker(MapEvent::Questions(questions)) => {
                if s.map.as_ref().map(|m| m.map_id) == Some(questions.map_id) {
                    s.questions = Some(Rc::new(questions));
                }
            }
            Action::Worker(MapEvent::Clusters(update)) => {
                if let Some(map) = s.map.as_ref().filter(|m| m.map_id == update.map_id) {
                    let mut next = (**map).clone();
                    for (node, cluster) in next.nodes.iter_mut().zip(&update.node_clusters) {
                        node.cluster = *cluster;
                    }
                    for (node, sub) in next.nodes.iter_mut().zip(&update.node_subclusters) {
                        node.subcluster = *sub;
                    }
                    next.clusters = update.clusters;
                    next.subclusters = update.subclusters;
                    next.modularity = update.modularity;
                    if let Some(h) = s.highlighted_cluster {
                        if !next.clusters.iter().any(|c| c.id == h) {
                            // The highlighted cluster was folded away or split.
                            s.highlighted_cluster = None;
                        }
                    }
                    s.map = Some(Rc::new(next));
                }
                s.busy = None;
            }
            Action::Worker(MapEvent::Explanation(why)) => {
                let current = s.map.as_ref().map(|m| m.map_id);
                if current == Some(why.map_id) && s.selected == Some(why.node) {
                    s.explanation = Some(Rc::new(why));
                }
            }
            Action::Select(node) => {
                s.selected = node;
                s.explanation = None;
            }
            Action::SetPaused(paused) => {
                s.layout_paused = paused;
                if paused {
                    let nodes = s.map.as_ref().map_or(0, |m| m.nodes.len());
                    if let Some(held) = s.held_positions.take().filter(|p| p.len() == 2 * nodes) {
                        s.positions = Some(held);
                    }
                }
                if !paused {
                    // Resumed or restarted: running until the worker says it settled.
                    s.layout_converged = false;
                }
            }
            Action::Highlight(cluster) => s.highlighted_cluster = cluster,
            Action::SetFold(below) => s.fold_below = below,
            Action::Edit(edit) => {
                let next = s.edits.with(edit);
                if next != s.edits {
                    s.undo.push(std::mem::replace(&mut s.edits, next));
                    if s.undo.len() > UNDO_DEPTH {
                        s.undo.remove(0);
                    }
                    s.redo.clear();
                }
            }
            Action::Undo => {
                if let Some(previous) = s.undo.pop() {
                    s.redo.push(std::mem::replace(&mut s.edits, previous));
                }
            }
            Action::Redo => {
                if let Some(next) = s.redo.pop() {
                    s.undo.push(std::mem::replace(&mut s.edits, next));
                }
            }
            Action::RestoreEdits(edits) => {
                s.edits = edits;
                s.undo.clear();
                s.redo.clear();
            }
            Action::FromOtherTab { base, theirs } => {
                let history = tiemap_app::tabs::History {
                    current: std::mem::take(&mut s.edits),
                    undo: std::mem::take(&mut s.undo),
                    redo: std::mem::take(&mut s.redo),
                }
                .take_in(&base, &theirs);
                s.edits = history.current;
                s.undo = history.undo;
                s.redo = history.redo;
            }
            Action::SetResolution(resolution) => {
                s.resolution = resolution;
                s.busy = Some("Finding clusters".to_string());
            }
            Action::Worker(MapEvent::Positions(frame)) => {
                let current = s.map.as_ref().map(|m| (m.map_id, m.nodes.len()));
                let this_map = current == Some((frame.map_id, frame.pos_in_graph.len() / 2));
                // The worker answers commands with the positions (a snapshot, an explanation):
                // the same positions keep the same `Rc`, so the map is not drawn again (every tie
                // of a 30,000-person map took 1.7 s here).
                let same = s
                    .positions
                    .as_ref()
                    .is_some_and(|p| **p == frame.pos_in_graph);
                if this_map && same {
                    s.held_positions = None;
                    s.layout_converged = frame.converged;
                    s.layout_progress = frame.progress;
                } else if this_map {
                    let positions = Some(Rc::new(frame.pos_in_graph));
                    if s.still && !frame.converged {
                        s.held_positions = positions;
                    } else {
                        s.positions = positions;
                        s.held_positions = None;
                    }
                    s.layout_converged = frame.converged;
                    s.layout_progress = frame.progress;
                }
            }
            Action::Worker(MapEvent::Failed { sentence }) | Action::Fail { sentence } => {
                s.busy = None;
                s.dragging = false;
                s.error = Some(sentence);
            }
            Action::DismissError => s.error = None,
            Action::WorkerStopped { sentence } => {
                s.busy = None;
                s.error = Some(sentence);
                s.worker_stopped = true;
                s.worker_ready = false;
            }
            Action::WorkerRestarted => {
                s.worker_stopped = false;
                s.error = None;
            }
            Action::WorkerReady => s.worker_ready = true,
            Action::Worker(MapEvent::Synced(map)) => {
                // The worker caught up with the baked sample on screen: the same map, so
                // nothing to redraw. Should its build compute anything differently, its map
                // takes the place of the shown one, settled, keeping the view and the
                // person's edits.
                let shown = s.map.as_ref().filter(|m| m.map_id == map.map_id);
                if shown.is_some_and(|shown| **shown != *map) {
                    s.positions = Some(Rc::new(map.pos_in_graph.clone()));
                    s.held_positions = None;
                    s.layout_converged = true;
                    s.layout_progress = 1.0;
                    s.map = Some(Rc::new(*map));
                    s.explanation = None;
                    s.sizes = None;
                    s.loads += 1;
                }
            }
            // Saving is the page's business (src/components/app.rs), not the state's.
            // The page opens the map it holds (`Persist::on_event`), which says so.
            Action::Worker(
                MapEvent::Snapshot(_) | MapEvent::Project { .. } | MapEvent::People { .. },
            ) => {}
            Action::Worker(MapEvent::File { .. }) => s.busy = None,
            Action::Worker(MapEvent::Sizes(sizes)) => {
                // Only for the map on screen and the choice still made.
                let nodes = s
                    .map
                    .as_ref()
                    .filter(|m| m.map_id == sizes.map_id)
                    .map(|m| m.nodes.len());
                if nodes == Some(sizes.values.len()) && sizes.by == s.size_by {
                    s.sizes = Some(Rc::new(sizes));
                }
            }
            Action::SizeBy(by) => {
                if by != s.size_by {
                    s.size_by = by;
                    s.sizes = None;
                }
            }
            Action::Worker(MapEvent::Changes(changes)) => {
                s.busy = None;
                s.changes = Some(Rc::new(*changes));
            }
            Action::Worker(MapEvent::Insights(insights)) => {
                // Answers about a map no longer on screen are dropped.
                if s.map.as_ref().map(|m| m.map_id) == Some(insights.map_id) {
                    s.insights = Some(Rc::new(*insights));
                }
            }
        }
        s
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.next(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(title: &str) -> MapData {
        MapData {
            map_id: 1,
            clusters: Vec::new(),
            modularity: 0.0,
            density: 0.0,
            signals: None,
            title: title.into(),
            summary: String::new(),
            ties_note: String::new(),
            nodes: Vec::new(),
            ties: Vec::new(),
            pos_in_graph: Vec::new(),
            report: Vec::new(),
            is_sample: false,
            fingerprint: String::new(),
            resolution: 1.0,
            fold_below: 0,
            edits: Default::default(),
            ..Default::default()
        }
    }

    #[test]
    fn a_failure_keeps_the_map_on_screen() {
        let s = AppState::default().next(Action::Worker(MapEvent::Loaded(Box::new(map("first")))));
        assert_eq!(s.map_version, 1);
        let s = s.next(Action::StartWork {
            what: "Reading x.png".into(),
        });
        assert!(s.busy.is_some());
        let s = s.next(Action::Worker(MapEvent::Failed {
            sentence: "tiemap can't read x.png.".into(),
        }));
        assert_eq!(s.map.as_ref().map(|m| m.title.as_str()), Some("first"));
        assert_eq!(s.map_version, 1);
        assert_eq!(s.error.as_deref(), Some("tiemap can't read x.png."));
        assert!(s.busy.is_none());
        let mut second = map("second");
        second.map_id = 2;
        let s = s.next(Action::Worker(MapEvent::Loaded(Box::new(second))));
        assert!(s.error.is_none());
        assert_eq!(s.map_version, 2);
    }

    #[test]
    fn the_workers_sync_of_the_shown_sample_changes_nothing_unless_its_map_differs() {
        let mut baked = map("Sample network");
        baked.pos_in_graph = vec![1.0, 2.0];
        let frame = tiemap_app::model::Positions {
            map_id: 1,
            pos_in_graph: baked.pos_in_graph.clone(),
            converged: true,
            iterations: 0,
            progress: 1.0,
        };
        let s = AppState::default()
            .next(Action::Worker(MapEvent::Loaded(Box::new(baked.clone()))))
            .next(Action::Worker(MapEvent::Positions(frame)))
            .next(Action::Edit(Edit::Rename {
                cluster: 3,
                name: "Mine".into(),
            }));
        let same = s
            .clone()
            .next(Action::Worker(MapEvent::Synced(Box::new(baked.clone()))));
        assert_eq!(same, s, "nothing changes, nothing is drawn again");
        let mut other = baked.clone();
        other.pos_in_graph = vec![3.0, 4.0];
        let taken = s
            .clone()
            .next(Action::Worker(MapEvent::Synced(Box::new(other.clone()))));
        assert_eq!(taken.map.as_deref(), Some(&other));
        assert_eq!(taken.positions.as_deref(), Some(&vec![3.0, 4.0]));
        assert!(taken.layout_converged);
        assert_eq!(taken.map_version, s.map_version, "the view is kept");
        assert_eq!(taken.edits, s.edits, "the person's edits are kept");
        let mut stale = other;
        stale.map_id = 7;
        assert_eq!(
            s.clone()
                .next(Action::Worker(MapEvent::Synced(Box::new(stale)))),
            s,
            "a map no longer on screen is dropped"
        );
    }

    #[test]
    fn position_frames_of_another_map_are_dropped() {
        let mut m = map("m");
        m.nodes = vec![
            tiemap_app::model::NodeView {
                key: "ka".into(),
                label: "a".into(),
                company: None,
                title: None,
                url: None,
                degree: 0,
                cluster: 0,
                connected: None,
                ..Default::default()
            };
            2
        ];
        m.pos_in_graph = vec![0.0; 4];
        let s = AppState::default().next(Action::Worker(MapEvent::Loaded(Box::new(m))));
        let frame = |map_id, n: usize, converged| {
            Action::Worker(MapEvent::Positions(tiemap_app::model::Positions {
                map_id,
                pos_in_graph: vec![1.0; n * 2],
                converged,
                iterations: 10,
                progress: 0.5,
            }))
        };
        let stale = s.next(frame(0, 2, true));
        assert_eq!(stale.positions.as_deref(), Some(&vec![0.0; 4]));
        let wrong_len = s.next(frame(1, 3, true));
        assert_eq!(wrong_len.positions.as_deref(), Some(&vec![0.0; 4]));
        let fresh = s.next(frame(1, 2, true));
        assert_eq!(fresh.positions.as_deref(), Some(&vec![1.0; 4]));
        assert!(fresh.layout_converged);
        // The same positions again (the worker answering a command) keep the map's `Rc`: the
        // map is not drawn again.
        let again = fresh.next(frame(1, 2, true));
        let (a, b) = (fresh.positions.as_ref(), again.positions.as_ref());
        assert!(a.zip(b).is_some_and(|(a, b)| Rc::ptr_eq(a, b)));

        // Less motion asked for: frames of a running layout do not move the map; the settled
        // frame does, and a pause shows where the layout got to.
        let still = AppState {
            still: true,
            ..s.clone()
        };
        let running = still.next(frame(1, 2, false));
        assert_eq!(running.positions.as_deref(), Some(&vec![0.0; 4]));
        assert_eq!(
            running.clone().next(frame(1, 2, true)).positions.as_deref(),
            Some(&vec![1.0; 4])
        );
        let paused = running.next(Action::SetPaused(true));
        assert_eq!(paused.positions.as_deref(), Some(&vec![1.0; 4]));
        assert!(paused.held_positions.is_none());
    }

    #[test]
    fn a_highlight_on_a_cluster_that_is_folded_away_is_cleared() {
        use tiemap_app::model::{ClusterUpdate, ClusterView, OTHER_CLUSTER_ID};
        let view = |id, size| ClusterView {
            id,
            name: format!("c{id}"),
            suggested_name: String::new(),
            color: [0, 0, 0],
            size,
            folded: 0,
            hidden: false,
            ..Default::default()
        };
        let mut m = map("m");
        m.clusters = vec![view(4, 10), view(7, 2)];
        let s = AppState::default()
            .next(Action::Worker(MapEvent::Loaded(Box::new(m))))
            .next(Action::SetFold(3))
            .next(Action::Highlight(Some(7)));
        assert_eq!(s.fold_below, 3);
        let update = |clusters| {
            Action::Worker(MapEvent::Clusters(ClusterUpdate {
                map_id: 1,
                node_clusters: Vec::new(),
                clusters,
                modularity: 0.5,
                ..Default::default()
            }))
        };
        let kept = s.next(update(vec![view(4, 10), view(7, 2)]));
        assert_eq!(kept.highlighted_cluster, Some(7));
        let folded = s.next(update(vec![view(4, 10), view(OTHER_CLUSTER_ID, 2)]));
        assert_eq!(folded.highlighted_cluster, None);
        assert_eq!(folded.map.as_ref().map(|m| m.clusters.len()), Some(2));
        // A new map starts unfolded.
        let mut other = map("other");
        other.map_id = 2;
        let fresh = folded.next(Action::Worker(MapEvent::Loaded(Box::new(other))));
        assert_eq!(fresh.fold_below, 0);
    }

    #[test]
    fn edits_undo_and_redo_and_a_new_map_starts_clean() {
        let rename = |name: &str| Edit::Rename {
            cluster: 3,
            name: name.into(),
        };
        let s = AppState::default()
            .next(Action::Worker(MapEvent::Loaded(Box::new(map("m")))))
            .next(Action::Edit(rename("Alpha")))
            .next(Action::Edit(Edit::SetHidden {
                cluster: 4,
                hidden: true,
            }));
        assert_eq!(s.edits.names.get(&3).map(String::as_str), Some("Alpha"));
        assert!(s.edits.hidden.contains(&4));
        assert_eq!(s.undo.len(), 2);
        // An edit that changes nothing is not an undo step.
        let same = s.next(Action::Edit(rename("Alpha")));
        assert_eq!(same.undo.len(), 2);
        let undone = s.next(Action::Undo);
        assert!(!undone.edits.hidden.contains(&4));
        assert_eq!(
            undone.edits.names.get(&3).map(String::as_str),
            Some("Alpha")
        );
        let twice = undone.next(Action::Undo);
        assert_eq!(twice.edits, ClusterEdits::default());
        assert_eq!(twice.next(Action::Undo), twice, "nothing left to undo");
        let redone = twice.next(Action::Redo).next(Action::Redo);
        assert_eq!(redone.edits, s.edits);
        assert_eq!(redone.next(Action::Redo), redone, "nothing left to redo");
        // A new edit after undo drops the redo history.
        let branched = undone.next(Action::Edit(rename("Beta")));
        assert!(branched.redo.is_empty());
        // The same map loaded again (new signals) comes with the edits the worker has, and
        // keeps the history; a new map starts clean.
        let mut again = map("m");
        again.edits = s.edits.clone();
        let same_map = s.next(Action::Worker(MapEvent::Loaded(Box::new(again))));
        assert_eq!(same_map.edits, s.edits);
        assert_eq!(same_map.undo.len(), 2);
        let mut other = map("other");
        other.map_id = 9;
        let fresh = s.next(Action::Worker(MapEvent::Loaded(Box::new(other))));
        assert_eq!(fresh.edits, ClusterEdits::default());
        assert!(fresh.undo.is_empty());
    }

    #[test]
    fn undo_after_another_tabs_edit_keeps_that_edit() {
        let rename = |cluster, name: &str| Edit::Rename {
            cluster,
            name: name.into(),
        };
        let s = AppState::default()
            .next(Action::Worker(MapEvent::Loaded(Box::new(map("m")))))
            .next(Action::Edit(rename(1, "Mine")));
        let base = s.edits.clone();
        let theirs = base.with(rename(2, "Theirs"));
        let s = s.next(Action::FromOtherTab {
            base,
            theirs: theirs.clone(),
        });
        assert_eq!(s.edits, theirs);
        let undone = s.next(Action::Undo);
        assert_eq!(
            undone.edits.names.get(&1),
            None,
            "this tab's rename is undone"
        );
        assert_eq!(
            undone.edits.names.get(&2).map(String::as_str),
            Some("Theirs"),
            "the other tab's rename stays"
        );
        assert_eq!(undone.next(Action::Redo).edits, theirs);
    }

    #[test]
    fn answers_are_edits_and_reinferred_ties_keep_them_and_their_history() {
        use tiemap_core::infer::checking::Answer;
        let s = AppState::default().next(Action::Worker(MapEvent::Loaded(Box::new(map("m")))));
        let answer = |a: &str, answer| {
            Action::Edit(Edit::AnswerTie {
                a: a.into(),
                b: "z".into(),
                answer: Some(answer),
                checks: None,
            })
        };
        let s = s
            .next(answer("a", Answer::DontKnow))
            .next(answer("b", Answer::Know));
        assert_eq!(s.edits.ties.answers.len(), 2);
        // the worker's answer to the first edit arrives after the second was made: the
        // page's edits and history stay, the map is replaced
        let mut reinferred = map("m");
        reinferred.ties = vec![0, 1];
        reinferred.edits = s.undo[1].clone();
        let r = s.next(Action::Worker(MapEvent::Reinferred(Box::new(reinferred))));
        assert_eq!(r.edits, s.edits);
        assert_eq!(r.undo.len(), 2);
        assert_eq!(r.map.as_ref().unwrap().ties, vec![0, 1]);
        assert_eq!(r.map_version, s.map_version, "the view is not refitted");
        assert_eq!(r.loads, s.loads + 1);
        let undone = r.next(Action::Undo);
        assert_eq!(undone.edits.ties.answers.len(), 1);
        // ties inferred again for another map are dropped
        let mut other = map("other");
        other.map_id = 9;
        let kept = r.next(Action::Worker(MapEvent::Reinferred(Box::new(other))));
        assert_eq!(kept.map, r.map);
    }

    #[test]
    fn a_stopped_worker_keeps_the_map_and_offers_a_retry() {
        let s = AppState::default()
            .next(Action::Worker(MapEvent::Loaded(Box::new(map("kept")))))
            .next(Action::StartWork {
                what: "Reading big.csv".into(),
            })
            .next(Action::WorkerStopped {
                sentence: "tiemap's worker stopped.".into(),
            });
        assert!(s.worker_stopped);
        assert!(s.busy.is_none());
        assert_eq!(s.map.as_ref().map(|m| m.title.as_str()), Some("kept"));
        let s = s.next(Action::WorkerRestarted);
        assert!(!s.worker_stopped);
        assert!(s.error.is_none());
        assert_eq!(s.map.as_ref().map(|m| m.title.as_str()), Some("kept"));
    }

    #[test]
    fn drag_overlay_follows_the_drag() {
        let s = AppState::default().next(Action::DragEnter);
        assert!(s.dragging);
        assert!(!s.next(Action::DragLeave).dragging);
        assert!(!s.next(Action::StartWork { what: "x".into() }).dragging);
    }

    #[test]
    fn sizes_are_kept_only_for_the_map_and_choice_on_screen() {
        use tiemap_app::model::{SizeBy, Sizes};
        let mut m = map("m");
        m.nodes = vec![Default::default(); 3];
        let s = AppState::default().next(Action::Worker(MapEvent::Loaded(Box::new(m.clone()))));
        let sizes = |map_id, by, n| Sizes {
            map_id,
            by,
            values: vec![1.0; n],
            meaning: String::new(),
        };
        let s = s.next(Action::SizeBy(SizeBy::Brokerage));
        // Stale: another map, another choice, or the wrong length.
        for stale in [
            sizes(9, SizeBy::Brokerage, 3),
            sizes(1, SizeBy::Strength, 3),
            sizes(1, SizeBy::Brokerage, 2),
        ] {
            assert!(s
                .next(Action::Worker(MapEvent::Sizes(stale)))
                .sizes
                .is_none());
        }
        let s = s.next(Action::Worker(MapEvent::Sizes(sizes(
            1,
            SizeBy::Brokerage,
            3,
        ))));
        assert!(s.sizes.is_some());
        // A new load (re-inferred ties) drops them so they are measured again.
        let loads = s.loads;
        let s = s.next(Action::Worker(MapEvent::Loaded(Box::new(m))));
        assert!(s.sizes.is_none());
        assert_eq!(s.loads, loads + 1);
        assert_eq!(s.size_by, SizeBy::Brokerage, "the choice stays");
    }
}
