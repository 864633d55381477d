//! How well inferred ties recover the true chapters of a generated export.
//!
//! For each size, generates a sample export with known chapters, infers the network with all
//! signals on, with each signal off in turn and with each signal alone, clusters it with
//! Leiden, and compares the clusters with the chapters (NMI, ARI). Prints a markdown table and
//! writes JSON.
//!
//! ```text
//! cargo run --release -p tiemap-core --example infer_quality -- \
//!     --out target/bench/infer_quality.json [--sizes 500,2000,10000] [--seeds 3] \
//!     [--weights 0.5,0.5,0.25,0.5,1,0.8]   # base weights in Signal::ALL order
//!     [--candidates 24]                     # InferSettings::bucket_candidates
//! ```

use serde::Serialize;
use std::time::Instant;
use tiemap_core::community::{compare, leiden, LeidenSettings};
use tiemap_core::infer::{infer, suggest_cluster_names, InferSettings, SignalWeights};
use tiemap_core::sample::linkedin_sample;
use tiemap_core::Signal;

#[derive(Serialize)]
struct Row {
    config: String,
    people: usize,
    /// Means over the seeds.
    nmi: f64,
    ari: f64,
    communities: f64,
    ties: f64,
    mean_degree: f64,
    density: f64,
    isolated: f64,
    infer_ms: f64,
}

fn configs(base: &SignalWeights) -> Vec<(String, SignalWeights)> {
    let mut out = vec![("all signals".to_string(), *base)];
    for s in Signal::ALL {
        let mut w = *base;
        w.set(s, 0.0);
        out.push((format!("without {}", s.label()), w));
    }
    for s in Signal::ALL {
        let mut w = SignalWeights::none();
        w.set(s, base.get(s));
        out.push((format!("only {}", s.label()), w));
    }
    out
}

fn main() {
    let mut out_path: Option<String> = None;
    let mut sizes: Vec<usize> = vec![500, 2000, 10_000];
    let mut seeds: u64 = 3;
    let mut base = SignalWeights::default();
    let mut candidates: Option<usize> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out_path = args.next(),
            "--sizes" => {
                sizes = args
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|s| s.trim().parse().ok())
                    .collect()
            }
            "--weights" => {
                let ws: Vec<f32> = args
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|s| s.trim().parse().ok())
                    .collect();
                for (s, w) in Signal::ALL.into_iter().zip(ws) {
                    base.set(s, w);
                }
            }
            "--candidates" => candidates = args.next().and_then(|s| s.parse().ok()),
            "--seeds" => seeds = args.next().and_then(|s| s.parse().ok()).unwrap_or(3),
            other => {
                eprintln!(
                    "unknown argument {other:?}; expected --out PATH, --sizes N,N,.., --seeds N, --weights W,W,W,W,W,W, --candidates N"
                );
                std::process::exit(2);
            }
        }
    }
    let seeds = seeds.max(1);
    let mut rows: Vec<Row> = Vec::new();
    for &people in &sizes {
        let samples: Vec<_> = (0..seeds)
            .map(|s| linkedin_sample(people, 11 + s))
            .collect();
        for (config, weights) in configs(&base) {
            let mut acc = [0.0f64; 8];
            for (si, sample) in samples.iter().enumerate() {
                let mut settings = InferSettings {
                    weights,
                    ..InferSettings::for_size(people)
                };
                if let Some(c) = candidates {
                    settings.bucket_candidates = c;
                }
                let t0 = Instant::now();
                let inference = match infer(&sample.export, &settings) {
                    Ok(i) => i,
                    Err(e) => {
                        eprintln!("{config}: {e}");
                        std::process::exit(1);
                    }
                };
                let infer_ms = t0.elapsed().as_secs_f64() * 1000.0;
                let net = &inference.network;
                let partition = leiden(&net.csr(), &LeidenSettings::with_seed(si as u64));
                // clusters per person (duplicates share their node's cluster)
                let found: Vec<u32> = inference
                    .person_to_node
                    .iter()
                    .map(|&v| partition.membership[v as usize])
                    .collect();
                let nmi = compare::nmi(&sample.truth, &found).unwrap_or(f64::NAN);
                let ari = compare::ari(&sample.truth, &found).unwrap_or(f64::NAN);
                let r = &inference.report;
                for (a, x) in acc.iter_mut().zip([
                    nmi,
                    ari,
                    partition.community_count as f64,
                    r.ties as f64,
                    r.mean_degree,
                    r.density,
                    r.isolated as f64,
                    infer_ms,
                ]) {
                    *a += x / seeds as f64;
                }
            }
            rows.push(Row {
                config,
                people,
                nmi: acc[0],
                ari: acc[1],
                communities: acc[2],
                ties: acc[3],
                mean_degree: acc[4],
                density: acc[5],
                isolated: acc[6],
                infer_ms: acc[7],
            });
        }
    }

    // how often ties of each evidence combination join two people of the same chapter
    println!(
        "Tie precision by evidence (all signals, first seed): share of ties within a chapter\n"
    );
    println!("| people | evidence | ties | within a chapter |");
    println!("|---:|---|---:|---:|");
    for &people in &sizes {
        let sample = linkedin_sample(people, 11);
        let settings = InferSettings {
            weights: base,
            ..InferSettings::for_size(people)
        };
        let Ok(inference) = infer(&sample.export, &settings) else {
            continue;
        };
        let mut node_truth = vec![u32::MAX; inference.network.nodes.len()];
        for (p, &v) in inference.person_to_node.iter().enumerate() {
            node_truth[v as usize] = sample.truth[p];
        }
        let mut combos: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
        for t in &inference.network.ties {
            let key = t
                .evidence
                .iter()
                .filter_map(|e| e.signal())
                .map(|s| s.label())
                .collect::<Vec<_>>()
                .join(" + ");
            let e = combos.entry(key).or_insert((0, 0));
            e.0 += 1;
            if node_truth[t.source as usize] == node_truth[t.target as usize] {
                e.1 += 1;
            }
        }
        let mut combos: Vec<_> = combos.into_iter().collect();
        combos.sort_by_key(|c| std::cmp::Reverse(c.1 .0));
        for (key, (ties, within)) in combos.into_iter().take(10) {
            println!(
                "| {people} | {key} | {ties} | {:.2} |",
                within as f64 / ties.max(1) as f64
            );
        }
    }
    println!();

    // what the clusters are called
    if let Some(&people) = sizes.get(1).or(sizes.first()) {
        let sample = linkedin_sample(people, 11);
        let settings = InferSettings {
            weights: base,
            ..InferSettings::for_size(people)
        };
        if let Ok(inference) = infer(&sample.export, &settings) {
            let net = &inference.network;
            let partition = leiden(&net.csr(), &LeidenSettings::with_seed(0));
            let names = suggest_cluster_names(net, &partition.membership);
            println!("Cluster names ({people} people, first seed), largest first:\n");
            for (name, size) in names.iter().zip(partition.sizes()).take(12) {
                println!("- {name} ({size})");
            }
            println!();
        }
    }

    println!(
        "NMI / ARI between Leiden clusters of the inferred network and the true chapters \
         (mean of {seeds} generated exports per size)\n"
    );
    print!("| config |");
    for p in &sizes {
        print!(" NMI {p} | ARI {p} | clusters {p} | mean degree {p} |");
    }
    println!();
    print!("|---|");
    for _ in &sizes {
        print!("---:|---:|---:|---:|");
    }
    println!();
    for (config, _) in configs(&base) {
        print!("| {config} |");
        for &p in &sizes {
            if let Some(r) = rows.iter().find(|r| r.config == config && r.people == p) {
                print!(
                    " {:.3} | {:.3} | {:.0} | {:.1} |",
                    r.nmi, r.ari, r.communities, r.mean_degree
                );
            }
        }
        println!();
    }
    println!("\ninference wall-clock time on this machine (informative; speed is measured by benches/infer.rs), all signals:");
    for r in rows.iter().filter(|r| r.config == "all signals") {
        println!(
            "  {} people: {:.1} ms, {:.0} ties, density {:.5}, {:.0} isolated",
            r.people, r.infer_ms, r.ties, r.density, r.isolated
        );
    }
    if let Some(path) = out_path {
        if let Some(dir) = std::path::Path::new(&path).parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        match serde_json::to_string_pretty(&rows) {
            Ok(json) => {
                if let Err(e) = std::fs::write(&path, json) {
                    eprintln!("cannot write {path}: {e}");
                    std::process::exit(1);
                }
                println!("\nwrote {path}");
            }
            Err(e) => {
                eprintln!("cannot encode JSON: {e}");
                std::process::exit(1);
            }
        }
    }
}
