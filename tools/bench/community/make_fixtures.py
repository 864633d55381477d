"""Writes the reference graphs and networkx/scikit-learn reference values used by
crates/tiemap-core/tests/community*.rs.

Run in the venv (python -m venv /work/venv-community; pip install networkx igraph scikit-learn):
    /work/venv-community/bin/python tools/bench/community/make_fixtures.py
"""
import json
import os

import networkx as nx
from networkx.algorithms import community as nxc
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "..", "crates", "tiemap-core", "tests", "fixtures", "graphs")


def write_edges(path, g, index, weighted, header):
    with open(path, "w") as f:
        f.write(header)
        f.write(f"# nodes {g.number_of_nodes()}\n")
        edges = sorted((min(index[u], index[v]), max(index[u], index[v]), d.get("weight", 1.0))
                       for u, v, d in g.edges(data=True))
        for u, v, w in edges:
            f.write(f"{u} {v} {w:g}\n" if weighted else f"{u} {v}\n")


def membership(communities, index, n):
    m = [0] * n
    for c, nodes in enumerate(communities):
        for v in nodes:
            m[index[v]] = c
    return m


def main():
    os.makedirs(OUT, exist_ok=True)
    reference = {"networkx": nx.__version__}

    # Zachary's karate club, nodes 0..33, with the club's split after the fission.
    karate = nx.karate_club_graph()
    kidx = {v: v for v in karate.nodes()}
    for _, _, d in karate.edges(data=True):
        d.pop("weight", None)  # networkx >= 3 adds interaction counts; the classic graph is unweighted
    write_edges(os.path.join(OUT, "karate.edges"), karate, kidx, False,
                "# Zachary's karate club (W. W. Zachary, 1977), unweighted, from networkx.karate_club_graph()\n")
    factions = [0 if karate.nodes[v]["club"] == "Mr. Hi" else 1 for v in range(34)]
    with open(os.path.join(OUT, "karate.factions"), "w") as f:
        f.write("# one line per node: 0 = Mr. Hi's faction, 1 = the Officer's faction\n")
        f.writelines(f"{c}\n" for c in factions)
    fac_comms = [{v for v in range(34) if factions[v] == c} for c in (0, 1)]
    greedy = [set(c) for c in nxc.greedy_modularity_communities(karate)]
    greedy_m = membership(greedy, kidx, 34)
    reference["karate"] = {
        "nodes": 34, "edges": karate.number_of_edges(),
        "factions_modularity": nxc.modularity(karate, fac_comms),
        "factions_modularity_resolution_0_5": nxc.modularity(karate, fac_comms, resolution=0.5),
        "greedy_membership": greedy_m,
        "greedy_modularity": nxc.modularity(karate, greedy),
        "greedy_modularity_resolution_2": nxc.modularity(karate, greedy, resolution=2.0),
        "nmi_factions_greedy": normalized_mutual_info_score(factions, greedy_m),
        "ari_factions_greedy": adjusted_rand_score(factions, greedy_m),
        # best known modularity of the karate club (Brandes et al. 2008, exact)
        "optimum_modularity": 0.4197896120973044,
    }

    # Les Miserables co-appearances (Knuth 1993), weighted.
    les = nx.les_miserables_graph()
    names = sorted(les.nodes())
    lidx = {v: i for i, v in enumerate(names)}
    write_edges(os.path.join(OUT, "lesmis.edges"), les, lidx, True,
                "# Les Miserables character co-appearances (D. E. Knuth, 1993), weighted, "
                "from networkx.les_miserables_graph(); node i is line i of lesmis.names\n")
    with open(os.path.join(OUT, "lesmis.names"), "w") as f:
        f.writelines(f"{v}\n" for v in names)
    greedy = [set(c) for c in nxc.greedy_modularity_communities(les, weight="weight")]
    greedy_m = membership(greedy, lidx, len(names))
    reference["lesmis"] = {
        "nodes": les.number_of_nodes(), "edges": les.number_of_edges(),
        "greedy_membership": greedy_m,
        "greedy_modularity": nxc.modularity(les, greedy, weight="weight"),
        "greedy_modularity_unweighted": nxc.modularity(les, greedy, weight=None),
        "greedy_modularity_resolution_1_5": nxc.modularity(les, greedy, weight="weight", resolution=1.5),
    }
    with open(os.path.join(OUT, "reference.json"), "w") as f:
        json.dump(reference, f, indent=1)
        f.write("\n")
    print(json.dumps({k: {kk: vv for kk, vv in v.items() if "membership" not in kk}
                      if isinstance(v, dict) else v for k, v in reference.items()}, indent=1))


if __name__ == "__main__":
    main()
