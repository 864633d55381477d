//! Shared text and CSV plumbing: text decoding (UTF-8 or UTF-16, with or without a byte-order
//! mark, or Windows-1252 as Excel saves CSV on Windows), header-row discovery with the
//! delimiter a spreadsheet program chose (`,`, `;` or tab), streaming rows, tolerant field
//! access.

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
/// byte-order mark, else Windows-1252 when the bytes read as a single-byte encoding (see
/// [`is_single_byte_text`]: Excel's "CSV" on Windows, LinkedIn's exports before 2016).
/// Invalid sequences are replaced, not fatal.
/// Valid UTF-8 (the usual case) is borrowed, not copied.
pub fn decode_text(bytes: &[u8]) -> Cow<'_, str> {
    decode_text_as(bytes).0
}

/// How [`decode_text`] read a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TextEncoding {
    Utf8,
    Utf16,
    Windows1252,
}

impl TextEncoding {
    /// The note the import report carries for an encoding that was a guess.
    pub(crate) fn note(self) -> Option<&'static str> {
        (self == TextEncoding::Windows1252).then_some("read as Windows-1252")
    }
}

/// [`decode_text`], and how the text was encoded.
pub(crate) fn decode_text_as(bytes: &[u8]) -> (Cow<'_, str>, TextEncoding) {
    let utf16 = |text: String| (Cow::Owned(text), TextEncoding::Utf16);
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE][..]) {
        return utf16(decode_utf16(rest, u16::from_le_bytes));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF][..]) {
        return utf16(decode_utf16(rest, u16::from_be_bytes));
    }
    match utf16_without_bom(bytes) {
        Some(Utf16::Le) => return utf16(decode_utf16(bytes, u16::from_le_bytes)),
        Some(Utf16::Be) => return utf16(decode_utf16(bytes, u16::from_be_bytes)),
        None => {}
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), TextEncoding::Utf8),
        Err(_) if is_single_byte_text(bytes) => (
            Cow::Owned(decode_windows_1252(bytes)),
            TextEncoding::Windows1252,
        ),
        Err(_) => (String::from_utf8_lossy(bytes), TextEncoding::Utf8),
    }
}

/// True when bytes that are not valid UTF-8 read better as a single-byte encoding: they hold
/// more invalid UTF-8 sequences than valid multi-byte ones. "Zoë Müller" saved by Excel as
/// Windows-1252 has two invalid sequences and no valid one; a UTF-8 file with one damaged
/// byte still has its other accented letters as valid sequences.
pub fn is_single_byte_text(bytes: &[u8]) -> bool {
    let (mut valid_multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid_multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    invalid > valid_multibyte
}

/// What Windows-1252 puts at 0x80 to 0x9F (where ISO-8859-1 has control codes); the five
/// unassigned bytes map to the control code of the same value, as browsers decode them.
const WINDOWS_1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// Decodes Windows-1252 (a superset of ISO-8859-1): every byte is one character.
pub fn decode_windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => WINDOWS_1252_HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
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
    /// [`Table::for_each_row`] over the rows as wide as the header: a row of another width is
    /// skipped and said in `skipped` ("has 9 fields, expected 7"); `row` gets `skipped` too,
    /// for the rows it skips itself.
    pub fn for_each_full_row(
        &mut self,
        skipped: &mut Vec<crate::import::Skipped>,
        mut row: impl FnMut(usize, &StringRecord, &mut Vec<crate::import::Skipped>),
    ) -> Result<(), ImportError> {
        let expected = self.header.len();
        self.for_each_row(|line, record| {
            if record.len() == expected {
                row(line, record, skipped);
            } else {
                skipped.push(crate::import::Skipped {
                    line: Some(line),
                    reason: crate::import::linkedin::width_mismatch(record.len(), expected),
                });
            }
        })
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

/// The delimiters a header row is looked for with, in order: LinkedIn's and most programs'
/// comma, then the semicolon that Excel and LibreOffice write where the decimal separator is a
/// comma (most of Europe, Latin America), then the tab of Excel's "Unicode text".
const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];

/// Reads `text` as CSV, taking as header the first record (within the first 20) that
/// `classify` recognises, with the first delimiter of [`DELIMITERS`] that gives one. Returns
/// `None` when no record qualifies.
pub(crate) fn find_table<'t, K>(
    file: &'t str,
    text: &'t str,
    classify: impl Fn(&[String]) -> Option<K>,
) -> Result<Option<Table<'t, K>>, ImportError> {
    for delimiter in DELIMITERS {
        if let Some(table) = find_table_with(file, text, &classify, delimiter)? {
            return Ok(Some(table));
        }
    }
    Ok(None)
}

fn find_table_with<'t, K>(
    file: &'t str,
    text: &'t str,
    classify: &impl Fn(&[String]) -> Option<K>,
    delimiter: u8,
) -> Result<Option<Table<'t, K>>, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::None)
        .delimiter(delimiter)
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

/// The trimmed field at `index`, or `None` when absent, blank or a placeholder for nothing
/// (see [`is_placeholder`]).
pub(crate) fn field(row: &StringRecord, index: Option<usize>) -> Option<String> {
    let value = row.get(index?)?.trim();
    (!value.is_empty() && !is_placeholder(value)).then(|| value.to_string())
}

/// What spreadsheets, databases and scripts write into an empty cell: `NA` (R), `#N/A`
/// (Excel), `N/A`, `null`, `NaN`, `undefined`, a lone dash. Case matters where a real name
/// is spelt the same: "Na" and "Null" are surnames, `NA` and `null` are not.
pub fn is_placeholder(value: &str) -> bool {
    matches!(
        value,
        "NA" | "N/A"
            | "n/a"
            | "N.A."
            | "#N/A"
            | "null"
            | "NULL"
            | "NaN"
            | "nan"
            | "undefined"
            | "-"
            | "--"
            | "\u{2013}"
            | "\u{2014}"
    )
}

/// The field at `index` when it holds an e-mail address (`mailto:` dropped): LinkedIn puts
/// member ids (`urn:li:member:12345`) in the e-mail column of some rows, and hand-edited
/// files hold notes there.
pub(crate) fn email_field(row: &StringRecord, index: Option<usize>) -> Option<String> {
    let value = field(row, index)?;
    let address = value.strip_prefix("mailto:").unwrap_or(&value).trim();
    let (local, domain) = address.split_once('@')?;
    let plausible = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !address.contains(char::is_whitespace)
        && !domain.contains('@');
    plausible.then(|| address.to_string())
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
    fn windows_1252_is_told_from_utf8() {
        // "Zoë O’Brien – Müller €" as Excel saves it on Windows.
        let bytes = b"Zo\xEB O\x92Brien \x96 M\xFCller \x80";
        assert!(is_single_byte_text(bytes));
        assert_eq!(decode_text(bytes), "Zoë O’Brien – Müller €");
        // UTF-8 with one damaged byte stays UTF-8: its other letters are valid sequences.
        let mut damaged = "Zoë Müller, Ørsted, Łódź".as_bytes().to_vec();
        damaged.push(0xFF);
        assert!(!is_single_byte_text(&damaged));
        assert_eq!(decode_text(&damaged), "Zoë Müller, Ørsted, Łódź\u{FFFD}");
        // Every byte decodes to one character, the unassigned ones to their control code.
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(decode_windows_1252(&all).chars().count(), 256);
        assert_eq!(decode_windows_1252(b"\x81\x9F\xA0\xFF"), "\u{81}Ÿ\u{A0}ÿ");
    }

    #[test]
    fn the_delimiter_is_the_one_that_gives_a_header() {
        let classify = |h: &[String]| has_all(h, &["name", "age"]).then_some(());
        for text in [
            "Notes:;;\r\nName;Age;Town\r\nAna;3;\"Lyon; Rhône\"\r\n",
            "\u{feff}Name;Age;Town\nAna;3;\"Lyon; Rhône\"\n",
            "Name\tAge\tTown\nAna\t3\tLyon; Rhône\n",
        ] {
            let mut table = find_table("t.csv", text, classify).unwrap().unwrap();
            let mut rows = Vec::new();
            table
                .for_each_row(|_, r| rows.push((field(r, Some(0)), field(r, Some(2)))))
                .unwrap();
            assert_eq!(
                rows,
                vec![(Some("Ana".to_string()), Some("Lyon; Rhône".to_string()))],
                "{text:?}"
            );
        }
        // A comma file keeps its commas even with semicolons in a field.
        let text = "Name,Age\nAna;Bo,3\n";
        let mut table = find_table("t.csv", text, classify).unwrap().unwrap();
        let mut names = Vec::new();
        table
            .for_each_row(|_, r| names.push(field(r, Some(0))))
            .unwrap();
        assert_eq!(names, vec![Some("Ana;Bo".to_string())]);
    }

    #[test]
    fn placeholders_and_member_ids_read_as_empty() {
        let row = StringRecord::from(vec![
            " NA ",
            "N/A",
            "null",
            "-",
            "#N/A",
            "Na",
            "Null",
            "urn:li:member:123456789",
            "mailto:ana@example.org",
            "ana at example dot org",
            "ana@localhost",
            "ANA@Example.ORG",
        ]);
        let fields: Vec<Option<String>> = (0..6).map(|i| field(&row, Some(i))).collect();
        assert_eq!(
            fields,
            vec![None, None, None, None, None, Some("Na".to_string())]
        );
        assert_eq!(field(&row, Some(6)).as_deref(), Some("Null"), "a surname");
        let emails: Vec<Option<String>> = (7..12).map(|i| email_field(&row, Some(i))).collect();
        assert_eq!(
            emails,
            vec![
                None,
                Some("ana@example.org".to_string()),
                None,
                None,
                Some("ANA@Example.ORG".to_string())
            ]
        );
        assert_eq!(email_field(&row, Some(0)), None);
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
