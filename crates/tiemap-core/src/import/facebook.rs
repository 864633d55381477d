//! Facebook's "Download Your Information" friends file, recognised by its JSON keys:
//! - `connections/friends/your_friends.json`: `{"friends_v2": [{"name": .., "timestamp": ..}]}`;
//! - older `friends/friends.json`: `{"friends": [...]}`;
//! - friend requests and removed friends (`received_requests_v2`, `sent_requests_v2`,
//!   `removed_friends_v2`, ...): recognised, but they hold no current friends.
//!
//! - Messenger threads (`messages/inbox/<chat>/message_1.json`, also under
//!   `your_facebook_activity/`): `{"participants": [{"name": ..}], "messages": [{"sender_name":
//!   .., "timestamp_ms": ..}], "title": .., "thread_path": ..}`. Each message becomes a
//!   [`Message`] of the chat; the people of a group chat are matched to friends by name, and
//!   tie like the people of a LinkedIn group conversation.
//!
//! Facebook writes non-ASCII text as UTF-8 bytes escaped one by one (`"Mu\u00c3\u00b1oz"` for
//! "Muñoz"); [`repair_mojibake`] undoes that. JSON nesting is bounded by serde_json's
//! recursion limit, so hostile nesting is an error, not a stack overflow.

use super::csv_util::decode_text;
use super::{FileRead, ImportError, ReportLine, Skipped};
use crate::model::{Date, ExportKind, Message, Person, PersonalExport, Timestamp};
use serde_json::Value;

/// Keys of friend lists, newest first.
const FRIEND_KEYS: &[&str] = &["friends_v2", "friends"];
/// Keys of Facebook files about friends that are not the friend list.
const OTHER_KEYS: &[(&str, &str)] = &[
    ("received_requests_v2", "Facebook friend requests received"),
    ("received_requests", "Facebook friend requests received"),
    ("sent_requests_v2", "Facebook friend requests sent"),
    ("sent_requests", "Facebook friend requests sent"),
    ("removed_friends_v2", "Facebook removed friends"),
    ("deleted_friends_v2", "Facebook removed friends"),
    ("deleted_friends", "Facebook removed friends"),
    ("rejected_requests_v2", "Facebook rejected friend requests"),
    ("follow_v2", "Facebook follows"),
];

const INSTEAD: &str = "your_friends.json or the whole Facebook download (JSON format)";

/// Reads a Facebook friends JSON file into `export`. A JSON file that is not a Facebook
/// friends file is an [`ImportError::UnknownFormat`].
pub fn read_facebook_json(
    file: &str,
    bytes: &[u8],
    export: &mut PersonalExport,
) -> Result<ReportLine, ImportError> {
    read_json_text(file, &decode_text(bytes), export).map(|read| read.line)
}

pub(crate) fn read_json_text(
    file: &str,
    text: &str,
    export: &mut PersonalExport,
) -> Result<FileRead, ImportError> {
    if crate::import::json_depth::nests_deeper_than(
        text.as_bytes(),
        crate::import::json_depth::MAX_JSON_DEPTH,
    ) {
        return Err(ImportError::BadJson {
            file: file.to_string(),
            reason: "nested too deeply".to_string(),
        });
    }
    let value: Value = serde_json::from_str(text).map_err(|e| ImportError::BadJson {
        file: file.to_string(),
        reason: json_reason(&e),
    })?;
    let object = value.as_object();
    if let Some(thread) = object.filter(|o| o.contains_key("participants")) {
        return read_messenger_thread(file, thread, export);
    }
    let friends = object.and_then(|o| {
        FRIEND_KEYS
            .iter()
            .find_map(|k| o.get(*k).and_then(Value::as_array))
    });
    let Some(friends) = friends else {
        if let Some((_, what)) =
            object.and_then(|o| OTHER_KEYS.iter().find(|(k, _)| o.contains_key(*k)))
        {
            return Ok(FileRead {
                line: ReportLine::new(file, what, 0, ("person", "people"), Vec::new()),
                source: ExportKind::Facebook,
                holds_connections: false,
                address_book: false,
                instead: INSTEAD,
            });
        }
        return Err(ImportError::UnknownFormat {
            file: file.to_string(),
            hint: Some(
                "it is JSON but neither a Facebook friends file nor a graph format tiemap knows"
                    .to_string(),
            ),
        });
    };
    let mut skipped = Vec::new();
    let mut count = 0;
    let mut repaired = Repairs::default();
    for (i, friend) in friends.iter().enumerate() {
        let name = friend
            .get("name")
            .and_then(Value::as_str)
            .map(|n| repaired.fix(n.trim()))
            .filter(|n| !n.is_empty());
        let Some(name) = name else {
            skipped.push(Skipped {
                line: Some(i + 1),
                reason: "has no name".to_string(),
            });
            continue;
        };
        let (first_name, last_name) = split_name(&name);
        let connected_on = friend
            .get("timestamp")
            .and_then(Value::as_i64)
            .filter(|t| *t > 0)
            .map(|t| Timestamp::from_secs_since_epoch(t).date())
            .filter(|d| (1..=9999).contains(&d.year()) && *d > Date::from_days_since_epoch(0));
        export.people.push(Person {
            first_name,
            last_name,
            connected_on,
            ..Person::default()
        });
        count += 1;
    }
    if count == 0 && skipped.is_empty() {
        return Err(ImportError::HeaderOnly {
            file: file.to_string(),
            recognised_as: "a Facebook friends file".to_string(),
        });
    }
    Ok(FileRead {
        line: ReportLine::new(
            file,
            "Facebook friends",
            count,
            ("friend", "friends"),
            skipped,
        )
        .noting(repaired.note()),
        source: ExportKind::Facebook,
        holds_connections: true,
        address_book: false,
        instead: INSTEAD,
    })
}

/// What a Messenger thread file is recognised as (its report lines are added up into one).
pub(crate) const MESSENGER: &str = "Facebook Messenger chats";
/// The note of a Messenger thread with three people or more (the owner and two others).
const GROUP_CHAT: &str = "a group chat";

/// Adds up the report lines of Messenger threads into the first of them: "1,204 messages
/// from 37 Messenger chats (5 group chats)". A chat split over `message_1.json`,
/// `message_2.json` is one chat (its folder).
pub(crate) fn sum_messenger_lines(lines: &mut Vec<ReportLine>) {
    let (threads, rest): (Vec<ReportLine>, Vec<ReportLine>) = std::mem::take(lines)
        .into_iter()
        .partition(|l| l.recognised_as == MESSENGER);
    *lines = rest;
    let chat_of = |l: &ReportLine| {
        l.file
            .rsplit_once('/')
            .map_or(l.file.clone(), |(folder, _)| folder.to_string())
    };
    let mut chats: Vec<(String, bool)> = threads
        .iter()
        .map(|l| (chat_of(l), l.notes.iter().any(|n| n == GROUP_CHAT)))
        .collect();
    chats.sort_unstable();
    chats.dedup_by(|later, first| {
        let same = later.0 == first.0;
        first.1 |= same && later.1;
        same
    });
    let repaired = threads
        .iter()
        .any(|l| l.notes.iter().any(|n| n == REPAIRED));
    let mut threads = threads.into_iter();
    let Some(mut sum) = threads.next() else {
        return;
    };
    for l in threads {
        sum.count += l.count;
        sum.skipped.extend(l.skipped);
    }
    sum.noun = if sum.count == 1 {
        "message"
    } else {
        "messages"
    }
    .to_string();
    if chats.len() > 1 {
        sum.file = format!("{} Messenger chats", super::group_thousands(chats.len()));
    }
    let groups = chats.iter().filter(|(_, group)| *group).count();
    sum.notes = match (chats.len(), groups) {
        (_, 0) => Vec::new(),
        (1, _) => vec![GROUP_CHAT.to_string()],
        (_, 1) => vec!["1 group chat".to_string()],
        (_, n) => vec![format!("{} group chats", super::group_thousands(n))],
    };
    if repaired {
        sum.notes.push(REPAIRED.to_string());
    }
    lines.push(sum);
}

/// Reads one Messenger thread: a [`Message`] per message, from its sender to the other
/// participants, under the thread's id. A thread without messages still says who shares it
/// (one record from its first participant).
fn read_messenger_thread(
    file: &str,
    thread: &serde_json::Map<String, Value>,
    export: &mut PersonalExport,
) -> Result<FileRead, ImportError> {
    let repaired = std::cell::RefCell::new(Repairs::default());
    let text = |v: Option<&Value>| {
        v.and_then(Value::as_str)
            .map(|n| repaired.borrow_mut().fix(n.trim()))
            .filter(|n| !n.is_empty())
    };
    let participants: Vec<String> = thread
        .get("participants")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|p| text(p.get("name")))
        .collect();
    let conversation_id = thread
        .get("thread_path")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| file.to_string());
    let title = text(thread.get("title"));
    let others = |sender: &str| -> Vec<String> {
        participants
            .iter()
            .filter(|p| p.as_str() != sender)
            .cloned()
            .collect()
    };
    let record = |from: String, sent_at: Option<Timestamp>| Message {
        conversation_id: conversation_id.clone(),
        conversation_title: title.clone(),
        to_names: others(&from),
        from_name: from,
        sent_at,
        ..Message::default()
    };
    let mut count = 0;
    let mut skipped = Vec::new();
    let messages = thread.get("messages").and_then(Value::as_array);
    for (i, m) in messages.into_iter().flatten().enumerate() {
        let Some(sender) = text(m.get("sender_name")) else {
            skipped.push(Skipped {
                line: Some(i + 1),
                reason: "has no sender".to_string(),
            });
            continue;
        };
        let sent_at = m
            .get("timestamp_ms")
            .and_then(Value::as_i64)
            .filter(|t| *t > 0)
            .map(|t| Timestamp::from_secs_since_epoch(t / 1000));
        export.messages.push(record(sender, sent_at));
        count += 1;
    }
    if count == 0 {
        if let Some(first) = participants.first() {
            export.messages.push(record(first.clone(), None));
        }
    }
    let mut line = ReportLine::new(file, MESSENGER, count, ("message", "messages"), skipped)
        .noting(repaired.borrow().note());
    if participants.len() >= 3 {
        line.notes.push(GROUP_CHAT.to_string());
    }
    Ok(FileRead {
        line,
        source: ExportKind::Facebook,
        holds_connections: false,
        address_book: false,
        instead: INSTEAD,
    })
}

fn json_reason(e: &serde_json::Error) -> String {
    if e.is_eof() {
        "it is cut short".to_string()
    } else {
        format!("line {} column {}", e.line(), e.column())
    }
}

/// "Ana María Lima" -> ("Ana María", "Lima"); one word -> (word, "").
fn split_name(name: &str) -> (String, String) {
    match name.rsplit_once(' ') {
        Some((first, last)) => (first.trim().to_string(), last.trim().to_string()),
        None => (name.to_string(), String::new()),
    }
}

/// The note of a file in which [`repair_mojibake`] changed text.
const REPAIRED: &str = "non-ASCII names repaired: Facebook writes them as mis-decoded UTF-8";

/// [`repair_mojibake`], remembering whether it changed anything (for the report).
#[derive(Default)]
struct Repairs {
    any: bool,
}

impl Repairs {
    fn fix(&mut self, text: &str) -> String {
        let fixed = repair_mojibake(text);
        self.any |= fixed != text;
        fixed
    }

    fn note(&self) -> Option<&'static str> {
        self.any.then_some(REPAIRED)
    }
}

/// Undoes Facebook's mojibake: when every char is below U+0100 and, read as Latin-1 bytes, the
/// text is valid UTF-8 with at least one multi-byte sequence, that decoding is the real text.
/// Anything else (already correct text, real Latin-1 text like "Zoë") is returned unchanged.
pub fn repair_mojibake(text: &str) -> String {
    if text.is_ascii() || text.chars().any(|c| c as u32 > 0xFF) {
        return text.to_string();
    }
    let bytes: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
    match String::from_utf8(bytes) {
        Ok(repaired) => repaired,
        Err(_) => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mojibake_is_repaired_and_correct_text_kept() {
        assert_eq!(repair_mojibake("Mu\u{00c3}\u{00b1}oz"), "Muñoz");
        assert_eq!(
            repair_mojibake("\u{00e7}\u{008e}\u{008b} \u{00e6}\u{0098}\u{008e}"),
            "王 明"
        );
        assert_eq!(repair_mojibake("Zoë"), "Zoë");
        assert_eq!(repair_mojibake("Muñoz 王"), "Muñoz 王");
        assert_eq!(repair_mojibake("plain"), "plain");
    }

    #[test]
    fn deep_nesting_is_an_error_not_an_overflow() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let mut export = PersonalExport::default();
        let err = read_json_text("deep.json", &deep, &mut export).unwrap_err();
        assert!(matches!(err, ImportError::BadJson { .. }), "{err:?}");
    }

    #[test]
    fn names_split_on_the_last_space() {
        assert_eq!(
            split_name("Ana María Lima"),
            ("Ana María".to_string(), "Lima".to_string())
        );
        assert_eq!(split_name("Cher"), ("Cher".to_string(), String::new()));
    }
}
