#!/usr/bin/env python3
"""louvain_gap.py -- mean modularity of Meshwork's Louvain against igraph's multilevel and
NetworkX's Louvain on small planted-partition graphs (issue 13, item 5).

    python louvain_gap.py MESHWORK_BINARY [--seeds 10] [--workdir DIR]

Needs igraph and networkx (Benchmarks/compare/setup.sh). For each graph of GRAPHS
(networkx.planted_partition_graph(groups, size, p_in, p_out, seed=graph_seed)) and each seed
0..seeds-1: `meshwork communities EDGES --method louvain --seed S`, igraph's
community_multilevel() after random.seed(S), networkx.community.louvain_communities(seed=S). Every
partition is scored with networkx.community.modularity on the same graph. Prints one row per graph:
the three means and Meshwork's gap to igraph. Quality only: no timing.
"""
import argparse
import os
import random
import subprocess
import tempfile

import igraph
import networkx as nx

# groups, size, p_in, p_out, graph seed
GRAPHS = [
    (4, 25, 0.25, 0.05, 1),
    (8, 30, 0.20, 0.03, 2),
    (10, 50, 0.10, 0.02, 3),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("meshwork")
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--workdir", default=None)
    args = ap.parse_args()
    work = args.workdir or tempfile.mkdtemp(prefix="louvain-gap-")
    os.makedirs(work, exist_ok=True)
    print("graph,nodes,edges,meshwork,igraph,networkx,meshwork_minus_igraph")
    for groups, size, p_in, p_out, gseed in GRAPHS:
        G = nx.planted_partition_graph(groups, size, p_in, p_out, seed=gseed)
        name = f"pp{groups}x{size}-{p_in}-{p_out}"
        path = os.path.join(work, name + ".edges")
        with open(path, "w") as f:
            for u, v in G.edges():
                f.write(f"{u} {v}\n")
        ig = igraph.Graph(n=G.number_of_nodes(), edges=list(G.edges()))
        mesh, igr, nxl = [], [], []
        for s in range(args.seeds):
            out = subprocess.run([args.meshwork, "communities", path, "--method", "louvain", "--seed", str(s)],
                                 check=True, capture_output=True, text=True).stdout.splitlines()[1:]
            blocks = {}
            for line in out:
                node, c = line.split(",")
                blocks.setdefault(c, set()).add(int(node))
            mesh.append(nx.community.modularity(G, list(blocks.values())))
            random.seed(s)
            membership = ig.community_multilevel().membership
            blocks = {}
            for v, c in enumerate(membership):
                blocks.setdefault(c, set()).add(v)
            igr.append(nx.community.modularity(G, list(blocks.values())))
            nxl.append(nx.community.modularity(G, nx.community.louvain_communities(G, seed=s)))
        mean = lambda xs: sum(xs) / len(xs)
        print(f"{name},{G.number_of_nodes()},{G.number_of_edges()},{mean(mesh):.5f},{mean(igr):.5f},"
              f"{mean(nxl):.5f},{mean(mesh) - mean(igr):+.5f}", flush=True)


if __name__ == "__main__":
    main()
