"""Benchmark: the command line on large plans (``xiaojie docs``, ``xiaojie status``, ``status()``).

Run from the repository root::

    python benchmarks/bench_scale.py                      # short runs: medians of 3; long: 1
    python benchmarks/bench_scale.py --repeats 5 --big-repeats 3 --docs-tasks 3000 --units 2000
    python benchmarks/bench_scale.py --only status --big-repeats 3 --baseline-src /tmp/old/src

``--only status`` (or ``docs``) measures one command; ``--baseline-src`` names the ``src`` folder
of another copy of xiaojie (``git archive <commit> src | tar -x -C /tmp/old``) whose commands and
``status()`` are measured too, in the same run, with the same plan files (put first on
``PYTHONPATH``; the installed dependencies are shared).

What is measured, each a median of ``--repeats`` runs (``--big-repeats`` for the two large
plans; wall-clock seconds, and the child's CPU seconds and peak resident memory of the same
runs):

- ``xiaojie docs`` end to end (a fresh process) for a plan of ``--docs-tasks`` tasks shared out
  over ``--units`` units (target: 3,000 tasks and 2,000 units in under 30 s); the same-run
  baseline is ``xiaojie docs`` for the bundled plan;
- ``xiaojie status`` end to end for a plan file of ``--status-tasks`` tasks (target: 100,000
  tasks in under 5 s); the same-run baselines are ``xiaojie status`` for the bundled plan and
  the same command reading TOML with the standard library only (without the ``speed`` extra:
  one run, it is slow);
- :func:`xiaojie.tracking.status` on that plan against a hand-written loop over the same items
  (target: within 2x of the loop), CPU seconds.

The plans are copies of the bundled plan's campaigns and items, renumbered (as in
``bench_planfile.py``), their tasks' units replaced by synthetic units ``单位N`` so that the
plan has as many units as asked. It prints a table and writes
``benchmarks/results/bench_scale.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import tomli_w


sys.path.insert(0, str(Path(__file__).parent))

from bench_planfile import bundled_mapping, copies

from xiaojie import load_plan
from xiaojie.tracking import status


AS_OF = dt.date(2025, 8, 1)


def scaled_mapping(tasks: int, units: int) -> dict[str, Any]:
    """Return a plan mapping with about ``tasks`` tasks whose units are ``units`` synthetic units."""
    seed = bundled_mapping()
    count = max(1, -(-tasks // len(seed["tasks"])))
    data = copies(seed, count)
    data["tasks"] = data["tasks"][:tasks]
    keep = {t["number"] for t in data["tasks"]}
    campaigns = {t["campaign"] for t in data["tasks"]}
    data["campaigns"] = [c for c in data["campaigns"] if c["number"] in campaigns]
    for key in ("milestones", "obligations", "indicators", "limits"):
        data[key] = [i for i in data.get(key, []) if i.get("task") is None or i["task"] in keep]
    names = [f"单位{n}" for n in range(units)]
    data["units"] = list(data["units"]) + [
        {"id": f"unit-{n}", "name": name, "kind": "government_department"}
        for n, name in enumerate(names)
    ]
    for index, task in enumerate(data["tasks"]):
        task["units"] = [names[(index * 3 + k) % units] for k in range(3)]
        task.pop("units_text", None)
    return data


def write_plan(path: str, tasks: int, units: int) -> None:
    """Write the plan file of :func:`scaled_mapping` to ``path``."""
    Path(path).write_text(tomli_w.dumps(scaled_mapping(tasks, units)), "utf-8")


def run(
    command: list[str], repeats: int, env: dict[str, str] | None = None
) -> tuple[float, float, float]:
    """Return the medians of wall seconds, CPU seconds and peak memory (MB) of ``command``.

    Each run is a child process waited for with ``os.wait4``, which gives that child's own CPU
    time and peak resident memory (never below this process's size when it forked).
    """
    walls, cpus, peaks = [], [], []
    for _ in range(repeats):
        start = time.perf_counter()
        child = subprocess.Popen(  # noqa: S603 - our own command
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
        )
        _, status, usage = os.wait4(child.pid, 0)
        walls.append(time.perf_counter() - start)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(" ".join(command))
        cpus.append(usage.ru_utime + usage.ru_stime)
        peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(walls), statistics.median(cpus), statistics.median(peaks)


_WITHOUT_SPEED = (
    "import sys; import xiaojie.io._limits as limits; "
    "limits.available = lambda module: False; "
    "from xiaojie.cli import main; sys.exit(main(sys.argv[1:]))"
)
"""``xiaojie`` with the compiled TOML reader switched off (as if the extra were not installed)."""


def loop_baseline(plan: Any) -> None:
    """A hand-written loop over the same items status() looks at: each item's dates against as_of."""
    late = 0
    for milestone in plan.milestones:
        late += milestone.due < AS_OF
    for obligation in plan.obligations:
        for window in obligation.windows():
            late += obligation.cadence.due_in(window) < AS_OF
    for indicator in plan.indicators:
        for target in indicator.targets:
            late += target.due is not None and target.due.end is not None and target.due.end < AS_OF
    for task in plan.tasks:
        late += task.number < 0


def cpu(function: Any, *args: Any, repeats: int) -> float:
    """Return the median CPU seconds of ``repeats`` calls after one warm-up call."""
    function(*args)
    times = []
    for _ in range(repeats):
        start = time.process_time()
        function(*args)
        times.append(time.process_time() - start)
    return statistics.median(times)


def ratio(plan_path: str, repeats: int) -> tuple[float, float]:
    """Return the median CPU seconds of status() and of the hand-written loop on a plan file."""
    plan = load_plan(plan_path)
    return (
        cpu(lambda: status(plan, as_of=AS_OF), repeats=repeats),
        cpu(loop_baseline, plan, repeats=repeats),
    )


_CLI = "import sys; from xiaojie.cli import main; sys.exit(main(sys.argv[1:]))"


def main() -> None:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3, help="runs of the short commands")
    parser.add_argument("--big-repeats", type=int, default=1, help="runs of the long commands")
    parser.add_argument("--docs-tasks", type=int, default=3000)
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--status-tasks", type=int, default=100_000)
    parser.add_argument("--only", choices=("docs", "status"), help="measure one command only")
    parser.add_argument(
        "--no-tomllib", action="store_true", help="skip the slow run without the speed extra"
    )
    parser.add_argument(
        "--baseline-src", metavar="DIR", help="also measure the xiaojie found in DIR (its src)"
    )
    args = parser.parse_args()
    cli = [str(Path(sys.executable).with_name("xiaojie"))]
    results: dict[str, float] = {}
    here = str(Path(__file__).parent)
    old_env = None
    if args.baseline_src:
        old_env = {**os.environ, "PYTHONPATH": os.pathsep.join([args.baseline_src, here])}

    def measure(
        name: str,
        command: list[str],
        repeats: int = args.repeats,
        env: dict[str, str] | None = None,
    ) -> None:
        results[f"{name}: wall s"], results[f"{name}: CPU s"], results[f"{name}: peak MB"] = run(
            command, repeats, env
        )

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        docs_plan = root / "docs-plan.toml"
        status_plan = root / "status-plan.toml"
        # written by a child process: a child's peak memory counts its parent's at the fork, so
        # this process stays small while it runs the commands measured
        write = (
            f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
            "from bench_scale import write_plan; "
            f"write_plan({str(docs_plan)!r}, {args.docs_tasks}, {args.units}); "
            f"write_plan({str(status_plan)!r}, {args.status_tasks}, 200)"
        )
        subprocess.run([sys.executable, "-c", write], check=True)  # noqa: S603 - our own code
        as_of = ["--as-of", AS_OF.isoformat()]
        docs = f"docs {args.docs_tasks} tasks / {args.units} units"
        big = f"status {args.status_tasks} tasks"
        old_cli = [sys.executable, "-c", _CLI]
        if args.only != "status":
            measure(
                "docs bundled plan (baseline)", [*cli, "docs", *as_of, "--out", str(root / "s0")]
            )
            docs_command = ["docs", "--plan", str(docs_plan), *as_of, "--out", str(root / "s")]
            measure(docs, [*cli, *docs_command], args.big_repeats)
            if old_env is not None:
                measure(
                    f"{docs}, baseline src", [*old_cli, *docs_command], args.big_repeats, old_env
                )
            results[f"{docs} / bundled (wall)"] = (
                results[f"{docs}: wall s"] / results["docs bundled plan (baseline): wall s"]
            )
        if args.only != "docs":
            status_command = ["status", "--plan", str(status_plan), *as_of]
            measure("status bundled plan (baseline)", [*cli, "status", *as_of])
            measure(big, [*cli, *status_command], args.big_repeats)
            if not args.no_tomllib:
                measure(
                    f"{big}, tomllib only (1 run)",
                    [sys.executable, "-c", _WITHOUT_SPEED, *status_command],
                    repeats=1,
                )
                results[f"{big} / tomllib only (wall)"] = (
                    results[f"{big}: wall s"] / results[f"{big}, tomllib only (1 run): wall s"]
                )
            paths = [os.environ.get("PYTHONPATH", ""), here]
            new_env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
            for prefix, env in (("", new_env), ("baseline src: ", old_env)):
                if env is None:
                    continue
                if prefix:
                    measure(
                        f"{big}, baseline src", [*old_cli, *status_command], args.big_repeats, env
                    )
                    results[f"{big}: baseline / now (wall)"] = (
                        results[f"{big}, baseline src: wall s"] / results[f"{big}: wall s"]
                    )
                # in a child, so that this process stays small (see above)
                child = (
                    "import json, bench_scale; "
                    f"print(json.dumps(bench_scale.ratio({str(status_plan)!r}, {args.repeats})))"
                )
                answer = subprocess.run(  # noqa: S603 - our own code
                    [sys.executable, "-c", child], env=env, check=True, capture_output=True
                )
                took, loop = json.loads(answer.stdout)
                results[f"{prefix}status() CPU s"] = took
                results[f"{prefix}hand-written loop CPU s"] = loop
                results[f"{prefix}status() / loop"] = took / loop
    for name, value in results.items():
        print(f"{name:60s} {value:9.3f}")
    out = Path(__file__).parent / "results" / "bench_scale.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
