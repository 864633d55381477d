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
    let mut out = String::with_capacity(64 + nodes.len() * 120);
    let mut header = vec!["id", "name", "company", "title"];
    if with_url {
        header.push("url");
    }
    header.extend(["cluster", "cluster_name", "cluster_color"]);
    row(&mut out, header.iter().map(|h| h.to_string()));
    for n in &nodes {
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
        row(&mut out, cells.into_iter());
    }
    out
}

fn row(out: &mut String, cells: impl Iterator<Item = String>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&field(&cell));
    }
    out.push_str("\r\n");
}

/// One cell: sanitised, defused against formula injection, quoted when needed.
fn field(cell: &str) -> String {
    let cell = sanitize(cell);
    let defused = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.into_owned()
    };
    if defused.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_defused() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field(""), "");
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
