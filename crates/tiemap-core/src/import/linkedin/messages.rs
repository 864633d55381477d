//! `messages.csv` in two forms:
//! - since 2019: every field quoted, `CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,
//!   TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS` (sometimes more columns),
//!   multi-line HTML content, dates `2026-04-06 16:35:35 UTC`; a group conversation lists
//!   several recipient URLs;
//! - 2018: `From,To,Date,Subject,Content,Direction,Folder`.
//!
//! Only who, when and which conversation are kept: message content never enters the model.

use super::dates::parse_timestamp;
use super::width_mismatch;
use crate::import::csv_util::{field, Table};
use crate::import::{ImportError, ReportLine, Skipped};
use crate::model::{Message, PersonalExport};

const NOUNS: (&str, &str) = ("message", "messages");

pub(super) fn read_current<K>(
    file: &str,
    table: &mut Table<'_, K>,
    export: &mut PersonalExport,
) -> Result<ReportLine, ImportError> {
    let conversation = table.column(&["conversation id"]);
    let title = table.column(&["conversation title"]);
    let from = table.column(&["from"]);
    let from_url = table.column(&["sender profile url"]);
    let to = table.column(&["to"]);
    let to_urls = table.column(&["recipient profile urls", "recipient profile url"]);
    let date = table.column(&["date"]);
    let subject = table.column(&["subject"]);
    let folder = table.column(&["folder"]);
    let expected = table.header.len();
    let mut skipped = Vec::new();
    let mut count = 0;
    table.for_each_row(|line, row| {
        if row.len() != expected {
            skipped.push(Skipped {
                line: Some(line),
                reason: width_mismatch(row.len(), expected),
            });
            return;
        }
        let from_name = field(row, from).unwrap_or_default();
        let from_url = field(row, from_url);
        if from_name.is_empty() && from_url.is_none() {
            skipped.push(Skipped {
                line: Some(line),
                reason: "has no sender".to_string(),
            });
            return;
        }
        let urls = split_urls(&field(row, to_urls).unwrap_or_default());
        let names = split_names(&field(row, to).unwrap_or_default(), urls.len());
        export.messages.push(Message {
            conversation_id: field(row, conversation).unwrap_or_default(),
            conversation_title: field(row, title),
            from_name,
            from_url,
            to_names: names,
            to_urls: urls,
            sent_at: field(row, date).and_then(|d| parse_timestamp(&d)),
            subject: field(row, subject),
            folder: field(row, folder),
            direction: None,
        });
        count += 1;
    })?;
    Ok(ReportLine::new(file, "messages.csv", count, NOUNS, skipped))
}

pub(super) fn read_2018<K>(
    file: &str,
    table: &mut Table<'_, K>,
    export: &mut PersonalExport,
) -> Result<ReportLine, ImportError> {
    let from = table.column(&["from"]);
    let to = table.column(&["to"]);
    let date = table.column(&["date"]);
    let subject = table.column(&["subject"]);
    let direction = table.column(&["direction"]);
    let folder = table.column(&["folder"]);
    let expected = table.header.len();
    let mut skipped = Vec::new();
    let mut count = 0;
    table.for_each_row(|line, row| {
        if row.len() != expected {
            skipped.push(Skipped {
                line: Some(line),
                reason: width_mismatch(row.len(), expected),
            });
            return;
        }
        let from_name = field(row, from).unwrap_or_default();
        let to_name = field(row, to).unwrap_or_default();
        let direction = field(row, direction).map(|d| d.to_uppercase());
        // The 2018 form has no conversation id: a conversation is the owner and the other party.
        let other = if direction.as_deref() == Some("OUTGOING") {
            &to_name
        } else {
            &from_name
        };
        if other.is_empty() {
            skipped.push(Skipped {
                line: Some(line),
                reason: "has no sender or recipient".to_string(),
            });
            return;
        }
        export.messages.push(Message {
            conversation_id: format!("2018:{}", other.to_lowercase()),
            conversation_title: None,
            from_name,
            from_url: None,
            to_names: if to_name.is_empty() {
                Vec::new()
            } else {
                vec![to_name]
            },
            to_urls: Vec::new(),
            sent_at: field(row, date).and_then(|d| parse_timestamp(&d)),
            subject: field(row, subject),
            folder: field(row, folder),
            direction,
        });
        count += 1;
    })?;
    Ok(ReportLine::new(file, "messages.csv", count, NOUNS, skipped))
}

/// Recipient profile URLs: separated by commas, semicolons or white space.
fn split_urls(text: &str) -> Vec<String> {
    text.split([',', ';', ' ', '\n', '\t'])
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(str::to_string)
        .collect()
}

/// Recipient names, separated by commas. Names may hold commas themselves ("Smith, Ph.D."),
/// so the split is trusted only when it gives one name per recipient URL; otherwise the whole
/// field is kept as one entry (recipients are matched by URL anyway).
fn split_names(text: &str, url_count: usize) -> Vec<String> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    let parts: Vec<String> = text
        .split(',')
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    if url_count > 1 && parts.len() == url_count {
        parts
    } else {
        vec![text.trim().to_string()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_split_only_when_they_match_the_urls() {
        assert_eq!(
            split_names("Ana Lima, Bo Berg", 2),
            vec!["Ana Lima", "Bo Berg"]
        );
        assert_eq!(split_names("Smith, Ph.D.", 1), vec!["Smith, Ph.D."]);
        assert_eq!(
            split_names("Jo Smith, Ph.D., Bo Berg", 2),
            vec!["Jo Smith, Ph.D., Bo Berg"]
        );
        assert!(split_names(" ", 0).is_empty());
    }

    #[test]
    fn urls_split_on_any_separator() {
        assert_eq!(
            split_urls("https://www.linkedin.com/in/a,https://www.linkedin.com/in/b; https://x/c"),
            vec![
                "https://www.linkedin.com/in/a",
                "https://www.linkedin.com/in/b",
                "https://x/c"
            ]
        );
    }
}
