//! Names for clusters from what sets their members apart from the rest of the map:
//! "Globex · engineers · 2016-2019", and a one-line description
//! ("72 % at Globex, mostly engineers, connected Mar–Jun 2019").
//!
//! Real exports are hard to name: most connections are often made in one year under one
//! position, one employer or one generic role ("developers") runs through many clusters, and
//! many fields are empty or "NA". So a feature names a cluster by its *lift* (how much more
//! common it is in the cluster than in the rest of the map), not its share alone; when two
//! clusters would still get the same name, the next most distinctive feature that differs is
//! added, and a bare " (2)" is the last resort, used only when nothing at all differs.

use super::company::{display_spelling, normalize_company};
use super::title::{head_word, plural_of_role};
use crate::model::{Date, Evidence, ExportKind, Network, Origin};
use std::collections::{BTreeMap, BTreeSet};

/// Share of a cluster's inner ties that must say "connected while you were at X", and how
/// much more often than among all ties, for X to name the cluster.
const CHAPTER_SHARE: f64 = 0.5;
const CHAPTER_LIFT: f64 = 1.3;
/// Share of members at an employer, and its lift, for the employer to name the cluster.
const COMPANY_SHARE: f64 = 0.25;
const COMPANY_LIFT: f64 = 1.8;
/// Same for the role family (the head noun of titles) and a contact label.
const ROLE_SHARE: f64 = 0.25;
const ROLE_LIFT: f64 = 1.6;
const LABEL_SHARE: f64 = 0.3;
const LABEL_LIFT: f64 = 1.5;
/// A period names a cluster when most members were connected in it and the rest of the map
/// was not (lift of the period's share).
const PERIOD_LIFT: f64 = 1.4;
/// A feature that passes no threshold still names a cluster with nothing better when this
/// share of its members have it.
const FALLBACK_SHARE: f64 = 0.1;
/// Below this lift a feature is not distinctive at all (not even to tell two clusters apart).
const ANY_LIFT: f64 = 1.05;
/// Scores cap the lift: a feature shared by two people in the whole map is not 100 times
/// better than one shared by fifty.
const MAX_LIFT: f64 = 3.0;

/// The kind of a feature, in the order a name lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Organisation,
    Role,
    Label,
    Period,
    /// The period to the month, only to tell two clusters of the same years apart (it
    /// replaces the period in the name).
    Months,
}

/// One candidate feature of a cluster.
#[derive(Clone, Debug)]
struct Feature {
    kind: Kind,
    /// As written in a name ("Globex", "engineers", "2016-2019").
    text: String,
    /// As written in a description ("at Globex", "engineers", "connected Mar–Jun 2019").
    phrase: String,
    share: f64,
    lift: f64,
    /// Passes the thresholds that let it name a cluster on its own.
    naming: bool,
}

impl Feature {
    fn score(&self) -> f64 {
        self.share * self.lift.min(MAX_LIFT)
    }
}

/// A cluster's suggested name and one-line description.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClusterSummary {
    pub name: String,
    pub description: String,
}

/// One short name per community id (`0..=max(membership)`), see [`summarize_clusters`].
pub fn suggest_cluster_names(network: &Network, membership: &[u32]) -> Vec<String> {
    summarize_clusters(network, membership)
        .into_iter()
        .map(|s| s.name)
        .collect()
}

/// A name and a description per community id (`0..=max(membership)`): the employer or
/// career chapter, the role family, a contact label and the period that set its members
/// apart from the rest of the map, most distinctive first, joined by " · ". Where the data is
/// thin (names and dates only) clusters are named by their period ("Friends from 2008-2009").
/// Communities with nothing known are named "Cluster N". Entries of `membership` beyond the
/// network's nodes are ignored; a community id with no member gets an empty summary.
pub fn summarize_clusters(network: &Network, membership: &[u32]) -> Vec<ClusterSummary> {
    Namer::new(network).summarize(membership)
}

impl<'a> Namer<'a> {
    /// Reads what naming needs to know of the whole map (normalised employers, role families,
    /// labels, connection months, career chapters), once for every clustering of it: a map
    /// names its clusters and its sub-clusters with one `Namer`.
    pub fn new(network: &'a Network) -> Self {
        Namer::with_len(network, network.nodes.len())
    }

    /// [`summarize_clusters`] with what was read once.
    pub fn summarize(&self, membership: &[u32]) -> Vec<ClusterSummary> {
        if membership.len() < self.n {
            // only the people `membership` speaks of make up the map
            return Namer::with_len(self.network, membership.len()).summarize(membership);
        }
        let n = self.n;
        let communities = membership[..n]
            .iter()
            .map(|&c| c as usize + 1)
            .max()
            .unwrap_or(0);
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); communities];
        for (v, &c) in membership[..n].iter().enumerate() {
            members[c as usize].push(v);
        }
        let ctx = Context::new(self, membership, communities);
        summarize_with(&ctx, &members)
    }
}

fn summarize_with(ctx: &Context, members: &[Vec<usize>]) -> Vec<ClusterSummary> {
    let communities = members.len();
    let features: Vec<Vec<Feature>> = members
        .iter()
        .enumerate()
        .map(|(c, vs)| ctx.features(c, vs))
        .collect();

    // 1) each name from its naming features (at most two), in a fixed order of kinds
    let mut chosen: Vec<Vec<usize>> = features
        .iter()
        .map(|fs| {
            let mut ranked: Vec<usize> = (0..fs.len()).filter(|&i| fs[i].naming).collect();
            ranked.sort_by(|&a, &b| fs[b].score().total_cmp(&fs[a].score()));
            // at most two, of different kinds (not two spellings of one employer)
            let mut picks: Vec<usize> = Vec::new();
            for i in ranked {
                if picks.len() < 2 && picks.iter().all(|&j| fs[j].kind != fs[i].kind) {
                    picks.push(i);
                }
            }
            if picks.is_empty() {
                // Nothing passes the thresholds: the most telling employer, role or label
                // that is at least a little more common here (a tenth of the cluster), so
                // the name says who they are before it says when.
                picks.extend(
                    (0..fs.len())
                        .filter(|&i| !matches!(fs[i].kind, Kind::Period | Kind::Months))
                        .filter(|&i| fs[i].lift >= ANY_LIFT && fs[i].share >= FALLBACK_SHARE)
                        .max_by(|&a, &b| fs[a].score().total_cmp(&fs[b].score())),
                );
            }
            picks
        })
        .collect();
    let name_of = |fs: &[Feature], picks: &[usize]| -> String {
        let mut picks = picks.to_vec();
        if picks.iter().any(|&i| fs[i].kind == Kind::Months) {
            picks.retain(|&i| fs[i].kind != Kind::Period);
        }
        picks.sort_by_key(|&i| fs[i].kind);
        picks
            .iter()
            .map(|&i| fs[i].text.clone())
            .collect::<Vec<_>>()
            .join(" · ")
    };

    // 2) names used twice: add the next most distinctive feature that the others don't share
    for _round in 0..3 {
        let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for c in 0..communities {
            if !members[c].is_empty() {
                by_name
                    .entry(name_of(&features[c], &chosen[c]))
                    .or_default()
                    .push(c);
            }
        }
        let mut additions: Vec<(usize, usize)> = Vec::new();
        for group in by_name.values().filter(|g| g.len() > 1) {
            for &c in group {
                let fs = &features[c];
                let mut others: BTreeSet<&str> = BTreeSet::new();
                for &o in group.iter().filter(|&&o| o != c) {
                    for &i in &chosen[o] {
                        others.insert(features[o][i].text.as_str());
                    }
                }
                let mut extra: Vec<usize> = (0..fs.len())
                    .filter(|i| !chosen[c].contains(i))
                    .filter(|&i| fs[i].lift >= ANY_LIFT && !others.contains(fs[i].text.as_str()))
                    .filter(|&i| chosen[c].iter().all(|&j| fs[j].kind != fs[i].kind))
                    .collect();
                extra.sort_by(|&a, &b| fs[b].score().total_cmp(&fs[a].score()));
                if let Some(&i) = extra.first() {
                    additions.push((c, i));
                }
            }
        }
        let changed = !additions.is_empty();
        for (c, i) in additions {
            chosen[c].push(i);
        }
        if !changed {
            break;
        }
    }

    // 3) the names, with the fallbacks and, last, a number
    let thin = ctx.thin;
    let mut out: Vec<ClusterSummary> = Vec::with_capacity(communities);
    for c in 0..communities {
        if members[c].is_empty() {
            out.push(ClusterSummary::default());
            continue;
        }
        let fs = &features[c];
        let mut name = name_of(fs, &chosen[c]);
        if name.is_empty() {
            // nothing distinctive: the period they were met in, else a number
            name = match fs.iter().find(|f| f.kind == Kind::Period) {
                Some(p) => p.text.clone(),
                None => format!("Cluster {}", c + 1),
            };
        }
        if thin
            && chosen[c]
                .iter()
                .all(|&i| matches!(fs[i].kind, Kind::Period | Kind::Months))
        {
            let months = chosen[c].iter().find(|&&i| fs[i].kind == Kind::Months);
            let period = months
                .map(|&i| &fs[i])
                .or_else(|| fs.iter().find(|f| f.kind == Kind::Period));
            if let Some(p) = period {
                name = format!("{} from {}", ctx.people_word_capitalized(), p.text);
            }
        }
        out.push(ClusterSummary {
            name,
            description: describe(fs, members[c].len(), ctx),
        });
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for s in out.iter_mut().filter(|s| !s.name.is_empty()) {
        let k = seen.entry(s.name.clone()).or_insert(0);
        *k += 1;
        if *k > 1 {
            s.name.push_str(&format!(" ({k})"));
        }
    }
    out
}

/// "72 % at Globex, mostly engineers, connected Mar–Jun 2019" (the top features by share).
fn describe(fs: &[Feature], size: usize, ctx: &Context) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut by_kind: BTreeMap<Kind, &Feature> = BTreeMap::new();
    for f in fs {
        let best = by_kind.entry(f.kind).or_insert(f);
        if f.share > best.share {
            *best = f;
        }
    }
    if let Some(f) = by_kind.get(&Kind::Organisation).filter(|f| f.share >= 0.2) {
        parts.push(format!("{:.0} % {}", f.share * 100.0, f.phrase));
    }
    if let Some(f) = by_kind.get(&Kind::Role).filter(|f| f.share >= 0.2) {
        let how = if f.share >= 0.5 { "mostly" } else { "many" };
        parts.push(format!("{how} {}", f.phrase));
    }
    if let Some(f) = by_kind.get(&Kind::Label).filter(|f| f.share >= 0.3) {
        parts.push(f.phrase.clone());
    }
    if let Some(f) = by_kind.get(&Kind::Period) {
        parts.push(f.phrase.clone());
    }
    let mut s = format!("{} {}", size, ctx.people_word(size));
    if !parts.is_empty() {
        s.push_str(": ");
        s.push_str(&parts.join(", "));
    }
    if ctx.thin {
        s.push_str(" (the file gives names and dates only)");
    }
    s
}

/// What the whole map looks like, for the lifts: read once per map, used for every clustering
/// of it ([`Namer::summarize`]).
pub struct Namer<'a> {
    network: &'a Network,
    n: usize,
    company_key: Vec<Option<String>>,
    role: Vec<Option<String>>,
    labels: Vec<Vec<&'a str>>,
    overall_company: BTreeMap<String, usize>,
    overall_role: BTreeMap<String, usize>,
    overall_label: BTreeMap<&'a str, usize>,
    /// Months (year * 12 + month - 1) of everyone's connection dates, sorted.
    months: Vec<i32>,
    all_ties: usize,
    overall_chapter: BTreeMap<&'a str, usize>,
    /// Neither companies nor titles anywhere (a friends list, names and dates).
    thin: bool,
    kind: Option<ExportKind>,
}

/// One clustering of the map: the [`Namer`]'s whole-map counts and, per community, its inner
/// ties and inner ties per career chapter.
struct Context<'n, 'a> {
    map: &'n Namer<'a>,
    inner_ties: Vec<usize>,
    chapter_ties: Vec<BTreeMap<&'a str, usize>>,
}

impl<'a> std::ops::Deref for Context<'_, 'a> {
    type Target = Namer<'a>;
    fn deref(&self) -> &Namer<'a> {
        self.map
    }
}

fn month_of(d: Date) -> i32 {
    let (y, m, _) = d.ymd();
    y * 12 + m as i32 - 1
}

fn month_text(m: i32) -> (i32, &'static str) {
    (
        m.div_euclid(12),
        Date::month_abbreviation((m.rem_euclid(12) + 1) as u32),
    )
}

impl<'a> Namer<'a> {
    /// The map of the first `n` people.
    fn with_len(network: &'a Network, n: usize) -> Self {
        let n = n.min(network.nodes.len());
        let company_key: Vec<Option<String>> = network.nodes[..n]
            .iter()
            .map(|v| v.company.as_deref().and_then(normalize_company))
            .collect();
        let role: Vec<Option<String>> = network.nodes[..n]
            .iter()
            .map(|v| v.title.as_deref().and_then(head_word))
            .collect();
        let mut labels: Vec<Vec<&'a str>> = vec![Vec::new(); n];
        let mut overall_chapter: BTreeMap<&'a str, usize> = BTreeMap::new();
        let mut all_ties = 0usize;
        for t in &network.ties {
            let (s, d) = (t.source as usize, t.target as usize);
            if s >= n || d >= n {
                continue;
            }
            all_ties += 1;
            for e in &t.evidence {
                match e {
                    Evidence::CareerChapter { company } => {
                        *overall_chapter.entry(&**company).or_insert(0) += 1;
                    }
                    Evidence::ContactLabel { label } => {
                        for v in [s, d] {
                            if !labels[v].contains(&&**label) {
                                labels[v].push(&**label);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        let count = |items: &mut dyn Iterator<Item = &String>| {
            let mut m: BTreeMap<String, usize> = BTreeMap::new();
            for s in items {
                *m.entry(s.clone()).or_insert(0) += 1;
            }
            m
        };
        let overall_company = count(&mut company_key.iter().flatten());
        let overall_role = count(&mut role.iter().flatten());
        let mut overall_label: BTreeMap<&'a str, usize> = BTreeMap::new();
        for &label in labels.iter().flatten() {
            *overall_label.entry(label).or_insert(0) += 1;
        }
        let mut months: Vec<i32> = network.nodes[..n]
            .iter()
            .filter_map(|v| v.connected_on.map(month_of))
            .collect();
        months.sort_unstable();
        let thin = n > 0 && overall_company.is_empty() && overall_role.is_empty();
        let kind = match &network.origin {
            Origin::Inferred { kind, .. } => Some(*kind),
            Origin::File { .. } => None,
        };
        Namer {
            network,
            n,
            company_key,
            role,
            labels,
            overall_company,
            overall_role,
            overall_label,
            months,
            all_ties,
            overall_chapter,
            thin,
            kind,
        }
    }
}

impl<'n, 'a> Context<'n, 'a> {
    fn new(map: &'n Namer<'a>, membership: &[u32], communities: usize) -> Self {
        let n = map.n;
        let mut inner_ties = vec![0usize; communities];
        let mut chapter_ties: Vec<BTreeMap<&'a str, usize>> = vec![BTreeMap::new(); communities];
        for t in &map.network.ties {
            let (s, d) = (t.source as usize, t.target as usize);
            if s >= n || d >= n || membership[s] != membership[d] {
                continue;
            }
            let c = membership[s] as usize;
            inner_ties[c] += 1;
            for e in &t.evidence {
                if let Evidence::CareerChapter { company } = e {
                    *chapter_ties[c].entry(&**company).or_insert(0) += 1;
                }
            }
        }
        Context {
            map,
            inner_ties,
            chapter_ties,
        }
    }

    fn people_word(&self, size: usize) -> &'static str {
        match (self.kind, size) {
            (Some(ExportKind::Facebook), 1) => "friend",
            (Some(ExportKind::Facebook), _) => "friends",
            (_, 1) => "person",
            _ => "people",
        }
    }

    fn people_word_capitalized(&self) -> &'static str {
        match self.kind {
            Some(ExportKind::Facebook) => "Friends",
            _ => "Connected",
        }
    }

    /// Every candidate feature of community `c` (members `vs`).
    fn features(&self, c: usize, vs: &[usize]) -> Vec<Feature> {
        let mut out: Vec<Feature> = Vec::new();
        if vs.is_empty() {
            return out;
        }
        let size = vs.len() as f64;
        let total = self.n.max(1) as f64;
        let rest = (self.n - vs.len()).max(1) as f64;
        // lift against the rest of the map (not the whole map, which includes the cluster)
        let lift = |k: usize, overall: usize| -> f64 {
            let share = k as f64 / size;
            let outside = overall.saturating_sub(k) as f64 / rest;
            share / outside.max(0.5 / total)
        };

        // 1) the career chapter most of its inner ties come from
        let inner = self.inner_ties.get(c).copied().unwrap_or(0);
        if inner > 0 {
            for (company, &k) in &self.chapter_ties[c] {
                let share = k as f64 / inner as f64;
                let overall = self.overall_chapter.get(company).copied().unwrap_or(k);
                let base = (overall.saturating_sub(k)) as f64
                    / (self.all_ties.saturating_sub(inner)).max(1) as f64;
                let l = share / base.max(0.5 / self.all_ties.max(1) as f64);
                out.push(Feature {
                    kind: Kind::Organisation,
                    text: company.to_string(),
                    phrase: format!("met at {company}"),
                    share,
                    lift: l,
                    naming: share >= CHAPTER_SHARE && l >= CHAPTER_LIFT,
                });
            }
        }

        // 2) employers
        // each employer's members here, to count them and to spell the employer as most do
        let mut here: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for &v in vs {
            if let Some(k) = &self.company_key[v] {
                here.entry(k.as_str()).or_default().push(v);
            }
        }
        for (key, at) in &here {
            let k = at.len();
            if k < 2 {
                continue;
            }
            let l = lift(k, self.overall_company.get(*key).copied().unwrap_or(k));
            let share = k as f64 / size;
            let Some(shown) = display_spelling(
                at.iter()
                    .filter_map(|&v| self.network.nodes[v].company.as_deref()),
            ) else {
                continue;
            };
            let feature = Feature {
                kind: Kind::Organisation,
                phrase: format!("at {shown}"),
                text: shown,
                share,
                lift: l,
                naming: share >= COMPANY_SHARE && l >= COMPANY_LIFT,
            };
            // The same name as a career chapter: one feature, the more telling of the two.
            match out
                .iter_mut()
                .find(|f| f.kind == Kind::Organisation && f.text == feature.text)
            {
                Some(f) => {
                    if (feature.naming, feature.score()) > (f.naming, f.score()) {
                        *f = feature;
                    }
                }
                None => out.push(feature),
            }
        }

        // 3) role families
        let mut here: BTreeMap<&str, usize> = BTreeMap::new();
        for &v in vs {
            if let Some(r) = &self.role[v] {
                *here.entry(r.as_str()).or_insert(0) += 1;
            }
        }
        for (r, &k) in &here {
            if k < 2 {
                continue;
            }
            let l = lift(k, self.overall_role.get(*r).copied().unwrap_or(k));
            let share = k as f64 / size;
            let plural = plural_of_role(r);
            out.push(Feature {
                kind: Kind::Role,
                phrase: plural.clone(),
                text: plural,
                share,
                lift: l,
                naming: share >= ROLE_SHARE && l >= ROLE_LIFT,
            });
        }

        // 4) contact labels
        let mut here: BTreeMap<&str, usize> = BTreeMap::new();
        for &v in vs {
            for &label in &self.labels[v] {
                *here.entry(label).or_insert(0) += 1;
            }
        }
        for (label, &k) in &here {
            let l = lift(k, self.overall_label.get(*label).copied().unwrap_or(k));
            let share = k as f64 / size;
            out.push(Feature {
                kind: Kind::Label,
                text: label.to_string(),
                phrase: format!("labelled {label}"),
                share,
                lift: l,
                naming: share >= LABEL_SHARE && l >= LABEL_LIFT,
            });
        }

        // 5) the period: the middle 80 % of their connection months
        let mut months: Vec<i32> = vs
            .iter()
            .filter_map(|&v| self.network.nodes[v].connected_on.map(month_of))
            .collect();
        months.sort_unstable();
        if !months.is_empty() {
            let lo = months[months.len() / 10];
            let hi = months[(months.len() * 9) / 10].max(lo);
            let inside = months.iter().filter(|&&m| m >= lo && m <= hi).count();
            let all_inside = self.months.partition_point(|&m| m <= hi)
                - self.months.partition_point(|&m| m < lo);
            let share = inside as f64 / size;
            let l = lift(inside, all_inside);
            let ((y0, m0), (y1, m1)) = (month_text(lo), month_text(hi));
            let years = if y0 == y1 {
                y0.to_string()
            } else {
                format!("{y0}-{y1}")
            };
            // a short span in one year is told by its months, so two cohorts of one busy
            // year have different names
            let (text, phrase) = if y0 == y1 && hi - lo <= 5 && self.busy_year(y0) {
                let span = if m0 == m1 {
                    format!("{m0} {y0}")
                } else {
                    format!("{m0}–{m1} {y0}")
                };
                (span.clone(), format!("connected {span}"))
            } else if y0 == y1 {
                (years.clone(), format!("connected in {years}"))
            } else {
                (years.clone(), format!("connected {y0}–{y1}"))
            };
            let months = if lo == hi {
                format!("{m0} {y0}")
            } else if y0 == y1 {
                format!("{m0}–{m1} {y0}")
            } else {
                format!("{m0} {y0}–{m1} {y1}")
            };
            if months != text {
                out.push(Feature {
                    kind: Kind::Months,
                    text: months,
                    phrase: String::new(),
                    share,
                    lift: l.max(ANY_LIFT),
                    naming: false,
                });
            }
            out.push(Feature {
                kind: Kind::Period,
                text,
                phrase,
                share,
                lift: l,
                naming: l >= PERIOD_LIFT,
            });
        }
        out
    }

    /// Whether a third or more of everyone was connected in `year`.
    fn busy_year(&self, year: i32) -> bool {
        // `months` is sorted: the year's months are one run of it
        let k = self.months.partition_point(|&m| m < (year + 1) * 12)
            - self.months.partition_point(|&m| m < year * 12);
        k * 3 >= self.months.len().max(1)
    }
}
