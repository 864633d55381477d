//! Tie strength and recency from a personal export: messages, endorsements and
//! recommendations, matched to the people on the map.
//!
//! People are matched by profile URL (normalised, against [`NodeInfo::key`](crate::NodeInfo)),
//! falling back to the name when the URL is missing and exactly one person on the map has
//! that name. The owner of the export is the sender named as [`PersonalExport::owner`] when
//! that name sends anything, otherwise the sender who appears in most conversations; a
//! message marked `OUTGOING` (2018 form) is always the owner's.

use crate::model::{normalize_profile_url, Date, Network, PersonalExport, Timestamp};

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Who wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    /// The owner wrote.
    Owner,
    /// The other person wrote.
    Them,
}

/// What the export says about the owner's tie with one person on the map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TieStrength {
    pub node: u32,
    /// Messages the owner sent them.
    pub sent: usize,
    /// Messages they sent the owner.
    pub received: usize,
    /// Distinct conversations with them.
    pub conversations: usize,
    pub first_contact: Option<Timestamp>,
    pub last_contact: Option<Timestamp>,
    /// When the owner last wrote to them.
    pub last_sent: Option<Timestamp>,
    /// Who wrote the first dated message.
    pub first_writer: Option<Direction>,
    /// Endorsements they gave the owner.
    pub endorsements: usize,
    /// Recommendations given or received between them and the owner.
    pub recommendations: usize,
    /// `ln(1 + sent + received) + (1 if both wrote) + 0.5 * min(endorsements, 3) +
    /// 2 * recommendations`: messages count with diminishing returns, a reply counts
    /// extra, a recommendation weighs like a long exchange.
    pub score: f64,
}

/// A tie where only one side wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OneWayTie {
    pub node: u32,
    /// Who wrote (the other side never did).
    pub wrote: Direction,
    pub messages: usize,
}

/// Tie strength and recency over the whole map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TieReport {
    /// The owner's name as the messages spell it, when identified.
    pub owner: Option<String>,
    /// One entry per person on the map with any message, endorsement or recommendation,
    /// sorted by node.
    pub people: Vec<TieStrength>,
    /// The strongest ties by score, strongest first (at most `settings.top`).
    pub strongest: Vec<u32>,
    /// People the owner wrote to often who have not heard from the owner for
    /// `settings.quiet_years` (last written to first).
    pub dormant: Vec<u32>,
    /// The latest year in which the owner wrote to any of `dormant`.
    pub dormant_since: Option<i32>,
    /// "12 people you wrote to often have not heard from you since 2021."
    pub dormant_text: Option<String>,
    /// Ties where only one side wrote, most messages first.
    pub one_way: Vec<OneWayTie>,
    /// Messages whose other side is not on the map.
    pub unmatched_messages: usize,
}

pub const MEANING_TIE_SCORE: &str =
    "How strong your tie with this person looks from your messages, endorsements and recommendations.";
pub const MEANING_DORMANT: &str =
    "People you used to write to often but have not written to for years: the easiest ties to revive.";
pub const MEANING_ONE_WAY: &str =
    "Conversations only one side took part in: messages you never answered, or that were never answered.";

/// Thresholds of [`tie_strengths`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TieSettings {
    /// "Today": the core has no clock. Dormancy is measured back from here.
    pub as_of: Date,
    /// Messages the owner must have sent someone to count as "wrote to often". Default 5.
    pub often_min_sent: usize,
    /// Years without a message from the owner after which a tie is dormant. Default 2.
    pub quiet_years: i32,
    /// Length of the strongest-ties list. Default 20.
    pub top: usize,
}

impl TieSettings {
    pub fn new(as_of: Date) -> Self {
        TieSettings {
            as_of,
            often_min_sent: 5,
            quiet_years: 2,
            top: 20,
        }
    }
}

/// Finds people on the map by URL or by (unique) name.
pub(crate) struct PersonIndex {
    by_key: HashMap<String, u32>,
    by_name: HashMap<String, Option<u32>>,
}

impl PersonIndex {
    pub(crate) fn new(network: &Network) -> Self {
        let mut by_key = HashMap::new();
        let mut by_name: HashMap<String, Option<u32>> = HashMap::new();
        for (v, n) in network.nodes.iter().enumerate() {
            by_key.entry(n.key.clone()).or_insert(v as u32);
            if let Some(url) = n.url.as_deref() {
                by_key.entry(normalize_profile_url(url)).or_insert(v as u32);
            }
            by_name
                .entry(name_key(&n.label))
                .and_modify(|e| *e = None)
                .or_insert(Some(v as u32));
        }
        PersonIndex { by_key, by_name }
    }

    pub(crate) fn find(&self, url: Option<&str>, name: &str) -> Option<u32> {
        if let Some(u) = url.filter(|u| !u.trim().is_empty()) {
            if let Some(&v) = self.by_key.get(&normalize_profile_url(u)) {
                return Some(v);
            }
        }
        self.by_name.get(&name_key(name)).copied().flatten()
    }
}

fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Identity of a message sender: the normalised URL, else the name.
fn sender_id(url: Option<&str>, name: &str) -> String {
    match url.filter(|u| !u.trim().is_empty()) {
        Some(u) => normalize_profile_url(u),
        None => format!("name:{}", name_key(name)),
    }
}

#[derive(Default)]
struct Acc {
    sent: usize,
    received: usize,
    conversations: BTreeSet<String>,
    first: Option<(Timestamp, Direction)>,
    last: Option<Timestamp>,
    last_sent: Option<Timestamp>,
    endorsements: usize,
    recommendations: usize,
}

impl Acc {
    fn message(&mut self, conversation: &str, at: Option<Timestamp>, dir: Direction) {
        match dir {
            Direction::Owner => self.sent += 1,
            Direction::Them => self.received += 1,
        }
        self.conversations.insert(conversation.to_string());
        if let Some(t) = at {
            if self.first.is_none_or(|(f, _)| t < f) {
                self.first = Some((t, dir));
            }
            self.last = self.last.max(Some(t));
            if dir == Direction::Owner {
                self.last_sent = self.last_sent.max(Some(t));
            }
        }
    }
}

/// Tie strength and recency of every person on the map from `export`'s messages,
/// endorsements and recommendations.
pub fn tie_strengths(
    network: &Network,
    export: &PersonalExport,
    settings: &TieSettings,
) -> TieReport {
    let index = PersonIndex::new(network);
    // 1) who is the owner
    let mut conversations_of: BTreeMap<String, (BTreeSet<&str>, &str)> = BTreeMap::new();
    for m in &export.messages {
        let id = sender_id(m.from_url.as_deref(), &m.from_name);
        conversations_of
            .entry(id)
            .or_insert_with(|| (BTreeSet::new(), m.from_name.as_str()))
            .0
            .insert(m.conversation_id.as_str());
    }
    let owner_name = export
        .owner
        .as_ref()
        .map(|p| name_key(&format!("{} {}", p.first_name, p.last_name)));
    let named: BTreeSet<String> = conversations_of
        .iter()
        .filter(|(_, (_, name))| Some(name_key(name)) == owner_name)
        .map(|(id, _)| id.clone())
        .collect();
    let owner_ids: BTreeSet<String> = if !named.is_empty() {
        named
    } else {
        conversations_of
            .iter()
            .max_by(|a, b| a.1 .0.len().cmp(&b.1 .0.len()).then(b.0.cmp(a.0)))
            .map(|(id, _)| id.clone())
            .into_iter()
            .collect()
    };
    let owner = owner_ids
        .iter()
        .next()
        .and_then(|id| conversations_of.get(id))
        .map(|(_, name)| name.to_string());

    // 2) messages, per person
    let mut acc: BTreeMap<u32, Acc> = BTreeMap::new();
    let mut unmatched = 0;
    for m in &export.messages {
        let outgoing = match m
            .direction
            .as_deref()
            .map(str::to_ascii_uppercase)
            .as_deref()
        {
            Some("OUTGOING") => true,
            Some("INCOMING") => false,
            _ => owner_ids.contains(&sender_id(m.from_url.as_deref(), &m.from_name)),
        };
        if outgoing {
            let mut found = false;
            let recipients: Vec<Option<u32>> = if m.to_urls.is_empty() {
                m.to_names.iter().map(|n| index.find(None, n)).collect()
            } else {
                m.to_urls
                    .iter()
                    .enumerate()
                    .map(|(i, u)| index.find(Some(u), m.to_names.get(i).map_or("", String::as_str)))
                    .collect()
            };
            for v in recipients.into_iter().flatten() {
                found = true;
                acc.entry(v)
                    .or_default()
                    .message(&m.conversation_id, m.sent_at, Direction::Owner);
            }
            if !found {
                unmatched += 1;
            }
        } else {
            match index.find(m.from_url.as_deref(), &m.from_name) {
                Some(v) => acc.entry(v).or_default().message(
                    &m.conversation_id,
                    m.sent_at,
                    Direction::Them,
                ),
                None => unmatched += 1,
            }
        }
    }
    // 3) endorsements and recommendations
    for e in &export.endorsements {
        if let Some(v) = index.find(e.endorser_url.as_deref(), &e.endorser_name) {
            acc.entry(v).or_default().endorsements += 1;
        }
    }
    for r in &export.recommendations {
        if let Some(v) = index.find(None, &format!("{} {}", r.first_name, r.last_name)) {
            acc.entry(v).or_default().recommendations += 1;
        }
    }

    let people: Vec<TieStrength> = acc
        .into_iter()
        .map(|(node, a)| {
            let both = a.sent > 0 && a.received > 0;
            let score = ((1 + a.sent + a.received) as f64).ln()
                + if both { 1.0 } else { 0.0 }
                + 0.5 * a.endorsements.min(3) as f64
                + 2.0 * a.recommendations as f64;
            TieStrength {
                node,
                sent: a.sent,
                received: a.received,
                conversations: a.conversations.len(),
                first_contact: a.first.map(|f| f.0),
                last_contact: a.last,
                last_sent: a.last_sent,
                first_writer: a.first.map(|f| f.1),
                endorsements: a.endorsements,
                recommendations: a.recommendations,
                score,
            }
        })
        .collect();

    // 4) strongest, dormant, one-way
    let mut by_score: Vec<&TieStrength> = people.iter().filter(|t| t.score > 0.0).collect();
    by_score.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.node.cmp(&b.node)));
    let strongest = by_score.iter().take(settings.top).map(|t| t.node).collect();

    let cutoff = settings
        .as_of
        .add_days(-(settings.quiet_years.max(0) * 365 + settings.quiet_years.max(0) / 4));
    let mut dormant: Vec<&TieStrength> = people
        .iter()
        .filter(|t| {
            t.sent >= settings.often_min_sent.max(1)
                && t.last_sent.is_some_and(|s| s.date() < cutoff)
        })
        .collect();
    dormant.sort_by(|a, b| b.last_sent.cmp(&a.last_sent).then(a.node.cmp(&b.node)));
    let dormant_since = dormant
        .iter()
        .filter_map(|t| t.last_sent.map(|s| s.date().year()))
        .max();
    let dormant_text = dormant_since.map(|year| match dormant.len() {
        1 => format!("1 person you wrote to often has not heard from you since {year}."),
        k => format!("{k} people you wrote to often have not heard from you since {year}."),
    });

    let mut one_way: Vec<OneWayTie> = people
        .iter()
        .filter_map(|t| match (t.sent, t.received) {
            (0, r) if r > 0 => Some(OneWayTie {
                node: t.node,
                wrote: Direction::Them,
                messages: r,
            }),
            (s, 0) if s > 0 => Some(OneWayTie {
                node: t.node,
                wrote: Direction::Owner,
                messages: s,
            }),
            _ => None,
        })
        .collect();
    one_way.sort_by(|a, b| b.messages.cmp(&a.messages).then(a.node.cmp(&b.node)));

    let dormant: Vec<u32> = dormant.iter().map(|t| t.node).collect();
    TieReport {
        owner,
        people,
        strongest,
        dormant,
        dormant_since,
        dormant_text,
        one_way,
        unmatched_messages: unmatched,
    }
}
