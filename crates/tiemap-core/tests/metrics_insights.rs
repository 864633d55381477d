//! Tie strength, composition and goal findings on small hand-made exports, and invariants
//! of the structural measures on random graphs.

use proptest::prelude::*;
use tiemap_core::metrics::gaps::FindingKind;
use tiemap_core::metrics::{
    betweenness, composition, ego_holes, find_gaps, structural_holes, tie_strengths,
    BetweennessSettings, Direction, Function, GapSettings, Goal, RoleOverrides, Seniority,
    TieSettings,
};
use tiemap_core::model::{Endorsement, Message, Origin, PersonalExport, Profile};
use tiemap_core::{Csr, Date, Network, NodeInfo, Tie, Timestamp};

fn at(y: i32, m: u32) -> Option<Timestamp> {
    Timestamp::from_date_hms(Date::from_ymd(y, m, 1)?, 12, 0, 0)
}

fn person(name: &str, slug: &str, title: &str, year: i32) -> NodeInfo {
    NodeInfo {
        key: format!("linkedin.com/in/{slug}"),
        label: name.to_string(),
        title: Some(title.to_string()),
        connected_on: Date::from_ymd(year, 3, 1),
        ..NodeInfo::default()
    }
}

fn msg(conv: &str, from: (&str, &str), to: (&str, &str), when: Option<Timestamp>) -> Message {
    Message {
        conversation_id: conv.to_string(),
        from_name: from.0.to_string(),
        from_url: Some(format!("https://www.linkedin.com/in/{}/", from.1)),
        to_names: vec![to.0.to_string()],
        to_urls: vec![format!("https://www.linkedin.com/in/{}", to.1)],
        sent_at: when,
        ..Message::default()
    }
}

const OWNER: (&str, &str) = ("Sam Rivera", "samrivera");
const ANA: (&str, &str) = ("Ana Lima", "analima");
const BEN: (&str, &str) = ("Ben Okafor", "benokafor");
const CARLA: (&str, &str) = ("Carla Costa", "carlacosta");

fn network() -> Network {
    Network {
        nodes: vec![
            person(ANA.0, ANA.1, "Software Engineer", 2015),
            person(BEN.0, BEN.1, "Technical Recruiter", 2016),
            person(CARLA.0, CARLA.1, "Director of Engineering", 2017),
            person("Dan Berg", "danberg", "Product Manager", 2024),
        ],
        ties: vec![Tie {
            source: 0,
            target: 2,
            weight: 1.0,
            evidence: Vec::new(),
        }],
        origin: Origin::File {
            format: "test".into(),
        },
    }
}

fn export() -> PersonalExport {
    let mut messages = Vec::new();
    // Ana: six messages from the owner in 2019-2020, two replies; Ana wrote first.
    messages.push(msg("a", ANA, OWNER, at(2019, 1)));
    for m in 2..8 {
        messages.push(msg("a", OWNER, ANA, at(2019 + (m / 6) as i32, m)));
    }
    messages.push(msg("a", ANA, OWNER, at(2020, 2)));
    // Ben wrote twice, never answered.
    messages.push(msg("b", BEN, OWNER, at(2025, 1)));
    messages.push(msg("b2", BEN, OWNER, at(2025, 5)));
    // Owner wrote Carla, recently, no reply.
    messages.push(msg("c", OWNER, CARLA, at(2026, 1)));
    // Owner wrote Dan once.
    messages.push(msg("d", OWNER, ("Dan Berg", "danberg"), at(2025, 9)));
    // Someone not on the map.
    messages.push(msg("z", ("Zed Nobody", "zed"), OWNER, at(2024, 1)));
    PersonalExport {
        owner: Some(Profile {
            first_name: "Sam".into(),
            last_name: "Rivera".into(),
            ..Profile::default()
        }),
        messages,
        endorsements: vec![Endorsement {
            skill: "Rust".into(),
            endorser_name: CARLA.0.into(),
            endorser_url: Some("https://linkedin.com/in/carlacosta".into()),
            endorsed_on: None,
        }],
        ..PersonalExport::default()
    }
}

#[test]
fn tie_strength_recency_and_one_way() {
    let net = network();
    let as_of = Date::from_ymd(2026, 6, 1).expect("date");
    let r = tie_strengths(&net, &export(), &TieSettings::new(as_of));
    assert_eq!(r.owner.as_deref(), Some("Sam Rivera"));
    assert_eq!(r.unmatched_messages, 1);
    let ana = r.people.iter().find(|t| t.node == 0).expect("ana");
    assert_eq!((ana.sent, ana.received, ana.conversations), (6, 2, 1));
    assert_eq!(ana.first_writer, Some(Direction::Them));
    assert_eq!(ana.last_contact, at(2020, 7));
    assert_eq!(r.strongest.first(), Some(&0));
    // Ana was written to often and not since 2020.
    assert_eq!(r.dormant, vec![0]);
    assert_eq!(r.dormant_since, Some(2020));
    assert_eq!(
        r.dormant_text.as_deref(),
        Some("1 person you wrote to often has not heard from you since 2020.")
    );
    // Ben wrote, never answered; the owner wrote Carla, no answer.
    assert_eq!(r.one_way.len(), 3);
    assert_eq!(
        (r.one_way[0].node, r.one_way[0].wrote, r.one_way[0].messages),
        (1, Direction::Them, 2)
    );
    assert_eq!(
        (r.one_way[1].node, r.one_way[1].wrote),
        (2, Direction::Owner)
    );
    let carla = r.people.iter().find(|t| t.node == 2).expect("carla");
    assert_eq!(carla.endorsements, 1);
}

#[test]
fn owner_found_by_conversations_without_a_profile() {
    let mut e = export();
    e.owner = None;
    let r = tie_strengths(
        &network(),
        &e,
        &TieSettings::new(Date::from_ymd(2026, 6, 1).expect("date")),
    );
    assert_eq!(r.owner.as_deref(), Some("Sam Rivera"));
}

#[test]
fn goal_findings_name_what_is_thin_and_quiet() {
    let net = network();
    let membership = [0, 1, 0, 1];
    let comp = composition(&net, Some(&membership), &RoleOverrides::new()).expect("comp");
    let as_of = Date::from_ymd(2026, 6, 1).expect("date");
    let ties = tie_strengths(&net, &export(), &TieSettings::new(as_of));
    let settings = GapSettings {
        min_cluster_size: 2,
        ..GapSettings::new(as_of)
    };
    let f = find_gaps(
        &Goal::ChangeJobs {
            target: Some(Function::Engineering),
        },
        &net,
        &comp,
        &membership,
        Some(&ties),
        &["Initech".to_string()],
        &settings,
    )
    .expect("gaps");
    let texts: Vec<&str> = f.iter().map(|x| x.text.as_str()).collect();
    assert!(
        texts.contains(
            &"You have few recruiters on your map (1); for changing jobs aim for at least 5."
        ),
        "{texts:#?}"
    );
    assert!(texts.iter().any(|t| t.starts_with(
        "You have few hiring managers in Engineering (manager or above) on your map (1)"
    )));
    // Cluster 1 (Ben, Dan) has no tie to cluster 0.
    assert!(f.iter().any(|x| matches!(
        x.kind,
        FindingKind::LoneBridge {
            cluster: 1,
            person: None,
            ..
        }
    )));
    // Cluster 0: connected 2015/2017, last message Jan 2026: not quiet.
    assert!(!f
        .iter()
        .any(|x| matches!(x.kind, FindingKind::QuietCluster { .. })));
    // Without messages, Initech (cluster 0) has been quiet since 2017.
    let f = find_gaps(
        &Goal::Sell { to: Vec::new() },
        &net,
        &comp,
        &membership,
        None,
        &["Initech".to_string()],
        &settings,
    )
    .expect("gaps");
    assert!(f.iter().any(|x| x.text
        == "The Initech group (2 people) has gone quiet: no new connection and no message since 2017."));
    let dm = f
        .iter()
        .find_map(|x| match &x.kind {
            FindingKind::Thin {
                what: "decision makers",
                have,
                min_seniority,
                ..
            } => Some((*have, *min_seniority)),
            _ => None,
        })
        .expect("decision makers finding");
    assert_eq!(dm, (1, Some(Seniority::Director)));
}

fn arb_graph() -> impl Strategy<Value = Csr> {
    (3usize..30).prop_flat_map(|n| {
        prop::collection::vec((0..n as u32, 0..n as u32, 1u8..5), 0..80).prop_map(move |es| {
            Csr::from_edges(n, es.into_iter().map(|(u, v, w)| (u, v, w as f32)))
        })
    })
}

proptest! {
    #[test]
    fn measures_stay_in_range(csr in arb_graph(), weighted in any::<bool>()) {
        let b = betweenness(&csr, &BetweennessSettings { weighted, ..BetweennessSettings::default() })
            .expect("betweenness");
        for &x in &b.values {
            prop_assert!(x.is_finite() && (-1e-12..=1.0 + 1e-9).contains(&x));
        }
        let h = structural_holes(&csr, weighted);
        for v in 0..csr.node_count() {
            prop_assert_eq!(h.constraint[v].is_none(), csr.degree(v) == 0);
            if let (Some(c), Some(e)) = (h.constraint[v], h.effective_size[v]) {
                // Constraint can exceed 1 (two tied contacts: 1.125), never 0 or infinite.
                prop_assert!(c > 0.0 && c.is_finite());
                prop_assert!(e >= 1.0 - 1e-9 && e <= csr.degree(v) as f64 + 1e-9);
            }
            prop_assert!((0.0..=1.0).contains(&h.clustering[v]));
        }
        let ego = ego_holes(&csr, weighted);
        prop_assert!(ego.efficiency.is_some_and(|x| x > 0.0 && x <= 1.0 + 1e-9));
    }

    #[test]
    fn sampled_betweenness_is_seed_stable(csr in arb_graph(), seed in any::<u64>()) {
        let s = BetweennessSettings { exact_max_nodes: 2, pivots: 3, seed, ..BetweennessSettings::default() };
        let a = betweenness(&csr, &s).expect("a");
        let b = betweenness(&csr, &s).expect("b");
        prop_assert_eq!(a.sources, 3.min(csr.node_count()));
        prop_assert_eq!(a, b);
    }
}
