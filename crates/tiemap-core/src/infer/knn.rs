//! Candidates from groups, pair strengths per signal, and the k strongest ties per person.

use super::features::{Bucket, Card, Features, TitleEntry, IDF_SCALE, NONE, NO_DATE, WEIGHT_SCALE};
use super::title::WordKind;
use super::InferSettings;
use crate::model::{Date, Evidence, Signal, Tie};
use crate::order::counting_sort_by;
use crate::rng::Rng;
use std::sync::Arc;

/// Index of each signal in per-signal arrays (the order of [`Signal::ALL`]).
const EMPLOYER: usize = 0;
const COHORT: usize = 1;
const CHAPTER: usize = 2;
const ROLE: usize = 3;
const CONVERSATION: usize = 4;
const LABEL: usize = 5;

/// People connected in a window this crowded or less count fully as a cohort; beyond, the
/// cohort strength falls with the square root of the crowd (a day on which 300 people were
/// added, as after an address-book import, says little about any two of them).
const CROWD_PER_DAY: f32 = 2.0;

/// How many words of two titles are named in the evidence.
const SHARED_WORDS_SHOWN: usize = 3;

pub(crate) struct Scorer<'a> {
    pub f: &'a Features,
    pub weights: [f32; 6],
    cohort_days: i32,
    crowd_ref: f32,
}

impl<'a> Scorer<'a> {
    pub fn new(f: &'a Features, settings: &InferSettings) -> Self {
        Scorer {
            f,
            weights: settings.weights.as_array(),
            cohort_days: settings.cohort_days as i32,
            crowd_ref: CROWD_PER_DAY * (2 * settings.cohort_days + 1) as f32,
        }
    }

    /// Strength in `[0, 1]` of each signal for the pair, 0 for signals switched off.
    pub fn strengths(&self, a: u32, b: u32) -> [f32; 6] {
        let f = self.f;
        let (Some(ca), Some(cb)) = (f.cards.get(a as usize), f.cards.get(b as usize)) else {
            return [0.0; 6];
        };
        let w = &self.weights;
        let mut s = [0.0f32; 6];
        if w[EMPLOYER] > 0.0 && ca.company != NONE && ca.company == cb.company {
            s[EMPLOYER] = 1.0;
        }
        if w[COHORT] > 0.0 && ca.day != NO_DATE && cb.day != NO_DATE {
            let gap = (ca.day as i64 - cb.day as i64).unsigned_abs();
            if gap <= self.cohort_days as u64 {
                s[COHORT] = self.cohort(gap, ca.crowd.max(cb.crowd));
            }
        }
        if w[CHAPTER] > 0.0 && ca.chapter != NONE && ca.chapter == cb.chapter {
            s[CHAPTER] = 1.0;
        }
        if w[ROLE] > 0.0 && ca.title_len > 0 && cb.title_len > 0 {
            s[ROLE] = self.role(ca, cb);
        }
        if w[CONVERSATION] > 0.0 && ca.has_conversations && cb.has_conversations {
            let shared = count_shared(&f.conversations[a as usize], &f.conversations[b as usize]);
            if shared > 0 {
                s[CONVERSATION] = conversation_strength(shared);
            }
        }
        if w[LABEL] > 0.0
            && ca.has_labels
            && cb.has_labels
            && count_shared(&f.labels[a as usize], &f.labels[b as usize]) > 0
        {
            s[LABEL] = 1.0;
        }
        s
    }

    /// `sum over signals of weight * strength`, in [`Signal::ALL`] order: [`Self::strengths`]
    /// folded as it goes, for the scoring loop. Signals that do not fire add exactly 0 to a
    /// sum that is never negative, so skipping them leaves the sum bit for bit the same.
    #[inline]
    pub fn weight(&self, a: u32, b: u32) -> f32 {
        let f = self.f;
        let (Some(ca), Some(cb)) = (f.cards.get(a as usize), f.cards.get(b as usize)) else {
            return 0.0;
        };
        let w = &self.weights;
        let mut sum = 0.0f32;
        if ca.company == cb.company && ca.company != NONE {
            sum += w[EMPLOYER];
        }
        if ca.day != NO_DATE && cb.day != NO_DATE {
            let gap = (ca.day as i64 - cb.day as i64).unsigned_abs();
            if gap <= self.cohort_days as u64 {
                sum += self.cohort(gap, ca.crowd.max(cb.crowd)) * w[COHORT];
            }
        }
        if ca.chapter == cb.chapter && ca.chapter != NONE {
            sum += w[CHAPTER];
        }
        if ca.title_len > 0 && cb.title_len > 0 && w[ROLE] > 0.0 {
            sum += self.role(ca, cb) * w[ROLE];
        }
        if ca.has_conversations && cb.has_conversations && w[CONVERSATION] > 0.0 {
            let shared = count_shared(&f.conversations[a as usize], &f.conversations[b as usize]);
            if shared > 0 {
                sum += conversation_strength(shared) * w[CONVERSATION];
            }
        }
        if ca.has_labels
            && cb.has_labels
            && w[LABEL] > 0.0
            && count_shared(&f.labels[a as usize], &f.labels[b as usize]) > 0
        {
            sum += w[LABEL];
        }
        sum
    }

    /// Cohort strength of two people `gap` days apart, the busier of their windows holding
    /// `crowd` people.
    #[inline]
    fn cohort(&self, gap: u64, crowd: u32) -> f32 {
        let decay = 1.0 - gap as f32 / (self.cohort_days + 1) as f32;
        let crowd = crowd as f32;
        decay * (self.crowd_ref / crowd.max(self.crowd_ref)).sqrt()
    }

    /// Role strength: the cosine of the titles, discounted when even the rarest shared word
    /// is common ("engineer").
    #[inline]
    fn role(&self, ca: &Card, cb: &Card) -> f32 {
        let (dot, rarest) = sparse_dot(ca.title(), cb.title());
        dot.min(1.0) * (rarest / self.f.distinctive_idf).min(1.0)
    }

    /// The evidence of each signal that fired for the pair, in [`Signal::ALL`] order.
    /// `scratch` is working space, reused from pair to pair.
    pub fn evidence(&self, a: u32, b: u32, scratch: &mut Vec<u32>) -> Vec<Evidence> {
        let s = self.strengths(a, b);
        let f = self.f;
        let (ai, bi) = (a as usize, b as usize);
        let mut out = Vec::with_capacity(s.iter().filter(|&&x| x > 0.0).count());
        for (i, signal) in Signal::ALL.into_iter().enumerate() {
            if s[i] <= 0.0 {
                continue;
            }
            out.push(match signal {
                Signal::SharedEmployer => Evidence::SharedEmployer {
                    company: f.company_display[f.company[ai] as usize].clone(),
                },
                Signal::ConnectionCohort => {
                    let gap = (f.day[ai] as i64 - f.day[bi] as i64).unsigned_abs() as u32;
                    Evidence::ConnectionCohort {
                        days_apart: gap,
                        around: Date::from_days_since_epoch(f.day[ai].min(f.day[bi])),
                    }
                }
                Signal::CareerChapter => Evidence::CareerChapter {
                    company: f.chapter_display[f.chapter[ai] as usize].clone(),
                },
                Signal::SimilarRole => Evidence::SimilarRole {
                    shared_words: self.shared_words(ai, bi, scratch),
                },
                Signal::Conversation => Evidence::Conversation {
                    conversations: count_shared(&f.conversations[ai], &f.conversations[bi]),
                },
                Signal::ContactLabel => {
                    // the most specific shared label: the one fewest people carry
                    let mut best: Option<u32> = None;
                    for l in shared(&f.labels[ai], &f.labels[bi]) {
                        let size = f.label_buckets[l as usize].len();
                        if best.is_none_or(|b| size < f.label_buckets[b as usize].len()) {
                            best = Some(l);
                        }
                    }
                    Evidence::ContactLabel {
                        label: best
                            .map(|l| f.label_names[l as usize].clone())
                            .unwrap_or_default(),
                    }
                }
            });
        }
        out
    }

    /// Shared title words, most distinctive first; role words before seniority words.
    fn shared_words(&self, a: usize, b: usize, ws: &mut Vec<u32>) -> Vec<Arc<str>> {
        let f = self.f;
        let (ta, tb) = (
            &f.title[f.title_of[a] as usize],
            &f.title[f.title_of[b] as usize],
        );
        ws.clear();
        let (mut i, mut j) = (0, 0);
        while i < ta.len() && j < tb.len() {
            match ta[i].0.cmp(&tb[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    ws.push(ta[i].0);
                    i += 1;
                    j += 1;
                }
            }
        }
        ws.sort_by(|&x, &y| {
            let role = |w: u32| f.word_kind[w as usize] == WordKind::Role;
            role(y)
                .cmp(&role(x))
                .then(f.word_idf[y as usize].total_cmp(&f.word_idf[x as usize]))
                .then(f.words[x as usize].cmp(&f.words[y as usize]))
        });
        ws.iter()
            .take(SHARED_WORDS_SHOWN)
            .map(|&w| f.words[w as usize].clone())
            .collect()
    }
}

/// Strength of sharing `shared` (at least one) group conversations.
#[inline]
fn conversation_strength(shared: u32) -> f32 {
    (0.6 + 0.2 * (shared - 1) as f32).min(1.0)
}

/// Dot product of two sparse title vectors, and the largest idf among their shared words.
#[inline]
fn sparse_dot(a: &[TitleEntry], b: &[TitleEntry]) -> (f32, f32) {
    let (mut i, mut j, mut dot, mut rarest) = (0, 0, 0u64, 0u16);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 as u64 * b[j].1 as u64;
                rarest = rarest.max(a[i].2);
                i += 1;
                j += 1;
            }
        }
    }
    (
        (dot as f64 / (WEIGHT_SCALE as f64 * WEIGHT_SCALE as f64)) as f32,
        rarest as f32 / IDF_SCALE,
    )
}

fn shared(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

fn count_shared(a: &[u32], b: &[u32]) -> u32 {
    let (mut i, mut j, mut count) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                count += 1;
                i += 1;
                j += 1;
            }
        }
    }
    count
}

/// A deterministic pseudo-random 64-bit value for `(seed, a, b)`, from the crate's RNG.
fn mix(seed: u64, a: u64, b: u64) -> u64 {
    Rng::new(seed ^ a.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ b.wrapping_mul(0xC2B2_AE3D_27D4_EB4F))
        .next_u64()
}

/// Collects candidate partners of one node without duplicates.
struct Candidates {
    stamp: Vec<u32>,
    current: u32,
    list: Vec<u32>,
}

impl Candidates {
    fn new(n: usize) -> Self {
        Candidates {
            stamp: vec![NONE; n],
            current: NONE,
            list: Vec::new(),
        }
    }

    fn start(&mut self, v: u32) {
        self.current = v;
        self.list.clear();
        if let Some(s) = self.stamp.get_mut(v as usize) {
            *s = v;
        }
    }

    fn push(&mut self, u: u32) {
        if let Some(s) = self.stamp.get_mut(u as usize) {
            if *s != self.current {
                *s = self.current;
                self.list.push(u);
            }
        }
    }

    /// Up to `cap` members of `bucket` (where `v` sits at `pos`): all of a small bucket; of a
    /// big one, half the nearest by date and half drawn at random, so a big group is reached
    /// as a whole and not only along its timeline.
    fn draw_from(&mut self, bucket: &Bucket, pos: usize, cap: usize, rng: &mut Rng) {
        let len = bucket.len();
        if len <= cap + 1 {
            for &u in bucket {
                self.push(u);
            }
            return;
        }
        let near = cap / 2;
        let lo = pos.saturating_sub(near / 2).min(len - near - 1);
        for &u in &bucket[lo..=lo + near] {
            self.push(u);
        }
        for _ in 0..cap - near {
            self.push(bucket[rng.below(len)]);
        }
    }
}

pub(crate) struct KnnOutcome {
    pub ties: Vec<Tie>,
    pub pairs_scored: usize,
}

/// Each node's `k` strongest ties at or above `min_weight`, united over both ends.
pub(crate) fn k_nearest(
    scorer: &Scorer,
    settings: &InferSettings,
    progress: &mut dyn FnMut(f32),
) -> KnnOutcome {
    let f = scorer.f;
    let n = f.nodes.len();
    // told 20 times over the people
    let tell_every = (n / 20).max(1);
    let cap = settings.bucket_candidates;
    let w = scorer.weights;
    let mut cands = Candidates::new(n);
    let mut scored: Vec<(f32, u32)> = Vec::new();
    let mut at_cut: Vec<(u64, u32)> = Vec::new();
    let mut kept: Vec<(u32, u32, f32)> = Vec::with_capacity(n * settings.k);
    let mut pairs_scored = 0usize;
    for v in 0..n as u32 {
        let vi = v as usize;
        if vi > 0 && vi.is_multiple_of(tell_every) {
            progress(vi as f32 / n as f32);
        }
        let mut rng = Rng::new(settings.seed ^ (v as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
        cands.start(v);
        // 1) employer
        if w[EMPLOYER] > 0.0 && f.company[vi] != NONE {
            let b = &f.company_buckets[f.company[vi] as usize];
            cands.draw_from(b, f.company_place[vi] as usize, cap, &mut rng);
        }
        // 2) connection cohort: the nearest by date on each side, within the window
        if w[COHORT] > 0.0 && f.by_day_pos[vi] != NONE {
            let p = f.by_day_pos[vi] as usize;
            let d = f.day[vi] as i64;
            let within =
                |u: u32| (f.day[u as usize] as i64 - d).abs() <= settings.cohort_days as i64;
            for &u in f.by_day[p + 1..].iter().take(cap / 2) {
                if !within(u) {
                    break;
                }
                cands.push(u);
            }
            for &u in f.by_day[..p].iter().rev().take(cap / 2) {
                if !within(u) {
                    break;
                }
                cands.push(u);
            }
        }
        // 3) career chapter
        if w[CHAPTER] > 0.0 && f.chapter[vi] != NONE {
            let b = &f.chapter_buckets[f.chapter[vi] as usize];
            cands.draw_from(b, f.chapter_place[vi] as usize, cap, &mut rng);
        }
        // 4) title words (role words only)
        if w[ROLE] > 0.0 {
            for &(word, place) in &f.word_places[vi] {
                let b = &f.word_buckets[word as usize];
                cands.draw_from(b, place as usize, cap / 2, &mut rng);
            }
        }
        // 5) conversations
        if w[CONVERSATION] > 0.0 {
            for &c in &f.conversations[vi] {
                for &u in &f.conversation_members[c as usize] {
                    cands.push(u);
                }
            }
        }
        // 6) labels
        if w[LABEL] > 0.0 {
            for &(label, place) in &f.label_places[vi] {
                let b = &f.label_buckets[label as usize];
                cands.draw_from(b, place as usize, cap, &mut rng);
            }
        }
        // score, keep the k strongest
        scored.clear();
        for &u in &cands.list {
            let weight = scorer.weight(v, u);
            if weight >= settings.min_weight && weight > 0.0 {
                scored.push((weight, u));
            }
        }
        pairs_scored += cands.list.len();
        keep_strongest(&mut scored, settings.k, &mut at_cut, |u| {
            mix(settings.seed, v.min(u) as u64, v.max(u) as u64)
        });
        for &(weight, u) in &scored {
            kept.push((v.min(u), v.max(u), weight));
        }
    }
    let kept = sorted_pairs(kept, n);
    let mut scratch = Vec::new();
    let ties = kept
        .into_iter()
        .map(|(source, target, weight)| Tie {
            source,
            target,
            weight,
            evidence: scorer.evidence(source, target, &mut scratch),
        })
        .collect();
    KnnOutcome { ties, pairs_scored }
}

/// Keeps in `scored` (weight, partner) the `k` strongest; equally strong partners are
/// ranked by `tie_break(partner)` (a seeded hash: no partner is favoured for its id), then by
/// id. The hash is computed only for the partners tied at the cut, where it decides.
/// `at_cut` is working space, reused from node to node.
fn keep_strongest(
    scored: &mut Vec<(f32, u32)>,
    k: usize,
    at_cut: &mut Vec<(u64, u32)>,
    tie_break: impl Fn(u32) -> u64,
) {
    if scored.len() <= k || k == 0 {
        scored.truncate(k);
        return;
    }
    scored.select_nth_unstable_by(k - 1, |x, y| y.0.total_cmp(&x.0));
    let cut = scored[k - 1].0;
    // everything stronger than the cut stays; of those as strong as it, the first by hash
    at_cut.clear();
    let mut write = 0;
    for i in 0..scored.len() {
        let (weight, u) = scored[i];
        match weight.total_cmp(&cut) {
            std::cmp::Ordering::Greater => {
                scored[write] = scored[i];
                write += 1;
            }
            std::cmp::Ordering::Equal => at_cut.push((0, u)),
            std::cmp::Ordering::Less => {}
        }
    }
    let room = k - write;
    if at_cut.len() > room {
        for e in at_cut.iter_mut() {
            e.0 = tie_break(e.1);
        }
        at_cut.select_nth_unstable(room - 1);
        at_cut.truncate(room);
    }
    scored.truncate(write);
    scored.extend(at_cut.iter().map(|&(_, u)| (cut, u)));
}

/// The kept pairs (source < target, weight) sorted by (source, target), each pair once: two
/// counting sorts (by target, then by source).
fn sorted_pairs(kept: Vec<(u32, u32, f32)>, n: usize) -> Vec<(u32, u32, f32)> {
    let by_target = counting_sort_by(&kept, n, |e| e.1);
    drop(kept);
    let mut out = counting_sort_by(&by_target, n, |e| e.0);
    // the same pair kept from both ends has the same weight (scores are symmetric)
    out.dedup_by(|x, y| x.0 == y.0 && x.1 == y.1);
    out
}
