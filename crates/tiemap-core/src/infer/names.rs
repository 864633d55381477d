//! Names for clusters from what their members share most distinctively:
//! "Globex · engineers · 2016-2019".

use super::company::{display_spelling, normalize_company};
use super::title::{head_word, plural_of_role};
use crate::model::{Evidence, Network};
use std::collections::BTreeMap;

/// Share of a cluster's inner ties that must say "connected while you were at X" for X to
/// name the cluster.
const CHAPTER_SHARE: f64 = 0.5;
/// Share of members currently at an employer, and how much more common it must be than in the
/// whole network, for the employer to name the cluster.
const COMPANY_SHARE: f64 = 0.3;
const COMPANY_LIFT: f64 = 2.0;
/// Same for the role family (the head noun of titles): distinctive, or simply dominant.
const ROLE_SHARE: f64 = 0.25;
const ROLE_LIFT: f64 = 1.3;
const ROLE_DOMINANT: f64 = 0.5;

/// One short name per community id (`0..=max(membership)`): the employer or career chapter
/// its members share, their dominant role family and the span of years they were connected
/// in, joined by " · ". Communities with nothing distinctive are named "Cluster N"; a name
/// used twice gets " (2)", " (3)"... Entries of `membership` beyond the network's nodes are
/// ignored; nodes without an entry belong to no community.
pub fn suggest_cluster_names(network: &Network, membership: &[u32]) -> Vec<String> {
    let n = network.nodes.len().min(membership.len());
    let communities = membership[..n]
        .iter()
        .map(|&c| c as usize + 1)
        .max()
        .unwrap_or(0);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); communities];
    for (v, &c) in membership[..n].iter().enumerate() {
        members[c as usize].push(v);
    }

    // network-wide frequencies
    let company_key: Vec<Option<String>> = network.nodes[..n]
        .iter()
        .map(|v| v.company.as_deref().and_then(normalize_company))
        .collect();
    let role: Vec<Option<String>> = network.nodes[..n]
        .iter()
        .map(|v| v.title.as_deref().and_then(head_word))
        .collect();
    let overall_company = counts(company_key.iter().flatten());
    let overall_role = counts(role.iter().flatten());

    // chapter evidence of each community's inner ties
    let mut inner_ties = vec![0usize; communities];
    let mut chapter_ties: Vec<BTreeMap<&str, usize>> = vec![BTreeMap::new(); communities];
    for t in &network.ties {
        let (s, d) = (t.source as usize, t.target as usize);
        if s >= n || d >= n || membership[s] != membership[d] {
            continue;
        }
        let c = membership[s] as usize;
        inner_ties[c] += 1;
        for e in &t.evidence {
            if let Evidence::CareerChapter { company } = e {
                *chapter_ties[c].entry(company.as_str()).or_insert(0) += 1;
            }
        }
    }

    let total = n.max(1) as f64;
    let mut names: Vec<String> = Vec::with_capacity(communities);
    for (c, vs) in members.iter().enumerate() {
        if vs.is_empty() {
            names.push(String::new());
            continue;
        }
        let size = vs.len() as f64;
        let mut parts: Vec<String> = Vec::new();

        // 1) where they were met, else where they are
        let chapter = chapter_ties[c]
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .filter(|(_, &k)| k as f64 >= CHAPTER_SHARE * inner_ties[c] as f64)
            .map(|(name, _)| name.to_string());
        let company = chapter.or_else(|| {
            let here = counts(vs.iter().filter_map(|&v| company_key[v].as_ref()));
            best_distinctive(&here, &overall_company, size, total, |share, lift| {
                share >= COMPANY_SHARE && lift >= COMPANY_LIFT
            })
            .and_then(|key| {
                display_spelling(vs.iter().filter_map(|&v| {
                    (company_key[v].as_deref() == Some(key.as_str()))
                        .then_some(network.nodes[v].company.as_deref())
                        .flatten()
                }))
            })
        });
        parts.extend(company);

        // 2) role family
        let here = counts(vs.iter().filter_map(|&v| role[v].as_ref()));
        if let Some(r) = best_distinctive(&here, &overall_role, size, total, |share, lift| {
            (share >= ROLE_SHARE && lift >= ROLE_LIFT) || share >= ROLE_DOMINANT
        }) {
            parts.push(plural_of_role(&r));
        }

        // 3) years connected: the middle 80%
        let mut years: Vec<i32> = vs
            .iter()
            .filter_map(|&v| network.nodes[v].connected_on.map(|d| d.year()))
            .collect();
        years.sort_unstable();
        if !years.is_empty() {
            let lo = years[years.len() / 10];
            let hi = years[(years.len() * 9) / 10].max(lo);
            parts.push(if lo == hi {
                lo.to_string()
            } else {
                format!("{lo}-{hi}")
            });
        }
        if parts.is_empty() {
            names.push(format!("Cluster {}", c + 1));
        } else {
            names.push(parts.join(" · "));
        }
    }

    // 4) names used twice get a number
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for name in names.iter_mut().filter(|s| !s.is_empty()) {
        let k = seen.entry(name.clone()).or_insert(0);
        *k += 1;
        if *k > 1 {
            name.push_str(&format!(" ({k})"));
        }
    }
    names
}

fn counts<'a>(items: impl Iterator<Item = &'a String>) -> BTreeMap<&'a str, usize> {
    let mut m = BTreeMap::new();
    for s in items {
        *m.entry(s.as_str()).or_insert(0) += 1;
    }
    m
}

/// The value with the highest `share * lift` among those `accept(share, lift)` lets through;
/// ties go to the alphabetically first (the map is ordered).
fn best_distinctive(
    here: &BTreeMap<&str, usize>,
    overall: &BTreeMap<&str, usize>,
    size: f64,
    total: f64,
    accept: impl Fn(f64, f64) -> bool,
) -> Option<String> {
    let mut best: Option<(&str, f64)> = None;
    for (&value, &k) in here {
        let share = k as f64 / size;
        let base = overall.get(value).copied().unwrap_or(k).max(1) as f64 / total;
        let lift = share / base;
        if !accept(share, lift) {
            continue;
        }
        let score = share * lift.min(10.0);
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((value, score));
        }
    }
    best.map(|(v, _)| v.to_string())
}
