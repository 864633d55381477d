//! From people to nodes and per-node features: merged duplicates, employer keys, connection
//! days, career chapters, TF-IDF title vectors, conversations and labels, plus the groups
//! (inverted indices) candidates are drawn from.

use super::company::{display_spelling, normalize_company};
use super::title::{title_words, WordKind, SENIORITY_FACTOR};
use super::InferSettings;
use crate::model::{ExportKind, NodeInfo, Person, PersonSource, PersonalExport};
use std::sync::Arc;

pub(crate) const NONE: u32 = u32::MAX;
pub(crate) const NO_DATE: i32 = i32::MIN;
/// See [`Features::distinctive_idf`].
pub(crate) const DISTINCTIVE_SHARE: f32 = 0.04;

/// The maps that intern keys, names and titles use the importer's fast folded-multiply hasher.
/// Nothing is read from them in hash order, so results do not depend on it; the input is the
/// person's own export, so there is no one to flood the maps.
pub(crate) type FastMap<K, V> = crate::import::graph::builder::FxMap<K, V>;

/// [`Person::identity_key`] of a person, computed without its Unicode case mapping when the
/// profile URL is ASCII (LinkedIn's always are): the same key at a fraction of the cost.
pub(crate) fn identity_key(person: &Person) -> String {
    if let Some(key) = person.profile_url.as_deref().and_then(ascii_url_key) {
        return key;
    }
    person.identity_key()
}

/// [`Person::display_name`], built in one allocation rather than through `format!` (the
/// same name: first and last name, trimmed, joined by a space; else the e-mail, the profile
/// URL or "(no name)").
pub(crate) fn display_name(person: &Person) -> String {
    let (first, last) = (person.first_name.trim(), person.last_name.trim());
    if first.is_empty() && last.is_empty() {
        return person.display_name();
    }
    let mut name = String::with_capacity(first.len() + 1 + last.len());
    name.push_str(first);
    if !first.is_empty() && !last.is_empty() {
        name.push(' ');
    }
    name.push_str(last);
    name
}

/// The identity key of a profile URL, exactly as [`Person::identity_key`] computes it (the
/// model's `normalize_profile_url` is not re-exported from `model`); "" for a blank URL.
pub(crate) fn url_key(url: &str) -> String {
    if url.trim().is_empty() {
        return String::new();
    }
    if let Some(key) = ascii_url_key(url) {
        return key;
    }
    Person {
        profile_url: Some(url.to_string()),
        ..Person::default()
    }
    .identity_key()
}

/// The model's profile URL normalisation (trim, lower case, no query or fragment, no scheme,
/// no `www.`, no trailing slash) for a non-blank URL that is ASCII once trimmed; `None`
/// otherwise (the caller then asks the model). ASCII lower-casing is Unicode lower-casing on
/// ASCII text, so the key is the model's key.
fn ascii_url_key(url: &str) -> Option<String> {
    let trimmed = url.trim();
    if trimmed.is_empty() || !trimmed.is_ascii() {
        return None;
    }
    // case does not move '?' or '#', and a prefix compared ignoring case is the prefix of
    // the lower-cased text: so cut first and lower-case once, at the end
    let end = trimmed
        .bytes()
        .position(|c| c == b'?' || c == b'#')
        .unwrap_or(trimmed.len());
    let mut s = &trimmed[..end];
    let cut = |s: &str, prefix: &str| -> Option<usize> {
        let head = s.as_bytes().get(..prefix.len())?;
        head.eq_ignore_ascii_case(prefix.as_bytes())
            .then_some(prefix.len())
    };
    if let Some(k) = cut(s, "https://").or_else(|| cut(s, "http://")) {
        s = &s[k..];
    }
    if let Some(k) = cut(s, "www.") {
        s = &s[k..];
    }
    Some(s.trim_end_matches('/').to_ascii_lowercase())
}

/// Interns strings to dense ids in first-seen order (deterministic for a given input order).
#[derive(Default)]
pub(crate) struct Interner {
    ids: FastMap<String, u32>,
    pub names: Vec<String>,
}

impl Interner {
    pub fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(s.to_string(), id);
        self.names.push(s.to_string());
        id
    }

    pub fn get(&self, s: &str) -> Option<u32> {
        self.ids.get(s).copied()
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }
}

/// Title words kept on a [`Card`]: the strongest ones when a title has more.
pub(crate) const CARD_WORDS: usize = 4;
/// Fixed-point scales of the weights and idfs kept on a [`Card`].
pub(crate) const WEIGHT_SCALE: f32 = 65_535.0;
pub(crate) const IDF_SCALE: f32 = 4_096.0;

/// What scoring reads about one node, packed in one cache line so that scoring a candidate
/// costs one memory access (at 30,000 people, scoring is bound by memory latency).
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(64))]
pub(crate) struct Card {
    pub day: i32,
    pub company: u32,
    pub chapter: u32,
    /// How many people were connected within `cohort_days` of this node (itself included).
    pub crowd: u32,
    /// The title's strongest words, sorted by word id: (word, weight * [`WEIGHT_SCALE`], idf *
    /// [`IDF_SCALE`]), weights L2-normalised over the whole title.
    pub title: [TitleEntry; CARD_WORDS],
    pub title_len: u8,
    pub has_conversations: bool,
    pub has_labels: bool,
}

impl Card {
    pub fn title(&self) -> &[TitleEntry] {
        &self.title[..(self.title_len as usize).min(CARD_WORDS)]
    }
}

/// One title word on a [`Card`].
pub(crate) type TitleEntry = (u32, u16, u16);

/// One short list per node, stored flat (offsets into one array) so that reading two nodes'
/// lists in the scoring loop touches two nearby slices rather than chasing two pointers.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lists<T> {
    offsets: Vec<u32>,
    items: Vec<T>,
}

impl<T> Lists<T> {
    pub fn from_vecs(vecs: Vec<Vec<T>>) -> Self {
        let mut offsets = Vec::with_capacity(vecs.len() + 1);
        offsets.push(0);
        let mut items = Vec::with_capacity(vecs.iter().map(Vec::len).sum());
        for v in vecs {
            items.extend(v);
            offsets.push(items.len() as u32);
        }
        Lists { offsets, items }
    }
}

impl Lists<(u32, u32)> {
    /// For each of `n` nodes, (group, position in it) for every group it belongs to, by
    /// group id; built flat, by counting, without a list per node.
    pub fn places(buckets: &[Bucket], n: usize) -> Self {
        let mut offsets = vec![0u32; n + 1];
        for b in buckets {
            for &v in b {
                if let Some(c) = offsets.get_mut(v as usize + 1) {
                    *c += 1;
                }
            }
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut fill: Vec<u32> = offsets[..n].to_vec();
        let mut items = vec![(0u32, 0u32); offsets[n] as usize];
        for (g, b) in buckets.iter().enumerate() {
            for (p, &v) in b.iter().enumerate() {
                if let Some(at) = fill.get_mut(v as usize) {
                    items[*at as usize] = (g as u32, p as u32);
                    *at += 1;
                }
            }
        }
        Lists { offsets, items }
    }
}

impl<T> std::ops::Index<usize> for Lists<T> {
    type Output = [T];
    fn index(&self, v: usize) -> &[T] {
        match (self.offsets.get(v), self.offsets.get(v + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// A group of nodes sorted by (connection day, node), so "nearest by date" is a window.
pub(crate) type Bucket = Vec<u32>;

pub(crate) struct Features {
    pub nodes: Vec<NodeInfo>,
    pub cards: Vec<Card>,
    /// For each person of the export, its node.
    pub person_to_node: Vec<u32>,
    pub duplicates_merged: usize,
    /// Connection day (days since epoch) or [`NO_DATE`].
    pub day: Vec<i32>,
    /// Employer id or [`NONE`].
    pub company: Vec<u32>,
    pub company_display: Vec<Arc<str>>,
    pub company_buckets: Vec<Bucket>,
    /// Chapter id (one per distinct employer of the owner) or [`NONE`].
    pub chapter: Vec<u32>,
    pub chapter_display: Vec<Arc<str>>,
    pub chapter_buckets: Vec<Bucket>,
    /// Each node's title among the distinct titles, or [`NONE`].
    pub title_of: Vec<u32>,
    /// Each distinct title's L2-normalised TF-IDF vector, sorted by word id.
    pub title: Lists<(u32, f32)>,
    pub words: Vec<Arc<str>>,
    pub word_kind: Vec<WordKind>,
    pub word_idf: Vec<f32>,
    /// The idf of a word held by [`DISTINCTIVE_SHARE`] of titles: shared words this rare or
    /// rarer count fully; commoner ones count in proportion.
    pub distinctive_idf: f32,
    pub word_buckets: Vec<Bucket>,
    /// For each node, its role words' groups and its place in each: (word, position).
    pub word_places: Lists<(u32, u32)>,
    /// Group conversations of each node, sorted.
    pub conversations: Lists<u32>,
    pub conversation_members: Vec<Vec<u32>>,
    pub conversations_used: usize,
    /// Labels of each node, sorted.
    pub labels: Lists<u32>,
    pub label_names: Vec<Arc<str>>,
    pub label_buckets: Vec<Bucket>,
    pub label_places: Lists<(u32, u32)>,
    /// Each node's place in its employer's and its chapter's group.
    pub company_place: Vec<u32>,
    pub chapter_place: Vec<u32>,
    /// Nodes with a date, sorted by (day, node); and each node's place in it.
    pub by_day: Vec<u32>,
    pub by_day_pos: Vec<u32>,
}

/// A person known only from the address book carries [`NodeInfo::ADDRESS_BOOK`].
fn address_book_attr(person: &Person) -> Vec<(String, String)> {
    let (key, value) = NodeInfo::ADDRESS_BOOK;
    match person.source {
        PersonSource::AddressBook => vec![(key.to_string(), value.to_string())],
        PersonSource::Connection => Vec::new(),
    }
}

impl Features {
    pub fn build(export: &PersonalExport, settings: &InferSettings) -> Features {
        // 1) nodes: one per identity key, duplicates merged (first non-blank value wins,
        //    earliest connection day, labels united)
        let mut key_to_node: FastMap<String, u32> =
            FastMap::with_capacity_and_hasher(export.people.len(), Default::default());
        let mut nodes: Vec<NodeInfo> = Vec::with_capacity(export.people.len());
        let mut node_labels: Vec<Vec<String>> = Vec::with_capacity(export.people.len());
        let mut person_to_node = Vec::with_capacity(export.people.len());
        // whether the node's key is its URL's key (it came from a person with a profile URL)
        let mut url_is_key: Vec<bool> = Vec::with_capacity(export.people.len());
        let mut duplicates_merged = 0;
        let clean = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        for person in &export.people {
            let key = identity_key(person);
            let id = match key_to_node.get(&key) {
                Some(&id) => {
                    duplicates_merged += 1;
                    let (node, labels) = (&mut nodes[id as usize], &mut node_labels[id as usize]);
                    if node.company.is_none() {
                        node.company = clean(&person.company);
                    }
                    if node.title.is_none() {
                        node.title = clean(&person.position);
                    }
                    if node.url.is_none() {
                        node.url = clean(&person.profile_url);
                    }
                    node.connected_on = match (node.connected_on, person.connected_on) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                    labels.extend(person.labels.iter().cloned());
                    if person.source == PersonSource::Connection {
                        let book = NodeInfo::ADDRESS_BOOK;
                        node.attrs.retain(|(k, v)| (k.as_str(), v.as_str()) != book);
                    }
                    id
                }
                None => {
                    let id = nodes.len() as u32;
                    key_to_node.insert(key, id);
                    nodes.push(NodeInfo {
                        // the key moves in from the map once every person is placed
                        key: String::new(),
                        label: display_name(person),
                        company: clean(&person.company),
                        title: clean(&person.position),
                        url: clean(&person.profile_url),
                        connected_on: person.connected_on,
                        attrs: address_book_attr(person),
                        ..NodeInfo::default()
                    });
                    node_labels.push(person.labels.clone());
                    url_is_key.push(nodes[id as usize].url.is_some());
                    id
                }
            };
            person_to_node.push(id);
        }
        for (key, id) in key_to_node {
            if let Some(node) = nodes.get_mut(id as usize) {
                node.key = key;
            }
        }
        let n = nodes.len();
        let day: Vec<i32> = nodes
            .iter()
            .map(|v| {
                v.connected_on
                    .map(|d| d.days_since_epoch())
                    .unwrap_or(NO_DATE)
            })
            .collect();
        // every node by (connection day, node), undated first: filling groups in this order
        // leaves each group sorted by date, as drawing candidates needs
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_unstable_by_key(|&v| (day[v as usize], v));

        // 2) employers
        let mut companies = Interner::default();
        // spellings repeat a lot: normalise each distinct one once
        let mut company_of_spelling: FastMap<&str, u32> = FastMap::default();
        let company: Vec<u32> = nodes
            .iter()
            .map(|v| {
                let Some(raw) = v.company.as_deref() else {
                    return NONE;
                };
                *company_of_spelling.entry(raw).or_insert_with(|| {
                    normalize_company(raw)
                        .map(|k| companies.id(&k))
                        .unwrap_or(NONE)
                })
            })
            .collect();
        let company_buckets = buckets(companies.len(), &order, |v| {
            std::slice::from_ref(&company[v as usize])
        });
        let company_display: Vec<String> = company_buckets
            .iter()
            .zip(&companies.names)
            .map(|(members, key)| {
                display_spelling(
                    members
                        .iter()
                        .filter_map(|&v| nodes[v as usize].company.as_deref()),
                )
                .unwrap_or_else(|| key.clone())
            })
            .collect();

        // 3) career chapters: one per distinct employer of the owner
        let mut chapters = Interner::default();
        let mut chapter_spellings: Vec<Vec<&str>> = Vec::new();
        // (start, end + grace, chapter), sorted by start
        let mut spans: Vec<(i32, i32, u32)> = Vec::new();
        for p in &export.positions {
            let Some(key) = normalize_company(&p.company) else {
                continue;
            };
            let id = chapters.id(&key);
            if id as usize == chapter_spellings.len() {
                chapter_spellings.push(Vec::new());
            }
            if let Some(list) = chapter_spellings.get_mut(id as usize) {
                list.push(p.company.as_str());
            }
            let start = p
                .started_on
                .map(|d| d.days_since_epoch())
                .unwrap_or(i32::MIN);
            let end = p
                .finished_on
                .map(|d| {
                    d.days_since_epoch()
                        .saturating_add(settings.chapter_grace_days as i32)
                })
                .unwrap_or(i32::MAX);
            spans.push((start, end, id));
        }
        spans.sort_unstable();
        let chapter_display: Vec<String> = chapter_spellings
            .iter()
            .zip(&chapters.names)
            .map(|(s, key)| display_spelling(s.iter().copied()).unwrap_or_else(|| key.clone()))
            .collect();
        let chapter: Vec<u32> = (0..n)
            .map(|v| {
                let d = day[v];
                if d != NO_DATE {
                    // the most recently started job that covers the day
                    if let Some(&(_, _, id)) = spans
                        .iter()
                        .rev()
                        .find(|(start, end, _)| *start <= d && d <= *end)
                    {
                        return id;
                    }
                    return NONE;
                }
                // no date: someone now at one of the owner's employers is from that chapter
                if company[v] != NONE {
                    if let Some(id) = chapters.get(&companies.names[company[v] as usize]) {
                        return id;
                    }
                }
                NONE
            })
            .collect();
        let chapter_buckets = buckets(chapters.len(), &order, |v| {
            std::slice::from_ref(&chapter[v as usize])
        });

        // 4) titles: TF-IDF over words, seniority words down-weighted. Titles repeat a lot:
        //    each distinct title is split, weighted and carded once, in first-seen order (so
        //    words get their ids in the order the nodes bring them)
        let mut words = Interner::default();
        let mut word_kind: Vec<WordKind> = Vec::new();
        let mut title_ids: FastMap<&str, u32> = FastMap::default();
        // per distinct title: its word ids, sorted, each once
        let mut title_words_of: Vec<Vec<u32>> = Vec::new();
        let title_of: Vec<u32> = nodes
            .iter()
            .map(|v| {
                let Some(t) = v.title.as_deref() else {
                    return NONE;
                };
                *title_ids.entry(t).or_insert_with(|| {
                    let mut ids: Vec<u32> = title_words(t)
                        .into_iter()
                        .map(|(w, kind)| {
                            let id = words.id(&w);
                            if id as usize == word_kind.len() {
                                word_kind.push(kind);
                            }
                            id
                        })
                        .collect();
                    ids.sort_unstable();
                    ids.dedup();
                    title_words_of.push(ids);
                    (title_words_of.len() - 1) as u32
                })
            })
            .collect();
        drop(title_ids);
        let mut holders = vec![0u32; title_words_of.len()];
        for &t in &title_of {
            if let Some(h) = holders.get_mut(t as usize) {
                *h += 1;
            }
        }
        let mut df = vec![0u32; words.len()];
        for (ws, &h) in title_words_of.iter().zip(&holders) {
            for &w in ws {
                df[w as usize] += h;
            }
        }
        let word_idf: Vec<f32> = df
            .iter()
            .zip(&word_kind)
            .map(|(&d, kind)| {
                let idf = ((n as f32 + 1.0) / (d as f32 + 1.0)).ln() + 1.0;
                match kind {
                    WordKind::Role => idf,
                    WordKind::Seniority => idf * SENIORITY_FACTOR,
                }
            })
            .collect();
        let title_vectors: Vec<Vec<(u32, f32)>> = title_words_of
            .iter()
            .map(|t| {
                let norm = t
                    .iter()
                    .map(|&w| word_idf[w as usize].powi(2))
                    .sum::<f32>()
                    .sqrt();
                if norm > 0.0 {
                    t.iter()
                        .map(|&w| (w, word_idf[w as usize] / norm))
                        .collect()
                } else {
                    Vec::new()
                }
            })
            .collect();
        // only role words find candidates
        let role_words_of: Vec<Vec<u32>> = title_words_of
            .iter()
            .map(|t| {
                t.iter()
                    .copied()
                    .filter(|&w| word_kind[w as usize] == WordKind::Role)
                    .collect()
            })
            .collect();
        let word_buckets = buckets(words.len(), &order, |v| {
            role_words_of
                .get(title_of[v as usize] as usize)
                .map_or(&[][..], Vec::as_slice)
        });
        // each distinct title's card words
        let title_cards: Vec<([TitleEntry; CARD_WORDS], u8)> = title_vectors
            .iter()
            .map(|entries| {
                let mut entries = entries.clone();
                if entries.len() > CARD_WORDS {
                    entries.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
                    entries.truncate(CARD_WORDS);
                    entries.sort_by_key(|e| e.0);
                }
                let mut card = [TitleEntry::default(); CARD_WORDS];
                for (slot, &(w, x)) in card.iter_mut().zip(&entries) {
                    let idf = word_idf.get(w as usize).copied().unwrap_or(0.0);
                    *slot = (
                        w,
                        (x.clamp(0.0, 1.0) * WEIGHT_SCALE).round() as u16,
                        (idf.clamp(0.0, 15.0) * IDF_SCALE).round() as u16,
                    );
                }
                (card, entries.len() as u8)
            })
            .collect();

        // 5) group conversations, participants matched by profile URL (by name in a
        //    Facebook export: Messenger gives names only, and a friend's key is their name's)
        // a node made from a person with a profile URL has that URL's key as its key
        let other_url_keys: Vec<Option<String>> = nodes
            .iter()
            .zip(&url_is_key)
            .map(|(node, &is_key)| match is_key {
                true => None,
                false => node.url.as_deref().map(url_key),
            })
            .collect();
        let mut url_to_node: FastMap<&str, u32> =
            FastMap::with_capacity_and_hasher(n, Default::default());
        for (v, node) in nodes.iter().enumerate() {
            let key = match url_is_key[v] {
                true => Some(node.key.as_str()),
                false => other_url_keys[v].as_deref(),
            };
            if let Some(key) = key {
                // the first node of a URL wins
                url_to_node.entry(key).or_insert(v as u32);
            }
            if export.kind == ExportKind::Facebook && node.key.starts_with("name:") {
                url_to_node.entry(node.key.as_str()).or_insert(v as u32);
            }
        }
        let name_keys: Vec<Vec<String>> = export
            .messages
            .iter()
            .map(
                |m| match export.kind == ExportKind::Facebook && m.from_url.is_none() {
                    true => std::iter::once(&m.from_name)
                        .chain(&m.to_names)
                        .map(|name| format!("name:{}", name.trim().to_lowercase()))
                        .collect(),
                    false => Vec::new(),
                },
            )
            .collect();
        let mut conv_ids = Interner::default();
        // every distinct participant URL key gets an id, and the node it matches (or NONE);
        // messages repeat URLs written the same way, so each spelling is keyed once
        let mut url_ids: FastMap<String, u32> = FastMap::default();
        let mut id_of_spelling: FastMap<&str, u32> = FastMap::default();
        let mut node_of_url: Vec<u32> = Vec::new();
        // per conversation: every participant URL id, and the matched nodes
        let mut conv_urls: Vec<Vec<u32>> = Vec::new();
        let mut conv_nodes: Vec<Vec<u32>> = Vec::new();
        for (m, names) in export.messages.iter().zip(&name_keys) {
            let c = conv_ids.id(&m.conversation_id) as usize;
            if c == conv_urls.len() {
                conv_urls.push(Vec::new());
                conv_nodes.push(Vec::new());
            }
            for spelling in m.from_url.iter().chain(&m.to_urls).chain(names) {
                let id = *id_of_spelling.entry(spelling.as_str()).or_insert_with(|| {
                    let url = url_key(spelling);
                    if url.is_empty() {
                        return NONE;
                    }
                    if let Some(&id) = url_ids.get(&url) {
                        return id;
                    }
                    let id = node_of_url.len() as u32;
                    node_of_url.push(url_to_node.get(url.as_str()).copied().unwrap_or(NONE));
                    url_ids.insert(url, id);
                    id
                });
                if id == NONE {
                    continue;
                }
                let v = node_of_url[id as usize];
                if v != NONE {
                    conv_nodes[c].push(v);
                }
                conv_urls[c].push(id);
            }
        }
        drop((url_to_node, url_ids, id_of_spelling));
        let mut conversations: Vec<Vec<u32>> = vec![Vec::new(); n];
        let mut conversation_members: Vec<Vec<u32>> = Vec::new();
        for (mut urls, mut members) in conv_urls.into_iter().zip(conv_nodes) {
            urls.sort_unstable();
            urls.dedup();
            members.sort_unstable();
            members.dedup();
            if urls.len() < 3 || members.len() < 2 || members.len() > settings.max_conversation_size
            {
                continue;
            }
            let id = conversation_members.len() as u32;
            for &v in &members {
                conversations[v as usize].push(id);
            }
            conversation_members.push(members);
        }
        let conversations_used = conversation_members.len();

        // 6) labels (contact groups, Facebook lists)
        let mut label_ids = Interner::default();
        let labels: Vec<Vec<u32>> = node_labels
            .iter()
            .map(|ls| {
                let mut ids: Vec<u32> = ls
                    .iter()
                    .map(|l| l.trim())
                    .filter(|l| !l.is_empty())
                    .map(|l| label_ids.id(&l.to_lowercase()))
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                ids
            })
            .collect();
        let label_buckets = buckets(label_ids.len(), &order, |v| &labels[v as usize]);
        // display form of a label: its first spelling, as written
        let mut label_names = label_ids.names.clone();
        for ls in &node_labels {
            for l in ls {
                let t = l.trim();
                if let Some(id) = label_ids.get(&t.to_lowercase()) {
                    if label_names[id as usize] == t.to_lowercase() {
                        label_names[id as usize] = t.to_string();
                    }
                }
            }
        }

        // 7) the date order and how crowded each node's window is
        let by_day: Vec<u32> = order
            .iter()
            .copied()
            .filter(|&v| day[v as usize] != NO_DATE)
            .collect();
        let mut by_day_pos = vec![NONE; n];
        for (p, &v) in by_day.iter().enumerate() {
            by_day_pos[v as usize] = p as u32;
        }
        let mut crowd = vec![0u32; n];
        let window = settings.cohort_days as i64;
        let (mut lo, mut hi) = (0usize, 0usize);
        for (p, &v) in by_day.iter().enumerate() {
            let d = day[v as usize] as i64;
            while (day[by_day[lo] as usize] as i64) < d - window {
                lo += 1;
            }
            hi = hi.max(p);
            while hi + 1 < by_day.len() && (day[by_day[hi + 1] as usize] as i64) <= d + window {
                hi += 1;
            }
            crowd[v as usize] = (hi - lo + 1) as u32;
        }

        let company_place = places_single(&company_buckets, n);
        let chapter_place = places_single(&chapter_buckets, n);
        let cards: Vec<Card> = (0..n)
            .map(|v| {
                let (title, title_len) = title_cards
                    .get(title_of[v] as usize)
                    .copied()
                    .unwrap_or_default();
                Card {
                    day: day[v],
                    company: company[v],
                    chapter: chapter[v],
                    crowd: crowd[v],
                    title,
                    title_len,
                    has_conversations: !conversations[v].is_empty(),
                    has_labels: !labels[v].is_empty(),
                }
            })
            .collect();
        Features {
            nodes,
            cards,
            person_to_node,
            duplicates_merged,
            day,
            company,
            company_display: company_display.into_iter().map(Arc::from).collect(),
            company_buckets,
            chapter,
            chapter_display: chapter_display.into_iter().map(Arc::from).collect(),
            chapter_buckets,
            title_of,
            title: Lists::from_vecs(title_vectors),
            words: words.names.into_iter().map(Arc::from).collect(),
            word_kind,
            word_idf,
            distinctive_idf: 1.0 + (1.0 / DISTINCTIVE_SHARE).ln(),
            word_places: Lists::places(&word_buckets, n),
            word_buckets,
            conversations: Lists::from_vecs(conversations),
            conversation_members,
            conversations_used,
            labels: Lists::from_vecs(labels),
            label_names: label_names.into_iter().map(Arc::from).collect(),
            label_places: Lists::places(&label_buckets, n),
            label_buckets,
            company_place,
            chapter_place,
            by_day,
            by_day_pos,
        }
    }
}

/// Each node's position in the (one) group it belongs to; 0 when in none.
fn places_single(buckets: &[Bucket], n: usize) -> Vec<u32> {
    let mut place = vec![0u32; n];
    for b in buckets {
        for (p, &v) in b.iter().enumerate() {
            if let Some(x) = place.get_mut(v as usize) {
                *x = p as u32;
            }
        }
    }
    place
}

/// Groups nodes by the ids `of(node)` gives ([`NONE`] or out of range: in no group), each
/// group in `order`.
fn buckets<'a>(groups: usize, order: &[u32], of: impl Fn(u32) -> &'a [u32]) -> Vec<Bucket> {
    let mut sizes = vec![0usize; groups];
    for &v in order {
        for &g in of(v) {
            if let Some(s) = sizes.get_mut(g as usize) {
                *s += 1;
            }
        }
    }
    let mut out: Vec<Bucket> = sizes.into_iter().map(Vec::with_capacity).collect();
    for &v in order {
        for &g in of(v) {
            if let Some(b) = out.get_mut(g as usize) {
                b.push(v);
            }
        }
    }
    out
}
