#!/usr/bin/env python3
"""communities_check.py -- the Python side of compare.py's community kernels (runs in the venv).

compare.py itself uses the standard library only; everything that needs networkx, networkit or igraph
is here, called by compare.py with the venv's Python. Three subcommands, each writing JSON:

  check EDGES --partition NAME=CSV ... --json OUT
      For each Meshwork partition (CSV `id,community`, as `meshwork communities -o` writes it):
      networkx.community.modularity on EDGES read as networkx would see Meshwork's graph (ids as
      string tokens, '#'/'%' lines skipped, undirected, duplicates merged, self-loops dropped), the
      number of communities, and how many communities are not connected (union-find over the edges
      inside each community).
  lfr --outdir DIR --n N --mu 0.1,0.2,... --seed S --json OUT
      LFR graphs from networkit's LFRGenerator with fixed parameters (avgDegree 20,
      maxDegree 200, degree exponent -2, community sizes 50..1000, exponent -1) and only mu varied;
      setNumberOfThreads(1) and engineering.setSeed(S, False) before each one, so reproducible.
      Writes DIR/lfrN-muX-seedS.edges ("u v", 0-based, each edge once) and .planted.csv (`id,group`);
      existing files are reused (the JSON records their sha256).
  nmi EDGES --planted CSV --partition NAME=CSV ... --json OUT
      NMI (arithmetic mean: 2 I(A;B) / (H(A) + H(B)), natural logs, 1 when both entropies are 0; the
      formula of Meshwork's PartitionComparison) of each given partition against the planted one, and
      of igraph's community_multilevel and community_leiden(objective_function='modularity',
      n_iterations=2) (random.seed(42) before each, as anchors.py), with their times and
      modularity (igraph Graph.modularity).
"""
import argparse
import hashlib
import json
import math
import os
import random
import sys
import time
from collections import Counter, defaultdict


def read_edges(path):
    import gzip
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    edges = []
    with opener(path, "rt") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2 or parts[0].startswith("#") or parts[0].startswith("%"):
                continue
            edges.append((parts[0], parts[1]))
    return edges


def read_partition(path, column=1):
    part = {}
    with open(path) as f:
        next(f)   # header
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            cells = line.split(",")
            part[cells[0]] = cells[column]
    return part


def nx_graph(edges):
    import networkx as nx
    G = nx.Graph()
    G.add_edges_from(edges)
    G.remove_edges_from(list(nx.selfloop_edges(G)))
    return G


def disconnected_communities(G, part):
    """Number of communities whose induced subgraph is not connected (union-find)."""
    parent = {v: v for v in G}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for u, v in G.edges():
        if part[u] == part[v]:
            ru, rv = find(u), find(v)
            if ru != rv:
                parent[ru] = rv
    roots = defaultdict(set)
    for v in G:
        roots[part[v]].add(find(v))
    bad = sorted(c for c, r in roots.items() if len(r) > 1)
    return len(bad), bad[:10]


def nmi(a, b):
    """2 I(A;B) / (H(A) + H(B)) over the keys of a (b must cover them)."""
    keys = list(a)
    n = len(keys)
    ca = Counter(a[k] for k in keys)
    cb = Counter(b[k] for k in keys)
    cab = Counter((a[k], b[k]) for k in keys)
    ha = -sum(c / n * math.log(c / n) for c in ca.values())
    hb = -sum(c / n * math.log(c / n) for c in cb.values())
    if ha + hb == 0:
        return 1.0
    mi = sum(c / n * math.log(c * n / (ca[x] * cb[y])) for (x, y), c in cab.items())
    return 2 * mi / (ha + hb)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 22), b""):
            h.update(chunk)
    return h.hexdigest()


def named(specs):
    out = []
    for s in specs:
        name, _, path = s.partition("=")
        out.append((name, path))
    return out


def cmd_check(args):
    import networkx as nx
    t0 = time.perf_counter()
    G = nx_graph(read_edges(args.edges))
    out = dict(edges=args.edges, nodes=G.number_of_nodes(), m=G.number_of_edges(), networkx=nx.__version__,
               partitions={})
    for name, path in named(args.partition):
        part = read_partition(path)
        groups = defaultdict(set)
        for v in G:
            groups[part[v]].add(v)
        q = nx.community.modularity(G, list(groups.values()))
        nbad, sample = disconnected_communities(G, part)
        out["partitions"][name] = dict(path=path, networkx_modularity=q, communities=len(set(part.values())),
                                       disconnected_communities=nbad, disconnected_sample=sample)
    out["seconds"] = time.perf_counter() - t0
    with open(args.json, "w") as f:
        json.dump(out, f, indent=1)


LFR = dict(avgDegree=20, maxDegree=200, nodeDegreeExp=-2, minCommunitySize=50, maxCommunitySize=1000,
           communitySizeExp=-1)


def cmd_lfr(args):
    import networkit as nk
    nk.setNumberOfThreads(1)
    os.makedirs(args.outdir, exist_ok=True)
    out = []
    for mu in [float(x) for x in args.mu.split(",")]:
        base = os.path.join(args.outdir, "lfr%s-mu%.1f-seed%d" % (label(args.n), mu, args.seed))
        edges, planted = base + ".edges", base + ".planted.csv"
        rec = dict(mu=mu, n=args.n, seed=args.seed, params=LFR, edges=edges, planted=planted,
                   calls="setNumberOfThreads(1); engineering.setSeed(%d, False); LFRGenerator(%d); "
                         "generatePowerlawDegreeSequence(20, 200, -2); generatePowerlawCommunitySizeSequence(50, 1000, -1); "
                         "setMu(%.1f); run(); getGraph(); removeMultiEdges(); removeSelfLoops(); "
                         "EdgeListWriter(' ', 0, False)" % (args.seed, args.n, mu))
        if not (os.path.exists(edges) and os.path.exists(planted)):
            nk.engineering.setSeed(args.seed, False)
            t = time.perf_counter()
            lfr = nk.generators.LFRGenerator(args.n)
            lfr.generatePowerlawDegreeSequence(LFR["avgDegree"], LFR["maxDegree"], LFR["nodeDegreeExp"])
            lfr.generatePowerlawCommunitySizeSequence(LFR["minCommunitySize"], LFR["maxCommunitySize"],
                                                      LFR["communitySizeExp"])
            lfr.setMu(mu)
            lfr.run()
            G = lfr.getGraph()
            G.removeMultiEdges()
            G.removeSelfLoops()
            part = lfr.getPartition()
            nk.graphio.EdgeListWriter(" ", 0, False).write(G, edges + ".partial")
            with open(planted + ".partial", "w") as f:
                f.write("id,group\n")
                for v in range(G.numberOfNodes()):
                    f.write("%d,%d\n" % (v, part.subsetOf(v)))
            os.replace(edges + ".partial", edges)
            os.replace(planted + ".partial", planted)
            rec["generation_s"] = time.perf_counter() - t
            rec["planted_modularity_networkit"] = nk.community.Modularity().getQuality(part, G)
            print("[lfr] mu %.1f: n %d m %d, %d planted communities, %.1f s" % (
                mu, G.numberOfNodes(), G.numberOfEdges(), part.numberOfSubsets(), rec["generation_s"]),
                file=sys.stderr, flush=True)
        rec["sha256"] = sha256(edges)
        rec["planted_sha256"] = sha256(planted)
        with open(edges) as f:
            rec["m"] = sum(1 for _ in f)
        rec["planted_communities"] = len(set(read_partition(planted).values()))
        out.append(rec)
    with open(args.json, "w") as f:
        json.dump(out, f, indent=1)


def label(n):
    return "%dk" % (n // 1000) if n % 1000 == 0 else str(n)


def cmd_nmi(args):
    import igraph as ig
    planted = read_partition(args.planted)
    out = dict(edges=args.edges, planted=args.planted, igraph=ig.__version__, partitions={})
    for name, path in named(args.partition):
        p = read_partition(path)
        out["partitions"][name] = dict(nmi=nmi(planted, p), communities=len(set(p.values())))
    # igraph on the same file (0-based integer ids, each edge once: lfr files are canonical)
    g = ig.Graph.Read_Edgelist(args.edges, directed=False)
    g.simplify(multiple=True, loops=True)
    runs = [("igraph multilevel", lambda: g.community_multilevel()),
            ("igraph community_leiden", lambda: g.community_leiden(objective_function="modularity", n_iterations=2))]
    try:
        import leidenalg
        runs.append(("leidenalg", lambda: leidenalg.find_partition(g, leidenalg.ModularityVertexPartition, seed=42)))
    except ImportError:
        pass
    for name, fn in runs:
        random.seed(42)
        t = time.perf_counter()
        c = fn()
        t = time.perf_counter() - t
        memb = {str(v): str(c.membership[v]) for v in range(g.vcount())}
        out["partitions"][name] = dict(nmi=nmi(planted, memb), communities=len(set(c.membership)),
                                       seconds=t, modularity=g.modularity(c.membership))
    with open(args.json, "w") as f:
        json.dump(out, f, indent=1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("check")
    c.add_argument("edges")
    c.add_argument("--partition", action="append", default=[], metavar="NAME=CSV")
    c.add_argument("--json", required=True)
    l = sub.add_parser("lfr")  # noqa: E741
    l.add_argument("--outdir", required=True)
    l.add_argument("--n", type=int, default=20000)
    l.add_argument("--mu", default="0.1,0.2,0.3,0.4,0.5")
    l.add_argument("--seed", type=int, default=42)
    l.add_argument("--json", required=True)
    m = sub.add_parser("nmi")
    m.add_argument("edges")
    m.add_argument("--planted", required=True)
    m.add_argument("--partition", action="append", default=[], metavar="NAME=CSV")
    m.add_argument("--json", required=True)
    args = ap.parse_args()
    dict(check=cmd_check, lfr=cmd_lfr, nmi=cmd_nmi)[args.cmd](args)


if __name__ == "__main__":
    main()
