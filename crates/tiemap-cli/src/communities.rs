//! `tiemap communities FILE --seed S [--resolution R] [--algorithm leiden|louvain] --out labels.json`
//!
//! Opens FILE the way the page does (the same ties, the same clustering with the page's
//! stable cluster ids and suggested names) and writes the labels as JSON:
//!
//! ```json
//! {"algorithm": "leiden", "seed": 1, "resolution": 1.0, "time_s": 0.01, "modularity": 0.42,
//!  "community_count": 4, "labels": [0, 0, 1, ...],
//!  "clusters": [{"id": 0, "size": 12}, ...],
//!  "nodes": [{"id": "key", "name": "label", "url": null, "cluster": 0, "map_cluster": 3,
//!             "map_cluster_name": "Globex · engineers"}, ...]}
//! ```
//!
//! `labels` is indexed by node index (for a plain integer edge list, index == id), with dense
//! ids (largest community first); `map_cluster` is the cluster id the page shows (in its
//! GEXF export too). `time_s` covers clustering as the page runs it (the algorithm and the
//! stable ids), not reading the file.

use crate::args::Args;
use crate::input::open_session;
use serde_json::{json, Value};
use std::time::Instant;
use tiemap_app::session::{Session, SessionSettings};
use tiemap_core::community::{Algorithm, LeidenSettings, Partition};
use tiemap_core::Network;

const FLAGS: &[&str] = &["seed", "resolution", "algorithm", "out"];

/// Runs `tiemap communities` with the arguments after the command name.
pub fn run(argv: &[String]) -> Result<(), String> {
    let args = Args::parse(argv, FLAGS)?;
    let seed: u64 = match args.text("seed") {
        Some(_) => args.get("seed", 0)?,
        None => return Err("--seed S is required (any whole number)".to_string()),
    };
    let resolution: f64 = args.get("resolution", 1.0)?;
    if !(resolution.is_finite() && resolution >= 0.0) {
        return Err(format!("--resolution {resolution} must be a number >= 0"));
    }
    let algorithm = match args.text("algorithm") {
        None => Algorithm::Leiden,
        Some(name) => Algorithm::from_name(name)
            .ok_or_else(|| format!("--algorithm {name:?}: expected leiden or louvain"))?,
    };
    let out = args
        .text("out")
        .ok_or("--out labels.json is required")?
        .to_string();

    let mut session = open_session(
        &args.file,
        SessionSettings {
            seed,
            resolution: resolution.max(f64::MIN_POSITIVE),
            algorithm,
            ..SessionSettings::default()
        },
    )?;
    // Cluster again, timed: the same seed and settings give the same partition.
    let start = Instant::now();
    session
        .set_resolution(resolution.max(f64::MIN_POSITIVE))
        .map_err(|e| e.sentence())?;
    let time_s = start.elapsed().as_secs_f64();
    let settings = LeidenSettings {
        resolution,
        ..LeidenSettings::with_seed(seed)
    };
    let partition = session.partition().clone();
    let mut value = labels_json(session.network(), algorithm, &settings, &partition, time_s);
    add_map_clusters(&mut value, &session);
    let text = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
    std::fs::write(&out, text + "\n").map_err(|e| format!("can't write {out}: {e}"))?;
    eprintln!(
        "{} communities, modularity {:.6}, {:.3} s ({}) -> {out}",
        partition.community_count,
        partition.modularity,
        time_s,
        algorithm.name()
    );
    Ok(())
}

/// Adds to each node the cluster the page shows it in, with its name.
fn add_map_clusters(value: &mut Value, session: &Session) {
    let map = session.map_data();
    if let Some(nodes) = value["nodes"].as_array_mut() {
        for (node, view) in nodes.iter_mut().zip(&map.nodes) {
            let name = map
                .clusters
                .iter()
                .find(|c| c.id == view.cluster)
                .map(|c| c.name.clone());
            node["map_cluster"] = json!(view.cluster);
            node["map_cluster_name"] = json!(name);
        }
    }
}

/// The JSON document `tiemap communities` writes.
pub fn labels_json(
    network: &Network,
    algorithm: Algorithm,
    settings: &LeidenSettings,
    partition: &Partition,
    time_s: f64,
) -> Value {
    let names = tiemap_core::infer::suggest_cluster_names(network, &partition.membership);
    let clusters: Vec<Value> = partition
        .sizes()
        .iter()
        .enumerate()
        .map(|(id, size)| json!({"id": id, "size": size, "name": names.get(id)}))
        .collect();
    let nodes: Vec<Value> = network
        .nodes
        .iter()
        .zip(&partition.membership)
        .map(|(node, cluster)| {
            json!({
                "id": node.key,
                "name": node.label,
                "url": node.url,
                "cluster": cluster,
            })
        })
        .collect();
    json!({
        "algorithm": algorithm.name(),
        "seed": settings.seed,
        "resolution": settings.resolution,
        "time_s": time_s,
        "modularity": partition.modularity,
        "community_count": partition.community_count,
        "labels": partition.membership,
        "clusters": clusters,
        "nodes": nodes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tiemap_core::community::leiden;
    use tiemap_core::model::{Evidence, NodeInfo, Origin, Tie};

    fn two_triangles() -> Network {
        let nodes = (0..6)
            .map(|i| NodeInfo {
                key: format!("k{i}"),
                label: format!("Person {i}"),
                url: (i == 0).then(|| "https://www.linkedin.com/in/p0".to_string()),
                ..NodeInfo::default()
            })
            .collect();
        let tie = |source, target| Tie {
            source,
            target,
            weight: 1.0,
            evidence: vec![Evidence::FromFile],
        };
        Network {
            nodes,
            ties: vec![
                tie(0, 1),
                tie(1, 2),
                tie(0, 2),
                tie(3, 4),
                tie(4, 5),
                tie(3, 5),
                tie(2, 3),
            ],
            origin: Origin::File {
                format: "edge list".into(),
            },
        }
    }

    #[test]
    fn json_has_every_field_the_scripts_read() {
        let network = two_triangles();
        let settings = LeidenSettings::with_seed(7);
        let partition = leiden(&network.csr(), &settings);
        let v = labels_json(&network, Algorithm::Leiden, &settings, &partition, 0.5);
        assert_eq!(v["algorithm"], "leiden");
        assert_eq!(v["seed"], 7);
        assert_eq!(v["resolution"], 1.0);
        assert_eq!(v["time_s"], 0.5);
        assert_eq!(v["community_count"], 2);
        assert_eq!(v["labels"], json!([0, 0, 0, 1, 1, 1]));
        assert_eq!(
            v["clusters"],
            json!([{"id": 0, "size": 3, "name": "Cluster 1"}, {"id": 1, "size": 3, "name": "Cluster 2"}])
        );
        // Q = 2 * (6/14 - (7/14)^2) = 5/14
        let q = v["modularity"].as_f64().unwrap_or(f64::NAN);
        assert!((q - 5.0 / 14.0).abs() < 1e-12, "{q}");
        assert_eq!(
            v["nodes"][0],
            json!({"id": "k0", "name": "Person 0", "url": "https://www.linkedin.com/in/p0", "cluster": 0})
        );
        assert_eq!(v["nodes"][5]["url"], Value::Null);
        assert_eq!(v["nodes"][5]["cluster"], 1);
    }

    #[test]
    fn bad_flags_are_explained() {
        let argv = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        let err = run(&argv("g.txt --out x.json")).unwrap_err();
        assert!(err.contains("--seed"), "{err}");
        let err = run(&argv("g.txt --seed 1 --algorithm walktrap --out x.json")).unwrap_err();
        assert!(err.contains("leiden or louvain"), "{err}");
        let err = run(&argv("g.txt --seed 1 --resolution -2 --out x.json")).unwrap_err();
        assert!(err.contains("--resolution"), "{err}");
        let err = run(&argv("g.txt --seed 1")).unwrap_err();
        assert!(err.contains("--out"), "{err}");
    }
}
