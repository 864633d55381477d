//! The web worker: imports files, infers ties, finds clusters and runs the layout off the
//! page's thread, streaming positions every frame.

use crate::protocol::{MapCommand, MapEvent};
use crate::session::{Session, SessionSettings, Source};
use gloo::worker::{HandlerId, Worker, WorkerScope};
use tiemap_core::import::{
    fingerprint, group_thousands, import_files, ImportOutcome, Imported, Limits,
};
use tiemap_core::sample;

/// How long one layout slice may run before the worker sends a frame and checks its inbox.
pub const FRAME_BUDGET_MS: f64 = 14.0;

/// Internal messages of the worker.
pub enum Tick {
    /// Run the next slice of the layout.
    Layout,
}

/// The map worker. The page spawns one and talks to it with [`MapCommand`]s.
pub struct MapWorker {
    session: Option<Session>,
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
        let start = js_sys::Date::now();
        let mut frame = session.step(1);
        while session.layout_running() && js_sys::Date::now() - start < FRAME_BUDGET_MS {
            frame = session.step(1);
        }
        scope.respond(page, MapEvent::Positions(frame));
        self.schedule(scope);
    }

    fn received(&mut self, scope: &WorkerScope<Self>, command: Self::Input, who: HandlerId) {
        self.page = Some(who);
        let progress = |stage: &str| {
            scope.respond(
                who,
                MapEvent::Progress {
                    stage: stage.to_string(),
                    fraction: 0.0,
                },
            )
        };
        match command {
            MapCommand::LoadSample { .. } | MapCommand::Import { .. } => {
                let map_id = self.next_map_id;
                self.next_map_id += 1;
                match build(map_id, command, &progress) {
                    Ok(session) => {
                        scope.respond(who, MapEvent::Loaded(Box::new(session.map_data())));
                        self.session = Some(session);
                        self.schedule(scope);
                    }
                    // The previous session (the map on screen) stays.
                    Err(sentence) => scope.respond(who, MapEvent::Failed { sentence }),
                }
            }
            other => {
                let Some(session) = self.session.as_mut() else {
                    return;
                };
                match apply(session, other) {
                    Ok(Some(event)) => scope.respond(who, event),
                    Ok(None) => {}
                    Err(sentence) => scope.respond(who, MapEvent::Failed { sentence }),
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
        // A zero timeout yields to the worker's event loop, so commands (pause, a new file)
        // are read between slices.
        scope.send_future(async {
            gloo::timers::future::TimeoutFuture::new(0).await;
            Tick::Layout
        });
    }
}

/// Builds a new map from a `LoadSample` or `Import` command (pure: tested natively).
pub fn build(map_id: u32, command: MapCommand, progress: &dyn Fn(&str)) -> Result<Session, String> {
    let settings = SessionSettings::default();
    match command {
        MapCommand::LoadSample { people, seed } => {
            progress("Building the sample network");
            let sample = sample::linkedin_sample(people, seed);
            let summary = format!(
                "Sample network: {} people",
                group_thousands(sample.export.people.len())
            );
            let mut session = Session::new(
                map_id,
                Source::Personal(sample.export),
                "Sample network".into(),
                summary,
                Vec::new(),
                true,
                settings,
            )?;
            session.set_fingerprint(format!("sample-{people}-{seed}"));
            Ok(session)
        }
        MapCommand::Import { files } => {
            let names: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
            progress(&format!("Reading {}", names.join(", ")));
            let ImportOutcome { data, report } =
                import_files(&files, &Limits::default()).map_err(|e| e.sentence())?;
            let report = report.sentences();
            // A folder's files are named by their path in it: the folder names the map.
            let folder = names
                .first()
                .and_then(|n| n.split_once('/'))
                .map(|(folder, _)| folder.to_string())
                .filter(|folder| names.iter().all(|n| n.starts_with(&format!("{folder}/"))));
            let title = folder.unwrap_or_else(|| names.join(", "));
            let (source, summary) = match data {
                Imported::Personal(export) => {
                    if export.people.is_empty() {
                        return Err(format!("{title} holds no connections; drop Connections.csv or the whole LinkedIn ZIP."));
                    }
                    let summary = format!(
                        "Read {} people from {title}",
                        group_thousands(export.people.len())
                    );
                    progress("Inferring ties and finding clusters");
                    (Source::Personal(export), summary)
                }
                Imported::Graph(file) => {
                    let summary = format!(
                        "Read {} nodes and {} ties from {title}",
                        group_thousands(file.nodes.len()),
                        group_thousands(file.edges.len())
                    );
                    progress("Finding clusters");
                    (Source::Graph(file), summary)
                }
            };
            let mut session =
                Session::new(map_id, source, title, summary, report, false, settings)?;
            session.set_fingerprint(fingerprint(&files));
            Ok(session)
        }
        _ => Err("That command does not open a map.".to_string()),
    }
}

/// Applies a command to the open map; returns the event to send back, if any.
pub fn apply(session: &mut Session, command: MapCommand) -> Result<Option<MapEvent>, String> {
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
        MapCommand::SetEdits { edits } => Some(MapEvent::Clusters(session.set_edits(edits))),
        MapCommand::FoldSmall { below } => Some(MapEvent::Clusters(session.fold_small(below))),
        MapCommand::SetSignals { weights } => {
            Some(MapEvent::Loaded(Box::new(session.set_signals(weights)?)))
        }
        MapCommand::Explain { node } => Some(MapEvent::Explanation(session.explain(node))),
        MapCommand::Insights { goal } => {
            Some(MapEvent::Insights(Box::new(session.insights(goal)?)))
        }
        MapCommand::SizeBy { by } => Some(MapEvent::Sizes(session.sizes(by))),
        MapCommand::LoadSample { .. } | MapCommand::Import { .. } => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tiemap_core::import::InputFile;

    fn quiet(_: &str) {}

    #[test]
    fn sample_loads() {
        let map = build(
            1,
            MapCommand::LoadSample {
                people: 120,
                seed: 1,
            },
            &quiet,
        )
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
        let map = build(1, MapCommand::Import { files }, &quiet)
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
        let map = build(1, MapCommand::Import { files }, &quiet)
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
        let map = build(1, MapCommand::Import { files }, &quiet)
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
        let err = build(1, MapCommand::Import { files }, &quiet)
            .err()
            .expect("fails");
        assert!(err.contains("notes.txt"), "{err}");
        assert!(err.ends_with('.'));
    }
}
