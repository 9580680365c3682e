"""Benchmark: the responsibility graph and the headline query on a plan of 100,000 tasks.

Run from the repository root::

    python benchmarks/bench_graph.py            # the full size: 100,000 tasks, 2,000 units
    python benchmarks/bench_graph.py --tasks 10000 --repeats 3

It prints a table and writes ``benchmarks/results/bench_graph.json``.

The plan is generated directly as model objects (no file parsing): ``--units`` units, 20
leading-group-member groups of 20 units each (three in four with their members listed), 20
campaigns, and per task one lead and two co-responsible owners (a group instead of the last one
for 5% of tasks). Each task has one milestone due between 2025-06-01 and 2025-12-31 that names the
task's lead as its owner and comes after a milestone of an earlier task (one precedence edge per
task). The snapshot is as of 2025-08-01 with no progress, so about 29% of the milestones are
overdue.

What is measured (medians of several repeats, wall-clock seconds):

* generating the plan's objects (validated on construction), once;
* the snapshot: :func:`xiaojie.tracking.status` of the whole plan;
* :func:`xiaojie.graph.build_graph`;
* the first :func:`xiaojie.queries.units_with_overdue_tasks` on a new graph (it fills the
  per-graph index of owners), then the same query again (the steady state);
* a naive version of the same query, written here, that scans every node's attributes and its
  incoming edges and uses no index; both answers are checked to be equal;
* peak memory of building the graph (tracemalloc, in a separate run so that tracing does not slow
  the timed runs) and the process's peak resident size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import networkx as nx

from xiaojie.dates import Period
from xiaojie.graph import build_graph
from xiaojie.model import (
    Campaign,
    GroupKind,
    Milestone,
    Plan,
    Responsibility,
    ResponsibleUnit,
    Role,
    Task,
    UnitGroup,
    UnitRegistry,
)
from xiaojie.queries import units_with_overdue_tasks
from xiaojie.tracking import Snapshot, State, status


AS_OF = dt.date(2025, 8, 1)
FIRST_DUE = dt.date(2025, 6, 1)
RESULTS = Path(__file__).parent / "results" / "bench_graph.json"


def generate_plan(tasks: int, units: int, *, seed: int = 2025) -> Plan:
    """Return a valid plan of ``tasks`` tasks and milestones over ``units`` units."""
    rng = random.Random(seed)
    people = [ResponsibleUnit(id=f"u{k:05d}", name=f"单位{k:05d}") for k in range(units)]
    groups = [
        UnitGroup(
            id=f"g{k:02d}",
            name=f"第{k:02d}领导小组成员单位",
            kind=GroupKind.LEADING_GROUP_MEMBERS,
            members=None if k % 4 == 0 else tuple(u.id for u in rng.sample(people, 20)),
        )
        for k in range(20)
    ]
    campaigns = [Campaign(number=c, name=f"第{c}项攻坚行动") for c in range(1, 21)]
    task_list = []
    milestones = []
    span = (dt.date(2025, 12, 31) - FIRST_DUE).days + 1
    for number in range(1, tasks + 1):
        owners: list[ResponsibleUnit | UnitGroup] = list(rng.sample(people, 3))
        if rng.random() < 0.05:
            owners[2] = rng.choice(groups)
        duties = tuple(
            Responsibility(owner, Role.LEAD if k == 0 else Role.CO_RESPONSIBLE)
            for k, owner in enumerate(owners)
        )
        task_list.append(
            Task(
                number=number,
                title=f"任务{number}",
                campaign=rng.randint(1, 20),
                responsibilities=duties,
            )
        )
        due = FIRST_DUE + dt.timedelta(days=rng.randrange(span))
        milestones.append(
            Milestone(
                id=f"m{number}",
                title=f"任务{number}的节点",
                when=Period(None, due),
                owners=(owners[0],),
                task=number,
                after=(f"m{rng.randrange(1, number)}",) if number > 1 else (),
            )
        )
    return Plan(
        id="generated",
        title="generated plan",
        reference_date=dt.date(2025, 6, 1),
        campaigns=campaigns,
        tasks=task_list,
        milestones=milestones,
        units=UnitRegistry(people, groups),
    )


def snapshot_of(plan: Plan, as_of: dt.date) -> Snapshot:
    """Return the status of the whole plan, with no progress, as of ``as_of``."""
    return status(plan, as_of=as_of)


_ITEMS = {"task", "milestone", "obligation", "indicator"}


def naive_units_with_overdue_tasks(graph: nx.DiGraph, snapshot: Snapshot) -> dict[str, set]:
    """Answer the headline question by scanning every node and its incoming edges."""
    overdue: dict[str, list] = {}
    for entry in snapshot.entries:
        if entry.state is State.OVERDUE:
            overdue.setdefault(entry.item_id, []).append(entry)
    found: dict[str, set] = {}
    for node, data in graph.nodes(data=True):
        if data["kind"] not in _ITEMS:
            continue
        obj = data["obj"]
        entries = overdue.get(obj.id)
        if not entries:
            continue
        owners = [
            (u, d["role"]) for u, d in graph.pred[node].items() if d["kind"] == "responsibility"
        ]
        task = getattr(obj, "task", None)
        if not owners and task is not None:
            owners = [
                (u, d["role"])
                for u, d in graph.pred[f"task:{task}"].items()
                if d["kind"] == "responsibility"
            ]
        for owner, role in owners:
            found.setdefault(owner.partition(":")[2], set()).update((e.key, role) for e in entries)
    return found


def fast_as_sets(rows) -> dict[str, set]:
    """Return the query's direct (not group-expanded) answer in the naive answer's shape."""
    found: dict[str, set] = {}
    for row in rows:
        direct = {(e.key, e.role.value) for e in row.owned if not e.expanded}
        if direct:
            found[row.owner.id] = direct
    return found


def timed(function, *args, repeats: int):
    """Return (median wall seconds, median CPU seconds, all wall timings, last result).

    The garbage collector runs before each call, outside the timing, so that one call does not
    pay for collecting what earlier ones (or building the fixtures) left.
    """
    walls, cpus = [], []
    result = None
    for _ in range(repeats):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        result = function(*args)
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return statistics.median(walls), statistics.median(cpus), walls, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=2_000)
    parser.add_argument("--repeats", type=int, default=5, help="repeats of the slower steps")
    parser.add_argument("--query-repeats", type=int, default=21)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    start = time.perf_counter()
    plan = generate_plan(args.tasks, args.units)
    generate_seconds = time.perf_counter() - start

    start = time.perf_counter()
    snapshot = snapshot_of(plan, AS_OF)
    snapshot_seconds = time.perf_counter() - start
    overdue = len(snapshot.overdue())

    build, build_cpu, build_all, graph = timed(build_graph, plan, repeats=args.repeats)
    first_query, _, _, rows = timed(units_with_overdue_tasks, graph, snapshot, repeats=1)
    query, query_cpu, query_all, rows = timed(
        units_with_overdue_tasks, graph, snapshot, repeats=args.query_repeats
    )
    naive, naive_cpu, naive_all, naive_answer = timed(
        naive_units_with_overdue_tasks, graph, snapshot, repeats=args.repeats
    )
    agree = naive_answer == fast_as_sets(rows)

    nodes, edges = graph.number_of_nodes(), graph.number_of_edges()
    graph = None
    gc.collect()
    tracemalloc.start()
    traced = build_graph(plan)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del traced
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux

    figures = {
        "tasks": args.tasks,
        "units": args.units,
        "nodes": nodes,
        "edges": edges,
        "overdue_entries": overdue,
        "owner_rows": len(rows),
        "generate_plan_s": generate_seconds,
        "snapshot_s": snapshot_seconds,
        "build_graph_median_s": build,
        "build_graph_cpu_median_s": build_cpu,
        "build_graph_s": build_all,
        "first_query_s": first_query,
        "query_median_s": query,
        "query_cpu_median_s": query_cpu,
        "query_s": query_all,
        "naive_median_s": naive,
        "naive_cpu_median_s": naive_cpu,
        "naive_s": naive_all,
        "speedup": naive / query,
        "answers_agree": agree,
        "build_graph_peak_traced_bytes": peak,
        "process_peak_rss_bytes": rss,
        "targets": {
            "build_graph_under_2s": build < 2.0,
            "query_3x_faster_than_naive": naive / query >= 3.0,
            "query_under_50ms": query < 0.050,
        },
        "environment": {
            "python": platform.python_version(),
            "networkx": nx.__version__,
            "machine": platform.machine(),
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg(),
        },
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(table(figures))
    print(f"\nwritten to {args.output}")
    return 0 if agree else 1


def table(f: dict) -> str:
    """Return the figures as a plain-text table."""
    mib = 1024 * 1024
    rows = [
        ("plan", f"{f['tasks']:,} tasks, {f['units']:,} units"),
        ("graph", f"{f['nodes']:,} nodes, {f['edges']:,} edges"),
        ("overdue entries / owner rows", f"{f['overdue_entries']:,} / {f['owner_rows']:,}"),
        ("generate plan objects (once)", f"{f['generate_plan_s']:.2f} s"),
        ("snapshot: status() of the plan (once)", f"{f['snapshot_s']:.2f} s"),
        (
            "build_graph, median (CPU)",
            f"{f['build_graph_median_s']:.2f} s ({f['build_graph_cpu_median_s']:.2f} s)",
        ),
        ("first query (fills the index)", f"{f['first_query_s'] * 1000:.1f} ms"),
        (
            "units_with_overdue_tasks, median (CPU)",
            f"{f['query_median_s'] * 1000:.1f} ms ({f['query_cpu_median_s'] * 1000:.1f} ms)",
        ),
        (
            "naive scan, median (CPU)",
            f"{f['naive_median_s'] * 1000:.1f} ms ({f['naive_cpu_median_s'] * 1000:.1f} ms)",
        ),
        ("speed-up over naive", f"{f['speedup']:.1f}×"),
        ("answers agree", str(f["answers_agree"])),
        ("build_graph peak (tracemalloc)", f"{f['build_graph_peak_traced_bytes'] / mib:.0f} MiB"),
        ("process peak RSS", f"{f['process_peak_rss_bytes'] / mib:.0f} MiB"),
        (
            "load average (1, 5, 15 min)",
            ", ".join(f"{x:.2f}" for x in f["environment"]["load_average"]),
        ),
    ]
    width = max(len(name) for name, _ in rows)
    lines = [f"{name:<{width}}  {value}" for name, value in rows]
    lines.append("")
    lines.extend(f"target {name}: {'met' if ok else 'MISSED'}" for name, ok in f["targets"].items())
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
