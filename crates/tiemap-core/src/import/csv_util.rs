//! Shared CSV plumbing: text decoding, header-row discovery, tolerant field access.

use super::ImportError;

/// Decodes a text file: strips a UTF-8 byte-order mark; invalid UTF-8 is replaced, not fatal.
pub(crate) fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(bytes);
    String::from_utf8_lossy(bytes).into_owned()
}

/// A parsed CSV: its header (lower-cased, trimmed) and the records after it, each with the
/// 1-based line number it starts on.
pub(crate) struct Table {
    pub header: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    /// Index of the first header column whose name is one of `names` (compared lower-case).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        names
            .iter()
            .find_map(|n| self.header.iter().position(|h| h == n))
    }
}

/// Reads `text` as CSV, taking as header the first record (within the first 20) for which
/// `is_header` holds. Returns `None` when no record qualifies.
pub(crate) fn read_table(
    file: &str,
    text: &str,
    is_header: impl Fn(&[String]) -> bool,
) -> Result<Option<Table>, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::None)
        .from_reader(text.as_bytes());
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| ImportError::Malformed {
            file: file.to_string(),
            line: e.position().map(|p| p.line() as usize).unwrap_or(0),
            reason: "is not valid CSV".to_string(),
        })?;
        let line = record
            .position()
            .map(|p| p.line() as usize)
            .unwrap_or(i + 1);
        let fields: Vec<String> = record.iter().map(|f| f.to_string()).collect();
        match header {
            None => {
                let normalised: Vec<String> =
                    fields.iter().map(|f| f.trim().to_lowercase()).collect();
                if is_header(&normalised) {
                    header = Some(normalised);
                } else if i >= 20 {
                    return Ok(None);
                }
            }
            Some(_) => {
                if fields.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                rows.push((line, fields));
            }
        }
    }
    Ok(header.map(|header| Table { header, rows }))
}

/// The trimmed field at `index`, or `None` when absent or blank.
pub(crate) fn field(row: &[String], index: Option<usize>) -> Option<String> {
    let value = row.get(index?)?.trim();
    (!value.is_empty()).then(|| value.to_string())
}
