"""Our Leiden (`tiemap communities`) against igraph's on the same graphs.

Run from the repository root, in the venv that has igraph:

    python -m venv /work/venv-community && /work/venv-community/bin/pip install igraph
    /work/venv-community/bin/python tools/bench/community/compare.py [--seeds 5]

It builds the release binaries, writes the bench graphs as edge lists with
`cargo run --release -p tiemap-core --example community_bench -- target/bench/community 0`
(planted partitions at 1k, 10k and 100k nodes with their truth, plus the karate club and
Les Miserables), runs `tiemap communities FILE --seed S` and igraph's
`community_leiden(objective_function="modularity", weights="weight", resolution=1,
n_iterations=-1)` with seeds 0..SEEDS-1 on each (interleaved, so both see the same machine
load), and prints a markdown table: best modularity (ours vs igraph), NMI of the best run
against the planted truth, and median and minimum time of one run (algorithm only, file
reading excluded, both native, wall clock). Writes everything to
target/bench/community.json.
"""
import argparse
import json
import math
import os
import random
import statistics
import subprocess
import sys
import time

import igraph as ig

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
OUT_DIR = os.path.join(ROOT, "target", "bench", "community")
GRAPHS = ["karate", "lesmis", "planted_1k", "planted_10k", "planted_100k"]


def read_edges(path):
    n, edges, weights = 0, [], []
    with open(path) as f:
        for line in f:
            if line.startswith("# nodes"):
                n = int(line.split()[2])
                continue
            if line.startswith("#") or not line.strip():
                continue
            parts = line.split()
            edges.append((int(parts[0]), int(parts[1])))
            weights.append(float(parts[2]) if len(parts) > 2 else 1.0)
    g = ig.Graph(n=n, edges=edges)
    g.es["weight"] = weights
    return g


def read_truth(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return [int(x) for x in f if x.strip()]


def nmi(a, b):
    """Normalised mutual information, arithmetic mean (as sklearn's default)."""
    n = len(a)
    if n == 0:
        return 1.0
    from collections import Counter
    ca, cb, cab = Counter(a), Counter(b), Counter(zip(a, b))
    if len(ca) == len(cb) == 1:
        return 1.0

    def h(c):
        return -sum(v / n * math.log(v / n) for v in c.values())

    ha, hb, hab = h(ca), h(cb), h(cab)
    denom = (ha + hb) / 2
    return 1.0 if denom == 0 else max(0.0, ha + hb - hab) / denom


def run_igraph(g, seed):
    random.seed(seed)
    start = time.perf_counter()
    part = g.community_leiden(objective_function="modularity", weights="weight",
                              resolution=1, n_iterations=-1)
    elapsed = time.perf_counter() - start
    return {"seed": seed, "time_s": elapsed,
            "modularity": g.modularity(part.membership, weights="weight"),
            "community_count": len(part), "membership": part.membership}


def run_ours(tiemap, path, seed):
    out = os.path.join(OUT_DIR, "labels.json")
    subprocess.run([tiemap, "communities", path, "--seed", str(seed), "--out", out],
                   check=True, stderr=subprocess.DEVNULL)
    with open(out) as f:
        v = json.load(f)
    return {"seed": seed, "time_s": v["time_s"], "modularity": v["modularity"],
            "community_count": v["community_count"], "membership": v["labels"]}


def summary(runs, truth):
    best = max(runs, key=lambda r: r["modularity"])
    return {
        "best_modularity": best["modularity"],
        "mean_modularity": statistics.fmean(r["modularity"] for r in runs),
        "best_community_count": best["community_count"],
        "nmi_best_vs_truth": nmi(best["membership"], truth) if truth else None,
        "median_time_s": statistics.median(r["time_s"] for r in runs),
        "min_time_s": min(r["time_s"] for r in runs),
        "runs": [{k: v for k, v in r.items() if k != "membership"} for r in runs],
    }


def strict(v):
    """`v` with NaN and infinities as None, so the file is strict JSON (xtask reads it)."""
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    if isinstance(v, dict):
        return {k: strict(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [strict(x) for x in v]
    return v


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=5)
    args = ap.parse_args()
    os.makedirs(OUT_DIR, exist_ok=True)
    subprocess.run(["cargo", "build", "--release", "-p", "tiemap-cli"], cwd=ROOT, check=True)
    subprocess.run(["cargo", "run", "--release", "-p", "tiemap-core", "--example",
                    "community_bench", "--", OUT_DIR, "0"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    tiemap = os.path.join(ROOT, "target", "release", "tiemap")
    results = []
    for name in GRAPHS:
        path = os.path.join(OUT_DIR, f"{name}.edges")
        truth = read_truth(os.path.join(OUT_DIR, f"{name}.truth"))
        g = read_edges(path)
        # Interleaved, so both see the same machine load.
        ours_runs, igraph_runs = [], []
        for seed in range(args.seeds):
            ours_runs.append(run_ours(tiemap, path, seed))
            igraph_runs.append(run_igraph(g, seed))
        ours = summary(ours_runs, truth)
        theirs = summary(igraph_runs, truth)
        results.append({"graph": name, "nodes": g.vcount(), "edges": g.ecount(),
                        "ours": ours, "igraph": theirs,
                        "modularity_gap": ours["best_modularity"] - theirs["best_modularity"]})
        print(f"{name}: done", file=sys.stderr)
    report = {"igraph_version": ig.__version__, "seeds": args.seeds,
              "cpu_count": os.cpu_count(), "load_average": os.getloadavg(), "graphs": results}
    with open(os.path.join(ROOT, "target", "bench", "community.json"), "w") as f:
        json.dump(strict(report), f, indent=1, allow_nan=False)
    print(f"igraph {ig.__version__}, best of {args.seeds} seeds, median and minimum time of one run, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    print("| graph | nodes | edges | Q ours | Q igraph | Q ours - igraph | NMI ours | NMI igraph "
          "| time ours (s) | time igraph (s) | min ours (s) | min igraph (s) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        o, t = r["ours"], r["igraph"]

        def fmt(x):
            return "-" if x is None else f"{x:.4f}"
        print(f"| {r['graph']} | {r['nodes']} | {r['edges']} | {o['best_modularity']:.6f} "
              f"| {t['best_modularity']:.6f} | {r['modularity_gap']:+.6f} "
              f"| {fmt(o['nmi_best_vs_truth'])} | {fmt(t['nmi_best_vs_truth'])} "
              f"| {o['median_time_s']:.4f} | {t['median_time_s']:.4f} "
              f"| {o['min_time_s']:.4f} | {t['min_time_s']:.4f} |")


if __name__ == "__main__":
    main()
