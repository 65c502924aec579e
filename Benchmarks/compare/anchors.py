#!/usr/bin/env python3
"""anchors.py -- times one anchor library (igraph, NetworKit or NetworkX) on one canonical edge list.

Runs in Benchmarks/compare/.venv (setup.sh, versions pinned in requirements.txt); compare.py starts
one process per library, so each library's peak memory is its own.

    python anchors.py CANONICAL --lib igraph|networkit|networkx --kernels k1,k2,... --json OUT
                      [--runs 3] [--seeds 1,2,3] [--long 5] [--threads 2]

CANONICAL: "u v" lines, 0 <= u < v < n, each undirected edge once, every vertex 0..n-1 on some edge
(compare.py writes it, untimed, from the raw edge list: ids numbered in order of first appearance,
self-loops and duplicates dropped: the graph Meshwork builds from the raw file).

Timing: time.perf_counter around the library call including materialising its natural result (a
list, a Partition, a dict). Every kernel runs --runs times, or once when its first run took more than
--long seconds. A community kernel's k-th run uses the k-th seed of --seeds (python `random.seed` for
igraph and leidenalg, `engineering.setSeed` for NetworKit, `seed=` for NetworkX), and its modularity
(resolution 1, unweighted: igraph `Graph.modularity`, NetworKit `Modularity().getQuality`, NetworkX
`community.modularity`) is recorded per run. NetworKit runs with --threads threads (default 2);
igraph, leidenalg and NetworkX are single-threaded except igraph's PageRank (PRPACK, OpenMP).

Writes JSON: {"lib", "versions", "threads", "peak_rss_mib", "impls": {IMPL: {KERNEL: {"runs": [s],
"modularity": [q] (community kernels), "communities": [c], "settings": "..."}}}} where IMPL is the
library, or "leidenalg" for the Leiden of the leidenalg package (run by the igraph worker with
--leidenalg). A kernel
the library lacks is absent; one that raises is recorded with "error".
"""
import argparse
import gc
import json
import os
import random
import resource
import sys
import time

COMMUNITY_KERNELS = ("louvain", "leiden", "label_propagation")


class Timer:
    def __init__(self, runs, long_s, seeds):
        self.runs, self.long_s, self.seeds = runs, long_s, seeds
        self.impls = {}

    def kernel(self, impl, kernel, fn, settings, seed=None, quality=None):
        """fn(seed) -> result; seed(s) is called before each run (untimed); quality(result) -> (Q, count)."""
        rec = dict(settings=settings, runs=[])
        self.impls.setdefault(impl, {})[kernel] = rec
        try:
            for i in range(self.runs):
                s = self.seeds[i % len(self.seeds)]
                gc.collect()
                if seed:
                    seed(s)
                t0 = time.perf_counter()
                r = fn()
                rec["runs"].append(time.perf_counter() - t0)
                if quality:
                    q, c = quality(r)
                    rec.setdefault("modularity", []).append(q)
                    rec.setdefault("communities", []).append(c)
                    rec.setdefault("seeds", []).append(s)
                del r
                if rec["runs"][-1] > self.long_s and not quality:
                    break
        except Exception as e:  # noqa: BLE001 -- a library's failure is a result, not a crash
            rec["error"] = "%s: %s" % (type(e).__name__, e)
        print("[anchors %s] %-20s %s%s" % (impl, kernel, " ".join("%.4f" % t for t in rec["runs"]),
                                            (" Q " + " ".join("%.4f" % q for q in rec.get("modularity", [])))
                                            if quality else ""), file=sys.stderr, flush=True)


def run_igraph(path, kernels, T, with_leidenalg):
    import igraph as ig
    import leidenalg

    def load():   # simplify(): what Meshwork's loader does too (the canonical file has nothing to drop)
        g = ig.Graph.Read_Edgelist(path, directed=False)
        g.simplify(multiple=True, loops=True)
        return g
    T.kernel("igraph", "load", load, "Graph.Read_Edgelist(directed=False) + simplify()")
    g = load()
    pyseed = random.seed   # python-igraph draws from Python's `random` module
    table = {
        "components": (lambda: g.connected_components(mode="weak"), "connected_components(mode='weak')"),
        "degree": (lambda: g.degree(), "degree()"),
        "pagerank": (lambda: g.pagerank(damping=0.85, directed=False, implementation="prpack"),
                     "pagerank(damping=0.85, implementation='prpack') (tolerance 1e-10, fixed in igraph)"),
        "eigenvector": (lambda: g.eigenvector_centrality(), "eigenvector_centrality() (ARPACK)"),
        "kcore": (lambda: g.coreness(), "coreness()"),
        "clustering_local": (lambda: g.transitivity_local_undirected(mode="zero"),
                             "transitivity_local_undirected(mode='zero')"),
        "bridges": (lambda: g.bridges(), "bridges()"),
        "articulation_points": (lambda: g.articulation_points(), "articulation_points()"),
        "betweenness_exact": (lambda: g.betweenness(directed=False), "betweenness(directed=False)"),
        "closeness": (lambda: g.closeness(normalized=True), "closeness(normalized=True)"),
        "harmonic": (lambda: g.harmonic_centrality(normalized=False), "harmonic_centrality(normalized=False)"),
    }
    for k in kernels:
        if k in table:
            fn, settings = table[k]
            T.kernel("igraph", k, fn, settings)

    def q(c):
        return g.modularity(c.membership), len(c)
    if "louvain" in kernels:
        T.kernel("igraph", "louvain", lambda: g.community_multilevel(), "community_multilevel()", pyseed, q)
    if "leiden" in kernels:
        T.kernel("igraph", "leiden", lambda: g.community_leiden(objective_function="modularity", n_iterations=2),
                 "community_leiden(objective_function='modularity', n_iterations=2)", pyseed, q)
    if "leiden" in kernels and with_leidenalg:
        seeds = {}
        T.kernel("leidenalg", "leiden",
                 lambda: leidenalg.find_partition(g, leidenalg.ModularityVertexPartition, seed=seeds["s"]),
                 "leidenalg.find_partition(g, ModularityVertexPartition, seed=S)",
                 lambda s: seeds.__setitem__("s", s), q)
    if "label_propagation" in kernels:
        T.kernel("igraph", "label_propagation", lambda: g.community_label_propagation(),
                 "community_label_propagation()", pyseed, q)
    return dict(igraph=ig.__version__, leidenalg=leidenalg.version), 1


def run_networkit(path, kernels, T, threads):
    import networkit as nk
    nk.engineering.setLogLevel("ERROR")
    nk.setNumberOfThreads(threads)

    def load():
        G = nk.graphio.EdgeListReader(" ", 0, "#", True, False).read(path)
        G.removeMultiEdges()
        G.removeSelfLoops()
        return G
    T.kernel("networkit", "load", load, "graphio.EdgeListReader(' ', 0, '#', continuous=True, directed=False) + "
             "removeMultiEdges() + removeSelfLoops()")
    G = load()
    n = G.numberOfNodes()

    def scores(alg):
        alg.run()
        return alg.scores()

    def run(alg):
        alg.run()
        return alg

    def cut():
        b = nk.components.BiconnectedComponents(G)
        b.run()
        comps = b.getComponents()
        seen = [0] * n
        for c in comps:
            for v in c:
                seen[v] += 1
        return sum(1 for c in comps if len(c) == 2), sum(1 for x in seen if x >= 2)
    table = {
        "components": (lambda: run(nk.components.ConnectedComponents(G)).getComponentSizes(),
                       "components.ConnectedComponents"),
        "degree": (lambda: scores(nk.centrality.DegreeCentrality(G)), "centrality.DegreeCentrality"),
        "pagerank": (lambda: scores(nk.centrality.PageRank(G, damp=0.85, tol=1e-9)),
                     "centrality.PageRank(damp=0.85, tol=1e-9) (L2 norm of the change)"),
        "eigenvector": (lambda: scores(nk.centrality.EigenvectorCentrality(G, tol=1e-9)),
                        "centrality.EigenvectorCentrality(tol=1e-9)"),
        "kcore": (lambda: scores(nk.centrality.CoreDecomposition(G)), "centrality.CoreDecomposition"),
        "clustering_local": (lambda: scores(nk.centrality.LocalClusteringCoefficient(G, turbo=False)),
                             "centrality.LocalClusteringCoefficient(turbo=False)"),
        # one BiconnectedComponents run gives both (NetworKit has no dedicated call)
        "bridges": (cut, "components.BiconnectedComponents: 2-vertex components"),
        "articulation_points": (cut, "components.BiconnectedComponents: vertices in two or more components"),
        "betweenness_exact": (lambda: scores(nk.centrality.Betweenness(G, normalized=False)),
                              "centrality.Betweenness(normalized=False)"),
        "closeness": (lambda: scores(nk.centrality.Closeness(G, True, nk.centrality.ClosenessVariant.GENERALIZED)),
                      "centrality.Closeness(normalized=True, GENERALIZED)"),
        "harmonic": (lambda: scores(nk.centrality.HarmonicCloseness(G, normalized=False)),
                     "centrality.HarmonicCloseness(normalized=False)"),
    }
    for k in kernels:
        if k in table:
            fn, settings = table[k]
            T.kernel("networkit", k, fn, settings)

    def seed(s):
        nk.engineering.setSeed(s, False)

    def q(p):
        return nk.community.Modularity().getQuality(p, G), p.numberOfSubsets()
    community = {
        "louvain": (lambda: nk.community.PLM(G, refine=False, gamma=1.0).run().getPartition(),
                    "community.PLM(refine=False, gamma=1.0)"),
        "leiden": (lambda: nk.community.ParallelLeiden(G, randomize=True, iterations=3, gamma=1.0).run().getPartition(),
                   "community.ParallelLeiden(randomize=True, iterations=3, gamma=1.0)"),
        "label_propagation": (lambda: nk.community.PLP(G).run().getPartition(), "community.PLP"),
    }
    for k in kernels:
        if k in community:
            fn, settings = community[k]
            T.kernel("networkit", k, fn, settings, seed, q)
    return dict(networkit=nk.__version__), nk.getMaxNumberOfThreads()


def run_networkx(path, kernels, T):
    import networkx as nx

    def load():
        return nx.read_edgelist(path, nodetype=int)
    T.kernel("networkx", "load", load, "read_edgelist(nodetype=int)")
    G = load()
    table = {
        "components": (lambda: list(nx.connected_components(G)), "connected_components"),
        "degree": (lambda: dict(G.degree()), "degree"),
        "pagerank": (lambda: nx.pagerank(G, alpha=0.85), "pagerank(alpha=0.85) (its default stopping rule)"),
        "eigenvector": (lambda: nx.eigenvector_centrality_numpy(G), "eigenvector_centrality_numpy"),
        "kcore": (lambda: nx.core_number(G), "core_number"),
        "clustering_local": (lambda: nx.clustering(G), "clustering"),
        "bridges": (lambda: list(nx.bridges(G)), "bridges"),
        "articulation_points": (lambda: list(nx.articulation_points(G)), "articulation_points"),
        "betweenness_exact": (lambda: nx.betweenness_centrality(G, normalized=False),
                              "betweenness_centrality(normalized=False)"),
        "closeness": (lambda: nx.closeness_centrality(G), "closeness_centrality"),
        "harmonic": (lambda: nx.harmonic_centrality(G), "harmonic_centrality"),
    }
    for k in kernels:
        if k in table:
            fn, settings = table[k]
            T.kernel("networkx", k, fn, settings)
    seeds = {}

    def seed(s):
        seeds["s"] = s

    def q(parts):
        return nx.community.modularity(G, parts), len(parts)
    if "louvain" in kernels:
        T.kernel("networkx", "louvain", lambda: nx.community.louvain_communities(G, seed=seeds["s"]),
                 "community.louvain_communities(seed=S)", seed, q)
    if "label_propagation" in kernels:
        T.kernel("networkx", "label_propagation",
                 lambda: list(nx.community.asyn_lpa_communities(G, seed=seeds["s"])),
                 "community.asyn_lpa_communities(seed=S)", seed, q)
    return dict(networkx=nx.__version__), 1


def peak_rss_mib():
    """This process's peak resident memory since exec (Linux VmHWM). ru_maxrss is not used: the
    kernel records the forking harness's resident size into it at exec."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("canonical")
    ap.add_argument("--lib", required=True, choices=["igraph", "networkit", "networkx"])
    ap.add_argument("--kernels", required=True, help="comma-separated kernels (load is always timed)")
    ap.add_argument("--json", required=True, help="where to write the figures")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seeds", default="1,2,3", help="seeds of the community kernels' runs")
    ap.add_argument("--long", type=float, default=5.0, help="a kernel whose first run is longer runs once")
    ap.add_argument("--threads", type=int, default=2, help="NetworKit's threads")
    ap.add_argument("--leidenalg", action="store_true", help="igraph worker: also leidenalg's Leiden")
    args = ap.parse_args()
    kernels = [k for k in args.kernels.split(",") if k]
    seeds = [int(s) for s in args.seeds.split(",")]
    runs = max(args.runs, len(seeds)) if any(k in COMMUNITY_KERNELS for k in kernels) else args.runs
    T = Timer(runs, args.long, seeds)
    if args.lib == "igraph":
        versions, threads = run_igraph(args.canonical, kernels, T, args.leidenalg)
    elif args.lib == "networkit":
        versions, threads = run_networkit(args.canonical, kernels, T, args.threads)
    else:
        versions, threads = run_networkx(args.canonical, kernels, T)
    out = dict(lib=args.lib, versions=versions, threads=threads, impls=T.impls,
               peak_rss_mib=peak_rss_mib())
    tmp = args.json + ".partial"
    with open(tmp, "w") as f:
        json.dump(out, f, indent=1)
    os.replace(tmp, args.json)


if __name__ == "__main__":
    main()
