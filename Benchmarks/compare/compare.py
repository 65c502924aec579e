#!/usr/bin/env python3
"""compare.py -- Meshwork against igraph and NetworKit, in one run, on the same edge-list files.

For every graph (NAME=PATH, an undirected edge list "u v" with integer ids, '#' comments allowed):
  1. Meshwork: runs the release binary, RUNS times each (default 3, each a fresh process):
       meshwork components PATH --stats S -o TMP            -> seconds.load, seconds.compute
       meshwork centrality PATH --measure degree --stats S -o TMP -> seconds.compute (and load)
     and reports the median: load (from the components runs), components, degree.
  2. The anchors: an anchors_bench.py runner ($MESHWORK_ANCHORS or --anchors; not yet part of this
     repository, see issue 15) with
       --libs igraph,networkit --kernels load,components,degree --nk-one-thread ''
     (NetworKit at its default thread count, 2 here, as the anchors' own tables; igraph single-threaded).
  3. Prints a table of seconds and ratios (Meshwork / the faster of igraph and NetworKit) per kernel
     per graph, and writes it as Markdown (--md) with the raw figures as JSON (--json).

The kernels are not identical work, and the table says so:
  * load: the anchors' "load" reads a CLEAN canonical file (integer ids 0..n-1, no duplicates, made
    untimed by anchors_bench.py) with Graph.Read_Edgelist + simplify() (igraph) or EdgeListReader +
    removeMultiEdges/removeSelfLoops (NetworKit). Meshwork reads the RAW file as given, with ids as
    string tokens interned to labels, dropping self-loops and merging duplicates. The anchors'
    "load_raw" (numpy.loadtxt + relabel, for igraph; EdgeListReader non-continuous, for NetworKit),
    measured whenever the input is not already canonical, is shown too.
  * components / degree: Meshwork's seconds.compute of the command (the kernel plus building the
    per-node result arrays); anchors time the library call including materialising its result.
  * community kernels (--kernels load,louvain,leiden,label_propagation): Meshwork runs
    `meshwork communities PATH --method M --seed 42` (seconds.compute: detection plus the modularity
    of the result); its last run's partition is kept and communities_check.py (venv) recomputes its
    modularity with networkx.community.modularity (must equal the stats value to 1e-9; a mismatch is
    flagged loudly) and counts disconnected communities. The anchors' times and modularities come from
    anchors_bench.py (igraph multilevel / community_leiden / label propagation, leidenalg, NetworKit
    PLM / ParallelLeiden / PLP). A second table gives the ratios and issue 4's targets.
  * --lfr-nmi: LFR graphs with mixing 0.1..0.5 (cached in .cache/), NMI against the planted partition
    for Meshwork's three methods and igraph's multilevel and community_leiden (and leidenalg).
Standard library only (the anchors and communities_check.py need the venv made by setup.sh).

Usage:
  Benchmarks/compare/setup.sh                       # once: the venv with igraph, networkit, ...
  swift build -c release                            # at the repository root
  python3 Benchmarks/compare/compare.py             # ca-AstroPh and the cached ~10M-edge graph
  python3 Benchmarks/compare/compare.py --make-big  # first make the ~10M-edge graph (500k members)
"""
import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
ROOT = os.path.dirname(BENCH)
# Each kernel: the Meshwork command whose --stats seconds.compute is timed (the anchors' kernel of the
# same name is timed on their side). `load` is the seconds.load of the components command.
MESHWORK_COMMANDS = {
    "components": ["components"],
    "degree": ["centrality", "--measure", "degree"],
    "bridges": ["bridges"],
    "articulation_points": ["articulation-points"],
    "pagerank": ["centrality", "--measure", "pagerank"],
    "eigenvector": ["centrality", "--measure", "eigenvector"],
    "kcore": ["centrality", "--measure", "kcore"],
    "clustering_local": ["centrality", "--measure", "clustering"],
    "betweenness_exact": ["centrality", "--measure", "betweenness"],
    "closeness": ["centrality", "--measure", "closeness"],
    "harmonic": ["centrality", "--measure", "harmonic"],
    "louvain": ["communities", "--method", "louvain", "--seed", "42"],
    "leiden": ["communities", "--method", "leiden", "--seed", "42"],
    "label_propagation": ["communities", "--method", "label-propagation", "--seed", "42"],
}
# Community kernels: Meshwork's partition is kept, its modularity recomputed with networkx (and its
# communities checked for connectivity) by communities_check.py in the venv; the anchors' modularity
# is anchors_bench.py's (igraph Graph.modularity on its canonical graph).
COMMUNITY_KERNELS = ["louvain", "leiden", "label_propagation"]
# Per community kernel: the anchors whose time is the reference (the faster of them) and the anchor whose
# modularity is the reference, with issue 4's targets (None: no target, shown for information).
COMMUNITY_TARGETS = {
    "louvain": dict(time_ref=["igraph", "networkit"], q_ref="igraph", max_ratio=1.0, q_slack=0.002),
    "leiden": dict(time_ref=["igraph"], q_ref="leidenalg", max_ratio=1.0, q_slack=0.002),
    "label_propagation": dict(time_ref=["igraph", "networkit"], q_ref="igraph", max_ratio=None, q_slack=None),
}
MODULARITY_TOLERANCE = 1e-9
KERNELS = ["load", "components", "degree"]   # the default; --kernels chooses others
LIBS = ["igraph", "networkit"]
DEFAULT_GRAPHS = [
    ("ca-AstroPh", os.path.join(os.environ.get("MESHWORK_RAW_DATA", "."), "snap-ca-AstroPh", "ca-AstroPh-undirected.txt")),
]


def label(n):
    if n % 1_000_000 == 0:
        return "%dm" % (n // 1_000_000)
    if n % 1_000 == 0:
        return "%dk" % (n // 1_000)
    return str(n)


def log(msg):
    print("[compare %s] %s" % (time.strftime("%H:%M:%S"), msg), file=sys.stderr, flush=True)


def loadavg():
    try:
        return os.getloadavg()
    except OSError:
        return None


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / (1 << 30)
    return dict(cpu=cpu, nproc=os.cpu_count(), mem_gib=round(mem, 1), platform=platform.platform(),
                python=platform.python_version())


# ---------------------------------------------------------------------------------------- Meshwork

def run_meshwork(binary, args, workdir, keep=None):
    """One fresh process; returns (stats dict, wall seconds, rusage of that child). With `keep`, the
    output file is moved there (and its sha256 recorded) instead of deleted."""
    stats = os.path.join(workdir, "stats.json")
    out = os.path.join(workdir, "out.csv")
    err = os.path.join(workdir, "stderr.txt")
    for p in (stats, out):
        if os.path.exists(p):
            os.remove(p)
    cmd = [binary] + args + ["--stats", stats, "-o", out]
    with open(err, "w") as ferr:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=ferr)
        _, status, ru = os.wait4(p.pid, 0)   # this child's own rusage (max RSS, CPU)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        with open(err) as f:
            raise RuntimeError("%s exited %d: %s" % (" ".join(cmd), p.returncode, f.read().strip()[-2000:]))
    with open(stats) as f:
        s = json.load(f)
    if keep:
        s["output_sha256"] = sha256(out)
        os.replace(out, keep)
    else:
        os.remove(out)
    s["process_wall"] = wall
    s["process_cpu"] = ru.ru_utime + ru.ru_stime
    s["process_maxrss_kib"] = ru.ru_maxrss
    return s, wall


def sha256(path):
    import hashlib
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 22), b""):
            h.update(chunk)
    return h.hexdigest()


def meshwork_figures(binary, path, runs, workdir, keepdir=None):
    """Median seconds.compute per kernel over `runs` fresh processes (load: from the components runs).
    Community kernels: the partition of the last run is kept as KEEPDIR/meshwork-KERNEL.csv."""
    per = {k: [] for k in KERNELS if k != "load"}
    if "components" not in per:
        per["components"] = []   # the load figure and the graph counts come from these runs
    for i in range(runs):
        for kernel in per:
            keep = os.path.join(keepdir, "meshwork-%s.csv" % kernel) if kernel in COMMUNITY_KERNELS else None
            s, w = run_meshwork(binary, MESHWORK_COMMANDS[kernel] + [path], workdir, keep=keep)
            per[kernel].append(s)
            log("meshwork %-20s run %d: load %.4f compute %.4f (process %.3f s, max RSS %.1f MiB)"
                % (kernel, i + 1, s["seconds"]["load"], s["seconds"]["compute"], w, s["process_maxrss_kib"] / 1024))
    comp = per["components"]
    first = comp[0]
    figures = dict(
        load=statistics.median(s["seconds"]["load"] for s in comp),
        load_runs=[s["seconds"]["load"] for s in comp],
        nodes=first["nodes"], edges=first["edges"], self_loops=first.get("self_loops"),
        duplicate_edges=first.get("duplicate_edges"), graph_bytes=first.get("graph_bytes"),
        bytes_per_edge=(first["graph_bytes"] / first["edges"]) if first.get("graph_bytes") and first["edges"] else None,
        components_count=first.get("components"),
        max_rss_mib=max(x["process_maxrss_kib"] for runs_ in per.values() for x in runs_) / 1024,
        process_wall_components=[x["process_wall"] for x in comp],
        process_cpu_components=[x["process_cpu"] for x in comp],
    )
    for kernel, stats in per.items():
        figures[kernel] = statistics.median(s["seconds"]["compute"] for s in stats)
        figures[kernel + "_runs"] = [s["seconds"]["compute"] for s in stats]
        if kernel in COMMUNITY_KERNELS:
            last = stats[-1]
            figures[kernel + "_community"] = dict(
                partition=os.path.join(keepdir, "meshwork-%s.csv" % kernel),
                modularity=last.get("modularity"), communities=last.get("communities"),
                levels=last.get("levels"), iterations=last.get("iterations"), moves=last.get("moves"),
                modularity_runs=[s.get("modularity") for s in stats],
                # same seed, fresh processes: the outputs must be byte-identical
                identical_outputs=len(set(s["output_sha256"] for s in stats)) == 1)
    return figures


def check_partitions(python, path, figures, outdir):
    """networkx modularity and connectivity of Meshwork's kept partitions (communities_check.py check)."""
    kernels = [k for k in COMMUNITY_KERNELS if k + "_community" in figures]
    if not kernels:
        return
    js = os.path.join(outdir, "partition-check.json")
    cmd = [python, os.path.join(HERE, "communities_check.py"), "check", path, "--json", js]
    for k in kernels:
        cmd += ["--partition", "%s=%s" % (k, figures[k + "_community"]["partition"])]
    log("partition check: " + " ".join(cmd))
    subprocess.run(cmd, check=True)
    with open(js) as f:
        res = json.load(f)
    for k in kernels:
        c = figures[k + "_community"]
        r = res["partitions"][k]
        c["networkx_modularity"] = r["networkx_modularity"]
        c["disconnected_communities"] = r["disconnected_communities"]
        c["modularity_diff"] = abs(c["modularity"] - r["networkx_modularity"])
        c["modularity_agrees"] = c["modularity_diff"] <= MODULARITY_TOLERANCE
        if not c["modularity_agrees"]:
            log("!!!!!!!! MODULARITY MISMATCH %s on %s: stats %.12f, networkx %.12f (|diff| %.3g > %g) !!!!!!!!"
                % (k, path, c["modularity"], r["networkx_modularity"], c["modularity_diff"], MODULARITY_TOLERANCE))
        if not c["identical_outputs"]:
            log("!!!!!!!! %s on %s: the same seed gave different outputs across runs !!!!!!!!" % (k, path))
        if k == "leiden" and r["disconnected_communities"]:
            log("!!!!!!!! leiden on %s: %d disconnected communities (e.g. %s) !!!!!!!!"
                % (path, r["disconnected_communities"], r["disconnected_sample"]))


# ----------------------------------------------------------------------------------------- anchors

def anchors_figures(python, anchors, name, path, outdir, fast_threshold):
    results = os.path.join(outdir, "anchors.json")
    md = os.path.join(outdir, "anchors.md")
    cmd = [python, anchors, path, "--name", name, "--libs", ",".join(LIBS), "--kernels", ",".join(KERNELS),
           "--nk-one-thread", "", "--tag", "compare", "--results", results, "--md", md,
           "--workdir", os.path.join(outdir, "anchors-work"), "--fast-threshold", str(fast_threshold)]
    log("anchors: " + " ".join(cmd))
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=sys.stderr)   # its log goes to stderr; stdout keeps only the table
    log("anchors finished in %.1f s (exit %d)" % (time.perf_counter() - t0, p.returncode))
    if not os.path.exists(results):
        raise RuntimeError("anchors wrote no results (exit %d)" % p.returncode)
    with open(results) as f:
        R = json.load(f)
    G = R["graphs"][name]
    run = G["runs"]["compare"]
    fig = {}
    for lib, out in run["libs"].items():
        for r in out.get("records", []):
            if r.get("status") != "ok":
                continue
            fig.setdefault(r["impl"], {})[r["kernel"]] = dict(
                t=r.get("time_s"), runs=r.get("runs"), mode=r.get("mode"), threads=r.get("threads"),
                cpu_s=r.get("cpu_s"), loadavg_1min=r.get("loadavg_1min"), settings=r.get("settings"))
    for m in run.get("modularity", []):
        cell = fig.get(m["impl"], {}).get(m["kernel"])
        if cell is not None:
            cell["modularity"] = m["modularity"]
            cell["communities"] = m["communities"]
    memory = {lib: dict(peak_rss_end_mb=out.get("peak_rss_end_mb"), memory=out.get("memory"))
              for lib, out in run["libs"].items()}
    meta = G.get("meta", {})
    return dict(impls=fig, memory=memory, versions=R.get("versions"), n=meta.get("n"), m=meta.get("m"),
                raw_is_canonical=meta.get("raw_is_canonical"), prep_s=meta.get("prep_s"),
                command=" ".join(cmd))


# ------------------------------------------------------------------------------- planted partitions

def lfr_nmi(binary, python, n, mus, seed, cachedir, outdir):
    """LFR graphs (communities_check.py lfr, cached in CACHEDIR), Meshwork's three methods (seed 42, one
    process each), igraph's multilevel / community_leiden and leidenalg (communities_check.py nmi), NMI
    against the planted partition; one `meshwork compare-partitions` cross-check per graph (leiden)."""
    helper = os.path.join(HERE, "communities_check.py")
    os.makedirs(outdir, exist_ok=True)
    gen = os.path.join(outdir, "lfr-graphs.json")
    subprocess.run([python, helper, "lfr", "--outdir", cachedir, "--n", str(n), "--mu", mus, "--seed", str(seed),
                    "--json", gen], check=True)
    with open(gen) as f:
        graphs = json.load(f)
    study = dict(n=n, seed=seed, mus=mus, graphs=[], crosscheck=[])
    for rec in graphs:
        tag = "mu%.1f" % rec["mu"]
        parts = []
        rec["meshwork"] = {}
        with tempfile.TemporaryDirectory(dir=outdir) as tmp:
            for k in COMMUNITY_KERNELS:
                keep = os.path.join(outdir, "%s-meshwork-%s.csv" % (tag, k))
                st, _ = run_meshwork(binary, MESHWORK_COMMANDS[k] + [rec["edges"]], tmp, keep=keep)
                rec["meshwork"][k] = dict(seconds=st["seconds"]["compute"], modularity=st.get("modularity"),
                                          communities=st.get("communities"))
                parts.append("meshwork %s=%s" % (k, keep))
                log("lfr %s meshwork %s: %.3f s, Q %.4f, %d communities" % (
                    tag, k, st["seconds"]["compute"], st.get("modularity"), st.get("communities")))
        js = os.path.join(outdir, "%s-nmi.json" % tag)
        cmd = [python, helper, "nmi", rec["edges"], "--planted", rec["planted"], "--json", js]
        for p in parts:
            cmd += ["--partition", p]
        subprocess.run(cmd, check=True)
        with open(js) as f:
            rec["nmi"] = json.load(f)
        for name, x in rec["nmi"]["partitions"].items():
            log("lfr %s %-28s NMI %.4f (%d communities)" % (tag, name, x["nmi"], x["communities"]))
        # cross-check with Meshwork's own compare-partitions (if the command exists)
        p = subprocess.run([binary, "compare-partitions", os.path.join(outdir, "%s-meshwork-leiden.csv" % tag),
                            rec["planted"], "--format", "json"], capture_output=True, text=True)
        if p.returncode == 0:
            mnmi = json.loads(p.stdout)["nmi"]
            pnmi = rec["nmi"]["partitions"]["meshwork leiden"]["nmi"]
            study["crosscheck"].append(dict(mu=rec["mu"], method="leiden", meshwork_nmi=mnmi, python_nmi=pnmi,
                                            agree=abs(mnmi - pnmi) <= 1e-9))
            if abs(mnmi - pnmi) > 1e-9:
                log("!!!!!!!! compare-partitions NMI %.12f != Python %.12f (%s leiden) !!!!!!!!" % (mnmi, pnmi, tag))
        else:
            log("meshwork compare-partitions unavailable or failed (exit %d): %s" % (p.returncode, p.stderr[-300:]))
        study["graphs"].append(rec)
    return study


# ---------------------------------------------------------------------------------- the big graph

def make_big(binary, members, seed, cachedir):
    """meshwork generate --members N --seed S, meshwork convert, then ids relabelled to integers
    (anchors_bench.py reads integer ids only) in order of first appearance. Returns the path."""
    os.makedirs(cachedir, exist_ok=True)
    base = os.path.join(cachedir, "gen%d-seed%d" % (members, seed))
    final = base + ".int.edges"
    if os.path.exists(final):
        return final
    dataset = base + ".dataset"
    labelled = base + ".member.edges"
    if not os.path.exists(labelled):
        if os.path.exists(dataset):
            shutil.rmtree(dataset)
        t0 = time.perf_counter()
        subprocess.run([binary, "generate", "--members", str(members), "--seed", str(seed), "-o", dataset], check=True)
        log("generate: %.1f s" % (time.perf_counter() - t0))
        t0 = time.perf_counter()
        subprocess.run([binary, "convert", dataset, "-o", labelled + ".partial"], check=True)
        os.replace(labelled + ".partial", labelled)
        log("convert: %.1f s" % (time.perf_counter() - t0))
        shutil.rmtree(dataset)
    ids = {}
    t0 = time.perf_counter()
    with open(labelled, "rb") as fi, open(final + ".partial", "w") as fo:
        out = []
        for line in fi:
            parts = line.split()
            if len(parts) < 2 or parts[0].startswith(b"#"):
                continue
            a = ids.setdefault(parts[0], len(ids))
            b = ids.setdefault(parts[1], len(ids))
            out.append("%d %d\n" % (a, b))
            if len(out) >= 1_000_000:
                fo.write("".join(out))
                out = []
        fo.write("".join(out))
    os.replace(final + ".partial", final)
    log("relabelled %d vertices to integers in %.1f s -> %s" % (len(ids), time.perf_counter() - t0, final))
    return final


# ------------------------------------------------------------------------------------------ output

def fmt(t):
    if t is None:
        return "-"
    if t >= 10:
        return "%.1f" % t
    if t >= 1:
        return "%.2f" % t
    if t >= 0.01:
        return "%.3f" % t
    return "%.2g" % t


def table(results):
    head = ["graph", "kernel", "meshwork s", "igraph s", "networkit s (2 thr)", "meshwork / best"]
    rows = []
    for g in results["graphs"]:
        mw = g["meshwork"]
        an = g["anchors"]["impls"] if g.get("anchors") else {}
        for k in [k for k in results.get("kernels", KERNELS) if k not in COMMUNITY_KERNELS]:
            ig = an.get("igraph", {}).get(k, {}).get("t")
            nk = an.get("networkit", {}).get(k, {}).get("t")
            best = min([x for x in (ig, nk) if x is not None], default=None)
            ratio = (mw[k] / best) if best else None
            g.setdefault("ratios", {})[k] = ratio
            rows.append([g["name"], k, fmt(mw[k]), fmt(ig), fmt(nk), ("%.2fx" % ratio) if ratio else "-"])
        igr = an.get("igraph", {}).get("load_raw", {}).get("t")
        nkr = an.get("networkit", {}).get("load_raw", {}).get("t")
        if igr is not None or nkr is not None:
            best = min([x for x in (igr, nkr) if x is not None])
            rows.append([g["name"], "load vs load_raw", fmt(mw["load"]), fmt(igr), fmt(nkr),
                         "%.2fx" % (mw["load"] / best)])
    return head, rows


def fq(q):
    return "-" if q is None else "%.4f" % q


def community_table(results):
    """One row per graph and community kernel: Meshwork's time, modularity (stats and networkx),
    communities and connectivity; each anchor's time and modularity; the ratio and the targets."""
    head = ["graph", "kernel", "meshwork s", "meshwork Q (stats)", "Q networkx", "stats = networkx",
            "communities", "all connected", "igraph s (Q)", "leidenalg s (Q)", "networkit s (Q, 2 thr)",
            "time ratio", "Q - Q_ref", "targets"]
    rows = []
    for g in results["graphs"]:
        mw = g["meshwork"]
        an = g["anchors"]["impls"] if g.get("anchors") else {}
        for k in [k for k in results.get("kernels", KERNELS) if k in COMMUNITY_KERNELS]:
            c = mw.get(k + "_community", {})
            tgt = COMMUNITY_TARGETS[k]
            cells = {impl: an.get(impl, {}).get(k) for impl in ("igraph", "leidenalg", "networkit")}

            def cell(impl):
                x = cells[impl]
                return "-" if not x else "%s (%s)" % (fmt(x["t"]), fq(x.get("modularity")))
            refs = [cells[i]["t"] for i in tgt["time_ref"] if cells.get(i) and cells[i].get("t") is not None]
            ratio = mw[k] / min(refs) if refs else None
            qref = (cells.get(tgt["q_ref"]) or {}).get("modularity")
            dq = c.get("modularity") - qref if (qref is not None and c.get("modularity") is not None) else None
            agrees = c.get("modularity_agrees")
            verdict = []
            if tgt["max_ratio"] is not None and ratio is not None:
                verdict.append("time %s" % ("met" if ratio <= tgt["max_ratio"] else "MISSED"))
            if tgt["q_slack"] is not None and dq is not None:
                verdict.append("Q %s" % ("met" if dq >= -tgt["q_slack"] else "MISSED"))
            if k == "leiden" and c.get("disconnected_communities") is not None:
                verdict.append("connected %s" % ("met" if c["disconnected_communities"] == 0 else "MISSED"))
            if agrees is False:
                verdict.append("Q MISMATCH")
            if c.get("identical_outputs") is False:
                verdict.append("NONDETERMINISTIC")
            g.setdefault("community_ratios", {})[k] = dict(time_ratio=ratio, dq=dq, verdict=verdict)
            disc = c.get("disconnected_communities")
            rows.append([
                g["name"], k, fmt(mw[k]), "%.6f" % c["modularity"] if c.get("modularity") is not None else "-",
                "%.6f" % c["networkx_modularity"] if c.get("networkx_modularity") is not None else "-",
                "-" if agrees is None else ("yes (%.1g)" % c["modularity_diff"] if agrees else
                                            "**MISMATCH %.3g**" % c["modularity_diff"]),
                str(c.get("communities", "-")),
                "-" if disc is None else ("yes" if disc == 0 else "**no: %d**" % disc),
                cell("igraph"), cell("leidenalg"), cell("networkit"),
                ("%.2fx" % ratio) if ratio else "-", ("%+.4f" % dq) if dq is not None else "-",
                ", ".join(verdict) or "-"])
    return head, rows


def lfr_table(results):
    study = results.get("lfr_nmi")
    if not study:
        return None, None
    names = ["meshwork louvain", "meshwork leiden", "meshwork label_propagation", "igraph multilevel",
             "igraph community_leiden", "leidenalg"]
    head = ["mu", "planted communities"] + ["%s NMI (communities)" % n for n in names]
    rows = []
    for r in study["graphs"]:
        p = r["nmi"]["partitions"]
        rows.append(["%.1f" % r["mu"], str(r["planted_communities"])] + [
            "%.4f (%d)" % (p[n]["nmi"], p[n]["communities"]) if n in p else "-" for n in names])
    return head, rows


def render_text(head, rows):
    widths = [max(len(str(r[i])) for r in [head] + rows) for i in range(len(head))]
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths))  # noqa: E731
    return "\n".join([line(head), line(["-" * w for w in widths])] + [line(r) for r in rows])


def render_md(results, head, rows):
    L = ["# Meshwork vs igraph and NetworKit", ""]
    m = results["machine"]
    L.append("Run %s UTC on %s (%d CPUs, %.1f GiB), load average before %s, after %s. Versions: %s." % (
        results["started_utc"], m["cpu"], m["nproc"], m["mem_gib"],
        " ".join("%.2f" % x for x in results["loadavg_before"] or []),
        " ".join("%.2f" % x for x in results["loadavg_after"] or []),
        ", ".join("%s %s" % kv for kv in sorted((results.get("versions") or {}).items())
                  if kv[0] in ("igraph", "networkit"))))
    L.append("")
    L.append("Seconds; Meshwork = median of %d fresh processes (`--stats` seconds.load / seconds.compute); "
             "anchors = anchors_bench.py (median of 3 when the first run is under %.0f s, else 1 run). "
             "Ratio = Meshwork / the faster of igraph and NetworKit (below 1: Meshwork is faster)."
             % (results["runs"], results["fast_threshold"]))
    L.append("")
    L.append("| " + " | ".join(head) + " |")
    L.append("|" + "---|" * len(head))
    for r in rows:
        L.append("| " + " | ".join(str(c) for c in r) + " |")
    L.append("")
    L.append("Not the same work for `load`: the anchors' `load` reads a clean canonical integer file "
             "(made untimed by anchors_bench.py) with igraph `Graph.Read_Edgelist` + `simplify()` / NetworKit "
             "`EdgeListReader` + `removeMultiEdges()`; Meshwork reads the raw file, ids as string tokens "
             "interned to labels, and drops self-loops and duplicates itself. `load vs load_raw` compares "
             "Meshwork's load with the anchors' raw-file load (numpy.loadtxt + relabel for igraph; "
             "non-continuous EdgeListReader for NetworKit), measured only when the input is not canonical. "
             "NetworKit runs with 2 threads, igraph and Meshwork with one.")
    L.append("")
    ch, cr = community_table(results)
    if cr:
        L.append("Community kernels (`meshwork communities --method M --seed 42`; Q = modularity, resolution 1; "
                 "Meshwork's Q from `--stats`, recomputed with `networkx.community.modularity` on its written "
                 "partition; anchors' Q from anchors_bench.py, igraph `Graph.modularity`). Time ratio: louvain and "
                 "label_propagation / the faster of igraph and NetworKit; leiden / igraph `community_leiden`. "
                 "Q - Q_ref: louvain and label_propagation against igraph, leiden against leidenalg. Targets "
                 "(issue 4): time ratio <= 1.0x, Q - Q_ref >= -0.002, every Leiden community connected.")
        L.append("")
        L.append("| " + " | ".join(ch) + " |")
        L.append("|" + "---|" * len(ch))
        for r in cr:
            L.append("| " + " | ".join(str(c) for c in r) + " |")
        L.append("")
    lh, lr = lfr_table(results)
    if lr:
        st = results["lfr_nmi"]
        L.append("Planted partitions: LFR graphs (networkit LFRGenerator, n = %d, seed %d, gen_graphs.py's "
                 "parameters, only mu varied), NMI = 2 I / (H_A + H_B) against the planted partition, computed in "
                 "Python. Meshwork seed 42; igraph with random.seed(42)." % (st["n"], st["seed"]))
        L.append("")
        L.append("| " + " | ".join(lh) + " |")
        L.append("|" + "---|" * len(lh))
        for r in lr:
            L.append("| " + " | ".join(str(c) for c in r) + " |")
        L.append("")
        for x in st.get("crosscheck", []):
            L.append("- cross-check `meshwork compare-partitions` mu %.1f %s: nmi %.12f vs Python %.12f (%s)" % (
                x["mu"], x["method"], x["meshwork_nmi"], x["python_nmi"], "agree" if x["agree"] else "DISAGREE"))
        L.append("")
    for g in results["graphs"]:
        mw = g["meshwork"]
        runs = "; ".join("%s runs %s" % (k, [round(x, 5) for x in mw[k + "_runs"]])
                         for k in ["load"] + [k for k in MESHWORK_COMMANDS if k + "_runs" in mw])
        L.append("- %s: `%s`, %s nodes, %s edges (Meshwork), graph_bytes %s = %.1f bytes/edge; %s; "
                 "Meshwork max RSS %.0f MiB (whole process)." % (
                     g["name"], g["path"], mw["nodes"], mw["edges"], mw["graph_bytes"], mw["bytes_per_edge"] or 0,
                     runs, mw.get("max_rss_mib") or 0))
        an = g.get("anchors") or {}
        for impl, ks in sorted(an.get("impls", {}).items()):
            L.append("  - %s: %s" % (impl, "; ".join("%s %s s (%s, runs %s)" % (
                k, fmt(v["t"]), v["mode"], [round(x, 4) for x in v["runs"] or []]) for k, v in ks.items())))
    L.append("")
    L.append("Commands: `%s`" % results["command"])
    for g in results["graphs"]:
        if g.get("anchors"):
            L.append("; `%s`" % g["anchors"]["command"])
    return "\n".join(L) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--graph", action="append", default=[], metavar="NAME=PATH",
                    help="a graph to compare (repeatable); default: ca-AstroPh and, if present, the big graph")
    ap.add_argument("--meshwork", default=os.path.join(ROOT, ".build", "release", "meshwork"),
                    help="the release binary (default: .build/release/meshwork at the repository root)")
    ap.add_argument("--anchors", default=os.environ.get("MESHWORK_ANCHORS", "anchors_bench.py"),
                    help="the anchors_bench.py runner (default: $MESHWORK_ANCHORS)")
    ap.add_argument("--python", default=os.path.join(HERE, ".venv", "bin", "python"),
                    help="the Python with igraph and networkit (default: the venv made by setup.sh)")
    ap.add_argument("--runs", type=int, default=3, help="Meshwork runs per command (median reported)")
    ap.add_argument("--kernels", default=",".join(KERNELS),
                    help="comma-separated kernels (default %%(default)s); known: load, %s" % ", ".join(MESHWORK_COMMANDS))
    ap.add_argument("--fast-threshold", type=float, default=5.0, help="passed to anchors_bench.py")
    ap.add_argument("--skip-anchors", action="store_true", help="Meshwork only (no ratios)")
    ap.add_argument("--make-big", action="store_true",
                    help="make the ~10M-edge graph first: meshwork generate --members BIG_MEMBERS --seed 42, "
                         "meshwork convert, ids relabelled to integers")
    ap.add_argument("--big-members", type=int, default=500_000,
                    help="members of the big graph (500,000 gives about 10M edges: 100,000 gave 2.0M)")
    ap.add_argument("--cache", default=os.path.join(BENCH, ".cache"), help="where the big graph is kept (gitignored)")
    ap.add_argument("--out", default=os.path.join(HERE, "out"), help="work folder (gitignored)")
    ap.add_argument("--md", default=None, help="Markdown table (default OUT/compare.md)")
    ap.add_argument("--json", default=None, help="raw figures (default OUT/compare.json)")
    ap.add_argument("--render", metavar="JSON", help="only re-render the table from an earlier --json file")
    ap.add_argument("--lfr-nmi", action="store_true",
                    help="also run the planted-partition study: LFR graphs with mixing --lfr-mu, NMI against the "
                         "planted partition for Meshwork's three methods and igraph's (alone when no --graph is given)")
    ap.add_argument("--lfr-n", type=int, default=20000, help="LFR nodes (default %(default)s)")
    ap.add_argument("--lfr-mu", default="0.1,0.2,0.3,0.4,0.5", help="LFR mixing values (default %(default)s)")
    ap.add_argument("--lfr-seed", type=int, default=42, help="networkit seed of the LFR graphs (default %(default)s)")
    args = ap.parse_args()
    unknown = [k for k in args.kernels.split(",") if k != "load" and k not in MESHWORK_COMMANDS]
    if unknown:
        sys.exit("unknown kernels: %s" % ", ".join(unknown))
    KERNELS[:] = args.kernels.split(",")

    if args.render:
        with open(args.render) as f:
            results = json.load(f)
        head, rows = table(results)
        print(render_text(head, rows))
        ch, cr = community_table(results)
        if cr:
            print()
            print(render_text(ch, cr))
        md = args.md or os.path.join(args.out, "compare.md")
        with open(md, "w") as f:
            f.write(render_md(results, head, rows))
        log("wrote %s" % md)
        return

    binary = os.path.abspath(args.meshwork)
    if not os.access(binary, os.X_OK):
        sys.exit("no Meshwork binary at %s: run `swift build -c release` at the root, or pass --meshwork" % binary)
    graphs = []
    for spec in args.graph:
        name, _, path = spec.partition("=")
        if not path:
            sys.exit("--graph takes NAME=PATH")
        graphs.append((name, os.path.abspath(path)))
    big = os.path.join(args.cache, "gen%d-seed42.int.edges" % args.big_members)
    if args.make_big:
        big = make_big(binary, args.big_members, 42, args.cache)
        if graphs:
            graphs.append(("gen%s-member" % label(args.big_members), big))
    if not graphs and not args.lfr_nmi:
        graphs = [(n, os.path.normpath(p)) for n, p in DEFAULT_GRAPHS]
        if os.path.exists(big):
            graphs.append(("gen%s-member" % label(args.big_members), big))
        else:
            log("no big graph at %s (run with --make-big); comparing on %s only" % (big, graphs[0][0]))
    wants_python = not args.skip_anchors or args.lfr_nmi or any(k in COMMUNITY_KERNELS for k in KERNELS)
    if wants_python and not os.access(args.python, os.X_OK):
        sys.exit("no venv Python at %s: run Benchmarks/compare/setup.sh (or pass --python)" % args.python)
    if not args.skip_anchors:
        if not os.path.exists(args.anchors):
            sys.exit("no anchors script at %s (pass --anchors)" % args.anchors)
        if not os.access(args.python, os.X_OK):
            sys.exit("no venv Python at %s: run Benchmarks/compare/setup.sh (or pass --python)" % args.python)

    os.makedirs(args.out, exist_ok=True)
    results = dict(started_utc=time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()), machine=machine(),
                   loadavg_before=loadavg(), runs=args.runs, fast_threshold=args.fast_threshold,
                   meshwork=binary, command=" ".join([sys.executable] + sys.argv), graphs=[],
                   kernels=list(KERNELS))
    for name, path in graphs:
        log("graph %s: %s" % (name, path))
        gdir = os.path.join(args.out, name)
        os.makedirs(gdir, exist_ok=True)
        g = dict(name=name, path=path, loadavg_start=loadavg())
        with tempfile.TemporaryDirectory(dir=gdir) as tmp:
            g["meshwork"] = meshwork_figures(binary, path, args.runs, tmp, keepdir=gdir)
        g["loadavg_after_meshwork"] = loadavg()
        check_partitions(args.python, path, g["meshwork"], gdir)
        if not args.skip_anchors:
            g["anchors"] = anchors_figures(args.python, args.anchors, name, path, gdir, args.fast_threshold)
            results["versions"] = g["anchors"]["versions"]
        g["loadavg_end"] = loadavg()
        results["graphs"].append(g)
    if args.lfr_nmi:
        results["loadavg_before_lfr"] = loadavg()
        results["lfr_nmi"] = lfr_nmi(binary, args.python, args.lfr_n, args.lfr_mu, args.lfr_seed, args.cache,
                                     os.path.join(args.out, "lfr"))
    results["loadavg_after"] = loadavg()
    results["finished_utc"] = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())

    head, rows = table(results)
    print(render_text(head, rows))
    ch, cr = community_table(results)
    if cr:
        print()
        print(render_text(ch, cr))
        bad = [r for r in cr if "MISMATCH" in r[-1] or "NONDETERMINISTIC" in r[-1]]
        if bad:
            print("\n!!!!!!!! MODULARITY MISMATCH OR NONDETERMINISM: %s !!!!!!!!" % "; ".join(
                "%s %s: %s" % (r[0], r[1], r[-1]) for r in bad))
    lh, lr = lfr_table(results)
    if lr:
        print()
        print(render_text(lh, lr))
        for x in results["lfr_nmi"]["crosscheck"]:
            print("compare-partitions cross-check mu %.1f leiden: %.12f vs Python %.12f (%s)" % (
                x["mu"], x["meshwork_nmi"], x["python_nmi"], "agree" if x["agree"] else "DISAGREE"))
    print("\nload: anchors read a clean canonical integer file (+ simplify); Meshwork reads the raw file "
          "(string tokens). NetworKit: 2 threads.")
    md = args.md or os.path.join(args.out, "compare.md")
    js = args.json or os.path.join(args.out, "compare.json")
    with open(md, "w") as f:
        f.write(render_md(results, head, rows))
    with open(js, "w") as f:
        json.dump(results, f, indent=1)
    log("wrote %s and %s" % (md, js))


if __name__ == "__main__":
    main()
