//! GraphML with Gephi's node keys.

use super::xml::{attr, text};
use super::{number, prepare, ExportMap, Names};
use std::fmt::Write;

/// The map as a GraphML document (UTF-8).
///
/// Node keys (ids = `attr.name`): `label`, `company`, `title`, `url` (only with
/// [`Names::All`]), `cluster` (`long`, the persistent id), `cluster_name`, `x`, `y`
/// (`y = -pos[1]`, as in the GEXF, so Gephi shows it the same way up), `size` (the drawn
/// radius), and the cluster colour as `r`, `g`, `b` (`int`), which is how Gephi writes and
/// reads colours in GraphML. One edge key, `weight` (`double`). The graph is undirected,
/// its `<desc>` is the map's title, and edges are `e0..` in tie order. A missing company,
/// title or url is left out of that node.
pub fn to_graphml(map: &ExportMap, names: Names) -> String {
    let (nodes, ties) = prepare(map, names);
    let mut out = String::with_capacity(1024 + nodes.len() * 500 + ties.len() * 100);
    out.push_str(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" ",
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ",
        "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns ",
        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    ));
    let mut keys = vec![
        ("label", "string"),
        ("company", "string"),
        ("title", "string"),
    ];
    if names.shows_identity() {
        keys.push(("url", "string"));
    }
    keys.extend([
        ("cluster", "long"),
        ("cluster_name", "string"),
        ("x", "float"),
        ("y", "float"),
        ("size", "float"),
        ("r", "int"),
        ("g", "int"),
        ("b", "int"),
    ]);
    for (id, kind) in keys {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"node\" attr.name=\"{id}\" attr.type=\"{kind}\"/>"
        );
    }
    out.push_str("  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n");
    out.push_str("  <graph id=\"G\" edgedefault=\"undirected\">\n");
    let _ = writeln!(out, "    <desc>{}</desc>", text(&map.title));
    for n in &nodes {
        let _ = writeln!(out, "    <node id=\"{}\">", attr(&n.id));
        let [r, g, b] = n.color;
        let values = [
            ("label", Some(n.label.clone())),
            ("company", n.company.clone()),
            ("title", n.title.clone()),
            ("url", n.url.clone()),
            ("cluster", Some(n.cluster.to_string())),
            ("cluster_name", Some(n.cluster_name.clone())),
            ("x", Some(number(n.pos[0], 0.0))),
            ("y", Some(number(-n.pos[1], 0.0))),
            ("size", Some(number(n.size, 1.0))),
            ("r", Some(r.to_string())),
            ("g", Some(g.to_string())),
            ("b", Some(b.to_string())),
        ];
        for (key, value) in values {
            if let Some(v) = value {
                let _ = writeln!(out, "      <data key=\"{key}\">{}</data>", text(&v));
            }
        }
        out.push_str("    </node>\n");
    }
    for (i, t) in ties.iter().enumerate() {
        let (Some(s), Some(d)) = (nodes.get(t.source), nodes.get(t.target)) else {
            continue;
        };
        let _ = writeln!(
            out,
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">\n      <data key=\"weight\">{}</data>\n    </edge>",
            attr(&s.id),
            attr(&d.id),
            number(t.weight, 1.0)
        );
    }
    out.push_str("  </graph>\n");
    out.push_str("</graphml>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::super::{ExportCluster, ExportNode};
    use super::*;

    #[test]
    fn writes_gephi_keys_and_escaped_data() {
        let map = ExportMap {
            title: "T & <U>".into(),
            nodes: vec![
                ExportNode {
                    key: "a".into(),
                    label: "<img src=x onerror=alert(1)>".into(),
                    cluster: 1,
                    pos: [0.25, 4.0],
                    size: 5.0,
                    ..ExportNode::default()
                },
                ExportNode {
                    key: "b".into(),
                    label: "B".into(),
                    cluster: 1,
                    ..ExportNode::default()
                },
            ],
            ties: vec![(1, 0, 0.5)],
            clusters: vec![ExportCluster {
                id: 1,
                name: "One".into(),
                color: [200, 100, 0],
                size: 2,
            }],
        };
        let g = to_graphml(&map, Names::All);
        assert!(g.contains("<desc>T &amp; &lt;U&gt;</desc>"));
        assert!(g.contains("<data key=\"label\">&lt;img src=x onerror=alert(1)&gt;</data>"));
        assert!(g.contains("<data key=\"y\">-4</data>"));
        assert!(g.contains("<data key=\"r\">200</data>"));
        assert!(g.contains("<edge id=\"e0\" source=\"b\" target=\"a\">"));
        assert!(g.contains("<data key=\"weight\">0.5</data>"));
        assert!(g.contains("attr.name=\"url\""));
        assert!(!to_graphml(&map, Names::Initials).contains("attr.name=\"url\""));
    }
}
