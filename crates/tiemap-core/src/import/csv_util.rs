//! Shared text and CSV plumbing: text decoding (UTF-8 or UTF-16, with or without a byte-order
//! mark), header-row discovery, streaming rows, tolerant field access.

use super::ImportError;
use csv::StringRecord;
use std::borrow::Cow;

/// The most fields a CSV record may have. LinkedIn files have about a dozen columns, Google
/// and Outlook contacts about ninety; a record with more is not an export.
pub const MAX_FIELDS: usize = 1_000;

/// How many records before the header row are tolerated (LinkedIn's `Notes:` preamble).
const MAX_PREAMBLE_RECORDS: usize = 20;

/// Decodes a text file: UTF-16 LE or BE when it starts with their byte-order mark or looks
/// like UTF-16 without one (see [`utf16_without_bom`]), else UTF-8 with an optional
/// byte-order mark. Invalid sequences are replaced, not fatal.
/// Valid UTF-8 (the usual case) is borrowed, not copied.
pub fn decode_text(bytes: &[u8]) -> Cow<'_, str> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE][..]) {
        return Cow::Owned(decode_utf16(rest, u16::from_le_bytes));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF][..]) {
        return Cow::Owned(decode_utf16(rest, u16::from_be_bytes));
    }
    match utf16_without_bom(bytes) {
        Some(Utf16::Le) => return Cow::Owned(decode_utf16(bytes, u16::from_le_bytes)),
        Some(Utf16::Be) => return Cow::Owned(decode_utf16(bytes, u16::from_be_bytes)),
        None => {}
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(bytes);
    String::from_utf8_lossy(bytes)
}

/// Byte order of UTF-16 text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Utf16 {
    Le,
    Be,
}

/// Recognises UTF-16 text written without a byte-order mark (Excel's "Unicode text" and some
/// Windows tools): in the first 4 KiB, nearly every other byte is NUL, on one side only, as
/// in mostly-ASCII text such as a CSV header and rows.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<Utf16> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 4 {
        return None;
    }
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even_nul += usize::from(pair[0] == 0);
        odd_nul += usize::from(pair[1] == 0);
    }
    // ASCII-heavy UTF-16: at least 70 % of units have one NUL byte, on one side only.
    let most = pairs * 7 / 10;
    let few = pairs / 20;
    if odd_nul >= most && even_nul <= few {
        Some(Utf16::Le)
    } else if even_nul >= most && odd_nul <= few {
        Some(Utf16::Be)
    } else {
        None
    }
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// A CSV whose header row was recognised: its kind, its header (lower-cased, trimmed) and a
/// reader positioned on the first row after the header.
pub(crate) struct Table<'t, K> {
    pub kind: K,
    pub header: Vec<String>,
    file: &'t str,
    reader: csv::Reader<&'t [u8]>,
    lines: LineCounter<'t>,
}

/// Line numbers from byte offsets. The csv crate's own line count skips blank CRLF lines, so
/// lines are counted here: each record's start offset, newlines counted incrementally.
struct LineCounter<'t> {
    text: &'t [u8],
    counted_to: usize,
    line: usize,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            counted_to: 0,
            line: 1,
        }
    }

    /// The 1-based line on which `record` starts (records come in increasing order).
    fn line_of(&mut self, record: &StringRecord, fallback: usize) -> usize {
        let Some(offset) = record.position().map(|p| p.byte() as usize) else {
            return fallback;
        };
        // With CRLF endings the csv crate puts a record's start on the '\n' before it.
        let mut end = offset.min(self.text.len());
        while matches!(self.text.get(end), Some(b'\r' | b'\n')) {
            end += 1;
        }
        if end > self.counted_to {
            let newlines = self
                .text
                .get(self.counted_to..end)
                .map(|s| s.iter().filter(|&&b| b == b'\n').count())
                .unwrap_or(0);
            self.line += newlines;
            self.counted_to = end;
        }
        self.line
    }
}

impl<K> Table<'_, K> {
    /// Index of the first header column whose name is one of `names` (compared lower-case).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        names
            .iter()
            .find_map(|n| self.header.iter().position(|h| h == n))
    }

    /// Calls `row` with each non-blank record after the header and the 1-based line it starts on.
    pub fn for_each_row(
        &mut self,
        mut row: impl FnMut(usize, &StringRecord),
    ) -> Result<(), ImportError> {
        let mut record = StringRecord::new();
        let mut index = 0usize;
        loop {
            index += 1;
            let more = self
                .reader
                .read_record(&mut record)
                .map_err(|e| csv_error(self.file, &e))?;
            if !more {
                return Ok(());
            }
            let line = self.lines.line_of(&record, index);
            check_width(self.file, line, &record)?;
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            row(line, &record);
        }
    }
}

fn check_width(file: &str, line: usize, record: &StringRecord) -> Result<(), ImportError> {
    if record.len() > MAX_FIELDS {
        return Err(ImportError::TooManyFields {
            file: file.to_string(),
            line,
            fields: record.len(),
            limit: MAX_FIELDS,
        });
    }
    Ok(())
}

fn csv_error(file: &str, e: &csv::Error) -> ImportError {
    ImportError::Malformed {
        file: file.to_string(),
        line: e.position().map(|p| p.line() as usize).unwrap_or(0),
        reason: "is not valid CSV".to_string(),
    }
}

/// Reads `text` as CSV, taking as header the first record (within the first 20) that
/// `classify` recognises. Returns `None` when no record qualifies.
pub(crate) fn find_table<'t, K>(
    file: &'t str,
    text: &'t str,
    classify: impl Fn(&[String]) -> Option<K>,
) -> Result<Option<Table<'t, K>>, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::None)
        .from_reader(text.as_bytes());
    let mut record = StringRecord::new();
    let mut lines = LineCounter::new(text);
    for index in 1..=MAX_PREAMBLE_RECORDS {
        let more = reader
            .read_record(&mut record)
            .map_err(|e| csv_error(file, &e))?;
        if !more {
            return Ok(None);
        }
        check_width(file, lines.line_of(&record, index), &record)?;
        let header: Vec<String> = record.iter().map(normalise_header).collect();
        if let Some(kind) = classify(&header) {
            return Ok(Some(Table {
                kind,
                header,
                file,
                reader,
                lines,
            }));
        }
    }
    Ok(None)
}

/// Lower case, trimmed, without a stray byte-order mark or surrounding quotes.
fn normalise_header(name: &str) -> String {
    name.trim_start_matches('\u{feff}')
        .trim()
        .trim_matches('"')
        .trim()
        .to_lowercase()
}

/// The trimmed field at `index`, or `None` when absent or blank.
pub(crate) fn field(row: &StringRecord, index: Option<usize>) -> Option<String> {
    let value = row.get(index?)?.trim();
    (!value.is_empty()).then(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_all(header: &[String], names: &[&str]) -> bool {
        names.iter().all(|n| header.iter().any(|h| h == n))
    }

    #[test]
    fn utf16_with_either_byte_order_is_decoded() {
        let text = "First Name,明\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        assert_eq!(decode_text(&le), text);
        assert_eq!(decode_text(&be), text);
        assert_eq!(decode_text("\u{feff}abc".as_bytes()), "abc");
        // Without the byte-order mark too.
        assert_eq!(decode_text(&le[2..]), text);
        assert_eq!(decode_text(&be[2..]), text);
        assert_eq!(utf16_without_bom(&le[2..]), Some(Utf16::Le));
        assert_eq!(utf16_without_bom(&be[2..]), Some(Utf16::Be));
    }

    #[test]
    fn utf8_and_binary_are_not_taken_for_utf16() {
        assert_eq!(utf16_without_bom(b"First Name,Last Name\n"), None);
        assert_eq!(utf16_without_bom("明明明明明明明明".as_bytes()), None);
        assert_eq!(utf16_without_bom(&[0u8; 64]), None);
        assert_eq!(utf16_without_bom(b"a\0"), None, "too short to tell");
    }

    #[test]
    fn header_is_found_after_a_preamble_and_rows_stream() {
        let text = "Notes:\r\n\"a, b\"\r\n\r\nName,Age\r\nAna,3\r\n,\r\nBo,4,extra\r\n";
        let mut table = find_table("t.csv", text, |h| {
            has_all(h, &["name", "age"]).then_some(())
        })
        .unwrap()
        .unwrap();
        assert_eq!(table.column(&["age"]), Some(1));
        let mut rows = Vec::new();
        table
            .for_each_row(|line, r| rows.push((line, r.len(), field(r, Some(0)))))
            .unwrap();
        assert_eq!(
            rows,
            vec![
                (5, 2, Some("Ana".to_string())),
                (7, 3, Some("Bo".to_string()))
            ]
        );
    }

    #[test]
    fn a_record_with_too_many_fields_is_an_error() {
        let text = format!("Name,Age\n{}\n", ",".repeat(MAX_FIELDS + 5));
        let mut table = find_table("t.csv", &text, |h| has_all(h, &["name"]).then_some(()))
            .unwrap()
            .unwrap();
        let err = table.for_each_row(|_, _| {}).unwrap_err();
        assert!(
            matches!(err, ImportError::TooManyFields { line: 2, .. }),
            "{err:?}"
        );
    }
}
