//! Where a person's wait goes, natively: opens a file as the page's worker does
//! (`Session::open` with the page's settings), timing each stage the session reports, then
//! settles the layout and times that, with the iterations it took.
//!
//! `cargo run --release -p tiemap-app --example wait -- Connections.csv [more files]`
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Instant;
use tiemap_app::saver::MapInput;
use tiemap_app::session::{Session, SessionSettings};
use tiemap_core::import::InputFile;

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: wait FILE...");
        std::process::exit(2);
    }
    let files = paths
        .iter()
        .map(|p| InputFile {
            name: std::path::Path::new(p)
                .file_name()
                .map_or(p.clone(), |n| n.to_string_lossy().into_owned()),
            bytes: std::fs::read(p).expect("read the file"),
        })
        .collect();
    let start = Instant::now();
    let stages: RefCell<Vec<(String, f64)>> = RefCell::default();
    let progress = |stage: &str, _: f32| {
        stages
            .borrow_mut()
            .push((stage.to_string(), start.elapsed().as_secs_f64() * 1e3));
    };
    let mut session = Session::open(
        1,
        &MapInput::Files(Rc::new(files)),
        SessionSettings::default(),
        &progress,
    )
    .unwrap_or_else(|e| panic!("{}", e.sentence()));
    let opened = start.elapsed().as_secs_f64() * 1e3;
    let stages = stages.into_inner();
    for (i, (stage, at)) in stages.iter().enumerate() {
        let end = stages.get(i + 1).map_or(opened, |s| s.1);
        println!("{:>8.1} ms  {stage}", end - at);
    }
    let layout_start = Instant::now();
    // Per level: (level, iterations, ms), coarsest first.
    let mut levels: Vec<(usize, usize, f64)> = Vec::new();
    while session.layout_running() && session.layout().iterations() < 5_000 {
        let level = session.layout().level();
        let t = Instant::now();
        let ran = session.advance(1);
        let ms = t.elapsed().as_secs_f64() * 1e3;
        match levels.last_mut() {
            Some(last) if last.0 == level => {
                last.1 += ran;
                last.2 += ms;
            }
            _ => levels.push((level, ran, ms)),
        }
    }
    for (level, its, ms) in &levels {
        println!("{ms:>8.1} ms    level {level}: {its} iterations");
    }
    let settled = layout_start.elapsed().as_secs_f64() * 1e3;
    println!(
        "{settled:>8.1} ms  layout: {} iterations, {:.2} ms each, {}",
        session.layout().iterations(),
        settled / session.layout().iterations().max(1) as f64,
        if session.layout().converged() {
            "settled"
        } else {
            "not settled"
        }
    );
    println!(
        "{:>8.1} ms  in all: {} people, {} ties, {} clusters",
        opened + settled,
        session.network().nodes.len(),
        session.network().ties.len(),
        session.map_data().clusters.len()
    );
}
