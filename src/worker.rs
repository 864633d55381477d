//! The web worker: imports files and builds maps off the page's thread.

use crate::protocol::{MapCommand, MapData, MapEvent, NodeView};
use gloo::worker::{HandlerId, Worker, WorkerScope};
use tiemap_core::import::{group_thousands, import_files, ImportOutcome, Imported, Limits};
use tiemap_core::model::{NodeInfo, Origin};
use tiemap_core::{layout, sample, Network};

/// The map worker. The page spawns one and talks to it with [`MapCommand`]s.
pub struct MapWorker;

impl Worker for MapWorker {
    type Message = ();
    type Input = MapCommand;
    type Output = MapEvent;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        MapWorker
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: Self::Message) {}

    fn received(&mut self, scope: &WorkerScope<Self>, command: Self::Input, who: HandlerId) {
        let event = match handle(command) {
            Ok(map) => MapEvent::Loaded(Box::new(map)),
            Err(sentence) => MapEvent::Failed { sentence },
        };
        scope.respond(who, event);
    }
}

/// Runs one command to completion: the pure part of the worker, testable natively.
pub fn handle(command: MapCommand) -> Result<MapData, String> {
    match command {
        MapCommand::LoadSample { people, seed } => {
            let sample = sample::linkedin_sample(people, seed);
            let network = network_from_people(&sample.export.people);
            let summary = format!(
                "Sample network: {} people",
                group_thousands(network.node_count())
            );
            Ok(map_data(
                "Sample network".to_string(),
                summary,
                network,
                Vec::new(),
                true,
            ))
        }
        MapCommand::Import { files } => {
            let names: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
            let ImportOutcome { data, report } =
                import_files(&files, &Limits::default()).map_err(|e| e.sentence())?;
            let report: Vec<String> = report.lines.iter().map(|l| l.sentence()).collect();
            let network = match data {
                Imported::Personal(export) => {
                    if export.people.is_empty() {
                        return Err(format!(
                            "{} holds no connections; drop Connections.csv or the whole LinkedIn ZIP.",
                            names.join(", ")
                        ));
                    }
                    network_from_people(&export.people)
                }
                Imported::Graph(file) => Network::from_graph_file(&file),
            };
            let noun = if matches!(network.origin, Origin::File { .. }) {
                "nodes"
            } else {
                "people"
            };
            let summary = format!(
                "Read {} {noun} from {}",
                group_thousands(network.node_count()),
                names.join(", ")
            );
            Ok(map_data(names.join(", "), summary, network, report, false))
        }
    }
}

fn network_from_people(people: &[tiemap_core::model::Person]) -> Network {
    let mut network = Network::empty(Origin::Inferred {
        kind: tiemap_core::model::ExportKind::LinkedIn,
        signals: Vec::new(),
    });
    network.nodes = people
        .iter()
        .map(|p| NodeInfo {
            key: p.identity_key(),
            label: p.display_name(),
            company: p.company.clone(),
            title: p.position.clone(),
            url: p.profile_url.clone(),
            connected_on: p.connected_on,
            ..NodeInfo::default()
        })
        .collect();
    network
}

fn map_data(
    title: String,
    summary: String,
    network: Network,
    report: Vec<String>,
    is_sample: bool,
) -> MapData {
    let n = network.node_count();
    let mut degree = vec![0u32; n];
    let mut ties = Vec::with_capacity(network.ties.len() * 2);
    for t in &network.ties {
        degree[t.source as usize] += 1;
        degree[t.target as usize] += 1;
        ties.extend_from_slice(&[t.source, t.target]);
    }
    let file_positions: Option<Vec<f32>> = network
        .nodes
        .iter()
        .map(|n| n.pos_in_graph)
        .collect::<Option<Vec<[f32; 2]>>>()
        .map(|v| v.into_iter().flatten().collect());
    let pos_in_graph = file_positions.unwrap_or_else(|| layout::initial_positions(n, 1));
    let ties_note = match &network.origin {
        Origin::File { format } => format!("Ties come from the {format} file."),
        Origin::Inferred { .. } => {
            "Your export lists people but not who knows whom; ties on this map are inferred."
                .to_string()
        }
    };
    let nodes = network
        .nodes
        .into_iter()
        .zip(degree)
        .map(|(info, degree)| NodeView {
            label: info.label,
            company: info.company,
            title: info.title,
            url: info.url,
            degree,
            cluster: 0,
        })
        .collect();
    MapData {
        map_id: 0,
        clusters: Vec::new(),
        title,
        summary,
        ties_note,
        nodes,
        ties,
        pos_in_graph,
        report,
        is_sample,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tiemap_core::import::InputFile;

    #[test]
    fn sample_loads() {
        let map = handle(MapCommand::LoadSample {
            people: 120,
            seed: 1,
        })
        .unwrap();
        assert_eq!(map.nodes.len(), 120);
        assert_eq!(map.pos_in_graph.len(), 240);
        assert!(map.is_sample);
        assert_eq!(map.summary, "Sample network: 120 people");
    }

    #[test]
    fn connections_import_counts_people() {
        let csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nA,B,,,X,Y,01 Jan 2020\nC,D,,,X,Z,02 Jan 2020\n";
        let map = handle(MapCommand::Import {
            files: vec![InputFile {
                name: "Connections.csv".into(),
                bytes: csv.as_bytes().to_vec(),
            }],
        })
        .unwrap();
        assert_eq!(map.summary, "Read 2 people from Connections.csv");
        assert_eq!(
            map.report,
            vec!["2 people from Connections.csv".to_string()]
        );
    }

    #[test]
    fn wrong_file_is_one_sentence() {
        let err = handle(MapCommand::Import {
            files: vec![InputFile {
                name: "notes.txt".into(),
                bytes: b"just some words".to_vec(),
            }],
        })
        .unwrap_err();
        assert!(err.starts_with("tiemap can't read notes.txt"), "{err}");
        assert!(err.ends_with('.'));
    }
}
