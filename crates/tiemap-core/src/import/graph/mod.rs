//! Graph files: formats that carry real ties (GEXF, GraphML, GML, Pajek, GDF, CSV and plain
//! edge lists, JSON node-link, graphology and Cytoscape JSON).

use super::{ImportError, InputFile, Limits, ReportLine};
use crate::model::GraphFile;

/// Recognises graph files among the dropped files by their content and reads them (with
/// companions such as a Pajek `.clu` partition or a CSV node table). `None` when no file is
/// a graph format (the caller then tries personal exports); `Some(Err(..))` when one is but
/// cannot be read.
pub fn read_graph_files(
    _files: &[InputFile],
    _limits: &Limits,
) -> Option<Result<(GraphFile, Vec<ReportLine>), ImportError>> {
    None
}
