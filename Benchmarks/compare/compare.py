#!/usr/bin/env python3
"""compare.py -- Meshwork against igraph and NetworKit, in one run, on the same files; the CI gate.

    Benchmarks/compare/setup.sh && swift build -c release      # once: the anchors' venv, the binary
    python3 Benchmarks/compare/compare.py --suite ci --gate     # what Benchmarks/ci-bench runs
    python3 Benchmarks/compare/compare.py --graph ca-AstroPh=PATH --kernels pagerank,kcore

Graphs: --suite ci (CI_SUITE below: ca-GrQc from fixtures/, the generated communities gen10k and
gen100k, the LFR graph lfr20k) or --graph NAME=SOURCE (repeatable), SOURCE one of
  PATH             an edge list ("u v" per line, ids any tokens, '#'/'%' comments, optionally .gz)
  generate:N       the member network of `meshwork generate --members N --seed 42` (`meshwork convert`)
  lfr:N:MU         networkit's LFR graph (communities_check.py lfr: fixed parameters, seed 42)
Generated graphs are cached in Benchmarks/.cache/ (gitignored).

For every graph:
  1. the canonical file (untimed): ids numbered in order of first appearance, self-loops and
     duplicates dropped, "u v" with u < v: the graph Meshwork builds from the raw file;
  2. Meshwork: the release binary, --runs fresh processes per kernel (`--stats`: seconds.compute;
     `load` = seconds.load of the components runs); a community kernel's k-th run uses the k-th seed
     of --seeds, and its modularity is the `--stats` value;
  3. the anchors (anchors.py, in the venv): one process per library, --runs runs per kernel (one
     when a run takes over 5 s), NetworKit on 2 threads; community kernels over the same seeds.
Times: Meshwork reads the raw file (string tokens interned), the anchors the canonical one; the
anchors time their library call including materialising the result, Meshwork its command's compute
phase (kernel plus per-node result arrays), so `load` and the small kernels are not identical work.

The gate (--gate; exit 1 on a breach), per graph and kernel, from figures taken in this run:
  * ratio = Meshwork's fastest run / the fastest run of the faster of igraph and NetworKit; the goal
    is GOALS[kernel] (0.5x for exact betweenness, closeness and harmonic, 1.0x otherwise);
  * quality (louvain, leiden): Meshwork's mean modularity over the seeds >= the better of igraph's and
    NetworKit's means (multilevel / PLM; community_leiden / ParallelLeiden) - Q_SLACK (0.002).
  A kernel that breaches is measured again (both sides, same run; up to --rounds rounds in all)
  before it fails: noise on a shared machine only ever slows a run down, so the best of the rounds
  is what counts. Absolute times are
  reported, never gated.

Outputs in --out (default Benchmarks/out/): compare.md (the table, printed too), ratios.svg (ratio
per kernel and graph against its goal), times.svg (seconds per kernel against the graph's edges,
Meshwork and each anchor), compare.json (every run). --lfr-nmi adds the planted-partition study
(NMI on LFR graphs with mixing 0.1..0.5, communities_check.py); --check-partitions recomputes
Meshwork's modularity with networkx and checks that Leiden's communities are connected.
Standard library only; the anchors and checks run in the venv's Python.
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

import charts

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
ROOT = os.path.dirname(BENCH)

# Each kernel: the Meshwork command whose --stats seconds.compute is timed (the anchors' kernel of the
# same name is timed by anchors.py). `load` is the seconds.load of the components command.
MESHWORK_COMMANDS = {
    "components": ["components"],
    "degree": ["centrality", "--measure", "degree"],
    "pagerank": ["centrality", "--measure", "pagerank"],
    "eigenvector": ["centrality", "--measure", "eigenvector"],
    "kcore": ["centrality", "--measure", "kcore"],
    "clustering_local": ["centrality", "--measure", "clustering"],
    "bridges": ["bridges"],
    "articulation_points": ["articulation-points"],
    "betweenness_exact": ["centrality", "--measure", "betweenness"],
    "closeness": ["centrality", "--measure", "closeness"],
    "harmonic": ["centrality", "--measure", "harmonic"],
    "louvain": ["communities", "--method", "louvain"],
    "leiden": ["communities", "--method", "leiden"],
    "label_propagation": ["communities", "--method", "label-propagation"],
}
KERNELS = ["load"] + list(MESHWORK_COMMANDS)
COMMUNITY_KERNELS = ["louvain", "leiden", "label_propagation"]
ALL_PAIRS = ["betweenness_exact", "closeness", "harmonic"]
LINEAR = ["load", "components", "degree", "pagerank", "kcore", "bridges", "articulation_points"]
# The goals (issue 15): Meshwork's time over the faster anchor's, and the quality slack.
GOALS = {"betweenness_exact": 0.5, "closeness": 0.5, "harmonic": 0.5}
DEFAULT_GOAL = 1.0
TIME_REF = ["igraph", "networkit"]
Q_GATED = ["louvain", "leiden"]   # label propagation: reported, no quality goal
Q_SLACK = 0.002
# Below this on both sides a time is the machine's noise and fixed costs (scheduler ticks, page
# faults, starting worker threads, a Python list against a CLI's result arrays), not the kernel:
# reported, not gated. Measured on 2 idle cores (2026-12-04): kernels of 1-20 ms swung between
# 0.29x and 1.46x of NetworKit's from run to run while every kernel above 20 ms kept its side of
# the goal. A regression that takes Meshwork's time above it is gated again, and the suites
# (Thresholds/) watch the small inputs.
MIN_GATED_S = 0.02
# The CI suite: a real graph small enough for the all-pairs kernels, two generated communities a
# decade apart (the time-per-size chart) and a graph with planted communities. About 8 minutes here.
# Each entry: name, source, kernels, and options: "skip" = {lib: [kernel]}, kernels an anchor library
# does not run there.
CI_SUITE = [
    ("ca-GrQc", os.path.join(ROOT, "fixtures", "ca-grqc", "ca-grqc.edges"), KERNELS, {}),
    ("gen10k", "generate:10000", LINEAR + ["eigenvector", "clustering_local"] + COMMUNITY_KERNELS, {}),
    ("lfr20k", "lfr:20000:0.3", LINEAR + ["eigenvector", "clustering_local"] + COMMUNITY_KERNELS, {}),
    # On gen100k Louvain and label propagation are time-gated since the persistent worker team and
    # the packed per-tie entries (2026-12-04 19:00-19:30 UTC, eleven single rounds against
    # NetworKit: Louvain 0.40-0.93x, label propagation 0.70-0.89x), Leiden since its local moving
    # stops at a sweep that moves under 1% of the vertices (0.53-0.88x in eleven rounds, 2026-12-04; see
    # Benchmarks/README.md). igraph's label propagation takes 32 s per seed there and is not run.
    ("gen100k", "generate:100000", LINEAR + ["eigenvector", "clustering_local"] + COMMUNITY_KERNELS,
     {"skip": {"igraph": ["label_propagation"]}}),
]


def log(msg):
    print("[compare %s] %s" % (time.strftime("%H:%M:%S"), msg), file=sys.stderr, flush=True)


def loadavg():
    try:
        return list(os.getloadavg())
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


def sha256(path):
    import hashlib
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 22), b""):
            h.update(chunk)
    return h.hexdigest()


# ------------------------------------------------------------------------------------------- inputs

def resolve(source, binary, python, cache):
    """The edge-list path of a graph SOURCE (see the module's documentation), made if needed."""
    os.makedirs(cache, exist_ok=True)
    if source.startswith("generate:"):
        members = int(source.split(":")[1])
        path = os.path.join(cache, "gen%d-seed42.member.edges" % members)
        if not os.path.exists(path):
            dataset = path + ".dataset"
            shutil.rmtree(dataset, ignore_errors=True)
            t0 = time.perf_counter()
            subprocess.run([binary, "generate", "--members", str(members), "--seed", "42", "-o", dataset], check=True,
                           stdout=subprocess.DEVNULL)
            subprocess.run([binary, "convert", dataset, "-o", path + ".partial"], check=True)
            os.replace(path + ".partial", path)
            shutil.rmtree(dataset)
            log("generated %s in %.1f s" % (path, time.perf_counter() - t0))
        return path
    if source.startswith("lfr:"):
        _, n, mu = source.split(":")
        js = os.path.join(cache, "lfr-%s-%s.json" % (n, mu))
        subprocess.run([python, os.path.join(HERE, "communities_check.py"), "lfr", "--outdir", cache, "--n", n,
                        "--mu", mu, "--seed", "42", "--json", js], check=True)
        with open(js) as f:
            return json.load(f)[0]["edges"]
    return os.path.abspath(source)


def canonical(path, workdir):
    """Writes the canonical file of PATH into WORKDIR (cached by content); returns (path, n, m)."""
    import gzip
    digest = sha256(path)[:16]
    out = os.path.join(workdir, "canonical-%s.edges" % digest)
    meta = out + ".json"
    if os.path.exists(meta):
        with open(meta) as f:
            m = json.load(f)
        return out, m["n"], m["m"]
    with open(path, "rb") as f:
        gz = f.read(2) == b"\x1f\x8b"
    ids, seen, lines = {}, set(), []
    with (gzip.open(path, "rb") if gz else open(path, "rb")) as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2 or parts[0][:1] in (b"#", b"%"):
                continue
            a = ids.setdefault(parts[0], len(ids))
            b = ids.setdefault(parts[1], len(ids))
            if a == b:
                continue
            key = (min(a, b) << 32) | max(a, b)
            if key not in seen:
                seen.add(key)
                lines.append("%d %d\n" % (min(a, b), max(a, b)))
    os.makedirs(workdir, exist_ok=True)
    with open(out + ".partial", "w") as f:
        f.writelines(lines)
    os.replace(out + ".partial", out)
    with open(meta, "w") as f:
        json.dump(dict(source=path, n=len(ids), m=len(lines)), f)
    return out, len(ids), len(lines)


# ---------------------------------------------------------------------------------------- Meshwork

def run_meshwork(binary, args, workdir, keep=None):
    """One fresh process; returns its --stats dict plus its wall time and peak RSS. With `keep`, the
    output file is moved there instead of deleted."""
    stats = os.path.join(workdir, "stats.json")
    out = os.path.join(workdir, "out.csv")
    for p in (stats, out):
        if os.path.exists(p):
            os.remove(p)
    cmd = [binary] + args + ["--stats", stats, "-o", out]
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, ru = os.wait4(p.pid, 0)   # this child's own rusage (max RSS)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            raise RuntimeError("%s exited %d: %s" % (" ".join(cmd), os.waitstatus_to_exitcode(status),
                                                       err.read().decode(errors="replace")[-2000:]))
    with open(stats) as f:
        s = json.load(f)
    if keep:
        os.replace(out, keep)
    s["process_wall"] = wall
    # The program's own peak (VmHWM, written by Meshwork into --stats): the child's ru_maxrss also
    # holds this harness's resident size, which the kernel records at exec.
    peak = s.get("peak_memory_bytes")
    s["process_maxrss_mib"] = peak / 2**20 if peak else ru.ru_maxrss / 1024
    return s


def meshwork_kernel(binary, path, kernel, runs, seeds, workdir, keepdir=None):
    """Figures of one kernel over `runs` fresh processes (community kernels: one per seed)."""
    command = "components" if kernel == "load" else kernel
    rec = dict(runs=[], max_rss_mib=0.0)
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        for i in range(len(seeds) if kernel in COMMUNITY_KERNELS else runs):
            args = MESHWORK_COMMANDS[command] + [path]
            keep = None
            if kernel in COMMUNITY_KERNELS:
                args += ["--seed", str(seeds[i])]
                rec.setdefault("seeds", []).append(seeds[i])
                keep = os.path.join(keepdir, "meshwork-%s.csv" % kernel) if keepdir else None
            s = run_meshwork(binary, args, tmp, keep=keep)
            rec["runs"].append(s["seconds"]["load" if kernel == "load" else "compute"])
            rec["max_rss_mib"] = max(rec["max_rss_mib"], s["process_maxrss_mib"])
            rec["nodes"], rec["edges"] = s["nodes"], s["edges"]
            if kernel in COMMUNITY_KERNELS:
                rec.setdefault("modularity", []).append(s["modularity"])
                rec.setdefault("communities", []).append(s["communities"])
    log("meshwork %-20s %s%s" % (kernel, " ".join("%.4f" % t for t in rec["runs"]),
                                  (" Q " + " ".join("%.4f" % q for q in rec["modularity"])) if "modularity" in rec else ""))
    return rec


# ----------------------------------------------------------------------------------------- anchors

def anchors_run(python, canon, kernels, libs, runs, seeds, workdir, skip=None):
    """anchors.py once per library, without the kernels SKIP lists for it ({lib: [kernel]});
    returns ({impl: {kernel: record}}, {lib: peak MiB}, versions)."""
    impls, memory, versions = {}, {}, {}
    for lib in libs:
        js = os.path.join(workdir, "anchors-%s.json" % lib)
        if lib == "leidenalg":
            continue   # run by the igraph worker
        own = [k for k in kernels if k not in (skip or {}).get(lib, [])]
        if not own:
            continue
        cmd = [python, os.path.join(HERE, "anchors.py"), canon, "--lib", lib, "--kernels", ",".join(own),
               "--runs", str(runs), "--seeds", ",".join(map(str, seeds)), "--json", js]
        if lib == "igraph" and "leidenalg" in libs:
            cmd.append("--leidenalg")
        if os.path.exists(js):
            os.remove(js)
        p = subprocess.run(cmd)
        if p.returncode != 0 or not os.path.exists(js):
            raise RuntimeError("anchors.py --lib %s failed (exit %d)" % (lib, p.returncode))
        with open(js) as f:
            r = json.load(f)
        for impl, ks in r["impls"].items():
            impls.setdefault(impl, {}).update(ks)
        memory[lib] = r["peak_rss_mib"]
        versions.update(r["versions"])
        versions[lib + "_threads"] = r["threads"]
    return impls, memory, versions


# --------------------------------------------------------------------------------------- the gate

def best(rec):
    return min(rec["runs"]) if rec and rec.get("runs") and not rec.get("error") else None


def mean(xs):
    return sum(xs) / len(xs) if xs else None


def verdict(g, kernel):
    """Ratio, goal and quality of one kernel on one graph, from every run so far."""
    mw = g["meshwork"].get(kernel)
    refs = {impl: best(g["anchors"].get(impl, {}).get(kernel)) for impl in TIME_REF}
    refs = {k: v for k, v in refs.items() if v}
    v = dict(kernel=kernel, goal=GOALS.get(kernel, DEFAULT_GOAL), meshwork_s=best(mw),
             meshwork_median_s=statistics.median(mw["runs"]) if mw else None,
             anchors_s={impl: best(g["anchors"].get(impl, {}).get(kernel)) for impl in ("igraph", "networkit", "leidenalg")})
    v["ratio"] = None
    v["faster_anchor"] = None
    if refs and v["meshwork_s"] is not None:
        v["faster_anchor"] = min(refs, key=refs.get)
        v["ratio"] = v["meshwork_s"] / refs[v["faster_anchor"]]
    v["gated"] = v["ratio"] is not None and max(v["meshwork_s"], refs[v["faster_anchor"]]) >= MIN_GATED_S
    v["time_ok"] = not v["gated"] or v["ratio"] <= v["goal"]
    v["q"] = mean(mw.get("modularity")) if mw else None
    qs = {impl: mean(g["anchors"].get(impl, {}).get(kernel, {}).get("modularity")) for impl in TIME_REF}
    qs = {k: q for k, q in qs.items() if q is not None}
    v["q_ref_impl"] = max(qs, key=qs.get) if qs and kernel in Q_GATED else None
    v["q_ref"] = qs[v["q_ref_impl"]] if v["q_ref_impl"] else None
    v["q_ok"] = v["q"] is None or v["q_ref"] is None or v["q"] >= v["q_ref"] - Q_SLACK
    v["ok"] = v["time_ok"] and v["q_ok"]
    return v


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


HEAD = ["graph", "edges", "kernel", "Meshwork s", "igraph s", "NetworKit s", "leidenalg s", "ratio", "goal",
        "Q Meshwork", "Q ref", "result"]


def rows(results):
    out = []
    for g in results["graphs"]:
        for v in g["verdicts"]:
            a = v["anchors_s"]
            if v["ok"]:
                result = "ok" if v["gated"] or v["ratio"] is None else "ok (under 20 ms)"
            else:
                result = "**FAIL** (%s)" % ", ".join(
                    x for x, bad in (("time", not v["time_ok"]), ("quality", not v["q_ok"])) if bad)
            out.append([g["name"], "{:,}".format(g["edges"]), v["kernel"], fmt(v["meshwork_s"]), fmt(a.get("igraph")),
                        fmt(a.get("networkit")), fmt(a.get("leidenalg")),
                        "%.2fx" % v["ratio"] if v["ratio"] is not None else "-", "%.1fx" % v["goal"],
                        "%.4f" % v["q"] if v["q"] is not None else "-",
                        "%.4f (%s)" % (v["q_ref"], v["q_ref_impl"]) if v["q_ref"] is not None else "-", result])
    return out


def render_text(head, body):
    widths = [max(len(str(r[i])) for r in [head] + body) for i in range(len(head))]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip()
                     for r in [head, ["-" * w for w in widths]] + body)


def render_md(results):
    m = results["machine"]
    v = results.get("versions", {})
    L = ["# Meshwork vs igraph and NetworKit", "",
         "Run %s-%s UTC on %s (%d CPUs, %.1f GiB); 1-minute load average %s before, %s after. "
         "igraph %s, NetworKit %s (%s threads), leidenalg %s. Meshwork: `%s`." % (
             results["started_utc"], results["finished_utc"][11:], m["cpu"], m["nproc"], m["mem_gib"],
             "%.1f" % results["loadavg_before"][0] if results["loadavg_before"] else "?",
             "%.1f" % results["loadavg_after"][0] if results["loadavg_after"] else "?",
             v.get("igraph", "-"), v.get("networkit", "-"), v.get("networkit_threads", "-"), v.get("leidenalg", "-"),
             os.path.relpath(results["meshwork"], ROOT)),
         "",
         "Seconds: the fastest of %d runs per side (community kernels: one run per seed %s), "
         "Meshwork's `--stats` seconds.compute (load: seconds.load) in fresh processes, the anchors' "
         "library call in one process each. Ratio = Meshwork / the faster of igraph and NetworKit; goal: "
         "0.5x for exact betweenness, closeness and harmonic, 1.0x otherwise (not gated when both sides take "
         "under 20 ms: noise and fixed costs). Q = modularity, mean over the "
         "seeds; the goal is Q >= Q ref - %.3f, Q ref = the better of igraph's and NetworKit's means (louvain, leiden). %s" % (
             results["runs"], ", ".join(map(str, results["seeds"])), Q_SLACK,
             "Re-measured after a first breach: %s." % ", ".join(results["remeasured"]) if results.get("remeasured")
             else ""),
         "",
         "| " + " | ".join(HEAD) + " |", "|" + "---|" * len(HEAD)]
    L += ["| " + " | ".join(r) + " |" for r in rows(results)]
    L += ["", "![ratios](ratios.svg)", "", "![times](times.svg)", "",
          "Peak resident memory (MiB, VmHWM: Meshwork's largest process over its kernels; each anchor library's one process, interpreter included): " + "; ".join(
              "%s: Meshwork %.0f, %s" % (g["name"], max((r.get("max_rss_mib", 0) for r in g["meshwork"].values()),
                                                       default=0),
                                         ", ".join("%s %.0f" % kv for kv in sorted(g["anchors_memory"].items())))
              for g in results["graphs"]) + ".", ""]
    lh, lr = lfr_table(results)
    if lr:
        L += ["Planted partitions (LFR, n = %d): NMI against the planted partition." % results["lfr_nmi"]["n"], "",
              "| " + " | ".join(lh) + " |", "|" + "---|" * len(lh)] + ["| " + " | ".join(r) + " |" for r in lr] + [""]
    L.append("Command: `%s`" % results["command"])
    return "\n".join(L) + "\n"


def write_outputs(results, outdir):
    os.makedirs(outdir, exist_ok=True)
    ratio_rows = [(g["name"], v["kernel"], v["ratio"], v["goal"], v["gated"]) for g in results["graphs"] for v in g["verdicts"]
                  if v["ratio"] is not None]
    charts.ratio_chart(ratio_rows, os.path.join(outdir, "ratios.svg"))
    series = {}
    for g in results["graphs"]:
        for v in g["verdicts"]:
            for who, t in [("Meshwork", v["meshwork_s"])] + [(k, x) for k, x in sorted(v["anchors_s"].items())]:
                if t is not None:
                    series.setdefault(v["kernel"], {}).setdefault(who, []).append((g["edges"], t, g["name"]))
    charts.times_chart(series, os.path.join(outdir, "times.svg"))
    for name, text in (("compare.md", render_md(results)), ("compare.json", json.dumps(results, indent=1))):
        with open(os.path.join(outdir, name + ".partial"), "w") as f:
            f.write(text)
        os.replace(os.path.join(outdir, name + ".partial"), os.path.join(outdir, name))


# ------------------------------------------------------------------------------- planted partitions

def check_partitions(python, path, g, outdir):
    """networkx modularity and connectivity of Meshwork's kept partitions (communities_check.py check)."""
    kernels = [k for k in COMMUNITY_KERNELS if k in g["meshwork"]]
    if not kernels:
        return
    js = os.path.join(outdir, "partition-check.json")
    cmd = [python, os.path.join(HERE, "communities_check.py"), "check", path, "--json", js]
    for k in kernels:
        cmd += ["--partition", "%s=%s" % (k, os.path.join(outdir, "meshwork-%s.csv" % k))]
    subprocess.run(cmd, check=True)
    with open(js) as f:
        res = json.load(f)["partitions"]
    for k in kernels:
        mw = g["meshwork"][k]
        c = dict(networkx_modularity=res[k]["networkx_modularity"], stats_modularity=mw["modularity"][-1],
                 disconnected_communities=res[k]["disconnected_communities"])
        c["agrees"] = abs(c["networkx_modularity"] - c["stats_modularity"]) <= 1e-9
        mw["partition_check"] = c
        log("partition check %s %s: networkx Q %.9f, stats Q %.9f (%s), %d disconnected communities" % (
            g["name"], k, c["networkx_modularity"], c["stats_modularity"], "agree" if c["agrees"] else "DISAGREE",
            c["disconnected_communities"]))


def lfr_nmi(binary, python, n, mus, cachedir, outdir):
    """LFR graphs (communities_check.py lfr, cached in CACHEDIR), Meshwork's three methods (seed 42, one
    process each), igraph's multilevel / community_leiden and leidenalg (communities_check.py nmi), NMI
    against the planted partition."""
    helper = os.path.join(HERE, "communities_check.py")
    os.makedirs(outdir, exist_ok=True)
    gen = os.path.join(outdir, "lfr-graphs.json")
    subprocess.run([python, helper, "lfr", "--outdir", cachedir, "--n", str(n), "--mu", mus, "--seed", "42",
                    "--json", gen], check=True)
    with open(gen) as f:
        graphs = json.load(f)
    study = dict(n=n, mus=mus, graphs=[])
    for rec in graphs:
        tag = "mu%.1f" % rec["mu"]
        parts = []
        with tempfile.TemporaryDirectory(dir=outdir) as tmp:
            for k in COMMUNITY_KERNELS:
                keep = os.path.join(outdir, "%s-meshwork-%s.csv" % (tag, k))
                run_meshwork(binary, MESHWORK_COMMANDS[k] + [rec["edges"], "--seed", "42"], tmp, keep=keep)
                parts.append("meshwork %s=%s" % (k, keep))
        js = os.path.join(outdir, "%s-nmi.json" % tag)
        cmd = [python, helper, "nmi", rec["edges"], "--planted", rec["planted"], "--json", js]
        for p in parts:
            cmd += ["--partition", p]
        subprocess.run(cmd, check=True)
        with open(js) as f:
            rec["nmi"] = json.load(f)
        study["graphs"].append(rec)
    return study


def lfr_table(results):
    study = results.get("lfr_nmi")
    if not study:
        return None, None
    names = ["meshwork louvain", "meshwork leiden", "meshwork label_propagation", "igraph multilevel",
             "igraph community_leiden", "leidenalg"]
    head = ["mu", "planted communities"] + ["%s NMI (communities)" % n for n in names]
    body = []
    for r in study["graphs"]:
        p = r["nmi"]["partitions"]
        body.append(["%.1f" % r["mu"], str(r["planted_communities"])] + [
            "%.4f (%d)" % (p[n]["nmi"], p[n]["communities"]) if n in p else "-" for n in names])
    return head, body


# --------------------------------------------------------------------------------------------- main

def measure(g, binary, python, kernels, libs, runs, seeds, gdir):
    """One round on one graph: Meshwork's kernels, then each anchor's (but g["skip"]); figures
    appended to g."""
    for k in kernels:
        rec = meshwork_kernel(binary, g["path"], k, runs, seeds, gdir, keepdir=gdir)
        old = g["meshwork"].setdefault(k, dict(runs=[], max_rss_mib=0.0))
        for key in ("runs", "modularity", "communities", "seeds"):
            if key in rec:
                old.setdefault(key, []).extend(rec[key])
        old["max_rss_mib"] = max(old["max_rss_mib"], rec["max_rss_mib"])
        g["nodes"], g["meshwork_edges"] = rec["nodes"], rec["edges"]
    impls, memory, versions = anchors_run(python, g["canonical"], [k for k in kernels if k != "load"] or ["load"],
                                          libs, runs, seeds, gdir, g.get("skip"))
    for impl, ks in impls.items():
        for k, rec in ks.items():
            if k not in kernels:
                continue
            old = g["anchors"].setdefault(impl, {}).setdefault(k, dict(runs=[], settings=rec.get("settings")))
            for key in ("runs", "modularity", "communities", "seeds"):
                old.setdefault(key, []).extend(rec.get(key, []))
            if rec.get("error"):
                old["error"] = rec["error"]
    for lib, mib in memory.items():
        g["anchors_memory"][lib] = max(g["anchors_memory"].get(lib, 0), mib)
    return versions


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--suite", choices=["ci"], help="the graphs and kernels of the CI stage")
    ap.add_argument("--graph", action="append", default=[], metavar="NAME=SOURCE", help="a graph (repeatable)")
    ap.add_argument("--kernels", default=",".join(KERNELS),
                    help="comma-separated kernels for --graph (default: all): %s" % ", ".join(KERNELS))
    ap.add_argument("--meshwork", default=os.path.join(ROOT, ".build", "release", "meshwork"),
                    help="the release binary (default: .build/release/meshwork at the repository root)")
    ap.add_argument("--python", default=os.path.join(HERE, ".venv", "bin", "python"),
                    help="the Python with the anchors (default: the venv made by setup.sh)")
    ap.add_argument("--libs", default="igraph,networkit",
                    help="anchor libraries: igraph, networkit; for reference also leidenalg (Leiden's reference "
                         "implementation, slow: 13-22 s per run on 200k edges) and networkx")
    ap.add_argument("--runs", type=int, default=3, help="runs per kernel and side (default 3)")
    ap.add_argument("--rounds", type=int, default=3,
                    help="rounds for a kernel that misses its time goal, the first included (default 3): "
                         "both sides again, the fastest runs of all rounds count")
    ap.add_argument("--seeds", default="1,2,3", help="community kernels' seeds (default 1,2,3)")
    ap.add_argument("--gate", action="store_true", help="exit 1 when a kernel misses its goal")
    ap.add_argument("--cache", default=os.path.join(BENCH, ".cache"), help="generated graphs (gitignored)")
    ap.add_argument("--out", default=os.path.join(BENCH, "out"), help="outputs (default Benchmarks/out)")
    ap.add_argument("--check-partitions", action="store_true",
                    help="recompute Meshwork's modularity with networkx, check Leiden's connectivity")
    ap.add_argument("--lfr-nmi", action="store_true", help="also the planted-partition study (NMI on LFR graphs)")
    ap.add_argument("--lfr-n", type=int, default=20000)
    ap.add_argument("--lfr-mu", default="0.1,0.2,0.3,0.4,0.5")
    args = ap.parse_args()

    binary = os.path.abspath(args.meshwork)
    if not os.access(binary, os.X_OK):
        sys.exit("no Meshwork binary at %s: run `swift build -c release` at the root, or pass --meshwork" % binary)
    if not os.access(args.python, os.X_OK):
        sys.exit("no venv Python at %s: run Benchmarks/compare/setup.sh" % args.python)
    kernels = [k for k in args.kernels.split(",") if k]
    unknown = [k for k in kernels if k not in KERNELS]
    if unknown:
        sys.exit("unknown kernels: %s (known: %s)" % (", ".join(unknown), ", ".join(KERNELS)))
    plan = list(CI_SUITE) if args.suite == "ci" else []
    for spec in args.graph:
        name, _, source = spec.partition("=")
        if not source:
            sys.exit("--graph takes NAME=SOURCE")
        plan.append((name, source, kernels, {}))
    if not plan and not args.lfr_nmi:
        sys.exit("nothing to do: pass --suite ci, --graph NAME=SOURCE or --lfr-nmi")
    libs = args.libs.split(",")
    seeds = [int(s) for s in args.seeds.split(",")]
    work = os.path.join(args.out, "work")
    os.makedirs(work, exist_ok=True)
    results = dict(started_utc=time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()), machine=machine(),
                   loadavg_before=loadavg(), runs=args.runs, seeds=seeds, meshwork=binary, libs=libs,
                   command=" ".join(["python3", os.path.relpath(os.path.abspath(__file__), ROOT)] + sys.argv[1:]),
                   graphs=[], versions={})
    for name, source, ks, options in plan:
        path = resolve(source, binary, args.python, args.cache)
        gdir = os.path.join(work, name)
        os.makedirs(gdir, exist_ok=True)
        canon, n, m = canonical(path, args.cache)
        log("graph %s: %s (%d vertices, %d edges)" % (name, path, n, m))
        g = dict(name=name, source=source, path=path, canonical=canon, vertices=n, edges=m, kernels=ks, skip=options.get("skip", {}),
                 meshwork={}, anchors={}, anchors_memory={}, loadavg_start=loadavg())
        results["versions"].update(measure(g, binary, args.python, ks, libs, args.runs, seeds, gdir))
        if g.get("meshwork_edges") != m:
            log("!!!! %s: Meshwork read %s edges, the canonical file has %d" % (name, g.get("meshwork_edges"), m))
        if args.check_partitions:
            check_partitions(args.python, path, g, gdir)
        g["verdicts"] = [verdict(g, k) for k in ks]
        results["graphs"].append(g)
    # More rounds for the time breaches, both sides, before anything fails (--rounds in all).
    results["remeasured"] = []
    for _ in range(args.rounds - 1):
        for g in results["graphs"]:
            # quality is deterministic (same seeds, same partitions): only time is measured again
            again = [v["kernel"] for v in g["verdicts"] if not v["time_ok"]]
            if again:
                log("%s: %s missed a goal; measuring again" % (g["name"], ", ".join(again)))
                measure(g, binary, args.python, again, libs, args.runs, seeds, os.path.join(work, g["name"]))
                g["verdicts"] = [verdict(g, k) for k in g["kernels"]]
                results["remeasured"] += ["%s %s" % (g["name"], k) for k in again if "%s %s" % (g["name"], k) not in results["remeasured"]]
    if args.lfr_nmi:
        results["lfr_nmi"] = lfr_nmi(binary, args.python, args.lfr_n, args.lfr_mu, args.cache,
                                     os.path.join(work, "lfr"))
    results["loadavg_after"] = loadavg()
    results["finished_utc"] = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())
    write_outputs(results, args.out)
    body = rows(results)
    print(render_text(HEAD, body))
    lh, lr = lfr_table(results)
    if lr:
        print()
        print(render_text(lh, lr))
    print("\n(seconds: fastest run per side; 1-minute load average %.1f -> %.1f on %d CPUs; %s)" % (
        (results["loadavg_before"] or [0])[0], (results["loadavg_after"] or [0])[0], os.cpu_count(),
        os.path.join(args.out, "compare.md")))
    failed = ["%s %s" % (g["name"], v["kernel"]) for g in results["graphs"] for v in g["verdicts"] if not v["ok"]]
    if failed:
        print("compare: %d kernel(s) missed their goal: %s" % (len(failed), "; ".join(failed)))
        if args.gate:
            sys.exit(1)


if __name__ == "__main__":
    main()
