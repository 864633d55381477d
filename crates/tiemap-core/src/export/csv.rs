//! The people table as CSV (RFC 4180).

use super::{prepare, sanitize, ExportMap, Names};
use crate::view::palette::to_hex;

/// One row per person, in node order, as CSV (RFC 4180: comma-separated, CRLF line ends,
/// a field holding a comma, quote, CR or LF is quoted with inner quotes doubled).
///
/// Columns: `id`, `name`, `company`, `title`, `url` (only with [`Names::All`]), `cluster`
/// (the persistent id), `cluster_name`, `cluster_color` (`#rrggbb`). Ids and names follow
/// [`Names`] as in the XML exports. A cell starting with `=`, `+`, `-`, `@`, tab or CR gets a
/// leading `'`, so a spreadsheet shows it as text instead of running it as a formula.
/// Characters XML 1.0 forbids (NUL and other C0 controls but tab, CR, LF) are dropped here
/// too. No byte-order mark is written.
pub fn people_csv(map: &ExportMap, names: Names) -> String {
    let (nodes, _) = prepare(map, names);
    let with_url = names.shows_identity();
    let mut header = vec!["id", "name", "company", "title"];
    if with_url {
        header.push("url");
    }
    header.extend(["cluster", "cluster_name", "cluster_color"]);
    let header: Vec<String> = header.into_iter().map(String::from).collect();
    let people = nodes.iter().map(|n| {
        let mut cells = vec![
            n.id.clone(),
            n.label.clone(),
            n.company.clone().unwrap_or_default(),
            n.title.clone().unwrap_or_default(),
        ];
        if with_url {
            cells.push(n.url.clone().unwrap_or_default());
        }
        cells.extend([
            n.cluster.to_string(),
            n.cluster_name.clone(),
            to_hex(n.color),
        ]);
        cells
    });
    let rows = std::iter::once(header)
        .chain(people)
        .map(|cells| cells.into_iter().map(|cell| defuse(&cell)));
    write_rows(rows, ::csv::Terminator::CRLF)
}

/// Rows as CSV text, written by the `csv` crate: comma-separated, each row ended by
/// `terminator`, a field holding a comma, quote, CR or LF quoted with inner quotes doubled
/// (RFC 4180). Every row must have the first row's length.
pub(crate) fn write_rows<R, F>(
    rows: impl IntoIterator<Item = R>,
    terminator: ::csv::Terminator,
) -> String
where
    R: IntoIterator<Item = F>,
    F: AsRef<[u8]>,
{
    let mut bytes = Vec::new();
    {
        let mut writer = ::csv::WriterBuilder::new()
            .terminator(terminator)
            .from_writer(&mut bytes);
        for row in rows {
            // Writing into memory cannot fail, and the callers' rows all have one length.
            let _ = writer.write_record(row);
        }
        let _ = writer.flush();
    }
    // Every field was a `str`, so the bytes are UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// One cell: sanitised and defused against formula injection (the writer quotes it).
fn defuse(cell: &str) -> String {
    let cell = sanitize(cell);
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One cell as written: defused, then quoted by the writer.
    fn field(cell: &str) -> String {
        let row = write_rows([[defuse(cell)]], ::csv::Terminator::CRLF);
        row.strip_suffix("\r\n").unwrap_or(&row).to_string()
    }

    #[test]
    fn fields_are_quoted_and_defused() {
        assert_eq!(field("plain"), "plain");
        // A lone empty field is quoted so the row is not blank; in a row of several it is not.
        assert_eq!(field(""), "\"\"");
        assert_eq!(write_rows([["", "x"]], ::csv::Terminator::CRLF), ",x\r\n");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("=SUM(A1:A2)"), "'=SUM(A1:A2)");
        assert_eq!(field("+1 555"), "'+1 555");
        assert_eq!(field("-2"), "'-2");
        assert_eq!(field("@cmd"), "'@cmd");
        assert_eq!(field("\t=x"), "'\t=x");
        assert_eq!(
            field("=HYPERLINK(\"http://e\",\"x\")"),
            "\"'=HYPERLINK(\"\"http://e\"\",\"\"x\"\")\""
        );
        assert_eq!(field("nul\u{0}here"), "nulhere");
        // A formula hidden behind a dropped control character is still defused.
        assert_eq!(field("\u{1}=1+1"), "'=1+1");
    }
}
