#!/usr/bin/env python3
"""Reference values for tiemap's structural metrics, computed by networkx.

Writes, for each test graph, under crates/tiemap-core/tests/fixtures/metrics/:
  <name>.edges  a plain edge list: `# nodes N` then `u v weight` per line (nodes 0..N-1)
  <name>.json   networkx's values per node (index == node id):
                betweenness / betweenness_weighted   betweenness_centrality(G) normalised
                    default; weighted: weight="distance" with distance = 1 / weight
                constraint / constraint_weighted      constraint(G[, weight="weight"])
                effective_size / effective_size_weighted
                clustering, average_clustering        clustering(G), average_clustering(G)
                NaN (isolated nodes) is written as null.

Run: /work/venv-metrics/bin/python tools/reference/metrics/make_reference.py
(networkx version recorded in each JSON file).
"""

import json
import math
import os

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(
    os.path.join(HERE, "..", "..", "..", "crates", "tiemap-core", "tests", "fixtures", "metrics")
)


def graphs():
    out = {}

    karate = nx.karate_club_graph()  # carries integer 'weight' attributes (1..7)
    out["karate"] = karate

    w = nx.Graph()
    w.add_nodes_from(range(8))
    for u, v, x in [
        (0, 1, 2.0), (0, 2, 0.5), (1, 2, 1.0), (1, 3, 3.0), (2, 3, 1.5),
        (3, 4, 1.0), (4, 5, 2.5), (4, 6, 0.25), (5, 6, 4.0), (6, 7, 1.0), (2, 5, 0.75),
    ]:
        w.add_edge(u, v, weight=x)
    out["weighted_small"] = w

    out["path"] = nx.path_graph(7)
    out["star"] = nx.star_graph(6)

    two = nx.Graph()
    two.add_nodes_from(range(10))
    for base in (0, 5):
        for i in range(5):
            for j in range(i + 1, 5):
                two.add_edge(base + i, base + j)
    two.add_edge(4, 5)
    out["two_cliques_bridge"] = two

    iso = nx.Graph()
    iso.add_nodes_from(range(9))
    for u, v, x in [(0, 1, 1.0), (1, 2, 2.0), (2, 0, 1.0), (2, 3, 1.0), (5, 6, 3.0)]:
        iso.add_edge(u, v, weight=x)
    out["isolated_nodes"] = iso
    return out


def clean(values, n):
    return [None if (isinstance(values[i], float) and math.isnan(values[i])) else values[i]
            for i in range(n)]


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, g in graphs().items():
        n = g.number_of_nodes()
        assert sorted(g.nodes()) == list(range(n))
        for u, v, d in g.edges(data=True):
            d.setdefault("weight", 1.0)
            d["distance"] = 1.0 / float(d["weight"])
        with open(os.path.join(OUT, name + ".edges"), "w") as f:
            f.write(f"# {name}: written by tools/reference/metrics/make_reference.py\n")
            f.write(f"# nodes {n}\n")
            for u, v, d in sorted(g.edges(data=True)):
                f.write(f"{u} {v} {float(d['weight'])!r}\n")
        ref = {
            "networkx": nx.__version__,
            "nodes": n,
            "betweenness": clean(nx.betweenness_centrality(g), n),
            "betweenness_weighted": clean(nx.betweenness_centrality(g, weight="distance"), n),
            "constraint": clean(nx.constraint(g), n),
            "constraint_weighted": clean(nx.constraint(g, weight="weight"), n),
            "effective_size": clean(nx.effective_size(g), n),
            "effective_size_weighted": clean(nx.effective_size(g, weight="weight"), n),
            "clustering": clean(nx.clustering(g), n),
            "average_clustering": nx.average_clustering(g),
        }
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            json.dump(ref, f, indent=1)
            f.write("\n")
        print(f"{name}: {n} nodes, {g.number_of_edges()} ties")


if __name__ == "__main__":
    main()
