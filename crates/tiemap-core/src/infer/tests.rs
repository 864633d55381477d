//! Pins the output of [`super::infer`] on generated exports, so that work on its speed can
//! show it still finds the same ties: same pairs, same weights (to 1e-5), same evidence, same
//! nodes and report.

use super::{infer, InferSettings};
use crate::sample::linkedin_sample;

/// FNV-1a, 64 bits: stable across platforms and Rust versions (unlike `DefaultHasher`).
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= b as u64;
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    fn u64(&mut self, x: u64) {
        self.bytes(&x.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.bytes(s.as_bytes());
    }
}

/// (ties, pairs scored, fingerprint of nodes + ties + evidence + report).
fn fingerprint(people: usize, seed: u64, settings: &InferSettings) -> (usize, usize, u64) {
    let sample = linkedin_sample(people, seed);
    let inference = match infer(&sample.export, settings) {
        Ok(i) => i,
        Err(e) => panic!("valid settings: {e}"),
    };
    let mut h = Fnv::new();
    for node in &inference.network.nodes {
        h.str(&format!("{node:?}"));
    }
    for &v in &inference.person_to_node {
        h.u64(v as u64);
    }
    for t in &inference.network.ties {
        h.u64(t.source as u64);
        h.u64(t.target as u64);
        // weights to 1e-5: a faster sum in another order may differ in the last f32 bit
        h.u64((t.weight as f64 * 1e5).round() as i64 as u64);
        h.str(&format!("{:?}", t.evidence));
    }
    let r = &inference.report;
    h.str(&format!(
        "{} {} {} {} {} {:?} {}",
        r.people,
        r.nodes,
        r.duplicates_merged,
        r.ties,
        r.isolated,
        r.ties_by_signal,
        r.conversations_used
    ));
    (r.ties, r.pairs_scored, h.0)
}

#[test]
fn three_thousand_people_give_the_pinned_ties() {
    let got = fingerprint(3_000, 1, &InferSettings::for_size(3_000));
    // (ties, pairs scored, fingerprint); pairs scored is the work done and may fall
    assert_eq!(got, (21_796, 111_680, 2_810_720_992_796_867_444));
}

#[test]
fn other_settings_give_the_pinned_ties() {
    let settings = InferSettings {
        bucket_candidates: 24,
        min_weight: 0.1,
        k: 6,
        seed: 99,
        ..InferSettings::for_size(3_000)
    };
    let got = fingerprint(3_000, 7, &settings);
    assert_eq!(got, (13_235, 162_774, 10_113_734_537_292_960_335));
}
