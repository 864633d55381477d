//! Pins the output of [`super::infer`] on generated exports, so that work on its speed can
//! show it still finds the same ties: same pairs, same weights (to 1e-5), same evidence, same
//! nodes and report.

use super::{infer, InferSettings};
use crate::hash::Fnv1a64;
use crate::sample::linkedin_sample;
use std::hash::Hasher;

/// Feeds a string with its length first, so that ("ab", "c") and ("a", "bc") differ.
fn write_str(h: &mut Fnv1a64, s: &str) {
    h.write_u64(s.len() as u64);
    h.write(s.as_bytes());
}

/// (ties, pairs scored, fingerprint of nodes + ties + evidence + report).
fn fingerprint(people: usize, seed: u64, settings: &InferSettings) -> (usize, usize, u64) {
    let sample = linkedin_sample(people, seed);
    let inference = match infer(&sample.export, settings) {
        Ok(i) => i,
        Err(e) => panic!("valid settings: {e}"),
    };
    let mut h = Fnv1a64::new();
    for node in &inference.network.nodes {
        write_str(&mut h, &format!("{node:?}"));
    }
    for &v in &inference.person_to_node {
        h.write_u64(v as u64);
    }
    for t in &inference.network.ties {
        h.write_u64(t.source as u64);
        h.write_u64(t.target as u64);
        // weights to 1e-5: a faster sum in another order may differ in the last f32 bit
        h.write_u64((t.weight as f64 * 1e5).round() as i64 as u64);
        write_str(&mut h, &format!("{:?}", t.evidence));
    }
    let r = &inference.report;
    write_str(
        &mut h,
        &format!(
            "{} {} {} {} {} {:?} {}",
            r.people,
            r.nodes,
            r.duplicates_merged,
            r.ties,
            r.isolated,
            r.ties_by_signal,
            r.conversations_used
        ),
    );
    (r.ties, r.pairs_scored, h.finish())
}

#[test]
fn three_thousand_people_give_the_pinned_ties() {
    let got = fingerprint(3_000, 1, &InferSettings::for_size(3_000));
    // (ties, pairs scored, fingerprint); pairs scored is the work done and may fall. The
    // fingerprint changed (ties and work did not) when the sample's name symbols became ones
    // every page font draws (`sample::EMOJI`)
    assert_eq!(got, (21_796, 111_680, 9_691_368_822_317_761_378));
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
    assert_eq!(got, (13_235, 162_774, 13_900_866_653_266_879_401));
}

#[test]
fn fast_identity_keys_are_the_model_keys() {
    use super::features::{identity_key, url_key};
    use crate::model::Person;
    let urls = [
        "https://www.linkedin.com/in/ana-lima",
        "HTTPS://WWW.LinkedIn.com/in/Ana-Lima/?trk=abc#top",
        "  http://linkedin.com/in/ben//  ",
        "www.linkedin.com/in/chen",
        "linkedin.com/in/dana?",
        "https://",
        "http://www.",
        "https://www.///",
        "#",
        "?x",
        "HTTP://WWW.",
        "httpS:/x",
        "wWw.x.org/Ä",
        "https://www.linkedin.com/in/élodie-ß/",
        "\u{a0}https://linkedin.com/in/nbsp\u{a0}",
        "\u{b}https://linkedin.com/in/vt",
        "mailto:someone@example.com",
        "   ",
        "",
    ];
    let email = Person {
        first_name: "Eve".into(),
        email: Some("Eve@Example.com".into()),
        ..Person::default()
    };
    let mut people: Vec<Person> = linkedin_sample(300, 3).export.people;
    people.push(email.clone());
    people.push(Person::default());
    for url in urls {
        people.push(Person {
            profile_url: Some(url.to_string()),
            ..email.clone()
        });
        let model = Person {
            profile_url: Some(url.to_string()),
            ..Person::default()
        };
        let expected = if url.trim().is_empty() {
            String::new()
        } else {
            model.identity_key()
        };
        assert_eq!(url_key(url), expected, "{url:?}");
    }
    for p in &people {
        assert_eq!(identity_key(p), p.identity_key(), "{p:?}");
    }
    for m in &linkedin_sample(300, 3).export.messages {
        for url in m.from_url.iter().chain(&m.to_urls) {
            let model = Person {
                profile_url: Some(url.clone()),
                ..Person::default()
            };
            assert_eq!(url_key(url), model.identity_key(), "{url:?}");
        }
    }
}

#[test]
fn folded_weight_is_the_sum_of_weighted_strengths_bit_for_bit() {
    use super::features::Features;
    use super::knn::Scorer;
    use super::SignalWeights;
    let sample = linkedin_sample(1_500, 5);
    let mut checked = 0;
    let mut nonzero = 0;
    for weights in [
        SignalWeights::default(),
        SignalWeights {
            shared_employer: 0.0,
            similar_role: 0.7,
            ..SignalWeights::default()
        },
        SignalWeights::only(crate::model::Signal::ConnectionCohort),
    ] {
        let settings = InferSettings {
            weights,
            ..InferSettings::for_size(1_500)
        };
        let f = Features::build(&sample.export, &settings);
        let scorer = Scorer::new(&f, &settings);
        // pairs likely to share something: neighbours by date, colleagues, title-word mates
        let mut pairs: Vec<(u32, u32)> = f.by_day.windows(2).map(|w| (w[0], w[1])).collect();
        for b in f.company_buckets.iter().chain(&f.word_buckets) {
            pairs.extend(b.windows(2).map(|w| (w[0], w[1])));
        }
        pairs.extend((0..f.nodes.len() as u32).map(|v| (v, (v * 7 + 3) % f.nodes.len() as u32)));
        for (a, b) in pairs {
            let s = scorer.strengths(a, b);
            let expected: f32 = s.iter().zip(&scorer.weights).map(|(s, w)| s * w).sum();
            let got = scorer.weight(a, b);
            assert_eq!(got.to_bits(), expected.to_bits(), "{a}-{b}: {s:?}");
            assert_eq!(got.to_bits(), scorer.weight(b, a).to_bits(), "symmetric");
            checked += 1;
            nonzero += usize::from(got > 0.0);
        }
    }
    assert!(
        checked > 10_000 && nonzero > checked / 4,
        "{nonzero} of {checked}"
    );
}

#[test]
fn fast_display_names_are_the_model_names() {
    use super::features::display_name;
    use crate::model::Person;
    let mut people: Vec<Person> = linkedin_sample(300, 4).export.people;
    let names = [
        ("Ana", "Lima"),
        ("  Ana ", " Lima  "),
        ("Ana", ""),
        ("", "Lima"),
        ("  ", " Lima"),
        ("Ana Maria", "de  Souza"),
        ("\u{a0}Élodie\u{3000}", "Ørsted"),
        ("", ""),
        (" ", "\t"),
    ];
    for (first, last) in names {
        for (email, url) in [
            (None, None),
            (Some("a@b.c"), None),
            (Some(""), Some("https://x")),
            (None, Some("https://x")),
        ] {
            people.push(Person {
                first_name: first.into(),
                last_name: last.into(),
                email: email.map(String::from),
                profile_url: url.map(String::from),
                ..Person::default()
            });
        }
    }
    for p in &people {
        assert_eq!(display_name(p), p.display_name(), "{p:?}");
    }
}

#[test]
fn inference_says_how_far_it_is_and_gives_the_same_ties() {
    let export = linkedin_sample(3_000, 1).export;
    let settings = InferSettings::for_size(3_000);
    let mut told = Vec::new();
    let telling =
        super::infer_telling(&export, &settings, &mut |f| told.push(f)).expect("inferred");
    assert!(told.len() >= 10, "{told:?}");
    assert!(
        told.windows(2).all(|w| w[1] > w[0]),
        "moves forward: {told:?}"
    );
    assert!(told.iter().all(|f| *f > 0.0 && *f < 1.0), "{told:?}");
    let quiet = super::infer(&export, &settings).expect("inferred");
    assert_eq!(telling.network.ties.len(), quiet.network.ties.len());
    assert_eq!(telling.report.pairs_scored, quiet.report.pairs_scored);
}
