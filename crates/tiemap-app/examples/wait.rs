//! Where a person's wait goes, natively: opens a file as the page's worker does
//! (`Session::open` with the page's settings), timing each stage the session reports, then
//! settles the layout and times that, with the iterations it took.
//!
//! `cargo run --release -p tiemap-app --example wait -- Connections.csv [more files]`
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Instant;
use tiemap_app::raster::{unhidden, Compose, Disc, Hairline, TieLayer};
use tiemap_app::saver::MapInput;
use tiemap_app::session::{Session, SessionSettings};
use tiemap_core::import::InputFile;
use tiemap_core::view::camera::{Bounds, Camera};

fn main() {
    let mut paths: Vec<String> = std::env::args().skip(1).collect();
    // `--curve`: every 20 iterations, the silhouette of the shown clusters and how far the
    // fitted 800-pixel picture moved (mean over people, in pixels).
    let curve = paths.iter().any(|p| p == "--curve");
    paths.retain(|p| p != "--curve");
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
    let progress = |stage: &str, fraction: f32| {
        stages.borrow_mut().push((
            format!("{stage} (from {fraction:.2})"),
            start.elapsed().as_secs_f64() * 1e3,
        ));
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
    // What the page's side costs before the first picture, natively: the map the worker
    // sends (`Session::map_data`), its trip through bincode (gloo-worker's codec), the scene.
    let t = Instant::now();
    let map = session.map_data();
    let made = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let bytes = bincode::serialize(&map).expect("encode the map");
    let encoded = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let back: tiemap_app::model::MapData = bincode::deserialize(&bytes).expect("decode the map");
    let decoded = t.elapsed().as_secs_f64() * 1e3;
    // the page's scene of the map at these positions
    let scene_at = |pos: &[f32]| {
        tiemap_app::scene::Scene::build(
            &back,
            pos,
            None,
            tiemap_app::scene::Emphasis::default(),
            &tiemap_app::theme::Theme::LIGHT,
        )
    };
    let t = Instant::now();
    let scene = scene_at(session.layout().positions());
    let built = t.elapsed().as_secs_f64() * 1e3;
    println!(
        "{made:>8.1} ms  the map for the page ({} KB in bincode: encoded in {encoded:.1} ms, decoded in {decoded:.1} ms; its scene of {} ties in {built:.1} ms)",
        bytes.len() / 1024,
        scene.ties.len()
    );
    let layout_start = Instant::now();
    // Per level: (level, iterations, ms), coarsest first.
    let mut levels: Vec<(usize, usize, f64)> = Vec::new();
    let groups: Vec<u32> = session.map_data().nodes.iter().map(|n| n.cluster).collect();
    let mut last_fit: Option<Vec<f32>> = None;
    while session.layout_running() && session.layout().iterations() < 5_000 {
        if curve && session.layout().iterations().is_multiple_of(20) {
            let fit = fitted(session.layout().positions(), 800.0);
            let moved = last_fit.as_ref().map_or(f32::NAN, |old| {
                old.chunks(2)
                    .zip(fit.chunks(2))
                    .map(|(a, b)| ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt())
                    .sum::<f32>()
                    / (fit.len() / 2).max(1) as f32
            });
            let sil =
                tiemap_core::layout::quality::silhouette(session.layout().positions(), &groups, 7)
                    .unwrap_or(f32::NAN);
            println!(
                "    it {:>5} level {} silhouette {sil:.3} moved {moved:.2} px / 20 its",
                session.layout().iterations(),
                session.layout().level()
            );
            last_fit = Some(fit);
        }
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
        "{settled:>8.1} ms  layout: {} iterations, {:.2} ms each, {}; silhouette of the clusters {:.3}",
        session.layout().iterations(),
        settled / session.layout().iterations().max(1) as f64,
        if session.layout().converged() {
            "settled"
        } else {
            "not settled"
        },
        tiemap_core::layout::quality::silhouette(session.layout().positions(), &groups, 7)
            .unwrap_or(f32::NAN)
    );
    // The settled picture's faint ties as the page draws them where WebGL has no GPU
    // (`raster::TieLayer`): the map fitted into 1280 x 800 device pixels.
    let settled_scene = scene_at(session.layout().positions());
    let hairlines: Vec<Hairline> = (0..settled_scene.ties.len())
        .filter_map(|k| Hairline::of(&settled_scene, k))
        .collect();
    if let Some(bounds) = Bounds::of_positions(session.layout().positions()) {
        let camera = Camera::fit(bounds, [1280.0, 800.0], 48.0);
        let mut layer = TieLayer::default();
        let mut best = f64::MAX;
        for _ in 0..5 {
            let t = Instant::now();
            layer.draw(1280, 800, &camera, &hairlines, 0.7, Compose::Over);
            best = best.min(t.elapsed().as_secs_f64() * 1e3);
        }
        let inked = layer.pixels.chunks_exact(4).filter(|p| p[3] > 0).count();
        println!(
            "{best:>8.1} ms  the settled picture's {} faint ties on the CPU at 1280 x 800 (best of 5; {inked} pixels inked)",
            hairlines.len()
        );
        // and the people a frame must draw there: those not wholly under others
        let discs: Vec<Disc> = settled_scene
            .draw_order
            .iter()
            .map(|&i| Disc {
                center: [
                    settled_scene.pos_in_graph[2 * i as usize],
                    settled_scene.pos_in_graph[2 * i as usize + 1],
                ],
                radius_css_px: settled_scene.radius_css_px[i as usize],
                opaque: settled_scene.node_rgba[i as usize][3] == 255,
            })
            .collect();
        let t = Instant::now();
        let keep = unhidden(&discs, &camera, 1.0, 1280, 800);
        println!(
            "{:>8.1} ms  people to draw there: {} of {} (the others are wholly under them)",
            t.elapsed().as_secs_f64() * 1e3,
            keep.len(),
            discs.len()
        );
    }
    println!(
        "{:>8.1} ms  in all: {} people, {} ties, {} clusters",
        opened + settled,
        session.network().nodes.len(),
        session.network().ties.len(),
        session.map_data().clusters.len()
    );
}

/// `pos` scaled and centred into a `size` x `size` picture (the page's fit to view).
fn fitted(pos: &[f32], size: f32) -> Vec<f32> {
    let (mut lo, mut hi) = ([f32::MAX; 2], [f32::MIN; 2]);
    for p in pos.chunks(2) {
        for k in 0..2 {
            lo[k] = lo[k].min(p[k]);
            hi[k] = hi[k].max(p[k]);
        }
    }
    let span = (hi[0] - lo[0]).max(hi[1] - lo[1]).max(1e-6);
    let mid = [(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0];
    pos.chunks(2)
        .flat_map(|p| [(p[0] - mid[0]) / span * size, (p[1] - mid[1]) / span * size])
        .collect()
}
