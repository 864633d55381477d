//! vCard 2.1, 3.0 and 4.0: several cards per file, folded lines (a line starting with a space
//! or tab continues the previous one), QUOTED-PRINTABLE values with soft line breaks (`=` at
//! the end of a line) and a CHARSET, backslash escapes, property groups (`item1.EMAIL`).
//! Read: N, FN, ORG, TITLE, EMAIL, URL, CATEGORIES.

use super::{clean_labels, split_full_name, INSTEAD};
use crate::import::{FileRead, ImportError, ReportLine, Skipped};
use crate::model::{ExportKind, Person, PersonalExport};

/// One logical line: `name;params:value`, with the physical line it starts on.
struct Property {
    line: usize,
    name: String,
    params: Vec<String>,
    value: String,
}

pub(crate) fn read_vcard_text(
    file: &str,
    text: &str,
    export: &mut PersonalExport,
) -> Result<FileRead, ImportError> {
    let mut skipped = Vec::new();
    let mut count = 0;
    let mut card: Option<(usize, Vec<Property>)> = None;
    for property in logical_lines(text) {
        let name = property.name.as_str();
        if name == "BEGIN" && property.value.trim().eq_ignore_ascii_case("VCARD") {
            if let Some((start, props)) = card.take() {
                finish(start, &props, export, &mut skipped, &mut count);
            }
            card = Some((property.line, Vec::new()));
        } else if name == "END" && property.value.trim().eq_ignore_ascii_case("VCARD") {
            if let Some((start, props)) = card.take() {
                finish(start, &props, export, &mut skipped, &mut count);
            }
        } else if let Some((_, props)) = card.as_mut() {
            props.push(property);
        }
    }
    // A last card cut short (no END:VCARD) is still read.
    if let Some((start, props)) = card.take() {
        finish(start, &props, export, &mut skipped, &mut count);
    }
    if count == 0 && skipped.is_empty() {
        return Err(ImportError::HeaderOnly {
            file: file.to_string(),
            recognised_as: "a vCard file".to_string(),
        });
    }
    Ok(FileRead {
        line: ReportLine::new(file, "vCard", count, ("contact", "contacts"), skipped),
        source: ExportKind::Contacts,
        holds_connections: true,
        address_book: false,
        instead: INSTEAD,
    })
}

fn finish(
    start: usize,
    props: &[Property],
    export: &mut PersonalExport,
    skipped: &mut Vec<Skipped>,
    count: &mut usize,
) {
    let first_value = |name: &str| {
        props
            .iter()
            .find(|p| p.name == name)
            .map(decode_value)
            .filter(|v| !v.trim().is_empty())
    };
    let mut first_name = String::new();
    let mut last_name = String::new();
    if let Some(n) = first_value("N") {
        let parts = split_unescaped(&n, ';');
        last_name = parts.first().map(|s| unescape(s)).unwrap_or_default();
        let given = parts.get(1).map(|s| unescape(s)).unwrap_or_default();
        let additional = parts.get(2).map(|s| unescape(s)).unwrap_or_default();
        first_name = [given.trim(), additional.trim()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        last_name = last_name.trim().to_string();
    }
    if first_name.is_empty() && last_name.is_empty() {
        if let Some(full) = first_value("FN") {
            (first_name, last_name) = split_full_name(&unescape(&full));
        }
    }
    let email = first_value("EMAIL").map(|e| unescape(&e).trim().to_string());
    if first_name.is_empty() && last_name.is_empty() && email.is_none() {
        skipped.push(Skipped {
            line: Some(start),
            reason: "is a card with no name or e-mail".to_string(),
        });
        return;
    }
    let company = first_value("ORG").and_then(|org| {
        split_unescaped(&org, ';')
            .first()
            .map(|s| unescape(s).trim().to_string())
            .filter(|s| !s.is_empty())
    });
    let mut labels = Vec::new();
    for p in props.iter().filter(|p| p.name == "CATEGORIES") {
        let value = decode_value(p);
        let parts: Vec<String> = split_unescaped(&value, ',')
            .iter()
            .map(|s| unescape(s))
            .collect();
        labels.extend(parts);
    }
    export.people.push(Person {
        first_name,
        last_name,
        profile_url: first_value("URL").map(|u| unescape(&u).trim().to_string()),
        email,
        company,
        position: first_value("TITLE").map(|t| unescape(&t).trim().to_string()),
        connected_on: None,
        labels: clean_labels(labels.iter().map(String::as_str)),
        ..Person::default()
    });
    *count += 1;
}

/// Splits the text into logical lines: unfolds continuation lines and QUOTED-PRINTABLE soft
/// line breaks, then parses each into name, parameters and raw value.
fn logical_lines(text: &str) -> Vec<Property> {
    let mut out: Vec<Property> = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let number = i + 1;
        if let Some((_, buffer)) = current.as_mut() {
            // vCard 2.1 QUOTED-PRINTABLE: "=" at the end means the value goes on.
            if is_quoted_printable(buffer) && buffer.ends_with('=') {
                buffer.pop();
                buffer.push_str(line.trim_start());
                continue;
            }
            if line.starts_with(' ') || line.starts_with('\t') {
                buffer.push_str(line.get(1..).unwrap_or(""));
                continue;
            }
        }
        if let Some((start, buffer)) = current.take() {
            out.extend(parse_property(start, &buffer));
        }
        if !line.trim().is_empty() {
            current = Some((number, line.to_string()));
        }
    }
    if let Some((start, buffer)) = current {
        out.extend(parse_property(start, &buffer));
    }
    out
}

fn is_quoted_printable(line: &str) -> bool {
    let head = line.split(':').next().unwrap_or("").to_ascii_uppercase();
    head.contains("QUOTED-PRINTABLE")
}

fn parse_property(line: usize, text: &str) -> Option<Property> {
    // The value starts after the first ':' outside a quoted parameter value.
    let mut in_quotes = false;
    let mut colon = None;
    for (i, c) in text.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            ':' if !in_quotes => {
                colon = Some(i);
                break;
            }
            _ => {}
        }
    }
    let colon = colon?;
    let head = text.get(..colon)?;
    let value = text.get(colon + 1..)?.to_string();
    let mut parts = head.split(';');
    let full_name = parts.next()?.trim();
    // Drop a property group: "item1.EMAIL" -> "EMAIL".
    let name = full_name
        .rsplit_once('.')
        .map(|(_, n)| n)
        .unwrap_or(full_name)
        .to_ascii_uppercase();
    let params = parts.map(|p| p.trim().to_ascii_uppercase()).collect();
    Some(Property {
        line,
        name,
        params,
        value,
    })
}

/// The value as text: QUOTED-PRINTABLE decoded with its CHARSET (UTF-8 unless it says a
/// Latin-1 family charset).
fn decode_value(p: &Property) -> String {
    let quoted_printable = p
        .params
        .iter()
        .any(|x| x == "QUOTED-PRINTABLE" || x == "ENCODING=QUOTED-PRINTABLE");
    if !quoted_printable {
        return p.value.clone();
    }
    let bytes = decode_quoted_printable(&p.value);
    let charset = p
        .params
        .iter()
        .find_map(|x| x.strip_prefix("CHARSET="))
        .unwrap_or("UTF-8")
        .trim_matches('"');
    let latin1 = matches!(
        charset,
        "ISO-8859-1" | "ISO-8859-15" | "WINDOWS-1252" | "CP1252" | "LATIN1"
    );
    if latin1 {
        bytes.iter().map(|&b| b as char).collect()
    } else {
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

/// `=C3=B1` -> bytes; a stray `=` not followed by two hex digits is kept as is.
fn decode_quoted_printable(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            let hex = (hex_digit(bytes[i + 1]), hex_digit(bytes[i + 2]));
            if let (Some(hi), Some(lo)) = hex {
                out.push(hi * 16 + lo);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

fn hex_digit(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Splits on `separator` where it is not escaped with a backslash.
fn split_unescaped(text: &str, separator: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            current.push(c);
            if let Some(next) = chars.next() {
                current.push(next);
            }
        } else if c == separator {
            out.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    out.push(current);
    out
}

/// `\,` `\;` `\\` `\n` -> `,` `;` `\` newline.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_printable_decodes_and_keeps_stray_equals() {
        assert_eq!(decode_quoted_printable("Mu=C3=B1oz"), "Muñoz".as_bytes());
        assert_eq!(decode_quoted_printable("a=zz="), b"a=zz=");
        assert_eq!(decode_quoted_printable("=4"), b"=4");
    }

    #[test]
    fn escapes_and_splits() {
        assert_eq!(
            split_unescaped(r"Lima;Ana\;Maria;;", ';'),
            vec!["Lima", r"Ana\;Maria", "", ""]
        );
        assert_eq!(unescape(r"Acme\, Inc.\\x\n"), "Acme, Inc.\\x\n");
    }

    #[test]
    fn folded_lines_are_unfolded() {
        let props =
            logical_lines("BEGIN:VCARD\r\nFN:Ana\r\n  Lima\r\nNOTE:a\r\n\tb\r\nEND:VCARD\r\n");
        let fn_value: Vec<&str> = props
            .iter()
            .filter(|p| p.name == "FN" || p.name == "NOTE")
            .map(|p| p.value.as_str())
            .collect();
        assert_eq!(fn_value, vec!["Ana Lima", "ab"]);
    }
}
