"""Meshwork's dataset analyses on Apache Spark, with DataFrames only (nothing but pyspark needed).

    spark-submit --master 'local[*]' tools/spark/meshwork_spark.py DATASET OUT [--period quarter]

DATASET is a Meshwork dataset directory on any path Spark reads (file:, hdfs:, s3a:, ...):
nodes.csv, one or many interaction parts `interactions*.csv` / `interactions*.csv.gz` (as written
by `meshwork export`) and an optional attendance.csv. The analyses run on the member network
(docs/data-contract.md): one node per member, a tie between two members with at least one
interaction or shared event attendance, its weight the sum of their records' weights, self-ties
dropped. OUT receives one folder per table, CSV with a header in every part file; reading the part
files in name order gives the rows in the CLI's order (members in nodes.csv order, groups in
nodes.csv order, periods in time order):

    summary/                 one JSON line: the figures of `meshwork summary --format json`
    centrality/              id,degree,strength,pagerank,clustering   (`meshwork centrality`)
    components/              id,component                            (`meshwork components`)
    communities/             id,community (deterministic label propagation, see docs/spark.md)
    communities-quality/     communities,modularity,rounds
    boundaries-LEVEL/        group,members,internal_ties,external_ties,ei_index,expected_ei_index,
                             density[,internal_weight,external_weight,weighted_ei_index],name,level
                             (`meshwork boundaries [--weighted]`)
    growth-PERIOD[-windowK]/ period_start,period_end,members,ties,new_ties,lost_ties,density,
                             mean_degree,largest_component_share,cross_share_L,ei_L...
                             (`meshwork growth [--window K]`)

--from/--until restrict every analysis to a span, as the CLI's; --weighted as the CLI's.

The definitions, what differs from the CLI and how to run this on a cluster are in docs/spark.md.
"""

import argparse
import datetime
import json
import math
import sys
import time

from pyspark.sql import DataFrame, Observation, SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql.utils import AnalysisException

LEVELS = ["organisation", "region", "partner"]
ALPHA = 0.85
# Label propagation: rounds moving a hash-chosen half, then independent sets (see label_propagation).
LPA_HALF_ROUNDS = 10
LPA_MAX_ROUNDS = 1000
LPA_PATIENCE = 10


# ----------------------------------------------------------------------------------------------
# Reading


def read_csv(spark, path, multiline=False):
    """An RFC 4180 CSV with a header row, every column a string (bound by header name, not by
    position). Spark's default escape character is a backslash; RFC 4180 doubles quotes instead.
    A multi-line read keeps quoted line breaks but cannot split a file, so it is used only for the
    small tables."""
    frame = (spark.read.option("header", True).option("quote", '"').option("escape", '"')
             .option("multiLine", multiline).option("mode", "FAILFAST").csv(path))
    # A byte-order mark would stay in the first column's name.
    return frame.toDF(*[c.lstrip("\ufeff") for c in frame.columns])


def read_optional_csv(spark, path):
    try:
        return read_csv(spark, path)
    except AnalysisException as error:
        if "PATH_NOT_FOUND" in str(error) or "Path does not exist" in str(error):
            return None
        raise


def utc_day(column):
    """The UTC calendar day of an ISO 8601 date or date-time (UTC when it has no offset; the
    session time zone is UTC)."""
    return F.to_date(F.col(column).cast("timestamp"))


class Dataset:
    """The member network of a dataset: members (with their order in nodes.csv and their group at
    each level) and ties (u, v ordinal pairs, u < v, summed weight, first day). With a span
    (`since`, `until`: dates or None) the network holds the ties with a dated record in
    [since, until] (days inclusive, UTC) over the members present by `until` (the earlier of
    `joined` and their first tie in the whole dataset), as the CLI's --from/--until."""

    def __init__(self, spark, path, weighted, since=None, until=None):
        self.spark = spark
        self.weighted = weighted
        self.since, self.until = since, until
        nodes = read_csv(spark, path.rstrip("/") + "/nodes.csv", multiline=True)
        # nodes.csv is read as one ordered stream: the increasing id follows the file's row order.
        nodes = nodes.withColumn("ord", F.monotonically_increasing_id())
        for column in ["name", "parent", "joined"]:
            if column not in nodes.columns:
                nodes = nodes.withColumn(column, F.lit(None).cast("string"))
        nodes = nodes.select("id", "kind", "name", "parent", "joined", "ord").localCheckpoint()
        self.nodes = nodes

        # The group of a member at a level is its nearest ancestor of that kind.
        parents = nodes.select(F.col("id").alias("pid"), F.col("kind").alias("pkind"),
                               F.col("parent").alias("pparent"))
        members = nodes.filter(F.col("kind") == "member").select(
            "id", "name", "ord", F.col("parent").alias("a0"),
            utc_day("joined").alias("joined"))
        for hop in range(4):
            members = (members.join(parents, F.col(f"a{hop}") == F.col("pid"), "left")
                       .withColumnRenamed("pkind", f"k{hop}")
                       .withColumn(f"a{hop + 1}", F.col("pparent")).drop("pid", "pparent"))
        for level in LEVELS:
            group = F.lit(None).cast("string")
            for hop in reversed(range(4)):
                group = F.when(F.col(f"k{hop}") == level, F.col(f"a{hop}")).otherwise(group)
            members = members.withColumn("g_" + level, group)
        self.members = members.select("id", "name", "ord", "joined",
                                      *["g_" + level for level in LEVELS]).localCheckpoint()
        self.n = self.members.count()

        ids = self.members.select("id", "ord")
        base = path.rstrip("/")
        interactions = read_csv(spark, base + "/interactions*.csv{,.gz}")
        weight = (F.col("weight").cast("double") if "weight" in interactions.columns
                  else F.lit(1.0))
        interactions = interactions.select(F.col("source"), F.col("target"),
                                           F.coalesce(weight, F.lit(1.0)).alias("w"),
                                           utc_day("date").alias("day"))
        self.interaction_rows = interactions
        pairs = (interactions
                 .join(ids.withColumnRenamed("id", "source").withColumnRenamed("ord", "s"), "source")
                 .join(ids.withColumnRenamed("id", "target").withColumnRenamed("ord", "t"), "target"))
        # Self-ties: no tie, but counted (with their dates) among the dataset's records, as the CLI does.
        loops = pairs.filter(F.col("s") == F.col("t")).select(F.col("s").alias("ord"), "day")
        records = pairs.filter(F.col("s") != F.col("t")).select(
            F.least("s", "t").alias("u"), F.greatest("s", "t").alias("v"), "w", "day")

        attendance = read_optional_csv(spark, base + "/attendance.csv")
        self.attendance_rows = attendance
        if attendance is not None:
            # Every two attendance rows of one event by different members tie them once (weight 1,
            # dated by the later row), as the CLI does: a member listed twice counts twice.
            rows = (attendance.withColumn("rid", F.monotonically_increasing_id())
                    .join(ids.withColumnRenamed("id", "member"), "member")
                    .select("event", "rid", "ord", utc_day("date").alias("day")))
            a, b = rows.alias("a"), rows.alias("b")
            shared = (a.join(b, (F.col("a.event") == F.col("b.event")) & (F.col("a.rid") < F.col("b.rid"))
                             & (F.col("a.ord") != F.col("b.ord")))
                      .select(F.least("a.ord", "b.ord").alias("u"), F.greatest("a.ord", "b.ord").alias("v"),
                              F.lit(1.0).alias("w"), F.greatest("a.day", "b.day").alias("day")))
            records = records.unionByName(shared)
        ties = records.groupBy("u", "v").agg(F.min("day").alias("first"))
        first_tie = (ties.select(F.col("u").alias("ord"), "first").unionByName(ties.select(F.col("v").alias("ord"), "first"))
                     .groupBy("ord").agg(F.min("first").alias("tied")))
        # The day each member is present from: the earlier of joined and its first tie (whole dataset).
        self.present = (self.members.select("ord", "joined").join(first_tie, "ord", "left")
                        .select("ord", F.least("joined", "tied").alias("present"))
                        .filter(F.col("present").isNotNull()).localCheckpoint())
        if since is not None or until is not None:
            if since is not None:
                records = records.filter(F.col("day") >= F.lit(since))
                loops = loops.filter(F.col("day") >= F.lit(since))
            if until is not None:
                records = records.filter(F.col("day") <= F.lit(until))
                present = self.present.filter(F.col("present") <= F.lit(until)).select("ord")
                self.members = self.members.join(present, "ord", "left_semi").localCheckpoint()
                self.n = self.members.count()
                loops = loops.filter(F.col("day") <= F.lit(until)).join(present, "ord", "left_semi")
        self.self_loops_frame = loops
        self.records = records
        self.ties = (records.groupBy("u", "v")
                     .agg(F.sum("w").alias("w"), F.min("day").alias("first"))
                     .localCheckpoint())
        # Both directions of every tie, with the weight the analyses use.
        w = F.col("w") if weighted else F.lit(1.0)
        self.arcs = (self.ties.select(F.col("u").alias("a"), F.col("v").alias("b"), w.alias("w"))
                     .unionByName(self.ties.select(F.col("v").alias("a"), F.col("u").alias("b"), w.alias("w")))
                     .localCheckpoint())


def checkpoint(frame):
    """`frame` computed and kept (localCheckpoint), as a new leaf whose size estimate no longer
    derives from the plan that computed it. A checkpoint keeps its plan's estimated size, and
    Spark estimates a join as the product of its sides' sizes, so an iteration that joins its
    previous checkpoint squares the estimate's digits every round: by round 9 of label propagation
    on the example community the planner spent 90 s multiplying BigIntegers. Re-creating the
    frame from its rows (within the JVM) gives it Spark's default estimate instead."""
    frame = frame.localCheckpoint()
    spark = frame.sparkSession
    return DataFrame(spark._jsparkSession.createDataFrame(frame._jdf.javaRDD(), frame._jdf.schema()), spark)


# ----------------------------------------------------------------------------------------------
# Analyses (each takes the Dataset and returns DataFrames keyed by member ordinal `ord`)


def degrees(data):
    """degree (distinct neighbours) and strength (summed weights; the degree unless weighted),
    0 for members without ties."""
    per = data.arcs.groupBy(F.col("a").alias("ord")).agg(F.count("*").alias("degree"),
                                                          F.sum("w").alias("strength"))
    return (data.members.select("ord").join(per, "ord", "left")
            .select("ord", F.coalesce("degree", F.lit(0)).cast("long").alias("degree"),
                    F.coalesce("strength", F.lit(0.0)).alias("strength")))


def component_labels(data, arcs=None, vertices=None, keys=()):
    """The smallest member ordinal of each member's connected component: minimum-label
    propagation with pointer jumping (each round a member takes the smallest label among its
    own, its neighbours' and its label's label) until no label changes. With `keys` (columns of
    both `arcs` and `vertices`, such as a period) every key value is a network of its own, all
    propagated together: a round runs until no label of any of them changes.
    - Complexity: two Spark jobs per round, each O(arcs + vertices)."""
    keys = list(keys)
    arcs = data.arcs if arcs is None else arcs
    vertices = data.members.select("ord") if vertices is None else vertices
    labels = vertices.select(*keys, "ord", F.col("ord").alias("label")).localCheckpoint()
    while True:
        pulled = (arcs.join(labels.withColumnRenamed("ord", "b"), keys + ["b"])
                  .groupBy(*keys, F.col("a").alias("ord")).agg(F.min("label").alias("pulled")))
        step = checkpoint(labels.join(pulled, keys + ["ord"], "left")
                          .select(*keys, "ord", F.col("label").alias("old"),
                                  F.least("label", F.coalesce("pulled", "label")).alias("label")))
        # The changed labels are counted while the checkpoint computes the round (an observation
        # of the same pass), not by a join and a Spark job of their own.
        changed = Observation()
        labels = checkpoint(
            step.join(step.select(*keys, F.col("ord").alias("label"), F.col("label").alias("jump")),
                      keys + ["label"], "left")
            .select(*keys, "ord", F.least("label", F.coalesce("jump", "label")).alias("label"),
                    F.col("old"))
            .observe(changed, F.count(F.when(F.col("label") != F.col("old"), True)).alias("changed"))
            .drop("old"))
        if changed.get["changed"] == 0:
            return labels


def components(data):
    """Components numbered 0, 1, ... by decreasing size, ties to the component whose first
    member (in nodes.csv order) comes first, as `meshwork components`."""
    labels = component_labels(data)
    sizes = labels.groupBy("label").agg(F.count("*").alias("size"))
    ranked = sizes.withColumn("component", F.row_number().over(
        Window.orderBy(F.desc("size"), F.asc("label"))) - 1)
    return labels.join(ranked, "label").select("ord", "component", "size").localCheckpoint()


def pagerank(data, degree):
    """NetworkX's PageRank (alpha 0.85, dangling mass spread uniformly), solved exactly rather
    than by power iteration: on an undirected graph the system (I - alpha W D^-1) z = 1 over the
    members with ties becomes, with z = D^1/2 y, the symmetric positive definite system
    A y = (I - alpha D^-1/2 W D^-1/2) y = D^-1/2 1, whose condition number is at most
    (1 + alpha) / (1 - alpha), so conjugate gradients reach a relative residual of 1e-14 in about
    40 rounds (power iteration needs about 200 for the same). The PageRank of a member with ties
    is c z, of one without, c, with c making the values sum to 1 (the dangling and teleport mass
    per member).
    The rounds are Chronopoulos and Gear's conjugate gradients ("s-step iterative methods for
    symmetric linear systems", 1989): the same iterates in exact arithmetic, but with A p carried
    by the recurrence q = A r + beta q, so a round multiplies by A once (w = A r) and needs both of
    its inner products, r.r and w.r, from one pass: two Spark jobs per round (the checkpoint of
    the updated vectors with w, and one aggregation) where the textbook order needs a sum between
    the product and the update.
    - Complexity: O(E) per round, O(sqrt(kappa) log(1/tol)) rounds."""

    def with_product(state):
        """`state` with w = A r, (A r)_a = r_a - alpha s_a sum_b w_ab s_b r_b."""
        pushed = (data.arcs.join(state.select(F.col("ord").alias("b"), (F.col("s") * F.col("r")).alias("sr")), "b")
                  .groupBy(F.col("a").alias("ord")).agg(F.sum(F.col("w") * F.col("sr")).alias("wsr")))
        return checkpoint(state.join(pushed, "ord", "left")
                          .withColumn("w", F.col("r") - ALPHA * F.col("s") * F.coalesce("wsr", F.lit(0.0)))
                          .drop("wsr"))

    def products(state):
        row = state.agg(F.sum(F.col("r") * F.col("r")), F.sum(F.col("w") * F.col("r"))).first()
        return row[0] or 0.0, row[1] or 0.0

    nodes = (degree.filter(F.col("strength") > 0)
             .select("ord", (1.0 / F.sqrt("strength")).alias("s")))
    # x = 0, r = b = D^-1/2 1, p = q = 0 (so the first round's p is r and its q is A r).
    zero = F.lit(0.0)
    state = with_product(nodes.select("ord", "s", zero.alias("x"), F.col("s").alias("r"),
                                      zero.alias("p"), zero.alias("q")))
    rr, wr = products(state)
    norm_b = rr
    step, beta = (rr / wr if wr else 0.0), 0.0
    rounds = 0
    while rr > (1e-14 ** 2) * norm_b and rounds < 1000:
        rounds += 1
        # p = r + beta p, q = A p = w + beta q; x += step p, r -= step q; then w = A r.
        moved = (state.withColumn("p", F.col("r") + beta * F.col("p"))
                 .withColumn("q", F.col("w") + beta * F.col("q"))
                 .select("ord", "s", (F.col("x") + step * F.col("p")).alias("x"),
                         (F.col("r") - step * F.col("q")).alias("r"), "p", "q"))
        state = with_product(moved)
        rr_new, wr = products(state)
        beta = rr_new / rr
        rr = rr_new
        if rr > 0:
            step = rr / (wr - beta * rr / step)
    z = state.select("ord", (F.col("x") / F.col("s")).alias("z"))
    # Members without ties (no z) count 1 each: one sum gives the scale.
    scored = degree.select("ord").join(z, "ord", "left").select("ord", F.coalesce("z", F.lit(1.0)).alias("z"))
    total = scored.agg(F.sum("z")).first()[0] or 0.0
    c = 1.0 / total if total else 0.0
    result = scored.select("ord", (F.lit(c) * F.col("z")).alias("pagerank"))
    return result, rounds


def triangles(data, degree):
    """Triangles through each member and its clustering coefficient 2T / (d (d - 1)) (0 below
    degree 2), as NetworkX's `clustering`; weighted (`--weighted`), T sums over the member's
    triangles the product of the cube roots of their three tie weights, each divided by the
    largest tie weight (Onnela et al. 2005, NetworkX's weighted `clustering`), as the CLI's
    `centrality --weighted --measure clustering`. Each tie is oriented from the lower to the higher
    (degree, ordinal) end, so each triangle is found once from its lowest vertex, and no
    vertex has more than sqrt(2E) out-ties.
    - Complexity: O(E^1.5) work."""
    rank = degree.select("ord", "degree")
    if data.weighted:
        largest = data.ties.agg(F.max("w")).first()[0] or 1.0
        ties = data.ties.select("u", "v", F.cbrt(F.col("w") / F.lit(largest)).alias("c"))
    else:
        ties = data.ties.select("u", "v", F.lit(1.0).alias("c"))
    ends = (ties.join(rank.select(F.col("ord").alias("u"), F.col("degree").alias("du")), "u")
            .join(rank.select(F.col("ord").alias("v"), F.col("degree").alias("dv")), "v"))
    low_u = (F.col("du") < F.col("dv")) | ((F.col("du") == F.col("dv")) & (F.col("u") < F.col("v")))
    out = ends.select(F.when(low_u, F.col("u")).otherwise(F.col("v")).alias("x"),
                      F.when(low_u, F.col("v")).otherwise(F.col("u")).alias("y"), "c").localCheckpoint()
    first, second = out.alias("p"), out.alias("q")
    wedges = first.join(second, (F.col("p.x") == F.col("q.x")) & (F.col("p.y") < F.col("q.y"))).select(
        F.col("p.x").alias("x"), F.col("p.y").alias("u"), F.col("q.y").alias("v"),
        (F.col("p.c") * F.col("q.c")).alias("cw"))
    closed = wedges.join(ties, ["u", "v"])  # u < v in both
    corners = (closed.select(F.explode(F.array("x", "u", "v")).alias("ord"), (F.col("cw") * F.col("c")).alias("t"))
               .groupBy("ord").agg(F.sum("t").alias("triangles")))
    d = F.col("degree")
    return (degree.select("ord", "degree").join(corners, "ord", "left")
            .select("ord", F.coalesce("triangles", F.lit(0.0)).alias("triangles"),
                    F.when(d < 2, F.lit(0.0)).otherwise(
                        2.0 * F.coalesce("triangles", F.lit(0.0)) / (d * (d - 1))).alias("clustering")))


def label_propagation(data, half_rounds=LPA_HALF_ROUNDS, max_rounds=LPA_MAX_ROUNDS, patience=LPA_PATIENCE):
    """Deterministic label propagation: every member starts with its own ordinal as label. Each
    round finds, for every member with ties, the labels of largest summed tie weight among its
    neighbours (its best labels); a member is unsatisfied when its label is not among them. It
    stops when every member is satisfied (the stopping rule of Raghavan et al.). Otherwise some
    unsatisfied members move, each to the smallest of its best labels:
    - the first `half_rounds` rounds move the unsatisfied members of one half, chosen by a hash
      of (member, round) (fast, but two neighbours of the same half may swap labels);
    - later rounds move an independent set: the unsatisfied members whose hash of (member, round)
      is below that of every unsatisfied neighbour (Luby's rule; never empty while a member is
      unsatisfied). A member that moves alone among its neighbours strictly raises the total
      weight of the ties inside communities, and there are finitely many labellings, so this
      phase ends (Cordasco and Gargano's semi-synchronous argument, "Label propagation
      algorithm: a semi-synchronous approach", 2012). That bound can be large (a generated
      100,000-member community still had 125-150 unsatisfied members after 40 rounds), so the
      phase also stops when `patience` rounds pass without fewer unsatisfied members than
      before (logged).
    Members without ties keep their own label. Communities are numbered by decreasing size,
    ties by first member. This is not the CLI's randomised sequential order (see docs/spark.md);
    the agreement check compares partition quality instead. `max_rounds` only guards against a
    runaway job (logged when reached).
    - Complexity: O(E) per round; returns (communities, rounds, unsatisfied count per round)."""
    started = time.monotonic()
    labels = data.members.select("ord", F.col("ord").alias("label")).localCheckpoint()
    rounds = 0
    history = []
    while True:
        votes = (data.arcs.join(labels.withColumnRenamed("ord", "b"), "b")
                 .groupBy(F.col("a").alias("ord"), "label").agg(F.sum("w").alias("votes")))
        # One aggregation per member: the largest vote with the smallest label among those that
        # have it (the largest (votes, -label)), and the vote for the member's own label.
        own = labels.withColumnRenamed("label", "own")
        choice = (votes.join(own, "ord")
                  .groupBy("ord").agg(F.max(F.struct("votes", (-F.col("label")).alias("negated"))).alias("best"),
                                      F.max(F.when(F.col("label") == F.col("own"), F.col("votes"))).alias("kept"),
                                      F.max("own").alias("own"))
                  .select("ord", F.when(F.col("kept") == F.col("best.votes"), F.col("own"))
                          .otherwise(-F.col("best.negated")).alias("chosen")))
        # The unsatisfied members are counted while the checkpoint computes the step (an
        # observation of the same pass), not by a Spark job of their own.
        counted = Observation()
        step = checkpoint(
            labels.join(choice, "ord", "left")
            .select("ord", "label", F.coalesce("chosen", "label").alias("chosen"))
            .withColumn("priority", F.struct(F.xxhash64("ord", F.lit(rounds)).alias("h"), F.col("ord").alias("o")))
            .observe(counted, F.count(F.when(F.col("label") != F.col("chosen"), True)).alias("unsatisfied")))
        unsatisfied = step.filter(F.col("label") != F.col("chosen"))
        count = counted.get["unsatisfied"]
        history.append(count)
        print(f"meshwork_spark: label propagation round {rounds}: {count} members without a best label "
              f"({time.monotonic() - started:.1f} s)", file=sys.stderr)
        if count == 0:
            break
        if rounds >= max_rounds:
            print(f"meshwork_spark: label propagation stopped at the {max_rounds}-round guard", file=sys.stderr)
            break
        if rounds >= half_rounds + patience and min(history[-patience:]) >= min(history[:-patience]):
            print(f"meshwork_spark: label propagation stopped: no fewer members without a best label in "
                  f"{patience} rounds ({count} left)", file=sys.stderr)
            break
        if rounds < half_rounds:
            movers = unsatisfied.filter(F.pmod(F.col("priority.h"), F.lit(2)) == 0).select("ord")
        else:
            rivals = (data.arcs.join(unsatisfied.select(F.col("ord").alias("b"), "priority"), "b")
                      .groupBy(F.col("a").alias("ord")).agg(F.min("priority").alias("rival")))
            movers = (unsatisfied.join(rivals, "ord", "left")
                      .filter(F.col("rival").isNull() | (F.col("priority") < F.col("rival"))).select("ord"))
        rounds += 1
        labels = checkpoint(
            step.join(movers.withColumn("moves", F.lit(True)), "ord", "left")
            .select("ord", F.when(F.col("moves"), F.col("chosen")).otherwise(F.col("label")).alias("label")))
    sizes = labels.groupBy("label").agg(F.count("*").alias("size"), F.min("ord").alias("first"))
    ranked = sizes.withColumn("community", F.row_number().over(
        Window.orderBy(F.desc("size"), F.asc("first"))) - 1)
    return labels.join(ranked, "label").select("ord", "community"), rounds, history


def modularity(data, membership, column):
    """Newman's modularity (resolution 1) of a partition of the member network:
    sum over communities of L_c / m - (D_c / 2m)^2, weighted as the arcs are."""
    group = membership.select("ord", F.col(column).alias("g"))
    m = data.arcs.agg(F.sum("w")).first()[0] or 0.0
    if m == 0:
        return 0.0
    m /= 2.0
    inside = (data.arcs.join(group.withColumnRenamed("ord", "a"), "a")
              .join(group.select(F.col("ord").alias("b"), F.col("g").alias("gb")), "b")
              .filter(F.col("g") == F.col("gb")).agg(F.sum("w")).first()[0] or 0.0) / 2.0
    totals = (data.arcs.join(group.withColumnRenamed("ord", "a"), "a").groupBy("g")
              .agg(F.sum("w").alias("d")).agg(F.sum(F.col("d") * F.col("d"))).first()[0] or 0.0)
    return inside / m - totals / (4.0 * m * m)


def level_groups(data, level):
    """Nodes of the level's kind, in nodes.csv order."""
    return data.nodes.filter(F.col("kind") == level).select(F.col("id").alias("group"), "name", "ord")


def tie_groups(data, level, ties=None):
    """Ties (or any rows with member ordinals u and v) whose two members have a known group at
    `level`, with both groups."""
    g = data.members.select("ord", F.col("g_" + level).alias("g")).filter(F.col("g").isNotNull())
    ties = data.ties if ties is None else ties
    return (ties.join(g.select(F.col("ord").alias("u"), F.col("g").alias("gu")), "u")
            .join(g.select(F.col("ord").alias("v"), F.col("g").alias("gv")), "v"))


def boundaries(data, level):
    """One row per group of the level (nodes.csv order), as `meshwork boundaries --level L`:
    members; internal and external ties (ties with a member of unknown group left out); E-I index
    (empty when no tie); expected E-I index (2(N-n) - (n-1)) / (2(N-n) + (n-1)) of n members among
    the N placed (empty when N < 2); density of internal ties internal / (n (n-1) / 2) (empty below
    2 members); with --weighted the summed weights and the weighted E-I index; name; level."""
    g = data.members.select(F.col("g_" + level).alias("group")).filter(F.col("group").isNotNull())
    sizes = g.groupBy("group").agg(F.count("*").alias("members"))
    placed = g.count()
    ties = tie_groups(data, level)
    inside = ties.filter(F.col("gu") == F.col("gv")).groupBy(F.col("gu").alias("group")).agg(
        F.count("*").alias("internal_ties"), F.sum("w").alias("internal_weight"))
    across = ties.filter(F.col("gu") != F.col("gv"))
    outside = (across.select(F.col("gu").alias("group"), "w")
               .unionByName(across.select(F.col("gv").alias("group"), "w"))
               .groupBy("group").agg(F.count("*").alias("external_ties"), F.sum("w").alias("external_weight")))
    n = F.coalesce("members", F.lit(0))
    internal, external = F.coalesce("internal_ties", F.lit(0)), F.coalesce("external_ties", F.lit(0))
    iw, ew = F.coalesce("internal_weight", F.lit(0.0)), F.coalesce("external_weight", F.lit(0.0))
    big_n = F.lit(placed)
    none = F.lit(None).cast("double")
    expected = F.when(big_n < 2, none).otherwise(
        (2.0 * (big_n - n) - (n - 1)) / (2.0 * (big_n - n) + (n - 1)))
    columns = ["ord", "group", n.alias("members"), internal.alias("internal_ties"), external.alias("external_ties"),
               F.when(internal + external == 0, none).otherwise((external - internal) / (external + internal)).alias("ei_index"),
               expected.alias("expected_ei_index"),
               F.when(n < 2, none).otherwise(internal / (n * (n - 1) / 2.0)).alias("density")]
    if data.weighted:
        columns += [iw.alias("internal_weight"), ew.alias("external_weight"),
                    F.when(iw + ew == 0, none).otherwise((ew - iw) / (ew + iw)).alias("weighted_ei_index")]
    columns += [F.coalesce("name", F.lit("")).alias("name"), F.lit(level).alias("level")]
    return (level_groups(data, level).join(sizes, "group", "left").join(inside, "group", "left")
            .join(outside, "group", "left").select(*columns))


# ----------------------------------------------------------------------------------------------
# Growth


def period_start(day, period):
    if period == "day":
        return day
    if period == "week":
        return day - datetime.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    if period == "quarter":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return day.replace(month=1, day=1)


def next_period(start, period):
    if period == "day":
        return start + datetime.timedelta(days=1)
    if period == "week":
        return start + datetime.timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12}[period]
    month = start.month - 1 + months
    return start.replace(year=start.year + month // 12, month=month % 12 + 1, day=1)


def period_column(day, period):
    """The start of the calendar period (UTC; ISO weeks from Monday) holding `day`."""
    if period == "day":
        return day
    unit = {"week": "week", "month": "month", "quarter": "quarter", "year": "year"}[period]
    return F.to_date(F.date_trunc(unit, day))


def largest_component_sizes(data, presence, starts, period):
    """The size of the largest component of each period's cumulative network, over the members
    present. Ties only join components, so one union-find pass over the ties in order of their
    first day gives every period; it runs on the driver (O(members) memory), streaming the ties."""
    parent, size = {}, {}

    def find(x):
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    largest = 0
    events = (presence.select(F.col("start"), F.lit(0).alias("kind"), F.col("ord").alias("u"), F.col("ord").alias("v"))
              .unionByName(data.ties.select(period_column(F.col("first"), period).alias("start"), F.lit(1).alias("kind"),
                                            "u", "v"))
              .orderBy("start", "kind"))
    result, position = [], 0
    for row in events.toLocalIterator():
        while position < len(starts) and starts[position] < row.start:
            result.append(largest)
            position += 1
        if row.kind == 0:
            parent[row.u], size[row.u] = row.u, 1
            largest = max(largest, 1)
            continue
        ru, rv = find(row.u), find(row.v)
        if ru != rv:
            if size[ru] < size[rv]:
                ru, rv = rv, ru
            parent[rv] = ru
            size[ru] += size[rv]
            largest = max(largest, size[ru])
    while position < len(starts):
        result.append(largest)
        position += 1
    return result


def windowed_largest_components(data, period, periods, window):
    """The size of the largest component of each period's windowed network (the ties with a record
    in the period or the `window` - 1 before it), by period index; periods without ties are left
    out (their largest component is one member when any is present). Ties leave such a network,
    so the cumulative union-find pass does not apply: every period's ties are listed (a tie with
    a record in period i is present in i .. i + window - 1) and the components of all periods are
    found together in Spark by minimum-label propagation keyed by period (`component_labels`),
    each round checkpointed.
    - Complexity: O(R K) rows for R distinct (tie, record period) pairs and a window of K
      periods, two Spark jobs per propagation round over them; the rounds are those of the
      period needing most (pointer jumping keeps them near the logarithm of its largest
      component's diameter)."""
    last = periods.agg(F.max("idx")).first()[0]
    marks = (data.records.select("u", "v", period_column(F.col("day"), period).alias("start")).distinct()
             .join(periods.select("start", "idx"), "start"))
    present = marks.select("u", "v", F.explode(F.sequence(
        F.col("idx"), F.least(F.col("idx") + (window - 1), F.lit(last)))).alias("p")).distinct()
    arcs = checkpoint(present.select("p", F.col("u").alias("a"), F.col("v").alias("b"))
                      .unionByName(present.select("p", F.col("v").alias("a"), F.col("u").alias("b"))))
    labels = component_labels(data, arcs=arcs, vertices=arcs.select("p", F.col("a").alias("ord")).distinct(),
                              keys=["p"])
    sizes = (labels.groupBy("p", "label").agg(F.count("*").alias("size"))
             .groupBy("p").agg(F.max("size").alias("largest")))
    return {row.p: row.largest for row in sizes.collect()}


def tie_changes(data, period, periods, window):
    """The ties entering (change 1) and leaving (change -1) the network, one row per tie and
    period start. Cumulative (window None): each tie enters in the period of its first record. With
    a window of K periods a tie is present in period p when it has a record in periods p-K+1..p:
    over its record periods in order, a record more than K periods after the previous one (or the
    first) starts a run, a record more than K periods before the next one (or the last) ends it,
    and the tie leaves K periods after that record (when that period is in the series)."""
    if window is None:
        return data.ties.select("u", "v", period_column(F.col("first"), period).alias("start"),
                                F.lit(1).alias("change"))
    index = periods.select("start", "idx")
    marks = (data.records.select("u", "v", period_column(F.col("day"), period).alias("start")).distinct()
             .join(index, "start"))
    order = Window.partitionBy("u", "v").orderBy("idx")
    marks = marks.withColumn("prev", F.lag("idx").over(order)).withColumn("next", F.lead("idx").over(order))
    gains = marks.filter(F.col("prev").isNull() | (F.col("idx") - F.col("prev") > window)).select(
        "u", "v", "idx", F.lit(1).alias("change"))
    losses = marks.filter(F.col("next").isNull() | (F.col("next") - F.col("idx") > window)).select(
        "u", "v", (F.col("idx") + window).alias("idx"), F.lit(-1).alias("change"))
    return gains.unionByName(losses).join(index, "idx").select("u", "v", "start", "change")


def growth(data, period, largest_component=True, window=None):
    """One row per calendar period from that of the earliest dated record (interaction or
    attendance row) to that of the latest, as `meshwork growth [--window K]`: the network of a
    period holds every tie with a record on or before its end (cumulative), or with a window in its
    last K periods (`tie_changes`). Columns: members present by the period's end (from the earlier
    of `joined` and their first tie), ties, new ties, lost ties (0 when cumulative), density, mean
    degree, largest component share (cumulative: one union-find pass on the driver; windowed:
    `windowed_largest_components` in Spark), and per level the cross-boundary share and
    E-I index of the ties whose two members' groups are known.
    - Complexity: O(records) in Spark; O(periods) on the driver, plus the largest-component pass."""
    spark = data.spark
    dated = data.interaction_rows.select("day")
    if data.attendance_rows is not None:
        dated = dated.unionByName(data.attendance_rows.select(utc_day("date").alias("day")))
    first_day, last_day = dated.agg(F.min("day"), F.max("day")).first()
    if first_day is None:
        return None
    # A span sets the first and last period (members still count from their presence).
    first_day = data.since or first_day
    last_day = data.until or last_day
    starts = []
    start = period_start(first_day, period)
    while start <= last_day:
        starts.append(start)
        start = next_period(start, period)
    periods = spark.createDataFrame(
        [(s, next_period(s, period) - datetime.timedelta(days=1), i) for i, s in enumerate(starts)],
        "start date, end date, idx int")

    presence = (data.present.join(data.members.select("ord"), "ord", "left_semi")
                .select("ord", period_column(F.col("present"), period).alias("start"))).localCheckpoint()
    arrivals = presence.groupBy("start").agg(F.count("*").alias("arrived"))
    changes = tie_changes(data, period, periods, window).localCheckpoint()
    new = changes.groupBy("start").agg(F.sum((F.col("change") > 0).cast("long")).alias("new_ties"),
                                       F.sum((F.col("change") < 0).cast("long")).alias("lost_ties"))
    table = (periods.join(arrivals, "start", "left").join(new, "start", "left")
             .select("start", "end", F.coalesce("arrived", F.lit(0)).alias("arrived"),
                     F.coalesce("new_ties", F.lit(0)).alias("new_ties"),
                     F.coalesce("lost_ties", F.lit(0)).alias("lost_ties")))
    for level in LEVELS:
        known = tie_groups(data, level, changes).select("start", "change", (F.col("gu") != F.col("gv")).alias("cross"))
        counts = known.groupBy("start").agg(F.sum(F.when(F.col("cross"), F.col("change")).otherwise(0)).alias("e_" + level),
                                            F.sum(F.when(~F.col("cross"), F.col("change")).otherwise(0)).alias("i_" + level))
        table = table.join(counts, "start", "left")
    rows = sorted(table.collect(), key=lambda row: row.start)
    # Members who are present before the first period (joined earlier) count from the start.
    early = presence.filter(F.col("start") < starts[0]).count()
    # With a window ties also leave, so the one union-find pass does not apply.
    largest = None
    if largest_component and window is None:
        largest = largest_component_sizes(data, presence, starts, period)
    elif largest_component:
        by_period = windowed_largest_components(data, period, periods, window)
        largest = [by_period.get(index, 0) for index in range(len(starts))]

    out = []
    members = early
    ties = 0
    e = {level: 0 for level in LEVELS}
    i = {level: 0 for level in LEVELS}
    for index, row in enumerate(rows):
        members += row.arrived
        ties += row.new_ties - row.lost_ties
        record = [row.start.isoformat(), row.end.isoformat(), members, ties, row.new_ties, row.lost_ties,
                  0.0 if members < 2 else 2.0 * ties / (members * (members - 1.0)),
                  0.0 if members == 0 else 2.0 * ties / members]
        if largest is not None:
            # A present member without a present tie is a component of one.
            record.append(0.0 if members == 0 else max(1, largest[index]) / members)
        for level in LEVELS:
            e[level] += row["e_" + level] or 0
            i[level] += row["i_" + level] or 0
            total = e[level] + i[level]
            record += [None, None] if total == 0 else [e[level] / total, (e[level] - i[level]) / total]
        out.append(tuple(record))
    columns = ["period_start", "period_end", "members", "ties", "new_ties", "lost_ties", "density", "mean_degree"]
    types = ["string", "string", "long", "long", "long", "long", "double", "double"]
    if largest is not None:
        columns.append("largest_component_share")
        types.append("double")
    for level in LEVELS:
        columns += ["cross_share_" + level, "ei_" + level]
        types += ["double", "double"]
    schema = ", ".join(f"{c} {t}" for c, t in zip(columns, types))
    return spark.createDataFrame(out, schema)


# ----------------------------------------------------------------------------------------------
# Summary


def summary(data, degree, comps, top=10):
    """The figures of `meshwork summary --format json` for a dataset, in six Spark actions."""
    n = data.n
    # Every tie is two arcs: the degrees sum to twice the ties.
    stats = degree.agg(F.max("degree"), F.sum((F.col("degree") == 0).cast("long")), F.sum("degree")).first()
    ties = (stats[2] or 0) // 2
    sizes = comps.groupBy("component").agg(F.first("size").alias("size"))
    count, largest = sizes.agg(F.count("*"), F.max("size")).first()
    top_rows = (degree.join(data.members.select("ord", "id", "name"), "ord")
                .orderBy(F.desc("degree"), F.asc("ord")).limit(top).collect())
    # The dated records: ties' records (interactions, co-attendance pairs) and self-ties.
    records, self_loops, first_day, last_day = (
        data.records.select("day", F.lit(0).alias("loop"))
        .unionByName(data.self_loops_frame.select("day", F.lit(1).alias("loop")))
        .agg(F.count("*"), F.sum("loop"), F.min("day"), F.max("day")).first())
    days = (first_day, last_day)
    kinds = {row.kind: row.c for row in data.nodes.groupBy("kind").agg(F.count("*").alias("c")).collect()}
    placed_groups = (data.members.select(F.explode(F.array(*[
        F.struct(F.lit(level).alias("level"), F.col("g_" + level).alias("group")) for level in LEVELS])).alias("x"))
        .select("x.level", "x.group").filter(F.col("group").isNotNull())
        .groupBy("level", "group").agg(F.count("*").alias("c"))
        .groupBy("level").agg(F.sum("c").alias("placed"), F.count("*").alias("with_members"),
                              F.max("c").alias("biggest")))
    placed = {row.level: row for row in placed_groups.collect()}
    levels = {}
    for level in LEVELS:
        row = placed.get(level)
        levels[level] = {"groups": kinds.get(level, 0), "groups_with_members": row.with_members if row else 0,
                         "members_placed": row.placed if row else 0, "largest_group": row.biggest if row else 0}
    return {
        "nodes": n,
        "ties": ties,
        "directed": False,
        "self_loops": self_loops or 0,
        "density": 0.0 if n < 2 else 2.0 * ties / (n * (n - 1.0)),
        "mean_degree": 0.0 if n == 0 else 2.0 * ties / n,
        "max_degree": stats[0] or 0,
        "isolated_nodes": stats[1] or 0,
        "components": count,
        "largest_component": largest or 0,
        "largest_component_share": 0.0 if n == 0 else (largest or 0) / n,
        "top_by_degree": [{"id": r.id, "name": r.name or "", "degree": r.degree} for r in top_rows],
        "interactions": records,
        "first_date": days[0].isoformat() if days[0] else None,
        "last_date": days[1].isoformat() if days[1] else None,
        "levels": levels,
    }


# ----------------------------------------------------------------------------------------------
# Writing and the command line


def write_table(frame: DataFrame, out, name, order="ord"):
    """Writes `frame` sorted by `order` (then without it) as CSV with a header under OUT/name;
    the part files in name order hold the rows in order."""
    columns = [c for c in frame.columns if c != order]
    (frame.orderBy(order).select(*columns).write.mode("overwrite").option("header", True)
     .option("quote", '"').option("escape", '"').csv(out.rstrip("/") + "/" + name))


def write_json(spark, document, out, name):
    spark.createDataFrame([(json.dumps(document),)], "value string").coalesce(1).write.mode("overwrite").text(
        out.rstrip("/") + "/" + name)


ANALYSES = ["summary", "centrality", "components", "communities", "boundaries", "growth"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dataset", help="dataset directory (nodes.csv, interactions*.csv[.gz], attendance.csv)")
    parser.add_argument("out", help="output directory (one folder per table)")
    parser.add_argument("--analyses", default=",".join(ANALYSES),
                        help="comma-separated subset of " + ",".join(ANALYSES))
    parser.add_argument("--period", default="quarter", choices=["day", "week", "month", "quarter", "year"])
    parser.add_argument("--window", type=int, default=None, metavar="K",
                        help="growth: a period's network holds the ties with a record in its last K periods "
                             "(as the CLI's --window)")
    parser.add_argument("--from", dest="since", type=datetime.date.fromisoformat, default=None, metavar="DATE",
                        help="the network of the ties with a dated record on or after DATE (as the CLI's --from)")
    parser.add_argument("--until", type=datetime.date.fromisoformat, default=None, metavar="DATE",
                        help="the network of the ties with a dated record on or before DATE, over the members "
                             "present by then (as the CLI's --until)")
    parser.add_argument("--weighted", action="store_true",
                        help="tie weights count in strength, PageRank and label propagation (as the CLI's --weighted)")
    parser.add_argument("--no-largest-component", action="store_true",
                        help="leave largest_component_share out of growth (cumulative: the one driver-side step; "
                             "windowed: a label propagation per period)")
    parser.add_argument("--lpa-half-rounds", type=int, default=LPA_HALF_ROUNDS,
                        help="label propagation rounds that move a hash-chosen half before the independent-set "
                             f"rounds (default {LPA_HALF_ROUNDS}; see docs/spark.md)")
    parser.add_argument("--shuffle-partitions", type=int, default=None,
                        help="spark.sql.shuffle.partitions (default: Spark's, or the --conf given)")
    args = parser.parse_args(argv)
    analyses = [a for a in args.analyses.split(",") if a]
    unknown = [a for a in analyses if a not in ANALYSES]
    if unknown:
        parser.error("unknown analyses: " + ", ".join(unknown))
    if args.since is not None and (args.until is None or args.since > args.until):
        parser.error("--from needs an --until on or after it")
    if args.window is not None and args.window < 1:
        parser.error("--window must be at least 1")

    builder = (SparkSession.builder.appName("meshwork")
               .config("spark.sql.session.timeZone", "UTC"))
    if args.shuffle_partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(args.shuffle_partitions))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")

    clock = [time.monotonic()]

    def lap(what):
        now = time.monotonic()
        print(f"meshwork_spark: {what} took {now - clock[0]:.1f} s", file=sys.stderr)
        clock[0] = now

    data = Dataset(spark, args.dataset, args.weighted, since=args.since, until=args.until)
    lap("reading the dataset and building the member network")
    out = args.out
    degree = degrees(data).localCheckpoint() if set(analyses) & {"summary", "centrality"} else None
    members = data.members.select("ord", "id")
    comps = components(data) if set(analyses) & {"summary", "components"} else None
    if "summary" in analyses:
        write_json(spark, summary(data, degree, comps), out, "summary")
        lap("summary (with degrees and components)")
    if "components" in analyses:
        write_table(members.join(comps, "ord").select("ord", "id", "component"), out, "components")
        lap("components")
    if "centrality" in analyses:
        ranks, rounds = pagerank(data, degree)
        clustering = triangles(data, degree)
        table = (members.join(degree, "ord").join(ranks, "ord").join(clustering, "ord")
                 .select("ord", "id", "degree", "strength", "pagerank", "clustering"))
        write_table(table, out, "centrality")
        print(f"meshwork_spark: PageRank converged in {rounds} conjugate-gradient rounds", file=sys.stderr)
        lap("centrality")
    if "communities" in analyses:
        labels, rounds, _ = label_propagation(data, half_rounds=args.lpa_half_rounds)
        labels = labels.localCheckpoint()
        print(f"meshwork_spark: label propagation stopped after {rounds} rounds", file=sys.stderr)
        write_table(members.join(labels, "ord").select("ord", "id", "community"), out, "communities")
        quality = modularity(data, labels, "community")
        count = labels.select("community").distinct().count()
        spark.createDataFrame([(count, quality, rounds)], "communities long, modularity double, rounds long") \
            .coalesce(1).write.mode("overwrite").option("header", True).csv(out.rstrip("/") + "/communities-quality")
        lap("communities")
    if "boundaries" in analyses:
        for level in LEVELS:
            write_table(boundaries(data, level), out, "boundaries-" + level)
        lap("boundaries")
    if "growth" in analyses:
        table = growth(data, args.period, largest_component=not args.no_largest_component, window=args.window)
        name = "growth-" + args.period + ("" if args.window is None else f"-window{args.window}")
        if table is not None:
            table.coalesce(1).write.mode("overwrite").option("header", True).csv(out.rstrip("/") + "/" + name)
        lap("growth")
    spark.stop()


if __name__ == "__main__":
    main()
