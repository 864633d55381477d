//! LinkedIn's data export: the archive and the CSV files inside it.

mod connections;
pub mod dates;

pub use connections::is_connections_header;

use super::csv_util::{decode_text, read_table};
use super::{ImportError, ReportLine};
use crate::model::PersonalExport;

/// Reads one LinkedIn CSV into `export`, recognising it by its header row.
pub fn read_linkedin_csv(
    file: &str,
    bytes: &[u8],
    export: &mut PersonalExport,
) -> Result<ReportLine, ImportError> {
    let text = decode_text(bytes);
    if let Some(table) = read_table(file, &text, |h| is_connections_header(h))? {
        return connections::read(file, table, export);
    }
    Err(ImportError::UnknownFormat {
        file: file.to_string(),
        hint: None,
    })
}
