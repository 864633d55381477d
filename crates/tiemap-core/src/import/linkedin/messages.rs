//! `messages.csv` in two forms:
//! - since 2019: every field quoted, `CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,
//!   TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS` (sometimes more columns),
//!   multi-line HTML content, dates `2026-04-06 16:35:35 UTC`; a group conversation lists
//!   several recipient URLs;
//! - 2018: `From,To,Date,Subject,Content,Direction,Folder`.
//!
//! Only who, when and which conversation are kept: message content never enters the model,
//! and the text that does (names, subjects, conversation titles) is plain: HTML tags dropped
//! and entities decoded ([`plain_text`]).
//!
//! Members who left LinkedIn or hide their profile write as "LinkedIn Member" (in the export's
//! language) with no profile URL. They are not one person: each conversation's is kept apart
//! as "LinkedIn Member (1)", "LinkedIn Member (2)", ..., and the report says how many.

use super::dates::parse_timestamp;
use crate::import::csv_util::{field, Table};
use crate::import::{group_thousands, ImportError, ReportLine, Skipped};
use crate::model::{Message, PersonalExport};
use std::collections::BTreeMap;

const NOUNS: (&str, &str) = ("message", "messages");

/// How LinkedIn names a member it does not show, in the languages of its exports.
const ANONYMOUS_MEMBER: [&str; 6] = [
    "linkedin member",
    "membre de linkedin",
    "linkedin-mitglied",
    "miembro de linkedin",
    "membro do linkedin",
    "utente linkedin",
];

/// Gives each conversation's anonymous member a name of their own.
#[derive(Default)]
struct AnonymousMembers {
    /// The number of each conversation (or 2018 row) with an anonymous member, from 1.
    numbers: BTreeMap<String, usize>,
}

impl AnonymousMembers {
    /// `name` as written, or, for an anonymous member without a profile URL, the name
    /// numbered for the conversation `key`: "LinkedIn Member (2)".
    fn name(&mut self, name: String, url: Option<&str>, key: &str) -> String {
        let anonymous = url.is_none()
            && ANONYMOUS_MEMBER
                .iter()
                .any(|a| name.eq_ignore_ascii_case(a));
        if !anonymous {
            return name;
        }
        let next = self.numbers.len() + 1;
        let number = *self.numbers.entry(key.to_string()).or_insert(next);
        format!("{name} ({number})")
    }

    /// The report's note: how many anonymous members were kept apart.
    fn note(&self) -> Option<String> {
        let n = self.numbers.len();
        (n > 0).then(|| {
            format!(
                "{} {} shown as \u{201c}LinkedIn Member\u{201d} kept apart, one per conversation",
                group_thousands(n),
                if n == 1 { "member" } else { "members" }
            )
        })
    }
}

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
    let mut skipped = Vec::new();
    let mut count = 0;
    let mut anonymous = AnonymousMembers::default();
    table.for_each_full_row(&mut skipped, |line, row, skipped| {
        let from_name = text_field(row, from).unwrap_or_default();
        let from_url = field(row, from_url);
        if from_name.is_empty() && from_url.is_none() {
            skipped.push(Skipped {
                line: Some(line),
                reason: "has no sender".to_string(),
            });
            return;
        }
        let conversation_id = field(row, conversation).unwrap_or_default();
        let urls = split_urls(&field(row, to_urls).unwrap_or_default());
        let mut names = split_names(&text_field(row, to).unwrap_or_default(), urls.len());
        // Recipients are paired with their URLs when there are as many of each.
        if urls.is_empty() || names.len() == urls.len() {
            for (i, name) in names.iter_mut().enumerate() {
                let url = urls.get(i).map(String::as_str);
                *name = anonymous.name(std::mem::take(name), url, &conversation_id);
            }
        }
        export.messages.push(Message {
            from_name: anonymous.name(from_name, from_url.as_deref(), &conversation_id),
            conversation_id,
            conversation_title: text_field(row, title),
            from_url,
            to_names: names,
            to_urls: urls,
            sent_at: field(row, date).and_then(|d| parse_timestamp(&d)),
            subject: text_field(row, subject),
            folder: field(row, folder),
            direction: None,
        });
        count += 1;
    })?;
    Ok(ReportLine::new(file, "messages.csv", count, NOUNS, skipped)
        .noting(anonymous.note().as_deref()))
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
    let mut skipped = Vec::new();
    let mut count = 0;
    let mut anonymous = AnonymousMembers::default();
    table.for_each_full_row(&mut skipped, |line, row, skipped| {
        // No conversation ids: each message of an anonymous member is theirs alone.
        let key = line.to_string();
        let from_name = anonymous.name(text_field(row, from).unwrap_or_default(), None, &key);
        let to_name = anonymous.name(text_field(row, to).unwrap_or_default(), None, &key);
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
            subject: text_field(row, subject),
            folder: field(row, folder),
            direction,
        });
        count += 1;
    })?;
    Ok(ReportLine::new(file, "messages.csv", count, NOUNS, skipped)
        .noting(anonymous.note().as_deref()))
}

/// The field at `index` as plain text ([`plain_text`]), or `None` when that leaves nothing.
fn text_field(row: &csv::StringRecord, index: Option<usize>) -> Option<String> {
    let text = plain_text(&field(row, index)?);
    (!text.is_empty()).then_some(text)
}

/// Text without HTML: tags dropped (a tag between words leaves a space: `<p>Hi</p><p>Sam`
/// reads "Hi Sam"), entities decoded (`&amp;`, `&#39;`, `&#x2019;`, `&nbsp;`), runs of white
/// space made one space. A `<` that opens no tag (`I <3 it`, `a < b`) stays.
pub(crate) fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let (text, used) = if tail.starts_with('<') {
            match tag_length(tail) {
                Some(len) => (" ".to_string(), len),
                None => ("<".to_string(), 1),
            }
        } else {
            match entity(tail) {
                Some((c, len)) => (c.to_string(), len),
                None => ("&".to_string(), 1),
            }
        };
        out.push_str(&text);
        rest = tail.get(used..).unwrap_or("");
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The length of the tag `text` starts with (`<p>`, `</div>`, `<br/>`, `<!-- ... -->`,
/// `<a href="...">`), or `None` when its `<` opens none.
fn tag_length(text: &str) -> Option<usize> {
    let after = text.get(1..)?;
    if let Some(comment) = after.strip_prefix("!--") {
        return comment.find("-->").map(|end| 1 + 3 + end + 3);
    }
    let opens = after
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
    if !opens {
        return None;
    }
    after.find('>').map(|end| end + 2)
}

/// The character an entity at the start of `text` stands for, and the entity's length.
fn entity(text: &str) -> Option<(char, usize)> {
    let end = text.get(..text.len().min(12))?.find(';')?;
    let name = text.get(1..end)?;
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

/// Recipient profile URLs: separated by commas, semicolons or white space.
fn split_urls(text: &str) -> Vec<String> {
    text.split([',', ';', ' ', '\n', '\t'])
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(str::to_string)
        .collect()
}

/// Recipient names, separated by commas. Names may hold commas themselves ("Jo Smith,
/// Ph.D.", "Ana Lima, MBA, PMP"): a part that reads as a degree, title or pronouns
/// ([`is_name_suffix`]) stays with the name before it. The split is trusted only when it
/// gives one name per recipient URL; otherwise the whole field is kept as one entry
/// (recipients are matched by URL anyway).
fn split_names(text: &str, url_count: usize) -> Vec<String> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    let mut names: Vec<String> = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match names.last_mut() {
            Some(name) if is_name_suffix(part) => {
                name.push_str(", ");
                name.push_str(part);
            }
            _ => names.push(part.to_string()),
        }
    }
    if url_count > 1 && names.len() == url_count {
        names
    } else {
        vec![text.trim().to_string()]
    }
}

/// Degrees and titles written after a name, lower case without dots.
const NAME_SUFFIXES: [&str; 24] = [
    "phd", "mba", "msc", "bsc", "ma", "ba", "md", "jd", "llm", "mph", "cpa", "cfa", "pmp", "pe",
    "rn", "esq", "jr", "sr", "ii", "iii", "iv", "dds", "dr", "mfa",
];

/// True for what follows a name after a comma rather than starting another: a degree or
/// title (`Ph.D.`, `MBA`, `PhD`, `Jr.`, `CISSP`), or pronouns (`(she/her)`). One word in
/// capitals or with dots, a known suffix, or a bracketed aside.
fn is_name_suffix(part: &str) -> bool {
    if part.starts_with('(') {
        return true;
    }
    if part.contains(char::is_whitespace) {
        return false;
    }
    let letters: String = part.chars().filter(|c| *c != '.' && *c != '-').collect();
    let capitals = letters.chars().count() >= 2
        && letters
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    capitals || part.contains('.') || NAME_SUFFIXES.contains(&letters.to_lowercase().as_str())
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
            vec!["Jo Smith, Ph.D.", "Bo Berg"]
        );
        // One person with a degree, two URLs (the owner's among them): not two people.
        assert_eq!(split_names("Jo Smith, Ph.D.", 2), vec!["Jo Smith, Ph.D."]);
        assert_eq!(
            split_names(
                "Ana Lima, MBA, PMP, Cher, Dee Dunn, PhD, Eve Ek (she/her)",
                3
            ),
            vec!["Ana Lima, MBA, PMP, Cher, Dee Dunn, PhD, Eve Ek (she/her)"]
        );
        assert_eq!(
            split_names("Ana Lima, MBA, PMP, Cher, Dee Dunn, PhD", 3),
            vec!["Ana Lima, MBA, PMP", "Cher", "Dee Dunn, PhD"]
        );
        assert_eq!(
            split_names("Bo Berg, Jr., Ana Lima, (she/her)", 2),
            vec!["Bo Berg, Jr.", "Ana Lima, (she/her)"]
        );
        assert!(split_names(" ", 0).is_empty());
    }

    #[test]
    fn html_reads_as_plain_text() {
        for (html, text) in [
            (
                "<p>Hi Sam,</p>\n<p>Great to meet you at the &quot;meetup&quot;.</p>",
                "Hi Sam, Great to meet you at the \"meetup\".",
            ),
            (
                "AT&amp;T<br/>Let&#39;s talk&#x2019;&nbsp;now <!-- x --> ok",
                "AT&T Let's talk\u{2019} now ok",
            ),
            ("<a href=\"https://x\">Link</a>", "Link"),
            ("<div></div>", ""),
            // What opens no tag or entity stays.
            ("I <3 it & a < b, R&D", "I <3 it & a < b, R&D"),
            (
                "&#99999999999; &bogus; <unclosed",
                "&#99999999999; &bogus; <unclosed",
            ),
        ] {
            assert_eq!(plain_text(html), text, "{html}");
        }
    }

    #[test]
    fn anonymous_members_are_kept_apart_by_conversation() {
        let mut anonymous = AnonymousMembers::default();
        let mut name = |n: &str, url: Option<&str>, key: &str| anonymous.name(n.into(), url, key);
        assert_eq!(name("LinkedIn Member", None, "c1"), "LinkedIn Member (1)");
        assert_eq!(name("LinkedIn Member", None, "c2"), "LinkedIn Member (2)");
        assert_eq!(name("LinkedIn Member", None, "c1"), "LinkedIn Member (1)");
        assert_eq!(
            name("Membre de LinkedIn", None, "c3"),
            "Membre de LinkedIn (3)"
        );
        assert_eq!(
            name(
                "LinkedIn Member",
                Some("https://www.linkedin.com/in/x"),
                "c4"
            ),
            "LinkedIn Member"
        );
        assert_eq!(name("Ana Lima", None, "c5"), "Ana Lima");
        assert_eq!(
            anonymous.note().as_deref(),
            Some("3 members shown as \u{201c}LinkedIn Member\u{201d} kept apart, one per conversation")
        );
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
