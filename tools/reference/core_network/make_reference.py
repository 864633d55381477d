#!/usr/bin/env python3
"""Reference values for tiemap's core-network measures (crates/tiemap-core/src/metrics/core_network.rs).

For each case: a whole network G (nodes 0..N-1), a cluster of each node, and the owner's core
(a list of nodes of G). The owner is not a node of G. The ego graph E is G.subgraph(core),
relabelled 0..n-1 in core order, plus the owner as node n tied to every contact; unweighted.

Values written to core_network.json (next to this script):
  constraint, effective_size      networkx constraint(E)[owner], effective_size(E)[owner]
  efficiency                      effective_size / n
  hierarchy                       Burt (1992): sum_j r_j ln r_j / (n ln n), r_j = c_j / (C / n),
                                  c_j = networkx local_constraint(E, owner, j), C = sum c_j
  brokerage                       pairs of contacts not tied (non-edges of G.subgraph(core))
  roles                           Gould & Fernandez (1989) brokerage roles of every node of E
                                  (owner last), the owner placed in the cluster with most
                                  contacts (ties: lowest cluster id).

The roles are NOT computed by R: CRAN is not reachable where this was made, so R's
sna::brokerage could not run. `gould_fernandez` below is an independent, brute-force
reimplementation of the definition sna::brokerage documents (Butts, sna manual): for every
ordered triple (i, v, j) of distinct nodes with arcs i->v and v->j and no arc i->j, v gets
  w_I  coordinator     cl(i) == cl(v) == cl(j)
  w_O  itinerant       cl(i) == cl(j) != cl(v)     (called "consultant" in tiemap)
  b_IO representative  cl(i) == cl(v) != cl(j)
  b_OI gatekeeper      cl(v) == cl(j) != cl(i)
  b_O  liaison         all three different
An undirected tie is two arcs (as sna does with a symmetric adjacency matrix). The hand cases
at the end (`hand_cases`) were worked out on paper and are asserted before anything is
written.

Run (networkx from PyPI in a venv under target/):
  python3 -m venv target/reference-venv && target/reference-venv/bin/pip install networkx
  target/reference-venv/bin/python tools/reference/core_network/make_reference.py
"""

import json
import math
import os
import random

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
ROLES = ["coordinator", "consultant", "representative", "gatekeeper", "liaison"]


def gould_fernandez(adj, groups):
    """Role counts of every node: brute force over all ordered triples of an adjacency matrix."""
    n = len(adj)
    out = []
    for v in range(n):
        counts = dict.fromkeys(ROLES, 0)
        for i in range(n):
            if i == v or not adj[i][v]:
                continue
            for j in range(n):
                if j == v or j == i or not adj[v][j] or adj[i][j]:
                    continue
                gi, gv, gj = groups[i], groups[v], groups[j]
                if gi == gv == gj:
                    counts["coordinator"] += 1
                elif gi == gj:
                    counts["consultant"] += 1
                elif gi == gv:
                    counts["representative"] += 1
                elif gv == gj:
                    counts["gatekeeper"] += 1
                else:
                    counts["liaison"] += 1
        out.append(counts)
    return out


def hand_cases():
    # A path a - v - b, all three in different groups: v is a liaison for (a, b) and (b, a).
    adj = [[0, 1, 0], [1, 0, 1], [0, 1, 0]]
    r = gould_fernandez(adj, [1, 0, 2])
    assert r[1] == {"coordinator": 0, "consultant": 0, "representative": 0, "gatekeeper": 0, "liaison": 2}, r
    # Same path, a and v in group 0, b in group 1: once a representative (a -> v -> b),
    # once a gatekeeper (b -> v -> a).
    r = gould_fernandez(adj, [0, 0, 1])
    assert r[1]["representative"] == 1 and r[1]["gatekeeper"] == 1 and sum(r[1].values()) == 2, r
    # a and b in group 1, v in 0: itinerant twice.
    r = gould_fernandez(adj, [1, 0, 1])
    assert r[1]["consultant"] == 2 and sum(r[1].values()) == 2, r
    # Closing the triangle leaves no brokerage for anyone.
    tri = [[0, 1, 1], [1, 0, 1], [1, 1, 0]]
    assert all(sum(c.values()) == 0 for c in gould_fernandez(tri, [0, 1, 2]))
    # A star with 4 leaves, all in the centre's group: 4 * 3 ordered pairs, all coordinator.
    star = [[0, 1, 1, 1, 1]] + [[1, 0, 0, 0, 0] for _ in range(4)]
    r = gould_fernandez(star, [0] * 5)
    assert r[0]["coordinator"] == 12 and sum(r[0].values()) == 12, r


def measure(g, membership, core):
    n = len(core)
    index = {v: i for i, v in enumerate(core)}
    e = nx.Graph()
    e.add_nodes_from(range(n + 1))
    for u, v in g.subgraph(core).edges():
        e.add_edge(index[u], index[v])
    owner = n
    for i in range(n):
        e.add_edge(i, owner)
    c = nx.constraint(e)[owner]
    es = nx.effective_size(e)[owner]
    local = [nx.local_constraint(e, owner, j) for j in range(n)]
    total = sum(local)
    if n >= 2 and total > 0:
        mean = total / n
        h = sum((x / mean) * math.log(x / mean) for x in local if x > 0) / (n * math.log(n))
    else:
        h = None
    sub_edges = g.subgraph(core).number_of_edges()
    brokerage = n * (n - 1) // 2 - sub_edges
    counts = {}
    for v in core:
        counts[membership[v]] = counts.get(membership[v], 0) + 1
    home = min(counts, key=lambda k: (-counts[k], k)) if counts else None
    groups = [membership[v] for v in core] + [home]
    adj = [[1 if e.has_edge(a, b) else 0 for b in range(n + 1)] for a in range(n + 1)]
    return {
        "constraint": c,
        "effective_size": es,
        "efficiency": es / n,
        "hierarchy": h,
        "brokerage": brokerage,
        "home_cluster": home,
        "roles": gould_fernandez(adj, groups),
    }


def cases():
    out = []
    karate = nx.karate_club_graph()
    comms = sorted(nx.algorithms.community.greedy_modularity_communities(karate), key=min)
    membership = [0] * karate.number_of_nodes()
    for k, c in enumerate(comms):
        for v in c:
            membership[v] = k
    out.append(("karate", karate, membership, [0, 1, 2, 3, 4, 5, 6, 8, 13, 31, 32, 33, 16, 24]))

    planted = nx.planted_partition_graph(5, 30, 0.25, 0.02, seed=21)
    membership = [v // 30 for v in range(150)]
    rng = random.Random(21)
    out.append(("planted_40", planted, membership, rng.sample(range(150), 40)))

    sparse = nx.gnp_random_graph(300, 0.01, seed=5)
    membership = [(v * 7) % 6 for v in range(300)]
    rng = random.Random(5)
    out.append(("sparse_25", sparse, membership, rng.sample(range(300), 25)))

    star = nx.Graph()
    star.add_nodes_from(range(8))
    star.add_edge(6, 7)
    out.append(("no_ties_among_core", star, [0, 0, 1, 1, 2, 2, 3, 3], [0, 1, 2, 3, 4, 5]))

    clique = nx.complete_graph(6)
    out.append(("clique", clique, [0, 0, 0, 1, 1, 2], list(range(6))))
    return out


def main():
    hand_cases()
    fixture = {"networkx": nx.__version__, "cases": []}
    for name, g, membership, core in cases():
        fixture["cases"].append({
            "name": name,
            "nodes": g.number_of_nodes(),
            "edges": sorted([min(u, v), max(u, v)] for u, v in g.edges()),
            "membership": membership,
            "core": core,
            "expected": measure(g, membership, core),
        })
    with open(os.path.join(HERE, "core_network.json"), "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
