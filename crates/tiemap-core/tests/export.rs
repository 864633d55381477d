//! Export encoders (GEXF, GraphML, CSV people table): round trips through tiemap's own
//! readers, anonymising, escaping of hostile text, and determinism.

use proptest::prelude::*;
use tiemap_core::export::{
    people_csv, shown_name, to_gexf, to_graphml, ExportCluster, ExportMap, ExportNode, Names,
};
use tiemap_core::import::{import_files, Imported, InputFile, Limits};
use tiemap_core::model::{AttrValue, GraphFile, GraphNode};

const ALL_NAMES: [Names; 3] = [Names::All, Names::Initials, Names::Hidden];

fn node(key: &str, label: &str, cluster: u32, pos: [f32; 2], size: f32) -> ExportNode {
    ExportNode {
        key: key.into(),
        label: label.into(),
        company: None,
        title: None,
        url: None,
        cluster,
        pos,
        size,
    }
}

/// Three clusters, hostile text in names, companies, titles and cluster names, positions of
/// every sign and size, a tie to a node of an unknown cluster.
fn sample_map() -> ExportMap {
    let mut nodes = vec![
        ExportNode {
            company: Some("Acme & Sons <Ltd>".into()),
            title: Some("Head of \"Growth\"".into()),
            url: Some("https://www.linkedin.com/in/zebulon-quartermaine".into()),
            ..node(
                "linkedin.com/in/zebulon-quartermaine",
                "Zebulon Quartermaine",
                10,
                [12.5, -3.25],
                4.0,
            )
        },
        ExportNode {
            company: Some("=HYPERLINK(\"http://evil.test\",\"x\")".into()),
            title: Some("line one\nline two\ttabbed".into()),
            ..node(
                "mailto:ximena.okonkwo@example.org",
                "<img src=x onerror=alert(1)>",
                10,
                [-7.0, 8.125],
                2.5,
            )
        },
        ExportNode {
            company: Some("O'Brien, Smith & \"Co\"".into()),
            ..node(
                "file-id-3",
                "Anaïs \u{1}Bellweather\u{FFFF}",
                20,
                [0.0, 0.0],
                1.0,
            )
        },
        node("file-id-4", "Ana María López", 20, [1e4, -2e4], 7.75),
        node("file-id-5", "Orphan", 99, [3.0, 4.0], 1.0),
    ];
    nodes[3].url = Some("https://example.org/ana".into());
    ExportMap {
        title: "My network & \"friends\" <2026>".into(),
        nodes,
        ties: vec![
            (0, 1, 1.0),
            (1, 2, 2.5),
            (2, 3, 0.75),
            (3, 0, 4.0),
            (4, 0, 1.0),
        ],
        clusters: vec![
            ExportCluster {
                id: 10,
                name: "R&D <core>".into(),
                color: [230, 25, 75],
                size: 2,
            },
            ExportCluster {
                id: 20,
                name: "Friends \"old\"".into(),
                color: [60, 180, 75],
                size: 2,
            },
        ],
    }
}

fn reimport(name: &str, text: &str) -> GraphFile {
    let files = [InputFile {
        name: name.into(),
        bytes: text.as_bytes().to_vec(),
    }];
    match import_files(&files, &Limits::default()) {
        Ok(outcome) => match outcome.data {
            Imported::Graph(g) => g,
            Imported::Personal(_) => panic!("{name} was read as a personal export"),
        },
        Err(e) => panic!("{name} does not re-import: {e:?}\n{text}"),
    }
}

fn attr<'a>(n: &'a GraphNode, name: &str) -> Option<&'a AttrValue> {
    n.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

fn text_attr(n: &GraphNode, name: &str) -> Option<String> {
    attr(n, name).map(|v| v.to_string())
}

/// Characters XML 1.0 forbids, dropped as the encoders do.
fn without_forbidden(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

/// Checks what tiemap's reader gets back from an XML export of `map`.
fn check_round_trip(map: &ExportMap, names: Names, g: &GraphFile, format: &str) {
    assert_eq!(g.format, format);
    assert!(!g.directed);
    assert_eq!(
        g.nodes.len(),
        map.nodes.len(),
        "{format} {names:?}: node count"
    );
    assert_eq!(
        g.edges.len(),
        map.ties.len(),
        "{format} {names:?}: tie count"
    );
    for (i, (orig, back)) in map.nodes.iter().zip(&g.nodes).enumerate() {
        let ctx = format!("{format} {names:?} node {i}");
        // Ids.
        match names {
            Names::All => assert_eq!(back.key, orig.key, "{ctx}"),
            _ => assert_eq!(back.key, format!("n{i}"), "{ctx}"),
        }
        // Labels, through a real XML parser (escaping must hold).
        assert_eq!(
            back.label.as_deref(),
            Some(shown_name(&orig.label, names, i).as_str()),
            "{ctx}"
        );
        // Positions: the encoders write y up (as Gephi does) and the reader flips it back.
        let pos = back.pos_in_graph.expect("position");
        assert!((pos[0] - orig.pos[0]).abs() <= 1e-3, "{ctx}: x {pos:?}");
        assert!((pos[1] - orig.pos[1]).abs() <= 1e-3, "{ctx}: y {pos:?}");
        assert_eq!(back.size, Some(orig.size), "{ctx}");
        // Cluster: the id as the community, its name and colour.
        assert_eq!(back.community, Some(orig.cluster.to_string()), "{ctx}");
        let cluster = map.clusters.iter().find(|c| c.id == orig.cluster);
        let expected_color = cluster.map_or(tiemap_core::view::palette::OTHER_COLOR, |c| c.color);
        assert_eq!(back.color, Some(expected_color), "{ctx}");
        let expected_name = cluster.map(|c| c.name.clone()).unwrap_or_default();
        let name_back = text_attr(back, "cluster_name");
        match format {
            // GraphML's reader trims element text; an empty element gives "".
            "GraphML" => assert_eq!(name_back.unwrap_or_default(), expected_name, "{ctx}"),
            _ => assert_eq!(name_back, Some(expected_name), "{ctx}"),
        }
        // Company and title are kept in every mode.
        let company = orig.company.as_deref().map(without_forbidden);
        assert_eq!(text_attr(back, "company"), company, "{ctx}");
        let title = orig.title.as_deref().map(without_forbidden);
        assert_eq!(text_attr(back, "title"), title, "{ctx}");
        // The URL only with names shown.
        let url = match names {
            Names::All => orig.url.clone(),
            _ => None,
        };
        assert_eq!(text_attr(back, "url"), url, "{ctx}");
    }
    for (tie, e) in map.ties.iter().zip(&g.edges) {
        assert_eq!(
            (e.source, e.target, e.weight),
            (tie.0, tie.1, tie.2),
            "{format} {names:?}"
        );
    }
}

#[test]
fn gexf_round_trips_through_the_reader() {
    let map = sample_map();
    for names in ALL_NAMES {
        let text = to_gexf(&map, names);
        let g = reimport("map.gexf", &text);
        check_round_trip(&map, names, &g, "GEXF");
    }
}

#[test]
fn graphml_round_trips_through_the_reader() {
    let map = sample_map();
    for names in ALL_NAMES {
        let text = to_graphml(&map, names);
        let g = reimport("map.graphml", &text);
        check_round_trip(&map, names, &g, "GraphML");
    }
}

#[test]
fn gexf_has_meta_viz_namespace_and_flipped_positions() {
    let text = to_gexf(&sample_map(), Names::All);
    assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf "));
    assert!(text.contains("xmlns=\"http://gexf.net/1.3\""));
    assert!(text.contains("xmlns:viz=\"http://gexf.net/1.3/viz\""));
    assert!(text.contains("version=\"1.3\""));
    assert!(text.contains("<creator>tiemap</creator>"));
    assert!(text.contains("<title>My network &amp; \"friends\" &lt;2026&gt;</title>"));
    // Cluster legend in the description.
    assert!(text.contains("10 R&amp;D &lt;core&gt; (#e6194b, 2 people)"));
    // Node 0 at (12.5, -3.25) on screen is at (12.5, 3.25) in Gephi.
    assert!(text.contains("<viz:position x=\"12.5\" y=\"3.25\" z=\"0\"/>"));
    assert!(text.contains("<viz:size value=\"7.75\"/>"));
    assert!(text.contains("<viz:color r=\"60\" g=\"180\" b=\"75\"/>"));
    assert!(text.contains("weight=\"0.75\""));
    assert!(!text.contains("<img"));
    assert!(!text.contains('\u{1}'));
}

/// People whose every identifying string is distinctive, so a leak is easy to spot.
fn identifying_map() -> (ExportMap, Vec<&'static str>) {
    let secrets = vec![
        "Zebulon",
        "Quartermaine",
        "Ximena",
        "Okonkwo",
        "ximena.okonkwo@example.org",
        "linkedin.com/in/zebulon-quartermaine",
        "zebulon-quartermaine",
        "Bartholomew",
        "Featherstonehaugh",
        "profiles.example/bfh-991",
        "bfh-991",
        "Ysolde",
        "Vandermeersch",
    ];
    let nodes = vec![
        ExportNode {
            company: Some("Acme".into()),
            title: Some("Engineer".into()),
            url: Some("https://www.linkedin.com/in/zebulon-quartermaine/".into()),
            ..node(
                "linkedin.com/in/zebulon-quartermaine",
                "Zebulon Quartermaine",
                1,
                [1.0, 2.0],
                3.0,
            )
        },
        ExportNode {
            company: Some("Globex".into()),
            ..node(
                "mailto:ximena.okonkwo@example.org",
                "Ximena Okonkwo",
                1,
                [-1.0, 0.5],
                2.0,
            )
        },
        ExportNode {
            url: Some("https://profiles.example/bfh-991".into()),
            ..node(
                "profiles.example/bfh-991",
                "Bartholomew Featherstonehaugh",
                2,
                [4.0, -4.0],
                1.0,
            )
        },
        // A label that is an e-mail (what a contact with no name shows).
        node(
            "name:ysolde vandermeersch",
            "ysolde.vandermeersch@example.net",
            2,
            [0.0, 9.0],
            1.0,
        ),
    ];
    let map = ExportMap {
        title: "Network".into(),
        nodes,
        ties: vec![(0, 1, 1.0), (2, 3, 1.0), (1, 2, 2.0)],
        clusters: vec![
            ExportCluster {
                id: 1,
                name: "Engineering".into(),
                color: [1, 2, 3],
                size: 2,
            },
            ExportCluster {
                id: 2,
                name: "Book club".into(),
                color: [4, 5, 6],
                size: 2,
            },
        ],
    };
    (map, secrets)
}

#[test]
fn anonymised_outputs_hold_no_names_urls_or_emails() {
    let (map, secrets) = identifying_map();
    let outputs = |names: Names| {
        [
            ("GEXF", to_gexf(&map, names)),
            ("GraphML", to_graphml(&map, names)),
            ("CSV", people_csv(&map, names)),
        ]
    };
    for names in [Names::Initials, Names::Hidden] {
        for (format, text) in outputs(names) {
            let lower = text.to_lowercase();
            for secret in &secrets {
                assert!(
                    !lower.contains(&secret.to_lowercase()),
                    "{format} {names:?} leaks {secret:?}:\n{text}"
                );
            }
            // Namespace URIs are the only URLs an anonymised file may hold.
            let mut body = lower.clone();
            for namespace in [
                "http://gexf.net/",
                "http://www.w3.org/",
                "http://graphml.graphdrawing.org/",
            ] {
                body = body.replace(namespace, "");
            }
            for url_part in ["http", "linkedin", "mailto", "@"] {
                assert!(
                    !body.contains(url_part),
                    "{format} {names:?} holds {url_part:?}"
                );
            }
            // What is kept: cluster names, companies, titles.
            for kept in ["Engineering", "Book club", "Acme", "Globex", "Engineer"] {
                assert!(text.contains(kept), "{format} {names:?} lost {kept:?}");
            }
        }
    }
    // The same check finds the names when they are shown (so it can fail).
    for (format, text) in outputs(Names::All) {
        for secret in [
            "Zebulon",
            "ximena.okonkwo@example.org",
            "profiles.example/bfh-991",
        ] {
            assert!(text.contains(secret), "{format} All lacks {secret:?}");
        }
    }
    let csv = people_csv(&map, Names::Initials);
    assert!(
        csv.contains("n0,Z. Q.,Acme,Engineer,1,Engineering,#010203\r\n"),
        "{csv}"
    );
    let csv = people_csv(&map, Names::Hidden);
    assert!(
        csv.contains("n3,Person 4,,,2,Book club,#040506\r\n"),
        "{csv}"
    );
}

#[test]
fn people_csv_reads_back_with_a_csv_parser() {
    let map = sample_map();
    let text = people_csv(&map, Names::All);
    assert!(text.ends_with("\r\n"));
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "id",
            "name",
            "company",
            "title",
            "url",
            "cluster",
            "cluster_name",
            "cluster_color"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), map.nodes.len());
    assert_eq!(&rows[0][0], "linkedin.com/in/zebulon-quartermaine");
    assert_eq!(&rows[0][2], "Acme & Sons <Ltd>");
    assert_eq!(&rows[0][3], "Head of \"Growth\"");
    assert_eq!(
        &rows[0][4],
        "https://www.linkedin.com/in/zebulon-quartermaine"
    );
    assert_eq!(&rows[0][5], "10");
    assert_eq!(&rows[0][6], "R&D <core>");
    assert_eq!(&rows[0][7], "#e6194b");
    // A formula is defused and its quotes survive the quoting.
    assert_eq!(&rows[1][2], "'=HYPERLINK(\"http://evil.test\",\"x\")");
    assert_eq!(&rows[1][3], "line one\nline two\ttabbed");
    assert_eq!(&rows[2][1], "Anaïs Bellweather");
    assert_eq!(&rows[2][2], "O'Brien, Smith & \"Co\"");
    assert_eq!(&rows[3][1], "Ana María López");
    // Unknown cluster: empty name, the grey of "other".
    assert_eq!(&rows[4][6], "");
    assert_eq!(
        rows[4][7].to_string(),
        tiemap_core::view::palette::to_hex(tiemap_core::view::palette::OTHER_COLOR)
    );
    let hidden = people_csv(&map, Names::Hidden);
    let mut reader = csv::ReaderBuilder::new().from_reader(hidden.as_bytes());
    assert_eq!(reader.headers().unwrap().len(), 7);
    let first = reader.records().next().unwrap().unwrap();
    assert_eq!((&first[0], &first[1]), ("n0", "Person 1"));
}

#[test]
fn outputs_are_deterministic() {
    for names in ALL_NAMES {
        let a = sample_map();
        let b = sample_map();
        assert_eq!(to_gexf(&a, names), to_gexf(&b, names));
        assert_eq!(to_graphml(&a, names), to_graphml(&b, names));
        assert_eq!(people_csv(&a, names), people_csv(&b, names));
    }
    // And the output depends on the input: moving one node changes both XML files.
    let a = sample_map();
    let mut b = sample_map();
    b.nodes[2].pos[0] += 0.5;
    assert_ne!(to_gexf(&a, Names::All), to_gexf(&b, Names::All));
    assert_ne!(to_graphml(&a, Names::All), to_graphml(&b, Names::All));
}

#[test]
fn empty_map_gives_valid_files() {
    let map = ExportMap::default();
    for names in ALL_NAMES {
        let g = reimport("empty.gexf", &to_gexf(&map, names));
        assert_eq!((g.nodes.len(), g.edges.len()), (0, 0));
        let g = reimport("empty.graphml", &to_graphml(&map, names));
        assert_eq!((g.nodes.len(), g.edges.len()), (0, 0));
        assert_eq!(people_csv(&map, names).lines().count(), 1);
    }
}

fn arb_node() -> impl Strategy<Value = ExportNode> {
    (
        any::<String>(),
        any::<String>(),
        proptest::option::of(any::<String>()),
        0u32..4,
        (-1e6f32..1e6, -1e6f32..1e6),
        0f32..100.0,
    )
        .prop_map(|(key, label, company, cluster, (x, y), size)| ExportNode {
            key,
            label,
            company,
            title: None,
            url: None,
            cluster,
            pos: [x, y],
            size,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any text in labels, keys and companies (controls, quotes, markup, non-BMP) gives a
    /// GEXF that tiemap's XML reader accepts and that holds the same labels and companies.
    #[test]
    fn gexf_of_arbitrary_text_reads_back(
        nodes in proptest::collection::vec(arb_node(), 1..6),
        cluster_name in any::<String>(),
    ) {
        let map = ExportMap {
            title: cluster_name.clone(),
            ties: (1..nodes.len() as u32).map(|i| (i - 1, i, 1.0)).collect(),
            nodes,
            clusters: vec![ExportCluster { id: 0, name: cluster_name, color: [9, 8, 7], size: 1 }],
        };
        let g = reimport("p.gexf", &to_gexf(&map, Names::All));
        prop_assert_eq!(g.nodes.len(), map.nodes.len());
        prop_assert_eq!(g.edges.len(), map.ties.len());
        for (orig, back) in map.nodes.iter().zip(&g.nodes) {
            prop_assert_eq!(back.label.clone(), Some(without_forbidden(&orig.label)));
            let company = orig.company.as_deref().map(without_forbidden).filter(|c| !c.is_empty());
            prop_assert_eq!(text_attr(back, "company"), company);
            let pos = back.pos_in_graph.unwrap_or([f32::NAN; 2]);
            prop_assert!((pos[0] - orig.pos[0]).abs() <= 1e-3 && (pos[1] - orig.pos[1]).abs() <= 1e-3);
        }
        // GraphML, too, stays well-formed and complete.
        let g = reimport("p.graphml", &to_graphml(&map, Names::All));
        prop_assert_eq!(g.nodes.len(), map.nodes.len());
        prop_assert_eq!(g.edges.len(), map.ties.len());
    }

    /// Every CSV cell reads back as the defused, sanitised text, whatever it holds.
    #[test]
    fn csv_cells_read_back(labels in proptest::collection::vec(any::<String>(), 1..6)) {
        let map = ExportMap {
            nodes: labels.iter().enumerate()
                .map(|(i, l)| node(&format!("k{i}"), l, 0, [0.0, 0.0], 1.0))
                .collect(),
            ..ExportMap::default()
        };
        let text = people_csv(&map, Names::All);
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        prop_assert_eq!(rows.len(), labels.len());
        for (row, label) in rows.iter().zip(&labels) {
            let clean = without_forbidden(label);
            let expected = if clean.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                format!("'{clean}")
            } else {
                clean
            };
            prop_assert_eq!(&row[1], expected.as_str());
        }
    }
}
