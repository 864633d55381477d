//! Reading FILE into a network, the same way the page does.

use tiemap_core::import::{import_files, Imported, InputFile, Limits};
use tiemap_core::infer::{infer, InferSettings};
use tiemap_core::Network;

/// Reads `path` (any format the page reads) into a network: a graph file's real ties, or ties
/// inferred from a personal export with the default settings (as the page does). Returns it
/// with the import report's sentences.
pub fn load_network(path: &str) -> Result<(Network, Vec<String>), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("can't read {path}: {e}"))?;
    let name = std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string());
    let outcome =
        import_files(&[InputFile { name, bytes }], &Limits::default()).map_err(|e| e.sentence())?;
    let report = outcome.report.lines.iter().map(|l| l.sentence()).collect();
    match outcome.data {
        Imported::Graph(file) => Ok((Network::from_graph_file(&file), report)),
        Imported::Personal(export) => {
            let settings = InferSettings::for_size(export.people.len());
            let inference = infer(&export, &settings).map_err(|e| format!("{e}"))?;
            Ok((inference.network, report))
        }
    }
}
