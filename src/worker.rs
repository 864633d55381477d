//! The web worker: imports files, infers ties, finds clusters and runs the layout off the
//! page's thread, streaming positions every frame.

use crate::protocol::{MapCommand, MapEvent, Source};
use gloo::worker::{HandlerId, Worker, WorkerScope};
use std::rc::Rc;
use tiemap_app::model::SavedState;
use tiemap_app::project::{read_project, ProjectError};
use tiemap_app::saver::{open_project, project_of, MapInput};
use tiemap_app::session::{Session, SessionError, SessionSettings};

/// How long one layout slice may run before the worker sends a frame and checks its inbox.
pub const FRAME_BUDGET_MS: f64 = 14.0;

/// How often the worker sends the page new positions while the layout runs: every slice for
/// small maps, less often for big ones (each frame is a copy of every position and a redraw
/// on the page's thread, which shares the machine's cores with the layout): 16 ms up to
/// about 5,000 people, then one more millisecond per 300 people, at most 250 ms.
pub fn frame_interval_ms(nodes: usize) -> f64 {
    (nodes as f64 / 300.0).clamp(16.0, 250.0)
}

/// Internal messages of the worker.
pub enum Tick {
    /// Run the next slice of the layout.
    Layout,
}

/// The map worker. The page spawns one and talks to it with [`MapCommand`]s.
pub struct MapWorker {
    session: Option<Session>,
    /// The map open before this one, kept to tell what changed (`MapCommand::Compare`).
    previous: Option<Session>,
    /// Iterations per slice, adapted to [`FRAME_BUDGET_MS`] by the last slices' speed.
    slice: SliceSize,
    /// When the page was last sent positions (ms, the worker's clock).
    last_frame_ms: f64,
    next_map_id: u32,
    /// Who to send frames to (the page).
    page: Option<HandlerId>,
    tick_scheduled: bool,
}

impl Worker for MapWorker {
    type Message = Tick;
    type Input = MapCommand;
    type Output = MapEvent;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        MapWorker {
            session: None,
            previous: None,
            slice: SliceSize::default(),
            last_frame_ms: 0.0,
            next_map_id: 1,
            page: None,
            tick_scheduled: false,
        }
    }

    fn update(&mut self, scope: &WorkerScope<Self>, Tick::Layout: Self::Message) {
        self.tick_scheduled = false;
        let (Some(session), Some(page)) = (self.session.as_mut(), self.page) else {
            return;
        };
        if !session.layout_running() {
            return;
        }
        // Several iterations per call (as many as fit the budget at the last measured speed),
        // then one frame for the slice.
        let start = js_sys::Date::now();
        let mut done = 0;
        while session.layout_running() {
            let elapsed = js_sys::Date::now() - start;
            let left = FRAME_BUDGET_MS - elapsed;
            if left <= 0.0 {
                break;
            }
            let k = self.slice.iterations_for(left);
            let t = js_sys::Date::now();
            let ran = session.advance(k);
            self.slice.measured(ran, js_sys::Date::now() - t);
            done += ran;
            if ran < k {
                break;
            }
        }
        // A frame when enough time has passed for this map's size, and always the last one.
        let now = js_sys::Date::now();
        let due = now - self.last_frame_ms >= frame_interval_ms(session.node_count());
        if (done > 0 && due) || !session.layout_running() {
            self.last_frame_ms = now;
            scope.respond(page, MapEvent::Positions(session.positions()));
        }
        self.schedule(scope);
    }

    fn received(&mut self, scope: &WorkerScope<Self>, command: Self::Input, who: HandlerId) {
        self.page = Some(who);
        let progress = |stage: &str, fraction: f32| {
            scope.respond(
                who,
                MapEvent::Progress {
                    stage: stage.to_string(),
                    fraction,
                },
            )
        };
        match command {
            MapCommand::LoadSample { .. }
            | MapCommand::Import { .. }
            | MapCommand::SettledSample { .. } => {
                let map_id = self.next_map_id;
                self.next_map_id += 1;
                // The sample the page already shows (baked): opened in its settled state.
                let synced = matches!(command, MapCommand::SettledSample { .. });
                // The people go ahead: the page takes them in while the clusters are found.
                let sent_ahead = std::cell::Cell::new(false);
                let people_ahead = |people| {
                    sent_ahead.set(true);
                    scope.respond(who, MapEvent::People { map_id, people });
                };
                match open(map_id, command, &progress, &people_ahead) {
                    None => {}
                    Some(Ok(session)) => {
                        self.slice = SliceSize::default();
                        // (`SettledSample` sends no people ahead: its `Synced` map is whole.)
                        let map = Box::new(if sent_ahead.get() {
                            session.map_data_without_people()
                        } else {
                            session.map_data()
                        });
                        scope.respond(
                            who,
                            if synced {
                                MapEvent::Synced(map)
                            } else {
                                MapEvent::Loaded(map)
                            },
                        );
                        self.previous = self.session.replace(session);
                        self.schedule(scope);
                    }
                    // The previous session (the map on screen) stays.
                    Some(Err(e)) => scope.respond(
                        who,
                        MapEvent::Failed {
                            sentence: e.sentence(),
                        },
                    ),
                }
            }
            MapCommand::WriteProject {
                title,
                saved_at,
                input,
                state,
            } => {
                scope.respond(who, write_project_file(title, saved_at, input, *state));
            }
            MapCommand::ReadProject { name, bytes } => {
                scope.respond(who, read_project_file(&name, &bytes));
            }
            MapCommand::Compare => {
                let event = match (&self.previous, &self.session) {
                    (Some(old), Some(new)) => MapEvent::Changes(Box::new(
                        tiemap_app::diff::compare(old, new),
                    )),
                    _ => MapEvent::Failed {
                        sentence: "There is no earlier map to compare with: open the older export or saved map first, then the newer one.".to_string(),
                    },
                };
                scope.respond(who, event);
            }
            other => {
                let Some(session) = self.session.as_mut() else {
                    return;
                };
                match apply(session, other) {
                    Ok(Some(event)) => scope.respond(who, event),
                    Ok(None) => {}
                    Err(e) => scope.respond(
                        who,
                        MapEvent::Failed {
                            sentence: e.sentence(),
                        },
                    ),
                }
                if session.layout_running() {
                    self.schedule(scope);
                } else {
                    scope.respond(who, MapEvent::Positions(session.positions()));
                }
            }
        }
    }
}

impl MapWorker {
    fn schedule(&mut self, scope: &WorkerScope<Self>) {
        if self.tick_scheduled {
            return;
        }
        self.tick_scheduled = true;
        // Yields to the worker's event loop, so commands (pause, a new file) are read between
        // slices.
        scope.send_future(async {
            next_task().await;
            Tick::Layout
        });
    }
}

/// Resolves in one of the worker's next tasks: a message the worker posts itself on a
/// `MessageChannel`. A zero `setTimeout` is clamped to 4 ms once timeouts nest (each slice's
/// is set from the last one's): 200 of them took 939 ms in this Chromium's worker, 200 such
/// messages 4.7 ms, and with slices of 14 ms the layout lost a quarter of its time.
async fn next_task() {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    let (tx, rx) = futures::channel::oneshot::channel::<()>();
    let wake = Closure::once(move |_: web_sys::MessageEvent| {
        let _ = tx.send(());
    });
    let posted = web_sys::MessageChannel::new().ok().filter(|channel| {
        channel
            .port1()
            .set_onmessage(Some(wake.as_ref().unchecked_ref()));
        channel.port2().post_message(&JsValue::NULL).is_ok()
    });
    match posted {
        Some(channel) => {
            let _ = rx.await;
            channel.port1().set_onmessage(None);
        }
        None => gloo::timers::future::TimeoutFuture::new(0).await,
    }
}

/// The answer to `MapCommand::WriteProject`: the project file to download.
pub fn write_project_file(
    title: String,
    saved_at: String,
    input: Source,
    state: SavedState,
) -> MapEvent {
    let name = crate::browser::file_name_from(&title, "tiemap");
    let project = project_of(title, saved_at, &input.into_input(), state);
    MapEvent::File {
        name,
        mime_type: "application/json".to_string(),
        bytes: project.to_bytes(),
    }
}

/// The answer to `MapCommand::ReadProject`: the map the project file holds, or why it can't
/// be opened.
pub fn read_project_file(name: &str, bytes: &[u8]) -> MapEvent {
    let opened = read_project(name, bytes)
        .and_then(|project| {
            project.ok_or_else(|| ProjectError::Damaged {
                name: name.to_string(),
            })
        })
        .and_then(|project| open_project(&project));
    match opened {
        Ok((input, state)) => MapEvent::Project {
            input: Source::of(&input),
            state: Box::new(state),
        },
        Err(e) => MapEvent::Failed {
            sentence: e.sentence(),
        },
    }
}

/// Opens a new map from a `LoadSample`, `Import` or `SettledSample` command (`None` for
/// other commands).
pub fn open(
    map_id: u32,
    command: MapCommand,
    progress: &dyn Fn(&str, f32),
    people_ahead: &dyn Fn(Vec<tiemap_app::model::NodeView>),
) -> Option<Result<Session, SessionError>> {
    let input = match command {
        MapCommand::LoadSample { people, seed } => MapInput::Sample { people, seed },
        MapCommand::Import { files } => MapInput::Files(Rc::new(files)),
        MapCommand::SettledSample {
            people,
            seed,
            state,
        } => {
            return Some(tiemap_app::baked::reopen(map_id, people, seed, *state));
        }
        _ => return None,
    };
    Some(Session::open_showing(
        map_id,
        &input,
        SessionSettings::default(),
        progress,
        Some(people_ahead),
    ))
}

/// How many layout iterations fit a slice: starts at one, then follows the measured time per
/// iteration (a moving average), so big maps run one or two per slice and small ones dozens.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SliceSize {
    ms_per_iteration: f64,
}

impl Default for SliceSize {
    fn default() -> Self {
        SliceSize {
            ms_per_iteration: f64::NAN,
        }
    }
}

impl SliceSize {
    /// Most iterations run in one call, so a slow first guess can't hold the worker long.
    pub const MAX: usize = 200;

    /// Iterations to run in `budget_ms`.
    pub fn iterations_for(&self, budget_ms: f64) -> usize {
        if !(self.ms_per_iteration.is_finite() && self.ms_per_iteration > 0.0) {
            return 1;
        }
        ((budget_ms / self.ms_per_iteration).floor() as usize).clamp(1, Self::MAX)
    }

    /// Learns from `iterations` that took `ms`.
    pub fn measured(&mut self, iterations: usize, ms: f64) {
        if iterations == 0 || !(ms.is_finite() && ms >= 0.0) {
            return;
        }
        let per = (ms / iterations as f64).max(1e-3);
        self.ms_per_iteration = if self.ms_per_iteration.is_finite() {
            0.5 * self.ms_per_iteration + 0.5 * per
        } else {
            per
        };
    }
}

/// Applies a command to the open map; returns the event to send back, if any.
pub fn apply(session: &mut Session, command: MapCommand) -> Result<Option<MapEvent>, SessionError> {
    Ok(match command {
        MapCommand::PauseLayout => {
            session.pause();
            None
        }
        MapCommand::ResumeLayout => {
            session.resume();
            None
        }
        MapCommand::RestartLayout => {
            session.restart_layout();
            None
        }
        MapCommand::Pin { node, pos_in_graph } => {
            session.pin(node, pos_in_graph)?;
            None
        }
        MapCommand::SetResolution { resolution } => {
            Some(MapEvent::Clusters(session.set_resolution(resolution)?))
        }
        MapCommand::Export { format, names } => {
            let (name, mime_type, bytes) = session.export(format, names);
            Some(MapEvent::File {
                name,
                mime_type,
                bytes,
            })
        }
        MapCommand::Snapshot => Some(MapEvent::Snapshot(Box::new(session.snapshot()))),
        MapCommand::Restore { state } => Some(MapEvent::Loaded(Box::new(session.restore(*state)?))),
        MapCommand::SetEdits { edits } => Some(if session.ties_changed(&edits) {
            MapEvent::Reinferred(Box::new(session.set_tie_edits(edits)?))
        } else {
            MapEvent::Clusters(session.set_edits(edits))
        }),
        MapCommand::Questions { count } => Some(MapEvent::Questions(session.questions(count))),
        MapCommand::FoldSmall { below } => Some(MapEvent::Clusters(session.fold_small(below))),
        MapCommand::SetSignals { weights } => {
            Some(MapEvent::Loaded(Box::new(session.set_signals(weights)?)))
        }
        MapCommand::Explain { node } => Some(MapEvent::Explanation(session.explain(node))),
        MapCommand::Insights { goal, core } => {
            Some(MapEvent::Insights(Box::new(session.insights(goal, core)?)))
        }
        MapCommand::SizeBy { by } => Some(MapEvent::Sizes(session.sizes(by))),
        MapCommand::LoadSample { .. }
        | MapCommand::Import { .. }
        | MapCommand::SettledSample { .. }
        | MapCommand::WriteProject { .. }
        | MapCommand::ReadProject { .. }
        | MapCommand::Compare => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tiemap_core::import::InputFile;

    fn quiet(_: &str, _: f32) {}

    #[test]
    fn a_project_file_the_worker_writes_reads_back_as_the_same_input_and_state() {
        let state = SavedState {
            fingerprint: "fp".into(),
            seed: 3,
            node_clusters: vec![2, 2, 5],
            pos_in_graph: vec![0.5, -1.25, 3.0, 4.0, 1e-7, f32::MAX],
            ..Default::default()
        };
        let files = vec![InputFile {
            name: "Connections.csv".into(),
            bytes: vec![0, 1, 2, 200, 255],
        }];
        for input in [
            Source::Files(files),
            Source::Sample {
                people: 500,
                seed: 7,
            },
        ] {
            let MapEvent::File {
                name,
                mime_type,
                bytes,
            } = write_project_file(
                "My network".into(),
                "2026-12-03T10:00:00.000Z".into(),
                input.clone(),
                state.clone(),
            )
            else {
                panic!("a project file");
            };
            assert_eq!(
                (name.as_str(), mime_type.as_str()),
                ("My network.tiemap", "application/json")
            );
            assert_eq!(
                read_project_file(&name, &bytes),
                MapEvent::Project {
                    input,
                    state: Box::new(state.clone()),
                }
            );
        }
    }

    #[test]
    fn a_project_file_written_before_the_worker_read_them_still_opens() {
        // Written by the page's own code before project files moved to the worker (as
        // docs/project-file.md shows them): the format is the same.
        let old = br#"{"format":"tiemap-project","version":1,"title":"Sample network","saved_at":"2026-11-30T08:05:09.123Z","input":{"kind":"sample","people":500,"seed":7},"state":{"fingerprint":"sample-500-7","resolution":1.0,"fold_below":0,"signals":null,"seed":1,"edits":{"names":{"3":"My first job"},"colors":{"3":[208,28,139]},"hidden":[7],"merged":{"5":3},"moved":{"a":4}},"node_clusters":[3,3,5,4],"pos_in_graph":[12.5,-40.25,13.0,-38.5]}}"#;
        let MapEvent::Project { input, state } = read_project_file("old.tiemap", old) else {
            panic!("{:?}", read_project_file("old.tiemap", old));
        };
        assert_eq!(
            input,
            Source::Sample {
                people: 500,
                seed: 7
            }
        );
        assert_eq!(
            state.edits.names.get(&3).map(String::as_str),
            Some("My first job")
        );
        assert_eq!(state.edits.merged.get(&5), Some(&3));
        assert_eq!(state.pos_in_graph, vec![12.5, -40.25, 13.0, -38.5]);
    }

    #[test]
    fn a_damaged_or_newer_project_file_is_one_sentence() {
        let damaged = br#"{"format":"tiemap-project","version":1,"title":"#;
        assert_eq!(
            read_project_file("broken.tiemap", damaged),
            MapEvent::Failed {
                sentence: "broken.tiemap is a damaged tiemap project; save it again from the map."
                    .into()
            }
        );
        let newer = br#"{"format":"tiemap-project","version":9}"#;
        let MapEvent::Failed { sentence } = read_project_file("new.tiemap", newer) else {
            panic!("refused");
        };
        assert!(sentence.contains("newer tiemap"), "{sentence}");
    }

    #[test]
    fn big_maps_get_fewer_frames() {
        assert_eq!(frame_interval_ms(500), 16.0);
        assert_eq!(frame_interval_ms(30_000), 100.0);
        assert_eq!(frame_interval_ms(1_000_000), 250.0);
    }

    #[test]
    fn slices_follow_the_measured_speed() {
        let mut slice = SliceSize::default();
        assert_eq!(
            slice.iterations_for(14.0),
            1,
            "one iteration before any is measured"
        );
        slice.measured(1, 2.0);
        assert_eq!(slice.iterations_for(14.0), 7);
        for _ in 0..20 {
            slice.measured(10, 0.0);
        }
        assert_eq!(
            slice.iterations_for(14.0),
            SliceSize::MAX,
            "fast maps are capped"
        );
        let mut slow = SliceSize::default();
        slow.measured(1, 40.0);
        assert_eq!(slow.iterations_for(14.0), 1, "slow maps still advance");
    }

    #[test]
    fn sample_loads() {
        let map = open(
            1,
            MapCommand::LoadSample {
                people: 120,
                seed: 1,
            },
            &quiet,
            &|_| {},
        )
        .unwrap()
        .unwrap()
        .map_data();
        assert_eq!(map.nodes.len(), 120);
        assert_eq!(map.pos_in_graph.len(), 240);
        assert!(map.is_sample);
        assert_eq!(map.summary, "Sample network: 120 people");
    }

    #[test]
    fn connections_import_counts_people() {
        let csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nA,B,,,X,Y,01 Jan 2020\nC,D,,,X,Z,02 Jan 2020\n";
        let files = vec![InputFile {
            name: "Connections.csv".into(),
            bytes: csv.as_bytes().to_vec(),
        }];
        let map = open(1, MapCommand::Import { files }, &quiet, &|_| {})
            .unwrap()
            .unwrap()
            .map_data();
        assert_eq!(map.summary, "Read 2 people from Connections.csv");
        assert_eq!(
            map.report,
            vec!["2 people from Connections.csv".to_string()]
        );
        assert_eq!(map.ties, vec![0, 1], "both at X, connected a day apart");
    }

    #[test]
    fn a_folder_is_named_by_the_folder_and_its_skipped_files_are_reported() {
        let csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nA,B,,,X,Y,01 Jan 2020\nC,D,,,X,Z,02 Jan 2020\n";
        let file = |name: &str, text: &str| InputFile {
            name: format!("Export/{name}"),
            bytes: text.as_bytes().to_vec(),
        };
        let files = vec![
            file("Connections.csv", csv),
            file("notes.txt", "some words"),
        ];
        let map = open(1, MapCommand::Import { files }, &quiet, &|_| {})
            .unwrap()
            .unwrap()
            .map_data();
        assert_eq!(map.title, "Export");
        assert_eq!(map.summary, "Read 2 people from Export");
        assert_eq!(
            map.report,
            vec![
                "2 people from Export/Connections.csv".to_string(),
                "Skipped Export/notes.txt: not a file tiemap reads".to_string()
            ]
        );
    }

    #[test]
    fn a_graph_file_brings_its_ties() {
        let edges = "# nodes 4\n0 1\n1 2\n2 0\n";
        let files = vec![InputFile {
            name: "triangle.txt".into(),
            bytes: edges.as_bytes().to_vec(),
        }];
        let map = open(1, MapCommand::Import { files }, &quiet, &|_| {})
            .unwrap()
            .unwrap()
            .map_data();
        assert_eq!(map.nodes.len(), 4);
        assert_eq!(map.ties.len(), 6);
        assert!(map.signals.is_none());
        assert!(map.ties_note.contains("file"));
    }

    #[test]
    fn wrong_file_is_one_sentence() {
        let files = vec![InputFile {
            name: "notes.txt".into(),
            bytes: b"just some words".to_vec(),
        }];
        let err = open(1, MapCommand::Import { files }, &quiet, &|_| {})
            .unwrap()
            .err()
            .expect("fails")
            .sentence();
        assert!(err.contains("notes.txt"), "{err}");
        assert!(err.ends_with('.'));
    }
}
