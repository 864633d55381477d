//! Opening FILE as a map, the same way the page does: one `Session::open` for every caller,
//! so the command line sees the page's ties, clusters and layout start.

use std::rc::Rc;
use tiemap_app::saver::MapInput;
use tiemap_app::session::{Session, SessionSettings};
use tiemap_core::import::InputFile;

/// Opens `path` (any format the page reads) with `settings`, printing the import report.
pub fn open_session(path: &str, settings: SessionSettings) -> Result<Session, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("can't read {path}: {e}"))?;
    let name = std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string());
    open_bytes(name, bytes, settings)
}

/// Opens one file's bytes as the page would (also used by the tests).
pub fn open_bytes(
    name: String,
    bytes: Vec<u8>,
    settings: SessionSettings,
) -> Result<Session, String> {
    let input = MapInput::Files(Rc::new(vec![InputFile { name, bytes }]));
    let session = Session::open(1, &input, settings, &|_, _| {}).map_err(|e| e.sentence())?;
    for line in session.map_data().report {
        eprintln!("{line}");
    }
    Ok(session)
}
