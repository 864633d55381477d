//! GEXF 1.3 with the viz namespace, as Gephi 0.10 reads it.

use super::xml::{attr, text};
use super::{number, prepare, ExportMap, Names};
use crate::view::palette::to_hex;
use std::fmt::Write;

/// The map as a GEXF 1.3 document (UTF-8), for Gephi.
///
/// - `<meta>`: creator `tiemap`, the map's title, and a description listing the clusters
///   (id, name, colour, size).
/// - An undirected static graph. Node attributes (declared, GEXF ids = titles): `company`,
///   `title`, `url` (only with [`Names::All`]), `cluster` (`long`, the persistent id) and
///   `cluster_name`. A missing company, title or url is left out of that node.
/// - Per node: `viz:size` (the drawn radius), `viz:position` `x`, `y = -pos[1]` (Gephi's y
///   grows upwards), `z = 0`, and `viz:color` of the node's cluster.
/// - Edges `e0..` in tie order, with their weight.
///
/// Node ids are the keys with [`Names::All`] (when all are present and distinct) and
/// `n0..` otherwise; labels follow [`super::shown_name`].
pub fn to_gexf(map: &ExportMap, names: Names) -> String {
    let (nodes, ties) = prepare(map, names);
    let mut out = String::with_capacity(256 + nodes.len() * 400 + ties.len() * 80);
    out.push_str(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" ",
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ",
        "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" ",
        "version=\"1.3\">\n",
        "  <meta>\n",
        "    <creator>tiemap</creator>\n",
    ));
    let _ = writeln!(out, "    <title>{}</title>", text(&map.title));
    let mut description = String::from("Exported from tiemap.");
    if !map.clusters.is_empty() {
        description.push_str(" Clusters:");
        for c in &map.clusters {
            let _ = write!(
                description,
                "\n{} {} ({}, {} people)",
                c.id,
                c.name,
                to_hex(c.color),
                c.size
            );
        }
    }
    let _ = writeln!(out, "    <description>{}</description>", text(&description));
    out.push_str("  </meta>\n");
    out.push_str("  <graph defaultedgetype=\"undirected\" mode=\"static\">\n");
    out.push_str("    <attributes class=\"node\" mode=\"static\">\n");
    let mut declared = vec![("company", "string"), ("title", "string")];
    if names.shows_identity() {
        declared.push(("url", "string"));
    }
    declared.extend([("cluster", "long"), ("cluster_name", "string")]);
    for (id, kind) in declared {
        let _ = writeln!(
            out,
            "      <attribute id=\"{id}\" title=\"{id}\" type=\"{kind}\"/>"
        );
    }
    out.push_str("    </attributes>\n");
    out.push_str("    <nodes>\n");
    for n in &nodes {
        let _ = writeln!(
            out,
            "      <node id=\"{}\" label=\"{}\">",
            attr(&n.id),
            attr(&n.label)
        );
        out.push_str("        <attvalues>\n");
        let values = [
            ("company", n.company.clone()),
            ("title", n.title.clone()),
            ("url", n.url.clone()),
            ("cluster", Some(n.cluster.to_string())),
            ("cluster_name", Some(n.cluster_name.clone())),
        ];
        for (id, value) in values {
            if let Some(v) = value {
                let _ = writeln!(
                    out,
                    "          <attvalue for=\"{id}\" value=\"{}\"/>",
                    attr(&v)
                );
            }
        }
        out.push_str("        </attvalues>\n");
        let _ = writeln!(out, "        <viz:size value=\"{}\"/>", number(n.size, 1.0));
        let _ = writeln!(
            out,
            "        <viz:position x=\"{}\" y=\"{}\" z=\"0\"/>",
            number(n.pos[0], 0.0),
            number(-n.pos[1], 0.0)
        );
        let [r, g, b] = n.color;
        let _ = writeln!(out, "        <viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\"/>");
        out.push_str("      </node>\n");
    }
    out.push_str("    </nodes>\n");
    out.push_str("    <edges>\n");
    for (i, t) in ties.iter().enumerate() {
        let (Some(s), Some(d)) = (nodes.get(t.source), nodes.get(t.target)) else {
            continue;
        };
        let _ = writeln!(
            out,
            "      <edge id=\"e{i}\" source=\"{}\" target=\"{}\" weight=\"{}\"/>",
            attr(&s.id),
            attr(&d.id),
            number(t.weight, 1.0)
        );
    }
    out.push_str("    </edges>\n");
    out.push_str("  </graph>\n");
    out.push_str("</gexf>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::super::{ExportCluster, ExportNode};
    use super::*;

    fn map() -> ExportMap {
        ExportMap {
            title: "My <map>".into(),
            nodes: vec![
                ExportNode {
                    key: "k&1".into(),
                    label: "Ana \"A\" <b>".into(),
                    company: Some("Acme & Co".into()),
                    title: None,
                    url: Some("https://x.test/in/ana".into()),
                    cluster: 7,
                    pos: [1.5, 2.0],
                    size: 3.0,
                },
                ExportNode {
                    key: "k2".into(),
                    label: "Bo".into(),
                    cluster: 7,
                    pos: [-1.0, -0.0],
                    size: 2.0,
                    ..ExportNode::default()
                },
            ],
            ties: vec![(0, 1, 2.5)],
            clusters: vec![ExportCluster {
                id: 7,
                name: "R&D".into(),
                color: [10, 20, 30],
                size: 2,
            }],
        }
    }

    #[test]
    fn writes_escaped_nodes_with_viz() {
        let g = to_gexf(&map(), Names::All);
        assert!(g.contains("<creator>tiemap</creator>"));
        assert!(g.contains("<title>My &lt;map&gt;</title>"));
        assert!(g.contains("<node id=\"k&amp;1\" label=\"Ana &quot;A&quot; &lt;b&gt;\">"));
        assert!(g.contains("<attvalue for=\"company\" value=\"Acme &amp; Co\"/>"));
        assert!(g.contains("<attvalue for=\"cluster_name\" value=\"R&amp;D\"/>"));
        assert!(g.contains("<viz:position x=\"1.5\" y=\"-2\" z=\"0\"/>"));
        assert!(g.contains("<viz:position x=\"-1\" y=\"0\" z=\"0\"/>"));
        assert!(g.contains("<viz:color r=\"10\" g=\"20\" b=\"30\"/>"));
        assert!(g.contains("<viz:size value=\"3\"/>"));
        assert!(g.contains("<edge id=\"e0\" source=\"k&amp;1\" target=\"k2\" weight=\"2.5\"/>"));
        // No title attvalue for a node without one.
        assert_eq!(g.matches("for=\"title\"").count(), 0);
    }

    #[test]
    fn hidden_names_drop_url_declaration() {
        let g = to_gexf(&map(), Names::Hidden);
        assert!(!g.contains("title=\"url\""));
        assert!(g.contains("<node id=\"n0\" label=\"Person 1\">"));
        assert!(g.contains("source=\"n0\" target=\"n1\""));
    }
}
