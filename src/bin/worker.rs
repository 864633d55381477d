//! The web worker's entry point.

use gloo::worker::Registrable;

fn main() {
    tiemap::worker::MapWorker::registrar().register();
}
