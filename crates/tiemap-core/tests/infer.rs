//! Tie inference: each signal on a tiny hand-made export where the ties and their evidence
//! are known, then the invariants (sparsity, determinism, scale) on generated exports.

use proptest::prelude::*;
use tiemap_core::community::{leiden, LeidenSettings};
use tiemap_core::infer::{
    explain_tie, infer, infer_network, suggest_cluster_names, summarize_clusters, InferError,
    InferSettings, Namer, SignalWeights,
};
use tiemap_core::model::{
    ExportKind, Message, Origin, OwnPosition, Person, PersonalExport, Signal,
};
use tiemap_core::sample::linkedin_sample;
use tiemap_core::{Date, Evidence, Network, Tie};

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd(y, m, d).expect("valid test date")
}

fn person(name: &str) -> Person {
    let (first, last) = name.split_once(' ').unwrap_or((name, ""));
    Person {
        first_name: first.to_string(),
        last_name: last.to_string(),
        profile_url: Some(format!(
            "https://www.linkedin.com/in/{}",
            name.to_lowercase().replace(' ', "-")
        )),
        ..Person::default()
    }
}

fn at(name: &str, company: &str) -> Person {
    Person {
        company: Some(company.to_string()),
        ..person(name)
    }
}

fn on(name: &str, date: Date) -> Person {
    Person {
        connected_on: Some(date),
        ..person(name)
    }
}

fn titled(name: &str, title: &str) -> Person {
    Person {
        position: Some(title.to_string()),
        ..person(name)
    }
}

fn export(people: Vec<Person>) -> PersonalExport {
    PersonalExport {
        people,
        ..PersonalExport::default()
    }
}

fn only(signal: Signal) -> InferSettings {
    InferSettings {
        weights: SignalWeights::only(signal),
        ..InferSettings::default()
    }
}

/// The tie between the nodes labelled `a` and `b`, if any.
fn tie<'a>(net: &'a Network, a: &str, b: &str) -> Option<&'a Tie> {
    let idx = |l: &str| {
        net.nodes
            .iter()
            .position(|n| n.label == l)
            .map(|i| i as u32)
    };
    let (a, b) = (idx(a)?, idx(b)?);
    let (s, t) = (a.min(b), a.max(b));
    net.ties.iter().find(|x| x.source == s && x.target == t)
}

fn network(e: &PersonalExport, settings: &InferSettings) -> Network {
    infer_network(e, settings).expect("valid settings")
}

#[test]
fn shared_employer_ties_spellings_of_one_company() {
    let e = export(vec![
        at("Ana Lima", "Globex Inc."),
        at("Ben Okafor", "GLOBEX Corp"),
        at("Chen Wu", "Globex"),
        at("Dana Berg", "Initech"),
        at("Eli Varga", "Self-employed"),
        at("Femi Adu", "Freelance"),
    ]);
    let net = network(&e, &only(Signal::SharedEmployer));
    let t = tie(&net, "Ana Lima", "Ben Okafor").expect("Globex colleagues are tied");
    assert_eq!(
        t.evidence,
        vec![Evidence::SharedEmployer {
            company: "Globex".into()
        }]
    );
    assert!(tie(&net, "Ana Lima", "Chen Wu").is_some());
    assert!(tie(&net, "Ana Lima", "Dana Berg").is_none());
    // "Self-employed" and "Freelance" are not employers people share
    assert!(tie(&net, "Eli Varga", "Femi Adu").is_none());
    assert_eq!(net.ties.len(), 3);
}

#[test]
fn cohort_ties_fall_with_the_gap() {
    let e = export(vec![
        on("Ana Lima", day(2016, 3, 1)),
        on("Ben Okafor", day(2016, 3, 4)),
        on("Chen Wu", day(2016, 3, 9)),
        on("Dana Berg", day(2018, 1, 1)),
    ]);
    // a lone cohort tie 8 days apart is too weak for the default threshold
    let net = network(&e, &only(Signal::ConnectionCohort));
    assert!(tie(&net, "Ana Lima", "Ben Okafor").is_some());
    assert!(tie(&net, "Ana Lima", "Chen Wu").is_none());
    let net = network(
        &e,
        &InferSettings {
            min_weight: 0.01,
            ..only(Signal::ConnectionCohort)
        },
    );
    let close = tie(&net, "Ana Lima", "Ben Okafor").expect("3 days apart");
    assert_eq!(
        close.evidence,
        vec![Evidence::ConnectionCohort {
            days_apart: 3,
            around: day(2016, 3, 1)
        }]
    );
    let far = tie(&net, "Ana Lima", "Chen Wu").expect("8 days apart, within 10");
    assert!(
        close.weight > far.weight,
        "{} vs {}",
        close.weight,
        far.weight
    );
    assert!(tie(&net, "Ana Lima", "Dana Berg").is_none());
    assert!(tie(&net, "Chen Wu", "Dana Berg").is_none());
    assert_eq!(
        explain_tie(close),
        "connected the same week in Mar 2016".to_string()
    );
}

#[test]
fn career_chapter_ties_people_met_during_one_job() {
    let mut e = export(vec![
        on("Ana Lima", day(2016, 1, 10)),
        on("Ben Okafor", day(2018, 6, 1)),
        // 20 days after the owner left: within the grace period
        on("Chen Wu", day(2019, 11, 20)),
        on("Dana Berg", day(2021, 5, 5)),
        on("Eli Varga", day(2021, 9, 5)),
        on("Femi Adu", day(2012, 1, 1)),
    ]);
    e.positions = vec![
        OwnPosition {
            company: "Globex Inc.".into(),
            title: Some("Engineer".into()),
            started_on: Some(day(2015, 9, 1)),
            finished_on: Some(day(2019, 10, 31)),
        },
        OwnPosition {
            company: "Hooli".into(),
            title: None,
            started_on: Some(day(2020, 1, 1)),
            finished_on: None,
        },
    ];
    let net = network(&e, &only(Signal::CareerChapter));
    let t = tie(&net, "Ana Lima", "Ben Okafor").expect("both met at Globex");
    assert_eq!(
        t.evidence,
        vec![Evidence::CareerChapter {
            company: "Globex Inc.".into()
        }]
    );
    assert!(tie(&net, "Ana Lima", "Chen Wu").is_some());
    assert!(tie(&net, "Dana Berg", "Eli Varga").is_some());
    assert!(tie(&net, "Ana Lima", "Dana Berg").is_none());
    // before the first job: no chapter
    assert!(net.ties.iter().all(|t| {
        let femi = net.nodes.iter().position(|n| n.label == "Femi Adu");
        Some(t.source as usize) != femi && Some(t.target as usize) != femi
    }));
}

#[test]
fn similar_roles_find_rare_words_not_seniority() {
    let mut people = vec![
        titled("Ana Lima", "Technical Recruiter"),
        titled("Ben Okafor", "Senior Recruiter"),
        titled("Chen Wu", "Senior Accountant"),
        titled("Dana Berg", "Lead Product Designer"),
        titled("Eli Varga", "Product Designer"),
    ];
    // many engineers make "engineer" common and "recruiter" rare
    for i in 0..30 {
        people.push(titled(&format!("Eng {i}"), "Software Engineer"));
    }
    let net = network(&export(people), &only(Signal::SimilarRole));
    let t = tie(&net, "Ana Lima", "Ben Okafor").expect("recruiters find each other");
    assert_eq!(
        t.evidence,
        vec![Evidence::SimilarRole {
            shared_words: vec!["recruiter".into()]
        }]
    );
    let d = tie(&net, "Dana Berg", "Eli Varga").expect("designers find each other");
    assert_eq!(
        d.evidence,
        vec![Evidence::SimilarRole {
            shared_words: vec!["designer".into(), "product".into()]
        }]
    );
    // sharing only "senior" is not a similar role
    assert!(tie(&net, "Ben Okafor", "Chen Wu").is_none());
    // common words make weaker ties than rare ones
    let eng = tie(&net, "Eng 0", "Eng 1").map(|t| t.weight).unwrap_or(0.0);
    assert!(eng < t.weight, "engineers {eng} vs recruiters {}", t.weight);
}

fn message(conversation: &str, from: &str, to: &[&str]) -> Message {
    Message {
        conversation_id: conversation.to_string(),
        from_name: from.to_string(),
        from_url: Some(from.to_string()),
        to_urls: to.iter().map(|s| s.to_string()).collect(),
        ..Message::default()
    }
}

#[test]
fn group_conversations_tie_their_participants() {
    let mut e = export(vec![
        person("Ana Lima"),
        person("Ben Okafor"),
        person("Chen Wu"),
        person("Dana Berg"),
        person("Eli Varga"),
    ]);
    let me = "https://www.linkedin.com/in/owner";
    let ana = "https://www.linkedin.com/in/ana-lima";
    let ben = "http://linkedin.com/in/Ana-Lima/".replace("Ana-Lima", "ben-okafor");
    let chen = "https://www.linkedin.com/in/chen-wu?trk=x";
    let dana = "https://www.linkedin.com/in/dana-berg/";
    e.messages = vec![
        // owner + Ana + Ben, twice
        message("c1", me, &[ana, &ben]),
        message("c1", ana, &[me, &ben]),
        message("c2", &ben, &[me, ana, chen]),
        // one-to-one: says nothing about Dana and anyone
        message("c3", me, &[dana]),
        message("c3", dana, &[me]),
    ];
    let net = network(&e, &only(Signal::Conversation));
    let ab = tie(&net, "Ana Lima", "Ben Okafor").expect("two group conversations");
    assert_eq!(
        ab.evidence,
        vec![Evidence::Conversation { conversations: 2 }]
    );
    assert_eq!(explain_tie(ab), "in 2 group conversations together");
    let ac = tie(&net, "Ana Lima", "Chen Wu").expect("one group conversation");
    assert_eq!(
        ac.evidence,
        vec![Evidence::Conversation { conversations: 1 }]
    );
    assert!(ab.weight > ac.weight);
    assert!(net
        .ties
        .iter()
        .all(|t| net.nodes[t.source as usize].label != "Dana Berg"
            && net.nodes[t.target as usize].label != "Dana Berg"));
    let report = infer(&e, &only(Signal::Conversation))
        .expect("valid")
        .report;
    assert_eq!(report.conversations_used, 2);
}

#[test]
fn contact_labels_tie_people_and_name_the_rarest_label() {
    let labelled = |name: &str, labels: &[&str]| Person {
        labels: labels.iter().map(|s| s.to_string()).collect(),
        email: Some(format!("{}@example.org", name.to_lowercase())),
        profile_url: None,
        ..person(name)
    };
    let mut e = export(vec![
        labelled("Ana", &["Family", "Friends"]),
        labelled("Ben", &["family", "Friends"]),
        labelled("Chen", &["Friends"]),
        labelled("Dana", &["Climbing"]),
    ]);
    e.kind = ExportKind::Contacts;
    let net = network(&e, &only(Signal::ContactLabel));
    let t = tie(&net, "Ana", "Ben").expect("same labels");
    assert_eq!(
        t.evidence,
        vec![Evidence::ContactLabel {
            label: "Family".into()
        }]
    );
    assert!(tie(&net, "Ana", "Chen").is_some());
    assert!(tie(&net, "Ana", "Dana").is_none());
    assert_eq!(
        net.origin,
        Origin::Inferred {
            kind: ExportKind::Contacts,
            signals: vec![Signal::ContactLabel]
        }
    );
}

#[test]
fn evidence_of_several_signals_reads_as_one_phrase() {
    let e = export(vec![
        Person {
            company: Some("Globex".into()),
            connected_on: Some(day(2016, 3, 1)),
            ..person("Ana Lima")
        },
        Person {
            company: Some("Globex, Inc.".into()),
            connected_on: Some(day(2016, 3, 3)),
            ..person("Ben Okafor")
        },
    ]);
    let net = network(&e, &InferSettings::default());
    let t = tie(&net, "Ana Lima", "Ben Okafor").expect("tied");
    assert_eq!(
        explain_tie(t),
        "both at Globex; connected the same week in Mar 2016"
    );
    // weight is the sum of the signals' contributions
    let employer_only = network(&e, &only(Signal::SharedEmployer)).ties[0].weight;
    assert!(t.weight > employer_only);
}

#[test]
fn duplicates_merge_by_identity_and_fill_node_info() {
    let mut first = on("Ana Lima", day(2020, 5, 1));
    first.company = None;
    let mut again = at("Ana  Lima", "Globex");
    again.profile_url = Some("http://linkedin.com/in/ANA-LIMA/".into());
    again.position = Some("Designer".into());
    again.connected_on = Some(day(2019, 1, 1));
    let e = export(vec![first, person("Ben Okafor"), again]);
    let out = infer(&e, &InferSettings::default()).expect("valid");
    assert_eq!(out.network.nodes.len(), 2);
    assert_eq!(out.person_to_node, vec![0, 1, 0]);
    assert_eq!(out.report.duplicates_merged, 1);
    let ana = &out.network.nodes[0];
    assert_eq!(ana.key, "linkedin.com/in/ana-lima");
    assert_eq!(ana.label, "Ana Lima");
    assert_eq!(ana.company.as_deref(), Some("Globex"));
    assert_eq!(ana.title.as_deref(), Some("Designer"));
    assert_eq!(
        ana.url.as_deref(),
        Some("https://www.linkedin.com/in/ana-lima")
    );
    assert_eq!(ana.connected_on, Some(day(2019, 1, 1)));
}

#[test]
fn invalid_settings_are_reported() {
    let e = export(vec![person("Ana Lima")]);
    let mut s = InferSettings::default();
    s.weights.set(Signal::SimilarRole, -1.0);
    assert_eq!(
        infer(&e, &s).err(),
        Some(InferError::InvalidWeight {
            signal: Signal::SimilarRole,
            weight: -1.0
        })
    );
    let s = InferSettings {
        k: 0,
        ..InferSettings::default()
    };
    assert_eq!(infer(&e, &s).err(), Some(InferError::NoNeighbours));
    let s = InferSettings {
        min_weight: f32::NAN,
        ..InferSettings::default()
    };
    assert!(matches!(
        infer(&e, &s).err(),
        Some(InferError::InvalidMinWeight { .. })
    ));
}

#[test]
fn empty_export_gives_an_empty_network() {
    let out = infer(&PersonalExport::default(), &InferSettings::default()).expect("valid");
    assert!(out.network.nodes.is_empty());
    assert!(out.network.ties.is_empty());
    assert_eq!(out.report.density, 0.0);
}

/// Structural invariants every inferred network keeps.
fn check_invariants(net: &Network, settings: &InferSettings) {
    let n = net.nodes.len() as u32;
    let mut last: Option<(u32, u32)> = None;
    for t in &net.ties {
        assert!(t.source < t.target && t.target < n, "{t:?}");
        assert!(last < Some((t.source, t.target)), "ties sorted and unique");
        last = Some((t.source, t.target));
        assert!(t.weight.is_finite() && t.weight >= settings.min_weight && t.weight > 0.0);
        assert!(!t.evidence.is_empty(), "every tie says why");
        for e in &t.evidence {
            let s = e.signal().expect("inferred evidence");
            assert!(settings.weights.get(s) > 0.0, "{s:?} is off");
        }
    }
    // k nearest, union over both ends: at most k ties chosen per node
    assert!(net.ties.len() <= net.nodes.len() * settings.k);
}

#[test]
fn sample_network_is_sparse_valid_and_deterministic() {
    let s = linkedin_sample(2000, 7);
    let settings = InferSettings::default();
    let a = infer(&s.export, &settings).expect("valid");
    check_invariants(&a.network, &settings);
    assert_eq!(a.network.nodes.len(), 2000);
    let b = infer(&s.export, &settings).expect("valid");
    assert_eq!(a, b, "same input, same output");
    let r = &a.report;
    assert_eq!(r.ties, a.network.ties.len());
    assert!((r.density - a.network.density()).abs() < 1e-12);
    assert!(r.mean_degree >= 5.0 && r.mean_degree <= 2.0 * settings.k as f64);
    assert!(r.density < 0.01, "density {}", r.density);
    assert!(r.isolated < 20, "{} isolated", r.isolated);
    assert!(r.conversations_used > 100);
    // every signal that the export can support fires somewhere
    for (signal, count) in &r.ties_by_signal {
        if *signal != Signal::ContactLabel {
            assert!(*count > 0, "{signal:?} made no tie");
        }
    }
    // another seed draws other candidates from big groups: still a valid network
    let other = infer(
        &s.export,
        &InferSettings {
            seed: 99,
            ..settings.clone()
        },
    )
    .expect("valid");
    check_invariants(&other.network, &settings);
}

#[test]
fn thirty_thousand_people_stay_sparse() {
    let s = linkedin_sample(30_000, 3);
    let settings = InferSettings::for_size(30_000);
    let out = infer(&s.export, &settings).expect("valid");
    check_invariants(&out.network, &settings);
    assert_eq!(out.network.nodes.len(), 30_000);
    let r = &out.report;
    assert!(r.mean_degree >= 4.0, "mean degree {}", r.mean_degree);
    // bounded work: candidates per person stay in the low hundreds however big the groups
    assert!(
        r.pairs_scored < 30_000 * 300,
        "{} pairs scored",
        r.pairs_scored
    );
}

#[test]
fn signals_switched_off_never_appear() {
    let s = linkedin_sample(600, 2);
    for off in Signal::ALL {
        let mut settings = InferSettings::default();
        settings.weights.set(off, 0.0);
        let out = infer(&s.export, &settings).expect("valid");
        check_invariants(&out.network, &settings);
        let Origin::Inferred { signals, .. } = &out.network.origin else {
            panic!("inferred origin")
        };
        assert!(!signals.contains(&off));
    }
}

#[test]
fn cluster_names_say_where_and_what() {
    let s = linkedin_sample(2000, 11);
    let out = infer(&s.export, &InferSettings::default()).expect("valid");
    let net = &out.network;
    let partition = leiden(&net.csr(), &LeidenSettings::with_seed(1));
    let names = suggest_cluster_names(net, &partition.membership);
    assert_eq!(names.len(), partition.community_count);
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "names are unique: {names:?}");
    // the community holding most of a chapter is named after it
    let community_of_chapter = |chapter: &str| {
        let c = s
            .chapters
            .iter()
            .position(|c| c.name == chapter)
            .expect("chapter") as u32;
        let mut counts = vec![0usize; partition.community_count];
        for (p, &t) in s.truth.iter().enumerate() {
            if t == c {
                counts[partition.membership[out.person_to_node[p] as usize] as usize] += 1;
            }
        }
        let best = (0..counts.len()).max_by_key(|&i| counts[i]).expect("some");
        names[best].clone()
    };
    for chapter in ["Hooli", "Globex", "Initech"] {
        let name = community_of_chapter(chapter);
        assert!(
            name.starts_with(chapter),
            "{chapter}: {name:?} in {names:?}"
        );
        assert!(name.contains(" · "), "{name:?}");
    }
    let recruiters = community_of_chapter("Recruiters");
    assert!(
        recruiters.contains("recruiters"),
        "{recruiters:?} in {names:?}"
    );
    // a year span ends every name of a dated community
    let last = names[0].rsplit(" · ").next().unwrap_or("");
    assert!(
        last.chars().next().is_some_and(|c| c.is_ascii_digit()),
        "{names:?}"
    );
}

#[test]
fn one_namer_names_every_clustering_of_a_map_as_a_fresh_read_would() {
    let s = linkedin_sample(1500, 5);
    let out = infer(&s.export, &InferSettings::default()).expect("valid");
    let net = &out.network;
    let namer = Namer::new(net);
    let fine = leiden(
        &net.csr(),
        &LeidenSettings {
            resolution: 2.0,
            ..LeidenSettings::with_seed(3)
        },
    );
    let coarse = leiden(&net.csr(), &LeidenSettings::with_seed(3));
    assert!(fine.community_count > coarse.community_count);
    let every_tenth: Vec<u32> = (0..net.nodes.len() as u32).map(|v| v % 10).collect();
    let shorter = &coarse.membership[..net.nodes.len() / 2];
    for membership in [
        &fine.membership[..],
        &coarse.membership[..],
        &every_tenth[..],
        shorter,
    ] {
        let shared = namer.summarize(membership);
        assert_eq!(shared, summarize_clusters(net, membership));
        assert!(shared.iter().all(|c| !c.name.is_empty()));
    }
}

#[test]
fn cluster_names_of_trivial_inputs() {
    let net = Network::empty(Origin::File {
        format: "edge list".into(),
    });
    assert!(suggest_cluster_names(&net, &[]).is_empty());
    let e = export(vec![person("Ana Lima"), person("Ben Okafor")]);
    let net = network(&e, &InferSettings::default());
    // nothing known about anyone: generic numbered names; a community id with no member: ""
    assert_eq!(
        suggest_cluster_names(&net, &[0, 2]),
        vec![
            "Cluster 1".to_string(),
            String::new(),
            "Cluster 3".to_string()
        ]
    );
}

fn arb_person() -> impl Strategy<Value = Person> {
    (
        0u32..40,
        prop::option::of(prop::sample::select(vec![
            "Globex",
            "Globex Inc.",
            "GLOBEX Corp",
            "Initech",
            "",
            "Self-employed",
            "(x)",
        ])),
        prop::option::of(prop::sample::select(vec![
            "Software Engineer",
            "Sr. SWE",
            "Recruiter",
            "Senior",
            "",
            "🚀",
        ])),
        prop::option::of(0i32..2000),
        prop::collection::vec(prop::sample::select(vec!["A", "b", " "]), 0..3),
    )
        .prop_map(|(id, company, title, d, labels)| Person {
            first_name: format!("P{id}"),
            profile_url: Some(format!("https://linkedin.com/in/p{id}")),
            company: company.map(str::to_string),
            position: title.map(str::to_string),
            connected_on: d.map(|d| Date::from_days_since_epoch(16_000 + d)),
            labels: labels.into_iter().map(str::to_string).collect(),
            ..Person::default()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn arbitrary_exports_give_valid_networks(
        people in prop::collection::vec(arb_person(), 0..60),
        k in 1usize..6,
        cap in 1usize..8,
        min_weight in 0.0f32..1.0,
    ) {
        let mut e = export(people);
        e.positions = vec![OwnPosition {
            company: "Globex".into(),
            title: None,
            started_on: Some(Date::from_days_since_epoch(16_500)),
            finished_on: Some(Date::from_days_since_epoch(17_000)),
        }];
        e.messages = vec![message("c", "https://linkedin.com/in/p1", &[
            "https://linkedin.com/in/p2", "https://linkedin.com/in/p3",
        ])];
        let settings = InferSettings { k, bucket_candidates: cap, min_weight, ..InferSettings::default() };
        let a = infer(&e, &settings).expect("valid settings");
        check_invariants(&a.network, &settings);
        prop_assert_eq!(a.person_to_node.len(), e.people.len());
        prop_assert!(a.person_to_node.iter().all(|&v| (v as usize) < a.network.nodes.len()));
        let b = infer(&e, &settings).expect("valid settings");
        prop_assert_eq!(a, b);
    }
}
