"""Benchmark: plans across levels on the bundled plan — cascade, compare and roll-up.

Run from the repository root::

    python benchmarks/bench_levels.py              # medians of 7 runs
    python benchmarks/bench_levels.py --repeats 3

It prints a table and writes ``benchmarks/results/bench_levels.json``.

What is measured (medians, wall-clock seconds), each with a baseline measured in the same run:

* :func:`xiaojie.cascade.cascade` of the bundled plan to each of the 27 bundled cities and
  counties, per cascade; baseline: reading the plan back from its plan-file mapping
  (``plan_from_mapping(plan_to_mapping(plan))``), what loading a plan file costs after parsing;
* :func:`xiaojie.compare.compare` of the bundled plan with its 同心县 cascade, aligned by lineage
  and, with lineage and ids removed, by text similarity (rapidfuzz);
* :func:`xiaojie.rollup.rollup` over 22 counties with 40 progress records each, as of
  2025-08-01, and its ranking on 资金支出进度; baseline: 22 calls of
  :func:`xiaojie.tracking.status`, which the roll-up makes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import statistics
import sys
import time
from pathlib import Path

import attrs

import xiaojie as xj
from xiaojie.cascade import cascade
from xiaojie.compare import compare
from xiaojie.io import plan_from_mapping, plan_to_mapping
from xiaojie.places import load_places
from xiaojie.progress import Completion, Measurement, Occurrence, Progress
from xiaojie.rollup import rollup
from xiaojie.tracking import status


AS_OF = dt.date(2025, 8, 1)


def _median(fn, repeats):
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _county_progress(plan, rng):
    milestones = [m.id for m in plan.milestones]
    obligations = [o.id for o in plan.obligations]
    records: list = [
        Completion(rng.choice(milestones), AS_OF - dt.timedelta(days=rng.randint(0, 60)))
        for _ in range(15)
    ]
    records += [
        Occurrence(rng.choice(obligations), AS_OF - dt.timedelta(days=rng.randint(0, 60)))
        for _ in range(15)
    ]
    days = rng.sample(range(60), 10)
    records.extend(
        Measurement("spending-progress", AS_OF - dt.timedelta(days=d), rng.uniform(30, 90))
        for d in days
    )
    return Progress(records)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    plan = xj.load_plan()
    places = load_places()
    targets = [p for p in places if p.parent is not None]
    rng = random.Random(16)
    counties = places.at_level("county")
    reports = {c.code: _county_progress(plan, rng) for c in counties}
    local = cascade(plan, to="同心县").plan
    bare = attrs.evolve(
        local,
        lineage=None,
        milestones=[
            attrs.evolve(m, id=f"x-{m.id}", after=[f"x-{a}" for a in m.after])
            for m in local.milestones
        ],
        obligations=[attrs.evolve(o, id=f"x-{o.id}") for o in local.obligations],
        indicators=[attrs.evolve(i, id=f"x-{i.id}") for i in local.indicators],
    )
    assert compare(plan, bare).findings == ()

    rows = {
        "cascade, per place": _median(lambda: [cascade(plan, to=p) for p in targets], args.repeats)
        / len(targets),
        "baseline: plan from its file mapping": _median(
            lambda: plan_from_mapping(plan_to_mapping(plan)), args.repeats
        ),
        "compare by lineage": _median(lambda: compare(plan, local), args.repeats),
        "compare by text (rapidfuzz)": _median(lambda: compare(plan, bare), args.repeats),
        "rollup, 22 counties x 40 records + ranking": _median(
            lambda: rollup(plan, reports, as_of=AS_OF, places=places).lagging("spending-progress"),
            args.repeats,
        ),
        "baseline: 22 x status()": _median(
            lambda: [status(plan, p, as_of=AS_OF) for p in reports.values()], args.repeats
        ),
    }
    width = max(map(len, rows))
    print(f"{'what':<{width}}  median s")
    for name, seconds in rows.items():
        print(f"{name:<{width}}  {seconds:.4f}")
    print(
        f"cascade / plan from mapping: {rows['cascade, per place'] / rows['baseline: plan from its file mapping']:.1f}x"
    )
    print(
        f"compare text / lineage: {rows['compare by text (rapidfuzz)'] / rows['compare by lineage']:.1f}x"
    )
    print(
        f"rollup / 22 status: {rows['rollup, 22 counties x 40 records + ranking'] / rows['baseline: 22 x status()']:.2f}x"
    )
    out = Path(__file__).parent / "results" / "bench_levels.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "python": sys.version.split()[0],
                "machine": platform.machine(),
                "repeats": args.repeats,
                "median_seconds": rows,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
