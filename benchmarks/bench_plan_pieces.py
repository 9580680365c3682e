"""Benchmark: ``load_plan`` on plan files large and small, in a fresh process each, against a baseline.

Run from the repository root::

    python benchmarks/bench_plan_pieces.py --plans /tmp/plan-100k.toml --baseline-src /tmp/old/src

A TOML plan file of 4 MiB or more is read in pieces of 1 MiB, each piece's rows built before the
next piece is read (``xiaojie.io._pieces``), so its whole data is never held at once; smaller files
are read whole as before. What is measured, for the bundled plan (``load_plan()``), the bundled plan
saved to a file, and each of ``--plans`` (write one with ``bench_scale.write_plan``), each a median
of ``--repeats`` fresh processes (the collector paused, as the command line does): the CPU seconds
of the load alone (user and system, without the imports), its minor page faults, and the process's
peak resident memory. With ``--baseline-src`` (the ``src`` folder of another copy of xiaojie, put
first on ``PYTHONPATH``) the same is measured for it, run for run in turn, and the ratio printed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path


_CHILD = """
import json, os, resource, sys
from xiaojie._gc import collector_paused
from xiaojie.io import load_plan
before = resource.getrusage(resource.RUSAGE_SELF)
with collector_paused():
    plan = load_plan(sys.argv[1] or None)
after = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({
    "user s": after.ru_utime - before.ru_utime,
    "sys s": after.ru_stime - before.ru_stime,
    "faults": after.ru_minflt - before.ru_minflt,
    "peak MB": after.ru_maxrss / 1024,
    "tasks": len(plan.tasks),
}))
sys.stdout.flush()
os._exit(0)
"""


def measure(path: str, src: str | None) -> dict[str, float]:
    """Return one fresh process's figures for loading ``path`` ("" for the bundled plan)."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    done = subprocess.run(  # noqa: S603 - our own code
        [sys.executable, "-c", _CHILD, path], capture_output=True, text=True, env=env, check=True
    )
    figures: dict[str, float] = json.loads(done.stdout)
    figures["CPU s"] = figures["user s"] + figures["sys s"]
    return figures


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", nargs="*", default=[], help="large plan files to load")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--baseline-src", help="the src folder of another copy, measured too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        small = Path(folder) / "bundled.toml"
        subprocess.run(  # noqa: S603 - our own code
            [
                sys.executable,
                "-c",
                "import sys, xiaojie as xj; xj.io.save_plan(xj.load_plan(), sys.argv[1])",
                str(small),
            ],
            check=True,
        )
        cases = [("bundled plan", ""), ("bundled plan, a file", str(small))]
        cases += [(Path(p).name, p) for p in args.plans]
        sources: list[tuple[str, str | None]] = [("now", None)]
        if args.baseline_src:
            sources.append(("baseline", args.baseline_src))
        print(
            f"{'case':34} {'copy':9} {'CPU s':>7} {'user s':>7} {'sys s':>7} {'faults':>9} {'peak MB':>8}"
        )
        for name, path in cases:
            runs: dict[str, list[dict[str, float]]] = {label: [] for label, _ in sources}
            for _ in range(args.repeats):
                for label, src in sources:
                    runs[label].append(measure(path, src))
            medians = {}
            for label, _ in sources:
                median = {k: statistics.median(r[k] for r in runs[label]) for k in runs[label][0]}
                medians[label] = median
                print(
                    f"{name:34} {label:9} {median['CPU s']:7.3f} {median['user s']:7.3f} "
                    f"{median['sys s']:7.3f} {median['faults']:9.0f} {median['peak MB']:8.1f}"
                )
            if "baseline" in medians:
                ratio = medians["baseline"]["CPU s"] / max(medians["now"]["CPU s"], 1e-9)
                print(f"{name:34} baseline / now CPU: {ratio:.2f}")


if __name__ == "__main__":
    main()
