//! From people to nodes and per-node features: merged duplicates, employer keys, connection
//! days, career chapters, TF-IDF title vectors, conversations and labels, plus the groups
//! (inverted indices) candidates are drawn from.

use super::company::{display_spelling, normalize_company};
use super::title::{title_words, WordKind, SENIORITY_FACTOR};
use super::InferSettings;
use crate::model::{NodeInfo, Person, PersonalExport};
use std::collections::HashMap;

pub(crate) const NONE: u32 = u32::MAX;
pub(crate) const NO_DATE: i32 = i32::MIN;
/// See [`Features::distinctive_idf`].
pub(crate) const DISTINCTIVE_SHARE: f32 = 0.04;

/// The identity key of a profile URL, exactly as [`Person::identity_key`] computes it (the
/// model's `normalize_profile_url` is not re-exported from `model`).
fn url_key(url: &str) -> String {
    if url.trim().is_empty() {
        return String::new();
    }
    Person {
        profile_url: Some(url.to_string()),
        ..Person::default()
    }
    .identity_key()
}

/// Interns strings to dense ids in first-seen order (deterministic for a given input order).
#[derive(Default)]
pub(crate) struct Interner {
    ids: HashMap<String, u32>,
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
    pub company_display: Vec<String>,
    pub company_buckets: Vec<Bucket>,
    /// Chapter id (one per distinct employer of the owner) or [`NONE`].
    pub chapter: Vec<u32>,
    pub chapter_display: Vec<String>,
    pub chapter_buckets: Vec<Bucket>,
    /// L2-normalised TF-IDF title vector, sorted by word id.
    pub title: Lists<(u32, f32)>,
    pub words: Vec<String>,
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
    pub label_names: Vec<String>,
    pub label_buckets: Vec<Bucket>,
    pub label_places: Lists<(u32, u32)>,
    /// Each node's place in its employer's and its chapter's group.
    pub company_place: Vec<u32>,
    pub chapter_place: Vec<u32>,
    /// Nodes with a date, sorted by (day, node); and each node's place in it.
    pub by_day: Vec<u32>,
    pub by_day_pos: Vec<u32>,
}

impl Features {
    pub fn build(export: &PersonalExport, settings: &InferSettings) -> Features {
        // 1) nodes: one per identity key, duplicates merged (first non-blank value wins,
        //    earliest connection day, labels united)
        let mut key_to_node: HashMap<String, u32> = HashMap::with_capacity(export.people.len());
        let mut nodes: Vec<NodeInfo> = Vec::with_capacity(export.people.len());
        let mut node_labels: Vec<Vec<String>> = Vec::with_capacity(export.people.len());
        let mut spellings: Vec<Option<String>> = Vec::with_capacity(export.people.len());
        let mut person_to_node = Vec::with_capacity(export.people.len());
        let mut duplicates_merged = 0;
        let clean = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        for person in &export.people {
            let key = person.identity_key();
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
                    id
                }
                None => {
                    let id = nodes.len() as u32;
                    key_to_node.insert(key.clone(), id);
                    nodes.push(NodeInfo {
                        key,
                        label: person.display_name(),
                        company: clean(&person.company),
                        title: clean(&person.position),
                        url: clean(&person.profile_url),
                        connected_on: person.connected_on,
                        ..NodeInfo::default()
                    });
                    node_labels.push(person.labels.clone());
                    id
                }
            };
            person_to_node.push(id);
        }
        for node in &nodes {
            spellings.push(node.company.clone());
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
        let by_day_key = |v: u32| (day[v as usize], v);

        // 2) employers
        let mut companies = Interner::default();
        // spellings repeat a lot: normalise each distinct one once
        let mut company_of_spelling: HashMap<&str, u32> = HashMap::new();
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
        let company_buckets = buckets(companies.len(), &company, &by_day_key);
        let company_display: Vec<String> = company_buckets
            .iter()
            .zip(&companies.names)
            .map(|(members, key)| {
                display_spelling(
                    members
                        .iter()
                        .filter_map(|&v| spellings[v as usize].as_deref()),
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
        let chapter_buckets = buckets(chapters.len(), &chapter, &by_day_key);

        // 4) titles: TF-IDF over words, seniority words down-weighted
        let mut words = Interner::default();
        let mut word_kind: Vec<WordKind> = Vec::new();
        let mut words_of_title: HashMap<&str, Vec<u32>> = HashMap::new();
        let raw_titles: Vec<Vec<u32>> = nodes
            .iter()
            .map(|v| {
                let Some(t) = v.title.as_deref() else {
                    return Vec::new();
                };
                // titles repeat a lot: split each distinct one once
                words_of_title
                    .entry(t)
                    .or_insert_with(|| {
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
                        ids
                    })
                    .clone()
            })
            .collect();
        let mut df = vec![0u32; words.len()];
        for t in &raw_titles {
            for &w in t {
                df[w as usize] += 1;
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
        let title: Vec<Vec<(u32, f32)>> = raw_titles
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
        let role_word_of: Vec<Vec<u32>> = raw_titles
            .iter()
            .map(|t| {
                t.iter()
                    .copied()
                    .filter(|&w| word_kind[w as usize] == WordKind::Role)
                    .collect()
            })
            .collect();
        let word_buckets = multi_buckets(words.len(), &role_word_of, &by_day_key);

        // 5) group conversations, participants matched by profile URL
        let mut url_to_node: HashMap<String, u32> = HashMap::with_capacity(n);
        for (v, node) in nodes.iter().enumerate() {
            if let Some(url) = node.url.as_deref() {
                url_to_node.entry(url_key(url)).or_insert(v as u32);
            }
        }
        let mut conv_ids = Interner::default();
        // per conversation: every distinct participant URL, and the matched nodes
        let mut conv_urls: Vec<Vec<String>> = Vec::new();
        let mut conv_nodes: Vec<Vec<u32>> = Vec::new();
        for m in &export.messages {
            let c = conv_ids.id(&m.conversation_id) as usize;
            if c == conv_urls.len() {
                conv_urls.push(Vec::new());
                conv_nodes.push(Vec::new());
            }
            for url in m.from_url.iter().chain(&m.to_urls) {
                let url = url_key(url);
                if url.is_empty() {
                    continue;
                }
                if let Some(&v) = url_to_node.get(&url) {
                    conv_nodes[c].push(v);
                }
                conv_urls[c].push(url);
            }
        }
        let mut conversations: Vec<Vec<u32>> = vec![Vec::new(); n];
        let mut conversation_members: Vec<Vec<u32>> = Vec::new();
        for (urls, mut members) in conv_urls.into_iter().zip(conv_nodes) {
            let mut urls = urls;
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
        let label_buckets = multi_buckets(label_ids.len(), &labels, &by_day_key);
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
        let mut by_day: Vec<u32> = (0..n as u32)
            .filter(|&v| day[v as usize] != NO_DATE)
            .collect();
        by_day.sort_unstable_by_key(|&v| by_day_key(v));
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
                let mut entries: Vec<(u32, f32)> = title.get(v).cloned().unwrap_or_default();
                if entries.len() > CARD_WORDS {
                    entries.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
                    entries.truncate(CARD_WORDS);
                    entries.sort_by_key(|e| e.0);
                }
                let mut card = Card {
                    day: day[v],
                    company: company[v],
                    chapter: chapter[v],
                    crowd: crowd[v],
                    title_len: entries.len() as u8,
                    has_conversations: !conversations[v].is_empty(),
                    has_labels: !labels[v].is_empty(),
                    ..Card::default()
                };
                for (slot, &(w, x)) in card.title.iter_mut().zip(&entries) {
                    let idf = word_idf.get(w as usize).copied().unwrap_or(0.0);
                    *slot = (
                        w,
                        (x.clamp(0.0, 1.0) * WEIGHT_SCALE).round() as u16,
                        (idf.clamp(0.0, 15.0) * IDF_SCALE).round() as u16,
                    );
                }
                card
            })
            .collect();
        Features {
            nodes,
            cards,
            person_to_node,
            duplicates_merged,
            day,
            company,
            company_display,
            company_buckets,
            chapter,
            chapter_display,
            chapter_buckets,
            title: Lists::from_vecs(title),
            words: words.names,
            word_kind,
            word_idf,
            distinctive_idf: 1.0 + (1.0 / DISTINCTIVE_SHARE).ln(),
            word_places: places_multi(&word_buckets, n),
            word_buckets,
            conversations: Lists::from_vecs(conversations),
            conversation_members,
            conversations_used,
            labels: Lists::from_vecs(labels),
            label_names,
            label_places: places_multi(&label_buckets, n),
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

/// For each node, (group, position in it) for every group it belongs to, by group id.
fn places_multi(buckets: &[Bucket], n: usize) -> Lists<(u32, u32)> {
    let mut lists: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n];
    for (g, b) in buckets.iter().enumerate() {
        for (p, &v) in b.iter().enumerate() {
            if let Some(l) = lists.get_mut(v as usize) {
                l.push((g as u32, p as u32));
            }
        }
    }
    Lists::from_vecs(lists)
}

/// Groups nodes by a single id per node ([`NONE`]: in no group), each group sorted by `key`.
fn buckets<K: Ord>(groups: usize, of: &[u32], key: &impl Fn(u32) -> K) -> Vec<Bucket> {
    let mut out: Vec<Bucket> = vec![Vec::new(); groups];
    for (v, &g) in of.iter().enumerate() {
        if let Some(b) = out.get_mut(g as usize) {
            b.push(v as u32);
        }
    }
    for b in &mut out {
        b.sort_unstable_by_key(|&v| key(v));
    }
    out
}

/// Groups nodes by several ids per node, each group sorted by `key`.
fn multi_buckets<K: Ord>(groups: usize, of: &[Vec<u32>], key: &impl Fn(u32) -> K) -> Vec<Bucket> {
    let mut out: Vec<Bucket> = vec![Vec::new(); groups];
    for (v, gs) in of.iter().enumerate() {
        for &g in gs {
            if let Some(b) = out.get_mut(g as usize) {
                b.push(v as u32);
            }
        }
    }
    for b in &mut out {
        b.sort_unstable_by_key(|&v| key(v));
    }
    out
}
