//! Browser tests (wasm-bindgen-test in headless Chromium) for code that needs the browser.

#![cfg(target_arch = "wasm32")]

use gloo::worker::{Bincode, Codec};
use tiemap::browser::read_files;
use tiemap::protocol::{MapCommand, MapEvent};
use tiemap::render::canvas2d;
use tiemap_app::model::{MapData, NodeView};
use tiemap_core::import::{InputFile, Limits};
use tiemap_core::view::camera::{Bounds, Camera};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn web_file(name: &str, bytes: &[u8]) -> tiemap::browser::PickedFile {
    gloo::file::File::new(name, bytes).into()
}

#[wasm_bindgen_test]
fn seeded_clusters_and_layout_are_identical_to_the_native_build() {
    // The native suite checks the same file (crates/tiemap-core/tests/community.rs).
    let native = include_str!("../crates/tiemap-core/tests/fixtures/seeded_fingerprint.txt");
    let wasm = tiemap_core::sample::seeded_fingerprint();
    for (n, w) in native.lines().zip(wasm.lines()) {
        assert_eq!(w, n);
    }
    assert_eq!(wasm.lines().count(), native.lines().count());
    assert!(wasm.contains("leiden membership"));
}

#[wasm_bindgen_test]
fn worker_messages_survive_the_codec() {
    let command = MapCommand::Import {
        files: vec![InputFile {
            name: "Connections.csv".into(),
            bytes: "Ana,\"Smith, Ph.D.\",🚀\n".as_bytes().to_vec(),
        }],
    };
    let back: MapCommand = Bincode::decode(Bincode::encode(&command));
    assert_eq!(back, command);
    let event = MapEvent::Failed {
        sentence: "tiemap can't read x.png.".into(),
    };
    let back: MapEvent = Bincode::decode(Bincode::encode(&event));
    assert_eq!(back, event);
}

#[wasm_bindgen_test]
async fn files_are_read_and_oversized_files_refused_before_reading() {
    let files = read_files(
        vec![
            web_file("a.csv", b"hello"),
            web_file("b.csv", &[0, 159, 146, 150]),
        ],
        Limits::default(),
    )
    .await
    .expect("reads");
    assert_eq!(
        files[0],
        InputFile {
            name: "a.csv".into(),
            bytes: b"hello".to_vec()
        }
    );
    assert_eq!(files[1].bytes, vec![0, 159, 146, 150]);

    let tight = Limits {
        max_file_bytes: 4,
        ..Limits::default()
    };
    let err = read_files(vec![web_file("big.csv", b"12345")], tight)
        .await
        .unwrap_err();
    let sentence = err.sentence();
    assert!(
        sentence.starts_with("big.csv is ") && sentence.contains("limit"),
        "{sentence}"
    );
}

#[wasm_bindgen_test]
fn the_canvas_renderer_draws_nodes_and_labels() {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    canvas.set_width(300);
    canvas.set_height(200);
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let node = |label: &str, degree| NodeView {
        key: format!("k{}", label),
        label: label.into(),
        company: None,
        title: None,
        url: None,
        degree,
        cluster: 0,
        connected: None,
        ..Default::default()
    };
    let map = MapData {
        map_id: 1,
        clusters: Vec::new(),
        modularity: 0.0,
        density: 0.0,
        signals: None,
        title: "t".into(),
        summary: String::new(),
        ties_note: String::new(),
        nodes: vec![node("Ana", 3), node("Bo", 1), node("Cy", 1)],
        ties: vec![0, 1, 0, 2],
        pos_in_graph: vec![0.0, 0.0, 10.0, 5.0, -8.0, 6.0],
        report: Vec::new(),
        is_sample: false,
        fingerprint: String::new(),
        resolution: 1.0,
        fold_below: 0,
        edits: Default::default(),
        ..Default::default()
    };
    let bounds = Bounds::of_positions(&map.pos_in_graph).unwrap();
    let camera = Camera::fit(bounds, [300.0, 200.0], 30.0);
    canvas2d::draw(
        &ctx,
        &map,
        &map.pos_in_graph,
        &camera,
        camera.zoom,
        &canvas2d::LIGHT,
    );
    let data = ctx.get_image_data(0.0, 0.0, 300.0, 200.0).unwrap().data();
    let background = [data[0], data[1], data[2]];
    let inked = data
        .chunks_exact(4)
        .filter(|p| {
            p[..3]
                .iter()
                .zip(background)
                .map(|(a, b)| (*a as i32 - b as i32).abs())
                .sum::<i32>()
                > 30
        })
        .count();
    assert!(inked > 100, "only {inked} pixels drawn");
    // The node at the centre of the fitted bounds is drawn in the node colour, not background.
    let [x, y] = camera.graph_to_screen([0.0, 0.0]);
    let i = ((y.round() as usize) * 300 + x.round() as usize) * 4;
    assert_ne!([data[i], data[i + 1], data[i + 2]], background);
}
