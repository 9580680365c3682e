"""Benchmark: the stages of ``xiaojie status`` after the plan is read, in CPU seconds.

Run from the repository root::

    python benchmarks/bench_status_stages.py --plan PLAN.toml [--baseline-src DIR] [--repeats 3]

Each run is a fresh process that reads the plan (not measured), then measures the CPU seconds
of the first call of each stage as the command line makes it: ``status(plan, as_of=…)``, the
status report (``limit=50``, no figures) and its text, with the collector off as the command
line has it. With ``--baseline-src`` the same runs are made with that copy of xiaojie's ``src``
first on ``PYTHONPATH``, one after the other. Prints the median of each stage.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys


_CHILD = """
import datetime as dt, gc, json, sys, time
from xiaojie.io import load_plan
gc.disable()
plan = load_plan(sys.argv[1])
gc.freeze()
from xiaojie.render import status_report, to_text
from xiaojie.tracking import status
marks = [time.process_time()]
snapshot = status(plan, as_of=dt.date(2025, 8, 1))
marks.append(time.process_time())
document = status_report(plan, snapshot, limit=50, figures=False)
marks.append(time.process_time())
to_text(document)
marks.append(time.process_time())
print(json.dumps([b - a for a, b in zip(marks, marks[1:])]))
"""

STAGES = ("status()", "report", "text")


def run(plan: str, src: str | None) -> list[float]:
    """Return the CPU seconds of each stage in one fresh process."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = src
    done = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", _CHILD, plan], capture_output=True, text=True, env=env, check=True
    )
    return [float(x) for x in json.loads(done.stdout.strip().splitlines()[-1])]


def main() -> None:
    """Measure and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plan", required=True, metavar="FILE")
    parser.add_argument("--baseline-src", metavar="DIR")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    sources: list[tuple[str, str | None]] = [("now", None)]
    if args.baseline_src:
        sources.append(("baseline", args.baseline_src))
    found: dict[str, list[list[float]]] = {name: [] for name, _ in sources}
    for _ in range(args.repeats):
        for name, src in sources:
            found[name].append(run(args.plan, src))
    for name, _ in sources:
        runs = found[name]
        medians = [statistics.median(r[k] for r in runs) for k in range(len(STAGES))]
        parts = "  ".join(
            f"{stage} {value:.3f}" for stage, value in zip(STAGES, medians, strict=True)
        )
        totals = statistics.median(sum(r) for r in runs)
        print(f"{name:9s} CPU s: {parts}  together {totals:.3f}")


if __name__ == "__main__":
    main()
