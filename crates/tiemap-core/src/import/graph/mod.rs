//! Graph files: formats that carry real ties (GEXF, GraphML, GML, Pajek, GDF, CSV and plain
//! edge lists, JSON node-link, graphology and Cytoscape JSON).

use super::{ImportError, Limits, ReportLine};
use crate::model::GraphFile;

/// Recognises a graph file by its content and reads it. `None` when the bytes are not any
/// graph format (the caller then tries personal exports); `Some(Err(..))` when they are one
/// but cannot be read.
pub fn read_graph_file(
    _file: &str,
    _bytes: &[u8],
    _limits: &Limits,
) -> Option<Result<(GraphFile, ReportLine), ImportError>> {
    None
}
