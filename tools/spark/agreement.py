"""Compares the Spark job's tables (tools/spark/meshwork_spark.py) with the meshwork CLI's on the
same dataset: every column the job writes, row by row in order, exact on counts and text, within
1e-9 relative on real values (absolute below 1e-300). Label propagation is the exception (the
CLI's is randomised and sequential, the job's deterministic and parallel): there the check is that
both list the same members, that every Spark community lies inside one connected component, and
that the Spark partition's modularity is within MODULARITY_MARGIN of the CLI's.

    python3 agreement.py CLI_DIR SPARK_DIR LABEL

Prints one line per failed check and `N passed, N failed`; exits 1 when a check failed.
Only the standard library is needed."""

import csv
import glob
import json
import math
import os
import sys

RELATIVE = 1e-9
MODULARITY_MARGIN = 0.05


class Checks:
    def __init__(self, label):
        self.label = label
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {self.label} {name}: {detail}")


def read_spark_table(folder):
    """The rows of a Spark CSV output folder: its part files in name order, each with a header."""
    header, rows = None, []
    for part in sorted(glob.glob(os.path.join(folder, "part-*"))):
        with open(part, newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            first = next(reader, None)
            if first is None:
                continue
            header = header or first
            rows.extend(reader)
    return header, rows


def read_cli_table(path):
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        return next(reader), list(reader)


def same_value(a, b, real):
    if a == b:
        return True
    if a == "" or b == "":
        return False
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    if not real:
        return x == y and x == int(x)
    if math.isnan(x) or math.isnan(y):
        return False
    return abs(x - y) <= RELATIVE * max(abs(x), abs(y)) or abs(x - y) < 1e-300


def is_real(column):
    return column in {"strength", "pagerank", "clustering", "ei_index", "expected_ei_index", "density",
                      "mean_degree", "internal_weight", "external_weight", "weighted_ei_index",
                      "largest_component_share"} or column.startswith(("cross_share_", "ei_"))


def compare_table(checks, name, cli_path, spark_folder):
    if not os.path.exists(cli_path) or not os.path.isdir(spark_folder):
        checks.check(name, False, f"missing {cli_path if not os.path.exists(cli_path) else spark_folder}")
        return
    cli_header, cli_rows = read_cli_table(cli_path)
    spark_header, spark_rows = read_spark_table(spark_folder)
    checks.check(f"{name} rows", len(cli_rows) == len(spark_rows),
                 f"CLI {len(cli_rows)} rows, Spark {len(spark_rows)}")
    for column in spark_header or []:
        if column not in cli_header:
            checks.check(f"{name}.{column}", False, "the CLI has no such column")
            continue
        i, j = cli_header.index(column), spark_header.index(column)
        real = is_real(column)
        bad = [(k, r[i], s[j]) for k, (r, s) in enumerate(zip(cli_rows, spark_rows)) if not same_value(r[i], s[j], real)]
        checks.check(f"{name}.{column}", not bad and len(cli_rows) == len(spark_rows),
                     f"{len(bad)} rows differ, first: row {bad[0][0] + 1} CLI {bad[0][1]!r} Spark {bad[0][2]!r}" if bad else "")


def compare_summary(checks, cli_path, spark_folder):
    with open(cli_path, encoding="utf-8") as handle:
        cli = json.load(handle)
    parts = sorted(glob.glob(os.path.join(spark_folder, "part-*")))
    spark = json.loads("".join(open(p, encoding="utf-8").read() for p in parts))
    for key, value in spark.items():
        expected = cli.get(key, "(absent)")
        if isinstance(value, float):
            ok = isinstance(expected, (int, float)) and same_value(str(expected), str(value), True)
        else:
            ok = value == expected
        checks.check(f"summary.{key}", ok, f"CLI {expected!r} Spark {value!r}")


def compare_communities(checks, cli_dir, spark_dir):
    cli_header, cli_rows = read_cli_table(os.path.join(cli_dir, "communities.csv"))
    spark_header, spark_rows = read_spark_table(os.path.join(spark_dir, "communities"))
    checks.check("communities.id", [r[0] for r in cli_rows] == [r[0] for r in spark_rows],
                 "the members differ or come in another order")
    _, component_rows = read_cli_table(os.path.join(cli_dir, "components.csv"))
    component = {r[0]: r[1] for r in component_rows}
    inside = {}
    for member, community in spark_rows:
        inside.setdefault(community, set()).add(component.get(member))
    split = [c for c, comps in inside.items() if len(comps) != 1]
    checks.check("communities.within-components", not split, f"{len(split)} communities span components")
    with open(os.path.join(cli_dir, "communities.stats.json"), encoding="utf-8") as handle:
        cli_q = json.load(handle)["modularity"]
    _, quality = read_spark_table(os.path.join(spark_dir, "communities-quality"))
    spark_q = float(quality[0][1])
    checks.check("communities.modularity", spark_q >= cli_q - MODULARITY_MARGIN,
                 f"CLI {cli_q:.6f} Spark {spark_q:.6f} (margin {MODULARITY_MARGIN})")
    print(f"{checks.label}: label propagation modularity CLI {cli_q:.6f}, Spark {spark_q:.6f}; "
          f"communities CLI {len(set(r[1] for r in cli_rows))}, Spark {len(inside)}")


def main():
    """Compares every table the CLI wrote for this run (its set is what the run expects)."""
    cli_dir, spark_dir, label = sys.argv[1:4]
    checks = Checks(label)
    if os.path.exists(os.path.join(cli_dir, "summary.json")):
        compare_summary(checks, os.path.join(cli_dir, "summary.json"), os.path.join(spark_dir, "summary"))
    for path in sorted(glob.glob(os.path.join(cli_dir, "*.csv"))):
        table = os.path.basename(path)[:-len(".csv")]
        if table != "communities":
            compare_table(checks, table, path, os.path.join(spark_dir, table))
    if os.path.exists(os.path.join(cli_dir, "communities.csv")):
        compare_communities(checks, cli_dir, spark_dir)
    print(f"{label}: {checks.passed} passed, {checks.failed} failed")
    with open(os.path.join(spark_dir, "agreement-counts"), "w") as handle:
        handle.write(f"{checks.passed} {checks.failed}\n")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
