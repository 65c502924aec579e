#!/usr/bin/env python3
"""scaling.py -- how the linear kernels grow with the community: time and peak memory per size.

    python3 Benchmarks/compare/scaling.py [--members 10000,100000,1000000] [--runs 1]

Run by hand or nightly, not in CI (1M members takes a few minutes: generating the 440 MB dataset,
then seven commands that each read it). For each size N: `meshwork generate --members N --seed 42
-o Benchmarks/.cache/scalingN` (kept), then on that dataset directory, one fresh process per command
and run (the fastest run is reported):
  load         seconds.load of `meshwork components` (reading the dataset, building the member network)
  degree       `meshwork centrality --measure degree`        seconds.compute
  components   `meshwork components`                        seconds.compute
  pagerank     `meshwork centrality --measure pagerank`      seconds.compute
  kcore        `meshwork centrality --measure kcore`         seconds.compute
  leiden       `meshwork communities --method leiden --seed 42`  seconds.compute
  growth       `meshwork growth --period quarter --basic`   seconds.compute
and each process's peak resident memory (its VmHWM, from --stats peak_memory_bytes). Writes Benchmarks/out/scaling.md (the
table, with the growth factor per decade of members: 10 = linear), scaling-time.svg and
scaling-memory.svg (log-log), scaling.json; prints the table. Standard library only.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time

import charts

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
ROOT = os.path.dirname(BENCH)
COMMANDS = [
    ("load", ["components"], "load"),
    ("degree", ["centrality", "--measure", "degree"], "compute"),
    ("components", ["components"], "compute"),
    ("pagerank", ["centrality", "--measure", "pagerank"], "compute"),
    ("kcore", ["centrality", "--measure", "kcore"], "compute"),
    ("leiden", ["communities", "--method", "leiden", "--seed", "42"], "compute"),
    ("growth", ["growth", "--period", "quarter", "--basic"], "compute"),
]


def run(binary, args, tmp):
    stats = os.path.join(tmp, "stats.json")
    cmd = [binary] + args + ["--stats", stats, "-o", os.path.join(tmp, "out.csv")]
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("%s exited %d" % (" ".join(cmd), os.waitstatus_to_exitcode(status)))
    with open(stats) as f:
        s = json.load(f)
    # the program's own high-water mark (VmHWM, in --stats); ru_maxrss also holds this script's
    # resident size, recorded by the kernel at exec
    return s, (s["peak_memory_bytes"] / 2**20 if s.get("peak_memory_bytes") else ru.ru_maxrss / 1024)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--members", default="10000,100000,1000000")
    ap.add_argument("--runs", type=int, default=1, help="fresh processes per command and size (fastest kept)")
    ap.add_argument("--meshwork", default=os.path.join(ROOT, ".build", "release", "meshwork"))
    ap.add_argument("--cache", default=os.path.join(BENCH, ".cache"))
    ap.add_argument("--out", default=os.path.join(BENCH, "out"))
    args = ap.parse_args()
    binary = os.path.abspath(args.meshwork)
    if not os.access(binary, os.X_OK):
        sys.exit("no Meshwork binary at %s: run `swift build -c release`, or pass --meshwork" % binary)
    sizes = [int(x) for x in args.members.split(",")]
    started = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())
    load_before = os.getloadavg()[0]
    results = []
    for n in sizes:
        dataset = os.path.join(args.cache, "scaling%d-seed42" % n)
        if not os.path.isdir(dataset):
            os.makedirs(args.cache, exist_ok=True)
            subprocess.run([binary, "generate", "--members", str(n), "--seed", "42", "-o", dataset + ".partial"],
                           check=True, stdout=subprocess.DEVNULL)
            os.replace(dataset + ".partial", dataset)
        row = dict(members=n, kernels={})
        with tempfile.TemporaryDirectory() as tmp:
            for name, command, phase in COMMANDS:
                best = None
                for _ in range(args.runs):
                    stats, rss = run(binary, command + [dataset], tmp)
                    t = stats["seconds"][phase]
                    if best is None or t < best[0]:
                        best = (t, rss)
                    row["ties"] = stats.get("edges", row.get("ties"))
                row["kernels"][name] = dict(seconds=best[0], peak_mib=best[1])
                print("[scaling %s] %6d members %-10s %8.3f s %8.0f MiB" % (
                    time.strftime("%H:%M:%S"), n, name, best[0], best[1]), file=sys.stderr, flush=True)
        results.append(row)
    out = dict(started_utc=started, finished_utc=time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
               loadavg_before=load_before, loadavg_after=os.getloadavg()[0], meshwork=binary, runs=args.runs,
               sizes=results)
    head = ["kernel"] + ["%s members: s (MiB)" % "{:,}".format(r["members"]) for r in results] + \
        ["growth per 10x members (time, memory)"]
    body = []
    for name, _, _ in COMMANDS:
        cells = [name] + ["%.3f (%.0f)" % (r["kernels"][name]["seconds"], r["kernels"][name]["peak_mib"])
                          for r in results]
        factors = []
        for a, b in zip(results, results[1:]):
            decades = math.log10(b["members"] / a["members"])
            ta, tb = a["kernels"][name]["seconds"], b["kernels"][name]["seconds"]
            ma, mb = a["kernels"][name]["peak_mib"], b["kernels"][name]["peak_mib"]
            factors.append("%s %.1fx, %.1fx" % ("{:,}".format(b["members"]),
                                                 (tb / ta) ** (1 / decades) if ta > 0 else float("nan"),
                                                 (mb / ma) ** (1 / decades)))
        body.append(cells + ["; ".join(factors) or "-"])
    md = ["# Meshwork scaling on generated communities", "",
          "Run %s-%s UTC (1-minute load average %.1f before, %.1f after); `meshwork generate --members N "
          "--seed 42`, ties of the member network: %s. Seconds: `--stats` (fastest of %d fresh processes); "
          "MiB: the process's peak resident memory (the whole process: reading the dataset included)." % (
              started, out["finished_utc"][11:], load_before, out["loadavg_after"],
              ", ".join("{:,}".format(r["ties"]) for r in results), args.runs), "",
          "| " + " | ".join(head) + " |", "|" + "---|" * len(head)] + ["| " + " | ".join(r) + " |" for r in body] + \
        ["", "![time](scaling-time.svg)", "", "![memory](scaling-memory.svg)", "",
         "Command: `python3 Benchmarks/compare/scaling.py --members %s --runs %d`" % (args.members, args.runs)]
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "scaling.md"), "w") as f:
        f.write("\n".join(md) + "\n")
    with open(os.path.join(args.out, "scaling.json"), "w") as f:
        json.dump(out, f, indent=1)
    for key, unit, file, title in (("seconds", "s", "scaling-time.svg", "Seconds per kernel against members (log-log)"),
                                   ("peak_mib", "MiB", "scaling-memory.svg",
                                    "Peak memory per kernel's process against members (log-log)")):
        series = {name: {"Meshwork": [(r["members"], r["kernels"][name][key], "%d members" % r["members"])
                                      for r in results]} for name, _, _ in COMMANDS}
        charts.times_chart(series, os.path.join(args.out, file), title=title, unit=unit,
                           xlabel="x: members of the generated community")
    print("\n".join(md[4:6 + len(body)]))


if __name__ == "__main__":
    main()
