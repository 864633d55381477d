//! Bytes in, typed data out: every export and graph format tiemap reads.
//!
//! Files are recognised by their content (a CSV's header row, an XML root element, JSON keys),
//! not by their names. Each reader reports what it read and what it skipped and why, and
//! fails with an [`ImportError`] that carries what a person needs to fix the problem.

mod csv_util;
mod error;
pub mod graph;
pub mod linkedin;

pub use error::ImportError;

use crate::model::{GraphFile, PersonalExport};
use serde::{Deserialize, Serialize};

/// One file handed to the importer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InputFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Size limits that protect the page from huge and hostile files.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Limits {
    /// Largest single input file.
    pub max_file_bytes: u64,
    /// Largest total of all files after decompression.
    pub max_total_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 256 * 1024 * 1024,
            max_total_bytes: 512 * 1024 * 1024,
        }
    }
}

/// What the importer made of the files.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Imported {
    /// A personal export: people without ties among them.
    Personal(PersonalExport),
    /// A graph file: nodes with real ties.
    Graph(GraphFile),
}

/// What was skipped, where, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// 1-based line (or record) number, when there is one.
    pub line: Option<usize>,
    pub reason: String,
}

/// What was read from one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportLine {
    pub file: String,
    /// What the file was recognised as ("Connections.csv", "GEXF").
    pub recognised_as: String,
    /// How many records were read.
    pub count: usize,
    /// What the records are ("people", "messages", "nodes").
    pub noun: String,
    pub skipped: Vec<Skipped>,
}

impl ReportLine {
    /// "1,482 people from Connections.csv; 3 rows skipped: line 58 has 9 fields, expected 7".
    pub fn sentence(&self) -> String {
        let mut s = format!(
            "{} {} from {}",
            group_thousands(self.count),
            self.noun,
            self.file
        );
        if let Some(first) = self.skipped.first() {
            let rows = if self.skipped.len() == 1 {
                "row"
            } else {
                "rows"
            };
            s.push_str(&format!(
                "; {} {rows} skipped: ",
                group_thousands(self.skipped.len())
            ));
            if let Some(line) = first.line {
                s.push_str(&format!("line {line} {}", first.reason));
            } else {
                s.push_str(&first.reason);
            }
        }
        s
    }
}

/// The per-file account of an import.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ImportReport {
    pub lines: Vec<ReportLine>,
}

/// The result of a successful import.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportOutcome {
    pub data: Imported,
    pub report: ImportReport,
}

/// Reads one or several dropped files into one dataset.
pub fn import_files(files: &[InputFile], limits: &Limits) -> Result<ImportOutcome, ImportError> {
    if files.is_empty() {
        return Err(ImportError::NoFiles);
    }
    for file in files {
        let size_bytes = file.bytes.len() as u64;
        if size_bytes > limits.max_file_bytes {
            return Err(ImportError::TooLarge {
                file: file.name.clone(),
                size_bytes,
                limit_bytes: limits.max_file_bytes,
            });
        }
        if file.bytes.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(ImportError::Empty {
                file: file.name.clone(),
            });
        }
    }
    if let Some(result) = graph::read_graph_files(files, limits) {
        let (graph, lines) = result?;
        return Ok(ImportOutcome {
            data: Imported::Graph(graph),
            report: ImportReport { lines },
        });
    }
    let mut export = PersonalExport::default();
    let mut report = ImportReport::default();
    for file in files {
        let line = linkedin::read_linkedin_csv(&file.name, &file.bytes, &mut export)?;
        report.lines.push(line);
    }
    Ok(ImportOutcome {
        data: Imported::Personal(export),
        report,
    })
}

/// `1482` -> `"1,482"`.
pub fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1482), "1,482");
        assert_eq!(group_thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn report_sentence() {
        let line = ReportLine {
            file: "Connections.csv".into(),
            recognised_as: "Connections.csv".into(),
            count: 1482,
            noun: "people".into(),
            skipped: vec![
                Skipped {
                    line: Some(58),
                    reason: "has 9 fields, expected 7".into(),
                },
                Skipped {
                    line: Some(60),
                    reason: "has 2 fields, expected 7".into(),
                },
                Skipped {
                    line: Some(61),
                    reason: "has 2 fields, expected 7".into(),
                },
            ],
        };
        assert_eq!(
            line.sentence(),
            "1,482 people from Connections.csv; 3 rows skipped: line 58 has 9 fields, expected 7"
        );
    }
}
