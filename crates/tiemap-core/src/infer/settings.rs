//! What inference does, as data with documented defaults.

use super::InferError;
use crate::model::Signal;
use serde::{Deserialize, Serialize};

/// How much each signal counts in a tie's weight. 0 turns a signal off.
///
/// A pair's weight is the sum over signals of `weight * strength`, each strength in `[0, 1]`
/// (1 = certain evidence: same employer, same owner job; cohorts fall with the gap in days,
/// roles with the TF-IDF similarity of the titles).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignalWeights {
    /// Both currently at the same (normalised) employer. Default 0.5: on its own it ties
    /// today's colleagues; with a shared chapter or cohort it outweighs any other pair.
    pub shared_employer: f32,
    /// Connected within `cohort_days` of each other. Default 0.5.
    pub connection_cohort: f32,
    /// Connected while the owner held the same job. Default 0.25: a job's years also bring
    /// conference contacts and recruiters, so on its own it is a weak hint that settles
    /// close calls between the other signals.
    pub career_chapter: f32,
    /// Titles share distinctive words. Default 0.5.
    pub similar_role: f32,
    /// In the same group conversation. Default 1.0.
    pub conversation: f32,
    /// Share a contact label or group. Default 0.8.
    pub contact_label: f32,
}

impl Default for SignalWeights {
    fn default() -> Self {
        SignalWeights {
            shared_employer: 0.5,
            connection_cohort: 0.5,
            career_chapter: 0.25,
            similar_role: 0.5,
            conversation: 1.0,
            contact_label: 0.8,
        }
    }
}

impl SignalWeights {
    /// Every signal off.
    pub fn none() -> Self {
        SignalWeights {
            shared_employer: 0.0,
            connection_cohort: 0.0,
            career_chapter: 0.0,
            similar_role: 0.0,
            conversation: 0.0,
            contact_label: 0.0,
        }
    }

    /// Only `signal`, at its default weight.
    pub fn only(signal: Signal) -> Self {
        let mut w = SignalWeights::none();
        w.set(signal, SignalWeights::default().get(signal));
        w
    }

    pub fn get(&self, signal: Signal) -> f32 {
        match signal {
            Signal::SharedEmployer => self.shared_employer,
            Signal::ConnectionCohort => self.connection_cohort,
            Signal::CareerChapter => self.career_chapter,
            Signal::SimilarRole => self.similar_role,
            Signal::Conversation => self.conversation,
            Signal::ContactLabel => self.contact_label,
        }
    }

    pub fn set(&mut self, signal: Signal, weight: f32) {
        let slot = match signal {
            Signal::SharedEmployer => &mut self.shared_employer,
            Signal::ConnectionCohort => &mut self.connection_cohort,
            Signal::CareerChapter => &mut self.career_chapter,
            Signal::SimilarRole => &mut self.similar_role,
            Signal::Conversation => &mut self.conversation,
            Signal::ContactLabel => &mut self.contact_label,
        };
        *slot = weight;
    }

    /// The signals with a positive weight, in [`Signal::ALL`] order.
    pub fn enabled(&self) -> Vec<Signal> {
        Signal::ALL
            .into_iter()
            .filter(|s| self.get(*s) > 0.0)
            .collect()
    }

    /// Weights in [`Signal::ALL`] order.
    pub fn as_array(&self) -> [f32; 6] {
        Signal::ALL.map(|s| self.get(s))
    }
}

/// Settings of [`super::infer`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InferSettings {
    pub weights: SignalWeights,
    /// Ties kept per person: each person keeps their `k` strongest ties (the union over both
    /// ends is kept, so a person can end up with more). Default 10.
    pub k: usize,
    /// Ties weaker than this are dropped. Default 0.2 (a lone cohort tie a week apart, or a
    /// lone weak role match, does not make a tie).
    pub min_weight: f32,
    /// People connected at most this many days apart form a cohort; strength falls linearly
    /// with the gap, to 0 at `cohort_days + 1`. Default 10.
    pub cohort_days: u32,
    /// People connected up to this many days after the owner left a job still count to that
    /// chapter (farewells, late invitations). Default 45.
    pub chapter_grace_days: u32,
    /// Candidates drawn from each group (employer, chapter, title word, label, date window):
    /// half the nearest by connection date, half spread at random over the group. Bounds the
    /// work per person, so huge groups cost no more than small ones. Default 16 (on the
    /// generated exports, 12 to 24 give the same cluster quality; scoring is bound by memory
    /// latency, so fewer candidates is faster).
    pub bucket_candidates: usize,
    /// Conversations with more matched people than this are treated as broadcasts and
    /// ignored. Default 40.
    pub max_conversation_size: usize,
    /// Seed of the random candidate draws (and of tie-breaks between equally strong ties).
    pub seed: u64,
}

impl Default for InferSettings {
    fn default() -> Self {
        InferSettings {
            weights: SignalWeights::default(),
            k: 10,
            min_weight: 0.2,
            cohort_days: 10,
            chapter_grace_days: 45,
            bucket_candidates: 16,
            max_conversation_size: 40,
            seed: 0x7137_AA9E,
        }
    }
}

impl InferSettings {
    /// Defaults suited to an export of `people` connections: small networks keep a few more
    /// ties per person so they do not fall apart; huge ones fewer ties and candidates so they
    /// stay light.
    pub fn for_size(people: usize) -> Self {
        let (k, bucket_candidates) = match people {
            0..=300 => (12, 16),
            301..=20_000 => (10, 16),
            _ => (8, 12),
        };
        InferSettings {
            k,
            bucket_candidates,
            ..InferSettings::default()
        }
    }

    /// Checks that every number is usable.
    pub fn validate(&self) -> Result<(), InferError> {
        for signal in Signal::ALL {
            let weight = self.weights.get(signal);
            if !(weight.is_finite() && weight >= 0.0) {
                return Err(InferError::InvalidWeight { signal, weight });
            }
        }
        if self.k == 0 {
            return Err(InferError::NoNeighbours);
        }
        if !(self.min_weight.is_finite() && self.min_weight >= 0.0) {
            return Err(InferError::InvalidMinWeight {
                min_weight: self.min_weight,
            });
        }
        if self.bucket_candidates == 0 {
            return Err(InferError::NoCandidates);
        }
        Ok(())
    }
}
